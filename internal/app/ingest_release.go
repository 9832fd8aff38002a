package app

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

// The rules by which an article's release is a catalog release:
//
//   - A release is one (film, type, country, label) on a date. The catalog
//     models releases per country, so a release the article places in
//     several countries is one release per country; only an article that
//     names no country makes (or finds) a worldwide one.
//   - A catalog release is the article's release when its type and
//     country are the same (an article naming no country matches any),
//     its label is the same or one of the two names none, and the dates
//     are compatible: equal, one a more precise statement of the other
//     (2022-03 and 2022-03-15), a date the release held before (an older
//     article read again), or a new date the article says is a change
//     (postponed, delayed, moved). Anything else is a new release: another
//     label, another year, another country.
//   - When several catalog releases fit equally well, none is taken and
//     the article gets a note.

// releaseGroup is the extracted releases of one type, date, label and
// set of countries: one catalog release per country, with an edition per
// disc format.
type releaseGroup struct {
	typ       catalog.ReleaseType
	date      catalog.PartialDate
	label     string   // as the article names it; "" when it names none
	countries []string // ISO 3166-1 alpha-2, sorted; [""] when the article names none
	facts     []extract.Release
}

// placedEdition is an edition this article's releases map to.
type placedEdition struct {
	edition catalog.Edition
	format  catalog.Format
	suffix  string // the release's change ID suffix, for the IDs of changes to the edition
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
		date := catalog.TBA()
		if r.Date != "" {
			var err error
			if date, err = catalog.ParsePartialDate(r.Date); err != nil {
				fp.note("%s: release date %q: %v; kept as TBA", fp.film.Title, r.Date, err)
				date = catalog.TBA()
			}
		}
		countries, ok := fp.releaseCountries(typ, r)
		if !ok {
			continue
		}
		label := strings.Join(strings.Fields(r.Label), " ")
		i := slices.IndexFunc(groups, func(g *releaseGroup) bool {
			return g.typ == typ && g.date == date && slices.Equal(g.countries, countries) &&
				(label == "" || g.label == "" || sameOrganizationName(g.label, label))
		})
		if i < 0 {
			groups = append(groups, &releaseGroup{typ: typ, date: date, countries: countries})
			i = len(groups) - 1
		}
		if groups[i].label == "" {
			groups[i].label = label
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

// sameOrganizationName reports whether two names an article gives may be
// the same organization ("Arrow" and "Arrow Video").
func sameOrganizationName(a, b string) bool {
	return catalog.MatchOrganizationName(a, b) != catalog.OrgNameNone || catalog.MatchOrganizationName(b, a) != catalog.OrgNameNone
}

// countryCodes reads the country names and non-ISO codes articles use.
// An extractor that predates extract.Release.Countries puts the country
// of "in the UK" in Region; releaseCountries reads it from there too.
var countryCodes = map[string]string{
	"UK": "GB", "U.K.": "GB", "UNITED KINGDOM": "GB", "BRITAIN": "GB", "GREAT BRITAIN": "GB",
	"U.S.": "US", "USA": "US", "U.S.A.": "US", "UNITED STATES": "US", "AMERICA": "US",
	"CANADA": "CA", "AUSTRALIA": "AU", "GERMANY": "DE", "FRANCE": "FR", "JAPAN": "JP", "ITALY": "IT", "SPAIN": "ES",
}

// releaseCountries returns the countries an extracted release is for,
// sorted, or [""] (worldwide) when the article names none. A country it
// names that is not a country code is reported and the release skipped:
// storing it as worldwide would state what the article does not.
func (fp *filmPlan) releaseCountries(typ catalog.ReleaseType, r extract.Release) ([]string, bool) {
	named := slices.DeleteFunc(slices.Clone(r.Countries), func(c string) bool { return strings.TrimSpace(c) == "" })
	if len(named) == 0 && r.Region != "" {
		var fromRegion []string
		for _, part := range strings.Split(r.Region, "/") {
			code, ok := countryCodes[strings.ToUpper(strings.TrimSpace(part))]
			if !ok {
				fromRegion = nil
				break
			}
			fromRegion = append(fromRegion, code)
		}
		named = fromRegion
	}
	if len(named) == 0 {
		return []string{""}, true
	}
	var out []string
	for _, c := range named {
		code := strings.ToUpper(strings.TrimSpace(c))
		if alias, ok := countryCodes[code]; ok {
			code = alias
		}
		if !catalog.ValidCountry(code) {
			fp.note("%s: %s release: %q is not an ISO 3166-1 country code; the release is skipped rather than stored as worldwide", fp.film.Title, typ, c)
			return nil, false
		}
		if !slices.Contains(out, code) {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out, true
}

// editionRegions maps an extracted disc region to edition regions:
// "B" and "Region B" are B, "A/B" is AB, "1/2" is 1 and 2, "Free",
// "All" and "0" are 0 (region free). Anything else (a country, say) is no region.
func editionRegions(region string) []string {
	s := strings.ToUpper(strings.TrimSpace(region))
	s = strings.TrimPrefix(s, "REGIONS")
	s = strings.TrimPrefix(s, "REGION")
	var letters string
	var out []string
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" /,&+-", r) }) {
		switch part {
		case "A", "B", "C":
			if !strings.Contains(letters, part) {
				letters += part
			}
		case "1", "2", "3", "4", "5", "6":
			if !slices.Contains(out, part) {
				out = append(out, part)
			}
		case "0", "FREE", "ALL":
			if !slices.Contains(out, "0") {
				out = append(out, "0")
			}
		case "AND":
		default:
			return nil
		}
	}
	if letters != "" {
		b := []byte(letters)
		slices.Sort(b)
		out = append([]string{string(b)}, out...)
	}
	return out
}

// releaseID returns the change ID of a release of the group in country
// and the suffix that the IDs of its editions and extras carry: the
// first physical release of "paper-lanterns" is "release:paper-lanterns:physical",
// its UK twin "release:paper-lanterns:physical:gb", a second one of the
// same kind ":2" more.
func (fp *filmPlan) releaseID(typ catalog.ReleaseType, country string) (string, string) {
	suffix := ""
	if country != "" {
		suffix = ":" + strings.ToLower(country)
	}
	base := fmt.Sprintf("release:%s:%s", fp.key, typ)
	if fp.rels == nil {
		fp.rels = map[string]bool{}
	}
	for n := 2; fp.rels[base+suffix]; n++ {
		if country == "" {
			suffix = fmt.Sprintf(":%d", n)
		} else {
			suffix = fmt.Sprintf(":%s:%d", strings.ToLower(country), n)
		}
	}
	fp.rels[base+suffix] = true
	return base + suffix, suffix
}

func (fp *filmPlan) releaseGroup(ctx context.Context, g *releaseGroup) ([]placedEdition, error) {
	first := g.facts[0]
	f := fp.fact(first.Evidence, first.Confidence)
	var label catalog.Organization
	var among []int64
	labelChange := ""
	if g.label != "" {
		o, change, ok, err := fp.organization(ctx, g.label, f)
		if err != nil {
			return nil, err
		}
		if ok {
			label = o
		}
		labelChange, among = change, fp.ambiguousOrganization(g.label)
	}
	var placed []placedEdition
	for _, country := range g.countries {
		id, suffix := fp.releaseID(g.typ, country)
		rel, relChange, ok, err := fp.release(ctx, g, id, country, label, among, firstOf(fp.depends, labelChange), f)
		if err != nil {
			return nil, err
		}
		if !ok || g.typ != catalog.ReleasePhysical {
			continue
		}
		for _, r := range g.facts {
			_, format, _ := releaseTypeOf(r.Format)
			pe, ok, err := fp.edition(ctx, rel, relChange, suffix, format, r, label)
			if err != nil {
				return nil, err
			}
			if ok {
				placed = append(placed, pe)
			}
		}
	}
	return placed, nil
}

// release finds the catalog release the group states in country, or
// creates it, and brings its date (and a missing distributor) up to
// date. label is the organization the article names, or none; among, the
// organizations an ambiguous name may be. ok is false when there is no
// release to put editions on.
func (fp *filmPlan) release(ctx context.Context, g *releaseGroup, id, country string, label catalog.Organization, among []int64, depends string, f fact) (catalog.Release, string, bool, error) {
	var existing []catalog.Release
	if fp.film.ID != 0 { // 0: the film's creation was not chosen
		var err error
		existing, err = collect(ctx, func(pg catalog.Page) ([]catalog.Release, string, error) {
			return fp.q.ListReleases(ctx, catalog.ReleaseFilter{FilmID: fp.film.ID, Types: []catalog.ReleaseType{g.typ}, IncludeTBA: true, Page: pg})
		})
		if err != nil {
			return catalog.Release{}, "", false, err
		}
	}
	fits, err := fp.fitReleases(ctx, existing, g, country, label, among)
	if err != nil {
		return catalog.Release{}, "", false, err
	}
	if len(fits) > 1 && fits[0].rank == fits[1].rank {
		var which []string
		for _, c := range fits {
			if c.rank == fits[0].rank {
				which = append(which, releaseWords(c.release))
			}
		}
		fp.note("%s: the article's %s release%s on %s fits several catalog releases (%s) equally well; none is changed and no release is added",
			fp.film.Title, g.typ, inCountry(country), dateWords(g.date), strings.Join(which, "; "))
		return catalog.Release{}, "", false, nil
	}
	if len(fits) > 0 {
		match := fits[0].release
		ref := catalog.EntityRef{Type: catalog.EntityRelease, ID: match.ID}
		if err := fp.cite(ctx, "cite:"+id, ref, fp.film.ID, "", "", false, f, fmt.Sprintf("cite the article for the %s", releaseWords(match))); err != nil {
			return match, "", true, err
		}
		if match, err = fp.fillDistributor(ctx, id, match, label, f); err != nil {
			return match, "", true, err
		}
		return match, "", true, fp.updateDate(ctx, id, match, g, f)
	}
	for _, r := range existing {
		if r.Country == country && r.DistributorID == label.ID && !r.Date.IsTBA() && !g.date.IsTBA() {
			fp.note("%s: the catalog's %s is kept; the article's %s on %s is proposed as another release, as the article does not say the date changed",
				fp.film.Title, releaseWords(r), g.typ, dateWords(g.date))
		}
	}
	r := catalog.Release{FilmID: fp.film.ID, Country: country, Type: g.typ, Date: g.date, Status: catalog.ReleaseAnnounced, DistributorID: label.ID}
	if g.facts[0].Status == extract.DateAvailable {
		r.Status = catalog.ReleaseConfirmed
		if !fp.src.PublishedOn.IsTBA() {
			r.Note = "Available as of " + fp.src.PublishedOn.String() + "."
		}
	}
	r.Normalize()
	check := r
	if check.FilmID == 0 {
		check.FilmID = 1 // not created in this run; the rest must still be valid
	}
	if err := check.Validate(); err != nil {
		fp.note("%s: %s release: %v; skipped", fp.film.Title, g.typ, err)
		return r, "", false, nil
	}
	c := fp.change(id, ChangeCreate, catalog.EntityRelease, f, depends, "add the %s release of %s%s on %s%s",
		g.typ, filmLabel(fp.film), inCountry(country), dateWords(g.date), byLabel(label))
	if !fp.step(c) || fp.film.ID == 0 {
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

// dateFit says how an article's date fits a catalog release's; a larger
// value fits better, dateApart not at all.
type dateFit int

const (
	dateApart      dateFit = iota
	dateMovedPast          // the article says the date changed; the release was already out when it was published
	dateMoved              // the article says the date changed
	dateHeldBefore         // the release had the article's date before (a claim keeps it)
	datePrecision          // one date states the other more precisely
	dateSame
)

// releaseFit is a catalog release that may be the article's, and how
// well it fits: the date first, then the country, then the label.
type releaseFit struct {
	release catalog.Release
	rank    [3]int
}

// fitReleases returns the catalog releases that may be the group's
// release in country, best first. A release of another label than the
// article's (or than any of among, for a label name that is ambiguous)
// is not.
func (fp *filmPlan) fitReleases(ctx context.Context, existing []catalog.Release, g *releaseGroup, country string, label catalog.Organization, among []int64) ([]releaseFit, error) {
	var fits []releaseFit
	for _, r := range existing {
		countryRank := 1
		if r.Country != country {
			if country != "" {
				continue
			}
			countryRank = 0 // the article names no country
		}
		labelRank := 1 // the article names no label, or the release has none
		if label.ID != 0 || len(among) > 0 {
			relLabel, err := fp.releaseLabel(ctx, r)
			if err != nil {
				return nil, err
			}
			switch {
			case relLabel == 0:
			case relLabel == label.ID:
				labelRank = 2
			case slices.Contains(among, relLabel):
			default:
				continue
			}
		}
		fit, err := fp.dateFit(ctx, r, g)
		if err != nil {
			return nil, err
		}
		if fit == dateApart {
			continue
		}
		fits = append(fits, releaseFit{release: r, rank: [3]int{int(fit), countryRank, labelRank}})
	}
	slices.SortStableFunc(fits, func(a, b releaseFit) int {
		return cmp.Or(cmp.Compare(b.rank[0], a.rank[0]), cmp.Compare(b.rank[1], a.rank[1]), cmp.Compare(b.rank[2], a.rank[2]))
	})
	return fits, nil
}

// releaseLabel is the organization a catalog release is from: its
// distributor, else the label of its first edition that has one.
func (fp *filmPlan) releaseLabel(ctx context.Context, r catalog.Release) (int64, error) {
	if r.DistributorID != 0 {
		return r.DistributorID, nil
	}
	eds, err := fp.q.ListEditions(ctx, catalog.EditionFilter{ReleaseID: r.ID})
	if err != nil {
		return 0, err
	}
	for _, e := range eds {
		if e.LabelID != 0 {
			return e.LabelID, nil
		}
	}
	return 0, nil
}

// dateFit says how the group's date fits release r's.
func (fp *filmPlan) dateFit(ctx context.Context, r catalog.Release, g *releaseGroup) (dateFit, error) {
	published := fp.src.PublishedOn
	switch {
	case g.date == r.Date:
		return dateSame, nil
	case g.date.Refines(r.Date):
		return datePrecision, nil
	case g.date.IsTBA():
		// "Coming to Blu-ray" with no date is not about a release that
		// was already out when the article was written.
		if g.facts[0].Status == extract.DateAvailable || published.IsTBA() || r.Date.Last() >= published.First() {
			return datePrecision, nil
		}
		return dateApart, nil
	case r.Date.Refines(g.date):
		return datePrecision, nil
	}
	claims, err := fp.q.ListClaims(ctx, catalog.ClaimFilter{Subject: &catalog.EntityRef{Type: catalog.EntityRelease, ID: r.ID}})
	if err != nil {
		return dateApart, err
	}
	for _, c := range claims {
		if c.Field == "date" && c.Value == g.date.String() {
			return dateHeldBefore, nil
		}
	}
	if !fp.statesDateChange(g) {
		return dateApart, nil
	}
	if !r.Date.IsTBA() && !published.IsTBA() && r.Date.Last() < published.First() {
		return dateMovedPast, nil
	}
	return dateMoved, nil
}

// dateChangeCues are the words by which an article says a release's date
// changed (folded; matched as substrings of the sentence stating it).
var dateChangeCues = []string{
	"postpone", "delay", "pushed back", "pushed to", "pushed out", "moved to", "moved back", "moved up", "moved forward",
	"brought forward", "reschedul", "later than planned", "later than expected", "later than announced",
	"earlier than planned", "earlier than expected", "earlier than announced", "new date", "new release date",
	"slipped", "now arrives", "now due", "now set for", "instead of",
}

// statesDateChange reports whether the article says, in a sentence
// stating one of the group's releases, that the date changed.
func (fp *filmPlan) statesDateChange(g *releaseGroup) bool {
	for _, r := range g.facts {
		sentence := catalog.FoldText(fp.sentenceAround(r.Evidence))
		for _, cue := range dateChangeCues {
			if strings.Contains(sentence, cue) {
				return true
			}
		}
	}
	return false
}

// sentenceAround returns the sentence (or sentences) of the article's
// text that evidence ev lies in; the quote when the span is not in the
// text.
func (p *planner) sentenceAround(ev extract.Evidence) string {
	if p.text == nil {
		p.text = []rune(p.article.Text)
	}
	text := p.text
	if ev.Start < 0 || ev.End <= ev.Start || ev.End > len(text) {
		return ev.Quote
	}
	end := func(i int) bool {
		switch text[i] {
		case '\n':
			return true
		case '.', '!', '?':
			return i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n'
		}
		return false
	}
	start, stop := ev.Start, ev.End
	for start > 0 && !end(start-1) {
		start--
	}
	for stop < len(text) && !end(stop) {
		stop++
	}
	return string(text[start:min(stop+1, len(text))])
}

// fillDistributor gives a catalog release without a distributor the
// label the article names.
func (fp *filmPlan) fillDistributor(ctx context.Context, id string, r catalog.Release, label catalog.Organization, f fact) (catalog.Release, error) {
	if label.ID == 0 || r.DistributorID != 0 {
		return r, nil
	}
	ref := catalog.EntityRef{Type: catalog.EntityRelease, ID: r.ID}
	summary := fmt.Sprintf("set the distributor of the %s to %s", releaseWords(r), label.Name)
	if err := fp.cite(ctx, "distributor:"+id, ref, fp.film.ID, "distributor", label.Name, true, f, summary); err != nil {
		return r, err
	}
	if !fp.done["distributor:"+id] {
		return r, nil
	}
	old := r
	r.DistributorID, r.UpdatedAt = label.ID, fp.s.now()
	if err := fp.q.UpdateRelease(ctx, &r); err != nil {
		return r, err
	}
	return r, fp.s.releaseEvents(ctx, fp.q, &old, r.ID)
}

func byLabel(o catalog.Organization) string {
	if o.Name == "" {
		return ""
	}
	return " from " + o.Name
}

func inCountry(country string) string {
	if country == "" {
		return ""
	}
	return " in " + country
}

func dateWords(d catalog.PartialDate) string {
	if d.IsTBA() {
		return "a date to be announced"
	}
	return d.String()
}

// releaseWords describes a catalog release: "physical release in GB on
// 2022-03-15 from Lionsgate".
func releaseWords(r catalog.Release) string {
	from := ""
	if r.DistributorName != "" {
		from = " from " + r.DistributorName
	}
	return fmt.Sprintf("%s release%s on %s%s", r.Type, inCountry(r.Country), dateWords(r.Date), from)
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
