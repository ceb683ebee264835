package httpapi_test

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/apitest"
)

var (
	webhookKey    = []byte("clave-del-webhook-de-clerk-32-by")
	webhookSecret = "whsec_" + base64.StdEncoding.EncodeToString(webhookKey)
	forgerKey     = []byte("clave-de-quien-falsifica-32-byte")
)

// svixSign is what Svix sends in svix-signature for one key.
func svixSign(key []byte, id string, ts time.Time, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id + "." + strconv.FormatInt(ts.Unix(), 10) + "."))
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// svixHeaders are the headers of a delivery of message id signed with key.
func svixHeaders(key []byte, id string, ts time.Time, body []byte) map[string]string {
	return map[string]string{
		"svix-id": id, "svix-timestamp": strconv.FormatInt(ts.Unix(), 10), "svix-signature": svixSign(key, id, ts, body),
	}
}

// clerkUserEvent is a Clerk user event; mod changes its data.
func clerkUserEvent(typ, clerkID string, mod func(data map[string]any)) []byte {
	data := map[string]any{
		"id": clerkID, "object": "user", "first_name": "Ana", "last_name": "Gómez",
		"image_url": "https://img.clerk.com/" + clerkID,
		"email_addresses": []any{
			map[string]any{"id": "idn_alt", "email_address": "ana.alterna@donpalito.test"},
			map[string]any{"id": "idn_main", "email_address": "ana@donpalito.test"},
		},
		"primary_email_address_id": "idn_main",
		"public_metadata":          map[string]any{},
		"updated_at":               time.Now().UnixMilli(),
	}
	if mod != nil {
		mod(data)
	}
	return mustJSON(map[string]any{"type": typ, "object": "event", "data": data})
}

// deliver posts a webhook delivery through the validating client and returns
// the status and, for problems, the code.
func deliver(t *testing.T, env *apitest.Env, headers map[string]string, body []byte) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, env.URL+"/api/webhooks/clerk", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	res, err := env.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(res.Body)
	if res.StatusCode >= 400 {
		return res.StatusCode, apitest.Problem(t, res.StatusCode, res.Header.Get("Content-Type"), b.Bytes()).Code
	}
	var ack struct{ Received bool }
	if err := json.Unmarshal(b.Bytes(), &ack); err != nil || !ack.Received {
		t.Fatalf("status %d without {received: true}: %s", res.StatusCode, b.Bytes())
	}
	return res.StatusCode, ""
}

// deliverSigned delivers body as message id, correctly signed now.
func deliverSigned(t *testing.T, env *apitest.Env, id string, body []byte) {
	t.Helper()
	if code, problem := deliver(t, env, svixHeaders(webhookKey, id, time.Now(), body), body); code != 200 {
		t.Fatalf("signed delivery %s: %d %s", id, code, problem)
	}
}

