package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// mentionKind is the type of an entity mention.
type mentionKind uint8

const (
	mFormat mentionKind = iota + 1
	mOrg
	mStreamer
	mFestival
	mAward
	mPrice
	mRegion
	mRuntime
	mEdition
)

// mention is an entity recognised by a pattern or gazetteer.
type mention struct {
	span
	kind mentionKind
	text string
	// value is the normalised value: a Format for formats, the canonical
	// name for festivals and awards, the region code, the runtime in
	// minutes.
	value string
	// festival is the festival an award belongs to, when known.
	festival string
	// year is a festival edition's year when the text gives it.
	year int
}

// pattern is a compiled recogniser for one kind of mention.
type pattern struct {
	re *regexp.Regexp
	// gaz, when set, replaces re: a gazetteer of literal names.
	gaz   *gazMatcher
	kind  mentionKind
	value func(m []string) string
	// reject vetoes a match by the text that follows it.
	reject func(after string) bool
	// needles: the pattern can only match text whose lower-case form
	// contains one of these (none: always try). A cheap prefilter.
	needles []string
	// need holds the word-gate bits the sentence must have.
	need uint64
	// anchors, when set, are literals every match ends with (before its
	// last word boundary), and wordsBack bounds how many words a match
	// reaches back from its anchor: re then runs only on windows around
	// the anchors instead of on every capitalized word.
	anchors   []string
	wordsBack int
	// starts, when set, are the words (lower case) every match starts
	// with: re then runs anchored at those words only (see wordAlt).
	starts *wordAlt
	// lower: re is written in lower case and runs on the ASCII-lowered
	// text (same byte offsets).
	lower bool
}

// mayMatch reports whether lower (the lower-cased text) holds a needle.
func mayMatch(needles []string, lower string) bool {
	if len(needles) == 0 {
		return true
	}
	for _, n := range needles {
		if strings.Contains(lower, n) {
			return true
		}
	}
	return false
}

// format values used inside the extractor; the label schema maps
// bluray3d to bluray.
const (
	fmtDVD        = "dvd"
	fmtBluray     = "bluray"
	fmtBluray3D   = "bluray3d"
	fmtUHD        = "uhd4k"
	fmtDigital    = "digital"
	fmtVOD        = "vod"
	fmtStreaming  = "streaming"
	fmtTheatrical = "theatrical"
)

var technicalNext = regexp.MustCompile(`^\s*(?:scan|restoration|restored|remaster|remastered|transfer|master|resolution|source|negative|film scan|intermediate|presentation|digital master|HDR)\b`)

func rejectTechnical(after string) bool { return technicalNext.MatchString(after) }

func constValue(v string) func([]string) string { return func([]string) string { return v } }

// mentionPatterns are the mention recognisers with the word gate that
// decides which of them can match a sentence.
type mentionPatterns struct {
	gate *wordGate
	list []pattern
}

