package media_test

import (
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/donpalito/donpalitojr/internal/media"
)

func encoded(t *testing.T, enc func(io.Writer, image.Image) error) []byte {
	var b bytes.Buffer
	if err := enc(&b, image.NewRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSniffImageTrustsOnlyTheBytes(t *testing.T) {
	webp := append([]byte("RIFF\x1a\x00\x00\x00WEBPVP8 "), make([]byte, 20)...)
	tests := []struct {
		name string
		data []byte
		ext  string
		err  error
	}{
		{"png", encoded(t, png.Encode), ".png", nil},
		{"jpeg", encoded(t, func(w io.Writer, m image.Image) error { return jpeg.Encode(w, m, nil) }), ".jpg", nil},
		{"webp", webp, ".webp", nil},
		{"text", []byte("hola, no soy una imagen"), "", media.ErrUnsupportedType},
		{"gif", []byte("GIF89a\x01\x00\x01\x00"), "", media.ErrUnsupportedType},
		{"svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), "", media.ErrUnsupportedType},
		{"too large", make([]byte, media.MaxImageBytes+1), "", media.ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, ext, err := media.SniffImage(tt.data)
			if !errors.Is(err, tt.err) || ext != tt.ext {
				t.Fatalf("got %q, %v; want %q, %v", ext, err, tt.ext, tt.err)
			}
		})
	}
}

func TestLocalStorageRefusesPathsOutsideItsDirectory(t *testing.T) {
	dir := t.TempDir()
	l := media.Local{Dir: dir}
	url, key, err := l.Save(context.Background(), "products/abc/1", []byte("x"), "image/png")
	if err != nil {
		t.Fatal(err)
	}
	if url != "/media/products/abc/1.png" || media.URL("https://tienda.donpalito.co/", url) != "https://tienda.donpalito.co/media/products/abc/1.png" {
		t.Fatalf("ref = %s", url)
	}
	if _, err := os.Stat(filepath.Join(dir, key)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := l.Save(context.Background(), "../../etc/evil", []byte("x"), "image/png"); err == nil {
		t.Fatal("a key escaping the media directory must be refused")
	}
	if err := l.Delete(context.Background(), key); err != nil {
		t.Fatal(err)
	}
	if err := l.Delete(context.Background(), key); err != nil {
		t.Fatalf("deleting a missing file: %v", err)
	}
}

// A local stand-in for Cloudinary's upload API checks what matters: the
// signature computed the documented way, and the file.
func TestCloudinarySignsUploadsAndDeletes(t *testing.T) {
	var calls []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls = append(calls, r.URL.Path)
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			_ = r.ParseForm()
		}
		params := map[string]string{}
		for k, v := range r.Form {
			if k != "signature" && k != "api_key" && k != "file" {
				params[k] = v[0]
			}
		}
		keys := make([]string, 0, len(params))
		for k := range params {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, k+"="+params[k])
		}
		sum := sha1.Sum([]byte(strings.Join(parts, "&") + "secreto"))
		if r.Form.Get("signature") != hex.EncodeToString(sum[:]) || r.Form.Get("api_key") != "clave" {
			w.WriteHeader(401)
			json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"message": "Invalid Signature"}})
			return
		}
		json.NewEncoder(w).Encode(map[string]string{
			"secure_url": "https://res.cloudinary.test/demo/" + params["public_id"] + ".png",
			"public_id":  params["public_id"], "result": "ok",
		})
	}))
	defer srv.Close()

	c, err := media.ParseCloudinaryURL("cloudinary://clave:secreto@demo")
	if err != nil {
		t.Fatal(err)
	}
	c.APIBase = srv.URL
	c.Now = func() time.Time { return time.Unix(1700000000, 0) }
	url, id, err := c.Save(context.Background(), "products/p1/i1", encoded(t, png.Encode), "image/png")
	if err != nil {
		t.Fatal(err)
	}
	if id != "donpalito/products/p1/i1" || !strings.HasSuffix(url, "donpalito/products/p1/i1.png") {
		t.Fatalf("url=%s id=%s", url, id)
	}
	if err := c.Delete(context.Background(), id); err != nil {
		t.Fatal(err)
	}
	if strings.Join(calls, ",") != "/v1_1/demo/image/upload,/v1_1/demo/image/destroy" {
		t.Fatalf("calls = %v", calls)
	}
	bad, _ := media.ParseCloudinaryURL("cloudinary://clave:otro@demo")
	bad.APIBase = srv.URL
	if _, _, err := bad.Save(context.Background(), "x", []byte("x"), "image/png"); err == nil {
		t.Fatal("a wrong secret must fail")
	}
	if _, err := media.ParseCloudinaryURL("https://example.com"); err == nil {
		t.Fatal("a non-cloudinary URL must be refused")
	}
}

func TestReferencesFollowThePublicBaseURL(t *testing.T) {
	for _, tt := range []struct{ stored, want string }{
		{"/media/products/a/1.png", "https://tienda.co/media/products/a/1.png"},
		{"http://localhost:8080/media/products/a/1.png", "https://tienda.co/media/products/a/1.png"},
		{"https://res.cloudinary.com/demo/image/upload/donpalito/x.png", "https://res.cloudinary.com/demo/image/upload/donpalito/x.png"},
	} {
		if got := media.URL("https://tienda.co", tt.stored); got != tt.want {
			t.Errorf("URL(%q) = %q, want %q", tt.stored, got, tt.want)
		}
	}
}

func TestVariantsAreNeverUpscaled(t *testing.T) {
	for _, tt := range []struct {
		width int
		want  []int
	}{{4000, []int{320, 640, 1280}}, {800, []int{320, 640, 800}}, {640, []int{320, 640}}, {200, []int{200}}} {
		if got := media.TargetWidths(tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("TargetWidths(%d) = %v, want %v", tt.width, got, tt.want)
		}
	}
	c := &media.Cloudinary{}
	u, format, ok := c.VariantURL("https://res.cloudinary.com/demo/image/upload/v1/donpalito/x.png", 640)
	if !ok || format != "webp" || u != "https://res.cloudinary.com/demo/image/upload/c_limit,w_640,f_webp,q_auto/v1/donpalito/x.png" {
		t.Fatalf("cloudinary variant = %q %q %v", u, format, ok)
	}
}
