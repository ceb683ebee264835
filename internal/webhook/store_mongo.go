package webhook

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store"
)

// mongoMessages is the Store for MongoDB: the claim is a condition of each
// write's filter, so a delivery whose claim was taken over cannot release
// or finish the message of the one that took it, on any server.
type mongoMessages struct{ mongoStore }

// NewMongoStore returns the webhook store for a MongoDB deployment.
func NewMongoStore(s *store.Store) Store { return mongoMessages{mongoStore{s}} }

func (m mongoMessages) release(ctx context.Context, key, claim string) error {
	if _, err := m.messages().DeleteOne(ctx, bson.D{{"_id", key}, {"claim", claim}, {"done", false}}); err != nil {
		return fmt.Errorf("release webhook message: %w", err)
	}
	return nil
}

func (m mongoMessages) finish(ctx context.Context, key, claim string, at time.Time) error {
	if _, err := m.messages().UpdateOne(ctx, bson.D{{"_id", key}, {"claim", claim}}, doneFields(at)); err != nil {
		return fmt.Errorf("mark webhook message processed: %w", err)
	}
	return nil
}

func (m mongoMessages) takeOver(ctx context.Context, key, old, claim string, at time.Time) (bool, error) {
	res, err := m.messages().UpdateOne(ctx, bson.D{{"_id", key}, {"claim", old}, {"done", false}}, claimFields(claim, at))
	if err != nil {
		return false, fmt.Errorf("take over webhook message: %w", err)
	}
	return res.ModifiedCount == 1, nil
}
