package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
	"github.com/donpalito/donpalitojr/sdk"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

var ctx = context.Background()

func TestDemoCatalogIsServedAndSearchable(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("SEED_DEMO", "true"))
	c := env.Client("")

	all, err := c.ListProductsWithResponse(ctx, &sdk.ListProductsParams{Limit: ptr(100)})
	if err != nil {
		t.Fatal(err)
	}
	if all.JSON200 == nil || all.JSON200.Total != 15 || len(all.JSON200.Items) != 15 {
		t.Fatalf("demo catalog: status %d, body %.300s", all.StatusCode(), all.Body)
	}
	for _, p := range all.JSON200.Items {
		if len(p.Images) != 1 || p.Currency != "COP" || p.Price <= 0 {
			t.Fatalf("demo product %q incomplete: %+v", p.Name, p)
		}
	}
	// The seeded image is served from local media.
	img := all.JSON200.Items[0].Images[0].Url
	res, body := env.Do(http.MethodGet, img[strings.Index(img, "/media/"):], "", "", nil)
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" || len(body) < 1000 {
		t.Fatalf("demo image: %d %s (%d bytes)", res.StatusCode, res.Header.Get("Content-Type"), len(body))
	}

	for _, q := range []string{"queso", "QUESO", "Queso"} {
		res, err := c.ListProductsWithResponse(ctx, &sdk.ListProductsParams{Q: ptr(q), Limit: ptr(100)})
		if err != nil {
			t.Fatal(err)
		}
		if res.JSON200.Total < 5 {
			t.Fatalf("q=%s found %d products, want every cheese product", q, res.JSON200.Total)
		}
		for _, p := range res.JSON200.Items {
			text := strings.ToLower(p.Name + p.Description + p.Category)
			if !strings.Contains(text, "queso") {
				t.Fatalf("q=%s returned %q, which does not mention queso", q, p.Name)
			}
		}
	}

	cats, err := c.ListCategoriesWithResponse(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cats.JSON200.Items) != 5 {
		t.Fatalf("categories = %+v", cats.JSON200.Items)
	}
	total := 0
	for _, cat := range cats.JSON200.Items {
		total += cat.ProductCount
		res, _ := c.ListProductsWithResponse(ctx, &sdk.ListProductsParams{Category: ptr(cat.Name), Limit: ptr(100)})
		if res.JSON200.Total != cat.ProductCount {
			t.Fatalf("category %s: list has %d, count says %d", cat.Name, res.JSON200.Total, cat.ProductCount)
		}
	}
	if total != 15 {
		t.Fatalf("category counts add up to %d", total)
	}

	// Sorting and paging walk the same 15 products.
	seen := map[string]bool{}
	var last int64
	for page := 1; page <= 4; page++ {
		res, _ := c.ListProductsWithResponse(ctx, &sdk.ListProductsParams{Sort: ptr(sdk.ProductSortPriceAsc), Page: ptr(page), Limit: ptr(4)})
		for _, p := range res.JSON200.Items {
			if p.Price < last {
				t.Fatalf("price_asc out of order at %q", p.Name)
			}
			last = p.Price
			seen[p.Id] = true
		}
	}
	if len(seen) != 15 {
		t.Fatalf("paging saw %d distinct products, want 15", len(seen))
	}
	ranged, _ := c.ListProductsWithResponse(ctx, &sdk.ListProductsParams{MinPrice: ptr(int64(200000)), MaxPrice: ptr(int64(600000)), Limit: ptr(100)})
	for _, p := range ranged.JSON200.Items {
		if p.Price < 200000 || p.Price > 600000 {
			t.Fatalf("price range returned %q at %d", p.Name, p.Price)
		}
	}
	if ranged.JSON200.Total == 0 || ranged.JSON200.Total == 15 {
		t.Fatalf("price range matched %d products", ranged.JSON200.Total)
	}
}

