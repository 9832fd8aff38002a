package extract

import (
	"sort"
	"strings"

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
	feats      []string
	score      float64
	film       *filmEntity
	attachP    float64
}

// orgMention is an organization a sentence names: a known label, a
// streaming service, or a capitalized name ending with a company word.
type orgMention struct {
	sent, i, j int
	span       span
	name       string
	known      bool
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
	return o
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
func dateCandidates(p *parsed, fm *formatMention) []dateRef {
	var out []dateRef
	s := &p.sents[fm.sent]
	for _, si := range []int{fm.sent, fm.sent - 1, fm.sent + 1} {
		if si < 0 || si >= len(p.sents) || p.sents[si].block != s.block && si != fm.sent {
			continue
		}
		for _, d := range p.sents[si].dates {
			out = append(out, dateRef{si, d})
		}
	}
	if fm.sent > 0 && len(p.sents) > 0 && p.isHeading(&p.sents[0]) && p.sents[0].block != s.block {
		for _, d := range p.sents[0].dates {
			out = append(out, dateRef{0, d})
		}
	}
	return out
}

// dateFeatures describes the pair (format mention, date).
func dateFeatures(p *parsed, fm *formatMention, dr dateRef, formats []*formatMention, films [][]*titleCand) []string {
	d := dr.d
	var f []string
	add := func(x ...string) { f = append(f, x...) }
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
	switch {
	case dr.sent == fm.sent:
		dist := 0
		dir := "after"
		between, datesBetween, filmsBetween := 0, 0, 0
		lo, hi := fm.j, d.start
		if d.end <= fm.i {
			dir, lo, hi = "before", d.end, fm.i
		}
		dist = hi - lo
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
		add("same-sent", dir+"@"+bucket(dist, 1, 3, 6, 12), dir+"-formats-between="+bucket(between, 0, 1, 3),
			"dates-between="+bucket(datesBetween, 0, 1), "films-between="+bucket(filmsBetween, 0, 1))
		if strings.ContainsAny(p.text[min(fm.span.end, d.span.start):max(fm.span.start, d.span.end)], ";") {
			add("semicolon-between")
		}
	case dr.sent < fm.sent:
		add("prev-sent")
		if dr.sent == 0 && p.isHeading(s) {
			add("headline")
		}
	default:
		add("next-sent")
	}
	if len(s.dates) == 1 {
		add("only-date")
	}
	add("before=" + dateLead(s, d.start))
	// Said to have happened already?
	for k := 0; k < d.start; k++ {
		if m, ok := s.entryAt(k, lcVerb); ok && m.entry.value == "past" {
			add("past-verb-before")
			break
		}
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

// resolvedDate resolves a date reference against the publication date,
// reading the past when its sentence says the date has passed.
func resolvedDate(p *parsed, dr dateRef) (catalog.PartialDate, bool) {
	s := &p.sents[dr.sent]
	past := false
	for k := 0; k < dr.d.start; k++ {
		if m, ok := s.entryAt(k, lcVerb); ok && m.entry.value == "past" {
			past = true
		}
	}
	return dr.d.resolve(p.pub, 0, past)
}

// labelFeatures describes the pair (format mention, organization).
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
		dir := "after"
		dist := o.i - fm.j
		if o.j <= fm.i {
			dir, dist = "before", fm.i-o.j
		}
		add("same-sent", dir+"@"+bucket(dist, 1, 3, 6, 12))
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
	add("P1=" + coarse(ctxClass(p, s, o.i-1)))
	add("N1=" + coarse(ctxClass(p, s, o.j)))
	if o.i > 0 {
		switch s.tokens[o.i-1].norm {
		case "from", "via", "through", "courtesy", "by":
			add("from-before")
		}
	}
	if o.j < len(s.tokens) {
		if m, ok := s.entryAt(o.j, lcVerb); ok && m.start == o.j || s.covers(o.j, lcWord) && ctxClass(p, s, o.j) == "w="+s.tokens[o.j].norm && (s.tokens[o.j].norm == "has" || s.tokens[o.j].norm == "will" || s.tokens[o.j].norm == "is") {
			add("subject")
		}
		if s.tokens[o.j-1].poss {
			add("possessive")
		}
	}
	if o.i == 0 {
		add("sentinit")
	}
	key := nameKey(o.name)
	add("count=" + bucket(orgCount[key], 1, 2, 4))
	if nOrgs == 1 {
		add("only-org")
	}
	if fm.streamer != "" && strings.EqualFold(fm.streamer, o.name) {
		add("is-the-streamer")
	}
	add("fmt=" + fm.format)
	return f
}
