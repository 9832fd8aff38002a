package app

import (
	"context"
	"fmt"
	"strings"

	"github.com/marquee-film/marquee/internal/bundle"
	"github.com/marquee-film/marquee/internal/catalog"
)

// LoadReport counts what a bundle load wrote.
type LoadReport struct {
	Sources, People, Organizations, Festivals, AwardBodies int
	Films, Credits, Releases, Editions, Extras             int
	Selections, Nominations, Claims                        int
}

// LoadBundle writes a bundle into the catalog in one transaction: either
// all of it or, on the first bad record, nothing; the error names that
// record ("films[2] \"Red Rocket\": releases[0]: date: ...").
//
// Records are matched by natural key. People, organizations, festivals,
// award bodies and their editions and categories are created or updated
// in place. A film that already exists keeps its ID, and the bundle is the
// truth for it: its credits, releases, editions, extras, selections and
// nominations are replaced by the bundle's. Loading the same bundle twice
// leaves the same catalog.
func (s *Service) LoadBundle(ctx context.Context, b *bundle.Bundle) (LoadReport, error) {
	var rep LoadReport
	err := s.store.WithTx(ctx, func(q catalog.Queries) error {
		l := &loader{s: s, q: q, b: b, rep: &rep, sources: map[string]int64{}}
		return l.load(ctx)
	})
	if err != nil {
		return LoadReport{}, err
	}
	return rep, nil
}

type loader struct {
	s       *Service
	q       catalog.Queries
	b       *bundle.Bundle
	rep     *LoadReport
	sources map[string]int64 // bundle key -> source ID
}

func named(kind string, i int, name string) string {
	return fmt.Sprintf("%s[%d] %q", kind, i, name)
}

func (l *loader) load(ctx context.Context) error {
	for i := range l.b.Sources {
		if err := l.source(ctx, &l.b.Sources[i]); err != nil {
			return catalog.WithField(named("sources", i, l.b.Sources[i].Key), err)
		}
	}
	for _, key := range l.b.DefaultSources {
		if _, ok := l.sources[key]; !ok {
			return catalog.Invalid("default_sources", "source %q is not in the bundle's sources", key)
		}
	}
	for i, p := range l.b.People {
		if err := l.person(ctx, p); err != nil {
			return catalog.WithField(named("people", i, p.Slug), err)
		}
	}
	for i, o := range l.b.Organizations {
		if err := l.organization(ctx, o); err != nil {
			return catalog.WithField(named("organizations", i, o.Slug), err)
		}
	}
	for i, f := range l.b.Festivals {
		if err := l.festival(ctx, f); err != nil {
			return catalog.WithField(named("festivals", i, f.Slug), err)
		}
	}
	for i, a := range l.b.AwardBodies {
		if err := l.awardBody(ctx, a); err != nil {
			return catalog.WithField(named("award_bodies", i, a.Slug), err)
		}
	}
	for i := range l.b.Films {
		if err := l.film(ctx, &l.b.Films[i]); err != nil {
			return catalog.WithField(named("films", i, l.b.Films[i].Title), err)
		}
	}
	return nil
}

func (l *loader) source(ctx context.Context, bs *bundle.Source) error {
	if bs.Key == "" {
		return catalog.Invalid("key", "is required")
	}
	if _, dup := l.sources[bs.Key]; dup {
		return catalog.Invalid("key", "source key %q is used twice", bs.Key)
	}
	src := catalog.Source{
		Kind: bs.Kind, URL: bs.URL, Outlet: bs.Outlet, Title: bs.Title,
		PublishedOn: bs.PublishedOn, ContentHash: bs.ContentHash, Text: bs.Text,
	}
	if src.ContentHash == "" {
		if src.Text != "" {
			src.ContentHash = ContentHash(src.Text)
		} else {
			src.ContentHash = ContentHash(strings.Join([]string{"bundle-source", string(bs.Kind), bs.URL, bs.Outlet, bs.Title}, "\x1f"))
		}
	}
	src.Normalize()
	if err := src.Validate(); err != nil {
		return err
	}
	old, err := l.q.GetSourceByHash(ctx, src.ContentHash)
	switch {
	case err == nil:
		l.sources[bs.Key] = old.ID
		return nil
	case !catalog.IsKind(err, catalog.KindNotFound):
		return err
	}
	src.RetrievedAt, src.CreatedAt = l.s.now(), l.s.now()
	if err := l.q.CreateSource(ctx, &src); err != nil {
		return err
	}
	l.sources[bs.Key] = src.ID
	l.rep.Sources++
	return nil
}

