// Package app wires the platform together from its configuration: the store,
// the domain services, the auth core and the HTTP handler. The server binary
// and the end-to-end tests build the platform the same way, through New.
package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/donpalito/donpalitojr/internal/apikey"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/cart"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/config"
	"github.com/donpalito/donpalitojr/internal/coupon"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/events"
	"github.com/donpalito/donpalitojr/internal/httpapi"
	"github.com/donpalito/donpalitojr/internal/idempotency"
	"github.com/donpalito/donpalitojr/internal/invoice"
	"github.com/donpalito/donpalitojr/internal/mail"
	"github.com/donpalito/donpalitojr/internal/media"
	"github.com/donpalito/donpalitojr/internal/order"
	"github.com/donpalito/donpalitojr/internal/payment"
	"github.com/donpalito/donpalitojr/internal/report"
	"github.com/donpalito/donpalitojr/internal/review"
	"github.com/donpalito/donpalitojr/internal/store"
	"github.com/donpalito/donpalitojr/internal/webhook"
)

// App is a running platform minus its listener.
type App struct {
	Config    config.Config
	Store     *store.Store
	Catalog   *catalog.Service
	Customers *customer.Service
	Keys      *apikey.Service
	Coupons   *coupon.Service
	Carts     *cart.Service
	Orders    *order.Service
	Reviews   *review.Service
	Invoices  *invoice.Service
	Reports   *report.Service
	Events    *events.Outbox
	Payments  *payment.Service
	// Worker delivers the outbox's events; its handlers are fixed at New.
	Worker    *events.Worker
	DevSigner *auth.DevSigner // nil outside dev auth mode
	Handler   http.Handler
	// Metrics serves the Prometheus metrics, for a listener of their own
	// (METRICS_ADDR); Handler serves them only as the configuration allows.
	Metrics http.Handler
	// ListIndexesBuilt is closed once the in-memory indexes of the admin's
	// customer and event lists are built (at once when there are none).
	ListIndexesBuilt chan struct{}

	ownStore bool
	cancel   context.CancelFunc
	wg       sync.WaitGroup

	// snapshots is true when the read models are kept across a clean
	// restart; restored says which were loaded from the last one, and
	// quiesced that nothing writes any more (KeepReadModels).
	snapshots     bool
	snapshotParts []snapshotPart
	restored      map[string]bool
	quiesced      bool
}

// snapshotPart is one in-memory read model the store's snapshot keeps.
type snapshotPart struct {
	name    string
	encode  func() ([]byte, bool, error)
	restore func([]byte) error
}

// restoreReadModels loads the read models the last clean shutdown kept;
// a part that is missing or fails to load is built by scanning instead.
func (a *App) restoreReadModels(log *slog.Logger) {
	a.restored = map[string]bool{}
	for _, p := range a.snapshotParts {
		b := a.Store.Snapshot(p.name)
		if b == nil {
			continue
		}
		if err := p.restore(b); err != nil {
			log.Warn("load a read model from the last shutdown; rebuilding it", "model", p.name, "err", err)
			continue
		}
		a.restored[p.name] = true
	}
	if len(a.restored) > 0 {
		log.Info("loaded read models kept by the last shutdown", "models", len(a.restored))
	}
}

// Restored reports whether the read model called name (orders, customers,
// events) was loaded from the last clean shutdown rather than rebuilt.
func (a *App) Restored(name string) bool { return a.restored[name] }

// KeepReadModels says the platform has stopped taking requests: Close then
// keeps the in-memory read models for the next start. Call it only after
// the HTTP server has shut down cleanly; without it, the next start
// rebuilds them from the data.
func (a *App) KeepReadModels() { a.quiesced = true }

// Option changes how New builds the app.
type Option func(*options)

type options struct {
	store       *store.Store
	now         func() time.Time
	listIndexes bool
}

// WithStore uses an already open store (tests share one embedded database).
func WithStore(s *store.Store) Option { return func(o *options) { o.store = s } }

// WithListIndexes keeps the admin's customer and event lists in memory on
// a store the app did not open: the caller promises that nothing else
// writes users or events to it (tests that share the embedded server).
func WithListIndexes() Option { return func(o *options) { o.listIndexes = true } }

// WithClock gives the services another clock: tests use it to restart the
// platform "hours later" and watch recovery and expiry catch up.
func WithClock(now func() time.Time) Option { return func(o *options) { o.now = now } }

