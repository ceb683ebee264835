// Package order owns orders: checkout with atomic stock reservation and
// coupon redemption, the seven-state lifecycle with its timeline, expiry of
// unpaid orders, and the admin's views of them.
package order

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/donpalito/donpalitojr/internal/store"
)

const (
	ordersCollection   = "orders"
	countersCollection = "counters"
)

// Status is where an order is in its life.
type Status string

const (
	Pending       Status = "pending"
	Paid          Status = "paid"
	InPreparation Status = "in_preparation"
	Ready         Status = "ready"
	Delivered     Status = "delivered"
	Canceled      Status = "canceled"
	Rejected      Status = "rejected"
)

// Statuses lists every status in lifecycle order.
var Statuses = []Status{Pending, Paid, InPreparation, Ready, Delivered, Canceled, Rejected}

// transitions is the whole lifecycle: every move not listed is refused.
var transitions = map[Status][]Status{
	Pending:       {Paid, Canceled, Rejected},
	Paid:          {InPreparation, Canceled},
	InPreparation: {Ready, Canceled},
	Ready:         {Delivered},
}

// CanMove reports whether the lifecycle allows from → to.
func CanMove(from, to Status) bool {
	for _, s := range transitions[from] {
		if s == to {
			return true
		}
	}
	return false
}

// TransitionError is ErrInvalidTransition with what the caller can do
// instead: the order's current status and the moves the lifecycle allows.
type TransitionError struct {
	From, To Status
	Allowed  []Status
}

func (e *TransitionError) Error() string {
	return fmt.Sprintf("the order cannot move from %s to %s (allowed: %v)", e.From, e.To, e.Allowed)
}

// Is makes errors.Is(err, ErrInvalidTransition) hold for every refusal.
func (e *TransitionError) Is(target error) bool { return target == ErrInvalidTransition }

// Next lists the statuses an order in s may move to.
func Next(s Status) []Status { return append([]Status{}, transitions[s]...) }

// AllowedFor lists the moves the actor may make on an order in s: an admin
// every move the lifecycle allows, a customer only canceling a pending order
// (what Cancel accepts). Clients render exactly these.
func AllowedFor(s Status, a Actor) []Status {
	switch a {
	case ActorAdmin:
		return Next(s)
	case ActorCustomer:
		if s == Pending {
			return []Status{Canceled}
		}
	}
	return []Status{}
}

// IsPaidOrLater reports whether an order in s has been paid (and not undone):
// these are the orders that count as revenue.
func IsPaidOrLater(s Status) bool {
	return s == Paid || s == InPreparation || s == Ready || s == Delivered
}

// Actor is who moved an order.
type Actor string

const (
	ActorCustomer Actor = "customer"
	ActorAdmin    Actor = "admin"
	ActorSystem   Actor = "system"
	ActorPayment  Actor = "payment"
)

// PaymentMethod is how the customer pays.
type PaymentMethod string

const (
	Card     PaymentMethod = "card"
	Transfer PaymentMethod = "transfer"
)

var (
	ErrNotFound          = errors.New("order not found")
	ErrInvalidTransition = errors.New("the order cannot move to that status")
	ErrCartEmpty         = errors.New("the cart is empty")
	// ErrPaymentMethodUnavailable: card payments need a configured provider.
	ErrPaymentMethodUnavailable = errors.New("payment method unavailable")
	// ErrAddressNotFound: addressId is not one of the customer's addresses.
	ErrAddressNotFound = errors.New("address not found")
	// ErrTooManyPending: the customer already has MaxPending unpaid orders.
	ErrTooManyPending = errors.New("too many unpaid orders")
	// ErrNotCancelable: a customer cancels only a pending order; later only
	// the shop does.
	ErrNotCancelable = errors.New("the order can no longer be canceled by the customer")
	// ErrInvoiceUnavailable: only paid (and later) orders have an invoice.
	ErrInvoiceUnavailable = errors.New("the order has no invoice yet")
)

// PriceChange is a cart line whose unit price changed since the shopper
// added it.
type PriceChange struct {
	ProductID string
	Name      string
	OldPrice  int64
	NewPrice  int64
}

// PriceChangedError refuses a checkout whose total the shopper has not seen:
// prices changed since the cart and the client did not confirm the new total
// (or confirmed another one). Total is the order's total at today's prices.
type PriceChangedError struct {
	Changes []PriceChange
	Total   int64
}

func (e *PriceChangedError) Error() string {
	return fmt.Sprintf("prices changed: %d lines, new total %d", len(e.Changes), e.Total)
}

// OutOfStockError names the products that could not be reserved.
type OutOfStockError struct{ Products []string }

func (e *OutOfStockError) Error() string {
	return "out of stock: " + strings.Join(e.Products, ", ")
}

// Line is what was bought, as it was when it was bought.
type Line struct {
	ProductID string `bson:"productId"`
	Name      string `bson:"name"`
	Image     string `bson:"image,omitempty"`
	UnitPrice int64  `bson:"unitPrice"`
	Quantity  int    `bson:"quantity"`
	LineTotal int64  `bson:"lineTotal"`
}

