package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// searchLimit is how many films, people and labels a search shows.
const searchLimit = 30

type searchPage struct {
	Query  string
	Films  []catalog.Film
	People []catalog.Person
	Labels []catalog.Organization
	More   bool // a list was cut at searchLimit
}

// Total is the number of results shown.
func (p searchPage) Total() int { return len(p.Films) + len(p.People) + len(p.Labels) }

// search answers GET /search?q=: films and people through app.Search
// (the search index when an import built it: prefixes, alternative
// titles, popular first; else titles and names containing the query),
// and labels whose names contain it, ignoring case and accents.
func (s *Site) search(r *http.Request) (*page, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > app.MaxSearchText {
		return nil, catalog.Invalid("q", "is longer than %d characters", app.MaxSearchText)
	}
	p := searchPage{Query: q}
	if q != "" {
		ctx := r.Context()
		hits, err := s.svc.Search(ctx, catalog.SearchQuery{Text: q, Limit: searchLimit})
		if err != nil {
			return nil, err
		}
		var films, people int
		for _, h := range hits {
			switch h.Kind {
			case catalog.EntityFilm:
				films++
				f, err := s.svc.Film(ctx, h.Slug)
				if catalog.KindOf(err) == catalog.KindNotFound {
					continue // deleted since the index was built
				} else if err != nil {
					return nil, err
				}
				p.Films = append(p.Films, f)
			case catalog.EntityPerson:
				people++
				x, err := s.svc.Person(ctx, h.Slug)
				if catalog.KindOf(err) == catalog.KindNotFound {
					continue
				} else if err != nil {
					return nil, err
				}
				p.People = append(p.People, x)
			}
		}
		var next string
		if p.Labels, next, err = s.svc.ListOrganizations(ctx, catalog.OrganizationFilter{Query: q, Page: catalog.Page{Limit: searchLimit}}); err != nil {
			return nil, err
		}
		p.More = films >= searchLimit || people >= searchLimit || next != ""
	}
	title := "Search"
	if q != "" {
		title = "Search: " + q
	}
	return &page{Template: "search.html", Title: title, Query: q, Data: p}, nil
}
