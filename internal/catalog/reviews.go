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
// single process has not served yet.
func (s *Service) ReconcileRatings(ctx context.Context, truth map[string]RatingTally) ([]RatingFix, error) {
	docs, err := s.db.all(ctx)
	if err != nil {
		return nil, err
	}
	var fixes []RatingFix
	for _, d := range docs {
		id := d.ID.Hex()
		t := truth[id]
		if d.RatingSum == t.Sum && d.ReviewCount == t.Count {
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
		fixes = append(fixes, RatingFix{ProductID: id, WasSum: d.RatingSum, Sum: t.Sum, WasCount: d.ReviewCount, Count: t.Count})
	}
	return fixes, nil
}
