package extract

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// People: every run of two to four capitalized words (with name
// particles and initials) is a person candidate; the person model scores
// it from its shape and context, and the role models score each accepted
// person for director, writer and cast from the words around it. A
// surname alone is the person named in full elsewhere in the article.

// personMention is a person named in a sentence: tokens [i, j).
type personMention struct {
	sent  int
	i, j  int
	span  span
	name  string // the full name (a surname resolves to it)
	key   string // folded full name
	feats []string
	score float64
	// roles holds each role model's probability.
	roles map[string]float64
	// roleFeats are the features the role models read.
	roleFeats []string
}

// nameParticles may stand inside a name in lower case.
var nameParticles = map[string]bool{
	"de": true, "van": true, "von": true, "der": true, "den": true, "da": true, "di": true, "del": true,
	"la": true, "le": true, "du": true, "bin": true, "al": true, "dos": true, "das": true, "ter": true, "ten": true,
}

// isNameWord reports whether token t may be a word of a name.
func isNameWord(t token) bool {
	return t.kind == tokWord && (t.upper || t.allCaps)
}

// personCandidates lists the person candidates of sentence si: the
// sub-spans of two to four name words of each run of name words.
func personCandidates(p *parsed, si int) []*personMention {
	s := &p.sents[si]
	toks := s.tokens
	var out []*personMention
	i := 0
	for i < len(toks) {
		if !isNameWord(toks[i]) {
			i++
			continue
		}
		j := i
		for j < len(toks) && (isNameWord(toks[j]) || nameParticles[toks[j].norm] && j+1 < len(toks) && isNameWord(toks[j+1])) {
			j++
			if toks[j-1].poss {
				break
			}
		}
		for a := i; a < j; a++ {
			if !isNameWord(toks[a]) {
				continue
			}
			for b := a + 2; b <= j && b-a <= 4; b++ {
				if !isNameWord(toks[b-1]) || hasPossBefore(toks, a, b) {
					continue
				}
				out = append(out, newPersonMention(p, si, a, b))
			}
		}
		i = j
	}
	return out
}

// hasPossBefore reports whether a token before the last of [a, b) is
// possessive (a name does not run on past "Demme's").
func hasPossBefore(toks []token, a, b int) bool {
	for k := a; k < b-1; k++ {
		if toks[k].poss {
			return true
		}
	}
	return false
}

func newPersonMention(p *parsed, si, a, b int) *personMention {
	toks := p.sents[si].tokens
	m := &personMention{sent: si, i: a, j: b, span: span{toks[a].start, toks[b-1].end}}
	m.name = personName(toks[a:b])
	m.key = nameKey(m.name)
	return m
}

