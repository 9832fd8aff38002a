package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// This file is the bulk side of the IMDb import: raw dataset tables
// (migration 0002), batches written with one multi-row upsert per few
// hundred rows (SQLite) or COPY into a staging table and one merge
// (PostgreSQL), the run bookkeeping that makes an import resumable, and
// the projection of the raw rows into films, people and credits.

// IMDbTable describes the raw table of one IMDb file. Rows handed to
// WriteBatch hold Columns in order; the first column is the key (with
// ordering as second key column for akas and principals).
type IMDbTable struct {
	Name    string
	Columns []string
	Key     []string
}

// IMDbTables are the raw tables by file name (without .tsv.gz).
var IMDbTables = map[string]IMDbTable{
	"title.basics": {Name: "imdb_titles", Key: []string{"tconst"}, Columns: []string{
		"tconst", "title_type", "primary_title", "original_title", "title_fold", "original_title_fold", "slug",
		"is_adult", "start_year", "end_year", "runtime_minutes", "genres"}},
	"name.basics": {Name: "imdb_names", Key: []string{"nconst"}, Columns: []string{
		"nconst", "primary_name", "sort_name", "name_fold", "sort_name_fold", "slug",
		"birth_year", "death_year", "primary_profession", "known_for_titles"}},
	"title.akas": {Name: "imdb_akas", Key: []string{"tconst", "ordering"}, Columns: []string{
		"tconst", "ordering", "title", "title_fold", "region", "language", "types", "attributes", "is_original"}},
	"title.principals": {Name: "imdb_principals", Key: []string{"tconst", "ordering"}, Columns: []string{
		"tconst", "ordering", "nconst", "category", "job", "characters"}},
	"title.crew": {Name: "imdb_crew", Key: []string{"tconst"}, Columns: []string{"tconst", "directors", "writers"}},
	"title.episode": {Name: "imdb_episodes", Key: []string{"tconst"}, Columns: []string{
		"tconst", "parent_tconst", "season_number", "episode_number"}},
	"title.ratings": {Name: "imdb_ratings", Key: []string{"tconst"}, Columns: []string{"tconst", "average_rating", "num_votes"}},
}

// IMDbCounts counts what a batch or a file did to the raw rows.
type IMDbCounts struct {
	Inserted, Updated, Unchanged, Rejected int64
}

// Add adds o to c.
func (c *IMDbCounts) Add(o IMDbCounts) {
	c.Inserted += o.Inserted
	c.Updated += o.Updated
	c.Unchanged += o.Unchanged
	c.Rejected += o.Rejected
}

// IMDbReject is a row that was not loaded.
type IMDbReject struct {
	Line    int64
	Reason  string
	Content string
}

// IMDbFileState is where a file of a run stands.
type IMDbFileState struct {
	Status    string // "", "loading", "done", "failed", "missing"
	LinesDone int64
	Counts    IMDbCounts
	Message   string
}

// IMDbRunOptions start or resume a run.
type IMDbRunOptions struct {
	Resume     bool
	TitleTypes []string // title types that become films
	Now        time.Time
	// Source is the dataset source of what the run brings; a source with
	// the same content hash is reused, so that re-importing the same
	// files adds nothing.
	Source catalog.Source
	// Log, when not nil, gets a debug record for each statement of the
	// run that takes longer than SlowStatement (where a mapping or index
	// step spends its time).
	Log *slog.Logger
}

// sqliteImportCacheSize is the page cache of an IMDb run's connection on
// SQLite (PRAGMA cache_size: negative is KiB): 256 MiB, see start.
const sqliteImportCacheSize = "-262144"

// SlowStatement is the shortest statement an IMDb run logs.
const SlowStatement = 100 * time.Millisecond

// IMDbRun is one import run on one dedicated connection.
type IMDbRun struct {
	q        *queries
	conn     *sql.Conn
	Gen      int64
	Resumed  bool
	opts     IMDbRunOptions
	sourceID int64
	stmts    map[string]*sql.Stmt
	staged   map[string]bool
}