// New builds the platform described by cfg. Background work (catalog polling)
// runs until Close.
func New(ctx context.Context, cfg config.Config, log *slog.Logger, opts ...Option) (*App, error) {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	a := &App{Config: cfg, Store: o.store}
	if a.Store == nil {
		s, err := store.Open(ctx, store.Config{URI: cfg.MongoURI, Database: cfg.MongoDatabase, DataDir: cfg.DataDir}, log)
		if err != nil {
			return nil, err
		}
		a.Store, a.ownStore = s, true
	}
	ok := false
	defer func() {
		if !ok {
			a.Close(context.WithoutCancel(ctx))
		}
	}()

	var indexes []store.Index
	indexes = append(indexes, catalog.Indexes()...)
	indexes = append(indexes, customer.Indexes()...)
	indexes = append(indexes, coupon.Indexes()...)
	indexes = append(indexes, idempotency.Indexes()...)
	indexes = append(indexes, apikey.Indexes()...)
	indexes = append(indexes, cart.Indexes()...)
	indexes = append(indexes, order.Indexes()...)
	// The admin's order lists and figures: MongoDB queries its indexes; the
	// embedded FerretDB, which scans for any filter but _id, answers from an
	// index this process keeps in memory (exact, as it holds DATA_DIR alone).
	memReads := order.NewMemoryReads(a.Store)
	var orderReads order.Reads = memReads
	if !a.Store.Embedded {
		memReads = nil
		orderReads = order.NewMongoReads(a.Store)
		indexes = append(indexes, order.MongoReadIndexes()...)
	}
	indexes = append(indexes, webhook.Indexes()...)
	indexes = append(indexes, review.Indexes()...)
	indexes = append(indexes, events.Indexes()...)
	indexes = append(indexes, mail.Indexes()...)
	step := time.Now()
	if err := a.Store.EnsureIndexes(ctx, indexes); err != nil {
		return nil, err
	}
	tookStep(log, "ensure indexes", &step)

	mediaStore, localMedia, err := newMediaStorage(cfg)
	if err != nil {
		return nil, err
	}
	a.Catalog = catalog.NewService(productStore(a.Store), mediaStore, cfg.Currency, log.With("component", "catalog"))
	a.Catalog.BaseURL = cfg.PublicBaseURL
	if err := migrateMediaRefs(ctx, a.Store, log); err != nil {
		return nil, err
	}
	tookStep(log, "migrate media references", &step)
	a.Events = events.NewOutbox(eventStore(a.Store))
	eventLog := log.With("component", "events")
	a.Customers = customer.NewService(customerStore(a.Store), productsOnSale{a.Catalog})
	a.Customers.OnCreated(func(ctx context.Context, u customer.User) error {
		if _, err := a.Events.Publish(ctx, events.UserCreated, u.ID, u.ID,
			map[string]any{"userId": u.ID}); err != nil {
			eventLog.Error("record user.created (the sweep retries it)", "user", u.ID, "err", err)
			return err
		}
		return nil
	})
	a.Keys = apikey.NewService(a.Store)
	a.Coupons = coupon.NewService(couponStore(a.Store), cfg.Currency)
	pricing := cart.Pricing{Currency: cfg.Currency, ShippingFee: cfg.ShippingFee, TaxRate: cfg.TaxRate}
	a.Carts = cart.NewService(cartStore(a.Store), a.Catalog, pricing)
	a.Payments = newPayments(cfg, log)
	cardProvider := ""
	if a.Payments.Available() {
		cardProvider = a.Payments.Provider.Name()
	}
	a.Orders = order.NewService(order.Deps{
		CardAvailable: a.Payments.Available(), CardProvider: cardProvider,
		Store: a.Store, Catalog: a.Catalog, Carts: a.Carts, Coupons: a.Coupons, Users: a.Customers,
		Pricing: pricing, Holds: order.Holds{Card: cfg.OrderHoldCard, Transfer: cfg.OrderHoldTransfer},
		Log: log.With("component", "orders"), MaxPending: cfg.MaxPendingOrders,
		Hook: events.OrderHook{Outbox: a.Events, Log: eventLog}, Reads: orderReads, Orders: orderStore(a.Store),
	})
	a.Payments.Orders, a.Payments.Users, a.Payments.Outbox = a.Orders, a.Customers, a.Events
	a.Reviews = review.NewService(reviewStore(a.Store), a.Orders, a.Catalog, a.Customers)
	a.Reviews.OnCreated(func(ctx context.Context, r review.Review) error {
		if _, err := a.Events.Publish(ctx, events.ReviewCreated, r.ID, r.ID,
			map[string]any{"reviewId": r.ID, "productId": r.ProductID, "orderId": r.OrderID, "userId": r.UserID, "rating": int64(r.Rating)}); err != nil {
			eventLog.Error("record review.created (the sweep retries it)", "review", r.ID, "err", err)
			return err
		}
		return nil
	})
	a.Invoices = invoice.NewService(a.Orders, invoice.Seller{
		Name: cfg.CompanyName, NIT: cfg.CompanyNIT, Address: cfg.CompanyAddress, City: cfg.CompanyCity,
		Phone: cfg.CompanyPhone, Email: cfg.CompanyEmail,
	}, cfg.TaxRate)
	a.Reports = report.NewService(a.Orders, a.Catalog, a.Customers, cfg.Currency, cfg.LowStockThreshold)
	// On the embedded store any filter but _id scans the collection, so the
	// admin's customer and event lists read in-memory indexes kept by the
	// services' own writes. That is sound only while this process is the
	// data's sole writer, which the DATA_DIR lock guarantees when the app
	// opened the store itself; on MongoDB the lists query its indexes.
	listIndexes := a.Store.Embedded && (a.ownStore || o.listIndexes)
	if listIndexes {
		a.Customers.UseListIndex()
		a.Events.UseListIndex()
	}
	// The in-memory read models are kept across a clean restart only by a
	// process that owns the data directory (store.KeepSnapshot).
	a.snapshots = a.ownStore && a.Store.Embedded
	if a.snapshots {
		a.snapshotParts = []snapshotPart{
			{"customers", a.Customers.SnapshotListIndex, a.Customers.RestoreListIndex},
			{"events", a.Events.SnapshotListIndex, a.Events.RestoreListIndex},
			{"orders", memReads.Snapshot, memReads.Restore},
		}
		a.restoreReadModels(log)
	}
	a.ListIndexesBuilt = make(chan struct{})

	if o.now != nil {
		a.Catalog.SetClock(o.now)
		a.Coupons.SetClock(o.now)
		a.Orders.SetClock(o.now)
		a.Events.SetClock(o.now)
		a.Payments.Now = o.now
	}

	if cfg.SeedDemo {
		if err := seedDemo(ctx, a.Catalog, a.Coupons, log); err != nil {
			return nil, fmt.Errorf("seed demo data: %w", err)
		}
	}
	tookStep(log, "wire services", &step)
	if err := a.Catalog.Load(ctx); err != nil {
		return nil, err
	}
	tookStep(log, "load catalog", &step)
	// The embedded database's order index is built by a scan (about 45 s
	// at 100,000 orders) when no clean shutdown kept it: that runs in the
	// background, so the shop serves at once and only the admin's order
	// lists and figures wait for it. MongoDB's Load is quick.
	buildOrderReads := !a.restored["orders"] && memReads != nil
	if !a.restored["orders"] && memReads == nil {
		if err := a.Orders.LoadReads(ctx); err != nil {
			return nil, err
		}
	}
	tookStep(log, "load order reads", &step)

	// Finish whatever a crash interrupted before serving. With the embedded
	// database this process holds DATA_DIR alone (store's directory lock), so
	// no checkout can be running and every leftover is settled now; on
	// MongoDB other servers may be mid-checkout, so young ones are left to
	// the sweep.
	grace := recoveryGrace
	if a.ownStore && a.Store.Embedded {
		grace = 0
	}
	a.recover(ctx, grace, log.With("component", "recovery"), true)
	tookStep(log, "recover", &step)

	verifier, devSigner, err := newVerifier(cfg)
	if err != nil {
		return nil, err
	}
	a.DevSigner = devSigner

	idem := idempotency.NewStore(a.Store)
	ledger := webhook.NewLedger(webhookStore(a.Store))
	var clerkWebhook *webhook.SvixVerifier
	if cfg.ClerkWebhookSecret != "" {
		if clerkWebhook, err = webhook.NewSvixVerifier(cfg.ClerkWebhookSecret); err != nil {
			return nil, fmt.Errorf("CLERK_WEBHOOK_SECRET: %w", err)
		}
	}
	var (
		sender  mail.Sender
		mailbox *mail.Mailbox
	)
	if cfg.SMTPURL != "" {
		if sender, err = mail.NewSMTP(a.Store, cfg.SMTPURL, mail.SMTPOptions{Timeout: cfg.SMTPTimeout}); err != nil {
			return nil, err
		}
	} else {
		mailbox = mail.NewMailbox(a.Store)
		sender = mailbox
	}
	// What every outbox event goes through, in order.
	handlers := []events.Handler{a.Payments.RefundHandler(), &mail.Notifier{
		Sender: sender, Orders: a.Orders, Users: a.Customers, Invoices: a.Invoices,
		From: cfg.MailFrom, Shop: cfg.ShopEmail, ShopName: cfg.CompanyName,
		Bank:     mail.BankAccount(cfg.BankTransfer),
		WhatsApp: cfg.Contact.WhatsApp,
	}}
	if cfg.InngestEventKey != "" {
		handlers = append(handlers, &events.Inngest{BaseURL: cfg.InngestEventURL, EventKey: cfg.InngestEventKey})
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), dbCommands{a.Store})

	h, err := httpapi.NewHandler(httpapi.Deps{
		Config:    cfg,
		Log:       log,
		Store:     a.Store,
		Catalog:   a.Catalog,
		Customers: a.Customers,
		Keys:      a.Keys,
		Coupons:   a.Coupons,
		Carts:     a.Carts,
		Orders:    a.Orders,
		Reviews:   a.Reviews,
		Invoices:  a.Invoices,
		Reports:   a.Reports,
		Authn:     httpapi.CallerAuthenticator{Verifier: verifier, Users: a.Customers, Keys: a.Keys, AdminEmails: cfg.AdminEmails},
		DevSigner: devSigner,
		Media:     localMedia,
		Registry:  reg,

		Idempotency:  idem,
		ClerkWebhook: clerkWebhook,
		Webhooks:     ledger,
		Events:       a.Events,
		Mailbox:      mailbox,
		Payments:     a.Payments,
	})
	if err != nil {
		return nil, err
	}
	a.Handler = h
	a.Metrics = promhttp.HandlerFor(reg, promhttp.HandlerOpts{})

	bg, cancel := context.WithCancel(context.WithoutCancel(ctx))
	a.cancel = cancel
	if buildOrderReads {
		a.wg.Add(1)
		go func() {
			defer a.wg.Done()
			a.buildOrderReads(bg, log)
		}()
	}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		a.Catalog.Watch(bg, cfg.CatalogPollInterval)
	}()
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		defer close(a.ListIndexesBuilt)
		if !listIndexes {
			return
		}
		// Built after start-up so a large shop is ready at once; the lists
		// query the database until then.
		start := time.Now()
		if err := a.Customers.BuildListIndex(bg); err != nil && bg.Err() == nil {
			log.Warn("index customers for the admin's list; it queries instead", "err", err)
		}
		if err := a.Events.BuildListIndex(bg); err != nil && bg.Err() == nil {
			log.Warn("index events for the admin's list; it queries instead", "err", err)
		}
		log.Info("indexed customers and events for the admin's lists", "took", time.Since(start).Round(time.Millisecond))
	}()
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		// Images uploaded before resized copies existed get them now, in the
		// background: start-up does not wait for the resizing.
		n, err := a.Catalog.BackfillVariants(bg)
		if err != nil && bg.Err() == nil {
			log.Warn("make resized copies of stored images", "done", n, "err", err)
		} else if n > 0 {
			log.Info("made resized copies of stored images", "images", n)
		}
	}()
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		orderLog := log.With("component", "orders")
		every(bg, cfg.OrderSweepInterval, func(ctx context.Context) {
			if n, err := a.Orders.ExpireDue(ctx); err != nil && ctx.Err() == nil {
				orderLog.Warn("expire unpaid orders", "err", err)
			} else if n > 0 {
				orderLog.Info("canceled expired unpaid orders", "count", n)
			}
			a.recover(ctx, recoveryGrace, orderLog, false)
		})
	}()
	a.Worker = &events.Worker{Outbox: a.Events, Log: eventLog, Handlers: handlers}
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		a.Worker.Run(bg)
	}()
	a.wg.Add(1)
	go func() {
		defer a.wg.Done()
		every(bg, min(time.Hour, cfg.RefundRetryAfter), func(ctx context.Context) {
			a.reconcileCoupons(ctx, log.With("component", "recovery"))
			if a.Payments.Available() {
				if _, err := a.Payments.RedriveRefunds(ctx, cfg.RefundRetryAfter); err != nil && ctx.Err() == nil {
					log.Warn("re-drive pending refunds", "err", err)
				}
			}
			if _, err := a.Events.Sweep(ctx, 30*24*time.Hour); err != nil && ctx.Err() == nil {
				log.Warn("sweep delivered events", "err", err)
			}
			if _, err := idem.Sweep(ctx); err != nil && ctx.Err() == nil {
				log.Warn("sweep idempotency keys", "err", err)
			}
			if _, err := ledger.Sweep(ctx); err != nil && ctx.Err() == nil {
				log.Warn("sweep webhook messages", "err", err)
			}
		})
	}()
	ok = true
	return a, nil
}