func TestBadCatalogQueriesAreNamedProblems(t *testing.T) {
	env := apitest.New(t)
	tests := []struct {
		name   string
		path   string
		status int
		code   string
		field  string
	}{
		{"limit above 100", "/api/products?limit=1000", 400, "validation_failed", "limit"},
		{"limit zero", "/api/products?limit=0", 400, "validation_failed", "limit"},
		{"unknown sort", "/api/products?sort=bogus", 400, "validation_failed", "sort"},
		{"negative price", "/api/products?minPrice=-1", 400, "validation_failed", "minPrice"},
		{"price not a number", "/api/products?maxPrice=mucho", 400, "validation_failed", "maxPrice"},
		{"minPrice above maxPrice", "/api/products?minPrice=5&maxPrice=1", 400, "validation_failed", "maxPrice"},
		{"inStock not a boolean", "/api/products?inStock=quizas", 400, "validation_failed", "inStock"},
		{"page zero", "/api/products?page=0", 400, "validation_failed", "page"},
		{"malformed id", "/api/products/not-an-id", 400, "validation_failed", "id"},
		{"unknown id", "/api/products/665f1c2e8b3a4d0012345678", 404, "not_found", ""},
		{"unknown route", "/api/nothing-here", 404, "not_found", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := env.Do(http.MethodGet, tt.path, "", "", nil)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.status, body)
			}
			p := apitest.Problem(t, res.StatusCode, res.Header.Get("Content-Type"), body)
			if p.Code != tt.code {
				t.Fatalf("code %q, want %q", p.Code, tt.code)
			}
			if tt.field != "" && !hasField(p, tt.field) {
				t.Fatalf("problem does not name %q: %s", tt.field, body)
			}
		})
	}
}

func TestAdminProductOperationsNeedAnAdmin(t *testing.T) {
	env := apitest.New(t)
	admin := env.Token("admin@donpalito.test", auth.RoleAdmin)
	customer := env.Token("cliente@donpalito.test", auth.RoleCustomer)
	body := `{"name":"Palito de guayaba","description":"Nuevo sabor","price":300000,"stock":12,"category":"Nuevos"}`

	tests := []struct {
		name   string
		bearer string
		status int
		code   string
	}{
		{"anonymous", "", 401, "unauthenticated"},
		{"garbage token", "abc.def.ghi", 401, "unauthenticated"},
		{"customer", customer, 403, "forbidden"},
		{"admin", admin, 201, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, b := env.Do(http.MethodPost, "/api/admin/products", tt.bearer, "application/json", strings.NewReader(body))
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.status, b)
			}
			if tt.code != "" {
				if p := apitest.Problem(t, res.StatusCode, res.Header.Get("Content-Type"), b); p.Code != tt.code {
					t.Fatalf("code %q, want %q", p.Code, tt.code)
				}
			}
		})
	}
}

func TestBadProductBodiesNameTheirFields(t *testing.T) {
	env := apitest.New(t)
	admin := env.Token("admin@donpalito.test", auth.RoleAdmin)
	tests := []struct {
		name   string
		body   string
		fields []string
	}{
		{"empty name", `{"name":"","description":"d","price":100,"stock":1,"category":"c"}`, []string{"name"}},
		{"blank name after trimming", `{"name":"   ","description":"d","price":100,"stock":1,"category":"c"}`, []string{"name"}},
		{"negative price", `{"name":"n","description":"d","price":-1,"stock":1,"category":"c"}`, []string{"price"}},
		{"fractional stock", `{"name":"n","description":"d","price":100,"stock":1.5,"category":"c"}`, []string{"stock"}},
		{"unknown field", `{"name":"n","description":"d","price":100,"stock":1,"category":"c","featured":true}`, []string{"featured"}},
		{"wrong types", `{"name":5,"description":"d","price":"cien","stock":1,"category":"c"}`, []string{"name", "price"}},
		{"missing fields", `{"name":"n"}`, []string{"description", "price", "stock", "category"}},
		{"not JSON", `{"name":`, []string{"body"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, b := env.Do(http.MethodPost, "/api/admin/products", admin, "application/json", strings.NewReader(tt.body))
			if res.StatusCode != 400 {
				t.Fatalf("status %d: %s", res.StatusCode, b)
			}
			p := apitest.Problem(t, 400, res.Header.Get("Content-Type"), b)
			for _, f := range tt.fields {
				if !hasField(p, f) {
					t.Fatalf("problem does not name %q: %s", f, b)
				}
			}
		})
	}
	list, _ := env.Client("").ListProductsWithResponse(ctx, nil)
	if list.JSON200.Total != 0 {
		t.Fatalf("refused bodies created %d products", list.JSON200.Total)
	}
}

