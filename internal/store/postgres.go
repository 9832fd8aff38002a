package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// Everything specific to the PostgreSQL driver is in this file.

// PostgreSQL error codes (SQLSTATE).
const (
	pgUniqueViolation     = "23505"
	pgForeignKeyViolation = "23503"
)

// pgMigrationLock serializes the migrations of one schema: an advisory
// lock keyed by "marq" and the schema's name, so that migrators of other
// schemas in the same database do not wait for each other.
const pgMigrationLock = "SELECT pg_advisory_xact_lock(1835102833, hashtext(current_schema()))"

func postgresDialect() *dialect {
	return &dialect{
		name:          "postgres",
		numbered:      true,
		migrationsDir: "migrations/postgres",
		tableExists:   "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
		migrationLock: pgMigrationLock,
		violation:     postgresViolation,
		unavailable:   postgresUnavailable,
	}
}

// openPostgres opens a pool on the database at dsn, a URL. Connection
// parameters such as sslmode or search_path come from the URL.
func openPostgres(dsn string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: postgres URL: %w", err)
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	db.SetConnMaxLifetime(time.Hour)
	return db, nil
}

// postgresViolation recognizes constraint failures by SQLSTATE. Unique
// failures name their columns in the detail: "Key (festival_id, year)=(1,
// 2021) already exists."
func postgresViolation(err error) (violation, bool) {
	var e *pgconn.PgError
	if !errors.As(err, &e) {
		return violation{}, false
	}
	switch e.Code {
	case pgUniqueViolation:
		return violation{kind: uniqueViolation, columns: pgKeyColumns(e.Detail)}, true
	case pgForeignKeyViolation:
		return violation{kind: foreignKeyViolation}, true
	}
	return violation{}, false
}

func pgKeyColumns(detail string) []string {
	_, rest, ok := strings.Cut(detail, "Key (")
	if !ok {
		return nil
	}
	list, _, ok := strings.Cut(rest, ")=")
	if !ok {
		return nil
	}
	return strings.Split(list, ", ")
}

// postgresUnavailable reports connection failures and the server's
// "cannot connect now" and resource errors (SQLSTATE classes 08, 53, 57P).
func postgresUnavailable(err error) bool {
	var e *pgconn.PgError
	if errors.As(err, &e) {
		return strings.HasPrefix(e.Code, "08") || strings.HasPrefix(e.Code, "53") || strings.HasPrefix(e.Code, "57P")
	}
	var connErr *pgconn.ConnectError
	return errors.As(err, &connErr)
}
