package evaluate

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

// FactTypes are the scored fact types, in report order.
var FactTypes = []string{"film", "director", "writer", "cast", "character", "release", "label", "extra", "commentator", "festival"}

// Counts are true positives, false positives and false negatives.
type Counts struct {
	TP, FP, FN int
}

// Add adds o to c.
func (c *Counts) Add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Precision is TP/(TP+FP), 1 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 1 when there was nothing to find.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Report holds the counts of each fact type.
type Report struct {
	ByType map[string]Counts
}

// NewReport returns an empty report.
func NewReport() Report {
	r := Report{ByType: map[string]Counts{}}
	for _, t := range FactTypes {
		r.ByType[t] = Counts{}
	}
	return r
}

// Add adds o's counts to r.
func (r Report) Add(o Report) {
	for t, c := range o.ByType {
		cur := r.ByType[t]
		cur.Add(c)
		r.ByType[t] = cur
	}
}

// Micro returns the counts summed over all fact types.
func (r Report) Micro() Counts {
	var total Counts
	for _, t := range FactTypes {
		total.Add(r.ByType[t])
	}
	return total
}

// tuple is one scored fact: the film it belongs to and its fields.
type tuple struct {
	film   int
	fields []string
	// nameField is the index of a person's name among fields (-1 for
	// none); names also match as bare surnames.
	nameField int
}

// Score compares predicted labels with gold labels for one article.
// Films are aligned by normalised title; every other fact is a tuple
// keyed by its film, matched one to one.
func Score(gold, pred extract.Labels) Report {
	rep := NewReport()
	align := alignFilms(gold.Titles, pred.Titles)
	matched := 0
	for _, g := range align {
		if g >= 0 {
			matched++
		}
	}
	rep.ByType["film"] = Counts{TP: matched, FP: len(pred.Titles) - matched, FN: len(gold.Titles) - matched}
	goldID := func(i int) int { return i }
	predID := func(i int) int {
		if align[i] >= 0 {
			return align[i]
		}
		return len(gold.Titles) + i
	}
	for _, typ := range FactTypes[1:] {
		gt := tuples(typ, gold.Titles, goldID)
		pt := tuples(typ, pred.Titles, predID)
		rep.ByType[typ] = matchTuples(gt, pt)
	}
	return rep
}

// alignFilms maps each predicted title to the index of the gold title it
// is paired with, or -1. Titles are paired one to one: equal normalised
// titles first, then a title that starts the other at a word boundary and
// covers at least 60% of it ("Jurassic World: Fallen Kingdom" ~ "Jurassic
// World: Fallen Kingdom 4K Ultra HD", but "Saw II" is not "Saw III").
func alignFilms(gold, pred []extract.LabelTitle) []int {
	used := make([]bool, len(gold))
	out := make([]int, len(pred))
	gn := make([]string, len(gold))
	for j, g := range gold {
		gn[j] = normTitle(g.Title)
	}
	pn := make([]string, len(pred))
	for i, p := range pred {
		out[i] = -1
		pn[i] = normTitle(p.Title)
	}
	for _, match := range []func(a, b string) bool{
		func(a, b string) bool { return a == b },
		titlePrefixMatch,
	} {
		for i := range pred {
			if out[i] >= 0 {
				continue
			}
			for j := range gold {
				if !used[j] && match(gn[j], pn[i]) {
					used[j], out[i] = true, j
					break
				}
			}
		}
	}
	return out
}

// titlePrefixMatch reports whether one normalised title starts the other
// at a word boundary and covers at least 60% of it (in runes).
func titlePrefixMatch(a, b string) bool {
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	if short == "" || !strings.HasPrefix(long, short) || (len(long) > len(short) && long[len(short)] != ' ') {
		return false
	}
	return 10*utf8.RuneCountInString(short) >= 6*utf8.RuneCountInString(long)
}

// tuples lists the facts of one type.
func tuples(typ string, titles []extract.LabelTitle, id func(int) int) []tuple {
	var out []tuple
	for i, t := range titles {
		f := id(i)
		add := func(nameField int, fields ...string) {
			out = append(out, tuple{film: f, fields: fields, nameField: nameField})
		}
		switch typ {
		case "director":
			for _, n := range t.Directors {
				add(0, n)
			}
		case "writer":
			for _, n := range t.Writers {
				add(0, n)
			}
		case "cast":
			for _, c := range t.Cast {
				add(0, c.Name)
			}
		case "character":
			for _, c := range t.Cast {
				if c.Character != nil {
					add(0, c.Name, normText(*c.Character))
				}
			}
		case "release":
			for _, r := range t.Releases {
				add(-1, str(r.Format), str(r.Date))
			}
		case "label":
			for _, r := range t.Releases {
				if r.Label != nil {
					add(-1, str(r.Format), normLabel(*r.Label))
				}
			}
		case "extra":
			for _, e := range t.Extras {
				if e.Title != nil && normExtraTitle(*e.Title) != "" {
					add(-1, "title:"+normExtraTitle(*e.Title))
				} else {
					add(-1, "kind:"+e.Kind)
				}
			}
		case "commentator":
			for _, e := range t.Extras {
				if e.Kind != "audio_commentary" {
					continue
				}
				for _, p := range e.Participants {
					if p.Name != nil {
						add(0, *p.Name)
					}
				}
			}
		case "festival":
			for _, fe := range t.Festivals {
				year := ""
				if fe.Year != nil {
					year = itoa(*fe.Year)
				}
				add(-1, normFestival(fe.Name), year)
			}
		}
	}
	return out
}

