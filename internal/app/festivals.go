package app

import (
	"context"

	"github.com/marquee-film/marquee/internal/catalog"
)

// ListFestivals returns one page of festivals.
func (s *Service) ListFestivals(ctx context.Context, p catalog.Page) ([]catalog.Festival, string, error) {
	return s.store.ListFestivals(ctx, p)
}

// CreateFestival stores a new festival.
func (s *Service) CreateFestival(ctx context.Context, f *catalog.Festival, p Provenance) error {
	f.CreatedAt, f.UpdatedAt = s.now(), s.now()
	return s.writeCited(ctx, p, f, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.CreateFestival(ctx, f)
		return catalog.EntityRef{Type: catalog.EntityFestival, ID: f.ID}, 0, err
	})
}

// UpdateFestival replaces the festival with f.ID.
func (s *Service) UpdateFestival(ctx context.Context, f *catalog.Festival, p Provenance) error {
	return s.writeCited(ctx, p, f, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		old, err := q.GetFestival(ctx, f.ID)
		if err != nil {
			return catalog.EntityRef{}, 0, err
		}
		if f.Slug == "" {
			f.Slug = old.Slug
		}
		f.CreatedAt, f.UpdatedAt = old.CreatedAt, s.now()
		err = q.UpdateFestival(ctx, f)
		return catalog.EntityRef{Type: catalog.EntityFestival, ID: f.ID}, 0, err
	})
}

// DeleteFestival removes a festival nothing refers to.
func (s *Service) DeleteFestival(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeleteFestival(ctx, id) })
}

// FestivalDetail is a festival with its editions.
type FestivalDetail struct {
	Festival catalog.Festival
	Editions []catalog.FestivalEdition
}

// FestivalDetail assembles the festival with the given ID or slug.
func (s *Service) FestivalDetail(ctx context.Context, ref string) (*FestivalDetail, error) {
	f, err := s.Festival(ctx, ref)
	if err != nil {
		return nil, err
	}
	eds, err := s.store.ListFestivalEditions(ctx, f.ID)
	if err != nil {
		return nil, err
	}
	return &FestivalDetail{Festival: f, Editions: eds}, nil
}

// FestivalEditionDetail is one year of a festival with its programme and
// award results.
type FestivalEditionDetail struct {
	Edition     catalog.FestivalEdition
	Selections  []catalog.Selection
	Nominations []catalog.Nomination
}

// FestivalEditionDetail assembles the edition of a festival (ID or slug)
// in a year.
func (s *Service) FestivalEditionDetail(ctx context.Context, festivalRef string, year int) (*FestivalEditionDetail, error) {
	f, err := s.Festival(ctx, festivalRef)
	if err != nil {
		return nil, err
	}
	e, err := s.store.GetFestivalEditionByYear(ctx, f.ID, year)
	if err != nil {
		return nil, err
	}
	d := &FestivalEditionDetail{Edition: e}
	if d.Selections, err = s.store.ListSelections(ctx, catalog.SelectionFilter{FestivalEditionID: e.ID}); err != nil {
		return nil, err
	}
	if d.Nominations, err = s.store.ListNominations(ctx, catalog.NominationFilter{FestivalEditionID: e.ID}); err != nil {
		return nil, err
	}
	return d, nil
}

// CreateFestivalEdition stores a new edition of a festival.
func (s *Service) CreateFestivalEdition(ctx context.Context, e *catalog.FestivalEdition, p Provenance) error {
	return s.writeCited(ctx, p, e, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.CreateFestivalEdition(ctx, e)
		return catalog.EntityRef{Type: catalog.EntityFestivalEdition, ID: e.ID}, 0, err
	})
}

// UpdateFestivalEdition replaces the festival edition with e.ID.
func (s *Service) UpdateFestivalEdition(ctx context.Context, e *catalog.FestivalEdition, p Provenance) error {
	return s.writeCited(ctx, p, e, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.UpdateFestivalEdition(ctx, e)
		return catalog.EntityRef{Type: catalog.EntityFestivalEdition, ID: e.ID}, 0, err
	})
}

// DeleteFestivalEdition removes a festival edition nothing refers to.
func (s *Service) DeleteFestivalEdition(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeleteFestivalEdition(ctx, id) })
}

// Selection returns one selection.
func (s *Service) Selection(ctx context.Context, id int64) (catalog.Selection, error) {
	return s.store.GetSelection(ctx, id)
}

// CreateSelection stores a film's selection at a festival edition.
func (s *Service) CreateSelection(ctx context.Context, sel *catalog.Selection, p Provenance) error {
	return s.writeCited(ctx, p, sel, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.CreateSelection(ctx, sel)
		return catalog.EntityRef{Type: catalog.EntitySelection, ID: sel.ID}, sel.FilmID, err
	})
}

// UpdateSelection replaces the selection with sel.ID.
func (s *Service) UpdateSelection(ctx context.Context, sel *catalog.Selection, p Provenance) error {
	return s.writeCited(ctx, p, sel, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.UpdateSelection(ctx, sel)
		return catalog.EntityRef{Type: catalog.EntitySelection, ID: sel.ID}, sel.FilmID, err
	})
}

// DeleteSelection removes a selection.
func (s *Service) DeleteSelection(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeleteSelection(ctx, id) })
}
