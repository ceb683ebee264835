package customer

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/validation"
)

// lockUser serialises the read-modify-write operations on one user record in
// this process: FerretDB applies an update by reading, changing in Go and
// writing back, so two concurrent updates of one document can lose one.
func (s *Service) lockUser(userID string) (unlock func()) {
	return s.s.Locks.Lock("user:" + userID)
}

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
	var d userDoc
	err = s.users().FindOneAndUpdate(ctx, bson.D{{"_id", oid}}, change,
		options.FindOneAndUpdate().SetReturnDocument(options.After)).Decode(&d)
	s.reindex(ctx, oid)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return User{}, ErrNotFound
	}
	if err != nil {
		return User{}, fmt.Errorf("update user: %w", err)
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
	unlock := s.lockUser(userID)
	defer unlock()
	return s.updateUser(ctx, userID, bson.D{{"$set", set}})
}

// Deactivate closes the customer's own account: from then on every
// authenticated request of it is refused with ErrInactive. Only an admin can
// reactivate it; orders, addresses and the identity provider's account stay.
func (s *Service) Deactivate(ctx context.Context, userID string) error {
	unlock := s.lockUser(userID)
	defer unlock()
	_, err := s.updateUser(ctx, userID, bson.D{{"$set", bson.D{{"isActive", false}, {"updatedAt", s.now()}}}})
	return err
}

// SetStripeCustomer stores the user's Stripe customer id, once: an id that
// is already stored wins, and is returned.
func (s *Service) SetStripeCustomer(ctx context.Context, userID, stripeID string) (string, error) {
	unlock := s.lockUser(userID)
	defer unlock()
	u, err := s.Get(ctx, userID)
	if err != nil {
		return "", err
	}
	if u.StripeCustomerID != "" {
		return u.StripeCustomerID, nil
	}
	oid, _ := bson.ObjectIDFromHex(userID)
	if _, err := s.users().UpdateOne(ctx, bson.D{{"_id", oid}}, bson.D{{"$set", bson.D{{"stripeCustomerId", stripeID}}}}); err != nil {
		return "", fmt.Errorf("store Stripe customer: %w", err)
	}
	return stripeID, nil
}
