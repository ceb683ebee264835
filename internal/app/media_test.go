package app

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/config"
)

// lateServer listens before the app exists, so the app can be told its own
// public URL (PUBLIC_BASE_URL), as in production.
type lateServer struct {
	*httptest.Server
	h atomic.Value
}

func newLateServer(t *testing.T) *lateServer {
	s := &lateServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.h.Load().(http.Handler).ServeHTTP(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func start(t *testing.T, dataDir string, srv *lateServer) *App {
	t.Helper()
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"APP_ENV": "test", "DATA_DIR": dataDir, "PUBLIC_BASE_URL": srv.URL, "LOG_LEVEL": "error",
			"WEB_DIR": "off", "ADMIN_DIR": "off", "MOBILE_DIR": "off"}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	a, err := New(ctx, cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	srv.h.Store(a.Handler)
	return a
}

type apiImage struct {
	ID       string `json:"id"`
	URL      string `json:"url"`
	Width    int    `json:"width"`
	Height   int    `json:"height"`
	Variants []struct {
		Width  int    `json:"width"`
		URL    string `json:"url"`
		Format string `json:"format"`
	} `json:"variants"`
}

func products(t *testing.T, base string) []struct {
	ID     string     `json:"id"`
	Images []apiImage `json:"images"`
} {
	t.Helper()
	res, err := http.Get(base + "/api/products?limit=100")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var page struct {
		Items []struct {
			ID     string     `json:"id"`
			Images []apiImage `json:"images"`
		} `json:"items"`
	}
	if err := json.NewDecoder(res.Body).Decode(&page); err != nil {
		t.Fatal(err)
	}
	return page.Items
}

// fetchImage GETs an image URL and returns its width.
func fetchImage(t *testing.T, u string) int {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "image/") {
		t.Fatalf("GET %s: %d %s", u, res.StatusCode, res.Header.Get("Content-Type"))
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("GET %s: not an image: %v", u, err)
	}
	return cfg.Width
}

// checkAllImages fetches every image and copy of the catalog from base and
// returns how many it fetched.
func checkAllImages(t *testing.T, base string) int {
	t.Helper()
	n := 0
	for _, p := range products(t, base) {
		for _, im := range p.Images {
			if !strings.HasPrefix(im.URL, base+"/media/") {
				t.Errorf("product %s: image URL %s is not on %s", p.ID, im.URL, base)
			}
			if w := fetchImage(t, im.URL); w != im.Width {
				t.Errorf("%s: width %d, contract says %d", im.URL, w, im.Width)
			}
			if len(im.Variants) == 0 {
				t.Errorf("product %s image %s has no copies", p.ID, im.ID)
			}
			for _, v := range im.Variants {
				if !strings.HasPrefix(v.URL, base+"/media/") || v.Format != "jpeg" {
					t.Errorf("copy %+v", v)
				}
				if w := fetchImage(t, v.URL); w != v.Width || w > im.Width {
					t.Errorf("%s: width %d, contract says %d (original %d)", v.URL, w, v.Width, im.Width)
				}
				n++
			}
			n++
		}
	}
	return n
}

// waitForCopies waits for the background backfill to give every image of
// the catalog its copies (the demo seed defers them).
func waitForCopies(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for {
		missing := 0
		for _, p := range products(t, base) {
			for _, im := range p.Images {
				if len(im.Variants) == 0 {
					missing++
				}
			}
		}
		if missing == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d images still without copies", missing)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// A shop moves to another port or domain between two runs on the same data
// directory: every image keeps loading, including one stored by an older
// version as an absolute URL without copies, which is migrated at start and
// gets its copies in the background.
func TestImagesSurviveANewPublicBaseURL(t *testing.T) {
	dataDir := t.TempDir()
	first := newLateServer(t)
	a := start(t, dataDir, first)
	waitForCopies(t, first.URL)
	if n := checkAllImages(t, first.URL); n < 30 {
		t.Fatalf("the demo catalog served %d images and copies", n)
	}

	// Plant what an older version left: an absolute URL on the old address,
	// no size, no copies, in a product and in an order line; and no mark of
	// the migration.
	ctx := context.Background()
	ps := products(t, first.URL)
	pid := ps[0].ID
	var buf bytes.Buffer
	legacy := image.NewNRGBA(image.Rect(0, 0, 1500, 900))
	for x := range 1500 {
		legacy.Set(x, x%900, color.NRGBA{R: 200, A: 255})
	}
	if err := png.Encode(&buf, legacy); err != nil {
		t.Fatal(err)
	}
	key := "products/" + pid + "/legacy.png"
	if err := os.WriteFile(filepath.Join(dataDir, "media", key), buf.Bytes(), 0o640); err != nil {
		t.Fatal(err)
	}
	oid, _ := bson.ObjectIDFromHex(pid)
	oldURL := first.URL + "/media/" + key
	db := a.Store.DB
	if _, err := db.Collection("products").UpdateOne(ctx, bson.D{{"_id", oid}},
		bson.D{{"$push", bson.D{{"images", bson.D{{"id", "legacy"}, {"url", oldURL}, {"key", key}}}}}}); err != nil {
		t.Fatal(err)
	}
	orderID := bson.NewObjectID()
	if _, err := db.Collection("orders").InsertOne(ctx, bson.D{{"_id", orderID},
		{"lines", bson.A{bson.D{{"productId", pid}, {"image", oldURL}}, bson.D{{"productId", pid}, {"image", "https://res.cloudinary.com/demo/image/upload/x.png"}}}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Collection("meta").DeleteOne(ctx, bson.D{{"_id", mediaRefsMigration}}); err != nil {
		t.Fatal(err)
	}
	a.Close(ctx)
	first.Close()

	second := newLateServer(t)
	b := start(t, dataDir, second)
	defer b.Close(ctx)
	if second.URL == first.URL {
		t.Fatal("the second run must listen elsewhere")
	}
	deadline := time.Now().Add(time.Minute)
	for {
		var legacyImage *apiImage
		for _, p := range products(t, second.URL) {
			for i, im := range p.Images {
				if im.ID == "legacy" {
					legacyImage = &p.Images[i]
				}
			}
		}
		if legacyImage != nil && len(legacyImage.Variants) == 3 {
			if legacyImage.Width != 1500 || legacyImage.Height != 900 || legacyImage.Variants[2].Width != 1280 {
				t.Fatalf("legacy image after backfill: %+v", legacyImage)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the legacy image got no copies: %+v", legacyImage)
		}
		time.Sleep(100 * time.Millisecond)
	}
	checkAllImages(t, second.URL)

	// Stored as references now, and migrating again changes nothing.
	var order struct {
		Lines []struct{ Image string } `bson:"lines"`
	}
	if err := b.Store.DB.Collection("orders").FindOne(ctx, bson.D{{"_id", orderID}}).Decode(&order); err != nil {
		t.Fatal(err)
	}
	if order.Lines[0].Image != "/media/"+key || order.Lines[1].Image != "https://res.cloudinary.com/demo/image/upload/x.png" {
		t.Fatalf("order lines after migration: %+v", order.Lines)
	}
	var prod struct {
		Rev    int64 `bson:"rev"`
		Images []struct {
			ID, URL string
		} `bson:"images"`
	}
	read := func() {
		if err := b.Store.DB.Collection("products").FindOne(ctx, bson.D{{"_id", oid}}).Decode(&prod); err != nil {
			t.Fatal(err)
		}
	}
	read()
	for _, im := range prod.Images {
		if !strings.HasPrefix(im.URL, "/media/") {
			t.Errorf("stored image URL %s is not a reference", im.URL)
		}
	}
	rev := prod.Rev
	if _, err := b.Store.DB.Collection("meta").DeleteOne(ctx, bson.D{{"_id", mediaRefsMigration}}); err != nil {
		t.Fatal(err)
	}
	if err := migrateMediaRefs(ctx, b.Store, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
		t.Fatal(err)
	}
	if read(); prod.Rev != rev {
		t.Fatalf("a second migration rewrote the product (rev %d → %d)", rev, prod.Rev)
	}
}
