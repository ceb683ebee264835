// Package coupon owns discount coupons: their rules and their atomic
// redemption at checkout, within global and per-customer limits.
package coupon

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/money"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/validation"
)

const (
	couponsCollection     = "coupons"
	usageCollection       = "coupon_usage"
	redemptionsCollection = "coupon_redemptions"
)

// Type is how a coupon discounts.
type Type string

const (
	Percentage Type = "percentage"
	Fixed      Type = "fixed"
)

// Coupon is a discount code.
type Coupon struct {
	ID          string
	Code        string
	Description string
	Type        Type
	// Value is a percentage (1–100) or an amount in minor units.
	Value    int64
	Currency string
	Active   bool
	Public   bool
	// StartsOn and EndsOn are calendar days (YYYY-MM-DD) in Bogota; empty
	// means no bound.
	StartsOn         string
	EndsOn           string
	MinSubtotal      int64
	MaxDiscount      int64 // 0: no cap
	UsageLimit       int   // 0: unlimited
	PerCustomerLimit int   // 0: unlimited
	UsedCount        int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

type couponDoc struct {
	ID               bson.ObjectID `bson:"_id"`
	Code             string        `bson:"code"`
	Description      string        `bson:"description"`
	Type             string        `bson:"type"`
	Value            int64         `bson:"value"`
	Currency         string        `bson:"currency"`
	Active           bool          `bson:"active"`
	Public           bool          `bson:"public"`
	StartsOn         string        `bson:"startsOn,omitempty"`
	EndsOn           string        `bson:"endsOn,omitempty"`
	MinSubtotal      int64         `bson:"minSubtotal"`
	MaxDiscount      int64         `bson:"maxDiscount"`
	UsageLimit       int           `bson:"usageLimit"`
	PerCustomerLimit int           `bson:"perCustomerLimit"`
	UsedCount        int           `bson:"usedCount"`
	Deleted          bool          `bson:"deleted"`
	CreatedAt        time.Time     `bson:"createdAt"`
	UpdatedAt        time.Time     `bson:"updatedAt"`
}

func (d couponDoc) toDomain() Coupon {
	return Coupon{
		ID: d.ID.Hex(), Code: d.Code, Description: d.Description, Type: Type(d.Type), Value: d.Value,
		Currency: d.Currency, Active: d.Active, Public: d.Public, StartsOn: d.StartsOn, EndsOn: d.EndsOn,
		MinSubtotal: d.MinSubtotal, MaxDiscount: d.MaxDiscount, UsageLimit: d.UsageLimit,
		PerCustomerLimit: d.PerCustomerLimit, UsedCount: d.UsedCount,
		CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
	}
}

func fromDomain(c Coupon) couponDoc {
	return couponDoc{
		Code: c.Code, Description: c.Description, Type: string(c.Type), Value: c.Value,
		Currency: c.Currency, Active: c.Active, Public: c.Public, StartsOn: c.StartsOn, EndsOn: c.EndsOn,
		MinSubtotal: c.MinSubtotal, MaxDiscount: c.MaxDiscount, UsageLimit: c.UsageLimit,
		PerCustomerLimit: c.PerCustomerLimit,
	}
}

// Indexes are the indexes coupons need.
func Indexes() []store.Index {
	return []store.Index{
		{Collection: couponsCollection, Model: mongo.IndexModel{Keys: bson.D{{"code", 1}}, Options: options.Index().SetUnique(true)}},
		{Collection: redemptionsCollection, Model: mongo.IndexModel{Keys: bson.D{{"couponId", 1}, {"userId", 1}}}},
	}
}

// NormaliseCode is how codes are compared: trimmed and upper-cased.
func NormaliseCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

var codePattern = regexp.MustCompile(`^[A-Z0-9_-]{3,40}$`)

// Service manages coupons.
type Service struct {
	db       Store
	currency string
	now      func() time.Time
}

// NewService returns the coupon service on its store (NewMongoStore or
// NewEmbeddedStore).
func NewService(db Store, currency string) *Service {
	return &Service{db: db, currency: currency, now: func() time.Time { return time.Now().UTC() }}
}

// Validate checks a complete coupon as it would be stored (and normalises
// its code and description): every amount within money.MaxAmount, a
// percentage within 1–100.
func Validate(c *Coupon) error {
	v := &validation.Error{}
	c.Code = NormaliseCode(c.Code)
	c.Description = strings.TrimSpace(c.Description)
	if !codePattern.MatchString(c.Code) {
		v.Add("code", validation.InvalidFormat, "Debe tener de 3 a 40 letras, dígitos, _ o -.")
	}
	if utf8.RuneCountInString(c.Description) > 200 {
		v.Add("description", validation.TooLong, validation.MaxChars(200))
	}
	switch c.Type {
	case Percentage:
		if c.Value < 1 || c.Value > 100 {
			v.Add("value", validation.OutOfRange, "Un porcentaje debe estar entre 1 y 100.")
		}
	case Fixed:
		if c.Value < 1 || c.Value > money.MaxAmount {
			v.Add("value", validation.OutOfRange, fmt.Sprintf("Un descuento fijo debe estar entre 1 y %d centavos.", money.MaxAmount))
		}
	default:
		v.Add("type", validation.InvalidValue, validation.OneOf("percentage", "fixed"))
	}
	for field, n := range map[string]int64{"minSubtotal": c.MinSubtotal, "maxDiscount": c.MaxDiscount,
		"usageLimit": int64(c.UsageLimit), "perCustomerLimit": int64(c.PerCustomerLimit)} {
		if n < 0 {
			v.Add(field, validation.OutOfRange, "No puede ser negativo.")
		}
	}
	for field, n := range map[string]int64{"minSubtotal": c.MinSubtotal, "maxDiscount": c.MaxDiscount} {
		if n > money.MaxAmount {
			v.Add(field, validation.OutOfRange, fmt.Sprintf("Debe ser como máximo %d centavos.", money.MaxAmount))
		}
	}
	from, until, err := c.window()
	if err != nil {
		v.Add("startsAt", validation.InvalidFormat, validation.MsgDate)
	} else if !from.IsZero() && !until.IsZero() && !from.Before(until) {
		v.Add("endsAt", validation.OutOfRange, "No puede ser anterior a startsAt.")
	}
	return v.Err()
}

// Create adds a coupon.
func (s *Service) Create(ctx context.Context, c Coupon) (Coupon, error) {
	if err := Validate(&c); err != nil {
		return Coupon{}, err
	}
	now := s.now()
	d := fromDomain(c)
	d.ID, d.Currency, d.CreatedAt, d.UpdatedAt = bson.NewObjectID(), s.currency, now, now
	if err := s.db.insert(ctx, d); err != nil {
		return Coupon{}, err
	}
	return d.toDomain(), nil
}

// Changes are the fields an admin may change; nil keeps the value.
type Changes struct {
	Code, Description               *string
	Type                            *Type
	Value, MinSubtotal, MaxDiscount *int64
	UsageLimit, PerCustomerLimit    *int
	Active, Public                  *bool
	StartsOn, EndsOn                *string
	ClearStartsOn, ClearEndsOn      bool
}

// Update applies changes to a coupon; only these declared fields can change
// (legacy defect W-5 let a client write anything, usage included).
func (s *Service) Update(ctx context.Context, id string, ch Changes) (Coupon, error) {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return Coupon{}, ErrUnknownID
	}
	d, ok, err := s.db.edit(ctx, oid, func(cur Coupon) (Coupon, error) {
		ch.apply(&cur)
		return cur, Validate(&cur)
	}, s.now())
	if err != nil {
		return Coupon{}, err
	}
	if !ok {
		return Coupon{}, ErrUnknownID
	}
	return d.toDomain(), nil
}

