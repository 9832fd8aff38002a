package extract

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Releases: each format word (a lexicon format or a streaming service)
// is a release mention of the film it is attached to. Its date is chosen
// among the date expressions nearby by the release-date model, its label
// among the organizations the article names by the release-label model.

// formatMention is a format word of a sentence: tokens [i, j).
type formatMention struct {
	sent, i, j int
	span       span
	format     string
	streamer   string
	// inherited: the sentence names a film, a date and a release verb but
	// no format; the format (or none) is the one the text was about
	// before (a heading, the paragraph).
	inherited bool
	// rights: an inherited mention of a sentence that says a distributor
	// took the film's rights; it offers its release no date.
	rights bool
	// of: for an inherited mention, the film of the sentence it was made
	// for.
	of      *filmEntity
	film    *filmEntity
	attachP float64
}

// orgMention is an organization a sentence names: a known label, a
// streaming service, or a capitalized name ending with a company word.
type orgMention struct {
	sent, i, j int
	span       span
	name       string
	known      bool
	// key identifies the organization: the lexicon's canonical name for
	// a known one, the folded name otherwise. canonicalOrgs sets name to
	// the fullest form the article gives the organization.
	key string
}

// canonicalOrgs names each organization by the longest form the article
// uses for it ("Sony" and "Sony Pictures Home Entertainment" are one
// label, named the second way), and an unknown organization whose name
// starts with a known one's is that one.
//
// Lengths count runes with white space folded, and the first of two
// forms of one length wins, so that the choice does not depend on how
// the text encodes its spaces.
func canonicalOrgs(orgs []*orgMention) map[string]int {
	longest := map[string]string{}
	for _, o := range orgs {
		name := strings.Join(strings.Fields(o.name), " ")
		if utf8.RuneCountInString(name) > utf8.RuneCountInString(longest[o.key]) {
			longest[o.key] = name
		}
	}
	count := map[string]int{}
	for _, o := range orgs {
		o.name = longest[o.key]
		count[o.key]++
	}
	return count
}

// dateRef is a date expression with the sentence it is in.
type dateRef struct {
	sent int
	d    dateMention
}

// findFormats lists the format mentions of sentence si, longest first
// where phrases overlap.
func findFormats(p *parsed, si int) []*formatMention {
	s := &p.sents[si]
	var ms []lexMatch
	for _, m := range s.lex {
		if m.class() == lcFormat || m.class() == lcStreamer {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].end-ms[a].start > ms[b].end-ms[b].start })
	var out []*formatMention
	for _, m := range ms {
		overlap := false
		for _, o := range out {
			if m.start < o.j && o.i < m.end {
				overlap = true
				break
			}
		}
		if overlap {
			continue
		}
		fm := &formatMention{sent: si, i: m.start, j: m.end, span: span{s.tokens[m.start].start, s.tokens[m.end-1].end}}
		if m.class() == lcStreamer {
			fm.format, fm.streamer = fmtStreaming, m.entry.value
		} else {
			fm.format = m.entry.value
		}
		out = append(out, fm)
	}
	sort.Slice(out, func(a, b int) bool { return out[a].i < out[b].i })
	return out
}

// inheritedFormats returns, for a sentence that announces a release
// without naming a format, the formats the text was about before it: those
// of the last sentence of its block that names any; for a list item,
// those of the paragraph that introduces the list (the last one before
// the run of items); else those of the last heading before it that
// names any; none when no such sentence does.
func inheritedFormats(p *parsed, si int, formats [][]*formatMention, lastHeading int) []*formatMention {
	k := si - 1
	for ; k >= 0 && p.sents[k].block == p.sents[si].block; k-- {
		if len(formats[k]) > 0 {
			return formats[k]
		}
	}
	if p.isListItem(&p.sents[si]) {
		for k >= 0 && p.isListItem(&p.sents[k]) && len(formats[k]) == 0 {
			k--
		}
		for b := k; k >= 0 && k > lastHeading && p.sents[k].block == p.sents[b].block; k-- {
			if len(formats[k]) > 0 {
				return formats[k]
			}
		}
	}
	if lastHeading >= 0 {
		return formats[lastHeading]
	}
	return nil
}

