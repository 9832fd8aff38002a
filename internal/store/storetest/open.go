package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
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

// NewPostgres returns a migrated, empty store in a schema that no other
// test uses while this one runs, on the database at PostgresDSNEnv (see
// leasePooledSchema). It skips the test when PostgresDSNEnv is not set.
func NewPostgres(t testing.TB) *store.Store {
	t.Helper()
	s := openStore(t, leasePooledSchema(t))
	migrate(t, s)
	return s
}

// poolLockKey is the first key of the advisory lock a test holds on the
// pooled schema it uses ("mqpl").
const poolLockKey = 1836675180

// leasePooledSchema returns the database URL of a migrated, empty schema
// that the test holds until it ends, with search_path set to it.
//
// Migrating a new schema costs PostgreSQL a third of a second of CPU, more
// than most tests take, so tests share a pool of schemas named after the
// digest of this build's migrations (marquee_pool_DIGEST_N). PostgreSQL
// itself keeps the pool: a test holds its schema by a session advisory
// lock, so test processes running side by side never share one, and a
// crashed test frees its schema with its connection. On lease, a schema
// whose structure is still what its migrations made is emptied; any other
// is made anew. A superuser installs event triggers (watchPoolDDL) that
// clear a pooled schema's comment whenever DDL changes it, so a comment
// that still says "migrated" is proof enough; anyone else compares a
// fingerprint of the schema's tables and columns with the one recorded
// as its comment, which costs a scan of pg_class. Pools of other builds
// are dropped when nobody holds them.
func leasePooledSchema(t testing.TB) string {
	t.Helper()
	dsn, _ := leaseSchema(t, true)
	return dsn
}

// leaseSchema leases a pooled schema, watching DDL when watch is set and
// the user may (see watchPoolDDL), and reports whether it watched.
func leaseSchema(t testing.TB, watch bool) (string, bool) {
	t.Helper()
	dsn := SkipWithoutPostgres(t)
	ctx := context.Background()
	digest, err := store.PostgresMigrationsDigest()
	if err != nil {
		t.Fatal(err)
	}
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatalf("open admin connection: %v", err)
	}
	t.Cleanup(func() { admin.Close() })
	conn, err := admin.Conn(ctx)
	if err != nil {
		t.Fatalf("admin connection: %v", err)
	}
	// One connection does all: each new one costs the server tens of
	// milliseconds.
	keepTrigramExtensionInPublic(t, conn)
	watched := watch && watchPoolDDL(ctx, t, conn)
	prefix := "marquee_pool_" + digest[:12] + "_"
	dropOtherPools(ctx, t, conn, prefix)
	for n := 0; ; n++ {
		schema := prefix + strconv.Itoa(n)
		var held bool
		if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1, hashtext($2))", poolLockKey, schema).Scan(&held); err != nil {
			t.Fatalf("lock pooled schema: %v", err)
		}
		if !held {
			continue
		}
		// Registered before the store's cleanup, so it runs after the
		// store is closed.
		t.Cleanup(func() {
			conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1, hashtext($2))", poolLockKey, schema)
			conn.Close()
		})
		schemaDSN := withSearchPath(t, dsn, schema)
		if !emptyPooledSchema(ctx, t, conn, schema, watched) {
			makePooledSchema(ctx, t, conn, schema, schemaDSN, watched)
		}
		return schemaDSN, watched
	}
}

// fingerprintSQL digests the relations and columns of the schema named
// $1. Each relation's columns are read by a subquery on pg_attribute's
// index: a join scans all of pg_attribute, which schema churn bloats
// (tens of milliseconds a lease where autovacuum is off).
const fingerprintSQL = `SELECT md5(coalesce(string_agg(c.relname || ':' || c.relkind::text || ':' ||
		coalesce((SELECT string_agg(a.attname || ':' || a.atttypid::text, ',' ORDER BY a.attnum)
			FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), ''),
		',' ORDER BY c.relname), ''))
	FROM pg_class c
	WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)`

// migratedMarker is the comment of a pooled schema that DDL has not
// touched since its migrations, where watchPoolDDL watches.
const migratedMarker = "migrated, watched"