// apply puts the changes into cur.
func (ch Changes) apply(cur *Coupon) {
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&cur.Code, ch.Code)
	set(&cur.Description, ch.Description)
	set(&cur.StartsOn, ch.StartsOn)
	set(&cur.EndsOn, ch.EndsOn)
	if ch.ClearStartsOn {
		cur.StartsOn = ""
	}
	if ch.ClearEndsOn {
		cur.EndsOn = ""
	}
	if ch.Type != nil {
		cur.Type = *ch.Type
	}
	for dst, src := range map[*int64]*int64{&cur.Value: ch.Value, &cur.MinSubtotal: ch.MinSubtotal, &cur.MaxDiscount: ch.MaxDiscount} {
		if src != nil {
			*dst = *src
		}
	}
	for dst, src := range map[*int]*int{&cur.UsageLimit: ch.UsageLimit, &cur.PerCustomerLimit: ch.PerCustomerLimit} {
		if src != nil {
			*dst = *src
		}
	}
	for dst, src := range map[*bool]*bool{&cur.Active: ch.Active, &cur.Public: ch.Public} {
		if src != nil {
			*dst = *src
		}
	}
}

// Delete removes a coupon from use. The record stays (renamed, so its code
// can be reused) because orders and redemptions refer to it.
func (s *Service) Delete(ctx context.Context, id string) error {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return ErrUnknownID
	}
	ok, err := s.db.markDeleted(ctx, oid, s.now())
	if err != nil {
		return err
	}
	if !ok {
		return ErrUnknownID
	}
	return nil
}

