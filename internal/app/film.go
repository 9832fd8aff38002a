package app

import (
	"cmp"
	"context"
	"slices"

	"github.com/marquee-film/marquee/internal/catalog"
)

// FilmQuery lists films: the store's filter plus a label given by slug.
type FilmQuery struct {
	catalog.FilmFilter
	Label string // organization slug or ID; narrows to its releases and editions
}

// ListFilms returns one page of films and the cursor of the next.
func (s *Service) ListFilms(ctx context.Context, fq FilmQuery) ([]catalog.Film, string, error) {
	f := fq.FilmFilter
	if fq.Label != "" {
		id, err := s.organizationID(ctx, "label", fq.Label)
		if err != nil {
			return nil, "", err
		}
		f.LabelID = id
	}
	if f.Country != "" && !catalog.ValidCountry(f.Country) {
		return nil, "", catalog.Invalid("country", "%q is not an ISO 3166-1 alpha-2 country code", f.Country)
	}
	if f.ReleaseType != "" {
		if _, err := catalog.ParseEnum("release_type", string(f.ReleaseType), catalog.ReleaseTypes); err != nil {
			return nil, "", err
		}
	}
	if f.Format != "" {
		if _, err := catalog.ParseEnum("format", string(f.Format), catalog.Formats); err != nil {
			return nil, "", err
		}
	}
	return s.store.ListFilms(ctx, f)
}

// CreateFilm validates f, stores it and cites p's source for it.
func (s *Service) CreateFilm(ctx context.Context, f *catalog.Film, p Provenance) error {
	if err := p.validate(); err != nil {
		return err
	}
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	f.CreatedAt, f.UpdatedAt = s.now(), s.now()
	return s.store.WithTx(ctx, func(q catalog.Queries) error {
		if err := q.CreateFilm(ctx, f); err != nil {
			return err
		}
		return s.cite(ctx, q, p, catalog.EntityRef{Type: catalog.EntityFilm, ID: f.ID}, f.ID, "", "")
	})
}

// UpdateFilm replaces the film with f.ID by f, keeping its creation time
// and slug when f has none, and cites p's source.
func (s *Service) UpdateFilm(ctx context.Context, f *catalog.Film, p Provenance) error {
	if err := p.validate(); err != nil {
		return err
	}
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	return s.store.WithTx(ctx, func(q catalog.Queries) error {
		old, err := q.GetFilm(ctx, f.ID)
		if err != nil {
			return err
		}
		if f.Slug == "" {
			f.Slug = old.Slug
		}
		f.CreatedAt, f.UpdatedAt = old.CreatedAt, s.now()
		if err := q.UpdateFilm(ctx, f); err != nil {
			return err
		}
		return s.cite(ctx, q, p, catalog.EntityRef{Type: catalog.EntityFilm, ID: f.ID}, f.ID, "", "")
	})
}

// DeleteFilm removes a film and everything that belongs to it.
func (s *Service) DeleteFilm(ctx context.Context, id int64) error {
	return s.store.WithTx(ctx, func(q catalog.Queries) error { return q.DeleteFilm(ctx, id) })
}

// FilmDetail is a film in full: everything the catalog knows about it and
// where each fact came from.
type FilmDetail struct {
	Film        catalog.Film
	Credits     []catalog.Credit
	Releases    []ReleaseDetail
	Selections  []catalog.Selection
	Nominations []catalog.Nomination
	Claims      []catalog.Claim
	Sources     []catalog.Source
}

// ReleaseDetail is a release with its editions.
type ReleaseDetail struct {
	catalog.Release
	FestivalEdition *catalog.FestivalEdition
	Editions        []EditionDetail
}

// EditionDetail is an edition with its extras.
type EditionDetail struct {
	catalog.Edition
	Extras []catalog.Extra
}

