package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// writePostgres loads a batch with COPY (pgx CopyFrom, binary protocol).
// When no stored row has a key in the batch's range and the batch's keys
// strictly increase (always so on a first import), every row is new and
// is copied straight into the raw table. Otherwise the batch is copied
// into a temporary staging table and merged into the raw table with one
// INSERT … ON CONFLICT DO UPDATE … WHERE IS DISTINCT FROM, counting
// inserts with xmax = 0. The copy, the merge and the progress update are
// one transaction.
func (r *IMDbRun) writePostgres(ctx context.Context, t IMDbTable, rows [][]any, finish func(context.Context, *sql.Tx, IMDbCounts) error) error {
	stage := "imdb_stage_" + strings.TrimPrefix(t.Name, "imdb_")
	cols := append(append([]string{}, t.Columns...), "gen")
	return r.tx(ctx, func(tx *sql.Tx) error {
		var c IMDbCounts
		if len(rows) == 0 {
			return finish(ctx, tx, c)
		}
		span := batchKeySpan(t, rows)
		clash, err := r.anyInKeyRange(ctx, tx, t, span)
		if err != nil {
			return err
		}
		if !clash && span.strict {
			n, err := r.copyRows(ctx, t.Name, cols, rows)
			if err != nil {
				return fmt.Errorf("store: copy into %s: %w", t.Name, err)
			}
			c.Inserted = n
			return finish(ctx, tx, c)
		}
		if !r.staged[stage] {
			_, err := r.exec(ctx, tx, "CREATE TEMP TABLE IF NOT EXISTS "+stage+
				" ON COMMIT DELETE ROWS AS SELECT "+strings.Join(cols, ", ")+" FROM "+t.Name+" WITH NO DATA")
			if err != nil {
				return fmt.Errorf("store: create %s: %w", stage, err)
			}
			r.staged[stage] = true
		}
		if _, err := r.copyRows(ctx, stage, cols, rows); err != nil {
			return fmt.Errorf("store: copy into %s: %w", stage, err)
		}
		var inserted, affected int64
		err = r.row(ctx, tx, "WITH m AS (INSERT INTO "+t.Name+" ("+strings.Join(cols, ", ")+") SELECT "+strings.Join(cols, ", ")+
			" FROM "+stage+r.upsertTail(t)+" RETURNING (xmax = 0) AS ins) SELECT count(*) FILTER (WHERE ins), count(*) FROM m").
			Scan(&inserted, &affected)
		if err != nil {
			return fmt.Errorf("store: merge into %s: %w", t.Name, err)
		}
		c.Inserted, c.Updated, c.Unchanged = inserted, affected-inserted, int64(len(rows))-affected
		return finish(ctx, tx, c)
	})
}

// copyRows COPYs rows, each followed by the run's gen, into table on the
// run's connection (inside its open transaction).
func (r *IMDbRun) copyRows(ctx context.Context, table string, cols []string, rows [][]any) (int64, error) {
	var n int64
	gen := r.Gen
	err := r.conn.Raw(func(dc any) error {
		conn := dc.(*stdlib.Conn).Conn()
		i := 0
		var row []any
		src := pgx.CopyFromFunc(func() ([]any, error) {
			if i == len(rows) {
				return nil, nil
			}
			row = append(append(row[:0], rows[i]...), gen)
			i++
			return row, nil
		})
		var err error
		n, err = conn.CopyFrom(ctx, pgx.Identifier{table}, cols, src)
		return err
	})
	return n, err
}
