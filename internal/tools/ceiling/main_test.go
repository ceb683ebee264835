package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func TestSyntheticPageIsAProductPage(t *testing.T) {
	b, err := syntheticPage()
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 4<<10 || len(b) > 10<<10 {
		t.Errorf("page is %d bytes, want about 6 KB", len(b))
	}
	var p struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
	}
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 20 || p.Total != 1000 {
		t.Errorf("got %d items, total %d", len(p.Items), p.Total)
	}
}

func TestHandlerServesBodyWithHeaders(t *testing.T) {
	body := []byte(`{"items":[]}`)
	srv := httptest.NewServer(handler(body))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/api/products?page=1&limit=20")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || string(got) != string(body) {
		t.Errorf("got %d %q", resp.StatusCode, got)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	if cl := resp.Header.Get("Content-Length"); cl != strconv.Itoa(len(body)) {
		t.Errorf("Content-Length %q", cl)
	}
}

func TestLoadBodyRejectsInvalidJSON(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.json")
	if err := os.WriteFile(p, []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := loadBody(p); err == nil {
		t.Error("want an error for invalid JSON")
	}
}

func TestRouteFlag(t *testing.T) {
	var f routeFlag
	if err := f.Set("/item=item.json"); err != nil {
		t.Fatal(err)
	}
	if len(f) != 1 || f[0].path != "/item" || f[0].file != "item.json" {
		t.Errorf("got %+v", f)
	}
	for _, bad := range []string{"item.json", "item=x", "/item="} {
		if err := f.Set(bad); err == nil {
			t.Errorf("Set(%q) accepted", bad)
		}
	}
}
