package httpapi_test

import (
	"crypto/rand"
	"crypto/rsa"
	"html"
	"strings"
	"testing"

	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/sdk"
)

func TestConfigTellsTheStorefrontHowToPayAndReachTheShop(t *testing.T) {
	t.Run("development defaults are the bakery's", func(t *testing.T) {
		env := apitest.New(t, apitest.WithEnv("CLERK_PUBLISHABLE_KEY", "pk_test_Y2xlcmsuZG9ucGFsaXRvLnRlc3Qk"))
		res, err := env.Client("").GetConfigWithResponse(ctx)
		if err != nil || res.JSON200 == nil {
			t.Fatalf("config: %v %s", err, res.Body)
		}
		c := res.JSON200
		if c.ClerkPublishableKey != nil {
			t.Errorf("dev auth mode must hide the Clerk key (its tokens would be refused), got %q", *c.ClerkPublishableKey)
		}
		b := c.BankTransfer
		if b.Bank == "" || b.AccountType != "Ahorros" || b.AccountNumber == "" || b.Holder != "Don Palito Junior" ||
			b.Nit != "71710169-0" || !strings.Contains(b.Instructions, "referencia") {
			t.Errorf("bank defaults: %+v", b)
		}
		k := c.Contact
		if k.Whatsapp != "573148702078" || k.Phone != "3148702078" || k.Email != "donpalitojr@gmail.com" ||
			k.Address != "Carrera 47 # 76D Sur-37, Sabaneta, Antioquia" || k.OpeningHours == "" {
			t.Errorf("contact defaults: %+v", k)
		}
	})

	t.Run("every value comes from the environment", func(t *testing.T) {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		env := newClerkEnv(t, key,
			apitest.WithEnv("CLERK_PUBLISHABLE_KEY", "pk_live_Y2xlcmsuZG9ucGFsaXRvLmNvJA"),
			apitest.WithEnv("BANK_NAME", "Banco de Bogotá"), apitest.WithEnv("BANK_ACCOUNT_TYPE", "Corriente"),
			apitest.WithEnv("BANK_ACCOUNT_NUMBER", "987-654321-0"), apitest.WithEnv("BANK_ACCOUNT_HOLDER", "Palitos S.A.S."),
			apitest.WithEnv("BANK_NIT", "900123456-7"), apitest.WithEnv("BANK_INSTRUCTIONS", "Paga y avisa."),
			apitest.WithEnv("CONTACT_WHATSAPP", "+573001112233"), apitest.WithEnv("CONTACT_PHONE", "604 444 5566"),
			apitest.WithEnv("CONTACT_EMAIL", "hola@palitos.co"), apitest.WithEnv("CONTACT_ADDRESS", "Calle 75 Sur # 43-20, Sabaneta"),
			apitest.WithEnv("CONTACT_HOURS", "Todos los días, 6 a. m. – 8 p. m."))
		res, err := env.Client("").GetConfigWithResponse(ctx)
		if err != nil || res.JSON200 == nil {
			t.Fatalf("config: %v %s", err, res.Body)
		}
		c := res.JSON200
		if c.ClerkPublishableKey == nil || *c.ClerkPublishableKey != "pk_live_Y2xlcmsuZG9ucGFsaXRvLmNvJA" {
			t.Errorf("clerk key = %v", c.ClerkPublishableKey)
		}
		want := sdk.BankTransferDetails{Bank: "Banco de Bogotá", AccountType: "Corriente", AccountNumber: "987-654321-0",
			Holder: "Palitos S.A.S.", Nit: "900123456-7", Instructions: "Paga y avisa."}
		if c.BankTransfer != want {
			t.Errorf("bank = %+v, want %+v", c.BankTransfer, want)
		}
		wantContact := sdk.ShopContact{Whatsapp: "573001112233", Phone: "604 444 5566", Email: "hola@palitos.co",
			Address: "Calle 75 Sur # 43-20, Sabaneta", OpeningHours: "Todos los días, 6 a. m. – 8 p. m."}
		if c.Contact != wantContact {
			t.Errorf("contact = %+v, want %+v", c.Contact, wantContact)
		}
	})
}

// The order-received email of a transfer order is how the shopper learns
// where to pay: it carries the account and the reference to quote. Values an
// operator typed reach the HTML escaped.
func TestTransferOrderEmailCarriesTheBankDetailsAndTheReference(t *testing.T) {
	s := newShop(t, apitest.WithEnv("BANK_NAME", "Bancolombia"), apitest.WithEnv("BANK_ACCOUNT_NUMBER", "245-000777-12"),
		apitest.WithEnv("BANK_INSTRUCTIONS", "Incluye la referencia <b>sin espacios</b>."))
	id := s.product(t, "Palito de queso", 250000, 10)
	ana := s.customer(t, "ana@donpalito.test", map[string]int{id: 2})
	res, err := checkout(ana, "pedido-transferencia", "")
	if err != nil || res.JSON201 == nil {
		t.Fatalf("checkout: %v %s", err, res.Body)
	}
	ref := res.JSON201.Reference
	admin := s.env.Client(s.env.Token("admin@donpalito.test", auth.RoleAdmin))
	got := mailTo(mailbox(t, admin), "ana@donpalito.test", "Recibimos tu pedido #"+ref)
	if len(got) != 1 {
		t.Fatalf("%d order-received emails", len(got))
	}
	body := got[0].Html
	for _, want := range []string{"Bancolombia", "Ahorros", "245-000777-12", "Don Palito Junior", "71710169-0",
		"<strong>" + ref + "</strong>", "$ 15.000", "https://wa.me/573148702078", "(hora de Colombia)",
		html.EscapeString("Incluye la referencia <b>sin espacios</b>.")} {
		if !strings.Contains(body, want) {
			t.Errorf("email lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "<b>sin espacios</b>") {
		t.Error("instructions were not escaped")
	}
	// The shop's copy is not a payment request.
	shop := mailTo(mailbox(t, admin), shopEmailDefault, "Nuevo pedido #"+ref)
	if len(shop) != 1 || strings.Contains(shop[0].Html, "245-000777-12") {
		t.Errorf("the shop gets one copy without the payment instructions: %+v", shop)
	}
}

const shopEmailDefault = "donpalitojr@gmail.com"
