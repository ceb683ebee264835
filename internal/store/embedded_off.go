//go:build noembed

package store

import (
	"context"
	"errors"
	"log/slog"
)

// startEmbedded refuses: this build (-tags noembed) leaves FerretDB, SQLite,
// pgx and gRPC out, so it needs MONGODB_URI.
func (s *Store) startEmbedded(context.Context, string, *slog.Logger) (string, error) {
	return "", errors.New("this server was built without the embedded database (-tags noembed): set MONGODB_URI")
}