func TestProductChangesShowInThePublicListAtOnce(t *testing.T) {
	env := apitest.New(t)
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	public := env.Client("")

	created, err := admin.CreateProductWithResponse(ctx, nil, sdk.ProductCreate{
		Name: "Natilla de coco", Description: "Cremosa", Price: 800000, Stock: 4, Category: "Especiales",
	})
	if err != nil || created.JSON201 == nil {
		t.Fatalf("create: %v %s", err, created.Body)
	}
	id := created.JSON201.Id
	if got, _ := public.GetProductWithResponse(ctx, id); got.JSON200 == nil || got.JSON200.Name != "Natilla de coco" {
		t.Fatalf("new product not public: %s", got.Body)
	}

	upd, _ := admin.UpdateProductWithResponse(ctx, id, sdk.ProductUpdate{Price: ptr(int64(750000))})
	if upd.JSON200 == nil || upd.JSON200.Price != 750000 {
		t.Fatalf("update: %s", upd.Body)
	}
	list, _ := public.ListProductsWithResponse(ctx, nil)
	if list.JSON200.Total != 1 || list.JSON200.Items[0].Price != 750000 {
		t.Fatalf("public list after update: %s", list.Body)
	}

	stock, _ := admin.AdjustStockWithResponse(ctx, id, sdk.StockAdjustment{Mode: sdk.Delta, Quantity: -5, Reason: "merma"})
	if stock.StatusCode() != 409 {
		t.Fatalf("stock below zero: status %d %s", stock.StatusCode(), stock.Body)
	}
	stock, _ = admin.AdjustStockWithResponse(ctx, id, sdk.StockAdjustment{Mode: sdk.Delta, Quantity: -4, Reason: "venta"})
	if stock.JSON200 == nil || stock.JSON200.Stock != 0 {
		t.Fatalf("stock adjust: %s", stock.Body)
	}
	inStock, _ := public.ListProductsWithResponse(ctx, &sdk.ListProductsParams{InStock: ptr(true)})
	if inStock.JSON200.Total != 0 {
		t.Fatalf("sold-out product still listed as in stock")
	}

	hidden, _ := admin.UpdateProductWithResponse(ctx, id, sdk.ProductUpdate{IsActive: ptr(false)})
	if hidden.JSON200 == nil || hidden.JSON200.IsActive {
		t.Fatalf("deactivate: %s", hidden.Body)
	}
	if got, _ := public.GetProductWithResponse(ctx, id); got.StatusCode() != 404 {
		t.Fatalf("inactive product is public: %d", got.StatusCode())
	}
	if got, _ := admin.AdminGetProductWithResponse(ctx, id); got.JSON200 == nil {
		t.Fatalf("admin cannot see inactive product: %s", got.Body)
	}

	del, _ := admin.DeleteProductWithResponse(ctx, id)
	if del.StatusCode() != 204 {
		t.Fatalf("delete: %d %s", del.StatusCode(), del.Body)
	}
	if got, _ := admin.AdminGetProductWithResponse(ctx, id); got.StatusCode() != 404 {
		t.Fatalf("deleted product still visible to admin: %d", got.StatusCode())
	}
	if all, _ := admin.AdminListProductsWithResponse(ctx, nil); all.JSON200.Total != 0 {
		t.Fatalf("deleted product still in admin list")
	}
}

