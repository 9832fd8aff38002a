package app

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

// filmPlan maps the facts about one film.
type filmPlan struct {
	*planner
	film    catalog.Film
	key     string // slug of the extracted title, for change IDs
	depends string // the change that creates the film, if any
}

func (fp *filmPlan) fact(ev extract.Evidence, conf float64) fact {
	return fact{ev: ev, conf: conf, film: fp.film.Title}
}

// jobsOf maps the extractor's roles to credit jobs.
var jobsOf = map[string]string{"director": "director", "writer": "writer", "cast": "actor"}

func (fp *filmPlan) credit(ctx context.Context, ec extract.Credit) error {
	f := fp.fact(ec.Evidence, ec.Confidence)
	for _, role := range ec.Roles {
		job, ok := jobsOf[role]
		if !ok {
			continue
		}
		person, personChange, ok, err := fp.person(ctx, ec.Name, f)
		if err != nil || !ok {
			return err
		}
		character := ""
		if job == "actor" {
			character = ec.Character
		}
		id := fmt.Sprintf("credit:%s:%s:%s", fp.key, catalog.Slugify(ec.Name), job)
		credits, err := fp.q.ListCredits(ctx, catalog.CreditFilter{FilmID: fp.film.ID})
		if err != nil {
			return err
		}
		if i := slices.IndexFunc(credits, func(c catalog.Credit) bool { return c.PersonID == person.ID && c.Job == job }); i >= 0 {
			ref := catalog.EntityRef{Type: catalog.EntityCredit, ID: credits[i].ID}
			if err := fp.cite(ctx, "cite:"+id, ref, fp.film.ID, "", "", false, f, fmt.Sprintf("cite the article for %s as %s", person.Name, job)); err != nil {
				return err
			}
			continue
		}
		cr := catalog.Credit{FilmID: fp.film.ID, PersonID: person.ID, Job: job, Character: character}
		cr.Normalize()
		if err := cr.Validate(); err != nil {
			fp.note("%s: credit of %s: %v; skipped", fp.film.Title, ec.Name, err)
			continue
		}
		what := fmt.Sprintf("credit %s as %s of %s", person.Name, job, filmLabel(fp.film))
		if character != "" {
			what = fmt.Sprintf("credit %s as %s in %s", person.Name, character, filmLabel(fp.film))
		}
		c := fp.change(id, ChangeCreate, catalog.EntityCredit, f, firstOf(fp.depends, personChange), "%s", what)
		if !fp.step(c) {
			continue
		}
		if err := fp.q.CreateCredit(ctx, &cr); err != nil {
			return err
		}
		if err := fp.s.creditEvents(ctx, fp.q, cr); err != nil {
			return err
		}
		if err := fp.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityCredit, ID: cr.ID}, fp.film.ID, c, "", ""); err != nil {
			return err
		}
	}
	return nil
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// releaseTypeOf maps an extracted format to a release type and, for
// discs, the edition format.
func releaseTypeOf(format string) (catalog.ReleaseType, catalog.Format, bool) {
	switch format {
	case "dvd":
		return catalog.ReleasePhysical, catalog.FormatDVD, true
	case "bluray":
		return catalog.ReleasePhysical, catalog.FormatBluray, true
	case "bluray3d":
		return catalog.ReleasePhysical, catalog.FormatBluray3D, true
	case "uhd4k":
		return catalog.ReleasePhysical, catalog.FormatUHD4K, true
	case "digital", "vod":
		return catalog.ReleaseDigital, "", true
	case "streaming":
		return catalog.ReleaseStreaming, "", true
	case "theatrical":
		return catalog.ReleaseTheatrical, "", true
	case "festival":
		return catalog.ReleaseFestival, "", true
	}
	return "", "", false
}

// releaseGroup is the extracted releases of one type on one date: one
// catalog release, with an edition per disc format.
type releaseGroup struct {
	typ   catalog.ReleaseType
	date  catalog.PartialDate
	facts []extract.Release
}

// placedEdition is an edition this article's releases map to.
type placedEdition struct {
	edition catalog.Edition
	format  catalog.Format
	change  string // change that created it, or ""
}

