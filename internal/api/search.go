package api

import (
	"net/http"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// SearchKind is what a search hit is.
type SearchKind string

// searchKinds are the values of SearchKind.
var searchKinds = []SearchKind{SearchKind(catalog.EntityFilm), SearchKind(catalog.EntityPerson)}

// SearchHit is one film or person a search found.
type SearchHit struct {
	Kind    SearchKind `json:"kind"`
	ID      int64      `json:"id"`
	Slug    string     `json:"slug"`
	Name    string     `json:"name" doc:"The film's title or the person's name."`
	Year    *int       `json:"year" doc:"The film's year; null for people and films without one."`
	Matched *string    `json:"matched" doc:"The (folded) alternative title that matched, when it is not the title; else null."`
	Exact   bool       `json:"exact" doc:"The whole query equals the title or name, ignoring case and accents."`
	Votes   int64      `json:"votes" doc:"Popularity: IMDb votes for films, credits for people; 0 without a search index."`
}

// SearchResults are the hits of a search: films first, then people;
// within each, exact matches first, then the most popular.
type SearchResults struct {
	Query string      `json:"query"`
	Items []SearchHit `json:"items"`
}

func (h *handler) searchRoutes() []route {
	return []route{{
		method: "GET", path: "/search", op: "search", tag: "search",
		summary: "Search films (by title or alternative title) and people (by name), case- and accent-insensitively, for type-ahead",
		query: []param{
			pString("q", "The words to find; each is a prefix of a word of the title or name (required, at most 200 characters)."),
			pEnum("kind", "Only films or only people; both when absent.", enumStrings(searchKinds)),
			{"limit", "Most hits per kind.", map[string]any{"type": "integer", "minimum": 1, "maximum": 100, "default": 20}},
		},
		status: http.StatusOK, resp: typeOf[SearchResults](), serve: h.search,
	}}
}

func (h *handler) search(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	sq := catalog.SearchQuery{Text: q.str("q"), Limit: q.int("limit", 1, 100)}
	if kind := enumParam(q, "kind", searchKinds); kind != "" {
		sq.Kinds = []catalog.EntityType{catalog.EntityType(kind)}
	}
	if err := q.err(); err != nil {
		return err
	}
	switch {
	case sq.Text == "":
		return catalog.Invalid("q", "is required")
	case utf8.RuneCountInString(sq.Text) > app.MaxSearchText:
		return catalog.Invalid("q", "is longer than %d characters", app.MaxSearchText)
	}
	hits, err := h.svc.Search(r.Context(), sq)
	if err != nil {
		return err
	}
	return ok(w, SearchResults{Query: sq.Text, Items: mapSlice(hits, searchHitDTO)})
}

func searchHitDTO(s catalog.SearchHit) SearchHit {
	out := SearchHit{Kind: SearchKind(s.Kind), ID: s.ID, Slug: s.Slug, Name: s.Name, Exact: s.Exact, Votes: s.Votes}
	if s.Year != 0 {
		y := s.Year
		out.Year = &y
	}
	if s.Matched != "" {
		m := s.Matched
		out.Matched = &m
	}
	return out
}