// cite records the citations of one record (or the bundle's default
// sources when it has none), skipping claims already in the catalog.
func (l *loader) cite(ctx context.Context, cites []bundle.Citation, subject catalog.EntityRef, filmID int64) error {
	if len(cites) == 0 {
		for _, key := range l.b.DefaultSources {
			cites = append(cites, bundle.Citation{Source: key})
		}
	}
	if len(cites) == 0 {
		return catalog.Invalid("sources", "every record needs a source (give sources or the bundle's default_sources)")
	}
	existing, err := l.q.ListClaims(ctx, catalog.ClaimFilter{Subject: &subject})
	if err != nil {
		return err
	}
	for i, c := range cites {
		srcID, ok := l.sources[c.Source]
		if !ok {
			return catalog.Invalid(fmt.Sprintf("sources[%d]", i), "source %q is not in the bundle's sources", c.Source)
		}
		claim := catalog.Claim{
			SourceID: srcID, Subject: subject, FilmID: filmID,
			Field: c.Field, Value: c.Value, Span: c.Span, Confidence: c.Confidence,
			Preferred: c.Preferred || c.Field == "", CreatedAt: l.s.now(),
		}
		if claim.Confidence == 0 {
			claim.Confidence = 1
		}
		if err := claim.Validate(); err != nil {
			return catalog.WithField(fmt.Sprintf("sources[%d]", i), err)
		}
		if hasClaim(existing, claim) {
			continue
		}
		if err := l.q.AddClaim(ctx, &claim); err != nil {
			return err
		}
		l.rep.Claims++
	}
	return nil
}

func hasClaim(existing []catalog.Claim, c catalog.Claim) bool {
	for _, e := range existing {
		if e.SourceID == c.SourceID && e.Field == c.Field && e.Value == c.Value && e.Preferred == c.Preferred &&
			e.Confidence == c.Confidence && spanEqual(e.Span, c.Span) {
			return true
		}
	}
	return false
}

func spanEqual(a, b *catalog.Span) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func (l *loader) person(ctx context.Context, bp bundle.Person) error {
	p := catalog.Person{Slug: bp.Slug, Name: bp.Name, SortName: bp.SortName, BirthYear: bp.BirthYear, DeathYear: bp.DeathYear, ExternalIDs: bp.ExternalIDs}
	if err := requireSlug(bp.Slug); err != nil {
		return err
	}
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	old, err := l.q.GetPersonBySlug(ctx, bp.Slug)
	switch {
	case err == nil:
		p.ID, p.CreatedAt, p.UpdatedAt = old.ID, old.CreatedAt, l.s.now()
		if err := l.q.UpdatePerson(ctx, &p); err != nil {
			return err
		}
	case catalog.IsKind(err, catalog.KindNotFound):
		p.CreatedAt, p.UpdatedAt = l.s.now(), l.s.now()
		if err := l.q.CreatePerson(ctx, &p); err != nil {
			return err
		}
		l.rep.People++
	default:
		return err
	}
	return l.cite(ctx, bp.Sources, catalog.EntityRef{Type: catalog.EntityPerson, ID: p.ID}, 0)
}

func requireSlug(slug string) error {
	if slug == "" {
		return catalog.Invalid("slug", "is required in a bundle")
	}
	if !catalog.ValidSlug(slug) {
		return catalog.Invalid("slug", "%q is not a slug", slug)
	}
	return nil
}

func (l *loader) organization(ctx context.Context, bo bundle.Organization) error {
	if err := requireSlug(bo.Slug); err != nil {
		return err
	}
	o := catalog.Organization{Slug: bo.Slug, Name: bo.Name, Kinds: bo.Kinds, Country: bo.Country, Website: bo.Website}
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	old, err := l.q.GetOrganizationBySlug(ctx, bo.Slug)
	switch {
	case err == nil:
		o.ID, o.CreatedAt, o.UpdatedAt = old.ID, old.CreatedAt, l.s.now()
		if err := l.q.UpdateOrganization(ctx, &o); err != nil {
			return err
		}
	case catalog.IsKind(err, catalog.KindNotFound):
		o.CreatedAt, o.UpdatedAt = l.s.now(), l.s.now()
		if err := l.q.CreateOrganization(ctx, &o); err != nil {
			return err
		}
		l.rep.Organizations++
	default:
		return err
	}
	return l.cite(ctx, bo.Sources, catalog.EntityRef{Type: catalog.EntityOrganization, ID: o.ID}, 0)
}

