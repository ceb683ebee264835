package coupon

import (
	"errors"
	"fmt"
	"time"

	"github.com/donpalito/donpalitojr/internal/money"
)

// Why a coupon does not apply. Each has a stable API code (coupon_*).
var (
	ErrNotFound    = errors.New("coupon not found")
	ErrInactive    = errors.New("coupon is inactive")
	ErrExpired     = errors.New("coupon has expired")
	ErrNotStarted  = errors.New("coupon is not valid yet")
	ErrMinSubtotal = errors.New("subtotal below the coupon's minimum")
	ErrUsageLimit  = errors.New("coupon usage limit reached")
	ErrAlreadyUsed = errors.New("coupon already used by this customer")
)

var (
	// ErrUnknownID is an admin asking for a coupon id that does not exist.
	ErrUnknownID = errors.New("no coupon with that id")
	// ErrCodeTaken means another coupon already has the code.
	ErrCodeTaken = errors.New("a coupon with that code already exists")
)

// Bogota is the shop's time zone: coupon dates are calendar days there.
var Bogota = mustZone("America/Bogota")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// Colombia has had no DST since 1993; a fixed zone is exact.
		return time.FixedZone("COT", -5*60*60)
	}
	return loc
}

// startOf is 00:00 in Bogota of date (YYYY-MM-DD).
func startOf(date string) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, date, Bogota)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse date %q: %w", date, err)
	}
	return t, nil
}

// Window says when a coupon is usable: from 00:00 of StartsOn to the end of
// EndsOn, both in Bogota (legacy defect W-21 ended coupons at 19:00 the day
// before).
func (c Coupon) window() (from, until time.Time, err error) {
	if c.StartsOn != "" {
		if from, err = startOf(c.StartsOn); err != nil {
			return
		}
	}
	if c.EndsOn != "" {
		var end time.Time
		if end, err = startOf(c.EndsOn); err != nil {
			return
		}
		until = end.AddDate(0, 0, 1)
	}
	return
}

// check tells whether the coupon applies to a subtotal at now, leaving the
// usage limits to the redemption that enforces them atomically.
func (c Coupon) check(subtotal int64, now time.Time) error {
	if !c.Active {
		return ErrInactive
	}
	from, until, err := c.window()
	if err != nil {
		return err
	}
	if !from.IsZero() && now.Before(from) {
		return ErrNotStarted
	}
	if !until.IsZero() && !now.Before(until) {
		return ErrExpired
	}
	if subtotal < c.MinSubtotal {
		return ErrMinSubtotal
	}
	if c.UsageLimit > 0 && c.UsedCount >= c.UsageLimit {
		return ErrUsageLimit
	}
	return nil
}

// DiscountAt is what the coupon takes off subtotal at now, or why it does
// not apply (inactive, outside its dates, below its minimum subtotal, used
// up). Preview and Redeem price a coupon with it, so checkout does too.
func (c Coupon) DiscountAt(subtotal int64, now time.Time) (int64, error) {
	if err := c.check(subtotal, now); err != nil {
		return 0, err
	}
	return c.Discount(subtotal), nil
}

// Discount is what the coupon takes off subtotal: never more than the
// subtotal, never more than MaxDiscount when set.
func (c Coupon) Discount(subtotal int64) int64 {
	var d int64
	switch c.Type {
	case Percentage:
		d = money.Percent(subtotal, c.Value)
	case Fixed:
		d = c.Value
	}
	if c.MaxDiscount > 0 && d > c.MaxDiscount {
		d = c.MaxDiscount
	}
	return min(d, subtotal)
}
