package review

import "testing"

func TestReviewersAreShownByFirstNameAndInitial(t *testing.T) {
	for _, tc := range []struct{ name, email, want string }{
		{"Ana María Gómez", "ana@correo.test", "Ana G."},
		{"  luis  ", "luis.perez@correo.test", "luis"},
		{"José ñandú", "jose@correo.test", "José Ñ."},
		{"ana.gomez84", "ana.gomez84@correo.test", "Cliente"}, // only the email's local part: not shown
		{"", "x@correo.test", "Cliente"},
	} {
		if got := displayName(tc.name, tc.email); got != tc.want {
			t.Errorf("displayName(%q, %q) = %q, want %q", tc.name, tc.email, got, tc.want)
		}
	}
}