// Get returns a coupon by id.
func (s *Service) Get(ctx context.Context, id string) (Coupon, error) {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return Coupon{}, ErrUnknownID
	}
	d, ok, err := s.db.get(ctx, oid)
	if err != nil {
		return Coupon{}, err
	}
	if !ok {
		return Coupon{}, ErrUnknownID
	}
	return d.toDomain(), nil
}

// ByCode returns a live coupon by code.
func (s *Service) ByCode(ctx context.Context, code string) (Coupon, error) {
	d, ok, err := s.db.byCode(ctx, NormaliseCode(code))
	if err != nil {
		return Coupon{}, err
	}
	if !ok {
		return Coupon{}, ErrNotFound
	}
	return d.toDomain(), nil
}

// Page is one page of coupons.
type Page struct {
	Items       []Coupon
	Total       int
	Page, Limit int
}

// ListQuery selects coupons for the admin.
type ListQuery struct {
	Q           string
	Active      *bool
	Page, Limit int
}

// List returns coupons newest first.
func (s *Service) List(ctx context.Context, q ListQuery) (Page, error) {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.Limit < 1 || q.Limit > 100 {
		q.Limit = 20
	}
	filter := bson.D{{"deleted", false}}
	if term := strings.TrimSpace(q.Q); term != "" {
		filter = append(filter, bson.E{"code", bson.Regex{Pattern: regexp.QuoteMeta(NormaliseCode(term)), Options: "i"}})
	}
	if q.Active != nil {
		filter = append(filter, bson.E{"active", *q.Active})
	}
	docs, total, err := s.db.list(ctx, filter, store.Skip(q.Page, q.Limit), int64(q.Limit))
	if err != nil {
		return Page{}, err
	}
	p := Page{Items: make([]Coupon, len(docs)), Total: int(total), Page: q.Page, Limit: q.Limit}
	for i, d := range docs {
		p.Items[i] = d.toDomain()
	}
	return p, nil
}

