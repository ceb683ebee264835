package customer

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/auth"
)

// CustomerCounts are the dashboard's customer figures.
type CustomerCounts struct {
	// New is customer accounts created in the period (whatever their state now).
	New int
	// Active is every active customer account that was not deleted.
	Active int
}

// CountCustomers counts customer accounts (admins and the terminal's service
// user are never customers): those created in [from, until) and all active
// ones. A zero bound leaves that side open.
func (s *Service) CountCustomers(ctx context.Context, from, until time.Time) (CustomerCounts, error) {
	if c, ok := s.countIndexed(from, until); ok {
		return c, nil
	}
	customers := string(auth.RoleCustomer)
	newFilter := bson.D{{"role", customers}}
	created := bson.D{}
	if !from.IsZero() {
		created = append(created, bson.E{"$gte", from})
	}
	if !until.IsZero() {
		created = append(created, bson.E{"$lt", until})
	}
	if len(created) > 0 {
		newFilter = append(newFilter, bson.E{"createdAt", created})
	}
	n, err := s.users().CountDocuments(ctx, newFilter)
	if err != nil {
		return CustomerCounts{}, fmt.Errorf("count new customers: %w", err)
	}
	active, err := s.users().CountDocuments(ctx, bson.D{
		{"role", customers}, {"isActive", true}, {"deletedAt", bson.D{{"$exists", false}}},
	})
	if err != nil {
		return CustomerCounts{}, fmt.Errorf("count active customers: %w", err)
	}
	return CustomerCounts{New: int(n), Active: int(active)}, nil
}
