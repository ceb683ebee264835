//go:build !noembed

package store_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// The read models' snapshot is handed to the next start only when nothing
// touched the database files in between: it is read and deleted at every
// start (a crash after a start finds none), and a write made without the
// store (here SQLite directly, as a restored backup or another tool would)
// makes it stale.
func TestASnapshotIsGivenBackOnlyForTheFilesItDescribes(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	open := func() *store.Store {
		t.Helper()
		s, err := store.Open(ctx, store.Config{DataDir: dir}, log)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	closeKeeping := func(s *store.Store, part string) {
		t.Helper()
		if part != "" {
			s.KeepSnapshot("orders", []byte(part))
		}
		if err := s.Close(ctx); err != nil {
			t.Fatal(err)
		}
	}
	file := filepath.Join(dir, "readmodels.snapshot")

	s := open()
	if _, err := s.DB.Collection("orders").InsertOne(ctx, bson.D{{"n", 1}}); err != nil {
		t.Fatal(err)
	}
	if got := s.Snapshot("orders"); got != nil {
		t.Fatalf("a first start has no snapshot, got %q", got)
	}
	closeKeeping(s, "index at shutdown 1")

	s = open()
	if _, err := os.Stat(file); !os.IsNotExist(err) {
		t.Fatalf("the snapshot must be deleted once read, before serving: %v", err)
	}
	if got := string(s.Snapshot("orders")); got != "index at shutdown 1" {
		t.Fatalf("after a clean shutdown: got %q", got)
	}
	if got := s.Snapshot("orders"); got != nil {
		t.Fatalf("a part is handed out once, got %q again", got)
	}
	// A stop that keeps nothing (a crash, a tool) leaves no snapshot behind.
	closeKeeping(s, "")
	s = open()
	if got := s.Snapshot("orders"); got != nil {
		t.Fatalf("after a stop that kept nothing: got %q", got)
	}
	closeKeeping(s, "index at shutdown 3")

	// Written behind the store's back while it is stopped.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "db", "donpalito.sqlite"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `CREATE TABLE written_elsewhere (x)`); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	s = open()
	defer closeKeeping(s, "")
	if got := s.Snapshot("orders"); got != nil {
		t.Fatalf("after a write without the store the snapshot is stale, got %q", got)
	}
}
