package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// writePostgres COPYs the batch into a temporary staging table (pgx
// CopyFrom, binary protocol) and merges it into the raw table with one
// INSERT … ON CONFLICT DO UPDATE … WHERE IS DISTINCT FROM, counting
// inserts with xmax = 0. The copy, the merge and the progress update are
// one transaction.
func (r *IMDbRun) writePostgres(ctx context.Context, t IMDbTable, rows [][]any, finish func(context.Context, *sql.Tx, IMDbCounts) error) error {
	stage := "imdb_stage_" + strings.TrimPrefix(t.Name, "imdb_")
	cols := append(append([]string{}, t.Columns...), "gen")
	if !r.staged[stage] {
		_, err := r.conn.ExecContext(ctx, "CREATE TEMP TABLE IF NOT EXISTS "+stage+
			" ON COMMIT DELETE ROWS AS SELECT "+strings.Join(cols, ", ")+" FROM "+t.Name+" WITH NO DATA")
		if err != nil {
			return r.q.dbError(fmt.Errorf("store: create %s: %w", stage, err))
		}
		r.staged[stage] = true
	}
	return r.tx(ctx, func(tx *sql.Tx) error {
		var c IMDbCounts
		if len(rows) > 0 {
			gen := r.Gen
			err := r.conn.Raw(func(dc any) error {
				conn := dc.(*stdlib.Conn).Conn()
				i := 0
				src := pgx.CopyFromFunc(func() ([]any, error) {
					if i == len(rows) {
						return nil, nil
					}
					row := append(rows[i][:len(rows[i]):len(rows[i])], gen)
					i++
					return row, nil
				})
				_, err := conn.CopyFrom(ctx, pgx.Identifier{stage}, cols, src)
				return err
			})
			if err != nil {
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
		}
		return finish(ctx, tx, c)
	})
}
