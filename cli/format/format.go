// Package format writes money and dates the way the shop's staff read them:
// Colombian pesos with dot thousands ("$ 2.500") and Bogotá time.
package format

import (
	"strconv"
	"strings"
	"time"
)

// Bogota is America/Bogota (UTC−5 all year; Colombia has no daylight saving
// time, so the fixed zone is the fallback when the system has no tz data).
var Bogota = func() *time.Location {
	if loc, err := time.LoadLocation("America/Bogota"); err == nil {
		return loc
	}
	return time.FixedZone("COT", -5*60*60)
}()

// COP formats an amount in minor units (centavos) as pesos: 250000 → "$ 2.500",
// 250050 → "$ 2.500,50", -100000 → "-$ 1.000".
func COP(minor int64) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	pesos, cents := minor/100, minor%100
	s := sign + "$ " + thousands(pesos)
	if cents != 0 {
		s += "," + strconv.FormatInt(cents/10, 10) + strconv.FormatInt(cents%10, 10)
	}
	return s
}

func thousands(n int64) string {
	digits := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(d)
	}
	return b.String()
}

// ParsePesos reads an amount of pesos as staff type it ("2500", "2.500",
// "$ 2.500", "2.500,50") and returns minor units.
func ParsePesos(s string) (int64, bool) {
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(s), "$"))
	s = strings.ReplaceAll(strings.ReplaceAll(s, " ", ""), ".", "")
	whole, frac, hasFrac := strings.Cut(s, ",")
	if whole == "" {
		return 0, false
	}
	pesos, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || pesos < 0 || pesos > 1e13 {
		return 0, false
	}
	cents := int64(0)
	if hasFrac {
		if len(frac) == 0 || len(frac) > 2 {
			return 0, false
		}
		if len(frac) == 1 {
			frac += "0"
		}
		c, err := strconv.ParseInt(frac, 10, 64)
		if err != nil || c < 0 {
			return 0, false
		}
		cents = c
	}
	return pesos*100 + cents, true
}

// DateTime formats t in Bogotá time: "25/11/2026 17:52".
func DateTime(t time.Time) string { return t.In(Bogota).Format("02/01/2006 15:04") }

// DayTime is DateTime without the year, for narrow tables: "25/11 17:52".
func DayTime(t time.Time) string { return t.In(Bogota).Format("02/01 15:04") }

// Date formats a calendar day: "25/11/2026".
func Date(t time.Time) string { return t.Format("02/01/2006") }
