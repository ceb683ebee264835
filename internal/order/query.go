package order

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// Query selects orders.
type Query struct {
	UserID        string // only this customer's orders, when set
	Status        Status
	PaymentMethod PaymentMethod
	// From and To are calendar days (YYYY-MM-DD) in Bogota, inclusive.
	From, To string
	// Q matches an order id, its reference, or the customer's name or email.
	Q           string
	Page, Limit int
}

// Page is one page of orders.
type Page struct {
	Items       []Order
	Total       int
	Page, Limit int
}

// DayRange turns inclusive Bogota calendar days into a [from, until) instant
// range; empty days leave that side open.
func DayRange(from, to string) (time.Time, time.Time, error) {
	var start, end time.Time
	if from != "" {
		t, err := time.ParseInLocation(time.DateOnly, from, coupon.Bogota)
		if err != nil {
			return start, end, validation.Fail("from", validation.InvalidFormat, validation.MsgDate)
		}
		start = t
	}
	if to != "" {
		t, err := time.ParseInLocation(time.DateOnly, to, coupon.Bogota)
		if err != nil {
			return start, end, validation.Fail("to", validation.InvalidFormat, validation.MsgDate)
		}
		end = t.AddDate(0, 0, 1)
	}
	if !start.IsZero() && !end.IsZero() && !start.Before(end) {
		return start, end, validation.Fail("to", validation.OutOfRange, "No puede ser anterior a from.")
	}
	return start, end, nil
}

// Validate checks a query without running it, so an export can refuse bad
// filters before it starts streaming.
func (q Query) Validate() error {
	_, err := q.filter()
	return err
}

func (q Query) filter() (bson.D, error) {
	f := bson.D{}
	if q.UserID != "" {
		f = append(f, bson.E{"userId", q.UserID})
	}
	if q.Status != "" {
		f = append(f, bson.E{"status", q.Status})
	}
	if q.PaymentMethod != "" {
		f = append(f, bson.E{"paymentMethod", q.PaymentMethod})
	}
	start, end, err := DayRange(q.From, q.To)
	if err != nil {
		return nil, err
	}
	if !start.IsZero() || !end.IsZero() {
		r := bson.D{}
		if !start.IsZero() {
			r = append(r, bson.E{"$gte", start})
		}
		if !end.IsZero() {
			r = append(r, bson.E{"$lt", end})
		}
		f = append(f, bson.E{"createdAt", r})
	}
	if term := strings.TrimSpace(q.Q); term != "" {
		if utf8.RuneCountInString(term) > 100 {
			return nil, validation.Fail("q", validation.TooLong, validation.MaxChars(100))
		}
		rx := bson.Regex{Pattern: regexp.QuoteMeta(term), Options: "i"}
		or := bson.A{bson.D{{"customer.name", rx}}, bson.D{{"customer.email", rx}}}
		if oid, err := bson.ObjectIDFromHex(term); err == nil {
			or = append(or, bson.D{{"_id", oid}})
		}
		f = append(f, bson.E{"$or", or})
	}
	return f, nil
}

func normalisePage(q *Query) {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.Limit < 1 || q.Limit > 100 {
		q.Limit = 20
	}
}

// List returns orders newest first.
func (s *Service) List(ctx context.Context, q Query) (Page, error) {
	normalisePage(&q)
	f, err := q.filter()
	if err != nil {
		return Page{}, err
	}
	if q.UserID != "" && q.Q == "" && q.From == "" && q.To == "" && q.PaymentMethod == "" {
		if p, ok, err := s.listForCustomer(ctx, q); ok || err != nil {
			return p, err
		}
	}
	if ref := strings.ToUpper(strings.TrimSpace(q.Q)); len(ref) == 8 && isHex(ref) {
		return s.listByReference(ctx, q, ref)
	}
	total, err := s.orders().CountDocuments(ctx, f)
	if err != nil {
		return Page{}, fmt.Errorf("count orders: %w", err)
	}
	cur, err := s.orders().Find(ctx, f, options.Find().SetSort(bson.D{{"createdAt", -1}, {"_id", -1}}).
		SetSkip(store.Skip(q.Page, q.Limit)).SetLimit(int64(q.Limit)))
	if err != nil {
		return Page{}, fmt.Errorf("list orders: %w", err)
	}
	var items []Order
	if err := cur.All(ctx, &items); err != nil {
		return Page{}, fmt.Errorf("list orders: %w", err)
	}
	if items == nil {
		items = []Order{}
	}
	return Page{Items: items, Total: int(total), Page: q.Page, Limit: q.Limit}, nil
}

// listByReference finds orders by the 8-character reference customers quote.
func (s *Service) listByReference(ctx context.Context, q Query, ref string) (Page, error) {
	q2 := q
	q2.Q = ""
	f, err := q2.filter()
	if err != nil {
		return Page{}, err
	}
	var matched []Order
	err = s.Each(ctx, f, func(o Order) error {
		if o.Reference() == ref {
			matched = append(matched, o)
		}
		return nil
	})
	if err != nil {
		return Page{}, err
	}
	p := Page{Items: []Order{}, Total: len(matched), Page: q.Page, Limit: q.Limit}
	from, to := store.Window(q.Page, q.Limit, len(matched))
	p.Items = append(p.Items, matched[from:to]...)
	return p, nil
}

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// Each calls f for every order matching filter, newest first, streaming from
// the database (exports and reports).
func (s *Service) Each(ctx context.Context, filter bson.D, f func(Order) error) error {
	cur, err := s.orders().Find(ctx, filter, options.Find().SetSort(bson.D{{"createdAt", -1}, {"_id", -1}}))
	if err != nil {
		return fmt.Errorf("scan orders: %w", err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var o Order
		if err := cur.Decode(&o); err != nil {
			return fmt.Errorf("decode order: %w", err)
		}
		if err := f(o); err != nil {
			return err
		}
	}
	return cur.Err()
}

// EachMatching streams the orders a query selects (ignoring paging).
func (s *Service) EachMatching(ctx context.Context, q Query, f func(Order) error) error {
	if ref := strings.ToUpper(strings.TrimSpace(q.Q)); len(ref) == 8 && isHex(ref) {
		q.Q = ""
		filter, err := q.filter()
		if err != nil {
			return err
		}
		return s.Each(ctx, filter, func(o Order) error {
			if o.Reference() != ref {
				return nil
			}
			return f(o)
		})
	}
	filter, err := q.filter()
	if err != nil {
		return err
	}
	return s.Each(ctx, filter, f)
}

// Collection gives reports read access to the orders collection.
func (s *Service) Collection() *mongo.Collection { return s.orders() }
