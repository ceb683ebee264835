package session

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/sdk"
)

// Errors blame what failed: the server that cannot be reached (by its URL),
// the local file that is missing, or the server's own words for a refusal.
func TestProblemTextBlamesWhatFailed(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + l.Addr().String()
	l.Close() // nothing listens there now
	api, err := sdk.New(url, sdk.WithAPIKey("dpk_x"), sdk.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	_, err = api.Me(context.Background())
	if got, want := ProblemText(err), "No se pudo conectar con "+url+": ¿está el servidor en marcha?"; got != want {
		t.Errorf("server down: %q, want %q", got, want)
	}

	missing := filepath.Join(t.TempDir(), "foto.jpg")
	_, err = os.Open(missing)
	if got := ProblemText(err); got != "No existe el archivo "+missing+"." {
		t.Errorf("missing file: %q", got)
	}

	refused := &sdk.Error{Status: 401, Code: "unauthenticated", Detail: "La clave de API no es válida o fue revocada."}
	if got := ProblemText(refused); got != refused.Detail {
		t.Errorf("bad key: %q", got)
	}
	if strings.Contains(ProblemText(refused), "Inicia sesión") {
		t.Error("a bad key must not ask to sign in")
	}
}
