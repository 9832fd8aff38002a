package extract

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// titleStats is what the whole article says about each candidate key:
// how often it recurs, and whether it is ever quoted, set in italics,
// in a heading or in a list item head.
type titleStats struct {
	sentences map[string]int
	quoted    map[string]bool
	heading   map[string]bool
	body      map[string]bool
	listHead  map[string]bool
	// tails counts, over the first sentences of list items, the two
	// words that follow a separator: a run of items written to one
	// template ("Title: Release Date – TBD") repeats them.
	tails map[string]int
}

// tailAfter returns the two words after the separators that follow token
// k of s ("release date" in "Title: Release Date – TBD"), or "" when no
// separator follows or fewer than two words do.
func tailAfter(s *sentence, k int) string {
	if k >= len(s.tokens) || s.tokens[k].kind != tokPunct {
		return ""
	}
	for k < len(s.tokens) && s.tokens[k].kind == tokPunct {
		k++
	}
	if k+1 >= len(s.tokens) || s.tokens[k].kind == tokPunct || s.tokens[k+1].kind == tokPunct {
		return ""
	}
	return s.tokens[k].norm + " " + s.tokens[k+1].norm
}

func newTitleStats(p *parsed, cands [][]*titleCand) *titleStats {
	st := &titleStats{sentences: map[string]int{}, quoted: map[string]bool{}, heading: map[string]bool{},
		body: map[string]bool{}, listHead: map[string]bool{}, tails: map[string]int{}}
	for si := range p.sents {
		s := &p.sents[si]
		if !p.isListItem(s) || !s.firstInBlock {
			continue
		}
		seen := map[string]bool{}
		for k, t := range s.tokens {
			if t.kind == tokPunct && (k == 0 || s.tokens[k-1].kind != tokPunct) {
				if tl := tailAfter(s, k); tl != "" && !seen[tl] {
					seen[tl] = true
					st.tails[tl]++
				}
			}
		}
	}
	for si, cs := range cands {
		seen := map[string]bool{}
		for _, c := range cs {
			if !seen[c.key] {
				seen[c.key] = true
				st.sentences[c.key]++
			}
			if c.quoted || c.italic {
				st.quoted[c.key] = true
			}
			if c.listHead {
				st.listHead[c.key] = true
			}
			if p.isHeading(&p.sents[si]) {
				st.heading[c.key] = true
			} else {
				st.body[c.key] = true
			}
		}
	}
	return st
}

func bucket(n int, edges ...int) string {
	for _, e := range edges {
		if n <= e {
			return strconv.Itoa(e)
		}
	}
	return strconv.Itoa(edges[len(edges)-1]) + "+"
}

