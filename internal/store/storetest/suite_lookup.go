package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Batched lookups by folded title and name (FilmsByTitleFolds,
// PeopleCountByNameFolds), which the extractor's catalog index asks once
// per article with a few hundred keys.

// match is what a case expects of one TitleMatch.
func match(f catalog.Film) catalog.TitleMatch {
	return catalog.TitleMatch{FilmID: f.ID, Slug: f.Slug, Title: f.Title, Year: f.Year}
}

func originalMatch(f catalog.Film) catalog.TitleMatch {
	return catalog.TitleMatch{FilmID: f.ID, Slug: f.Slug, Title: f.OriginalTitle, Original: true, Year: f.Year}
}

// searchIndexer is a store that can build its search index (the import
// does); the cases that need one skip on a store without.
type searchIndexer interface {
	BuildSearchIndex(ctx context.Context) error
}

func lookupCases() []testCase {
	return []testCase{
		{"FilmsSeveralPerKeyMostRelevantFirst", func(t *testing.T, e *env) {
			plain := e.film(catalog.Film{Title: "Night Harbour", Year: 1990})
			credited := e.film(catalog.Film{Title: "Night Harbour", Year: 2001})
			released := e.film(catalog.Film{Title: "Night Harbour", Year: 1975})
			newest := e.film(catalog.Film{Title: "Night Harbour", Year: 2020})
			e.film(catalog.Film{Title: "Night Harbour Blues", Year: 2020})
			p := e.person(catalog.Person{Name: "Anna Baker"})
			e.credit(catalog.Credit{FilmID: credited.ID, PersonID: p.ID})
			e.credit(catalog.Credit{FilmID: released.ID, PersonID: p.ID})
			e.release(catalog.Release{FilmID: released.ID, Country: "FR", Date: date("1975-05")})
			got, err := e.s.FilmsByTitleFolds(e.ctx, []string{"night harbour", "no such film"}, 3)
			e.ok(err, "FilmsByTitleFolds")
			// Releases first, then credits, then the newest.
			e.same("FilmsByTitleFolds", map[string][]catalog.TitleMatch{
				"night harbour": {match(released), match(credited), match(newest)},
			}, got)
			got, err = e.s.FilmsByTitleFolds(e.ctx, []string{"night harbour"}, 10)
			e.ok(err, "FilmsByTitleFolds(10)")
			e.same("FilmsByTitleFolds(10)", map[string][]catalog.TitleMatch{
				"night harbour": {match(released), match(credited), match(newest), match(plain)},
			}, got)
		}},
		{"FilmsFoldedKeysAndOriginalTitles", func(t *testing.T, e *env) {
			amelie := e.film(catalog.Film{Title: "Amélie", OriginalTitle: "Le Fabuleux Destin d'Amélie Poulain", Year: 2001})
			coeur := e.film(catalog.Film{Title: "CŒUR Straße", Year: 2010})
			same := e.film(catalog.Film{Title: "Ghost House", OriginalTitle: "GHOST HOUSE", Year: 2015})
			keys := []string{
				catalog.FoldText("AMÉLIE"), "AMÉLIE", // a caller's unfolded key is folded too
				catalog.FoldText("le fabuleux destin d'AMELIE poulain"),
				catalog.FoldText("Cœur Strasse"),
				"ghost house",
				"amelie poulain", // a part of a title is not the title
			}
			got, err := e.s.FilmsByTitleFolds(e.ctx, keys, 5)
			e.ok(err, "FilmsByTitleFolds")
			e.same("FilmsByTitleFolds", map[string][]catalog.TitleMatch{
				"amelie":                              {match(amelie)},
				"AMÉLIE":                              {match(amelie)},
				"le fabuleux destin d'amelie poulain": {originalMatch(amelie)},
				catalog.FoldText("Cœur Strasse"):      {match(coeur)},
				// The original title that folds like the title counts once.
				"ghost house": {match(same)},
			}, got)
		}},
		{"FilmsBatchLargerThanAChunk", func(t *testing.T, e *env) {
			const n = 1203
			keys := make([]string, n)
			for i := range keys {
				keys[i] = fmt.Sprintf("no film %d", i)
			}
			want := map[string][]catalog.TitleMatch{}
			for _, i := range []int{0, 499, 500, 999, 1000, n - 1} {
				f := e.film(catalog.Film{Title: fmt.Sprintf("Film Number %d", i), Year: 2000 + i%20})
				keys[i] = catalog.FoldText(f.Title)
				want[keys[i]] = []catalog.TitleMatch{match(f)}
			}
			got, err := e.s.FilmsByTitleFolds(e.ctx, keys, 2)
			e.ok(err, "FilmsByTitleFolds(%d keys)", n)
			e.same("FilmsByTitleFolds", want, got)
		}},
		{"FilmsEmptyInput", func(t *testing.T, e *env) {
			e.film(catalog.Film{Title: "Red Rocket", Year: 2021})
			for _, keys := range [][]string{nil, {}, {""}, {"", ""}} {
				got, err := e.s.FilmsByTitleFolds(e.ctx, keys, 3)
				e.ok(err, "FilmsByTitleFolds(%q)", keys)
				if len(got) != 0 {
					t.Errorf("FilmsByTitleFolds(%q) = %v, want empty", keys, got)
				}
			}
			got, err := e.s.FilmsByTitleFolds(e.ctx, []string{"red rocket"}, 0)
			e.ok(err, "FilmsByTitleFolds(perKey 0)")
			if len(got) != 0 {
				t.Errorf("FilmsByTitleFolds(perKey 0) = %v, want empty", got)
			}
		}},
		{"FilmsInsideTransaction", func(t *testing.T, e *env) {
			err := e.s.WithTx(e.ctx, func(q catalog.Queries) error {
				f := catalog.Film{Slug: "quiet-river", Title: "Quiet River", Year: 2024, Status: catalog.FilmAnnounced, CreatedAt: base, UpdatedAt: base}
				if err := q.CreateFilm(e.ctx, &f); err != nil {
					return err
				}
				got, err := q.FilmsByTitleFolds(e.ctx, []string{"quiet river"}, 3)
				if err != nil {
					return err
				}
				e.same("FilmsByTitleFolds in the transaction", map[string][]catalog.TitleMatch{"quiet river": {match(f)}}, got)
				if _, err := q.PeopleCountByNameFolds(e.ctx, []string{"anna baker"}, 10); err != nil {
					return err
				}
				// The transaction goes on after the lookups.
				g := catalog.Film{Slug: "quiet-river-2", Title: "Quiet River", Year: 2025, Status: catalog.FilmAnnounced, CreatedAt: base, UpdatedAt: base}
				return q.CreateFilm(e.ctx, &g)
			})
			e.ok(err, "WithTx")
			got, err := e.s.FilmsByTitleFolds(e.ctx, []string{"quiet river"}, 3)
			e.ok(err, "FilmsByTitleFolds after the transaction")
			if len(got["quiet river"]) != 2 {
				t.Errorf("after the transaction: %v, want both films", got)
			}
		}},
		{"FilmsWithSearchIndex", func(t *testing.T, e *env) {
			ix, ok := e.s.(searchIndexer)
			if !ok {
				t.Skip("the store builds no search index")
			}
			a := e.film(catalog.Film{Title: "Winter City", Year: 1990})
			b := e.film(catalog.Film{Title: "Winter City", Year: 1991})
			gone := e.film(catalog.Film{Title: "Winter City", Year: 1992})
			retitled := e.film(catalog.Film{Title: "Winter City", Year: 1993})
			orig := e.film(catalog.Film{Title: "City in Winter", OriginalTitle: "Winter City", Year: 1994})
			e.ok(ix.BuildSearchIndex(e.ctx), "BuildSearchIndex")
			// Made after the index: found from the films table, first.
			fresh := e.film(catalog.Film{Title: "Winter City", Year: 2025})
			freshOrig := e.film(catalog.Film{Title: "Stadt im Winter", OriginalTitle: "WINTER CITY", Year: 2026})
			e.ok(e.s.DeleteFilm(e.ctx, gone.ID), "DeleteFilm")
			retitled.Title = "Summer City"
			e.ok(e.s.UpdateFilm(e.ctx, &retitled), "UpdateFilm")
			got, err := e.s.FilmsByTitleFolds(e.ctx, []string{"winter city", "summer city"}, 10)
			e.ok(err, "FilmsByTitleFolds")
			// The index's films follow in its order (no votes here: by ID).
			// A film deleted or retitled since the index was built is not
			// found under its old title; a retitled film is found under
			// its new one once the index is rebuilt.
			want := []catalog.TitleMatch{originalMatch(freshOrig), match(fresh), match(a), match(b), originalMatch(orig)}
			e.same("FilmsByTitleFolds", map[string][]catalog.TitleMatch{"winter city": want}, got)
			got, err = e.s.FilmsByTitleFolds(e.ctx, []string{"winter city"}, 3)
			e.ok(err, "FilmsByTitleFolds(3)")
			e.same("FilmsByTitleFolds(3)", map[string][]catalog.TitleMatch{"winter city": want[:3]}, got)
			e.ok(ix.BuildSearchIndex(e.ctx), "BuildSearchIndex again")
			got, err = e.s.FilmsByTitleFolds(e.ctx, []string{"summer city"}, 3)
			e.ok(err, "FilmsByTitleFolds after the rebuild")
			e.same("FilmsByTitleFolds after the rebuild", map[string][]catalog.TitleMatch{"summer city": {match(retitled)}}, got)
		}},
		{"PeopleCounts", func(t *testing.T, e *env) {
			for range 4 {
				e.person(catalog.Person{Name: "Sean Baker"})
			}
			e.person(catalog.Person{Name: "SEAN BAKER"})
			e.person(catalog.Person{Name: "Zoë Brontë"})
			e.person(catalog.Person{Name: "Sean Bakerson"})
			keys := []string{"sean baker", catalog.FoldText("ZOË BRONTË"), "Zoë Brontë", "zoe", "nobody at all", ""}
			got, err := e.s.PeopleCountByNameFolds(e.ctx, keys, 0)
			e.ok(err, "PeopleCountByNameFolds")
			e.same("PeopleCountByNameFolds", map[string]int{"sean baker": 5, "zoe bronte": 1, "Zoë Brontë": 1}, got)
			got, err = e.s.PeopleCountByNameFolds(e.ctx, keys, 3)
			e.ok(err, "PeopleCountByNameFolds(max 3)")
			e.same("PeopleCountByNameFolds(max 3)", map[string]int{"sean baker": 3, "zoe bronte": 1, "Zoë Brontë": 1}, got)
		}},
		{"PeopleBatchLargerThanAChunk", func(t *testing.T, e *env) {
			const n = 1203
			keys := make([]string, n)
			for i := range keys {
				keys[i] = fmt.Sprintf("nobody %d", i)
			}
			want := map[string]int{}
			for _, i := range []int{0, 499, 500, 1000, n - 1} {
				p := e.person(catalog.Person{Name: fmt.Sprintf("Person Number %d", i)})
				keys[i] = catalog.FoldText(p.Name)
				want[keys[i]] = 1
			}
			for _, atMost := range []int{0, 10} {
				got, err := e.s.PeopleCountByNameFolds(e.ctx, keys, atMost)
				e.ok(err, "PeopleCountByNameFolds(%d keys, at most %d)", n, atMost)
				e.same("PeopleCountByNameFolds", want, got)
			}
		}},
		{"PeopleEmptyInput", func(t *testing.T, e *env) {
			e.person(catalog.Person{Name: "Sean Baker"})
			for _, keys := range [][]string{nil, {}, {""}} {
				got, err := e.s.PeopleCountByNameFolds(e.ctx, keys, 0)
				e.ok(err, "PeopleCountByNameFolds(%q)", keys)
				if len(got) != 0 {
					t.Errorf("PeopleCountByNameFolds(%q) = %v, want empty", keys, got)
				}
			}
		}},
	}
}
