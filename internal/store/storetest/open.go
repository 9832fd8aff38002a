package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver for the admin connection

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/store"
)

// PostgresDSNEnv names the environment variable with the URL of a
// PostgreSQL database that tests may create schemas in, e.g.
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable.
const PostgresDSNEnv = "MARQUEE_TEST_POSTGRES_DSN"

// Openers returns a function that opens a fresh store for each database
// the suite runs on, by name: "sqlite" always works, "postgres" skips the
// test unless PostgresDSNEnv is set.
func Openers() map[string]func(t *testing.T) catalog.Store {
	return map[string]func(t *testing.T) catalog.Store{
		"sqlite":   func(t *testing.T) catalog.Store { return NewSQLite(t) },
		"postgres": func(t *testing.T) catalog.Store { return NewPostgres(t) },
	}
}

// NewSQLite returns a migrated store on a new SQLite file in t.TempDir(),
// closed when the test ends.
func NewSQLite(t testing.TB) *store.Store {
	t.Helper()
	s := openStore(t, "sqlite:"+filepath.Join(t.TempDir(), "marquee.db"))
	migrate(t, s)
	return s
}

// NewPostgres returns a migrated store in a new schema of its own on the
// database at PostgresDSNEnv (see PostgresSchemaDSN). It skips the test
// when PostgresDSNEnv is not set.
func NewPostgres(t testing.TB) *store.Store {
	t.Helper()
	s := openStore(t, PostgresSchemaDSN(t))
	migrate(t, s)
	return s
}

// PostgresSchemaDSN creates a new, empty, uniquely named schema on the
// database at PostgresDSNEnv, drops it with everything in it when the
// test ends, and returns the database URL with search_path set to it, so
// that parallel tests and repeated runs never share tables. It skips the
// test when PostgresDSNEnv is not set.
func PostgresSchemaDSN(t testing.TB) string {
	t.Helper()
	dsn := SkipWithoutPostgres(t)
	schema := "marquee_test_" + strings.ToLower(rand.Text())

	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("open admin connection: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	keepTrigramExtensionInPublic(t, admin)
	if _, err := admin.ExecContext(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema %s: %v", schema, err)
	}
	t.Cleanup(func() {
		if _, err := admin.ExecContext(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	return withSearchPath(t, dsn, schema)
}

// keepTrigramExtensionInPublic makes sure pg_trgm, when the server has
// it, lives in the public schema. A store creates the extension in the
// first schema of its search_path, which for a test is its own throwaway
// schema: dropping that schema would drop the extension under every other
// test running at the same time ("referenced operator class was
// concurrently dropped"). Best effort: a server without pg_trgm, or a
// race with another test doing the same, is only logged.
func keepTrigramExtensionInPublic(t testing.TB, admin *sql.DB) {
	t.Helper()
	ctx := context.Background()
	var schema string
	err := admin.QueryRowContext(ctx, "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'").Scan(&schema)
	switch {
	case err == sql.ErrNoRows:
		_, err = admin.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
	case err == nil && schema != "public":
		_, err = admin.ExecContext(ctx, "ALTER EXTENSION pg_trgm SET SCHEMA public")
	}
	if err != nil {
		t.Logf("pg_trgm stays where it is: %v", err)
	}
}

// SkipWithoutPostgres skips t unless PostgresDSNEnv is set, and returns
// its value.
func SkipWithoutPostgres(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv(PostgresDSNEnv)
	if dsn == "" {
		t.Skipf("PostgreSQL tests need %s=postgres://user@host:port/db?sslmode=disable", PostgresDSNEnv)
	}
	return dsn
}

// openStore opens the store at dsn and closes it when the test ends
// (before the cleanups registered earlier, such as dropping its schema).
func openStore(t testing.TB, dsn string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	return s
}

func migrate(t testing.TB, s *store.Store) {
	t.Helper()
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
}

// withSearchPath returns the URL dsn with search_path set to schema.
func withSearchPath(t testing.TB, dsn, schema string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", PostgresDSNEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