// releases maps the extracted releases and returns the disc editions
// they map to, for the film's extras.
func (fp *filmPlan) releases(ctx context.Context, rels []extract.Release) ([]placedEdition, error) {
	var groups []*releaseGroup
	for _, r := range rels {
		typ, _, ok := releaseTypeOf(r.Format)
		if !ok {
			if r.Format != "" {
				fp.note("%s: release format %q is not mapped; skipped", fp.film.Title, r.Format)
			}
			continue
		}
		date, err := catalog.ParsePartialDate(r.Date)
		if err != nil {
			fp.note("%s: release date %q: %v; kept as TBA", fp.film.Title, r.Date, err)
			date = catalog.TBA()
		}
		i := slices.IndexFunc(groups, func(g *releaseGroup) bool { return g.typ == typ && g.date == date })
		if i < 0 {
			groups = append(groups, &releaseGroup{typ: typ, date: date})
			i = len(groups) - 1
		}
		groups[i].facts = append(groups[i].facts, r)
	}
	var placed []placedEdition
	for _, g := range groups {
		eds, err := fp.releaseGroup(ctx, g)
		if err != nil {
			return nil, err
		}
		placed = append(placed, eds...)
	}
	return placed, nil
}

func (fp *filmPlan) releaseGroup(ctx context.Context, g *releaseGroup) ([]placedEdition, error) {
	first := g.facts[0]
	f := fp.fact(first.Evidence, first.Confidence)
	var label catalog.Organization
	labelChange := ""
	for _, r := range g.facts {
		if r.Label == "" {
			continue
		}
		var ok bool
		var err error
		if label, labelChange, ok, err = fp.organization(ctx, r.Label, f); err != nil {
			return nil, err
		} else if !ok {
			label = catalog.Organization{}
		}
		break
	}
	rel, relChange, ok, err := fp.release(ctx, g, label, firstOf(fp.depends, labelChange), f)
	if err != nil || !ok || g.typ != catalog.ReleasePhysical {
		return nil, err
	}
	var placed []placedEdition
	for _, r := range g.facts {
		_, format, _ := releaseTypeOf(r.Format)
		pe, ok, err := fp.edition(ctx, rel, relChange, format, r, label)
		if err != nil {
			return nil, err
		}
		if ok {
			placed = append(placed, pe)
		}
	}
	return placed, nil
}

// release finds the catalog release the group states, or creates it, and
// brings its date up to date.
func (fp *filmPlan) release(ctx context.Context, g *releaseGroup, label catalog.Organization, depends string, f fact) (catalog.Release, string, bool, error) {
	existing, _, err := fp.q.ListReleases(ctx, catalog.ReleaseFilter{FilmID: fp.film.ID, Types: []catalog.ReleaseType{g.typ}, IncludeTBA: true, Page: catalog.Page{Limit: catalog.MaxPageLimit}})
	if err != nil {
		return catalog.Release{}, "", false, err
	}
	id := fmt.Sprintf("release:%s:%s", fp.key, g.typ)
	if match, ok := matchRelease(existing, g.date); ok {
		ref := catalog.EntityRef{Type: catalog.EntityRelease, ID: match.ID}
		if err := fp.cite(ctx, "cite:"+id, ref, fp.film.ID, "", "", false, f, fmt.Sprintf("cite the article for the %s release", g.typ)); err != nil {
			return match, "", true, err
		}
		return match, "", true, fp.updateDate(ctx, id, match, g, f)
	}
	r := catalog.Release{FilmID: fp.film.ID, Type: g.typ, Date: g.date, Status: catalog.ReleaseAnnounced, DistributorID: label.ID}
	if g.facts[0].Status == extract.DateAvailable {
		r.Status = catalog.ReleaseConfirmed
		if !fp.src.PublishedOn.IsTBA() {
			r.Note = "Available as of " + fp.src.PublishedOn.String() + "."
		}
	}
	r.Normalize()
	if err := r.Validate(); err != nil {
		fp.note("%s: %s release: %v; skipped", fp.film.Title, g.typ, err)
		return r, "", false, nil
	}
	c := fp.change(id, ChangeCreate, catalog.EntityRelease, f, depends, "add the %s release of %s on %s%s", g.typ, filmLabel(fp.film), dateWords(g.date), byLabel(label))
	if !fp.step(c) {
		return r, c.ID, false, nil
	}
	r.CreatedAt, r.UpdatedAt = fp.s.now(), fp.s.now()
	if err := fp.q.CreateRelease(ctx, &r); err != nil {
		return r, c.ID, false, err
	}
	if err := fp.s.releaseEvents(ctx, fp.q, nil, r.ID); err != nil {
		return r, c.ID, false, err
	}
	ref := catalog.EntityRef{Type: catalog.EntityRelease, ID: r.ID}
	if err := fp.claimNew(ctx, ref, fp.film.ID, c, "", ""); err != nil {
		return r, c.ID, false, err
	}
	return r, c.ID, true, fp.claimNew(ctx, ref, fp.film.ID, c, "date", r.Date.String())
}

