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
	s        *store.Store
	currency string
	now      func() time.Time
}

// NewService returns the coupon service on s.
func NewService(s *store.Store, currency string) *Service {
	return &Service{s: s, currency: currency, now: func() time.Time { return time.Now().UTC() }}
}

func (s *Service) coupons() *mongo.Collection { return s.s.DB.Collection(couponsCollection) }

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
	if _, err := s.coupons().InsertOne(ctx, d); err != nil {
		if store.IsDuplicateKey(err) {
			return Coupon{}, ErrCodeTaken
		}
		return Coupon{}, fmt.Errorf("insert coupon: %w", err)
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
	unlock := s.s.Locks.Lock("coupon:" + id)
	defer unlock()
	cur, err := s.Get(ctx, id)
	if err != nil {
		return Coupon{}, err
	}
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
	if err := Validate(&cur); err != nil {
		return Coupon{}, err
	}
	oid, _ := bson.ObjectIDFromHex(id)
	d := fromDomain(cur)
	var out couponDoc
	err = s.coupons().FindOneAndUpdate(ctx, bson.D{{"_id", oid}, {"deleted", false}},
		bson.D{{"$set", bson.D{
			{"code", d.Code}, {"description", d.Description}, {"type", d.Type}, {"value", d.Value},
			{"active", d.Active}, {"public", d.Public}, {"startsOn", d.StartsOn}, {"endsOn", d.EndsOn},
			{"minSubtotal", d.MinSubtotal}, {"maxDiscount", d.MaxDiscount}, {"usageLimit", d.UsageLimit},
			{"perCustomerLimit", d.PerCustomerLimit}, {"updatedAt", s.now()},
		}}}, options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&out)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Coupon{}, ErrUnknownID
	}
	if err != nil {
		if store.IsDuplicateKey(err) {
			return Coupon{}, ErrCodeTaken
		}
		return Coupon{}, fmt.Errorf("update coupon: %w", err)
	}
	return out.toDomain(), nil
}

