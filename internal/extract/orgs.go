package extract

import (
	"sort"
	"strings"
)

// Labels the gazetteer does not know are found by their place in the
// sentence: a capitalized name after "from", "via" or "courtesy of" once
// the sentence has named a format ("coming to Blu-ray in March from
// Lantern Video"), or a sentence that opens with a name and a
// label's verb ("Lantern Video has announced ...", "Lantern Video will
// release ...").

// orgVerbs follow a label that opens a sentence.
var orgVerbs = [][]string{
	{"has", "announced"}, {"announced"}, {"announces"}, {"will", "release"}, {"is", "releasing"},
	{"releases"}, {"has", "set"}, {"sets"}, {"is", "set", "to", "release"}, {"will", "bring"},
	{"brings"}, {"is", "bringing"}, {"has", "revealed"}, {"reveals"}, {"will", "issue"}, {"issues"},
	{"presents"}, {"has", "unveiled"}, {"unveils"}, {"is", "reissuing"}, {"has", "detailed"},
	{"details"}, {"has", "acquired"}, {"has", "picked", "up"}, {"will", "distribute"},
}

// notOrgAfter: words after a label's verb that show the subject is a
// film ("Title releases on Blu-ray").
var notOrgAfter = map[string]bool{
	"on": true, "in": true, "to": true, "this": true, "next": true, "digitally": true, "theatrically": true,
	"later": true, "soon": true, "today": true, "tomorrow": true, "onto": true, "into": true, "at": true,
}

// notOrgWords never start a label's name: places, calendar words.
var notOrgWords = map[string]bool{
	"america": true, "japan": true, "france": true, "italy": true, "germany": true, "spain": true,
	"china": true, "korea": true, "hong": true, "britain": true, "australia": true, "canada": true,
	"mexico": true, "india": true, "europe": true, "hollywood": true, "us": true, "uk": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "region": true, "director": true, "writer": true,
}

// findCuedOrgs adds the labels that context names to the sentences'
// mentions.
func (a *analysis) findCuedOrgs() {
	added := false
	for _, s := range a.sents {
		var found []mention
		for k, t := range s.toks {
			start := -1
			switch {
			case t.is("from", "via") && !t.upper:
				start = k + 1
			case t.is("courtesy") && k+1 < len(s.toks) && s.toks[k+1].is("of"):
				start = k + 2
			}
			if start < 0 || !a.formatBefore(s, t.start) {
				continue
			}
			if m, ok := a.orgRun(s, start); ok {
				found = append(found, m)
			}
		}
		if m, ok := a.subjectOrg(s); ok {
			found = append(found, m)
		}
		if len(found) == 0 {
			continue
		}
		added = true
		s.mentions = append(s.mentions, found...)
		sort.SliceStable(s.mentions, func(i, j int) bool { return s.mentions[i].start < s.mentions[j].start })
		s.blocked = blockedTokens(s)
		s.runs = findRuns(a.text, s.toks, s.blocked)
		a.orgs = append(a.orgs, found...)
	}
	if added {
		sort.SliceStable(a.orgs, func(i, j int) bool { return a.orgs[i].start < a.orgs[j].start })
	}
}

// formatBefore reports whether s names a format, or uses a release
// word, before byte off.
func (a *analysis) formatBefore(s *sent, off int) bool {
	for _, m := range s.mentions {
		if m.kind == mFormat && m.end <= off && m.value != fmtTheatrical {
			return true
		}
	}
	for _, t := range s.toks {
		if t.end > off {
			break
		}
		if releaseWords[t.lower] && !t.upper {
			return true
		}
	}
	return false
}

// orgRun reads a label's name at token k: one to four capitalized words
// (with "&" between), not a person, place or date.
func (a *analysis) orgRun(s *sent, k int) (mention, bool) {
	toks := s.toks
	if k >= len(toks) || !isOrgWord(toks, s.blocked, k) || notOrgWords[toks[k].lower] || monthNumber(toks[k].text) != 0 {
		return mention{}, false
	}
	first := k
	if toks[k].is("the") {
		k++
	}
	last := -1
	for j := k; j < len(toks) && j-first < 5; j++ {
		if isOrgWord(toks, s.blocked, j) {
			last = j
			if _, poss := possessiveBase(toks[j].text); poss {
				break
			}
			continue
		}
		if toks[j].text == "&" && j+1 < len(toks) && isOrgWord(toks, s.blocked, j+1) {
			continue
		}
		break
	}
	if last < k || last-first > 4 {
		return mention{}, false
	}
	name, sp, _ := nameText(a.text, toks, first, last)
	if _, known := a.people.resolve(name); known {
		return mention{}, false
	}
	for _, c := range s.cues {
		if c.start < sp.end && sp.start < c.end {
			return mention{}, false
		}
	}
	for _, m := range s.mentions {
		if m.start < sp.end && sp.start < m.end {
			return mention{}, false
		}
	}
	return mention{span: sp, kind: mOrg, text: name, value: name}, true
}

func isOrgWord(toks []token, blocked []bool, k int) bool {
	t := toks[k]
	return !blocked[k] && t.kind == tokWord && t.upper && !titleStopWords[t.lower]
}

// subjectOrg reads "Name has announced ..." at the start of s when the
// sentence is about a release.
func (a *analysis) subjectOrg(s *sent) (mention, bool) {
	toks := s.toks
	if len(toks) < 3 || sentenceStarters[toks[0].lower] && !toks[0].is("the") {
		return mention{}, false
	}
	m, ok := a.orgRun(s, 0)
	if !ok {
		return mention{}, false
	}
	k := s.tokenAt(m.end-1) + 1
	if k <= 0 {
		return mention{}, false
	}
	if _, poss := possessiveBase(toks[k-1].text); poss {
		return mention{}, false
	}
	for _, v := range orgVerbs {
		if k+len(v) >= len(toks) {
			continue
		}
		ok := true
		for i, w := range v {
			if toks[k+i].lower != w {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		next := toks[k+len(v)]
		if notOrgAfter[next.lower] || next.kind == tokNumber {
			return mention{}, false
		}
		if len(s.mentionsOf(mFormat)) == 0 && !strings.Contains(strings.ToLower(a.text[s.start:s.end]), "release") {
			return mention{}, false
		}
		return m, true
	}
	return mention{}, false
}