// Address is the delivery address, copied into the order.
type Address struct {
	Label         string `bson:"label,omitempty"`
	FullName      string `bson:"fullName"`
	StreetAddress string `bson:"streetAddress"`
	City          string `bson:"city"`
	PhoneNumber   string `bson:"phoneNumber"`
	Notes         string `bson:"notes,omitempty"`
}

// Customer is who ordered, copied into the order.
type Customer struct {
	ID             string `bson:"id"`
	Name           string `bson:"name"`
	Email          string `bson:"email"`
	DocumentType   string `bson:"documentType,omitempty"`
	DocumentNumber string `bson:"documentNumber,omitempty"`
	Phone          string `bson:"phone,omitempty"`
}

// Payment is the order's payment state.
type Payment struct {
	Provider       string `bson:"provider"` // manual, stripe or simulated
	Status         string `bson:"status"`   // pending, processing, succeeded, failed, canceled
	Amount         int64  `bson:"amount"`
	IntentID       string `bson:"intentId,omitempty"`
	ClientSecret   string `bson:"clientSecret,omitempty"`
	LastError      string `bson:"lastError,omitempty"`
	Flag           string `bson:"flag,omitempty"` // amount_mismatch, late_payment, unexpected_payment
	RefundStatus   string `bson:"refundStatus,omitempty"`
	RefundedAmount int64  `bson:"refundedAmount,omitempty"`
	Attempt        int    `bson:"attempt,omitempty"`
}

// TimelineEntry records one status change.
type TimelineEntry struct {
	Status  Status    `bson:"status"`
	Actor   Actor     `bson:"actor"`
	ActorID string    `bson:"actorId,omitempty"`
	At      time.Time `bson:"at"`
	Note    string    `bson:"note,omitempty"`
}

// Order is a customer's order. It is also the stored document.
type Order struct {
	ID          bson.ObjectID `bson:"_id"`
	UserID      string        `bson:"userId"`
	Customer    Customer      `bson:"customer"`
	Lines       []Line        `bson:"lines"`
	Subtotal    int64         `bson:"subtotal"`
	Discount    int64         `bson:"discount"`
	Shipping    int64         `bson:"shipping"`
	TaxIncluded int64         `bson:"taxIncluded"`
	Total       int64         `bson:"total"`
	Currency    string        `bson:"currency"`
	CouponCode  string        `bson:"couponCode,omitempty"`
	// Ref is Reference() stored at creation, so MongoDB finds an order by
	// the code a customer quotes through an index.
	Ref           string          `bson:"reference,omitempty"`
	Address       Address         `bson:"address"`
	PaymentMethod PaymentMethod   `bson:"paymentMethod"`
	Payment       Payment         `bson:"payment"`
	Notes         string          `bson:"notes,omitempty"`
	Status        Status          `bson:"status"`
	Timeline      []TimelineEntry `bson:"timeline"`
	ExpiresAt     *time.Time      `bson:"expiresAt,omitempty"`
	PaidAt        *time.Time      `bson:"paidAt,omitempty"`
	DeliveredAt   *time.Time      `bson:"deliveredAt,omitempty"`
	CanceledAt    *time.Time      `bson:"canceledAt,omitempty"`
	InvoiceNumber string          `bson:"invoiceNumber,omitempty"`
	// Events are recorded with the fact they describe and moved to the
	// outbox right after (see FactEvent); EventSeq counts the writes that
	// added some.
	Events    []FactEvent `bson:"events,omitempty"`
	EventSeq  int64       `bson:"eventSeq,omitempty"`
	CreatedAt time.Time   `bson:"createdAt"`
	UpdatedAt time.Time   `bson:"updatedAt"`
}

// IDHex is the order's id as a string.
func (o Order) IDHex() string { return o.ID.Hex() }

// Reference is the short code customers read: the id's last 8 characters.
func (o Order) Reference() string {
	id := o.ID.Hex()
	return strings.ToUpper(id[len(id)-8:])
}

// Indexes are the indexes orders need.
func Indexes() []store.Index {
	return []store.Index{
		{Collection: ordersCollection, Model: mongo.IndexModel{Keys: bson.D{{"userId", 1}, {"createdAt", -1}}}},
		{Collection: ordersCollection, Model: mongo.IndexModel{Keys: bson.D{{"status", 1}, {"expiresAt", 1}}}},
		{Collection: ordersCollection, Model: mongo.IndexModel{Keys: bson.D{{"createdAt", -1}}}},
		{Collection: ordersCollection, Model: mongo.IndexModel{Keys: bson.D{{"paidAt", -1}}}},
		{Collection: ordersCollection, Model: mongo.IndexModel{Keys: bson.D{{"payment.intentId", 1}}}},
		{Collection: ordersCollection, Model: mongo.IndexModel{Keys: bson.D{{"payment.refundStatus", 1}, {"canceledAt", 1}}}},
	}
}