// Delete removes a coupon from use. The record stays (renamed, so its code
// can be reused) because orders and redemptions refer to it.
func (s *Service) Delete(ctx context.Context, id string) error {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return ErrUnknownID
	}
	res, err := s.coupons().UpdateOne(ctx, bson.D{{"_id", oid}, {"deleted", false}}, bson.D{{"$set", bson.D{
		{"deleted", true}, {"active", false}, {"code", "DELETED-" + id}, {"updatedAt", s.now()},
	}}})
	if err != nil {
		return fmt.Errorf("delete coupon: %w", err)
	}
	if res.MatchedCount == 0 {
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
	var d couponDoc
	err = s.coupons().FindOne(ctx, bson.D{{"_id", oid}, {"deleted", false}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Coupon{}, ErrUnknownID
	}
	if err != nil {
		return Coupon{}, fmt.Errorf("find coupon: %w", err)
	}
	return d.toDomain(), nil
}

// ByCode returns a live coupon by code.
func (s *Service) ByCode(ctx context.Context, code string) (Coupon, error) {
	var d couponDoc
	err := s.coupons().FindOne(ctx, bson.D{{"code", NormaliseCode(code)}, {"deleted", false}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Coupon{}, ErrNotFound
	}
	if err != nil {
		return Coupon{}, fmt.Errorf("find coupon: %w", err)
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
	total, err := s.coupons().CountDocuments(ctx, filter)
	if err != nil {
		return Page{}, fmt.Errorf("count coupons: %w", err)
	}
	cur, err := s.coupons().Find(ctx, filter, options.Find().SetSort(bson.D{{"createdAt", -1}, {"_id", -1}}).
		SetSkip(store.Skip(q.Page, q.Limit)).SetLimit(int64(q.Limit)))
	if err != nil {
		return Page{}, fmt.Errorf("list coupons: %w", err)
	}
	var docs []couponDoc
	if err := cur.All(ctx, &docs); err != nil {
		return Page{}, fmt.Errorf("list coupons: %w", err)
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
	cur, err := s.coupons().Find(ctx, bson.D{{"deleted", false}, {"public", true}, {"active", true}},
		options.Find().SetSort(bson.D{{"createdAt", -1}}))
	if err != nil {
		return nil, fmt.Errorf("list public coupons: %w", err)
	}
	var docs []couponDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("list public coupons: %w", err)
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
		used, err := s.usage(ctx, c.ID, userID)
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

func (s *Service) usage(ctx context.Context, couponID, userID string) (int, error) {
	var u usageDoc
	err := s.s.DB.Collection(usageCollection).FindOne(ctx, bson.D{{"_id", usageID(couponID, userID)}}).Decode(&u)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read coupon usage: %w", err)
	}
	return u.Count, nil
}

type redemptionDoc struct {
	OrderID  string    `bson:"_id"`
	CouponID string    `bson:"couponId"`
	UserID   string    `bson:"userId"`
	Code     string    `bson:"code"`
	Discount int64     `bson:"discount"`
	Released bool      `bson:"released"`
	At       time.Time `bson:"at"`
}

// Redeem uses code for orderID within every limit, atomically: the global
// count and the customer's count are each a conditional single-document
// update (atomic on MongoDB), taken under the coupon's lock (FerretDB).
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
	unlock := s.s.Locks.Lock("coupon:" + c.ID)
	defer unlock()
	// Re-read under the lock: the first read only found the id.
	if c, err = s.Get(ctx, c.ID); err != nil {
		return Quote{}, ErrNotFound
	}
	discount, err := c.DiscountAt(subtotal, s.now())
	if err != nil {
		return Quote{}, err
	}
	uid := usageID(c.ID, userID)
	var conds []bson.E
	if c.PerCustomerLimit > 0 {
		conds = append(conds, bson.E{"count", bson.D{{"$lt", c.PerCustomerLimit}}})
		if s.s.Embedded {
			// The coupon's lock is held: check the guard on a fresh read.
			used, err := s.usage(ctx, c.ID, userID)
			if err != nil {
				return Quote{}, err
			}
			if used >= c.PerCustomerLimit {
				return Quote{}, ErrAlreadyUsed
			}
		}
	}
	cconds := []bson.E{{"deleted", false}}
	if c.UsageLimit > 0 {
		// c was read under the lock, so on the embedded database this check
		// is the guard; MongoDB checks the filter atomically.
		if c.UsedCount >= c.UsageLimit {
			return Quote{}, ErrUsageLimit
		}
		cconds = append(cconds, bson.E{"usedCount", bson.D{{"$lt", c.UsageLimit}}})
	}
	q := Quote{Coupon: c, Discount: discount}
	redemptions := s.s.DB.Collection(redemptionsCollection)
	if _, err := redemptions.InsertOne(ctx, redemptionDoc{
		OrderID: orderID, CouponID: c.ID, UserID: userID, Code: c.Code, Discount: q.Discount, At: s.now(),
	}); err != nil {
		return Quote{}, fmt.Errorf("record coupon redemption: %w", err)
	}
	// drop withdraws the intent when a limit refuses; the caller undid the
	// counters it had moved.
	drop := func(cause error) (Quote, error) {
		if _, err := redemptions.DeleteOne(ctx, bson.D{{"_id", orderID}}); err != nil {
			return Quote{}, errors.Join(cause, fmt.Errorf("drop coupon redemption: %w", err))
		}
		return Quote{}, cause
	}
	usage := s.s.DB.Collection(usageCollection)
	if _, err := usage.InsertOne(ctx, usageDoc{ID: uid}); err != nil && !store.IsDuplicateKey(err) {
		return drop(fmt.Errorf("start coupon usage: %w", err))
	}
	res, err := usage.UpdateOne(ctx, s.s.ByID(uid, conds...), bson.D{{"$inc", bson.D{{"count", 1}}}})
	if err != nil {
		return drop(fmt.Errorf("count coupon usage: %w", err))
	}
	if res.ModifiedCount == 0 {
		return drop(ErrAlreadyUsed)
	}
	oid, _ := bson.ObjectIDFromHex(c.ID)
	res, err = s.coupons().UpdateOne(ctx, s.s.ByID(oid, cconds...), bson.D{{"$inc", bson.D{{"usedCount", 1}}}})
	if err == nil && res.ModifiedCount == 0 {
		err = ErrUsageLimit
	}
	if err != nil {
		s.undoUsage(ctx, uid)
		if errors.Is(err, ErrUsageLimit) {
			return drop(err)
		}
		return drop(fmt.Errorf("count coupon use: %w", err))
	}
	return q, nil
}

// undo gives back one use of a coupon and of its customer's count; the
// caller holds the coupon's lock.
func (s *Service) undo(ctx context.Context, couponID, uid string) {
	oid, _ := bson.ObjectIDFromHex(couponID)
	_, _ = s.coupons().UpdateOne(ctx, s.s.ByID(oid, bson.E{"usedCount", bson.D{{"$gt", 0}}}), bson.D{{"$inc", bson.D{{"usedCount", -1}}}})
	s.undoUsage(ctx, uid)
}

func (s *Service) undoUsage(ctx context.Context, uid string) {
	_, _ = s.s.DB.Collection(usageCollection).UpdateOne(ctx, s.s.ByID(uid, bson.E{"count", bson.D{{"$gt", 0}}}), bson.D{{"$inc", bson.D{{"count", -1}}}})
}

// Release gives orderID's redemption back (its order was canceled, rejected
// or expired). Releasing twice, or an order without a coupon, does nothing.
func (s *Service) Release(ctx context.Context, orderID string) error {
	var r redemptionDoc
	err := s.s.DB.Collection(redemptionsCollection).FindOne(ctx, bson.D{{"_id", orderID}}).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("find coupon redemption: %w", err)
	}
	unlock := s.s.Locks.Lock("coupon:" + r.CouponID)
	defer unlock()
	// Read again under the lock: the guard below must see the latest state.
	if err := s.s.DB.Collection(redemptionsCollection).FindOne(ctx, bson.D{{"_id", orderID}}).Decode(&r); err != nil {
		return fmt.Errorf("find coupon redemption: %w", err)
	}
	if r.Released {
		return nil
	}
	res, err := s.s.DB.Collection(redemptionsCollection).UpdateOne(ctx,
		s.s.ByID(orderID, bson.E{"released", false}), bson.D{{"$set", bson.D{{"released", true}}}})
	if err != nil {
		return fmt.Errorf("release coupon redemption: %w", err)
	}
	if res.ModifiedCount == 1 {
		s.undo(ctx, r.CouponID, usageID(r.CouponID, r.UserID))
	}
	return nil
}

// Reconcile recomputes every coupon's usedCount and each customer's count
// from the live (unreleased) redemptions, under the coupon's lock, and
// returns the corrections it made. The counters are a cache of the
// redemptions; a crash between a redemption's writes leaves them off by the
// writes it missed, and this puts them back.
//
// It is exact where the coupon's lock covers every writer (the embedded
// database, one process); with several servers on MongoDB a redemption on
// another server could fall between the count and the write, so the caller
// runs it only on the embedded database.
func (s *Service) Reconcile(ctx context.Context) ([]Correction, error) {
	cur, err := s.coupons().Find(ctx, bson.D{}, options.Find().SetProjection(bson.D{{"_id", 1}}))
	if err != nil {
		return nil, fmt.Errorf("list coupons: %w", err)
	}
	var ids []struct {
		ID bson.ObjectID `bson:"_id"`
	}
	if err := cur.All(ctx, &ids); err != nil {
		return nil, fmt.Errorf("list coupons: %w", err)
	}
	var out []Correction
	for _, d := range ids {
		fixed, err := s.reconcileOne(ctx, d.ID)
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

func (s *Service) reconcileOne(ctx context.Context, oid bson.ObjectID) ([]Correction, error) {
	unlock := s.s.Locks.Lock("coupon:" + oid.Hex())
	defer unlock()
	var c couponDoc
	if err := s.coupons().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&c); err != nil {
		return nil, fmt.Errorf("read coupon: %w", err)
	}
	cur, err := s.s.DB.Collection(redemptionsCollection).Find(ctx,
		bson.D{{"couponId", oid.Hex()}, {"released", false}}, options.Find().SetProjection(bson.D{{"userId", 1}}))
	if err != nil {
		return nil, fmt.Errorf("list coupon redemptions: %w", err)
	}
	var live []struct {
		UserID string `bson:"userId"`
	}
	if err := cur.All(ctx, &live); err != nil {
		return nil, fmt.Errorf("list coupon redemptions: %w", err)
	}
	perUser := map[string]int{}
	for _, r := range live {
		perUser[r.UserID]++
	}
	var out []Correction
	if c.UsedCount != len(live) {
		if _, err := s.coupons().UpdateOne(ctx, bson.D{{"_id", oid}}, bson.D{{"$set", bson.D{{"usedCount", len(live)}}}}); err != nil {
			return nil, fmt.Errorf("correct coupon count: %w", err)
		}
		out = append(out, Correction{CouponID: oid.Hex(), Code: c.Code, Was: c.UsedCount, Now: len(live)})
	}
	usage := s.s.DB.Collection(usageCollection)
	ucur, err := usage.Find(ctx, bson.D{{"_id", bson.D{{"$regex", "^" + oid.Hex() + ":"}}}})
	if err != nil {
		return out, fmt.Errorf("list coupon usage: %w", err)
	}
	var counts []usageDoc
	if err := ucur.All(ctx, &counts); err != nil {
		return out, fmt.Errorf("list coupon usage: %w", err)
	}
	stored := map[string]int{}
	for _, u := range counts {
		stored[strings.TrimPrefix(u.ID, oid.Hex()+":")] = u.Count
	}
	for user := range perUser {
		if _, ok := stored[user]; !ok {
			stored[user] = 0
		}
	}
	for user, was := range stored {
		if now := perUser[user]; now != was {
			if _, err := usage.UpdateOne(ctx, bson.D{{"_id", usageID(oid.Hex(), user)}},
				bson.D{{"$set", bson.D{{"count", now}}}}, options.UpdateOne().SetUpsert(true)); err != nil {
				return out, fmt.Errorf("correct coupon usage: %w", err)
			}
			out = append(out, Correction{CouponID: oid.Hex(), Code: c.Code, UserID: user, Was: was, Now: now})
		}
	}
	return out, nil
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
