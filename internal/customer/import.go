package customer

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/auth"
)

// Import stores accounts as they would be after their owners signed in and
// filled in their profiles, in one bulk write: it is how the large-shop
// seeding tool (internal/tools/seedshop) builds 20,000 customers in seconds
// with the very documents the service writes. Each user's id is derived from
// its ClerkID (IDForSubject) like every account's; addresses get ids when
// they have none. It records no user.created event (the caller decides which
// of them were already delivered) and must not run beside a server, which the
// DATA_DIR lock guarantees on the embedded store.
func (s *Service) Import(ctx context.Context, users []User) ([]User, error) {
	if len(users) == 0 {
		return nil, nil
	}
	docs := make([]any, len(users))
	out := make([]User, len(users))
	for i, u := range users {
		if u.ClerkID == "" {
			return nil, fmt.Errorf("import user %d: no ClerkID", i)
		}
		role := u.Role
		if role == "" {
			role = auth.RoleCustomer
		}
		d := newUserDoc(u.ClerkID, u.Email, displayName(u.Name, u.Email), u.ImageURL, role, u.CreatedAt.UTC())
		d.IsActive = u.IsActive
		d.Phone, d.DocumentType, d.DocumentNumber = u.Phone, string(u.DocumentType), u.DocumentNumber
		d.Gender, d.BirthDate = string(u.Gender), u.BirthDate
		d.EmailNotifications, d.MarketingEmails = u.EmailNotifications, u.MarketingEmails
		if !u.UpdatedAt.IsZero() {
			d.UpdatedAt = u.UpdatedAt.UTC()
		}
		for _, a := range u.Addresses {
			id := bson.NewObjectID()
			if a.ID != "" {
				var err error
				if id, err = bson.ObjectIDFromHex(a.ID); err != nil {
					return nil, fmt.Errorf("import user %d: address id: %w", i, err)
				}
			}
			d.Addresses = append(d.Addresses, addressDoc{
				ID: id, Label: a.Label, FullName: a.FullName, StreetAddress: a.StreetAddress, City: a.City,
				PhoneNumber: a.PhoneNumber, Notes: a.Notes, IsDefault: a.IsDefault,
				CreatedAt: a.CreatedAt.UTC(), UpdatedAt: a.UpdatedAt.UTC(),
			})
		}
		docs[i] = d
		out[i] = d.toDomain()
	}
	if _, err := s.users().InsertMany(ctx, docs, options.InsertMany().SetOrdered(false)); err != nil {
		return nil, fmt.Errorf("import users: %w", err)
	}
	return out, nil
}
