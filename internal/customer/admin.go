package customer

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// ErrCannotDeactivateSelf stops an admin from locking themselves out.
var ErrCannotDeactivateSelf = errors.New("an admin cannot deactivate their own account")

// ErrDeleted means the identity provider deleted the account; it cannot be
// reactivated here.
var ErrDeleted = errors.New("the account was deleted")

// serviceClerkID is the subject of the terminal's service user, the user
// that keys created with `server keys create` act as.
const serviceClerkID = "local:terminal"

// EnsureServiceUser returns the service user, creating it on first use.
func (s *Service) EnsureServiceUser(ctx context.Context) (User, error) {
	return s.EnsureUser(ctx, auth.Claims{Subject: serviceClerkID, Name: "Administración (terminal)"}, auth.RoleAdmin)
}

// Sort orders of the customer list.
type Sort string

const (
	SortNewest Sort = "newest"
	SortOldest Sort = "oldest"
	SortName   Sort = "name"
	SortEmail  Sort = "email"
)

// ListQuery selects customers for the admin.
type ListQuery struct {
	Q      string // name, email or document number
	Active *bool
	Role   auth.Role
	Sort   Sort
	Page   int
	Limit  int
}

// Page is one page of users.
type Page struct {
	Items       []User
	Total       int
	Page, Limit int
}

// List returns users for the admin, without deleted accounts and the
// service user.
func (s *Service) List(ctx context.Context, q ListQuery) (Page, error) {
	if q.Page == 0 {
		q.Page = 1
	}
	if q.Limit == 0 {
		q.Limit = 20
	}
	v := &validation.Error{}
	if q.Page < 1 {
		v.Add("page", validation.OutOfRange, validation.AtLeast(1))
	}
	if q.Limit < 1 || q.Limit > 100 {
		v.Add("limit", validation.OutOfRange, validation.Between(1, 100))
	}
	if len(q.Q) > 100 {
		v.Add("q", validation.TooLong, validation.MaxChars(100))
	}
	if err := v.Err(); err != nil {
		return Page{}, err
	}
	if p, ok, err := s.listIndexed(ctx, q); ok || err != nil {
		return p, err
	}
	filter := bson.D{{"deletedAt", bson.D{{"$exists", false}}}, {"clerkId", bson.D{{"$ne", serviceClerkID}}}}
	if term := strings.TrimSpace(q.Q); term != "" {
		rx := bson.Regex{Pattern: regexp.QuoteMeta(term), Options: "i"}
		filter = append(filter, bson.E{"$or", bson.A{
			bson.D{{"name", rx}}, bson.D{{"email", rx}}, bson.D{{"documentNumber", rx}},
		}})
	}
	if q.Active != nil {
		filter = append(filter, bson.E{"isActive", *q.Active})
	}
	if q.Role != "" {
		filter = append(filter, bson.E{"role", string(q.Role)})
	}
	sort := bson.D{{"createdAt", -1}, {"_id", -1}}
	switch q.Sort {
	case SortOldest:
		sort = bson.D{{"createdAt", 1}, {"_id", 1}}
	case SortName:
		sort = bson.D{{"name", 1}, {"_id", 1}}
	case SortEmail:
		sort = bson.D{{"email", 1}, {"_id", 1}}
	}
	total, err := s.users().CountDocuments(ctx, filter)
	if err != nil {
		return Page{}, fmt.Errorf("count users: %w", err)
	}
	cur, err := s.users().Find(ctx, filter, options.Find().SetSort(sort).
		SetSkip(store.Skip(q.Page, q.Limit)).SetLimit(int64(q.Limit)))
	if err != nil {
		return Page{}, fmt.Errorf("list users: %w", err)
	}
	var docs []userDoc
	if err := cur.All(ctx, &docs); err != nil {
		return Page{}, fmt.Errorf("list users: %w", err)
	}
	p := Page{Items: make([]User, len(docs)), Total: int(total), Page: q.Page, Limit: q.Limit}
	for i, d := range docs {
		p.Items[i] = d.toDomain()
	}
	return p, nil
}

// SetActive activates or deactivates a user on an admin's behalf.
func (s *Service) SetActive(ctx context.Context, actorID, id string, active bool) (User, error) {
	if !active && actorID == id {
		return User{}, ErrCannotDeactivateSelf
	}
	oid, err := parseUserID(id)
	if err != nil {
		return User{}, err
	}
	d, err := s.db.setActive(ctx, oid, active, time.Now().UTC())
	s.reindex(ctx, oid)
	if err != nil {
		return User{}, err
	}
	return d.toDomain(), nil
}
