package order

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/donpalito/donpalitojr/internal/cart"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/faults"
	"github.com/donpalito/donpalitojr/internal/money"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// Holds say how long an unpaid order keeps its stock and coupon.
type Holds struct {
	Card     time.Duration
	Transfer time.Duration
}

// Hook moves the events an order recorded into the outbox. Publishing a
// key already recorded must do nothing: after a crash an event is moved
// again.
type Hook interface {
	Publish(ctx context.Context, orderID string, e FactEvent) error
}

// Deps are the services checkout and the lifecycle work with.
type Deps struct {
	Store   *store.Store
	Catalog *catalog.Service
	Carts   *cart.Service
	Coupons *coupon.Service
	Users   *customer.Service
	Pricing cart.Pricing
	Holds   Holds
	Log     *slog.Logger
	// CardAvailable says whether card payments can be taken (a provider is
	// configured).
	CardAvailable bool
	// CardProvider names who takes card payments: stripe or simulated.
	CardProvider string
	// Reads serves the admin's lists, exports and figures: MongoReads on
	// MongoDB, MemoryReads on the embedded database.
	Reads Reads
	// MaxPending caps a customer's unpaid orders, so nobody can hold the
	// shop's stock hostage with orders they never pay (legacy defect W-3).
	MaxPending int
	Hook       Hook
	// Orders is where the guarded writes go: NewEmbeddedStore on the
	// embedded database, NewMongoStore on MongoDB. Required.
	Orders Store
}

// Service is the order domain.
type Service struct {
	d   Deps
	db  Store
	now func() time.Time
}

// NewService returns the order service.
func NewService(d Deps) *Service {
	if d.Hook == nil {
		d.Hook = noHook{}
	}
	if d.Reads == nil {
		d.Reads = NewMongoReads(d.Store)
	}
	if d.Orders == nil {
		// No default: each store is right on one kind of database only.
		panic("order.NewService: Deps.Orders is required")
	}
	return &Service{d: d, db: d.Orders, now: func() time.Time { return time.Now().UTC() }}
}

type noHook struct{}

func (noHook) Publish(context.Context, string, FactEvent) error { return nil }

func (s *Service) orders() *mongo.Collection { return s.d.Store.DB.Collection(ordersCollection) }

// Checkout is a customer's request to turn their cart into an order.
type Checkout struct {
	UserID        string
	AddressID     string
	Address       *Address
	CouponCode    string
	PaymentMethod PaymentMethod
	Notes         string
	// ExpectedTotal is the total the shopper saw and agreed to, if the
	// client sent it; see confirmTotal.
	ExpectedTotal *int64
}

// confirmTotal refuses to charge a total the shopper has not seen: when a
// price changed since its line was added, checkout goes ahead only with the
// new total confirmed; and a total the client sent must be the one charged.
func confirmTotal(c Checkout, changes []PriceChange, total int64) error {
	if (len(changes) > 0 && c.ExpectedTotal == nil) || (c.ExpectedTotal != nil && *c.ExpectedTotal != total) {
		return &PriceChangedError{Changes: changes, Total: total}
	}
	return nil
}

var mobilePhone = regexp.MustCompile(`^3\d{9}$`)

func (s *Service) resolveAddress(ctx context.Context, u customer.User, c Checkout) (Address, error) {
	switch {
	case c.AddressID != "" && c.Address != nil:
		return Address{}, validation.Fail("addressId", validation.Conflict, "Envía addressId o address, no ambos.")
	case c.AddressID != "":
		for _, a := range u.Addresses {
			if a.ID == c.AddressID {
				return Address{Label: a.Label, FullName: a.FullName, StreetAddress: a.StreetAddress, City: a.City,
					PhoneNumber: a.PhoneNumber, Notes: a.Notes}, nil
			}
		}
		return Address{}, ErrAddressNotFound
	case c.Address != nil:
		a := *c.Address
		a.FullName, a.StreetAddress, a.City = strings.TrimSpace(a.FullName), strings.TrimSpace(a.StreetAddress), strings.TrimSpace(a.City)
		a.PhoneNumber, a.Notes = strings.TrimSpace(a.PhoneNumber), strings.TrimSpace(a.Notes)
		v := &validation.Error{}
		for field, val := range map[string]string{"address.fullName": a.FullName, "address.streetAddress": a.StreetAddress, "address.city": a.City} {
			switch n := utf8.RuneCountInString(val); {
			case n == 0:
				v.Add(field, validation.Required, validation.MsgNotEmpty)
			case n > 200:
				v.Add(field, validation.TooLong, validation.MaxChars(200))
			}
		}
		if !mobilePhone.MatchString(a.PhoneNumber) {
			v.Add("address.phoneNumber", validation.InvalidFormat, validation.MsgColombianMobile)
		}
		if utf8.RuneCountInString(a.Notes) > 300 {
			v.Add("address.notes", validation.TooLong, validation.MaxChars(300))
		}
		return a, v.Err()
	}
	return Address{}, validation.Fail("addressId", validation.Required, "Envía addressId (una dirección guardada) o address.")
}

