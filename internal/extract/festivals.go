package extract

import (
	"strconv"
	"strings"
)

// Festivals: a festival the lexicon knows, or a capitalized name ending
// with "Film Festival", "Festival" or "Fest". Its year is a year written
// with it ("the 2023 Cannes Film Festival", "Cannes 2021", "2021's
// Cannes"), else a dated expression of its sentence, else "this year" or
// "last year" read against the publication date. Its result comes from
// the verbs of its sentence.

// festivalMention is a festival named in a sentence.
type festivalMention struct {
	sent, i, j int
	span       span
	name       string
	// of is the festival the lexicon says the words name (a section
	// names its festival: "Un Certain Regard" is Cannes's), or "".
	of     string
	year   int
	result string
	award  string
	film   *filmEntity
}

// readFestivals finds the festivals of sentence si.
func readFestivals(p *parsed, si int, tr *titleReading) []*festivalMention {
	s := &p.sents[si]
	toks := s.tokens
	var out []*festivalMention
	taken := make([]bool, len(toks))
	addSpan := func(i, j int) {
		for k := i; k < j; k++ {
			if taken[k] {
				return
			}
		}
		for k := i; k < j; k++ {
			taken[k] = true
		}
		fm := &festivalMention{sent: si, i: i, j: j, span: span{toks[i].start, toks[j-1].end}}
		fm.name = strings.TrimSuffix(p.text[fm.span.start:fm.span.end], possessiveSuffix(p.text[fm.span.start:fm.span.end]))
		fm.name = strings.TrimPrefix(strings.TrimPrefix(fm.name, "the "), "The ")
		fm.year = festivalYear(p, s, i, j)
		fm.result = festivalResult(s)
		fm.award = festivalAward(p, s)
		if fm.award != "" && fm.result == "" {
			fm.result = "nominated"
		}
		out = append(out, fm)
	}
	// Named by shape: the longest capitalized run ending in a festival
	// word.
	for _, c := range tr.cands[si] {
		last := toks[c.j-1].base
		if !c.inRun || c.j-c.i < 2 || !(last == "festival" || last == "fest" || last == "festivals") {
			continue
		}
		if c.i > c.runI && isTitleWord(toks[c.i-1]) {
			continue
		}
		i := c.i
		if toks[i].norm == "the" {
			i++
		}
		for i < c.j && ctxClass(p, s, i) == "YEAR" {
			i++
		}
		if c.j-i >= 2 {
			addSpan(i, c.j)
		}
	}
	for _, m := range s.lex {
		if m.class() == lcFestival {
			addSpan(m.start, m.end)
			if n := len(out); n > 0 && out[n-1].i == m.start {
				out[n-1].of = m.entry.value
			}
		}
	}
	out = oneMentionPerFestival(out)
	// A festival's own prize names the festival when the sentence does
	// not ("nominated for the Golden Bear").
	{
		for _, m := range s.lex {
			if m.class() != lcAward || m.entry.value == "ceremony" || m.entry.value == "festival" {
				continue
			}
			named := false
			for _, o := range out {
				if festivalKey(o.name) == festivalKey(m.entry.value) {
					named = true
					if o.award == "" {
						o.award = p.text[toks[m.start].start:toks[m.end-1].end]
					}
				}
			}
			if named {
				continue
			}
			fm := &festivalMention{sent: si, i: m.start, j: m.end, span: span{toks[m.start].start, toks[m.end-1].end}, name: m.entry.value}
			fm.year = festivalYear(p, s, m.start, m.end)
			fm.result = festivalResult(s)
			fm.award = p.text[fm.span.start:fm.span.end]
			out = append(out, fm)
		}
	}
	return out
}

