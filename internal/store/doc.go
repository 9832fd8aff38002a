// Package store is Marquee's persistence: one database/sql implementation
// of catalog.Store that runs on SQLite (modernc.org/sqlite) and on
// PostgreSQL (pgx).
//
// It owns the database schema and its numbered migrations (embedded, one
// folder per dialect, applied by Migrate and checked by CheckSchema), the
// SQL for every catalog read and write, keyset pagination with opaque
// cursors, and the mapping of database failures to catalog error kinds.
//
// Queries are written once with ? placeholders and rebound to $n for
// PostgreSQL. Everything that differs between the databases — opening a
// connection, recognizing constraint violations, a few schema queries —
// lives in sqlite.go and postgres.go.
//
// Every write runs in a transaction of its own, or in a savepoint of the
// caller's WithTx transaction, so a failed write never leaves half of its
// changes. On SQLite every transaction is BEGIN IMMEDIATE: concurrent
// writers queue on the busy timeout instead of failing when a read lock
// cannot be upgraded.
package store
