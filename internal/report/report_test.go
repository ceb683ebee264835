package report

import (
	"testing"
	"time"
)

func TestCellsThatASpreadsheetWouldRunAreQuoted(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1":            "'=1+1",
		"+573001234567":   "'+573001234567",
		"-2+3":            "'-2+3",
		"@SUM(A1)":        "'@SUM(A1)",
		"\t=1":            "'\t=1",
		"\r=1":            "'\r=1",
		"Palito = queso":  "Palito = queso",
		"Ana Gómez":       "Ana Gómez",
		"":                "",
		"FV-2025-000042":  "FV-2025-000042",
		"'ya con comilla": "'ya con comilla",
	} {
		if got := text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRangeDefaultsToTheLast30BogotaDaysAndIsBounded(t *testing.T) {
	// 02:00 UTC on 1 March is still 28 February in Bogota.
	s := &Service{now: func() time.Time { return time.Date(2025, 3, 1, 2, 0, 0, 0, time.UTC) }}
	tests := []struct {
		from, to         string
		wantFrom, wantTo string
		wantErr          bool
	}{
		{"", "", "2025-01-30", "2025-02-28", false},
		{"2025-02-01", "", "2025-02-01", "2025-02-28", false},
		{"", "2025-01-31", "2025-01-02", "2025-01-31", false},
		{"2024-01-01", "2024-12-31", "2024-01-01", "2024-12-31", false}, // 366 days
		{"2024-01-01", "2025-01-01", "", "", true},
		{"2025-03-01", "", "", "", true}, // from after today
		{"2025-02-10", "2025-02-09", "", "", true},
		{"ayer", "", "", "", true},
	}
	for _, tt := range tests {
		from, to, start, end, err := s.Range(tt.from, tt.to)
		if (err != nil) != tt.wantErr {
			t.Errorf("Range(%q, %q) error %v", tt.from, tt.to, err)
			continue
		}
		if err != nil {
			continue
		}
		if from != tt.wantFrom || to != tt.wantTo {
			t.Errorf("Range(%q, %q) = %s–%s, want %s–%s", tt.from, tt.to, from, to, tt.wantFrom, tt.wantTo)
		}
		if got := start.UTC().Format(time.RFC3339); got != tt.wantFrom+"T05:00:00Z" {
			t.Errorf("start %s: Bogota midnight is 05:00 UTC", got)
		}
		if end.Sub(start)%(24*time.Hour) != 0 {
			t.Errorf("range %s–%s is not whole days", start, end)
		}
	}
}
