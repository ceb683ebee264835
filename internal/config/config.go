// Package config reads the server's configuration from environment variables,
// validates all of it at start and explains every variable in --help.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// Config is the server's whole configuration.
// MaxSMTPTimeout bounds SMTP_TIMEOUT. One outbox event sends up to two emails
// (the customer's and the shop's), and both must finish within the outbox
// worker's lease (events.DefaultLease, a minute); an event still sending
// past it is delivered again, and its emails go out twice.
const MaxSMTPTimeout = 25 * time.Second

type Config struct {
	Port int
	// Host is the address the HTTP server listens on: loopback in dev auth
	// mode unless HOST says otherwise, every interface ("") else.
	Host string
	// HostExplicit says HOST was set (a non-loopback HOST in dev auth mode
	// is then allowed, with a warning).
	HostExplicit  bool
	AppEnv        string // development, test or production
	DataDir       string
	MongoURI      string
	MongoDatabase string
	PublicBaseURL string

	AuthMode               string // dev or clerk
	ClerkJWTKey            string
	ClerkJWKSURL           string
	ClerkIssuer            string
	ClerkAuthorizedParties []string
	ClerkWebhookSecret     string
	AdminEmails            []string
	DevTokenTTL            time.Duration

	CORSOrigins   []string
	CloudinaryURL string
	SeedDemo      bool

	Currency    string
	ShippingFee int64 // minor units
	TaxRate     float64

	// Unpaid orders keep their stock and coupon this long.
	OrderHoldCard      time.Duration
	RefundRetryAfter   time.Duration
	OrderHoldTransfer  time.Duration
	OrderSweepInterval time.Duration
	MaxPendingOrders   int
	// The seller printed on invoices.
	CompanyName    string
	CompanyNIT     string
	CompanyAddress string
	CompanyCity    string
	CompanyPhone   string
	CompanyEmail   string
	// What shoppers are told: how to pay by bank transfer and how to reach
	// the shop (GET /api/config, the order-received email).
	BankTransfer BankTransfer
	Contact      Contact
	// ClerkPublishableKey (pk_…) lets the web apps mount Clerk's sign-in.
	ClerkPublishableKey string
	// LowStockThreshold: the dashboard flags active products at or below it.
	LowStockThreshold int

	// Rate limits per minute (0 turns one off): writes per caller, dev
	// tokens and webhook deliveries per client IP.
	RateLimitWrites   int
	RateLimitDevToken int
	RateLimitWebhooks int
	// RateLimitAuthFail: refused credentials per minute per client IP.
	RateLimitAuthFail int

	// Inngest: when InngestEventKey is set every outbox event is also
	// published to Inngest's Event API.
	InngestEventKey string
	InngestEventURL string

	// Email: SMTP when SMTPURL is set, else the local dev mailbox.
	SMTPURL string
	// SMTPTimeout bounds one email's SMTP session (at most MaxSMTPTimeout).
	SMTPTimeout time.Duration
	MailFrom    string
	ShopEmail   string
	// Stripe; without a secret key, dev mode uses the simulated provider.
	StripeSecretKey      string
	StripePublishableKey string
	StripeWebhookSecret  string
	StripeAPIURL         string

	// Built web apps served by the server; "" turns one off.
	WebDir    string // storefront at /
	AdminDir  string // admin dashboard at /admin/
	MobileDir string // the mobile app's web export at /app/
	DocsDir   string // the API reference at /api/docs

	// MetricsAddr serves /metrics on its own listener ("" keeps it on the
	// main port, where MetricsToken guards it and production hides it).
	MetricsAddr  string
	MetricsToken string
	// MetricsPublic: /metrics is served on the main port (with MetricsToken
	// when set). Off in production unless a token is set.
	MetricsPublic bool
	// TrustedProxies are the peers whose X-Forwarded-For / X-Real-IP name
	// the real client (for rate limits and logs); none by default.
	TrustedProxies []netip.Prefix

	CatalogPollInterval time.Duration
	ShutdownTimeout     time.Duration
	LogLevel            slog.Level
	LogFormat           string // text or json
}

