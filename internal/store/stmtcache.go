package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps the prepared statements of the SQLite store's queries
// by their text. The SQLite driver otherwise compiles every query afresh
// on every call, which costs more than running a point query; a
// prepared *sql.Stmt is compiled once per connection and reused (SQLite
// recompiles it by itself after a schema change). Queries are mostly
// fixed texts, but filters build some, so the cache stops adding at
// maxCachedStmts and the rest run unprepared.
//
// Only query and queryRow use it, never exec: a statement prepares only
// the first of several SQL statements, and migrations exec scripts.
type stmtCache struct {
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

const maxCachedStmts = 512

func newStmtCache() *stmtCache { return &stmtCache{stmts: map[string]*sql.Stmt{}} }

// get returns the statement for query prepared on db, or nil when it is
// not cached and cannot be (the caller then runs the query unprepared,
// which reports any error in it).
func (c *stmtCache) get(ctx context.Context, db *sql.DB, query string) *sql.Stmt {
	if c == nil {
		return nil
	}
	c.mu.RLock()
	st, ok := c.stmts[query]
	n := len(c.stmts)
	c.mu.RUnlock()
	if ok || n >= maxCachedStmts {
		return st
	}
	st, err := db.PrepareContext(context.WithoutCancel(ctx), query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.stmts[query]; ok {
		st.Close()
		return old
	}
	if len(c.stmts) >= maxCachedStmts {
		st.Close()
		return nil
	}
	c.stmts[query] = st
	return st
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, st := range c.stmts {
		st.Close()
		delete(c.stmts, k)
	}
}

// prepared returns query's cached statement, or nil. Queries inside a
// transaction are not cached: preparing on the pool would need a second
// connection while the transaction holds the SQLite write lock, and
// writers waiting for that lock can hold every other connection, so the
// two would wait on each other until busy_timeout.
func (q *queries) prepared(ctx context.Context, query string) *sql.Stmt {
	if q.tx != nil {
		return nil
	}
	return q.stmts.get(ctx, q.db, query)
}
