package config_test

import (
	"os"
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/internal/config"
)

func env(kv map[string]string) func(string) string {
	return func(k string) string { return kv[k] }
}

func TestDefaultsGiveALocalDevServer(t *testing.T) {
	c, err := config.Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 8080 || c.AuthMode != "dev" || !c.SeedDemo || c.DataDir != "./data" || c.ShippingFee != 1_000_000 || c.Currency != "COP" {
		t.Fatalf("defaults = %+v", c)
	}
}

func TestInvalidConfigurationIsRefusedWithEveryReason(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"production refuses dev auth", map[string]string{"APP_ENV": "production", "AUTH_MODE": "dev"}, []string{"AUTH_MODE=dev is refused"}},
		{"production without Clerk keys", map[string]string{"APP_ENV": "production"}, []string{"CLERK_JWT_KEY or CLERK_JWKS_URL"}},
		{"bad values all reported", map[string]string{"PORT": "http", "TAX_RATE": "19", "LOG_LEVEL": "loud", "SEED_DEMO": "maybe"},
			[]string{"PORT", "TAX_RATE", "LOG_LEVEL", "SEED_DEMO"}},
		{"wildcard CORS", map[string]string{"CORS_ORIGINS": "*"}, []string{"explicit origins"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := config.Load(env(tt.env))
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestClerkKeySelectsClerkMode(t *testing.T) {
	c, err := config.Load(env(map[string]string{"CLERK_JWKS_URL": "https://clerk.example/.well-known/jwks.json"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.AuthMode != "clerk" {
		t.Fatalf("auth mode = %s", c.AuthMode)
	}
	if !strings.Contains(config.Help(), "CLERK_AUTHORIZED_PARTIES") {
		t.Fatal("help must list every variable")
	}
}

func TestInvoiceSellerDefaultsToTheShopAndCanBeChanged(t *testing.T) {
	c, err := config.Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.CompanyName != "Don Palito Junior" || c.CompanyNIT != "71710169-0" || c.CompanyCity != "Sabaneta, Antioquia" ||
		c.CompanyEmail != "donpalitojr@gmail.com" || c.LowStockThreshold != 5 {
		t.Fatalf("seller defaults = %+v", c)
	}
	c, err = config.Load(env(map[string]string{"COMPANY_NAME": "Palitos S.A.S.", "LOW_STOCK_THRESHOLD": "10"}))
	if err != nil || c.CompanyName != "Palitos S.A.S." || c.LowStockThreshold != 10 {
		t.Fatalf("overrides: %v %+v", err, c)
	}
	if _, err := config.Load(env(map[string]string{"LOW_STOCK_THRESHOLD": "-1"})); err == nil {
		t.Fatal("a negative threshold is refused")
	}
}

// The README's configuration table is what operators read; it must name every
// variable the server reads.
func TestReadmeListsEveryVariable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range config.Vars {
		if !strings.Contains(string(readme), "| `"+v.Name+"` |") {
			t.Errorf("README.md's configuration table lacks %s", v.Name)
		}
	}
}

// Production keeps /metrics off the public port unless a token guards it;
// development keeps it easy to reach.
func TestMetricsArePublicOnlyOutsideProductionOrWithAToken(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want bool
	}{
		{map[string]string{}, true},
		{map[string]string{"APP_ENV": "production", "CLERK_JWT_KEY": "k", "BANK_NAME": "b", "BANK_ACCOUNT_NUMBER": "1"}, false},
		{map[string]string{"APP_ENV": "production", "CLERK_JWT_KEY": "k", "BANK_NAME": "b", "BANK_ACCOUNT_NUMBER": "1", "METRICS_TOKEN": "t"}, true},
		{map[string]string{"METRICS_ADDR": "127.0.0.1:9090"}, false},
	} {
		cfg, err := config.Load(func(k string) string { return c.env[k] })
		if err != nil {
			t.Fatal(err)
		}
		if cfg.MetricsPublic != c.want {
			t.Errorf("%v: metrics on the main port = %v, want %v", c.env, cfg.MetricsPublic, c.want)
		}
	}
	if _, err := config.Load(func(k string) string { return map[string]string{"TRUSTED_PROXIES": "10.0.0.0/8, nope"}[k] }); err == nil {
		t.Error("a bad TRUSTED_PROXIES entry was accepted")
	}
}

func TestBankAndContactDefaultToTheBakeryAndProductionNeedsARealAccount(t *testing.T) {
	c, err := config.Load(env(map[string]string{"COMPANY_PHONE": "314 870 2078"}))
	if err != nil {
		t.Fatal(err)
	}
	if c.BankTransfer.Bank == "" || c.BankTransfer.AccountNumber == "" || c.BankTransfer.Holder != "Don Palito Junior" ||
		c.BankTransfer.NIT != "71710169-0" {
		t.Errorf("bank defaults = %+v", c.BankTransfer)
	}
	if c.Contact.WhatsApp != "573148702078" || c.Contact.Phone != "314 870 2078" ||
		c.Contact.Address != "Carrera 47 # 76D Sur-37, Sabaneta, Antioquia" {
		t.Errorf("contact defaults = %+v", c.Contact)
	}

	prod := map[string]string{"APP_ENV": "production", "CLERK_JWKS_URL": "https://clerk.example/.well-known/jwks.json"}
	if _, err := config.Load(env(prod)); err == nil || !strings.Contains(err.Error(), "BANK_NAME and BANK_ACCOUNT_NUMBER") {
		t.Fatalf("production without a bank account: %v", err)
	}
	prod["BANK_NAME"], prod["BANK_ACCOUNT_NUMBER"] = "Davivienda", "0550-1234-5678"
	c, err = config.Load(env(prod))
	if err != nil || c.BankTransfer.Bank != "Davivienda" || c.BankTransfer.AccountNumber != "0550-1234-5678" {
		t.Fatalf("production with a bank account: %v %+v", err, c.BankTransfer)
	}

	_, err = config.Load(env(map[string]string{"CONTACT_WHATSAPP": "314-870", "CLERK_PUBLISHABLE_KEY": "sk_live_oops"}))
	if err == nil || !strings.Contains(err.Error(), "CONTACT_WHATSAPP") || !strings.Contains(err.Error(), "CLERK_PUBLISHABLE_KEY") {
		t.Fatalf("bad WhatsApp and Clerk key: %v", err)
	}
}
