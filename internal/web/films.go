package web

import (
	"net/http"
	"net/url"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

type filmsPage struct {
	Films   []catalog.Film
	NextURL string
	First   bool
}

// films answers GET /films: every film by title, a page at a time
// (?after= is the store's cursor).
func (s *Site) films(r *http.Request) (*page, error) {
	after := r.URL.Query().Get("after")
	fs, next, err := s.svc.ListFilms(r.Context(), app.FilmQuery{FilmFilter: catalog.FilmFilter{Page: catalog.Page{After: after, Limit: 48}}})
	if err != nil {
		return nil, err
	}
	p := filmsPage{Films: fs, First: after == ""}
	if next != "" {
		p.NextURL = "/films?after=" + url.QueryEscape(next)
	}
	return &page{Template: "films.html", Title: "Films", Nav: "films", Description: "Every film in the catalog.", Data: p}, nil
}
