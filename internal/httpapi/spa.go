package httpapi

import (
	"bytes"
	"log/slog"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"
)

// webApp serves one built single-page app (the storefront, the admin, the
// mobile web export) from a directory under a URL prefix. A path that names a
// file serves the file; any other path answers the app's index.html with 200
// so the app's router can take it (its own not-found page included).
type webApp struct {
	name   string
	prefix string // "/" or "/admin/"
	dir    string
	csp    string
	// render may rewrite index.html for a request (link previews of the
	// storefront's product pages); nil serves it as built.
	render func(r *http.Request, index []byte) (int, []byte)

	mu       sync.Mutex
	index    []byte
	modified time.Time
}

// newWebApp returns nil when dir is empty (the app is switched off) or has no
// index.html yet (not built), logging why.
func newWebApp(log *slog.Logger, name, prefix, dir, csp string) *webApp {
	if dir == "" {
		return nil
	}
	if _, err := os.Stat(path.Join(dir, "index.html")); err != nil {
		log.Info("web app not served: no index.html (build it with make run or npm run build)", "app", name, "dir", dir)
		return nil
	}
	return &webApp{name: name, prefix: prefix, dir: dir, csp: csp}
}

// owns reports whether a request path belongs to this app.
func (a *webApp) owns(p string) bool {
	if a == nil {
		return false
	}
	if a.prefix == "/" {
		return true
	}
	return p == strings.TrimSuffix(a.prefix, "/") || strings.HasPrefix(p, a.prefix)
}

func (a *webApp) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		writeProblem(w, r, newProblem(http.StatusMethodNotAllowed, "method_not_allowed", "El método "+r.Method+" no está permitido en "+r.URL.Path+"."))
		return
	}
	if r.URL.Path == strings.TrimSuffix(a.prefix, "/") {
		http.Redirect(w, r, a.prefix, http.StatusMovedPermanently)
		return
	}
	w.Header().Set("Content-Security-Policy", a.csp)
	rel := strings.TrimPrefix(path.Clean("/"+strings.TrimPrefix(r.URL.Path, a.prefix)), "/")
	if rel != "" && rel != "index.html" && a.serveFile(w, r, rel) {
		return
	}
	if isAssetPath(rel) || path.Ext(rel) == ".map" {
		// A missing hashed asset is a real 404: answering HTML would make the
		// browser fail on a MIME type instead.
		writeProblem(w, r, newProblem(http.StatusNotFound, "not_found", "No existe el archivo "+r.URL.Path+"."))
		return
	}
	index, err := a.loadIndex()
	if err != nil {
		writeProblem(w, r, newProblem(http.StatusServiceUnavailable, "app_unavailable", "La aplicación "+a.name+" no está construida en este servidor."))
		return
	}
	status := http.StatusOK
	if a.render != nil {
		status, index = a.render(r, index)
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(status)
	if r.Method == http.MethodGet {
		_, _ = w.Write(index)
	}
}

// serveFile serves rel from the app's directory; false means there is no such
// regular file. os.Root keeps every path inside the directory.
func (a *webApp) serveFile(w http.ResponseWriter, r *http.Request, rel string) bool {
	root, err := os.OpenRoot(a.dir)
	if err != nil {
		return false
	}
	defer root.Close()
	f, err := root.Open(rel)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		return false
	}
	if isAssetPath(rel) {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=3600")
	}
	http.ServeContent(w, r, st.Name(), st.ModTime(), f)
	return true
}

// loadIndex reads index.html again only when a rebuild changed it.
func (a *webApp) loadIndex() ([]byte, error) {
	p := path.Join(a.dir, "index.html")
	st, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.index == nil || !st.ModTime().Equal(a.modified) {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		a.index, a.modified = b, st.ModTime()
	}
	return bytes.Clone(a.index), nil
}

// isAssetPath: the bundlers put content-hashed files here (Vite's assets/,
// Expo's _expo/static/), so they can be cached for good.
func isAssetPath(rel string) bool {
	return strings.HasPrefix(rel, "assets/") || strings.HasPrefix(rel, "_expo/static/")
}

// appCSP is the policy of the web apps' documents: our own scripts, plus
// Stripe and Clerk, whose browser scripts the apps load only when configured.
func appCSP() string {
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self' https://js.stripe.com https://*.clerk.accounts.dev https://*.clerk.com https://challenges.cloudflare.com",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob: https://res.cloudinary.com https://img.clerk.com",
		"font-src 'self' data:",
		"connect-src 'self' https://api.stripe.com https://*.clerk.accounts.dev https://*.clerk.com",
		"frame-src 'self' https://js.stripe.com https://hooks.stripe.com https://challenges.cloudflare.com",
		"worker-src 'self' blob:",
		"frame-ancestors 'none'",
		"base-uri 'self'",
		"form-action 'self'",
	}, "; ")
}

// docsCSP is the API reference's policy: only this server, for its scripts,
// the contract it reads and the calls its console tries.
func docsCSP() string {
	return strings.Join([]string{
		"default-src 'self'",
		"script-src 'self'",
		"style-src 'self' 'unsafe-inline'",
		"img-src 'self' data: blob:",
		"font-src 'self' data:",
		"connect-src 'self'",
		"worker-src 'self' blob:",
		"frame-ancestors 'none'",
		"base-uri 'none'",
		"form-action 'self'",
	}, "; ")
}

// webApps routes the paths no API route took to the built apps.
type webApps struct {
	web, admin, mobile *webApp
}

func newWebApps(log *slog.Logger, webDir, adminDir, mobileDir string) webApps {
	csp := appCSP()
	return webApps{
		web:    newWebApp(log, "web", "/", webDir, csp),
		admin:  newWebApp(log, "admin", "/admin/", adminDir, csp),
		mobile: newWebApp(log, "mobile", "/app/", mobileDir, csp),
	}
}

// pick returns the app that serves p, or nil. The API's and media's paths are
// never an app's, so an unknown API route stays a problem+json 404.
func (s webApps) pick(p string) http.Handler {
	if p == "/api" || strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/media/") || p == "/metrics" {
		return nil
	}
	for _, a := range []*webApp{s.admin, s.mobile, s.web} {
		if a.owns(p) {
			return a
		}
	}
	return nil
}
