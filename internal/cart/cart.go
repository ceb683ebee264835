// Package cart owns each customer's server-side cart and the pricing rules
// that the cart and checkout share.
package cart

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/money"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/validation"
)

const collection = "carts"

// MaxQuantity is the most of one product a line may hold.
const MaxQuantity = 99

var (
	// ErrProductNotFound: the product does not exist or is not for sale.
	ErrProductNotFound = errors.New("product not found")
	// ErrLineNotFound: the product is not in the cart.
	ErrLineNotFound = errors.New("product not in the cart")
	// ErrOutOfStock: the quantity is above the product's current stock.
	ErrOutOfStock = errors.New("not enough stock")
)

// Products is what the cart needs from the catalog.
type Products interface {
	AdminGet(id string) (catalog.Product, error)
}

// Item is one stored line: a product, how many, and the unit price the
// shopper saw when they added or last changed it (0 on lines stored before
// prices were kept: those never count as changed).
type Item struct {
	ProductID string `bson:"productId"`
	Quantity  int    `bson:"quantity"`
	UnitPrice int64  `bson:"unitPrice,omitempty"`
}

// PriceChanged reports whether the product's price today differs from the
// one the shopper saw for this line.
func (it Item) PriceChanged(today int64) bool { return it.UnitPrice != 0 && it.UnitPrice != today }

type cartDoc struct {
	ID        bson.ObjectID `bson:"_id"`
	UserID    string        `bson:"userId"`
	Items     []Item        `bson:"items"`
	Version   int64         `bson:"version"`
	UpdatedAt time.Time     `bson:"updatedAt"`
}

// Service manages carts.
type Service struct {
	db       Store
	products Products
	pricing  Pricing
	now      func() time.Time
}

// NewService returns the cart service.
func NewService(db Store, products Products, pricing Pricing) *Service {
	return &Service{db: db, products: products, pricing: pricing, now: func() time.Time { return time.Now().UTC() }}
}

// Indexes: one cart per user (W-17's racy lazy creation is avoided by the
// unique index plus insert-or-read).
func Indexes() []store.Index {
	return []store.Index{{Collection: collection, Model: mongo.IndexModel{
		Keys: bson.D{{"userId", 1}}, Options: options.Index().SetUnique(true)}}}
}

// cartID is the id of a user's cart: the user's own id, so finding the cart
// is a primary-key read.
func cartID(userID string) bson.ObjectID {
	id, err := bson.ObjectIDFromHex(userID)
	if err != nil {
		// Users ids are ObjectIDs; anything else gets a cart nobody else shares.
		var h bson.ObjectID
		copy(h[:], userID)
		return h
	}
	return id
}

// change applies f to the user's lines and stores the result; f may run
// again when another writer changed the cart meanwhile.
func (s *Service) change(ctx context.Context, userID string, f func(items []Item) ([]Item, error)) error {
	return s.db.change(ctx, userID, f, s.now())
}

func checkQuantity(q int) error {
	if q < 1 || q > MaxQuantity {
		return validation.Fail("quantity", validation.OutOfRange, validation.Between(1, MaxQuantity))
	}
	return nil
}

func (s *Service) saleable(productID string) (catalog.Product, error) {
	p, err := s.products.AdminGet(productID)
	if err != nil || !p.Active {
		return catalog.Product{}, ErrProductNotFound
	}
	return p, nil
}

// Add puts quantity more of a product in the cart, merging with its line.
func (s *Service) Add(ctx context.Context, userID, productID string, quantity int) error {
	if err := checkQuantity(quantity); err != nil {
		return err
	}
	p, err := s.saleable(productID)
	if err != nil {
		return err
	}
	return s.change(ctx, userID, func(items []Item) ([]Item, error) {
		for i, it := range items {
			if it.ProductID == productID {
				q := it.Quantity + quantity
				if err := checkQuantity(q); err != nil {
					return nil, err
				}
				if q > p.Stock {
					return nil, ErrOutOfStock
				}
				// Adding is done at today's price, for the whole line.
				items[i].Quantity, items[i].UnitPrice = q, p.Price
				return items, s.checkTotal(items)
			}
		}
		if quantity > p.Stock {
			return nil, ErrOutOfStock
		}
		items = append(items, Item{ProductID: productID, Quantity: quantity, UnitPrice: p.Price})
		return items, s.checkTotal(items)
	})
}

// checkTotal refuses a cart whose lines, at today's prices, would add up to
// more than a total may reach (money.ErrTooLarge).
func (s *Service) checkTotal(items []Item) error {
	var subtotal int64
	for _, it := range items {
		p, err := s.saleable(it.ProductID)
		if err != nil {
			continue // left out of the totals anyway
		}
		line, err := money.Mul(p.Price, it.Quantity)
		if err != nil {
			return err
		}
		if subtotal, err = money.Add(subtotal, line); err != nil {
			return err
		}
	}
	_, err := s.pricing.Price(subtotal, 0)
	return err
}

// Set changes the quantity of a product already in the cart.
func (s *Service) Set(ctx context.Context, userID, productID string, quantity int) error {
	if err := checkQuantity(quantity); err != nil {
		return err
	}
	return s.change(ctx, userID, func(items []Item) ([]Item, error) {
		for i, it := range items {
			if it.ProductID == productID {
				p, err := s.saleable(productID)
				if err != nil {
					return nil, err
				}
				if quantity > p.Stock {
					return nil, ErrOutOfStock
				}
				// The shopper changes the line as the cart shows it: at
				// today's price.
				items[i].Quantity, items[i].UnitPrice = quantity, p.Price
				return items, s.checkTotal(items)
			}
		}
		return nil, ErrLineNotFound
	})
}

