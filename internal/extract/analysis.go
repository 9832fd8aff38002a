package extract

import (
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// sent is a sentence with everything recognised in it.
type sent struct {
	span
	idx      int
	block    int
	section  int
	heading  bool
	listItem bool
	toks     []token
	blocked  []bool
	mentions []mention
	dates    []dateMention
	runs     []run
	cues     []personCue
	refs     []filmRef
}

// analysis is the state of one extraction. It lives for one call.
type analysis struct {
	x      *Extractor
	doc    Document
	text   string
	blocks []block
	sents  []*sent
	people *people
	films  []*film
	// yearHints holds, per sentence, the year of the last explicit
	// month-and-year date in its section (0 when none).
	yearHints []int
	// blockSents[b] is the range [lo, hi) of the sentences of block b.
	blockSents [][2]int
	// focus[i] is the film in focus after sentence i (nil when none).
	focus []*film
	// orgs lists the organization mentions in text order.
	orgs []mention
	// titleLines caches titleLine per block.
	titleLines []*titleLineResult
}

type titleLineResult struct {
	cand candidate
	ok   bool
}

func (x *Extractor) analyze(doc Document) *analysis {
	a := &analysis{x: x, doc: doc, text: doc.Text, people: newPeople()}
	a.blocks = segmentBlocks(doc.Text, doc.Body)
	a.buildSentences()
	a.findKnownPeople()
	a.findPeople()
	a.findCuedOrgs()
	a.detectFilms()
	a.linkMentions()
	a.computeFocus()
	a.extractFacts()
	return a
}

// buildSentences segments blocks into sentences and runs the pattern
// recognisers on each.
func (a *analysis) buildSentences() {
	section, hint := 0, 0
	for bi, b := range a.blocks {
		if b.kind == blockHeading && bi > 0 {
			section++
			hint = 0
		}
		lo := len(a.sents)
		for _, sp := range segmentSentences(a.text, b) {
			s := &sent{span: sp, idx: len(a.sents), block: bi, section: section,
				heading: b.kind == blockHeading, listItem: b.kind == blockListItem}
			s.toks = tokenize(a.text, sp)
			s.mentions = findMentions(a.x.patterns, a.text, sp)
			s.dates = a.findDates(sp)
			s.blocked = blockedTokens(s)
			s.runs = findRuns(a.text, s.toks, s.blocked)
			for _, d := range s.dates {
				if d.year != 0 && d.month != 0 {
					hint = d.year
				}
			}
			a.sents = append(a.sents, s)
			a.yearHints = append(a.yearHints, hint)
			for _, m := range s.mentions {
				if m.kind == mOrg {
					a.orgs = append(a.orgs, m)
				}
			}
		}
		a.blockSents = append(a.blockSents, [2]int{lo, len(a.sents)})
	}
	a.titleLines = make([]*titleLineResult, len(a.blocks))
}

// sentencesOf returns the sentences of block bi.
func (a *analysis) sentencesOf(bi int) []*sent {
	if bi < 0 || bi >= len(a.blockSents) {
		return nil
	}
	r := a.blockSents[bi]
	return a.sents[r[0]:r[1]]
}

// computeFocus records the film in focus after each sentence: the last
// film named outside parentheses so far.
func (a *analysis) computeFocus() {
	a.focus = make([]*film, len(a.sents))
	var cur *film
	for i, s := range a.sents {
		for _, r := range s.refs {
			if !r.aside {
				cur = r.film
			}
		}
		a.focus[i] = cur
	}
}

func (a *analysis) findDates(sp span) []dateMention {
	ds := a.x.dates.find(a.text[sp.start:sp.end])
	for i := range ds {
		ds[i].start += sp.start
		ds[i].end += sp.start
	}
	return ds
}

// blockedTokens marks tokens covered by dates, formats, organizations,
// festivals, awards, prices and runtimes: they are never part of a film
// title or a name.
func blockedTokens(s *sent) []bool {
	blocked := make([]bool, len(s.toks))
	cover := func(sp span) {
		for k, t := range s.toks {
			if t.start < sp.end && t.end > sp.start {
				blocked[k] = true
			}
		}
	}
	for _, m := range s.mentions {
		// "Region B" is never part of a title; "in the UK" needs no
		// blocking.
		if m.kind != mEdition && (m.kind != mRegion || strings.HasPrefix(m.text, "Region")) {
			cover(m.span)
		}
	}
	for _, d := range s.dates {
		if d.kind != dkYear || d.year == 0 || d.month != 0 {
			cover(d.span)
		} else {
			// "in 2021": block only the year.
			cover(span{d.end - 4, d.end})
		}
	}
	return blocked
}

// mentionsOf returns the mentions of one kind in s.
func (s *sent) mentionsOf(kind mentionKind) []mention {
	var out []mention
	for _, m := range s.mentions {
		if m.kind == kind {
			out = append(out, m)
		}
	}
	return out
}

// tokenAt returns the index of the token containing byte offset off, or
// -1.
func (s *sent) tokenAt(off int) int {
	for k, t := range s.toks {
		if off >= t.start && off < t.end {
			return k
		}
	}
	return -1
}

// hasWord reports whether any token of s is one of words.
func (s *sent) hasWord(words ...string) bool {
	for _, t := range s.toks {
		if t.is(words...) {
			return true
		}
	}
	return false
}

// published returns the publication date (TBA when unknown).
func (a *analysis) published() catalog.PartialDate { return a.doc.Published }
