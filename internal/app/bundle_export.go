package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/marquee-film/marquee/internal/bundle"
	"github.com/marquee-film/marquee/internal/catalog"
)

// ExportBundle writes the whole catalog as a bundle. With filmRef set it
// writes only that film and the people, organizations, festivals, award
// bodies and sources it refers to. Loading the result into an empty
// catalog and exporting again gives the same bundle.
func (s *Service) ExportBundle(ctx context.Context, filmRef string) (*bundle.Bundle, error) {
	x := &exporter{s: s, sourceKeys: map[int64]string{}, people: map[int64]bool{}, orgs: map[int64]bool{}, festivals: map[int64]bool{}, bodies: map[int64]bool{}}
	var films []catalog.Film
	if filmRef != "" {
		f, err := s.Film(ctx, filmRef)
		if err != nil {
			return nil, err
		}
		films = []catalog.Film{f}
	} else {
		var err error
		if films, err = collect(ctx, func(p catalog.Page) ([]catalog.Film, string, error) {
			return s.store.ListFilms(ctx, catalog.FilmFilter{Page: p})
		}); err != nil {
			return nil, err
		}
		if err := x.markAll(ctx); err != nil {
			return nil, err
		}
	}
	b := &bundle.Bundle{Format: bundle.FormatName, Version: bundle.Version}
	for _, f := range films {
		bf, err := x.film(ctx, f.Slug)
		if err != nil {
			return nil, err
		}
		b.Films = append(b.Films, bf)
	}
	if err := x.fill(ctx, b); err != nil {
		return nil, err
	}
	return b, nil
}

type exporter struct {
	s                               *Service
	sourceKeys                      map[int64]string
	people, orgs, festivals, bodies map[int64]bool
}

// collect pages through a list.
func collect[T any](ctx context.Context, list func(catalog.Page) ([]T, string, error)) ([]T, error) {
	var all []T
	p := catalog.Page{Limit: catalog.MaxPageLimit}
	for {
		items, next, err := list(p)
		if err != nil {
			return nil, err
		}
		all = append(all, items...)
		if next == "" {
			return all, nil
		}
		p.After = next
	}
}

// markAll includes every person, organization, festival and award body,
// referenced or not.
func (x *exporter) markAll(ctx context.Context) error {
	people, err := collect(ctx, func(p catalog.Page) ([]catalog.Person, string, error) {
		return x.s.store.ListPeople(ctx, catalog.PersonFilter{Page: p})
	})
	if err != nil {
		return err
	}
	for _, p := range people {
		x.people[p.ID] = true
	}
	orgs, err := collect(ctx, func(p catalog.Page) ([]catalog.Organization, string, error) {
		return x.s.store.ListOrganizations(ctx, catalog.OrganizationFilter{Page: p})
	})
	if err != nil {
		return err
	}
	for _, o := range orgs {
		x.orgs[o.ID] = true
	}
	fests, err := collect(ctx, func(p catalog.Page) ([]catalog.Festival, string, error) { return x.s.store.ListFestivals(ctx, p) })
	if err != nil {
		return err
	}
	for _, f := range fests {
		x.festivals[f.ID] = true
	}
	bodies, err := collect(ctx, func(p catalog.Page) ([]catalog.AwardBody, string, error) { return x.s.store.ListAwardBodies(ctx, p) })
	if err != nil {
		return err
	}
	for _, b := range bodies {
		x.bodies[b.ID] = true
	}
	return nil
}

func (x *exporter) citations(claims []catalog.Claim) []bundle.Citation {
	var out []bundle.Citation
	for _, c := range claims {
		key, ok := x.sourceKeys[c.SourceID]
		if !ok {
			key = fmt.Sprintf("source-%d", c.SourceID)
			x.sourceKeys[c.SourceID] = key
		}
		bc := bundle.Citation{Source: key, Field: c.Field, Value: c.Value, Span: c.Span}
		if c.Confidence != 1 {
			bc.Confidence = c.Confidence
		}
		if c.Field != "" {
			bc.Preferred = c.Preferred
		}
		out = append(out, bc)
	}
	return out
}

func (x *exporter) claimsOf(ctx context.Context, t catalog.EntityType, id int64) ([]bundle.Citation, error) {
	claims, err := x.s.store.ListClaims(ctx, catalog.ClaimFilter{Subject: &catalog.EntityRef{Type: t, ID: id}})
	if err != nil {
		return nil, err
	}
	return x.citations(claims), nil
}

