package format

import (
	"testing"
	"time"
)

func TestCOP(t *testing.T) {
	for minor, want := range map[int64]string{
		0: "$ 0", 250000: "$ 2.500", 100: "$ 1", 250050: "$ 2.500,50", 250005: "$ 2.500,05",
		123456789000: "$ 1.234.567.890", -100000: "-$ 1.000",
	} {
		if got := COP(minor); got != want {
			t.Errorf("COP(%d) = %q, want %q", minor, got, want)
		}
	}
}

func TestParsePesos(t *testing.T) {
	for in, want := range map[string]int64{"2500": 250000, "2.500": 250000, "$ 2.500": 250000, "2.500,5": 250050, " 1 ": 100} {
		if got, ok := ParsePesos(in); !ok || got != want {
			t.Errorf("ParsePesos(%q) = %d %v, want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "abc", "-5", "1,234", "$"} {
		if _, ok := ParsePesos(in); ok {
			t.Errorf("ParsePesos(%q) accepted", in)
		}
	}
}

func TestDateTimeIsBogota(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 30, 0, 0, time.UTC)
	if got := DateTime(at); got != "01/01/2026 22:30" {
		t.Fatalf("DateTime = %q", got)
	}
	if got := DayTime(at); got != "01/01 22:30" {
		t.Fatalf("DayTime = %q", got)
	}
}