// StartIMDbRun begins a new import run, or with opts.Resume continues the
// newest unfinished one (an error if there is none).
func (s *Store) StartIMDbRun(ctx context.Context, opts IMDbRunOptions) (*IMDbRun, error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, s.dbError(err)
	}
	r := &IMDbRun{q: &queries{d: s.d, db: s.db}, conn: conn, opts: opts, stmts: map[string]*sql.Stmt{}, staged: map[string]bool{}}
	if err := r.start(ctx); err != nil {
		conn.Close()
		return nil, err
	}
	return r, nil
}

func (r *IMDbRun) start(ctx context.Context) error {
	if r.q.d.name == "sqlite" {
		// Bulk-load settings for this connection: a 256 MiB page cache.
		// It costs about twice that in memory: the SQLite build in use
		// (modernc) allocates from power-of-two slots, so each 4 KiB page
		// and its header take an 8 KiB slot. An index build's sorter
		// buffers up to the cache size before it spills to a temporary
		// file. With a 512 MiB cache the scale-1 import peaked at
		// 2.7 GiB, during the credit mapping.
		// Sorts and index builds spill to temporary files (temp_store
		// FILE, the default): held in memory, the sorts of a full
		// dataset's search index alone would pass 2 GiB. synchronous stays
		// NORMAL: in WAL mode that is cheap and a power cut loses at most
		// the last commits, never consistency. soft_heap_limit asks SQLite
		// to shrink its caches once all its memory in the process passes
		// 1 GiB (it does not bound a sorter).
		for _, p := range []string{"PRAGMA cache_size = " + sqliteImportCacheSize, "PRAGMA temp_store = FILE", "PRAGMA soft_heap_limit = 1073741824"} {
			if _, err := r.conn.ExecContext(ctx, p); err != nil {
				return fmt.Errorf("store: %s: %w", p, err)
			}
		}
	}
	return r.tx(ctx, func(tx *sql.Tx) error {
		var running sql.NullInt64
		if err := r.row(ctx, tx, "SELECT MAX(gen) FROM imdb_imports WHERE status = 'running'").Scan(&running); err != nil {
			return err
		}
		if r.opts.Resume {
			if !running.Valid {
				return catalog.Errorf(catalog.KindInvalid, "there is no unfinished import to resume")
			}
			r.Gen, r.Resumed = running.Int64, true
			var src sql.NullInt64
			if err := r.row(ctx, tx, "SELECT source_id FROM imdb_imports WHERE gen = ?", r.Gen).Scan(&src); err != nil {
				return err
			}
			r.sourceID = src.Int64
			return nil
		}
		if _, err := r.exec(ctx, tx, "UPDATE imdb_imports SET status = 'abandoned' WHERE status = 'running'"); err != nil {
			return err
		}
		var last sql.NullInt64
		if err := r.row(ctx, tx, "SELECT MAX(gen) FROM imdb_imports").Scan(&last); err != nil {
			return err
		}
		r.Gen = last.Int64 + 1
		_, err := r.exec(ctx, tx, `INSERT INTO imdb_imports (gen, source_id, status, title_types, started_at)
			VALUES (?, NULL, 'running', ?, ?)`, r.Gen, strings.Join(r.opts.TitleTypes, ","), formatTime(r.opts.Now))
		return err
	})
}

// Close releases the run's connection; an unfinished run stays resumable.
func (r *IMDbRun) Close() error {
	for _, st := range r.stmts {
		st.Close()
	}
	return r.conn.Close()
}

func (r *IMDbRun) tx(ctx context.Context, fn func(tx *sql.Tx) error) (err error) {
	tx, err := r.conn.BeginTx(ctx, nil)
	if err != nil {
		return r.q.dbError(err)
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
	if err = fn(tx); err != nil {
		return r.q.dbError(err)
	}
	return r.q.dbError(tx.Commit())
}

func (r *IMDbRun) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	start := time.Now()
	res, err := tx.ExecContext(ctx, r.q.d.rebind(query), args...)
	r.logSlow(query, time.Since(start))
	if err != nil {
		return nil, fmt.Errorf("%w\nin: %s", err, firstLine(query))
	}
	return res, nil
}

