package api

import (
	"net/http"

	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) sourceRoutes() []route {
	return []route{
		{
			method: "GET", path: "/sources", op: "listSources", tag: "sources", summary: "List sources, newest first",
			query: []param{
				pEnum("kind", "Sources of this kind.", enumStrings(catalog.SourceKinds)),
				pString("film", "Sources that state something about this film (slug or ID)."),
				pLimit(), pCursor(),
			},
			status: http.StatusOK, resp: typeOf[SourceList](), serve: h.listSources,
		},
		{
			method: "POST", path: "/sources", op: "createSource", tag: "sources",
			summary: "Store a source to cite in later writes; one whose text is already known is returned with 200 instead of stored twice",
			auth:    true, body: typeOf[SourceInput](), status: http.StatusCreated, also: []int{http.StatusOK}, resp: typeOf[Source](), serve: h.createSource,
		},
		{
			method: "GET", path: "/sources/{id}", op: "getSource", tag: "sources", summary: "A source with its text",
			status: http.StatusOK, resp: typeOf[Source](), serve: h.getSource,
		},
	}
}

func (h *handler) listSources(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := catalog.SourceFilter{Kind: enumParam(q, "kind", catalog.SourceKinds), Page: q.page()}
	film := q.str("film")
	if err := q.err(); err != nil {
		return err
	}
	if film != "" {
		x, err := h.svc.Film(r.Context(), film)
		if err != nil {
			return badRef(err, "film", "film", film)
		}
		f.FilmID = x.ID
	}
	srcs, next, err := h.svc.ListSources(r.Context(), f)
	if err != nil {
		return listErr(err)
	}
	return ok(w, SourceList{Items: mapSlice(srcs, sourceSummaryDTO), NextCursor: nextCursor(next)})
}

func (h *handler) getSource(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	s, err := h.svc.Source(r.Context(), id)
	if err != nil {
		return notFoundID(err, "source", id)
	}
	return ok(w, sourceDTO(s))
}

func (h *handler) createSource(w http.ResponseWriter, r *http.Request) error {
	var in SourceInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	published, err := dateField("published_on", in.PublishedOn)
	if err != nil {
		return err
	}
	s := catalog.Source{Kind: in.Kind, URL: in.URL, Outlet: in.Outlet, Title: in.Title, PublishedOn: published, Text: in.Text}
	isNew, err := h.svc.CreateSource(r.Context(), &s)
	if err != nil {
		return err
	}
	if !isNew {
		w.Header().Set("Content-Location", Prefix+"/sources/"+itoa(s.ID))
		return ok(w, sourceDTO(s))
	}
	return created(w, Prefix+"/sources/"+itoa(s.ID), sourceDTO(s))
}
