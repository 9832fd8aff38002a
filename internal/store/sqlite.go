package store

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Everything specific to the SQLite driver is in this file.

// sqliteConnParams configure every connection: busy_timeout first (the
// driver applies it before the other pragmas, so that switching to WAL
// waits for other connections instead of failing), WAL, foreign keys,
// NORMAL sync (durable in WAL mode except on power loss), and BEGIN
// IMMEDIATE for every transaction the pool opens, so that a write
// transaction takes the write lock up front.
const sqliteConnParams = "_pragma=busy_timeout(5000)" +
	"&_pragma=journal_mode(WAL)" +
	"&_pragma=foreign_keys(1)" +
	"&_pragma=synchronous(NORMAL)" +
	"&_txlock=immediate"

func sqliteDialect() *dialect {
	return &dialect{
		name:          "sqlite",
		migrationsDir: "migrations/sqlite",
		tableExists:   "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?",
		violation:     sqliteViolation,
		unavailable:   sqliteUnavailable,
	}
}

// openSQLite opens the database file at path, creating it if needed.
func openSQLite(path string) (*sql.DB, error) {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file::memory:") {
		return nil, fmt.Errorf("store: sqlite needs a database file path (sqlite:PATH); in-memory databases are not supported")
	}
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + sqliteConnParams
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open sqlite %s: %w", path, err)
	}
	// WAL lets readers run beside the one writer; writers queue on the
	// busy timeout. Idle connections are kept: opening one costs the
	// pragmas above.
	conns := max(4, runtime.GOMAXPROCS(0))
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	return db, nil
}

// sqliteViolation recognizes constraint failures by their extended result
// code. Unique failures name their columns in the message:
// "UNIQUE constraint failed: films.slug" or
// "UNIQUE constraint failed: festival_editions.festival_id, festival_editions.year".
func sqliteViolation(err error) (violation, bool) {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return violation{}, false
	}
	switch e.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return violation{kind: uniqueViolation, columns: sqliteUniqueColumns(e.Error())}, true
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return violation{kind: foreignKeyViolation}, true
	}
	return violation{}, false
}

func sqliteUniqueColumns(msg string) []string {
	_, list, ok := strings.Cut(msg, "UNIQUE constraint failed: ")
	if !ok {
		return nil
	}
	list, _, _ = strings.Cut(list, " (")
	var cols []string
	for _, c := range strings.Split(list, ", ") {
		_, col, _ := strings.Cut(c, ".")
		cols = append(cols, col)
	}
	return cols
}

func sqliteUnavailable(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code() & 0xff {
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return true
	}
	return false
}
