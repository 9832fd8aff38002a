package extract

import (
	"github.com/marquee-film/marquee/internal/catalog"
	"strconv"
	"strings"
	"unicode"
)

// Title candidates: every span that could be a film's title is a
// candidate, with the evidence about it as features. Nothing here decides;
// the title model (model.go) scores each candidate from its features.
//
// Candidates are the sub-spans of capitalized runs (capitalized words and
// numbers, joined by lower-case connectors and inner punctuation), quoted
// spans, italic spans and the heads of list items.

// titleCand is one candidate span of a sentence: tokens [i, j).
type titleCand struct {
	sent   int
	i, j   int
	span   span
	text   string
	key    string
	quoted bool
	italic bool
	// listHead: the span opens a list item, up to its first separator.
	listHead bool
	// inRun: the span lies in a capitalized run; maximal: it is the
	// whole run.
	inRun, maximal bool
	runI, runJ     int
	// known: the catalog holds a film of this title.
	known bool
	feats []string
	score float64
}

// titleConnectors are lower-case words that may stand inside a title
// between capitalized words ("Anatomy of a Fall").
var titleConnectors = map[string]bool{
	"of": true, "the": true, "a": true, "an": true, "and": true, "in": true, "on": true, "to": true,
	"for": true, "from": true, "with": true, "at": true, "by": true, "de": true, "du": true, "des": true,
	"la": true, "le": true, "les": true, "el": true, "von": true, "van": true, "der": true, "den": true,
	"da": true, "di": true, "do": true, "dos": true, "das": true, "del": true, "vs": true, "vs.": true,
	"v": true, "v.": true, "or": true, "into": true, "over": true, "under": true, "without": true,
	"about": true, "upon": true, "is": true, "are": true, "was": true, "not": true, "no": true, "who": true,
	"what": true, "as": true, "but": true, "out": true, "up": true, "off": true, "me": true, "you": true,
	"it": true, "my": true, "your": true, "our": true, "his": true, "her": true, "their": true, "its": true,
	"i": true, "we": true, "all": true, "e": true, "et": true, "y": true, "und": true, "im": true,
}

// titleInnerPunct may stand inside a title.
var titleInnerPunct = map[string]bool{":": true, "-": true, "&": true, "+": true, "!": true, "?": true, ".": false, "'": false}

// maxTitleTokens bounds a candidate's length.
const maxTitleTokens = 14

// isTitleWord reports whether token t may start or end a title.
func isTitleWord(t token) bool {
	return t.kind == tokNumber || t.kind == tokWord && (t.upper || t.allCaps)
}

// inTitleRun reports whether token t may stand inside a capitalized run.
func inTitleRun(t token) bool {
	switch {
	case isTitleWord(t):
		return true
	case t.kind == tokWord:
		return titleConnectors[t.norm]
	case t.kind == tokPunct:
		return titleInnerPunct[t.norm]
	}
	return false
}

// capitalizedRuns returns the maximal runs [i, j) of a sentence's tokens
// that start and end with a title word. A possessive ends a run.
func capitalizedRuns(toks []token) [][2]int {
	var out [][2]int
	i := 0
	for i < len(toks) {
		if !isTitleWord(toks[i]) {
			i++
			continue
		}
		j := i
		last := i // last title word
		for j < len(toks) && inTitleRun(toks[j]) {
			if toks[j].norm == ":" && j+1 < len(toks) && !isTitleWord(toks[j+1]) {
				break
			}
			if toks[j].dash && toks[j].spaceBefore && j+1 < len(toks) && !isTitleWord(toks[j+1]) {
				break // a spaced dash before a lower-case word separates phrases
			}
			if isTitleWord(toks[j]) || toks[j].norm == "!" || toks[j].norm == "?" {
				last = j
			}
			j++
		}
		out = append(out, [2]int{i, last + 1})
		i = max(j, last+1)
	}
	return out
}

