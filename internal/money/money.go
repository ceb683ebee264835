// Package money does the shop's arithmetic on integer minor units, with one
// documented rounding rule: half away from zero, at the last step only.
//
// Every amount is bounded: an amount the shop sets (a price, a coupon's
// value, minimum or cap, the shipping fee) by MaxAmount, and every figure
// computed from them (a line total, a subtotal, a total) by MaxTotal. The
// sums and products are checked, so a figure past its bound is ErrTooLarge,
// never a wrapped int64.
package money

import (
	"errors"
	"fmt"
	"math/bits"
)

// MaxAmount bounds every amount the shop sets: 10^12 minor units, which is
// $ 10.000.000.000 in COP — far above anything a bakery sells, far below
// where int64 arithmetic could wrap.
const MaxAmount int64 = 1_000_000_000_000

// MaxTotal bounds every computed figure: 10^15 minor units. It stays below
// 2^53 so JavaScript clients read every figure exactly.
const MaxTotal int64 = 1_000_000_000_000_000

// ErrTooLarge says a computed figure would pass MaxTotal.
var ErrTooLarge = errors.New("amount too large")

// ErrNegative says a figure that must not be negative is.
var ErrNegative = errors.New("negative amount")

func check(v int64) (int64, error) {
	switch {
	case v < 0:
		return 0, ErrNegative
	case v > MaxTotal:
		return 0, ErrTooLarge
	}
	return v, nil
}

// Add sums amounts, each within 0…MaxTotal, refusing a sum past MaxTotal.
// No partial sum can wrap: two values ≤ MaxTotal add to far less than 2^63.
func Add(amounts ...int64) (int64, error) {
	var sum int64
	for _, a := range amounts {
		if _, err := check(a); err != nil {
			return 0, err
		}
		s, err := check(sum + a)
		if err != nil {
			return 0, err
		}
		sum = s
	}
	return sum, nil
}

// Sub returns a − b clamped at zero: a discount never makes a total negative.
func Sub(a, b int64) (int64, error) {
	if _, err := check(a); err != nil {
		return 0, err
	}
	if _, err := check(b); err != nil {
		return 0, err
	}
	return max(a-b, 0), nil
}

// Mul is a unit amount times a quantity (a line total), checked in 128 bits.
func Mul(amount int64, quantity int) (int64, error) {
	if amount < 0 || quantity < 0 {
		return 0, ErrNegative
	}
	hi, lo := bits.Mul64(uint64(amount), uint64(quantity))
	if hi != 0 || lo > uint64(MaxTotal) {
		return 0, ErrTooLarge
	}
	return int64(lo), nil
}

// Percent returns p % of amount, rounded half up, with p taken within
// 0–100 and a negative amount as zero (the shop never discounts one). It is
// exact for every int64 amount: the product is taken in 128 bits.
func Percent(amount int64, p int64) int64 {
	if amount <= 0 || p <= 0 {
		return 0
	}
	return mulDivRound(uint64(amount), uint64(min(p, 100)), 100)
}

// IncludedTax is the tax contained in a tax-inclusive total at rate (0.19
// for IVA): total − round(total / (1 + rate)). The rate is taken to basis
// points so the result does not depend on float rounding; the products are
// taken in 128 bits so every non-negative total is exact.
func IncludedTax(total int64, rate float64) int64 {
	if total <= 0 {
		return 0
	}
	bp := int64(rate*10000 + 0.5)
	if bp < 0 {
		return 0
	}
	base := mulDivRound(uint64(total), 10000, uint64(10000+bp))
	return total - base
}

// mulDivRound is round(a·b / d) half up, for a result that fits an int64
// (callers divide by at least what they multiply by, so it always does).
func mulDivRound(a, b, d uint64) int64 {
	if d == 0 {
		return 0
	}
	hi, lo := bits.Mul64(a, b)
	var carry uint64
	lo, carry = bits.Add64(lo, d/2, 0)
	hi += carry
	if hi >= d {
		// The quotient needs more than 64 bits; no caller gets here.
		return int64(^uint64(0) >> 1)
	}
	q, _ := bits.Div64(hi, lo, d)
	return int64(q)
}

// FormatCOP renders minor units of COP the Colombian way: "$ 2.500", with
// ",50" only when there are cents.
func FormatCOP(minor int64) string {
	sign := ""
	u := uint64(minor)
	if minor < 0 {
		sign = "-"
		u = -u // exact even for the smallest int64
	}
	pesos, cents := u/100, u%100
	s := fmt.Sprint(pesos)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if cents != 0 {
		s += fmt.Sprintf(",%02d", cents)
	}
	return sign + "$ " + s
}
