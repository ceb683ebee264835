package customer

import (
	"context"
	"errors"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// ProductChecker tells whether a product is on sale: it exists, is not
// deleted and is active. The catalog answers it; this package does not know
// the catalog.
type ProductChecker interface {
	Exists(productID string) bool
}

// ErrProductNotFound means the product to wish for does not exist (or is not
// on sale).
var ErrProductNotFound = errors.New("product not found")

// WishlistPage is one page of the products a customer wishes for, newest
// first. Products no longer on sale are left out of the page and the total
// but stay on the list, so a product that comes back shows again.
type WishlistPage struct {
	ProductIDs  []string
	Total       int
	Page, Limit int
}

// Wishlist returns a page of the customer's wished products that are on sale.
func (s *Service) Wishlist(ctx context.Context, userID string, page, limit int) (WishlistPage, error) {
	if page == 0 {
		page = 1
	}
	if limit == 0 {
		limit = 20
	}
	v := &validation.Error{}
	if page < 1 {
		v.Add("page", validation.OutOfRange, validation.AtLeast(1))
	}
	if limit < 1 || limit > 100 {
		v.Add("limit", validation.OutOfRange, validation.Between(1, 100))
	}
	if err := v.Err(); err != nil {
		return WishlistPage{}, err
	}
	u, err := s.Get(ctx, userID)
	if err != nil {
		return WishlistPage{}, err
	}
	var onSale []string
	for _, id := range newestFirst(u.Wishlist) {
		if s.products.Exists(id) {
			onSale = append(onSale, id)
		}
	}
	p := WishlistPage{ProductIDs: []string{}, Total: len(onSale), Page: page, Limit: limit}
	from, to := store.Window(page, limit, len(onSale))
	p.ProductIDs = append(p.ProductIDs, onSale[from:to]...)
	return p, nil
}

// AddToWishlist adds a product on sale to the wishlist; adding one already
// there changes nothing. It returns the ids now in the list, newest first.
func (s *Service) AddToWishlist(ctx context.Context, userID, productID string) ([]string, error) {
	oid, err := bson.ObjectIDFromHex(productID)
	if err != nil {
		return nil, ErrProductNotFound
	}
	productID = oid.Hex() // one spelling, so the set semantics hold
	if !s.products.Exists(productID) {
		return nil, ErrProductNotFound
	}
	u, err := s.updateUser(ctx, userID, bson.D{
		{"$addToSet", bson.D{{"wishlist", productID}}},
		{"$set", bson.D{{"updatedAt", s.now()}}},
	})
	if err != nil {
		return nil, err
	}
	return newestFirst(u.Wishlist), nil
}

// RemoveFromWishlist takes a product off the wishlist; removing one that is
// not there changes nothing. It returns the ids now in the list, newest first.
func (s *Service) RemoveFromWishlist(ctx context.Context, userID, productID string) ([]string, error) {
	if oid, err := bson.ObjectIDFromHex(productID); err == nil {
		productID = oid.Hex()
	}
	// $pull of an exact element is one of the forms FerretDB applies correctly.
	u, err := s.updateUser(ctx, userID, bson.D{
		{"$pull", bson.D{{"wishlist", productID}}},
		{"$set", bson.D{{"updatedAt", s.now()}}},
	})
	if err != nil {
		return nil, err
	}
	return newestFirst(u.Wishlist), nil
}

// newestFirst turns the stored list (oldest first) around.
func newestFirst(ids []string) []string {
	out := slices.Clone(ids)
	slices.Reverse(out)
	if out == nil {
		out = []string{}
	}
	return out
}