// buildOrderReads scans the orders into the admin's in-memory index,
// trying again while the database refuses.
func (a *App) buildOrderReads(ctx context.Context, log *slog.Logger) {
	for {
		start := time.Now()
		err := a.Orders.LoadReads(ctx)
		if err == nil {
			log.Info("indexed orders for the admin's lists and figures", "took", time.Since(start).Round(time.Millisecond))
			return
		}
		if ctx.Err() != nil {
			return
		}
		log.Error("index orders for the admin's lists; trying again", "err", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Second):
		}
	}
}

// tookStep logs how long a start-up step took (at debug level): a large
// shop's restart time is the sum of these.
func tookStep(log *slog.Logger, what string, since *time.Time) {
	log.Debug("start-up step", "step", what, "took", time.Since(*since).Round(time.Millisecond))
	*since = time.Now()
}

// recoveryGrace is how old a stock reservation must be before the sweep
// treats it as interrupted: far longer than any checkout takes.
const recoveryGrace = 5 * time.Minute

// recover settles what crashes left half-done: reservations of checkouts
// that never stored their order or of orders whose release was cut short
// (at every sweep) and, at start, the coupon counters.
func (a *App) recover(ctx context.Context, grace time.Duration, log *slog.Logger, atStart bool) {
	step := time.Now()
	done := func(what string) {
		if atStart {
			tookStep(log, what, &step)
		}
	}
	if n, err := a.Orders.Reconcile(ctx, grace); err != nil && ctx.Err() == nil {
		log.Error("reconcile stock reservations", "err", err)
	} else if n > 0 {
		log.Warn("reconciled stock reservations left by a crash", "count", n)
	}
	done("reconcile stock reservations")
	if n, err := a.Orders.DrainEvents(ctx, grace); err != nil && ctx.Err() == nil {
		log.Error("move recorded order events to the outbox", "err", err)
	} else if n > 0 {
		log.Warn("moved order events left by a crash to the outbox", "count", n)
	}
	done("drain order events")
	if n, err := a.Customers.DrainCreated(ctx, grace); err != nil && ctx.Err() == nil {
		log.Error("record user.created events left by a crash", "err", err)
	} else if n > 0 {
		log.Warn("recorded user.created events left by a crash", "count", n)
	}
	done("drain user events")
	if n, err := a.Reviews.DrainCreated(ctx, grace); err != nil && ctx.Err() == nil {
		log.Error("record review.created events left by a crash", "err", err)
	} else if n > 0 {
		log.Warn("recorded review.created events left by a crash", "count", n)
	}
	done("drain review events")
	if atStart {
		a.reconcileCoupons(ctx, log)
		done("reconcile coupons")
		a.reconcileRatings(ctx, log)
		done("reconcile ratings")
	}
}

