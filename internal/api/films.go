package api

import (
	"context"
	"net/http"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) filmRoutes() []route {
	return []route{
		{
			method: "GET", path: "/films", op: "listFilms", tag: "films",
			summary: "List and search films, ordered by title",
			query: []param{
				pString("q", "Words of the title, matched case- and accent-insensitively."),
				pYear("year", "First release year."),
				pEnum("release_type", "Has a release of this type.", enumStrings(catalog.ReleaseTypes)),
				pEnum("format", "Has an edition in this format.", enumStrings(catalog.Formats)),
				pCountry("country", "Has a release in this country (ISO 3166-1 alpha-2)."),
				pDay("from", "Has a release whose date may fall on or after this day (YYYY-MM-DD)."),
				pDay("to", "Has a release whose date may fall on or before this day (YYYY-MM-DD)."),
				pString("label", "Has a release distributed, or an edition published, by this organization (slug or ID)."),
				pString("person", "Credits this person (slug or ID)."),
				pLimit(), pCursor(),
			},
			status: http.StatusOK, resp: typeOf[FilmList](), serve: h.listFilms,
		},
		{
			method: "POST", path: "/films", op: "createFilm", tag: "films", summary: "Create a film",
			auth: true, body: typeOf[FilmInput](), status: http.StatusCreated, resp: typeOf[FilmDetail](), serve: h.createFilm,
		},
		{
			method: "GET", path: "/films/{ref}", op: "getFilm", tag: "films",
			summary: "A film in full: credits, releases with editions and extras, selections, nominations, and the sources of every fact",
			status:  http.StatusOK, resp: typeOf[FilmDetail](), serve: h.getFilm,
		},
		{
			method: "PUT", path: "/films/{ref}", op: "replaceFilm", tag: "films", summary: "Replace a film's own fields",
			auth: true, body: typeOf[FilmInput](), status: http.StatusOK, resp: typeOf[FilmDetail](), serve: h.replaceFilm,
		},
		{
			method: "DELETE", path: "/films/{ref}", op: "deleteFilm", tag: "films",
			summary: "Delete a film and everything that belongs to it",
			auth:    true, status: http.StatusNoContent, serve: h.deleteFilm,
		},
	}
}

func (h *handler) listFilms(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	fq := app.FilmQuery{
		FilmFilter: catalog.FilmFilter{
			Query:       q.str("q"),
			Year:        q.year("year"),
			ReleaseType: enumParam(q, "release_type", catalog.ReleaseTypes),
			Format:      enumParam(q, "format", catalog.Formats),
			Country:     q.country("country"),
			From:        q.day("from"),
			To:          q.day("to"),
			Page:        q.page(),
		},
		Label: q.str("label"),
	}
	person := q.str("person")
	if err := q.err(); err != nil {
		return err
	}
	if err := dateRange(fq.From, fq.To); err != nil {
		return err
	}
	if person != "" {
		p, err := h.svc.Person(r.Context(), person)
		if err != nil {
			return badRef(err, "person", "person", person)
		}
		fq.PersonID = p.ID
	}
	films, next, err := h.svc.ListFilms(r.Context(), fq)
	if err != nil {
		return listErr(err)
	}
	return ok(w, FilmList{Items: mapSlice(films, filmSummaryDTO), NextCursor: nextCursor(next)})
}

// filmDetail returns the film with the given slug or ID in full.
func (h *handler) filmDetail(ctx context.Context, ref string) (*app.FilmDetail, error) {
	d, err := h.svc.FilmDetail(ctx, ref)
	return d, notFound(err, "film", ref)
}

func (h *handler) getFilm(w http.ResponseWriter, r *http.Request) error {
	d, err := h.filmDetail(r.Context(), r.PathValue("ref"))
	if err != nil {
		return err
	}
	return ok(w, filmDetailDTO(d))
}

func (h *handler) createFilm(w http.ResponseWriter, r *http.Request) error {
	var in FilmInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	f := in.film()
	p, err := h.cite(r.Context(), in.SourceID, &f)
	if err != nil {
		return err
	}
	if err := h.svc.CreateFilm(r.Context(), &f, p); err != nil {
		return err
	}
	d, err := h.filmDetail(r.Context(), itoa(f.ID))
	if err != nil {
		return err
	}
	return created(w, Prefix+"/films/"+f.Slug, filmDetailDTO(d))
}

func (h *handler) replaceFilm(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	old, err := h.svc.Film(r.Context(), ref)
	if err != nil {
		return notFound(err, "film", ref)
	}
	var in FilmInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	f := in.film()
	f.ID = old.ID
	p, err := h.cite(r.Context(), in.SourceID, &f)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateFilm(r.Context(), &f, p); err != nil {
		return err
	}
	d, err := h.filmDetail(r.Context(), itoa(f.ID))
	if err != nil {
		return err
	}
	return ok(w, filmDetailDTO(d))
}

func (h *handler) deleteFilm(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	f, err := h.svc.Film(r.Context(), ref)
	if err != nil {
		return notFound(err, "film", ref)
	}
	if err := h.svc.DeleteFilm(r.Context(), f.ID); err != nil {
		return notFound(err, "film", ref)
	}
	return noContent(w)
}