// matchTuples pairs gold and predicted tuples one to one.
func matchTuples(gold, pred []tuple) Counts {
	c, _, _ := pairTuples(gold, pred)
	return c
}

// pairTuples pairs gold and predicted tuples one to one and returns the
// counts with the unmatched gold (missed) and predicted (spurious)
// tuples.
func pairTuples(gold, pred []tuple) (Counts, []tuple, []tuple) {
	used := make([]bool, len(pred))
	var c Counts
	var missed, spurious []tuple
	for _, g := range gold {
		found := false
		for i, p := range pred {
			if !used[i] && tupleMatch(g, p) {
				used[i], found = true, true
				break
			}
		}
		if found {
			c.TP++
		} else {
			c.FN++
			missed = append(missed, g)
		}
	}
	for i, p := range pred {
		if !used[i] {
			spurious = append(spurious, p)
		}
	}
	c.FP = len(pred) - c.TP
	return c, missed, spurious
}

// Diff lists the facts of one article that were missed ("- ") or
// spurious ("+ "), for inspecting an extractor's errors.
func Diff(gold, pred extract.Labels) []string {
	var out []string
	align := alignFilms(gold.Titles, pred.Titles)
	name := func(id int) string {
		if id < len(gold.Titles) {
			return gold.Titles[id].Title
		}
		return pred.Titles[id-len(gold.Titles)].Title + " (unmatched)"
	}
	predID := func(i int) int {
		if align[i] >= 0 {
			return align[i]
		}
		return len(gold.Titles) + i
	}
	hit := map[int]bool{}
	for i, g := range align {
		if g >= 0 {
			hit[g] = true
		} else {
			out = append(out, "+ film "+pred.Titles[i].Title)
		}
	}
	for j, g := range gold.Titles {
		if !hit[j] {
			out = append(out, "- film "+g.Title)
		}
	}
	for _, typ := range FactTypes[1:] {
		_, missed, spurious := pairTuples(tuples(typ, gold.Titles, func(i int) int { return i }), tuples(typ, pred.Titles, predID))
		for _, t := range missed {
			out = append(out, "- "+typ+" "+name(t.film)+": "+strings.Join(t.fields, " | "))
		}
		for _, t := range spurious {
			out = append(out, "+ "+typ+" "+name(t.film)+": "+strings.Join(t.fields, " | "))
		}
	}
	return out
}

func tupleMatch(g, p tuple) bool {
	if g.film != p.film || len(g.fields) != len(p.fields) {
		return false
	}
	for i := range g.fields {
		if i == g.nameField {
			if !NamesMatch(g.fields[i], p.fields[i]) {
				return false
			}
			continue
		}
		if g.fields[i] != p.fields[i] {
			return false
		}
	}
	return true
}

// NamesMatch reports whether two person names refer to the same person:
// equal after folding case, accents and punctuation, or one is the other's
// bare surname ("Baker" ~ "Sean Baker").
func NamesMatch(a, b string) bool {
	na, nb := normText(a), normText(b)
	if na == "" || nb == "" {
		return false
	}
	if na == nb {
		return true
	}
	return isSurnameOf(na, nb) || isSurnameOf(nb, na)
}

func isSurnameOf(short, full string) bool {
	if strings.Contains(short, " ") {
		return false
	}
	f := strings.Fields(full)
	return len(f) > 1 && f[len(f)-1] == short
}

// normText folds case and accents, turns punctuation into spaces and
// collapses white space.
func normText(s string) string {
	s = catalog.FoldText(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '.':
			// "Palme d’Or" ~ "Palme d'Or", "J.A." ~ "JA"
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// normTitle normalises a film title: folded like normText, without a
// leading article; "vs"/"versus" match "v".
func normTitle(s string) string {
	words := strings.Fields(normText(s))
	if len(words) > 1 && (words[0] == "the" || words[0] == "a" || words[0] == "an") {
		words = words[1:]
	}
	for i, w := range words {
		if w == "vs" || w == "versus" {
			words[i] = "v"
		}
	}
	return strings.Join(words, " ")
}

// normLabel ignores a leading "The": "The Criterion Collection" ~
// "Criterion Collection".
func normLabel(s string) string { return strings.TrimPrefix(normText(s), "the ") }

// extraLeadWords are dropped from the start of extra titles: articles,
// quantities and "new", which labels write inconsistently.
var extraLeadWords = map[string]bool{
	"the": true, "a": true, "an": true, "new": true, "brand": true, "all": true, "two": true, "three": true,
	"four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true,
	"at": true, "least": true, "some": true, "several": true,
}

func normExtraTitle(s string) string {
	words := strings.Fields(normText(s))
	for len(words) > 0 && (extraLeadWords[words[0]] || isDigits(words[0])) {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// festivalNoise are words festival names are written with or without.
var festivalNoise = map[string]bool{"the": true, "film": true, "festival": true, "international": true, "fest": true, "de": true}

func normFestival(s string) string {
	var keep []string
	for _, w := range strings.Fields(normText(s)) {
		if !festivalNoise[w] && !isDigits(w) {
			keep = append(keep, w)
		}
	}
	return strings.Join(keep, " ")
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}
