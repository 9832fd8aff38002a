package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

var (
	coordFestivalsRE = regexp.MustCompile(`\b((?:[A-Z][\w’'-]+,?\s+)+and\s+[A-Z][\w’'-]+)\s+(?:international\s+)?film\s+festivals\b`)
	festYearBeforeRE = regexp.MustCompile(`((?:18|19|20|21)\d{2})(?:['’]s)?\s+(?:edition\s+of\s+(?:the\s+)?)?$`)
	// "Cannes 2021", "Venice Film Festival in 2023", "Sundance, in
	// January 2022".
	festYearAfterRE = regexp.MustCompile(`^,?\s+(?:(?:back\s+)?in\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+)?((?:19|20|21)\d{2})\b`)
	festListSplitRE = regexp.MustCompile(`,?\s+and\s+|,\s+`)
)

// festivalIndex maps folded aliases to canonical festival names.
func newFestivalIndex() map[string]string {
	idx := map[string]string{}
	for _, f := range festivals {
		for _, al := range f.aliases {
			idx[catalog.FoldText(al)] = f.name
		}
	}
	return idx
}

// canonicalFestival names a festival mention: a known alias gives the
// canonical name; "X Film Festival" stays as written.
func (x *Extractor) canonicalFestival(text string) string {
	text = strings.TrimPrefix(strings.TrimSpace(text), "The ")
	if n, ok := x.festivalIndex[catalog.FoldText(text)]; ok {
		return n
	}
	for _, word := range strings.Fields(text) {
		if n, ok := x.festivalIndex[catalog.FoldText(word)]; ok && strings.HasSuffix(text, "Festival") {
			return n
		}
	}
	return text
}

// festivalMentions returns the festivals a sentence names with their
// canonical names and years, splitting "the Venice and Locarno film
// festivals" into two.
func (a *analysis) festivalMentions(s *sent) []mention {
	var out []mention
	for _, m := range s.mentionsOf(mFestival) {
		m.value = a.x.canonicalFestival(m.text)
		m.year = a.festivalYear(s, m.span)
		out = append(out, m)
	}
	sub := a.text[s.start:s.end]
	var coord [][]int
	if strings.Contains(sub, "festivals") {
		coord = coordFestivalsRE.FindAllStringSubmatchIndex(sub, -1)
	}
	for _, idx := range coord {
		list := sub[idx[2]:idx[3]]
		for _, part := range festListSplitRE.Split(list, -1) {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			name := a.x.canonicalFestival(part + " Film Festival")
			out = append(out, mention{span: span{s.start + idx[2], s.start + idx[1]}, kind: mFestival, text: part + " Film Festival", value: name})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// festivalYear reads "2021's Cannes", "the 2023 Cannes Film Festival" or
// "Cannes 2021".
func (a *analysis) festivalYear(s *sent, m span) int {
	before := a.text[s.start:m.start]
	if mm := festYearBeforeRE.FindStringSubmatch(strings.TrimSuffix(before, "the ")); mm != nil {
		y, _ := strconv.Atoi(mm[1])
		return y
	}
	if mm := festYearAfterRE.FindStringSubmatch(a.text[m.end:s.end]); mm != nil {
		y, _ := strconv.Atoi(mm[1])
		return y
	}
	return 0
}
