// Package auth verifies who is calling: Clerk session tokens, the local dev
// tokens (verified through the very same code) and, later, API keys. It knows
// nothing of HTTP beyond the bearer string it is handed.
package auth

import (
	"context"
	"errors"
	"slices"
	"strings"
)

// Role is what a caller may do.
type Role string

const (
	RoleCustomer Role = "customer"
	RoleAdmin    Role = "admin"
)

// ErrUnauthenticated means the credentials are missing, malformed, expired or
// not ours. The detail is logged, never shown, so callers cannot probe it.
var ErrUnauthenticated = errors.New("unauthenticated")

// Claims are the facts a verified token states about its subject.
type Claims struct {
	Subject string
	Email   string
	Name    string
	Image   string
	// Role as claimed by the identity provider (role claim or public metadata).
	Role string
}

// Principal is the authenticated caller of one request.
type Principal struct {
	UserID  string // 24-hex id of the local user record
	Subject string // identity provider subject (Clerk user id or dev subject)
	Email   string
	Name    string
	Role    Role
	// APIKeyID is set when the caller used an API key instead of a session.
	APIKeyID string
	Scopes   []string
}

// IsAdmin reports whether the principal may use admin operations.
func (p Principal) IsAdmin() bool { return p.Role == RoleAdmin }

// HasScope reports whether an API key principal carries scope; session
// principals carry every scope of their role.
func (p Principal) HasScope(scope string) bool {
	if p.APIKeyID == "" {
		return true
	}
	return slices.Contains(p.Scopes, scope)
}

type principalKey struct{}

// WithPrincipal stores p in ctx.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the request's principal, if it was authenticated.
func FromContext(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}

// RoleFor decides the role of a verified subject. Admin comes only from what
// the identity provider signed or from the operator's allow-list, never from
// anything a client can write.
func RoleFor(c Claims, adminEmails []string) Role {
	if strings.EqualFold(c.Role, string(RoleAdmin)) {
		return RoleAdmin
	}
	if c.Email != "" {
		for _, e := range adminEmails {
			if strings.EqualFold(strings.TrimSpace(e), c.Email) {
				return RoleAdmin
			}
		}
	}
	return RoleCustomer
}
