package app

import (
	"context"

	"github.com/marquee-film/marquee/internal/catalog"
)

// ReleaseQuery is a calendar query: the store's filter plus a label by
// slug.
type ReleaseQuery struct {
	catalog.ReleaseFilter
	Label string
}

// Calendar returns one page of releases in date order. Month- and
// year-precise releases are included whenever their period meets the
// range; TBA ones only when asked for.
func (s *Service) Calendar(ctx context.Context, rq ReleaseQuery) ([]catalog.Release, string, error) {
	f := rq.ReleaseFilter
	if rq.Label != "" {
		id, err := s.organizationID(ctx, "label", rq.Label)
		if err != nil {
			return nil, "", err
		}
		f.LabelID = id
	}
	for _, t := range f.Types {
		if _, err := catalog.ParseEnum("type", string(t), catalog.ReleaseTypes); err != nil {
			return nil, "", err
		}
	}
	for _, st := range f.Statuses {
		if _, err := catalog.ParseEnum("status", string(st), catalog.ReleaseStatuses); err != nil {
			return nil, "", err
		}
	}
	if f.Format != "" {
		if _, err := catalog.ParseEnum("format", string(f.Format), catalog.Formats); err != nil {
			return nil, "", err
		}
	}
	if f.Country != "" && !catalog.ValidCountry(f.Country) {
		return nil, "", catalog.Invalid("country", "%q is not an ISO 3166-1 alpha-2 country code", f.Country)
	}
	for field, v := range map[string]string{"from": f.From, "to": f.To} {
		if v == "" {
			continue
		}
		d, err := catalog.ParsePartialDate(v)
		if err != nil || d.Precision() != catalog.PrecisionDay {
			return nil, "", catalog.Invalid(field, "%q is not a date (YYYY-MM-DD)", v)
		}
	}
	if f.From != "" && f.To != "" && f.To < f.From {
		return nil, "", catalog.Invalid("to", "%s is before from %s", f.To, f.From)
	}
	return s.store.ListReleases(ctx, f)
}

// Release returns one release.
func (s *Service) Release(ctx context.Context, id int64) (catalog.Release, error) {
	return s.store.GetRelease(ctx, id)
}

// CreateRelease stores a new release and cites p's source for it and its
// date.
func (s *Service) CreateRelease(ctx context.Context, r *catalog.Release, p Provenance) error {
	r.CreatedAt, r.UpdatedAt = s.now(), s.now()
	return s.writeCited(ctx, p, r, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		ref := catalog.EntityRef{Type: catalog.EntityRelease}
		if err := q.CreateRelease(ctx, r); err != nil {
			return ref, 0, err
		}
		ref.ID = r.ID
		if err := s.releaseEvents(ctx, q, nil, r.ID); err != nil {
			return ref, 0, err
		}
		return ref, r.FilmID, s.cite(ctx, q, p, ref, r.FilmID, "date", r.Date.String())
	})
}

// UpdateRelease replaces the release with r.ID. When the date or status
// changes, the source's claim of the new value is recorded next to the
// earlier claims, which stay as history.
func (s *Service) UpdateRelease(ctx context.Context, r *catalog.Release, p Provenance) error {
	return s.writeCited(ctx, p, r, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		ref := catalog.EntityRef{Type: catalog.EntityRelease, ID: r.ID}
		old, err := q.GetRelease(ctx, r.ID)
		if err != nil {
			return ref, 0, err
		}
		if old.FilmID != r.FilmID {
			return ref, 0, catalog.Invalid("film_id", "a release cannot move to another film")
		}
		r.CreatedAt, r.UpdatedAt = old.CreatedAt, s.now()
		if err := q.UpdateRelease(ctx, r); err != nil {
			return ref, 0, err
		}
		if err := s.releaseEvents(ctx, q, &old, r.ID); err != nil {
			return ref, 0, err
		}
		if old.Date != r.Date {
			if err := s.cite(ctx, q, p, ref, r.FilmID, "date", r.Date.String()); err != nil {
				return ref, 0, err
			}
		}
		if old.Status != r.Status {
			if err := s.cite(ctx, q, p, ref, r.FilmID, "status", string(r.Status)); err != nil {
				return ref, 0, err
			}
		}
		return ref, r.FilmID, nil
	})
}

// DeleteRelease removes a release with its editions.
func (s *Service) DeleteRelease(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeleteRelease(ctx, id) })
}

// Edition returns one edition.
func (s *Service) Edition(ctx context.Context, id int64) (catalog.Edition, error) {
	return s.store.GetEdition(ctx, id)
}

