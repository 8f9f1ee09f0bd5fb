// Command ferretdb runs FerretDB, a MongoDB-compatible server, on SQLite files: a MongoDB for
// tests and CI on machines where mongod cannot be installed. It embeds the FerretDB library
// instead of downloading a release, so the Go module proxy is all it needs.
//
// Usage: ferretdb -listen 127.0.0.1:27017 -dir ./data [-log-level warn]
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dir := flag.String("dir", "./data", "directory for the SQLite files (one per database)")
	logLevel := flag.String("log-level", "info", "debug, info, warn or error")
	flag.Parse()

	if err := run(*listen, *dir, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}

func run(listen, dir, logLevel string) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("-log-level: %w", err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	server, err := ferretdb.New(&ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: listen},
		Logger:   logger,
		Handler:  "sqlite",
		// The trailing slash matters: FerretDB's SQLite URL names a directory, not a file.
		SQLiteURL: "file:" + dir + "/",
	})
	if err != nil {
		return err
	}

	// SIGTERM (CI, process managers) and SIGINT (Ctrl-C) cancel the context; Run then closes
	// the listener, the open connections and the SQLite files before returning.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger.Info("ferretdb ready", "listen", listen, "dir", dir)
	return server.Run(ctx)
}