// emptyPooledSchema empties schema when it exists and is as its
// migrations made it (its comment is migratedMarker where DDL is watched,
// else the fingerprint recorded when it was migrated), and reports
// whether it did.
func emptyPooledSchema(ctx context.Context, t testing.TB, conn *sql.Conn, schema string, watched bool) bool {
	t.Helper()
	var recorded, fp sql.NullString
	var err error
	if watched {
		fp = sql.NullString{String: migratedMarker, Valid: true}
		err = conn.QueryRowContext(ctx, "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = $1", schema).Scan(&recorded)
	} else {
		err = conn.QueryRowContext(ctx, "SELECT obj_description(oid, 'pg_namespace'), ("+fingerprintSQL+") FROM pg_namespace WHERE nspname = $1", schema).Scan(&recorded, &fp)
	}
	if err == sql.ErrNoRows {
		return false
	}
	if err != nil {
		t.Fatalf("read pooled schema %s: %v", schema, err)
	}
	if !recorded.Valid || recorded.String != fp.String {
		return false
	}
	if err := emptySchema(ctx, conn, schema); err != nil {
		t.Fatalf("empty %s: %v", schema, err)
	}
	return true
}

// emptySchema empties schema's tables but its migrations and restarts
// its sequences, in two round trips. TRUNCATE costs PostgreSQL a file per
// table and index (about 200 ms for all of this schema's), while DELETE
// leaves dead rows that only a vacuum reclaims; so a superuser deletes
// the rows of tables that held few (with foreign keys unchecked) and
// truncates the others, and anyone else truncates everything. The tables
// are read from pg_class with their row counts: the pg_stat_user_tables
// view costs several times more.
func emptySchema(ctx context.Context, conn *sql.Conn, schema string) error {
	rows, err := conn.QueryContext(ctx, `SELECT quote_ident($1) || '.' || quote_ident(c.relname), c.relkind::text,
			pg_stat_get_live_tuples(c.oid) + pg_stat_get_dead_tuples(c.oid),
			(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
		FROM pg_class c
		WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)
			AND c.relkind IN ('r', 'p', 'S') AND c.relname <> 'schema_migrations'
		ORDER BY c.relname`, schema)
	if err != nil {
		return err
	}
	var small, big, sequences []string
	for rows.Next() {
		var name, kind string
		var tuples int64
		var super bool
		if err := rows.Scan(&name, &kind, &tuples, &super); err != nil {
			rows.Close()
			return err
		}
		switch {
		case kind == "S":
			sequences = append(sequences, name)
		case super && tuples <= 1000:
			small = append(small, name)
		default:
			big = append(big, name)
		}
	}
	if err := rows.Close(); err != nil {
		return err
	}
	if err := rows.Err(); err != nil {
		return err
	}
	var b strings.Builder
	if len(big) > 0 {
		// TRUNCATE … RESTART IDENTITY restarts the sequences it owns;
		// setval below restarts every sequence either way.
		b.WriteString("TRUNCATE " + strings.Join(big, ", ") + " RESTART IDENTITY CASCADE;")
	}
	b.WriteString(" DO $$ BEGIN PERFORM set_config('session_replication_role', 'replica', true);")
	for _, t := range small {
		b.WriteString(" DELETE FROM " + t + ";")
	}
	for _, q := range sequences {
		b.WriteString(" PERFORM setval('" + q + "', 1, false);")
	}
	b.WriteString(" END $$")
	_, err = conn.ExecContext(ctx, b.String())
	return err
}

// makePooledSchema creates schema anew, migrates it and records as its
// comment that it is migrated (migratedMarker where DDL is watched, else
// its fingerprint).
func makePooledSchema(ctx context.Context, t testing.TB, conn *sql.Conn, schema, schemaDSN string, watched bool) {
	t.Helper()
	for _, st := range []string{"DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema} {
		if _, err := conn.ExecContext(ctx, st); err != nil {
			t.Fatalf("%s: %v", st, err)
		}
	}
	s, err := store.Open(ctx, schemaDSN)
	if err != nil {
		t.Fatalf("store.Open: %v", err)
	}
	err = s.Migrate(ctx)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("migrate pooled schema %s: %v", schema, err)
	}
	fp := migratedMarker
	if !watched {
		if err := conn.QueryRowContext(ctx, fingerprintSQL, schema).Scan(&fp); err != nil {
			t.Fatalf("fingerprint %s: %v", schema, err)
		}
	}
	if _, err := conn.ExecContext(ctx, "COMMENT ON SCHEMA "+schema+" IS '"+fp+"'"); err != nil {
		t.Fatalf("record fingerprint of %s: %v", schema, err)
	}
}

// poolDDLWatch names the event-trigger function of watchPoolDDL and its
// triggers (NAME_end, NAME_drop); a new version of the function gets a
// new name.
const poolDDLWatch = "marquee_pool_ddl_v1"

