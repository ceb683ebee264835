// Package validation is how domain packages report invalid input: every
// problem found, each naming its field, so clients can show them all at once.
package validation

import "strings"

// Field is one problem with one input field.
type Field struct {
	Name    string
	Message string
}

// Error lists every problem found in one input.
type Error struct{ Fields []Field }

func (e *Error) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Name + ": " + f.Message
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Add records a problem with field.
func (e *Error) Add(field, message string) { e.Fields = append(e.Fields, Field{field, message}) }

// Err returns e when it holds problems, else nil, so callers can write
// `return v.Err()`.
func (e *Error) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Fail is a one-field error.
func Fail(field, message string) error { return &Error{Fields: []Field{{field, message}}} }