// festivalYear reads the year of a festival named at tokens [i, j).
func festivalYear(p *parsed, s *sentence, i, j int) int {
	toks := s.tokens
	year := func(k int) int {
		if k < 0 || k >= len(toks) || toks[k].kind != tokNumber || len(toks[k].base) != 4 {
			return 0
		}
		y, err := strconv.Atoi(toks[k].base)
		if err != nil || y < 1930 || y > 2100 {
			return 0
		}
		return y
	}
	for _, k := range []int{i - 1, j, i - 2, j + 1} {
		if y := year(k); y != 0 {
			return y
		}
	}
	for k := j; k < len(toks) && k < j+4; k++ {
		d, ok := s.dateAt(k)
		if !ok {
			continue
		}
		if d.year != 0 {
			return d.year
		}
		// "at TIFF in September": the month's year, read against the
		// publication date; a festival screening has passed unless the
		// sentence says it is to come ("will premiere at Cannes in May").
		if (d.kind == dkMonth || d.kind == dkDay) && !p.pub.IsTBA() {
			if r, ok := d.resolve(p.pub, 0, !futureBefore(s, d.start)); ok && r.Year() != 0 {
				return r.Year()
			}
		}
	}
	if !p.pub.IsTBA() {
		for k := 0; k+1 < len(toks); k++ {
			if toks[k+1].norm == "year" {
				switch toks[k].norm {
				case "this":
					return p.pub.Year()
				case "last":
					return p.pub.Year() - 1
				}
			}
		}
	}
	for _, d := range s.dates {
		if d.year != 0 {
			return d.year
		}
	}
	return 0
}

// festivalAward returns the festival prize a sentence names ("the Silver
// Lion", "the Grand Jury Prize"), as written.
func festivalAward(p *parsed, s *sentence) string {
	for _, m := range s.lex {
		if m.class() == lcAward && m.entry.value != "ceremony" {
			return p.text[s.tokens[m.start].start:s.tokens[m.end-1].end]
		}
	}
	return ""
}

// festivalResult reads what a sentence says happened at a festival; a
// prize won outranks a competition, which outranks a screening.
func festivalResult(s *sentence) string {
	best := ""
	for _, t := range s.tokens {
		r := ""
		switch t.norm {
		case "won", "wins", "winner", "winning", "took", "awarded", "prize-winning", "swept":
			r = "won"
		case "nominated", "competing", "compete", "competition", "contender":
			r = "pending"
		case "premiered", "screened", "played", "premiere", "screening", "selection", "bowed", "debuted":
			r = "screened"
		}
		if festivalResultRank[r] > festivalResultRank[best] {
			best = r
		}
	}
	return best
}

// oneMentionPerFestival keeps one mention of each festival the lexicon
// identifies in a sentence ("in Un Certain Regard at Cannes" is one
// festival): the one written as the festival's own name, with the year,
// award and result the others add.
func oneMentionPerFestival(ms []*festivalMention) []*festivalMention {
	out := ms[:0]
	at := map[string]int{} // where in out each festival's mention is
	for _, m := range ms {
		if m.of == "" {
			out = append(out, m)
			continue
		}
		k := festivalKey(m.of)
		i, ok := at[k]
		if !ok {
			at[k] = len(out)
			out = append(out, m)
			continue
		}
		keep, drop := out[i], m
		if festivalKey(m.name) == k && festivalKey(keep.name) != k {
			// m is written as the festival itself, the other as a section.
			keep, drop = m, keep
			out[i] = m
		}
		if keep.year == 0 {
			keep.year = drop.year
		}
		if keep.award == "" {
			keep.award = drop.award
		}
		if festivalResultRank[drop.result] > festivalResultRank[keep.result] {
			keep.result = drop.result
		}
	}
	return out
}

// futureBefore reports whether a word before token k of s says what
// follows is to come ("will", "upcoming", a verb of the upcoming kind).
func futureBefore(s *sentence, k int) bool {
	for i := k - 1; i >= 0; i-- {
		switch s.tokens[i].norm {
		case "will", "shall", "'ll", "upcoming", "forthcoming":
			return true
		}
		if m, ok := s.entryAt(i, lcVerb); ok && m.entry.value == "upcoming" {
			return true
		}
	}
	return false
}

// festivalKey folds a festival's name to what identifies it: without
// "the", "film", "festival", "international", "fest" or "de"
// ("Venice" is "the Venice Film Festival").
func festivalKey(s string) string {
	var keep []string
	for _, w := range strings.Fields(nameKey(s)) {
		switch w {
		case "the", "film", "festival", "international", "fest", "de":
			continue
		}
		keep = append(keep, w)
	}
	return strings.Join(keep, " ")
}

// festivalResultRank orders what a text may say of a film at a festival:
// a prize won outranks a nomination or competition, which outranks a
// screening.
var festivalResultRank = map[string]int{"screened": 1, "pending": 2, "nominated": 2, "won": 3}
