package store

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// A cursor is the sort key of the last row of a page, record ID last,
// as a base64url-encoded JSON array: ["red rocket", 42]. Lists read the
// rows after it with a row-value comparison on the same columns.

// keyKind is the type of one value of a sort key.
type keyKind int

const (
	textKey keyKind = iota
	intKey
)

// keyset is the sort order of a paginated list: SQL expressions, record
// ID last, their kinds, and the direction they all share.
type keyset struct {
	columns []string
	kinds   []keyKind
	desc    bool
}

// orderBy returns the ORDER BY clause of k.
func (k keyset) orderBy() string {
	cols := k.columns
	if k.desc {
		cols = make([]string, len(k.columns))
		for i, c := range k.columns {
			cols[i] = c + " DESC"
		}
	}
	return " ORDER BY " + strings.Join(cols, ", ")
}

// after adds to w the condition that selects the rows after cursor, if
// any. A cursor that does not decode to a key of k is KindInvalid.
func (k keyset) after(w *conds, cursor string) error {
	if cursor == "" {
		return nil
	}
	key, err := decodeCursor(cursor, k.kinds)
	if err != nil {
		return err
	}
	op := " > "
	if k.desc {
		op = " < "
	}
	w.add("("+strings.Join(k.columns, ", ")+")"+op+"("+placeholders(len(key))+")", key...)
	return nil
}

func encodeCursor(key []any) string {
	b, err := json.Marshal(key)
	if err != nil {
		panic("store: encode cursor: " + err.Error()) // keys are strings and integers
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(cursor string, kinds []keyKind) ([]any, error) {
	invalid := catalog.Invalid("after", "%q is not a cursor of this list", cursor)
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return nil, invalid
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var raw []any
	if err := dec.Decode(&raw); err != nil || dec.More() || len(raw) != len(kinds) {
		return nil, invalid
	}
	key := make([]any, len(raw))
	for i, v := range raw {
		switch kinds[i] {
		case textKey:
			s, ok := v.(string)
			if !ok {
				return nil, invalid
			}
			key[i] = s
		case intKey:
			n, ok := v.(json.Number)
			if !ok {
				return nil, invalid
			}
			if key[i], err = n.Int64(); err != nil {
				return nil, invalid
			}
		}
	}
	return key, nil
}

// page trims rows, read with a limit of limit+1, to limit and returns the
// cursor of the next page, or "" when rows was the last page.
func page[T any](rows []T, limit int, key func(T) []any) ([]T, string) {
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	return rows, encodeCursor(key(rows[limit-1]))
}
