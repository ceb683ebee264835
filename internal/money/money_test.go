package money_test

import (
	"testing"

	"github.com/donpalito/donpalitojr/internal/money"
)

func TestPercentRoundsHalfUp(t *testing.T) {
	tests := []struct{ amount, p, want int64 }{
		{250000, 10, 25000}, {333, 10, 33}, {335, 10, 34}, {100, 100, 100}, {0, 50, 0}, {1, 50, 1},
	}
	for _, tt := range tests {
		if got := money.Percent(tt.amount, tt.p); got != tt.want {
			t.Errorf("Percent(%d, %d) = %d, want %d", tt.amount, tt.p, got, tt.want)
		}
	}
}

func TestIncludedTaxMatchesTheInvoiceRule(t *testing.T) {
	// IVA = total − round(total / 1.19), in minor units.
	tests := []struct{ total, want int64 }{
		{1190000, 190000}, {3500000, 558824}, {100, 16}, {0, 0}, {1, 0},
	}
	for _, tt := range tests {
		if got := money.IncludedTax(tt.total, 0.19); got != tt.want {
			t.Errorf("IncludedTax(%d) = %d, want %d", tt.total, got, tt.want)
		}
	}
}

func TestFormatCOP(t *testing.T) {
	for minor, want := range map[int64]string{250000: "$ 2.500", 4000000: "$ 40.000", 123456789: "$ 1.234.567,89", 0: "$ 0", -150000: "-$ 1.500"} {
		if got := money.FormatCOP(minor); got != want {
			t.Errorf("FormatCOP(%d) = %q, want %q", minor, got, want)
		}
	}
}
