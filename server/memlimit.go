package main

import "runtime/debug"

// defaultMemoryLimit is the Go runtime's soft memory limit when GOMEMLIMIT
// is not set. With the runtime's default (no limit, GOGC=100) the heap grows
// to twice the live data before a collection: a shop of 100,000 orders keeps
// about 90 MB of read models live and its server sat at 260 MB resident.
// The limit makes the collector run earlier instead, so that shop stays
// under 250 MB; a shop whose live data nears the limit should raise it
// (GOMEMLIMIT=400MiB) or lift it (GOMEMLIMIT=off), or collections become
// frequent.
const defaultMemoryLimit = 180 << 20

// applyMemoryLimit sets defaultMemoryLimit unless the operator chose one:
// the runtime has already read GOMEMLIMIT from the environment.
func applyMemoryLimit(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
}
