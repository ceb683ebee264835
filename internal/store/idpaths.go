//go:build !noembed

package store

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the SQLite driver FerretDB itself uses ("sqlite")
)

// indexIDPaths works around FerretDB 1.24's SQLite backend: it indexes _id
// as _ferretdb_sjson->"_id" but filters on _ferretdb_sjson->'$._id', and
// SQLite uses an expression index only for the expression as written, so
// every {_id: x} find, update and delete scanned and decoded its whole table
// (about 1 s per read at 100,000 orders). An index on the expression the
// queries use turns each into a search. It is not unique: FerretDB's own
// unique index must stay the one that reports duplicate keys (E11000).
//
// Every database file in dbDir is covered (tests use one per database), and
// it returns how many indexes it created.
func indexIDPaths(ctx context.Context, dbDir string) (int, error) {
	files, err := filepath.Glob(filepath.Join(dbDir, "*.sqlite"))
	if err != nil {
		return 0, fmt.Errorf("list database files: %w", err)
	}
	created := 0
	for _, f := range files {
		n, err := indexIDPathsIn(ctx, f)
		created += n
		if err != nil {
			return created, err
		}
	}
	return created, nil
}

func indexIDPathsIn(ctx context.Context, file string) (int, error) {
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", file, err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT t.table_name FROM _ferretdb_collections t
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m WHERE m.type = 'index' AND m.name = t.table_name || '__id_path')`)
	if err != nil {
		// A file FerretDB has not set up yet has no collections table.
		return 0, nil
	}
	var tables []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return 0, fmt.Errorf("read collections of %s: %w", file, err)
		}
		tables = append(tables, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("read collections of %s: %w", file, err)
	}
	created := 0
	for _, t := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, t+"__id_path", t)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return created, fmt.Errorf("index _id of %s in %s: %w", t, file, err)
		}
		created++
	}
	return created, nil
}

// idPathsEvery is how often collections created since are indexed. Until
// then every read of a new collection scans it, and a busy one (the
// outbox, orders on a fresh database) grows by hundreds of documents a
// second: a pass costs a millisecond when there is nothing to do.
const idPathsEvery = 2 * time.Second

// keepIDPathsIndexed covers collections created after start (FerretDB
// creates one on its first insert) until ctx ends.
func keepIDPathsIndexed(ctx context.Context, dbDir string, every time.Duration, log *slog.Logger) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if _, err := indexIDPaths(ctx, dbDir); err != nil && ctx.Err() == nil {
				log.Warn("index _id paths of new collections", "err", err)
			}
		}
	}
}
