package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/donpalito/donpalitojr/internal/apikey"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/idempotency"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// Problem is an RFC 9457 problem document with our stable code.
type Problem struct {
	Type     string       `json:"type"`
	Title    string       `json:"title"`
	Status   int          `json:"status"`
	Detail   string       `json:"detail,omitempty"`
	Code     string       `json:"code"`
	Instance string       `json:"instance,omitempty"`
	Errors   []FieldError `json:"errors,omitempty"`
	// PriceChanges and Total come only with price_changed.
	PriceChanges []PriceChange `json:"priceChanges,omitempty"`
	Total        *int64        `json:"total,omitempty"`
}

// PriceChange is one cart line whose price changed since it was added.
type PriceChange struct {
	ProductID    string `json:"productId"`
	Name         string `json:"name"`
	OldUnitPrice int64  `json:"oldUnitPrice"`
	NewUnitPrice int64  `json:"newUnitPrice"`
}

// FieldError names one invalid input field, the rule it broke (a stable code
// from validation.Codes) and a Spanish message for people.
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (p *Problem) Error() string { return p.Code + ": " + p.Detail }

func newProblem(status int, code, detail string) *Problem {
	return &Problem{
		Type:   "https://donpalito.co/problems/" + strings.ReplaceAll(code, "_", "-"),
		Title:  http.StatusText(status),
		Status: status,
		Code:   code,
		Detail: detail,
	}
}

// errNotImplemented marks operations of the contract that later work builds.
var errNotImplemented = errors.New("not implemented")

// problemRule maps one domain error to its problem.
type problemRule struct {
	err    error
	status int
	code   string
	detail string
}

// problemRules are every domain's mappings, each kept beside the handlers of
// its domain; problemFor is the one place that applies them.
var problemRules = [][]problemRule{
	catalogProblems,
	accountProblems,
	adminAccountProblems,
	userProblems,
	commerceProblems,
	webhookProblems,
	reviewProblems,
	reportProblems,
	eventProblems,
	paymentProblems,
	platformProblems,
}

var platformProblems = []problemRule{
	// Before ErrUnauthenticated, which a refused key also is: "sign in" is
	// no help to a script holding a revoked key.
	{apikey.ErrInvalid, http.StatusUnauthorized, "unauthenticated", "La clave de API no es válida o fue revocada."},
	{auth.ErrUnauthenticated, http.StatusUnauthorized, "unauthenticated", "Inicia sesión para continuar."},
	{errNotImplemented, http.StatusNotImplemented, "not_implemented", "Esta operación del contrato aún no está disponible en este servidor."},
	{idempotency.ErrKeyReused, http.StatusUnprocessableEntity, "idempotency_key_reused", "Esta Idempotency-Key ya se usó con una solicitud distinta."},
	{idempotency.ErrInProgress, http.StatusConflict, "idempotency_key_in_progress", "La primera solicitud con esta Idempotency-Key aún se está procesando."},
}

var accountProblems = []problemRule{
	{customer.ErrNotFound, http.StatusNotFound, "not_found", "El usuario no existe."},
	{customer.ErrInactive, http.StatusForbidden, "account_inactive", "Tu cuenta está desactivada. Escríbenos para reactivarla."},
}

// problemFor maps an error to its problem, or returns nil for an unexpected
// error (which the caller logs and answers with a 500).
func problemFor(err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	if p := transitionProblem(err); p != nil {
		return p
	}
	var ve *validation.Error
	if errors.As(err, &ve) {
		pr := newProblem(http.StatusBadRequest, "validation_failed", "La solicitud tiene datos inválidos.")
		for _, f := range ve.Fields {
			pr.Errors = append(pr.Errors, FieldError{Field: f.Name, Code: f.Code, Message: f.Message})
		}
		return pr
	}
	for _, rules := range problemRules {
		for _, r := range rules {
			if errors.Is(err, r.err) {
				return newProblem(r.status, r.code, r.detail)
			}
		}
	}
	if p := outOfStockProblem(err); p != nil {
		return p
	}
	if p := priceChangedProblem(err); p != nil {
		return p
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return newProblem(http.StatusRequestEntityTooLarge, "payload_too_large",
			"El cuerpo de la solicitud supera el máximo de "+strconv.FormatInt(mbe.Limit, 10)+" bytes.")
	}
	return nil
}

// writeProblem sends p as application/problem+json.
func writeProblem(w http.ResponseWriter, r *http.Request, p *Problem) {
	if r != nil && p.Instance == "" {
		p.Instance = r.URL.Path
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Cache-Control", "no-store")
	if p.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="donpalito"`)
	}
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}
