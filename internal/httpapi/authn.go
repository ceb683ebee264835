package httpapi

import (
	"context"
	"fmt"

	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/customer"
)

// SessionAuthenticator verifies session tokens and resolves their local user.
type SessionAuthenticator struct {
	Verifier    *auth.Verifier
	Users       *customer.Service
	AdminEmails []string
}

// Authenticate implements Authenticator.
func (a SessionAuthenticator) Authenticate(ctx context.Context, bearer string) (auth.Principal, error) {
	claims, err := a.Verifier.Verify(ctx, bearer)
	if err != nil {
		return auth.Principal{}, err
	}
	role := auth.RoleFor(claims, a.AdminEmails)
	u, err := a.Users.EnsureUser(ctx, claims, role)
	if err != nil {
		return auth.Principal{}, fmt.Errorf("resolve user: %w", err)
	}
	if !u.IsActive {
		return auth.Principal{}, customer.ErrInactive
	}
	return auth.Principal{UserID: u.ID, Subject: u.ClerkID, Email: u.Email, Name: u.Name, Role: role}, nil
}