func countDocs(t *testing.T, env *apitest.Env, collection string, filter bson.D) int64 {
	t.Helper()
	n, err := env.App.Store.DB.Collection(collection).CountDocuments(ctx, filter)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func userDoc(t *testing.T, env *apitest.Env, clerkID string) bson.M {
	t.Helper()
	var m bson.M
	if err := env.App.Store.DB.Collection("users").FindOne(ctx, bson.D{{"clerkId", clerkID}}).Decode(&m); err != nil {
		t.Fatalf("user %s: %v", clerkID, err)
	}
	return m
}

func TestForgedClerkEventsAreRejectedAndWriteNothing(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("CLERK_WEBHOOK_SECRET", webhookSecret))
	unconfigured := apitest.New(t)
	admin := clerkUserEvent("user.created", "user_forged", func(d map[string]any) {
		d["public_metadata"] = map[string]any{"role": "admin"}
	})
	now := time.Now()
	signed := svixHeaders(webhookKey, "msg_forged", now, admin)
	with := func(k, v string) map[string]string {
		h := map[string]string{}
		for hk, hv := range signed {
			h[hk] = hv
		}
		h[k] = v
		return h
	}

	tests := []struct {
		name    string
		env     *apitest.Env
		headers map[string]string
		body    []byte
	}{
		{"no signature headers", env, nil, admin},
		{"no svix-signature", env, with("svix-signature", ""), admin},
		{"signed with another secret", env, svixHeaders(forgerKey, "msg_forged", now, admin), admin},
		{"timestamp 6 minutes old", env, svixHeaders(webhookKey, "msg_forged", now.Add(-6*time.Minute), admin), admin},
		{"timestamp 6 minutes in the future", env, svixHeaders(webhookKey, "msg_forged", now.Add(6*time.Minute), admin), admin},
		{"body changed after signing", env, svixHeaders(webhookKey, "msg_forged", now, clerkUserEvent("user.created", "user_forged", nil)), admin},
		{"message id changed after signing", env, with("svix-id", "msg_other"), admin},
		{"signature without version", env, with("svix-signature", signed["svix-signature"][3:]), admin},
		{"signature not base64", env, with("svix-signature", "v1,@@@@"), admin},
		{"timestamp not a number", env, with("svix-timestamp", "hoy"), admin},
		{"no secret configured on the server", unconfigured, signed, admin},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, problem := deliver(t, tt.env, tt.headers, tt.body); code != 400 || problem != "invalid_signature" {
				t.Fatalf("got %d %s, want 400 invalid_signature", code, problem)
			}
			for _, c := range []string{"users", "webhook_events"} {
				if n := countDocs(t, tt.env, c, bson.D{}); n != 0 {
					t.Fatalf("a forged event wrote %d documents to %s", n, c)
				}
			}
		})
	}
}

func TestSignedClerkEventsAreAccepted(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("CLERK_WEBHOOK_SECRET", webhookSecret))
	now := time.Now()
	tests := []struct {
		name    string
		headers func(id string, body []byte) map[string]string
	}{
		{"svix headers", func(id string, body []byte) map[string]string { return svixHeaders(webhookKey, id, now, body) }},
		{"webhook-* headers", func(id string, body []byte) map[string]string {
			return map[string]string{
				"webhook-id": id, "webhook-timestamp": strconv.FormatInt(now.Unix(), 10), "webhook-signature": svixSign(webhookKey, id, now, body),
			}
		}},
		{"key rotation: only the second of two signatures is valid", func(id string, body []byte) map[string]string {
			h := svixHeaders(webhookKey, id, now, body)
			h["svix-signature"] = svixSign(forgerKey, id, now, body) + " " + h["svix-signature"]
			return h
		}},
		{"4 minutes old", func(id string, body []byte) map[string]string {
			return svixHeaders(webhookKey, id, now.Add(-4*time.Minute), body)
		}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clerkID, msgID := "user_ok_"+strconv.Itoa(i), "msg_ok_"+strconv.Itoa(i)
			body := clerkUserEvent("user.created", clerkID, nil)
			if code, problem := deliver(t, env, tt.headers(msgID, body), body); code != 200 {
				t.Fatalf("got %d %s", code, problem)
			}
			if n := countDocs(t, env, "users", bson.D{{"clerkId", clerkID}}); n != 1 {
				t.Fatalf("users = %d, want 1", n)
			}
		})
	}
}

