package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"strconv"
	"time"

	"github.com/donpalito/donpalitojr/internal/app"
	"github.com/donpalito/donpalitojr/internal/config"
)

const usage = `Don Palito Jr API server.

Usage:
  server                       start the server (configuration from the environment)
  server keys create|list|revoke   manage API keys (server keys --help)
  server --help                show this help

With no configuration it starts on the embedded defaults: an embedded FerretDB
database in DATA_DIR, local dev auth (POST /api/dev/token), local media and the
demo catalog.

Environment variables:
`

// run is the whole program; main only wires it to the process. Tests call it
// with their own environment and cancel ctx to stop it.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stdout, usage+config.Help()) }
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		if fs.Arg(0) == "keys" {
			return runKeys(ctx, fs.Args()[1:], getenv, stdout, stderr)
		}
		return fmt.Errorf("unknown command %q (see --help)", fs.Arg(0))
	}

	cfg, err := config.Load(getenv)
	if err != nil {
		return err
	}
	return serve(ctx, cfg, newLogger(cfg, stderr), stdout)
}

// serve runs the platform described by cfg until ctx ends. opts reach
// app.New (the crash tests give the platform a clock set hours ahead).
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, stdout io.Writer, opts ...app.Option) error {
	start := time.Now()
	a, err := app.New(ctx, cfg, log, opts...)
	if err != nil {
		return err
	}
	defer a.Close(context.WithoutCancel(ctx))

	lns, err := listen(cfg)
	if err != nil {
		return err
	}
	for _, ln := range lns {
		log.Info("listening", "addr", ln.Addr().String())
	}
	if cfg.AuthMode == "dev" && !loopback(cfg.Host) {
		log.Warn("dev auth mode listens beyond this machine: anyone who reaches it can mint an admin token (POST /api/dev/token); unset HOST to keep it on loopback",
			"host", cfg.Host)
	}
	srv := &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	port := lns[0].Addr().(*net.TCPAddr).Port
	base := fmt.Sprintf("http://localhost:%d", port)
	db := "embedded FerretDB in " + cfg.DataDir
	if cfg.MongoURI != "" {
		db = "MongoDB at MONGODB_URI"
	}
	fmt.Fprintf(stdout, "Don Palito Jr está listo en %s (%s, auth %s, %s)\n", base, db, cfg.AuthMode, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(stdout, "  API:        %s/api/products\n", base)
	fmt.Fprintf(stdout, "  Docs:       %s/api/docs\n", base)
	fmt.Fprintf(stdout, "  Contrato:   %s/api/openapi.yaml\n", base)
	var metricsSrv *http.Server
	switch {
	case cfg.MetricsAddr != "":
		mln, err := net.Listen("tcp", cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("listen on METRICS_ADDR %s: %w", cfg.MetricsAddr, err)
		}
		mux := http.NewServeMux()
		mux.Handle("/metrics", a.Metrics)
		// The operator's own listener also carries Go's profiler, so a slow
		// path can be profiled in place (go tool pprof http://ADDR/debug/pprof/profile);
		// the public port never serves it.
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
		metricsSrv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
		go func() { _ = metricsSrv.Serve(mln) }()
		defer metricsSrv.Close()
		fmt.Fprintf(stdout, "  Métricas:   http://%s/metrics (perfiles: http://%s/debug/pprof/)\n", mln.Addr(), mln.Addr())
	case cfg.MetricsPublic && cfg.MetricsToken != "":
		fmt.Fprintf(stdout, "  Métricas:   %s/metrics (Authorization: Bearer $METRICS_TOKEN)\n", base)
	case cfg.MetricsPublic:
		fmt.Fprintf(stdout, "  Métricas:   %s/metrics\n", base)
	}
	if cfg.AuthMode == "dev" {
		fmt.Fprintf(stdout, "  Dev token:  curl -X POST %s/api/dev/token -H 'Content-Type: application/json' -d '{\"email\":\"admin@donpalito.co\",\"role\":\"admin\"}'\n", base)
	}

	errc := make(chan error, len(lns))
	for _, ln := range lns {
		go func() { errc <- srv.Serve(ln) }()
	}
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", cfg.ShutdownTimeout)
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	// Every request has finished: the read models can be kept for the next
	// start (the deferred Close writes them once the database has stopped).
	a.KeepReadModels()
	return nil
}

func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// listen opens the server's listeners. On the loopback default of dev auth
// mode it listens on 127.0.0.1 and, when the machine has IPv6, on ::1 at the
// same port, so "localhost" works whichever address a client tries first.
func listen(cfg config.Config) ([]net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port)))
	if err != nil {
		return nil, fmt.Errorf("listen on %s port %d: %w", cfg.Host, cfg.Port, err)
	}
	lns := []net.Listener{ln}
	if !cfg.HostExplicit && cfg.Host == "127.0.0.1" {
		port := ln.Addr().(*net.TCPAddr).Port
		if ln6, err := net.Listen("tcp", net.JoinHostPort("::1", strconv.Itoa(port))); err == nil {
			lns = append(lns, ln6)
		}
	}
	return lns, nil
}

// loopback reports whether host only reaches this machine.
func loopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
