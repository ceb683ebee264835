package store

import (
	"errors"
	"strings"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// IsDuplicateKey reports whether err is a unique-index violation.
//
// FerretDB reports a duplicate key raised by an update as an InternalError
// whose message names the index, not as E11000, so both forms are recognised.
func IsDuplicateKey(err error) bool {
	if err == nil {
		return false
	}
	if mongo.IsDuplicateKeyError(err) {
		return true
	}
	var ce mongo.CommandError
	if errors.As(err, &ce) && strings.Contains(strings.ToLower(ce.Message), "duplicate") {
		return true
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "duplicate key") || strings.Contains(msg, "unique constraint failed")
}
