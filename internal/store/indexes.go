package store

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Index is one index a domain store needs.
type Index struct {
	Collection string
	Model      mongo.IndexModel
}

// EnsureIndexes creates the indexes; creating an existing index is a no-op,
// so this runs at every start.
//
// The embedded FerretDB gets only the unique ones. On SQLite it serves no
// query but {_id: x} from an index (any other filter scans), so a
// non-unique index there is pure cost: every write of a document
// recomputes each of its expressions over the document's JSON, old and
// new. Measured on checkout, orders' six and the outbox's four took a
// fifth of the CPU. Unique indexes stay, because they are constraints
// (E11000), and non-unique ones an earlier version created are dropped.
func (s *Store) EnsureIndexes(ctx context.Context, indexes []Index) error {
	collections := map[string]bool{}
	for _, ix := range indexes {
		collections[ix.Collection] = true
		if s.Embedded && !isUnique(ix.Model) {
			continue
		}
		if _, err := s.DB.Collection(ix.Collection).Indexes().CreateOne(ctx, ix.Model); err != nil {
			return fmt.Errorf("create index on %s: %w", ix.Collection, err)
		}
	}
	if s.Embedded {
		for name := range collections {
			if err := s.dropNonUniqueIndexes(ctx, name); err != nil {
				return err
			}
		}
	}
	// The collections just created get their _id path index now, not at
	// the next pass: the platform serves right after this.
	if s.indexIDPaths != nil {
		if err := s.indexIDPaths(ctx); err != nil {
			return fmt.Errorf("index _id paths: %w", err)
		}
	}
	return nil
}

func isUnique(m mongo.IndexModel) bool {
	if m.Options == nil {
		return false
	}
	var o options.IndexOptions
	for _, set := range m.Options.List() {
		if err := set(&o); err != nil {
			return false
		}
	}
	return o.Unique != nil && *o.Unique
}

// dropNonUniqueIndexes drops the non-unique indexes of an embedded
// collection (see EnsureIndexes); FerretDB's _id index is unique.
func (s *Store) dropNonUniqueIndexes(ctx context.Context, collection string) error {
	ixs := s.DB.Collection(collection).Indexes()
	specs, err := ixs.ListSpecifications(ctx)
	if err != nil {
		return fmt.Errorf("list indexes of %s: %w", collection, err)
	}
	for _, spec := range specs {
		if spec.Name == "_id_" || (spec.Unique != nil && *spec.Unique) {
			continue
		}
		if err := ixs.DropOne(ctx, spec.Name); err != nil {
			return fmt.Errorf("drop index %s of %s: %w", spec.Name, collection, err)
		}
	}
	return nil
}
