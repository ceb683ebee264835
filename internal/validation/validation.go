// Package validation is how domain packages report invalid input: every
// problem found, each naming its field with a stable code and a Spanish
// message, so clients can show them all at once under the right inputs.
package validation

import (
	"fmt"
	"strconv"
	"strings"
)

// Codes of a field error: what rule the value broke. Clients match on these,
// so they are a contract (openapi.yaml lists them); messages may change.
const (
	Required      = "required"       // missing or empty
	TooShort      = "too_short"      // fewer characters or items than allowed
	TooLong       = "too_long"       // more characters or items than allowed
	OutOfRange    = "out_of_range"   // a number or date outside its bounds
	InvalidFormat = "invalid_format" // does not have the expected shape (pattern, date, email)
	InvalidValue  = "invalid_value"  // well-formed but not an accepted value
	InvalidType   = "invalid_type"   // a text where a number goes, and so on
	UnknownField  = "unknown_field"  // a field the operation does not take
	ReadOnly      = "read_only"      // a field only the server sets
	Duplicate     = "duplicate"      // repeated items in a list
	Malformed     = "malformed"      // the body is not valid JSON
	Conflict      = "conflict"       // fields that cannot go together
)

// Codes lists every code a field error may carry.
var Codes = []string{
	Required, TooShort, TooLong, OutOfRange, InvalidFormat, InvalidValue,
	InvalidType, UnknownField, ReadOnly, Duplicate, Malformed, Conflict,
}

// Field is one problem with one input field.
type Field struct {
	Name    string
	Code    string
	Message string
}

// Error lists every problem found in one input.
type Error struct{ Fields []Field }

func (e *Error) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Name + ": " + f.Code + ": " + f.Message
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Add records a problem with field.
func (e *Error) Add(field, code, message string) {
	e.Fields = append(e.Fields, Field{Name: field, Code: code, Message: message})
}

// Err returns e when it holds problems, else nil, so callers can write
// `return v.Err()`.
func (e *Error) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Fail is a one-field error.
func Fail(field, code, message string) error {
	return &Error{Fields: []Field{{Name: field, Code: code, Message: message}}}
}

// The messages below are shared by the domain rules and the contract's
// validator, so one rule reads the same whichever layer enforced it.

// MsgRequired says a value is missing.
const MsgRequired = "Este campo es obligatorio."

// MsgNothingToChange refuses an update that names no field.
const MsgNothingToChange = "Envía al menos un campo para cambiar."

// MsgNotEmpty refuses an empty text.
const MsgNotEmpty = "No puede estar vacío."

// MsgDate asks for a calendar date.
const MsgDate = "Debe ser una fecha con el formato AAAA-MM-DD."

// MsgColombianMobile asks for a Colombian mobile number.
const MsgColombianMobile = "Debe ser un celular colombiano: 10 dígitos que empiezan por 3."

// MinChars says a text is shorter than min characters.
func MinChars(min int) string {
	if min <= 1 {
		return MsgNotEmpty
	}
	return fmt.Sprintf("Debe tener al menos %d caracteres.", min)
}

// MaxChars says a text is longer than max characters.
func MaxChars(max int) string {
	return fmt.Sprintf("Debe tener como máximo %d caracteres.", max)
}

// Between says a number must lie in [min, max].
func Between[N int | int64 | float64](min, max N) string {
	return fmt.Sprintf("Debe ser un número entre %s y %s.", num(min), num(max))
}

// AtLeast says a number must be min or more.
func AtLeast[N int | int64 | float64](min N) string {
	return fmt.Sprintf("Debe ser un número mayor o igual a %s.", num(min))
}

// AtMost says a number must be max or less.
func AtMost[N int | int64 | float64](max N) string {
	return fmt.Sprintf("Debe ser un número menor o igual a %s.", num(max))
}

// OneOf says a value must be one of the listed ones.
func OneOf(values ...string) string {
	return "Debe ser uno de estos valores: " + strings.Join(values, ", ") + "."
}

// num writes a bound without exponent notation (1000000, not 1e+06).
func num[N int | int64 | float64](v N) string {
	switch x := any(v).(type) {
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	}
	return strconv.FormatFloat(float64(v), 'f', -1, 64)
}
