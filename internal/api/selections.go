package api

import (
	"context"
	"net/http"

	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) selectionRoutes() []route {
	return []route{
		{
			method: "POST", path: "/films/{ref}/selections", op: "createSelection", tag: "selections", summary: "Record a film's selection at a festival edition",
			auth: true, body: typeOf[SelectionInput](), status: http.StatusCreated, resp: typeOf[Selection](), serve: h.createSelection,
		},
		{
			method: "GET", path: "/selections/{id}", op: "getSelection", tag: "selections", summary: "A selection with its sources",
			status: http.StatusOK, resp: typeOf[Selection](), serve: h.getSelection,
		},
		{
			method: "PUT", path: "/selections/{id}", op: "replaceSelection", tag: "selections", summary: "Replace a selection",
			auth: true, body: typeOf[SelectionInput](), status: http.StatusOK, resp: typeOf[Selection](), serve: h.replaceSelection,
		},
		{
			method: "DELETE", path: "/selections/{id}", op: "deleteSelection", tag: "selections", summary: "Delete a selection",
			auth: true, status: http.StatusNoContent, serve: h.deleteSelection,
		},
	}
}

func (h *handler) selectionFromInput(ctx context.Context, in SelectionInput, filmID int64) (catalog.Selection, error) {
	if in.Year == 0 {
		return catalog.Selection{}, catalog.Invalid("year", "is required")
	}
	feID, err := h.festivalEditionRef(ctx, "festival", in.Festival, in.Year)
	if err != nil {
		return catalog.Selection{}, err
	}
	return catalog.Selection{FilmID: filmID, FestivalEditionID: feID, Section: in.Section, Premiere: in.Premiere, Note: in.Note}, nil
}

// selectionOut returns a selection with the claims about it.
func (h *handler) selectionOut(ctx context.Context, id int64) (Selection, error) {
	s, err := h.svc.Selection(ctx, id)
	if err != nil {
		return Selection{}, notFoundID(err, "selection", id)
	}
	d, err := h.filmDetail(ctx, itoa(s.FilmID))
	if err != nil {
		return Selection{}, err
	}
	for _, ds := range d.Selections {
		if ds.ID == id {
			return selectionIn(d, ds), nil
		}
	}
	return selectionDTO(s), nil
}

func (h *handler) createSelection(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	film, err := h.svc.Film(r.Context(), ref)
	if err != nil {
		return notFound(err, "film", ref)
	}
	var in SelectionInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	s, err := h.selectionFromInput(r.Context(), in, film.ID)
	if err != nil {
		return err
	}
	p, err := h.cite(r.Context(), in.SourceID, &s)
	if err != nil {
		return err
	}
	if err := h.svc.CreateSelection(r.Context(), &s, p); err != nil {
		return err
	}
	out, err := h.selectionOut(r.Context(), s.ID)
	if err != nil {
		return err
	}
	return created(w, Prefix+"/selections/"+itoa(s.ID), out)
}

func (h *handler) getSelection(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	out, err := h.selectionOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) replaceSelection(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	old, err := h.svc.Selection(r.Context(), id)
	if err != nil {
		return notFoundID(err, "selection", id)
	}
	var in SelectionInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	s, err := h.selectionFromInput(r.Context(), in, old.FilmID)
	if err != nil {
		return err
	}
	s.ID = id
	p, err := h.cite(r.Context(), in.SourceID, &s)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateSelection(r.Context(), &s, p); err != nil {
		return err
	}
	out, err := h.selectionOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) deleteSelection(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.DeleteSelection(r.Context(), id); err != nil {
		return notFoundID(err, "selection", id)
	}
	return noContent(w)
}
