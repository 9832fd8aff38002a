package api

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) festivalRoutes() []route {
	return []route{
		{
			method: "GET", path: "/festivals", op: "listFestivals", tag: "festivals", summary: "List festivals",
			query:  []param{pLimit(), pCursor()},
			status: http.StatusOK, resp: typeOf[FestivalList](), serve: h.listFestivals,
		},
		{
			method: "POST", path: "/festivals", op: "createFestival", tag: "festivals", summary: "Create a festival",
			auth: true, body: typeOf[FestivalInput](), status: http.StatusCreated, resp: typeOf[FestivalDetail](), serve: h.createFestival,
		},
		{
			method: "GET", path: "/festivals/{ref}", op: "getFestival", tag: "festivals", summary: "A festival with its editions, newest first",
			status: http.StatusOK, resp: typeOf[FestivalDetail](), serve: h.getFestival,
		},
		{
			method: "PUT", path: "/festivals/{ref}", op: "replaceFestival", tag: "festivals", summary: "Replace a festival",
			auth: true, body: typeOf[FestivalInput](), status: http.StatusOK, resp: typeOf[FestivalDetail](), serve: h.replaceFestival,
		},
		{
			method: "DELETE", path: "/festivals/{ref}", op: "deleteFestival", tag: "festivals", summary: "Delete a festival nothing refers to",
			auth: true, status: http.StatusNoContent, serve: h.deleteFestival,
		},
		{
			method: "GET", path: "/festivals/{ref}/editions", op: "listFestivalEditions", tag: "festivals", summary: "A festival's editions, newest first",
			status: http.StatusOK, resp: typeOf[FestivalEditionList](), serve: h.listFestivalEditions,
		},
		{
			method: "POST", path: "/festivals/{ref}/editions", op: "createFestivalEdition", tag: "festivals", summary: "Add a year's edition to a festival",
			auth: true, body: typeOf[FestivalEditionInput](), status: http.StatusCreated, resp: typeOf[FestivalEditionDetail](), serve: h.createFestivalEdition,
		},
		{
			method: "GET", path: "/festivals/{ref}/editions/{year}", op: "getFestivalEdition", tag: "festivals",
			summary: "One year of a festival: its selections and its award nominations with results, pending ones included",
			status:  http.StatusOK, resp: typeOf[FestivalEditionDetail](), serve: h.getFestivalEdition,
		},
		{
			method: "PUT", path: "/festivals/{ref}/editions/{year}", op: "replaceFestivalEdition", tag: "festivals", summary: "Replace a festival edition",
			auth: true, body: typeOf[FestivalEditionInput](), status: http.StatusOK, resp: typeOf[FestivalEditionDetail](), serve: h.replaceFestivalEdition,
		},
		{
			method: "DELETE", path: "/festivals/{ref}/editions/{year}", op: "deleteFestivalEdition", tag: "festivals", summary: "Delete a festival edition nothing refers to",
			auth: true, status: http.StatusNoContent, serve: h.deleteFestivalEdition,
		},
	}
}

func (h *handler) listFestivals(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	p := q.page()
	if err := q.err(); err != nil {
		return err
	}
	fs, next, err := h.svc.ListFestivals(r.Context(), p)
	if err != nil {
		return listErr(err)
	}
	return ok(w, FestivalList{Items: mapSlice(fs, festivalDTO), NextCursor: nextCursor(next)})
}

func (h *handler) festivalDetail(ctx context.Context, ref string) (FestivalDetail, error) {
	d, err := h.svc.FestivalDetail(ctx, ref)
	if err != nil {
		return FestivalDetail{}, notFound(err, "festival", ref)
	}
	return FestivalDetail{Festival: festivalDTO(d.Festival), Editions: mapSlice(d.Editions, festivalEditionDTO)}, nil
}

func (h *handler) getFestival(w http.ResponseWriter, r *http.Request) error {
	out, err := h.festivalDetail(r.Context(), r.PathValue("ref"))
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) createFestival(w http.ResponseWriter, r *http.Request) error {
	var in FestivalInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	f := in.festival()
	p, err := h.cite(r.Context(), in.SourceID, &f)
	if err != nil {
		return err
	}
	if err := h.svc.CreateFestival(r.Context(), &f, p); err != nil {
		return err
	}
	out, err := h.festivalDetail(r.Context(), itoa(f.ID))
	if err != nil {
		return err
	}
	return created(w, Prefix+"/festivals/"+f.Slug, out)
}

