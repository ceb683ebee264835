// Package storetest gives each test package one embedded FerretDB and each
// test its own database on it, so tests share the expensive part and stay
// isolated.
//
// With MONGODB_URI set (make test-mongo) the tests run on that MongoDB
// deployment instead: the stores they get are in MongoDB mode, so the
// services are wired with their MongoDB implementations (conditions in the
// update filter) and the concurrency tests exercise MongoDB's atomicity.
package storetest

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/store"
)

var (
	shared  *store.Store
	dataDir string
	counter atomic.Int64
)

// Main starts the shared embedded database, runs the package's tests and
// stops it. Call it from TestMain: os.Exit(storetest.Main(m)).
func Main(m *testing.M) int {
	dir, err := os.MkdirTemp("", "donpalito-test-*")
	if err != nil {
		fmt.Fprintln(os.Stderr, "storetest:", err)
		return 1
	}
	dataDir = dir
	defer os.RemoveAll(dir)

	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	s, err := store.Open(ctx, store.Config{URI: os.Getenv("MONGODB_URI"), DataDir: dir, Database: "unused"}, log)
	cancel()
	if err != nil {
		fmt.Fprintln(os.Stderr, "storetest: open embedded database:", err)
		return 1
	}
	shared = s
	code := m.Run()
	_ = s.Close(context.Background())
	return code
}

// DataDir is the shared embedded database's data directory.
func DataDir() string { return dataDir }

var unsafeChars = regexp.MustCompile(`[^a-zA-Z0-9]+`)

// Store returns a store bound to a fresh database named after the test.
func Store(t testing.TB) *store.Store {
	t.Helper()
	if shared == nil {
		t.Fatal("storetest: call storetest.Main from TestMain")
	}
	name := unsafeChars.ReplaceAllString(t.Name(), "_")
	if len(name) > 40 {
		name = name[:40]
	}
	name = strings.ToLower(fmt.Sprintf("t%d_%s", counter.Add(1), name))
	if !shared.Embedded {
		// Test packages run at once on one deployment: keep their names apart.
		name = fmt.Sprintf("p%d_%s", os.Getpid(), name)
	}
	s := shared.Database(name)
	t.Cleanup(func() {
		_ = s.DB.Drop(context.Background())
	})
	return s
}

// URI-free access to the shared store for packages that start whole servers.
func Shared() *store.Store { return shared }

// EachStore runs a one-goroutine test once per store implementation of a
// domain — "mongo", then "embedded" — each on a fresh database with the
// domain's indexes. With MONGODB_URI unset the MongoDB store runs on the
// embedded server: that proves its guards are well formed and refuse what
// they must, not MongoDB's atomicity (FerretDB does not isolate concurrent
// updates of a document), which only make test-mongo exercises.
func EachStore(t *testing.T, indexes []store.Index, run func(t *testing.T, s *store.Store, mongo bool)) {
	t.Helper()
	for _, kind := range []string{"mongo", "embedded"} {
		t.Run(kind, func(t *testing.T) {
			s := Store(t)
			if err := s.EnsureIndexes(t.Context(), indexes); err != nil {
				t.Fatalf("indexes: %v", err)
			}
			run(t, s, kind == "mongo")
		})
	}
}
