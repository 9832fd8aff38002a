package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Values are stored in forms that both databases keep and compare alike:
// timestamps and dates as text, lists as JSON text, unknown references
// and external IDs as NULL.

// timeLayout is UTC with a fixed nine-digit fraction, so that stored
// timestamps keep nanoseconds and sort as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTime is formatTime of t, or NULL for the zero time.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return formatTime(t)
}

// nullID is id, or NULL for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullText is s, or NULL for "".
func nullText(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// jsonList encodes a list as a JSON array; nil is "[]".
func jsonList[T any](list []T) string {
	if len(list) == 0 {
		return "[]"
	}
	b, err := json.Marshal(list)
	if err != nil {
		panic(fmt.Sprintf("store: encode %T: %v", list, err)) // lists of strings and plain structs always encode
	}
	return string(b)
}

// The types below scan stored text into catalog values.

// timeText scans a stored timestamp; NULL or "" is the zero time.
type timeText struct{ t *time.Time }

func (s timeText) Scan(src any) error {
	text, err := asText(src)
	if err != nil || text == "" {
		*s.t = time.Time{}
		return err
	}
	t, err := time.Parse(timeLayout, text)
	if err != nil {
		return fmt.Errorf("store: stored time %q: %w", text, err)
	}
	*s.t = t
	return nil
}

// dateText scans a stored partial date.
type dateText struct{ d *catalog.PartialDate }

func (s dateText) Scan(src any) error {
	text, err := asText(src)
	if err != nil {
		return err
	}
	d, err := catalog.ParsePartialDate(text)
	if err != nil {
		return fmt.Errorf("store: stored date %q: %w", text, err)
	}
	*s.d = d
	return nil
}

// jsonText scans a stored JSON array into a slice; "[]" gives nil.
type jsonText[T any] struct{ list *[]T }

func (s jsonText[T]) Scan(src any) error {
	text, err := asText(src)
	if err != nil {
		return err
	}
	var list []T
	if err := json.Unmarshal([]byte(text), &list); err != nil {
		return fmt.Errorf("store: stored list %q: %w", text, err)
	}
	if len(list) == 0 {
		list = nil
	}
	*s.list = list
	return nil
}

func asText(src any) (string, error) {
	switch v := src.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case []byte:
		return string(v), nil
	}
	return "", fmt.Errorf("store: got %T, want text", src)
}

// jsonCol scans into *list; see jsonText.
func jsonCol[T any](list *[]T) jsonText[T] { return jsonText[T]{list} }

// enumText scans a comma-separated list of enum values, as built by
// string_agg; "" gives nil.
type enumText[T ~string] struct{ list *[]T }

func (s enumText[T]) Scan(src any) error {
	text, err := asText(src)
	if err != nil {
		return err
	}
	*s.list = nil
	if text == "" {
		return nil
	}
	for _, v := range strings.Split(text, ",") {
		*s.list = append(*s.list, T(v))
	}
	return nil
}

// enumList scans into *list; see enumText.
func enumList[T ~string](list *[]T) enumText[T] { return enumText[T]{list} }