// titleCandidates lists the candidates of sentence si.
func titleCandidates(p *parsed, si int) []*titleCand {
	s := &p.sents[si]
	toks := s.tokens
	byRange := map[[2]int]*titleCand{}
	var order [][2]int
	get := func(i, j int) *titleCand {
		k := [2]int{i, j}
		if c, ok := byRange[k]; ok {
			return c
		}
		c := &titleCand{sent: si, i: i, j: j, span: span{toks[i].start, toks[j-1].end}}
		c.text = p.text[c.span.start:c.span.end]
		c.key = s.spanKey(i, j)
		byRange[k] = c
		order = append(order, k)
		return c
	}
	// Italics set a title apart: a capitalized run ends where italics
	// start or stop ("Milos Forman’s <em>Ragtime</em>" is two runs).
	for _, r := range splitAtItalics(capitalizedRuns(toks), italicTokens(p, s)) {
		// Sub-spans start and end at boundaries only: the run's ends, and
		// where a word of another kind (a format, a label, a role, a
		// date...), a conjunction, a colon or a possessive meets the
		// title words. A title is seldom cut elsewhere.
		cut := make([]bool, r[1]+1)
		cut[r[0]], cut[r[1]] = true, true
		for k := r[0] + 1; k < r[1]; k++ {
			prev, cur := toks[k-1], toks[k]
			switch {
			case prev.poss, k-1 == 0,
				breaksTitle(s, k-1), breaksTitle(s, k),
				prev.norm == "and" || prev.norm == "&" || prev.norm == ":" || prev.dash || prev.norm == "or" || prev.norm == "+",
				cur.norm == "and" || cur.norm == "&" || cur.norm == ":" || cur.dash || cur.norm == "or" || cur.norm == "+":
				cut[k] = true
			}
		}
		// In a run that opens the sentence, a title may start after the
		// lower-case words that follow the first word ("Fans of Copper
		// Estuary", "After the Storm Season").
		if r[0] == 0 || r[0] == 1 && toks[0].quote != 0 {
			for k := r[0] + 1; k < r[1]; k++ {
				if toks[k-1].kind == tokWord && !toks[k-1].upper && isTitleWord(toks[k]) {
					cut[k] = true
				}
			}
		}
		// A title also ends before lower-case words that lead to a word
		// of another kind ("Quiet Rivers on Blu-ray").
		for k := r[0] + 1; k < r[1]; k++ {
			if toks[k].kind != tokWord || toks[k].upper {
				continue
			}
			e := k
			for e < r[1] && toks[e].kind == tokWord && !toks[e].upper {
				e++
			}
			if e < r[1] && breaksTitle(s, e) {
				cut[k] = true
			}
		}
		// ... and starts after lower-case words that follow a date, a
		// format, a label or the like ("March 24 is Against the
		// Current"; not after a descriptor: "Three Films by Isao
		// Kurokawa" is one title).
		for k := r[0] + 1; k < r[1]; k++ {
			if !isTitleWord(toks[k]) || toks[k-1].kind != tokWord || toks[k-1].upper {
				continue
			}
			e := k - 1
			for e > r[0] && toks[e].kind == tokWord && !toks[e].upper {
				e--
			}
			if hardBoundary(s, e) {
				cut[k] = true
			}
		}
		for a := r[0]; a < r[1]; a++ {
			if !cut[a] || !isTitleWord(toks[a]) {
				continue
			}
			for b := a + 1; b <= r[1] && b-a <= maxTitleTokens; b++ {
				if !cut[b] || !isTitleWord(toks[b-1]) && toks[b-1].norm != "!" && toks[b-1].norm != "?" {
					continue
				}
				c := get(a, b)
				c.inRun, c.runI, c.runJ = true, r[0], r[1]
				c.maximal = a == r[0] && b == r[1]
			}
		}
	}
	// Quoted spans.
	for a := 0; a < len(toks); a++ {
		q := toks[a].quote
		if q == 0 || !(a == 0 || toks[a].spaceBefore || toks[a-1].norm == "(") || a+1 >= len(toks) || toks[a+1].spaceBefore {
			continue
		}
		for b := a + 2; b < len(toks) && b-a <= maxTitleTokens+1; b++ {
			if toks[b].quote != q || toks[b].spaceBefore {
				continue
			}
			end := b
			for end > a+1 && (toks[end-1].norm == "," || toks[end-1].norm == ".") {
				end--
			}
			if end > a+1 && isTitleWord(toks[a+1]) {
				get(a+1, end).quoted = true
			}
			break
		}
	}
	// Italic spans.
	for _, e := range p.emph {
		if !s.span.overlaps(e) {
			continue
		}
		a, b := -1, -1
		for k, t := range toks {
			if e.contains(t.span) {
				if a < 0 {
					a = k
				}
				b = k + 1
			}
		}
		if a >= 0 && b-a <= maxTitleTokens && isTitleWord(toks[a]) {
			get(a, b).italic = true
		}
	}
	// The head of a list item: up to each of its first separators.
	if p.isListItem(s) && s.firstInBlock && len(toks) > 0 && isTitleWord(toks[0]) {
		seps := 0
		for k := 1; k <= len(toks) && k <= maxTitleTokens && seps < 3; k++ {
			if k < len(toks) {
				t := toks[k]
				if !(t.dash && t.spaceBefore || t.norm == ":" || t.norm == "(" || t.norm == "," || t.norm == ";" || t.norm == "[") {
					continue
				}
			}
			seps++
			end := k
			for end > 1 && (toks[end-1].norm == "." || toks[end-1].kind == tokPunct && toks[end-1].quote == 0 && toks[end-1].norm != "!" && toks[end-1].norm != "?") {
				end--
			}
			get(0, end).listHead = true
		}
	}
	out := make([]*titleCand, 0, len(order))
	for _, k := range order {
		if c := byRange[k]; c.key != "" && (c.quoted || c.italic || !onlyClosedWords(s, c.i, c.j) && !isVocabularyName(s, c.i, c.j) &&
			!hardBreak(s, c.i) && !hardBreak(s, c.j-1) && (c.j-c.i > 1 || !breaksTitle(s, c.i))) {
			out = append(out, c)
		}
	}
	return out
}

