package httpapi_test

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
)

// builtApp writes the shape of a Vite build: index.html and a hashed asset.
func builtApp(t *testing.T, title string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "assets"), 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"index.html":            "<!doctype html><title>" + title + "</title><script type=module src=/assets/app-1a2b.js></script>",
		"assets/app-1a2b.js":    "console.log('" + title + "')",
		"favicon.svg":           "<svg xmlns='http://www.w3.org/2000/svg'/>",
		"assets/nested/x.css":   "body{}",
		"../outside-secret.txt": "",
	}
	for name, body := range files {
		if strings.HasPrefix(name, "..") {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func TestServerServesTheBuiltAppsWithFallbackAndCaching(t *testing.T) {
	web, admin := builtApp(t, "tienda"), builtApp(t, "admin")
	env := apitest.New(t, apitest.WithEnv("WEB_DIR", web), apitest.WithEnv("ADMIN_DIR", admin), apitest.WithEnv("MOBILE_DIR", "off"))

	tests := []struct {
		name, path   string
		status       int
		contains     string
		cacheControl string
		contentType  string
	}{
		{"storefront home", "/", 200, "<title>tienda", "no-cache", "text/html"},
		{"storefront deep link falls back to index", "/catalogo?q=queso&page=2", 200, "<title>tienda", "no-cache", "text/html"},
		{"nested app route falls back too", "/perfil/pedidos/abc", 200, "<title>tienda", "no-cache", "text/html"},
		{"hashed asset is immutable", "/assets/app-1a2b.js", 200, "console.log('tienda')", "public, max-age=31536000, immutable", "javascript"},
		{"plain file is cached briefly", "/favicon.svg", 200, "<svg", "public, max-age=3600", "image/svg+xml"},
		{"missing hashed asset is a 404, not HTML", "/assets/app-gone.js", 404, "not_found", "", "application/problem+json"},
		{"admin home", "/admin/", 200, "<title>admin", "no-cache", "text/html"},
		{"admin deep link", "/admin/pedidos?status=paid", 200, "<title>admin", "no-cache", "text/html"},
		{"admin asset", "/admin/assets/app-1a2b.js", 200, "console.log('admin')", "public, max-age=31536000, immutable", "javascript"},
		{"unknown API route stays a problem", "/api/nothing-here", 404, "not_found", "", "application/problem+json"},
		{"traversal stays inside the app", "/../outside-secret.txt", 200, "<title>tienda", "no-cache", "text/html"},
		{"mobile app switched off falls to the storefront router", "/app/", 200, "<title>tienda", "no-cache", "text/html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := get(t, env.URL+tt.path)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d; body %.200s", res.StatusCode, tt.status, body)
			}
			if !strings.Contains(body, tt.contains) {
				t.Errorf("body %.200q does not contain %q", body, tt.contains)
			}
			if tt.cacheControl != "" && res.Header.Get("Cache-Control") != tt.cacheControl {
				t.Errorf("Cache-Control %q, want %q", res.Header.Get("Cache-Control"), tt.cacheControl)
			}
			if !strings.Contains(res.Header.Get("Content-Type"), tt.contentType) {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), tt.contentType)
			}
			if tt.status == 200 && strings.Contains(tt.contentType, "html") {
				if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
					t.Errorf("app documents need a CSP that lets their own scripts run, got %q", csp)
				}
			}
		})
	}

	t.Run("admin without the slash redirects", func(t *testing.T) {
		res, _ := get(t, env.URL+"/admin")
		if res.StatusCode != http.StatusMovedPermanently || res.Header.Get("Location") != "/admin/" {
			t.Fatalf("got %d to %q, want 301 to /admin/", res.StatusCode, res.Header.Get("Location"))
		}
	})
	t.Run("writes to an app path are refused", func(t *testing.T) {
		res, err := http.Post(env.URL+"/catalogo", "text/plain", strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusMethodNotAllowed {
			t.Fatalf("POST /catalogo: %d, want 405", res.StatusCode)
		}
	})
	t.Run("a rebuild is picked up without a restart", func(t *testing.T) {
		if err := os.WriteFile(filepath.Join(web, "index.html"), []byte("<title>tienda v2</title>"), 0o644); err != nil {
			t.Fatal(err)
		}
		_, body := get(t, env.URL+"/")
		if !strings.Contains(body, "tienda v2") {
			t.Fatalf("index not reloaded: %q", body)
		}
	})
}

func TestAppsSwitchedOffLeaveOnlyTheAPI(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("WEB_DIR", "off"), apitest.WithEnv("ADMIN_DIR", "off"))
	for _, p := range []string{"/", "/catalogo", "/admin/"} {
		res, body := get(t, env.URL+p)
		if res.StatusCode != http.StatusNotFound || !strings.Contains(body, "not_found") {
			t.Errorf("%s: %d %.100s, want a 404 problem", p, res.StatusCode, body)
		}
	}
}