// personName spells a name from its tokens, without a possessive and in
// title case when written in capitals.
func personName(toks []token) string {
	var parts []string
	for k, t := range toks {
		w := t.text
		if k == len(toks)-1 && t.poss {
			w = w[:len(w)-len(possessiveSuffix(w))]
		}
		if t.allCaps && len(w) > 2 && !strings.Contains(w, ".") {
			w = displayTitle(w)
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, " ")
}

// possessiveSuffix returns the possessive that ends w: an apostrophe
// of any kind and an s ("Rex's", "Pratt‘s"), or the apostrophe of a
// plural possessive ("Abrams’").
func possessiveSuffix(w string) string {
	r, n := utf8.DecodeLastRuneInString(w)
	if isApostrophe(r) {
		return w[len(w)-n:]
	}
	if r != 's' && r != 'S' {
		return ""
	}
	a, m := utf8.DecodeLastRuneInString(w[:len(w)-1])
	if isApostrophe(a) {
		return w[len(w)-1-m:]
	}
	return ""
}

// nameKey folds a name for comparison.
func nameKey(n string) string { return strings.Join(strings.Fields(normTitleText(n)), " ") }

// surnameOf is the last word of a folded name.
func surnameOf(key string) string {
	if i := strings.LastIndexByte(key, ' '); i >= 0 {
		return key[i+1:]
	}
	return key
}

// personFeatures describes person candidate m.
func personFeatures(p *parsed, m *personMention, titleScore float64, fullNames map[string]int) []string {
	s := &p.sents[m.sent]
	toks := s.tokens
	n := m.j - m.i
	f := make([]string, 0, 32)
	add := func(x ...string) { f = append(f, x...) }
	add("n=" + bucket(n, 1, 2, 3, 4))
	if s.covers(m.i, lcFirstName) && !toks[m.i].allCaps {
		add("firstname")
	}
	initials, caps := 0, 0
	for k := m.i; k < m.j; k++ {
		t := toks[k]
		if strings.Count(t.text, ".") >= 1 && len([]rune(t.text)) <= 5 {
			initials++
		}
		if t.allCaps && len(t.text) > 2 {
			caps++
		}
	}
	if initials > 0 {
		add("initials")
	}
	if caps == n {
		add("allcaps")
	}
	for _, cl := range []lexClass{lcFormat, lcLabel, lcStreamer, lcFestival, lcAward, lcRole, lcExtra, lcDescriptor, lcCountry, lcDemonym, lcDate, lcOrgSuffix, lcVerb, lcTechnical} {
		for k := m.i; k < m.j; k++ {
			if s.covers(k, cl) {
				add("has:" + cl.String())
				break
			}
		}
	}
	for k := m.i; k < m.j; k++ {
		if _, ok := s.dateAt(k); ok {
			add("has:date")
			break
		}
		if m2, ok := s.entryAt(k, lcWord); ok && m2.end == k+1 {
			add("has:fn")
			break
		}
	}
	if m.i == 0 || m.i == 1 && toks[0].quote != 0 {
		add("sentinit")
	}
	if toks[m.j-1].poss {
		add("poss")
	}
	if m.i > 0 && isNameWord(toks[m.i-1]) {
		add("cap-left")
	}
	if m.j < len(toks) && isNameWord(toks[m.j]) {
		add("cap-right")
	}
	switch {
	case p.isHeading(s):
		add("heading")
	case p.isListItem(s):
		add("listitem")
	}
	l1, l2 := ctxClass(p, s, m.i-1), ctxClass(p, s, m.i-2)
	r1, r2 := ctxClass(p, s, m.j), ctxClass(p, s, m.j+1)
	add("L1="+l1, "L2="+l2, "R1="+r1, "R2="+r2)
	add("cL1R1="+coarse(l1)+"|"+coarse(r1), "cL2L1="+coarse(l2)+"|"+coarse(l1))
	add("title=" + bucket(int(titleScore*10), 1, 3, 5, 7))
	// A role word a few words before, as in "a screenplay by Vale and
	// Piet Marsh".
	for k := m.i - 1; k >= 0 && k >= m.i-6; k-- {
		if t := toks[k]; t.norm == ";" || t.norm == "." || t.norm == ":" {
			break
		}
		if s.covers(k, lcRole) {
			add("role-near-before")
			break
		}
	}
	if fullNames[surnameOf(m.key)] > 1 {
		add("surname-recurs")
	}
	return f
}

// roleFeatures describes the words around person mention m that say
// what part the person had: role words and verbs within a window, a
// possessive before a title, "as" and parentheses for a character.
func roleFeatures(p *parsed, m *personMention, titleAt func(si, k int) bool) []string {
	s := &p.sents[m.sent]
	toks := s.tokens
	var f []string
	add := func(x ...string) { f = append(f, x...) }
	// Role words before the name, nearest first, up to six tokens back
	// and not past another person's name or a clause break.
	coordinated := false
	for k, d := m.i-1, 1; k >= 0 && d <= 8; k, d = k-1, d+1 {
		t := toks[k]
		if t.norm == ";" || t.norm == "." {
			break
		}
		if (t.norm == "and" || t.norm == ",") && k > 0 && isNameWord(toks[k-1]) {
			coordinated = true
		}
		if r, ok := s.entryAt(k, lcRole); ok {
			add("before:" + r.entry.value + "@" + bucket(d, 1, 2, 4))
			add("before:" + r.entry.value)
			if coordinated {
				add("before-coordinated:" + r.entry.value)
			}
			break
		}
		if t.norm == "by" {
			add("by@" + bucket(d, 1, 2, 4))
		}
		if t.norm == "with" || t.norm == "featuring" {
			add("with@" + bucket(d, 1, 2, 4))
		}
	}
	// Role words after the name.
	for k, d := m.j, 1; k < len(toks) && d <= 4; k, d = k+1, d+1 {
		if r, ok := s.entryAt(k, lcRole); ok {
			add("after:" + r.entry.value + "@" + bucket(d, 1, 2, 4))
			add("after:" + r.entry.value)
			break
		}
	}
	// A list of names the role word closes: "Marianne Jean-Baptiste,
	// Hayley Squires, Leo Bill and Gwendoline Christie star."
	if k := m.j; k < len(toks) && isNameListSeparator(toks[k]) {
		for k < len(toks) && k < m.j+40 && (isNameWord(toks[k]) || isNameListSeparator(toks[k]) || nameParticles[toks[k].norm]) {
			k++
		}
		if k < len(toks) && k > m.j+1 && isNameWord(toks[k-1]) {
			if r, ok := s.entryAt(k, lcRole); ok {
				add("after-coordinated:" + r.entry.value)
			}
		}
	}
	if toks[m.j-1].poss {
		add("poss")
		for k := m.j; k < len(toks) && k < m.j+8; k++ {
			if titleAt(m.sent, k) {
				add("poss-title@" + bucket(k-m.j, 0, 2, 5))
				break
			}
		}
	}
	if m.j < len(toks) && toks[m.j].norm == "as" {
		add("as-after")
	}
	if m.i > 0 && toks[m.i-1].norm == "(" && m.j < len(toks) && toks[m.j].norm == ")" {
		add("in-parens")
		if m.i > 1 && isNameWord(toks[m.i-2]) {
			add("parens-after-name")
		}
		if m.i > 1 && toks[m.i-2].quote != 0 {
			add("parens-after-quote")
		}
	}
	if m.j < len(toks) && toks[m.j].norm == "(" {
		add("parens-after")
	}
	// A film in the same sentence, and extras words near.
	for k := range toks {
		if titleAt(m.sent, k) {
			add("sent-has-title")
			break
		}
	}
	for k := max(0, m.i-8); k < len(toks) && k < m.j+3; k++ {
		if s.covers(k, lcExtra) {
			add("near:extra")
			break
		}
	}
	for k := range toks {
		if s.covers(k, lcFormat) {
			add("sent-has-format")
			break
		}
	}
	if p.inExtrasList(s) {
		add("extras-list")
	}
	if len(f) == 0 {
		add("no-cue")
	}
	return f
}

// peopleReading is the person stage's output.
type peopleReading struct {
	cands    [][]*personMention
	mentions []*personMention // accepted, in text order
	// bySent lists the accepted mentions of each sentence.
	bySent [][]*personMention
}

// personThreshold is the person probability a candidate needs.
const personThreshold = 0.5

// readPeople runs the person stage on the sentences, given the title
// stage (a span that is a title is seldom a person).
func readPeople(p *parsed, w *Weights, tr *titleReading) *peopleReading {
	pr := &peopleReading{cands: make([][]*personMention, len(p.sents))}
	fullNames := map[string]int{}
	for si := range p.sents {
		pr.cands[si] = personCandidates(p, si)
		for _, c := range pr.cands[si] {
			fullNames[surnameOf(c.key)]++
		}
	}
	titleAt := tr.titleAt
	for si, cs := range pr.cands {
		for _, c := range cs {
			c.feats = personFeatures(p, c, tr.bestCandScore(si, c.i, c.j), fullNames)
			c.score = w.Person.prob(c.feats)
		}
		liftListedNames(&p.sents[si], cs)
		pr.mentions = append(pr.mentions, bestNonOverlapping(cs, personThreshold, func(c *personMention) (float64, int, int) { return c.score, c.i, c.j })...)
	}
	pr.index(len(p.sents))
	// Surnames alone: a capitalized word (possessive or not) that is the
	// surname of exactly one accepted full name.
	bySurname := map[string][]*personMention{}
	for _, m := range pr.mentions {
		sn := surnameOf(m.key)
		if len(bySurname[sn]) == 0 || bySurname[sn][0].key != m.key {
			bySurname[sn] = append(bySurname[sn], m)
		}
	}
	for si := range p.sents {
		toks := p.sents[si].tokens
		for k, t := range toks {
			if !isNameWord(t) || t.allCaps && len(t.text) <= 3 {
				continue
			}
			full := bySurname[t.base]
			if len(full) != 1 || pr.covered(si, k) || (k > 0 && isNameWord(toks[k-1])) || (k+1 < len(toks) && isNameWord(toks[k+1]) && !t.poss) {
				continue
			}
			m := &personMention{sent: si, i: k, j: k + 1, span: t.span, name: full[0].name, key: full[0].key, score: full[0].score}
			pr.mentions = append(pr.mentions, m)
		}
	}
	sort.SliceStable(pr.mentions, func(a, b int) bool {
		if pr.mentions[a].sent != pr.mentions[b].sent {
			return pr.mentions[a].sent < pr.mentions[b].sent
		}
		return pr.mentions[a].i < pr.mentions[b].i
	})
	pr.index(len(p.sents))
	for _, m := range pr.mentions {
		m.roleFeats = roleFeatures(p, m, titleAt)
		m.roles = map[string]float64{}
		for role, rm := range w.Role {
			m.roles[role] = rm.prob(m.roleFeats)
		}
	}
	return pr
}

// isNameListSeparator reports whether t separates the names of a list
// ("A, B and C", "A & B").
func isNameListSeparator(t token) bool { return t.norm == "," || t.norm == "and" || t.norm == "&" }

// listNeighbours returns the candidates that stand next to c in a list
// ("A, B and C"): ending a separator before it or starting one after.
func listNeighbours(s *sentence, cs []*personMention, c *personMention) []*personMention {
	toks := s.tokens
	sep := func(k int) bool { return k >= 0 && k < len(toks) && isNameListSeparator(toks[k]) }
	var out []*personMention
	for _, o := range cs {
		if o != c && (o.j <= c.i && c.i-o.j <= 2 && sep(o.j) && sep(c.i-1) || c.j <= o.i && o.i-c.j <= 2 && sep(c.j) && sep(o.i-1)) {
			out = append(out, o)
		}
	}
	return out
}

// liftListedNames accepts a name the person model nearly accepts when it
// stands in a list beside an accepted person: the items of a list are of
// one kind ("Lev Tamm, Ines Okafor, Tomas Reyes and Mira Sato star").
func liftListedNames(s *sentence, cs []*personMention) {
	for changed := true; changed; {
		changed = false
		for _, c := range cs {
			if c.score < listedNameFloor || c.score >= personThreshold {
				continue
			}
			for _, o := range listNeighbours(s, cs, c) {
				if o.score >= personThreshold {
					c.score, changed = personThreshold, true
					break
				}
			}
		}
	}
}

// listedNameFloor is the person probability a name in a list of people
// needs to be accepted with them.
const listedNameFloor = 0.3

// covered reports whether token k of sentence si is inside an accepted
// person mention.
func (pr *peopleReading) covered(si, k int) bool {
	for _, m := range pr.bySent[si] {
		if m.i <= k && k < m.j {
			return true
		}
	}
	return false
}

func (pr *peopleReading) index(n int) {
	pr.bySent = make([][]*personMention, n)
	for _, m := range pr.mentions {
		pr.bySent[m.sent] = append(pr.bySent[m.sent], m)
	}
}
