package httpapi

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"net/http"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/donpalito/donpalitojr/internal/catalog"
)

// storefrontSEO gives the storefront what crawlers and link previews read
// without running JavaScript: a product page's title, description, canonical
// URL, Open Graph tags and schema.org JSON-LD filled into index.html; a 404
// status for a product that does not exist; /sitemap.xml and /robots.txt.
type storefrontSEO struct {
	catalog *catalog.Service
	// base is PUBLIC_BASE_URL without a trailing slash: canonical URLs and
	// previews must be absolute.
	base string
	log  *slog.Logger
}

// staticPages are the storefront's public pages listed in the sitemap besides
// the products. The account, cart and checkout pages are private.
var staticPages = []string{"/", "/catalogo", "/nosotros", "/contacto", "/preguntas-frecuentes", "/terminos", "/privacidad"}

var (
	titleTag       = regexp.MustCompile(`(?s)<title>.*?</title>`)
	descriptionTag = regexp.MustCompile(`(?s)<meta\s+name="description"[^>]*>`)
)

// render is the storefront's webApp.render hook.
func (s storefrontSEO) render(r *http.Request, index []byte) (int, []byte) {
	id, ok := strings.CutPrefix(r.URL.Path, "/producto/")
	if !ok {
		return http.StatusOK, index
	}
	id = strings.TrimSuffix(id, "/")
	p, err := s.catalog.Get(id)
	if err != nil {
		if !errors.Is(err, catalog.ErrNotFound) {
			s.log.Warn("product page preview", "id", id, "err", err)
		}
		// The app shows its own not-found page; crawlers get the status.
		return http.StatusNotFound, s.fill(index, "Producto no encontrado — Don Palito Jr", "Este producto ya no está en nuestra tienda.", "", "")
	}
	return http.StatusOK, s.fill(index, p.Name+" — Don Palito Jr", summary(p.Description, 160), s.base+"/producto/"+p.ID, s.productHead(p))
}

// fill replaces the document's title and description and adds the canonical
// link and extra tags at the end of <head>.
func (s storefrontSEO) fill(index []byte, title, description, canonical, extra string) []byte {
	index = titleTag.ReplaceAllLiteral(index, []byte("<title>"+html.EscapeString(title)+"</title>"))
	index = descriptionTag.ReplaceAllLiteral(index, []byte(`<meta name="description" content="`+html.EscapeString(description)+`" />`))
	var head strings.Builder
	if canonical != "" {
		fmt.Fprintf(&head, `<link rel="canonical" href="%s" />`, html.EscapeString(canonical))
	} else {
		head.WriteString(`<meta name="robots" content="noindex" />`)
	}
	head.WriteString(extra)
	head.WriteString("</head>")
	return bytes.Replace(index, []byte("</head>"), []byte(head.String()), 1)
}