// reconcileRatings recomputes the products' rating counters from their
// reviews, which only the embedded database's single process, before it
// serves, makes exact; on MongoDB the counters rely on their guarded writes.
func (a *App) reconcileRatings(ctx context.Context, log *slog.Logger) {
	if !a.Store.Embedded {
		return
	}
	fixed, err := a.Reviews.ReconcileRatings(ctx)
	if err != nil && ctx.Err() == nil {
		log.Error("reconcile product ratings", "err", err)
	}
	for _, f := range fixed {
		log.Warn("recovery: corrected a product's rating from its reviews", "product", f.ProductID,
			"was_sum", f.WasSum, "sum", f.Sum, "was_count", f.WasCount, "count", f.Count)
	}
}

// reconcileCoupons recomputes the coupon counters from their redemptions.
// Only the embedded database's single process makes that exact (see
// coupon.Reconcile); on MongoDB the counters rely on their guarded writes.
func (a *App) reconcileCoupons(ctx context.Context, log *slog.Logger) {
	if !a.Store.Embedded {
		return
	}
	fixed, err := a.Coupons.Reconcile(ctx)
	if err != nil && ctx.Err() == nil {
		log.Error("reconcile coupon counters", "err", err)
	}
	for _, c := range fixed {
		log.Warn("recovery: corrected a coupon counter from its redemptions", "coupon", c.Code, "customer", c.UserID,
			"was", c.Was, "now", c.Now)
	}
}

