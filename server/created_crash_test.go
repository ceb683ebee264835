package main

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strconv"
	"testing"
	"time"
)

// TestCreationEventsSurviveACrashAtEveryPoint kills the server at each point
// between a user's or a review's insert and its event (inserted, event not
// yet recorded; event recorded, intent mark not yet dropped), and between a
// review's insert and its count in the product's rating. After a restart
// user.created and review.created are each in the outbox exactly once and
// delivered on their first attempt (their handlers ran once), and the
// product counts the review once.
func TestCreationEventsSurviveACrashAtEveryPoint(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	for _, point := range []string{"user.created", "user.created.told", "review.inserted", "review.created", "review.created.told"} {
		t.Run(point, func(t *testing.T) {
			// The order is walked to delivered by hand: the crash children's
			// 1 s transfer hold could expire it first on a loaded machine.
			run := armed(t, point, "ORDER_HOLD_TRANSFER=1h")
			s, step := run.shop, run.step
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
			run.mustHaveCrashed()

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
					t.Fatalf("want one user.created per user (2, customer %s) and one review.created, all delivered once; got %s\n%s", me.ID, b, run.child.log())
				}
				time.Sleep(100 * time.Millisecond)
			}
			var rated struct {
				AverageRating float64 `json:"averageRating"`
				ReviewCount   int     `json:"reviewCount"`
			}
			s.must(t, "GET", "/api/products/"+p.ID, "", nil, 200, &rated)
			if rated.ReviewCount != 1 || rated.AverageRating != 5 {
				t.Fatalf("the product counts %d reviews averaging %v, want its one review of 5\n%s", rated.ReviewCount, rated.AverageRating, run.child.log())
			}
		})
	}
}

// TestAClerkUserCreatedAtACrashIsToldOnce kills the server while it applies
// Clerk's signed user.created webhook: after the insert, before the event; and
// after the event, before its intent mark is dropped. After the restart the
// account has exactly one user.created, delivered once, and a later
// user.updated for it records no second one.
func TestAClerkUserCreatedAtACrashIsToldOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills server processes")
	}
	key := []byte("clerk-crash-signing-key-32-bytes")
	for _, point := range []string{"user.created", "user.created.told"} {
		t.Run(point, func(t *testing.T) {
			run := armed(t, point, "CLERK_WEBHOOK_SECRET=whsec_"+base64.StdEncoding.EncodeToString(key))
			s := run.shop
			// The webhook comes first, so its user.created is the first the
			// armed process reaches.
			deliver := func(msgID, typ string, updatedAt int64) []byte {
				body, err := json.Marshal(map[string]any{"type": typ, "data": map[string]any{
					"id": "user_crash", "first_name": "Ana", "last_name": "Caída",
					"primary_email_address_id": "idn_1",
					"email_addresses":          []map[string]string{{"id": "idn_1", "email_address": "ana.caida@donpalito.test"}},
					"updated_at":               updatedAt,
				}})
				if err != nil {
					t.Fatal(err)
				}
				ts := strconv.FormatInt(time.Now().Unix(), 10)
				mac := hmac.New(sha256.New, key)
				mac.Write([]byte(msgID + "." + ts + "."))
				mac.Write(body)
				return run.send("POST", "/api/webhooks/clerk", "", json.RawMessage(body), map[string]string{
					"svix-id": msgID, "svix-timestamp": ts,
					"svix-signature": "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil)),
				})
			}
			if deliver("msg_created", "user.created", 1) != nil {
				t.Fatalf("the webhook was applied without reaching %s", point)
			}
			run.mustHaveCrashed()
			admin := s.token(t, "clerk-crash-admin@donpalito.test", "admin")
			var customers struct {
				Items []struct{ ID, Email string }
			}
			s.must(t, "GET", "/api/admin/customers?q=ana.caida", admin, nil, 200, &customers)
			if len(customers.Items) != 1 {
				t.Fatalf("the account created before the crash: %+v", customers.Items)
			}
			id := customers.Items[0].ID
			if deliver("msg_updated", "user.updated", 2) == nil {
				t.Fatal("the server died applying user.updated, though the fault was not armed")
			}

			deadline := time.Now().Add(60 * time.Second)
			for {
				var page struct {
					Items []struct {
						Type, State, AggregateID string
						Attempts                 int
					}
				}
				s.must(t, "GET", "/api/admin/events?type=user.created&limit=100", admin, nil, 200, &page)
				told, delivered := 0, true
				for _, e := range page.Items {
					if e.AggregateID == id {
						told++
						delivered = delivered && e.State == "delivered" && e.Attempts == 1
					}
				}
				if told == 1 && delivered {
					return
				}
				if told > 1 || time.Now().After(deadline) {
					b, _ := json.Marshal(page.Items)
					t.Fatalf("want one user.created for %s delivered once; got %s\n%s", id, b, run.child.log())
				}
				time.Sleep(100 * time.Millisecond)
			}
		})
	}
}
