// Package shop builds a large shop in a store with the server's own code and
// types; internal/tools/seedshop is its command. See that command for what is
// written and why.
package shop

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/cart"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/config"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/events"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/store"
)

// Options size the shop.
type Options struct {
	Products  int
	Customers int
	Orders    int
	Months    int
	EventDays int
	Seed      uint64
	Workers   int
	Now       time.Time
}

// Summary is what was written, for the caller (and the tests) to check the
// server's lists against.
type Summary struct {
	Products       int
	ActiveProducts int
	Customers      int
	Orders         int
	ByStatus       map[order.Status]int
	Events         int
	Reservations   int
	ProductIDs     []string
	CustomerIDs    []string
	OrderIDs       []string
	NewestOrderRef string
}

// Seed builds the shop described by o in st, with the server's
// configuration cfg (currency, shipping, tax, holds: the totals are those its
// checkout would have computed). Progress goes to progress. st must hold no
// shop yet and no server may use it meanwhile.
func Seed(ctx context.Context, st *store.Store, cfg config.Config, o Options, progress io.Writer) (Summary, error) {
	if o.Now.IsZero() {
		o.Now = time.Now().UTC()
	}
	if o.Products < 1 || o.Customers < 1 || o.Orders < 0 || o.Months < 1 {
		return Summary{}, errors.New("products, customers and months must be positive, orders not negative")
	}
	if o.Workers < 1 {
		o.Workers = 4
	}
	if o.EventDays < 0 {
		o.EventDays = 0
	}
	s := &seeder{o: o, cfg: cfg, st: st, out: progress, rnd: rand.New(rand.NewPCG(o.Seed, o.Seed^0x5eed))}
	return s.seed(ctx)
}

type seeder struct {
	o   Options
	cfg config.Config
	st  *store.Store
	out io.Writer
	rnd *rand.Rand

	catalog   *catalog.Service
	products  []catalog.Product
	customers []customer.User
	orders    []*order.Order
	idCounter uint32
	counters  map[int]int64
	sum       Summary
}

func (s *seeder) progress(format string, args ...any) {
	fmt.Fprintf(s.out, "seedshop: "+format+"\n", args...)
}

func (s *seeder) seed(ctx context.Context) (Summary, error) {
	n, err := s.st.DB.Collection("orders").EstimatedDocumentCount(ctx)
	if err != nil {
		return Summary{}, fmt.Errorf("count existing orders: %w", err)
	}
	p, err := s.st.DB.Collection("products").EstimatedDocumentCount(ctx)
	if err != nil {
		return Summary{}, fmt.Errorf("count existing products: %w", err)
	}
	if n > 0 || p > 0 {
		return Summary{}, fmt.Errorf("the database already holds %d products and %d orders; seed an empty data directory", p, n)
	}
	s.sum.ByStatus = map[order.Status]int{}
	start := time.Now()
	steps := []struct {
		name string
		f    func(context.Context) error
	}{
		{"products", s.seedProducts},
		{"customers", s.seedCustomers},
		{"orders", s.seedOrders},
		{"reservations", s.seedReservations},
		{"events", s.seedEvents},
		{"indexes", s.ensureIndexes},
	}
	for _, step := range steps {
		t := time.Now()
		if err := step.f(ctx); err != nil {
			return Summary{}, fmt.Errorf("%s: %w", step.name, err)
		}
		s.progress("%s done in %s", step.name, time.Since(t).Round(time.Millisecond))
	}
	// The catalog bumps its shared version a moment after the last change.
	time.Sleep(2 * s.catalog.FlushDelay)
	s.progress("shop ready in %s: %d products, %d customers, %d orders %v, %d reservations, %d events",
		time.Since(start).Round(time.Millisecond), s.sum.Products, s.sum.Customers, s.sum.Orders, s.sum.ByStatus,
		s.sum.Reservations, s.sum.Events)
	return s.sum, nil
}

// span is the history the shop has: from its opening to now.
func (s *seeder) opening() time.Time { return s.o.Now.AddDate(0, -s.o.Months, 0) }

