// Package money does the shop's arithmetic on integer minor units, with one
// documented rounding rule: half away from zero, at the last step only.
package money

import "fmt"

// Percent returns p % of amount (p in 0–100), rounded half up.
func Percent(amount int64, p int64) int64 {
	return divRound(amount*p, 100)
}

// IncludedTax is the tax contained in a tax-inclusive total at rate (0.19
// for IVA): total − round(total / (1 + rate)). The rate is taken to basis
// points so the result does not depend on float rounding.
func IncludedTax(total int64, rate float64) int64 {
	bp := int64(rate*10000 + 0.5)
	base := divRound(total*10000, 10000+bp)
	return total - base
}

// divRound divides rounding half away from zero.
func divRound(n, d int64) int64 {
	if d == 0 {
		return 0
	}
	if (n < 0) != (d < 0) {
		return -((abs(n) + abs(d)/2) / abs(d))
	}
	return (abs(n) + abs(d)/2) / abs(d)
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// FormatCOP renders minor units of COP the Colombian way: "$ 2.500", with
// ",50" only when there are cents.
func FormatCOP(minor int64) string {
	sign := ""
	if minor < 0 {
		sign = "-"
		minor = -minor
	}
	pesos, cents := minor/100, minor%100
	s := fmt.Sprint(pesos)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if cents != 0 {
		s += fmt.Sprintf(",%02d", cents)
	}
	return sign + "$ " + s
}
