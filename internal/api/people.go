package api

import (
	"context"
	"net/http"

	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) peopleRoutes() []route {
	return []route{
		{
			method: "GET", path: "/people", op: "listPeople", tag: "people", summary: "List and search people, ordered by sort name",
			query:  []param{pString("q", "Words of the name, matched case- and accent-insensitively."), pLimit(), pCursor()},
			status: http.StatusOK, resp: typeOf[PersonList](), serve: h.listPeople,
		},
		{
			method: "POST", path: "/people", op: "createPerson", tag: "people", summary: "Create a person",
			auth: true, body: typeOf[PersonInput](), status: http.StatusCreated, resp: typeOf[PersonDetail](), serve: h.createPerson,
		},
		{
			method: "GET", path: "/people/{ref}", op: "getPerson", tag: "people",
			summary: "A person with their filmography by department, the extras they take part in and their nominations",
			status:  http.StatusOK, resp: typeOf[PersonDetail](), serve: h.getPerson,
		},
		{
			method: "PUT", path: "/people/{ref}", op: "replacePerson", tag: "people", summary: "Replace a person",
			auth: true, body: typeOf[PersonInput](), status: http.StatusOK, resp: typeOf[PersonDetail](), serve: h.replacePerson,
		},
		{
			method: "DELETE", path: "/people/{ref}", op: "deletePerson", tag: "people", summary: "Delete a person who is credited nowhere",
			auth: true, status: http.StatusNoContent, serve: h.deletePerson,
		},
	}
}

func (h *handler) listPeople(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := catalog.PersonFilter{Query: q.str("q"), Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	people, next, err := h.svc.ListPeople(r.Context(), f)
	if err != nil {
		return listErr(err)
	}
	return ok(w, PersonList{Items: mapSlice(people, personDTO), NextCursor: nextCursor(next)})
}

func (h *handler) personDetail(ctx context.Context, ref string) (PersonDetail, error) {
	d, err := h.svc.PersonDetail(ctx, ref)
	if err != nil {
		return PersonDetail{}, notFound(err, "person", ref)
	}
	return personDetailDTO(d), nil
}

func (h *handler) getPerson(w http.ResponseWriter, r *http.Request) error {
	out, err := h.personDetail(r.Context(), r.PathValue("ref"))
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) createPerson(w http.ResponseWriter, r *http.Request) error {
	var in PersonInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	p := in.person()
	prov, err := h.cite(r.Context(), in.SourceID, &p)
	if err != nil {
		return err
	}
	if err := h.svc.CreatePerson(r.Context(), &p, prov); err != nil {
		return err
	}
	out, err := h.personDetail(r.Context(), itoa(p.ID))
	if err != nil {
		return err
	}
	return created(w, Prefix+"/people/"+p.Slug, out)
}

func (h *handler) replacePerson(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	old, err := h.svc.Person(r.Context(), ref)
	if err != nil {
		return notFound(err, "person", ref)
	}
	var in PersonInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	p := in.person()
	p.ID = old.ID
	prov, err := h.cite(r.Context(), in.SourceID, &p)
	if err != nil {
		return err
	}
	if err := h.svc.UpdatePerson(r.Context(), &p, prov); err != nil {
		return err
	}
	out, err := h.personDetail(r.Context(), itoa(p.ID))
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) deletePerson(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	p, err := h.svc.Person(r.Context(), ref)
	if err != nil {
		return notFound(err, "person", ref)
	}
	if err := h.svc.DeletePerson(r.Context(), p.ID); err != nil {
		return notFound(err, "person", ref)
	}
	return noContent(w)
}
