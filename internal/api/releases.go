package api

import (
	"context"
	"net/http"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) releaseRoutes() []route {
	return []route{
		{
			method: "GET", path: "/releases", op: "listReleases", tag: "releases",
			summary: "The release calendar: releases in date order (a coarser date before a finer one on the same first day, TBA last)",
			query: []param{
				pDay("from", "Keep releases whose date may fall on or after this day (YYYY-MM-DD). A month- or year-only date is kept when its period meets the range."),
				pDay("to", "Keep releases whose date may fall on or before this day (YYYY-MM-DD)."),
				pEnumList("type", "Release types; repeat the parameter or separate with commas.", enumStrings(catalog.ReleaseTypes)),
				pEnum("format", "Has an edition in this format; digital also matches digital and streaming releases.", enumStrings(catalog.Formats)),
				pCountry("country", "Releases in this country (ISO 3166-1 alpha-2)."),
				pString("label", "Distributed by, or with an edition published by, this organization (slug or ID)."),
				pEnumList("status", "Release statuses; repeat or separate with commas.", enumStrings(catalog.ReleaseStatuses)),
				pBool("include_tba", "Also list releases whose date is not announced (after every dated one)."),
				pString("film", "Releases of this film (slug or ID)."),
				pLimit(), pCursor(),
			},
			status: http.StatusOK, resp: typeOf[ReleaseList](), serve: h.listReleases,
		},
		{
			method: "POST", path: "/films/{ref}/releases", op: "createRelease", tag: "releases", summary: "Add a release to a film",
			auth: true, body: typeOf[ReleaseInput](), status: http.StatusCreated, resp: typeOf[Release](), serve: h.createRelease,
		},
		{
			method: "GET", path: "/releases/{id}", op: "getRelease", tag: "releases", summary: "A release with its editions, extras and sources",
			status: http.StatusOK, resp: typeOf[Release](), serve: h.getRelease,
		},
		{
			method: "PUT", path: "/releases/{id}", op: "replaceRelease", tag: "releases",
			summary: "Replace a release; a changed date or status is cited next to the earlier claims",
			auth:    true, body: typeOf[ReleaseInput](), status: http.StatusOK, resp: typeOf[Release](), serve: h.replaceRelease,
		},
		{
			method: "DELETE", path: "/releases/{id}", op: "deleteRelease", tag: "releases", summary: "Delete a release with its editions",
			auth: true, status: http.StatusNoContent, serve: h.deleteRelease,
		},
	}
}

func (h *handler) listReleases(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	rq := app.ReleaseQuery{
		ReleaseFilter: catalog.ReleaseFilter{
			Types:      enumList(q, "type", catalog.ReleaseTypes),
			Format:     enumParam(q, "format", catalog.Formats),
			Country:    q.country("country"),
			From:       q.day("from"),
			To:         q.day("to"),
			IncludeTBA: q.bool("include_tba"),
			Statuses:   enumList(q, "status", catalog.ReleaseStatuses),
			Page:       q.page(),
		},
		Label: q.str("label"),
	}
	film := q.str("film")
	if err := q.err(); err != nil {
		return err
	}
	if err := dateRange(rq.From, rq.To); err != nil {
		return err
	}
	if film != "" {
		f, err := h.svc.Film(r.Context(), film)
		if err != nil {
			return badRef(err, "film", "film", film)
		}
		rq.FilmID = f.ID
	}
	releases, next, err := h.svc.Calendar(r.Context(), rq)
	if err != nil {
		return listErr(err)
	}
	return ok(w, ReleaseList{Items: mapSlice(releases, releaseSummaryDTO), NextCursor: nextCursor(next)})
}

func (h *handler) releaseFromInput(ctx context.Context, in ReleaseInput, filmID int64) (catalog.Release, error) {
	date, err := dateField("date", in.Date)
	if err != nil {
		return catalog.Release{}, err
	}
	rel := catalog.Release{
		FilmID: filmID, Country: in.Country, Type: in.Type, Date: date, Status: in.Status, Note: in.Note,
	}
	if rel.DistributorID, err = h.orgRef(ctx, "distributor", in.Distributor); err != nil {
		return rel, err
	}
	if in.Festival != nil {
		if in.Festival.Year == 0 {
			return rel, catalog.Invalid("festival.year", "is required")
		}
		if rel.FestivalEditionID, err = h.festivalEditionRef(ctx, "festival", in.Festival.Festival, in.Festival.Year); err != nil {
			return rel, err
		}
	}
	return rel, nil
}

// releaseOut returns a release in full with the claims about it.
func (h *handler) releaseOut(ctx context.Context, id int64) (Release, error) {
	rel, err := h.svc.Release(ctx, id)
	if err != nil {
		return Release{}, notFoundID(err, "release", id)
	}
	d, err := h.filmDetail(ctx, itoa(rel.FilmID))
	if err != nil {
		return Release{}, err
	}
	for _, rd := range d.Releases {
		if rd.ID == id {
			return releaseIn(d, rd), nil
		}
	}
	return releaseDTO(app.ReleaseDetail{Release: rel}), nil
}

func (h *handler) createRelease(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	film, err := h.svc.Film(r.Context(), ref)
	if err != nil {
		return notFound(err, "film", ref)
	}
	var in ReleaseInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	rel, err := h.releaseFromInput(r.Context(), in, film.ID)
	if err != nil {
		return err
	}
	p, err := h.cite(r.Context(), in.SourceID, &rel)
	if err != nil {
		return err
	}
	if err := h.svc.CreateRelease(r.Context(), &rel, p); err != nil {
		return err
	}
	out, err := h.releaseOut(r.Context(), rel.ID)
	if err != nil {
		return err
	}
	return created(w, Prefix+"/releases/"+itoa(rel.ID), out)
}

func (h *handler) getRelease(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	out, err := h.releaseOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) replaceRelease(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	old, err := h.svc.Release(r.Context(), id)
	if err != nil {
		return notFoundID(err, "release", id)
	}
	var in ReleaseInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	rel, err := h.releaseFromInput(r.Context(), in, old.FilmID)
	if err != nil {
		return err
	}
	rel.ID = id
	p, err := h.cite(r.Context(), in.SourceID, &rel)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateRelease(r.Context(), &rel, p); err != nil {
		return err
	}
	out, err := h.releaseOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) deleteRelease(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.DeleteRelease(r.Context(), id); err != nil {
		return notFoundID(err, "release", id)
	}
	return noContent(w)
}
