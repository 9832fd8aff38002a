package app

import (
	"context"
	"slices"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

// The catalog as the extractor's index (extract.CatalogIndex): each
// article's candidate titles and names are looked up in the store's
// indexes in one batch, so a catalog of millions of titles and names (an
// IMDb import) is recognised without being held in memory. It replaces
// the in-memory gazetteer (gazetteer.go), which holds at most
// gazetteerCap films and people.

const (
	// indexFilmsPerKey is the most films a title lookup returns per key,
	// the most relevant first (see catalog.TitleMatch).
	indexFilmsPerKey = 5
	// indexPeopleCountCap bounds the count of people per name: a more
	// common name is reported as having this many. A count costs one
	// index entry per person, and at scale 1 a synthetic name has about
	// 22,000 people.
	indexPeopleCountCap = 100
)

// CatalogIndex returns the catalog as an extract.CatalogIndex, for
// extract.Options.Catalog. It reads the live store on every lookup and
// holds nothing; it may be shared between goroutines.
func (s *Service) CatalogIndex() extract.CatalogIndex { return storeIndex{q: s.store} }

// storeIndex answers catalog lookups from a store's (or a transaction's)
// queries.
type storeIndex struct{ q catalog.Queries }

// FilmsByTitleFold returns, for each key that is the folded title or
// original title of films, up to indexFilmsPerKey of them (title and
// year; the same title and year once), the most relevant first.
func (x storeIndex) FilmsByTitleFold(ctx context.Context, folds []string) (map[string][]extract.KnownFilm, error) {
	found, err := x.q.FilmsByTitleFolds(ctx, folds, indexFilmsPerKey)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]extract.KnownFilm, len(found))
	for key, matches := range found {
		films := make([]extract.KnownFilm, 0, len(matches))
		for _, m := range matches {
			k := extract.KnownFilm{Title: m.Title, Year: m.Year}
			if !slices.Contains(films, k) {
				films = append(films, k)
			}
		}
		out[key] = films
	}
	return out, nil
}

// PeopleByNameFold returns, for each key that is the folded name of
// people, how many have it, counting up to indexPeopleCountCap.
func (x storeIndex) PeopleByNameFold(ctx context.Context, folds []string) (map[string]int, error) {
	return x.q.PeopleCountByNameFolds(ctx, folds, indexPeopleCountCap)
}