// italicTokens marks the tokens of s that the markup set in italics; nil
// when none are.
func italicTokens(p *parsed, s *sentence) []bool {
	var out []bool
	for _, e := range p.emph {
		if !s.span.overlaps(e) {
			continue
		}
		for k, t := range s.tokens {
			if e.contains(t.span) {
				if out == nil {
					out = make([]bool, len(s.tokens))
				}
				out[k] = true
			}
		}
	}
	return out
}

// splitAtItalics cuts runs where ital (nil for none) changes.
func splitAtItalics(runs [][2]int, ital []bool) [][2]int {
	if ital == nil {
		return runs
	}
	var out [][2]int
	for _, r := range runs {
		a := r[0]
		for k := r[0] + 1; k < r[1]; k++ {
			if ital[k] != ital[k-1] {
				out = append(out, [2]int{a, k})
				a = k
			}
		}
		out = append(out, [2]int{a, r[1]})
	}
	return out
}

// maxKnownSpanTokens bounds the spans of a capitalized run that are
// looked up in the catalog beyond the candidates (every span of a run
// is a lookup, so a long run must not multiply them).
const maxKnownSpanTokens = 8

// runSpans lists the spans of sentence si's capitalized runs that start
// and end with a title word and are not among cands: the places a title
// the catalog knows may hide inside a longer capitalized phrase ("Good
// News For Salt Meridian Devotees").
func runSpans(p *parsed, si int, cands []*titleCand) [][2]int {
	s := &p.sents[si]
	toks := s.tokens
	have := map[[2]int]bool{}
	for _, c := range cands {
		have[[2]int{c.i, c.j}] = true
	}
	var out [][2]int
	for _, r := range capitalizedRuns(toks) {
		for a := r[0]; a < r[1]; a++ {
			if !isTitleWord(toks[a]) {
				continue
			}
			for b := a + 1; b <= r[1] && b-a <= maxKnownSpanTokens; b++ {
				if isTitleWord(toks[b-1]) && !have[[2]int{a, b}] {
					out = append(out, [2]int{a, b})
				}
			}
		}
	}
	return out
}

