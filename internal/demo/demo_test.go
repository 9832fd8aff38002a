package demo

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marquee-film/marquee/internal/bundle"
	"github.com/marquee-film/marquee/internal/catalog"
)

// compiledOn is the day the demo catalog was compiled. Releases after it
// (or TBA) are the "coming up" part of the demo and must be marked as
// illustrative.
const compiledOn = "2026-11-25"

// illustrativeSource is the source every invented upcoming entry cites.
const illustrativeSource = "marquee-demo-illustrative"

func mustBundle(t *testing.T) *bundle.Bundle {
	t.Helper()
	b, err := Bundle()
	if err != nil {
		t.Fatalf("Bundle() error: %v", err)
	}
	return b
}

// partialDateEqual lets cmp compare PartialDate, whose fields are unexported.
var partialDateEqual = cmp.Comparer(func(a, b catalog.PartialDate) bool { return a == b })

func TestBundleDecodes(t *testing.T) {
	b := mustBundle(t)
	if b.Format != bundle.FormatName || b.Version != bundle.Version {
		t.Errorf("format/version = %q/%d, want %q/%d", b.Format, b.Version, bundle.FormatName, bundle.Version)
	}
	if len(b.Films) == 0 || len(b.People) == 0 || len(b.Sources) == 0 {
		t.Fatalf("bundle is missing records: %d films, %d people, %d sources", len(b.Films), len(b.People), len(b.Sources))
	}
	if len(b.DefaultSources) == 0 {
		t.Error("bundle has no default_sources")
	}

	// Each call returns an independent copy.
	b.Films[0].Title = "changed"
	if again := mustBundle(t); again.Films[0].Title == "changed" {
		t.Error("Bundle() returned shared data: a change to one result is visible in the next")
	}

	// Encoding and decoding again gives the same bundle.
	var buf bytes.Buffer
	orig := mustBundle(t)
	if err := bundle.Encode(&buf, orig); err != nil {
		t.Fatalf("Encode: %v", err)
	}
	round, err := bundle.Decode(&buf)
	if err != nil {
		t.Fatalf("Decode(Encode(bundle)): %v", err)
	}
	if diff := cmp.Diff(orig, round, partialDateEqual); diff != "" {
		t.Errorf("bundle changed in an encode/decode round trip (-orig +round):\n%s", diff)
	}
}

// citationRef is one citation found in the bundle, with where it is.
type citationRef struct {
	path string
	c    bundle.Citation
}

// allCitations lists every citation in the bundle with a readable path.
func allCitations(b *bundle.Bundle) []citationRef {
	var out []citationRef
	add := func(path string, cs []bundle.Citation) {
		for i, c := range cs {
			out = append(out, citationRef{fmt.Sprintf("%s.sources[%d]", path, i), c})
		}
	}
	for _, p := range b.People {
		add("person "+p.Slug, p.Sources)
	}
	for _, o := range b.Organizations {
		add("organization "+o.Slug, o.Sources)
	}
	for _, f := range b.Festivals {
		add("festival "+f.Slug, f.Sources)
	}
	for _, a := range b.AwardBodies {
		add("award body "+a.Slug, a.Sources)
	}
	for _, f := range b.Films {
		fp := "film " + f.Slug
		add(fp, f.Sources)
		for i, c := range f.Credits {
			add(fmt.Sprintf("%s.credits[%d]", fp, i), c.Sources)
		}
		for i, r := range f.Releases {
			rp := fmt.Sprintf("%s.releases[%d]", fp, i)
			add(rp, r.Sources)
			for j, e := range r.Editions {
				ep := fmt.Sprintf("%s.editions[%d]", rp, j)
				add(ep, e.Sources)
				for k, x := range e.Extras {
					add(fmt.Sprintf("%s.extras[%d]", ep, k), x.Sources)
				}
			}
		}
		for i, s := range f.Selections {
			add(fmt.Sprintf("%s.selections[%d]", fp, i), s.Sources)
		}
		for i, n := range f.Nominations {
			add(fmt.Sprintf("%s.nominations[%d]", fp, i), n.Sources)
		}
	}
	return out
}

// index holds the bundle's natural keys.
type index struct {
	people     map[string]bundle.Person
	orgs       map[string]bundle.Organization
	festivals  map[string]bundle.Festival
	editions   map[string]map[int]bundle.FestivalEdition // festival slug -> year
	bodies     map[string]bundle.AwardBody
	categories map[string]map[string]bundle.AwardCategory // body slug -> category name
	sources    map[string]bundle.Source
	films      map[string]bundle.Film
}