func (x *exporter) film(ctx context.Context, slug string) (bundle.Film, error) {
	d, err := x.s.FilmDetail(ctx, slug)
	if err != nil {
		return bundle.Film{}, err
	}
	cites := func(t catalog.EntityType, id int64) []bundle.Citation { return x.citations(d.ClaimsAbout(t, id)) }
	f := d.Film
	bf := bundle.Film{
		Slug: f.Slug, Title: f.Title, OriginalTitle: f.OriginalTitle, Year: f.Year,
		RuntimeMinutes: f.RuntimeMinutes, Synopsis: f.Synopsis, Tagline: f.Tagline, Genres: f.Genres,
		Status: f.Status, ExternalIDs: f.ExternalIDs, Trailers: f.Trailers,
		Sources: cites(catalog.EntityFilm, f.ID),
	}
	for _, c := range d.Credits {
		x.people[c.PersonID] = true
		bf.Credits = append(bf.Credits, bundle.Credit{
			Person: c.PersonSlug, Job: c.Job, Department: c.Department, Character: c.Character,
			Billing: c.Billing, Note: c.Note, Sources: cites(catalog.EntityCredit, c.ID),
		})
	}
	for _, r := range d.Releases {
		br := bundle.Release{Country: r.Country, Type: r.Type, Date: r.Date, Status: r.Status,
			Distributor: r.DistributorSlug, Note: r.Note, Sources: cites(catalog.EntityRelease, r.ID)}
		if r.DistributorID != 0 {
			x.orgs[r.DistributorID] = true
		}
		if r.FestivalEdition != nil {
			x.festivals[r.FestivalEdition.FestivalID] = true
			br.Festival = &bundle.FestivalRef{Festival: r.FestivalEdition.FestivalSlug, Year: r.FestivalEdition.Year}
		}
		for _, e := range r.Editions {
			be := bundle.Edition{Name: e.Name, Label: e.LabelSlug, Formats: e.Formats, Regions: e.Regions,
				Barcode: e.Barcode, CatalogNumber: e.CatalogNumber, Packaging: e.Packaging, DiscCount: e.DiscCount,
				LimitedTo: e.LimitedTo, RetailerExclusive: e.RetailerExclusive, Sources: cites(catalog.EntityEdition, e.ID)}
			if e.LabelID != 0 {
				x.orgs[e.LabelID] = true
			}
			if !e.Price.IsZero() {
				p := e.Price
				be.Price = &p
			}
			for _, ex := range e.Extras {
				bx := bundle.Extra{Kind: ex.Kind, Title: ex.Title, RuntimeSeconds: ex.RuntimeSeconds,
					Description: ex.Description, Vintage: ex.Vintage, ExclusiveFormats: ex.ExclusiveFormats,
					Sources: cites(catalog.EntityExtra, ex.ID)}
				for _, p := range ex.Participants {
					x.people[p.PersonID] = true
					bx.Participants = append(bx.Participants, bundle.Participant{Person: p.PersonSlug, Role: p.Role})
				}
				be.Extras = append(be.Extras, bx)
			}
			br.Editions = append(br.Editions, be)
		}
		bf.Releases = append(bf.Releases, br)
	}
	for _, sel := range d.Selections {
		fe, err := x.s.store.GetFestivalEdition(ctx, sel.FestivalEditionID)
		if err != nil {
			return bf, err
		}
		x.festivals[fe.FestivalID] = true
		bf.Selections = append(bf.Selections, bundle.Selection{Festival: sel.FestivalSlug, Year: sel.Year,
			Section: sel.Section, Premiere: sel.Premiere, Note: sel.Note, Sources: cites(catalog.EntitySelection, sel.ID)})
	}
	for _, n := range d.Nominations {
		cat, err := x.s.store.GetAwardCategory(ctx, n.CategoryID)
		if err != nil {
			return bf, err
		}
		x.bodies[cat.AwardBodyID] = true
		bn := bundle.Nomination{AwardBody: n.AwardBodySlug, Category: n.CategoryName, Year: n.Year,
			Ceremony: n.Ceremony, Person: n.PersonSlug, Result: n.Result, Note: n.Note,
			Sources: cites(catalog.EntityNomination, n.ID)}
		if n.PersonID != 0 {
			x.people[n.PersonID] = true
		}
		if n.FestivalEditionID != 0 {
			fe, err := x.s.store.GetFestivalEdition(ctx, n.FestivalEditionID)
			if err != nil {
				return bf, err
			}
			bn.FestivalYear = fe.Year
		}
		bf.Nominations = append(bf.Nominations, bn)
	}
	return bf, nil
}

