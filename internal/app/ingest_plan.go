package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

// planner walks one article's extracted facts against the catalog,
// recording (and, inside the caller's transaction, carrying out) the
// changes they imply.
type planner struct {
	s       *Service
	q       catalog.Queries
	src     catalog.Source
	article *Article
	chosen  map[string]bool // nil: every change
	apply   bool
	done    map[string]bool // changes carried out

	orgs      map[string]orgChoice // organizations resolved, by folded name
	text      []rune               // the article's text, for looking around evidence; made on first use
	festivals []catalog.Festival   // loaded on first use
	bodies    []catalog.AwardBody  // loaded on first use
}

func (s *Service) newPlanner(q catalog.Queries, a *Article, chosen map[string]bool, apply bool) *planner {
	return &planner{s: s, q: q, src: a.Source, article: a, chosen: chosen, apply: apply,
		done: map[string]bool{}, orgs: map[string]orgChoice{}}
}

// step records change c and reports whether to carry it out: always in a
// dry run; when applying, only chosen changes whose prerequisite was
// carried out.
func (p *planner) step(c Change) bool {
	if p.apply && p.chosen != nil {
		if !p.chosen[c.ID] || (c.Depends != "" && !p.done[c.Depends]) {
			return false
		}
	}
	if p.done[c.ID] {
		return true
	}
	p.done[c.ID] = true
	p.article.Changes = append(p.article.Changes, c)
	return true
}

// note tells the reader of the proposal about a fact that was not mapped
// as stated, and why (once, however often it comes up).
func (p *planner) note(format string, args ...any) {
	n := fmt.Sprintf(format, args...)
	if !slices.Contains(p.article.Notes, n) {
		p.article.Notes = append(p.article.Notes, n)
	}
}

func span(ev extract.Evidence) *catalog.Span {
	if ev.End <= ev.Start {
		return nil
	}
	return &catalog.Span{Start: ev.Start, End: ev.End}
}

// fact is what one extracted statement says, for citing.
type fact struct {
	ev   extract.Evidence
	conf float64
	film string // film title, for change lists
}

func (p *planner) change(id string, action ChangeAction, entity catalog.EntityType, f fact, depends, format string, args ...any) Change {
	conf := f.conf
	if conf <= 0 || conf > 1 {
		conf = 1
	}
	return Change{ID: id, Action: action, Entity: entity, Summary: fmt.Sprintf(format, args...), Film: f.film,
		Evidence: span(f.ev), Quote: f.ev.Quote, Confidence: conf, Depends: depends}
}

// cite adds the article's claim about an existing record (field "" for
// the record, or a field and its value) unless the catalog already has
// it. The claim is a change of its own, so that re-reading an article
// proposes nothing new.
func (p *planner) cite(ctx context.Context, id string, ref catalog.EntityRef, filmID int64, field, value string, preferred bool, f fact, summary string) error {
	existing, err := p.q.ListClaims(ctx, catalog.ClaimFilter{Subject: &ref})
	if err != nil {
		return err
	}
	for _, c := range existing {
		if c.SourceID == p.src.ID && c.Field == field && c.Value == value {
			return nil
		}
	}
	action := ChangeCite
	if field != "" && preferred {
		action = ChangeUpdate
	}
	c := p.change(id, action, ref.Type, f, "", "%s", summary)
	if !p.step(c) {
		return nil
	}
	return p.q.AddClaim(ctx, &catalog.Claim{
		SourceID: p.src.ID, Subject: ref, FilmID: filmID, Field: field, Value: value,
		Span: c.Evidence, Confidence: c.Confidence, Preferred: preferred || field == "", CreatedAt: p.s.now(),
	})
}

// claimNew cites the article for a record it has just created.
func (p *planner) claimNew(ctx context.Context, ref catalog.EntityRef, filmID int64, c Change, field, value string) error {
	return p.q.AddClaim(ctx, &catalog.Claim{
		SourceID: p.src.ID, Subject: ref, FilmID: filmID, Field: field, Value: value,
		Span: c.Evidence, Confidence: c.Confidence, Preferred: true, CreatedAt: p.s.now(),
	})
}

func (p *planner) run(ctx context.Context) error {
	for _, f := range p.article.Result.Films {
		if err := p.film(ctx, f); err != nil {
			return catalog.WithField(fmt.Sprintf("film %q", f.Title), err)
		}
	}
	return nil
}