// growthTime picks a moment in the history, more often recent: the shop
// grows, so its activity density rises exponentially (e^1.5 ≈ 4.5 times more
// orders per day now than at opening).
func (s *seeder) growthTime() time.Time {
	const g = 1.5
	x := math.Log(1+s.rnd.Float64()*(math.Exp(g)-1)) / g
	span := s.o.Now.Sub(s.opening())
	return s.opening().Add(time.Duration(x * float64(span)))
}

// newID is an ObjectID for a document made at t: the time in its first
// bytes like the driver's, then random bytes and a counter, so the last
// eight hex digits (an order's reference) never repeat within a run.
func (s *seeder) newID(t time.Time) bson.ObjectID {
	var id bson.ObjectID
	sec := uint32(t.Unix())
	id[0], id[1], id[2], id[3] = byte(sec>>24), byte(sec>>16), byte(sec>>8), byte(sec)
	for i := 4; i < 9; i++ {
		id[i] = byte(s.rnd.Uint32())
	}
	s.idCounter++
	c := s.idCounter
	id[9], id[10], id[11] = byte(c>>16), byte(c>>8), byte(c)
	return id
}

var (
	productKinds = []string{"Palito de queso", "Palito de bocadillo", "Palito mixto", "Empanada", "Pastel de pollo",
		"Buñuelo", "Pandebono", "Almojábana", "Croissant", "Torta de queso", "Arepa de choclo", "Dedito de queso"}
	productStyles = []string{"clásico", "premium", "coctel", "familiar", "integral", "sin azúcar", "picante",
		"con arequipe", "con guayaba", "gratinado", "horneado", "congelado"}
	categories = []string{"Palitos", "Panadería", "Pastelería", "Congelados", "Combos", "Bebidas", "Postres"}
	firstNames = []string{"Ana", "Carlos", "María", "Juan", "Luisa", "Andrés", "Camila", "Santiago", "Valentina",
		"Felipe", "Daniela", "Sebastián", "Laura", "Mateo", "Paula", "Nicolás", "Sofía", "Julián", "Isabela", "Diego",
		"Natalia", "Alejandro", "Mariana", "Jorge", "Catalina", "Óscar", "Lucía", "Tomás", "Gabriela", "Manuel"}
	lastNames = []string{"Gómez", "Rodríguez", "Martínez", "López", "García", "Pérez", "Hernández", "Sánchez",
		"Ramírez", "Torres", "Díaz", "Vargas", "Moreno", "Rojas", "Castro", "Ortiz", "Jiménez", "Muñoz", "Ruiz",
		"Álvarez", "Romero", "Suárez", "Quintero", "Restrepo", "Ospina", "Zapata", "Cardona", "Londoño"}
	cities = []string{"Bogotá", "Medellín", "Cali", "Barranquilla", "Bucaramanga", "Pereira", "Manizales", "Cartagena"}
)

func ascii(s string) string {
	r := strings.NewReplacer("á", "a", "é", "e", "í", "i", "ó", "o", "ú", "u", "ñ", "n", "Á", "a", "É", "e", "Í", "i",
		"Ó", "o", "Ú", "u", "Ñ", "n", " ", "")
	return strings.ToLower(r.Replace(s))
}

