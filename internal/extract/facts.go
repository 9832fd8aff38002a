package extract

import (
	"regexp"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

type creditFact struct {
	name      string
	role      creditRole
	roleText  string
	character string
	evidence  span
	conf      float64
}

type releaseFact struct {
	format   string
	date     catalog.PartialDate
	dateText string
	status   DateStatus
	label    string
	region   string
	edition  string
	price    string
	evidence span
	conf     float64
	// labelFromContext: the label was not in the release's sentence.
	labelFromContext bool
}

type festivalFact struct {
	name     string
	year     int
	award    string
	result   string
	evidence span
	conf     float64
}

type awardFact struct {
	name     string
	category string
	result   string
	evidence span
	conf     float64
}

// linkMentions records, per sentence, the runs that name a detected film
// (by title, alias, or each side of "A and B").
func (a *analysis) linkMentions() {
	keys := map[string]*film{}
	for _, f := range a.films {
		keys[titleKey(f.title)] = f
		for _, al := range f.aliases {
			keys[titleKey(al)] = f
		}
	}
	for _, s := range a.sents {
		for _, r := range s.runs {
			title, _ := splitEdition(r.text)
			if f := keys[titleKey(title)]; f != nil {
				s.refs = append(s.refs, filmRef{film: f, span: span{r.start, r.end}, first: r.first, last: r.last})
				continue
			}
			s.refs = append(s.refs, a.splitRefs(s, r, keys)...)
		}
		for i := range s.refs {
			s.refs[i].aside = isInsideFilmography(s, run{first: s.refs[i].first})
		}
		sortRefs(s.refs)
	}
}

// splitRefs finds films inside a run: "The Reeds and Hidden", or a run
// that starts with a sentence word ("Also Night Ferry").
func (a *analysis) splitRefs(s *sent, r run, keys map[string]*film) []filmRef {
	var out []filmRef
	start := r.first
	for k := r.first; k <= r.last+1; k++ {
		if k <= r.last && !s.toks[k].is("and") {
			continue
		}
		if k-1 >= start {
			sp := span{s.toks[start].start, s.toks[k-1].end}
			if f := keys[titleKey(a.text[sp.start:sp.end])]; f != nil {
				out = append(out, filmRef{film: f, span: sp, first: start, last: k - 1})
			}
		}
		start = k + 1
	}
	if len(out) == 0 && r.initial && r.words() > 1 && sentenceStarters[s.toks[r.first].lower] {
		sp := span{s.toks[r.first+1].start, r.end}
		if f := keys[titleKey(a.text[sp.start:sp.end])]; f != nil {
			out = append(out, filmRef{film: f, span: sp, first: r.first + 1, last: r.last})
		}
	}
	return out
}

// extractFacts walks the sentences in order, keeping the film in focus,
// and attaches credits, releases, extras and festivals.
func (a *analysis) extractFacts() {
	var current *film
	for _, f := range a.films {
		a.registerDirectors(f)
	}
	for _, s := range a.sents {
		ctx := &factContext{a: a, s: s, current: current}
		ctx.credits()
		ctx.releases()
		ctx.festivals()
		ctx.extras()
		for _, r := range s.refs {
			if !r.aside {
				current = r.film
			}
		}
	}
	a.extrasFromLines()
	a.listReleases()
	for _, f := range a.films {
		a.finishFilm(f)
	}
}

// registerDirectors makes possessive directors known people, so their
// surnames resolve later.
func (a *analysis) registerDirectors(f *film) {
	for _, c := range f.credits {
		a.people.add(c.name)
	}
}

// factContext is one sentence being read with the film in focus.
type factContext struct {
	a       *analysis
	s       *sent
	current *film
}

// filmAt returns the film a fact at token k is about: the nearest film
// named before it in the sentence, else the first named after it, else
// the film in focus.
func (c *factContext) filmAt(k int) *film {
	var before, after *film
	for _, r := range c.s.refs {
		if r.aside {
			continue
		}
		if r.last < k {
			before = r.film
		} else if r.first > k && after == nil {
			after = r.film
		}
	}
	switch {
	case before != nil:
		return before
	case after != nil:
		return after
	}
	return c.current
}

// credits attaches the person cues of the sentence.
func (c *factContext) credits() {
	for _, cue := range c.s.cues {
		if cue.possessive || (cue.role == roleNone && cue.character == "") {
			continue
		}
		f := c.filmAt(cue.tok)
		if f == nil {
			continue
		}
		role := cue.role
		if cue.character != "" {
			role |= roleCast
		}
		f.credits = append(f.credits, creditFact{name: cue.name, role: role, roleText: cue.roleText, character: cue.character, evidence: cue.span, conf: 0.75})
	}
	c.directedTitle()
	c.possessiveGenre()
}

// possessiveGenre handles "Name's outback masterpiece" with no title
// after it: Name directed the film in focus.
func (c *factContext) possessiveGenre() {
	toks := c.s.toks
	for _, r := range c.s.runs {
		if !r.possessive || isRoleRun(c.s, r) || r.words() > 4 || toks[r.first].kind == tokNumber {
			continue
		}
		k := r.last + 1
		for k < len(toks) && k <= r.last+3 && toks[k].kind == tokWord && !toks[k].upper && !genreNouns[toks[k].lower] {
			k++
		}
		if k >= len(toks) || !genreNouns[toks[k].lower] || (k+1 < len(toks) && (isTitleWord(toks, k+1) || toks[k+1].text == ",")) {
			continue
		}
		f := c.filmAt(r.first)
		if f == nil {
			continue
		}
		for _, p := range splitCoordinated(c.a.text, toks, r) {
			if _, known := c.a.people.resolve(p.name); known || strings.Contains(p.name, " ") {
				f.credits = append(f.credits, creditFact{name: p.name, role: roleDirector, evidence: p.span, conf: 0.6})
			}
		}
	}
}

// directedTitle handles "Name directed Title".
func (c *factContext) directedTitle() {
	toks := c.s.toks
	for _, r := range c.s.refs {
		k := r.first - 1
		if k < 1 || !toks[k].is("directed", "helmed") {
			continue
		}
		first := k - 1
		for first > 0 && isNameWord(toks, c.s.blocked, first-1) {
			first--
		}
		if !isNameWord(toks, c.s.blocked, k-1) {
			continue
		}
		name, sp, _ := nameText(c.a.text, toks, first, k-1)
		r.film.credits = append(r.film.credits, creditFact{name: name, role: roleDirector, evidence: sp, conf: 0.75})
	}
}

// releaseWords mark a sentence as announcing a release.
var releaseWords = map[string]bool{
	"release": true, "releases": true, "released": true, "releasing": true, "coming": true, "come": true,
	"comes": true, "arrive": true, "arrives": true, "arriving": true, "hit": true, "hits": true,
	"hitting": true, "debut": true, "debuts": true, "land": true, "lands": true, "set": true,
	"available": true, "due": true, "dropping": true, "drops": true, "drop": true, "out": true,
	"expected": true, "edition": true, "editions": true, "versions": true, "version": true,
	"premiere": true, "premieres": true, "roaring": true, "priced": true, "streets": true,
	"bows": true, "headed": true, "heads": true, "rolling": true, "putting": true, "sets": true,
	"treatment": true, "discs": true,
}

// releases creates release facts from the formats of the sentence.
func (c *factContext) releases() {
	s := c.s
	formats := s.mentionsOf(mFormat)
	if len(formats) == 0 {
		c.datedRelease()
		return
	}
	if c.isExtrasIntro() || (s.heading && len(s.refs) == 0) {
		return
	}
	announce := len(s.dates) > 0 || s.heading
	for _, t := range s.toks {
		if releaseWords[t.lower] {
			announce = true
		}
	}
	label := c.labelOf()
	for _, fm := range formats {
		if !announce && fm.value != fmtTheatrical {
			continue
		}
		k := s.tokenAt(fm.start)
		targets := c.releaseTargets(k)
		if len(targets) == 0 {
			continue
		}
		for _, d := range c.datesFor(fm) {
			r := releaseFact{format: fm.value, evidence: span{fm.start, fm.end}, conf: 0.7}
			c.setDate(&r, d)
			if fm.value != fmtTheatrical {
				r.label = label
			}
			r.region = c.regionFor(d)
			r.edition = c.editionOf(fm)
			r.price = c.priceOf()
			for _, f := range targets {
				f.addRelease(r)
			}
		}
	}
}

// datedRelease handles "On April 11th, Label releases Title": a film, a
// release verb and a date but no format. The format-less release is
// merged into the film's formatted releases later.
func (c *factContext) datedRelease() {
	s := c.s
	if len(s.dates) == 0 || !s.hasWord("release", "releases", "released", "arrives", "coming", "comes", "due", "debuts", "hits") {
		return
	}
	for _, r := range s.refs {
		if r.aside {
			continue
		}
		d := &s.dates[0]
		rel := releaseFact{evidence: r.span, conf: 0.5}
		c.setDate(&rel, d)
		rel.label = c.labelOf()
		r.film.addRelease(rel)
		return
	}
}

// isExtrasIntro: "bonus features exclusive to 4K, Blu-ray and Digital" is
// not a release.
func (c *factContext) isExtrasIntro() bool {
	return c.s.hasWord("exclusive", "bonus", "extras", "supplements") && !c.s.hasWord("release", "releases", "arrives", "coming")
}

// releaseTargets returns the films a format at token k is released for.
func (c *factContext) releaseTargets(k int) []*film {
	if f := c.editionOfFilm(k); f != nil {
		return []*film{f}
	}
	var before *film
	var all []*film
	for _, r := range c.s.refs {
		if r.aside {
			continue
		}
		if r.last < k {
			before = r.film
		}
		all = appendFilm(all, r.film)
	}
	switch {
	case before != nil:
		return []*film{before}
	case len(all) > 0:
		return all
	}
	if c.groupSentence() {
		return c.a.filmsAfter(c.s)
	}
	if c.current != nil {
		return []*film{c.current}
	}
	return nil
}

// editionOfFilm returns the film a format at token k is an edition of:
// "a 4K Ultra HD edition of Title", "the Blu-ray release of Title".
func (c *factContext) editionOfFilm(k int) *film {
	toks := c.s.toks
	for j := k + 1; j < len(toks) && j <= k+6; j++ {
		if !toks[j].is("of") {
			continue
		}
		if !toks[j-1].is("edition", "release", "version", "restoration", "debut", "remaster", "reissue", "disc", "discs") {
			return nil
		}
		for _, r := range c.s.refs {
			if !r.aside && r.first == j+1 {
				return r.film
			}
		}
		return nil
	}
	return nil
}

func appendFilm(list []*film, f *film) []*film {
	for _, x := range list {
		if x == f {
			return list
		}
	}
	return append(list, f)
}

// groupSentence: the sentence speaks of several films at once ("the
// following films", "all eight films in the slate").
func (c *factContext) groupSentence() bool {
	return c.s.hasWord("films", "titles", "movies", "slate", "lineup", "line-up")
}

// filmsAfter returns the films first mentioned after s in its section.
func (a *analysis) filmsAfter(s *sent) []*film {
	var out []*film
	for _, f := range a.films {
		if f.order >= s.end && a.sents[a.sentAt(f.order)].section == s.section {
			out = append(out, f)
		}
	}
	return out
}

// datesFor returns the date mentions a format is released on: the first
// date after it in its clause, plus dates coordinated with that one
// ("on July 19th in the US and August 1st in the UK"); else the last
// date before it in its clause; else none (nil entry).
func (c *factContext) datesFor(fm mention) []*dateMention {
	s := c.s
	lo, hi := c.clauseOf(fm.start)
	for i := range s.dates {
		d := &s.dates[i]
		if c.superseded(i) {
			continue
		}
		if d.start >= fm.end && d.end <= hi {
			out := []*dateMention{d}
			for j := i + 1; j < len(s.dates); j++ {
				gap := strings.ToLower(c.a.text[s.dates[j-1].end:s.dates[j].start])
				if !coordinatedGap(gap) {
					break
				}
				out = append(out, &s.dates[j])
			}
			return out
		}
	}
	for i := len(s.dates) - 1; i >= 0; i-- {
		d := &s.dates[i]
		if d.end <= fm.start && d.start >= lo && !c.superseded(i) {
			return []*dateMention{d}
		}
	}
	return []*dateMention{nil}
}

// superseded reports whether date i of the sentence is the old date of
// a postponement: "moved from March 5 to April 22", "pushed back from
// March 5 to April 22".
func (c *factContext) superseded(i int) bool {
	s := c.s
	if i+1 >= len(s.dates) {
		return false
	}
	d, next := s.dates[i], s.dates[i+1]
	before := strings.ToLower(strings.TrimSpace(c.a.text[s.start:d.start]))
	gap := strings.ToLower(strings.TrimSpace(c.a.text[d.end:next.start]))
	return strings.HasSuffix(before, "from") && (gap == "to" || gap == "until" || gap == "to the")
}

// coordinatedGap: the text between two dates joins them ("in the US
// and").
func coordinatedGap(gap string) bool {
	gap = strings.TrimSpace(gap)
	if !strings.HasSuffix(gap, "and") && !strings.HasSuffix(gap, "and on") {
		return false
	}
	return len(gap) < 30 && !strings.ContainsAny(gap, ";")
}

// clauseOf returns the byte bounds of the clause around off: clauses
// end at semicolons and at ", but", ", while", ", although".
func (c *factContext) clauseOf(off int) (int, int) {
	s := c.s
	lo, hi := s.start, s.end
	for k, t := range s.toks {
		boundary := t.text == ";" || (t.text == "," && k+1 < len(s.toks) && s.toks[k+1].is("but", "while", "although", "though", "whereas"))
		if !boundary {
			continue
		}
		if t.end <= off {
			lo = t.end
		} else if t.start >= off && t.start < hi {
			hi = t.start
		}
	}
	return lo, hi
}

// setDate fills the date fields of a release from a date mention.
func (c *factContext) setDate(r *releaseFact, d *dateMention) {
	if d == nil {
		return
	}
	r.dateText = d.text
	r.status = d.status
	date, ok := d.resolve(c.a.published(), c.a.yearHints[c.s.idx])
	if ok {
		r.date = date
	}
	r.evidence = span{min(r.evidence.start, d.start), max(r.evidence.end, d.end)}
}

// labelOf returns the label named in the sentence ("from Lionsgate",
// "Paramount has set").
func (c *factContext) labelOf() string {
	for _, m := range c.s.mentions {
		if m.kind == mOrg {
			return strings.TrimSpace(m.text)
		}
	}
	return ""
}

// regionFor returns the region stated right after a date, else the one
// region of the sentence.
func (c *factContext) regionFor(d *dateMention) string {
	regions := c.s.mentionsOf(mRegion)
	if d != nil {
		for _, m := range regions {
			if m.start >= d.end && m.start-d.end <= 3 {
				return m.value
			}
		}
	}
	if len(regions) == 1 && (d == nil || len(c.s.dates) <= 1) {
		return regions[0].value
	}
	return ""
}

// editionOf returns an edition name in the sentence.
func (c *factContext) editionOf(fm mention) string {
	for _, m := range c.s.mentionsOf(mEdition) {
		return strings.TrimSpace(editionLeadFormatRE.ReplaceAllString(m.text, ""))
	}
	low := strings.ToLower(c.a.text[c.s.start:c.s.end])
	if strings.Contains(low, "box set") {
		return "box set"
	}
	return ""
}

var editionLeadFormatRE = regexp.MustCompile(`^(?i)(?:4K\s+)?(?:Ultra\s+HD\s+|UHD\s+|Blu-?ray\s+|DVD\s+)*`)

// priceOf returns the price stated in the sentence.
func (c *factContext) priceOf() string {
	for _, m := range c.s.mentionsOf(mPrice) {
		return m.value
	}
	return ""
}

// festivals attaches festival screenings, selections and prizes.
func (c *factContext) festivals() {
	s := c.s
	result := festivalResult(s)
	prevEnd, lastWindow := s.start, ""
	for _, m := range c.a.festivalMentions(s) {
		window := clauseResult(c.a.text[min(prevEnd, m.start):m.end])
		if window == "" {
			window = lastWindow
		}
		prevEnd, lastWindow = max(prevEnd, m.end), window
		if !strings.Contains(strings.ToLower(m.text), "fest") && !c.festivalContext() {
			continue
		}
		f := c.filmAt(s.tokenAt(m.start))
		if f == nil {
			continue
		}
		res := window
		if result == string(catalog.ResultPending) || res == "" {
			res = result
		}
		fact := festivalFact{name: m.value, year: m.year, result: res, evidence: m.span, conf: 0.7}
		for _, aw := range s.mentionsOf(mAward) {
			if fest := festivalAwards[aw.text]; fest == m.value || fest == "" && aw.start < m.start {
				fact.award = aw.text
			}
		}
		f.addFestival(fact)
	}
	// A festival prize named without its festival ("a nomination for the
	// Golden Lion").
	for _, aw := range s.mentionsOf(mAward) {
		fest := festivalAwards[aw.text]
		if fest == "" {
			c.award(aw)
			continue
		}
		f := c.filmAt(s.tokenAt(aw.start))
		if f == nil {
			continue
		}
		f.addFestival(festivalFact{name: fest, award: aw.text, result: result, evidence: aw.span, conf: 0.6})
	}
}

// award records a prize of a ceremony that is not a festival.
func (c *factContext) award(aw mention) {
	if _, ok := festivalAwards[aw.text]; ok {
		return
	}
	f := c.filmAt(c.s.tokenAt(aw.start))
	if f == nil {
		return
	}
	f.awards = append(f.awards, awardFact{name: aw.text, result: festivalResult(c.s), evidence: aw.span, conf: 0.6})
}

// festivalContext: the sentence talks about festival showings.
func (c *factContext) festivalContext() bool {
	return c.s.hasWord("premiered", "premiere", "premieres", "screened", "screening", "shown", "played", "selection",
		"selected", "competition", "won", "nominated", "nomination", "buzzing", "buzz", "debuted", "festival", "festivals", "official")
}

// festivalResult reads the outcome words of a sentence.
func festivalResult(s *sent) string {
	switch {
	case s.hasWord("won", "wins", "winner", "winning", "awarded", "took"):
		return string(catalog.ResultWon)
	case s.hasWord("pending", "upcoming", "awaits", "awaiting") || s.hasWord("will") && s.hasWord("compete", "vie"):
		return string(catalog.ResultPending)
	case s.hasWord("nominated", "nomination", "nominations", "nominee", "competed", "competition", "contention"):
		return string(catalog.ResultNominated)
	}
	return "screened"
}

// clauseResult reads won/nominated/screened from the words before one
// festival mention ("" when they say nothing).
func clauseResult(s string) string {
	l := " " + strings.ToLower(s) + " "
	switch {
	case strings.Contains(l, " won ") || strings.Contains(l, " wins ") || strings.Contains(l, " winner") || strings.Contains(l, " took home "):
		return string(catalog.ResultWon)
	case strings.Contains(l, "nominat") || strings.Contains(l, " in competition"):
		return string(catalog.ResultNominated)
	case strings.Contains(l, "screened") || strings.Contains(l, " shown ") || strings.Contains(l, "premiered") || strings.Contains(l, " played "):
		return "screened"
	}
	return ""
}

// addFestival adds or merges a festival entry (same festival, and same
// or unknown year).
func (f *film) addFestival(x festivalFact) {
	for i := range f.festivals {
		e := &f.festivals[i]
		if e.name != x.name || (e.year != 0 && x.year != 0 && e.year != x.year) {
			continue
		}
		if e.year == 0 {
			e.year = x.year
		}
		if e.award == "" {
			e.award = x.award
		}
		if e.result == "screened" || e.result == "" {
			e.result = x.result
		}
		return
	}
	f.festivals = append(f.festivals, x)
}
