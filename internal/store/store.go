// Package store owns the MongoDB connection: it starts the embedded FerretDB
// when no external MongoDB is configured, connects the driver, creates indexes
// and offers the helpers every domain store shares (error mapping, keyed locks).
package store

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"
)

// Config says where the data lives.
type Config struct {
	// URI of an external MongoDB deployment. Empty means: start the embedded
	// FerretDB on SQLite in DataDir.
	URI string
	// Database name inside the deployment.
	Database string
	// DataDir holds the embedded database files.
	DataDir string
}

// Store is an open connection to the platform's database.
type Store struct {
	Client   *mongo.Client
	DB       *mongo.Database
	Embedded bool
	// Locks serialises read-modify-write operations on one document inside
	// this process; see Locks for why.
	Locks *Locks

	// indexIDPaths indexes the _id path of collections created since start
	// (embedded only; see idpaths.go).
	indexIDPaths func(context.Context) error
	stopEmbedded func()
	embeddedDone chan struct{}
	// embeddedOK is true once the embedded database has stopped without
	// an error: only then is a snapshot of the read models written.
	embeddedOK bool
	dirLock    *dirLock
	// dataDir and dbDir are the embedded database's directories.
	dataDir, dbDir string

	commands *commandCounts // shared by the stores of one connection

	snapMu   sync.Mutex
	snapshot map[string][]byte // read at Open (Snapshot)
	closing  map[string][]byte // to write at Close (KeepSnapshot)
}

// Open connects to MongoDB, starting the embedded FerretDB first when cfg.URI is empty.
func Open(ctx context.Context, cfg Config, log *slog.Logger) (*Store, error) {
	if cfg.Database == "" {
		cfg.Database = "donpalito"
	}
	s := &Store{Locks: NewLocks(), commands: &commandCounts{}}
	uri := cfg.URI
	if uri == "" {
		var err error
		uri, err = s.startEmbedded(ctx, cfg.DataDir, log)
		if err != nil {
			return nil, err
		}
	}

	opts := options.Client().ApplyURI(uri).
		SetAppName("donpalito").
		SetServerSelectionTimeout(10 * time.Second).
		SetMonitor(s.commands.monitor())
	if s.Embedded {
		// FerretDB on SQLite serialises writes; a modest pool avoids piling up
		// connections that would only wait on the same lock.
		opts.SetMaxPoolSize(32)
	}
	client, err := mongo.Connect(opts)
	if err != nil {
		s.stop()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	s.Client = client
	s.DB = client.Database(cfg.Database)

	pingCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	if err := client.Ping(pingCtx, readpref.Primary()); err != nil {
		_ = client.Disconnect(context.Background())
		s.stop()
		return nil, fmt.Errorf("ping database: %w", err)
	}
	return s, nil
}

// Database returns a store on another database of the same connection,
// with locks of its own (tests isolate themselves by database name). It
// opens nothing, so only s is ever closed.
func (s *Store) Database(name string) *Store {
	return &Store{Client: s.Client, DB: s.Client.Database(name), Embedded: s.Embedded, Locks: NewLocks(), commands: s.commands}
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return s.Client.Ping(ctx, readpref.Primary())
}

// Close disconnects and stops the embedded database, if any.
func (s *Store) Close(ctx context.Context) error {
	var err error
	if s.Client != nil {
		err = s.Client.Disconnect(ctx)
	}
	s.stop()
	return err
}

func (s *Store) stop() {
	if s.stopEmbedded != nil {
		s.stopEmbedded()
		stopped := false
		select {
		case <-s.embeddedDone:
			stopped = true
		case <-time.After(10 * time.Second):
		}
		s.stopEmbedded = nil
		if stopped && s.embeddedOK {
			if err := s.writeSnapshot(s.dataDir, s.dbDir); err != nil {
				slog.Warn("keep the read models for the next start; it rebuilds them", "err", err)
			}
		}
	}
	// The directory is free only once the database has stopped writing.
	s.dirLock.release()
	s.dirLock = nil
}

// minLevel drops records below a level, whatever the wrapped handler allows.
type minLevel struct {
	slog.Handler
	level slog.Level
}

func (m minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= m.level && m.Handler.Enabled(ctx, l)
}

func (m minLevel) WithAttrs(attrs []slog.Attr) slog.Handler {
	return minLevel{m.Handler.WithAttrs(attrs), m.level}
}

func (m minLevel) WithGroup(name string) slog.Handler {
	return minLevel{m.Handler.WithGroup(name), m.level}
}
