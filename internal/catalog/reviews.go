package catalog

import (
	"context"

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
