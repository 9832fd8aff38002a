package app

import (
	"context"
	"fmt"

	"github.com/marquee-film/marquee/internal/bundle"
	"github.com/marquee-film/marquee/internal/catalog"
)

func (l *loader) film(ctx context.Context, bf *bundle.Film) error {
	if err := requireSlug(bf.Slug); err != nil {
		return err
	}
	f := catalog.Film{
		Slug: bf.Slug, Title: bf.Title, OriginalTitle: bf.OriginalTitle, Year: bf.Year,
		RuntimeMinutes: bf.RuntimeMinutes, Synopsis: bf.Synopsis, Tagline: bf.Tagline,
		Genres: bf.Genres, Status: bf.Status, ExternalIDs: bf.ExternalIDs, Trailers: bf.Trailers,
	}
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	old, err := l.q.GetFilmBySlug(ctx, bf.Slug)
	switch {
	case err == nil:
		f.ID, f.CreatedAt, f.UpdatedAt = old.ID, old.CreatedAt, l.s.now()
		if err := l.q.UpdateFilm(ctx, &f); err != nil {
			return err
		}
		if err := l.clearFilm(ctx, f.ID); err != nil {
			return err
		}
	case catalog.IsKind(err, catalog.KindNotFound):
		f.CreatedAt, f.UpdatedAt = l.s.now(), l.s.now()
		if err := l.q.CreateFilm(ctx, &f); err != nil {
			return err
		}
		l.rep.Films++
	default:
		return err
	}
	if err := l.cite(ctx, bf.Sources, catalog.EntityRef{Type: catalog.EntityFilm, ID: f.ID}, f.ID); err != nil {
		return err
	}
	for i, bc := range bf.Credits {
		if err := l.credit(ctx, f.ID, bc); err != nil {
			return catalog.WithField(fmt.Sprintf("credits[%d]", i), err)
		}
	}
	for i := range bf.Releases {
		if err := l.release(ctx, f.ID, &bf.Releases[i]); err != nil {
			return catalog.WithField(fmt.Sprintf("releases[%d]", i), err)
		}
	}
	for i, bs := range bf.Selections {
		if err := l.selection(ctx, f.ID, bs); err != nil {
			return catalog.WithField(fmt.Sprintf("selections[%d]", i), err)
		}
	}
	for i, bn := range bf.Nominations {
		if err := l.nomination(ctx, f.ID, bn); err != nil {
			return catalog.WithField(fmt.Sprintf("nominations[%d]", i), err)
		}
	}
	return nil
}

