package store

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// migrationFiles holds the numbered migrations of every dialect:
// migrations/DIALECT/NNNN_description.sql.
//
//go:embed migrations
var migrationFiles embed.FS

// migration is one numbered schema change.
type migration struct {
	version int
	name    string
	sql     string
}

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	version    INTEGER PRIMARY KEY,
	applied_at TEXT    NOT NULL
)`

// migrations returns the dialect's migrations in version order. Their
// versions must run 1, 2, 3… without gaps.
func (d *dialect) migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, d.migrationsDir)
	if err != nil {
		return nil, fmt.Errorf("store: read %s migrations: %w", d.name, err)
	}
	var ms []migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		version, err := migrationVersion(e.Name())
		if err != nil {
			return nil, err
		}
		if version != len(ms)+1 {
			return nil, fmt.Errorf("store: %s migration %s: want version %d next", d.name, e.Name(), len(ms)+1)
		}
		body, err := fs.ReadFile(migrationFiles, path.Join(d.migrationsDir, e.Name()))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: version, name: e.Name(), sql: string(body)})
	}
	return ms, nil
}

// migrationVersion parses the number of "0003_add_things.sql".
func migrationVersion(name string) (int, error) {
	num, _, ok := strings.Cut(name, "_")
	v, err := strconv.Atoi(num)
	if !ok || err != nil || v <= 0 {
		return 0, fmt.Errorf("store: migration file %q is not named NNNN_description.sql", name)
	}
	return v, nil
}

// Migrate applies the migrations the database lacks, each in its own
// transaction, and fails if the database is newer than this build.
func (s *Store) Migrate(ctx context.Context) error {
	ms, err := s.d.migrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := s.inTx(ctx, func(q *queries) error { return q.applyMigration(ctx, m) }); err != nil {
			return err
		}
	}
	return s.CheckSchema(ctx)
}

// applyMigration applies m unless the database already has it. It runs
// in a transaction and takes the dialect's migration lock first, so that
// concurrent migrators apply each migration once.
func (q *queries) applyMigration(ctx context.Context, m migration) error {
	if q.d.migrationLock != "" {
		if _, err := q.exec(ctx, q.d.migrationLock); err != nil {
			return fmt.Errorf("store: lock for migration: %w", err)
		}
	}
	if _, err := q.exec(ctx, createMigrationsTable); err != nil {
		return fmt.Errorf("store: create schema_migrations: %w", err)
	}
	current, err := q.appliedVersion(ctx)
	if err != nil {
		return err
	}
	if current >= m.version {
		return nil
	}
	if _, err := q.exec(ctx, m.sql); err != nil {
		return fmt.Errorf("store: migration %s: %w", m.name, err)
	}
	_, err = q.exec(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
		m.version, formatTime(time.Now()))
	if err != nil {
		return fmt.Errorf("store: record migration %s: %w", m.name, err)
	}
	return nil
}

func (q *queries) appliedVersion(ctx context.Context) (int, error) {
	var v int
	if err := q.queryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return 0, fmt.Errorf("store: read schema version: %w", err)
	}
	return v, nil
}

// SchemaVersion returns the database's schema version (0 for an empty
// database) and the latest version this build knows.
func (s *Store) SchemaVersion(ctx context.Context) (current, latest int, err error) {
	ms, err := s.d.migrations()
	if err != nil {
		return 0, 0, err
	}
	latest = len(ms)
	var tables int
	if err := s.queryRow(ctx, s.d.tableExists, "schema_migrations").Scan(&tables); err != nil {
		return 0, latest, s.dbError(fmt.Errorf("store: look for schema_migrations: %w", err))
	}
	if tables == 0 {
		return 0, latest, nil
	}
	current, err = s.appliedVersion(ctx)
	return current, latest, s.dbError(err)
}

// CheckSchema returns a KindUnavailable error unless the database schema
// is exactly the version this build needs.
func (s *Store) CheckSchema(ctx context.Context) error {
	current, latest, err := s.SchemaVersion(ctx)
	switch {
	case err != nil:
		return err
	case current > latest:
		return catalog.Errorf(catalog.KindUnavailable,
			"database schema version %d is newer than this build of marquee knows (%d); upgrade marquee", current, latest)
	case current < latest:
		return catalog.Errorf(catalog.KindUnavailable,
			"database schema is at version %d, this build needs %d; run `marquee migrate`", current, latest)
	}
	return nil
}

// PostgresMigrationsDigest identifies the PostgreSQL schema this build
// migrates to: a hex digest of its migrations' names and text. Tests use
// it to reuse schemas migrated by the same build.
func PostgresMigrationsDigest() (string, error) {
	ms, err := postgresDialect().migrations()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range ms {
		fmt.Fprintf(h, "%s\x00%s\x00", m.name, m.sql)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
