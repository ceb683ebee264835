package order

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Payment flags.
const (
	FlagAmountMismatch = "amount_mismatch"
	FlagLatePayment    = "late_payment"
	// FlagUnexpectedPayment: a signed success named this order for a
	// PaymentIntent that is not its own; the order was not marked paid.
	FlagUnexpectedPayment = "unexpected_payment"
)

// ErrNotCardOrder: the payment operation needs a pending card order.
var ErrNotCardOrder = errors.New("not a pending card order")

// changePayment applies set to an order's payment when check accepts the
// order as it is now. Like Transition it holds the order and writes with a
// guard on the status it read, so it is exact on both databases.
func (s *Service) changePayment(ctx context.Context, id string, check func(Order) error, set bson.D) (Order, error) {
	unlock := s.db.lockOrder(id)
	defer unlock()
	o, err := s.Get(ctx, id)
	if err != nil {
		return Order{}, err
	}
	if err := check(o); err != nil {
		return o, err
	}
	set = append(set, bson.E{"updatedAt", s.now()})
	out, found, err := s.db.update(ctx, o.ID, o.Status, bson.D{{"$set", set}})
	if err != nil {
		s.refreshAfterFailure(ctx, o.ID)
		return Order{}, fmt.Errorf("update order payment: %w", err)
	}
	if !found {
		return Order{}, ErrInvalidTransition
	}
	s.d.Reads.Stored(out)
	return out, nil
}

func pendingCard(o Order) error {
	if o.Status != Pending || o.PaymentMethod != Card {
		return ErrNotCardOrder
	}
	return nil
}

var errKeep = errors.New("nothing to change")

// RecordIntent stores a pending card order's PaymentIntent and the attempt
// it was created for.
func (s *Service) RecordIntent(ctx context.Context, id, provider, intentID, clientSecret string, attempt int) (Order, error) {
	return s.changePayment(ctx, id, pendingCard, bson.D{
		{"payment.provider", provider}, {"payment.intentId", intentID}, {"payment.clientSecret", clientSecret},
		{"payment.attempt", attempt},
	})
}

// CheckPendingCard returns ErrNotCardOrder unless o is a pending card order.
func CheckPendingCard(o Order) error { return pendingCard(o) }

// RecordPaymentFailure keeps the last failure of a pending order's payment;
// the order stays pending until it is paid or expires.
func (s *Service) RecordPaymentFailure(ctx context.Context, id, message string) (Order, error) {
	return s.changePayment(ctx, id, func(o Order) error {
		if o.Status != Pending {
			return errKeep
		}
		return nil
	}, bson.D{{"payment.status", "failed"}, {"payment.lastError", message}})
}

// FlagPayment marks a payment that needs attention; refund says the money
// must go back (a success for an order that had already expired).
func (s *Service) FlagPayment(ctx context.Context, id, flag string, refund bool) (Order, error) {
	set := bson.D{{"payment.flag", flag}}
	return s.changePayment(ctx, id, func(o Order) error {
		if refund && o.Payment.RefundStatus == "" {
			set = append(set, bson.E{"payment.refundStatus", "pending"})
		}
		return nil
	}, set)
}

// FlagUnexpectedPayment records a success for a PaymentIntent that is not
// the order's own, whatever the order's status: the order is never paid by
// it, and the intent is kept so the shop can find (and refund) the money.
func (s *Service) FlagUnexpectedPayment(ctx context.Context, id, intentID string) (Order, error) {
	return s.changePayment(ctx, id, func(Order) error { return nil },
		bson.D{{"payment.flag", FlagUnexpectedPayment}, {"payment.unexpectedIntentId", intentID}})
}

// RecordRefund stores the state of an order's refund. A refund that already
// succeeded is never moved back.
func (s *Service) RecordRefund(ctx context.Context, id, status string, amount int64) (Order, error) {
	o, err := s.changePayment(ctx, id, func(o Order) error {
		if o.Payment.RefundStatus == "succeeded" && status != "succeeded" {
			return errKeep
		}
		return nil
	}, bson.D{{"payment.refundStatus", status}, {"payment.refundedAmount", amount}})
	if errors.Is(err, errKeep) {
		return o, nil
	}
	return o, err
}

// FindByIntent returns the order of a PaymentIntent.
func (s *Service) FindByIntent(ctx context.Context, intentID string) (Order, error) {
	var o Order
	err := s.orders().FindOne(ctx, bson.D{{"payment.intentId", intentID}}).Decode(&o)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Order{}, ErrNotFound
	}
	if err != nil {
		return Order{}, fmt.Errorf("find order by intent: %w", err)
	}
	return o, nil
}

// IsKeep reports the "nothing to change" outcome of a payment update.
func IsKeep(err error) bool { return errors.Is(err, errKeep) }