// Place turns the caller's cart into a pending order. Prices come from the
// catalog, never the client. Stock is reserved for every line or none, the
// coupon is redeemed within its limits, and only then is the order stored;
// any failure undoes what was taken. The cart keeps everything if checkout
// fails and loses exactly what was ordered if it succeeds.
func (s *Service) Place(ctx context.Context, c Checkout) (Order, error) {
	switch c.PaymentMethod {
	case Transfer:
	case Card:
		if !s.d.CardAvailable {
			return Order{}, ErrPaymentMethodUnavailable
		}
	default:
		return Order{}, validation.Fail("paymentMethod", validation.InvalidValue, validation.OneOf("card", "transfer"))
	}
	c.Notes = strings.TrimSpace(c.Notes)
	if utf8.RuneCountInString(c.Notes) > 500 {
		return Order{}, validation.Fail("notes", validation.TooLong, validation.MaxChars(500))
	}
	// One checkout per customer at a time: a double click must not turn one
	// cart into two orders.
	release, err := s.db.claimCheckout(ctx, c.UserID)
	if err != nil {
		return Order{}, err
	}
	defer release()
	u, err := s.d.Users.Get(ctx, c.UserID)
	if err != nil {
		return Order{}, err
	}
	if s.d.MaxPending > 0 {
		pending, err := s.pendingOrders(ctx, c.UserID)
		if err != nil {
			return Order{}, err
		}
		if len(pending) >= s.d.MaxPending {
			return Order{}, ErrTooManyPending
		}
	}
	addr, err := s.resolveAddress(ctx, u, c)
	if err != nil {
		return Order{}, err
	}
	items, err := s.d.Carts.Items(ctx, c.UserID)
	if err != nil {
		return Order{}, err
	}
	if len(items) == 0 {
		return Order{}, ErrCartEmpty
	}

	// Price every line from the catalog, summing demand per product.
	var lines []Line
	var demand []catalog.Demand
	var missing []string
	var changes []PriceChange
	var subtotal int64
	for _, it := range items {
		p, err := s.d.Catalog.AdminGet(it.ProductID)
		if err != nil || !p.Active {
			missing = append(missing, it.ProductID)
			continue
		}
		if it.PriceChanged(p.Price) {
			changes = append(changes, PriceChange{ProductID: p.ID, Name: p.Name, OldPrice: it.UnitPrice, NewPrice: p.Price})
		}
		lineTotal, err := money.Mul(p.Price, it.Quantity)
		if err != nil {
			return Order{}, fmt.Errorf("price %s: %w", p.ID, err)
		}
		l := Line{ProductID: p.ID, Name: p.Name, UnitPrice: p.Price, Quantity: it.Quantity, LineTotal: lineTotal}
		if len(p.Images) > 0 {
			// The reference, not the URL: it is served on PUBLIC_BASE_URL.
			_, l.Image = p.Images[0].Thumb()
		}
		lines = append(lines, l)
		demand = append(demand, catalog.Demand{ProductID: p.ID, Quantity: it.Quantity})
		if subtotal, err = money.Add(subtotal, l.LineTotal); err != nil {
			return Order{}, fmt.Errorf("price the cart: %w", err)
		}
	}
	if len(missing) > 0 {
		return Order{}, &OutOfStockError{Products: s.names(missing)}
	}
	// Refuse a total past the bound, a coupon that does not apply and a
	// total the shopper has not seen before anything is taken.
	var previewDiscount int64
	if c.CouponCode != "" {
		// Redeem checks again atomically.
		q, err := s.d.Coupons.Preview(ctx, c.CouponCode, c.UserID, subtotal)
		if err != nil {
			return Order{}, err
		}
		previewDiscount = q.Discount
	}
	preview, err := s.d.Pricing.Price(subtotal, previewDiscount)
	if err != nil {
		return Order{}, err
	}
	if err := confirmTotal(c, changes, preview.Total); err != nil {
		return Order{}, err
	}

	id := bson.NewObjectID()
	if err := s.d.Catalog.Reserve(ctx, id.Hex(), demand); err != nil {
		var se *catalog.StockError
		if errors.As(err, &se) {
			return Order{}, &OutOfStockError{Products: s.names(se.ProductIDs)}
		}
		return Order{}, err
	}
	// undo takes back everything a failed checkout recorded, the
	// reservation last: while it exists, recovery can finish the undo.
	undo := func(what string, cause error) error {
		ctx := context.WithoutCancel(ctx)
		s.unindexOrder(ctx, c.UserID, id.Hex())
		if s.d.MaxPending > 0 {
			s.unhold(ctx, c.UserID, id.Hex())
		}
		if err := s.d.Coupons.Release(ctx, id.Hex()); err != nil {
			s.d.Log.Error("release coupon after failed checkout", "order", id.Hex(), "err", err)
		}
		if err := s.d.Catalog.Release(ctx, id.Hex()); err != nil {
			s.d.Log.Error("release stock after failed checkout", "order", id.Hex(), "err", err)
		}
		if what == "" {
			return cause
		}
		return fmt.Errorf("%s: %w", what, cause)
	}
	var discount int64
	code := ""
	if c.CouponCode != "" {
		q, err := s.d.Coupons.Redeem(ctx, c.CouponCode, c.UserID, id.Hex(), subtotal)
		if err != nil {
			return Order{}, undo("", err)
		}
		discount, code = q.Discount, q.Coupon.Code
	}

	now := s.now()
	t, err := s.d.Pricing.Price(subtotal, discount)
	if err != nil {
		return Order{}, undo("", err)
	}
	// The coupon may have changed between the preview and its redemption.
	if err := confirmTotal(c, changes, t.Total); err != nil {
		return Order{}, undo("", err)
	}
	hold := s.d.Holds.Transfer
	provider := "manual"
	if c.PaymentMethod == Card {
		hold = s.d.Holds.Card
		provider = s.d.CardProvider
		if provider == "" {
			provider = "stripe"
		}
	}
	expires := now.Add(hold)
	o := Order{
		ID: id, UserID: c.UserID,
		Customer: Customer{ID: u.ID, Name: u.Name, Email: u.Email, DocumentType: string(u.DocumentType),
			DocumentNumber: u.DocumentNumber, Phone: u.Phone},
		Lines: lines, Subtotal: t.Subtotal, Discount: t.Discount, Shipping: t.Shipping, TaxIncluded: t.TaxIncluded,
		Total: t.Total, Currency: t.Currency, CouponCode: code, Ref: reference(id), Address: addr, PaymentMethod: c.PaymentMethod,
		Payment: Payment{Provider: provider, Status: "pending", Amount: t.Total},
		Notes:   c.Notes, Status: Pending,
		Timeline:  []TimelineEntry{{Status: Pending, Actor: ActorCustomer, ActorID: c.UserID, At: now}},
		ExpiresAt: &expires, CreatedAt: now, UpdatedAt: now,
	}
	// The customer's lists name the order before it exists, so no crash can
	// leave an order missing from them; recovery drops the names of orders
	// that never came to be.
	if err := s.indexOrder(ctx, c.UserID, id.Hex()); err != nil {
		return Order{}, undo("add order to its customer's list", err)
	}
	if s.d.MaxPending > 0 {
		if err := s.hold(ctx, c.UserID, id.Hex()); err != nil {
			return Order{}, undo("count pending order", err)
		}
	}
	o.Events = []FactEvent{{Type: EventCreated, Key: id.Hex(), Payload: eventPayload(o, "")}}
	o.EventSeq = 1
	unlockOrder := s.db.lockOrder(id.Hex())
	defer unlockOrder()
	if err := s.mark(ctx, id.Hex()); err != nil {
		return Order{}, undo("", err)
	}
	if _, err := s.orders().InsertOne(ctx, o); err != nil {
		s.refreshAfterFailure(ctx, id)
		return Order{}, undo("store order", err)
	}
	s.d.Reads.Stored(o)
	faults.Point("order.placed")
	ordered := make([]cart.Item, len(lines))
	for i, l := range lines {
		ordered[i] = cart.Item{ProductID: l.ProductID, Quantity: l.Quantity}
	}
	if err := s.d.Carts.RemoveOrdered(ctx, c.UserID, ordered); err != nil {
		s.d.Log.Warn("order placed but the cart was not emptied", "order", id.Hex(), "err", err)
	}
	if err := s.drain(context.WithoutCancel(ctx), id.Hex()); err != nil {
		// The events stay in the order; the sweep moves them.
		s.d.Log.Warn("order placed; its events wait for the sweep", "order", id.Hex(), "err", err)
	}
	o.Events, o.EventSeq = nil, 0
	return o, nil
}

