// Package payment takes card payments: it creates each card order's
// PaymentIntent through a provider (Stripe, or the simulated provider of dev
// mode), applies the provider's webhook events to orders through guarded
// moves, and refunds card orders that are canceled after payment.
package payment

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Provider is who moves the money.
type Provider interface {
	// Name is what orders record: stripe or simulated.
	Name() string
	// PublishableKey is handed to clients ("" for the simulated provider).
	PublishableKey() string
	// EnsureCustomer returns the provider's customer for a user, creating it
	// when known is empty.
	EnsureCustomer(ctx context.Context, userID, email, name, known string) (string, error)
	CreateIntent(ctx context.Context, r IntentRequest) (Intent, error)
	Refund(ctx context.Context, r RefundRequest) (Refund, error)
}

// IntentRequest asks for a PaymentIntent. Metadata carries ids only.
type IntentRequest struct {
	OrderID, UserID, CustomerID string
	Amount                      int64  // minor units
	Currency                    string // ISO 4217
	IdempotencyKey              string
}

// Intent is a PaymentIntent as the client needs it.
type Intent struct {
	ID, ClientSecret, Status string
	Amount                   int64
	Currency                 string
}

// RefundRequest asks to give an intent's money back.
type RefundRequest struct {
	OrderID, IntentID string
	Amount            int64
	IdempotencyKey    string
}

// Refund is a refund's state: pending, succeeded or failed.
type Refund struct {
	ID, Status string
	Amount     int64
}

// Simulated stands in for Stripe in dev mode: intents and refunds exist only
// in our database, and payments are "made" by POST /api/dev/payments/…/simulate.
type Simulated struct{}

func (Simulated) Name() string           { return "simulated" }
func (Simulated) PublishableKey() string { return "" }

func (Simulated) EnsureCustomer(_ context.Context, userID, _, _, known string) (string, error) {
	return known, nil // the simulated provider needs no customers
}

// CreateIntent derives the intent from the idempotency key, so a retry
// returns the same intent, as Stripe does.
func (Simulated) CreateIntent(_ context.Context, r IntentRequest) (Intent, error) {
	id := "pi_sim_" + shortHash(r.IdempotencyKey)
	return Intent{ID: id, ClientSecret: id + "_secret_sim", Status: "requires_payment_method", Amount: r.Amount, Currency: r.Currency}, nil
}

func (Simulated) Refund(_ context.Context, r RefundRequest) (Refund, error) {
	return Refund{ID: "re_sim_" + shortHash(r.IdempotencyKey), Status: "succeeded", Amount: r.Amount}, nil
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:12])
}

func itoa(n int) string { return strconv.Itoa(n) }