func (s *seeder) seedProducts(ctx context.Context) error {
	// The same product store the platform wires for this database's mode.
	products := catalog.NewMongoStore(s.st)
	if s.st.Embedded {
		products = catalog.NewEmbeddedStore(s.st)
	}
	s.catalog = catalog.NewService(products, nil, s.cfg.Currency, slog.New(slog.NewTextHandler(s.out, &slog.HandlerOptions{Level: slog.LevelWarn})))
	s.catalog.BaseURL = s.cfg.PublicBaseURL
	if err := s.catalog.Load(ctx); err != nil {
		return err
	}
	// Every product was created when the shop opened.
	opened := s.opening()
	s.catalog.SetClock(func() time.Time { return opened })
	news := make([]catalog.NewProduct, s.o.Products)
	for i := range news {
		kind, style := productKinds[s.rnd.IntN(len(productKinds))], productStyles[s.rnd.IntN(len(productStyles))]
		news[i] = catalog.NewProduct{
			Name:        fmt.Sprintf("%s %s %d", kind, style, i+1),
			Description: fmt.Sprintf("%s %s, hecho en Don Palito Jr. Referencia %d.", kind, style, i+1),
			Category:    categories[s.rnd.IntN(len(categories))],
			// 1.500 – 30.000 COP, in minor units, rounded to 100 pesos.
			Price:  int64(15+s.rnd.IntN(286)) * 10000,
			Stock:  300 + s.rnd.IntN(700),
			Active: s.rnd.IntN(100) < 95 || i == 0,
		}
	}
	s.products = make([]catalog.Product, len(news))
	var (
		next, done atomic.Int64
		wg         sync.WaitGroup
		firstErr   error
		errMu      sync.Mutex
	)
	for range s.o.Workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(news) || ctx.Err() != nil {
					return
				}
				p, err := s.catalog.Create(ctx, news[i])
				if err != nil {
					errMu.Lock()
					firstErr = errors.Join(firstErr, err)
					errMu.Unlock()
					next.Store(int64(len(news)))
					return
				}
				s.products[i] = p
				if d := done.Add(1); d%2000 == 0 {
					s.progress("products: %d/%d", d, len(news))
				}
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	for _, p := range s.products {
		s.sum.ProductIDs = append(s.sum.ProductIDs, p.ID)
		if p.Active {
			s.sum.ActiveProducts++
		}
	}
	s.sum.Products = len(s.products)
	return nil
}

func (s *seeder) seedCustomers(ctx context.Context) error {
	// The same user store the platform wires for this database's mode.
	accounts := customer.NewMongoStore(s.st)
	if s.st.Embedded {
		accounts = customer.NewEmbeddedStore(s.st)
	}
	svc := customer.NewService(accounts, nil)
	users := make([]customer.User, s.o.Customers)
	for i := range users {
		first, last := firstNames[s.rnd.IntN(len(firstNames))], lastNames[s.rnd.IntN(len(lastNames))]
		second := lastNames[s.rnd.IntN(len(lastNames))]
		name := first + " " + last + " " + second
		created := s.growthTime()
		phone := fmt.Sprintf("3%09d", s.rnd.IntN(1_000_000_000))
		users[i] = customer.User{
			ClerkID: fmt.Sprintf("seed:customer:%d", i+1),
			Email:   fmt.Sprintf("%s.%s.%d@correo.test", ascii(first), ascii(last), i+1),
			Name:    name, Role: auth.RoleCustomer, IsActive: s.rnd.IntN(100) >= 2,
			Phone: phone, DocumentType: customer.CedulaCiudadania,
			DocumentNumber:     fmt.Sprintf("%d", 10_000_000+s.rnd.IntN(1_190_000_000)),
			EmailNotifications: true, MarketingEmails: s.rnd.IntN(3) == 0,
			Addresses: []customer.Address{{
				ID: s.newID(created).Hex(), Label: "Casa", FullName: name,
				StreetAddress: fmt.Sprintf("Calle %d # %d-%d", 1+s.rnd.IntN(150), 1+s.rnd.IntN(99), 1+s.rnd.IntN(99)),
				City:          cities[s.rnd.IntN(len(cities))], PhoneNumber: phone, IsDefault: true,
				CreatedAt: created, UpdatedAt: created,
			}},
			CreatedAt: created, UpdatedAt: created,
		}
	}
	// Oldest first, so an order's customer is picked among those who had an
	// account by then.
	slices.SortFunc(users, func(a, b customer.User) int { return a.CreatedAt.Compare(b.CreatedAt) })
	s.customers = make([]customer.User, 0, len(users))
	for from := 0; from < len(users); from += 1000 {
		batch, err := svc.Import(ctx, users[from:min(from+1000, len(users))])
		if err != nil {
			return err
		}
		s.customers = append(s.customers, batch...)
		if len(s.customers)%5000 == 0 {
			s.progress("customers: %d/%d", len(s.customers), len(users))
		}
	}
	for _, u := range s.customers {
		s.sum.CustomerIDs = append(s.sum.CustomerIDs, u.ID)
	}
	s.sum.Customers = len(s.customers)
	return nil
}