func (h *handler) replaceFestival(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	old, err := h.svc.Festival(r.Context(), ref)
	if err != nil {
		return notFound(err, "festival", ref)
	}
	var in FestivalInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	f := in.festival()
	f.ID = old.ID
	p, err := h.cite(r.Context(), in.SourceID, &f)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateFestival(r.Context(), &f, p); err != nil {
		return err
	}
	out, err := h.festivalDetail(r.Context(), itoa(f.ID))
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) deleteFestival(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	f, err := h.svc.Festival(r.Context(), ref)
	if err != nil {
		return notFound(err, "festival", ref)
	}
	if err := h.svc.DeleteFestival(r.Context(), f.ID); err != nil {
		return notFound(err, "festival", ref)
	}
	return noContent(w)
}

func (h *handler) listFestivalEditions(w http.ResponseWriter, r *http.Request) error {
	d, err := h.festivalDetail(r.Context(), r.PathValue("ref"))
	if err != nil {
		return err
	}
	return ok(w, FestivalEditionList{Items: d.Editions})
}

// festivalEdition returns the festival in the path and its edition in
// the year in the path.
func (h *handler) festivalEdition(r *http.Request) (catalog.Festival, *app.FestivalEditionDetail, error) {
	ref := r.PathValue("ref")
	year, err := pathYear(r, "year")
	if err != nil {
		return catalog.Festival{}, nil, err
	}
	f, err := h.svc.Festival(r.Context(), ref)
	if err != nil {
		return f, nil, notFound(err, "festival", ref)
	}
	d, err := h.svc.FestivalEditionDetail(r.Context(), itoa(f.ID), year)
	if catalog.IsKind(err, catalog.KindNotFound) {
		return f, nil, &catalog.Error{Kind: catalog.KindNotFound, Message: fmt.Sprintf("festival %q has no %d edition", ref, year)}
	}
	return f, d, err
}

func festivalEditionDetailDTO(d *app.FestivalEditionDetail) FestivalEditionDetail {
	return FestivalEditionDetail{
		Edition:     festivalEditionDTO(d.Edition),
		Selections:  mapSlice(d.Selections, selectionDTO),
		Nominations: nominationsDTO(d.Nominations),
	}
}

func (h *handler) getFestivalEdition(w http.ResponseWriter, r *http.Request) error {
	_, d, err := h.festivalEdition(r)
	if err != nil {
		return err
	}
	return ok(w, festivalEditionDetailDTO(d))
}

func (h *handler) festivalEditionFromInput(in FestivalEditionInput, festivalID int64) (catalog.FestivalEdition, error) {
	starts, err := dateField("starts_on", in.StartsOn)
	if err != nil {
		return catalog.FestivalEdition{}, err
	}
	ends, err := dateField("ends_on", in.EndsOn)
	if err != nil {
		return catalog.FestivalEdition{}, err
	}
	return catalog.FestivalEdition{FestivalID: festivalID, Year: in.Year, StartsOn: starts, EndsOn: ends, Place: in.Place}, nil
}

// writeFestivalEdition answers with the edition as GET shows it.
func (h *handler) writeFestivalEdition(w http.ResponseWriter, r *http.Request, status int, f catalog.Festival, year int) error {
	d, err := h.svc.FestivalEditionDetail(r.Context(), itoa(f.ID), year)
	if err != nil {
		return err
	}
	if status == http.StatusCreated {
		return created(w, Prefix+"/festivals/"+f.Slug+"/editions/"+strconv.Itoa(year), festivalEditionDetailDTO(d))
	}
	return ok(w, festivalEditionDetailDTO(d))
}

func (h *handler) createFestivalEdition(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	f, err := h.svc.Festival(r.Context(), ref)
	if err != nil {
		return notFound(err, "festival", ref)
	}
	var in FestivalEditionInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	e, err := h.festivalEditionFromInput(in, f.ID)
	if err != nil {
		return err
	}
	p, err := h.cite(r.Context(), in.SourceID, &e)
	if err != nil {
		return err
	}
	if err := h.svc.CreateFestivalEdition(r.Context(), &e, p); err != nil {
		return err
	}
	return h.writeFestivalEdition(w, r, http.StatusCreated, f, e.Year)
}

func (h *handler) replaceFestivalEdition(w http.ResponseWriter, r *http.Request) error {
	f, old, err := h.festivalEdition(r)
	if err != nil {
		return err
	}
	var in FestivalEditionInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	if in.Year == 0 {
		in.Year = old.Edition.Year
	}
	e, err := h.festivalEditionFromInput(in, f.ID)
	if err != nil {
		return err
	}
	e.ID = old.Edition.ID
	p, err := h.cite(r.Context(), in.SourceID, &e)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateFestivalEdition(r.Context(), &e, p); err != nil {
		return err
	}
	return h.writeFestivalEdition(w, r, http.StatusOK, f, e.Year)
}

func (h *handler) deleteFestivalEdition(w http.ResponseWriter, r *http.Request) error {
	_, d, err := h.festivalEdition(r)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteFestivalEdition(r.Context(), d.Edition.ID); err != nil {
		return err
	}
	return noContent(w)
}