// Remove takes a product out of the cart; removing an absent one is a no-op.
func (s *Service) Remove(ctx context.Context, userID, productID string) error {
	return s.change(ctx, userID, func(items []Item) ([]Item, error) {
		out := items[:0]
		for _, it := range items {
			if it.ProductID != productID {
				out = append(out, it)
			}
		}
		return out, nil
	})
}

// Clear empties the cart.
func (s *Service) Clear(ctx context.Context, userID string) error {
	return s.change(ctx, userID, func([]Item) ([]Item, error) { return []Item{}, nil })
}

// Pricing returns the pricing rules the cart applies.
func (s *Service) Pricing() Pricing { return s.pricing }

// Items returns the stored lines (checkout prices them itself).
func (s *Service) Items(ctx context.Context, userID string) ([]Item, error) {
	d, err := s.db.load(ctx, userID)
	return d.Items, err
}

// RemoveOrdered takes the ordered quantities out of the cart after checkout,
// leaving anything added meanwhile.
func (s *Service) RemoveOrdered(ctx context.Context, userID string, ordered []Item) error {
	return s.change(ctx, userID, func(items []Item) ([]Item, error) {
		left := map[string]int{}
		for _, o := range ordered {
			left[o.ProductID] += o.Quantity
		}
		out := items[:0]
		for _, it := range items {
			it.Quantity -= left[it.ProductID]
			if it.Quantity > 0 {
				out = append(out, it)
			}
		}
		return out, nil
	})
}

// Line is a cart line priced with the current catalog.
type Line struct {
	ProductID      string
	Name           string
	Image          string
	UnitPrice      int64
	Quantity       int
	LineTotal      int64
	AvailableStock int
	Available      bool
	// PreviousUnitPrice is the price the shopper saw for the line, set only
	// when today's UnitPrice differs from it.
	PreviousUnitPrice int64
	// Warning is product_unavailable, insufficient_stock, amount_too_large
	// or price_changed, else empty.
	Warning string
}

// View is the priced cart.
type View struct {
	Lines     []Line
	ItemCount int
	Totals    Totals
	UpdatedAt *time.Time
}

// Get prices the cart with the current catalog. Lines whose product is gone
// or short of stock are kept with a warning and left out of the totals.
func (s *Service) Get(ctx context.Context, userID string) (View, error) {
	d, err := s.db.load(ctx, userID)
	if err != nil {
		return View{}, err
	}
	v := View{Lines: []Line{}}
	if !d.ID.IsZero() {
		v.UpdatedAt = &d.UpdatedAt
	}
	var subtotal int64
	for _, it := range d.Items {
		l := Line{ProductID: it.ProductID, Quantity: it.Quantity}
		var lineErr error
		p, err := s.products.AdminGet(it.ProductID)
		switch {
		case err != nil || !p.Active:
			l.Name = "Producto no disponible"
			l.Warning = "product_unavailable"
			if err == nil {
				l.Name, l.UnitPrice = p.Name, p.Price
			}
		default:
			l.Name, l.UnitPrice, l.AvailableStock = p.Name, p.Price, p.Stock
			if len(p.Images) > 0 {
				l.Image, _ = p.Images[0].Thumb()
			}
			l.LineTotal, lineErr = money.Mul(p.Price, it.Quantity)
			next, sumErr := money.Add(subtotal, l.LineTotal)
			if lineErr == nil && sumErr == nil {
				_, sumErr = s.pricing.Price(next, 0)
			}
			switch {
			case it.Quantity > p.Stock:
				l.Warning = "insufficient_stock"
			case lineErr != nil || sumErr != nil:
				// Kept out of the totals, so the cart still shows (and the
				// shopper can take the line out) instead of failing.
				l.Warning = "amount_too_large"
			default:
				l.Available = true
				subtotal = next
				v.ItemCount += it.Quantity
			}
			if it.PriceChanged(p.Price) {
				l.PreviousUnitPrice = it.UnitPrice
				if l.Warning == "" {
					l.Warning = "price_changed"
				}
			}
		}
		v.Lines = append(v.Lines, l)
	}
	// Every line in the subtotal passed the same check above.
	t, err := s.pricing.Price(subtotal, 0)
	if err != nil {
		return View{}, fmt.Errorf("price cart: %w", err)
	}
	v.Totals = t
	return v, nil
}

// Pricing holds the shop's pricing rules.
type Pricing struct {
	Currency    string
	ShippingFee int64   // flat, per order with at least one item
	TaxRate     float64 // IVA included in prices
}

// Totals are the money figures of a cart or an order.
type Totals struct {
	Subtotal    int64
	Discount    int64
	Shipping    int64
	TaxIncluded int64
	Total       int64
	Currency    string
}

// Price computes the totals of a subtotal with a discount: shipping is flat
// when anything is bought; the discount is at most the subtotal, so the total
// never goes below zero; IVA is the part of the total it already contains. A
// total past money.MaxTotal is money.ErrTooLarge, never a wrapped figure.
func (p Pricing) Price(subtotal, discount int64) (Totals, error) {
	if subtotal < 0 {
		return Totals{}, fmt.Errorf("price subtotal %d: %w", subtotal, money.ErrNegative)
	}
	discount = min(max(discount, 0), subtotal)
	t := Totals{Subtotal: subtotal, Discount: discount, Currency: p.Currency}
	if subtotal > 0 {
		t.Shipping = p.ShippingFee
	}
	gross, err := money.Add(subtotal, t.Shipping)
	if err != nil {
		return Totals{}, fmt.Errorf("price subtotal %d: %w", subtotal, err)
	}
	if t.Total, err = money.Sub(gross, discount); err != nil {
		return Totals{}, fmt.Errorf("price subtotal %d: %w", subtotal, err)
	}
	t.TaxIncluded = money.IncludedTax(t.Total, p.TaxRate)
	return t, nil
}
