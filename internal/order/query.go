package order

import (
	"context"
	"errors"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/coupon"
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
	if err := q.Validate(); err != nil {
		return Page{}, err
	}
	if q.UserID != "" && q.Q == "" && q.From == "" && q.To == "" && q.PaymentMethod == "" {
		if p, ok, err := s.listForCustomer(ctx, q); ok || err != nil {
			return p, err
		}
	}
	return s.d.Reads.List(ctx, q)
}

func isHex(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// EachMatching streams the orders a query selects (ignoring paging), newest
// first.
func (s *Service) EachMatching(ctx context.Context, q Query, f func(Order) error) error {
	if err := q.Validate(); err != nil {
		return err
	}
	return s.d.Reads.Each(ctx, q, f)
}

// EachPaid calls f for every order paid in [start, end) that still counts as
// revenue, latest payment first (the dashboard's figures).
func (s *Service) EachPaid(ctx context.Context, start, end time.Time, f func(PaidOrder) error) error {
	return s.d.Reads.EachPaid(ctx, start, end, f)
}

// CountCreated counts the orders created in [start, end) by status.
func (s *Service) CountCreated(ctx context.Context, start, end time.Time) (map[Status]int, error) {
	return s.d.Reads.CountCreated(ctx, start, end)
}

// LoadReads prepares the admin's reads (builds the embedded database's
// index) before the platform serves.
func (s *Service) LoadReads(ctx context.Context) error { return s.d.Reads.Load(ctx) }

// Refresh re-reads an order written outside the service (a migration, a
// test moving an order in time) so the admin's reads see it as stored.
func (s *Service) Refresh(ctx context.Context, id string) error {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return ErrNotFound
	}
	unlock := s.db.lockOrder(id)
	defer unlock()
	return s.refresh(ctx, oid)
}

// refresh re-reads an order by _id into the reads; the caller holds the
// order (lockOrder). A write that failed may or may not have been applied.
func (s *Service) refresh(ctx context.Context, id bson.ObjectID) error {
	o, err := s.Get(ctx, id.Hex())
	switch {
	case errors.Is(err, ErrNotFound):
		s.d.Reads.Gone(id)
	case err != nil:
		s.d.Reads.Unsure()
		return err
	default:
		s.d.Reads.Stored(o)
	}
	return nil
}

// refreshAfterFailure is refresh after a write that returned an error:
// the write may have been applied all the same.
func (s *Service) refreshAfterFailure(ctx context.Context, id bson.ObjectID) {
	if err := s.refresh(context.WithoutCancel(ctx), id); err != nil {
		s.d.Log.Warn("re-read an order after a failed write", "order", id.Hex(), "err", err)
	}
}
