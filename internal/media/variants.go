package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	_ "image/png" // decoders for uploads
	"slices"

	xdraw "golang.org/x/image/draw"
	_ "golang.org/x/image/webp"
)

// VariantWidths are the widths of the resized copies made of every image, for
// the apps' srcset: grids download these, never the original.
var VariantWidths = []int{320, 640, 1280}

// maxPixels bounds decoding: a 5 MB PNG can describe a picture of hundreds
// of megapixels, which would take gigabytes to decode.
const maxPixels = 40_000_000

// ErrTooManyPixels refuses images too large to resize.
var ErrTooManyPixels = errors.New("image has more than 40 megapixels")

// ErrUnreadable refuses a file that looks like an image by its first bytes
// but cannot be decoded (truncated or damaged): it is the client's file, not
// a failure of the server.
var ErrUnreadable = errors.New("image cannot be decoded")

// VariantFormat is the format of the copies made here. The standard library
// encodes JPEG; golang.org/x/image only decodes WebP, and the one cgo-free
// WebP encoder on the module proxy runs libwebp as WebAssembly, measured here
// at 11 s to start and 1.5 s per 1280-px copy against JPEG's fraction of that.
const VariantFormat = "jpeg"

// Rendition is one resized copy of an image.
type Rendition struct {
	Width, Height int
	Data          []byte
}

// Measure returns an image's size without decoding its pixels.
func Measure(data []byte) (width, height int, err error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return 0, 0, fmt.Errorf("read image size: %w: %w", ErrUnreadable, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, fmt.Errorf("read image size %dx%d: %w", cfg.Width, cfg.Height, ErrUnreadable)
	}
	if cfg.Width*cfg.Height > maxPixels {
		return 0, 0, ErrTooManyPixels
	}
	return cfg.Width, cfg.Height, nil
}

// TargetWidths are the variant widths for an image width wide: each of
// VariantWidths capped at the original's width (never upscaled), without
// repeats. An 800-px image gets 320, 640 and 800.
func TargetWidths(width int) []int {
	var out []int
	for _, w := range VariantWidths {
		w = min(w, width)
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// Renditions decodes an image and makes its JPEG copies at TargetWidths,
// largest first, each resized from the previous (cheaper than from the
// original every time, and each step at most halves or so). Transparent
// areas become white, as JPEG has no alpha.
func Renditions(data []byte) (width, height int, out []Rendition, err error) {
	width, height, err = Measure(data)
	if err != nil {
		return 0, 0, nil, err
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return 0, 0, nil, fmt.Errorf("decode image: %w: %w", ErrUnreadable, err)
	}
	targets := TargetWidths(width)
	slices.Reverse(targets)
	var prev image.Image = src
	for _, w := range targets {
		h := max(1, (height*w+width/2)/width)
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		xdraw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, xdraw.Src)
		xdraw.BiLinear.Scale(dst, dst.Bounds(), prev, prev.Bounds(), xdraw.Over, nil)
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 80}); err != nil {
			return 0, 0, nil, fmt.Errorf("encode %d-px copy: %w", w, err)
		}
		out = append(out, Rendition{Width: w, Height: h, Data: buf.Bytes()})
		prev = dst
	}
	slices.Reverse(out)
	return width, height, out, nil
}

// Transformer is a storage that resizes on delivery (Cloudinary): variants are
// URLs, not stored files.
type Transformer interface {
	VariantURL(ref string, width int) (url, format string, ok bool)
}