// BankTransfer is the account shoppers pay bank-transfer orders into.
type BankTransfer struct {
	Bank, AccountType, AccountNumber, Holder, NIT, Instructions string
}

// Contact is how shoppers reach the shop.
type Contact struct {
	// WhatsApp is the number in international form without "+" (wa.me links).
	WhatsApp, Phone, Email, Address, OpeningHours string
}

// Production reports whether APP_ENV is production.
func (c Config) Production() bool { return c.AppEnv == "production" }

// Var documents one environment variable.
type Var struct {
	Name, Default, Help string
}

// Vars lists every variable the server reads, in --help order.
var Vars = []Var{
	{"PORT", "8080", "TCP port the HTTP server listens on"},
	{"HOST", "127.0.0.1 (and ::1) in dev auth mode; all interfaces otherwise", "address the HTTP server listens on; a non-loopback HOST in dev auth mode is allowed with a warning (anyone who reaches it can mint admin tokens)"},
	{"APP_ENV", "development", "development, test or production"},
	{"DATA_DIR", "./data", "embedded database, dev signing key and local media live here"},
	{"MONGODB_URI", "", "external MongoDB (Atlas, replica set); empty starts the embedded FerretDB in DATA_DIR"},
	{"MONGODB_DATABASE", "donpalito", "database name"},
	{"PUBLIC_BASE_URL", "http://localhost:PORT", "public URL of this server, used in media links"},
	{"AUTH_MODE", "dev, or clerk when a Clerk key is set", "dev (local RS256 tokens from POST /api/dev/token) or clerk"},
	{"CLERK_JWT_KEY", "", "Clerk instance public key (PEM) for networkless token verification"},
	{"CLERK_JWKS_URL", "", "Clerk JWKS URL, used when CLERK_JWT_KEY is not set (fetched once, cached)"},
	{"CLERK_ISSUER", "", "exact issuer required in tokens (default: any Clerk issuer)"},
	{"CLERK_AUTHORIZED_PARTIES", "", "comma-separated origins allowed in the azp claim"},
	{"CLERK_WEBHOOK_SECRET", "", "Svix signing secret (whsec_…) of the Clerk webhook; without it the webhook refuses every delivery"},
	{"CLERK_PUBLISHABLE_KEY", "", "Clerk publishable key (pk_test_… or pk_live_…) handed to the web apps in GET /api/config for Clerk's sign-in"},
	{"ADMIN_EMAILS", "", "comma-separated emails that are admins (bootstrap)"},
	{"DEV_TOKEN_TTL", "24h", "lifetime of dev tokens"},
	{"CORS_ORIGINS", "local dev origins; none in production", "comma-separated origins allowed by CORS"},
	{"CLOUDINARY_URL", "", "cloudinary://KEY:SECRET@CLOUD; empty stores images in DATA_DIR/media"},
	{"SEED_DEMO", "true outside production", "seed the demo catalog into an empty database"},
	{"CURRENCY", "COP", "store currency (ISO 4217)"},
	{"SHIPPING_FEE", "1000000", "flat shipping fee in minor units (10 000 COP)"},
	{"TAX_RATE", "0.19", "IVA rate included in prices"},
	{"ORDER_HOLD_CARD", "30m", "how long an unpaid card order keeps its stock and coupon"},
	{"REFUND_RETRY_AFTER", "1h", "a refund still pending this long after its order was canceled is tried again (event order.refund_retry)"},
	{"ORDER_HOLD_TRANSFER", "48h", "how long an unpaid bank-transfer order keeps its stock and coupon"},
	{"ORDER_SWEEP_INTERVAL", "30s", "how often expired unpaid orders are canceled"},
	{"MAX_PENDING_ORDERS", "3", "unpaid orders one customer may have at once; 0 for no limit"},
	{"COMPANY_NAME", "Don Palito Junior", "seller name on invoices"},
	{"COMPANY_NIT", "71710169-0", "seller NIT (tax id) on invoices"},
	{"COMPANY_ADDRESS", "Carrera 47 # 76D Sur-37", "seller address on invoices"},
	{"COMPANY_CITY", "Sabaneta, Antioquia", "seller city on invoices"},
	{"COMPANY_PHONE", "3148702078", "seller phone on invoices"},
	{"COMPANY_EMAIL", "donpalitojr@gmail.com", "seller email on invoices"},
	{"BANK_NAME", "Bancolombia (development only)", "bank of the account bank-transfer orders are paid into; required in production"},
	{"BANK_ACCOUNT_TYPE", "Ahorros", "type of that account (Ahorros, Corriente)"},
	{"BANK_ACCOUNT_NUMBER", "245-000123-45 (development only)", "number of that account; required in production"},
	{"BANK_ACCOUNT_HOLDER", "COMPANY_NAME", "holder of that account"},
	{"BANK_NIT", "COMPANY_NIT", "NIT or document of the holder"},
	{"BANK_INSTRUCTIONS", "transfer the exact total quoting the order reference, send the receipt by WhatsApp", "what shoppers must do to pay by transfer (shown at checkout and in the order email)"},
	{"CONTACT_WHATSAPP", "57 + COMPANY_PHONE", "WhatsApp number in international form without + (for wa.me links)"},
	{"CONTACT_PHONE", "COMPANY_PHONE", "phone shown to shoppers"},
	{"CONTACT_EMAIL", "COMPANY_EMAIL", "email shown to shoppers"},
	{"CONTACT_ADDRESS", "COMPANY_ADDRESS, COMPANY_CITY", "shop address shown to shoppers"},
	{"CONTACT_HOURS", "Lunes a sábado 7:00 a. m. – 7:00 p. m. …", "opening hours shown to shoppers"},
	{"LOW_STOCK_THRESHOLD", "5", "the dashboard lists active products with stock at or below this"},
	{"RATE_LIMIT_WRITES", "300", "writes (POST/PUT/PATCH/DELETE) per minute per caller (user, API key, or IP when anonymous); 0 turns it off"},
	{"RATE_LIMIT_DEV_TOKEN", "30", "dev tokens per minute per IP; 0 turns it off"},
	{"RATE_LIMIT_WEBHOOKS", "600", "webhook deliveries per minute per IP; 0 turns it off"},
	{"RATE_LIMIT_AUTH_FAILURES", "20", "refused credentials (bad or revoked tokens and API keys) per minute per IP before the IP gets 429s; 0 turns it off"},
	{"INNGEST_EVENT_KEY", "", "Inngest event key; when set every outbox event is also published to Inngest (its id de-duplicates)"},
	{"INNGEST_EVENT_URL", "https://inn.gs", "Inngest Event API base URL"},
	{"SMTP_URL", "", "smtp://user:password@host:587 (STARTTLS when offered) or smtps://user:password@host:465 (TLS from the start) to send emails; empty keeps them in the local mailbox (GET /api/dev/mailbox)"},
	{"SMTP_TIMEOUT", "10s", "longest one email's SMTP session may take (dial, TLS, login, sending); at most 25s"},
	{"MAIL_FROM", "Don Palito Jr <pedidos@donpalitojr.co>", "sender of the shop's emails"},
	{"SHOP_EMAIL", "COMPANY_EMAIL", "where the shop's copies of orders and payments go"},
	{"STRIPE_SECRET_KEY", "", "Stripe secret key (sk_…); enables card payments. Without it, dev mode simulates them"},
	{"STRIPE_PUBLISHABLE_KEY", "", "Stripe publishable key (pk_…) handed to clients"},
	{"STRIPE_WEBHOOK_SECRET", "", "signing secret (whsec_…) of the Stripe webhook; in dev mode without Stripe a local one is used"},
	{"STRIPE_API_URL", "", "another Stripe-compatible API base URL (stripe-mock in tests)"},
	{"WEB_DIR", "frontends/web/dist", "built storefront served at /; off turns it off"},
	{"ADMIN_DIR", "frontends/admin/dist", "built admin dashboard served at /admin/; off turns it off"},
	{"MOBILE_DIR", "frontends/mobile/dist", "web export of the mobile app served at /app/; off turns it off"},
	{"METRICS_ADDR", "", "separate listen address for /metrics and Go's profiler at /debug/pprof/ (e.g. 127.0.0.1:9090); empty serves /metrics on the main port and no profiler"},
	{"METRICS_TOKEN", "", "bearer token /metrics requires on the main port; without it /metrics is open outside production and absent from the main port in production"},
	{"TRUSTED_PROXIES", "", "comma-separated IPs or CIDRs of reverse proxies whose X-Forwarded-For/X-Real-IP name the client (rate limits key on it); empty trusts none"},
	{"DOCS_DIR", "frontends/api-docs/dist", "built API reference (Scalar) served at /api/docs; off turns it off"},
	{"CATALOG_POLL_INTERVAL", "2s", "how often the catalog checks for changes made by other server processes"},
	{"SHUTDOWN_TIMEOUT", "15s", "grace period for in-flight requests on SIGINT/SIGTERM"},
	{"GOMEMLIMIT", "180MiB", "Go's soft memory limit (e.g. 400MiB, or off); raise it when the shop's data grows well past 100,000 orders"},
	{"LOG_LEVEL", "info", "debug, info, warn or error"},
	{"LOG_FORMAT", "text (json in production)", "text or json"},
}

