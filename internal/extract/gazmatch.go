package extract

import (
	"regexp"
	"sort"
	"strings"
)

// gazMatcher finds the names of a gazetteer in text without a regular
// expression: it indexes the names by their first two bytes and, at each
// word start, compares the few names that share them, longest first.
// It matches as the alternation `\b(?:name|...)` would (leftmost, then
// longest name), with an optional trailing word boundary and an optional
// suffix from a second list (`(?:\s+(?:suffix|...))?`).
type gazMatcher struct {
	index map[[2]byte][]string
	// boundary requires a word boundary after the name; without it a
	// longer name that fails the boundary is not retried shorter.
	boundary bool
	suffixes []string
}

func newGazMatcher(names []string, boundary bool, suffixes []string) *gazMatcher {
	g := &gazMatcher{index: map[[2]byte][]string{}, boundary: boundary}
	sorted := append([]string(nil), names...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	for _, n := range sorted {
		if len(n) < 2 || !isWordByte(n[0]) {
			panic("extract: gazetteer name must start with a word character: " + n)
		}
		k := [2]byte{n[0], n[1]}
		g.index[k] = append(g.index[k], n)
	}
	g.suffixes = append([]string(nil), suffixes...)
	sort.SliceStable(g.suffixes, func(i, j int) bool { return len(g.suffixes[i]) > len(g.suffixes[j]) })
	return g
}

// isWordByte is the ASCII word class of regexp's \b.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// boundaryAt reports whether regexp's \b holds at byte i of s.
func boundaryAt(s string, i int) bool {
	before := i > 0 && isWordByte(s[i-1])
	after := i < len(s) && isWordByte(s[i])
	return before != after
}

// isRegexpSpace is regexp's \s.
func isRegexpSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// findAll returns the [start, end) byte spans of the names in s, left to
// right and not overlapping.
func (g *gazMatcher) findAll(s string) [][2]int {
	var out [][2]int
	for i := 0; i+1 < len(s); i++ {
		c := s[i]
		if !isWordByte(c) || i > 0 && isWordByte(s[i-1]) {
			continue
		}
		cands := g.index[[2]byte{c, s[i+1]}]
		if len(cands) == 0 {
			continue
		}
		end := -1
		for _, n := range cands {
			if strings.HasPrefix(s[i:], n) && (!g.boundary || boundaryAt(s, i+len(n))) {
				end = i + len(n)
				break
			}
		}
		if end < 0 {
			continue
		}
		end = g.suffixAt(s, end)
		out = append(out, [2]int{i, end})
		i = end - 1
	}
	return out
}

// suffixAt extends a match ending at end by `\s+suffix`.
func (g *gazMatcher) suffixAt(s string, end int) int {
	if len(g.suffixes) == 0 {
		return end
	}
	j := end
	for j < len(s) && isRegexpSpace(s[j]) {
		j++
	}
	if j == end {
		return end
	}
	for _, suf := range g.suffixes {
		if strings.HasPrefix(s[j:], suf) {
			return j + len(suf)
		}
	}
	return end
}

// needleSet finds the first of several literal needles in one pass over
// the text, instead of one strings.Index per needle.
type needleSet struct {
	byFirst [256][]string
	empty   bool
}

func newNeedleSet(needles ...string) *needleSet {
	ns := &needleSet{empty: len(needles) == 0}
	for _, n := range needles {
		if n == "" {
			ns.empty = true
			continue
		}
		ns.byFirst[n[0]] = append(ns.byFirst[n[0]], n)
	}
	return ns
}

// index returns the offset of the first needle in s, or -1.
func (ns *needleSet) index(s string) int {
	for i := 0; i < len(s); i++ {
		for _, n := range ns.byFirst[s[i]] {
			if len(s)-i >= len(n) && s[i:i+len(n)] == n {
				return i
			}
		}
	}
	return -1
}

// indexFold is index for a text in any case (needles are lower case;
// ASCII letters of s compare case-insensitively).
func (ns *needleSet) indexFold(s string) int {
	for i := 0; i < len(s); i++ {
		for _, n := range ns.byFirst[lowerByte(s[i])] {
			if len(s)-i < len(n) {
				continue
			}
			j := 1
			for j < len(n) && lowerByte(s[i+j]) == n[j] {
				j++
			}
			if j == len(n) {
				return i
			}
		}
	}
	return -1
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// any reports whether s holds a needle; a set without needles matches
// everything.
func (ns *needleSet) any(s string) bool { return ns.empty || ns.index(s) >= 0 }

// wordGate decides cheaply which patterns can match a sentence. Each
// pattern names groups of words, one of each group being required as a
// whole word (a maximal run of regexp's \w, compared lower-case); one
// scan of the sentence collects a bit per group present, and a pattern
// runs only when all its bits are there.
type wordGate struct {
	bits map[string]uint64
	n    uint
	// year4 is the bit of a four-digit year 1800-2199.
	year4 uint64
}

func newWordGate() *wordGate {
	g := &wordGate{bits: map[string]uint64{}}
	g.year4 = g.bit()
	return g
}

func (g *wordGate) bit() uint64 {
	if g.n >= 64 {
		panic("extract: word gate is full")
	}
	b := uint64(1) << g.n
	g.n++
	return b
}

// group returns the bit of a new group of words.
func (g *wordGate) group(words ...string) uint64 {
	b := g.bit()
	for _, w := range words {
		g.bits[strings.ToLower(w)] |= b
	}
	return b
}

// need returns the bits of several groups, each a space-separated list
// of words; "YEAR" stands for a four-digit year.
func (g *wordGate) need(groups ...string) uint64 {
	var need uint64
	for _, grp := range groups {
		var words []string
		for _, w := range strings.Fields(grp) {
			if w == "YEAR" {
				need |= g.year4
				continue
			}
			words = append(words, w)
		}
		if len(words) > 0 {
			need |= g.group(words...)
		}
	}
	return need
}

// scan returns the bits of the words of lower (an ASCII-lowered text).
func (g *wordGate) scan(lower string) uint64 {
	var m uint64
	for i := 0; i < len(lower); {
		if !isWordByte(lower[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(lower) && isWordByte(lower[j]) {
			j++
		}
		w := lower[i:j]
		m |= g.bits[w]
		if len(w) == 4 && (w[:2] == "18" || w[:2] == "19" || w[:2] == "20" || w[:2] == "21") && isDigits(w) {
			m |= g.year4
		}
		i = j
	}
	return m
}

// firstWords returns the lower-case first words of the names (their
// first \w runs), space-separated: one of them starts every match.
func (g *gazMatcher) firstWords() string {
	var b strings.Builder
	for _, names := range g.index {
		for _, n := range names {
			j := 0
			for j < len(n) && isWordByte(n[j]) {
				j++
			}
			b.WriteString(strings.ToLower(n[:j]))
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// guardedRE is a regular expression behind a cheap literal prefilter:
// when the ASCII-lowered text holds none of the needles (each a
// necessary part of every match), the expression is not run.
type guardedRE struct {
	*regexp.Regexp
	needles *needleSet
}

func guard(re *regexp.Regexp, needles ...string) *guardedRE {
	return &guardedRE{Regexp: re, needles: newNeedleSet(needles...)}
}

func (g *guardedRE) may(s string) bool {
	return g.needles.empty || g.needles.indexFold(s) >= 0
}

func (g *guardedRE) MatchString(s string) bool { return g.may(s) && g.Regexp.MatchString(s) }

func (g *guardedRE) FindString(s string) string {
	if !g.may(s) {
		return ""
	}
	return g.Regexp.FindString(s)
}

func (g *guardedRE) FindStringIndex(s string) []int {
	if !g.may(s) {
		return nil
	}
	return g.Regexp.FindStringIndex(s)
}

func (g *guardedRE) FindStringSubmatch(s string) []string {
	if !g.may(s) {
		return nil
	}
	return g.Regexp.FindStringSubmatch(s)
}

func (g *guardedRE) FindStringSubmatchIndex(s string) []int {
	if !g.may(s) {
		return nil
	}
	return g.Regexp.FindStringSubmatchIndex(s)
}

func (g *guardedRE) FindAllStringIndex(s string, n int) [][]int {
	if !g.may(s) {
		return nil
	}
	return g.Regexp.FindAllStringIndex(s, n)
}

func (g *guardedRE) ReplaceAllString(s, repl string) string {
	if !g.may(s) {
		return s
	}
	return g.Regexp.ReplaceAllString(s, repl)
}

// wordAlt finds an expression whose every match starts at the start of
// a word (a \w run) that is one of starts (compared lower-case): it
// tries the expression, anchored, only there, which is what the
// unanchored search would find at a fraction of the cost.
type wordAlt struct {
	anchored *regexp.Regexp
	starts   map[string]bool
	// startFn, when set, also admits a start word.
	startFn func(word string) bool
}

func newWordAlt(expr string, starts string) *wordAlt {
	w := &wordAlt{anchored: regexp.MustCompile(`^(?:` + expr + `)`), starts: map[string]bool{}}
	for _, s := range strings.Fields(starts) {
		w.starts[s] = true
	}
	return w
}

// isStart reports whether word (any case) is one of the starts.
func (w *wordAlt) isStart(word string) bool {
	var buf [24]byte
	if len(word) > len(buf) {
		return false
	}
	b := buf[:len(word)]
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return w.starts[string(b)]
}

// findFrom returns the leftmost match in s at or after byte from, or nil.
func (w *wordAlt) findFrom(s string, from int) []int {
	for i := from; i < len(s); {
		if !isWordByte(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		if (i == 0 || !isWordByte(s[i-1])) && w.isStart(s[i:j]) {
			if loc := w.anchored.FindStringIndex(s[i:]); loc != nil {
				return []int{i, i + loc[1]}
			}
		}
		i = j
	}
	return nil
}

// findAllAt is FindAllStringIndex for a text s whose lower-case form is
// lower and whose words (\w runs) are spans.
func (w *wordAlt) findAllAt(s, lower string, spans [][2]int) [][]int {
	var out [][]int
	from := 0
	for _, sp := range spans {
		if sp[0] < from || !w.startsAt(lower, sp) {
			continue
		}
		if loc := w.anchored.FindStringIndex(s[sp[0]:]); loc != nil {
			out = append(out, []int{sp[0], sp[0] + loc[1]})
			from = max(sp[0]+loc[1], sp[0]+1)
		}
	}
	return out
}

func (w *wordAlt) startsAt(lower string, sp [2]int) bool {
	word := lower[sp[0]:sp[1]]
	return w.starts[word] || w.startFn != nil && w.startFn(word)
}

// findAllSubmatchAt is findAllAt with the submatch indexes of each match.
func (w *wordAlt) findAllSubmatchAt(s, lower string, spans [][2]int) [][]int {
	var out [][]int
	from := 0
	for _, sp := range spans {
		if sp[0] < from || !w.startsAt(lower, sp) {
			continue
		}
		if loc := w.anchored.FindStringSubmatchIndex(s[sp[0]:]); loc != nil {
			for k := range loc {
				if loc[k] >= 0 {
					loc[k] += sp[0]
				}
			}
			out = append(out, loc)
			from = max(loc[1], sp[0]+1)
		}
	}
	return out
}

// wordSpans returns the \w runs of s.
func wordSpans(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		if !isWordByte(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// FindStringIndex returns the leftmost match, or nil.
func (w *wordAlt) FindStringIndex(s string) []int { return w.findFrom(s, 0) }

// FindAllStringIndex returns the successive non-overlapping matches.
func (w *wordAlt) FindAllStringIndex(s string, _ int) [][]int {
	var out [][]int
	for from := 0; from < len(s); {
		loc := w.findFrom(s, from)
		if loc == nil {
			break
		}
		out = append(out, loc)
		from = max(loc[1], loc[0]+1)
	}
	return out
}
