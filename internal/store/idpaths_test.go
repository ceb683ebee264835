//go:build !noembed

package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

// FerretDB filters {_id: x} on _ferretdb_sjson->'$._id' but indexes
// _ferretdb_sjson->"_id", so without our index SQLite scans the table for
// every read, update and delete by _id. After IndexIDPaths the very query
// FerretDB runs is a search, and duplicate _ids are still FerretDB's E11000.
func TestReadsByIDSearchAnIndexInsteadOfScanning(t *testing.T) {
	ctx := context.Background()
	s := storetest.Store(t)
	if !s.Embedded {
		t.Skip("the _id path index is the embedded FerretDB's")
	}
	coll := s.DB.Collection("orders")
	docs := make([]any, 200)
	for i := range docs {
		docs[i] = bson.D{{"_id", bson.NewObjectID()}, {"n", i}}
	}
	if _, err := coll.InsertMany(ctx, docs); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(storetest.DataDir(), "db", s.DB.Name()+".sqlite")
	db, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var table string
	if err := db.QueryRowContext(ctx, `SELECT table_name FROM _ferretdb_collections WHERE name = 'orders'`).Scan(&table); err != nil {
		t.Fatal(err)
	}
	// The plan of the query FerretDB runs for one _id, on a connection of its
	// own: a connection keeps the schema it last read until a statement opens
	// a transaction, which an EXPLAIN does not.
	plan := func() string {
		t.Helper()
		fresh, err := sql.Open("sqlite", "file:"+file+"?_pragma=busy_timeout(10000)")
		if err != nil {
			t.Fatal(err)
		}
		defer fresh.Close()
		rows, err := fresh.QueryContext(ctx, fmt.Sprintf(`EXPLAIN QUERY PLAN SELECT _ferretdb_sjson FROM %q WHERE _ferretdb_sjson->'$._id' = ?`, table), `"x"`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			b.WriteString(detail + "\n")
		}
		return b.String()
	}
	// The background pass may already have run: drop ours to see FerretDB's own.
	if _, err := db.ExecContext(ctx, fmt.Sprintf(`DROP INDEX IF EXISTS %q`, table+"__id_path")); err != nil {
		t.Fatal(err)
	}
	if p := plan(); !strings.Contains(p, "SCAN") {
		t.Fatalf("without our index FerretDB's _id filter should scan (has FerretDB fixed its index?): %s", p)
	}
	if n, err := store.IndexIDPaths(ctx, filepath.Dir(file)); err != nil || n == 0 {
		t.Fatalf("indexed %d collections: %v", n, err)
	}
	if p := plan(); !strings.Contains(p, "USING INDEX "+table+"__id_path") {
		t.Fatalf("a read by _id does not use the _id path index: %s", p)
	}

	var got struct{ N int }
	if err := coll.FindOne(ctx, bson.D{{"_id", docs[150].(bson.D)[0].Value}}).Decode(&got); err != nil || got.N != 150 {
		t.Fatalf("find by _id: %v %+v", err, got)
	}
	if _, err := coll.InsertOne(ctx, docs[7]); !store.IsDuplicateKey(err) {
		t.Fatalf("a second insert of one _id: %v, want a duplicate key error", err)
	}
}
