package httpapi

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/donpalito/donpalitojr/internal/apikey"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/customer"
)

// CallerAuthenticator resolves a bearer credential — a session token or an
// API key — to the local user it acts as.
type CallerAuthenticator struct {
	Verifier    *auth.Verifier
	Users       *customer.Service
	Keys        *apikey.Service
	AdminEmails []string
}

// Authenticate implements Authenticator.
func (a CallerAuthenticator) Authenticate(ctx context.Context, bearer string) (auth.Principal, error) {
	if strings.HasPrefix(bearer, apikey.Prefix) {
		return a.authenticateKey(ctx, bearer)
	}
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

// authenticateKey lets a key act as the user who created it, with that
// user's current role and status: deactivating or demoting the user disarms
// their keys too.
func (a CallerAuthenticator) authenticateKey(ctx context.Context, secret string) (auth.Principal, error) {
	k, err := a.Keys.Authenticate(ctx, secret)
	if errors.Is(err, apikey.ErrInvalid) {
		return auth.Principal{}, fmt.Errorf("%w: %w", auth.ErrUnauthenticated, err)
	}
	if err != nil {
		return auth.Principal{}, err
	}
	u, err := a.Users.Get(ctx, k.CreatedBy)
	if errors.Is(err, customer.ErrNotFound) {
		return auth.Principal{}, fmt.Errorf("%w: the key's user no longer exists", auth.ErrUnauthenticated)
	}
	if err != nil {
		return auth.Principal{}, fmt.Errorf("resolve api key user: %w", err)
	}
	if !u.IsActive {
		return auth.Principal{}, customer.ErrInactive
	}
	return auth.Principal{
		UserID: u.ID, Subject: u.ClerkID, Email: u.Email, Name: u.Name, Role: u.Role,
		APIKeyID: k.ID, Scopes: k.Scopes,
	}, nil
}
