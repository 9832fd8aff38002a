package extract

import (
	"sort"
	"strings"
	"unicode"

	"github.com/marquee-film/marquee/internal/catalog"
)

// KnownFilm is a film a catalog holds: its title and first release year
// (0 when unknown). Recognition goes by the title alone: a year in
// parentheses after a title is a cue of its own, and the extractor never
// gives a film a year the text does not state. Linking a result to a
// record of that title and year is the caller's part.
type KnownFilm struct {
	Title string
	Year  int
}

// Gazetteer holds the films and people a catalog already knows, so that
// an extraction recognises them without the cues an unknown title or
// name needs (see Options.Known). Build it once with NewGazetteer; it is
// read-only afterwards and may be shared between goroutines.
//
// The rules, chosen for precision:
//
//   - A film title is recognised when a capitalized run of running text
//     (not a heading or list item), or a quoted phrase, folds to a known
//     title (case, accents, punctuation and "vs"/"v" ignored, as titleKey
//     does), even with no release verb, genre noun, format or other cue.
//     Titles set in italics are candidates already.
//   - A known title of two or more words matches anywhere in a sentence,
//     its first word included: capitalized mid-phrase words are evidence
//     enough.
//   - A known one-word title matches unquoted only when the word has six
//     or more letters, is capitalized (not all capitals), does not open
//     the sentence or follow a colon or dash, and does not follow a
//     preposition of place ("in", "at", "near", ...): "Tangerine trees"
//     at a sentence start or "shot in Chicago" are not films. Quoted, any
//     known title counts.
//   - A run that names two known titles joined by "and" is read as both,
//     and a sentence's first word joined to a known title by a connector
//     is dropped from it ("Fans of Title").
//   - A known person's full name (two or more words) is recognised as a
//     person wherever it appears, so it is never taken for a title or a
//     label, its surname resolves later in the text, and it is spelt as
//     the catalog spells it. Recognition does not make a credit: that
//     still needs a relation cue ("commentary with Name", "starring
//     Name"). A name that is also a known film title is left to the cues.
//
// Lookups are map hits: one per capitalized run for titles (by their
// folded key) and one per capitalized word for people (by their folded
// first word), so a gazetteer of many thousand entries costs about the
// same as a small one.
type Gazetteer struct {
	// films holds the title keys of the known films.
	films map[string]bool
	// people maps a folded first word to the names starting with it,
	// longest first.
	people  map[string][]knownName
	nPeople int
}

// knownName is a known person's name and its folded words, as tokenize
// splits them.
type knownName struct {
	name  string
	words []string
}

// knownTitleConf is the confidence of a title only the gazetteer vouches
// for.
const knownTitleConf = 0.7

// NewGazetteer indexes the known films and people. Empty and implausible
// titles, one-word names and names that do not start with a capital
// letter are skipped.
func NewGazetteer(films []KnownFilm, people []string) *Gazetteer {
	g := &Gazetteer{films: make(map[string]bool, len(films)), people: map[string][]knownName{}}
	for _, f := range films {
		t := strings.TrimSpace(f.Title)
		if !plausibleTitle(t) {
			continue
		}
		if key := titleKey(t); key != "" {
			g.films[key] = true
		}
	}
	seen := map[string]bool{}
	for _, p := range people {
		name := strings.Join(strings.Fields(p), " ")
		words := foldedWords(name)
		if !strings.Contains(name, " ") || len(words) < 2 || !unicode.IsUpper(firstRune(name)) {
			continue
		}
		key := strings.Join(words, " ")
		if seen[key] {
			continue
		}
		if g.films[titleKey(name)] {
			continue
		}
		seen[key] = true
		g.people[words[0]] = append(g.people[words[0]], knownName{name: name, words: words})
		g.nPeople++
	}
	for _, list := range g.people {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
	}
	return g
}

// Size returns how many distinct film titles and people g holds.
func (g *Gazetteer) Size() (titles, people int) {
	if g == nil {
		return 0, 0
	}
	return len(g.films), g.nPeople
}

// foldedWords tokenizes a name as the text is tokenized and folds each
// token.
func foldedWords(name string) []string {
	toks := tokenize(name, span{0, len(name)})
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = foldToken(t.text)
	}
	return out
}

// foldToken folds a token for comparison with known names: lower case,
// accents removed, a possessive "'s" dropped by the caller.
func foldToken(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return catalog.FoldText(s)
		}
	}
	return lowerWord(s)
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// hasMultiWordTitle reports whether title is a known film title of two
// or more words (the titles that may keep a run whole or split one).
func (g *Gazetteer) hasMultiWordTitle(title string) bool {
	if g == nil {
		return false
	}
	key := titleKey(title)
	return g.films[key] && strings.Contains(key, " ")
}

