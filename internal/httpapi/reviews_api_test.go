package httpapi_test

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/sdk"
)

// rating reads a product's public rating.
func rating(t *testing.T, env *apitest.Env, productID string) (avg float64, count int) {
	t.Helper()
	res, err := env.Client("").GetProductWithResponse(ctx, productID)
	if err != nil || res.JSON200 == nil {
		t.Fatalf("get product: %v", err)
	}
	return res.JSON200.AverageRating, res.JSON200.ReviewCount
}

func reviewBody(productID, orderID string, r int, comment string) sdk.CreateReviewJSONRequestBody {
	b := sdk.CreateReviewJSONRequestBody{ProductId: productID, OrderId: orderID, Rating: r}
	if comment != "" {
		b.Comment = &comment
	}
	return b
}

func TestReviewsAreOnlyForTheBuyerOfADeliveredOrderWithTheProduct(t *testing.T) {
	env := apitest.New(t)
	palito := newProduct(t, env, "Palito de queso", 250000, 50)
	bunuelo := newProduct(t, env, "Buñuelo", 150000, 50)
	ana := newShopper(t, env, "ana@correo.test", "Ana Gómez")
	luis := newShopper(t, env, "luis@correo.test", "Luis Pérez")
	delivered := moveTo(t, env, placeOrder(t, env, ana, "", item{palito, 1}), order.Delivered).IDHex()
	undelivered := map[order.Status]string{}
	for _, s := range []order.Status{order.Pending, order.Paid, order.Ready, order.Canceled} {
		undelivered[s] = moveTo(t, env, placeOrder(t, env, ana, "", item{palito, 1}), s).IDHex()
	}

	tests := []struct {
		name       string
		as         string
		body       string
		wantStatus int
		wantCode   string
	}{
		{"a pending order", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":5}`, palito.ID, undelivered[order.Pending]), 409, "review_not_allowed"},
		{"a paid order", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":5}`, palito.ID, undelivered[order.Paid]), 409, "review_not_allowed"},
		{"a ready order", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":5}`, palito.ID, undelivered[order.Ready]), 409, "review_not_allowed"},
		{"a canceled order", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":5}`, palito.ID, undelivered[order.Canceled]), 409, "review_not_allowed"},
		{"a product not in the order", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":5}`, bunuelo.ID, delivered), 409, "review_not_allowed"},
		{"someone else's order", luis.token, fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":5}`, palito.ID, delivered), 404, "not_found"},
		{"an unknown order", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":"665f1c2e8b3a4d0012345678","rating":5}`, palito.ID), 404, "not_found"},
		{"anonymous", "", fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":5}`, palito.ID, delivered), 401, "unauthenticated"},
		{"rating 0", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":0}`, palito.ID, delivered), 400, "validation_failed"},
		{"rating 6", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":6}`, palito.ID, delivered), 400, "validation_failed"},
		{"rating 4.5", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":4.5}`, palito.ID, delivered), 400, "validation_failed"},
		{"rating as text", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":"5"}`, palito.ID, delivered), 400, "validation_failed"},
		{"no rating", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":%q}`, palito.ID, delivered), 400, "validation_failed"},
		{"a comment over 500 characters", ana.token, fmt.Sprintf(`{"productId":%q,"orderId":%q,"rating":5,"comment":%q}`, palito.ID, delivered, strings.Repeat("ñ", 501)), 400, "validation_failed"},
		{"no product", ana.token, fmt.Sprintf(`{"orderId":%q,"rating":5}`, delivered), 400, "validation_failed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := env.Do(http.MethodPost, "/api/reviews", tt.as, "application/json", strings.NewReader(tt.body))
			if res.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.wantStatus, body)
			}
			if p := apitest.Problem(t, res.StatusCode, res.Header.Get("Content-Type"), body); p.Code != tt.wantCode {
				t.Fatalf("code %q, want %q", p.Code, tt.wantCode)
			}
		})
	}
	if avg, n := rating(t, env, palito.ID); avg != 0 || n != 0 {
		t.Fatalf("refused reviews must not count: %v over %d", avg, n)
	}
	// The delivered order's buyer may; a 500-character comment is fine.
	res, _ := ana.client.CreateReviewWithResponse(ctx, reviewBody(palito.ID, delivered, 5, strings.Repeat("ñ", 500)))
	if res.JSON201 == nil {
		t.Fatalf("the buyer's review: %d %s", res.StatusCode(), res.Body)
	}
}

func TestPostingAgainEditsTheReviewAndTheAverageFollows(t *testing.T) {
	env := apitest.New(t)
	palito := newProduct(t, env, "Palito de queso", 250000, 50)
	ana := newShopper(t, env, "ana@correo.test", "Ana María Gómez")
	first := moveTo(t, env, placeOrder(t, env, ana, "", item{palito, 2}), order.Delivered).IDHex()
	second := moveTo(t, env, placeOrder(t, env, ana, "", item{palito, 1}), order.Delivered).IDHex()

	created, _ := ana.client.CreateReviewWithResponse(ctx, reviewBody(palito.ID, first, 5, "  ¡Los mejores!  "))
	if created.JSON201 == nil {
		t.Fatalf("create: %d %s", created.StatusCode(), created.Body)
	}
	r := created.JSON201
	if r.AuthorName != "Ana G." || r.Comment != "¡Los mejores!" || r.Rating != 5 || r.UserId != ana.id || r.OrderId != first {
		t.Fatalf("review = %+v", r)
	}
	if avg, n := rating(t, env, palito.ID); avg != 5 || n != 1 {
		t.Fatalf("after one review: %v over %d", avg, n)
	}

	edited, _ := ana.client.CreateReviewWithResponse(ctx, reviewBody(palito.ID, first, 3, "Bien"))
	if edited.JSON200 == nil || edited.JSON200.Id != r.Id || edited.JSON200.Rating != 3 || edited.JSON200.Comment != "Bien" {
		t.Fatalf("posting again edits (200, same review): %d %s", edited.StatusCode(), edited.Body)
	}
	if avg, n := rating(t, env, palito.ID); avg != 3 || n != 1 {
		t.Fatalf("after the edit: %v over %d", avg, n)
	}

	// The same product in another delivered order is another review.
	other, _ := ana.client.CreateReviewWithResponse(ctx, reviewBody(palito.ID, second, 4, ""))
	if other.JSON201 == nil {
		t.Fatalf("second order: %d %s", other.StatusCode(), other.Body)
	}
	if avg, n := rating(t, env, palito.ID); avg != 3.5 || n != 2 {
		t.Fatalf("two reviews: %v over %d", avg, n)
	}

	luis := newShopper(t, env, "luis@correo.test", "Luis")
	if res, _ := luis.client.DeleteReviewWithResponse(ctx, r.Id); res.StatusCode() != 404 {
		t.Fatalf("another customer deleting: %d", res.StatusCode())
	}
	if res, _ := ana.client.DeleteReviewWithResponse(ctx, r.Id); res.StatusCode() != 204 {
		t.Fatalf("author deleting: %d %s", res.StatusCode(), res.Body)
	}
	if avg, n := rating(t, env, palito.ID); avg != 4 || n != 1 {
		t.Fatalf("after deleting the 3: %v over %d", avg, n)
	}
	if res, _ := ana.client.DeleteReviewWithResponse(ctx, r.Id); res.StatusCode() != 404 {
		t.Fatalf("deleting twice: %d", res.StatusCode())
	}
	admin := env.Client(env.Token("admin@donpalito.test", auth.RoleAdmin))
	if res, _ := admin.DeleteReviewWithResponse(ctx, other.JSON201.Id); res.StatusCode() != 204 {
		t.Fatalf("admin deleting: %d %s", res.StatusCode(), res.Body)
	}
	if avg, n := rating(t, env, palito.ID); avg != 0 || n != 0 {
		t.Fatalf("no reviews left: %v over %d", avg, n)
	}
	// Deleted reviews can be written again, as new ones.
	again, _ := ana.client.CreateReviewWithResponse(ctx, reviewBody(palito.ID, first, 2, ""))
	if again.JSON201 == nil {
		t.Fatalf("after deletion a post creates: %d %s", again.StatusCode(), again.Body)
	}
	if avg, n := rating(t, env, palito.ID); avg != 2 || n != 1 {
		t.Fatalf("re-created: %v over %d", avg, n)
	}
}

func TestConcurrentReviewsKeepTheAverageAndCountExact(t *testing.T) {
	env := apitest.New(t)
	palito := newProduct(t, env, "Palito de queso", 250000, 100)
	type job struct {
		s     shopper
		order string
	}
	var jobs []job
	for i := range 10 {
		s := newShopper(t, env, fmt.Sprintf("cliente%d@correo.test", i), fmt.Sprintf("Cliente %d", i))
		jobs = append(jobs, job{s, moveTo(t, env, placeOrder(t, env, s, "", item{palito, 1}), order.Delivered).IDHex()})
	}
	// One more buyer sends five different ratings of one review at once.
	eager := newShopper(t, env, "eager@correo.test", "Eager")
	eagerOrder := moveTo(t, env, placeOrder(t, env, eager, "", item{palito, 1}), order.Delivered).IDHex()

	start := make(chan struct{})
	var wg sync.WaitGroup
	statuses := make(chan int, 15)
	for i, j := range jobs {
		wg.Go(func() {
			<-start
			res, err := j.s.client.CreateReviewWithResponse(ctx, reviewBody(palito.ID, j.order, i%5+1, ""))
			if err != nil {
				t.Error(err)
				return
			}
			statuses <- res.StatusCode()
		})
	}
	for r := 1; r <= 5; r++ {
		wg.Go(func() {
			<-start
			res, err := eager.client.CreateReviewWithResponse(ctx, reviewBody(palito.ID, eagerOrder, r, ""))
			if err != nil {
				t.Error(err)
				return
			}
			statuses <- res.StatusCode()
		})
	}
	close(start)
	wg.Wait()
	close(statuses)
	created, edited := 0, 0
	for s := range statuses {
		switch s {
		case 201:
			created++
		case 200:
			edited++
		default:
			t.Errorf("unexpected status %d", s)
		}
	}
	if created != 11 || edited != 4 {
		t.Fatalf("want 11 reviews created and 4 edits, got %d and %d", created, edited)
	}

	list, _ := env.Client("").ListProductReviewsWithResponse(ctx, palito.ID, &sdk.ListProductReviewsParams{Limit: ptr(100)})
	if list.JSON200 == nil || list.JSON200.Total != 11 {
		t.Fatalf("one review per buyer and order: %s", list.Body)
	}
	sum := 0
	for _, r := range list.JSON200.Items {
		sum += r.Rating
	}
	avg, n := rating(t, env, palito.ID)
	// The ten buyers rated 1..5 twice (sum 30); the eager one's final rating
	// is whichever write came last.
	if n != 11 || sum < 31 || sum > 35 || math.Abs(avg-float64(sum)/11) > 1e-9 {
		t.Fatalf("product says %v over %d; the reviews sum to %d over %d", avg, n, sum, len(list.JSON200.Items))
	}
}

func TestProductReviewsArePublicNewestFirstAndPaged(t *testing.T) {
	env := apitest.New(t)
	palito := newProduct(t, env, "Palito de queso", 250000, 50)
	var ids []string
	for i, name := range []string{"Ana Gómez", "Luis", "María del Mar Ríos"} {
		s := newShopper(t, env, fmt.Sprintf("c%d@correo.test", i), name)
		o := moveTo(t, env, placeOrder(t, env, s, "", item{palito, 1}), order.Delivered)
		res, _ := s.client.CreateReviewWithResponse(ctx, reviewBody(palito.ID, o.IDHex(), 5-i, fmt.Sprintf("Comentario %d", i)))
		if res.JSON201 == nil {
			t.Fatalf("review: %s", res.Body)
		}
		ids = append(ids, res.JSON201.Id)
	}
	anon := env.Client("")
	p1, _ := anon.ListProductReviewsWithResponse(ctx, palito.ID, &sdk.ListProductReviewsParams{Limit: ptr(2)})
	if p1.JSON200 == nil || p1.JSON200.Total != 3 || len(p1.JSON200.Items) != 2 ||
		p1.JSON200.Items[0].Id != ids[2] || p1.JSON200.Items[1].Id != ids[1] {
		t.Fatalf("first page, newest first: %s", p1.Body)
	}
	if got := p1.JSON200.Items[0].AuthorName; got != "María R." {
		t.Fatalf("display name %q", got)
	}
	if strings.Contains(string(p1.Body), "@correo.test") {
		t.Fatal("reviews must not show emails")
	}
	p2, _ := anon.ListProductReviewsWithResponse(ctx, palito.ID, &sdk.ListProductReviewsParams{Limit: ptr(2), Page: ptr(2)})
	if p2.JSON200 == nil || len(p2.JSON200.Items) != 1 || p2.JSON200.Items[0].Id != ids[0] || p2.JSON200.Page != 2 {
		t.Fatalf("second page: %s", p2.Body)
	}
	if res, _ := anon.ListProductReviewsWithResponse(ctx, "665f1c2e8b3a4d0012345678", nil); res.StatusCode() != 404 {
		t.Fatalf("unknown product: %d", res.StatusCode())
	}
	if res, _ := env.Do(http.MethodGet, "/api/products/"+palito.ID+"/reviews?limit=101", "", "", nil); res.StatusCode != 400 {
		t.Fatalf("limit 101: %d", res.StatusCode)
	}
}
