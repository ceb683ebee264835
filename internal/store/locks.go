package store

import "sync"

// Locks is a set of keyed mutexes.
//
// FerretDB applies an update by reading the document, changing it in Go and
// writing it back, so two concurrent conditional updates of one document can
// both "succeed" and lose one of the changes. Every read-modify-write of a
// document therefore takes the document's lock first. On real MongoDB the
// conditional update alone is atomic across servers; the lock then only
// reduces contention inside one process.
type Locks struct {
	mu    sync.Mutex
	locks map[string]*keyedLock
}

type keyedLock struct {
	mu      sync.Mutex
	waiters int
}

// NewLocks returns an empty lock set.
func NewLocks() *Locks {
	return &Locks{locks: make(map[string]*keyedLock)}
}

// Lock acquires the lock for key and returns the function that releases it.
func (l *Locks) Lock(key string) (unlock func()) {
	l.mu.Lock()
	k, ok := l.locks[key]
	if !ok {
		k = &keyedLock{}
		l.locks[key] = k
	}
	k.waiters++
	l.mu.Unlock()

	k.mu.Lock()
	return func() {
		k.mu.Unlock()
		l.mu.Lock()
		k.waiters--
		if k.waiters == 0 {
			delete(l.locks, key)
		}
		l.mu.Unlock()
	}
}
