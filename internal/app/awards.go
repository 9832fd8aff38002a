package app

import (
	"context"

	"github.com/marquee-film/marquee/internal/catalog"
)

// ListAwardBodies returns one page of award bodies.
func (s *Service) ListAwardBodies(ctx context.Context, p catalog.Page) ([]catalog.AwardBody, string, error) {
	return s.store.ListAwardBodies(ctx, p)
}

// CreateAwardBody stores a new award body.
func (s *Service) CreateAwardBody(ctx context.Context, b *catalog.AwardBody, p Provenance) error {
	b.CreatedAt, b.UpdatedAt = s.now(), s.now()
	return s.writeCited(ctx, p, b, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.CreateAwardBody(ctx, b)
		return catalog.EntityRef{Type: catalog.EntityAwardBody, ID: b.ID}, 0, err
	})
}

// UpdateAwardBody replaces the award body with b.ID.
func (s *Service) UpdateAwardBody(ctx context.Context, b *catalog.AwardBody, p Provenance) error {
	return s.writeCited(ctx, p, b, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		old, err := q.GetAwardBody(ctx, b.ID)
		if err != nil {
			return catalog.EntityRef{}, 0, err
		}
		if b.Slug == "" {
			b.Slug = old.Slug
		}
		b.CreatedAt, b.UpdatedAt = old.CreatedAt, s.now()
		err = q.UpdateAwardBody(ctx, b)
		return catalog.EntityRef{Type: catalog.EntityAwardBody, ID: b.ID}, 0, err
	})
}

// DeleteAwardBody removes an award body nothing refers to.
func (s *Service) DeleteAwardBody(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeleteAwardBody(ctx, id) })
}

// AwardBodyDetail is an award body with its categories and nominations.
type AwardBodyDetail struct {
	AwardBody   catalog.AwardBody
	Categories  []catalog.AwardCategory
	Nominations []catalog.Nomination
}

// AwardBodyDetail assembles the award body with the given ID or slug.
func (s *Service) AwardBodyDetail(ctx context.Context, ref string) (*AwardBodyDetail, error) {
	b, err := s.AwardBody(ctx, ref)
	if err != nil {
		return nil, err
	}
	d := &AwardBodyDetail{AwardBody: b}
	if d.Categories, err = s.store.ListAwardCategories(ctx, b.ID); err != nil {
		return nil, err
	}
	if d.Nominations, err = s.store.ListNominations(ctx, catalog.NominationFilter{AwardBodyID: b.ID}); err != nil {
		return nil, err
	}
	return d, nil
}

// CreateAwardCategory stores a new category of an award body.
func (s *Service) CreateAwardCategory(ctx context.Context, c *catalog.AwardCategory, p Provenance) error {
	return s.writeCited(ctx, p, c, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.CreateAwardCategory(ctx, c)
		return catalog.EntityRef{Type: catalog.EntityAwardCategory, ID: c.ID}, 0, err
	})
}

// UpdateAwardCategory replaces the category with c.ID.
func (s *Service) UpdateAwardCategory(ctx context.Context, c *catalog.AwardCategory, p Provenance) error {
	return s.writeCited(ctx, p, c, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.UpdateAwardCategory(ctx, c)
		return catalog.EntityRef{Type: catalog.EntityAwardCategory, ID: c.ID}, 0, err
	})
}

// DeleteAwardCategory removes a category without nominations.
func (s *Service) DeleteAwardCategory(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeleteAwardCategory(ctx, id) })
}

// Nomination returns one nomination.
func (s *Service) Nomination(ctx context.Context, id int64) (catalog.Nomination, error) {
	return s.store.GetNomination(ctx, id)
}

// ListNominations returns nominations matching f.
func (s *Service) ListNominations(ctx context.Context, f catalog.NominationFilter) ([]catalog.Nomination, error) {
	if f.Result != "" {
		if _, err := catalog.ParseEnum("result", string(f.Result), catalog.NominationResults); err != nil {
			return nil, err
		}
	}
	return s.store.ListNominations(ctx, f)
}

// CreateNomination stores a new nomination.
func (s *Service) CreateNomination(ctx context.Context, n *catalog.Nomination, p Provenance) error {
	n.CreatedAt, n.UpdatedAt = s.now(), s.now()
	return s.writeCited(ctx, p, n, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.CreateNomination(ctx, n)
		return catalog.EntityRef{Type: catalog.EntityNomination, ID: n.ID}, n.FilmID, err
	})
}

// UpdateNomination replaces the nomination with n.ID. A changed result
// (pending → won) is cited as a claim of its own.
func (s *Service) UpdateNomination(ctx context.Context, n *catalog.Nomination, p Provenance) error {
	return s.writeCited(ctx, p, n, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		ref := catalog.EntityRef{Type: catalog.EntityNomination, ID: n.ID}
		old, err := q.GetNomination(ctx, n.ID)
		if err != nil {
			return ref, 0, err
		}
		n.CreatedAt, n.UpdatedAt = old.CreatedAt, s.now()
		if err := q.UpdateNomination(ctx, n); err != nil {
			return ref, 0, err
		}
		if err := s.nominationEvents(ctx, q, old.Result, n.ID); err != nil {
			return ref, 0, err
		}
		if old.Result != n.Result {
			if err := s.cite(ctx, q, p, ref, n.FilmID, "result", string(n.Result)); err != nil {
				return ref, 0, err
			}
		}
		return ref, n.FilmID, nil
	})
}

// DeleteNomination removes a nomination.
func (s *Service) DeleteNomination(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeleteNomination(ctx, id) })
}
