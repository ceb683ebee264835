package customer

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// DeletedName replaces the name of an account the identity provider deleted.
const DeletedName = "Usuario eliminado"

// clerkEvent is a Clerk webhook event; only what the shop uses is read.
type clerkEvent struct {
	Type string          `json:"type"`
	Data json.RawMessage `json:"data"`
}

// clerkUser is the data of user.created, user.updated and user.deleted
// (which carries only the id).
type clerkUser struct {
	ID                    string `json:"id"`
	FirstName             string `json:"first_name"`
	LastName              string `json:"last_name"`
	ImageURL              string `json:"image_url"`
	PrimaryEmailAddressID string `json:"primary_email_address_id"`
	EmailAddresses        []struct {
		ID           string `json:"id"`
		EmailAddress string `json:"email_address"`
	} `json:"email_addresses"`
	PublicMetadata struct {
		Role any `json:"role"`
	} `json:"public_metadata"`
	// UpdatedAt (unix milliseconds) orders the events of one user: a retry
	// of an older event must not undo a newer one.
	UpdatedAt int64 `json:"updated_at"`
}

// primaryEmail is the address Clerk marks primary, else the first one.
func (u clerkUser) primaryEmail() string {
	for _, e := range u.EmailAddresses {
		if e.ID == u.PrimaryEmailAddressID && u.PrimaryEmailAddressID != "" {
			return strings.TrimSpace(e.EmailAddress)
		}
	}
	if len(u.EmailAddresses) > 0 {
		return strings.TrimSpace(u.EmailAddresses[0].EmailAddress)
	}
	return ""
}

// role is decided by the same rule as a session token's: admin only when
// the signed public metadata says so.
func (u clerkUser) role() auth.Role {
	r, _ := u.PublicMetadata.Role.(string)
	return auth.RoleFor(auth.Claims{Role: r}, nil)
}

// ApplyClerkEvent applies a Clerk webhook event whose signature the caller
// verified. user.created and user.updated create or update the user of that
// Clerk id; user.deleted deactivates and anonymises it; other types are
// ignored.
func (s *Service) ApplyClerkEvent(ctx context.Context, payload []byte) error {
	var ev clerkEvent
	if err := json.Unmarshal(payload, &ev); err != nil {
		return validation.Fail("body", validation.Malformed, "El evento no es JSON válido.")
	}
	switch ev.Type {
	case "user.created", "user.updated", "user.deleted":
	default:
		return nil
	}
	var u clerkUser
	if err := json.Unmarshal(ev.Data, &u); err != nil {
		return validation.Fail("data", validation.InvalidType, "Los datos del usuario no tienen la forma de Clerk.")
	}
	if strings.TrimSpace(u.ID) == "" {
		return validation.Fail("data.id", validation.Required, "Falta el id del usuario de Clerk.")
	}
	if ev.Type == "user.deleted" {
		return s.forgetClerkUser(ctx, u.ID)
	}
	return s.syncClerkUser(ctx, u)
}

// syncClerkUser upserts the user of a Clerk id. It runs against the
// auto-creation of a first authenticated request (EnsureUser): whichever
// inserts second hits the unique clerkId index and updates instead. Deleted
// accounts stay deleted, and an event older than the last one applied is
// skipped.
func (s *Service) syncClerkUser(ctx context.Context, u clerkUser) error {
	email := u.primaryEmail()
	name := displayName(u.FirstName+" "+u.LastName, email)
	now := s.now()
	filter := bson.D{{"clerkId", u.ID}, {"deletedAt", bson.D{{"$exists", false}}}}
	set := bson.D{{"email", email}, {"name", name}, {"imageUrl", u.ImageURL}, {"role", string(u.role())}, {"updatedAt", now}}
	if u.UpdatedAt > 0 {
		filter = append(filter, bson.E{Key: "$or", Value: bson.A{
			bson.D{{"clerkUpdatedAt", bson.D{{"$exists", false}}}},
			bson.D{{"clerkUpdatedAt", bson.D{{"$lte", u.UpdatedAt}}}},
		}})
		set = append(set, bson.E{Key: "clerkUpdatedAt", Value: u.UpdatedAt})
	}
	d := newUserDoc(u.ID, email, name, u.ImageURL, u.role(), now)
	d.ClerkUpdatedAt = u.UpdatedAt
	err := s.db.upsertSubject(ctx, u.ID, filter, bson.D{{"$set", set}}, d,
		func(ctx context.Context) error { return s.markCreating(ctx, d.ID) },
		s.tellCreated)
	s.reindex(ctx, d.ID)
	return err
}

// forgetClerkUser deactivates and anonymises the user of a Clerk id. The
// record stays so orders keep their customer; an unknown id creates nothing.
func (s *Service) forgetClerkUser(ctx context.Context, clerkID string) error {
	now := s.now()
	err := s.db.changeSubject(ctx, clerkID,
		bson.D{{"clerkId", clerkID}, {"deletedAt", bson.D{{"$exists", false}}}},
		bson.D{
			{"$set", bson.D{
				{"isActive", false}, {"deletedAt", now}, {"updatedAt", now},
				{"email", ""}, {"name", DeletedName}, {"imageUrl", ""}, {"role", string(auth.RoleCustomer)},
				{"addresses", bson.A{}}, {"wishlist", bson.A{}},
				{"emailNotifications", false}, {"marketingEmails", false},
			}},
			{"$unset", bson.D{
				{"phone", ""}, {"documentType", ""}, {"documentNumber", ""}, {"gender", ""}, {"birthDate", ""},
			}},
			// The address list changed: a change computed from the old one
			// on another server must not write it back.
			{"$inc", bson.D{{"addressesRev", int64(1)}}},
		})
	s.reindex(ctx, IDForSubject(clerkID))
	if err != nil {
		return fmt.Errorf("anonymise user: %w", err)
	}
	return nil
}
