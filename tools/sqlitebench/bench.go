// Package sqlitebench holds the workload shared by the per-driver benchmark
// packages (modernc, mattn, ncruces). Each driver lives in its own package,
// and so in its own test binary, because mattn and ncruces both register a
// database/sql driver named "sqlite3" and cannot be linked together.
//
// Every benchmark iteration runs a fixed-size workload and reports its
// throughput with b.ReportMetric, so run it with -benchtime=1x and repeat
// with -count.
package sqlitebench

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// Workload sizes.
const (
	BulkRows     = 200_000 // rows in one bulk-insert transaction
	SmallTxs     = 2_000   // one-row write transactions
	PointReads   = 200_000 // SELECT ... WHERE id = ?
	SlugReads    = 100_000 // SELECT ... WHERE slug = ?
	ParallelRead = 4       // goroutines for the parallel point-read run
)

// Driver describes one database/sql SQLite driver under test.
type Driver struct {
	Module  string                   // module path, for the version banner
	Version string                   // module version pinned in go.mod
	Name    string                   // name registered with database/sql
	DSN     func(path string) string // DSN for a database file: WAL, busy_timeout=5000, foreign_keys=on, synchronous=NORMAL, _txlock=immediate
}

const schema = `CREATE TABLE films (
	id       INTEGER PRIMARY KEY,
	slug     TEXT NOT NULL UNIQUE,
	title    TEXT NOT NULL,
	year     INTEGER,
	synopsis TEXT
)`

const (
	insertSQL = `INSERT INTO films (slug, title, year, synopsis) VALUES (?, ?, ?, ?)`
	byIDSQL   = `SELECT id, slug, title, year, synopsis FROM films WHERE id = ?`
	bySlugSQL = `SELECT id, title, year FROM films WHERE slug = ?`
)

type film struct {
	slug, title, synopsis string
	year                  int64
}

var (
	rowsOnce sync.Once
	rows     []film
)

// testRows returns BulkRows deterministic rows, built once per process so
// that string formatting is not part of any timed section.
func testRows() []film {
	rowsOnce.Do(func() {
		words := strings.Fields("a the of night city love last return secret house war road dark summer girl man king blood ghost river")
		r := rand.New(rand.NewPCG(1, 2))
		rows = make([]film, BulkRows)
		for i := range rows {
			var sb strings.Builder
			for sb.Len() < 180 {
				sb.WriteString(words[r.IntN(len(words))])
				sb.WriteByte(' ')
			}
			rows[i] = film{
				slug:     fmt.Sprintf("film-%07d", i+1),
				title:    fmt.Sprintf("The %s %s %d", words[r.IntN(len(words))], words[r.IntN(len(words))], i+1),
				year:     int64(1900 + i%126),
				synopsis: sb.String(),
			}
		}
	})
	return rows
}

// randomIDs returns n ids in [1, BulkRows] from a fixed seed, so that every
// driver reads the same sequence.
func randomIDs(n int, seed uint64) []int64 {
	r := rand.New(rand.NewPCG(seed, 42))
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = 1 + r.Int64N(BulkRows)
	}
	return ids
}

// open opens a fresh database file in dir and creates the schema.
func open(tb testing.TB, d Driver, dir string) *sql.DB {
	tb.Helper()
	db, err := sql.Open(d.Name, d.DSN(filepath.Join(dir, "marquee.db")))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if _, err := db.Exec(schema); err != nil {
		tb.Fatal(err)
	}
	return db
}

// bulkInsert inserts all test rows with one prepared statement in one
// transaction.
func bulkInsert(tb testing.TB, db *sql.DB) {
	tb.Helper()
	ctx := context.Background()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	stmt, err := tx.PrepareContext(ctx, insertSQL)
	if err != nil {
		tb.Fatal(err)
	}
	for _, f := range testRows() {
		if _, err := stmt.ExecContext(ctx, f.slug, f.title, f.year, f.synopsis); err != nil {
			tb.Fatal(err)
		}
	}
	if err := stmt.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// populated returns a fresh database holding all test rows (untimed setup).
func populated(b *testing.B, d Driver) *sql.DB {
	b.Helper()
	b.StopTimer()
	defer b.StartTimer()
	db := open(b, d, b.TempDir())
	bulkInsert(b, db)
	// Start reads from a checkpointed file, as a long-running server would.
	if _, err := db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		b.Fatal(err)
	}
	return db
}

// report records throughput (ops per second of timed work) under unit.
func report(b *testing.B, ops int, elapsed time.Duration, unit string) {
	b.ReportMetric(float64(ops)/elapsed.Seconds(), unit)
}

