package httpapi

import (
	"context"
	"net/http"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/apikey"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/customer"
)

var adminAccountProblems = []problemRule{
	{apikey.ErrNotFound, http.StatusNotFound, "not_found", "La clave de API no existe."},
	{apikey.ErrInvalid, http.StatusUnauthorized, "unauthenticated", "La clave de API no es válida o fue revocada."},
	{customer.ErrCannotDeactivateSelf, http.StatusConflict, "cannot_deactivate_self", "No puedes desactivar tu propia cuenta."},
	{customer.ErrDeleted, http.StatusConflict, "conflict", "La cuenta fue eliminada y no se puede reactivar."},
}

func toAPIApiKey(k apikey.Key) api.ApiKey {
	out := api.ApiKey{
		Id: k.ID, Name: k.Name, Prefix: k.Prefix, Scopes: toAPIScopes(k.Scopes), CreatedAt: k.CreatedAt,
		LastUsedAt: k.LastUsedAt, RevokedAt: k.RevokedAt,
	}
	if k.CreatedBy != "" {
		out.CreatedBy = ptr(k.CreatedBy)
	}
	return out
}

func toAPIScopes(scopes []string) []api.ApiKeyScope {
	out := make([]api.ApiKeyScope, len(scopes))
	for i, s := range scopes {
		out[i] = api.ApiKeyScope(s)
	}
	return out
}

func (h *Handler) ListApiKeys(ctx context.Context, req api.ListApiKeysRequestObject) (api.ListApiKeysResponseObject, error) {
	p := req.Params
	page, err := h.deps.Keys.List(ctx, deref(p.IncludeRevoked), deref(p.Page), deref(p.Limit))
	if err != nil {
		return nil, err
	}
	items := make([]api.ApiKey, len(page.Items))
	for i, k := range page.Items {
		items[i] = toAPIApiKey(k)
	}
	return api.ListApiKeys200JSONResponse{Items: items, Total: page.Total, Page: page.Page, Limit: page.Limit}, nil
}

func (h *Handler) CreateApiKey(ctx context.Context, req api.CreateApiKeyRequestObject) (api.CreateApiKeyResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	scopes := make([]string, len(req.Body.Scopes))
	for i, s := range req.Body.Scopes {
		scopes[i] = string(s)
	}
	k, secret, err := h.deps.Keys.Create(ctx, req.Body.Name, scopes, p.UserID)
	if err != nil {
		return nil, err
	}
	return api.CreateApiKey201JSONResponse{
		Id: k.ID, Name: k.Name, Prefix: k.Prefix, Scopes: toAPIScopes(k.Scopes), CreatedAt: k.CreatedAt, Key: secret,
	}, nil
}

func (h *Handler) RevokeApiKey(ctx context.Context, req api.RevokeApiKeyRequestObject) (api.RevokeApiKeyResponseObject, error) {
	if err := h.deps.Keys.Revoke(ctx, req.Id); err != nil {
		return nil, err
	}
	return api.RevokeApiKey204Response{}, nil
}

func toAPIBirthDate(t *time.Time) *openapi_types.Date {
	if t == nil {
		return nil
	}
	return &openapi_types.Date{Time: *t}
}

func toAPICustomer(u customer.User) api.Customer {
	addresses := make([]api.Address, len(u.Addresses))
	for i, a := range u.Addresses {
		addresses[i] = toAPIAddress(a)
	}
	c := api.Customer{
		Id: u.ID, Email: u.Email, Name: u.Name, Role: api.Role(u.Role), IsActive: u.IsActive,
		ImageUrl: optional(u.ImageURL), Phone: optional(u.Phone),
		DocumentType: (*api.DocumentType)(optional(string(u.DocumentType))), DocumentNumber: optional(u.DocumentNumber),
		Gender: (*api.Gender)(optional(string(u.Gender))), BirthDate: toAPIBirthDate(u.BirthDate),
		EmailNotifications: u.EmailNotifications, MarketingEmails: u.MarketingEmails,
		Addresses: addresses, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt,
	}
	return c
}

func (h *Handler) AdminListCustomers(ctx context.Context, req api.AdminListCustomersRequestObject) (api.AdminListCustomersResponseObject, error) {
	p := req.Params
	page, err := h.deps.Customers.List(ctx, customer.ListQuery{
		Q: deref(p.Q), Active: p.Active, Role: auth.Role(deref(p.Role)), Sort: customer.Sort(deref(p.Sort)),
		Page: deref(p.Page), Limit: deref(p.Limit),
	})
	if err != nil {
		return nil, err
	}
	items := make([]api.Customer, len(page.Items))
	for i, u := range page.Items {
		items[i] = toAPICustomer(u)
	}
	return api.AdminListCustomers200JSONResponse{Items: items, Total: page.Total, Page: page.Page, Limit: page.Limit}, nil
}

func (h *Handler) AdminGetCustomer(ctx context.Context, req api.AdminGetCustomerRequestObject) (api.AdminGetCustomerResponseObject, error) {
	u, err := h.deps.Customers.Get(ctx, req.Id)
	if err != nil {
		return nil, err
	}
	return api.AdminGetCustomer200JSONResponse(toAPICustomer(u)), nil
}

func (h *Handler) UpdateCustomerStatus(ctx context.Context, req api.UpdateCustomerStatusRequestObject) (api.UpdateCustomerStatusResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	u, err := h.deps.Customers.SetActive(ctx, p.UserID, req.Id, req.Body.IsActive)
	if err != nil {
		return nil, err
	}
	return api.UpdateCustomerStatus200JSONResponse(toAPICustomer(u)), nil
}