// newPatterns builds the mention recognisers from the gazetteers. Each
// pattern names the words one of which must occur for it to match (see
// wordGate); patterns marked lower run on the ASCII-lowered sentence,
// which is much faster than (?i).
func newPatterns() *mentionPatterns {
	mp := &mentionPatterns{gate: newWordGate()}
	g := mp.gate
	add := func(kind mentionKind, words, expr string, lower bool, value func([]string) string, reject func(string) bool, needles ...string) {
		mp.list = append(mp.list, pattern{re: regexp.MustCompile(expr), kind: kind, value: value, reject: reject,
			needles: needles, need: g.need(words), lower: lower})
	}
	addGaz := func(kind mentionKind, gz *gazMatcher, value func([]string) string) {
		mp.list = append(mp.list, pattern{gaz: gz, kind: kind, value: value, need: g.need(gz.firstWords())})
	}
	// startsWith makes the last pattern run only at the given words.
	startsWith := func(words string) {
		last := &mp.list[len(mp.list)-1]
		last.starts = newWordAlt(last.re.String(), words)
	}
	tm := `(?:™|tm|®)?`
	add(mFormat, "4k", `\b4k(?:\s+ultra\s+hd|\s+uhd|\s+ultra)?(?:\s+blu-?ray`+tm+`)?`+tm+`(?:\s+discs?)?`, true, constValue(fmtUHD), rejectTechnical)
	startsWith("4k")
	add(mFormat, "ultra uhd uhdtm", `\b(?:ultra\s+hd|uhd)(?:\s+blu-?ray`+tm+`)?`+tm, true, constValue(fmtUHD), nil)
	startsWith("ultra uhd uhdtm")
	add(mFormat, "blu bluray bluraytm", `\b3-?d\s+blu-?ray`+tm+`|\bblu-?ray`+tm+`\s+3-?d\b`, true, constValue(fmtBluray3D), nil, "3")
	startsWith("3 3d blu bluray bluraytm")
	add(mFormat, "blu bluray bluraytm", `\bblu-?ray`+tm+`(?:\s+discs?)?`, true, constValue(fmtBluray), nil)
	startsWith("blu bluray bluraytm")
	add(mFormat, "bd", `\bBD\b`, false, constValue(fmtBluray), nil)
	startsWith("bd")
	add(mFormat, "dvd dvds", `\bDVDs?\b`, false, constValue(fmtDVD), nil)
	startsWith("dvd dvds")
	add(mFormat, "digital", `\bDigital(?:\s+HD|\s+4K)?\b`, false, constValue(fmtDigital), rejectTechnical)
	startsWith("digital")
	add(mFormat, "digital digitally", `\bdigital(?:ly)?\s+(?:release|format|download|purchase|rental|platforms?|retailers?|storefronts?|copy|code|hd)\b`, true, constValue(fmtDigital), nil)
	startsWith("digital digitally")
	add(mFormat, "digital", `\bon\s+digital\b`, false, constValue(fmtDigital), nil)
	startsWith("on")
	add(mFormat, "demand vod pvod", `(?i)\bon[ -]demand\b|\bP?VOD\b|(?i:video[ -]on[ -]demand)`, false, constValue(fmtVOD), nil)
	startsWith("on vod pvod video")
	add(mFormat, "streaming stream streams", `\bstreaming\b|\bstreams?\s+(?:on|exclusively)\b`, true, constValue(fmtStreaming), nil)
	startsWith("streaming stream streams")
	add(mFormat, "theatrical theatrically theaters theatres cinemas limited wide", `\btheatrical(?:ly)?\s+(?:run|release|debut|engagement|premiere|rollout|bow|window)s?\b|\bin\s+(?:theaters|theatres|cinemas)\b|\btheatrically\b|\b(?:limited|wide)\s+(?:theatrical\s+)?release\b|\bhits?\s+(?:theaters|theatres|cinemas)\b`, true, constValue(fmtTheatrical), nil)
	startsWith("theatrical theatrically in limited wide hit hits")

	whole := func(m []string) string { return m[0] }
	addGaz(mStreamer, newGazMatcher(streamers, false, nil), whole)
	addGaz(mOrg, newGazMatcher(labelNames, false, orgSuffixes), whole)
	anchored := func(wordsBack int, anchors ...string) {
		mp.list[len(mp.list)-1].anchors = anchors
		mp.list[len(mp.list)-1].wordsBack = wordsBack
	}
	add(mOrg, "entertainment video releasing distribution records", `\b(?:[A-Z][\w!&.’'-]*\s+){1,3}(?:`+alternation(genericOrgSuffixes)+`)\b`, false, whole, nil)
	anchored(4, "Entertainment", "Video", "Releasing", "Distribution", "Records")

	var festAliases []string
	for _, f := range festivals {
		festAliases = append(festAliases, f.aliases...)
	}
	addGaz(mFestival, newGazMatcher(festAliases, true, nil), nil)
	add(mFestival, "festival", `\b(?:[A-Z][\w’'.-]*\s+){1,4}(?:International\s+)?Film\s+Festival\b`, false, nil, nil)
	anchored(7, "Festival")

	var awardNames []string
	for a := range festivalAwards {
		awardNames = append(awardNames, a)
	}
	addGaz(mAward, newGazMatcher(awardNames, false, nil), nil)
	addGaz(mAward, newGazMatcher(otherAwards, true, nil), nil)

	add(mPrice, "", `(?:US|CA|AU)?\$\s?\d{1,4}(?:\.\d{2})?|£\s?\d{1,4}(?:\.\d{2})?|€\s?\d{1,4}(?:[.,]\d{2})?`, false, func(m []string) string { return strings.ReplaceAll(m[0], " ", "") }, nil, "$", "£", "€")
	add(mRuntime, "min mins minute minutes", `\b\d{1,3}[- ](?:minutes?|mins?\b\.?)`, false, whole, nil)
	add(mRegion, "us u uk united canada australia germany france japan italy spain region", `\b(?:in|for|to)\s+the\s+(?:US|U\.S\.|UK|U\.K\.|United States|United Kingdom)\b|\bin\s+(?:Canada|Australia|Germany|France|Japan|Italy|Spain)\b|\bRegion\s+(?:[ABC1-6](?:/[ABC1-6])*|Free|0)\b`, false, regionValue, nil)
	startsWith("in for to region")
	add(mEdition, "edition steelbook set", `\b(?:[A-Z0-9][\w’'!-]*\s+){1,4}(?:Edition|SteelBook|Steelbook|Box Set|Set)\b`, false, whole, nil)
	anchored(5, "Edition", "SteelBook", "Steelbook", "Set")
	return mp
}

