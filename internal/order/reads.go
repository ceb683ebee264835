package order

import (
	"context"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// Reads is the storage behind the admin's views of orders: the list with its
// filters and search, the export's stream and the figures the dashboard
// needs. Each database gets the implementation it serves well: MongoDB runs
// the queries on its indexes (MongoReads), the embedded FerretDB, which
// scans the whole collection for any filter but _id, answers from an
// in-memory index kept by this process (MemoryReads). The service tells the
// reads about every order it writes, under the order's lock, so writes to
// one order reach them in the order they were made.
type Reads interface {
	// Load prepares the reads before the platform serves.
	Load(ctx context.Context) error
	// List returns the page of orders q selects, newest first. q is valid
	// and its paging normalised.
	List(ctx context.Context, q Query) (Page, error)
	// Each calls f for every order q selects (paging ignored), newest first,
	// reading them one at a time.
	Each(ctx context.Context, q Query, f func(Order) error) error
	// EachPaid calls f for every order paid in [start, end) that is still
	// paid or further along, latest payment first.
	EachPaid(ctx context.Context, start, end time.Time, f func(PaidOrder) error) error
	// CountCreated counts the orders created in [start, end) by status.
	CountCreated(ctx context.Context, start, end time.Time) (map[Status]int, error)
	// Expired lists the pending orders whose hold ended at or before now.
	Expired(ctx context.Context, now time.Time) ([]bson.ObjectID, error)
	// RefundsPending lists up to limit orders canceled before `before`
	// whose refund is still pending.
	RefundsPending(ctx context.Context, before time.Time, limit int) ([]Order, error)
	// UserOrders lists the ids of a customer's orders, oldest first.
	UserOrders(ctx context.Context, userID string) ([]bson.ObjectID, error)
	// Stored says o is now stored as given; Gone says the order id is not
	// stored (a write that failed may have left either).
	Stored(o Order)
	Gone(id bson.ObjectID)
	// Unsure says an order's stored state could not be read back after a
	// write: reads kept in memory may be stale.
	Unsure()
}

// PaidOrder is what the dashboard's figures need of a paid order.
type PaidOrder struct {
	Total  int64      `bson:"total"`
	PaidAt time.Time  `bson:"paidAt"`
	Lines  []PaidLine `bson:"lines"`
}

// PaidLine is one line of a paid order, as the figures need it.
type PaidLine struct {
	ProductID string `bson:"productId"`
	Name      string `bson:"name"`
	Quantity  int    `bson:"quantity"`
	LineTotal int64  `bson:"lineTotal"`
}

// selection is a valid Query in the form the in-memory reads evaluate.
type selection struct {
	userID string
	status Status
	method PaymentMethod
	// start and end bound createdAt in Unix milliseconds (what the database
	// stores); 0 leaves a side open.
	start, end int64
	// ref is the 8-character reference searched; when set, term is unused.
	ref string
	// term is the lower-cased search of the customer's name and email; id
	// matches the order itself when the term is one.
	term  string
	id    bson.ObjectID
	hasID bool
}

// referenceTerm returns the reference q searches ("" when its term is not
// one): eight hexadecimal characters are always read as a reference.
func referenceTerm(q string) string {
	if ref := strings.ToUpper(strings.TrimSpace(q)); len(ref) == 8 && isHex(ref) {
		return ref
	}
	return ""
}

func (q Query) selection() (selection, error) {
	if _, err := q.filter(); err != nil {
		return selection{}, err
	}
	sel := selection{userID: q.UserID, status: q.Status, method: q.PaymentMethod}
	start, end, _ := DayRange(q.From, q.To)
	if !start.IsZero() {
		sel.start = start.UnixMilli()
	}
	if !end.IsZero() {
		sel.end = end.UnixMilli()
	}
	if sel.ref = referenceTerm(q.Q); sel.ref != "" {
		return sel, nil
	}
	term := strings.TrimSpace(q.Q)
	sel.term = strings.ToLower(term)
	if oid, err := bson.ObjectIDFromHex(term); err == nil {
		sel.id, sel.hasID = oid, true
	}
	return sel, nil
}

// reference is the last 8 characters of id's hex form, upper-cased, as
// Order.Reference gives it.
func reference(id bson.ObjectID) string {
	h := id.Hex()
	return strings.ToUpper(h[len(h)-8:])
}
