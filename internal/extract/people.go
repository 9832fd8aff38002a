package extract

import (
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// people registers the full names the text introduces, so a bare
// surname later ("Rex") resolves to the full name ("Simon Rex").
type people struct {
	full map[string]string // folded full name -> name
	// bySurname maps a folded last word to the full names that end in it.
	bySurname map[string][]string
}

func newPeople() *people {
	return &people{full: map[string]string{}, bySurname: map[string][]string{}}
}

func (p *people) add(name string) {
	key := catalog.FoldText(name)
	if _, ok := p.full[key]; ok || !strings.Contains(name, " ") {
		return
	}
	p.full[key] = name
	words := strings.Fields(key)
	last := words[len(words)-1]
	p.bySurname[last] = append(p.bySurname[last], name)
}

// resolve returns the full name a name or bare surname refers to, and
// whether the name is known.
func (p *people) resolve(name string) (string, bool) {
	key := catalog.FoldText(name)
	if n, ok := p.full[key]; ok {
		return n, true
	}
	if !strings.Contains(key, " ") {
		if names := p.bySurname[key]; len(names) == 1 {
			return names[0], true
		}
	}
	return name, false
}

// personCue is a person named in a sentence with what the sentence says
// about them.
type personCue struct {
	span
	tok  int // first token of the name
	name string
	// roleText is the role word as written ("writer-director"), if any.
	roleText string
	role     creditRole
	// character is the part played, when the text ties one.
	character string
	// possessive: "Name's <film>" (a director credit when a film follows).
	possessive bool
}

// nameParticles may appear inside names: "Gus Van Sant", "Brian De Palma".
var nameParticles = map[string]bool{"de": true, "van": true, "von": true, "der": true, "da": true, "del": true, "di": true, "le": true, "la": true, "du": true, "bin": true, "al": true}

// nameAt parses a person's name starting at token k: up to five
// capitalized words or initials. It returns the last token and false
// when there is none.
func nameAt(toks []token, blocked []bool, k int) (int, bool) {
	if k >= len(toks) || !isNameWord(toks, blocked, k) || notNameWords[toks[k].lower] || sentenceStarters[toks[k].lower] && k == 0 {
		return 0, false
	}
	last := k
	for j := k + 1; j < len(toks) && j-k < 5; j++ {
		if _, poss := possessiveBase(toks[j-1].text); poss {
			break
		}
		if isNameWord(toks, blocked, j) && toks[j].start <= toks[j-1].end+1 {
			last = j
			continue
		}
		if nameParticles[toks[j].lower] && j+1 < len(toks) && isNameWord(toks, blocked, j+1) {
			continue
		}
		break
	}
	return last, true
}

func isNameWord(toks []token, blocked []bool, k int) bool {
	t := toks[k]
	return !blocked[k] && t.kind == tokWord && t.upper && !titleStopWords[t.lower]
}

// nameText returns the name spanning tokens [first, last] without a
// trailing possessive.
func nameText(text string, toks []token, first, last int) (string, span, bool) {
	base, poss := possessiveBase(toks[last].text)
	sp := span{toks[first].start, toks[last].start + len(base)}
	return text[sp.start:sp.end], sp, poss
}

// findPeople scans every sentence for person cues and registers the
// full names.
func (a *analysis) findPeople() {
	for _, s := range a.sents {
		s.cues = a.roleCues(s)
		for _, c := range s.cues {
			a.people.add(c.name)
		}
	}
	for _, s := range a.sents {
		ctx := a.contextCues(s)
		for _, c := range ctx {
			if c.character != "" || !c.possessive {
				a.people.add(c.name)
			}
		}
		s.cues = append(s.cues, ctx...)
	}
	// Second pass: surnames of people introduced later resolve too.
	for _, s := range a.sents {
		for i := range s.cues {
			if full, ok := a.people.resolve(s.cues[i].name); ok {
				s.cues[i].name = full
			}
		}
	}
}

// roleCues finds the people a sentence names through a role word,
// "starring", "directed by" or "cast includes".
func (a *analysis) roleCues(s *sent) []personCue {
	var cues []personCue
	toks := s.toks
	for k := 0; k < len(toks); k++ {
		if role, roleText, n := roleAt(toks, k); n > 0 && !toks[k].upper {
			names := a.nameList(s, k+n, strings.HasSuffix(roleText, "s") || roleText == "cast")
			for _, nm := range names {
				nm.role, nm.roleText = role, roleText
				cues = append(cues, nm)
			}
			if len(names) > 0 {
				k += n - 1
			}
			continue
		}
		switch {
		case toks[k].is("starring", "stars", "co-starring", "co-stars", "featuring") && (k == 0 || !toks[k-1].is("the", "a", "its", "his", "her", "their", "cast")):
			for _, nm := range a.nameList(s, k+1, true) {
				nm.role, nm.roleText = roleCast, ""
				cues = append(cues, nm)
			}
		case toks[k].is("by") && k > 0 && toks[k-1].is("directed", "written", "screenplay", "helmed", "co-directed", "co-written"):
			role := roleDirector
			if !toks[k-1].is("directed", "helmed", "co-directed") {
				role = roleWriter
			}
			if k >= 2 && toks[k-2].is("story") {
				continue
			}
			for _, nm := range a.nameList(s, k+1, true) {
				nm.role = role
				cues = append(cues, nm)
			}
		case toks[k].is("from") && k > 0 && isGenreWord(toks[k-1].lower) && !toks[k-1].upper:
			for _, nm := range a.nameList(s, k+1, false) {
				nm.role = roleDirector
				cues = append(cues, nm)
			}
		case toks[k].is("includes", "include", "including") && k > 0 && toks[k-1].is("cast", "also") && s.hasWord("cast"):
			for _, nm := range a.nameList(s, k+1, true) {
				nm.role = roleCast
				cues = append(cues, nm)
			}
		}
	}
	return cues
}

// contextCues finds people tied to a part ("Part (Actor)", "Actor as
// Part") or named in a possessive, once the role cues of the whole text
// are known.
func (a *analysis) contextCues(s *sent) []personCue {
	var cues []personCue
	for k, t := range s.toks {
		switch {
		case t.text == "(":
			if c, ok := a.parenthesisedActor(s, k); ok {
				cues = append(cues, c)
			}
		case t.is("as") && k > 0:
			if c, ok := a.actorAsCharacter(s, k); ok {
				cues = append(cues, c)
			}
		}
	}
	return append(cues, a.possessiveCues(s)...)
}

// roleAt matches a role word (one to three tokens) at token k and
// returns its role, its text and its length in tokens.
func roleAt(toks []token, k int) (creditRole, string, int) {
	if k >= len(toks) || !roleFirstWords[toks[k].lower] {
		return roleNone, "", 0
	}
	for n := 4; n >= 1; n-- {
		if k+n > len(toks) {
			continue
		}
		w := toks[k].lower
		if n > 1 {
			var b strings.Builder
			b.WriteString(w)
			for j := k + 1; j < k+n; j++ {
				b.WriteByte(' ')
				b.WriteString(toks[j].lower)
			}
			w = b.String()
		}
		if role, ok := roleWords[w]; ok {
			return role, w, n
		}
	}
	return roleNone, "", 0
}

// roleFirstWords are the first words of roleWords.
var roleFirstWords = func() map[string]bool {
	m := map[string]bool{}
	for w := range roleWords {
		m[strings.Fields(w)[0]] = true
	}
	return m
}()

// nameList reads names starting at token k: one name, or with list a
// comma/and-separated list that skips parentheticals and "none other
// than".
func (a *analysis) nameList(s *sent, k int, list bool) []personCue {
	var out []personCue
	toks := s.toks
	for k < len(toks) {
		last, ok := nameAt(toks, s.blocked, k)
		if !ok {
			break
		}
		name, sp, poss := nameText(a.text, toks, k, last)
		if poss {
			break
		}
		if last == k {
			full, known := a.people.resolve(name)
			if !known {
				break
			}
			name = full
		} else {
			a.people.add(name)
		}
		out = append(out, personCue{span: sp, tok: k, name: name})
		k = last + 1
		if !list {
			break
		}
		k = skipParenthetical(toks, k)
		if k < len(toks) && toks[k].is("as") {
			break
		}
		next, ok := listSeparator(toks, k)
		if !ok {
			break
		}
		k = next
	}
	return out
}

// skipParenthetical skips a "( ... )" group at k.
func skipParenthetical(toks []token, k int) int {
	if k >= len(toks) || toks[k].text != "(" {
		return k
	}
	for j := k + 1; j < len(toks); j++ {
		if toks[j].text == ")" {
			return j + 1
		}
	}
	return k
}

// listSeparator skips ",", "and", "&", ", and" and "none other than"
// between list items and reports whether there was one.
func listSeparator(toks []token, k int) (int, bool) {
	found := false
	for k < len(toks) {
		switch {
		case toks[k].text == "," || toks[k].text == "&" || toks[k].is("and"):
			found = true
			k++
		case k+2 < len(toks) && toks[k].is("none") && toks[k+1].is("other") && toks[k+2].is("than"):
			k += 3
		default:
			return k, found
		}
	}
	return k, false
}

// parenthesisedActor reads "Part (Actor)" and "part (Actor)": the name in
// parentheses plays the part before it. A capitalized part that is not a
// known person is the character.
func (a *analysis) parenthesisedActor(s *sent, open int) (personCue, bool) {
	toks := s.toks
	k := open + 1
	played := false
	if k < len(toks) && toks[k].is("played") {
		// "(played with zeal by Name)"
		for k < len(toks) && !toks[k].is("by") && toks[k].text != ")" {
			k++
		}
		if k >= len(toks) || !toks[k].is("by") {
			return personCue{}, false
		}
		k++
		played = true
	}
	last, ok := nameAt(toks, s.blocked, k)
	if !ok || last+1 >= len(toks) || toks[last+1].text != ")" {
		return personCue{}, false
	}
	name, sp, poss := nameText(a.text, toks, k, last)
	if poss || open == 0 {
		return personCue{}, false
	}
	single := last == k
	if single {
		if _, known := a.people.resolve(name); !known && !played {
			// A lone word in parentheses is a person only when it is a known
			// surname.
			return personCue{}, false
		}
	}
	c := personCue{span: sp, tok: k, name: name, role: roleCast}
	prev := toks[open-1]
	switch {
	case prev.kind == tokWord && prev.upper:
		first := open - 1
		for first > 0 && (isNameWord(toks, s.blocked, first-1) || (connectors[toks[first-1].lower] && first-2 >= 0 && isNameWord(toks, s.blocked, first-2))) {
			first--
		}
		char := a.text[toks[first].start:prev.end]
		if _, known := a.people.resolve(char); known || sentenceStarters[strings.ToLower(char)] {
			return personCue{}, false
		}
		if first == 0 && s.listItem {
			return personCue{}, false
		}
		c.character = char
	case prev.kind == tokWord && !prev.upper:
		// "the wife (Name)": a part without a name.
	default:
		return personCue{}, false
	}
	return c, true
}

// actorAsCharacter reads "Name as Character" where Name is a known
// person or a surname and Character is capitalized.
func (a *analysis) actorAsCharacter(s *sent, as int) (personCue, bool) {
	toks := s.toks
	last := as - 1
	if last < 0 || !isNameWord(toks, s.blocked, last) {
		return personCue{}, false
	}
	first := last
	for first > 0 && isNameWord(toks, s.blocked, first-1) && last-first < 3 {
		first--
	}
	name, sp, poss := nameText(a.text, toks, first, last)
	if poss {
		return personCue{}, false
	}
	if _, known := a.people.resolve(name); !known {
		return personCue{}, false
	}
	cl, ok := nameAt(toks, s.blocked, as+1)
	if !ok {
		return personCue{}, false
	}
	char, _, _ := nameText(a.text, toks, as+1, cl)
	return personCue{span: sp, tok: first, name: name, role: roleCast, character: char}, true
}

// possessiveCues finds "Name's" and "A and B's" before a title: the
// director when a film follows (decided later).
func (a *analysis) possessiveCues(s *sent) []personCue {
	var out []personCue
	for _, r := range s.runs {
		if !r.possessive || r.quoted || r.words() > 5 {
			continue
		}
		if s.toks[r.first].kind == tokNumber {
			continue
		}
		for _, part := range splitCoordinated(a.text, s.toks, r) {
			part.possessive = true
			out = append(out, part)
		}
	}
	return out
}

// splitCoordinated splits "Cooper and Schoedsack" into two names.
func splitCoordinated(text string, toks []token, r run) []personCue {
	var out []personCue
	start := r.first
	for k := r.first; k <= r.last+1; k++ {
		if k == r.last+1 || toks[k].is("and", "&") {
			if k-1 >= start {
				name, sp, _ := nameText(text, toks, start, k-1)
				out = append(out, personCue{span: sp, tok: start, name: name})
			}
			start = k + 1
		}
	}
	return out
}