// titleFeatures describes candidate c. Features name shapes, positions,
// typography and the classes of the words around the span; they never
// name a content word.
func titleFeatures(p *parsed, c *titleCand, st *titleStats) []string {
	s := &p.sents[c.sent]
	toks := s.tokens
	n := c.j - c.i
	f := make([]string, 0, 48)
	add := func(x ...string) { f = append(f, x...) }
	add("n=" + bucket(n, 1, 2, 3, 4, 6, 9))
	first, last := toks[c.i], toks[c.j-1]
	if first.norm == "the" || first.norm == "a" || first.norm == "an" {
		add("art")
	}
	conn, caps, nums, words := 0, 0, 0, 0
	colon, shortTail := false, false
	for k := c.i; k < c.j; k++ {
		t := toks[k]
		switch {
		case t.kind == tokNumber:
			nums++
		case t.kind == tokWord && !t.upper:
			conn++
		case t.kind == tokWord:
			words++
			if t.allCaps {
				caps++
			}
		}
		if t.norm == ":" || t.dash {
			colon = true
			// "Region: B", "Discs: 2": a field and its value.
			shortTail = shortTail || c.j-k <= 2 && utf8.RuneCountInString(last.text) <= 2
		}
	}
	if colon {
		add("colon")
	}
	if shortTail {
		add("colon-short-tail")
	}
	if n > 1 && last.kind == tokWord && titleConnectors[last.norm] {
		add("ends-connector") // "Synopsis: In"
	}
	if conn > 0 {
		add("conn")
	}
	if nums > 0 {
		add("num")
		if last.kind == tokNumber {
			add("endnum")
		}
		if nums == n {
			add("allnum")
		}
	}
	if words > 0 && caps == words {
		add("allcaps")
		if !s.isAllCapsSentence() {
			add("allcaps-in-mixed")
		}
	}
	if first.poss || last.poss {
		add("poss-inside")
	}
	// Lexicon evidence inside the span.
	exact := map[lexClass]bool{}
	inside := map[lexClass]bool{}
	for _, m := range s.lex {
		if m.start >= c.i && m.end <= c.j {
			inside[m.class()] = true
			if m.start == c.i && m.end == c.j {
				exact[m.class()] = true
			}
		}
	}
	for cl := range inside {
		switch cl {
		case lcWord, lcFirstName:
			continue
		}
		if exact[cl] {
			add("is:" + cl.String())
		} else {
			add("has:" + cl.String())
		}
	}
	if breaksTitle(s, c.i) {
		add("edge-lex-start")
	}
	if breaksTitle(s, c.j-1) {
		add("edge-lex-end")
	}
	for _, d := range s.dates {
		if d.start < c.j && c.i < d.end {
			add("has:date")
			break
		}
	}
	if s.covers(c.i, lcFirstName) && toks[c.i].upper && !toks[c.i].allCaps {
		add("firstname")
		if n >= 2 && n <= 3 && conn == 0 && nums == 0 {
			add("personshape")
		}
	}
	if wordThenName(s, c.i, c.j) {
		add("word-then-name")
	}
	if s.covers(c.j-1, lcOrgSuffix) {
		add("orgsuffix-end")
	}
	// Typography and layout.
	if c.known {
		add("known")
	}
	// Italics do what quotes do: they set a title apart (house styles
	// choose one or the other). The corpus is plain text, so italics
	// borrow what quotes taught the model.
	if c.quoted || c.italic {
		add("quoted")
	}
	if p.slug != "" && strings.Contains(p.slug, " "+c.key+" ") {
		// The article's address names it.
		add("in-address")
	}
	if c.italic {
		add("italic")
	}
	if c.i > 0 && c.j < len(toks) && toks[c.i-1].norm == "(" && toks[c.j].norm == ")" {
		add("paren")
	}
	if c.j+2 < len(toks) && toks[c.j].norm == "(" && ctxClass(p, s, c.j+1) == "YEAR" {
		add("yearparen")
	}
	if c.listHead {
		add("listhead")
		if tl := tailAfter(s, c.j); tl != "" && st.tails[tl] >= 3 {
			add("listhead-template")
		}
	}
	if p.inExtrasList(s) {
		add("extras-list")
	}
	for k := c.j; k < len(toks) && k < c.j+8; k++ {
		if toks[k].norm == "(" && k+1 < len(toks) && ctxClass(p, s, k+1) == "YEAR" {
			add("yearparen-near")
			break
		}
	}
	switch {
	case p.isHeading(s):
		add("heading")
	case p.isListItem(s):
		add("listitem")
	}
	if s.block == 0 {
		add("firstblock")
	}
	start := c.i
	if c.quoted || (start > 0 && toks[start-1].quote != 0) {
		start--
	}
	if start <= 0 {
		add("sentinit")
	}
	if c.inRun {
		if c.maximal {
			add("maximal")
		}
		if c.i > c.runI {
			add("run-left")
		}
		if c.j < c.runJ {
			add("run-right")
		}
	}
	// Context.
	l1, l2 := ctxClass(p, s, c.i-1), ctxClass(p, s, c.i-2)
	r1, r2 := ctxClass(p, s, c.j), ctxClass(p, s, c.j+1)
	if c.quoted {
		l1, l2 = ctxClass(p, s, c.i-2), ctxClass(p, s, c.i-3)
		r1, r2 = ctxClass(p, s, c.j+1), ctxClass(p, s, c.j+2)
	}
	cl1, cr1 := coarse(l1), coarse(r1)
	add("L1="+cl1, "L2="+coarse(l2), "R1="+cr1, "R2="+coarse(r2))
	add("cL1R1="+cl1+"|"+cr1, "cL2L1="+coarse(l2)+"|"+cl1, "cR1R2="+cr1+"|"+coarse(r2))
	if c.i > 0 && toks[c.i-1].poss && toks[c.i-1].upper {
		add("after-poss")
	}
	// What the sentence is about.
	for _, cl := range []lexClass{lcFormat, lcVerb, lcLabel, lcRole, lcExtra, lcFestival, lcDescriptor, lcStreamer} {
		for k := range toks {
			if (k < c.i || k >= c.j) && s.covers(k, cl) {
				add("sent:" + cl.String())
				break
			}
		}
	}
	if len(s.dates) > 0 {
		add("sent:date")
	}
	// Strong cues read together with what the sentence is about: a list
	// head followed by a format or a date is not a list head in a list of
	// specifications.
	cues := []string{}
	for _, x := range f {
		switch x {
		case "listhead", "quoted", "yearparen", "after-poss", "heading", "sentinit", "n=1", "allcaps", "paren":
			cues = append(cues, x)
		}
	}
	if l1 == "DESCRIPTORS" {
		cues = append(cues, "after-descriptor")
	}
	about := "none"
	switch {
	case hasFeat(f, "sent:formats") && len(s.dates) > 0:
		about = "format+date"
	case hasFeat(f, "sent:formats"):
		about = "format"
	case len(s.dates) > 0:
		about = "date"
	case hasFeat(f, "sent:verbs"):
		about = "verb"
	case hasFeat(f, "sent:roles"):
		about = "role"
	}
	for _, c := range cues {
		add(c + "&" + about)
	}
	// The article.
	add("rep=" + bucket(st.sentences[c.key], 1, 2, 3))
	if st.quoted[c.key] && !c.quoted && !c.italic {
		add("quoted-elsewhere")
	}
	if st.heading[c.key] && st.body[c.key] {
		add("heading-and-body")
	}
	if st.listHead[c.key] && !c.listHead {
		add("listhead-elsewhere")
	}
	// A longer form of a title the article names more often ("Copper Sky
	// as a Collectors" beside "Copper Sky" twice) is more likely the
	// title run on into other words.
	for i, n := 1, st.sentences[c.key]; i < len(c.key); i++ {
		if c.key[i] == ' ' && st.sentences[c.key[:i]] > n {
			add("extends-repeated-prefix")
			break
		}
	}
	return f
}

