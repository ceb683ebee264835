package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// lockFileName is the file in DATA_DIR whose exclusive lock marks the
// directory as owned by one running process.
const lockFileName = "server.lock"

// DirInUseError says that another process holds the data directory: the
// embedded database is single-process by design (its keyed locks live in
// memory), so a second server on the same files would break every guarded
// write without a sound.
type DirInUseError struct {
	Dir string
	// PID of the process holding the lock, 0 when it could not be read.
	PID int
}

func (e *DirInUseError) Error() string {
	who := "another process"
	if e.PID > 0 {
		who = fmt.Sprintf("another process (pid %d)", e.PID)
	}
	return fmt.Sprintf("data directory %s is in use by %s: the embedded database allows one server per directory; "+
		"stop that process first or set DATA_DIR to another directory", e.Dir, who)
}

// IsDirInUse reports whether err is a DirInUseError.
func IsDirInUse(err error) bool {
	var e *DirInUseError
	return errors.As(err, &e)
}

// dirLock is the held lock of a data directory.
type dirLock struct{ f *os.File }

// lockDataDir takes the exclusive, non-blocking lock of dir. The lock is the
// operating system's (flock), so it goes away with the process however it
// ends, kill -9 included: a stale lock file never blocks a restart.
func lockDataDir(dir string) (*dirLock, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("resolve data directory: %w", err)
	}
	if err := os.MkdirAll(abs, 0o750); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	path := filepath.Join(abs, lockFileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o640)
	if err != nil {
		return nil, fmt.Errorf("open data directory lock: %w", err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock data directory %s: %w", abs, err)
	}
	if !held {
		b, _ := os.ReadFile(path)
		f.Close()
		pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
		return nil, &DirInUseError{Dir: abs, PID: pid}
	}
	// The pid is for the message of the process that finds the lock taken.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &dirLock{f: f}, nil
}

// release gives the directory up.
func (l *dirLock) release() {
	if l == nil || l.f == nil {
		return
	}
	_ = l.f.Truncate(0)
	unlock(l.f)
	_ = l.f.Close()
	l.f = nil
}
