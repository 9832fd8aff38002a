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

// search answers GET /search?q=: films, people and labels whose titles or
// names contain the query, ignoring case and accents.
func (s *Site) search(r *http.Request) (*page, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > 200 {
		return nil, catalog.Invalid("q", "is longer than 200 characters")
	}
	p := searchPage{Query: q}
	if q != "" {
		ctx := r.Context()
		var next1, next2, next3 string
		var err error
		page := catalog.Page{Limit: searchLimit}
		if p.Films, next1, err = s.svc.ListFilms(ctx, app.FilmQuery{FilmFilter: catalog.FilmFilter{Query: q, Page: page}}); err != nil {
			return nil, err
		}
		if p.People, next2, err = s.svc.ListPeople(ctx, catalog.PersonFilter{Query: q, Page: page}); err != nil {
			return nil, err
		}
		if p.Labels, next3, err = s.svc.ListOrganizations(ctx, catalog.OrganizationFilter{Query: q, Page: page}); err != nil {
			return nil, err
		}
		p.More = next1 != "" || next2 != "" || next3 != ""
	}
	title := "Search"
	if q != "" {
		title = "Search: " + q
	}
	return &page{Template: "search.html", Title: title, Query: q, Data: p}, nil
}
