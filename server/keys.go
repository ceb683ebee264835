package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/donpalito/donpalitojr/internal/apikey"
	"github.com/donpalito/donpalitojr/internal/config"
	"github.com/donpalito/donpalitojr/internal/customer"
	"github.com/donpalito/donpalitojr/internal/store"
)

const keysUsage = `Manage API keys directly in the database (for the very first key of a fresh
install; afterwards admins can also use POST /api/admin/api-keys).

Usage:
  server keys create --name NAME [--scope admin] [--scope read]
  server keys list [--all]
  server keys revoke ID

Keys created here act as the built-in "Administración (terminal)" admin user.
The database is the one the server uses (MONGODB_URI, or the embedded one in
DATA_DIR); with the embedded database, stop the server first.
`

type scopeList []string

func (s *scopeList) String() string     { return strings.Join(*s, ",") }
func (s *scopeList) Set(v string) error { *s = append(*s, v); return nil }

// runKeys is `server keys …`.
func runKeys(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, keysUsage)
		if len(args) == 0 {
			return errors.New("keys: missing subcommand")
		}
		return nil
	}
	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	openCtx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	s, err := store.Open(openCtx, store.Config{URI: cfg.MongoURI, Database: cfg.MongoDatabase, DataDir: cfg.DataDir}, log)
	if store.IsDirInUse(err) {
		// Writing behind a running embedded server's back would bypass its
		// in-memory locks; the running server can make the key itself.
		return fmt.Errorf("%w (or, while it runs, create the key with POST /api/admin/api-keys)", err)
	}
	if err != nil {
		return err
	}
	defer s.Close(context.WithoutCancel(ctx))
	if err := s.EnsureIndexes(ctx, append(apikey.Indexes(), customer.Indexes()...)); err != nil {
		return err
	}
	keys := apikey.NewService(s)

	switch args[0] {
	case "create":
		fs := flag.NewFlagSet("keys create", flag.ContinueOnError)
		fs.SetOutput(stderr)
		name := fs.String("name", "", "what the key is for, e.g. \"Caja mostrador\" (required)")
		var scopes scopeList
		fs.Var(&scopes, "scope", "admin or read (repeatable; default admin)")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		if len(scopes) == 0 {
			scopes = scopeList{apikey.ScopeAdmin}
		}
		// Only the service user is needed here; no wishlist, so no catalog.
		// The same user store the platform wires for this database's mode.
		users := customer.NewMongoStore(s)
		if s.Embedded {
			users = customer.NewEmbeddedStore(s)
		}
		svc, err := customer.NewService(users, nil).EnsureServiceUser(ctx)
		if err != nil {
			return err
		}
		k, secret, err := keys.Create(ctx, *name, scopes, svc.ID)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "API key %q created (id %s, scopes %s).\n", k.Name, k.ID, strings.Join(k.Scopes, ","))
		fmt.Fprintf(stdout, "Save it now — it will not be shown again:\n\n  %s\n\n", secret)
		fmt.Fprintf(stdout, "Use it as: Authorization: Bearer %s…\n", k.Prefix)
		return nil
	case "list":
		fs := flag.NewFlagSet("keys list", flag.ContinueOnError)
		fs.SetOutput(stderr)
		all := fs.Bool("all", false, "include revoked keys")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tPREFIX\tSCOPES\tCREATED\tLAST USED\tREVOKED")
		for page := 1; ; page++ {
			p, err := keys.List(ctx, *all, page, 100)
			if err != nil {
				return err
			}
			for _, k := range p.Items {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", k.ID, k.Name, k.Prefix, strings.Join(k.Scopes, ","),
					k.CreatedAt.Format(time.DateTime), when(k.LastUsedAt), when(k.RevokedAt))
			}
			if page*p.Limit >= p.Total {
				break
			}
		}
		return tw.Flush()
	case "revoke":
		if len(args) != 2 {
			return errors.New("usage: server keys revoke ID")
		}
		if err := keys.Revoke(ctx, args[1]); err != nil {
			if errors.Is(err, apikey.ErrNotFound) {
				return fmt.Errorf("no API key with id %s", args[1])
			}
			return err
		}
		fmt.Fprintf(stdout, "API key %s revoked.\n", args[1])
		return nil
	}
	return fmt.Errorf("keys: unknown subcommand %q (see server keys --help)", args[0])
}

func when(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format(time.DateTime)
}
