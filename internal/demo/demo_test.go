package demo

import (
	"bytes"
	"crypto/sha256"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

func TestProductsMatchLegacySeed(t *testing.T) {
	ps := Products()
	if len(ps) != 15 {
		t.Fatalf("got %d products, want 15", len(ps))
	}

	wantCounts := map[string]int{
		CategoryPremium:    2,
		CategoryCocteleros: 4,
		CategoryDulces:     1,
		CategoryEspeciales: 5,
		CategoryNuevos:     3,
	}
	counts := map[string]int{}
	for _, p := range ps {
		counts[p.Category]++
	}
	if len(counts) != len(wantCounts) {
		t.Errorf("got categories %v, want %v", counts, wantCounts)
	}
	for c, n := range wantCounts {
		if counts[c] != n {
			t.Errorf("category %q has %d products, want %d", c, counts[c], n)
		}
	}

	// Prices of BEHAVIOUR §1.9 in whole pesos.
	wantPesos := map[string]int64{
		"Palito Premium Puro Queso":          2500,
		"Palito Premium Bocadillo y Queso":   2500,
		"Palito Coctelero Jamón y Queso":     1000,
		"Palito Coctelero Puro Queso":        1000,
		"Palito Coctelero Bocadillo y Queso": 1000,
		"Palito Coctelero Chocolate y Queso": 1000,
		"Oblea":                              5000,
		"Buñuelo":                            1000,
		"Plato de Natilla":                   5000,
		"Bandeja Personal de Natilla":        10000,
		"Bandeja Familiar de Natilla":        40000,
		"Hojuela":                            1000,
		"Panocha":                            6000,
		"Palipapa":                           2000,
		"Paliplátano":                        1500,
	}
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.Name] {
			t.Errorf("duplicate product name %q", p.Name)
		}
		seen[p.Name] = true

		want, ok := wantPesos[p.Name]
		if !ok {
			t.Errorf("unexpected product %q", p.Name)
			continue
		}
		if p.Price != want*100 {
			t.Errorf("%s: price %d, want %d (minor units)", p.Name, p.Price, want*100)
		}
		if p.Stock < 15 || p.Stock > 100 {
			t.Errorf("%s: stock %d outside 15–100", p.Name, p.Stock)
		}
		if n := utf8.RuneCountInString(p.Description); n < 40 || n > 300 {
			t.Errorf("%s: description has %d characters", p.Name, n)
		}
	}
}

func TestProductsIsAFreshCopy(t *testing.T) {
	a := Products()
	a[0].Name = "changed"
	if Products()[0].Name == "changed" {
		t.Fatal("Products returned shared state")
	}
}

func TestCoupons(t *testing.T) {
	cs := Coupons()
	if len(cs) != 2 {
		t.Fatalf("got %d coupons, want 2", len(cs))
	}
	codes := map[string]bool{}
	for _, c := range cs {
		if codes[c.Code] {
			t.Errorf("duplicate coupon code %q", c.Code)
		}
		codes[c.Code] = true
		if c.Code == "" || strings.ToUpper(c.Code) != c.Code || strings.ContainsAny(c.Code, " \t") {
			t.Errorf("coupon code %q must be upper case without spaces", c.Code)
		}
		switch c.Type {
		case CouponPercentage:
			if c.Value < 1 || c.Value > 100 {
				t.Errorf("%s: percentage %d outside 1–100", c.Code, c.Value)
			}
		case CouponFixed:
			if c.Value <= 0 {
				t.Errorf("%s: fixed value %d must be positive", c.Code, c.Value)
			}
			if c.MinSubtotal != 0 && c.MinSubtotal < c.Value {
				t.Errorf("%s: minimum subtotal %d below the discount %d", c.Code, c.MinSubtotal, c.Value)
			}
		default:
			t.Errorf("%s: unknown type %q", c.Code, c.Type)
		}
		if c.MinSubtotal < 0 {
			t.Errorf("%s: negative minimum subtotal", c.Code)
		}
		if !c.Public {
			t.Errorf("%s: demo coupons should be public", c.Code)
		}
		if c.Description == "" {
			t.Errorf("%s: empty description", c.Code)
		}
	}
	if !codes["BIENVENIDO10"] || !codes["PALITOS5000"] {
		t.Errorf("got codes %v", codes)
	}
}

func TestFormatCOP(t *testing.T) {
	for _, tc := range []struct {
		minor int64
		want  string
	}{
		{0, "$ 0"},
		{100, "$ 1"},
		{250000, "$ 2.500"},
		{100000, "$ 1.000"},
		{4000000, "$ 40.000"},
		{123456789, "$ 1.234.567,89"},
		{150, "$ 1,50"},
		{5, "$ 0,05"},
		{-250000, "-$ 2.500"},
		{-9223372036854775808, "-$ 92.233.720.368.547.758,08"},
	} {
		if got := formatCOP(tc.minor); got != tc.want {
			t.Errorf("formatCOP(%d) = %q, want %q", tc.minor, got, tc.want)
		}
	}
}

// TestImages checks every picture decodes as a PNG of the documented size,
// is byte-for-byte deterministic, and differs from every other product's.
// Set DEMO_IMAGES_DIR to also write them out for a visual check.
func TestImages(t *testing.T) {
	dir := os.Getenv("DEMO_IMAGES_DIR")
	var (
		mu   sync.Mutex
		seen = map[[32]byte]string{}
	)
	t.Run("each", func(t *testing.T) {
		for _, p := range Products() {
			t.Run(p.Name, func(t *testing.T) {
				t.Parallel()
				a, err := Image(p)
				if err != nil {
					t.Fatal(err)
				}
				img, err := png.Decode(bytes.NewReader(a))
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				if b := img.Bounds(); b.Dx() != ImageWidth || b.Dy() != ImageHeight {
					t.Errorf("size %v, want %dx%d", b.Size(), ImageWidth, ImageHeight)
				}
				b, err := Image(p)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a, b) {
					t.Error("two renderings differ")
				}

				mu.Lock()
				sum := sha256.Sum256(a)
				if other, ok := seen[sum]; ok {
					t.Errorf("same image as %s", other)
				}
				seen[sum] = p.Name
				mu.Unlock()

				if dir != "" {
					name := strings.ReplaceAll(strings.ToLower(p.Name), " ", "-") + ".png"
					if err := os.WriteFile(filepath.Join(dir, name), a, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			})
		}
	})
	if len(seen) != len(Products()) {
		t.Errorf("%d distinct images for %d products", len(seen), len(Products()))
	}
}

func BenchmarkImage(b *testing.B) {
	p := Products()[0]
	for b.Loop() {
		if _, err := Image(p); err != nil {
			b.Fatal(err)
		}
	}
}
