package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) awardRoutes() []route {
	return []route{
		{
			method: "GET", path: "/award-bodies", op: "listAwardBodies", tag: "awards", summary: "List award bodies",
			query:  []param{pLimit(), pCursor()},
			status: http.StatusOK, resp: typeOf[AwardBodyList](), serve: h.listAwardBodies,
		},
		{
			method: "POST", path: "/award-bodies", op: "createAwardBody", tag: "awards", summary: "Create an award body",
			auth: true, body: typeOf[AwardBodyInput](), status: http.StatusCreated, resp: typeOf[AwardBodyDetail](), serve: h.createAwardBody,
		},
		{
			method: "GET", path: "/award-bodies/{ref}", op: "getAwardBody", tag: "awards", summary: "An award body with its categories and nominations",
			status: http.StatusOK, resp: typeOf[AwardBodyDetail](), serve: h.getAwardBody,
		},
		{
			method: "PUT", path: "/award-bodies/{ref}", op: "replaceAwardBody", tag: "awards", summary: "Replace an award body",
			auth: true, body: typeOf[AwardBodyInput](), status: http.StatusOK, resp: typeOf[AwardBodyDetail](), serve: h.replaceAwardBody,
		},
		{
			method: "DELETE", path: "/award-bodies/{ref}", op: "deleteAwardBody", tag: "awards", summary: "Delete an award body nothing refers to",
			auth: true, status: http.StatusNoContent, serve: h.deleteAwardBody,
		},
		{
			method: "GET", path: "/award-bodies/{ref}/categories", op: "listAwardCategories", tag: "awards", summary: "An award body's categories, by name",
			status: http.StatusOK, resp: typeOf[AwardCategoryList](), serve: h.listAwardCategories,
		},
		{
			method: "POST", path: "/award-bodies/{ref}/categories", op: "createAwardCategory", tag: "awards", summary: "Add a category to an award body",
			auth: true, body: typeOf[AwardCategoryInput](), status: http.StatusCreated, resp: typeOf[AwardCategory](), serve: h.createAwardCategory,
		},
		{
			method: "GET", path: "/award-bodies/{ref}/categories/{id}", op: "getAwardCategory", tag: "awards", summary: "One award category",
			status: http.StatusOK, resp: typeOf[AwardCategory](), serve: h.getAwardCategory,
		},
		{
			method: "PUT", path: "/award-bodies/{ref}/categories/{id}", op: "replaceAwardCategory", tag: "awards", summary: "Replace an award category",
			auth: true, body: typeOf[AwardCategoryInput](), status: http.StatusOK, resp: typeOf[AwardCategory](), serve: h.replaceAwardCategory,
		},
		{
			method: "DELETE", path: "/award-bodies/{ref}/categories/{id}", op: "deleteAwardCategory", tag: "awards", summary: "Delete a category without nominations",
			auth: true, status: http.StatusNoContent, serve: h.deleteAwardCategory,
		},
	}
}

func (h *handler) listAwardBodies(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	p := q.page()
	if err := q.err(); err != nil {
		return err
	}
	bodies, next, err := h.svc.ListAwardBodies(r.Context(), p)
	if err != nil {
		return listErr(err)
	}
	return ok(w, AwardBodyList{Items: mapSlice(bodies, awardBodyDTO), NextCursor: nextCursor(next)})
}

func (h *handler) awardBody(ctx context.Context, ref string) (*app.AwardBodyDetail, error) {
	d, err := h.svc.AwardBodyDetail(ctx, ref)
	return d, notFound(err, "award body", ref)
}

func awardBodyDetailDTO(d *app.AwardBodyDetail) AwardBodyDetail {
	return AwardBodyDetail{
		AwardBody:   awardBodyDTO(d.AwardBody),
		Categories:  mapSlice(d.Categories, awardCategoryDTO),
		Nominations: nominationsDTO(d.Nominations),
	}
}

func (h *handler) getAwardBody(w http.ResponseWriter, r *http.Request) error {
	d, err := h.awardBody(r.Context(), r.PathValue("ref"))
	if err != nil {
		return err
	}
	return ok(w, awardBodyDetailDTO(d))
}

func (h *handler) awardBodyFromInput(ctx context.Context, in AwardBodyInput) (catalog.AwardBody, error) {
	b := catalog.AwardBody{Slug: in.Slug, Name: in.Name}
	if in.Festival != "" {
		f, err := h.festivalRef(ctx, "festival", in.Festival)
		if err != nil {
			return b, err
		}
		b.FestivalID = f.ID
	}
	return b, nil
}