// buildIndex indexes the bundle, reporting duplicate keys.
func buildIndex(t *testing.T, b *bundle.Bundle) index {
	t.Helper()
	ix := index{
		people:     map[string]bundle.Person{},
		orgs:       map[string]bundle.Organization{},
		festivals:  map[string]bundle.Festival{},
		editions:   map[string]map[int]bundle.FestivalEdition{},
		bodies:     map[string]bundle.AwardBody{},
		categories: map[string]map[string]bundle.AwardCategory{},
		sources:    map[string]bundle.Source{},
		films:      map[string]bundle.Film{},
	}
	for _, p := range b.People {
		if _, dup := ix.people[p.Slug]; dup {
			t.Errorf("person slug %q is used twice", p.Slug)
		}
		ix.people[p.Slug] = p
	}
	for _, o := range b.Organizations {
		if _, dup := ix.orgs[o.Slug]; dup {
			t.Errorf("organization slug %q is used twice", o.Slug)
		}
		ix.orgs[o.Slug] = o
	}
	for _, f := range b.Festivals {
		if _, dup := ix.festivals[f.Slug]; dup {
			t.Errorf("festival slug %q is used twice", f.Slug)
		}
		ix.festivals[f.Slug] = f
		ix.editions[f.Slug] = map[int]bundle.FestivalEdition{}
		for _, e := range f.Editions {
			if _, dup := ix.editions[f.Slug][e.Year]; dup {
				t.Errorf("festival %q has two editions in %d", f.Slug, e.Year)
			}
			ix.editions[f.Slug][e.Year] = e
		}
	}
	for _, a := range b.AwardBodies {
		if _, dup := ix.bodies[a.Slug]; dup {
			t.Errorf("award body slug %q is used twice", a.Slug)
		}
		ix.bodies[a.Slug] = a
		ix.categories[a.Slug] = map[string]bundle.AwardCategory{}
		for _, c := range a.Categories {
			if _, dup := ix.categories[a.Slug][c.Name]; dup {
				t.Errorf("award body %q has two categories named %q", a.Slug, c.Name)
			}
			ix.categories[a.Slug][c.Name] = c
		}
	}
	for _, s := range b.Sources {
		if _, dup := ix.sources[s.Key]; dup {
			t.Errorf("source key %q is used twice", s.Key)
		}
		ix.sources[s.Key] = s
	}
	for _, f := range b.Films {
		if _, dup := ix.films[f.Slug]; dup {
			t.Errorf("film slug %q is used twice", f.Slug)
		}
		ix.films[f.Slug] = f
	}
	return ix
}

func TestReferencesResolve(t *testing.T) {
	b := mustBundle(t)
	ix := buildIndex(t, b)

	usedPeople := map[string]bool{}
	usedOrgs := map[string]bool{}
	usedSources := map[string]bool{}

	person := func(path, slug string) {
		if _, ok := ix.people[slug]; !ok {
			t.Errorf("%s: person %q is not in the bundle", path, slug)
		}
		usedPeople[slug] = true
	}
	// org checks that slug is an organization playing one of the roles.
	org := func(path, slug string, roles ...catalog.OrgKind) {
		o, ok := ix.orgs[slug]
		if !ok {
			t.Errorf("%s: organization %q is not in the bundle", path, slug)
			return
		}
		usedOrgs[slug] = true
		if !slices.ContainsFunc(o.Kinds, func(k catalog.OrgKind) bool { return slices.Contains(roles, k) }) {
			t.Errorf("%s: organization %q is used as one of %v but its kinds are %v", path, slug, roles, o.Kinds)
		}
	}
	edition := func(path, festival string, year int) {
		if _, ok := ix.festivals[festival]; !ok {
			t.Errorf("%s: festival %q is not in the bundle", path, festival)
			return
		}
		if _, ok := ix.editions[festival][year]; !ok {
			t.Errorf("%s: festival %q has no %d edition", path, festival, year)
		}
	}

	for _, key := range b.DefaultSources {
		if _, ok := ix.sources[key]; !ok {
			t.Errorf("default_sources: source %q is not in the bundle", key)
		}
		usedSources[key] = true
	}
	for _, ref := range allCitations(b) {
		if _, ok := ix.sources[ref.c.Source]; !ok {
			t.Errorf("%s: source %q is not in the bundle", ref.path, ref.c.Source)
		}
		usedSources[ref.c.Source] = true
	}
	for _, a := range b.AwardBodies {
		if a.Festival != "" {
			if _, ok := ix.festivals[a.Festival]; !ok {
				t.Errorf("award body %q: festival %q is not in the bundle", a.Slug, a.Festival)
			}
		}
	}

	for _, f := range b.Films {
		fp := "film " + f.Slug
		for i, c := range f.Credits {
			person(fmt.Sprintf("%s.credits[%d]", fp, i), c.Person)
		}
		for i, r := range f.Releases {
			rp := fmt.Sprintf("%s.releases[%d]", fp, i)
			if r.Distributor != "" {
				switch r.Type {
				case catalog.ReleasePhysical:
					// A disc label distributes its own discs.
					org(rp, r.Distributor, catalog.OrgDistributor, catalog.OrgDiscLabel)
				case catalog.ReleaseStreaming:
					org(rp, r.Distributor, catalog.OrgDistributor, catalog.OrgStreamer)
				default:
					org(rp, r.Distributor, catalog.OrgDistributor)
				}
			}
			if r.Festival != nil {
				edition(rp, r.Festival.Festival, r.Festival.Year)
			}
			for j, e := range r.Editions {
				ep := fmt.Sprintf("%s.editions[%d]", rp, j)
				if e.Label != "" {
					org(ep, e.Label, catalog.OrgDiscLabel)
				}
				for k, x := range e.Extras {
					for l, p := range x.Participants {
						person(fmt.Sprintf("%s.extras[%d].participants[%d]", ep, k, l), p.Person)
					}
				}
			}
		}
		for i, s := range f.Selections {
			edition(fmt.Sprintf("%s.selections[%d]", fp, i), s.Festival, s.Year)
		}
		for i, n := range f.Nominations {
			np := fmt.Sprintf("%s.nominations[%d]", fp, i)
			body, ok := ix.bodies[n.AwardBody]
			if !ok {
				t.Errorf("%s: award body %q is not in the bundle", np, n.AwardBody)
				continue
			}
			cat, ok := ix.categories[n.AwardBody][n.Category]
			if !ok {
				t.Errorf("%s: award body %q has no category %q", np, n.AwardBody, n.Category)
				continue
			}
			if n.Person != "" {
				person(np, n.Person)
			}
			if cat.PersonAward != (n.Person != "") {
				t.Errorf("%s: category %q person_award=%v but person is %q", np, n.Category, cat.PersonAward, n.Person)
			}
			switch {
			case body.Festival != "" && n.FestivalYear == 0:
				t.Errorf("%s: award of festival jury %q has no festival_year", np, n.AwardBody)
			case body.Festival == "" && n.FestivalYear != 0:
				t.Errorf("%s: award body %q is not a festival jury but festival_year is %d", np, n.AwardBody, n.FestivalYear)
			case body.Festival != "":
				edition(np, body.Festival, n.FestivalYear)
				if n.FestivalYear != n.Year {
					t.Errorf("%s: festival_year %d differs from year %d", np, n.FestivalYear, n.Year)
				}
			}
		}
	}

	// Nothing in the catalog is dead weight.
	for _, p := range b.People {
		if !usedPeople[p.Slug] {
			t.Errorf("person %q is never credited, named in an extra or nominated", p.Slug)
		}
	}
	for _, o := range b.Organizations {
		if !usedOrgs[o.Slug] {
			t.Errorf("organization %q distributes or publishes nothing", o.Slug)
		}
	}
	for _, s := range b.Sources {
		if !usedSources[s.Key] {
			t.Errorf("source %q is never cited", s.Key)
		}
	}
}