// Help renders the variables as a table.
func Help() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VARIABLE\tDEFAULT\tMEANING")
	for _, v := range Vars {
		d := v.Default
		if d == "" {
			d = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", v.Name, d, v.Help)
	}
	tw.Flush()
	return b.String()
}

// Load reads and validates the configuration, reporting every problem at once.
func Load(getenv func(string) string) (Config, error) {
	var errs []error
	get := func(name, def string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		return def
	}
	intVar := func(name string, def, min, max int64) int64 {
		raw := get(name, "")
		if raw == "" {
			return def
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n < min || n > max {
			errs = append(errs, fmt.Errorf("%s must be a whole number between %d and %d, got %q", name, min, max, raw))
			return def
		}
		return n
	}
	durVar := func(name string, def time.Duration) time.Duration {
		raw := get(name, "")
		if raw == "" {
			return def
		}
		d, err := time.ParseDuration(raw)
		if err != nil || d <= 0 {
			errs = append(errs, fmt.Errorf("%s must be a positive duration like 30s or 2h, got %q", name, raw))
			return def
		}
		return d
	}
	boolVar := func(name string, def bool) bool {
		raw := get(name, "")
		if raw == "" {
			return def
		}
		b, err := strconv.ParseBool(raw)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s must be true or false, got %q", name, raw))
			return def
		}
		return b
	}

	c := Config{
		Port:          int(intVar("PORT", 8080, 1, 65535)),
		AppEnv:        get("APP_ENV", "development"),
		DataDir:       get("DATA_DIR", "./data"),
		MongoURI:      get("MONGODB_URI", ""),
		MongoDatabase: get("MONGODB_DATABASE", "donpalito"),
		ClerkJWTKey:   get("CLERK_JWT_KEY", ""),
		ClerkJWKSURL:  get("CLERK_JWKS_URL", ""),
		ClerkIssuer:   get("CLERK_ISSUER", ""),

		ClerkWebhookSecret: get("CLERK_WEBHOOK_SECRET", ""),
		CloudinaryURL:      get("CLOUDINARY_URL", ""),
		Currency:           strings.ToUpper(get("CURRENCY", "COP")),
		ShippingFee:        intVar("SHIPPING_FEE", 1_000_000, 0, 1_000_000_000),
		DevTokenTTL:        durVar("DEV_TOKEN_TTL", 24*time.Hour),

		OrderHoldCard:      durVar("ORDER_HOLD_CARD", 30*time.Minute),
		RefundRetryAfter:   durVar("REFUND_RETRY_AFTER", time.Hour),
		OrderHoldTransfer:  durVar("ORDER_HOLD_TRANSFER", 48*time.Hour),
		OrderSweepInterval: durVar("ORDER_SWEEP_INTERVAL", 30*time.Second),
		MaxPendingOrders:   int(intVar("MAX_PENDING_ORDERS", 3, 0, 1000)),
		CompanyName:        get("COMPANY_NAME", "Don Palito Junior"),
		CompanyNIT:         get("COMPANY_NIT", "71710169-0"),
		CompanyAddress:     get("COMPANY_ADDRESS", "Carrera 47 # 76D Sur-37"),
		CompanyCity:        get("COMPANY_CITY", "Sabaneta, Antioquia"),
		CompanyPhone:       get("COMPANY_PHONE", "3148702078"),
		CompanyEmail:       get("COMPANY_EMAIL", "donpalitojr@gmail.com"),
		LowStockThreshold:  int(intVar("LOW_STOCK_THRESHOLD", 5, 0, 1_000_000)),

		RateLimitWrites:   int(intVar("RATE_LIMIT_WRITES", 300, 0, 1_000_000)),
		RateLimitDevToken: int(intVar("RATE_LIMIT_DEV_TOKEN", 30, 0, 1_000_000)),
		RateLimitWebhooks: int(intVar("RATE_LIMIT_WEBHOOKS", 600, 0, 1_000_000)),
		RateLimitAuthFail: int(intVar("RATE_LIMIT_AUTH_FAILURES", 20, 0, 1_000_000)),

		InngestEventKey:      get("INNGEST_EVENT_KEY", ""),
		InngestEventURL:      get("INNGEST_EVENT_URL", "https://inn.gs"),
		SMTPURL:              get("SMTP_URL", ""),
		SMTPTimeout:          durVar("SMTP_TIMEOUT", 10*time.Second),
		MailFrom:             get("MAIL_FROM", "Don Palito Jr <pedidos@donpalitojr.co>"),
		StripeSecretKey:      get("STRIPE_SECRET_KEY", ""),
		StripePublishableKey: get("STRIPE_PUBLISHABLE_KEY", ""),
		StripeWebhookSecret:  get("STRIPE_WEBHOOK_SECRET", ""),
		StripeAPIURL:         strings.TrimRight(get("STRIPE_API_URL", ""), "/"),

		WebDir:    dirVar(get("WEB_DIR", "frontends/web/dist")),
		AdminDir:  dirVar(get("ADMIN_DIR", "frontends/admin/dist")),
		MobileDir: dirVar(get("MOBILE_DIR", "frontends/mobile/dist")),
		DocsDir:   dirVar(get("DOCS_DIR", "frontends/api-docs/dist")),

		CatalogPollInterval:    durVar("CATALOG_POLL_INTERVAL", 2*time.Second),
		ShutdownTimeout:        durVar("SHUTDOWN_TIMEOUT", 15*time.Second),
		ClerkAuthorizedParties: list(get("CLERK_AUTHORIZED_PARTIES", "")),
		AdminEmails:            list(get("ADMIN_EMAILS", "")),
	}
	switch c.AppEnv {
	case "development", "test", "production":
	default:
		errs = append(errs, fmt.Errorf("APP_ENV must be development, test or production, got %q", c.AppEnv))
	}
	c.PublicBaseURL = strings.TrimRight(get("PUBLIC_BASE_URL", fmt.Sprintf("http://localhost:%d", c.Port)), "/")
	if u, err := url.Parse(c.PublicBaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("PUBLIC_BASE_URL must be an http(s) URL, got %q", c.PublicBaseURL))
	}
	if len(c.Currency) != 3 {
		errs = append(errs, fmt.Errorf("CURRENCY must be a 3-letter ISO 4217 code, got %q", c.Currency))
	}
	rate, err := strconv.ParseFloat(get("TAX_RATE", "0.19"), 64)
	if err != nil || rate < 0 || rate >= 1 {
		errs = append(errs, fmt.Errorf("TAX_RATE must be a fraction like 0.19, got %q", getenv("TAX_RATE")))
		rate = 0.19
	}
	c.TaxRate = rate

	hasClerkKey := c.ClerkJWTKey != "" || c.ClerkJWKSURL != ""
	defaultMode := "dev"
	if hasClerkKey || c.Production() {
		defaultMode = "clerk"
	}
	c.AuthMode = get("AUTH_MODE", defaultMode)
	switch c.AuthMode {
	case "dev":
		if c.Production() {
			errs = append(errs, errors.New("AUTH_MODE=dev is refused when APP_ENV=production: anyone could mint tokens; configure Clerk"))
		}
	case "clerk":
		if !hasClerkKey {
			errs = append(errs, errors.New("AUTH_MODE=clerk needs CLERK_JWT_KEY or CLERK_JWKS_URL"))
		}
	default:
		errs = append(errs, fmt.Errorf("AUTH_MODE must be dev or clerk, got %q", c.AuthMode))
	}

	c.Host = get("HOST", "")
	c.HostExplicit = c.Host != ""
	if !c.HostExplicit && c.AuthMode == "dev" {
		// Anyone who reaches a dev-auth server can mint an admin token.
		c.Host = "127.0.0.1"
	}
	if c.Host != "" && strings.ContainsAny(c.Host, ":/ ") && net.ParseIP(strings.Trim(c.Host, "[]")) == nil {
		errs = append(errs, fmt.Errorf("HOST must be an IP address or host name, got %q", c.Host))
	}
	c.Host = strings.Trim(c.Host, "[]")
	c.MetricsAddr = get("METRICS_ADDR", "")
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			errs = append(errs, fmt.Errorf("METRICS_ADDR must be host:port like 127.0.0.1:9090, got %q", c.MetricsAddr))
		}
	}
	c.MetricsToken = get("METRICS_TOKEN", "")
	c.MetricsPublic = c.MetricsAddr == "" && (!c.Production() || c.MetricsToken != "")
	for _, p := range list(get("TRUSTED_PROXIES", "")) {
		pre, err := netip.ParsePrefix(p)
		if err != nil {
			addr, aerr := netip.ParseAddr(p)
			if aerr != nil {
				errs = append(errs, fmt.Errorf("TRUSTED_PROXIES must list IPs or CIDRs, got %q", p))
				continue
			}
			pre = netip.PrefixFrom(addr, addr.BitLen())
		}
		c.TrustedProxies = append(c.TrustedProxies, pre.Masked())
	}
	c.ClerkPublishableKey = get("CLERK_PUBLISHABLE_KEY", "")
	if k := c.ClerkPublishableKey; k != "" && !strings.HasPrefix(k, "pk_test_") && !strings.HasPrefix(k, "pk_live_") {
		errs = append(errs, errors.New("CLERK_PUBLISHABLE_KEY must be a Clerk publishable key (pk_test_… or pk_live_…)"))
	}
	errs = append(errs, c.loadShopFacing(get)...)

	c.ShopEmail = get("SHOP_EMAIL", c.CompanyEmail)
	if c.SMTPURL != "" && !strings.HasPrefix(c.SMTPURL, "smtp://") && !strings.HasPrefix(c.SMTPURL, "smtps://") {
		errs = append(errs, errors.New("SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465"))
	}
	if c.SMTPTimeout > MaxSMTPTimeout {
		errs = append(errs, fmt.Errorf("SMTP_TIMEOUT must be at most %s, got %s", MaxSMTPTimeout, c.SMTPTimeout))
	}
	c.SeedDemo = boolVar("SEED_DEMO", !c.Production())
	if raw := get("CORS_ORIGINS", ""); raw != "" {
		c.CORSOrigins = list(raw)
	} else if !c.Production() {
		c.CORSOrigins = []string{
			"http://localhost:5173", "http://localhost:5174", "http://localhost:8081",
			fmt.Sprintf("http://localhost:%d", c.Port),
		}
	}
	for _, o := range c.CORSOrigins {
		if o == "*" {
			errs = append(errs, errors.New("CORS_ORIGINS must list explicit origins, not *"))
		}
	}

	switch lvl := strings.ToLower(get("LOG_LEVEL", "info")); lvl {
	case "debug":
		c.LogLevel = slog.LevelDebug
	case "info":
		c.LogLevel = slog.LevelInfo
	case "warn", "warning":
		c.LogLevel = slog.LevelWarn
	case "error":
		c.LogLevel = slog.LevelError
	default:
		errs = append(errs, fmt.Errorf("LOG_LEVEL must be debug, info, warn or error, got %q", lvl))
	}
	defFormat := "text"
	if c.Production() {
		defFormat = "json"
	}
	c.LogFormat = get("LOG_FORMAT", defFormat)
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("LOG_FORMAT must be text or json, got %q", c.LogFormat))
	}
	if err := errors.Join(errs...); err != nil {
		return Config{}, fmt.Errorf("invalid configuration:\n%w", err)
	}
	return c, nil
}