// lifecycle is the path an order took, after pending.
func (s *seeder) lifecycle(age time.Duration, method order.PaymentMethod) []order.Status {
	hold := s.cfg.OrderHoldTransfer
	if method == order.Card {
		hold = s.cfg.OrderHoldCard
	}
	r := s.rnd.IntN(100)
	switch {
	case age < hold && r < 60:
		return nil // still pending
	case age < 24*time.Hour:
		switch {
		case r < 35:
			return []order.Status{order.Paid}
		case r < 65:
			return []order.Status{order.Paid, order.InPreparation}
		case r < 85:
			return []order.Status{order.Paid, order.InPreparation, order.Ready}
		case r < 95:
			return []order.Status{order.Canceled}
		}
		return []order.Status{order.Rejected}
	case age < 72*time.Hour:
		switch {
		case r < 10:
			return []order.Status{order.Paid, order.InPreparation}
		case r < 35:
			return []order.Status{order.Paid, order.InPreparation, order.Ready}
		case r < 90:
			return []order.Status{order.Paid, order.InPreparation, order.Ready, order.Delivered}
		case r < 97:
			return []order.Status{order.Canceled}
		}
		return []order.Status{order.Rejected}
	}
	switch {
	case r < 85:
		return []order.Status{order.Paid, order.InPreparation, order.Ready, order.Delivered}
	case r < 93:
		return []order.Status{order.Canceled}
	case r < 96:
		return []order.Status{order.Paid, order.Canceled}
	}
	return []order.Status{order.Rejected}
}

// forced are the newest orders' paths: every status exists whatever the
// sizes, and the newest order is pending.
var forced = [][]order.Status{
	{order.Paid, order.InPreparation, order.Ready, order.Delivered},
	{order.Rejected},
	{order.Paid, order.Canceled},
	{order.Paid, order.InPreparation, order.Ready},
	{order.Paid, order.InPreparation},
	{order.Paid},
	nil,
}