// announcesRelease reports whether a sentence says something is released
// or set for a date: a verb of release and a date.
func announcesRelease(s *sentence) bool {
	if len(s.dates) == 0 {
		return false
	}
	for k := range s.tokens {
		if m, ok := s.entryAt(k, lcVerb); ok && m.entry.value != "past" && m.entry.value != "rights" {
			return true
		}
	}
	return false
}

// findOrgs lists the organizations of sentence si.
func findOrgs(p *parsed, si int, tr *titleReading) []*orgMention {
	s := &p.sents[si]
	var out []*orgMention
	taken := make([]bool, len(s.tokens))
	var ms []lexMatch
	for _, m := range s.lex {
		if m.class() == lcLabel || m.class() == lcStreamer {
			ms = append(ms, m)
		}
	}
	sort.SliceStable(ms, func(a, b int) bool { return ms[a].end-ms[a].start > ms[b].end-ms[b].start })
	for _, m := range ms {
		end := m.end
		// A company word after a known name belongs to it
		// ("Lionsgate Home Entertainment").
		for _, o := range s.lex {
			if o.class() == lcOrgSuffix && o.start == end {
				end = o.end
			}
		}
		ok := true
		for k := m.start; k < end; k++ {
			if taken[k] {
				ok = false
			}
		}
		if !ok {
			continue
		}
		for k := m.start; k < end; k++ {
			taken[k] = true
		}
		out = append(out, newOrgMention(p, si, m.start, end, true))
	}
	// Unknown organizations: a capitalized run that ends with a company
	// word ("Magnet Releasing").
	for _, c := range tr.cands[si] {
		if !c.inRun || c.j-c.i < 2 || !s.covers(c.j-1, lcOrgSuffix) {
			continue
		}
		// The longest such span wins; it must start the run or follow a
		// word that is not capitalized.
		if c.i > c.runI && isTitleWord(s.tokens[c.i-1]) {
			continue
		}
		free := true
		for k := c.i; k < c.j; k++ {
			if taken[k] {
				free = false
			}
		}
		if !free || s.covers(c.i, lcFormat) || s.covers(c.i, lcDate) {
			continue
		}
		for k := c.i; k < c.j; k++ {
			taken[k] = true
		}
		out = append(out, newOrgMention(p, si, c.i, c.j, false))
	}
	sort.Slice(out, func(a, b int) bool { return out[a].i < out[b].i })
	return out
}

func newOrgMention(p *parsed, si, i, j int, known bool) *orgMention {
	toks := p.sents[si].tokens
	o := &orgMention{sent: si, i: i, j: j, span: span{toks[i].start, toks[j-1].end}, known: known}
	o.name = p.text[o.span.start:o.span.end]
	if last := toks[j-1]; last.poss {
		o.name = strings.TrimSuffix(o.name, possessiveSuffix(o.name))
	}
	o.key = nameKey(o.name)
	if known {
		for _, m := range p.sents[si].lex {
			if (m.class() == lcLabel || m.class() == lcStreamer) && m.start == i {
				o.key = nameKey(m.entry.value)
				break
			}
		}
	}
	return o
}

// pairFeatures describes a (film mention, format mention) pair of one
// sentence: is the film released on that format? Where each stands,
// what lies between them, how many films and formats the sentence names.
func pairFeatures(p *parsed, fm *formatMention, m *titleCand, films []*titleCand, formats []*formatMention) []string {
	s := &p.sents[fm.sent]
	var f []string
	add := func(x ...string) { f = append(f, x...) }
	dir, lo, hi := "film-before", m.j, fm.i
	if m.i >= fm.j {
		dir, lo, hi = "film-after", fm.j, m.i
	}
	add(dir, dir+"@"+bucket(hi-lo, 2, 5, 10))
	otherFilms, otherFormats := 0, 0
	for _, o := range films {
		if o != m && o.i >= lo && o.j <= hi {
			otherFilms++
		}
	}
	for _, o := range formats {
		if o != fm && o.sent == fm.sent && o.i >= lo && o.j <= hi {
			otherFormats++
		}
	}
	add("films-between="+bucket(otherFilms, 0, 1, 2), "formats-between="+bucket(otherFormats, 0, 1))
	if dir == "film-before" && otherFilms > 0 && coordinatedFilms(s, m, films, lo, hi) {
		// "X, Y and Z (2001) on Blu-ray": the films between are a list
		// the format applies to as a whole.
		add("coordinated")
	}
	for k := lo; k < hi; k++ {
		switch s.tokens[k].norm {
		case ";":
			add("semicolon-between")
		case "(", ")":
			add("paren-between")
		case ":":
			add("colon-between")
		}
		if s.tokens[k].dash && s.tokens[k].spaceBefore {
			add("dash-between")
		}
	}
	add("films-in-sent="+bucket(len(films), 1, 2, 4), "formats-in-sent="+bucket(len(formatsIn(formats, fm.sent)), 1, 2))
	if m.listHead {
		add("film-list-head")
	}
	if dir == "film-after" && m.i > 0 && s.tokens[m.i-1].norm == "of" {
		// "a 4K edition of Lantern Row"
		add("film-after-of")
	}
	if fm.i > 0 {
		switch s.tokens[fm.i-1].norm {
		case "on", "to", "in", "onto", "via":
			add("format-after-prep")
		}
	}
	for _, x := range releaseFeatures(p, fm) {
		if x == "technical-after" || x == "extras-list" || x == "heading" {
			add(x)
		}
	}
	return f
}

