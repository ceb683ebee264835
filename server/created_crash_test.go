package main

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"testing"
	"time"
)

// TestCreationEventsSurviveACrashAtEveryPoint kills the server at each point
// between a user's or a review's insert and its event (inserted, event not
// yet recorded; event recorded, intent mark not yet dropped). After a restart
// user.created and review.created are each in the outbox exactly once and
// delivered on their first attempt (their handlers ran once).
func TestCreationEventsSurviveACrashAtEveryPoint(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	for _, point := range []string{"user.created", "user.created.told", "review.created", "review.created.told"} {
		t.Run(point, func(t *testing.T) {
			dataDir := t.TempDir()
			c := startChild(t, dataDir, 0, "DONPALITO_TEST_FAULT="+point)
			s := &shop{base: c.base, client: &http.Client{Timeout: 10 * time.Second}}
			crashed := false
			// step either works or dies at the armed point; after a death the
			// server comes back (recovering at start) and the scenario goes on.
			step := func(method, path, token string, body any) []byte {
				code, b, err := s.call(method, path, token, body, map[string]string{"Idempotency-Key": fmt.Sprint(rand.Int64())})
				if err == nil && code < 300 {
					return b
				}
				select {
				case <-c.exited:
				case <-time.After(5 * time.Second):
					t.Fatalf("%s %s: %d %s %v (and the server did not die)", method, path, code, b, err)
				}
				crashed = true
				c = startChild(t, dataDir, 0)
				s.base = c.base
				return nil
			}
			admin := s.token(t, "created-admin@donpalito.test", "admin")
			step("GET", "/api/users/me", admin, nil)
			var p struct{ ID string }
			s.must(t, "POST", "/api/admin/products", admin, map[string]any{
				"name": "Palito", "description": "eventos", "price": 250000, "stock": 10, "category": "Pruebas"}, 201, &p)
			customer := s.token(t, "created@donpalito.test", "customer")
			step("GET", "/api/users/me", customer, nil)
			var me struct{ ID string }
			s.must(t, "GET", "/api/users/me", customer, nil, 200, &me)
			s.must(t, "POST", "/api/cart", customer, map[string]any{"productId": p.ID, "quantity": 1}, 200, nil)
			var o struct{ ID string }
			s.must(t, "POST", "/api/orders", customer, map[string]any{"paymentMethod": "transfer",
				"address": map[string]string{"fullName": "Cliente", "streetAddress": "Calle 1", "city": "Medellín", "phoneNumber": "3001234567"}}, 201, &o)
			for _, st := range []string{"paid", "in_preparation", "ready", "delivered"} {
				s.must(t, "PATCH", "/api/admin/orders/"+o.ID+"/status", admin, map[string]string{"status": st}, 200, nil)
			}
			post := map[string]any{"productId": p.ID, "orderId": o.ID, "rating": 5, "comment": "Muy rico"}
			if step("POST", "/api/reviews", customer, post) == nil {
				// The review was stored before the crash: posting again edits it.
				s.must(t, "POST", "/api/reviews", customer, post, 200, nil)
			}
			if !crashed {
				t.Fatalf("the server never reached %s", point)
			}

			deadline := time.Now().Add(60 * time.Second)
			for {
				var page struct {
					Items []struct {
						Type        string `json:"type"`
						State       string `json:"state"`
						Attempts    int    `json:"attempts"`
						AggregateID string `json:"aggregateId"`
					}
				}
				s.must(t, "GET", "/api/admin/events?limit=100", admin, nil, 200, &page)
				users, reviews, delivered := map[string]int{}, 0, true
				for _, e := range page.Items {
					switch e.Type {
					case "user.created":
						users[e.AggregateID]++
					case "review.created":
						reviews++
					default:
						continue
					}
					if e.State != "delivered" || e.Attempts != 1 {
						delivered = false
					}
				}
				if delivered && users[me.ID] == 1 && len(users) == 2 && reviews == 1 {
					break
				}
				if time.Now().After(deadline) {
					b, _ := json.Marshal(page.Items)
					t.Fatalf("want one user.created per user (2, customer %s) and one review.created, all delivered once; got %s\n%s", me.ID, b, c.log())
				}
				time.Sleep(100 * time.Millisecond)
			}
		})
	}
}