// Public lists the coupons anyone may see: public, active, within dates and
// not used up. Codes of other coupons are never listed (W-5).
func (s *Service) Public(ctx context.Context) ([]Coupon, error) {
	docs, err := s.db.public(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := []Coupon{}
	for _, d := range docs {
		c := d.toDomain()
		if err := c.check(c.MinSubtotal, now); err == nil {
			out = append(out, c)
		}
	}
	return out, nil
}

// Quote is a coupon priced against a subtotal.
type Quote struct {
	Coupon   Coupon
	Discount int64
}

// Preview tells whether code applies to userID's subtotal now, and how much
// it would take off. It consumes nothing.
func (s *Service) Preview(ctx context.Context, code, userID string, subtotal int64) (Quote, error) {
	c, err := s.ByCode(ctx, code)
	if err != nil {
		return Quote{}, err
	}
	discount, err := c.DiscountAt(subtotal, s.now())
	if err != nil {
		return Quote{}, err
	}
	if c.PerCustomerLimit > 0 {
		used, err := s.db.usage(ctx, c.ID, userID)
		if err != nil {
			return Quote{}, err
		}
		if used >= c.PerCustomerLimit {
			return Quote{}, ErrAlreadyUsed
		}
	}
	return Quote{Coupon: c, Discount: discount}, nil
}

type usageDoc struct {
	ID    string `bson:"_id"`
	Count int    `bson:"count"`
}

func usageID(couponID, userID string) string { return couponID + ":" + userID }

type redemptionDoc struct {
	OrderID  string    `bson:"_id"`
	CouponID string    `bson:"couponId"`
	UserID   string    `bson:"userId"`
	Code     string    `bson:"code"`
	Discount int64     `bson:"discount"`
	Released bool      `bson:"released"`
	At       time.Time `bson:"at"`
}

// Redeem uses code for orderID within every limit, atomically: the store
// counts the use against the coupon's limit and the customer's in guarded
// writes (see Store.countUse), both or neither.
//
// The redemption is recorded first and the counters move after it: the
// redemptions are the truth and the counters a cache of them, so a crash
// between the writes leaves counters that Reconcile recomputes, never a
// count with nothing to explain it.
func (s *Service) Redeem(ctx context.Context, code, userID, orderID string, subtotal int64) (Quote, error) {
	c, err := s.ByCode(ctx, code)
	if err != nil {
		return Quote{}, err
	}
	discount, err := c.DiscountAt(subtotal, s.now())
	if err != nil {
		return Quote{}, err
	}
	// A coupon already used up is refused before any write; the store's
	// guard decides the races.
	if c.UsageLimit > 0 && c.UsedCount >= c.UsageLimit {
		return Quote{}, ErrUsageLimit
	}
	q := Quote{Coupon: c, Discount: discount}
	if err := s.db.insertRedemption(ctx, redemptionDoc{
		OrderID: orderID, CouponID: c.ID, UserID: userID, Code: c.Code, Discount: q.Discount, At: s.now(),
	}); err != nil {
		return Quote{}, err
	}
	if err := s.db.countUse(ctx, c.ID, userID, c.UsageLimit, c.PerCustomerLimit); err != nil {
		// Withdraw the intent: no counter moved.
		if derr := s.db.deleteRedemption(ctx, orderID); derr != nil {
			return Quote{}, errors.Join(err, derr)
		}
		return Quote{}, err
	}
	return q, nil
}

// Release gives orderID's redemption back (its order was canceled, rejected
// or expired). Releasing twice, or an order without a coupon, does nothing:
// only the call that flags the redemption released gives the use back.
func (s *Service) Release(ctx context.Context, orderID string) error {
	r, found, err := s.db.findRedemption(ctx, orderID)
	if err != nil || !found || r.Released {
		return err
	}
	released, err := s.db.markReleased(ctx, orderID)
	if err != nil || !released {
		return err
	}
	return s.db.uncountUse(ctx, r.CouponID, r.UserID)
}

// Reconcile recomputes every coupon's usedCount and each customer's count
// from the live (unreleased) redemptions, and returns the corrections it
// made. The counters are a cache of the redemptions; a crash between a
// redemption's writes leaves them off by the writes it missed, and this puts
// them back.
//
// It is exact only while no redemption or release runs: the platform runs
// it at start, before serving, and only on the embedded database (one
// process); with several servers on MongoDB another server could redeem
// between the count and the write.
func (s *Service) Reconcile(ctx context.Context) ([]Correction, error) {
	ids, err := s.db.couponIDs(ctx)
	if err != nil {
		return nil, err
	}
	var out []Correction
	for _, id := range ids {
		fixed, err := s.db.recount(ctx, id)
		if err != nil {
			return out, err
		}
		out = append(out, fixed...)
	}
	return out, nil
}

// Correction is one counter Reconcile set right.
type Correction struct {
	CouponID, Code string
	UserID         string // empty for the coupon's own usedCount
	Was, Now       int
}

// SetClock replaces the service's clock (tests that simulate downtime).
func (s *Service) SetClock(now func() time.Time) { s.now = now }

// Seed inserts coupons whose codes do not exist yet.
func (s *Service) Seed(ctx context.Context, coupons []Coupon) error {
	for _, c := range coupons {
		if _, err := s.Create(ctx, c); err != nil && !errors.Is(err, ErrCodeTaken) {
			return fmt.Errorf("seed coupon %s: %w", c.Code, err)
		}
	}
	return nil
}