// film maps one extracted film and everything stated about it.
func (p *planner) film(ctx context.Context, ef extract.Film) error {
	ff := fact{ev: ef.Evidence, conf: ef.Confidence, film: ef.Title}
	film, found, ambiguous, err := p.findFilm(ctx, ef)
	if err != nil {
		return err
	}
	if len(ambiguous) > 0 {
		var which []string
		for _, f := range ambiguous {
			which = append(which, filmLabel(f)+" ("+f.Slug+")")
		}
		p.note("%q: the catalog has several films of this title (%s) and the article gives no year or credits that tell which one it is about; skipped",
			ef.Title, strings.Join(which, ", "))
		return nil
	}
	key := catalog.Slugify(ef.Title)
	if key == "" {
		p.note("%q: the title gives no usable key; skipped", ef.Title)
		return nil
	}
	filmChange := ""
	if found {
		if err := p.cite(ctx, "cite:film:"+key, catalog.EntityRef{Type: catalog.EntityFilm, ID: film.ID}, film.ID, "", "", false, ff,
			fmt.Sprintf("cite the article for %s", filmLabel(film))); err != nil {
			return err
		}
	} else {
		film = catalog.Film{Title: ef.Title, Year: ef.Year, Status: catalog.FilmAnnounced}
		if len(ef.Releases) > 0 {
			film.Status = catalog.FilmReleased
		}
		film.Normalize()
		if err := film.Validate(); err != nil {
			p.note("%q: %v; skipped", ef.Title, err)
			return nil
		}
		c := p.change("film:"+key, ChangeCreate, catalog.EntityFilm, ff, "", "add the film %s", filmLabel(film))
		filmChange = c.ID
		if !p.step(c) {
			return nil
		}
		film.CreatedAt, film.UpdatedAt = p.s.now(), p.s.now()
		if err := p.q.CreateFilm(ctx, &film); err != nil {
			return err
		}
		if err := p.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityFilm, ID: film.ID}, film.ID, c, "", ""); err != nil {
			return err
		}
	}
	fp := filmPlan{planner: p, film: film, key: key, depends: filmChange}
	for _, c := range ef.Credits {
		if err := fp.credit(ctx, c); err != nil {
			return err
		}
	}
	editions, err := fp.releases(ctx, ef.Releases)
	if err != nil {
		return err
	}
	for i, x := range ef.Extras {
		if err := fp.extra(ctx, i, x, editions); err != nil {
			return err
		}
	}
	for _, fe := range ef.Festivals {
		if err := fp.festival(ctx, fe); err != nil {
			return err
		}
	}
	for _, aw := range ef.Awards {
		p.note("%s: award %q (%s) is not mapped to an award category yet", ef.Title, aw.Name, aw.Result)
	}
	return nil
}

func filmLabel(f catalog.Film) string {
	if f.Year != 0 {
		return fmt.Sprintf("%q (%d)", f.Title, f.Year)
	}
	return strconv.Quote(f.Title)
}

// filmsPerTitle bounds how many films of one title findFilm weighs (the
// most relevant ones; see catalog.TitleMatch).
const filmsPerTitle = 100

// findFilm matches an extracted film to the catalog by title or original
// title (case and accents ignored). When several films have that title,
// the year the article gives picks among them (a film of unknown year
// stays a candidate when none has that year), then the people it credits
// (the film whose credits name the most of them). When that leaves more
// than one, ambiguous lists them and no film is matched: merging the
// article into an arbitrary one would misfile its facts.
func (p *planner) findFilm(ctx context.Context, ef extract.Film) (film catalog.Film, found bool, ambiguous []catalog.Film, err error) {
	want := catalog.FoldText(strings.Join(strings.Fields(ef.Title), " "))
	if want == "" {
		return catalog.Film{}, false, nil, nil
	}
	byTitle, err := p.q.FilmsByTitleFolds(ctx, []string{want}, filmsPerTitle)
	if err != nil {
		return catalog.Film{}, false, nil, err
	}
	var titled []catalog.Film
	for _, m := range byTitle[want] {
		titled = append(titled, catalog.Film{ID: m.FilmID, Slug: m.Slug, Title: m.Title, Year: m.Year})
	}
	if ef.Year != 0 {
		sameYear := slices.DeleteFunc(slices.Clone(titled), func(f catalog.Film) bool { return f.Year != ef.Year })
		if len(sameYear) == 0 {
			sameYear = slices.DeleteFunc(titled, func(f catalog.Film) bool { return f.Year != 0 })
		}
		titled = sameYear
	}
	var chosen []catalog.Film
	switch len(titled) {
	case 0:
		return catalog.Film{}, false, nil, nil
	case 1:
		chosen = titled
	default:
		if chosen, err = p.filmsByCredits(ctx, titled, ef.Credits); err != nil || len(chosen) != 1 {
			return catalog.Film{}, false, titled, err
		}
	}
	film, err = p.q.GetFilm(ctx, chosen[0].ID)
	return film, err == nil, nil, err
}

// filmsByCredits returns the films whose credits name the most of the
// people an article credits (none when it names none the films have).
func (p *planner) filmsByCredits(ctx context.Context, films []catalog.Film, credits []extract.Credit) ([]catalog.Film, error) {
	named := map[string]bool{}
	for _, c := range credits {
		if n := catalog.FoldText(strings.Join(strings.Fields(c.Name), " ")); n != "" {
			named[n] = true
		}
	}
	if len(named) == 0 {
		return nil, nil
	}
	var best []catalog.Film
	most := 0
	for _, f := range films {
		cs, err := p.q.ListCredits(ctx, catalog.CreditFilter{FilmID: f.ID})
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		for _, c := range cs {
			if n := catalog.FoldText(c.PersonName); named[n] {
				seen[n] = true
			}
		}
		switch {
		case len(seen) == 0 || len(seen) < most:
		case len(seen) > most:
			best, most = []catalog.Film{f}, len(seen)
		default:
			best = append(best, f)
		}
	}
	return best, nil
}