func (r *IMDbRun) row(ctx context.Context, tx *sql.Tx, query string, args ...any) *sql.Row {
	return tx.QueryRowContext(ctx, r.q.d.rebind(query), args...)
}

// logSlow logs a statement that took elapsed, when that is long enough.
func (r *IMDbRun) logSlow(query string, elapsed time.Duration) {
	if r.opts.Log != nil && elapsed >= SlowStatement {
		r.opts.Log.Debug("imdb import statement", "elapsed", elapsed.Round(time.Millisecond), "sql", compactSQL(query, 160))
	}
}

// compactSQL is query on one line, its runs of white space made single
// spaces, cut to at most n bytes.
func compactSQL(query string, n int) string {
	s := strings.Join(strings.Fields(query), " ")
	if len(s) > n {
		s = strings.ToValidUTF8(s[:n], "") + " …"
	}
	return s
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// FileState returns the state of file in this run.
func (r *IMDbRun) FileState(ctx context.Context, file string) (IMDbFileState, error) {
	var st IMDbFileState
	err := r.conn.QueryRowContext(ctx, r.q.d.rebind(`SELECT status, lines_done, inserted, updated, unchanged, rejected, message
		FROM imdb_import_files WHERE gen = ? AND file = ?`), r.Gen, file).
		Scan(&st.Status, &st.LinesDone, &st.Counts.Inserted, &st.Counts.Updated, &st.Counts.Unchanged, &st.Counts.Rejected, &st.Message)
	if errors.Is(err, sql.ErrNoRows) {
		return IMDbFileState{}, nil
	}
	return st, r.q.dbError(err)
}

// SetFileState records a file's status and message (keeping its counts
// and progress).
func (r *IMDbRun) SetFileState(ctx context.Context, file, status, message string) error {
	return r.tx(ctx, func(tx *sql.Tx) error { return r.setFileState(ctx, tx, file, status, message) })
}

func (r *IMDbRun) setFileState(ctx context.Context, tx *sql.Tx, file, status, message string) error {
	res, err := r.exec(ctx, tx, "UPDATE imdb_import_files SET status = ?, message = ? WHERE gen = ? AND file = ?", status, message, r.Gen, file)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	_, err = r.exec(ctx, tx, `INSERT INTO imdb_import_files (gen, file, status, lines_done, inserted, updated, unchanged, rejected, message)
		VALUES (?, ?, ?, 0, 0, 0, 0, 0, ?)`, r.Gen, file, status, message)
	return err
}

// WriteBatch upserts rows (in key order) into the raw table of file,
// stores rejects, and records linesDone as the file's committed progress,
// all in one transaction.
func (r *IMDbRun) WriteBatch(ctx context.Context, file string, rows [][]any, rejects []IMDbReject, linesDone int64) (IMDbCounts, error) {
	t, ok := IMDbTables[file]
	if !ok {
		return IMDbCounts{}, fmt.Errorf("store: no IMDb table for %q", file)
	}
	var c IMDbCounts
	write := r.writeSQLite
	if r.q.d.name == "postgres" {
		write = r.writePostgres
	}
	err := write(ctx, t, rows, func(ctx context.Context, tx *sql.Tx, counts IMDbCounts) error {
		c = counts
		c.Rejected = int64(len(rejects))
		if err := r.insertRejects(ctx, tx, file, rejects); err != nil {
			return err
		}
		_, err := r.exec(ctx, tx, `UPDATE imdb_import_files SET lines_done = ?, inserted = inserted + ?,
			updated = updated + ?, unchanged = unchanged + ?, rejected = rejected + ? WHERE gen = ? AND file = ?`,
			linesDone, c.Inserted, c.Updated, c.Unchanged, c.Rejected, r.Gen, file)
		return err
	})
	return c, err
}

func (r *IMDbRun) insertRejects(ctx context.Context, tx *sql.Tx, file string, rejects []IMDbReject) error {
	for chunk := range slices.Chunk(rejects, 200) {
		vals := make([]string, len(chunk))
		args := make([]any, 0, 5*len(chunk))
		for i, rj := range chunk {
			vals[i] = "(?, ?, ?, ?, ?)"
			args = append(args, r.Gen, file, rj.Line, rj.Reason, rj.Content)
		}
		if _, err := r.exec(ctx, tx, "INSERT INTO imdb_rejects (gen, file, line, reason, content) VALUES "+strings.Join(vals, ", "), args...); err != nil {
			return err
		}
	}
	return nil
}

// upsertTail is " ON CONFLICT (key) DO UPDATE SET col = excluded.col, …
// WHERE any column differs": unchanged rows are not written at all.
func (r *IMDbRun) upsertTail(t IMDbTable) string {
	var set, diff []string
	distinct := " IS NOT "
	if r.q.d.name == "postgres" {
		distinct = " IS DISTINCT FROM "
	}
	for _, c := range t.Columns {
		if slices.Contains(t.Key, c) {
			continue
		}
		set = append(set, c+" = excluded."+c)
		diff = append(diff, t.Name+"."+c+distinct+"excluded."+c)
	}
	set = append(set, "gen = excluded.gen")
	return " ON CONFLICT (" + strings.Join(t.Key, ", ") + ") DO UPDATE SET " + strings.Join(set, ", ") +
		" WHERE " + strings.Join(diff, " OR ")
}

// keySpan is a batch's key range as an SQL condition ("key between the
// key of the first row and the key of the last row", on the whole key,
// so that a batch that starts in the middle of a title's principals does
// not count the rows of that title that the previous batch wrote), and
// whether the batch's keys strictly increase. When they do not, the
// condition covers the whole range of first keys.
type keySpan struct {
	cond   string
	args   []any
	strict bool
}

// batchKeySpan computes rows' key span (rows not empty), reading the
// batch once.
func batchKeySpan(t IMDbTable, rows [][]any) keySpan {
	first, last := rows[0], rows[len(rows)-1]
	lo, hi, strict := batchKeyRange(t, rows)
	if len(t.Key) == 2 && strict {
		return keySpan{"(" + t.Key[0] + ", " + t.Key[1] + ") BETWEEN (?, ?) AND (?, ?)", []any{first[0], first[1], last[0], last[1]}, true}
	}
	return keySpan{t.Key[0] + " BETWEEN ? AND ?", []any{lo, hi}, strict}
}

// keyRange counts the stored rows in the span.
func (r *IMDbRun) keyRange(ctx context.Context, tx *sql.Tx, t IMDbTable, span keySpan) (int64, error) {
	var n int64
	err := r.row(ctx, tx, "SELECT count(*) FROM "+t.Name+" WHERE "+span.cond, span.args...).Scan(&n)
	return n, err
}

// anyInKeyRange reports whether any stored row lies in the span.
func (r *IMDbRun) anyInKeyRange(ctx context.Context, tx *sql.Tx, t IMDbTable, span keySpan) (bool, error) {
	var ok bool
	err := r.row(ctx, tx, "SELECT EXISTS (SELECT 1 FROM "+t.Name+" WHERE "+span.cond+")", span.args...).Scan(&ok)
	return ok, err
}

// batchKeyRange returns the smallest and largest first key of rows, and
// whether the rows are in strictly increasing key order (so that no key
// repeats within the batch).
func batchKeyRange(t IMDbTable, rows [][]any) (lo, hi int64, strict bool) {
	lo, hi = rows[0][0].(int64), rows[0][0].(int64)
	strict = true
	for i, row := range rows {
		k := row[0].(int64)
		lo, hi = min(lo, k), max(hi, k)
		if i == 0 || !strict {
			continue
		}
		p := rows[i-1][0].(int64)
		switch {
		case k < p:
			strict = false
		case k == p:
			if len(t.Key) < 2 {
				strict = false
			} else {
				a, aok := rows[i-1][1].(int64)
				b, bok := row[1].(int64)
				strict = aok && bok && a < b
			}
		}
	}
	return lo, hi, strict
}

// sqliteRowsPerStmt keeps a statement under SQLite's 32766 parameters.
func sqliteRowsPerStmt(t IMDbTable) int { return min(256, 32000/(len(t.Columns)+1)) }

func (r *IMDbRun) insertSQL(t IMDbTable, n int, upsert bool) string {
	one := "(" + placeholders(len(t.Columns)+1) + ")"
	var b strings.Builder
	b.WriteString("INSERT INTO " + t.Name + " (" + strings.Join(t.Columns, ", ") + ", gen) VALUES ")
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	if upsert {
		b.WriteString(r.upsertTail(t))
	}
	return b.String()
}

// writeSQLite writes a batch with 256-row multi-row statements. When no
// stored row has a key in the batch's range and the keys strictly
// increase (a first import), they are plain INSERTs: SQLite then appends
// to the b-tree and packs its pages (an upsert left about an eighth of
// each page empty). Otherwise they are upserts that skip unchanged rows.
func (r *IMDbRun) writeSQLite(ctx context.Context, t IMDbTable, rows [][]any, finish func(context.Context, *sql.Tx, IMDbCounts) error) error {
	per := sqliteRowsPerStmt(t)
	prepared := func(upsert bool) (*sql.Stmt, error) {
		key := t.Name
		if !upsert {
			key += " insert"
		}
		if st, ok := r.stmts[key]; ok {
			return st, nil
		}
		st, err := r.conn.PrepareContext(ctx, r.insertSQL(t, per, upsert))
		if err != nil {
			return nil, r.q.dbError(err)
		}
		r.stmts[key] = st
		return st, nil
	}
	return r.tx(ctx, func(tx *sql.Tx) error {
		var c IMDbCounts
		var before int64
		var span keySpan
		if len(rows) > 0 {
			span = batchKeySpan(t, rows)
			var err error
			if before, err = r.keyRange(ctx, tx, t, span); err != nil {
				return err
			}
		}
		fresh := before == 0 && span.strict
		full, err := prepared(!fresh)
		if err != nil {
			return err
		}
		stmt := tx.StmtContext(ctx, full)
		args := make([]any, 0, per*(len(t.Columns)+1))
		var gen any = r.Gen // boxed once, not once per row
		var affected int64
		for chunk := range slices.Chunk(rows, per) {
			args = args[:0]
			for _, row := range chunk {
				args = append(args, row...)
				args = append(args, gen)
			}
			var res sql.Result
			var err error
			if len(chunk) == per {
				res, err = stmt.ExecContext(ctx, args...)
			} else {
				res, err = tx.ExecContext(ctx, r.insertSQL(t, len(chunk), !fresh), args...)
			}
			if err != nil {
				return fmt.Errorf("store: load %s: %w", t.Name, err)
			}
			n, _ := res.RowsAffected()
			affected += n
		}
		switch {
		case len(rows) == 0:
		case fresh:
			// No stored row had a key in the batch's range and no key
			// repeats within the batch, so every written row is new: the
			// second range count (a scan of the whole batch) is not needed.
			c.Inserted = affected
		default:
			after, err := r.keyRange(ctx, tx, t, span)
			if err != nil {
				return err
			}
			c.Inserted = after - before
		}
		c.Updated = affected - c.Inserted
		c.Unchanged = int64(len(rows)) - affected
		return finish(ctx, tx, c)
	})
}

// Source returns the run's dataset source, creating it (or finding the
// one with the same content hash) on first use.
func (r *IMDbRun) source(ctx context.Context, tx *sql.Tx) (int64, error) {
	if r.sourceID != 0 {
		return r.sourceID, nil
	}
	q := &queries{d: r.q.d, db: r.q.db, tx: tx}
	src := r.opts.Source
	src.Kind = catalog.SourceDataset
	if src.ContentHash != "" {
		if s, err := q.GetSourceByHash(ctx, src.ContentHash); err == nil {
			r.sourceID = s.ID
		} else if catalog.KindOf(err) != catalog.KindNotFound {
			return 0, err
		}
	}
	if r.sourceID == 0 {
		if src.CreatedAt.IsZero() {
			src.CreatedAt = r.opts.Now
		}
		if err := q.CreateSource(ctx, &src); err != nil {
			return 0, err
		}
		r.sourceID = src.ID
	}
	_, err := r.exec(ctx, tx, "UPDATE imdb_imports SET source_id = ? WHERE gen = ?", r.sourceID, r.Gen)
	return r.sourceID, err
}

// Finish marks the run done and refreshes the planner statistics.
func (r *IMDbRun) Finish(ctx context.Context) error {
	if err := r.q.analyze(ctx, r.conn); err != nil {
		return err
	}
	err := r.tx(ctx, func(tx *sql.Tx) error {
		_, err := r.exec(ctx, tx, "UPDATE imdb_imports SET status = 'done', finished_at = ? WHERE gen = ?", formatTime(time.Now()), r.Gen)
		return err
	})
	if err != nil || r.q.d.name != "sqlite" {
		return err
	}
	// The mapping's transactions leave a write-ahead log of gigabytes
	// after a full import; copy it into the database and truncate it.
	// Readers that hold an older snapshot make this a partial checkpoint,
	// which is fine: the log is reused, and truncated by a later one.
	if _, err := r.conn.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
		return r.q.dbError(fmt.Errorf("store: checkpoint: %w", err))
	}
	return nil
}

