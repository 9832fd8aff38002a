package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Store is the catalog on a SQLite or PostgreSQL database. Its methods
// outside WithTx each run on their own: reads directly, writes in a
// transaction of their own.
type Store struct {
	queries
}

var _ catalog.Store = (*Store)(nil)

// Open connects to the database named by dsn: "sqlite:PATH" for a SQLite
// file, or a "postgres://" or "postgresql://" URL. It checks that the
// database answers but does not migrate it; see Migrate and CheckSchema.
func Open(ctx context.Context, dsn string) (*Store, error) {
	db, d, err := openDB(dsn)
	if err != nil {
		return nil, err
	}
	s := &Store{queries{d: d, db: db, version: new(atomic.Uint64)}}
	if d.name == "sqlite" {
		s.stmts = newStmtCache()
	}
	if err := s.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func openDB(dsn string) (*sql.DB, *dialect, error) {
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok {
		db, err := openSQLite(path)
		return db, sqliteDialect(), err
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db, err := openPostgres(dsn)
		return db, postgresDialect(), err
	}
	scheme, _, found := strings.Cut(dsn, ":")
	if !found {
		return nil, nil, fmt.Errorf("store: database %q has no scheme; use sqlite:PATH or postgres://…", dsn)
	}
	return nil, nil, fmt.Errorf("store: unsupported database scheme %q; use sqlite:PATH or postgres://…", scheme)
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return catalog.Errorf(catalog.KindUnavailable, "database does not answer: %w", err)
	}
	return nil
}

// Version counts the write transactions this Store has committed. It
// changes after every commit, so a cache of anything read from the store
// is current while the version it was read at is. Writes by other
// processes (or other Store values) on the same database do not change
// it.
func (s *Store) Version() uint64 { return s.version.Load() }

// Close closes the database connections.
func (s *Store) Close() error {
	s.stmts.close()
	return s.db.Close()
}

// WithTx runs fn in one write transaction; see catalog.Store.
func (s *Store) WithTx(ctx context.Context, fn func(q catalog.Queries) error) error {
	return s.inTx(ctx, func(q *queries) error { return fn(q) })
}

// dbtx is what *sql.DB and *sql.Tx have in common.
type dbtx interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// queries implements catalog.Queries on the database, or on one
// transaction when tx is set.
type queries struct {
	d       *dialect
	db      *sql.DB
	tx      *sql.Tx
	version *atomic.Uint64 // see Store.Version; nil in queries made outside Open
	stmts   *stmtCache     // SQLite only; nil: every query is compiled afresh
}

func (q *queries) conn() dbtx {
	if q.tx != nil {
		return q.tx
	}
	return q.db
}

func (q *queries) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return q.conn().ExecContext(ctx, q.d.rebind(query), args...)
}

func (q *queries) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := q.prepared(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return q.conn().QueryContext(ctx, q.d.rebind(query), args...)
}

func (q *queries) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := q.prepared(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return q.conn().QueryRowContext(ctx, q.d.rebind(query), args...)
}

// write runs fn atomically: in a new transaction, or inside a savepoint
// of the transaction q is bound to. Either way a failed write leaves no
// partial change, and on PostgreSQL the caller's transaction stays usable
// after it.
func (q *queries) write(ctx context.Context, fn func(q *queries) error) error {
	if q.tx == nil {
		return q.inTx(ctx, fn)
	}
	if _, err := q.exec(ctx, "SAVEPOINT marquee_write"); err != nil {
		return q.dbError(err)
	}
	if err := fn(q); err != nil {
		if _, rbErr := q.exec(ctx, "ROLLBACK TO SAVEPOINT marquee_write"); rbErr != nil {
			return errors.Join(err, q.dbError(rbErr))
		}
		return err
	}
	_, err := q.exec(ctx, "RELEASE SAVEPOINT marquee_write")
	return q.dbError(err)
}

// inTx runs fn in a new transaction on q's database and commits it when
// fn returns nil. An error or a panic in fn rolls it back; the panic is
// then raised again.
func (q *queries) inTx(ctx context.Context, fn func(q *queries) error) (err error) {
	tx, err := q.db.BeginTx(ctx, nil)
	if err != nil {
		return q.dbError(fmt.Errorf("begin transaction: %w", err))
	}
	defer func() {
		if p := recover(); p != nil {
			tx.Rollback()
			panic(p)
		}
		if err != nil {
			tx.Rollback()
		}
	}()
	if err = fn(&queries{d: q.d, db: q.db, tx: tx, version: q.version, stmts: q.stmts}); err != nil {
		return err
	}
	// After Commit, even a failed one: its outcome is unknown.
	defer q.bumpVersion()
	if err = tx.Commit(); err != nil {
		return q.dbError(fmt.Errorf("commit: %w", err))
	}
	return nil
}

func (q *queries) bumpVersion() {
	if q.version != nil {
		q.version.Add(1)
	}
}

// notFound maps sql.ErrNoRows to a KindNotFound error for what and key.
func notFound(err error, what string, key any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return catalog.NotFound(what, key)
	}
	return err
}
