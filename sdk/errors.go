package sdk

import (
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
)

// Error is a refusal by the server: any answer outside 2xx. It carries the
// problem document (RFC 9457) the server sent; answers that are not problem
// documents (a proxy's HTML page, say) keep only the status and a short
// excerpt of the body in Detail. Use errors.As to get at it, or IsCode to test
// its code.
type Error struct {
	// Status is the HTTP status code.
	Status int
	// Code is the stable machine-readable code (not_found, out_of_stock,
	// validation_failed, not_implemented, …); empty when the answer was not a
	// problem document.
	Code string
	// Title is a short summary (the HTTP reason phrase).
	Title string
	// Detail is a human-readable explanation of this occurrence, in Spanish.
	Detail string
	// Fields lists the offending fields of a validation failure.
	Fields []FieldError
	// RequestID is the server's X-Request-Id, to quote when asking for help.
	RequestID string
}

// Error formats the status, the code and the detail.
func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d", e.Status)
	if e.Code != "" {
		b.WriteString(" " + e.Code)
	}
	if e.Detail != "" {
		b.WriteString(": " + e.Detail)
	} else if e.Title != "" {
		b.WriteString(": " + e.Title)
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "; %s: %s", f.Field, f.Message)
	}
	return b.String()
}

// FieldMessage returns the message of the first field error about field, or
// "" when there is none.
func (e *Error) FieldMessage(field string) string {
	for _, f := range e.Fields {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

// IsCode reports whether err is (or wraps) an *Error with the given code.
func IsCode(err error, code string) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// CheckResponse returns nil for a 2xx answer and an *Error for any other. Use
// it with the generated typed methods:
//
//	res, err := api.AdminListOrdersWithResponse(ctx, params)
//	if err == nil {
//		err = sdk.CheckResponse(res.HTTPResponse, res.Body)
//	}
func CheckResponse(res *http.Response, body []byte) error {
	if res == nil {
		return errors.New("sdk: no response")
	}
	if res.StatusCode >= 200 && res.StatusCode < 300 {
		return nil
	}
	e := &Error{Status: res.StatusCode, Title: http.StatusText(res.StatusCode), RequestID: res.Header.Get("X-Request-Id")}
	mediaType, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	var p Problem
	if strings.HasSuffix(mediaType, "json") && json.Unmarshal(body, &p) == nil && p.Code != "" {
		e.Code = p.Code
		if p.Title != "" {
			e.Title = p.Title
		}
		if p.Detail != nil {
			e.Detail = *p.Detail
		}
		if p.Errors != nil {
			e.Fields = *p.Errors
		}
		return e
	}
	excerpt := strings.TrimSpace(string(body))
	if len(excerpt) > 200 {
		excerpt = excerpt[:200] + "…"
	}
	e.Detail = excerpt
	return e
}

// value returns v for a 2xx answer that decoded into the expected type, and
// the answer's *Error otherwise.
func value[T any](res *http.Response, body []byte, v *T) (*T, error) {
	if err := CheckResponse(res, body); err != nil {
		return nil, err
	}
	if v == nil {
		return nil, fmt.Errorf("sdk: unexpected answer %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	return v, nil
}