// IMDbRejects lists a run's rejected rows in file and line order (at
// most limit).
func (s *Store) IMDbRejects(ctx context.Context, gen int64, limit int) ([]struct {
	File string
	IMDbReject
}, error) {
	rows, err := s.query(ctx, "SELECT file, line, reason, content FROM imdb_rejects WHERE gen = ? ORDER BY file, line LIMIT ?", gen, limit)
	if err != nil {
		return nil, s.dbError(err)
	}
	defer rows.Close()
	var out []struct {
		File string
		IMDbReject
	}
	for rows.Next() {
		var v struct {
			File string
			IMDbReject
		}
		if err := rows.Scan(&v.File, &v.Line, &v.Reason, &v.Content); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// analyze refreshes the planner statistics. On SQLite it samples at most
// 1,000 rows per index (PRAGMA analysis_limit: the statistics are as
// good for our plans and ANALYZE no longer reads the whole database), and
// it keeps only sqlite_stat1: with STAT4 samples present, SQLite
// recompiles every statement that compares a bound parameter to an
// indexed column each time the parameter changes, which made a search
// or a film lookup up to ten times slower. On PostgreSQL it analyzes the
// tables of the store's schema only: a bare ANALYZE reads every table of
// the database, other applications' and other schemas' too.
func (q *queries) analyze(ctx context.Context, conn *sql.Conn) error {
	stmts := []string{"ANALYZE"}
	if q.d.name == "postgres" {
		var tables sql.NullString
		err := conn.QueryRowContext(ctx, `SELECT string_agg(format('%I.%I', schemaname, tablename), ', ' ORDER BY tablename)
			FROM pg_tables WHERE schemaname = current_schema()`).Scan(&tables)
		if err != nil {
			return q.dbError(err)
		}
		if !tables.Valid {
			return nil
		}
		stmts = []string{"ANALYZE " + tables.String}
	}
	if q.d.name == "sqlite" {
		stmts = []string{"PRAGMA analysis_limit = 1000", "ANALYZE"}
		var n int
		if err := conn.QueryRowContext(ctx, q.d.tableExists, "sqlite_stat4").Scan(&n); err != nil {
			return q.dbError(err)
		}
		if n > 0 {
			stmts = append(stmts, "DELETE FROM sqlite_stat4", "ANALYZE sqlite_schema")
		}
	}
	for _, st := range stmts {
		if _, err := conn.ExecContext(ctx, st); err != nil {
			return q.dbError(fmt.Errorf("store: %s: %w", st, err))
		}
	}
	return nil
}