// fill adds the marked people, organizations, festivals, award bodies and
// the cited sources, each sorted by slug (sources by ID).
func (x *exporter) fill(ctx context.Context, b *bundle.Bundle) error {
	// Award bodies may name festivals; mark those first.
	for _, id := range sortedIDs(x.bodies) {
		ab, err := x.s.store.GetAwardBody(ctx, id)
		if err != nil {
			return err
		}
		if ab.FestivalID != 0 {
			x.festivals[ab.FestivalID] = true
		}
		ba := bundle.AwardBody{Slug: ab.Slug, Name: ab.Name}
		if ab.FestivalID != 0 {
			f, err := x.s.store.GetFestival(ctx, ab.FestivalID)
			if err != nil {
				return err
			}
			ba.Festival = f.Slug
		}
		cats, err := x.s.store.ListAwardCategories(ctx, ab.ID)
		if err != nil {
			return err
		}
		for _, c := range cats {
			ba.Categories = append(ba.Categories, bundle.AwardCategory{Name: c.Name, PersonAward: c.PersonAward})
		}
		if ba.Sources, err = x.claimsOf(ctx, catalog.EntityAwardBody, ab.ID); err != nil {
			return err
		}
		b.AwardBodies = append(b.AwardBodies, ba)
	}
	for _, id := range sortedIDs(x.people) {
		p, err := x.s.store.GetPerson(ctx, id)
		if err != nil {
			return err
		}
		bp := bundle.Person{Slug: p.Slug, Name: p.Name, BirthYear: p.BirthYear, DeathYear: p.DeathYear, ExternalIDs: p.ExternalIDs}
		if p.SortName != catalog.DefaultSortName(p.Name) {
			bp.SortName = p.SortName
		}
		if bp.Sources, err = x.claimsOf(ctx, catalog.EntityPerson, p.ID); err != nil {
			return err
		}
		b.People = append(b.People, bp)
	}
	for _, id := range sortedIDs(x.orgs) {
		o, err := x.s.store.GetOrganization(ctx, id)
		if err != nil {
			return err
		}
		bo := bundle.Organization{Slug: o.Slug, Name: o.Name, Kinds: o.Kinds, Country: o.Country, Website: o.Website}
		if bo.Sources, err = x.claimsOf(ctx, catalog.EntityOrganization, o.ID); err != nil {
			return err
		}
		b.Organizations = append(b.Organizations, bo)
	}
	for _, id := range sortedIDs(x.festivals) {
		f, err := x.s.store.GetFestival(ctx, id)
		if err != nil {
			return err
		}
		bf := bundle.Festival{Slug: f.Slug, Name: f.Name, Country: f.Country, City: f.City, Website: f.Website}
		eds, err := x.s.store.ListFestivalEditions(ctx, f.ID)
		if err != nil {
			return err
		}
		for _, e := range eds {
			bf.Editions = append(bf.Editions, bundle.FestivalEdition{Year: e.Year, StartsOn: e.StartsOn, EndsOn: e.EndsOn, Place: e.Place})
		}
		if bf.Sources, err = x.claimsOf(ctx, catalog.EntityFestival, f.ID); err != nil {
			return err
		}
		b.Festivals = append(b.Festivals, bf)
	}
	slices.SortFunc(b.People, func(a, c bundle.Person) int { return cmp.Compare(a.Slug, c.Slug) })
	slices.SortFunc(b.Organizations, func(a, c bundle.Organization) int { return cmp.Compare(a.Slug, c.Slug) })
	slices.SortFunc(b.Festivals, func(a, c bundle.Festival) int { return cmp.Compare(a.Slug, c.Slug) })
	slices.SortFunc(b.AwardBodies, func(a, c bundle.AwardBody) int { return cmp.Compare(a.Slug, c.Slug) })
	ids := make([]int64, 0, len(x.sourceKeys))
	for id := range x.sourceKeys {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		src, err := x.s.store.GetSource(ctx, id)
		if err != nil {
			return err
		}
		b.Sources = append(b.Sources, bundle.Source{Key: x.sourceKeys[id], Kind: src.Kind, URL: src.URL, Outlet: src.Outlet,
			Title: src.Title, PublishedOn: src.PublishedOn, ContentHash: src.ContentHash, Text: src.Text})
	}
	return nil
}

func sortedIDs(m map[int64]bool) []int64 {
	ids := make([]int64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