func (s *seeder) seedOrders(ctx context.Context) error {
	pricing := cart.Pricing{Currency: s.cfg.Currency, ShippingFee: s.cfg.ShippingFee, TaxRate: s.cfg.TaxRate}
	var active []catalog.Product
	for _, p := range s.products {
		if p.Active {
			active = append(active, p)
		}
	}
	times := make([]time.Time, s.o.Orders)
	for i := range times {
		times[i] = s.growthTime()
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	firstForced := len(times) - len(forced)
	for i := max(firstForced, 0); i < len(times); i++ {
		times[i] = s.o.Now.Add(-time.Duration(len(times)-i) * 7 * time.Minute)
	}
	customerSince := func(t time.Time) int {
		return sort.Search(len(s.customers), func(i int) bool { return s.customers[i].CreatedAt.After(t) })
	}
	pending := map[string]int{}
	s.orders = make([]*order.Order, 0, len(times))
	for i, created := range times {
		k := customerSince(created)
		if k == 0 {
			k = 1 // the first customer opened an account with the shop
		}
		u := s.customers[s.rnd.IntN(k)]
		if u.CreatedAt.After(created) {
			created = u.CreatedAt.Add(time.Minute)
		}
		method := order.Transfer
		if s.rnd.IntN(100) < 60 {
			method = order.Card
		}
		var path []order.Status
		if i >= firstForced && i-firstForced < len(forced) {
			path = forced[i-firstForced]
			if path == nil {
				method = order.Transfer
			}
		} else {
			path = s.lifecycle(s.o.Now.Sub(created), method)
		}
		if path == nil && pending[u.ID] >= max(s.cfg.MaxPendingOrders, 1) {
			path = []order.Status{order.Paid}
		}
		o, err := s.buildOrder(created, u, method, path, active, pricing)
		if err != nil {
			return err
		}
		if o.Status == order.Pending {
			pending[u.ID]++
		}
		s.orders = append(s.orders, o)
	}
	s.numberInvoices()

	byUser := map[string][]string{}
	holds := map[string][]string{}
	docs := make([]any, 0, 1000)
	flush := func() error {
		if len(docs) == 0 {
			return nil
		}
		if _, err := s.st.DB.Collection("orders").InsertMany(ctx, docs, options.InsertMany().SetOrdered(false)); err != nil {
			return fmt.Errorf("insert orders: %w", err)
		}
		docs = docs[:0]
		return nil
	}
	for i, o := range s.orders {
		docs = append(docs, o)
		byUser[o.UserID] = append(byUser[o.UserID], o.IDHex())
		if o.Status == order.Pending {
			holds[o.UserID] = append(holds[o.UserID], o.IDHex())
		}
		s.sum.ByStatus[o.Status]++
		s.sum.OrderIDs = append(s.sum.OrderIDs, o.IDHex())
		if len(docs) == cap(docs) {
			if err := flush(); err != nil {
				return err
			}
		}
		if (i+1)%20000 == 0 {
			s.progress("orders: %d/%d", i+1, len(s.orders))
		}
	}
	if err := flush(); err != nil {
		return err
	}
	s.sum.Orders = len(s.orders)
	if len(s.orders) > 0 {
		s.sum.NewestOrderRef = s.orders[len(s.orders)-1].Reference()
	}
	// Each customer's list of orders (oldest first) and of unpaid ones, as
	// checkout keeps them (order.userOrdersDoc, order.holdsDoc).
	if err := insertLists(ctx, s.st, "user_orders", byUser); err != nil {
		return err
	}
	if s.cfg.MaxPendingOrders > 0 {
		if err := insertLists(ctx, s.st, "order_holds", holds); err != nil {
			return err
		}
	}
	return nil
}

func insertLists(ctx context.Context, st *store.Store, coll string, lists map[string][]string) error {
	docs := make([]any, 0, len(lists))
	for id, ids := range lists {
		docs = append(docs, bson.D{{"_id", id}, {"orders", ids}})
	}
	for from := 0; from < len(docs); from += 1000 {
		if _, err := st.DB.Collection(coll).InsertMany(ctx, docs[from:min(from+1000, len(docs))], options.InsertMany().SetOrdered(false)); err != nil {
			return fmt.Errorf("insert %s: %w", coll, err)
		}
	}
	return nil
}

// buildOrder is the order checkout would have stored at created, moved
// along path afterwards, as order.Service.Transition moves it.
func (s *seeder) buildOrder(created time.Time, u customer.User, method order.PaymentMethod, path []order.Status,
	active []catalog.Product, pricing cart.Pricing) (*order.Order, error) {
	id := s.newID(created)
	var lines []order.Line
	var subtotal int64
	seen := map[string]bool{}
	for range 1 + s.rnd.IntN(4) {
		// A few products sell far more than the rest.
		p := active[int(float64(len(active))*math.Pow(s.rnd.Float64(), 3))]
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		q := 1 + s.rnd.IntN(3)
		l := order.Line{ProductID: p.ID, Name: p.Name, UnitPrice: p.Price, Quantity: q, LineTotal: p.Price * int64(q)}
		lines = append(lines, l)
		subtotal += l.LineTotal
	}
	t, err := pricing.Price(subtotal, 0)
	if err != nil {
		return nil, err
	}
	hold, provider := s.cfg.OrderHoldTransfer, "manual"
	if method == order.Card {
		hold, provider = s.cfg.OrderHoldCard, "simulated"
		if s.cfg.StripeSecretKey != "" {
			provider = "stripe"
		}
	}
	addr := u.Addresses[0]
	expires := created.Add(hold)
	o := &order.Order{
		ID: id, UserID: u.ID,
		Customer: order.Customer{ID: u.ID, Name: u.Name, Email: u.Email, DocumentType: string(u.DocumentType),
			DocumentNumber: u.DocumentNumber, Phone: u.Phone},
		Lines: lines, Subtotal: t.Subtotal, Discount: t.Discount, Shipping: t.Shipping, TaxIncluded: t.TaxIncluded,
		Total: t.Total, Currency: t.Currency,
		Address: order.Address{Label: addr.Label, FullName: addr.FullName, StreetAddress: addr.StreetAddress,
			City: addr.City, PhoneNumber: addr.PhoneNumber, Notes: addr.Notes},
		PaymentMethod: method, Payment: order.Payment{Provider: provider, Status: "pending", Amount: t.Total},
		Status:    order.Pending,
		Timeline:  []order.TimelineEntry{{Status: order.Pending, Actor: order.ActorCustomer, ActorID: u.ID, At: created}},
		ExpiresAt: &expires, CreatedAt: created, UpdatedAt: created, EventSeq: 1,
	}
	if method == order.Card {
		o.Payment.IntentID = "pi_seed_" + id.Hex()
		o.Payment.Attempt = 1
	}
	// The moves happen within the time the order has had, in order.
	room := s.o.Now.Sub(created) - time.Minute
	if len(path) == 1 && (path[0] == order.Canceled) && room > hold && s.rnd.IntN(2) == 0 {
		// Never paid: the sweep canceled it when its hold ran out.
		s.move(o, order.Canceled, created.Add(hold), order.ActorSystem, "", "Expiró sin pago")
		return o, nil
	}
	room = min(room, 72*time.Hour)
	at := make([]time.Duration, len(path))
	for i := range at {
		at[i] = time.Duration(s.rnd.Float64() * float64(room))
	}
	slices.Sort(at)
	for i, to := range path {
		when := created.Add(at[i] + time.Duration(i+1)*time.Second)
		switch {
		case to == order.Paid && method == order.Card:
			s.move(o, to, when, order.ActorPayment, "", "")
		case to == order.Canceled && o.Status == order.Pending && s.rnd.IntN(2) == 0:
			s.move(o, to, when, order.ActorCustomer, u.ID, "Cancelado por el cliente")
		default:
			s.move(o, to, when, order.ActorAdmin, "seed:admin", "")
		}
	}
	return o, nil
}

// move is order.Service.Transition's change of the document.
func (s *seeder) move(o *order.Order, to order.Status, now time.Time, actor order.Actor, actorID, note string) {
	from := o.Status
	o.Status, o.UpdatedAt = to, now
	switch to {
	case order.Paid:
		o.PaidAt, o.ExpiresAt, o.Payment.Status = &now, nil, "succeeded"
	case order.Delivered:
		o.DeliveredAt = &now
	case order.Canceled, order.Rejected:
		o.CanceledAt, o.ExpiresAt = &now, nil
		if from == order.Pending {
			o.Payment.Status = "canceled"
		}
		if o.PaymentMethod == order.Card && o.PaidAt != nil {
			// Refunded by the order.canceled event's handler, long ago.
			o.Payment.RefundStatus, o.Payment.RefundedAmount = "succeeded", o.Total
		}
	}
	o.Timeline = append(o.Timeline, order.TimelineEntry{Status: to, Actor: actor, ActorID: actorID, At: now, Note: note})
	o.EventSeq++
}

// numberInvoices gives every paid order its FV-<year>-<seq> in the order
// they were paid, and records the counters the server continues from.
func (s *seeder) numberInvoices() {
	var paid []*order.Order
	for _, o := range s.orders {
		if o.PaidAt != nil {
			paid = append(paid, o)
		}
	}
	slices.SortFunc(paid, func(a, b *order.Order) int { return a.PaidAt.Compare(*b.PaidAt) })
	seq := map[int]int64{}
	for _, o := range paid {
		year := o.PaidAt.In(coupon.Bogota).Year()
		seq[year]++
		o.InvoiceNumber = fmt.Sprintf("FV-%d-%06d", year, seq[year])
	}
	s.counters = seq
}

func (s *seeder) seedReservations(ctx context.Context) error {
	if len(s.counters) > 0 {
		docs := make([]any, 0, len(s.counters))
		for year, n := range s.counters {
			docs = append(docs, bson.D{{"_id", fmt.Sprintf("invoice:%d", year)}, {"seq", n}})
		}
		if _, err := s.st.DB.Collection("counters").InsertMany(ctx, docs); err != nil {
			return fmt.Errorf("insert invoice counters: %w", err)
		}
	}
	// Orders that may still be canceled hold their stock, as checkout
	// reserved it; the others consumed or gave it back long ago.
	var holding []*order.Order
	for _, o := range s.orders {
		switch o.Status {
		case order.Pending, order.Paid, order.InPreparation:
			holding = append(holding, o)
		}
	}
	var (
		next     atomic.Int64
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
	)
	s.catalog.SetClock(func() time.Time { return s.o.Now })
	for range s.o.Workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= len(holding) || ctx.Err() != nil {
					return
				}
				o := holding[i]
				demand := make([]catalog.Demand, len(o.Lines))
				for j, l := range o.Lines {
					demand[j] = catalog.Demand{ProductID: l.ProductID, Quantity: l.Quantity}
				}
				if err := s.catalog.Reserve(ctx, o.IDHex(), demand); err != nil {
					mu.Lock()
					firstErr = errors.Join(firstErr, fmt.Errorf("reserve stock of order %s: %w", o.IDHex(), err))
					mu.Unlock()
					next.Store(int64(len(holding)))
					return
				}
			}
		})
	}
	wg.Wait()
	s.sum.Reservations = len(holding)
	return firstErr
}

