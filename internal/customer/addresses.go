package customer

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/validation"
)

// MaxAddresses is how many delivery addresses one customer may keep.
const MaxAddresses = 10

var (
	ErrAddressNotFound  = errors.New("address not found")
	ErrTooManyAddresses = errors.New("a customer has at most 10 addresses")
	// ErrDefaultAddressRequired refuses to unset the default flag of the
	// default address: another address must be made the default instead.
	ErrDefaultAddressRequired = errors.New("one address must stay the default")
	// ErrConcurrentChange means the addresses kept changing under another
	// server process while this one tried to apply a change; retrying is safe.
	ErrConcurrentChange = errors.New("the addresses changed concurrently")
)

// NewAddress is what a customer sends to add an address.
type NewAddress struct {
	Label, FullName, StreetAddress, City, PhoneNumber, Notes string
	IsDefault                                                bool
}

// AddressChanges holds the address fields a customer wants to change; nil
// means keep.
type AddressChanges struct {
	Label, FullName, StreetAddress, City, PhoneNumber, Notes *string
	IsDefault                                                *bool
}

// Limits of the address fields; the contract states the same ones.
var addressFields = map[string]struct{ min, max int }{
	"label":         {1, 40},
	"fullName":      {2, 100},
	"streetAddress": {3, 200},
	"city":          {2, 80},
	"notes":         {0, 200},
}

func checkAddressText(v *validation.Error, field string, s *string) {
	*s = strings.TrimSpace(*s)
	lim := addressFields[field]
	switch n := utf8.RuneCountInString(*s); {
	case n < lim.min && lim.min == 1:
		v.Add(field, validation.Required, validation.MsgNotEmpty)
	case n < lim.min:
		v.Add(field, validation.TooShort, validation.MinChars(lim.min))
	case n > lim.max:
		v.Add(field, validation.TooLong, validation.MaxChars(lim.max))
	}
}

func checkAddressPhone(v *validation.Error, s *string) {
	*s = strings.TrimSpace(*s)
	if !mobilePhone.MatchString(*s) {
		v.Add("phoneNumber", validation.InvalidFormat, validation.MsgColombianMobile)
	}
}

func (n *NewAddress) normalise() error {
	v := &validation.Error{}
	checkAddressText(v, "label", &n.Label)
	checkAddressText(v, "fullName", &n.FullName)
	checkAddressText(v, "streetAddress", &n.StreetAddress)
	checkAddressText(v, "city", &n.City)
	checkAddressPhone(v, &n.PhoneNumber)
	checkAddressText(v, "notes", &n.Notes)
	return v.Err()
}

func (c *AddressChanges) normalise() error {
	v := &validation.Error{}
	for _, f := range []struct {
		name string
		s    *string
	}{{"label", c.Label}, {"fullName", c.FullName}, {"streetAddress", c.StreetAddress}, {"city", c.City}, {"notes", c.Notes}} {
		if f.s != nil {
			checkAddressText(v, f.name, f.s)
		}
	}
	if c.PhoneNumber != nil {
		checkAddressPhone(v, c.PhoneNumber)
	}
	if c.Label == nil && c.FullName == nil && c.StreetAddress == nil && c.City == nil &&
		c.PhoneNumber == nil && c.Notes == nil && c.IsDefault == nil {
		v.Add("body", validation.Required, validation.MsgNothingToChange)
	}
	return v.Err()
}

// Addresses lists a customer's addresses: the default first, then newest
// first.
func (s *Service) Addresses(ctx context.Context, userID string) ([]Address, error) {
	b, err := s.addressBook(ctx, userID)
	if err != nil {
		return nil, err
	}
	return listed(b.Addresses), nil
}

// AddAddress adds an address. The first address becomes the default, and so
// does one sent with IsDefault, taking the flag from the others.
func (s *Service) AddAddress(ctx context.Context, userID string, n NewAddress) (Address, error) {
	if err := n.normalise(); err != nil {
		return Address{}, err
	}
	now := s.clock()
	a := addressDoc{
		ID: bson.NewObjectID(), Label: n.Label, FullName: n.FullName, StreetAddress: n.StreetAddress, City: n.City,
		PhoneNumber: n.PhoneNumber, Notes: n.Notes, CreatedAt: now, UpdatedAt: now,
	}
	book, err := s.changeAddresses(ctx, userID, func(book []addressDoc) ([]addressDoc, error) {
		return addAddress(book, a, n.IsDefault, now)
	})
	if err != nil {
		return Address{}, err
	}
	return find(book, a.ID), nil
}

// UpdateAddress changes the sent fields of one of the customer's addresses.
// IsDefault true makes it the default; IsDefault false on the default address
// is refused, because one address must stay the default.
func (s *Service) UpdateAddress(ctx context.Context, userID, addressID string, c AddressChanges) (Address, error) {
	id, err := bson.ObjectIDFromHex(addressID)
	if err != nil {
		return Address{}, ErrAddressNotFound
	}
	if err := c.normalise(); err != nil {
		return Address{}, err
	}
	now := s.clock()
	book, err := s.changeAddresses(ctx, userID, func(book []addressDoc) ([]addressDoc, error) {
		return updateAddress(book, id, c, now)
	})
	if err != nil {
		return Address{}, err
	}
	return find(book, id), nil
}

