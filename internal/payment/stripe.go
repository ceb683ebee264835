package payment

import (
	"context"
	"fmt"
	"strings"

	"github.com/stripe/stripe-go/v82"
)

// Stripe is the real provider, through stripe-go.
type Stripe struct {
	c   *stripe.Client
	pub string
}

// NewStripe returns the Stripe provider; apiURL points the SDK at another
// Stripe-compatible endpoint (stripe-mock) when not empty.
func NewStripe(secretKey, publishableKey, apiURL string) *Stripe {
	var opts []stripe.ClientOption
	if apiURL != "" {
		retries := int64(0)
		opts = append(opts, stripe.WithBackends(stripe.NewBackendsWithConfig(&stripe.BackendConfig{
			URL: stripe.String(apiURL), MaxNetworkRetries: &retries,
		})))
	}
	return &Stripe{c: stripe.NewClient(secretKey, opts...), pub: publishableKey}
}

func (s *Stripe) Name() string           { return "stripe" }
func (s *Stripe) PublishableKey() string { return s.pub }

func (s *Stripe) EnsureCustomer(ctx context.Context, userID, email, name, known string) (string, error) {
	if known != "" {
		return known, nil
	}
	p := &stripe.CustomerCreateParams{Email: stripe.String(email), Name: stripe.String(name)}
	p.AddMetadata("userId", userID)
	p.SetIdempotencyKey("customer:" + userID)
	c, err := s.c.V1Customers.Create(ctx, p)
	if err != nil {
		return "", fmt.Errorf("create Stripe customer: %w", err)
	}
	return c.ID, nil
}

func (s *Stripe) CreateIntent(ctx context.Context, r IntentRequest) (Intent, error) {
	p := &stripe.PaymentIntentCreateParams{
		Amount: stripe.Int64(r.Amount), Currency: stripe.String(strings.ToLower(r.Currency)),
		AutomaticPaymentMethods: &stripe.PaymentIntentCreateAutomaticPaymentMethodsParams{Enabled: stripe.Bool(true)},
	}
	if r.CustomerID != "" {
		p.Customer = stripe.String(r.CustomerID)
	}
	p.AddMetadata("orderId", r.OrderID)
	p.AddMetadata("userId", r.UserID)
	p.SetIdempotencyKey(r.IdempotencyKey)
	pi, err := s.c.V1PaymentIntents.Create(ctx, p)
	if err != nil {
		return Intent{}, fmt.Errorf("create PaymentIntent: %w", err)
	}
	return Intent{ID: pi.ID, ClientSecret: pi.ClientSecret, Status: string(pi.Status), Amount: pi.Amount,
		Currency: strings.ToUpper(string(pi.Currency))}, nil
}

func (s *Stripe) Refund(ctx context.Context, r RefundRequest) (Refund, error) {
	p := &stripe.RefundCreateParams{PaymentIntent: stripe.String(r.IntentID), Amount: stripe.Int64(r.Amount)}
	p.AddMetadata("orderId", r.OrderID)
	p.SetIdempotencyKey(r.IdempotencyKey)
	re, err := s.c.V1Refunds.Create(ctx, p)
	if err != nil {
		return Refund{}, fmt.Errorf("create refund: %w", err)
	}
	return Refund{ID: re.ID, Status: string(re.Status), Amount: re.Amount}, nil
}