// sentences counts sentence ends in s.
func sentences(s string) int {
	n := 0
	for i, r := range s {
		if r == '.' || r == '!' || r == '?' {
			if i == len(s)-1 || s[i+1] == ' ' {
				n++
			}
		}
	}
	return n
}

func TestRecordsValidate(t *testing.T) {
	b := mustBundle(t)
	ix := buildIndex(t, b)

	// Placeholder IDs by natural key, as a store would assign them.
	ids := map[string]int64{}
	id := func(kind, key string) int64 {
		k := kind + ":" + key
		if v, ok := ids[k]; ok {
			return v
		}
		ids[k] = int64(len(ids) + 1)
		return ids[k]
	}
	check := func(path string, err error) {
		t.Helper()
		if err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	prose := func(path, field, s string, required bool) {
		t.Helper()
		switch {
		case s == "" && required:
			t.Errorf("%s: %s is empty", path, field)
		case len(s) > 400:
			t.Errorf("%s: %s is %d bytes; demo prose is one or two sentences", path, field, len(s))
		case sentences(s) > 2:
			t.Errorf("%s: %s has %d sentences; demo prose is one or two sentences", path, field, sentences(s))
		}
	}

	for _, s := range b.Sources {
		cs := catalog.Source{Kind: s.Kind, URL: s.URL, Outlet: s.Outlet, Title: s.Title, PublishedOn: s.PublishedOn, ContentHash: s.ContentHash, Text: s.Text}
		cs.Normalize()
		check("source "+s.Key, cs.Validate())
		if s.Text != "" {
			t.Errorf("source %s keeps article text; the demo must not", s.Key)
		}
		if s.Kind == catalog.SourceArticle && (s.URL == "" || s.Outlet == "") {
			t.Errorf("source %s: an article source needs a URL and an outlet", s.Key)
		}
	}
	for _, ref := range allCitations(b) {
		c := catalog.Claim{SourceID: id("source", ref.c.Source), Subject: catalog.EntityRef{Type: catalog.EntityFilm, ID: 1},
			Field: ref.c.Field, Value: ref.c.Value, Span: ref.c.Span, Confidence: ref.c.Confidence, Preferred: ref.c.Preferred}
		check(ref.path, c.Validate())
		if (ref.c.Field == "") != (ref.c.Value == "") {
			t.Errorf("%s: a citation with a field needs a value and vice versa (%q=%q)", ref.path, ref.c.Field, ref.c.Value)
		}
	}
	for _, p := range b.People {
		cp := catalog.Person{Slug: p.Slug, Name: p.Name, SortName: p.SortName, BirthYear: p.BirthYear, DeathYear: p.DeathYear, ExternalIDs: p.ExternalIDs}
		cp.Normalize()
		check("person "+p.Slug, cp.Validate())
		if p.Slug == "" {
			t.Errorf("person %q has no slug", p.Name)
		}
		id("person", p.Slug)
	}
	for _, o := range b.Organizations {
		co := catalog.Organization{Slug: o.Slug, Name: o.Name, Kinds: o.Kinds, Country: o.Country, Website: o.Website}
		co.Normalize()
		check("organization "+o.Slug, co.Validate())
		id("org", o.Slug)
	}
	for _, f := range b.Festivals {
		cf := catalog.Festival{Slug: f.Slug, Name: f.Name, Country: f.Country, City: f.City, Website: f.Website}
		cf.Normalize()
		check("festival "+f.Slug, cf.Validate())
		for _, e := range f.Editions {
			ce := catalog.FestivalEdition{FestivalID: id("festival", f.Slug), Year: e.Year, StartsOn: e.StartsOn, EndsOn: e.EndsOn, Place: e.Place}
			check(fmt.Sprintf("festival %s %d", f.Slug, e.Year), ce.Validate())
		}
	}
	for _, a := range b.AwardBodies {
		ca := catalog.AwardBody{Slug: a.Slug, Name: a.Name}
		if a.Festival != "" {
			ca.FestivalID = id("festival", a.Festival)
		}
		ca.Normalize()
		check("award body "+a.Slug, ca.Validate())
		for _, c := range a.Categories {
			cc := catalog.AwardCategory{AwardBodyID: id("body", a.Slug), Name: c.Name, PersonAward: c.PersonAward}
			cc.Normalize()
			check(fmt.Sprintf("award body %s category %q", a.Slug, c.Name), cc.Validate())
		}
	}

	for _, f := range b.Films {
		fp := "film " + f.Slug
		cf := catalog.Film{Slug: f.Slug, Title: f.Title, OriginalTitle: f.OriginalTitle, Year: f.Year, RuntimeMinutes: f.RuntimeMinutes,
			Synopsis: f.Synopsis, Tagline: f.Tagline, Genres: f.Genres, Status: f.Status, ExternalIDs: f.ExternalIDs, Trailers: f.Trailers}
		cf.Normalize()
		check(fp, cf.Validate())
		if f.Slug != cf.DefaultSlug() {
			t.Errorf("%s: slug differs from the default slug %q", fp, cf.DefaultSlug())
		}
		prose(fp, "synopsis", f.Synopsis, true)
		prose(fp, "tagline", f.Tagline, false)
		filmID := id("film", f.Slug)

		seenCredit := map[string]bool{}
		for i, c := range f.Credits {
			path := fmt.Sprintf("%s.credits[%d]", fp, i)
			cc := catalog.Credit{FilmID: filmID, PersonID: id("person", c.Person), Department: c.Department, Job: c.Job,
				Character: c.Character, Billing: c.Billing, Note: c.Note}
			cc.Normalize()
			check(path, cc.Validate())
			if cc.Department == catalog.DeptUnclassified {
				t.Errorf("%s: job %q has no department; give one or use a known job", path, c.Job)
			}
			key := c.Person + "|" + cc.Job + "|" + c.Character
			if seenCredit[key] {
				t.Errorf("%s: duplicate credit %s", path, key)
			}
			seenCredit[key] = true
			prose(path, "note", c.Note, false)
		}

		for i, r := range f.Releases {
			rp := fmt.Sprintf("%s.releases[%d]", fp, i)
			cr := catalog.Release{FilmID: filmID, Country: r.Country, Type: r.Type, Date: r.Date, Status: r.Status, Note: r.Note}
			if r.Distributor != "" {
				cr.DistributorID = id("org", r.Distributor)
			}
			var fe bundle.FestivalEdition
			if r.Festival != nil {
				cr.FestivalEditionID = id("edition", fmt.Sprintf("%s-%d", r.Festival.Festival, r.Festival.Year))
				fe = ix.editions[r.Festival.Festival][r.Festival.Year]
			}
			cr.Normalize()
			check(rp, cr.Validate())
			if r.Status == "" {
				t.Errorf("%s: status is not set explicitly", rp)
			}
			prose(rp, "note", r.Note, false)
			if r.Festival != nil && !r.Date.IsTBA() && !fe.StartsOn.IsTBA() && !fe.EndsOn.IsTBA() &&
				(r.Date.Last() < fe.StartsOn.First() || r.Date.First() > fe.EndsOn.Last()) {
				t.Errorf("%s: date %s is outside the festival edition %s..%s", rp, r.Date, fe.StartsOn, fe.EndsOn)
			}
			if len(r.Editions) > 0 && r.Type != catalog.ReleasePhysical && r.Type != catalog.ReleaseDigital {
				t.Errorf("%s: a %s release has editions", rp, r.Type)
			}
			// Entries after the compilation day are invented for the demo and must say so.
			if r.Date.IsTBA() || r.Date.First() > compiledOn {
				if r.Note == "" || !citesSource(r.Sources, illustrativeSource) {
					t.Errorf("%s: upcoming release (%s) must have a note and cite %q", rp, r.Date, illustrativeSource)
				}
				if r.Status == catalog.ReleaseConfirmed {
					t.Errorf("%s: invented upcoming release must not be confirmed", rp)
				}
			}
			for _, c := range r.Sources {
				if c.Field == "date" && c.Value != r.Date.String() {
					t.Errorf("%s: citation of %s says date %s, release says %s", rp, c.Source, c.Value, r.Date)
				}
			}

			for j, e := range r.Editions {
				ep := fmt.Sprintf("%s.editions[%d]", rp, j)
				ce := catalog.Edition{ReleaseID: id("release", rp), Name: e.Name, Formats: e.Formats, Regions: e.Regions, Barcode: e.Barcode,
					CatalogNumber: e.CatalogNumber, Packaging: e.Packaging, DiscCount: e.DiscCount, LimitedTo: e.LimitedTo,
					RetailerExclusive: e.RetailerExclusive}
				if e.Label != "" {
					ce.LabelID = id("org", e.Label)
				}
				if e.Price != nil {
					ce.Price = *e.Price
					if e.Price.IsZero() {
						t.Errorf("%s: price is given but empty", ep)
					}
				}
				ce.Normalize()
				check(ep, ce.Validate())
				for _, c := range e.Sources {
					if c.Field == "price" {
						if e.Price == nil {
							t.Errorf("%s: citation of %s gives a price the edition lacks", ep, c.Source)
						} else if want := fmt.Sprintf("%d.%02d %s", e.Price.Amount/100, e.Price.Amount%100, e.Price.Currency); c.Value != want {
							t.Errorf("%s: citation of %s says price %q, edition says %q", ep, c.Source, c.Value, want)
						}
					}
				}
				for k, x := range e.Extras {
					xp := fmt.Sprintf("%s.extras[%d]", ep, k)
					cx := catalog.Extra{EditionID: id("edition", ep), Position: k + 1, Kind: x.Kind, Title: x.Title, RuntimeSeconds: x.RuntimeSeconds,
						Description: x.Description, Vintage: x.Vintage, ExclusiveFormats: x.ExclusiveFormats}
					for _, p := range x.Participants {
						cx.Participants = append(cx.Participants, catalog.Participant{PersonID: id("person", p.Person), Role: p.Role})
						if strings.TrimSpace(p.Role) == "" {
							t.Errorf("%s: participant %s has no role", xp, p.Person)
						}
					}
					cx.Normalize()
					check(xp, cx.Validate())
					if x.Title == "" {
						t.Errorf("%s: extra has no title", xp)
					}
					prose(xp, "description", x.Description, false)
					for _, ef := range x.ExclusiveFormats {
						if !slices.Contains(e.Formats, ef) {
							t.Errorf("%s: exclusive format %s is not a format of the edition %v", xp, ef, e.Formats)
						}
					}
					if len(x.ExclusiveFormats) > 0 && len(x.ExclusiveFormats) >= len(e.Formats) {
						t.Errorf("%s: exclusive to every format of the edition; drop exclusive_formats", xp)
					}
				}
			}
		}

		for i, s := range f.Selections {
			sp := fmt.Sprintf("%s.selections[%d]", fp, i)
			cs := catalog.Selection{FilmID: filmID, FestivalEditionID: id("edition", fmt.Sprintf("%s-%d", s.Festival, s.Year)),
				Section: s.Section, Premiere: s.Premiere, Note: s.Note}
			cs.Normalize()
			check(sp, cs.Validate())
			prose(sp, "note", s.Note, false)
		}
		for i, n := range f.Nominations {
			np := fmt.Sprintf("%s.nominations[%d]", fp, i)
			cn := catalog.Nomination{CategoryID: id("category", n.AwardBody+"|"+n.Category), FilmID: filmID, Year: n.Year,
				Ceremony: n.Ceremony, Result: n.Result, Note: n.Note}
			if n.Person != "" {
				cn.PersonID = id("person", n.Person)
			}
			if n.FestivalYear != 0 {
				if body, ok := ix.bodies[n.AwardBody]; ok {
					cn.FestivalEditionID = id("edition", fmt.Sprintf("%s-%d", body.Festival, n.FestivalYear))
				}
			}
			cn.Normalize()
			check(np, cn.Validate())
			if n.Result == "" {
				t.Errorf("%s: result is not set explicitly", np)
			}
			prose(np, "note", n.Note, false)
			if n.Result == catalog.ResultPending && !citesSource(n.Sources, illustrativeSource) {
				t.Errorf("%s: a pending nomination is invented for the demo and must cite %q", np, illustrativeSource)
			}
		}
	}
}

func citesSource(cs []bundle.Citation, key string) bool {
	return slices.ContainsFunc(cs, func(c bundle.Citation) bool { return c.Source == key })
}

// allDates lists every partial date in the bundle with where it is.
func allDates(b *bundle.Bundle) map[string]catalog.PartialDate {
	out := map[string]catalog.PartialDate{}
	for _, s := range b.Sources {
		out["source "+s.Key+".published_on"] = s.PublishedOn
	}
	for _, f := range b.Festivals {
		for _, e := range f.Editions {
			out[fmt.Sprintf("festival %s %d.starts_on", f.Slug, e.Year)] = e.StartsOn
			out[fmt.Sprintf("festival %s %d.ends_on", f.Slug, e.Year)] = e.EndsOn
		}
	}
	for _, f := range b.Films {
		for i, r := range f.Releases {
			out[fmt.Sprintf("film %s.releases[%d].date", f.Slug, i)] = r.Date
		}
	}
	return out
}

func TestDatesParse(t *testing.T) {
	b := mustBundle(t)
	for path, d := range allDates(b) {
		again, err := catalog.ParsePartialDate(d.String())
		if err != nil {
			t.Errorf("%s: %s does not parse: %v", path, d, err)
			continue
		}
		if again != d {
			t.Errorf("%s: %s parses back as %s", path, d, again)
		}
	}
	// Every citation of a date value is itself a valid partial date.
	for _, ref := range allCitations(b) {
		if ref.c.Field == "date" {
			if _, err := catalog.ParsePartialDate(ref.c.Value); err != nil {
				t.Errorf("%s: cited date %q does not parse: %v", ref.path, ref.c.Value, err)
			}
		}
	}
	// A film's releases are not dated before the film's year (TBA aside).
	for _, f := range b.Films {
		for i, r := range f.Releases {
			if !r.Date.IsTBA() && f.Year != 0 && r.Date.Year() < f.Year {
				t.Errorf("film %s.releases[%d]: %s is before the film's year %d", f.Slug, i, r.Date, f.Year)
			}
		}
	}
}

func TestCoverage(t *testing.T) {
	b := mustBundle(t)
	ix := buildIndex(t, b)

	if len(b.Films) < 12 {
		t.Errorf("bundle has %d films, want at least 12", len(b.Films))
	}

	types := map[catalog.ReleaseType]int{}
	statuses := map[catalog.ReleaseStatus]int{}
	precisions := map[catalog.Precision]int{}
	countries := map[string]bool{}
	kinds := map[catalog.ExtraKind]int{}
	vintages := map[catalog.ExtraVintage]int{}
	formats := map[catalog.Format]bool{}
	packaging := map[catalog.Packaging]bool{}
	labels := map[string]bool{}
	results := map[catalog.NominationResult]int{}
	roles := map[string]bool{}
	premieres := map[catalog.PremiereScope]bool{}
	var exclusive, limited, retailer, priced, multiDisc int
	var december2026, q1of2027, monthOnly2027, upcomingTBA int

	for _, f := range b.Films {
		for _, r := range f.Releases {
			types[r.Type]++
			statuses[r.Status]++
			precisions[r.Date.Precision()]++
			if r.Country != "" {
				countries[r.Country] = true
			}
			first := r.Date.First()
			switch {
			case r.Date.IsTBA():
				upcomingTBA++
			case strings.HasPrefix(first, "2026-12"):
				december2026++
			case first >= "2027-01-01" && first <= "2027-03-31":
				q1of2027++
			}
			if r.Date.Year() == 2027 && r.Date.Precision() == catalog.PrecisionMonth {
				monthOnly2027++
			}
			for _, e := range r.Editions {
				if e.Label != "" {
					labels[e.Label] = true
				}
				for _, fm := range e.Formats {
					formats[fm] = true
				}
				for _, p := range e.Packaging {
					packaging[p] = true
				}
				if e.LimitedTo > 0 {
					limited++
				}
				if e.RetailerExclusive != "" {
					retailer++
				}
				if e.Price != nil {
					priced++
				}
				if e.DiscCount > 1 {
					multiDisc++
				}
				for _, x := range e.Extras {
					kinds[x.Kind]++
					vintages[x.Vintage]++
					if len(x.ExclusiveFormats) > 0 {
						exclusive++
					}
					for _, p := range x.Participants {
						roles[p.Role] = true
					}
				}
			}
		}
		for _, s := range f.Selections {
			premieres[s.Premiere] = true
		}
		for _, n := range f.Nominations {
			results[n.Result]++
		}
	}

	for _, rt := range catalog.ReleaseTypes {
		if types[rt] == 0 {
			t.Errorf("no release of type %s", rt)
		}
	}
	for _, rs := range catalog.ReleaseStatuses {
		if statuses[rs] == 0 {
			t.Errorf("no release with status %s", rs)
		}
	}
	for p, min := range map[catalog.Precision]int{catalog.PrecisionDay: 5, catalog.PrecisionMonth: 5, catalog.PrecisionYear: 3, catalog.PrecisionTBA: 2} {
		if precisions[p] < min {
			t.Errorf("%d release dates of %s precision, want at least %d", precisions[p], p, min)
		}
	}
	for _, c := range []string{"US", "GB", "FR", "DE", "JP"} {
		if !countries[c] {
			t.Errorf("no release in %s", c)
		}
	}
	if december2026 == 0 || q1of2027 == 0 || monthOnly2027 == 0 || upcomingTBA == 0 {
		t.Errorf("coming-up calendar is thin: %d in Dec 2026, %d in Jan–Mar 2027, %d month-only in 2027, %d TBA",
			december2026, q1of2027, monthOnly2027, upcomingTBA)
	}
	for _, k := range catalog.ExtraKinds {
		if kinds[k] == 0 {
			t.Errorf("no extra of kind %s", k)
		}
	}
	for _, v := range []catalog.ExtraVintage{catalog.ExtraNew, catalog.ExtraLegacy} {
		if vintages[v] == 0 {
			t.Errorf("no extra of vintage %q", v)
		}
	}
	for _, fm := range []catalog.Format{catalog.FormatDVD, catalog.FormatBluray, catalog.FormatUHD4K, catalog.FormatDigital} {
		if !formats[fm] {
			t.Errorf("no edition in format %s", fm)
		}
	}
	for _, p := range []catalog.Packaging{catalog.PackagingSteelbook, catalog.PackagingBooklet} {
		if !packaging[p] {
			t.Errorf("no edition with packaging %s", p)
		}
	}
	if exclusive == 0 || limited == 0 || retailer == 0 || priced < 3 || multiDisc == 0 {
		t.Errorf("editions lack variety: %d extras with exclusive formats, %d limited, %d retailer exclusives, %d priced, %d multi-disc",
			exclusive, limited, retailer, priced, multiDisc)
	}
	if len(labels) < 6 {
		t.Errorf("editions come from %d labels, want at least 6", len(labels))
	}
	for _, l := range []string{"criterion", "arrow-video", "eureka", "second-sight", "lionsgate", "a24"} {
		if !labels[l] {
			t.Errorf("no edition from label %s", l)
		}
	}
	for _, role := range []string{"film critic", "film historian", "writer-director", "cinematographer"} {
		if !roles[role] {
			t.Errorf("no participant with role %q", role)
		}
	}
	for _, r := range catalog.NominationResults {
		if r != catalog.ResultWithdrawn && results[r] == 0 {
			t.Errorf("no nomination with result %s", r)
		}
	}
	for _, p := range []catalog.PremiereScope{catalog.PremiereWorld, catalog.PremiereInternational, catalog.PremiereNational} {
		if !premieres[p] {
			t.Errorf("no selection with premiere %q", p)
		}
	}

	for _, fe := range []struct {
		festival string
		year     int
	}{{"cannes", 2017}, {"cannes", 2021}, {"sundance", 2015}, {"venice", 1954}} {
		if _, ok := ix.editions[fe.festival][fe.year]; !ok {
			t.Errorf("no festival edition %s %d", fe.festival, fe.year)
		}
	}
	if body, ok := ix.bodies["cannes"]; !ok || body.Festival != "cannes" {
		t.Errorf("award body cannes = %+v, want the jury of festival cannes", body)
	}
	for _, c := range []string{"Palme d'Or", "Grand Prix", "Best Actor"} {
		if _, ok := ix.categories["cannes"][c]; !ok {
			t.Errorf("cannes jury has no category %q", c)
		}
	}
	if !ix.categories["cannes"]["Best Actor"].PersonAward {
		t.Error("cannes Best Actor is not a person award")
	}
	if _, ok := ix.bodies["academy-awards"]; !ok {
		t.Error("no academy-awards award body")
	}

	articles, dateClaims := 0, 0
	for _, s := range b.Sources {
		if s.Kind == catalog.SourceArticle {
			articles++
		}
	}
	for _, ref := range allCitations(b) {
		if ref.c.Field == "date" && ref.c.Value != "" {
			dateClaims++
		}
	}
	if articles < 5 || dateClaims < 3 {
		t.Errorf("%d article sources and %d date citations, want at least 5 and 3", articles, dateClaims)
	}
}

// creditRow is the part of a credit the fact tests compare.
type creditRow struct {
	Person, Job, Character string
	Billing                int
}

func credits(f bundle.Film, keep func(bundle.Credit) bool) []creditRow {
	var out []creditRow
	for _, c := range f.Credits {
		if keep(c) {
			out = append(out, creditRow{c.Person, c.Job, c.Character, c.Billing})
		}
	}
	return out
}

func isCast(c bundle.Credit) bool { return catalog.DepartmentForJob(c.Job) == catalog.DeptCast }
func isCrew(c bundle.Credit) bool { return !isCast(c) }

func findFilm(t *testing.T, b *bundle.Bundle, slug string) bundle.Film {
	t.Helper()
	for _, f := range b.Films {
		if f.Slug == slug {
			return f
		}
	}
	t.Fatalf("film %q is not in the bundle", slug)
	return bundle.Film{}
}

func hasCrew(t *testing.T, f bundle.Film, want ...creditRow) {
	t.Helper()
	got := credits(f, isCrew)
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("%s: no credit %+v among %+v", f.Slug, w, got)
		}
	}
}