func TestSignedUserCreatedDeliveredFiveTimesConcurrentlyCreatesOneUser(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("CLERK_WEBHOOK_SECRET", webhookSecret))
	body := clerkUserEvent("user.created", "user_c", nil)
	headers := svixHeaders(webhookKey, "msg_c", time.Now(), body)

	start := make(chan struct{})
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			if code, problem := deliver(t, env, headers, body); code/100 != 2 {
				t.Errorf("concurrent delivery: %d %s", code, problem)
			}
		}()
	}
	close(start)
	wg.Wait()

	if n := countDocs(t, env, "users", bson.D{}); n != 1 {
		t.Fatalf("users = %d, want 1", n)
	}
	if n := countDocs(t, env, "webhook_events", bson.D{{"_id", "clerk:msg_c"}, {"done", true}}); n != 1 {
		t.Fatalf("message recorded as processed %d times, want 1", n)
	}
	u := userDoc(t, env, "user_c")
	// One write: the record was never touched again after it was created.
	if !u["createdAt"].(bson.DateTime).Time().Equal(u["updatedAt"].(bson.DateTime).Time()) {
		t.Fatalf("user written more than once: created %v, updated %v", u["createdAt"], u["updatedAt"])
	}
	want := bson.M{"email": "ana@donpalito.test", "name": "Ana Gómez", "imageUrl": "https://img.clerk.com/user_c", "role": "customer", "isActive": true}
	for k, v := range want {
		if u[k] != v {
			t.Errorf("%s = %v, want %v", k, u[k], v)
		}
	}

	// A later redelivery of the same message (Svix retries re-sign with a
	// new timestamp) is acknowledged and changes nothing.
	before := u["updatedAt"]
	time.Sleep(5 * time.Millisecond)
	deliverSigned(t, env, "msg_c", body)
	if after := userDoc(t, env, "user_c")["updatedAt"]; after != before {
		t.Fatalf("a redelivery wrote the user again: %v → %v", before, after)
	}
}

func TestClerkWebhookAndFirstSignInRaceToOneUser(t *testing.T) {
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	env := newClerkEnv(t, key, apitest.WithEnv("CLERK_WEBHOOK_SECRET", webhookSecret))
	for i := range 5 {
		clerkID := "user_r" + strconv.Itoa(i)
		body := clerkUserEvent("user.created", clerkID, nil)
		headers := svixHeaders(webhookKey, "msg_r"+strconv.Itoa(i), time.Now(), body)
		tok := signToken(t, key, clerkClaims(clerkID, "ana@donpalito.test", nil))

		start := make(chan struct{})
		var wg sync.WaitGroup
		for range 3 {
			wg.Add(2)
			go func() {
				defer wg.Done()
				<-start
				if code, problem := deliver(t, env, headers, body); code != 200 {
					t.Errorf("delivery: %d %s", code, problem)
				}
			}()
			go func() {
				defer wg.Done()
				<-start
				if code, problem := status(t, env, tok); code != 200 {
					t.Errorf("first sign-in: %d %s", code, problem)
				}
			}()
		}
		close(start)
		wg.Wait()
		if n := countDocs(t, env, "users", bson.D{{"clerkId", clerkID}}); n != 1 {
			t.Fatalf("users = %d, want 1", n)
		}
		// Whichever came first, the webhook's profile is the one kept.
		if u := userDoc(t, env, clerkID); u["name"] != "Ana Gómez" || u["imageUrl"] != "https://img.clerk.com/"+clerkID {
			t.Fatalf("the webhook's profile was lost in the race: %v", u)
		}
	}
}

func TestClerkUserUpdatedFollowsOnlySignedEvents(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("CLERK_WEBHOOK_SECRET", webhookSecret))
	deliverSigned(t, env, "msg_u1", clerkUserEvent("user.created", "user_u", nil))
	id := userDoc(t, env, "user_u")["_id"]

	promote := clerkUserEvent("user.updated", "user_u", func(d map[string]any) {
		d["first_name"], d["last_name"] = "Ana María", "Gómez Ruiz"
		d["email_addresses"] = []any{map[string]any{"id": "idn_new", "email_address": "ana.maria@donpalito.test"}}
		d["primary_email_address_id"] = "idn_new"
		d["public_metadata"] = map[string]any{"role": "admin"}
	})
	if code, problem := deliver(t, env, svixHeaders(forgerKey, "msg_u2", time.Now(), promote), promote); code != 400 || problem != "invalid_signature" {
		t.Fatalf("forged promotion: %d %s", code, problem)
	}
	if u := userDoc(t, env, "user_u"); u["role"] != "customer" || u["name"] != "Ana Gómez" {
		t.Fatalf("a forged user.updated changed the user: %v", u)
	}

	deliverSigned(t, env, "msg_u3", promote)
	u := userDoc(t, env, "user_u")
	if u["_id"] != id || u["name"] != "Ana María Gómez Ruiz" || u["email"] != "ana.maria@donpalito.test" || u["role"] != "admin" {
		t.Fatalf("signed user.updated not applied to the same record: %v", u)
	}

	older := clerkUserEvent("user.updated", "user_u", func(d map[string]any) {
		d["updated_at"] = time.Now().Add(-time.Hour).UnixMilli()
		d["public_metadata"] = map[string]any{}
	})
	deliverSigned(t, env, "msg_u4", older)
	if u := userDoc(t, env, "user_u"); u["role"] != "admin" {
		t.Fatalf("a late retry of an older event undid a newer one: role %v", u["role"])
	}

	demote := clerkUserEvent("user.updated", "user_u", func(d map[string]any) { d["public_metadata"] = map[string]any{"role": "customer"} })
	deliverSigned(t, env, "msg_u5", demote)
	if u := userDoc(t, env, "user_u"); u["role"] != "customer" {
		t.Fatalf("signed demotion not applied: role %v", u["role"])
	}
}

