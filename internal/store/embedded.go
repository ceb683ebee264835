//go:build !noembed

package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// The embedded FerretDB (and with it SQLite, pgx and gRPC) is linked only
// into builds without the noembed tag; see embedded_off.go.

func (s *Store) startEmbedded(ctx context.Context, dataDir string, log *slog.Logger) (string, error) {
	if dataDir == "" {
		return "", errors.New("embedded database needs a data directory")
	}
	// One process per data directory, before the database files are touched.
	lock, err := lockDataDir(dataDir)
	if err != nil {
		return "", err
	}
	s.dirLock = lock
	dbDir := filepath.Join(dataDir, "db")
	if err := os.MkdirAll(dbDir, 0o750); err != nil {
		s.stop()
		return "", fmt.Errorf("create database directory: %w", err)
	}
	abs, err := filepath.Abs(dbDir)
	if err != nil {
		s.stop()
		return "", fmt.Errorf("resolve database directory: %w", err)
	}
	s.dataDir, s.dbDir = dataDir, abs
	s.loadSnapshot(dataDir, abs, log)
	f, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: "127.0.0.1:0"},
		Handler:  "sqlite",
		// temp_store(memory) keeps SQLite's statement journals in memory:
		// FerretDB rewrites a whole document on every update, and with the
		// journal in a temporary file each update paid for its writes and
		// syscalls (dbceiling: 810–910 → 1,290 updates/s; checkout +10 %).
		SQLiteURL: "file:" + abs + "/?_pragma=synchronous(normal)&_pragma=temp_store(memory)",
		// FerretDB logs every connection at info and every unsupported command (the
		// driver's endSessions on disconnect) as a warning; only errors matter here.
		Logger: slog.New(minLevel{log.Handler(), slog.LevelError}).With("component", "ferretdb"),
	})
	if err != nil {
		s.stop()
		return "", fmt.Errorf("start embedded FerretDB: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	s.Embedded = true
	s.embeddedDone = make(chan struct{})
	s.stopEmbedded = cancel
	var idPaths sync.WaitGroup
	idPaths.Add(1) // keepIDPathsIndexed, below
	go func() {
		defer close(s.embeddedDone)
		err := f.Run(runCtx)
		// The files are final only once nothing else touches them.
		idPaths.Wait()
		if err != nil {
			log.Error("embedded FerretDB stopped", "err", err)
			return
		}
		s.embeddedOK = true
	}()
	// MongoDBURI blocks until the listener is bound.
	uri := f.MongoDBURI()
	s.indexIDPaths = func(ctx context.Context) error {
		_, err := indexIDPaths(ctx, abs)
		return err
	}
	if n, err := indexIDPaths(ctx, abs); err != nil {
		log.Warn("index _id paths", "err", err)
	} else if n > 0 {
		log.Info("indexed _id paths of the embedded database", "collections", n)
	}
	go func() {
		defer idPaths.Done()
		keepIDPathsIndexed(runCtx, abs, idPathsEvery, log)
	}()
	return uri, nil
}
