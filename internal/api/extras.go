package api

import (
	"context"
	"fmt"
	"net/http"

	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) extraRoutes() []route {
	return []route{
		{
			method: "POST", path: "/editions/{id}/extras", op: "createExtra", tag: "extras", summary: "Add a bonus feature to an edition",
			auth: true, body: typeOf[ExtraInput](), status: http.StatusCreated, resp: typeOf[Extra](), serve: h.createExtra,
		},
		{
			method: "GET", path: "/extras/{id}", op: "getExtra", tag: "extras", summary: "An extra with its participants and sources",
			status: http.StatusOK, resp: typeOf[Extra](), serve: h.getExtra,
		},
		{
			method: "PUT", path: "/extras/{id}", op: "replaceExtra", tag: "extras", summary: "Replace an extra and its participant list",
			auth: true, body: typeOf[ExtraInput](), status: http.StatusOK, resp: typeOf[Extra](), serve: h.replaceExtra,
		},
		{
			method: "DELETE", path: "/extras/{id}", op: "deleteExtra", tag: "extras", summary: "Delete an extra",
			auth: true, status: http.StatusNoContent, serve: h.deleteExtra,
		},
	}
}

func (h *handler) extraFromInput(ctx context.Context, in ExtraInput, editionID int64) (catalog.Extra, error) {
	x := catalog.Extra{
		EditionID: editionID, Position: in.Position, Kind: in.Kind, Title: in.Title,
		RuntimeSeconds: in.RuntimeSeconds, Description: in.Description, Vintage: in.Vintage,
		ExclusiveFormats: in.ExclusiveFormats,
	}
	for i, p := range in.Participants {
		pid, err := h.personRef(ctx, fmt.Sprintf("participants[%d].person", i), p.Person)
		if err != nil {
			return x, err
		}
		x.Participants = append(x.Participants, catalog.Participant{PersonID: pid, Role: p.Role})
	}
	return x, nil
}

// extraOut returns an extra with the claims about it and its participants.
func (h *handler) extraOut(ctx context.Context, id int64) (Extra, error) {
	x, err := h.svc.Extra(ctx, id)
	if err != nil {
		return Extra{}, notFoundID(err, "extra", id)
	}
	d, err := h.filmDetail(ctx, itoa(x.FilmID))
	if err != nil {
		return Extra{}, err
	}
	for _, rd := range d.Releases {
		for _, ed := range rd.Editions {
			for _, dx := range ed.Extras {
				if dx.ID == id {
					return extraIn(d, dx), nil
				}
			}
		}
	}
	return extraDTO(x), nil
}

func (h *handler) createExtra(w http.ResponseWriter, r *http.Request) error {
	editionID, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if _, err := h.svc.Edition(r.Context(), editionID); err != nil {
		return notFoundID(err, "edition", editionID)
	}
	var in ExtraInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	x, err := h.extraFromInput(r.Context(), in, editionID)
	if err != nil {
		return err
	}
	p, err := h.cite(r.Context(), in.SourceID, &x)
	if err != nil {
		return err
	}
	if err := h.svc.CreateExtra(r.Context(), &x, p); err != nil {
		return err
	}
	out, err := h.extraOut(r.Context(), x.ID)
	if err != nil {
		return err
	}
	return created(w, Prefix+"/extras/"+itoa(x.ID), out)
}

func (h *handler) getExtra(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	out, err := h.extraOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) replaceExtra(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	old, err := h.svc.Extra(r.Context(), id)
	if err != nil {
		return notFoundID(err, "extra", id)
	}
	var in ExtraInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	x, err := h.extraFromInput(r.Context(), in, old.EditionID)
	if err != nil {
		return err
	}
	x.ID = id
	if x.Position == 0 {
		x.Position = old.Position
	}
	p, err := h.cite(r.Context(), in.SourceID, &x)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateExtra(r.Context(), &x, p); err != nil {
		return err
	}
	out, err := h.extraOut(r.Context(), id)
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) deleteExtra(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := h.svc.DeleteExtra(r.Context(), id); err != nil {
		return notFoundID(err, "extra", id)
	}
	return noContent(w)
}
