// Package catalog owns products: the rules for creating and changing them,
// their stock, their images, and the in-memory read model that serves the
// public catalog without touching the database.
package catalog

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/donpalito/donpalitojr/internal/money"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// Product is one item the shop sells.
type Product struct {
	rev       int64 // the stored revision, for ordering read-model updates
	ratingSum int64 // the stored sum of ratings, which start-up recovery checks

	ID          string
	Name        string
	Description string
	Category    string
	// Price in minor units of Currency, IVA included.
	Price         int64
	Currency      string
	Stock         int
	Images        []Image
	Active        bool
	AverageRating float64
	ReviewCount   int
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Image is one picture of a product.
type Image struct {
	ID string
	// URL is where clients fetch it; Ref is how it is stored (root-relative
	// for local media), what snapshots such as order lines keep.
	URL, Ref string
	// Key is where the media storage keeps it.
	Key string
	// Width and Height of the original in pixels; 0 until measured.
	Width, Height int
	// Variants are resized copies, narrowest first.
	Variants []Variant
}

// Variant is a resized copy of an image.
type Variant struct {
	Width    int
	Format   string // jpeg or webp
	URL, Ref string
	Key      string
}

// Thumb is the narrowest copy of the image (the original when it has none):
// what lists and order lines show.
func (im Image) Thumb() (url, ref string) {
	if len(im.Variants) > 0 {
		return im.Variants[0].URL, im.Variants[0].Ref
	}
	return im.URL, im.Ref
}

// VariantURL returns the URL of the narrowest copy at least width wide (the
// widest copy, or the original, when none is).
func (im Image) VariantURL(width int) string {
	for _, v := range im.Variants {
		if v.Width >= width {
			return v.URL
		}
	}
	if n := len(im.Variants); n > 0 {
		return im.Variants[n-1].URL
	}
	return im.URL
}

// MaxImages is how many images one product may have.
const MaxImages = 3

// Limits on the fields an admin writes; the contract states the same ones.
const (
	maxName        = 120
	maxDescription = 2000
	maxCategory    = 60
	maxStock       = 1_000_000
)

var (
	ErrNotFound          = errors.New("product not found")
	ErrTooManyImages     = errors.New("a product has at most 3 images")
	ErrInsufficientStock = errors.New("stock cannot go below zero")
	ErrImageNotFound     = errors.New("image not found")
	// ErrNotDeleted: only a deleted product can be restored.
	ErrNotDeleted = errors.New("the product is not deleted")
)

// NewProduct is what an admin sends to create a product.
type NewProduct struct {
	Name, Description, Category string
	Price                       int64
	Stock                       int
	Active                      bool
}

// ProductChanges holds the fields an admin wants to change; nil means keep.
type ProductChanges struct {
	Name, Description, Category *string
	Price                       *int64
	Stock                       *int
	Active                      *bool
}

func (n *NewProduct) normalise() error {
	n.Name = strings.TrimSpace(n.Name)
	n.Description = strings.TrimSpace(n.Description)
	n.Category = strings.TrimSpace(n.Category)
	v := &validation.Error{}
	checkText(v, "name", n.Name, maxName)
	checkText(v, "description", n.Description, maxDescription)
	checkText(v, "category", n.Category, maxCategory)
	checkPrice(v, n.Price)
	checkStock(v, n.Stock)
	return v.Err()
}

func (c *ProductChanges) normalise() error {
	v := &validation.Error{}
	trim := func(field string, s *string, max int) {
		if s != nil {
			*s = strings.TrimSpace(*s)
			checkText(v, field, *s, max)
		}
	}
	trim("name", c.Name, maxName)
	trim("description", c.Description, maxDescription)
	trim("category", c.Category, maxCategory)
	if c.Price != nil {
		checkPrice(v, *c.Price)
	}
	if c.Stock != nil {
		checkStock(v, *c.Stock)
	}
	if c.Name == nil && c.Description == nil && c.Category == nil && c.Price == nil && c.Stock == nil && c.Active == nil {
		v.Add("body", validation.Required, validation.MsgNothingToChange)
	}
	return v.Err()
}

func checkText(v *validation.Error, field, s string, max int) {
	switch n := utf8.RuneCountInString(s); {
	case n == 0:
		v.Add(field, validation.Required, validation.MsgNotEmpty)
	case n > max:
		v.Add(field, validation.TooLong, validation.MaxChars(max))
	}
}

// ValidatePrice is the bound every product price meets: 1…money.MaxAmount
// minor units (a validation error otherwise).
func ValidatePrice(p int64) error {
	v := &validation.Error{}
	checkPrice(v, p)
	return v.Err()
}

func checkPrice(v *validation.Error, p int64) {
	if p < 1 || p > money.MaxAmount {
		v.Add("price", validation.OutOfRange, fmt.Sprintf("Debe ser un valor en centavos entre 1 y %d (300000 = $ 3.000).", money.MaxAmount))
	}
}

func checkStock(v *validation.Error, s int) {
	if s < 0 || s > maxStock {
		v.Add("stock", validation.OutOfRange, validation.Between(0, maxStock))
	}
}

// StockMode says how a stock adjustment reads its quantity.
type StockMode string

const (
	StockSet   StockMode = "set"
	StockDelta StockMode = "delta"
)

// StockAdjustment is an admin's correction of a product's stock.
type StockAdjustment struct {
	Mode     StockMode
	Quantity int
	Reason   string
	Actor    string
}
