package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

// festivalCore reduces a festival name to the words that identify it:
// "Cannes Film Festival", "Festival de Cannes" and "Cannes" all give
// "cannes".
func festivalCore(name string) string {
	var keep []string
	for _, w := range strings.FieldsFunc(catalog.FoldText(name), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		switch w {
		case "film", "films", "festival", "international", "the", "of", "de", "du", "del", "di", "la", "le", "annual", "ff", "iff":
			continue
		}
		keep = append(keep, w)
	}
	return strings.Join(keep, " ")
}

func (p *planner) allFestivals(ctx context.Context) ([]catalog.Festival, error) {
	if p.festivals == nil {
		fs, err := collect(ctx, func(pg catalog.Page) ([]catalog.Festival, string, error) { return p.q.ListFestivals(ctx, pg) })
		if err != nil {
			return nil, err
		}
		p.festivals = append(fs, catalog.Festival{}) // non-nil marks "loaded"; the zero entry never matches
	}
	return p.festivals, nil
}

func (p *planner) allAwardBodies(ctx context.Context) ([]catalog.AwardBody, error) {
	if p.bodies == nil {
		bs, err := collect(ctx, func(pg catalog.Page) ([]catalog.AwardBody, string, error) { return p.q.ListAwardBodies(ctx, pg) })
		if err != nil {
			return nil, err
		}
		p.bodies = append(bs, catalog.AwardBody{})
	}
	return p.bodies, nil
}

// festivalNamed finds or creates the festival.
func (p *planner) festivalNamed(ctx context.Context, name string, f fact) (catalog.Festival, string, bool, error) {
	all, err := p.allFestivals(ctx)
	if err != nil {
		return catalog.Festival{}, "", false, err
	}
	core := festivalCore(name)
	for _, fe := range all {
		if fe.ID != 0 && core != "" && festivalCore(fe.Name) == core {
			return fe, "", true, nil
		}
	}
	fe := catalog.Festival{Name: strings.TrimSpace(name)}
	fe.Normalize()
	if err := fe.Validate(); err != nil {
		p.note("festival %q: %v; skipped", name, err)
		return fe, "", false, nil
	}
	c := p.change("festival:"+catalog.Slugify(core), ChangeCreate, catalog.EntityFestival, f, "", "add the festival %q", fe.Name)
	if !p.step(c) {
		return fe, c.ID, false, nil
	}
	fe.CreatedAt, fe.UpdatedAt = p.s.now(), p.s.now()
	if err := p.q.CreateFestival(ctx, &fe); err != nil {
		return fe, c.ID, false, err
	}
	p.festivals = append(p.festivals, fe)
	return fe, c.ID, true, p.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityFestival, ID: fe.ID}, 0, c, "", "")
}

// festival maps a festival showing, selection or prize.
func (fp *filmPlan) festival(ctx context.Context, ef extract.Festival) error {
	f := fp.fact(ef.Evidence, ef.Confidence)
	if ef.Year == 0 {
		fp.note("%s: %s is named without a year; not recorded", fp.film.Title, ef.Name)
		return nil
	}
	fest, festChange, ok, err := fp.festivalNamed(ctx, ef.Name, f)
	if err != nil || !ok {
		return err
	}
	fed, fedChange, ok, err := fp.festivalEdition(ctx, fest, festChange, ef.Year, f)
	if err != nil || !ok {
		return err
	}
	if err := fp.selection(ctx, fed, firstOf(fedChange, fp.depends), f); err != nil {
		return err
	}
	if ef.Award == "" || ef.Result == "screened" {
		return nil
	}
	return fp.nomination(ctx, fest, fed, firstOf(fedChange, fp.depends), ef, f)
}

