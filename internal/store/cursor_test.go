package store

import (
	"encoding/base64"
	"reflect"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

func TestCursorRoundTrip(t *testing.T) {
	kinds := []keyKind{textKey, intKey, textKey, intKey}
	key := []any{"2022-03-01", int64(2), "amélie \"quoted\"", int64(1) << 60}
	got, err := decodeCursor(encodeCursor(key), kinds)
	if err != nil {
		t.Fatalf("decodeCursor: %v", err)
	}
	if !reflect.DeepEqual(got, key) {
		t.Errorf("round trip = %#v, want %#v", got, key)
	}
}

func TestCursorInvalid(t *testing.T) {
	kinds := []keyKind{textKey, intKey}
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for _, c := range []string{
		"garbage!!",
		"%%%",
		b64(`{"not":"a cursor"}`),
		b64(`["a"]`),
		b64(`["a", 1, 2]`),
		b64(`[1, 1]`),
		b64(`["a", "1"]`),
		b64(`["a", 1.5]`),
		b64(`["a", 1e40]`),
		b64(`["a", null]`),
		b64(`["a", 1] ["b", 2]`),
	} {
		_, err := decodeCursor(c, kinds)
		if !catalog.IsKind(err, catalog.KindInvalid) {
			t.Errorf("decodeCursor(%q) error = %v, want KindInvalid", c, err)
		}
	}
}

func TestKeysetClauses(t *testing.T) {
	asc := keyset{columns: []string{"f.title_fold", "f.id"}, kinds: []keyKind{textKey, intKey}}
	desc := keyset{columns: []string{"s.created_at", "s.id"}, kinds: []keyKind{textKey, intKey}, desc: true}
	if got, want := asc.orderBy(), " ORDER BY f.title_fold, f.id"; got != want {
		t.Errorf("orderBy = %q, want %q", got, want)
	}
	if got, want := desc.orderBy(), " ORDER BY s.created_at DESC, s.id DESC"; got != want {
		t.Errorf("orderBy = %q, want %q", got, want)
	}
	var w conds
	if err := desc.after(&w, encodeCursor([]any{"x", int64(7)})); err != nil {
		t.Fatal(err)
	}
	if got, want := w.where(), " WHERE (s.created_at, s.id) < (?, ?)"; got != want {
		t.Errorf("where = %q, want %q", got, want)
	}
	if !reflect.DeepEqual(w.args, []any{"x", int64(7)}) {
		t.Errorf("args = %#v", w.args)
	}
}

func TestPage(t *testing.T) {
	key := func(n int) []any { return []any{int64(n)} }
	rows, next := page([]int{1, 2, 3}, 3, key)
	if len(rows) != 3 || next != "" {
		t.Errorf("exact page: %v, %q; want 3 rows and no cursor", rows, next)
	}
	rows, next = page([]int{1, 2, 3, 4}, 3, key)
	if len(rows) != 3 || next != encodeCursor([]any{int64(3)}) {
		t.Errorf("page with more: %v, %q; want 3 rows and the cursor of row 3", rows, next)
	}
}