func TestImageUploadsAreSniffedAndBounded(t *testing.T) {
	env := apitest.New(t)
	adminTok := env.Token("admin@donpalito.test", auth.RoleAdmin)
	admin := env.Client(adminTok)
	created, _ := admin.CreateProductWithResponse(ctx, nil, sdk.ProductCreate{
		Name: "Palipapa", Description: "Papa y queso", Price: 200000, Stock: 4, Category: "Nuevos",
	})
	id := created.JSON201.Id
	upload := func(filename string, data []byte) (*http.Response, []byte) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		fw, _ := mw.CreateFormFile("image", filename)
		fw.Write(data)
		mw.Close()
		return env.Do(http.MethodPost, "/api/admin/products/"+id+"/images", adminTok, mw.FormDataContentType(), &b)
	}

	res, body := upload("foto.png", []byte("this is a text file pretending to be a PNG image"))
	if res.StatusCode != 415 || apitest.Problem(t, 415, res.Header.Get("Content-Type"), body).Code != "unsupported_media_type" {
		t.Fatalf("text as png: %d %s", res.StatusCode, body)
	}
	img := tinyPNG(t)
	// A PNG cut short passes the sniffing but cannot be decoded: the
	// client's damaged file, not a server failure.
	res, body = upload("cortada.png", img[:len(img)/2])
	if res.StatusCode != 415 || apitest.Problem(t, 415, res.Header.Get("Content-Type"), body).Code != "unsupported_media_type" {
		t.Fatalf("truncated png: %d %s", res.StatusCode, body)
	}
	var imageID string
	for i := range 3 {
		res, body = upload("foto.png", img)
		if res.StatusCode != 201 {
			t.Fatalf("image %d: %d %s", i+1, res.StatusCode, body)
		}
	}
	p, _ := admin.AdminGetProductWithResponse(ctx, id)
	if len(p.JSON200.Images) != 3 {
		t.Fatalf("images = %d", len(p.JSON200.Images))
	}
	imageID = p.JSON200.Images[0].Id
	res, body = upload("foto.png", img)
	if res.StatusCode != 409 || apitest.Problem(t, 409, res.Header.Get("Content-Type"), body).Code != "too_many_images" {
		t.Fatalf("4th image: %d %s", res.StatusCode, body)
	}
	big := make([]byte, 6<<20)
	copy(big, img)
	res, body = upload("grande.png", big)
	if res.StatusCode != 413 {
		t.Fatalf("6 MB image: %d %s", res.StatusCode, body)
	}
	apitest.Problem(t, 413, res.Header.Get("Content-Type"), body)

	// The image is served, then removed with its file.
	url := p.JSON200.Images[0].Url
	if res, _ := env.Do(http.MethodGet, url[strings.Index(url, "/media/"):], "", "", nil); res.StatusCode != 200 {
		t.Fatalf("uploaded image not served: %d", res.StatusCode)
	}
	del, _ := admin.DeleteProductImageWithResponse(ctx, id, imageID)
	if del.JSON200 == nil || len(del.JSON200.Images) != 2 {
		t.Fatalf("delete image: %s", del.Body)
	}
	if res, _ := env.Do(http.MethodGet, url[strings.Index(url, "/media/"):], "", "", nil); res.StatusCode != 404 {
		t.Fatalf("deleted image still served: %d", res.StatusCode)
	}
	if res, _ := upload("foto.png", img); res.StatusCode != 201 {
		t.Fatalf("upload after delete: %d", res.StatusCode)
	}
}