func findReleases(f bundle.Film, keep func(bundle.Release) bool) []bundle.Release {
	var out []bundle.Release
	for _, r := range f.Releases {
		if keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// editionRow and extraRow are the parts of an edition the fact tests compare.
type extraRow struct {
	Kind         catalog.ExtraKind
	Participants []bundle.Participant
}

type editionRow struct {
	Name    string
	Label   string
	Formats []catalog.Format
	Extras  []extraRow
}

func editionRows(r bundle.Release) []editionRow {
	var out []editionRow
	for _, e := range r.Editions {
		row := editionRow{Name: e.Name, Label: e.Label, Formats: e.Formats}
		for _, x := range e.Extras {
			row.Extras = append(row.Extras, extraRow{x.Kind, x.Participants})
		}
		out = append(out, row)
	}
	return out
}

func TestRedRocketFacts(t *testing.T) {
	b := mustBundle(t)
	f := findFilm(t, b, "red-rocket-2021")
	if f.Title != "Red Rocket" || f.Year != 2021 {
		t.Errorf("Red Rocket is %q (%d)", f.Title, f.Year)
	}

	hasCrew(t, f,
		creditRow{"sean-baker", "director", "", 0},
		creditRow{"sean-baker", "writer", "", 0},
		creditRow{"chris-bergoch", "writer", "", 0},
		creditRow{"drew-daniels", "cinematographer", "", 0},
	)
	wantCast := []creditRow{
		{"simon-rex", "actor", "Mikey Saber", 1},
		{"bree-elrod", "actor", "Lexi", 2},
		{"suzanna-son", "actor", "Strawberry", 3},
		{"brenda-deiss", "actor", "Lil", 4},
		{"ethan-darbone", "actor", "Lonnie", 5},
	}
	if diff := cmp.Diff(wantCast, credits(f, isCast)); diff != "" {
		t.Errorf("Red Rocket cast (-want +got):\n%s", diff)
	}

	wantSelection := []bundle.Selection{{Festival: "cannes", Year: 2021, Section: "Competition", Premiere: catalog.PremiereWorld,
		Sources: []bundle.Citation{{Source: "wikipedia-red-rocket"}}}}
	if diff := cmp.Diff(wantSelection, f.Selections); diff != "" {
		t.Errorf("Red Rocket selections (-want +got):\n%s", diff)
	}

	var palme []bundle.Nomination
	for _, n := range f.Nominations {
		if n.AwardBody == "cannes" && n.Category == "Palme d'Or" {
			palme = append(palme, n)
		}
	}
	if len(palme) != 1 || palme[0].Year != 2021 || palme[0].FestivalYear != 2021 || palme[0].Result != catalog.ResultLost || palme[0].Person != "" {
		t.Errorf("Red Rocket Palme d'Or nominations = %+v, want one for 2021 at Cannes 2021, lost", palme)
	}

	limited := findReleases(f, func(r bundle.Release) bool { return r.Type == catalog.ReleaseLimited && r.Country == "US" })
	if len(limited) != 1 || limited[0].Date != catalog.MustDate("2021-12-10") || limited[0].Distributor != "a24" ||
		limited[0].Status != catalog.ReleaseConfirmed {
		t.Errorf("Red Rocket US limited releases = %+v, want one on 2021-12-10 by a24, confirmed", limited)
	}
	if digital := findReleases(f, func(r bundle.Release) bool { return r.Type == catalog.ReleaseDigital }); len(digital) == 0 {
		t.Error("Red Rocket has no digital release")
	}
	premiere := findReleases(f, func(r bundle.Release) bool { return r.Type == catalog.ReleasePremiere })
	if len(premiere) != 1 || premiere[0].Festival == nil || *premiere[0].Festival != (bundle.FestivalRef{Festival: "cannes", Year: 2021}) {
		t.Errorf("Red Rocket premiere = %+v, want one at Cannes 2021", premiere)
	}

	physical := findReleases(f, func(r bundle.Release) bool { return r.Type == catalog.ReleasePhysical && r.Country == "US" })
	if len(physical) != 1 {
		t.Fatalf("Red Rocket has %d US physical releases, want 1", len(physical))
	}
	p := physical[0]
	if p.Date != catalog.MustDate("2022-03-15") || p.Distributor != "lionsgate" || p.Status != catalog.ReleaseConfirmed {
		t.Errorf("Red Rocket US physical release = %s by %q (%s), want 2022-03-15 by lionsgate, confirmed", p.Date, p.Distributor, p.Status)
	}
	bakerDanielsRex := extraRow{catalog.ExtraAudioCommentary, []bundle.Participant{
		{Person: "sean-baker", Role: "writer-director"},
		{Person: "drew-daniels", Role: "cinematographer"},
		{Person: "simon-rex", Role: "lead actor"},
	}}
	// The second commentary on the Lionsgate discs is by critic Kat Ellinger
	// (Collider, DVD Movie Guide, Bullz-Eye and DVD Talk all list it).
	ellinger := extraRow{catalog.ExtraAudioCommentary, []bundle.Participant{{Person: "kat-ellinger", Role: "film critic"}}}
	makingOf := extraRow{Kind: catalog.ExtraMakingOf}
	want := []editionRow{
		{"DVD", "lionsgate", []catalog.Format{catalog.FormatDVD}, []extraRow{bakerDanielsRex, ellinger, makingOf}},
		{"Blu-ray", "lionsgate", []catalog.Format{catalog.FormatBluray}, []extraRow{bakerDanielsRex, ellinger, makingOf}},
	}
	if diff := cmp.Diff(want, editionRows(p)); diff != "" {
		t.Errorf("Red Rocket US physical editions (-want +got):\n%s", diff)
	}
	if !citesSource(p.Sources, "collider-red-rocket-disc") {
		t.Error("Red Rocket US physical release does not cite the disc announcement")
	}
}

func TestSeanBakerFilms(t *testing.T) {
	b := mustBundle(t)
	tests := []struct {
		slug      string
		cast      []creditRow
		selection bundle.FestivalRef
		section   string
	}{
		{
			slug: "the-florida-project-2017",
			cast: []creditRow{
				{"willem-dafoe", "actor", "Bobby", 1},
				{"brooklynn-prince", "actor", "Moonee", 2},
				{"bria-vinaite", "actor", "Halley", 3},
			},
			selection: bundle.FestivalRef{Festival: "cannes", Year: 2017},
			section:   "Directors' Fortnight",
		},
		{
			slug: "tangerine-2015",
			cast: []creditRow{
				{"kitana-kiki-rodriguez", "actor", "Sin-Dee", 1},
				{"mya-taylor", "actor", "Alexandra", 2},
				{"karren-karagulian", "actor", "Razmik", 3},
				{"james-ransone", "actor", "Chester", 4},
			},
			selection: bundle.FestivalRef{Festival: "sundance", Year: 2015},
			section:   "NEXT",
		},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			f := findFilm(t, b, tt.slug)
			hasCrew(t, f,
				creditRow{"sean-baker", "director", "", 0},
				creditRow{"sean-baker", "writer", "", 0},
				creditRow{"chris-bergoch", "writer", "", 0},
			)
			if diff := cmp.Diff(tt.cast, credits(f, isCast)); diff != "" {
				t.Errorf("cast (-want +got):\n%s", diff)
			}
			found := false
			for _, s := range f.Selections {
				if (bundle.FestivalRef{Festival: s.Festival, Year: s.Year}) == tt.selection && s.Section == tt.section {
					found = true
				}
			}
			if !found {
				t.Errorf("no selection at %+v in %q among %+v", tt.selection, tt.section, f.Selections)
			}
			for _, rt := range []catalog.ReleaseType{catalog.ReleaseLimited, catalog.ReleaseTheatrical, catalog.ReleaseDigital, catalog.ReleasePhysical} {
				if len(findReleases(f, func(r bundle.Release) bool { return r.Type == rt })) == 0 {
					t.Errorf("no %s release", rt)
				}
			}
		})
	}

	fp := findFilm(t, b, "the-florida-project-2017")
	wantDafoe := []bundle.Nomination{{AwardBody: "academy-awards", Category: "Best Supporting Actor", Year: 2018,
		Ceremony: "90th Academy Awards", Person: "willem-dafoe", Result: catalog.ResultLost}}
	var gotDafoe []bundle.Nomination
	for _, n := range fp.Nominations {
		if n.Person == "willem-dafoe" {
			n.Note, n.Sources = "", nil
			gotDafoe = append(gotDafoe, n)
		}
	}
	if diff := cmp.Diff(wantDafoe, gotDafoe); diff != "" {
		t.Errorf("Willem Dafoe's nomination (-want +got):\n%s", diff)
	}

	tangerine := findFilm(t, b, "tangerine-2015")
	won := slices.ContainsFunc(tangerine.Nominations, func(n bundle.Nomination) bool {
		return n.Person == "mya-taylor" && n.Result == catalog.ResultWon
	})
	if !won {
		t.Error("Tangerine: Mya Taylor's Independent Spirit Award win is missing")
	}
}