func (s *Service) names(ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id
		if p, err := s.d.Catalog.AdminGet(id); err == nil {
			out[i] = p.Name
		}
	}
	return out
}

// Get returns an order by id.
func (s *Service) Get(ctx context.Context, id string) (Order, error) {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return Order{}, ErrNotFound
	}
	var o Order
	err = s.orders().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&o)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Order{}, ErrNotFound
	}
	if err != nil {
		return Order{}, fmt.Errorf("find order: %w", err)
	}
	return o, nil
}

// GetFor returns userID's order; another customer's order is "not found", so
// its existence is not revealed.
func (s *Service) GetFor(ctx context.Context, userID, id string) (Order, error) {
	o, err := s.Get(ctx, id)
	if err != nil {
		return Order{}, err
	}
	if o.UserID != userID {
		return Order{}, ErrNotFound
	}
	return o, nil
}

// Move is one requested status change.
type Move struct {
	To      Status
	Actor   Actor
	ActorID string
	Note    string
	// Require, when set, must accept the order as the move read it, or
	// the move is refused with its error: the lifecycle table says what the
	// shop may do, Require narrows it for a customer or the expiry sweep.
	Require func(o Order, now time.Time) error
}

// Transition moves an order along the lifecycle, or refuses with
// ErrInvalidTransition. The change is a conditional update on the current
// status, so two racing moves cannot both apply. Canceling or rejecting
// releases the order's stock and coupon; paying assigns its invoice number.
func (s *Service) Transition(ctx context.Context, id string, m Move) (Order, error) {
	unlock := s.db.lockOrder(id)
	defer unlock()
	o, err := s.Get(ctx, id)
	if err != nil {
		return Order{}, err
	}
	from := o.Status
	if !CanMove(from, m.To) {
		return Order{}, &TransitionError{From: from, To: m.To, Allowed: Next(from)}
	}
	now := s.now()
	if m.Require != nil {
		if err := m.Require(o, now); err != nil {
			return Order{}, err
		}
	}
	set := bson.D{{"status", m.To}, {"updatedAt", now}}
	switch m.To {
	case Paid:
		set = append(set, bson.E{"paidAt", now}, bson.E{"expiresAt", nil}, bson.E{"payment.status", "succeeded"})
	case Delivered:
		set = append(set, bson.E{"deliveredAt", now})
	case Canceled, Rejected:
		set = append(set, bson.E{"canceledAt", now}, bson.E{"expiresAt", nil})
		if from == Pending {
			set = append(set, bson.E{"payment.status", "canceled"})
		}
		if o.PaymentMethod == Card && o.PaidAt != nil && o.Payment.RefundStatus == "" {
			// The card was charged: the money goes back (the refund is made
			// by the order.canceled event's handler, with retries).
			set = append(set, bson.E{"payment.refundStatus", "pending"})
		}
	}
	entry := TimelineEntry{Status: m.To, Actor: m.Actor, ActorID: m.ActorID, At: now, Note: strings.TrimSpace(m.Note)}
	if err := s.mark(ctx, id); err != nil {
		return Order{}, err
	}
	out, found, err := s.db.update(ctx, o.ID, from,
		bson.D{{"$set", set}, {"$push", bson.D{{"timeline", entry}, {"events", bson.D{{"$each", movedEvents(o, from, m.To)}}}}},
			{"$inc", bson.D{{"eventSeq", int64(1)}}}})
	if err != nil {
		s.refreshAfterFailure(ctx, o.ID)
		return Order{}, fmt.Errorf("move order: %w", err)
	}
	if !found {
		// Another server moved it first.
		return Order{}, ErrInvalidTransition
	}
	s.d.Reads.Stored(out)
	faults.Point("order.moved." + string(m.To))
	if m.To == Paid && out.InvoiceNumber == "" {
		// Numbered only once the order is paid for sure, so a refused move
		// never burns a number: invoice numbers must run without gaps.
		num, err := s.nextInvoiceNumber(ctx, now)
		if err != nil {
			return Order{}, err
		}
		if _, err := s.orders().UpdateOne(ctx, bson.D{{"_id", out.ID}}, bson.D{{"$set", bson.D{{"invoiceNumber", num}}}}); err != nil {
			return Order{}, fmt.Errorf("store invoice number: %w", err)
		}
		out.InvoiceNumber = num
	}
	if from == Pending && s.d.MaxPending > 0 {
		s.unhold(ctx, out.UserID, out.ID.Hex())
	}
	switch {
	case m.To == Canceled || m.To == Rejected:
		s.release(ctx, out)
	case !cancelable(m.To):
		// Its stock is spent for good; the reservation is no longer needed.
		if err := s.d.Catalog.Consume(context.WithoutCancel(ctx), out.ID.Hex()); err != nil {
			s.d.Log.Warn("close stock reservation", "order", out.ID.Hex(), "err", err)
		}
	}
	if err := s.drain(context.WithoutCancel(ctx), id); err != nil {
		s.d.Log.Warn("order moved; its events wait for the sweep", "order", id, "err", err)
	}
	out.Events, out.EventSeq = nil, 0
	return out, nil
}

