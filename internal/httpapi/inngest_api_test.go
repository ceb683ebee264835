package httpapi_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/sdk"
)

// A local stand-in for Inngest's Event API records what it receives; the
// first delivery is refused, so the retry must carry the same event id.
func TestEveryEventReachesInngestOnceWithItsOutboxID(t *testing.T) {
	var mu sync.Mutex
	received := map[string][]string{} // event id → names
	keys := map[string]int{}
	refusedOnce := false
	var refusedID string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var ev struct {
			ID   string         `json:"id"`
			Name string         `json:"name"`
			Data map[string]any `json:"data"`
		}
		if r.Method != http.MethodPost || json.Unmarshal(body, &ev) != nil || ev.ID == "" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		keys[strings.TrimPrefix(r.URL.Path, "/e/")]++
		if !refusedOnce {
			refusedOnce, refusedID = true, ev.ID
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		received[ev.ID] = append(received[ev.ID], ev.Name)
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"ids":["` + ev.ID + `"],"status":200}`))
	}))
	defer srv.Close()

	env := apitest.New(t, apitest.WithEnv("INNGEST_EVENT_KEY", "clave-de-prueba"), apitest.WithEnv("INNGEST_EVENT_URL", srv.URL))
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	ana := newShopper(t, env, "ana.inngest@donpalito.test", "Ana")
	o := placeOrder(t, env, ana, "", item{newProduct(t, env, "Buñuelo", 100000, 10), 1})
	moveTo(t, env, o, order.Paid)
	waitDelivered(t, admin)

	all, err := admin.ListEventsWithResponse(ctx, &sdk.ListEventsParams{Limit: ptr(100)})
	if err != nil || all.JSON200 == nil {
		t.Fatalf("events: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(keys) != 1 || keys["clave-de-prueba"] == 0 {
		t.Fatalf("event keys used: %v", keys)
	}
	if all.JSON200.Total == 0 || len(received) != all.JSON200.Total {
		t.Fatalf("Inngest received %d events, the outbox has %d", len(received), all.JSON200.Total)
	}
	for _, e := range all.JSON200.Items {
		names := received[e.Id]
		if len(names) != 1 || names[0] != "donpalito/"+e.Type {
			t.Errorf("event %s (%s) reached Inngest as %v", e.Id, e.Type, names)
		}
	}
	if _, ok := received[refusedID]; !ok {
		t.Errorf("the refused event %s was not delivered again with the same id", refusedID)
	}
}
