package store

import (
	"context"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// conds collects the conditions of a WHERE clause and their arguments.
type conds struct {
	sql  []string
	args []any
}

func (c *conds) add(cond string, args ...any) {
	c.sql = append(c.sql, cond)
	c.args = append(c.args, args...)
}

// where returns " WHERE a AND b", or "" when there is no condition.
func (c *conds) where() string {
	if len(c.sql) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.sql, " AND ")
}

// placeholders returns n comma-separated placeholders.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// textArgs returns enum values as string arguments.
func textArgs[T ~string](vs []T) []any {
	out := make([]any, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// likeContains returns a LIKE pattern matching text anywhere, with the
// LIKE wildcards in text escaped by backslash (use ESCAPE '\').
func likeContains(text string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(text) + "%"
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// queryAll runs a query and scans every row with scan.
func queryAll[T any](ctx context.Context, q *queries, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, q.dbError(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, q.dbError(rows.Err())
}

// queryOne runs a query for one row and scans it; no row is a
// KindNotFound error for what and key.
func queryOne[T any](ctx context.Context, q *queries, scan func(scanner) (T, error), what string, key any, query string, args ...any) (T, error) {
	v, err := scan(q.queryRow(ctx, query, args...))
	if err != nil {
		return v, q.dbError(notFound(err, what, key))
	}
	return v, nil
}

// insert runs an INSERT … RETURNING id and returns the new ID.
func (q *queries) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := q.queryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// execAffecting runs an UPDATE or DELETE of the record what id; when no
// row was affected the record does not exist, a KindNotFound error.
func (q *queries) execAffecting(ctx context.Context, what string, id int64, query string, args ...any) error {
	res, err := q.exec(ctx, query, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return catalog.NotFound(what, id)
	}
	return nil
}

// reload reads the record id into dst with get, so that a written record
// comes back as stored, read-only fields included.
func reload[T any](ctx context.Context, dst *T, id int64, get func(context.Context, int64) (T, error)) error {
	v, err := get(ctx, id)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}
