package extract

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Extras: bonus features are closed language. A list of extras (list
// items after a sentence that names them) gives one extra per item; a
// sentence that names extras is split into items at semicolons, commas
// and "and". An item's kind is its first bonus-feature word; its title is
// a quoted span, or the head of a "Title – description" item that has no
// bonus-feature word in its head; its participants are the people it
// names.

// extraMention is one bonus feature read from the text.
type extraMention struct {
	sent  int
	at    int // token the item starts at, for attachment
	span  span
	kind  catalog.ExtraKind
	title string
	// titleAt is where the title is written (zero when untitled).
	titleAt span
	people  []participant
	film    *filmEntity
}

type participant struct {
	name, role string
}

// negations before a bonus-feature word say the disc lacks it.
var negations = map[string]bool{"no": true, "not": true, "without": true, "never": true, "don't": true, "won't": true,
	"doesn't": true, "isn't": true, "aren't": true, "lacks": true, "nor": true}

// itemSeparators split an extras sentence into items.
func isItemSeparator(t token) bool { return t.norm == ";" || t.norm == "," }

// readExtras finds the bonus features of the article.
func readExtras(p *parsed, pr *peopleReading) []*extraMention {
	var out []*extraMention
	for si := range p.sents {
		s := &p.sents[si]
		if p.isHeading(s) {
			continue
		}
		if p.inExtrasList(s) {
			if s.firstInBlock {
				if e := listExtra(p, si, pr); e != nil {
					out = append(out, e)
				}
			}
			continue
		}
		if !hasExtraWord(s) {
			continue
		}
		out = append(out, proseExtras(p, si, pr)...)
	}
	return out
}

func hasExtraWord(s *sentence) bool {
	for _, m := range s.lex {
		if m.class() == lcExtra && m.entry.value != "section" {
			return true
		}
	}
	return false
}

// kindIn returns the first bonus-feature kind among tokens [i, j).
func kindIn(s *sentence, i, j int) (catalog.ExtraKind, int, bool) {
	for _, m := range s.lex {
		if m.class() == lcExtra && m.entry.value != "section" && m.start >= i && m.end <= j {
			return catalog.ExtraKind(m.entry.value), m.start, true
		}
	}
	return "", 0, false
}

// listExtra reads one list item of an extras list (the whole block).
func listExtra(p *parsed, si int, pr *peopleReading) *extraMention {
	s := &p.sents[si]
	toks := s.tokens
	if len(toks) == 0 {
		return nil
	}
	e := &extraMention{sent: si, span: p.blocks[s.block].content}
	head := len(toks)
	for k := 1; k < len(toks); k++ {
		if toks[k].dash && toks[k].spaceBefore || toks[k].norm == ":" && !subtitleFollows(toks, k+1) {
			head = k
			break
		}
	}
	kind, _, ok := kindIn(s, 0, head)
	switch {
	case ok:
		e.kind = kind
		if q := quotedIn(s, 0, len(toks)); q.len() > 0 {
			e.setTitle(p, q)
		} else if end := nameEnd(toks, head); end > 0 {
			// An item written as a name ("Theatrical Trailer", "Making Of
			// Featurette") is titled; one written as a description
			// ("Audio commentary by the director") is not.
			if !knownByKind(kind, toks[:end]) {
				e.setTitle(p, tokenSpan(toks, 0, end))
			}
		} else {
			e.setTitle(p, itemName(s, kind, 0, head))
		}
	case isTitleWord(toks[0]) && (head < len(toks) || nameEnd(toks, head) == head):
		// "Title – description", or an item that is a name alone.
		e.setTitle(p, tokenSpan(toks, 0, head))
		e.kind = catalog.ExtraFeaturette
		if k2, _, ok := kindIn(s, head, len(toks)); ok {
			e.kind = k2
		}
	default:
		if k2, _, ok := kindIn(s, 0, len(toks)); ok {
			e.kind = k2
		} else {
			return nil
		}
		e.setTitle(p, quotedIn(s, 0, len(toks)))
	}
	e.people = participantsIn(p, pr, si, 0, len(toks))
	return e
}

// subtitleFollows reports whether the words from toks[i] to the end of
// the item (or a spaced dash or parenthesis) are capitalized as a title
// is, so that the colon before them joins a title and its subtitle ("Ride
// or Die: Making the Film") rather than a name and its description.
func subtitleFollows(toks []token, i int) bool {
	words := 0
	for k := i; k < len(toks); k++ {
		t := toks[k]
		if t.dash && t.spaceBefore || t.norm == "(" {
			break
		}
		if t.kind != tokWord {
			continue
		}
		words++
		if !titleCased(t) {
			return false
		}
	}
	return words > 0
}

// itemName is the name a listed bonus feature goes by: the words of
// the item up to those that introduce its people or details ("by",
// "with", "from", "featuring", "including", a parenthesis), when it is
// more than its kind alone and not known by its kind (knownByKind).
func itemName(s *sentence, kind catalog.ExtraKind, i, j int) span {
	toks := s.tokens
	end := j
	for k := i; k < j; k++ {
		switch toks[k].norm {
		case "by", "with", "from", "featuring", "including", "(", ":", "-", "on", "about", "that", "which":
			end = k
		}
		if end < j {
			break
		}
	}
	start := i
	for start < end && (toks[start].kind == tokNumber || isLeadWord(toks[start].norm)) {
		start++
	}
	for end > start && toks[end-1].kind == tokPunct && toks[end-1].quote == 0 {
		end-- // the sentence's full stop is not the name's
	}
	if end-start < 2 || end-start > maxItemNameWords || knownByKind(kind, toks[start:end]) {
		return span{}
	}
	return tokenSpan(toks, start, end)
}

// knownByKind reports whether an extra named by words goes by its kind
// and people rather than by a name: commentaries and interviews always,
// deleted scenes when called just that ("deleted and extended scenes" or
// "the previous deleted scene" name one).
func knownByKind(kind catalog.ExtraKind, words []token) bool {
	switch kind {
	case catalog.ExtraAudioCommentary, catalog.ExtraInterview:
		return true
	case catalog.ExtraDeletedScenes:
		return onlyWords(words, "deleted", "scene", "scenes")
	}
	return false
}

// onlyWords reports whether every token is one of words (folded).
func onlyWords(toks []token, words ...string) bool {
	for _, t := range toks {
		if !slices.Contains(words, t.norm) {
			return false
		}
	}
	return true
}

// titleCased reports whether word t is written as a title writes it:
// capitalized, or short enough to be a small word ("of", "the").
func titleCased(t token) bool { return t.upper || utf8.RuneCountInString(t.text) < 4 }

// maxItemNameWords bounds the name of a listed feature: a longer stretch
// is a sentence about it, not its name.
const maxItemNameWords = 6

// isLeadWord reports the conjunctions and articles that lead an item
// ("and a gag reel"); words that describe it ("new", "original", "three")
// belong to its name.
func isLeadWord(w string) bool {
	switch w {
	case "and", "plus", "or", "also", "a", "an", "the":
		return true
	}
	return false
}

// nameEnd returns where the name that opens a list item ends (before a
// "by", "with" or parenthesis that introduces people or details), or 0
// when the item does not start as a name: at least two words, every word
// of four or more letters capitalized.
func nameEnd(toks []token, head int) int {
	end := head
	for k := 1; k < head; k++ {
		switch toks[k].norm {
		case "by", "with", "featuring", "(", ",", "-":
			end = k
		}
		if end < head {
			break
		}
	}
	words := 0
	for k := 0; k < end; k++ {
		t := toks[k]
		if t.kind != tokWord {
			continue
		}
		words++
		if !titleCased(t) {
			return 0
		}
	}
	if words < 2 {
		return 0
	}
	return end
}

// proseExtras splits an extras sentence into items.
func proseExtras(p *parsed, si int, pr *peopleReading) []*extraMention {
	s := &p.sents[si]
	toks := s.tokens
	var out []*extraMention
	start := 0
	// Items start after an introduction ("Extras include", "features",
	// a colon) when there is one.
	for k, t := range toks {
		if t.norm == ":" || t.norm == "include" || t.norm == "includes" || t.norm == "including" || t.norm == "features" && k > 0 || t.norm == "offers" || t.norm == "boasts" {
			if _, _, ok := kindIn(s, k+1, len(toks)); ok {
				start = k + 1
				break
			}
		}
	}
	depth := 0
	itemStart := start
	listed := false // an item of this sentence was an extra
	flush := func(end int) {
		if end <= itemStart {
			return
		}
		kind, at, ok := kindIn(s, itemStart, end)
		q := quotedIn(s, itemStart, end)
		if !ok && (q.len() == 0 || start == 0 && !listed) {
			// A quoted name is an extra in a list of extras, not in
			// the words before it ("'Title' comes with a commentary").
			return
		}
		listed = true
		for k := max(0, itemStart-3); k < at; k++ {
			if negations[toks[k].norm] {
				return
			}
		}
		if !ok {
			kind, at = catalog.ExtraFeaturette, itemStart
		}
		if parts := namedParts(s, itemStart, end); ok && len(parts) >= 2 {
			// "8 featurettes (Gotta Love the Squad, The Way of the
			// Gunn, ...)": one extra of the item's kind per name.
			for _, pt := range parts {
				e := &extraMention{sent: si, at: at, span: tokenSpan(toks, pt[0], pt[1]), kind: kind}
				e.setTitle(p, e.span)
				out = append(out, e)
			}
			return
		}
		if q.len() == 0 {
			q = itemName(s, kind, itemStart, end)
		}
		e := &extraMention{sent: si, at: at, span: tokenSpan(toks, itemStart, end), kind: kind}
		e.setTitle(p, q)
		e.people = participantsIn(p, pr, si, itemStart, end)
		out = append(out, e)
	}
	for k := start; k < len(toks); k++ {
		t := toks[k]
		switch {
		case t.norm == "(":
			depth++
		case t.norm == ")":
			depth = max(0, depth-1)
		case depth == 0 && (isItemSeparator(t) || t.norm == "and" && k > itemStart && startsItem(s, k+1)):
			flush(k)
			itemStart = k + 1
		}
	}
	flush(len(toks))
	return out
}

// namedParts returns, for an item [i, j) that names a kind of extra and
// then lists names in parentheses ("3 trailers (War Movie, Horror Movie,
// and Buddy-Cop)"), the token ranges of the names; nil when the item has
// no such list. Each name starts with a capitalized word or a quote.
func namedParts(s *sentence, i, j int) [][2]int {
	toks := s.tokens
	lp := -1
	for k := i; k < j; k++ {
		if toks[k].norm == "(" {
			lp = k
			break
		}
	}
	if lp < 0 {
		return nil
	}
	if _, _, ok := kindIn(s, i, lp); !ok {
		return nil
	}
	rp := -1
	for k := lp + 1; k < j; k++ {
		if toks[k].norm == ")" {
			rp = k
			break
		}
	}
	if rp < 0 {
		return nil
	}
	var parts [][2]int
	a := lp + 1
	add := func(b int) bool {
		for a < b && (toks[a].norm == "and" || toks[a].quote != 0) {
			a++
		}
		e := b
		for e > a && (toks[e-1].quote != 0 || toks[e-1].norm == ",") {
			e--
		}
		if e <= a || !isTitleWord(toks[a]) {
			return false
		}
		parts = append(parts, [2]int{a, e})
		return true
	}
	// "and" separates the last two names of a list with commas ("A, B
	// and C"); elsewhere it may belong to a name ("Blood and Honey").
	lastComma := -1
	for k := lp + 1; k < rp; k++ {
		if toks[k].norm == "," || toks[k].norm == ";" {
			lastComma = k
		}
	}
	for k := lp + 1; k < rp; k++ {
		if toks[k].norm == "," || toks[k].norm == ";" || toks[k].norm == "and" && lastComma >= 0 && k > lastComma+1 && k > a {
			if !add(k) {
				return nil
			}
			a = k + 1
		}
	}
	if !add(rp) {
		return nil
	}
	return parts
}

// startsItem reports whether the words after "and" at k open a new item
// (an article, a number or a bonus-feature word), rather than continue
// one ("deleted and extended scenes", "cast and crew").
func startsItem(s *sentence, k int) bool {
	if k >= len(s.tokens) {
		return false
	}
	t := s.tokens[k]
	switch t.norm {
	case "a", "an", "the", "two", "three", "four", "five", "new", "more", "rare", "original", "exclusive":
		return true
	}
	if t.quote != 0 || t.kind == tokNumber {
		return true
	}
	m, ok := s.entryAt(k, lcExtra)
	return ok && m.start == k
}

// quotedIn returns the first quoted capitalized span in tokens [i, j).
func quotedIn(s *sentence, i, j int) span {
	toks := s.tokens
	for a := i; a < j; a++ {
		if toks[a].quote == 0 || !(a == 0 || toks[a].spaceBefore) || a+1 >= j || toks[a+1].spaceBefore {
			continue
		}
		for b := a + 2; b < j; b++ {
			if toks[b].quote == toks[a].quote && !toks[b].spaceBefore {
				end := b
				for end > a+1 && (toks[end-1].norm == "," || toks[end-1].norm == ".") {
					end--
				}
				if end > a+1 && isTitleWord(toks[a+1]) {
					return tokenSpan(toks, a+1, end)
				}
				break
			}
		}
	}
	return span{}
}

// tokenSpan is the text from toks[i] to the end of toks[j-1].
func tokenSpan(toks []token, i, j int) span { return span{toks[i].start, toks[j-1].end} }

// setTitle titles the extra with the text at sp (none when sp is empty).
func (e *extraMention) setTitle(p *parsed, sp span) {
	if sp.len() == 0 {
		return
	}
	e.title, e.titleAt = strings.TrimSpace(p.text[sp.start:sp.end]), sp
}

// participantsIn lists the people named in tokens [i, j) of sentence si,
// each with the role word before it.
func participantsIn(p *parsed, pr *peopleReading, si, i, j int) []participant {
	s := &p.sents[si]
	var out []participant
	for _, m := range pr.bySent[si] {
		if m.i < i || m.j > j {
			continue
		}
		pt := participant{name: m.name}
		for k := m.i - 1; k >= max(i, m.i-3); k-- {
			if r, ok := s.entryAt(k, lcRole); ok {
				pt.role = strings.TrimSpace(p.text[s.tokens[r.start].start:s.tokens[r.end-1].end])
				break
			}
		}
		out = append(out, pt)
	}
	return out
}