// productHead is a product's Open Graph tags and JSON-LD block.
func (s storefrontSEO) productHead(p catalog.Product) string {
	url := s.base + "/producto/" + p.ID
	price := majorUnits(p.Price)
	var b strings.Builder
	meta := func(property, content string) {
		fmt.Fprintf(&b, `<meta property="%s" content="%s" />`, property, html.EscapeString(content))
	}
	meta("og:type", "product")
	meta("og:site_name", "Don Palito Jr")
	meta("og:locale", "es_CO")
	meta("og:title", p.Name)
	meta("og:description", summary(p.Description, 200))
	meta("og:url", url)
	images := s.imageURLs(p)
	if len(images) > 0 {
		meta("og:image", images[0])
		meta("og:image:alt", p.Name)
	}
	meta("product:price:amount", price)
	meta("product:price:currency", p.Currency)
	fmt.Fprintf(&b, `<meta name="twitter:card" content="%s" />`, map[bool]string{true: "summary_large_image", false: "summary"}[len(images) > 0])

	availability := "https://schema.org/InStock"
	if p.Stock <= 0 {
		availability = "https://schema.org/OutOfStock"
	}
	ld := map[string]any{
		"@context":    "https://schema.org",
		"@type":       "Product",
		"name":        p.Name,
		"description": p.Description,
		"sku":         p.ID,
		"category":    p.Category,
		"brand":       map[string]any{"@type": "Brand", "name": "Don Palito Jr"},
		"offers": map[string]any{
			"@type":         "Offer",
			"url":           url,
			"price":         price,
			"priceCurrency": p.Currency,
			"availability":  availability,
		},
	}
	if len(images) > 0 {
		ld["image"] = images
	}
	if p.ReviewCount > 0 {
		ld["aggregateRating"] = map[string]any{
			"@type":       "AggregateRating",
			"ratingValue": fmt.Sprintf("%.1f", p.AverageRating),
			"reviewCount": p.ReviewCount,
		}
	}
	// json.Marshal escapes <, > and &, so nothing in a product's text can
	// close the script element.
	js, err := json.Marshal(ld)
	if err == nil {
		fmt.Fprintf(&b, `<script type="application/ld+json">%s</script>`, js)
	}
	return b.String()
}

// imageURLs are the product's images for previews, absolute: the widest
// resized copy (previews want about 1200 px) or the original.
func (s storefrontSEO) imageURLs(p catalog.Product) []string {
	out := make([]string, 0, len(p.Images))
	for _, im := range p.Images {
		u := im.URL
		if n := len(im.Variants); n > 0 {
			u = im.Variants[n-1].URL
		}
		if strings.HasPrefix(u, "/") {
			u = s.base + u
		}
		out = append(out, u)
	}
	return out
}

// sitemap lists the public pages and every active product.
func (s storefrontSEO) sitemap(w http.ResponseWriter, r *http.Request) {
	type entry struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	set := struct {
		XMLName xml.Name `xml:"urlset"`
		XMLNS   string   `xml:"xmlns,attr"`
		URLs    []entry  `xml:"url"`
	}{XMLNS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
	for _, p := range staticPages {
		set.URLs = append(set.URLs, entry{Loc: s.base + p})
	}
	for page := 1; ; page++ {
		res, err := s.catalog.List(catalog.Query{Page: page, Limit: 100, Sort: catalog.SortName})
		if err != nil {
			writeProblem(w, r, newProblem(http.StatusInternalServerError, "internal", "No se pudo generar el mapa del sitio."))
			s.log.Error("sitemap", "err", err)
			return
		}
		for _, p := range res.Items {
			set.URLs = append(set.URLs, entry{Loc: s.base + "/producto/" + p.ID, LastMod: p.UpdatedAt.UTC().Format("2006-01-02")})
		}
		if page*res.Limit >= res.Total {
			break
		}
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	_, _ = w.Write([]byte(xml.Header))
	enc := xml.NewEncoder(w)
	if err := enc.Encode(set); err != nil {
		s.log.Warn("write sitemap", "err", err)
	}
}

// robots lets crawlers read the shop and keeps them out of the API, the admin
// and the shopper's private pages.
func (s storefrontSEO) robots(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	fmt.Fprintf(w, "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /admin/\nDisallow: /app/\nDisallow: /perfil\nDisallow: /carrito\nDisallow: /checkout\nDisallow: /ingresar\n\nSitemap: %s/sitemap.xml\n", s.base)
}

// majorUnits writes minor units (exponent 2) as a decimal amount: 1250000 → "12500.00".
func majorUnits(minor int64) string {
	sign := ""
	if minor < 0 {
		sign, minor = "-", -minor
	}
	return fmt.Sprintf("%s%d.%02d", sign, minor/100, minor%100)
}

// summary cuts text to at most n characters at a word boundary.
func summary(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if utf8.RuneCountInString(text) <= n {
		return text
	}
	r := []rune(text)[:n-1]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}
