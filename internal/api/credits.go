package api

import (
	"context"
	"net/http"

	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) creditRoutes() []route {
	return []route{
		{
			method: "POST", path: "/films/{ref}/credits", op: "createCredit", tag: "credits", summary: "Credit a person on a film",
			auth: true, body: typeOf[CreditInput](), status: http.StatusCreated, resp: typeOf[Credit](), serve: h.createCredit,
		},
		{
			method: "GET", path: "/credits/{id}", op: "getCredit", tag: "credits", summary: "A credit with its sources",
			status: http.StatusOK, resp: typeOf[Credit](), serve: h.getCredit,
		},
		{
			method: "PUT", path: "/credits/{id}", op: "replaceCredit", tag: "credits", summary: "Replace a credit",
			auth: true, body: typeOf[CreditInput](), status: http.StatusOK, resp: typeOf[Credit](), serve: h.replaceCredit,
		},
		{
			method: "DELETE", path: "/credits/{id}", op: "deleteCredit", tag: "credits", summary: "Delete a credit",
			auth: true, status: http.StatusNoContent, serve: h.deleteCredit,
		},
	}
}

func (h *handler) creditFromInput(ctx context.Context, in CreditInput, filmID int64) (catalog.Credit, error) {
	pid, err := h.personRef(ctx, "person", in.Person)
	if err != nil {
		return catalog.Credit{}, err
	}
	return catalog.Credit{
		FilmID: filmID, PersonID: pid, Department: in.Department, Job: in.Job,
		Character: in.Character, Billing: in.Billing, Note: in.Note,
	}, nil
}

// creditOut returns a credit with the claims about it.
func (h *handler) creditOut(ctx context.Context, id int64) (Credit, error) {
	c, err := h.svc.Credit(ctx, id)
	if err != nil {
		return Credit{}, notFoundID(err, "credit", id)
	}
	d, err := h.filmDetail(ctx, itoa(c.FilmID))
	if err != nil {
		return Credit{}, err
	}
	for _, dc := range d.Credits {
		if dc.ID == id {
			return creditIn(d, dc), nil
		}
	}
	return creditDTO(c), nil
}

func (h *handler) createCredit(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	film, err := h.svc.Film(r.Context(), ref)
	if err != nil {
		return notFound(err, "film", ref)
	}
	var in CreditInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	c, err := h.creditFromInput(r.Context(), in, film.ID)
	if err != nil {
		return err
	}
	p, err := h.cite(r.Context(), in.SourceID, &c)
	if err != nil {
		return err
	}
	if err := h.svc.CreateCredit(r.Context(), &c, p); err != nil {
		return err
	}
	out, err := h.creditOut(r.Context(), c.ID)
	if err != nil {
		return err
	}
	return created(w, Prefix+"/credits/"+itoa(c.ID), out)
}

func (h *handler) getCredit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	out, err := h.creditOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) replaceCredit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	old, err := h.svc.Credit(r.Context(), id)
	if err != nil {
		return notFoundID(err, "credit", id)
	}
	var in CreditInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	c, err := h.creditFromInput(r.Context(), in, old.FilmID)
	if err != nil {
		return err
	}
	c.ID = id
	p, err := h.cite(r.Context(), in.SourceID, &c)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateCredit(r.Context(), &c, p); err != nil {
		return err
	}
	out, err := h.creditOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) deleteCredit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.DeleteCredit(r.Context(), id); err != nil {
		return notFoundID(err, "credit", id)
	}
	return noContent(w)
}
