package app

import (
	"context"

	"github.com/marquee-film/marquee/internal/catalog"
)

// ListOrganizations returns one page of organizations.
func (s *Service) ListOrganizations(ctx context.Context, f catalog.OrganizationFilter) ([]catalog.Organization, string, error) {
	if f.Kind != "" {
		if _, err := catalog.ParseEnum("kind", string(f.Kind), catalog.OrgKinds); err != nil {
			return nil, "", err
		}
	}
	return s.store.ListOrganizations(ctx, f)
}

// CreateOrganization stores a new organization.
func (s *Service) CreateOrganization(ctx context.Context, o *catalog.Organization, p Provenance) error {
	o.CreatedAt, o.UpdatedAt = s.now(), s.now()
	return s.writeCited(ctx, p, o, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.CreateOrganization(ctx, o)
		return catalog.EntityRef{Type: catalog.EntityOrganization, ID: o.ID}, 0, err
	})
}

// UpdateOrganization replaces the organization with o.ID.
func (s *Service) UpdateOrganization(ctx context.Context, o *catalog.Organization, p Provenance) error {
	return s.writeCited(ctx, p, o, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		old, err := q.GetOrganization(ctx, o.ID)
		if err != nil {
			return catalog.EntityRef{}, 0, err
		}
		if o.Slug == "" {
			o.Slug = old.Slug
		}
		o.CreatedAt, o.UpdatedAt = old.CreatedAt, s.now()
		err = q.UpdateOrganization(ctx, o)
		return catalog.EntityRef{Type: catalog.EntityOrganization, ID: o.ID}, 0, err
	})
}

// DeleteOrganization removes an organization nothing refers to.
func (s *Service) DeleteOrganization(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeleteOrganization(ctx, id) })
}

// OrganizationDetail is an organization with its releases and editions.
type OrganizationDetail struct {
	Organization catalog.Organization
	Releases     []catalog.Release // distributed by it or with an edition of its label
	Editions     []catalog.Edition // published under its label
}

// OrganizationDetail assembles the organization with the given ID or slug.
func (s *Service) OrganizationDetail(ctx context.Context, ref string) (*OrganizationDetail, error) {
	o, err := s.Organization(ctx, ref)
	if err != nil {
		return nil, err
	}
	d := &OrganizationDetail{Organization: o}
	if d.Releases, err = s.allReleases(ctx, catalog.ReleaseFilter{LabelID: o.ID, IncludeTBA: true}); err != nil {
		return nil, err
	}
	if d.Editions, err = s.store.ListEditions(ctx, catalog.EditionFilter{LabelID: o.ID}); err != nil {
		return nil, err
	}
	return d, nil
}
