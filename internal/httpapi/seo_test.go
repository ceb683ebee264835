package httpapi_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/sdk"
)

// storefrontIndex is the head a Vite build of the storefront has.
const storefrontIndex = `<!doctype html><html lang="es-CO"><head><meta charset="UTF-8" />` +
	`<title>Don Palito Jr — Palitos de queso</title>` +
	`<meta name="description" content="Panadería de Sabaneta." />` +
	`</head><body><div id="root"></div><script type="module" src="/assets/app-1a2b.js"></script></body></html>`

// metaContent returns the content of <meta property|name="key">, unescaped
// the way a link-preview crawler reads it.
func metaContent(t *testing.T, page, key string) string {
	t.Helper()
	m := regexp.MustCompile(`<meta (?:property|name)="` + regexp.QuoteMeta(key) + `" content="([^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return htmlUnescape(m[1])
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&amp;", "&").Replace(s)
}

// A shared product link previews without JavaScript: the server's HTML for
// /producto/{id} has the product's title, description, canonical URL, Open
// Graph tags and a schema.org Product; a product that does not exist (or is
// no longer for sale) answers 404; the sitemap lists exactly the products on
// sale and robots.txt points to it.
func TestProductPagesSitemapAndRobotsServeCrawlers(t *testing.T) {
	web := t.TempDir()
	if err := os.WriteFile(filepath.Join(web, "index.html"), []byte(storefrontIndex), 0o644); err != nil {
		t.Fatal(err)
	}
	env := apitest.New(t, apitest.WithEnv("WEB_DIR", web), apitest.WithEnv("ADMIN_DIR", "off"), apitest.WithEnv("MOBILE_DIR", "off"),
		apitest.WithEnv("PUBLIC_BASE_URL", "https://tienda.donpalito.test"))
	adminTok := env.Token("admin@donpalito.test", auth.RoleAdmin)
	admin := env.Client(adminTok)

	name := `Pan de bono "grande" <recién> & tibio`
	created, err := admin.CreateProductWithResponse(ctx, nil, sdk.ProductCreate{
		Name: name, Description: "Horneado en Sabaneta cada mañana con queso costeño. </script><script>alert(1)</script>",
		Price: 1250000, Stock: 3, Category: "Panadería",
	})
	if err != nil || created.JSON201 == nil {
		t.Fatalf("create: %v %s", err, created.Body)
	}
	id := created.JSON201.Id
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, _ := mw.CreateFormFile("image", "pan.png")
	fw.Write(tinyPNG(t))
	mw.Close()
	if res, body := env.Do(http.MethodPost, "/api/admin/products/"+id+"/images", adminTok, mw.FormDataContentType(), &b); res.StatusCode != 201 {
		t.Fatalf("upload: %d %s", res.StatusCode, body)
	}
	hidden, _ := admin.CreateProductWithResponse(ctx, nil, sdk.ProductCreate{
		Name: "Receta secreta", Description: "Todavía no a la venta.", Price: 100000, Stock: 1, Category: "Panadería",
	})
	off := false
	if res, _ := admin.UpdateProductWithResponse(ctx, hidden.JSON201.Id, sdk.ProductUpdate{IsActive: &off}); res.StatusCode() != 200 {
		t.Fatalf("deactivate: %d %s", res.StatusCode(), res.Body)
	}

	t.Run("product page carries its preview", func(t *testing.T) {
		res, page := get(t, env.URL+"/producto/"+id)
		if res.StatusCode != 200 || !strings.Contains(res.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("status %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		if !strings.Contains(page, "<title>"+strings.NewReplacer(`"`, "&#34;", "<", "&lt;", ">", "&gt;", "&", "&amp;").Replace(name)+" — Don Palito Jr</title>") {
			t.Errorf("title not filled: %s", page)
		}
		if strings.Count(page, "<title>") != 1 || strings.Count(page, `name="description"`) != 1 {
			t.Errorf("title and description must be replaced, not repeated: %s", page)
		}
		if !strings.Contains(page, `<link rel="canonical" href="https://tienda.donpalito.test/producto/`+id+`" />`) {
			t.Errorf("no canonical link: %s", page)
		}
		for key, want := range map[string]string{
			"og:type": "product", "og:title": name, "og:url": "https://tienda.donpalito.test/producto/" + id,
			"product:price:amount": "12500.00", "product:price:currency": "COP", "twitter:card": "summary_large_image",
		} {
			if got := metaContent(t, page, key); got != want {
				t.Errorf("%s = %q, want %q", key, got, want)
			}
		}
		if img := metaContent(t, page, "og:image"); !strings.HasPrefix(img, "https://tienda.donpalito.test/media/") {
			t.Errorf("og:image %q is not an absolute URL of the shop's media", img)
		}
		if strings.Contains(page, "<script>alert(1)") {
			t.Fatal("product text closed a script element")
		}
		m := regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(page)
		if m == nil {
			t.Fatalf("no JSON-LD block: %s", page)
		}
		var ld struct {
			Type   string   `json:"@type"`
			Name   string   `json:"name"`
			Image  []string `json:"image"`
			Offers struct {
				Price, PriceCurrency, Availability string
			} `json:"offers"`
		}
		if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
			t.Fatalf("JSON-LD: %v: %s", err, m[1])
		}
		if ld.Type != "Product" || ld.Name != name || len(ld.Image) != 1 || ld.Offers.Price != "12500.00" ||
			ld.Offers.PriceCurrency != "COP" || ld.Offers.Availability != "https://schema.org/InStock" {
			t.Errorf("JSON-LD %+v", ld)
		}
		if !strings.Contains(page, `src="/assets/app-1a2b.js"`) {
			t.Error("the app's script must stay in the page")
		}
	})

	for _, tc := range []struct{ name, path string }{
		{"unknown product", "/producto/665f1c2e8b3a4d0012345678"},
		{"malformed id", "/producto/no-existe"},
		{"product not for sale", "/producto/" + hidden.JSON201.Id},
	} {
		t.Run(tc.name+" is a 404 the app still renders", func(t *testing.T) {
			res, page := get(t, env.URL+tc.path)
			if res.StatusCode != http.StatusNotFound || !strings.Contains(page, `<div id="root">`) {
				t.Fatalf("status %d: %.300s", res.StatusCode, page)
			}
			if !strings.Contains(page, `<meta name="robots" content="noindex" />`) || strings.Contains(page, "og:title") {
				t.Errorf("a missing product must not be indexed or previewed: %s", page)
			}
		})
	}

	t.Run("other pages are the app as built", func(t *testing.T) {
		res, page := get(t, env.URL+"/catalogo?q=pan")
		if res.StatusCode != 200 || page != storefrontIndex {
			t.Fatalf("status %d: %s", res.StatusCode, page)
		}
	})

	t.Run("sitemap lists the pages and the products on sale", func(t *testing.T) {
		res, body := get(t, env.URL+"/sitemap.xml")
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/xml") {
			t.Fatalf("status %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		var set struct {
			URLs []struct {
				Loc string `xml:"loc"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal([]byte(body), &set); err != nil {
			t.Fatalf("sitemap: %v", err)
		}
		locs := map[string]bool{}
		for _, u := range set.URLs {
			locs[u.Loc] = true
		}
		if !locs["https://tienda.donpalito.test/"] || !locs["https://tienda.donpalito.test/catalogo"] ||
			!locs["https://tienda.donpalito.test/producto/"+id] || locs["https://tienda.donpalito.test/producto/"+hidden.JSON201.Id] {
			t.Errorf("sitemap URLs: %v", locs)
		}
		products, _ := env.Client("").ListProductsWithResponse(ctx, &sdk.ListProductsParams{})
		if got, want := len(set.URLs)-7, products.JSON200.Total; got != want {
			t.Errorf("sitemap has %d products, the catalog %d", got, want)
		}
	})

	t.Run("robots.txt points to the sitemap and keeps crawlers out of private pages", func(t *testing.T) {
		res, body := get(t, env.URL+"/robots.txt")
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
			t.Fatalf("status %d %s", res.StatusCode, res.Header.Get("Content-Type"))
		}
		for _, want := range []string{"User-agent: *", "Disallow: /api/", "Disallow: /admin/", "Disallow: /perfil", "Sitemap: https://tienda.donpalito.test/sitemap.xml"} {
			if !strings.Contains(body, want) {
				t.Errorf("robots.txt lacks %q:\n%s", want, body)
			}
		}
	})
}

// Without the storefront there is nothing to map: the paths stay 404 problems.
func TestSitemapAndRobotsNeedTheStorefront(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("WEB_DIR", "off"), apitest.WithEnv("ADMIN_DIR", "off"))
	for _, p := range []string{"/sitemap.xml", "/robots.txt", "/producto/665f1c2e8b3a4d0012345678"} {
		res, body := get(t, env.URL+p)
		if res.StatusCode != 404 || !strings.Contains(res.Header.Get("Content-Type"), "problem+json") {
			t.Errorf("%s: %d %s", p, res.StatusCode, body)
		}
	}
}
