package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) nominationRoutes() []route {
	return []route{
		{
			method: "GET", path: "/nominations", op: "listNominations", tag: "nominations",
			summary: "Nominations, newest first; give at least one filter",
			query: []param{
				pString("film", "Nominations of this film (slug or ID)."),
				pString("person", "Nominations of this person (slug or ID)."),
				pString("award_body", "Nominations by this award body (slug or ID)."),
				pEnum("result", "Nominations with this result.", enumStrings(catalog.NominationResults)),
			},
			status: http.StatusOK, resp: typeOf[NominationList](), serve: h.listNominations,
		},
		{
			method: "POST", path: "/films/{ref}/nominations", op: "createNomination", tag: "nominations", summary: "Record a film's nomination",
			auth: true, body: typeOf[NominationInput](), status: http.StatusCreated, resp: typeOf[Nomination](), serve: h.createNomination,
		},
		{
			method: "GET", path: "/nominations/{id}", op: "getNomination", tag: "nominations", summary: "A nomination with its sources",
			status: http.StatusOK, resp: typeOf[Nomination](), serve: h.getNomination,
		},
		{
			method: "PUT", path: "/nominations/{id}", op: "replaceNomination", tag: "nominations",
			summary: "Replace a nomination; a changed result is cited as a claim of its own",
			auth:    true, body: typeOf[NominationInput](), status: http.StatusOK, resp: typeOf[Nomination](), serve: h.replaceNomination,
		},
		{
			method: "DELETE", path: "/nominations/{id}", op: "deleteNomination", tag: "nominations", summary: "Delete a nomination",
			auth: true, status: http.StatusNoContent, serve: h.deleteNomination,
		},
	}
}

func (h *handler) listNominations(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := catalog.NominationFilter{Result: enumParam(q, "result", catalog.NominationResults)}
	film, person, body := q.str("film"), q.str("person"), q.str("award_body")
	if err := q.err(); err != nil {
		return err
	}
	ctx := r.Context()
	if film != "" {
		x, err := h.svc.Film(ctx, film)
		if err != nil {
			return badRef(err, "film", "film", film)
		}
		f.FilmID = x.ID
	}
	if person != "" {
		x, err := h.svc.Person(ctx, person)
		if err != nil {
			return badRef(err, "person", "person", person)
		}
		f.PersonID = x.ID
	}
	if body != "" {
		x, err := h.svc.AwardBody(ctx, body)
		if err != nil {
			return badRef(err, "award_body", "award body", body)
		}
		f.AwardBodyID = x.ID
	}
	if f == (catalog.NominationFilter{}) {
		return catalog.Invalid("", "give at least one of the parameters film, person, award_body or result")
	}
	ns, err := h.svc.ListNominations(ctx, f)
	if err != nil {
		return err
	}
	return ok(w, NominationList{Items: nominationsDTO(ns)})
}

func (h *handler) nominationFromInput(ctx context.Context, in NominationInput, filmID int64) (catalog.Nomination, error) {
	n := catalog.Nomination{FilmID: filmID, Year: in.Year, Ceremony: in.Ceremony, Result: in.Result, Note: in.Note}
	if in.AwardBody == "" {
		return n, catalog.Invalid("award_body", "is required")
	}
	body, err := h.svc.AwardBodyDetail(ctx, string(in.AwardBody))
	if err != nil {
		return n, badRef(err, "award_body", "award body", string(in.AwardBody))
	}
	category := strings.TrimSpace(in.Category)
	if category == "" {
		return n, catalog.Invalid("category", "is required")
	}
	id, _ := strconv.ParseInt(category, 10, 64)
	for _, c := range body.Categories {
		if c.ID == id || strings.EqualFold(c.Name, category) {
			n.CategoryID = c.ID
			break
		}
	}
	if n.CategoryID == 0 {
		return n, catalog.Invalid("category", "award body %q has no category %q", in.AwardBody, category)
	}
	if in.Person != "" {
		if n.PersonID, err = h.personRef(ctx, "person", in.Person); err != nil {
			return n, err
		}
	}
	fid := body.AwardBody.FestivalID
	switch {
	case in.FestivalYear != 0 && fid == 0:
		return n, catalog.Invalid("festival_year", "award body %q is not a festival jury", in.AwardBody)
	case in.FestivalYear != 0:
		if n.FestivalEditionID, err = h.festivalEditionRef(ctx, "festival_year", Ref(itoa(fid)), in.FestivalYear); err != nil {
			return n, err
		}
	case fid != 0 && in.Year != 0:
		// A festival jury's award belongs to that year's edition, when
		// the catalog has it.
		if d, err := h.svc.FestivalEditionDetail(ctx, itoa(fid), in.Year); err == nil {
			n.FestivalEditionID = d.Edition.ID
		} else if !catalog.IsKind(err, catalog.KindNotFound) {
			return n, err
		}
	}
	return n, nil
}

// nominationOut returns a nomination with the claims about it.
func (h *handler) nominationOut(ctx context.Context, id int64) (Nomination, error) {
	n, err := h.svc.Nomination(ctx, id)
	if err != nil {
		return Nomination{}, notFoundID(err, "nomination", id)
	}
	d, err := h.filmDetail(ctx, itoa(n.FilmID))
	if err != nil {
		return Nomination{}, err
	}
	for _, dn := range d.Nominations {
		if dn.ID == id {
			return nominationIn(d, dn), nil
		}
	}
	return nominationDTO(n), nil
}

func (h *handler) createNomination(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	film, err := h.svc.Film(r.Context(), ref)
	if err != nil {
		return notFound(err, "film", ref)
	}
	var in NominationInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	n, err := h.nominationFromInput(r.Context(), in, film.ID)
	if err != nil {
		return err
	}
	p, err := h.cite(r.Context(), in.SourceID, &n)
	if err != nil {
		return err
	}
	if err := h.svc.CreateNomination(r.Context(), &n, p); err != nil {
		return err
	}
	out, err := h.nominationOut(r.Context(), n.ID)
	if err != nil {
		return err
	}
	return created(w, Prefix+"/nominations/"+itoa(n.ID), out)
}

func (h *handler) getNomination(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	out, err := h.nominationOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) replaceNomination(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	old, err := h.svc.Nomination(r.Context(), id)
	if err != nil {
		return notFoundID(err, "nomination", id)
	}
	var in NominationInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	n, err := h.nominationFromInput(r.Context(), in, old.FilmID)
	if err != nil {
		return err
	}
	n.ID = id
	p, err := h.cite(r.Context(), in.SourceID, &n)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateNomination(r.Context(), &n, p); err != nil {
		return err
	}
	out, err := h.nominationOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) deleteNomination(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.DeleteNomination(r.Context(), id); err != nil {
		return notFoundID(err, "nomination", id)
	}
	return noContent(w)
}
