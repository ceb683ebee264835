package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	mopts "go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/media"
	"github.com/donpalito/donpalitojr/internal/store"
)

// mediaRefsMigration marks, in the meta collection, that stored image URLs
// were turned into references, so later starts skip the scan of every order.
const mediaRefsMigration = "migration:media-refs"

// migrateMediaRefs rewrites the absolute URLs of local images that older
// versions stored (http://localhost:8080/media/…) as root-relative
// references (/media/…), in products (images and their copies) and in order
// lines. The URLs are then built from PUBLIC_BASE_URL when served, so a new
// port or domain keeps every image. Idempotent: a reference is left as it
// is, and so are Cloudinary's URLs.
func migrateMediaRefs(ctx context.Context, s *store.Store, log *slog.Logger) error {
	meta := s.DB.Collection("meta")
	if n, err := meta.CountDocuments(ctx, bson.D{{"_id", mediaRefsMigration}}); err != nil {
		return fmt.Errorf("read media migration mark: %w", err)
	} else if n > 0 {
		return nil
	}
	products, err := migrateProductImages(ctx, s)
	if err != nil {
		return err
	}
	orders, err := migrateOrderImages(ctx, s)
	if err != nil {
		return err
	}
	if _, err := meta.UpdateOne(ctx, bson.D{{"_id", mediaRefsMigration}},
		bson.D{{"$set", bson.D{{"at", time.Now().UTC()}, {"products", products}, {"orders", orders}}}},
		mopts.UpdateOne().SetUpsert(true)); err != nil {
		return fmt.Errorf("mark media migration: %w", err)
	}
	if products+orders > 0 {
		log.Info("stored image URLs turned into references", "products", products, "orders", orders)
	}
	return nil
}

func migrateProductImages(ctx context.Context, s *store.Store) (int, error) {
	coll := s.DB.Collection("products")
	cur, err := coll.Find(ctx, bson.D{}, mopts.Find().SetProjection(bson.D{{"images", 1}}))
	if err != nil {
		return 0, fmt.Errorf("migrate product images: %w", err)
	}
	var docs []struct {
		ID     bson.ObjectID `bson:"_id"`
		Images []bson.M      `bson:"images"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return 0, fmt.Errorf("migrate product images: %w", err)
	}
	n := 0
	for _, d := range docs {
		changed := false
		// Copies (variants) were always stored as references.
		for _, im := range d.Images {
			changed = rebase(im, "url") || changed
		}
		if !changed {
			continue
		}
		if _, err := coll.UpdateOne(ctx, bson.D{{"_id", d.ID}},
			bson.D{{"$set", bson.D{{"images", d.Images}}}, {"$inc", bson.D{{"rev", int64(1)}}}}); err != nil {
			return n, fmt.Errorf("migrate images of product %s: %w", d.ID.Hex(), err)
		}
		n++
	}
	return n, nil
}

func migrateOrderImages(ctx context.Context, s *store.Store) (int, error) {
	coll := s.DB.Collection("orders")
	cur, err := coll.Find(ctx, bson.D{{"lines.image", bson.D{{"$regex", "^https?://"}}}},
		mopts.Find().SetProjection(bson.D{{"lines", 1}}))
	if err != nil {
		return 0, fmt.Errorf("migrate order images: %w", err)
	}
	var docs []struct {
		ID    bson.ObjectID `bson:"_id"`
		Lines []bson.M      `bson:"lines"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return 0, fmt.Errorf("migrate order images: %w", err)
	}
	n := 0
	for _, d := range docs {
		changed := false
		for _, l := range d.Lines {
			changed = rebase(l, "image") || changed
		}
		if !changed {
			continue
		}
		if _, err := coll.UpdateOne(ctx, s.ByID(d.ID), bson.D{{"$set", bson.D{{"lines", d.Lines}}}}); err != nil {
			return n, fmt.Errorf("migrate images of order %s: %w", d.ID.Hex(), err)
		}
		n++
	}
	return n, nil
}

// rebase turns m[field], when it is an absolute URL of a local image, into
// its reference, and says whether it did.
func rebase(m bson.M, field string) bool {
	raw, ok := m[field].(string)
	if !ok {
		return false
	}
	if ref := media.Ref(raw); ref != raw {
		m[field] = ref
		return true
	}
	return false
}
