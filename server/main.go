// Command server runs the Don Palito Jr API: the REST API under /api, media
// under /media/, metrics at /metrics. Configuration comes from environment
// variables; run it with --help to list them.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Here rather than in run: tests call run inside their own process.
	applyMemoryLimit(os.Getenv)
	if err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}
