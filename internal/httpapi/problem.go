package httpapi

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/catalog"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/media"
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
}

// FieldError names one invalid input field.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
	Code    string `json:"code,omitempty"`
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

// problemFor maps a domain error to its problem. It is the one place where
// domain errors meet HTTP status codes.
func problemFor(err error) *Problem {
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	var ve *catalog.ValidationError
	if errors.As(err, &ve) {
		pr := newProblem(http.StatusBadRequest, "validation_failed", "La solicitud tiene datos inválidos.")
		for _, f := range ve.Fields {
			pr.Errors = append(pr.Errors, FieldError{Field: f.Field, Message: f.Message})
		}
		return pr
	}
	switch {
	case errors.Is(err, catalog.ErrNotFound):
		return newProblem(http.StatusNotFound, "not_found", "El producto no existe.")
	case errors.Is(err, catalog.ErrImageNotFound):
		return newProblem(http.StatusNotFound, "not_found", "La imagen no existe en este producto.")
	case errors.Is(err, customer.ErrNotFound):
		return newProblem(http.StatusNotFound, "not_found", "El usuario no existe.")
	case errors.Is(err, catalog.ErrTooManyImages):
		return newProblem(http.StatusConflict, "too_many_images", "Un producto puede tener como máximo 3 imágenes.")
	case errors.Is(err, catalog.ErrInsufficientStock):
		return newProblem(http.StatusConflict, "insufficient_stock", "El inventario no puede quedar por debajo de cero.")
	case errors.Is(err, media.ErrUnsupportedType):
		return newProblem(http.StatusUnsupportedMediaType, "unsupported_media_type", "Solo se aceptan imágenes JPEG, PNG o WebP.")
	case errors.Is(err, media.ErrTooLarge):
		return newProblem(http.StatusRequestEntityTooLarge, "payload_too_large", "La imagen supera los 5 MB.")
	case errors.Is(err, auth.ErrUnauthenticated):
		return newProblem(http.StatusUnauthorized, "unauthenticated", "Inicia sesión para continuar.")
	case errors.Is(err, customer.ErrInactive):
		return newProblem(http.StatusForbidden, "account_inactive", "Tu cuenta está desactivada. Escríbenos para reactivarla.")
	case errors.Is(err, errNotImplemented):
		return newProblem(http.StatusNotImplemented, "not_implemented", "Esta operación del contrato aún no está disponible en este servidor.")
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
