package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// The server's own soft memory limit applies only when the operator chose
// none: GOMEMLIMIT, read by the runtime itself, wins.
func TestTheDefaultMemoryLimitGivesWayToGOMEMLIMIT(t *testing.T) {
	before := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetMemoryLimit(before) })
	for _, c := range []struct {
		env  string
		want int64
	}{
		{"", defaultMemoryLimit},
		{"400MiB", math.MaxInt64},
		{"off", math.MaxInt64},
	} {
		debug.SetMemoryLimit(math.MaxInt64)
		applyMemoryLimit(func(k string) string {
			if k == "GOMEMLIMIT" {
				return c.env
			}
			return ""
		})
		if got := debug.SetMemoryLimit(-1); got != c.want {
			t.Errorf("GOMEMLIMIT=%q: limit %d, want %d", c.env, got, c.want)
		}
	}
}
