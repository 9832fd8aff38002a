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
	key     string          // slug of the extracted title, for change IDs
	depends string          // the change that creates the film, if any
	rels    map[string]bool // release change IDs given out (releaseID)
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
// Its change ID carries the release's suffix (see filmPlan.releaseID).
func (fp *filmPlan) edition(ctx context.Context, rel catalog.Release, relChange, suffix string, format catalog.Format, r extract.Release, label catalog.Organization) (placedEdition, bool, error) {
	f := fp.fact(r.Evidence, r.Confidence)
	id := fmt.Sprintf("edition:%s%s:%s", fp.key, suffix, format)
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
			return placedEdition{edition: e, format: format, suffix: suffix}, true, err
		}
	}
	e := catalog.Edition{ReleaseID: rel.ID, LabelID: label.ID, Name: name, Formats: []catalog.Format{format}}
	e.Regions = editionRegions(r.Region)
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
	return placedEdition{edition: e, format: format, suffix: suffix, change: c.ID}, true, err
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
