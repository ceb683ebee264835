// Package apidocs renders the human API reference page from the OpenAPI contract.
//
// The page is one self-contained HTML document (inline CSS and a few lines of inline JavaScript, no
// external URL), rendered once when the handler is built and then served from memory:
//
//	spec := api.Spec() // the embedded openapi.yaml bytes
//	docs, err := apidocs.Handler(spec)
//	if err != nil { return err }
//	r.Method(http.MethodGet, "/api/docs", docs)
//	r.Method(http.MethodHead, "/api/docs", docs)
//
// The page links to /api/openapi.yaml for the raw contract.
package apidocs

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// SpecPath is where the page links to the raw contract.
const SpecPath = "/api/openapi.yaml"

// Handler parses spec (OpenAPI 3.0 YAML or JSON) once, renders the reference page and returns a handler
// that serves it to GET and HEAD requests. It fails only when the spec cannot be parsed or its references
// cannot be resolved; it does not validate the spec.
func Handler(spec []byte) (http.Handler, error) {
	page, err := Render(spec)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(page)
	return &handler{
		page: page,
		etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`,
		csp:  ContentSecurityPolicy(),
	}, nil
}

// Render parses spec and returns the HTML page. Handler uses it; it is exported for tools and tests
// that want the page as a file.
func Render(spec []byte) ([]byte, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true // to list operations and properties in the order the spec gives them
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("apidocs: load spec: %w", err)
	}
	view := buildPage(doc)
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, view); err != nil {
		return nil, fmt.Errorf("apidocs: render: %w", err)
	}
	return buf.Bytes(), nil
}

type handler struct {
	page []byte
	etag string
	csp  string
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "text/html; charset=utf-8")
	hdr.Set("Cache-Control", "no-cache")
	hdr.Set("ETag", h.etag)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Security-Policy", h.csp)
	hdr.Set("Referrer-Policy", "no-referrer")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(h.page))
}

// ContentSecurityPolicy is the Content-Security-Policy the page is meant to be served with (Handler sets it):
// it allows exactly the page's own inline style and script, and nothing from anywhere else. Code that serves
// the bytes of Render itself can set it too.
func ContentSecurityPolicy() string {
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	return "default-src 'none'; style-src " + hash(pageCSS) + "; script-src " + hash(pageJS) +
		"; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
}

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"text":     textHTML,
	"pathHTML": pathHTML,
	"css":      func() template.CSS { return template.CSS(pageCSS) },
	"js":       func() template.JS { return template.JS(pageJS) },
}).Parse(pageHTML))
