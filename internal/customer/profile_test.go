package customer

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/validation"
)

func fields(err error) []string {
	var ve *validation.Error
	if !errors.As(err, &ve) {
		return nil
	}
	var out []string
	for _, f := range ve.Fields {
		out = append(out, f.Name)
	}
	return out
}

func date(y int, m time.Month, d int) *time.Time {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return &t
}

func TestBirthDatesAreJudgedByTheCalendarInBogota(t *testing.T) {
	// 03:00 UTC on 10 March is still 22:00 on 9 March in Bogotá.
	now := time.Date(2026, time.March, 10, 3, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		date *time.Time
		ok   bool
	}{
		{"today in Bogotá", date(2026, time.March, 9), true},
		{"today in UTC but tomorrow in Bogotá", date(2026, time.March, 10), false},
		{"the day after 1900-01-01", date(1900, time.January, 2), true},
		{"1900-01-01 itself", date(1900, time.January, 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := profileUpdate(User{}, ProfileChanges{BirthDate: tt.date}, now)
			if tt.ok != (err == nil) {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if err != nil && !slices.Equal(fields(err), []string{"birthDate"}) {
				t.Fatalf("fields = %v", fields(err))
			}
		})
	}
}

func TestDocumentNumbersAreCheckedByTheirType(t *testing.T) {
	now := time.Now()
	s := func(v string) *string { return &v }
	dt := func(v DocumentType) *DocumentType { return &v }
	passport := User{DocumentType: Pasaporte, DocumentNumber: "AB1234567"}
	tests := []struct {
		name   string
		stored User
		change ProfileChanges
		bad    string // the field named, or "" when valid
	}{
		{"cédula of 6 digits", User{}, ProfileChanges{DocumentType: dt(CedulaCiudadania), DocumentNumber: s("123456")}, ""},
		{"cédula of 10 digits", User{}, ProfileChanges{DocumentType: dt(CedulaCiudadania), DocumentNumber: s("1234567890")}, ""},
		{"cédula of 5 digits", User{}, ProfileChanges{DocumentType: dt(CedulaCiudadania), DocumentNumber: s("12345")}, "documentNumber"},
		{"cédula of 11 digits", User{}, ProfileChanges{DocumentType: dt(CedulaCiudadania), DocumentNumber: s("12345678901")}, "documentNumber"},
		{"cédula with a letter", User{}, ProfileChanges{DocumentType: dt(CedulaCiudadania), DocumentNumber: s("12345A")}, "documentNumber"},
		{"extranjería alphanumeric", User{}, ProfileChanges{DocumentType: dt(CedulaExtranjeria), DocumentNumber: s("e12345")}, ""},
		{"extranjería of 11", User{}, ProfileChanges{DocumentType: dt(CedulaExtranjeria), DocumentNumber: s("E1234567890")}, "documentNumber"},
		{"passport of 5", User{}, ProfileChanges{DocumentType: dt(Pasaporte), DocumentNumber: s("AB123")}, ""},
		{"passport of 20", User{}, ProfileChanges{DocumentType: dt(Pasaporte), DocumentNumber: s("AB345678901234567890")}, ""},
		{"passport of 21", User{}, ProfileChanges{DocumentType: dt(Pasaporte), DocumentNumber: s("AB3456789012345678901")}, "documentNumber"},
		{"number without any type", User{}, ProfileChanges{DocumentNumber: s("123456")}, "documentType"},
		{"type without any number", User{}, ProfileChanges{DocumentType: dt(Pasaporte)}, "documentNumber"},
		{"number checked against the stored type", passport, ProfileChanges{DocumentNumber: s("ZX98765")}, ""},
		{"new type checked against the stored number", passport, ProfileChanges{DocumentType: dt(CedulaCiudadania)}, "documentNumber"},
		{"unknown type", User{}, ProfileChanges{DocumentType: dt("dni"), DocumentNumber: s("123456")}, "documentType"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set, err := profileUpdate(tt.stored, tt.change, now)
			if tt.bad == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				// Type and number are always written as a pair.
				var keys []string
				for _, e := range set {
					keys = append(keys, e.Key)
				}
				if !slices.Contains(keys, "documentType") || !slices.Contains(keys, "documentNumber") {
					t.Fatalf("set = %v", keys)
				}
				return
			}
			if !slices.Equal(fields(err), []string{tt.bad}) {
				t.Fatalf("fields = %v, want [%s]", fields(err), tt.bad)
			}
		})
	}
}
