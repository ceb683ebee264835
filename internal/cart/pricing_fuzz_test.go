package cart_test

import (
	"errors"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/cart"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/money"
)

// FuzzCheckoutTotals prices a two-line cart with a coupon and a shipping fee
// the way checkout does — money.Mul per line, money.Add for the subtotal,
// Coupon.DiscountAt (what coupon Preview and Redeem use), Pricing.Price for
// the totals — and checks every figure against the same sum done exactly
// in big integers:
//
//   - every figure is the exact one or an error: never a wrapped value;
//   - subtotal = Σ lines, total = subtotal − discount + shipping,
//     0 ≤ discount ≤ subtotal (and ≤ the coupon's cap), 0 ≤ IVA ≤ total,
//     0 ≤ total ≤ money.MaxTotal;
//   - inputs the catalog, the cart and the coupon rules accept always price
//     without error (the bounds leave room for the largest cart).
//
// The seeds, run by every go test, include the reproducers: prices
// of 2^62 and 5·10^18 in one cart, and 2^63−1.
func FuzzCheckoutTotals(f *testing.F) {
	const maxInt64 = math.MaxInt64
	type seed struct {
		p1     int64
		q1     int
		p2     int64
		q2     int
		pct    bool
		value  int64
		minSub int64
		maxD   int64
		ship   int64
	}
	for _, s := range []seed{
		{1 << 62, 1, 5_000_000_000_000_000_000, 1, false, 0, 0, 0, 1_000_000},
		{maxInt64, 1, 250000, 1, false, 0, 0, 0, 1_000_000},
		{maxInt64, 2, maxInt64, 2, true, 10, 0, 0, 0},
		{1 << 62, 4, 1, 1, false, 100, 0, 0, 0},
		{250000, 2, 150000, 3, true, 10, 500000, 20000, 1_000_000},
		{250000, 1, 0, 0, false, 300000, 0, 0, 1_000_000},
		{250000, 1, 150000, 1, false, 500000, 0, 0, 1_000_000},
		{250000, 4, 150000, 1, true, 100, 0, 300000, 1_000_000},
		{money.MaxAmount, cart.MaxQuantity, money.MaxAmount, cart.MaxQuantity, false, money.MaxAmount, money.MaxAmount, money.MaxAmount, money.MaxAmount},
		{money.MaxAmount, cart.MaxQuantity, money.MaxAmount, cart.MaxQuantity, true, 100, 0, 0, maxInt64},
		{335, 1, 0, 0, true, 10, 0, 0, 0},
		{-250000, 2, 150000, -3, false, -5, -1, -1, -1_000_000},
		{150000, 3, 150000, 3, true, 101, 0, 0, 1_000_000},
	} {
		f.Add(s.p1, s.q1, s.p2, s.q2, s.pct, s.value, s.minSub, s.maxD, s.ship)
	}
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	maxTotal := big.NewInt(money.MaxTotal)
	f.Fuzz(func(t *testing.T, p1 int64, q1 int, p2 int64, q2 int, pct bool, value, minSub, maxD, ship int64) {
		kind := coupon.Fixed
		if pct {
			kind = coupon.Percentage
		}
		c := coupon.Coupon{Code: "FUZZ10", Type: kind, Value: value, MinSubtotal: minSub, MaxDiscount: maxD, Active: true}
		couponOK := coupon.Validate(&c) == nil
		accepted := catalog.ValidatePrice(p1) == nil && catalog.ValidatePrice(p2) == nil &&
			q1 >= 1 && q1 <= cart.MaxQuantity && q2 >= 1 && q2 <= cart.MaxQuantity &&
			couponOK && ship >= 0 && ship <= money.MaxAmount
		// Past the catalog's gate only because the gate was bypassed (old
		// data, a direct write): the arithmetic must still refuse to wrap.
		line := func(p int64, q int) int64 {
			got, err := money.Mul(p, q)
			exact := new(big.Int).Mul(big.NewInt(p), big.NewInt(int64(q)))
			wantErr := p < 0 || q < 0 || exact.Cmp(maxTotal) > 0
			if (err != nil) != wantErr || (err == nil && big.NewInt(got).Cmp(exact) != 0) {
				t.Fatalf("Mul(%d, %d) = %d, %v; exact %s", p, q, got, err, exact)
			}
			if err != nil && accepted {
				t.Fatalf("Mul(%d, %d) of accepted inputs: %v", p, q, err)
			}
			if err != nil {
				return -1
			}
			return got
		}
		l1, l2 := line(p1, q1), line(p2, q2)
		if l1 < 0 || l2 < 0 {
			return
		}
		subtotal, err := money.Add(l1, l2)
		exactSub := new(big.Int).Add(big.NewInt(l1), big.NewInt(l2))
		if (err != nil) != (exactSub.Cmp(maxTotal) > 0) || (err == nil && big.NewInt(subtotal).Cmp(exactSub) != 0) {
			t.Fatalf("Add(%d, %d) = %d, %v; exact %s", l1, l2, subtotal, err, exactSub)
		}
		if err != nil {
			if accepted {
				t.Fatalf("subtotal of accepted inputs: %v", err)
			}
			return
		}

		discount, cerr := c.DiscountAt(subtotal, now)
		if below := subtotal < c.MinSubtotal; below != errors.Is(cerr, coupon.ErrMinSubtotal) || (!below && cerr != nil) {
			t.Fatalf("coupon %+v on %d: %v", c, subtotal, cerr)
		}
		if cerr != nil {
			discount = 0 // checkout refuses the coupon; the cart prices without it
		} else if couponOK {
			want := new(big.Int)
			if pct {
				// round half up of subtotal·value/100
				want.Mul(big.NewInt(subtotal), big.NewInt(value))
				want.Add(want, big.NewInt(50))
				want.Quo(want, big.NewInt(100))
			} else {
				want.SetInt64(value)
			}
			if maxD > 0 && want.Cmp(big.NewInt(maxD)) > 0 {
				want.SetInt64(maxD)
			}
			if want.Cmp(big.NewInt(subtotal)) > 0 {
				want.SetInt64(subtotal)
			}
			if big.NewInt(discount).Cmp(want) != 0 {
				t.Fatalf("coupon %+v on %d took %d, want %s", c, subtotal, discount, want)
			}
		}

		p := cart.Pricing{Currency: "COP", ShippingFee: ship, TaxRate: 0.19}
		got, err := p.Price(subtotal, discount)
		shipping := int64(0)
		if subtotal > 0 {
			shipping = ship
		}
		d := min(max(discount, 0), subtotal)
		exactTotal := new(big.Int).Add(big.NewInt(subtotal), big.NewInt(shipping))
		wantErr := shipping < 0 || exactTotal.Cmp(maxTotal) > 0
		exactTotal.Sub(exactTotal, big.NewInt(d))
		if (err != nil) != wantErr {
			t.Fatalf("Price(%d, %d) with shipping %d: %+v, %v", subtotal, discount, ship, got, err)
		}
		if err != nil {
			if accepted {
				t.Fatalf("totals of accepted inputs: %v", err)
			}
			return
		}
		switch {
		case got.Subtotal != subtotal, got.Shipping != shipping, got.Discount != d:
			t.Fatalf("Price(%d, %d): parts %+v", subtotal, discount, got)
		case got.Discount < 0 || got.Discount > got.Subtotal:
			t.Fatalf("discount %d outside 0…%d", got.Discount, got.Subtotal)
		case maxD > 0 && cerr == nil && couponOK && got.Discount > maxD:
			t.Fatalf("discount %d past the coupon's cap %d", got.Discount, maxD)
		case big.NewInt(got.Total).Cmp(exactTotal) != 0:
			t.Fatalf("total %d ≠ subtotal %d − discount %d + shipping %d = %s", got.Total, got.Subtotal, got.Discount, got.Shipping, exactTotal)
		case got.Total < 0 || got.Total > money.MaxTotal:
			t.Fatalf("total %d outside 0…%d", got.Total, money.MaxTotal)
		case got.TaxIncluded < 0 || got.TaxIncluded > got.Total:
			t.Fatalf("IVA %d outside 0…%d", got.TaxIncluded, got.Total)
		}
	})
}