// knownCandidates makes candidates of the spans (from runSpans) that the
// catalog knows as titles.
func knownCandidates(p *parsed, si int, spans [][2]int, known func(fold string) bool) []*titleCand {
	s := &p.sents[si]
	toks := s.tokens
	var out []*titleCand
	runs := capitalizedRuns(toks)
	for _, sp := range spans {
		c := &titleCand{sent: si, i: sp[0], j: sp[1], span: span{toks[sp[0]].start, toks[sp[1]-1].end}}
		c.text = p.text[c.span.start:c.span.end]
		if !known(catalog.FoldText(c.text)) {
			continue
		}
		c.key = s.spanKey(c.i, c.j)
		for _, r := range runs {
			if r[0] <= c.i && c.j <= r[1] {
				c.inRun, c.runI, c.runJ = true, r[0], r[1]
				c.maximal = c.i == r[0] && c.j == r[1]
			}
		}
		if c.key != "" && !onlyClosedWords(s, c.i, c.j) && !isVocabularyName(s, c.i, c.j) {
			out = append(out, c)
		}
	}
	return out
}

// onlyClosedWords reports whether tokens [i, j) are all closed-class
// words or calendar words written in mixed case ("The", "It", "March"):
// no title without quotes or italics.
func onlyClosedWords(s *sentence, i, j int) bool {
	for k := i; k < j; k++ {
		t := s.tokens[k]
		if t.kind == tokPunct {
			continue
		}
		if t.allCaps || !(s.covers(k, lcWord) || s.covers(k, lcDate)) {
			return false
		}
	}
	return true
}

// isVocabularyName reports whether tokens [i, j) are a name the lexicon
// knows as something else, or a part of one: a label, a service, a
// festival, a prize, a format or a country ("Arrow Video", "Cannes",
// "Blu-ray").
func isVocabularyName(s *sentence, i, j int) bool {
	for _, m := range s.lex {
		if m.start > i {
			continue
		}
		end := m.end
		if m.class() == lcLabel {
			for _, o := range s.lex {
				if o.class() == lcOrgSuffix && o.start == end {
					end = o.end
				}
			}
		}
		switch m.class() {
		case lcLabel, lcStreamer, lcFestival, lcAward, lcFormat, lcCountry, lcRetailer:
			if end == j || m.end == j || j < m.end {
				return true
			}
		}
	}
	return false
}

// breaksTitle reports whether token k of s is a word of another kind
// that a title may start after or end before.
func breaksTitle(s *sentence, k int) bool {
	return hardBoundary(s, k) || coversAny(s, k, softTitleBoundaries)
}

// hardTitleBoundaries are the classes of words no title starts or ends
// with; softTitleBoundaries those that may open or close a longer title
// when capitalized in mid-sentence ("Star Trek Into Darkness").
var (
	hardTitleBoundaries = []lexClass{lcFormat, lcLabel, lcStreamer, lcFestival, lcAward, lcExtra, lcCountry, lcDemonym, lcOrgSuffix, lcTechnical, lcRetailer}
	softTitleBoundaries = []lexClass{lcRole, lcDescriptor, lcVerb}
)

// hardBoundary reports whether token k of s is a word of a hard boundary
// class or part of a date.
func hardBoundary(s *sentence, k int) bool {
	if coversAny(s, k, hardTitleBoundaries) {
		return true
	}
	_, ok := s.dateAt(k)
	return ok
}

// coversAny reports whether a phrase of one of classes covers token k.
func coversAny(s *sentence, k int, classes []lexClass) bool {
	for _, c := range classes {
		if s.covers(k, c) {
			return true
		}
	}
	return false
}

// hardBreak reports whether token k of s is a word of another kind that
// a title never starts or ends with: a format, a label, a service, a
// festival, a prize, a country or a date. Common words the lexicon
// also knows ("Star", "Dead", "Return", "Director") may open or close a
// longer title when capitalized, and the title model scores that.
func hardBreak(s *sentence, k int) bool {
	t := s.tokens[k]
	if !breaksTitle(s, k) {
		return false
	}
	if t.kind != tokWord || !t.upper || t.allCaps && !s.isAllCapsSentence() || k == 0 || k == 1 && s.tokens[0].kind == tokPunct {
		// A word capitalized because it opens the sentence says nothing.
		return true
	}
	return hardBoundary(s, k)
}

// titleKey folds a title for comparison: case, accents and punctuation
// ignored, a leading article dropped, "vs"/"versus" as "v".
func titleKey(t string) string {
	return keyOfWords(strings.Fields(normTitleText(t)))
}

