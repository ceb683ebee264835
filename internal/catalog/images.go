package catalog

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/donpalito/donpalitojr/internal/media"
)

// storeImage saves an upload and its resized copies. With a storage that
// resizes on delivery (Cloudinary) the copies are its transformation URLs;
// otherwise JPEG files next to the original. On error nothing is left behind.
func (s *Service) storeImage(ctx context.Context, key string, data []byte, contentType string) (imageDoc, error) {
	var (
		w, h  int
		rends []media.Rendition
		err   error
	)
	tr, resizesItself := s.media.(media.Transformer)
	if deferCopies(ctx) {
		// Only the size now; BackfillVariants makes the copies.
		if w, h, err = media.Measure(data); err != nil {
			return imageDoc{}, err
		}
		ref, storedKey, err := s.media.Save(ctx, key, data, contentType)
		if err != nil {
			return imageDoc{}, fmt.Errorf("store image: %w", err)
		}
		return imageDoc{URL: ref, Key: storedKey, Width: w, Height: h}, nil
	}
	if resizesItself {
		w, h, err = media.Measure(data)
	} else {
		w, h, rends, err = media.Renditions(data)
	}
	if err != nil {
		return imageDoc{}, err
	}
	ref, storedKey, err := s.media.Save(ctx, key, data, contentType)
	if err != nil {
		return imageDoc{}, fmt.Errorf("store image: %w", err)
	}
	im := imageDoc{URL: ref, Key: storedKey, Width: w, Height: h}
	if resizesItself {
		im.Variants = transformedVariants(tr, ref, w)
		return im, nil
	}
	if im.Variants, err = s.saveRenditions(ctx, key, rends); err != nil {
		s.deleteFiles(ctx, im)
		return imageDoc{}, err
	}
	return im, nil
}

func (s *Service) saveRenditions(ctx context.Context, key string, rends []media.Rendition) ([]variantDoc, error) {
	out := make([]variantDoc, 0, len(rends))
	for _, r := range rends {
		ref, storedKey, err := s.media.Save(ctx, key+"-w"+strconv.Itoa(r.Width), r.Data, "image/jpeg")
		if err != nil {
			for _, v := range out {
				_ = s.media.Delete(ctx, v.Key)
			}
			return nil, fmt.Errorf("store %d-px copy: %w", r.Width, err)
		}
		out = append(out, variantDoc{Width: r.Width, Format: media.VariantFormat, URL: ref, Key: storedKey})
	}
	return out, nil
}

func transformedVariants(tr media.Transformer, ref string, width int) []variantDoc {
	var out []variantDoc
	for _, w := range media.TargetWidths(width) {
		if u, format, ok := tr.VariantURL(ref, w); ok {
			out = append(out, variantDoc{Width: w, Format: format, URL: u})
		}
	}
	return out
}

// deleteFiles removes an image's original and stored copies; failures are
// logged, as the image is already detached.
func (s *Service) deleteFiles(ctx context.Context, im imageDoc) {
	keys := []string{im.Key}
	for _, v := range im.Variants {
		if v.Key != "" {
			keys = append(keys, v.Key)
		}
	}
	for _, k := range keys {
		if err := s.media.Delete(ctx, k); err != nil {
			s.log.Warn("delete image file", "key", k, "err", err)
		}
	}
}

// BackfillVariants gives every image stored before variants existed its size
// and resized copies. It is idempotent (an image with copies is skipped) and
// meant to run in the background at start; it returns how many images it
// completed.
func (s *Service) BackfillVariants(ctx context.Context) (int, error) {
	docs, err := s.db.all(ctx)
	if err != nil {
		return 0, err
	}
	done := 0
	var errs []error
	for _, d := range docs {
		if !needsVariants(d) {
			continue
		}
		n, err := s.backfillProduct(ctx, d.ID.Hex())
		done += n
		if err != nil {
			if ctx.Err() != nil {
				return done, ctx.Err()
			}
			errs = append(errs, fmt.Errorf("product %s: %w", d.ID.Hex(), err))
		}
	}
	return done, errors.Join(errs...)
}

func needsVariants(d productDoc) bool {
	for _, im := range d.Images {
		if len(im.Variants) == 0 || im.Width == 0 {
			return true
		}
	}
	return false
}

// backfillProduct makes the missing copies of one product's images, then
// puts them in the images the product has at that moment (an upload or a
// removal meanwhile is kept).
func (s *Service) backfillProduct(ctx context.Context, id string) (int, error) {
	d, err := s.db.find(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	made := map[string]imageDoc{}
	for _, im := range d.Images {
		if len(im.Variants) > 0 && im.Width > 0 {
			continue
		}
		data, err := s.media.Read(ctx, im.URL, im.Key)
		if err != nil {
			return len(made), err
		}
		im.URL = media.Ref(im.URL)
		key := trimExt(im.Key)
		if tr, ok := s.media.(media.Transformer); ok {
			if im.Width, im.Height, err = media.Measure(data); err != nil {
				return len(made), err
			}
			im.Variants = transformedVariants(tr, im.URL, im.Width)
		} else {
			w, h, rends, err := media.Renditions(data)
			if err != nil {
				return len(made), err
			}
			vs, err := s.saveRenditions(ctx, key, rends)
			if err != nil {
				return len(made), err
			}
			im.Width, im.Height, im.Variants = w, h, vs
		}
		made[im.ID] = im
	}
	if len(made) == 0 {
		return 0, nil
	}
	done := 0
	d, err = s.db.editImages(ctx, id, func(cur []imageDoc) ([]imageDoc, error) {
		out := make([]imageDoc, len(cur))
		done = 0
		for i, im := range cur {
			if m, ok := made[im.ID]; ok && len(im.Variants) == 0 {
				im, done = m, done+1
			}
			out[i] = im
		}
		return out, nil
	}, d.UpdatedAt)
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	s.publish(ctx, d)
	return done, nil
}

// trimExt drops a stored key's extension: copies are named after the
// original's key without it (products/ID/IMG-w320.jpg).
func trimExt(key string) string {
	for i := len(key) - 1; i >= 0 && key[i] != '/'; i-- {
		if key[i] == '.' {
			return key[:i]
		}
	}
	return key
}

type deferKey struct{}

// DeferCopies marks ctx so that images added with it are stored without their
// resized copies, which the background BackfillVariants makes: seeding the
// demo catalog does not hold up start-up.
func DeferCopies(ctx context.Context) context.Context {
	return context.WithValue(ctx, deferKey{}, true)
}

func deferCopies(ctx context.Context) bool { v, _ := ctx.Value(deferKey{}).(bool); return v }
