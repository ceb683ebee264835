package store

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The embedded store's in-memory read models (the admin's order, customer
// and event indexes) are built by scanning their collections, which
// FerretDB decodes document by document: 40 s at 100,000 orders. A clean
// shutdown writes them to a snapshot next to the database so the next
// start loads them instead. The snapshot is trusted only when it describes
// exactly the files the database starts from:
//
//   - it is written after the database has stopped, with a stamp of the
//     database files (name, size and modification time of each);
//   - the next Open reads it and deletes it before the database starts,
//     whatever it holds, so a crash after that start leaves no snapshot and
//     the start after the crash scans;
//   - it is used only when the stamp still matches the files, so any other
//     writer in between (a tool that opened the store, a restored backup)
//     makes the next start scan.
//
// A part that is missing or does not decode is rebuilt by scanning.

// snapshotFileName is the snapshot's file in DATA_DIR.
const snapshotFileName = "readmodels.snapshot"

// snapshotVersion changes whenever a part's encoding does; an older file
// is ignored.
const snapshotVersion = 1

type snapshotFile struct {
	Version int
	Stamp   string
	Parts   map[string][]byte
}

// loadSnapshot reads and deletes DATA_DIR's snapshot; it keeps its parts
// when its stamp matches the database files in dbDir as they are now. The
// caller holds the directory lock and has not started the database.
func (s *Store) loadSnapshot(dataDir, dbDir string, log *slog.Logger) {
	path := filepath.Join(dataDir, snapshotFileName)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		// A snapshot that cannot be deleted could outlive a crash: never
		// trust it.
		log.Warn("delete the read models' snapshot; rebuilding them", "path", path, "err", err)
		return
	}
	syncDir(dataDir)
	if err != nil {
		log.Warn("read the read models' snapshot; rebuilding them", "path", path, "err", err)
		return
	}
	var f snapshotFile
	if err := gob.NewDecoder(bytes.NewReader(b)).Decode(&f); err != nil || f.Version != snapshotVersion {
		log.Info("the read models' snapshot is of another version; rebuilding them", "err", err)
		return
	}
	stamp, err := filesStamp(dbDir)
	if err != nil || stamp != f.Stamp {
		log.Info("the database changed since the read models' snapshot; rebuilding them", "err", err)
		return
	}
	s.snapshot = f.Parts
}

// Snapshot returns the part of the start's snapshot called name, once; nil
// when there is none (no clean shutdown before, or the files changed).
func (s *Store) Snapshot(name string) []byte {
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	b := s.snapshot[name]
	delete(s.snapshot, name)
	return b
}

// KeepSnapshot records a part to write at Close, once the database has
// stopped. Only the embedded store keeps them; call it when nothing writes
// any more (after the HTTP server and the background work have stopped).
func (s *Store) KeepSnapshot(name string, b []byte) {
	s.snapMu.Lock()
	defer s.snapMu.Unlock()
	if s.closing == nil {
		s.closing = map[string][]byte{}
	}
	s.closing[name] = b
}

// writeSnapshot writes the kept parts with the stamp of the stopped
// database's files: to a temporary file first, so a crash leaves either no
// snapshot or a whole one.
func (s *Store) writeSnapshot(dataDir, dbDir string) error {
	s.snapMu.Lock()
	parts := s.closing
	s.snapMu.Unlock()
	if len(parts) == 0 {
		return nil
	}
	stamp, err := filesStamp(dbDir)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(snapshotFile{Version: snapshotVersion, Stamp: stamp, Parts: parts}); err != nil {
		return fmt.Errorf("encode the read models' snapshot: %w", err)
	}
	path := filepath.Join(dataDir, snapshotFileName)
	tmp, err := os.CreateTemp(dataDir, snapshotFileName+".*")
	if err != nil {
		return fmt.Errorf("write the read models' snapshot: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("write the read models' snapshot: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write the read models' snapshot: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write the read models' snapshot: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write the read models' snapshot: %w", err)
	}
	syncDir(dataDir)
	return nil
}

// filesStamp describes the database files as they are on disk. Any write
// to them changes a size or a modification time (nanoseconds here).
func filesStamp(dbDir string) (string, error) {
	entries, err := os.ReadDir(dbDir)
	if err != nil {
		return "", fmt.Errorf("stamp the database files: %w", err)
	}
	var lines []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			return "", fmt.Errorf("stamp the database files: %w", err)
		}
		lines = append(lines, e.Name()+" "+strconv.FormatInt(info.Size(), 10)+" "+
			strconv.FormatInt(info.ModTime().UnixNano(), 10))
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n"), nil
}

// syncDir makes a rename or removal in dir durable (best effort).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}
