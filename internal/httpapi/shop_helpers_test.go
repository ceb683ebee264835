package httpapi_test

import (
	"testing"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/sdk"
)

// Orders are made through the order domain here: the checkout and admin
// order endpoints are built in another branch. Everything else goes through
// the HTTP API.

// shopper is a signed-in customer.
type shopper struct {
	token  string
	id     string
	client *sdk.ClientWithResponses
}

func newShopper(t *testing.T, env *apitest.Env, email, name string) shopper {
	t.Helper()
	role := sdk.RoleCustomer
	res, err := env.Client("").CreateDevTokenWithResponse(ctx, sdk.CreateDevTokenJSONRequestBody{
		Email: openapi_types.Email(email), Name: &name, Role: &role})
	if err != nil || res.JSON200 == nil {
		t.Fatalf("dev token for %s: %v", email, err)
	}
	c := env.Client(res.JSON200.Token)
	me, err := c.GetMeWithResponse(ctx)
	if err != nil || me.JSON200 == nil {
		t.Fatalf("me: %v", err)
	}
	return shopper{token: res.JSON200.Token, id: me.JSON200.Id, client: c}
}

// setDocument gives a shopper an identity document (the profile endpoint is
// built in another branch).
func setDocument(t *testing.T, env *apitest.Env, s shopper, kind, number string) {
	t.Helper()
	oid, _ := bson.ObjectIDFromHex(s.id)
	if _, err := env.App.Store.DB.Collection("users").UpdateOne(ctx, bson.D{{"_id", oid}},
		bson.D{{"$set", bson.D{{"documentType", kind}, {"documentNumber", number}}}}); err != nil {
		t.Fatal(err)
	}
}

func newProduct(t *testing.T, env *apitest.Env, name string, price int64, stock int) catalog.Product {
	t.Helper()
	p, err := env.App.Catalog.Create(ctx, catalog.NewProduct{
		Name: name, Description: "Hecho en Sabaneta", Category: "Palitos", Price: price, Stock: stock, Active: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type item struct {
	product catalog.Product
	qty     int
}

// placeOrder fills the shopper's cart and checks it out by bank transfer.
func placeOrder(t *testing.T, env *apitest.Env, s shopper, couponCode string, items ...item) order.Order {
	t.Helper()
	for _, it := range items {
		if err := env.App.Carts.Add(ctx, s.id, it.product.ID, it.qty); err != nil {
			t.Fatalf("add %s to the cart: %v", it.product.Name, err)
		}
	}
	o, err := env.App.Orders.Place(ctx, order.Checkout{
		UserID: s.id, CouponCode: couponCode, PaymentMethod: order.Transfer,
		Address: &order.Address{FullName: "Ana Gómez", StreetAddress: "Calle 10 # 43-12", City: "Medellín", PhoneNumber: "3001234567"},
	})
	if err != nil {
		t.Fatalf("checkout: %v", err)
	}
	return o
}

// lifecycle is the way from pending to each status.
var lifecycle = map[order.Status][]order.Status{
	order.Pending:       nil,
	order.Paid:          {order.Paid},
	order.InPreparation: {order.Paid, order.InPreparation},
	order.Ready:         {order.Paid, order.InPreparation, order.Ready},
	order.Delivered:     {order.Paid, order.InPreparation, order.Ready, order.Delivered},
	order.Canceled:      {order.Canceled},
	order.Rejected:      {order.Rejected},
}

// moveTo walks a pending order along the lifecycle to status, as the admin.
func moveTo(t *testing.T, env *apitest.Env, o order.Order, status order.Status) order.Order {
	t.Helper()
	for _, next := range lifecycle[status] {
		var err error
		o, err = env.App.Orders.Transition(ctx, o.IDHex(), order.Move{To: next, Actor: order.ActorAdmin})
		if err != nil {
			t.Fatalf("move order to %s: %v", next, err)
		}
	}
	return o
}

// backdate moves an order's creation and payment into the past.
func backdate(t *testing.T, env *apitest.Env, o order.Order, by time.Duration) order.Order {
	t.Helper()
	set := bson.D{{"createdAt", o.CreatedAt.Add(-by)}}
	if o.PaidAt != nil {
		set = append(set, bson.E{"paidAt", o.PaidAt.Add(-by)})
	}
	if _, err := env.App.Store.DB.Collection("orders").UpdateOne(ctx, bson.D{{"_id", o.ID}}, bson.D{{"$set", set}}); err != nil {
		t.Fatal(err)
	}
	if err := env.App.Orders.Refresh(ctx, o.IDHex()); err != nil {
		t.Fatal(err)
	}
	o, err := env.App.Orders.Get(ctx, o.IDHex())
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func date(t time.Time) *openapi_types.Date { return &openapi_types.Date{Time: t} }