func (l *loader) festival(ctx context.Context, bf bundle.Festival) error {
	if err := requireSlug(bf.Slug); err != nil {
		return err
	}
	f := catalog.Festival{Slug: bf.Slug, Name: bf.Name, Country: bf.Country, City: bf.City, Website: bf.Website}
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	old, err := l.q.GetFestivalBySlug(ctx, bf.Slug)
	switch {
	case err == nil:
		f.ID, f.CreatedAt, f.UpdatedAt = old.ID, old.CreatedAt, l.s.now()
		if err := l.q.UpdateFestival(ctx, &f); err != nil {
			return err
		}
	case catalog.IsKind(err, catalog.KindNotFound):
		f.CreatedAt, f.UpdatedAt = l.s.now(), l.s.now()
		if err := l.q.CreateFestival(ctx, &f); err != nil {
			return err
		}
		l.rep.Festivals++
	default:
		return err
	}
	if err := l.cite(ctx, bf.Sources, catalog.EntityRef{Type: catalog.EntityFestival, ID: f.ID}, 0); err != nil {
		return err
	}
	for i, be := range bf.Editions {
		e := catalog.FestivalEdition{FestivalID: f.ID, Year: be.Year, StartsOn: be.StartsOn, EndsOn: be.EndsOn, Place: be.Place}
		e.Normalize()
		if err := e.Validate(); err != nil {
			return catalog.WithField(fmt.Sprintf("editions[%d]", i), err)
		}
		old, err := l.q.GetFestivalEditionByYear(ctx, f.ID, be.Year)
		switch {
		case err == nil:
			e.ID = old.ID
			err = l.q.UpdateFestivalEdition(ctx, &e)
		case catalog.IsKind(err, catalog.KindNotFound):
			err = l.q.CreateFestivalEdition(ctx, &e)
		}
		if err == nil {
			err = l.cite(ctx, bf.Sources, catalog.EntityRef{Type: catalog.EntityFestivalEdition, ID: e.ID}, 0)
		}
		if err != nil {
			return catalog.WithField(fmt.Sprintf("editions[%d]", i), err)
		}
	}
	return nil
}

func (l *loader) awardBody(ctx context.Context, ba bundle.AwardBody) error {
	if err := requireSlug(ba.Slug); err != nil {
		return err
	}
	b := catalog.AwardBody{Slug: ba.Slug, Name: ba.Name}
	if ba.Festival != "" {
		f, err := l.q.GetFestivalBySlug(ctx, ba.Festival)
		if err != nil {
			return catalog.WithField("festival", asInvalidRef("festival", err))
		}
		b.FestivalID = f.ID
	}
	b.Normalize()
	if err := b.Validate(); err != nil {
		return err
	}
	old, err := l.q.GetAwardBodyBySlug(ctx, ba.Slug)
	switch {
	case err == nil:
		b.ID, b.CreatedAt, b.UpdatedAt = old.ID, old.CreatedAt, l.s.now()
		if err := l.q.UpdateAwardBody(ctx, &b); err != nil {
			return err
		}
	case catalog.IsKind(err, catalog.KindNotFound):
		b.CreatedAt, b.UpdatedAt = l.s.now(), l.s.now()
		if err := l.q.CreateAwardBody(ctx, &b); err != nil {
			return err
		}
		l.rep.AwardBodies++
	default:
		return err
	}
	if err := l.cite(ctx, ba.Sources, catalog.EntityRef{Type: catalog.EntityAwardBody, ID: b.ID}, 0); err != nil {
		return err
	}
	cats, err := l.q.ListAwardCategories(ctx, b.ID)
	if err != nil {
		return err
	}
	for i, bc := range ba.Categories {
		c := catalog.AwardCategory{AwardBodyID: b.ID, Name: bc.Name, PersonAward: bc.PersonAward}
		c.Normalize()
		if err := c.Validate(); err != nil {
			return catalog.WithField(fmt.Sprintf("categories[%d]", i), err)
		}
		if old := findCategory(cats, c.Name); old != nil {
			c.ID = old.ID
			err = l.q.UpdateAwardCategory(ctx, &c)
		} else {
			err = l.q.CreateAwardCategory(ctx, &c)
		}
		if err == nil {
			err = l.cite(ctx, ba.Sources, catalog.EntityRef{Type: catalog.EntityAwardCategory, ID: c.ID}, 0)
		}
		if err != nil {
			return catalog.WithField(fmt.Sprintf("categories[%d]", i), err)
		}
	}
	return nil
}

func findCategory(cats []catalog.AwardCategory, name string) *catalog.AwardCategory {
	for i := range cats {
		if catalog.FoldText(cats[i].Name) == catalog.FoldText(name) {
			return &cats[i]
		}
	}
	return nil
}
