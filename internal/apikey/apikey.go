// Package apikey issues and checks API keys for the terminal admin and
// integrators. A key is shown once at creation; only its SHA-256 hash is
// stored, so a database leak does not leak usable keys.
package apikey

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/validation"
)

const collection = "api_keys"

// Prefix starts every key, so a leaked key is recognisable (and scannable).
const Prefix = "dpk_"

// Scopes a key may carry.
const (
	ScopeAdmin = "admin" // every operation its creator may call
	ScopeRead  = "read"  // safe (GET) operations only
)

var (
	ErrNotFound = errors.New("api key not found")
	// ErrInvalid means the presented key is unknown, malformed or revoked.
	ErrInvalid = errors.New("invalid api key")
)

// Key is an API key as shown after creation (never with its secret).
type Key struct {
	ID         string
	Name       string
	Prefix     string // the first characters, to recognise a key in a list
	Scopes     []string
	CreatedBy  string // id of the user the key acts as
	CreatedAt  time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

type keyDoc struct {
	ID         bson.ObjectID `bson:"_id"`
	Name       string        `bson:"name"`
	Prefix     string        `bson:"prefix"`
	Hash       string        `bson:"hash"`
	Scopes     []string      `bson:"scopes"`
	CreatedBy  string        `bson:"createdBy"`
	CreatedAt  time.Time     `bson:"createdAt"`
	LastUsedAt *time.Time    `bson:"lastUsedAt,omitempty"`
	RevokedAt  *time.Time    `bson:"revokedAt,omitempty"`
}

func (d keyDoc) toDomain() Key {
	return Key{
		ID: d.ID.Hex(), Name: d.Name, Prefix: d.Prefix, Scopes: append([]string{}, d.Scopes...),
		CreatedBy: d.CreatedBy, CreatedAt: d.CreatedAt.UTC(), LastUsedAt: d.LastUsedAt, RevokedAt: d.RevokedAt,
	}
}

// Service manages API keys.
type Service struct {
	s   *store.Store
	now func() time.Time
	// LastUsedEvery throttles last-used writes: a busy key updates its
	// record at most this often instead of on every request.
	LastUsedEvery time.Duration
}

// NewService returns the API key service on s.
func NewService(s *store.Store) *Service {
	return &Service{s: s, now: func() time.Time { return time.Now().UTC() }, LastUsedEvery: time.Minute}
}

// Indexes are the indexes keys need.
func Indexes() []store.Index {
	return []store.Index{
		{Collection: collection, Model: mongo.IndexModel{Keys: bson.D{{"hash", 1}}, Options: options.Index().SetUnique(true)}},
		{Collection: collection, Model: mongo.IndexModel{Keys: bson.D{{"createdAt", -1}}}},
	}
}

func (s *Service) keys() *mongo.Collection { return s.s.DB.Collection(collection) }

func hash(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// NormaliseScopes checks and de-duplicates scopes.
func NormaliseScopes(scopes []string) ([]string, error) {
	var out []string
	for _, sc := range scopes {
		sc = strings.ToLower(strings.TrimSpace(sc))
		if sc != ScopeAdmin && sc != ScopeRead {
			return nil, validation.Fail("scopes", validation.InvalidValue, fmt.Sprintf("El alcance %q no existe: usa admin o read.", sc))
		}
		if !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	if len(out) == 0 {
		return nil, validation.Fail("scopes", validation.Required, "Indica al menos un alcance (admin o read).")
	}
	slices.Sort(out)
	return out, nil
}

// Create issues a key acting as user createdBy. The secret is returned this
// once and never again.
func (s *Service) Create(ctx context.Context, name string, scopes []string, createdBy string) (Key, string, error) {
	name = strings.TrimSpace(name)
	v := &validation.Error{}
	switch n := utf8.RuneCountInString(name); {
	case n == 0:
		v.Add("name", validation.Required, validation.MsgNotEmpty)
	case n > 100:
		v.Add("name", validation.TooLong, validation.MaxChars(100))
	}
	scopes, err := NormaliseScopes(scopes)
	if err != nil {
		var ve *validation.Error
		if errors.As(err, &ve) {
			v.Fields = append(v.Fields, ve.Fields...)
		}
	}
	if err := v.Err(); err != nil {
		return Key{}, "", err
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return Key{}, "", fmt.Errorf("generate api key: %w", err)
	}
	secret := Prefix + hex.EncodeToString(b[:])
	d := keyDoc{
		ID: bson.NewObjectID(), Name: name, Prefix: secret[:len(Prefix)+8], Hash: hash(secret),
		Scopes: scopes, CreatedBy: createdBy, CreatedAt: s.now(),
	}
	if _, err := s.keys().InsertOne(ctx, d); err != nil {
		return Key{}, "", fmt.Errorf("store api key: %w", err)
	}
	return d.toDomain(), secret, nil
}

// Authenticate returns the live key matching secret and records its use.
func (s *Service) Authenticate(ctx context.Context, secret string) (Key, error) {
	if !strings.HasPrefix(secret, Prefix) || len(secret) != len(Prefix)+64 {
		return Key{}, ErrInvalid
	}
	var d keyDoc
	err := s.keys().FindOne(ctx, bson.D{{"hash", hash(secret)}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return Key{}, ErrInvalid
	}
	if err != nil {
		return Key{}, fmt.Errorf("find api key: %w", err)
	}
	if d.RevokedAt != nil {
		return Key{}, ErrInvalid
	}
	now := s.now()
	if d.LastUsedAt == nil || now.Sub(*d.LastUsedAt) >= s.LastUsedEvery {
		// Best effort: a missed last-used write must not fail the request.
		_, _ = s.keys().UpdateOne(ctx, bson.D{{"_id", d.ID}}, bson.D{{"$set", bson.D{{"lastUsedAt", now}}}})
		d.LastUsedAt = &now
	}
	return d.toDomain(), nil
}

// Page is one page of keys.
type Page struct {
	Items       []Key
	Total       int
	Page, Limit int
}

// List returns keys newest first.
func (s *Service) List(ctx context.Context, includeRevoked bool, page, limit int) (Page, error) {
	if page < 1 {
		page = 1
	}
	if limit < 1 || limit > 100 {
		limit = 20
	}
	filter := bson.D{}
	if !includeRevoked {
		filter = bson.D{{"revokedAt", bson.D{{"$exists", false}}}}
	}
	total, err := s.keys().CountDocuments(ctx, filter)
	if err != nil {
		return Page{}, fmt.Errorf("count api keys: %w", err)
	}
	cur, err := s.keys().Find(ctx, filter, options.Find().
		SetSort(bson.D{{"createdAt", -1}, {"_id", -1}}).SetSkip(store.Skip(page, limit)).SetLimit(int64(limit)))
	if err != nil {
		return Page{}, fmt.Errorf("list api keys: %w", err)
	}
	var docs []keyDoc
	if err := cur.All(ctx, &docs); err != nil {
		return Page{}, fmt.Errorf("list api keys: %w", err)
	}
	out := Page{Items: make([]Key, len(docs)), Total: int(total), Page: page, Limit: limit}
	for i, d := range docs {
		out.Items[i] = d.toDomain()
	}
	return out, nil
}

// Revoke disables a key for good. Revoking a revoked key changes nothing.
func (s *Service) Revoke(ctx context.Context, id string) error {
	oid, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return ErrNotFound
	}
	res, err := s.keys().UpdateOne(ctx, bson.D{{"_id", oid}, {"revokedAt", bson.D{{"$exists", false}}}},
		bson.D{{"$set", bson.D{{"revokedAt", s.now()}}}})
	if err != nil {
		return fmt.Errorf("revoke api key: %w", err)
	}
	if res.MatchedCount == 0 {
		n, err := s.keys().CountDocuments(ctx, bson.D{{"_id", oid}})
		if err != nil {
			return fmt.Errorf("find api key: %w", err)
		}
		if n == 0 {
			return ErrNotFound
		}
	}
	return nil
}