func (h *handler) createAwardBody(w http.ResponseWriter, r *http.Request) error {
	var in AwardBodyInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	b, err := h.awardBodyFromInput(r.Context(), in)
	if err != nil {
		return err
	}
	p, err := h.cite(r.Context(), in.SourceID, &b)
	if err != nil {
		return err
	}
	if err := h.svc.CreateAwardBody(r.Context(), &b, p); err != nil {
		return err
	}
	d, err := h.awardBody(r.Context(), itoa(b.ID))
	if err != nil {
		return err
	}
	return created(w, Prefix+"/award-bodies/"+b.Slug, awardBodyDetailDTO(d))
}

func (h *handler) replaceAwardBody(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	old, err := h.svc.AwardBody(r.Context(), ref)
	if err != nil {
		return notFound(err, "award body", ref)
	}
	var in AwardBodyInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	b, err := h.awardBodyFromInput(r.Context(), in)
	if err != nil {
		return err
	}
	b.ID = old.ID
	p, err := h.cite(r.Context(), in.SourceID, &b)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateAwardBody(r.Context(), &b, p); err != nil {
		return err
	}
	d, err := h.awardBody(r.Context(), itoa(b.ID))
	if err != nil {
		return err
	}
	return ok(w, awardBodyDetailDTO(d))
}

func (h *handler) deleteAwardBody(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	b, err := h.svc.AwardBody(r.Context(), ref)
	if err != nil {
		return notFound(err, "award body", ref)
	}
	if err := h.svc.DeleteAwardBody(r.Context(), b.ID); err != nil {
		return notFound(err, "award body", ref)
	}
	return noContent(w)
}

func (h *handler) listAwardCategories(w http.ResponseWriter, r *http.Request) error {
	d, err := h.awardBody(r.Context(), r.PathValue("ref"))
	if err != nil {
		return err
	}
	return ok(w, AwardCategoryList{Items: mapSlice(d.Categories, awardCategoryDTO)})
}

// awardCategory returns the body in the path and its category with the
// ID in the path.
func (h *handler) awardCategory(r *http.Request) (*app.AwardBodyDetail, catalog.AwardCategory, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, catalog.AwardCategory{}, err
	}
	d, err := h.awardBody(r.Context(), r.PathValue("ref"))
	if err != nil {
		return nil, catalog.AwardCategory{}, err
	}
	for _, c := range d.Categories {
		if c.ID == id {
			return d, c, nil
		}
	}
	return nil, catalog.AwardCategory{}, &catalog.Error{
		Kind: catalog.KindNotFound, Message: fmt.Sprintf("award body %q has no category %d", r.PathValue("ref"), id),
	}
}

func (h *handler) getAwardCategory(w http.ResponseWriter, r *http.Request) error {
	_, c, err := h.awardCategory(r)
	if err != nil {
		return err
	}
	return ok(w, awardCategoryDTO(c))
}

func (h *handler) createAwardCategory(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	b, err := h.svc.AwardBody(r.Context(), ref)
	if err != nil {
		return notFound(err, "award body", ref)
	}
	var in AwardCategoryInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	c := catalog.AwardCategory{AwardBodyID: b.ID, Name: in.Name, PersonAward: in.PersonAward}
	p, err := h.cite(r.Context(), in.SourceID, &c)
	if err != nil {
		return err
	}
	if err := h.svc.CreateAwardCategory(r.Context(), &c, p); err != nil {
		return err
	}
	return created(w, Prefix+"/award-bodies/"+b.Slug+"/categories/"+itoa(c.ID), awardCategoryDTO(c))
}

func (h *handler) replaceAwardCategory(w http.ResponseWriter, r *http.Request) error {
	d, old, err := h.awardCategory(r)
	if err != nil {
		return err
	}
	var in AwardCategoryInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	c := catalog.AwardCategory{ID: old.ID, AwardBodyID: d.AwardBody.ID, Name: in.Name, PersonAward: in.PersonAward}
	p, err := h.cite(r.Context(), in.SourceID, &c)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateAwardCategory(r.Context(), &c, p); err != nil {
		return err
	}
	return ok(w, awardCategoryDTO(c))
}

func (h *handler) deleteAwardCategory(w http.ResponseWriter, r *http.Request) error {
	_, c, err := h.awardCategory(r)
	if err != nil {
		return err
	}
	if err := h.svc.DeleteAwardCategory(r.Context(), c.ID); err != nil {
		return err
	}
	return noContent(w)
}
