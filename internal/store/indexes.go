package store

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// Index is one index a domain store needs.
type Index struct {
	Collection string
	Model      mongo.IndexModel
}

// EnsureIndexes creates the indexes; creating an existing index is a no-op,
// so this runs at every start.
func (s *Store) EnsureIndexes(ctx context.Context, indexes []Index) error {
	for _, ix := range indexes {
		if _, err := s.DB.Collection(ix.Collection).Indexes().CreateOne(ctx, ix.Model); err != nil {
			return fmt.Errorf("create index on %s: %w", ix.Collection, err)
		}
	}
	return nil
}