// BulkInsert: BulkRows rows, one prepared statement, one transaction.
func BulkInsert(b *testing.B, d Driver) {
	testRows()
	var elapsed time.Duration
	for range b.N {
		b.StopTimer()
		db := open(b, d, b.TempDir())
		b.StartTimer()
		start := time.Now()
		bulkInsert(b, db)
		elapsed += time.Since(start)
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	report(b, BulkRows*b.N, elapsed, "rows/s")
}

// SmallTx: SmallTxs transactions (BEGIN IMMEDIATE via the DSN), each
// inserting one row and committing.
func SmallTx(b *testing.B, d Driver) {
	rows := testRows()
	ctx := context.Background()
	var elapsed time.Duration
	for range b.N {
		b.StopTimer()
		db := open(b, d, b.TempDir())
		stmt, err := db.Prepare(insertSQL)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		for i := range SmallTxs {
			tx, err := db.BeginTx(ctx, nil)
			if err != nil {
				b.Fatal(err)
			}
			f := rows[i]
			if _, err := tx.StmtContext(ctx, stmt).ExecContext(ctx, f.slug, f.title, f.year, f.synopsis); err != nil {
				b.Fatal(err)
			}
			if err := tx.Commit(); err != nil {
				b.Fatal(err)
			}
		}
		elapsed += time.Since(start)
		b.StopTimer()
		stmt.Close()
		db.Close()
		b.StartTimer()
	}
	report(b, SmallTxs*b.N, elapsed, "tx/s")
}

// PointRead: PointReads random-id lookups through one prepared statement,
// on one goroutine.
func PointRead(b *testing.B, d Driver) {
	db := populated(b, d)
	stmt, err := db.Prepare(byIDSQL)
	if err != nil {
		b.Fatal(err)
	}
	defer stmt.Close()
	ids := randomIDs(PointReads, 7)
	var elapsed time.Duration
	for range b.N {
		start := time.Now()
		if err := readByID(stmt, ids); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
	}
	report(b, PointReads*b.N, elapsed, "reads/s")
}

// PointReadParallel: PointReads random-id lookups split over ParallelRead
// goroutines sharing one prepared statement and a pool of ParallelRead
// connections (opened and warmed before timing).
func PointReadParallel(b *testing.B, d Driver) {
	db := populated(b, d)
	db.SetMaxOpenConns(ParallelRead)
	db.SetMaxIdleConns(ParallelRead)
	stmt, err := db.Prepare(byIDSQL)
	if err != nil {
		b.Fatal(err)
	}
	defer stmt.Close()
	per := PointReads / ParallelRead
	chunks := make([][]int64, ParallelRead)
	for g := range chunks {
		chunks[g] = randomIDs(per, uint64(100+g))
	}
	run := func(n int) error {
		var wg sync.WaitGroup
		errs := make([]error, ParallelRead)
		for g := range ParallelRead {
			wg.Go(func() { errs[g] = readByID(stmt, chunks[g][:n]) })
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				return err
			}
		}
		return nil
	}
	// Warm-up (untimed): opens all connections and prepares the statement
	// on each of them.
	b.StopTimer()
	if err := run(2_000); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
	var elapsed time.Duration
	for range b.N {
		start := time.Now()
		if err := run(per); err != nil {
			b.Fatal(err)
		}
		elapsed += time.Since(start)
	}
	report(b, per*ParallelRead*b.N, elapsed, "reads/s")
}

func readByID(stmt *sql.Stmt, ids []int64) error {
	var (
		id, year              int64
		slug, title, synopsis string
	)
	for _, want := range ids {
		if err := stmt.QueryRow(want).Scan(&id, &slug, &title, &year, &synopsis); err != nil {
			return err
		}
		if id != want {
			return fmt.Errorf("asked for id %d, got %d", want, id)
		}
	}
	return nil
}

// SlugRead: SlugReads lookups by the unique slug index.
func SlugRead(b *testing.B, d Driver) {
	db := populated(b, d)
	stmt, err := db.Prepare(bySlugSQL)
	if err != nil {
		b.Fatal(err)
	}
	defer stmt.Close()
	ids := randomIDs(SlugReads, 11)
	slugs := make([]string, len(ids))
	for i, id := range ids {
		slugs[i] = testRows()[id-1].slug
	}
	var (
		id, year int64
		title    string
		elapsed  time.Duration
	)
	for range b.N {
		start := time.Now()
		for i, s := range slugs {
			if err := stmt.QueryRow(s).Scan(&id, &title, &year); err != nil {
				b.Fatal(err)
			}
			if id != ids[i] {
				b.Fatalf("slug %s: got id %d, want %d", s, id, ids[i])
			}
		}
		elapsed += time.Since(start)
	}
	report(b, SlugReads*b.N, elapsed, "reads/s")
}

// CheckConfig verifies that the DSN really gives every connection the
// settings the comparison assumes, and that a plain BeginTx takes the write
// lock at once (BEGIN IMMEDIATE).
func CheckConfig(t *testing.T, d Driver) {
	db := open(t, d, t.TempDir())
	db.SetMaxOpenConns(2)
	ctx := context.Background()

	want := map[string]string{
		"journal_mode": "wal",
		"busy_timeout": "5000",
		"foreign_keys": "1",
		"synchronous":  "1", // NORMAL
	}
	conns := make([]*sql.Conn, 2)
	for i := range conns {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
		for p, w := range want {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+p).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if strings.ToLower(got) != w {
				t.Errorf("conn %d: PRAGMA %s = %q, want %q", i, p, got, w)
			}
		}
	}

	// Conn 0 begins a transaction and executes nothing. If the driver issued
	// BEGIN IMMEDIATE, conn 1 cannot take the write lock.
	tx, err := conns[0].BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := conns[1].ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		t.Fatal(err)
	}
	if _, err := conns[1].ExecContext(ctx, "BEGIN IMMEDIATE"); err == nil {
		conns[1].ExecContext(ctx, "ROLLBACK")
		t.Error("BeginTx did not take the write lock: _txlock=immediate not in effect")
	}
}

// Banner prints the driver module version and the bundled SQLite version as
// "key: value" lines, which benchstat reads as configuration.
func Banner(d Driver) error {
	db, err := sql.Open(d.Name, ":memory:")
	if err != nil {
		return err
	}
	defer db.Close()
	var sv string
	if err := db.QueryRow(`SELECT sqlite_version()`).Scan(&sv); err != nil {
		return err
	}
	fmt.Printf("driver: %s@%s\nsqlite_version: %s\n", d.Module, d.Version, sv)
	return nil
}
