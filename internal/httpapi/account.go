package httpapi

import (
	"context"
	"net/http"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/customer"
)

// userProblems map the errors of a customer's own account: profile,
// addresses, wishlist.
var userProblems = []problemRule{
	{customer.ErrAddressNotFound, http.StatusNotFound, "not_found", "La dirección no existe."},
	{customer.ErrTooManyAddresses, http.StatusConflict, "too_many_addresses", "Puedes guardar como máximo 10 direcciones."},
	{customer.ErrDefaultAddressRequired, http.StatusConflict, "conflict", "Siempre debe haber una dirección predeterminada: marca otra como predeterminada en su lugar."},
	{customer.ErrConcurrentChange, http.StatusConflict, "conflict", "Tus direcciones cambiaron mientras se guardaba este cambio. Intenta de nuevo."},
	{customer.ErrProductNotFound, http.StatusNotFound, "not_found", "El producto no existe."},
}

// --- conversions ---

func toAPIProfile(u customer.User) api.Profile {
	p := api.Profile{
		Id: u.ID, Email: u.Email, Name: u.Name, Role: api.Role(u.Role), IsActive: u.IsActive,
		EmailNotifications: u.EmailNotifications, MarketingEmails: u.MarketingEmails,
		CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt,
		ImageUrl: optional(u.ImageURL), Phone: optional(u.Phone), DocumentNumber: optional(u.DocumentNumber),
	}
	if u.DocumentType != "" {
		p.DocumentType = ptr(api.DocumentType(u.DocumentType))
	}
	if u.Gender != "" {
		p.Gender = ptr(api.Gender(u.Gender))
	}
	if u.BirthDate != nil {
		p.BirthDate = &openapi_types.Date{Time: u.BirthDate.UTC()}
	}
	return p
}

func fromAPIProfileUpdate(b api.ProfileUpdate) customer.ProfileChanges {
	c := customer.ProfileChanges{Name: b.Name, Phone: b.Phone, DocumentNumber: b.DocumentNumber}
	if b.DocumentType != nil {
		c.DocumentType = ptr(customer.DocumentType(*b.DocumentType))
	}
	if b.Gender != nil {
		c.Gender = ptr(customer.Gender(*b.Gender))
	}
	if b.BirthDate != nil {
		c.BirthDate = ptr(b.BirthDate.Time)
	}
	return c
}

func toAPIAddress(a customer.Address) api.Address {
	return api.Address{
		Id: a.ID, Label: a.Label, FullName: a.FullName, StreetAddress: a.StreetAddress, City: a.City,
		PhoneNumber: a.PhoneNumber, Notes: optional(a.Notes), IsDefault: a.IsDefault,
		CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt,
	}
}

func toAPIAddressList(as []customer.Address) api.AddressList {
	items := make([]api.Address, len(as))
	for i, a := range as {
		items[i] = toAPIAddress(a)
	}
	return api.AddressList{Items: items}
}

func fromAPIAddressCreate(b api.AddressCreate) customer.NewAddress {
	return customer.NewAddress{
		Label: b.Label, FullName: b.FullName, StreetAddress: b.StreetAddress, City: b.City,
		PhoneNumber: b.PhoneNumber, Notes: deref(b.Notes), IsDefault: deref(b.IsDefault),
	}
}

func fromAPIAddressUpdate(b api.AddressUpdate) customer.AddressChanges {
	return customer.AddressChanges{
		Label: b.Label, FullName: b.FullName, StreetAddress: b.StreetAddress, City: b.City,
		PhoneNumber: b.PhoneNumber, Notes: b.Notes, IsDefault: b.IsDefault,
	}
}

func toAPINotificationPreferences(u customer.User) api.NotificationPreferences {
	return api.NotificationPreferences{EmailNotifications: u.EmailNotifications, MarketingEmails: u.MarketingEmails}
}

// optional is nil for an unset (empty) text, which the contract omits.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// --- profile ---

func (h *Handler) GetProfile(ctx context.Context, _ api.GetProfileRequestObject) (api.GetProfileResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	u, err := h.deps.Customers.Get(ctx, p.UserID)
	if err != nil {
		return nil, err
	}
	return api.GetProfile200JSONResponse(toAPIProfile(u)), nil
}