// handlers are the names the server's worker records as done on every
// delivered event (payment's refund handler, then mail's notifier).
var handlers = []string{"refund", "email"}

func (s *seeder) seedEvents(ctx context.Context) error {
	since := s.o.Now.AddDate(0, 0, -s.o.EventDays)
	var docs []any
	add := func(typ, key, aggregate string, payload map[string]any, at time.Time) {
		if at.Before(since) {
			return
		}
		delivered := at.Add(time.Duration(200+s.rnd.IntN(2000)) * time.Millisecond)
		if delivered.After(s.o.Now) {
			delivered = s.o.Now
		}
		docs = append(docs, events.Event{
			ID: events.KeyID(typ + "\x00" + key), Type: typ, AggregateID: aggregate, Payload: payload,
			State: events.Delivered, Attempts: 1, Done: handlers, NextAttemptAt: at, DeliveredAt: &delivered,
			CreatedAt: at, UpdatedAt: delivered,
		})
	}
	for _, u := range s.customers {
		add(events.UserCreated, u.ID, u.ID, map[string]any{"userId": u.ID}, u.CreatedAt)
	}
	for _, o := range s.orders {
		id := o.IDHex()
		payload := func(st, from order.Status) map[string]any {
			p := map[string]any{
				"orderId": id, "userId": o.UserID, "reference": o.Reference(), "status": string(st),
				"total": o.Total, "currency": o.Currency, "paymentMethod": string(o.PaymentMethod),
			}
			if from != "" {
				p["from"] = string(from)
			}
			return p
		}
		add(order.EventCreated, id, id, payload(order.Pending, ""), o.CreatedAt)
		for i := 1; i < len(o.Timeline); i++ {
			from, e := o.Timeline[i-1].Status, o.Timeline[i]
			p := payload(e.Status, from)
			add(order.EventStatusChanged, id+":"+string(e.Status), id, p, e.At)
			switch e.Status {
			case order.Paid:
				add(order.EventPaid, id, id, p, e.At)
			case order.Canceled, order.Rejected:
				add(order.EventCanceled, id, id, p, e.At)
			}
		}
	}
	for from := 0; from < len(docs); from += 1000 {
		if _, err := s.st.DB.Collection("outbox_delivered").InsertMany(ctx, docs[from:min(from+1000, len(docs))],
			options.InsertMany().SetOrdered(false)); err != nil {
			return fmt.Errorf("insert events: %w", err)
		}
	}
	s.sum.Events = len(docs)
	return nil
}

// ensureIndexes builds the indexes of what was seeded now, so the server's
// first start finds them made. It also leaves the mark the server writes at
// its first start once stored image URLs are references (app's
// migrateMediaRefs): this shop never had absolute ones, and without the mark
// the first start would scan every order for them.
func (s *seeder) ensureIndexes(ctx context.Context) error {
	if _, err := s.st.DB.Collection("meta").UpdateOne(ctx, bson.D{{"_id", "migration:media-refs"}},
		bson.D{{"$set", bson.D{{"at", s.o.Now}, {"products", int64(0)}, {"orders", int64(0)}}}},
		options.UpdateOne().SetUpsert(true)); err != nil {
		return fmt.Errorf("mark media migration: %w", err)
	}
	var idx []store.Index
	idx = append(idx, catalog.Indexes()...)
	idx = append(idx, customer.Indexes()...)
	idx = append(idx, order.Indexes()...)
	idx = append(idx, events.Indexes()...)
	return s.st.EnsureIndexes(ctx, idx)
}
