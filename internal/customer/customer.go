// Package customer owns the local user records: who signed in, their role and
// whether their account is active. Records are keyed by the identity
// provider's subject and never re-linked by email (legacy defect W-8).
package customer

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/faults"
	"github.com/donpalito/donpalitojr/internal/store"
)

const usersCollection = "users"

var (
	ErrNotFound = errors.New("user not found")
	// ErrInactive means the account was deactivated; only an admin can
	// reactivate it.
	ErrInactive = errors.New("account is inactive")
)

// DocumentType is a Colombian identity document.
type DocumentType string

const (
	CedulaCiudadania  DocumentType = "cedula_ciudadania"
	CedulaExtranjeria DocumentType = "cedula_extranjeria"
	Pasaporte         DocumentType = "pasaporte"
)

// Gender as the customer declares it.
type Gender string

const (
	Masculino Gender = "masculino"
	Femenino  Gender = "femenino"
	Otro      Gender = "otro"
)

// User is a local account.
type User struct {
	ID       string
	ClerkID  string
	Email    string
	Name     string
	ImageURL string
	Role     auth.Role
	IsActive bool

	Phone          string
	DocumentType   DocumentType // empty when not given
	DocumentNumber string
	Gender         Gender     // empty when not given
	BirthDate      *time.Time // a calendar date, stored as 00:00 UTC

	EmailNotifications bool
	MarketingEmails    bool

	Addresses []Address
	Wishlist  []string // product ids, oldest first

	StripeCustomerID string
	// DeletedAt is set when the identity provider deleted the account; the
	// record stays (anonymised) so orders keep their customer.
	DeletedAt *time.Time
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Address is a delivery address of a user.
type Address struct {
	ID            string
	Label         string
	FullName      string
	StreetAddress string
	City          string
	PhoneNumber   string
	Notes         string
	IsDefault     bool
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

type userDoc struct {
	ID       bson.ObjectID `bson:"_id"`
	ClerkID  string        `bson:"clerkId"`
	Email    string        `bson:"email"`
	Name     string        `bson:"name"`
	ImageURL string        `bson:"imageUrl"`
	Role     string        `bson:"role"`
	IsActive bool          `bson:"isActive"`

	Phone          string     `bson:"phone,omitempty"`
	DocumentType   string     `bson:"documentType,omitempty"`
	DocumentNumber string     `bson:"documentNumber,omitempty"`
	Gender         string     `bson:"gender,omitempty"`
	BirthDate      *time.Time `bson:"birthDate,omitempty"`

	EmailNotifications bool `bson:"emailNotifications"`
	MarketingEmails    bool `bson:"marketingEmails"`

	Addresses []addressDoc `bson:"addresses"`
	Wishlist  []string     `bson:"wishlist"`

	StripeCustomerID string     `bson:"stripeCustomerId,omitempty"`
	DeletedAt        *time.Time `bson:"deletedAt,omitempty"`
	CreatedAt        time.Time  `bson:"createdAt"`
	UpdatedAt        time.Time  `bson:"updatedAt"`
	// ClerkUpdatedAt is the updated_at (unix ms) of the last Clerk event
	// applied; older events are skipped.
	ClerkUpdatedAt int64 `bson:"clerkUpdatedAt,omitempty"`
}

type addressDoc struct {
	ID            bson.ObjectID `bson:"_id"`
	Label         string        `bson:"label"`
	FullName      string        `bson:"fullName"`
	StreetAddress string        `bson:"streetAddress"`
	City          string        `bson:"city"`
	PhoneNumber   string        `bson:"phoneNumber"`
	Notes         string        `bson:"notes,omitempty"`
	IsDefault     bool          `bson:"isDefault"`
	CreatedAt     time.Time     `bson:"createdAt"`
	UpdatedAt     time.Time     `bson:"updatedAt"`
}

func (d addressDoc) toDomain() Address {
	return Address{
		ID: d.ID.Hex(), Label: d.Label, FullName: d.FullName, StreetAddress: d.StreetAddress, City: d.City,
		PhoneNumber: d.PhoneNumber, Notes: d.Notes, IsDefault: d.IsDefault, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
	}
}

func (d userDoc) toDomain() User {
	u := User{
		ID: d.ID.Hex(), ClerkID: d.ClerkID, Email: d.Email, Name: d.Name, ImageURL: d.ImageURL,
		Role: auth.Role(d.Role), IsActive: d.IsActive,
		Phone: d.Phone, DocumentType: DocumentType(d.DocumentType), DocumentNumber: d.DocumentNumber,
		Gender: Gender(d.Gender), BirthDate: d.BirthDate,
		EmailNotifications: d.EmailNotifications, MarketingEmails: d.MarketingEmails,
		Addresses: make([]Address, len(d.Addresses)), Wishlist: append([]string{}, d.Wishlist...),
		StripeCustomerID: d.StripeCustomerID, DeletedAt: d.DeletedAt,
		CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC(),
	}
	for i, a := range d.Addresses {
		u.Addresses[i] = a.toDomain()
	}
	return u
}

// Service manages users.
type Service struct {
	db       Store
	products ProductChecker
	now      func() time.Time
	created  func(context.Context, User) error
	// index serves the admin's list when set (UseListIndex).
	index *listIndex
}

// OnCreated sets what is told about every new account (the user.created
// event); set it before serving. f must be idempotent per user (the outbox
// keys the event by the user id): recovery may tell it again.
func (s *Service) OnCreated(f func(context.Context, User) error) { s.created = f }

func (s *Service) intents() store.Intents { return s.db.intents() }

// markCreating records the intent before the insert of the user id.
func (s *Service) markCreating(ctx context.Context, id bson.ObjectID) error {
	return s.intents().Mark(ctx, id.Hex(), s.now())
}

// tellCreated records the user.created event of d and drops its mark; on
// failure the mark stays and the sweep tells it later.
func (s *Service) tellCreated(ctx context.Context, d userDoc) {
	faults.Point("user.created")
	ctx = context.WithoutCancel(ctx)
	if s.created != nil {
		if err := s.created(ctx, d.toDomain()); err != nil {
			return
		}
	}
	faults.Point("user.created.told")
	_ = s.intents().Drop(ctx, d.ID.Hex())
}

// DrainCreated tells the creation of users marked before now-grace whose
// writer crashed (or failed) between the insert and the event; a mark whose
// user was never inserted is dropped. It returns how many users it told.
func (s *Service) DrainCreated(ctx context.Context, grace time.Duration) (int, error) {
	return s.intents().Drain(ctx, s.now().Add(-grace), func(ctx context.Context, id bson.ObjectID) (bool, error) {
		var d userDoc
		err := s.users().FindOne(ctx, bson.D{{"_id", id}}).Decode(&d)
		if errors.Is(err, mongo.ErrNoDocuments) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("read marked user: %w", err)
		}
		if s.created != nil {
			if err := s.created(ctx, d.toDomain()); err != nil {
				return false, fmt.Errorf("tell user.created: %w", err)
			}
		}
		return true, nil
	})
}

// NewService builds the user service on db; products tells which products a
// wishlist may hold.
func NewService(db Store, products ProductChecker) *Service {
	return &Service{db: db, products: products, now: func() time.Time { return time.Now().UTC() }}
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

func (s *Service) users() *mongo.Collection { return s.db.users() }

// EnsureUser returns the user of a verified subject, creating the record on
// the subject's first authenticated request. The role is the one decided for
// this request and is kept in step on the record.
func (s *Service) EnsureUser(ctx context.Context, c auth.Claims, role auth.Role) (User, error) {
	var d userDoc
	err := s.users().FindOne(ctx, bson.D{{"_id", IDForSubject(c.Subject)}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		d, err = s.create(ctx, c, role)
	}
	if err != nil {
		return User{}, err
	}
	if d.Role != string(role) {
		// The identity provider is the authority on roles; follow it.
		_, err := s.db.update(ctx, d.ID, bson.D{{"$set", bson.D{{"role", string(role)}, {"updatedAt", s.now()}}}})
		s.reindex(ctx, d.ID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return User{}, fmt.Errorf("update user role: %w", err)
		}
		d.Role = string(role)
	}
	return d.toDomain(), nil
}

func (s *Service) create(ctx context.Context, c auth.Claims, role auth.Role) (userDoc, error) {
	d := newUserDoc(c.Subject, c.Email, displayName(c.Name, c.Email), c.Image, role, s.now())
	if err := s.markCreating(ctx, d.ID); err != nil {
		return userDoc{}, err
	}
	_, err := s.users().InsertOne(ctx, d)
	s.reindex(ctx, d.ID)
	if store.IsDuplicateKey(err) {
		// A concurrent first request created it; use that one.
		err = s.users().FindOne(ctx, bson.D{{"_id", IDForSubject(c.Subject)}}).Decode(&d)
		if err != nil {
			return userDoc{}, fmt.Errorf("create user: %w", err)
		}
		return d, nil
	}
	if err != nil {
		return userDoc{}, fmt.Errorf("create user: %w", err)
	}
	s.tellCreated(ctx, d)
	return d, nil
}

// IDForSubject is the id of the user of an identity subject. Deriving it
// from the subject makes the lookup on every authenticated request a
// primary-key read (the embedded FerretDB scans the collection for any other
// filter), and makes two concurrent first requests collide on _id.
func IDForSubject(subject string) bson.ObjectID {
	sum := sha256.Sum256([]byte("user\x00" + subject))
	var id bson.ObjectID
	copy(id[:], sum[:len(id)])
	return id
}

// newUserDoc is a new, active account.
func newUserDoc(subject, email, name, image string, role auth.Role, now time.Time) userDoc {
	return userDoc{
		ID: IDForSubject(subject), ClerkID: subject, Email: email, Name: name, ImageURL: image,
		Role: string(role), IsActive: true, EmailNotifications: true,
		Addresses: []addressDoc{}, Wishlist: []string{}, CreatedAt: now, UpdatedAt: now,
	}
}

// displayName is the name to show: the given one, else the email's local
// part, else "Cliente" — never blank (legacy defect W-20).
func displayName(name, email string) string {
	if n := strings.Join(strings.Fields(name), " "); n != "" {
		return n
	}
	if local, _, _ := strings.Cut(strings.TrimSpace(email), "@"); local != "" {
		return local
	}
	return "Cliente"
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
