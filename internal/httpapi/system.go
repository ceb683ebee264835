package httpapi

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/auth"
)

func (h *Handler) GetHealth(context.Context, api.GetHealthRequestObject) (api.GetHealthResponseObject, error) {
	return api.GetHealth200JSONResponse{Status: "ok"}, nil
}

func (h *Handler) GetReady(ctx context.Context, _ api.GetReadyRequestObject) (api.GetReadyResponseObject, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := h.deps.Store.Ping(ctx); err != nil {
		h.log.WarnContext(ctx, "readiness check failed", "err", err)
		return nil, newProblem(http.StatusServiceUnavailable, "database_unavailable", "La base de datos no responde.")
	}
	return api.GetReady200JSONResponse{Status: "ok", Database: "ok"}, nil
}

func (h *Handler) GetOpenAPISpec(context.Context, api.GetOpenAPISpecRequestObject) (api.GetOpenAPISpecResponseObject, error) {
	return api.GetOpenAPISpec200ApplicationyamlResponse{Body: bytes.NewReader(h.specYAML), ContentLength: int64(len(h.specYAML))}, nil
}

const docsNotBuilt = `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Don Palito Jr — referencia de la API</title></head>
<body><main><h1>Referencia de la API</h1><p>La referencia interactiva no está construida en este servidor: ejecuta <code>make run</code>,
o <code>npm run build -w @donpalito/api-docs</code> en <code>frontends/</code>.</p>
<p>El contrato completo está en <a href="/api/openapi.yaml">/api/openapi.yaml</a>.</p></main></body></html>`

// GetAPIDocs serves the built API reference (frontends/api-docs: Scalar over
// /api/openapi.yaml); its scripts come from the same directory under /api/docs/.
func (h *Handler) GetAPIDocs(context.Context, api.GetAPIDocsRequestObject) (api.GetAPIDocsResponseObject, error) {
	if h.docs == nil {
		// Not built (a bare go run, or DOCS_DIR=off): say so on a page that
		// still leads to the contract, rather than failing.
		return api.GetAPIDocs200TexthtmlResponse{Body: strings.NewReader(docsNotBuilt), ContentLength: int64(len(docsNotBuilt))}, nil
	}
	page, err := h.docs.loadIndex()
	if err != nil {
		return nil, fmt.Errorf("read API reference page: %w", err)
	}
	return api.GetAPIDocs200TexthtmlResponse{Body: bytes.NewReader(page), ContentLength: int64(len(page))}, nil
}

func (h *Handler) GetConfig(context.Context, api.GetConfigRequestObject) (api.GetConfigResponseObject, error) {
	cfg := h.deps.Config
	methods := []api.PaymentMethod{"transfer"}
	if h.deps.Payments.Available() {
		methods = []api.PaymentMethod{"card", "transfer"}
	}
	// In dev auth mode the apps sign in with dev tokens: a Clerk key would
	// make them show a sign-in whose tokens this server refuses.
	var clerkKey *string
	if cfg.AuthMode == "clerk" {
		clerkKey = optional(cfg.ClerkPublishableKey)
	}
	bank, contact := cfg.BankTransfer, cfg.Contact
	return api.GetConfig200JSONResponse{
		StripePublishableKey: optional(h.deps.Payments.PublishableKey()),
		Currency:             cfg.Currency,
		ShippingFee:          cfg.ShippingFee,
		TaxRate:              cfg.TaxRate,
		AuthMode:             api.StoreConfigAuthMode(cfg.AuthMode),
		PaymentMethods:       methods,
		OrderHoldMinutes: api.OrderHoldMinutes{
			Card: int(cfg.OrderHoldCard.Minutes()), Transfer: int(cfg.OrderHoldTransfer.Minutes()),
		},
		ClerkPublishableKey: clerkKey,
		BankTransfer: api.BankTransferDetails{
			Bank: bank.Bank, AccountType: bank.AccountType, AccountNumber: bank.AccountNumber,
			Holder: bank.Holder, Nit: bank.NIT, Instructions: bank.Instructions,
		},
		LowStockThreshold: cfg.LowStockThreshold,
		Contact: api.ShopContact{
			Whatsapp: contact.WhatsApp, Phone: contact.Phone, Email: contact.Email,
			Address: contact.Address, OpeningHours: contact.OpeningHours,
		},
	}, nil
}

// CreateDevToken mints a local session token. It exists only in dev auth
// mode; elsewhere the route answers as if it did not exist.
func (h *Handler) CreateDevToken(_ context.Context, req api.CreateDevTokenRequestObject) (api.CreateDevTokenResponseObject, error) {
	if h.deps.DevSigner == nil {
		return nil, newProblem(http.StatusNotFound, "not_found", "No existe la ruta /api/dev/token.")
	}
	role := auth.RoleCustomer
	if req.Body.Role != nil && *req.Body.Role == "admin" {
		role = auth.RoleAdmin
	}
	email := strings.ToLower(strings.TrimSpace(string(req.Body.Email)))
	name := strings.TrimSpace(deref(req.Body.Name))
	tok, exp, err := h.deps.DevSigner.Issue(email, name, role)
	if err != nil {
		return nil, err
	}
	return api.CreateDevToken200JSONResponse{Token: tok, ExpiresAt: exp}, nil
}

func (h *Handler) GetMe(ctx context.Context, _ api.GetMeRequestObject) (api.GetMeResponseObject, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	u, err := h.deps.Customers.Get(ctx, p.UserID)
	if err != nil {
		return nil, err
	}
	return api.GetMe200JSONResponse{
		Id: u.ID, Email: u.Email, Name: u.Name, Role: api.Role(p.Role), IsActive: u.IsActive, CreatedAt: u.CreatedAt,
	}, nil
}
