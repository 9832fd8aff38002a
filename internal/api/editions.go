package api

import (
	"context"
	"net/http"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) editionRoutes() []route {
	return []route{
		{
			method: "POST", path: "/releases/{id}/editions", op: "createEdition", tag: "editions", summary: "Add an edition (a disc set or digital offer) to a release",
			auth: true, body: typeOf[EditionInput](), status: http.StatusCreated, resp: typeOf[Edition](), serve: h.createEdition,
		},
		{
			method: "GET", path: "/editions/{id}", op: "getEdition", tag: "editions", summary: "An edition with its extras and sources",
			status: http.StatusOK, resp: typeOf[Edition](), serve: h.getEdition,
		},
		{
			method: "PUT", path: "/editions/{id}", op: "replaceEdition", tag: "editions", summary: "Replace an edition (its extras stay)",
			auth: true, body: typeOf[EditionInput](), status: http.StatusOK, resp: typeOf[Edition](), serve: h.replaceEdition,
		},
		{
			method: "DELETE", path: "/editions/{id}", op: "deleteEdition", tag: "editions", summary: "Delete an edition with its extras",
			auth: true, status: http.StatusNoContent, serve: h.deleteEdition,
		},
	}
}

func (h *handler) editionFromInput(ctx context.Context, in EditionInput, releaseID int64) (catalog.Edition, error) {
	e := catalog.Edition{
		ReleaseID: releaseID, Name: in.Name, Formats: in.Formats, Regions: in.Regions, Barcode: in.Barcode,
		CatalogNumber: in.CatalogNumber, Packaging: in.Packaging, DiscCount: in.DiscCount,
		LimitedTo: in.LimitedTo, RetailerExclusive: in.RetailerExclusive,
	}
	if in.Price != nil {
		e.Price = catalog.Money{Amount: in.Price.Amount, Currency: in.Price.Currency}
		if e.Price.IsZero() {
			return e, catalog.Invalid("price", "give an amount and a currency, or no price")
		}
	}
	var err error
	e.LabelID, err = h.orgRef(ctx, "label", in.Label)
	return e, err
}

// editionOut returns an edition with its extras and the claims about it.
func (h *handler) editionOut(ctx context.Context, id int64) (Edition, error) {
	e, err := h.svc.Edition(ctx, id)
	if err != nil {
		return Edition{}, notFoundID(err, "edition", id)
	}
	d, err := h.filmDetail(ctx, itoa(e.FilmID))
	if err != nil {
		return Edition{}, err
	}
	for _, rd := range d.Releases {
		for _, ed := range rd.Editions {
			if ed.ID == id {
				return editionIn(d, ed), nil
			}
		}
	}
	return editionDTO(app.EditionDetail{Edition: e}), nil
}

func (h *handler) createEdition(w http.ResponseWriter, r *http.Request) error {
	releaseID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := h.svc.Release(r.Context(), releaseID); err != nil {
		return notFoundID(err, "release", releaseID)
	}
	var in EditionInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	e, err := h.editionFromInput(r.Context(), in, releaseID)
	if err != nil {
		return err
	}
	p, err := h.cite(r.Context(), in.SourceID, &e)
	if err != nil {
		return err
	}
	if err := h.svc.CreateEdition(r.Context(), &e, p); err != nil {
		return err
	}
	out, err := h.editionOut(r.Context(), e.ID)
	if err != nil {
		return err
	}
	return created(w, Prefix+"/editions/"+itoa(e.ID), out)
}

func (h *handler) getEdition(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	out, err := h.editionOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) replaceEdition(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	old, err := h.svc.Edition(r.Context(), id)
	if err != nil {
		return notFoundID(err, "edition", id)
	}
	var in EditionInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	e, err := h.editionFromInput(r.Context(), in, old.ReleaseID)
	if err != nil {
		return err
	}
	e.ID = id
	p, err := h.cite(r.Context(), in.SourceID, &e)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateEdition(r.Context(), &e, p); err != nil {
		return err
	}
	out, err := h.editionOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) deleteEdition(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.DeleteEdition(r.Context(), id); err != nil {
		return notFoundID(err, "edition", id)
	}
	return noContent(w)
}
