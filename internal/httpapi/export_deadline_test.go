package httpapi

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// A large shop's export takes longer than the server's WriteTimeout, which
// bounds a whole response: the export moves its deadline forward while it
// writes, so the whole file arrives instead of a cut connection.
func TestAnExportOutlivesTheServersWriteTimeout(t *testing.T) {
	const rows = 8
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = csvDownload{fileName: "pedidos.csv", log: slog.New(slog.DiscardHandler), write: func(w io.Writer) error {
			for i := range rows {
				if _, err := fmt.Fprintf(w, "fila %d\n", i); err != nil {
					return err
				}
				// Each row costs a while, as reading orders one by one does.
				time.Sleep(100 * time.Millisecond)
			}
			return nil
		}}.VisitExportOrdersResponse(w)
	}))
	srv.Config.WriteTimeout = 250 * time.Millisecond
	srv.Start()
	defer srv.Close()

	res, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("the download was cut after %d bytes: %v", len(body), err)
	}
	if got := strings.Count(string(body), "\n"); got != rows {
		t.Fatalf("got %d rows, want %d:\n%s", got, rows, body)
	}
}
