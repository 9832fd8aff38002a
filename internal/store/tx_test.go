package store_test

import (
	"context"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

// A failed write inside WithTx is undone on its own and leaves the
// transaction usable on both databases (PostgreSQL would otherwise abort
// the whole transaction at the first failed statement).
func TestFailedWriteInsideTransaction(t *testing.T) {
	for name, open := range storetest.Openers() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := open(t)
			ctx := context.Background()
			first := catalog.Film{Title: "First", Slug: "taken"}
			if err := s.CreateFilm(ctx, &first); err != nil {
				t.Fatal(err)
			}
			err := s.WithTx(ctx, func(q catalog.Queries) error {
				dup := catalog.Film{Title: "Duplicate", Slug: "taken"}
				if err := q.CreateFilm(ctx, &dup); !catalog.IsKind(err, catalog.KindConflict) {
					t.Errorf("CreateFilm with a taken slug: %v, want KindConflict", err)
				}
				second := catalog.Film{Title: "Second"}
				return q.CreateFilm(ctx, &second)
			})
			if err != nil {
				t.Fatalf("WithTx after a failed write: %v", err)
			}
			films, _, err := s.ListFilms(ctx, catalog.FilmFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(films) != 2 || films[0].Title != "First" || films[1].Title != "Second" {
				t.Errorf("films after the transaction: %+v, want First and Second", films)
			}
		})
	}
}
