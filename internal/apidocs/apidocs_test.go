package apidocs

import (
	"errors"
	"html"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

func loadFixture(t *testing.T) []byte {
	t.Helper()
	spec, err := os.ReadFile("testdata/fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return spec
}

// get serves one request through the handler built from spec and returns the response and its body.
func get(t *testing.T, spec []byte, method string) (*http.Response, string) {
	t.Helper()
	h, err := Handler(spec)
	if err != nil {
		t.Fatalf("Handler: %v", err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	req, err := http.NewRequest(method, srv.URL+"/api/docs", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func TestServesHTML(t *testing.T) {
	resp, body := get(t, loadFixture(t), http.MethodGet)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") ||
		!strings.Contains(csp, "script-src 'sha256-") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	if resp.Header.Get("ETag") == "" {
		t.Error("no ETag")
	}
	if !strings.HasPrefix(body, "<!doctype html>") || !strings.Contains(body, "</html>") {
		t.Errorf("not a whole HTML document: %.80q", body)
	}
}

func TestHeadAndMethodNotAllowed(t *testing.T) {
	resp, body := get(t, loadFixture(t), http.MethodHead)
	if resp.StatusCode != http.StatusOK || body != "" {
		t.Errorf("HEAD: status %d, body %d bytes", resp.StatusCode, len(body))
	}
	resp, _ = get(t, loadFixture(t), http.MethodPost)
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: status %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestConditionalGet(t *testing.T) {
	h, err := Handler(loadFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/docs", nil))
	etag := rec.Header().Get("ETag")
	req := httptest.NewRequest(http.MethodGet, "/api/docs", nil)
	req.Header.Set("If-None-Match", etag)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match with the ETag: status %d, want 304", rec.Code)
	}
}

func TestBadSpec(t *testing.T) {
	if _, err := Handler([]byte("openapi: [unclosed")); err == nil {
		t.Error("Handler accepted a broken spec")
	}
	if _, err := Handler([]byte("openapi: 3.0.3\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/Missing'\n")); err == nil {
		t.Error("Handler accepted a spec with a dangling $ref")
	}
}

func TestContent(t *testing.T) {
	_, body := get(t, loadFixture(t), http.MethodGet)
	mustContain := []string{
		// info
		"<title>Fixture Shop API 1.2.3 · API reference</title>",
		"v1.2.3",
		"A tiny spec used by the apidocs tests.<br>",
		// link to the raw contract
		`href="/api/openapi.yaml"`,
		// security schemes
		"<code>bearerAuth</code>", "HTTP bearer token in the Authorization header (JWT)",
		"<code>apiKey</code>", "API key in header X-API-Key",
		"<code>Authorization: Bearer</code>", // backticks become code
		// an anchor and a TOC entry per operation
		`id="op-getHealth"`, `href="#op-getHealth"`,
		`id="op-listProducts"`, `href="#op-listProducts"`,
		`id="op-createProduct"`, `href="#op-createProduct"`,
		`id="op-deleteProduct"`, `href="#op-deleteProduct"`,
		`id="op-getCart"`, `href="#op-getCart"`,
		// groups by tag, untagged last, empty tag dropped
		`id="tag-system"`, `id="tag-products"`, `id="tag-Other-operations"`,
		// method badges
		`<span class="m m-get">GET</span>`, `<span class="m m-post">POST</span>`, `<span class="m m-delete">DELETE</span>`,
		// auth badges from x-auth
		`<span class="auth auth-public" title="Access level">public</span>`,
		`<span class="auth auth-admin" title="Access level">admin</span>`,
		`<span class="auth auth-user" title="Access level">user</span>`,
		// parameters: from components, with enum, min/max, default; path-level parameter; header parameter
		`<code class="name">page</code>`,
		`<code class="name">limit</code>`, "≥ 1", "≤ 100", "default: 20",
		`one of: &#34;newest&#34;, &#34;price_asc&#34;, &#34;price_desc&#34;`,
		`<code class="name">id</code> <span class="req">required</span>`, "pattern: ^[0-9a-f]{24}$",
		`<code class="name">Idempotency-Key</code>`, "length ≤ 64",
		// path parameters highlighted
		`/api/products/<span class="pp">{id}</span>`,
		// request body as a nested property table following $refs
		"schema <strong>ProductInput</strong>",
		`<code class="name">price</code>`, `<code class="type">Money</code>`,
		`<tr class="d1">`, `<code class="name">amount</code>`, `<code class="type">integer (int64)</code>`,
		"length 1–120", "items ≤ 5", `<code class="type">string[]</code>`, "nullable",
		// recursion is cut, not followed forever
		"recursive: same structure as Category above",
		// responses with status, content type, schema name
		`<span class="status s-2xx">200</span>`, `<span class="status s-4xx">400</span>`,
		`<span class="status s-default">default</span>`,
		"<code>application/problem&#43;json</code> → <strong>Problem</strong>",
		"<code>application/json</code> → <strong>ProductPage</strong>",
		"<code>application/json</code> → <strong>Product</strong>",
		// response schema expanded through allOf and arrays
		`<code class="name">items</code>`, `<code class="type">Product[]</code>`, `<code class="name">id</code>`, "read-only",
		// examples, pretty-printed JSON
		"Example <code>one</code> — One product",
		"&#34;amount&#34;: 250000,",
		"{\n  &#34;status&#34;: &#34;ok&#34;\n}",
		"{\n  &#34;name&#34;: &#34;Palito de queso&#34;,",
		// a scalar's example next to its description
		"e.g. <code>&#34;COP&#34;</code>",
		// deprecated operation
		`<span class="tag-deprecated">deprecated</span>`,
		// the error document explained once
		`id="errors"`, `<code class="name">code</code>`,
	}
	for _, s := range mustContain {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks %q", s)
		}
	}
	// Tag order is the spec's.
	if i, j := strings.Index(body, `id="tag-system"`), strings.Index(body, `id="tag-products"`); i < 0 || j < i {
		t.Error("tags not in spec order")
	}
	if i, j := strings.Index(body, `id="tag-products"`), strings.Index(body, `id="tag-Other-operations"`); j < i {
		t.Error("untagged operations not last")
	}
	// Operations inside a tag in spec order.
	if i, j := strings.Index(body, `id="op-listProducts"`), strings.Index(body, `id="op-deleteProduct"`); j < i {
		t.Error("operations not in spec order")
	}
	if strings.Contains(body, `id="tag-empty"`) {
		t.Error("a tag without operations got a section")
	}
}

func TestEscapesSpecText(t *testing.T) {
	_, body := get(t, loadFixture(t), http.MethodGet)
	if strings.Contains(body, `<script>alert`) || strings.Contains(body, "<b>search</b>") {
		t.Error("HTML from the spec reached the page unescaped")
	}
	for _, s := range []string{`&lt;script&gt;alert(&#34;desc&#34;)&lt;/script&gt;`, "&lt;b&gt;search&lt;/b&gt;"} {
		if !strings.Contains(body, s) {
			t.Errorf("page lacks escaped %q", s)
		}
	}
	// The only script element is ours.
	if n := strings.Count(strings.ToLower(body), "<script"); n != 1 {
		t.Errorf("%d <script elements, want 1", n)
	}
}

var urlPattern = regexp.MustCompile(`(?i)(?:https?:)?//[a-z0-9][^\s"'<>)\]]*`)

// pageURLs lists the absolute and protocol-relative URLs in a page, entities decoded.
func pageURLs(body string) []string {
	return urlPattern.FindAllString(html.UnescapeString(body), -1)
}

func TestNoExternalURLs(t *testing.T) {
	spec := loadFixture(t)
	_, body := get(t, spec, http.MethodGet)
	for _, u := range pageURLs(body) {
		if strings.HasPrefix(u, "//") {
			t.Errorf("protocol-relative URL %q in page", u)
			continue
		}
		if !strings.Contains(string(spec), u) {
			t.Errorf("URL %q in the page does not come from the spec", u)
		}
	}
	for _, attr := range []string{`src="`, `srcset="`, "@import", "url("} {
		if strings.Contains(body, attr) {
			t.Errorf("page loads something (%s)", attr)
		}
	}
}

// The real contract: every operation has its anchor and TOC entry.
func TestRealSpec(t *testing.T) {
	spec, err := os.ReadFile("../../openapi.yaml")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("../../openapi.yaml does not exist yet")
	}
	if err != nil {
		t.Fatal(err)
	}
	page, err := Render(spec)
	if err != nil {
		t.Fatalf("Render(openapi.yaml): %v", err)
	}
	body := string(page)

	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			n++
			if op.OperationID == "" {
				t.Errorf("%s %s has no operationId", method, path)
				continue
			}
			anchor := "op-" + slug(op.OperationID)
			for _, s := range []string{`id="` + anchor + `"`, `href="#` + anchor + `"`} {
				if !strings.Contains(body, s) {
					t.Errorf("%s %s (%s): page lacks %s", method, path, op.OperationID, s)
				}
			}
		}
	}
	if n == 0 {
		t.Error("openapi.yaml has no operations")
	}
	if got := strings.Count(body, `<details class="op"`); got != n {
		t.Errorf("page shows %d operations, spec has %d", got, n)
	}
	for _, u := range pageURLs(body) {
		if strings.HasPrefix(u, "//") || !strings.Contains(string(spec), u) {
			t.Errorf("URL %q in the page does not come from the spec", u)
		}
	}
}

func TestTextHTML(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"one", "<p>one</p>\n"},
		{"a\nb", "<p>a<br>\nb</p>\n"},
		{"a\n\n  \nb", "<p>a</p>\n<p>b</p>\n"},
		{"crlf\r\nline", "<p>crlf<br>\nline</p>\n"},
		{"use `x < y` & <i>", "<p>use <code>x &lt; y</code> &amp; &lt;i&gt;</p>\n"},
		{"unclosed `tick & <b>", "<p>unclosed `tick &amp; &lt;b&gt;</p>\n"},
		{"`<script>alert(1)</script>`", "<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>\n"},
		{"a **bold <x>** and `**not bold**`", "<p>a <strong>bold &lt;x&gt;</strong> and <code>**not bold**</code></p>\n"},
		{"## Money\nAmounts are integers.", "<h3 class=\"md\">Money</h3>\n<p>Amounts are integers.</p>\n"},
		{"### Deep <h>", "<h4 class=\"md\">Deep &lt;h&gt;</h4>\n"},
		{"Intro:\n- one\n  continued\n- `two`\nafter", "<p>Intro:</p>\n<ul>\n<li>one continued</li>\n<li><code>two</code></li>\n</ul>\n<p>after</p>\n"},
		{"1. first\n2. second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n"},
		{"#hashtag is text", "<p>#hashtag is text</p>\n"},
		{"Codes:\n| code | status |\n|---|---|\n| `a` | 400 |\n| <b> | 409 |\nend", "<p>Codes:</p>\n<table class=\"grid md\">\n<thead><tr><th>code</th><th>status</th></tr></thead>\n<tbody>\n<tr><td><code>a</code></td><td>400</td></tr>\n<tr><td>&lt;b&gt;</td><td>409</td></tr>\n</tbody>\n</table>\n<p>end</p>\n"},
	}
	for _, c := range cases {
		if got := string(textHTML(c.in)); got != c.want {
			t.Errorf("textHTML(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

func TestExampleKeyOrder(t *testing.T) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	doc, err := loader.LoadFromData(loadFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	page := doc.Components.Schemas["ProductPage"].Value
	example := map[string]any{
		"total": 1, "page": 1, "limit": 20, "zeta": true,
		"items": []any{map[string]any{"id": "x", "stock": 3, "name": "Palito", "price": map[string]any{"currency": "COP", "amount": 250000}}},
	}
	want := `{
  "items": [
    {
      "name": "Palito",
      "price": {
        "amount": 250000,
        "currency": "COP"
      },
      "stock": 3,
      "id": "x"
    }
  ],
  "total": 1,
  "page": 1,
  "limit": 20,
  "zeta": true
}`
	if got := exampleText(example, page, true); got != want {
		t.Errorf("exampleText:\n%s\nwant\n%s", got, want)
	}
	if got := exampleText(map[string]any{"b": "<&>", "a": []any{}}, nil, true); got != "{\n  \"a\": [],\n  \"b\": \"<&>\"\n}" {
		t.Errorf("exampleText without schema: %q", got)
	}
	if got := exampleText("openapi: 3.0.3\n", nil, false); got != "openapi: 3.0.3" {
		t.Errorf("text example: %q", got)
	}
}

func BenchmarkRenderRealSpec(b *testing.B) {
	spec, err := os.ReadFile("../../openapi.yaml")
	if err != nil {
		b.Skip("no ../../openapi.yaml")
	}
	for b.Loop() {
		if _, err := Render(spec); err != nil {
			b.Fatal(err)
		}
	}
}
