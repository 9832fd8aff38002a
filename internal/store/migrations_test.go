package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/store"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

// Both dialects have the same numbered migration files.
func TestMigrationFilesMatch(t *testing.T) {
	sqlite, postgres := migrationFiles(t, "sqlite"), migrationFiles(t, "postgres")
	if len(sqlite) == 0 {
		t.Fatal("no sqlite migrations")
	}
	if !slices.Equal(sqlite, postgres) {
		t.Errorf("migration files differ:\nsqlite:   %q\npostgres: %q", sqlite, postgres)
	}
}

func migrationFiles(t *testing.T, dialect string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("migrations", dialect))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// After migration both databases have the same tables and columns.
func TestMigratedSchemasMatch(t *testing.T) {
	pgDSN := storetest.PostgresSchemaDSN(t)
	sqlitePath := filepath.Join(t.TempDir(), "schema.db")
	sqliteCols := migratedColumns(t, "sqlite:"+sqlitePath, "sqlite", sqlitePath,
		`SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY 1`)
	pgCols := migratedColumns(t, pgDSN, "pgx", pgDSN,
		`SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_schema = current_schema() ORDER BY 1`)
	if !slices.Contains(sqliteCols, "films.title_fold") {
		t.Fatalf("sqlite schema lacks films.title_fold: %q", sqliteCols)
	}
	if !slices.Equal(sqliteCols, pgCols) {
		t.Errorf("schemas differ:\nonly in sqlite:   %q\nonly in postgres: %q", missing(sqliteCols, pgCols), missing(pgCols, sqliteCols))
	}
}

// migratedColumns migrates a new database and lists its table.column
// names through a separate connection.
func migratedColumns(t *testing.T, dsn, driver, driverDSN, query string) []string {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open(driver, driverDSN)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		cols = append(cols, c)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return cols
}

func missing(have, other []string) []string {
	var out []string
	for _, c := range have {
		if !slices.Contains(other, c) {
			out = append(out, c)
		}
	}
	return out
}

func TestSchemaVersions(t *testing.T) {
	for name, open := range map[string]func(t *testing.T) (*store.Store, *sql.DB){
		"sqlite": func(t *testing.T) (*store.Store, *sql.DB) {
			path := filepath.Join(t.TempDir(), "v.db")
			return openUnmigrated(t, "sqlite:"+path, "sqlite", path)
		},
		"postgres": func(t *testing.T) (*store.Store, *sql.DB) {
			dsn := storetest.PostgresSchemaDSN(t)
			return openUnmigrated(t, dsn, "pgx", dsn)
		},
	} {
		t.Run(name, func(t *testing.T) { testSchemaVersions(t, open) })
	}
}

func testSchemaVersions(t *testing.T, open func(t *testing.T) (*store.Store, *sql.DB)) {
	ctx := context.Background()
	s, db := open(t)

	current, latest, err := s.SchemaVersion(ctx)
	if err != nil || current != 0 || latest < 1 {
		t.Fatalf("empty database: SchemaVersion = %d, %d, %v; want 0, >= 1, nil", current, latest, err)
	}
	err = s.CheckSchema(ctx)
	wantUnavailable(t, err, "run `marquee migrate`")

	for range 2 { // Migrate is idempotent.
		if err := s.Migrate(ctx); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
	}
	if current, _, _ := s.SchemaVersion(ctx); current != latest {
		t.Errorf("after Migrate: version %d, want %d", current, latest)
	}
	if err := s.CheckSchema(ctx); err != nil {
		t.Errorf("CheckSchema after Migrate: %v", err)
	}
	var applied int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations").Scan(&applied); err != nil || applied != latest {
		t.Errorf("schema_migrations has %d rows (%v), want %d", applied, err, latest)
	}

	// A database migrated by a newer build.
	if _, err := db.ExecContext(ctx, "INSERT INTO schema_migrations (version, applied_at) VALUES (99, '2030-01-01T00:00:00.000000000Z')"); err != nil {
		t.Fatal(err)
	}
	wantUnavailable(t, s.CheckSchema(ctx), "newer than this build of marquee knows")
	wantUnavailable(t, s.Migrate(ctx), "upgrade marquee")
}

func openUnmigrated(t *testing.T, dsn, driver, driverDSN string) (*store.Store, *sql.DB) {
	t.Helper()
	s, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	db, err := sql.Open(driver, driverDSN)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return s, db
}

func wantUnavailable(t *testing.T, err error, msg string) {
	t.Helper()
	if !catalog.IsKind(err, catalog.KindUnavailable) || !strings.Contains(err.Error(), msg) {
		t.Errorf("got error %v (kind %s), want KindUnavailable saying %q", err, catalog.KindOf(err), msg)
	}
}
