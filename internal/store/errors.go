package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// dbError gives err the kind KindUnavailable when the database is busy
// or unreachable, and returns it unchanged (KindInternal) otherwise.
func (q *queries) dbError(err error) error {
	if err != nil && catalog.KindOf(err) == catalog.KindInternal && q.d.unavailable(err) {
		return catalog.Errorf(catalog.KindUnavailable, "database unavailable: %w", err)
	}
	return err
}

// uniqueKey is a unique constraint a write may break, and the message of
// the KindConflict error that reports it.
type uniqueKey struct {
	columns []string
	message string
}

// unique returns the uniqueKey of columns with a formatted message.
func unique(columns string, format string, args ...any) uniqueKey {
	return uniqueKey{columns: strings.Split(columns, ","), message: fmt.Sprintf(format, args...)}
}

// writeError maps the error of an insert or update: a broken unique key
// is KindConflict with the message of the matching key, a broken foreign
// key is KindInvalid. The store checks references before writing, so the
// latter only happens when a concurrent delete wins the race.
func (q *queries) writeError(err error, keys ...uniqueKey) error {
	if err == nil {
		return nil
	}
	v, ok := q.d.violation(err)
	if !ok {
		return q.dbError(err)
	}
	if v.kind == foreignKeyViolation {
		return catalog.Errorf(catalog.KindInvalid, "a referenced record does not exist: %w", err)
	}
	for _, k := range keys {
		if slices.Equal(k.columns, v.columns) {
			return catalog.Conflict("%s", k.message)
		}
	}
	if len(keys) == 1 && len(v.columns) == 0 {
		return catalog.Conflict("%s", keys[0].message)
	}
	return catalog.Errorf(catalog.KindConflict, "the record already exists: %w", err)
}

// deleteError maps the error of a delete: a broken foreign key means the
// record is still referenced, KindConflict.
func (q *queries) deleteError(err error, what string, id int64) error {
	if err == nil {
		return nil
	}
	if v, ok := q.d.violation(err); ok && v.kind == foreignKeyViolation {
		return catalog.Errorf(catalog.KindConflict, "%s %d is still referred to by other records: %w", what, id, err)
	}
	return q.dbError(err)
}

// ref is a record that a write refers to: its kind for messages, its
// table, its ID (0 for none) and the input field that holds the ID.
type ref struct {
	what, table string
	id          int64
	field       string
}

// checkRefs returns a KindInvalid error naming the first record of refs
// that does not exist. Run inside the write transaction, it turns foreign
// key failures into messages that say which record is missing.
func (q *queries) checkRefs(ctx context.Context, refs ...ref) error {
	for _, r := range refs {
		if r.id == 0 {
			continue
		}
		var one int
		err := q.queryRow(ctx, "SELECT 1 FROM "+r.table+" WHERE id = ?", r.id).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return catalog.Invalid(r.field, "%s %d does not exist", r.what, r.id)
		}
		if err != nil {
			return q.dbError(err)
		}
	}
	return nil
}

// referrer is a kind of record that refers to another and so keeps it
// from being deleted: its name for messages and a query with one
// placeholder, the referred-to ID, that selects the referring rows.
type referrer struct {
	name  string
	query string
}

// checkUnreferenced returns a KindConflict error listing which of
// referrers still refer to the record what id.
func (q *queries) checkUnreferenced(ctx context.Context, what string, id int64, referrers ...referrer) error {
	exists := make([]string, len(referrers))
	args := make([]any, len(referrers))
	flags := make([]bool, len(referrers))
	dest := make([]any, len(referrers))
	for i, r := range referrers {
		exists[i] = "EXISTS (" + r.query + ")"
		args[i] = id
		dest[i] = &flags[i]
	}
	if err := q.queryRow(ctx, "SELECT "+strings.Join(exists, ", "), args...).Scan(dest...); err != nil {
		return q.dbError(err)
	}
	var names []string
	for i, r := range referrers {
		if flags[i] {
			names = append(names, r.name)
		}
	}
	if len(names) > 0 {
		return catalog.Conflict("%s %d is still referred to by %s", what, id, strings.Join(names, ", "))
	}
	return nil
}