func tinyPNG(t *testing.T) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 8, 8))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func hasField(p sdk.Problem, field string) bool {
	if p.Errors == nil {
		return false
	}
	for _, e := range *p.Errors {
		if e.Field == field {
			return true
		}
	}
	return false
}

func ptr[T any](v T) *T { return &v }

// A large upload gets resized JPEG copies for srcset, served next to it and
// removed with it; a picture too large to decode safely is refused.
func TestUploadedImagesGetResizedCopies(t *testing.T) {
	env := apitest.New(t)
	adminTok := env.Token("admin@donpalito.test", auth.RoleAdmin)
	admin := env.Client(adminTok)
	created, _ := admin.CreateProductWithResponse(ctx, nil, sdk.ProductCreate{
		Name: "Torta de queso", Description: "Grande", Price: 4500000, Stock: 4, Category: "Tortas",
	})
	id := created.JSON201.Id
	upload := func(data []byte) (*http.Response, []byte) {
		var b bytes.Buffer
		mw := multipart.NewWriter(&b)
		fw, _ := mw.CreateFormFile("image", "torta.png")
		fw.Write(data)
		mw.Close()
		return env.Do(http.MethodPost, "/api/admin/products/"+id+"/images", adminTok, mw.FormDataContentType(), &b)
	}
	encode := func(img image.Image) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	src := image.NewNRGBA(image.Rect(0, 0, 1350, 900))
	for y := range 900 {
		for x := range 1350 {
			src.SetNRGBA(x, y, color.NRGBA{R: uint8(x / 10), G: uint8(y / 7), B: 90, A: 255})
		}
	}
	res, body := upload(encode(src))
	if res.StatusCode != 201 {
		t.Fatalf("upload: %d %s", res.StatusCode, body)
	}
	var p sdk.Product
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	im := p.Images[0]
	if im.Width != 1350 || im.Height != 900 || len(im.Variants) != 3 {
		t.Fatalf("image = %+v", im)
	}
	path := func(u string) string { return u[strings.Index(u, "/media/"):] }
	for i, want := range []int{320, 640, 1280} {
		v := im.Variants[i]
		if v.Width != want || v.Format != sdk.Jpeg || !strings.HasPrefix(v.Url, "http://localhost:8080/media/") {
			t.Errorf("variant %d = %+v", i, v)
		}
		res, body := env.Do(http.MethodGet, path(v.Url), "", "", nil)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/jpeg" {
			t.Fatalf("GET %s: %d %s", v.Url, res.StatusCode, res.Header.Get("Content-Type"))
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(body))
		wantH := (want*900 + 675) / 1350 // rounded
		if err != nil || format != "jpeg" || cfg.Width != want || cfg.Height != wantH {
			t.Errorf("%s is %s %dx%d (%v), want jpeg %dx%d", v.Url, format, cfg.Width, cfg.Height, err, want, wantH)
		}
	}
	// The public catalog shows the same copies.
	pub, _ := env.Client("").GetProductWithResponse(ctx, id)
	if pub.JSON200 == nil || len(pub.JSON200.Images[0].Variants) != 3 {
		t.Fatalf("public product: %s", pub.Body)
	}

	del, _ := admin.DeleteProductImageWithResponse(ctx, id, im.Id)
	if del.JSON200 == nil || len(del.JSON200.Images) != 0 {
		t.Fatalf("delete: %s", del.Body)
	}
	for _, v := range im.Variants {
		if res, _ := env.Do(http.MethodGet, path(v.Url), "", "", nil); res.StatusCode != 404 {
			t.Errorf("copy %s still served after delete: %d", v.Url, res.StatusCode)
		}
	}

	res, body = upload(encode(image.NewGray(image.Rect(0, 0, 8000, 6000))))
	if res.StatusCode != 413 || apitest.Problem(t, 413, res.Header.Get("Content-Type"), body).Code != "payload_too_large" {
		t.Fatalf("48-megapixel image: %d %s", res.StatusCode, body)
	}
}