func (fp *filmPlan) festivalEdition(ctx context.Context, fest catalog.Festival, depends string, year int, f fact) (catalog.FestivalEdition, string, bool, error) {
	if fest.ID != 0 {
		fed, err := fp.q.GetFestivalEditionByYear(ctx, fest.ID, year)
		if err == nil {
			return fed, "", true, nil
		}
		if !catalog.IsKind(err, catalog.KindNotFound) {
			return fed, "", false, err
		}
	}
	fed := catalog.FestivalEdition{FestivalID: fest.ID, Year: year, FestivalName: fest.Name}
	c := fp.change(fmt.Sprintf("festival-edition:%s:%d", catalog.Slugify(festivalCore(fest.Name)), year), ChangeCreate,
		catalog.EntityFestivalEdition, f, depends, "add the %d edition of %s", year, fest.Name)
	if !fp.step(c) || fest.ID == 0 {
		return fed, c.ID, false, nil
	}
	if err := fp.q.CreateFestivalEdition(ctx, &fed); err != nil {
		return fed, c.ID, false, err
	}
	return fed, c.ID, true, fp.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityFestivalEdition, ID: fed.ID}, 0, c, "", "")
}

func (fp *filmPlan) selection(ctx context.Context, fed catalog.FestivalEdition, depends string, f fact) error {
	id := fmt.Sprintf("selection:%s:%s:%d", fp.key, catalog.Slugify(festivalCore(fed.FestivalName)), fed.Year)
	sels, err := fp.q.ListSelections(ctx, catalog.SelectionFilter{FilmID: fp.film.ID})
	if err != nil {
		return err
	}
	if i := slices.IndexFunc(sels, func(s catalog.Selection) bool { return s.FestivalEditionID == fed.ID }); i >= 0 {
		ref := catalog.EntityRef{Type: catalog.EntitySelection, ID: sels[i].ID}
		return fp.cite(ctx, "cite:"+id, ref, fp.film.ID, "", "", false, f, fmt.Sprintf("cite the article for the selection at %s %d", fed.FestivalName, fed.Year))
	}
	sel := catalog.Selection{FilmID: fp.film.ID, FestivalEditionID: fed.ID}
	c := fp.change(id, ChangeCreate, catalog.EntitySelection, f, depends, "record the selection of %s at %s %d", filmLabel(fp.film), fed.FestivalName, fed.Year)
	if !fp.step(c) {
		return nil
	}
	if err := fp.q.CreateSelection(ctx, &sel); err != nil {
		return err
	}
	return fp.claimNew(ctx, catalog.EntityRef{Type: catalog.EntitySelection, ID: sel.ID}, fp.film.ID, c, "", "")
}

// resultOf maps an extracted result to a nomination result.
func resultOf(s string) catalog.NominationResult {
	switch s {
	case "won":
		return catalog.ResultWon
	case "pending":
		return catalog.ResultPending
	case "lost":
		return catalog.ResultLost
	}
	return catalog.ResultNominated
}

// decided reports whether a result is final.
func decided(r catalog.NominationResult) bool {
	return r == catalog.ResultWon || r == catalog.ResultLost || r == catalog.ResultWithdrawn
}