func TestClerkUserNamesAreNeverBlank(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("CLERK_WEBHOOK_SECRET", webhookSecret))
	tests := []struct {
		name string
		mod  func(d map[string]any)
		want string
	}{
		{"first and last name", nil, "Ana Gómez"},
		{"only a last name", func(d map[string]any) { d["first_name"] = nil; d["last_name"] = " Gómez " }, "Gómez"},
		{"no names: the email's local part", func(d map[string]any) { d["first_name"], d["last_name"] = "", nil }, "ana"},
		{"no primary id: the first email", func(d map[string]any) {
			d["first_name"], d["last_name"], d["primary_email_address_id"] = "", "", nil
		}, "ana.alterna"},
		{"no names and no email", func(d map[string]any) {
			d["first_name"], d["last_name"], d["email_addresses"] = " ", " ", []any{}
		}, "Cliente"},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clerkID := "user_n" + strconv.Itoa(i)
			deliverSigned(t, env, "msg_n"+strconv.Itoa(i), clerkUserEvent("user.updated", clerkID, tt.mod))
			if got := userDoc(t, env, clerkID)["name"]; got != tt.want {
				t.Fatalf("name %q, want %q", got, tt.want)
			}
		})
	}
}

func TestClerkUsersWithTheSameEmailStayTwoUsers(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("CLERK_WEBHOOK_SECRET", webhookSecret))
	deliverSigned(t, env, "msg_s1", clerkUserEvent("user.created", "user_s1", nil))
	deliverSigned(t, env, "msg_s2", clerkUserEvent("user.created", "user_s2", nil))
	deliverSigned(t, env, "msg_s3", clerkUserEvent("user.updated", "user_s1", func(d map[string]any) { d["first_name"] = "Anita" }))

	if n := countDocs(t, env, "users", bson.D{{"email", "ana@donpalito.test"}}); n != 2 {
		t.Fatalf("users with the shared email = %d, want 2", n)
	}
	a, b := userDoc(t, env, "user_s1"), userDoc(t, env, "user_s2")
	if a["_id"] == b["_id"] || a["name"] != "Anita Gómez" || b["name"] != "Ana Gómez" {
		t.Fatalf("the two identities were merged or cross-updated: %v / %v", a, b)
	}
}

