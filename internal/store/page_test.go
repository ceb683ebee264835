package store

import "testing"

// The offsets themselves never overflow, whatever page a caller computes.
func TestPageWindowsNeverOverflow(t *testing.T) {
	for _, tc := range []struct{ page, limit, n, from, to int }{
		{1, 20, 5, 0, 5}, {2, 20, 25, 20, 25}, {3, 20, 25, 25, 25}, {0, 20, 5, 0, 5}, {-7, 20, 5, 0, 5},
		{1<<63 - 1, 20, 5, 5, 5}, {1<<63 - 1, 1<<63 - 1, 1<<63 - 1, 1<<63 - 1, 1<<63 - 1}, {MaxPage, 100, 50, 50, 50},
	} {
		if from, to := Window(tc.page, tc.limit, tc.n); from != tc.from || to != tc.to {
			t.Errorf("Window(%d, %d, %d) = %d, %d; want %d, %d", tc.page, tc.limit, tc.n, from, to, tc.from, tc.to)
		}
	}
	if got := Skip(1<<63-1, 100); got < 0 {
		t.Errorf("Skip of a huge page is negative: %d", got)
	}
}