// release gives back an order's stock and coupon; both are idempotent. The
// coupon goes first: the stock reservation is what recovery looks for, so it
// must outlive every other part of the release.
func (s *Service) release(ctx context.Context, o Order) {
	ctx = context.WithoutCancel(ctx)
	if err := s.d.Coupons.Release(ctx, o.ID.Hex()); err != nil {
		s.d.Log.Error("release coupon", "order", o.ID.Hex(), "err", err)
		return
	}
	if err := s.d.Catalog.Release(ctx, o.ID.Hex()); err != nil {
		s.d.Log.Error("release stock", "order", o.ID.Hex(), "err", err)
	}
}

// cancelable says whether an order in st may still be canceled (and so give
// its stock back): every status from which the lifecycle reaches Canceled.
func cancelable(st Status) bool {
	if st == Canceled || st == Rejected {
		return false
	}
	return CanMove(st, Canceled) || CanMove(st, Rejected)
}

// nextInvoiceNumber hands out FV-<year>-<seq>, one sequence per year.
func (s *Service) nextInvoiceNumber(ctx context.Context, at time.Time) (string, error) {
	year := at.In(coupon.Bogota).Year()
	key := fmt.Sprintf("invoice:%d", year)
	seq, err := s.db.nextSeq(ctx, key)
	if err != nil {
		return "", fmt.Errorf("next invoice number: %w", err)
	}
	return fmt.Sprintf("FV-%d-%06d", year, seq), nil
}