// coordinatedFilms reports whether tokens [lo, hi) between film mention
// m and a format word hold only further film mentions joined by commas,
// "and", "or", "&", parenthesized years and a preposition or "both"
// before the format: a list of films the format is said of together.
func coordinatedFilms(s *sentence, m *titleCand, films []*titleCand, lo, hi int) bool {
	inFilm := func(k int) bool {
		for _, o := range films {
			if o != m && k >= o.i && k < o.j {
				return true
			}
		}
		return false
	}
	depth := 0
	for k := lo; k < hi; k++ {
		t := s.tokens[k]
		switch {
		case inFilm(k):
		case t.norm == "(":
			depth++
		case t.norm == ")":
			depth = max(0, depth-1)
		case depth > 0:
			if t.kind != tokNumber {
				return false
			}
		case t.norm == "," || t.norm == "and" || t.norm == "or" || t.norm == "&" || t.norm == "both" || t.norm == "all" || t.norm == "each":
		case t.norm == "on" || t.norm == "in" || t.norm == "to" || t.norm == "onto":
			if k != hi-1 && !(k == hi-2 && s.tokens[hi-1].norm == "both") {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// releaseFeatures describes a format mention: is it a release (and not
// "a 4K scan", "Blu-ray technology")?
func releaseFeatures(p *parsed, fm *formatMention) []string {
	s := &p.sents[fm.sent]
	f := []string{"fmt=" + fm.format}
	l1, r1 := coarse(ctxClass(p, s, fm.i-1)), coarse(ctxClass(p, s, fm.j))
	f = append(f, "L1="+l1, "R1="+r1)
	if fm.i > 0 {
		switch s.tokens[fm.i-1].norm {
		case "on", "to", "in", "onto", "via", "as", "and", "&", "/", ",":
			f = append(f, "prep-before")
		}
	}
	if fm.j < len(s.tokens) && s.covers(fm.j, lcTechnical) || fm.j+1 < len(s.tokens) && s.covers(fm.j+1, lcTechnical) {
		f = append(f, "technical-after")
	}
	if len(s.dates) > 0 {
		f = append(f, "sent-date")
	}
	for k := range s.tokens {
		if s.covers(k, lcVerb) {
			f = append(f, "sent-verb")
			break
		}
	}
	if p.inExtrasList(s) {
		f = append(f, "extras-list")
	}
	if p.isHeading(s) {
		f = append(f, "heading")
	}
	return f
}

// dateCandidates lists the date expressions a format mention's date may
// be: those of its sentence, of the sentences before and after it in
// its block, and of the headline.
func dateCandidates(p *parsed, fm *formatMention, filmSents map[int]bool) []dateRef {
	var out []dateRef
	s := &p.sents[fm.sent]
	seen := map[int]bool{}
	add := func(si int) {
		if si < 0 || si >= len(p.sents) || seen[si] {
			return
		}
		seen[si] = true
		for _, d := range p.sents[si].dates {
			out = append(out, dateRef{si, d})
		}
	}
	add(fm.sent)
	for _, si := range []int{fm.sent - 1, fm.sent + 1} {
		if si >= 0 && si < len(p.sents) && p.sents[si].block == s.block {
			add(si)
		}
	}
	// Headings before the first paragraph, and the sentences that name
	// the film.
	for si := 0; si < len(p.sents) && p.isHeading(&p.sents[si]); si++ {
		add(si)
	}
	for si := range filmSents {
		add(si)
	}
	sortDateRefs(out)
	return out
}

func sortDateRefs(ds []dateRef) {
	sort.Slice(ds, func(a, b int) bool {
		if ds[a].sent != ds[b].sent {
			return ds[a].sent < ds[b].sent
		}
		return ds[a].d.start < ds[b].d.start
	})
}

// dateFeatures describes the pair (format mention, date): where the
// date is relative to the format word, what lies between them, what kind
// of date it is and what the words around it say.
func dateFeatures(p *parsed, fm *formatMention, dr dateRef, formats []*formatMention, films [][]*titleCand, filmSents map[int]bool, own func(*titleCand) bool) []string {
	d := dr.d
	var f []string
	add := func(x ...string) { f = append(f, x...) }
	// A date written right after a film's name ("Crank (Jan. 9)",
	// "Crank on Jan. 9") is that film's.
	var near *titleCand
	for _, m := range films[dr.sent] {
		if m.j <= d.start && d.start-m.j <= 3 && (near == nil || m.j > near.j) {
			near = m
		}
	}
	st := &p.sents[dr.sent]
	switch {
	case near != nil && d.kind == dkYear && d.start > 0 && (st.tokens[d.start-1].norm == "(" || st.tokens[d.start-1].norm == "from" || st.tokens[d.start-1].norm == ","):
		add("film-year") // "Pumpkinhead (1988)", "Pumpkinhead, from 1988": the film's year
	case near != nil && own(near):
		add("after-own-film")
	case near != nil:
		add("after-other-film")
	}
	if fm.inherited {
		add("inherited")
	}
	switch d.kind {
	case dkDay:
		add("kind=day")
	case dkMonth:
		add("kind=month")
	case dkYear:
		add("kind=year")
	case dkRelative:
		add("kind=rel")
	case dkStatus:
		add("kind=status")
	}
	if d.year != 0 {
		add("has-year")
	}
	s := &p.sents[dr.sent]
	scope := ""
	switch {
	case dr.sent == fm.sent:
		scope = "same-sent"
		dir, lo, hi := "after", fm.j, d.start
		if d.end <= fm.i {
			dir, lo, hi = "before", d.end, fm.i
		}
		// Other formats between do not separate a date from a format
		// ("on 4K Ultra HD, Blu-ray and DVD on September 18"): a list
		// of formats is one phrase.
		add(dir, dir+"@"+bucket(hi-lo-formatTokens(s, lo, hi), 3, 8))
		between, datesBetween, filmsBetween := 0, 0, 0
		for _, o := range formats {
			if o.sent == fm.sent && o != fm && o.i >= lo && o.j <= hi {
				between++
			}
		}
		for _, o := range s.dates {
			if o.start >= lo && o.end <= hi {
				datesBetween++
			}
		}
		for _, m := range films[fm.sent] {
			if m.i >= lo && m.j <= hi {
				filmsBetween++
			}
		}
		if between > 0 {
			add("formats-between")
		}
		if datesBetween > 0 {
			add("dates-between")
		}
		if filmsBetween > 0 {
			add("films-between")
		}
		if strings.Contains(p.text[min(fm.span.end, d.span.start):max(fm.span.start, d.span.end)], ";") {
			add("semicolon-between")
		}
	case filmSents[dr.sent]:
		scope = "film-sent"
	case p.isHeading(s):
		scope = "heading"
	case dr.sent == fm.sent-1 && s.block == p.sents[fm.sent].block:
		scope = "prev-sent"
	case dr.sent == fm.sent+1 && s.block == p.sents[fm.sent].block:
		scope = "next-sent"
	default:
		scope = "far"
	}
	add(scope)
	if len(s.dates) == 1 {
		add("only-date-in-sent")
	}
	add("lead=" + dateLead(s, d.start))
	if pastBefore(s, d.start) {
		add("past-verb-before")
	}
	if d.last {
		add("last")
	}
	if !p.pub.IsTBA() {
		if r, ok := d.resolve(p.pub, 0, false); ok && r.Last() < p.pub.String() {
			add("before-pub")
		}
	}
	for k := max(0, d.start-5); k < len(s.tokens) && k < d.end+3; k++ {
		if s.covers(k, lcFestival) {
			add("near-festival")
			break
		}
	}
	return f
}

// dateLead classes the word before a date expression at token k.
func dateLead(s *sentence, k int) string {
	if k <= 0 {
		return "start"
	}
	t := s.tokens[k-1]
	switch t.norm {
	case "on", "in", "by", "until", "till", "before", "for", "of", "at", "and", ",", "(", ":":
		return t.norm
	case "from", "starting", "beginning", "since":
		return "from"
	case "-":
		return "dash"
	}
	if t.kind == tokPunct {
		return "punct"
	}
	if m, ok := s.entryAt(k-1, lcVerb); ok {
		return "verb:" + m.entry.value
	}
	return "other"
}

// formatsIn lists the format mentions of sentence si.
func formatsIn(formats []*formatMention, si int) []*formatMention {
	var out []*formatMention
	for _, fm := range formats {
		if fm.sent == si {
			out = append(out, fm)
		}
	}
	return out
}

// resolvedDate resolves a date reference against the publication date,
// reading the past when its sentence says the date has passed.
func resolvedDate(p *parsed, dr dateRef) (catalog.PartialDate, bool) {
	return dr.d.resolve(p.pub, 0, pastBefore(&p.sents[dr.sent], dr.d.start))
}

// pastBefore reports whether the statement a date at token k belongs to
// has happened: the nearest verb of tense before it is a past one
// ("opened Jan. 27"). A future ("has announced that it will arrive on
// 3/19") or a move to a new date ("was pushed back to May") is not.
func pastBefore(s *sentence, k int) bool {
	for i := k - 1; i >= 0; i-- {
		switch s.tokens[i].norm {
		case "will", "shall", "'ll", "won't", "upcoming", "forthcoming":
			return false
		}
		m, ok := s.entryAt(i, lcVerb)
		if !ok {
			continue
		}
		switch m.entry.value {
		case "past", "rights":
			// A participle takes its tense from its auxiliary: "will be
			// released", "is released" are to come, "was released" not.
			if m.start > 0 {
				switch s.tokens[m.start-1].norm {
				case "be", "is", "are", "being":
					return false
				}
			}
			return true
		case "upcoming", "moved":
			return false
		}
		i = m.start
	}
	return false
}

// labelFeatures describes the pair (format mention, organization):
// where the organization is named relative to the format word, how it is
// introduced, how often the article names it.
func labelFeatures(p *parsed, fm *formatMention, o *orgMention, orgCount map[string]int, nOrgs int) []string {
	var f []string
	add := func(x ...string) { f = append(f, x...) }
	if o.known {
		add("known")
	} else {
		add("suffix")
	}
	s := &p.sents[o.sent]
	switch {
	case o.sent == fm.sent:
		add("same-sent")
		dist := o.i - fm.j
		dir := "after"
		if o.j <= fm.i {
			dir, dist = "before", fm.i-o.j
		}
		add(dir, dir+"@"+bucket(dist, 3, 8))
	case p.sents[o.sent].block == p.sents[fm.sent].block:
		add("same-block")
	case p.isHeading(s):
		add("heading")
	default:
		add("elsewhere")
	}
	if o.sent < fm.sent {
		add("earlier")
	}
	if o.i > 0 {
		switch s.tokens[o.i-1].norm {
		case "from", "via", "through", "courtesy", "by":
			add("from-before")
		}
	}
	if o.j < len(s.tokens) {
		t := s.tokens[o.j]
		if m, ok := s.entryAt(o.j, lcVerb); ok && m.start == o.j || t.norm == "has" || t.norm == "will" || t.norm == "is" || t.norm == "have" || t.norm == "are" {
			add("subject")
		}
	}
	if s.tokens[o.j-1].poss {
		add("possessive")
	}
	key := o.key
	add("count=" + bucket(orgCount[key], 1, 2))
	most := true
	for k, c := range orgCount {
		if k != key && c > orgCount[key] {
			most = false
		}
	}
	if most {
		add("most-named")
	}
	if nOrgs == 1 {
		add("only-org")
	}
	if fm.streamer != "" {
		if strings.EqualFold(fm.streamer, o.name) {
			add("is-the-streamer")
		} else {
			add("streaming-other-org")
		}
	}
	return f
}

// formatTokens counts the tokens in [lo, hi) of s that name a format.
func formatTokens(s *sentence, lo, hi int) int {
	n := 0
	for k := lo; k < hi; k++ {
		if s.covers(k, lcFormat) {
			n++
		}
	}
	return n
}