// findInWindows runs p.re on the windows of s around p's anchors: from
// wordsBack words before an anchor (a start after white space, so \b
// reads as in s) to one byte past the word that holds it (so a final \b
// reads as in s). Overlapping windows merge, so the matches are those of
// the whole text.
func findInWindows(p pattern, s string) [][]int {
	var wins [][2]int
	for _, a := range p.anchors {
		for off := 0; ; {
			i := strings.Index(s[off:], a)
			if i < 0 {
				break
			}
			i += off
			end := i + len(a)
			for end < len(s) && isWordByte(s[end]) {
				end++
			}
			end = min(len(s), end+1)
			start, words := i, 0
			for start > 0 && words <= p.wordsBack {
				start--
				if isRegexpSpace(s[start]) && start+1 < len(s) && !isRegexpSpace(s[start+1]) {
					words++
				}
			}
			if start > 0 {
				start++ // just after the white space
			}
			wins = append(wins, [2]int{start, end})
			off = i + len(a)
		}
	}
	if len(wins) == 0 {
		return nil
	}
	sort.Slice(wins, func(i, j int) bool { return wins[i][0] < wins[j][0] })
	merged := wins[:1]
	for _, w := range wins[1:] {
		if last := &merged[len(merged)-1]; w[0] <= last[1] {
			last[1] = max(last[1], w[1])
		} else {
			merged = append(merged, w)
		}
	}
	var out [][]int
	for _, w := range merged {
		for _, idx := range p.re.FindAllStringSubmatchIndex(s[w[0]:w[1]], -1) {
			for k := range idx {
				if idx[k] >= 0 {
					idx[k] += w[0]
				}
			}
			out = append(out, idx)
		}
	}
	return out
}

// regionValue normalises a region phrase: "in the UK" is "UK".
func regionValue(m []string) string {
	s := m[0]
	for _, p := range []string{"in the ", "for the ", "to the ", "in "} {
		s = strings.TrimPrefix(s, p)
	}
	switch s {
	case "U.S.", "United States":
		return "US"
	case "U.K.", "United Kingdom":
		return "UK"
	}
	return s
}

// alternation quotes names for a regexp, longest first so the longest
// name wins.
func alternation(names []string) string {
	sorted := append([]string(nil), names...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i]) > len(sorted[j]) })
	q := make([]string, len(sorted))
	for i, n := range sorted {
		q[i] = regexp.QuoteMeta(n)
	}
	return strings.Join(q, "|")
}

// findMentions runs every pattern over text[s] and keeps the longest of
// overlapping matches (earlier patterns win ties).
func findMentions(mp *mentionPatterns, text string, s span) []mention {
	sub := text[s.start:s.end]
	lower := asciiLower(sub)
	words := mp.gate.scan(lower)
	var all []mention
	var spans [][2]int
	for _, p := range mp.list {
		if words&p.need != p.need || !mayMatch(p.needles, lower) {
			continue
		}
		var found [][]int
		if p.gaz != nil {
			for _, g := range p.gaz.findAll(sub) {
				found = append(found, []int{g[0], g[1]})
			}
		} else {
			in := sub
			if p.lower {
				in = lower
			}
			switch {
			case p.starts != nil:
				if spans == nil {
					spans = wordSpans(lower)
				}
				found = p.starts.findAllAt(in, lower, spans)
			case len(p.anchors) > 0:
				found = findInWindows(p, in)
			default:
				found = p.re.FindAllStringSubmatchIndex(in, -1)
			}
		}
		for _, idx := range found {
			m := submatches(sub, idx)
			end := idx[1]
			if end < len(sub) {
				if r, _ := utf8.DecodeRuneInString(sub[end:]); unicode.IsLetter(r) && p.kind != mRegion {
					continue
				}
			}
			if p.reject != nil && p.reject(sub[end:]) {
				continue
			}
			mt := mention{span: span{s.start + idx[0], s.start + end}, kind: p.kind, text: m[0]}
			if p.value != nil {
				mt.value = p.value(m)
			}
			all = append(all, mt)
		}
	}
	// Editions and regions may overlap the rest and each other ("the
	// Region B Limited Edition").
	var hard, editions, regions []mention
	for _, m := range all {
		switch m.kind {
		case mEdition:
			editions = append(editions, m)
		case mRegion:
			regions = append(regions, m)
		default:
			hard = append(hard, m)
		}
	}
	out := append(longestMentions(hard), longestMentions(editions)...)
	out = append(out, longestMentions(regions)...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// longestMentions keeps the longest of overlapping mentions.
func longestMentions(all []mention) []mention {
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].len() > all[j].len()
	})
	var out []mention
	for _, m := range all {
		if n := len(out); n > 0 && m.start < out[n-1].end {
			if m.end > out[n-1].end && m.len() > out[n-1].len() {
				out[n-1] = m
			}
			continue
		}
		out = append(out, m)
	}
	return out
}