func hasFeat(f []string, x string) bool {
	for _, y := range f {
		if y == x {
			return true
		}
	}
	return false
}

// coarse maps a context class to a smaller alphabet for conjunctions:
// closed-class words by their class, capitalized words as CAP.
func coarse(c string) string {
	switch {
	case strings.HasPrefix(c, "w=") || strings.HasPrefix(c, "W="):
		// A closed-class word: the commonest prepositions and "and" by
		// themselves, the others by their class.
		class, word, _ := strings.Cut(c[2:], ":")
		switch word {
		case "of", "on", "in", "to", "from", "by", "with", "and", "as", "at", "for":
			if c[0] == 'W' {
				return "W:" + word
			}
			return word
		}
		if c[0] == 'W' {
			return "W:" + class
		}
		return class
	case strings.HasPrefix(c, "ROLE:"):
		return "ROLE"
	case strings.HasPrefix(c, "VERB:"):
		return "VERB"
	case c == "CAPS" || c == "CAPPOSS":
		return "CAP"
	case c == "lowposs":
		return "low"
	case c == "YEAR":
		return "NUM"
	}
	return c
}

// isAllCapsSentence reports whether most words of the sentence are in
// capitals (an all-caps headline), where capitals say nothing.
func (s *sentence) isAllCapsSentence() bool {
	words, caps := 0, 0
	for _, t := range s.tokens {
		if t.kind == tokWord {
			words++
			if t.allCaps {
				caps++
			}
		}
	}
	return words > 0 && caps*2 > words
}

// knownFeatures describes a title key for the catalog model: the text's
// score, bucketed, and whether (and for how short a title) the catalog
// holds a film of that title.
func knownFeatures(textScore float64, keyFeats []string) []string {
	f := []string{"text=" + bucket(int(textScore*20), 0, 1, 2, 4, 6, 10, 14)}
	if hasFeat(keyFeats, "known") {
		n := "n=2+"
		if hasFeat(keyFeats, "n=1") {
			n = "n=1"
		}
		f = append(f, "known", "known&"+n, "known&"+f[0])
		if hasFeat(keyFeats, "run-left") || hasFeat(keyFeats, "run-right") {
			// A known title inside a longer capitalized phrase.
			f = append(f, "known&inside-run")
		}
	}
	return f
}

// wordThenName reports whether tokens [i, j) of s are a word that is no
// given name and then a name of two or three words that starts with one
// ("By Richard Whittaker", "By: Billy Gil", "Director Mara Voss").
func wordThenName(s *sentence, i, j int) bool {
	if j-i < 3 || s.covers(i, lcFirstName) || s.tokens[i].kind != tokWord {
		return false
	}
	k := i + 1
	if s.tokens[k].norm == ":" {
		k++
	}
	if n := j - k; n < 2 || n > 3 || !s.covers(k, lcFirstName) {
		return false
	}
	for ; k < j; k++ {
		if t := s.tokens[k]; t.kind != tokWord || !t.upper {
			return false
		}
	}
	return true
}
