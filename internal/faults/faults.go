// Package faults lets the crash tests stop the process at a named point
// between two writes. Nothing arms a point outside those tests; an unarmed
// Point costs one atomic load.
package faults

import (
	"os"
	"sync/atomic"
	"syscall"
)

var armed atomic.Pointer[string]

// Arm makes the process kill itself (SIGKILL, as a crash would) the first
// time it reaches the point named name.
func Arm(name string) { armed.Store(&name) }

// Point is a place where a crash must be recoverable.
func Point(name string) {
	if p := armed.Load(); p != nil && *p == name {
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way
	}
}
