package catalog

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// ApplyReview moves a product's rating by what one review did: a new review
// adds (+rating, +1), an edit adds (new−old, 0), a deletion adds (−rating,
// −1). The average is derived from the sum and count, so it stays exact
// however reviews come and go; the store makes the $inc exact on the
// embedded database too.
func (s *Service) ApplyReview(ctx context.Context, productID string, deltaSum int64, deltaCount int) error {
	if deltaSum == 0 && deltaCount == 0 {
		return nil
	}
	d, err := s.db.change(ctx, productID, bson.D{
		{"$inc", bson.D{{"ratingSum", deltaSum}, {"reviewCount", deltaCount}}},
	})
	if err != nil {
		return err
	}
	s.publish(ctx, d)
	return nil
}

// RatingTally is what one product's reviews add up to.
type RatingTally struct {
	Sum   int64
	Count int
}

// RatingFix is a product whose rating counters disagreed with its reviews.
type RatingFix struct {
	ProductID       string
	WasSum, Sum     int64
	WasCount, Count int
}

// ReconcileRatings sets the rating counters of every live product to what
// its reviews add up to (truth, by product id) and returns the products it
// corrected. A review written by a process that died before its
// ApplyReview leaves the two apart; the comparison is exact only while no
// review is being written, i.e. at start on the embedded database, whose
// single process has not served yet. It compares with the read model, which
// Load has just filled from the same documents: reading every product a
// second time was a second of a large shop's restart.
func (s *Service) ReconcileRatings(ctx context.Context, truth map[string]RatingTally) ([]RatingFix, error) {
	var fixes []RatingFix
	for _, p := range s.rm.all() {
		id := p.ID
		t := truth[id]
		if p.ratingSum == t.Sum && p.ReviewCount == t.Count {
			continue
		}
		nd, err := s.db.change(ctx, id, bson.D{{"$set", bson.D{{"ratingSum", t.Sum}, {"reviewCount", t.Count}}}})
		if errors.Is(err, ErrNotFound) {
			continue // deleted meanwhile: its counters no longer show
		}
		if err != nil {
			return fixes, fmt.Errorf("correct the rating of product %s: %w", id, err)
		}
		s.publish(ctx, nd)
		fixes = append(fixes, RatingFix{ProductID: id, WasSum: p.ratingSum, Sum: t.Sum, WasCount: p.ReviewCount, Count: t.Count})
	}
	return fixes, nil
}
