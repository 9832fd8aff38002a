package extract

import (
	"sort"
	"strings"

	"github.com/marquee-film/marquee/internal/extract/lexicon"
)

// The vocabulary stage: every phrase of the lexicon (internal/extract/
// lexicon) found in a sentence's tokens. Matching compares folded tokens,
// so typography never matters; a capitalized lexicon word matches only a
// capitalized or upper-case word, a lower-case one any.

// lexClass identifies a lexicon file.
type lexClass uint8

const (
	lcNone lexClass = iota
	lcFormat
	lcLabel
	lcStreamer
	lcFestival
	lcAward
	lcRole
	lcExtra
	lcDescriptor
	lcVerb
	lcCountry
	lcDemonym
	lcTechnical
	lcWord
	lcDate
	lcFirstName
	lcOrgSuffix
	lcPlace
	lcRetailer
	numLexClasses
)

var lexClassNames = map[string]lexClass{
	"formats": lcFormat, "labels": lcLabel, "streamers": lcStreamer, "festivals": lcFestival,
	"awards": lcAward, "roles": lcRole, "extras": lcExtra, "descriptors": lcDescriptor,
	"verbs": lcVerb, "countries": lcCountry, "demonyms": lcDemonym, "technical": lcTechnical,
	"words": lcWord, "dates": lcDate, "firstnames": lcFirstName, "orgsuffixes": lcOrgSuffix,
	"places": lcPlace, "retailers": lcRetailer,
}

// lexClassString names each class (the inverse of lexClassNames).
var lexClassString = func() [numLexClasses]string {
	var out [numLexClasses]string
	out[lcNone] = "none"
	for name, v := range lexClassNames {
		out[v] = name
	}
	return out
}()

func (c lexClass) String() string { return lexClassString[c] }

// lexEntry is a compiled lexicon phrase.
type lexEntry struct {
	class  lexClass
	phrase string
	value  string
	words  []string // folded tokens
	upper  []bool   // the phrase's token is capitalized
}

// lexMatch is a lexicon phrase found at tokens [start, end) of a
// sentence.
type lexMatch struct {
	start, end int
	entry      *lexEntry
}

func (m lexMatch) class() lexClass { return m.entry.class }

// vocabulary finds lexicon phrases in token sequences. It is built once
// by New and read-only afterwards.
type vocabulary struct {
	// byFirst maps a first folded token to the entries starting with it,
	// longest first.
	byFirst map[string][]*lexEntry
	entries []*lexEntry
}

func newVocabulary(lx *lexicon.Lexicon) *vocabulary {
	v := &vocabulary{byFirst: map[string][]*lexEntry{}}
	for _, e := range lx.Entries {
		class, ok := lexClassNames[e.Class]
		if !ok {
			continue
		}
		toks := tokenize(e.Phrase, span{0, len(e.Phrase)})
		if len(toks) == 0 {
			continue
		}
		le := &lexEntry{class: class, phrase: e.Phrase, value: e.Value}
		for _, t := range toks {
			le.words = append(le.words, t.norm)
			le.upper = append(le.upper, t.upper || t.kind == tokNumber && class != lcDate)
		}
		v.entries = append(v.entries, le)
		v.byFirst[le.words[0]] = append(v.byFirst[le.words[0]], le)
	}
	for _, list := range v.byFirst {
		sort.SliceStable(list, func(i, j int) bool { return len(list[i].words) > len(list[j].words) })
	}
	return v
}

// match returns every phrase found in toks: at each start the longest
// phrase of each class.
func (v *vocabulary) match(toks []token) []lexMatch {
	var out []lexMatch
	for i := range toks {
		cands := v.byFirst[toks[i].norm]
		if toks[i].poss && toks[i].base != toks[i].norm {
			cands = append(cands[:len(cands):len(cands)], v.byFirst[toks[i].base]...)
		}
		var seen [numLexClasses]bool
		for _, e := range cands {
			if seen[e.class] {
				continue
			}
			if end, ok := e.matchAt(toks, i); ok {
				seen[e.class] = true
				out = append(out, lexMatch{start: i, end: end, entry: e})
			}
		}
	}
	return out
}

// matchAt reports whether the entry's words start at toks[i], and where
// they end. The last word may carry a possessive ("Criterion’s").
func (e *lexEntry) matchAt(toks []token, i int) (int, bool) {
	if i+len(e.words) > len(toks) {
		return 0, false
	}
	for k, w := range e.words {
		t := toks[i+k]
		last := k == len(e.words)-1
		if t.norm != w && !(last && t.poss && t.base == w) {
			return 0, false
		}
		if e.upper[k] && t.kind == tokWord && !t.upper {
			return 0, false
		}
		if k > 0 && t.kind != tokPunct && !t.spaceBefore && toks[i+k-1].kind != tokPunct {
			return 0, false
		}
	}
	return i + len(e.words), true
}

// lexValue reads "key=N" values of the dates class.
func lexValue(v, key string) (string, bool) {
	return strings.CutPrefix(v, key+"=")
}