// ClaimsAbout returns the claims about one record, preferred first.
func (d *FilmDetail) ClaimsAbout(t catalog.EntityType, id int64) []catalog.Claim {
	var out []catalog.Claim
	for _, c := range d.Claims {
		if c.Subject.Type == t && c.Subject.ID == id {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b catalog.Claim) int {
		switch {
		case a.Preferred == b.Preferred:
			return 0
		case a.Preferred:
			return -1
		}
		return 1
	})
	return out
}

// FilmDetail assembles the film with the given ID or slug in full.
func (s *Service) FilmDetail(ctx context.Context, ref string) (*FilmDetail, error) {
	f, err := s.Film(ctx, ref)
	if err != nil {
		return nil, err
	}
	d := &FilmDetail{Film: f}
	if d.Credits, err = s.store.ListCredits(ctx, catalog.CreditFilter{FilmID: f.ID}); err != nil {
		return nil, err
	}
	releases, err := s.allReleases(ctx, catalog.ReleaseFilter{FilmID: f.ID, IncludeTBA: true})
	if err != nil {
		return nil, err
	}
	editions, err := s.store.ListEditions(ctx, catalog.EditionFilter{FilmID: f.ID})
	if err != nil {
		return nil, err
	}
	extras, err := s.store.ListExtras(ctx, catalog.ExtraFilter{FilmID: f.ID})
	if err != nil {
		return nil, err
	}
	d.Releases = assembleReleases(releases, editions, extras)
	for i := range d.Releases {
		r := &d.Releases[i]
		if r.FestivalEditionID != 0 {
			fe, err := s.store.GetFestivalEdition(ctx, r.FestivalEditionID)
			if err != nil {
				return nil, err
			}
			r.FestivalEdition = &fe
		}
	}
	if d.Selections, err = s.store.ListSelections(ctx, catalog.SelectionFilter{FilmID: f.ID}); err != nil {
		return nil, err
	}
	if d.Nominations, err = s.store.ListNominations(ctx, catalog.NominationFilter{FilmID: f.ID}); err != nil {
		return nil, err
	}
	if d.Claims, err = s.store.ListClaims(ctx, catalog.ClaimFilter{FilmID: f.ID}); err != nil {
		return nil, err
	}
	if d.Sources, err = s.sourcesOf(ctx, d.Claims); err != nil {
		return nil, err
	}
	return d, nil
}

func assembleReleases(releases []catalog.Release, editions []catalog.Edition, extras []catalog.Extra) []ReleaseDetail {
	extrasByEdition := map[int64][]catalog.Extra{}
	for _, x := range extras {
		extrasByEdition[x.EditionID] = append(extrasByEdition[x.EditionID], x)
	}
	editionsByRelease := map[int64][]EditionDetail{}
	for _, e := range editions {
		editionsByRelease[e.ReleaseID] = append(editionsByRelease[e.ReleaseID], EditionDetail{Edition: e, Extras: extrasByEdition[e.ID]})
	}
	out := make([]ReleaseDetail, len(releases))
	for i, r := range releases {
		out[i] = ReleaseDetail{Release: r, Editions: editionsByRelease[r.ID]}
	}
	return out
}

// sourcesOf loads the distinct sources cited by claims, oldest ID first.
func (s *Service) sourcesOf(ctx context.Context, claims []catalog.Claim) ([]catalog.Source, error) {
	var ids []int64
	for _, c := range claims {
		ids = append(ids, c.SourceID)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if len(ids) == 0 {
		return nil, nil
	}
	srcs, err := s.store.GetSources(ctx, ids)
	if err != nil {
		return nil, err
	}
	slices.SortFunc(srcs, func(a, b catalog.Source) int { return cmp.Compare(a.ID, b.ID) })
	return srcs, nil
}

// allReleases pages through every release matching f.
func (s *Service) allReleases(ctx context.Context, f catalog.ReleaseFilter) ([]catalog.Release, error) {
	f.Limit = catalog.MaxPageLimit
	var all []catalog.Release
	for {
		page, next, err := s.store.ListReleases(ctx, f)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if next == "" {
			return all, nil
		}
		f.After = next
	}
}
