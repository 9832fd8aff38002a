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
	re    *regexp.Regexp
	kind  mentionKind
	value func(m []string) string
	// reject vetoes a match by the text that follows it.
	reject func(after string) bool
	// needles: the pattern can only match text whose lower-case form
	// contains one of these (none: always try). A cheap prefilter.
	needles []string
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

// firstWords returns the distinct lower-case first words of names, the
// needles of a gazetteer pattern.
func firstWordsOf(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		w := strings.ToLower(strings.Fields(n)[0])
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
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

// newPatterns builds the mention recognisers from the gazetteers.
func newPatterns() []pattern {
	var ps []pattern
	add := func(kind mentionKind, expr string, value func([]string) string, reject func(string) bool, needles ...string) {
		ps = append(ps, pattern{re: regexp.MustCompile(expr), kind: kind, value: value, reject: reject, needles: needles})
	}
	tm := `(?:™|TM|®)?`
	add(mFormat, `(?i)\b4K(?:\s+Ultra\s+HD|\s+UHD|\s+Ultra)?(?:\s+Blu-?ray`+tm+`)?`+tm+`(?:\s+discs?)?`, constValue(fmtUHD), rejectTechnical, "4k")
	add(mFormat, `(?i)\b(?:Ultra\s+HD|UHD)(?:\s+Blu-?ray`+tm+`)?`+tm, constValue(fmtUHD), nil, "ultra hd", "uhd")
	add(mFormat, `(?i)\b3-?D\s+Blu-?ray`+tm+`|\bBlu-?ray`+tm+`\s+3-?D\b`, constValue(fmtBluray3D), nil, "3d", "3-d")
	add(mFormat, `(?i)\bBlu-?ray`+tm+`(?:\s+discs?)?`, constValue(fmtBluray), nil, "blu")
	add(mFormat, `\bBD\b`, constValue(fmtBluray), nil, "bd")
	add(mFormat, `\bDVDs?\b`, constValue(fmtDVD), nil, "dvd")
	add(mFormat, `\bDigital(?:\s+HD|\s+4K)?\b`, constValue(fmtDigital), rejectTechnical, "digital")
	add(mFormat, `(?i)\bdigital(?:ly)?\s+(?:release|format|download|purchase|rental|platforms?|retailers?|storefronts?|copy|code|HD)\b`, constValue(fmtDigital), nil, "digital")
	add(mFormat, `\bon\s+digital\b`, constValue(fmtDigital), nil, "digital")
	add(mFormat, `(?i)\bon[ -]demand\b|\bP?VOD\b|(?i:video[ -]on[ -]demand)`, constValue(fmtVOD), nil, "demand", "vod")
	add(mFormat, `(?i)\bstreaming\b|\bstreams?\s+(?:on|exclusively)\b`, constValue(fmtStreaming), nil, "stream")
	add(mFormat, `(?i)\btheatrical(?:ly)?\s+(?:run|release|debut|engagement|premiere|rollout|bow|window)s?\b|\bin\s+(?:theaters|theatres|cinemas)\b|\btheatrically\b|\b(?:limited|wide)\s+(?:theatrical\s+)?release\b|\bhits?\s+(?:theaters|theatres|cinemas)\b`, constValue(fmtTheatrical), nil, "theat", "cinema", "release")

	add(mStreamer, `\b(?:`+alternation(streamers)+`)`, func(m []string) string { return m[0] }, nil, firstWordsOf(streamers)...)
	add(mOrg, `\b(?:`+alternation(labelNames)+`)(?:\s+(?:`+alternation(orgSuffixes)+`))?`, func(m []string) string { return m[0] }, nil, firstWordsOf(labelNames)...)
	add(mOrg, `\b(?:[A-Z][\w!&.’'-]*\s+){1,3}(?:`+alternation(genericOrgSuffixes)+`)\b`, func(m []string) string { return m[0] }, nil, "entertainment", "video", "releasing", "distribution", "records")

	var festAliases []string
	for _, f := range festivals {
		festAliases = append(festAliases, f.aliases...)
	}
	add(mFestival, `\b(?:`+alternation(festAliases)+`)\b`, nil, nil, firstWordsOf(festAliases)...)
	add(mFestival, `\b(?:[A-Z][\w’'.-]*\s+){1,4}(?:International\s+)?Film\s+Festival\b`, nil, nil, "festival")

	var awardNames []string
	for a := range festivalAwards {
		awardNames = append(awardNames, a)
	}
	add(mAward, `\b(?:`+alternation(awardNames)+`)`, nil, nil, firstWordsOf(awardNames)...)
	add(mAward, `\b(?:`+alternation(otherAwards)+`)\b`, nil, nil, firstWordsOf(otherAwards)...)

	add(mPrice, `(?:US|CA|AU)?\$\s?\d{1,4}(?:\.\d{2})?|£\s?\d{1,4}(?:\.\d{2})?|€\s?\d{1,4}(?:[.,]\d{2})?`, func(m []string) string { return strings.ReplaceAll(m[0], " ", "") }, nil, "$", "£", "€")
	add(mRuntime, `\b\d{1,3}[- ](?:minutes?|mins?\b\.?)`, func(m []string) string { return m[0] }, nil, "min")
	add(mRegion, `\b(?:in|for|to)\s+the\s+(?:US|U\.S\.|UK|U\.K\.|United States|United Kingdom)\b|\bin\s+(?:Canada|Australia|Germany|France|Japan|Italy|Spain)\b|\bRegion\s+(?:[ABC1-6](?:/[ABC1-6])*|Free|0)\b`, regionValue, nil, " us", " uk", "u.s.", "u.k.", "united", "region", "canada", "australia", "germany", "france", "japan", "italy", "spain")
	add(mEdition, `\b(?:[A-Z0-9][\w’'!-]*\s+){1,4}(?:Edition|SteelBook|Steelbook|Box Set|Set)\b`, func(m []string) string { return m[0] }, nil, "edition", "steelbook", "set")
	return ps
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
func findMentions(ps []pattern, text string, s span) []mention {
	sub := text[s.start:s.end]
	lower := strings.ToLower(sub)
	var all []mention
	for _, p := range ps {
		if !mayMatch(p.needles, lower) {
			continue
		}
		for _, idx := range p.re.FindAllStringSubmatchIndex(sub, -1) {
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
	var hard, soft []mention
	for _, m := range all {
		if m.kind == mEdition || m.kind == mRegion {
			soft = append(soft, m)
		} else {
			hard = append(hard, m)
		}
	}
	out := append(longestMentions(hard), longestMentions(soft)...)
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
