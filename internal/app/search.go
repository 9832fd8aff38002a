package app

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
)

// MaxSearchText is the longest search text, in characters.
const MaxSearchText = 200

// searchIndex is a store with a search index that an import builds.
type searchIndex interface {
	catalog.Searcher
	// HasSearchIndex reports whether the index has been built.
	HasSearchIndex(ctx context.Context) (bool, error)
}

// Search finds films and people by title or name. When the store has a
// search index (built by a dataset import) it is used: prefix matching
// on every word, alternative titles included, exact and popular first.
// Otherwise (a catalog that never ran an import) it falls back to the
// case- and accent-insensitive substring match of ListFilms and
// ListPeople, exact matches first, then in list order.
func (s *Service) Search(ctx context.Context, q catalog.SearchQuery) ([]catalog.SearchHit, error) {
	q.Text = strings.TrimSpace(q.Text)
	if utf8.RuneCountInString(q.Text) > MaxSearchText {
		return nil, catalog.Invalid("text", "is longer than %d characters", MaxSearchText)
	}
	for _, k := range q.Kinds {
		if k != catalog.EntityFilm && k != catalog.EntityPerson {
			return nil, catalog.Invalid("kind", "%q is not film or person", k)
		}
	}
	if q.Text == "" {
		return []catalog.SearchHit{}, nil
	}
	if idx, ok := s.store.(searchIndex); ok {
		built, err := idx.HasSearchIndex(ctx)
		if err != nil {
			return nil, err
		}
		if built {
			hits, err := idx.Search(ctx, q)
			if hits == nil && err == nil {
				hits = []catalog.SearchHit{}
			}
			return hits, err
		}
	}
	return s.searchByList(ctx, q)
}

// searchByList is Search without an index.
func (s *Service) searchByList(ctx context.Context, q catalog.SearchQuery) ([]catalog.SearchHit, error) {
	wants := func(k catalog.EntityType) bool { return len(q.Kinds) == 0 || slices.Contains(q.Kinds, k) }
	fold := strings.Join(strings.Fields(catalog.FoldText(q.Text)), " ")
	exact := func(name string) bool { return strings.Join(strings.Fields(catalog.FoldText(name)), " ") == fold }
	page := catalog.Page{Limit: q.EffectiveLimit()}
	hits := []catalog.SearchHit{}
	if wants(catalog.EntityFilm) {
		films, _, err := s.store.ListFilms(ctx, catalog.FilmFilter{Query: q.Text, Page: page})
		if err != nil {
			return nil, err
		}
		var part []catalog.SearchHit
		for _, f := range films {
			h := catalog.SearchHit{Kind: catalog.EntityFilm, ID: f.ID, Slug: f.Slug, Name: f.Title, Year: f.Year, Exact: exact(f.Title)}
			if !h.Exact && f.OriginalTitle != "" && exact(f.OriginalTitle) {
				h.Exact, h.Matched = true, f.OriginalTitle
			}
			part = append(part, h)
		}
		hits = append(hits, exactFirst(part)...)
	}
	if wants(catalog.EntityPerson) {
		people, _, err := s.store.ListPeople(ctx, catalog.PersonFilter{Query: q.Text, Page: page})
		if err != nil {
			return nil, err
		}
		var part []catalog.SearchHit
		for _, p := range people {
			part = append(part, catalog.SearchHit{Kind: catalog.EntityPerson, ID: p.ID, Slug: p.Slug, Name: p.Name, Exact: exact(p.Name)})
		}
		hits = append(hits, exactFirst(part)...)
	}
	return hits, nil
}

// exactFirst moves exact matches to the front, keeping the order otherwise.
func exactFirst(hits []catalog.SearchHit) []catalog.SearchHit {
	slices.SortStableFunc(hits, func(a, b catalog.SearchHit) int {
		switch {
		case a.Exact && !b.Exact:
			return -1
		case b.Exact && !a.Exact:
			return 1
		}
		return 0
	})
	return hits
}
