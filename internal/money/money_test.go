package money_test

import (
	"errors"
	"math"
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

func TestSumsPastTheBoundAreRefusedNeverWrapped(t *testing.T) {
	// The reproduction: 2^62 + 5·10^18 wraps an int64.
	if _, err := money.Add(1<<62, 5_000_000_000_000_000_000); !errors.Is(err, money.ErrTooLarge) {
		t.Errorf("Add(2^62, 5e18): %v, want ErrTooLarge", err)
	}
	if got, err := money.Add(money.MaxTotal-1, 1); err != nil || got != money.MaxTotal {
		t.Errorf("Add up to the bound = %d, %v", got, err)
	}
	if _, err := money.Add(money.MaxTotal, 1); !errors.Is(err, money.ErrTooLarge) {
		t.Errorf("Add past the bound: %v", err)
	}
	if _, err := money.Add(5, -1); !errors.Is(err, money.ErrNegative) {
		t.Errorf("Add of a negative amount: %v", err)
	}
	if _, err := money.Mul(math.MaxInt64, 2); !errors.Is(err, money.ErrTooLarge) {
		t.Errorf("Mul(MaxInt64, 2): %v", err)
	}
	if _, err := money.Mul(1<<62, 4); !errors.Is(err, money.ErrTooLarge) {
		t.Errorf("Mul(2^62, 4) wraps to 0 in int64: %v", err)
	}
	if got, err := money.Mul(money.MaxAmount, 99); err != nil || got != 99*money.MaxAmount {
		t.Errorf("Mul(MaxAmount, 99) = %d, %v", got, err)
	}
	if got, err := money.Sub(100, 250); err != nil || got != 0 {
		t.Errorf("Sub clamps at zero: %d, %v", got, err)
	}
}

func TestPercentAndTaxAreExactForHugeAmounts(t *testing.T) {
	// amount·p and total·10000 overflow int64 here; the results must not.
	if got := money.Percent(math.MaxInt64, 100); got != math.MaxInt64 {
		t.Errorf("Percent(MaxInt64, 100) = %d", got)
	}
	if got := money.Percent(money.MaxTotal, 10); got != money.MaxTotal/10 {
		t.Errorf("Percent(MaxTotal, 10) = %d", got)
	}
	if got, want := money.IncludedTax(money.MaxTotal, 0.19), money.MaxTotal-840336134453782; got != want {
		t.Errorf("IncludedTax(MaxTotal) = %d, want %d", got, want)
	}
	if got := money.IncludedTax(math.MaxInt64, 0.19); got <= 0 || got == math.MaxInt64 {
		t.Errorf("IncludedTax(MaxInt64) = %d", got)
	}
}