func (h *Handler) UpdateProfile(ctx context.Context, req api.UpdateProfileRequestObject) (api.UpdateProfileResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	u, err := h.deps.Customers.UpdateProfile(ctx, p.UserID, fromAPIProfileUpdate(*req.Body))
	if err != nil {
		return nil, err
	}
	return api.UpdateProfile200JSONResponse(toAPIProfile(u)), nil
}

func (h *Handler) UpdateNotificationPreferences(ctx context.Context, req api.UpdateNotificationPreferencesRequestObject) (api.UpdateNotificationPreferencesResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	u, err := h.deps.Customers.UpdateNotificationPreferences(ctx, p.UserID, customer.NotificationPreferences{
		EmailNotifications: req.Body.EmailNotifications, MarketingEmails: req.Body.MarketingEmails,
	})
	if err != nil {
		return nil, err
	}
	return api.UpdateNotificationPreferences200JSONResponse(toAPINotificationPreferences(u)), nil
}

func (h *Handler) DeactivateAccount(ctx context.Context, _ api.DeactivateAccountRequestObject) (api.DeactivateAccountResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.deps.Customers.Deactivate(ctx, p.UserID); err != nil {
		return nil, err
	}
	return api.DeactivateAccount204Response{}, nil
}

// --- addresses ---

func (h *Handler) ListAddresses(ctx context.Context, _ api.ListAddressesRequestObject) (api.ListAddressesResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	as, err := h.deps.Customers.Addresses(ctx, p.UserID)
	if err != nil {
		return nil, err
	}
	return api.ListAddresses200JSONResponse(toAPIAddressList(as)), nil
}

func (h *Handler) CreateAddress(ctx context.Context, req api.CreateAddressRequestObject) (api.CreateAddressResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	a, err := h.deps.Customers.AddAddress(ctx, p.UserID, fromAPIAddressCreate(*req.Body))
	if err != nil {
		return nil, err
	}
	return api.CreateAddress201JSONResponse(toAPIAddress(a)), nil
}

func (h *Handler) UpdateAddress(ctx context.Context, req api.UpdateAddressRequestObject) (api.UpdateAddressResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	a, err := h.deps.Customers.UpdateAddress(ctx, p.UserID, req.Id, fromAPIAddressUpdate(*req.Body))
	if err != nil {
		return nil, err
	}
	return api.UpdateAddress200JSONResponse(toAPIAddress(a)), nil
}

func (h *Handler) DeleteAddress(ctx context.Context, req api.DeleteAddressRequestObject) (api.DeleteAddressResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if err := h.deps.Customers.DeleteAddress(ctx, p.UserID, req.Id); err != nil {
		return nil, err
	}
	return api.DeleteAddress204Response{}, nil
}

// --- wishlist ---

func (h *Handler) GetWishlist(ctx context.Context, req api.GetWishlistRequestObject) (api.GetWishlistResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	page, err := h.deps.Customers.Wishlist(ctx, p.UserID, deref(req.Params.Page), deref(req.Params.Limit))
	if err != nil {
		return nil, err
	}
	items := make([]api.Product, 0, len(page.ProductIDs))
	for _, id := range page.ProductIDs {
		// The customer service kept only products on sale; one withdrawn
		// since that moment is simply skipped.
		if pr, err := h.deps.Catalog.Get(id); err == nil {
			items = append(items, toAPIProduct(pr))
		}
	}
	return api.GetWishlist200JSONResponse{Items: items, Total: page.Total, Page: page.Page, Limit: page.Limit}, nil
}

func (h *Handler) AddWishlistItem(ctx context.Context, req api.AddWishlistItemRequestObject) (api.AddWishlistItemResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	ids, err := h.deps.Customers.AddToWishlist(ctx, p.UserID, req.Body.ProductId)
	if err != nil {
		return nil, err
	}
	return api.AddWishlistItem200JSONResponse{ProductIds: ids}, nil
}

func (h *Handler) RemoveWishlistItem(ctx context.Context, req api.RemoveWishlistItemRequestObject) (api.RemoveWishlistItemResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	ids, err := h.deps.Customers.RemoveFromWishlist(ctx, p.UserID, req.ProductId)
	if err != nil {
		return nil, err
	}
	return api.RemoveWishlistItem200JSONResponse{ProductIds: ids}, nil
}