// clearFilm removes what belongs to an existing film before the bundle's
// version of it is written.
func (l *loader) clearFilm(ctx context.Context, filmID int64) error {
	credits, err := l.q.ListCredits(ctx, catalog.CreditFilter{FilmID: filmID})
	if err != nil {
		return err
	}
	for _, c := range credits {
		if err := l.q.DeleteCredit(ctx, c.ID); err != nil {
			return err
		}
	}
	releases, _, err := l.q.ListReleases(ctx, catalog.ReleaseFilter{FilmID: filmID, IncludeTBA: true, Page: catalog.Page{Limit: catalog.MaxPageLimit}})
	if err != nil {
		return err
	}
	for _, r := range releases {
		if err := l.q.DeleteRelease(ctx, r.ID); err != nil {
			return err
		}
	}
	sels, err := l.q.ListSelections(ctx, catalog.SelectionFilter{FilmID: filmID})
	if err != nil {
		return err
	}
	for _, s := range sels {
		if err := l.q.DeleteSelection(ctx, s.ID); err != nil {
			return err
		}
	}
	noms, err := l.q.ListNominations(ctx, catalog.NominationFilter{FilmID: filmID})
	if err != nil {
		return err
	}
	for _, n := range noms {
		if err := l.q.DeleteNomination(ctx, n.ID); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) personID(ctx context.Context, field, slug string) (int64, error) {
	if slug == "" {
		return 0, catalog.Invalid(field, "is required")
	}
	p, err := l.q.GetPersonBySlug(ctx, slug)
	if catalog.IsKind(err, catalog.KindNotFound) {
		return 0, catalog.Invalid(field, "person %q is not in the bundle or the catalog", slug)
	}
	return p.ID, err
}

func (l *loader) orgID(ctx context.Context, field, slug string) (int64, error) {
	if slug == "" {
		return 0, nil
	}
	o, err := l.q.GetOrganizationBySlug(ctx, slug)
	if catalog.IsKind(err, catalog.KindNotFound) {
		return 0, catalog.Invalid(field, "organization %q is not in the bundle or the catalog", slug)
	}
	return o.ID, err
}

func (l *loader) festivalEditionID(ctx context.Context, field, festival string, year int) (int64, error) {
	f, err := l.q.GetFestivalBySlug(ctx, festival)
	if catalog.IsKind(err, catalog.KindNotFound) {
		return 0, catalog.Invalid(field, "festival %q is not in the bundle or the catalog", festival)
	}
	if err != nil {
		return 0, err
	}
	e, err := l.q.GetFestivalEditionByYear(ctx, f.ID, year)
	if catalog.IsKind(err, catalog.KindNotFound) {
		return 0, catalog.Invalid(field, "festival %q has no %d edition", festival, year)
	}
	return e.ID, err
}

func (l *loader) credit(ctx context.Context, filmID int64, bc bundle.Credit) error {
	pid, err := l.personID(ctx, "person", bc.Person)
	if err != nil {
		return err
	}
	c := catalog.Credit{FilmID: filmID, PersonID: pid, Department: bc.Department, Job: bc.Job, Character: bc.Character, Billing: bc.Billing, Note: bc.Note}
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	if err := l.q.CreateCredit(ctx, &c); err != nil {
		return err
	}
	l.rep.Credits++
	return l.cite(ctx, bc.Sources, catalog.EntityRef{Type: catalog.EntityCredit, ID: c.ID}, filmID)
}

func (l *loader) release(ctx context.Context, filmID int64, br *bundle.Release) error {
	r := catalog.Release{FilmID: filmID, Country: br.Country, Type: br.Type, Date: br.Date, Status: br.Status, Note: br.Note}
	var err error
	if r.DistributorID, err = l.orgID(ctx, "distributor", br.Distributor); err != nil {
		return err
	}
	if br.Festival != nil {
		if r.FestivalEditionID, err = l.festivalEditionID(ctx, "festival", br.Festival.Festival, br.Festival.Year); err != nil {
			return err
		}
	}
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	r.CreatedAt, r.UpdatedAt = l.s.now(), l.s.now()
	if err := l.q.CreateRelease(ctx, &r); err != nil {
		return err
	}
	l.rep.Releases++
	if err := l.cite(ctx, br.Sources, catalog.EntityRef{Type: catalog.EntityRelease, ID: r.ID}, filmID); err != nil {
		return err
	}
	for i := range br.Editions {
		if err := l.edition(ctx, filmID, r.ID, &br.Editions[i]); err != nil {
			return catalog.WithField(fmt.Sprintf("editions[%d]", i), err)
		}
	}
	return nil
}

func (l *loader) edition(ctx context.Context, filmID, releaseID int64, be *bundle.Edition) error {
	e := catalog.Edition{
		ReleaseID: releaseID, Name: be.Name, Formats: be.Formats, Regions: be.Regions,
		Barcode: be.Barcode, CatalogNumber: be.CatalogNumber, Packaging: be.Packaging,
		DiscCount: be.DiscCount, LimitedTo: be.LimitedTo, RetailerExclusive: be.RetailerExclusive,
	}
	if be.Price != nil {
		e.Price = *be.Price
	}
	var err error
	if e.LabelID, err = l.orgID(ctx, "label", be.Label); err != nil {
		return err
	}
	e.Normalize()
	if err := e.Validate(); err != nil {
		return err
	}
	e.CreatedAt, e.UpdatedAt = l.s.now(), l.s.now()
	if err := l.q.CreateEdition(ctx, &e); err != nil {
		return err
	}
	l.rep.Editions++
	if err := l.cite(ctx, be.Sources, catalog.EntityRef{Type: catalog.EntityEdition, ID: e.ID}, filmID); err != nil {
		return err
	}
	for i, bx := range be.Extras {
		if err := l.extra(ctx, filmID, e.ID, i+1, bx); err != nil {
			return catalog.WithField(fmt.Sprintf("extras[%d]", i), err)
		}
	}
	return nil
}

func (l *loader) extra(ctx context.Context, filmID, editionID int64, position int, bx bundle.Extra) error {
	x := catalog.Extra{
		EditionID: editionID, Position: position, Kind: bx.Kind, Title: bx.Title,
		RuntimeSeconds: bx.RuntimeSeconds, Description: bx.Description, Vintage: bx.Vintage,
		ExclusiveFormats: bx.ExclusiveFormats,
	}
	for i, bp := range bx.Participants {
		pid, err := l.personID(ctx, fmt.Sprintf("participants[%d].person", i), bp.Person)
		if err != nil {
			return err
		}
		x.Participants = append(x.Participants, catalog.Participant{PersonID: pid, Role: bp.Role})
	}
	x.Normalize()
	if err := x.Validate(); err != nil {
		return err
	}
	if err := l.q.CreateExtra(ctx, &x); err != nil {
		return err
	}
	l.rep.Extras++
	if err := l.cite(ctx, bx.Sources, catalog.EntityRef{Type: catalog.EntityExtra, ID: x.ID}, filmID); err != nil {
		return err
	}
	for _, p := range x.Participants {
		if err := l.cite(ctx, bx.Sources, catalog.EntityRef{Type: catalog.EntityParticipant, ID: p.ID}, filmID); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) selection(ctx context.Context, filmID int64, bs bundle.Selection) error {
	feID, err := l.festivalEditionID(ctx, "festival", bs.Festival, bs.Year)
	if err != nil {
		return err
	}
	s := catalog.Selection{FilmID: filmID, FestivalEditionID: feID, Section: bs.Section, Premiere: bs.Premiere, Note: bs.Note}
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	if err := l.q.CreateSelection(ctx, &s); err != nil {
		return err
	}
	l.rep.Selections++
	return l.cite(ctx, bs.Sources, catalog.EntityRef{Type: catalog.EntitySelection, ID: s.ID}, filmID)
}

func (l *loader) nomination(ctx context.Context, filmID int64, bn bundle.Nomination) error {
	body, err := l.q.GetAwardBodyBySlug(ctx, bn.AwardBody)
	if catalog.IsKind(err, catalog.KindNotFound) {
		return catalog.Invalid("award_body", "award body %q is not in the bundle or the catalog", bn.AwardBody)
	}
	if err != nil {
		return err
	}
	cats, err := l.q.ListAwardCategories(ctx, body.ID)
	if err != nil {
		return err
	}
	cat := findCategory(cats, bn.Category)
	if cat == nil {
		return catalog.Invalid("category", "award body %q has no category %q", bn.AwardBody, bn.Category)
	}
	n := catalog.Nomination{CategoryID: cat.ID, FilmID: filmID, Year: bn.Year, Ceremony: bn.Ceremony, Result: bn.Result, Note: bn.Note}
	if bn.Person != "" {
		if n.PersonID, err = l.personID(ctx, "person", bn.Person); err != nil {
			return err
		}
	}
	if bn.FestivalYear != 0 {
		if body.FestivalID == 0 {
			return catalog.Invalid("festival_year", "award body %q is not a festival jury", bn.AwardBody)
		}
		fest, err := l.q.GetFestival(ctx, body.FestivalID)
		if err != nil {
			return err
		}
		if n.FestivalEditionID, err = l.festivalEditionID(ctx, "festival_year", fest.Slug, bn.FestivalYear); err != nil {
			return err
		}
	}
	n.Normalize()
	if err := n.Validate(); err != nil {
		return err
	}
	n.CreatedAt, n.UpdatedAt = l.s.now(), l.s.now()
	if err := l.q.CreateNomination(ctx, &n); err != nil {
		return err
	}
	l.rep.Nominations++
	return l.cite(ctx, bn.Sources, catalog.EntityRef{Type: catalog.EntityNomination, ID: n.ID}, filmID)
}
