// Package customer owns the local user records: who signed in, their role and
// whether their account is active. Records are keyed by the identity
// provider's subject and never re-linked by email (legacy defect W-8).
package customer

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/store"
)

const usersCollection = "users"

var (
	ErrNotFound = errors.New("user not found")
	// ErrInactive means the account was deactivated; only an admin can
	// reactivate it.
	ErrInactive = errors.New("account is inactive")
)

// User is a local account.
type User struct {
	ID        string
	ClerkID   string
	Email     string
	Name      string
	ImageURL  string
	Role      auth.Role
	IsActive  bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

type userDoc struct {
	ID        bson.ObjectID `bson:"_id"`
	ClerkID   string        `bson:"clerkId"`
	Email     string        `bson:"email"`
	Name      string        `bson:"name"`
	ImageURL  string        `bson:"imageUrl"`
	Role      string        `bson:"role"`
	IsActive  bool          `bson:"isActive"`
	CreatedAt time.Time     `bson:"createdAt"`
	UpdatedAt time.Time     `bson:"updatedAt"`
}

func (d userDoc) toDomain() User {
	return User{
		ID: d.ID.Hex(), ClerkID: d.ClerkID, Email: d.Email, Name: d.Name, ImageURL: d.ImageURL,
		Role: auth.Role(d.Role), IsActive: d.IsActive, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
	}
}

// Service manages users.
type Service struct {
	s   *store.Store
	now func() time.Time
}

// NewService builds the user service on s.
func NewService(s *store.Store) *Service {
	return &Service{s: s, now: func() time.Time { return time.Now().UTC() }}
}

// Indexes are the indexes users need. Email is deliberately not unique: two
// identities may share an email and stay two users.
func Indexes() []store.Index {
	return []store.Index{
		{Collection: usersCollection, Model: mongo.IndexModel{Keys: bson.D{{"clerkId", 1}}, Options: options.Index().SetUnique(true)}},
		{Collection: usersCollection, Model: mongo.IndexModel{Keys: bson.D{{"email", 1}}}},
		{Collection: usersCollection, Model: mongo.IndexModel{Keys: bson.D{{"createdAt", -1}}}},
	}
}

func (s *Service) users() *mongo.Collection { return s.s.DB.Collection(usersCollection) }

// EnsureUser returns the user of a verified subject, creating the record on
// the subject's first authenticated request. The role is the one decided for
// this request and is kept in step on the record.
func (s *Service) EnsureUser(ctx context.Context, c auth.Claims, role auth.Role) (User, error) {
	var d userDoc
	err := s.users().FindOne(ctx, bson.D{{"clerkId", c.Subject}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		d, err = s.create(ctx, c, role)
	}
	if err != nil {
		return User{}, err
	}
	if d.Role != string(role) {
		// The identity provider is the authority on roles; follow it.
		if _, err := s.users().UpdateOne(ctx, bson.D{{"_id", d.ID}},
			bson.D{{"$set", bson.D{{"role", string(role)}, {"updatedAt", s.now()}}}}); err != nil {
			return User{}, fmt.Errorf("update user role: %w", err)
		}
		d.Role = string(role)
	}
	return d.toDomain(), nil
}

func (s *Service) create(ctx context.Context, c auth.Claims, role auth.Role) (userDoc, error) {
	now := s.now()
	name := strings.TrimSpace(c.Name)
	if name == "" {
		name, _, _ = strings.Cut(c.Email, "@")
	}
	if name == "" {
		name = "Cliente"
	}
	d := userDoc{
		ID: bson.NewObjectID(), ClerkID: c.Subject, Email: c.Email, Name: name, ImageURL: c.Image,
		Role: string(role), IsActive: true, CreatedAt: now, UpdatedAt: now,
	}
	_, err := s.users().InsertOne(ctx, d)
	if store.IsDuplicateKey(err) {
		// A concurrent first request created it; use that one.
		err = s.users().FindOne(ctx, bson.D{{"clerkId", c.Subject}}).Decode(&d)
	}
	if err != nil {
		return userDoc{}, fmt.Errorf("create user: %w", err)
	}
	return d, nil
}

// Get returns a user by id.
func (s *Service) Get(ctx context.Context, id string) (User, error) {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return User{}, ErrNotFound
	}
	var d userDoc
	err = s.users().FindOne(ctx, bson.D{{"_id", oid}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return User{}, ErrNotFound
	}
	if err != nil {
		return User{}, fmt.Errorf("find user: %w", err)
	}
	return d.toDomain(), nil
}