// hasAnyTitle reports whether title is a known film title.
func (g *Gazetteer) hasAnyTitle(title string) bool {
	if g == nil {
		return false
	}
	return g.films[titleKey(title)]
}

// locatives before a one-word run make it a place rather than a title.
var locatives = map[string]bool{
	"in": true, "at": true, "near": true, "across": true, "around": true, "outside": true, "inside": true,
	"through": true, "throughout": true, "into": true, "to": true, "toward": true, "towards": true,
	"within": true, "off": true,
}

// knownTitle reports whether the gazetteer vouches for run r of s, whose
// title (without an edition name) is title, as a film title. See
// Gazetteer for the rules.
func (a *analysis) knownTitle(s *sent, r run, title string) bool {
	g := a.doc.known
	if g == nil {
		return false
	}
	key := titleKey(title)
	if !g.films[key] {
		return false
	}
	if r.quoted || strings.Contains(key, " ") {
		return true
	}
	t := s.toks[r.first]
	if r.initial || r.words() != 1 || t.kind != tokWord || t.allCaps || letterCount(key) < 6 {
		return false
	}
	prev := s.toks[r.first-1]
	switch {
	case prev.kind == tokPunct && strings.ContainsAny(prev.text, ":—–-"):
		return false
	case prev.kind == tokWord && locatives[prev.lower]:
		return false
	}
	return true
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// knownRuns rewrites an unquoted run by the gazetteer: a run (or the run
// without a sentence word glued to its front) that is a known title of
// two or more words stays whole, a sentence's first word joined to a
// known title by a connector is dropped ("Fans of Title"), and a run that
// joins known titles with "and" or "&" becomes one run per title. ok is
// false when the gazetteer has nothing to say about r.
func (g *Gazetteer) knownRuns(text string, s *sent, r run) ([]run, bool) {
	if g == nil {
		return nil, false
	}
	if g.hasMultiWordTitle(r.text) {
		return []run{r}, true
	}
	// "Fans of Title", "Director of Title": a sentence's first word joined
	// to a known title by a connector.
	if k := r.first + 2; r.initial && k <= r.last && s.toks[r.first+1].kind == tokWord && !s.toks[r.first+1].upper &&
		connectors[s.toks[r.first+1].lower] && s.toks[k].upper {
		if tail := makeRun(text, s.toks, k, r.last, r.possessive, false); g.hasAnyTitle(tail.text) {
			return []run{tail}, true
		}
	}
	var parts []run
	start := r.first
	for k := r.first; k <= r.last+1; k++ {
		if k <= r.last && !s.toks[k].is("and", "&") {
			continue
		}
		if k-1 < start {
			return nil, false
		}
		p := makeRun(text, s.toks, start, k-1, k > r.last && r.possessive, false)
		if !g.hasAnyTitle(p.text) {
			return nil, false
		}
		if start == r.first {
			p.initial = r.initial
		}
		parts = append(parts, p)
		start = k + 1
	}
	if len(parts) < 2 {
		return nil, false
	}
	return parts, true
}

// findKnownPeople registers the known people the text names in full, so
// later stages treat them as people (see Gazetteer).
func (a *analysis) findKnownPeople() {
	g := a.doc.known
	if g == nil || len(g.people) == 0 {
		return
	}
	for _, s := range a.sents {
		toks := s.toks
		for k := 0; k < len(toks); k++ {
			t := toks[k]
			if t.kind != tokWord || !t.upper || s.blocked[k] {
				continue
			}
			for _, n := range g.people[foldToken(t.text)] {
				if last, ok := matchName(toks, s.blocked, k, n.words); ok {
					a.people.add(n.name)
					k = last
					break
				}
			}
		}
	}
}

// matchName reports whether the tokens from k spell words (the last one
// may carry a possessive) and are not followed by another name word, and
// returns the last token.
func matchName(toks []token, blocked []bool, k int, words []string) (int, bool) {
	last := k + len(words) - 1
	if last >= len(toks) {
		return 0, false
	}
	for i, w := range words {
		t := toks[k+i]
		if blocked[k+i] {
			return 0, false
		}
		text := t.text
		if i == len(words)-1 {
			text, _ = possessiveBase(text)
		}
		if i > 0 && foldToken(text) != w {
			return 0, false
		}
	}
	if _, poss := possessiveBase(toks[last].text); !poss && last+1 < len(toks) && isNameWord(toks, blocked, last+1) && toks[last+1].start <= toks[last].end+1 {
		return 0, false
	}
	return last, true
}