// Cancel is the customer canceling their own order, allowed only while it is
// pending: once paid, only the shop cancels it (and refunds a card).
func (s *Service) Cancel(ctx context.Context, userID, id string) (Order, error) {
	if _, err := s.GetFor(ctx, userID, id); err != nil {
		return Order{}, err
	}
	return s.Transition(ctx, id, Move{To: Canceled, Actor: ActorCustomer, ActorID: userID, Note: "Cancelado por el cliente",
		Require: func(o Order, _ time.Time) error {
			if o.Status != Pending {
				return ErrNotCancelable
			}
			return nil
		}})
}

// ExpireDue cancels every pending order whose hold has passed, giving back
// its stock and coupon. It works from the database alone, so orders that
// expired while the server was down are caught at the next sweep.
// stillExpired accepts an order the sweep may cancel: still pending and past
// its hold. It is checked on a fresh read and the cancel is written only
// while the order is still in the status read, so a payment confirmed after
// the sweep listed the order wins: the sweep then leaves it alone instead of
// canceling a paid order (Paid → Canceled is a move only the shop makes).
func stillExpired(o Order, now time.Time) error {
	if o.Status != Pending || o.ExpiresAt == nil || o.ExpiresAt.After(now) {
		return ErrInvalidTransition
	}
	return nil
}