// findPerson matches a name exactly (case and accents ignored).
func (p *planner) findPerson(ctx context.Context, name string) (catalog.Person, bool, error) {
	people, _, err := p.q.ListPeople(ctx, catalog.PersonFilter{Name: name, Page: catalog.Page{Limit: 2}})
	if err != nil || len(people) == 0 {
		return catalog.Person{}, false, err
	}
	return people[0], true, nil
}

// person returns the person named, creating them when the change is
// carried out. ok is false when the person does not exist and was not
// created.
func (p *planner) person(ctx context.Context, name string, f fact) (catalog.Person, string, bool, error) {
	name = strings.Join(strings.Fields(name), " ")
	person, found, err := p.findPerson(ctx, name)
	if err != nil || found {
		return person, "", found, err
	}
	person = catalog.Person{Name: name}
	person.Normalize()
	if err := person.Validate(); err != nil {
		p.note("person %q: %v; skipped", name, err)
		return person, "", false, nil
	}
	c := p.change("person:"+catalog.Slugify(name), ChangeCreate, catalog.EntityPerson, f, "", "add the person %q", name)
	if !p.step(c) {
		return person, c.ID, false, nil
	}
	person.CreatedAt, person.UpdatedAt = p.s.now(), p.s.now()
	if err := p.q.CreatePerson(ctx, &person); err != nil {
		return person, c.ID, false, err
	}
	return person, c.ID, true, p.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityPerson, ID: person.ID}, 0, c, "", "")
}

// orgChoice is how the planner resolved an organization's name.
type orgChoice struct {
	org    catalog.Organization
	change string  // the change that creates it, or ""
	ok     bool    // org exists (or was created in this run)
	among  []int64 // when the name is ambiguous, the organizations it may be
}

// organization returns the distributor or label named, matched by name
// variant (catalog.MatchOrganizationName): the exact name first, then the
// one organization of the closest kind of match. It is created, as both a
// distributor and a disc label, only when no organization matches; when
// several match equally closely none is taken and the article gets a
// note. ok is false when no organization stands for the name.
func (p *planner) organization(ctx context.Context, name string, f fact) (catalog.Organization, string, bool, error) {
	name = strings.Join(strings.Fields(name), " ")
	key := catalog.FoldText(name)
	if c, seen := p.orgs[key]; seen {
		return c.org, c.change, c.ok, nil
	}
	c, err := p.resolveOrganization(ctx, name, f)
	if err != nil {
		return c.org, c.change, c.ok, err
	}
	p.orgs[key] = c
	return c.org, c.change, c.ok, nil
}

// ambiguousOrganization returns the organizations a name that
// organization found ambiguous may be, or nil.
func (p *planner) ambiguousOrganization(name string) []int64 {
	return p.orgs[catalog.FoldText(strings.Join(strings.Fields(name), " "))].among
}

func (p *planner) resolveOrganization(ctx context.Context, name string, f fact) (orgChoice, error) {
	found, err := p.q.FindOrganizationsByName(ctx, name)
	if err != nil {
		return orgChoice{}, err
	}
	if len(found) > 0 {
		closest := catalog.MatchOrganizationName(name, found[0].Name)
		tied := slices.DeleteFunc(slices.Clone(found), func(o catalog.Organization) bool {
			return catalog.MatchOrganizationName(name, o.Name) != closest
		})
		if len(tied) == 1 {
			return orgChoice{org: found[0], ok: true}, nil
		}
		var names []string
		var among []int64
		for _, o := range tied {
			names = append(names, strconv.Quote(o.Name))
			among = append(among, o.ID)
		}
		p.note("label %q could be any of %s; none is linked and no label is added (add the release's label by hand)", name, strings.Join(names, ", "))
		return orgChoice{among: among}, nil
	}
	o := catalog.Organization{Name: name, Kinds: []catalog.OrgKind{catalog.OrgDistributor, catalog.OrgDiscLabel}}
	o.Normalize()
	if err := o.Validate(); err != nil {
		p.note("label %q: %v; skipped", name, err)
		return orgChoice{org: o}, nil
	}
	c := p.change("label:"+catalog.Slugify(name), ChangeCreate, catalog.EntityOrganization, f, "", "add the label %q", o.Name)
	if !p.step(c) {
		return orgChoice{org: o, change: c.ID}, nil
	}
	o.CreatedAt, o.UpdatedAt = p.s.now(), p.s.now()
	if err := p.q.CreateOrganization(ctx, &o); err != nil {
		return orgChoice{org: o, change: c.ID}, err
	}
	return orgChoice{org: o, change: c.ID, ok: true}, p.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityOrganization, ID: o.ID}, 0, c, "", "")
}