func TestClerkUserDeletedDeactivatesAndAnonymises(t *testing.T) {
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	env := newClerkEnv(t, key, apitest.WithEnv("CLERK_WEBHOOK_SECRET", webhookSecret))
	deliverSigned(t, env, "msg_d1", clerkUserEvent("user.created", "user_d", nil))
	tok := signToken(t, key, clerkClaims("user_d", "ana@donpalito.test", nil))
	if code, _ := status(t, env, tok); code != 200 {
		t.Fatalf("before deletion: %d", code)
	}
	// Personal data the account gathered meanwhile.
	_, err := env.App.Store.DB.Collection("users").UpdateOne(ctx, bson.D{{"clerkId", "user_d"}}, bson.D{{"$set", bson.D{
		{"phone", "3001234567"}, {"documentType", "pasaporte"}, {"documentNumber", "AB12345"}, {"gender", "femenino"},
		{"addresses", bson.A{bson.D{{"_id", bson.NewObjectID()}, {"label", "Casa"}, {"city", "Cali"}}}},
		{"wishlist", bson.A{"665f1c2e8b3a4d0012345678"}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	id := userDoc(t, env, "user_d")["_id"]

	deliverSigned(t, env, "msg_d2", mustJSON(map[string]any{
		"type": "user.deleted", "object": "event", "data": map[string]any{"id": "user_d", "object": "user", "deleted": true},
	}))

	if code, problem := status(t, env, tok); code != 403 || problem != "account_inactive" {
		t.Fatalf("next call of the deleted user: %d %s, want 403 account_inactive", code, problem)
	}
	u := userDoc(t, env, "user_d")
	if u["_id"] != id || u["isActive"] != false || u["deletedAt"] == nil {
		t.Fatalf("record not kept and deactivated: %v", u)
	}
	if u["name"] != "Usuario eliminado" || u["email"] != "" || u["imageUrl"] != "" {
		t.Fatalf("identity not anonymised: %v", u)
	}
	for _, f := range []string{"phone", "documentType", "documentNumber", "gender", "birthDate"} {
		if v, ok := u[f]; ok {
			t.Errorf("%s kept after deletion: %v", f, v)
		}
	}
	if len(u["addresses"].(bson.A)) != 0 || len(u["wishlist"].(bson.A)) != 0 {
		t.Errorf("addresses or wishlist kept: %v %v", u["addresses"], u["wishlist"])
	}

	// A late user.updated (deliveries are not ordered) does not bring it back.
	deliverSigned(t, env, "msg_d3", clerkUserEvent("user.updated", "user_d", nil))
	if u := userDoc(t, env, "user_d"); u["isActive"] != false || u["email"] != "" {
		t.Fatalf("a late user.updated revived a deleted account: %v", u)
	}

	// Deleting an identity the shop never saw creates nothing.
	deliverSigned(t, env, "msg_d4", mustJSON(map[string]any{"type": "user.deleted", "data": map[string]any{"id": "user_unknown", "deleted": true}}))
	if n := countDocs(t, env, "users", bson.D{{"clerkId", "user_unknown"}}); n != 0 {
		t.Fatalf("user.deleted of an unknown id created %d users", n)
	}
}

func TestClerkUserUpdatedForAnUnknownIdCreatesIt(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("CLERK_WEBHOOK_SECRET", webhookSecret))
	deliverSigned(t, env, "msg_x", clerkUserEvent("user.updated", "user_x", nil))
	if u := userDoc(t, env, "user_x"); u["email"] != "ana@donpalito.test" || u["isActive"] != true {
		t.Fatalf("user.updated of an unknown id: %v", u)
	}
}

func TestUnknownClerkEventTypesAreAcknowledgedAndIgnored(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("CLERK_WEBHOOK_SECRET", webhookSecret))
	for i, body := range [][]byte{
		mustJSON(map[string]any{"type": "session.created", "data": map[string]any{"id": "sess_1", "user_id": "user_z"}}),
		mustJSON(map[string]any{"type": "organization.created", "data": map[string]any{"id": "org_1"}}),
		clerkUserEvent("email.created", "user_z", nil),
	} {
		deliverSigned(t, env, "msg_z"+strconv.Itoa(i), body)
	}
	if n := countDocs(t, env, "users", bson.D{}); n != 0 {
		t.Fatalf("ignored events created %d users", n)
	}
}

func TestSignedClerkEventWithoutAUserIdIsRefusedAndCanBeRetried(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("CLERK_WEBHOOK_SECRET", webhookSecret))
	body := clerkUserEvent("user.created", "", nil)
	code, problem := deliver(t, env, svixHeaders(webhookKey, "msg_bad", time.Now(), body), body)
	if code != 400 || problem != "validation_failed" {
		t.Fatalf("got %d %s, want 400 validation_failed", code, problem)
	}
	if n := countDocs(t, env, "webhook_events", bson.D{}) + countDocs(t, env, "users", bson.D{}); n != 0 {
		t.Fatalf("a refused event left %d documents", n)
	}
}
