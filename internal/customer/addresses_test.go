package customer

import (
	"errors"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

func book(t0 time.Time, defaults ...bool) []addressDoc {
	out := make([]addressDoc, len(defaults))
	for i, d := range defaults {
		out[i] = addressDoc{ID: bson.NewObjectID(), IsDefault: d, CreatedAt: t0.Add(time.Duration(i) * time.Minute)}
	}
	return out
}

func defaultIndexes(b []addressDoc) []int {
	var out []int
	for i, a := range b {
		if a.IsDefault {
			out = append(out, i)
		}
	}
	return out
}

func TestStoredAddressListsAlwaysSettleOnOneDefault(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	now := t0.Add(time.Hour)

	// A list stored without a default (legacy data) gets its newest one.
	b := settleDefault(book(t0, false, false, false), bson.NilObjectID, now)
	if got := defaultIndexes(b); len(got) != 1 || got[0] != 2 {
		t.Fatalf("no default: defaults at %v", got)
	}
	// Several defaults keep the first.
	b = settleDefault(book(t0, false, true, true), bson.NilObjectID, now)
	if got := defaultIndexes(b); len(got) != 1 || got[0] != 1 {
		t.Fatalf("several defaults: defaults at %v", got)
	}
	if !b[2].UpdatedAt.Equal(now) || !b[0].UpdatedAt.IsZero() {
		t.Fatalf("only addresses whose flag changed are touched: %+v", b)
	}
	// Addresses created in the same instant: the later in the list is newer.
	same := book(t0, false, false)
	same[1].CreatedAt = same[0].CreatedAt
	if got := defaultIndexes(settleDefault(same, bson.NilObjectID, now)); got[0] != 1 {
		t.Fatalf("tie: defaults at %v", got)
	}
}

func TestAddressRulesRefuseWhatWouldBreakTheList(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	full := book(t0, true, false, false, false, false, false, false, false, false, false)
	if _, err := addAddress(full, addressDoc{ID: bson.NewObjectID()}, false, t0); !errors.Is(err, ErrTooManyAddresses) {
		t.Fatalf("11th address: %v", err)
	}
	b := book(t0, true, false)
	no := false
	if _, err := updateAddress(b, b[0].ID, AddressChanges{IsDefault: &no}, t0); !errors.Is(err, ErrDefaultAddressRequired) {
		t.Fatalf("unset the default: %v", err)
	}
	if _, err := updateAddress(b, bson.NewObjectID(), AddressChanges{IsDefault: &no}, t0); !errors.Is(err, ErrAddressNotFound) {
		t.Fatalf("unknown address: %v", err)
	}
	if _, err := deleteAddress(b, bson.NewObjectID(), t0); !errors.Is(err, ErrAddressNotFound) {
		t.Fatalf("delete unknown address: %v", err)
	}
	left, err := deleteAddress(b, b[0].ID, t0)
	if err != nil || len(left) != 1 || !left[0].IsDefault {
		t.Fatalf("delete the default of two: %v %+v", err, left)
	}
}