func (s *Service) ExpireDue(ctx context.Context) (int, error) {
	due, err := s.d.Reads.Expired(ctx, s.now())
	if err != nil {
		return 0, err
	}
	n := 0
	for _, id := range due {
		_, err := s.Transition(ctx, id.Hex(), Move{To: Canceled, Actor: ActorSystem, Note: "Expiró sin pago", Require: stillExpired})
		switch {
		case err == nil:
			n++
		case errors.Is(err, ErrInvalidTransition):
			// Paid or canceled meanwhile.
		default:
			return n, err
		}
	}
	return n, nil
}

// Reconcile brings stock, coupons and the customers' lists back in step with
// the orders after a crash, whatever the downtime. Every checkout records
// its stock reservation first and every settlement deletes it last, so the
// live reservations older than grace name every order whose side effects may
// be unfinished:
//   - no order (the checkout died before storing it): the coupon, the stock,
//     and the customer's list and pending entries are taken back;
//   - canceled or rejected (the release was cut short): coupon and stock go
//     back;
//   - past the point of cancelation: the reservation is closed.
//
// grace protects checkouts still running; 0 is right only when no other
// process can be checking out (the embedded database at start). Each
// correction is logged. It returns how many reservations it settled.
func (s *Service) Reconcile(ctx context.Context, grace time.Duration) (int, error) {
	rs, err := s.d.Catalog.Reservations(ctx, s.now().Add(-grace))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range rs {
		o, err := s.Get(ctx, r.OrderID)
		switch {
		case errors.Is(err, ErrNotFound):
			// The customer's list is written before the pending entry, so
			// a checkout that reached neither has nothing to take back.
			userID, err := s.indexedBy(ctx, r.OrderID)
			if err != nil {
				return n, err
			}
			if userID != "" {
				s.unindexOrder(ctx, userID, r.OrderID)
				s.unhold(ctx, userID, r.OrderID)
			}
			if err := s.d.Coupons.Release(ctx, r.OrderID); err != nil {
				return n, err
			}
			moved, err := s.d.Catalog.ReleaseCounted(ctx, r.OrderID)
			if err != nil {
				return n, err
			}
			s.d.Log.Warn("recovery: gave back the stock of a checkout that never stored its order",
				"order", r.OrderID, "customer", userID, "reservedAt", r.At, "units", moved)
			n++
		case err != nil:
			return n, err
		case o.Status == Canceled || o.Status == Rejected:
			if err := s.d.Coupons.Release(ctx, r.OrderID); err != nil {
				return n, err
			}
			moved, err := s.d.Catalog.ReleaseCounted(ctx, r.OrderID)
			if err != nil {
				return n, err
			}
			s.d.Log.Warn("recovery: finished giving back the stock and coupon of an order", "order", r.OrderID,
				"status", o.Status, "units", moved)
			n++
		case !cancelable(o.Status):
			if err := s.d.Catalog.Consume(ctx, r.OrderID); err != nil {
				return n, err
			}
			s.d.Log.Info("recovery: closed the stock reservation of an order past cancelation", "order", r.OrderID, "status", o.Status)
			n++
		}
	}
	return n, nil
}

// SetClock replaces the service's clock (tests that simulate downtime).
func (s *Service) SetClock(now func() time.Time) { s.now = now }