// newPayments picks the card provider: Stripe with a secret key; in dev auth
// mode without one, the simulated provider, whose events are signed with the
// configured webhook secret or a random one of this process.
func newPayments(cfg config.Config, log *slog.Logger) *payment.Service {
	p := &payment.Service{WebhookSecret: cfg.StripeWebhookSecret, Log: log.With("component", "payments")}
	switch {
	case cfg.StripeSecretKey != "":
		p.Provider = payment.NewStripe(cfg.StripeSecretKey, cfg.StripePublishableKey, cfg.StripeAPIURL)
	case cfg.AuthMode == "dev":
		p.Provider = payment.Simulated{}
		if p.WebhookSecret == "" {
			b := make([]byte, 24)
			_, _ = rand.Read(b)
			p.WebhookSecret = "whsec_dev_" + hex.EncodeToString(b)
		}
	}
	return p
}

// productsOnSale tells the customer service which products a wishlist may
// hold: those the public catalog shows.
type productsOnSale struct{ catalog *catalog.Service }

func (p productsOnSale) Exists(id string) bool {
	_, err := p.catalog.Get(id)
	return err == nil
}

// every runs f now and then at each interval until ctx ends.
func every(ctx context.Context, interval time.Duration, f func(context.Context)) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		f(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Close stops background work and, if the app opened it, the store.
func (a *App) Close(ctx context.Context) {
	if a.cancel != nil {
		a.cancel()
	}
	a.wg.Wait()
	if a.snapshots && a.quiesced {
		for _, p := range a.snapshotParts {
			b, ok, err := p.encode()
			if err != nil {
				slog.Warn("keep a read model for the next start; it rebuilds it", "model", p.name, "err", err)
			}
			if ok {
				a.Store.KeepSnapshot(p.name, b)
			}
		}
	}
	if a.ownStore && a.Store != nil {
		_ = a.Store.Close(ctx)
	}
}

func newMediaStorage(cfg config.Config) (media.Storage, *media.Local, error) {
	if cfg.CloudinaryURL != "" {
		c, err := media.ParseCloudinaryURL(cfg.CloudinaryURL)
		if err != nil {
			return nil, nil, err
		}
		return c, nil, nil
	}
	l := &media.Local{Dir: filepath.Join(cfg.DataDir, "media")}
	return l, l, nil
}

func newVerifier(cfg config.Config) (*auth.Verifier, *auth.DevSigner, error) {
	switch cfg.AuthMode {
	case "dev":
		signer, err := auth.LoadOrCreateDevSigner(cfg.DataDir, cfg.DevTokenTTL)
		if err != nil {
			return nil, nil, err
		}
		return auth.NewVerifier(auth.VerifierConfig{Keys: signer.Keys(), Issuer: auth.DevIssuer}), signer, nil
	case "clerk":
		var keys auth.KeySource
		if cfg.ClerkJWTKey != "" {
			k, err := auth.KeyFromPEM(cfg.ClerkJWTKey)
			if err != nil {
				return nil, nil, err
			}
			keys = k
		} else {
			keys = &auth.JWKS{URL: cfg.ClerkJWKSURL}
		}
		return auth.NewVerifier(auth.VerifierConfig{
			Keys: keys, Issuer: cfg.ClerkIssuer, AuthorizedParties: cfg.ClerkAuthorizedParties,
		}), nil, nil
	}
	return nil, nil, errors.New("unknown AUTH_MODE " + cfg.AuthMode)
}