// spanKey is titleKey of the text of tokens [i, j), built from the
// tokens' folded words.
func (s *sentence) spanKey(i, j int) string {
	n := 0
	for k := i; k < j; k++ {
		n += len(s.keyWords[k])
	}
	if n == 1 {
		for k := i; k < j; k++ {
			if len(s.keyWords[k]) == 1 {
				return keyOfWords(s.keyWords[k])
			}
		}
	}
	words := make([]string, 0, n)
	for k := i; k < j; k++ {
		words = append(words, s.keyWords[k]...)
	}
	return keyOfWords(words)
}

// keyOfWords joins folded words into a key: without a leading article,
// "vs" and "versus" as "v".
func keyOfWords(fields []string) string {
	if len(fields) == 1 {
		// A word alone is its own key (an article alone too).
		if w := fields[0]; w != "vs" && w != "versus" {
			return w
		}
		return "v"
	}
	var b strings.Builder
	for _, w := range fields {
		if b.Len() == 0 && (w == "the" || w == "a" || w == "an") {
			continue
		}
		if w == "vs" || w == "versus" {
			w = "v"
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	if b.Len() == 0 {
		return strings.Join(fields, " ")
	}
	return b.String()
}

func normTitleText(t string) string {
	ascii := true
	for i := 0; i < len(t); i++ {
		if c := t[i]; c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		b := make([]byte, 0, len(t))
		for i := 0; i < len(t); i++ {
			c := t[i]
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
				b = append(b, c)
			case 'A' <= c && c <= 'Z':
				b = append(b, c+'a'-'A')
			case c == '\'' || c == '.':
			default:
				b = append(b, ' ')
			}
		}
		return string(b)
	}
	var b strings.Builder
	for _, r := range normWord(t) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '\'' || r == '.':
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// ctxClass names token k of sentence s for context features: its lexicon
// class, a closed-class word itself, or its shape. Content words are
// never named, only classed.
func ctxClass(p *parsed, s *sentence, k int) string {
	if k >= 0 && k < len(s.ctx) {
		return s.ctx[k]
	}
	return computeCtxClass(p, s, k)
}

func computeCtxClass(p *parsed, s *sentence, k int) string {
	toks := s.tokens
	switch {
	case k < 0:
		if p.isListItem(s) && s.firstInBlock {
			return "BOL"
		}
		return "BOS"
	case k >= len(toks):
		return "EOS"
	}
	t := toks[k]
	if t.kind == tokPunct {
		switch {
		case t.quote != 0:
			return "Q"
		case t.dash:
			return "-"
		}
		switch t.norm {
		case "(", ")", ",", ":", ".", ";", "!", "?", "&", "+", "/":
			return t.norm
		}
		return "P"
	}
	if _, ok := s.dateAt(k); ok {
		return "DATE"
	}
	for _, c := range []lexClass{lcFormat, lcStreamer, lcFestival, lcAward, lcLabel, lcRole, lcExtra, lcVerb, lcDescriptor, lcTechnical, lcCountry, lcDemonym, lcOrgSuffix, lcRetailer, lcPlace} {
		if !s.covers(k, c) {
			continue
		}
		m, _ := s.entryAt(k, c)
		switch c {
		case lcRole:
			return "ROLE:" + m.entry.value
		case lcVerb:
			return "VERB:" + m.entry.value
		case lcLabel, lcStreamer, lcFestival, lcAward, lcCountry, lcDemonym, lcRetailer, lcPlace:
			if !(t.upper || t.allCaps) {
				continue
			}
		}
		return strings.ToUpper(c.String())
	}
	if m, ok := s.entryAt(k, lcWord); ok && m.end == k+1 && !t.upper {
		return "w=" + m.entry.value + ":" + t.norm
	}
	switch {
	case t.kind == tokNumber:
		if len(t.norm) == 4 {
			if y, err := strconv.Atoi(t.norm); err == nil && y > 1880 && y < 2100 {
				return "YEAR"
			}
		}
		return "NUM"
	case t.poss && t.upper:
		return "CAPPOSS"
	case t.allCaps:
		return "CAPS"
	case t.upper:
		if m, ok := s.entryAt(k, lcWord); ok && m.end == k+1 {
			return "W=" + m.entry.value + ":" + t.norm
		}
		return "CAP"
	case t.poss:
		return "lowposs"
	}
	return "low"
}
