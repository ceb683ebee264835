// Package coupon owns discount coupons: their rules and, with checkout, their
// atomic redemption.
package coupon

import (
	"context"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

const couponsCollection = "coupons"

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
	Value            int64
	Currency         string
	Active           bool
	Public           bool
	StartsAt         *time.Time
	EndsAt           *time.Time
	MinSubtotal      int64
	MaxDiscount      int64 // 0 means no cap
	UsageLimit       int   // 0 means unlimited
	PerCustomerLimit int
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
	StartsAt         *time.Time    `bson:"startsAt,omitempty"`
	EndsAt           *time.Time    `bson:"endsAt,omitempty"`
	MinSubtotal      int64         `bson:"minSubtotal"`
	MaxDiscount      int64         `bson:"maxDiscount"`
	UsageLimit       int           `bson:"usageLimit"`
	PerCustomerLimit int           `bson:"perCustomerLimit"`
	UsedCount        int           `bson:"usedCount"`
	CreatedAt        time.Time     `bson:"createdAt"`
	UpdatedAt        time.Time     `bson:"updatedAt"`
}

// Indexes are the indexes coupons need.
func Indexes() []store.Index {
	return []store.Index{
		{Collection: couponsCollection, Model: mongo.IndexModel{Keys: bson.D{{"code", 1}}, Options: options.Index().SetUnique(true)}},
	}
}

// NormaliseCode is how codes are compared: trimmed and upper-cased.
func NormaliseCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// Seed inserts coupons whose codes do not exist yet.
func Seed(ctx context.Context, s *store.Store, coupons []Coupon) error {
	now := time.Now().UTC()
	for _, c := range coupons {
		if c.PerCustomerLimit == 0 {
			c.PerCustomerLimit = 1
		}
		d := couponDoc{
			ID: bson.NewObjectID(), Code: NormaliseCode(c.Code), Description: c.Description, Type: string(c.Type),
			Value: c.Value, Currency: c.Currency, Active: c.Active, Public: c.Public, StartsAt: c.StartsAt, EndsAt: c.EndsAt,
			MinSubtotal: c.MinSubtotal, MaxDiscount: c.MaxDiscount, UsageLimit: c.UsageLimit,
			PerCustomerLimit: c.PerCustomerLimit, CreatedAt: now, UpdatedAt: now,
		}
		_, err := s.DB.Collection(couponsCollection).InsertOne(ctx, d)
		if err != nil && !store.IsDuplicateKey(err) {
			return fmt.Errorf("seed coupon %s: %w", d.Code, err)
		}
	}
	return nil
}