// Development stand-ins for the bank account: plausible enough for the
// storefront to look real, never used in production, where a customer would
// otherwise transfer money to an account nobody owns.
const (
	devBankName          = "Bancolombia"
	devBankAccountNumber = "245-000123-45"
)

// loadShopFacing reads the bank account and the contact details; the
// company's own details fill whatever is not set.
func (c *Config) loadShopFacing(get func(name, def string) string) []error {
	var errs []error
	bankName, bankNumber := devBankName, devBankAccountNumber
	if c.Production() {
		bankName, bankNumber = "", ""
	}
	c.BankTransfer = BankTransfer{
		Bank:          get("BANK_NAME", bankName),
		AccountType:   get("BANK_ACCOUNT_TYPE", "Ahorros"),
		AccountNumber: get("BANK_ACCOUNT_NUMBER", bankNumber),
		Holder:        get("BANK_ACCOUNT_HOLDER", c.CompanyName),
		NIT:           get("BANK_NIT", c.CompanyNIT),
		Instructions: get("BANK_INSTRUCTIONS", "Transfiere el valor exacto del pedido y escribe su referencia en la descripción "+
			"de la transferencia. Envíanos el comprobante por WhatsApp; confirmamos el pago en horario de atención."),
	}
	if c.BankTransfer.Bank == "" || c.BankTransfer.AccountNumber == "" {
		errs = append(errs, errors.New("BANK_NAME and BANK_ACCOUNT_NUMBER are required when APP_ENV=production: shoppers pay bank-transfer orders into that account"))
	}
	c.Contact = Contact{
		WhatsApp:     get("CONTACT_WHATSAPP", "57"+digits(c.CompanyPhone)),
		Phone:        get("CONTACT_PHONE", c.CompanyPhone),
		Email:        get("CONTACT_EMAIL", c.CompanyEmail),
		Address:      get("CONTACT_ADDRESS", c.CompanyAddress+", "+c.CompanyCity),
		OpeningHours: get("CONTACT_HOURS", "Lunes a sábado de 7:00 a. m. a 7:00 p. m.; domingos y festivos de 8:00 a. m. a 1:00 p. m."),
	}
	c.Contact.WhatsApp = strings.TrimPrefix(c.Contact.WhatsApp, "+")
	if w := c.Contact.WhatsApp; digits(w) != w || len(w) < 8 || len(w) > 15 {
		errs = append(errs, fmt.Errorf("CONTACT_WHATSAPP must be a phone number in international form, digits only (573148702078), got %q", w))
	}
	return errs
}

// digits keeps the digits of s.
func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// dirVar turns "off" (or "none") into "", the way to switch a web app off.
func dirVar(raw string) string {
	switch strings.ToLower(raw) {
	case "off", "none", "-":
		return ""
	}
	return raw
}

func list(raw string) []string {
	var out []string
	for _, p := range strings.Split(raw, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