func (fp *filmPlan) nomination(ctx context.Context, fest catalog.Festival, fed catalog.FestivalEdition, depends string, ef extract.Festival, f fact) error {
	body, bodyChange, err := fp.festivalJury(ctx, fest, f)
	if err != nil {
		return err
	}
	cat, catChange, err := fp.awardCategory(ctx, body, firstOf(bodyChange, depends), ef.Award, f)
	if err != nil {
		return err
	}
	id := fmt.Sprintf("nomination:%s:%s:%d:%s", fp.key, catalog.Slugify(festivalCore(fest.Name)), fed.Year, catalog.Slugify(ef.Award))
	result := resultOf(ef.Result)
	var noms []catalog.Nomination
	if cat.ID != 0 {
		if noms, err = fp.q.ListNominations(ctx, catalog.NominationFilter{FilmID: fp.film.ID, CategoryID: cat.ID}); err != nil {
			return err
		}
	}
	if i := slices.IndexFunc(noms, func(n catalog.Nomination) bool { return n.Year == fed.Year }); i >= 0 {
		n := noms[i]
		ref := catalog.EntityRef{Type: catalog.EntityNomination, ID: n.ID}
		if err := fp.cite(ctx, "cite:"+id, ref, fp.film.ID, "", "", false, f, fmt.Sprintf("cite the article for the %s nomination", ef.Award)); err != nil {
			return err
		}
		if n.Result == result || decided(n.Result) && !decided(result) {
			return nil // nothing new, or an older "nominated" after the result is known
		}
		if err := fp.cite(ctx, "result:"+id, ref, fp.film.ID, "result", string(result), true, f,
			fmt.Sprintf("change the %s result from %s to %s", ef.Award, n.Result, result)); err != nil || !fp.done["result:"+id] {
			return err
		}
		oldResult := n.Result
		n.Result, n.UpdatedAt = result, fp.s.now()
		if err := fp.q.UpdateNomination(ctx, &n); err != nil {
			return err
		}
		return fp.s.nominationEvents(ctx, fp.q, oldResult, n.ID)
	}
	n := catalog.Nomination{CategoryID: cat.ID, FilmID: fp.film.ID, Year: fed.Year, FestivalEditionID: fed.ID, Result: result}
	c := fp.change(id, ChangeCreate, catalog.EntityNomination, f, firstOf(catChange, depends), "record %s's %s for the %s at %s %d", fp.film.Title, result, ef.Award, fest.Name, fed.Year)
	if !fp.step(c) || cat.ID == 0 || fed.ID == 0 {
		return nil
	}
	n.CreatedAt, n.UpdatedAt = fp.s.now(), fp.s.now()
	if err := fp.q.CreateNomination(ctx, &n); err != nil {
		return err
	}
	return fp.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityNomination, ID: n.ID}, fp.film.ID, c, "", "")
}

// festivalJury finds or creates the award body of a festival.
func (p *planner) festivalJury(ctx context.Context, fest catalog.Festival, f fact) (catalog.AwardBody, string, error) {
	bodies, err := p.allAwardBodies(ctx)
	if err != nil {
		return catalog.AwardBody{}, "", err
	}
	for _, b := range bodies {
		if b.ID != 0 && fest.ID != 0 && b.FestivalID == fest.ID {
			return b, "", nil
		}
	}
	b := catalog.AwardBody{Name: fest.Name, FestivalID: fest.ID}
	c := p.change("award-body:"+catalog.Slugify(festivalCore(fest.Name)), ChangeCreate, catalog.EntityAwardBody, f, "", "add %s as an award body", fest.Name)
	if !p.step(c) || fest.ID == 0 {
		return b, c.ID, nil
	}
	b.CreatedAt, b.UpdatedAt = p.s.now(), p.s.now()
	if err := p.q.CreateAwardBody(ctx, &b); err != nil {
		return b, c.ID, err
	}
	p.bodies = append(p.bodies, b)
	return b, c.ID, p.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityAwardBody, ID: b.ID}, 0, c, "", "")
}

func (p *planner) awardCategory(ctx context.Context, body catalog.AwardBody, depends, name string, f fact) (catalog.AwardCategory, string, error) {
	if body.ID != 0 {
		cats, err := p.q.ListAwardCategories(ctx, body.ID)
		if err != nil {
			return catalog.AwardCategory{}, "", err
		}
		if c := findCategory(cats, name); c != nil {
			return *c, "", nil
		}
	}
	cat := catalog.AwardCategory{AwardBodyID: body.ID, Name: strings.TrimSpace(name)}
	c := p.change(fmt.Sprintf("award-category:%s:%s", catalog.Slugify(body.Name), catalog.Slugify(name)), ChangeCreate, catalog.EntityAwardCategory, f, depends, "add the award %q of %s", cat.Name, body.Name)
	if !p.step(c) || body.ID == 0 {
		return cat, c.ID, nil
	}
	if err := p.q.CreateAwardCategory(ctx, &cat); err != nil {
		return cat, c.ID, err
	}
	return cat, c.ID, p.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityAwardCategory, ID: cat.ID}, 0, c, "", "")
}