func byLabel(o catalog.Organization) string {
	if o.Name == "" {
		return ""
	}
	return " from " + o.Name
}

func dateWords(d catalog.PartialDate) string {
	if d.IsTBA() {
		return "a date to be announced"
	}
	return d.String()
}

// matchRelease picks the release of a type that an article's date is
// about: one with the same date, or a date one refines, or the only one.
func matchRelease(existing []catalog.Release, date catalog.PartialDate) (catalog.Release, bool) {
	for _, r := range existing {
		if r.Date == date {
			return r, true
		}
	}
	for _, r := range existing {
		if date.Refines(r.Date) || r.Date.Refines(date) {
			return r, true
		}
	}
	if len(existing) == 1 {
		return existing[0], true
	}
	return catalog.Release{}, false
}

// updateDate records the article's date for an existing release. A more
// precise date (month → day) replaces the release's date, and so does a
// different date from an article published no earlier than the one the
// current date came from (a postponement); a less precise or older claim
// is kept as history only.
func (fp *filmPlan) updateDate(ctx context.Context, id string, r catalog.Release, g *releaseGroup, f fact) error {
	if g.date == r.Date || g.date.IsTBA() || r.Date.Refines(g.date) {
		return nil
	}
	replace := g.date.Refines(r.Date)
	if !replace {
		newer, err := fp.newerThanCurrentDate(ctx, r)
		if err != nil {
			return err
		}
		replace = newer
	}
	ref := catalog.EntityRef{Type: catalog.EntityRelease, ID: r.ID}
	summary := fmt.Sprintf("change the %s release date from %s to %s", g.typ, dateWords(r.Date), dateWords(g.date))
	if !replace {
		summary = fmt.Sprintf("record the article's older date %s for the %s release (kept: %s)", dateWords(g.date), g.typ, dateWords(r.Date))
	}
	if err := fp.cite(ctx, "date:"+id, ref, fp.film.ID, "date", g.date.String(), replace, f, summary); err != nil {
		return err
	}
	if !replace || !fp.done["date:"+id] { // claimed before, or not chosen
		return nil
	}
	old := r
	r.Date = g.date
	if r.Status == catalog.ReleasePostponed || r.Status == catalog.ReleaseCancelled {
		r.Status = catalog.ReleaseAnnounced
	}
	r.UpdatedAt = fp.s.now()
	if err := fp.q.UpdateRelease(ctx, &r); err != nil {
		return err
	}
	return fp.s.releaseEvents(ctx, fp.q, &old, r.ID)
}

// newerThanCurrentDate reports whether this article was published no
// earlier than the source of the release's current date.
func (fp *filmPlan) newerThanCurrentDate(ctx context.Context, r catalog.Release) (bool, error) {
	if fp.src.PublishedOn.IsTBA() {
		return false, nil
	}
	claims, err := fp.q.ListClaims(ctx, catalog.ClaimFilter{Subject: &catalog.EntityRef{Type: catalog.EntityRelease, ID: r.ID}})
	if err != nil {
		return false, err
	}
	for _, c := range claims {
		if c.Field != "date" || !c.Preferred {
			continue
		}
		src, err := fp.q.GetSource(ctx, c.SourceID)
		if err != nil {
			return false, err
		}
		return src.PublishedOn.IsTBA() || fp.src.PublishedOn.Compare(src.PublishedOn) >= 0, nil
	}
	return true, nil
}

var priceRE = regexp.MustCompile(`^\s*(US\$|\$|£|€|USD|GBP|EUR)\s?(\d{1,5})(?:[.,](\d{2}))?\s*$`)

