package store

import (
	"strconv"
	"strings"
)

// dialect holds what differs between the databases. Everything else is
// shared SQL written with ? placeholders.
type dialect struct {
	name string
	// numbered reports whether placeholders are $1..$n rather than ?.
	numbered bool
	// migrationsDir is the folder of migrationFiles with this dialect's
	// migrations.
	migrationsDir string
	// tableExists is a query with one placeholder, the table name, that
	// returns one row with a count > 0 when the table exists.
	tableExists string
	// migrationLock, when not empty, is run at the start of each
	// migration transaction to serialize concurrent migrators.
	migrationLock string
	// violation reports whether err is a unique or foreign key violation.
	violation func(err error) (violation, bool)
	// unavailable reports whether err means the database is busy or
	// unreachable, a condition worth retrying later.
	unavailable func(err error) bool
}

// violationKind tells the constraint a write broke.
type violationKind int

const (
	uniqueViolation violationKind = iota + 1
	foreignKeyViolation
)

// violation is a constraint failure in dialect-neutral form.
type violation struct {
	kind violationKind
	// columns are the columns of the broken unique key, when the
	// database names them.
	columns []string
}

// rebind rewrites the ? placeholders of query for d. Question marks in
// quoted literals and identifiers are left alone.
func (d *dialect) rebind(query string) string {
	if !d.numbered || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	var quote byte // the open quote character, or 0
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
