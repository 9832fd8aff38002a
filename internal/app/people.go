package app

import (
	"context"

	"github.com/marquee-film/marquee/internal/catalog"
)

// ListPeople returns one page of people and the next cursor.
func (s *Service) ListPeople(ctx context.Context, f catalog.PersonFilter) ([]catalog.Person, string, error) {
	return s.store.ListPeople(ctx, f)
}

// CreatePerson stores a new person.
func (s *Service) CreatePerson(ctx context.Context, pr *catalog.Person, p Provenance) error {
	pr.CreatedAt, pr.UpdatedAt = s.now(), s.now()
	return s.writeCited(ctx, p, pr, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.CreatePerson(ctx, pr)
		return catalog.EntityRef{Type: catalog.EntityPerson, ID: pr.ID}, 0, err
	})
}

// UpdatePerson replaces the person with pr.ID.
func (s *Service) UpdatePerson(ctx context.Context, pr *catalog.Person, p Provenance) error {
	return s.writeCited(ctx, p, pr, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		old, err := q.GetPerson(ctx, pr.ID)
		if err != nil {
			return catalog.EntityRef{}, 0, err
		}
		if pr.Slug == "" {
			pr.Slug = old.Slug
		}
		pr.CreatedAt, pr.UpdatedAt = old.CreatedAt, s.now()
		err = q.UpdatePerson(ctx, pr)
		return catalog.EntityRef{Type: catalog.EntityPerson, ID: pr.ID}, 0, err
	})
}

// DeletePerson removes a person who is no longer credited anywhere.
func (s *Service) DeletePerson(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeletePerson(ctx, id) })
}

// PersonDetail is a person with their filmography, the extras they take
// part in and their award nominations.
type PersonDetail struct {
	Person      catalog.Person
	Credits     []catalog.Credit
	Extras      []PersonExtra
	Nominations []catalog.Nomination
}

// PersonExtra is an extra a person takes part in, with its film.
type PersonExtra struct {
	catalog.Extra
	FilmTitle string
	FilmSlug  string
	FilmYear  int
	Role      string // the person's role in the extra
}

// PersonDetail assembles the person with the given ID or slug.
func (s *Service) PersonDetail(ctx context.Context, ref string) (*PersonDetail, error) {
	pr, err := s.Person(ctx, ref)
	if err != nil {
		return nil, err
	}
	d := &PersonDetail{Person: pr}
	if d.Credits, err = s.store.ListCredits(ctx, catalog.CreditFilter{PersonID: pr.ID}); err != nil {
		return nil, err
	}
	extras, err := s.store.ListExtras(ctx, catalog.ExtraFilter{PersonID: pr.ID})
	if err != nil {
		return nil, err
	}
	films := map[int64]catalog.Film{}
	for _, x := range extras {
		f, ok := films[x.FilmID]
		if !ok {
			if f, err = s.store.GetFilm(ctx, x.FilmID); err != nil {
				return nil, err
			}
			films[x.FilmID] = f
		}
		pe := PersonExtra{Extra: x, FilmTitle: f.Title, FilmSlug: f.Slug, FilmYear: f.Year}
		for _, part := range x.Participants {
			if part.PersonID == pr.ID {
				pe.Role = part.Role
			}
		}
		d.Extras = append(d.Extras, pe)
	}
	if d.Nominations, err = s.store.ListNominations(ctx, catalog.NominationFilter{PersonID: pr.ID}); err != nil {
		return nil, err
	}
	return d, nil
}

// CreateCredit stores a new credit.
func (s *Service) CreateCredit(ctx context.Context, c *catalog.Credit, p Provenance) error {
	return s.writeCited(ctx, p, c, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.CreateCredit(ctx, c)
		if err == nil {
			err = s.creditEvents(ctx, q, *c)
		}
		return catalog.EntityRef{Type: catalog.EntityCredit, ID: c.ID}, c.FilmID, err
	})
}

// UpdateCredit replaces the credit with c.ID.
func (s *Service) UpdateCredit(ctx context.Context, c *catalog.Credit, p Provenance) error {
	return s.writeCited(ctx, p, c, func(q catalog.Queries) (catalog.EntityRef, int64, error) {
		err := q.UpdateCredit(ctx, c)
		return catalog.EntityRef{Type: catalog.EntityCredit, ID: c.ID}, c.FilmID, err
	})
}

// Credit returns one credit.
func (s *Service) Credit(ctx context.Context, id int64) (catalog.Credit, error) {
	return s.store.GetCredit(ctx, id)
}

// DeleteCredit removes a credit.
func (s *Service) DeleteCredit(ctx context.Context, id int64) error {
	return s.deleteIn(ctx, func(ctx context.Context, q catalog.Queries) error { return q.DeleteCredit(ctx, id) })
}