// DeleteAddress removes one of the customer's addresses. When it was the
// default, the newest remaining address becomes the default.
func (s *Service) DeleteAddress(ctx context.Context, userID, addressID string) error {
	id, err := bson.ObjectIDFromHex(addressID)
	if err != nil {
		return ErrAddressNotFound
	}
	now := s.clock()
	_, err = s.changeAddresses(ctx, userID, func(book []addressDoc) ([]addressDoc, error) {
		return deleteAddress(book, id, now)
	})
	return err
}

// --- the rules, on the list as stored (oldest first) ---

func addAddress(book []addressDoc, a addressDoc, makeDefault bool, now time.Time) ([]addressDoc, error) {
	if len(book) >= MaxAddresses {
		return nil, ErrTooManyAddresses
	}
	book = append(book, a)
	want := bson.NilObjectID
	if makeDefault {
		want = a.ID
	}
	return settleDefault(book, want, now), nil
}

func updateAddress(book []addressDoc, id bson.ObjectID, c AddressChanges, now time.Time) ([]addressDoc, error) {
	i := slices.IndexFunc(book, func(a addressDoc) bool { return a.ID == id })
	if i < 0 {
		return nil, ErrAddressNotFound
	}
	a := &book[i]
	want := bson.NilObjectID
	if c.IsDefault != nil {
		if *c.IsDefault {
			want = a.ID
		} else if a.IsDefault {
			return nil, ErrDefaultAddressRequired
		}
	}
	set := func(dst *string, src *string) {
		if src != nil {
			*dst = *src
		}
	}
	set(&a.Label, c.Label)
	set(&a.FullName, c.FullName)
	set(&a.StreetAddress, c.StreetAddress)
	set(&a.City, c.City)
	set(&a.PhoneNumber, c.PhoneNumber)
	set(&a.Notes, c.Notes)
	a.UpdatedAt = now
	return settleDefault(book, want, now), nil
}

func deleteAddress(book []addressDoc, id bson.ObjectID, now time.Time) ([]addressDoc, error) {
	i := slices.IndexFunc(book, func(a addressDoc) bool { return a.ID == id })
	if i < 0 {
		return nil, ErrAddressNotFound
	}
	return settleDefault(slices.Delete(book, i, i+1), bson.NilObjectID, now), nil
}

// settleDefault leaves exactly one default in a non-empty list: the address
// want when given, else the current default (the first of several, should
// stored data ever hold more), else the newest address.
func settleDefault(book []addressDoc, want bson.ObjectID, now time.Time) []addressDoc {
	if len(book) == 0 {
		return book
	}
	if want.IsZero() {
		if i := slices.IndexFunc(book, func(a addressDoc) bool { return a.IsDefault }); i >= 0 {
			want = book[i].ID
		} else {
			newest := 0
			for i, a := range book {
				if !a.CreatedAt.Before(book[newest].CreatedAt) {
					newest = i
				}
			}
			want = book[newest].ID
		}
	}
	for i := range book {
		isDefault := book[i].ID == want
		if book[i].IsDefault != isDefault {
			book[i].IsDefault = isDefault
			book[i].UpdatedAt = now
		}
	}
	return book
}

// listed orders addresses for the customer: the default first, then newest
// first.
func listed(book []addressDoc) []Address {
	// Stored oldest first: reversed, addresses created in the same
	// millisecond keep newest first too.
	out := make([]Address, len(book))
	for i, a := range book {
		out[len(book)-1-i] = a.toDomain()
	}
	slices.SortStableFunc(out, func(a, b Address) int {
		switch {
		case a.IsDefault != b.IsDefault:
			if a.IsDefault {
				return -1
			}
			return 1
		default:
			return b.CreatedAt.Compare(a.CreatedAt)
		}
	})
	return out
}

func find(book []addressDoc, id bson.ObjectID) Address {
	for _, a := range book {
		if a.ID == id {
			return a.toDomain()
		}
	}
	return Address{}
}

// --- storage ---

// clock is the current time at the precision the database keeps, so what a
// change returns equals what a later read gives.
func (s *Service) clock() time.Time { return s.now().Truncate(time.Millisecond) }

func (s *Service) addressBook(ctx context.Context, userID string) (addressBook, error) {
	oid, err := parseUserID(userID)
	if err != nil {
		return addressBook{}, err
	}
	return s.db.addressBook(ctx, oid)
}

// changeAddresses applies change to the customer's address list as one
// write; change may run again on a fresher list (Store.changeAddresses).
func (s *Service) changeAddresses(ctx context.Context, userID string, change func([]addressDoc) ([]addressDoc, error)) ([]addressDoc, error) {
	oid, err := parseUserID(userID)
	if err != nil {
		return nil, err
	}
	return s.db.changeAddresses(ctx, oid, change, s.clock())
}