// watchPoolDDL makes sure, when the user is a superuser, that event
// triggers clear the comment of a pooled schema whenever DDL creates,
// alters or drops anything in it, and reports whether they are in place.
// Temporary tables live in other schemas, and TRUNCATE is no DDL; a
// schema being dropped as a whole is left alone. The triggers stay in the
// test database for the next run.
func watchPoolDDL(ctx context.Context, t testing.TB, conn *sql.Conn) bool {
	t.Helper()
	const check = `SELECT rolsuper, (SELECT count(*) FROM pg_event_trigger
		WHERE evtname IN ('` + poolDDLWatch + `_end', '` + poolDDLWatch + `_drop') AND evtenabled <> 'D') = 2
		FROM pg_roles WHERE rolname = current_user`
	var super, watched bool
	if err := conn.QueryRowContext(ctx, check).Scan(&super, &watched); err != nil {
		t.Fatalf("look for the pool's event triggers: %v", err)
	}
	if watched || !super {
		return watched
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		t.Fatalf("begin: %v", err)
	}
	defer tx.Rollback()
	stmts := []string{
		"SELECT pg_advisory_xact_lock(" + strconv.Itoa(poolLockKey) + ", 0)",
		`CREATE OR REPLACE FUNCTION public.` + poolDDLWatch + `() RETURNS event_trigger LANGUAGE plpgsql AS $f$
		DECLARE s text;
		BEGIN
			IF TG_EVENT = 'sql_drop' THEN
				FOR s IN SELECT DISTINCT schema_name FROM pg_event_trigger_dropped_objects() WHERE schema_name LIKE 'marquee\_pool\_%' LOOP
					IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = s) THEN
						EXECUTE format('COMMENT ON SCHEMA %I IS NULL', s);
					END IF;
				END LOOP;
			ELSE
				FOR s IN SELECT DISTINCT schema_name FROM pg_event_trigger_ddl_commands() WHERE schema_name LIKE 'marquee\_pool\_%' LOOP
					EXECUTE format('COMMENT ON SCHEMA %I IS NULL', s);
				END LOOP;
			END IF;
		END $f$`,
		"DROP EVENT TRIGGER IF EXISTS " + poolDDLWatch + "_end",
		"DROP EVENT TRIGGER IF EXISTS " + poolDDLWatch + "_drop",
		"CREATE EVENT TRIGGER " + poolDDLWatch + "_end ON ddl_command_end EXECUTE FUNCTION public." + poolDDLWatch + "()",
		"CREATE EVENT TRIGGER " + poolDDLWatch + "_drop ON sql_drop EXECUTE FUNCTION public." + poolDDLWatch + "()",
	}
	for _, st := range stmts {
		if _, err := tx.ExecContext(ctx, st); err != nil {
			t.Logf("pooled schemas stay fingerprinted: %v", err)
			return false
		}
	}
	if err := tx.Commit(); err != nil {
		t.Logf("pooled schemas stay fingerprinted: %v", err)
		return false
	}
	return true
}

// dropOtherPools drops the pooled schemas of other builds that no test
// holds.
func dropOtherPools(ctx context.Context, t testing.TB, conn *sql.Conn, prefix string) {
	t.Helper()
	var stale string
	err := conn.QueryRowContext(ctx, `SELECT coalesce(string_agg(nspname, ' '), '') FROM pg_namespace
		WHERE nspname LIKE 'marquee\_pool\_%' AND left(nspname, length($1)) <> $1`, prefix).Scan(&stale)
	if err != nil {
		t.Fatalf("list pooled schemas: %v", err)
	}
	for _, name := range strings.Fields(stale) {
		var held bool
		if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1, hashtext($2))", poolLockKey, name).Scan(&held); err != nil || !held {
			continue
		}
		if _, err := conn.ExecContext(ctx, "DROP SCHEMA IF EXISTS "+name+" CASCADE"); err != nil {
			t.Logf("drop stale pooled schema %s: %v", name, err)
		}
		conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1, hashtext($2))", poolLockKey, name)
	}
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

// execQuerier is what *sql.DB and *sql.Conn both do.
type execQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// keepTrigramExtensionInPublic makes sure pg_trgm, when the server has
// it, lives in the public schema. A store creates the extension in the
// first schema of its search_path, which for a test is its own throwaway
// schema: dropping that schema would drop the extension under every other
// test running at the same time ("referenced operator class was
// concurrently dropped"). Best effort: a server without pg_trgm, or a
// race with another test doing the same, is only logged.
func keepTrigramExtensionInPublic(t testing.TB, admin execQuerier) {
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