// parsePrice reads "$21.99", "£15", "EUR 19,99".
func parsePrice(s string) (catalog.Money, bool) {
	m := priceRE.FindStringSubmatch(s)
	if m == nil {
		return catalog.Money{}, false
	}
	cur := map[string]string{"US$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "USD": "USD", "GBP": "GBP", "EUR": "EUR"}[m[1]]
	whole, _ := strconv.ParseInt(m[2], 10, 64)
	cents, _ := strconv.ParseInt(m[3]+strings.Repeat("0", 2-len(m[3])), 10, 64)
	if m[3] == "" {
		cents = 0
	}
	return catalog.Money{Amount: whole*100 + cents, Currency: cur}, true
}

// edition finds or creates the edition of a disc release in one format.
func (fp *filmPlan) edition(ctx context.Context, rel catalog.Release, relChange string, format catalog.Format, r extract.Release, label catalog.Organization) (placedEdition, bool, error) {
	f := fp.fact(r.Evidence, r.Confidence)
	id := fmt.Sprintf("edition:%s:%s", fp.key, format)
	eds, err := fp.q.ListEditions(ctx, catalog.EditionFilter{ReleaseID: rel.ID})
	if rel.ID == 0 {
		eds, err = nil, nil // the release exists only in a dry run of a skipped change
	}
	if err != nil {
		return placedEdition{}, false, err
	}
	name := r.Edition
	if len(name) > 100 {
		name = ""
	}
	for _, e := range eds {
		if slices.Contains(e.Formats, format) && (name == "" || e.Name == "" || strings.EqualFold(e.Name, name)) {
			ref := catalog.EntityRef{Type: catalog.EntityEdition, ID: e.ID}
			err := fp.cite(ctx, "cite:"+id, ref, fp.film.ID, "", "", false, f, fmt.Sprintf("cite the article for the %s edition", format))
			return placedEdition{edition: e, format: format}, true, err
		}
	}
	e := catalog.Edition{ReleaseID: rel.ID, LabelID: label.ID, Name: name, Formats: []catalog.Format{format}}
	if reg := strings.ToUpper(strings.TrimSpace(r.Region)); reg != "" {
		e.Regions = []string{strings.TrimPrefix(reg, "REGION ")}
	}
	if m, ok := parsePrice(r.Price); ok {
		e.Price = m
	}
	e.Normalize()
	check := e
	if check.ReleaseID == 0 {
		check.ReleaseID = 1 // not created in this run; the rest must still be valid
	}
	if err := check.Validate(); err != nil {
		e.Regions, e.Price = nil, catalog.Money{}
		check.Regions, check.Price = nil, catalog.Money{}
		if err2 := check.Validate(); err2 != nil {
			fp.note("%s: %s edition: %v; skipped", fp.film.Title, format, err2)
			return placedEdition{}, false, nil
		}
	}
	c := fp.change(id, ChangeCreate, catalog.EntityEdition, f, firstOf(relChange, fp.depends), "add the %s edition%s", formatName(format), quotedName(name))
	if !fp.step(c) || rel.ID == 0 {
		return placedEdition{}, false, nil
	}
	e.CreatedAt, e.UpdatedAt = fp.s.now(), fp.s.now()
	if err := fp.q.CreateEdition(ctx, &e); err != nil {
		return placedEdition{}, false, err
	}
	if err := fp.s.editionEvents(ctx, fp.q, e.ID); err != nil {
		return placedEdition{}, false, err
	}
	err = fp.claimNew(ctx, catalog.EntityRef{Type: catalog.EntityEdition, ID: e.ID}, fp.film.ID, c, "", "")
	return placedEdition{edition: e, format: format, change: c.ID}, true, err
}

func quotedName(name string) string {
	if name == "" {
		return ""
	}
	return " " + strconv.Quote(name)
}

func formatName(f catalog.Format) string {
	switch f {
	case catalog.FormatDVD:
		return "DVD"
	case catalog.FormatBluray:
		return "Blu-ray"
	case catalog.FormatBluray3D:
		return "Blu-ray 3D"
	case catalog.FormatUHD4K:
		return "4K UHD"
	}
	return string(f)
}
