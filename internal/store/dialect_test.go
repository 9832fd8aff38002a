package store

import (
	"slices"
	"testing"
)

func TestRebind(t *testing.T) {
	pg := postgresDialect()
	for _, c := range []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"SELECT * FROM films WHERE id = ?", "SELECT * FROM films WHERE id = $1"},
		{"INSERT INTO t (a, b, c) VALUES (?, ?, ?)", "INSERT INTO t (a, b, c) VALUES ($1, $2, $3)"},
		{"SELECT '?' , ? FROM t WHERE x LIKE ? ESCAPE '\\'", "SELECT '?' , $1 FROM t WHERE x LIKE $2 ESCAPE '\\'"},
		{`SELECT "odd?name", 'it''s ?' FROM t WHERE a = ?`, `SELECT "odd?name", 'it''s ?' FROM t WHERE a = $1`},
		{"(a, b) > (?, ?) LIMIT ?", "(a, b) > ($1, $2) LIMIT $3"},
	} {
		if got := pg.rebind(c.in); got != c.want {
			t.Errorf("postgres rebind(%q) = %q, want %q", c.in, got, c.want)
		}
		if got := sqliteDialect().rebind(c.in); got != c.in {
			t.Errorf("sqlite rebind(%q) = %q, want it unchanged", c.in, got)
		}
	}
}

func TestPlaceholders(t *testing.T) {
	for n, want := range []string{"", "?", "?, ?", "?, ?, ?"} {
		if got := placeholders(n); got != want {
			t.Errorf("placeholders(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestLikeContains(t *testing.T) {
	if got, want := likeContains(`50%_off\`), `%50\%\_off\\%`; got != want {
		t.Errorf("likeContains = %q, want %q", got, want)
	}
}

func TestViolationColumns(t *testing.T) {
	for _, c := range []struct {
		msg  string
		want []string
	}{
		{"constraint failed: UNIQUE constraint failed: films.slug (2067)", []string{"slug"}},
		{"UNIQUE constraint failed: festival_editions.festival_id, festival_editions.year", []string{"festival_id", "year"}},
		{"something else", nil},
	} {
		if got := sqliteUniqueColumns(c.msg); !slices.Equal(got, c.want) {
			t.Errorf("sqliteUniqueColumns(%q) = %q, want %q", c.msg, got, c.want)
		}
	}
	for _, c := range []struct {
		detail string
		want   []string
	}{
		{`Key (slug)=(red-rocket-2021) already exists.`, []string{"slug"}},
		{`Key (festival_id, year)=(1, 2021) already exists.`, []string{"festival_id", "year"}},
		{"", nil},
	} {
		if got := pgKeyColumns(c.detail); !slices.Equal(got, c.want) {
			t.Errorf("pgKeyColumns(%q) = %q, want %q", c.detail, got, c.want)
		}
	}
}
