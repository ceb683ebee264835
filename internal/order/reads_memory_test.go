package order

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// The order index may be built while the shop serves: orders created,
// changed and removed between the scan and its end are in the index exactly
// as a scan after them finds them, and queries wait for it until then.
func TestOrdersWrittenWhileTheIndexIsBuiltAreInIt(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	st := storetest.Store(t)
	coll := st.DB.Collection(ordersCollection)
	base := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	newOrder := func(i int, status Status) Order {
		o := Order{ID: bson.NewObjectID(), UserID: fmt.Sprintf("user-%d", i%7),
			Customer: Customer{Name: fmt.Sprintf("Cliente %d", i), Email: fmt.Sprintf("cliente%d@donpalito.test", i)},
			Lines:    []Line{{ProductID: "p1", Name: "Palito", Quantity: 1 + i%3, LineTotal: 1000}},
			Total:    1000 * int64(1+i%3), Status: status, PaymentMethod: Transfer, CreatedAt: base.Add(time.Duration(i) * time.Hour)}
		if status == Paid {
			at := o.CreatedAt.Add(time.Minute)
			o.PaidAt = &at
		}
		return o
	}
	var orders []Order
	for i := range 40 {
		o := newOrder(i, []Status{Pending, Paid}[i%2])
		if _, err := coll.InsertOne(ctx, o); err != nil {
			t.Fatal(err)
		}
		orders = append(orders, o)
	}

	m := NewMemoryReads(st)
	short, stop := context.WithTimeout(ctx, 50*time.Millisecond)
	defer stop()
	if _, err := m.CountCreated(short, base, base.AddDate(0, 1, 0)); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a query before the index is built answered (err %v); it must wait", err)
	}

	// Between the scan and its end the service writes as it does while
	// serving: the database first, then Stored or Gone.
	m.scanned = func() {
		paid := orders[0]
		at := paid.CreatedAt.Add(2 * time.Minute)
		paid.Status, paid.PaidAt = Paid, &at
		if _, err := coll.ReplaceOne(ctx, bson.D{{"_id", paid.ID}}, paid); err != nil {
			t.Error(err)
		}
		m.Stored(paid)
		added := newOrder(100, Pending)
		if _, err := coll.InsertOne(ctx, added); err != nil {
			t.Error(err)
		}
		m.Stored(added)
		if _, err := coll.DeleteOne(ctx, bson.D{{"_id", orders[1].ID}}); err != nil {
			t.Error(err)
		}
		m.Gone(orders[1].ID)
	}
	if err := m.Load(ctx); err != nil {
		t.Fatal(err)
	}

	scan := NewMemoryReads(st)
	if err := scan.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if len(m.newest) != len(scan.newest) {
		t.Fatalf("the index holds %d orders, a scan after the writes finds %d", len(m.newest), len(scan.newest))
	}
	for i, sm := range m.newest {
		want := scan.newest[i]
		if fmt.Sprint(*sm) != fmt.Sprint(*want) {
			t.Errorf("order %d in the index:\n %+v\nwant %+v", i, *sm, *want)
		}
	}
	// A customer's orders, oldest first, as the database's own query finds them.
	for _, user := range []string{"user-0", "user-3", "nobody"} {
		got, err := m.UserOrders(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		want, err := NewMongoReads(st).UserOrders(ctx, user)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s's orders: %v, want %v", user, got, want)
		}
		if user != "nobody" && len(got) < 5 {
			t.Errorf("%s has %d orders; the test means to compare several", user, len(got))
		}
	}
	counts, err := m.CountCreated(ctx, base, base.AddDate(0, 1, 0))
	if err != nil {
		t.Fatal(err)
	}
	if counts[Paid] != 20 || counts[Pending] != 20 {
		t.Errorf("counts %v, want 20 paid (20 − 1 removed + 1 paid meanwhile) and 20 pending (20 − 1 paid + 1 new)", counts)
	}
}
