package customer

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/validation"
)

func parseUserID(id string) (bson.ObjectID, error) {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return bson.ObjectID{}, ErrNotFound
	}
	return oid, nil
}

// updateUser applies change to one user and returns the record after it.
func (s *Service) updateUser(ctx context.Context, userID string, change bson.D) (User, error) {
	oid, err := parseUserID(userID)
	if err != nil {
		return User{}, err
	}
	d, err := s.db.update(ctx, oid, change)
	s.reindex(ctx, oid)
	if err != nil {
		return User{}, err
	}
	return d.toDomain(), nil
}

// NotificationPreferences are the emails a customer agrees to receive; nil
// means keep.
type NotificationPreferences struct {
	EmailNotifications *bool
	MarketingEmails    *bool
}

// UpdateNotificationPreferences changes the given preferences and returns the
// user with the preferences now in force.
func (s *Service) UpdateNotificationPreferences(ctx context.Context, userID string, p NotificationPreferences) (User, error) {
	set := bson.D{{"updatedAt", s.now()}}
	if p.EmailNotifications != nil {
		set = append(set, bson.E{"emailNotifications", *p.EmailNotifications})
	}
	if p.MarketingEmails != nil {
		set = append(set, bson.E{"marketingEmails", *p.MarketingEmails})
	}
	if len(set) == 1 {
		return User{}, validation.Fail("body", validation.Required, validation.MsgNothingToChange)
	}
	return s.updateUser(ctx, userID, bson.D{{"$set", set}})
}

// Deactivate closes the customer's own account: from then on every
// authenticated request of it is refused with ErrInactive. Only an admin can
// reactivate it; orders, addresses and the identity provider's account stay.
func (s *Service) Deactivate(ctx context.Context, userID string) error {
	_, err := s.updateUser(ctx, userID, bson.D{{"$set", bson.D{{"isActive", false}, {"updatedAt", s.now()}}}})
	return err
}

// SetStripeCustomer stores the user's Stripe customer id, once: an id that
// is already stored wins, and is returned.
func (s *Service) SetStripeCustomer(ctx context.Context, userID, stripeID string) (string, error) {
	oid, err := parseUserID(userID)
	if err != nil {
		return "", err
	}
	return s.db.setStripeCustomer(ctx, oid, stripeID)
}
