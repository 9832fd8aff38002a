package api

import (
	"context"
	"net/http"

	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) organizationRoutes() []route {
	return []route{
		{
			method: "GET", path: "/organizations", op: "listOrganizations", tag: "organizations", summary: "List organizations, ordered by name",
			query: []param{
				pEnum("kind", "Organizations that play this role.", enumStrings(catalog.OrgKinds)),
				pString("q", "Words of the name."),
				pLimit(), pCursor(),
			},
			status: http.StatusOK, resp: typeOf[OrganizationList](), serve: h.listOrganizations,
		},
		{
			method: "POST", path: "/organizations", op: "createOrganization", tag: "organizations", summary: "Create an organization",
			auth: true, body: typeOf[OrganizationInput](), status: http.StatusCreated, resp: typeOf[OrganizationDetail](), serve: h.createOrganization,
		},
		{
			method: "GET", path: "/organizations/{ref}", op: "getOrganization", tag: "organizations",
			summary: "An organization with the releases it distributes or publishes and the editions under its label",
			status:  http.StatusOK, resp: typeOf[OrganizationDetail](), serve: h.getOrganization,
		},
		{
			method: "PUT", path: "/organizations/{ref}", op: "replaceOrganization", tag: "organizations", summary: "Replace an organization",
			auth: true, body: typeOf[OrganizationInput](), status: http.StatusOK, resp: typeOf[OrganizationDetail](), serve: h.replaceOrganization,
		},
		{
			method: "DELETE", path: "/organizations/{ref}", op: "deleteOrganization", tag: "organizations", summary: "Delete an organization nothing refers to",
			auth: true, status: http.StatusNoContent, serve: h.deleteOrganization,
		},
	}
}

func (h *handler) listOrganizations(w http.ResponseWriter, r *http.Request) error {
	q := newQuery(r)
	f := catalog.OrganizationFilter{Kind: enumParam(q, "kind", catalog.OrgKinds), Query: q.str("q"), Page: q.page()}
	if err := q.err(); err != nil {
		return err
	}
	orgs, next, err := h.svc.ListOrganizations(r.Context(), f)
	if err != nil {
		return listErr(err)
	}
	return ok(w, OrganizationList{Items: mapSlice(orgs, organizationDTO), NextCursor: nextCursor(next)})
}

func (h *handler) organizationDetail(ctx context.Context, ref string) (OrganizationDetail, error) {
	d, err := h.svc.OrganizationDetail(ctx, ref)
	if err != nil {
		return OrganizationDetail{}, notFound(err, "organization", ref)
	}
	return OrganizationDetail{
		Organization: organizationDTO(d.Organization),
		Releases:     mapSlice(d.Releases, releaseSummaryDTO),
		Editions:     mapSlice(d.Editions, editionSummaryDTO),
	}, nil
}

func (h *handler) getOrganization(w http.ResponseWriter, r *http.Request) error {
	out, err := h.organizationDetail(r.Context(), r.PathValue("ref"))
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) createOrganization(w http.ResponseWriter, r *http.Request) error {
	var in OrganizationInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	o := in.organization()
	p, err := h.cite(r.Context(), in.SourceID, &o)
	if err != nil {
		return err
	}
	if err := h.svc.CreateOrganization(r.Context(), &o, p); err != nil {
		return err
	}
	out, err := h.organizationDetail(r.Context(), itoa(o.ID))
	if err != nil {
		return err
	}
	return created(w, Prefix+"/organizations/"+o.Slug, out)
}

func (h *handler) replaceOrganization(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	old, err := h.svc.Organization(r.Context(), ref)
	if err != nil {
		return notFound(err, "organization", ref)
	}
	var in OrganizationInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	o := in.organization()
	o.ID = old.ID
	p, err := h.cite(r.Context(), in.SourceID, &o)
	if err != nil {
		return err
	}
	if err := h.svc.UpdateOrganization(r.Context(), &o, p); err != nil {
		return err
	}
	out, err := h.organizationDetail(r.Context(), itoa(o.ID))
	if err != nil {
		return err
	}
	return ok(w, out)
}

func (h *handler) deleteOrganization(w http.ResponseWriter, r *http.Request) error {
	ref := r.PathValue("ref")
	o, err := h.svc.Organization(r.Context(), ref)
	if err != nil {
		return notFound(err, "organization", ref)
	}
	if err := h.svc.DeleteOrganization(r.Context(), o.ID); err != nil {
		return notFound(err, "organization", ref)
	}
	return noContent(w)
}