// EditionsOfFilm returns a film's editions with their extras, for side
// by side comparison.
func (s *Service) EditionsOfFilm(ctx context.Context, filmID int64) ([]EditionDetail, error) {
	editions, err := s.store.ListEditions(ctx, catalog.EditionFilter{FilmID: filmID})
	if err != nil {
		return nil, err
	}
	extras, err := s.store.ListExtras(ctx, catalog.ExtraFilter{FilmID: filmID})
	if err != nil {
		return nil, err
	}
	byEdition := map[int64][]catalog.Extra{}
	for _, x := range extras {
		byEdition[x.EditionID] = append(byEdition[x.EditionID], x)
	}
	out := make([]EditionDetail, len(editions))
	for i, e := range editions {
		out[i] = EditionDetail{Edition: e, Extras: byEdition[e.ID]}
	}
	return out, nil
}

// CreateEdition stores a new edition of a release.
func (s *Service) CreateEdition(ctx context.Context, e *catalog.Edition, p Provenance) error {
	e.CreatedAt, e.UpdatedAt = s.now(), s.now()
	return s.writeCited(ctx, p, e, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		rel, err := q.GetRelease(ctx, e.ReleaseID)
		if err != nil {
			return catalog.EntityRef{}, 0, asInvalidRef("release_id", err)
		}
		err = q.CreateEdition(ctx, e)
		if err == nil {
			err = s.editionEvents(ctx, q, e.ID)
		}
		return catalog.EntityRef{Type: catalog.EntityEdition, ID: e.ID}, rel.FilmID, err
	})
}

// UpdateEdition replaces the edition with e.ID.
func (s *Service) UpdateEdition(ctx context.Context, e *catalog.Edition, p Provenance) error {
	return s.writeCited(ctx, p, e, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		ref := catalog.EntityRef{Type: catalog.EntityEdition, ID: e.ID}
		old, err := q.GetEdition(ctx, e.ID)
		if err != nil {
			return ref, 0, err
		}
		rel, err := q.GetRelease(ctx, e.ReleaseID)
		if err != nil {
			return ref, 0, asInvalidRef("release_id", err)
		}
		if rel.FilmID != old.FilmID {
			return ref, 0, catalog.Invalid("release_id", "an edition cannot move to another film's release")
		}
		e.CreatedAt, e.UpdatedAt = old.CreatedAt, s.now()
		return ref, rel.FilmID, q.UpdateEdition(ctx, e)
	})
}

// DeleteEdition removes an edition with its extras.
func (s *Service) DeleteEdition(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeleteEdition(ctx, id) })
}

// Extra returns one extra.
func (s *Service) Extra(ctx context.Context, id int64) (catalog.Extra, error) {
	return s.store.GetExtra(ctx, id)
}

// CreateExtra stores a new extra with its participants.
func (s *Service) CreateExtra(ctx context.Context, x *catalog.Extra, p Provenance) error {
	return s.writeCited(ctx, p, x, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		ed, err := q.GetEdition(ctx, x.EditionID)
		if err != nil {
			return catalog.EntityRef{}, 0, asInvalidRef("edition_id", err)
		}
		if err := q.CreateExtra(ctx, x); err != nil {
			return catalog.EntityRef{}, 0, err
		}
		if err := s.citeParticipants(ctx, q, p, x, ed.FilmID); err != nil {
			return catalog.EntityRef{}, 0, err
		}
		if err := s.extraEvents(ctx, q, *x, ed.FilmID); err != nil {
			return catalog.EntityRef{}, 0, err
		}
		return catalog.EntityRef{Type: catalog.EntityExtra, ID: x.ID}, ed.FilmID, nil
	})
}

// UpdateExtra replaces the extra with x.ID and its participant list.
func (s *Service) UpdateExtra(ctx context.Context, x *catalog.Extra, p Provenance) error {
	return s.writeCited(ctx, p, x, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		ref := catalog.EntityRef{Type: catalog.EntityExtra, ID: x.ID}
		old, err := q.GetExtra(ctx, x.ID)
		if err != nil {
			return ref, 0, err
		}
		ed, err := q.GetEdition(ctx, x.EditionID)
		if err != nil {
			return ref, 0, asInvalidRef("edition_id", err)
		}
		if ed.FilmID != old.FilmID {
			return ref, 0, catalog.Invalid("edition_id", "an extra cannot move to another film's edition")
		}
		if err := q.UpdateExtra(ctx, x); err != nil {
			return ref, 0, err
		}
		return ref, ed.FilmID, s.citeParticipants(ctx, q, p, x, ed.FilmID)
	})
}

func (s *Service) citeParticipants(ctx context.Context, q catalog.Queries, p Provenance, x *catalog.Extra, filmID int64) error {
	for _, part := range x.Participants {
		ref := catalog.EntityRef{Type: catalog.EntityParticipant, ID: part.ID}
		if err := s.cite(ctx, q, p, ref, filmID, "", ""); err != nil {
			return err
		}
	}
	return nil
}

// DeleteExtra removes an extra.
func (s *Service) DeleteExtra(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeleteExtra(ctx, id) })
}

// asInvalidRef turns "X not found" for a referenced record into an
// invalid-input error on the field that referenced it.
func asInvalidRef(field string, err error) error {
	if catalog.IsKind(err, catalog.KindNotFound) {
		return catalog.Invalid(field, "%s", err.Error())
	}
	return err
}
