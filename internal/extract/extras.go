package extract

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
)

type extraFact struct {
	kind         catalog.ExtraKind
	title        string
	runtime      string
	vintage      catalog.ExtraVintage
	formats      []string
	participants []participant
	evidence     span
	conf         float64
}

type participant struct {
	name string
	role string
}

// kindRule maps a keyword pattern to an extra kind. Rules are tried in
// order on the head of an item.
type kindRule struct {
	re   *regexp.Regexp
	kind catalog.ExtraKind
	// anchored is re anchored at the start of the text.
	anchored *regexp.Regexp
}

// extrasVocabulary holds the compiled bonus-feature patterns.
type extrasVocabulary struct {
	kinds []kindRule
	// kindNeedles is a prefilter every kind keyword passes.
	kindNeedles *needleSet
	// kindStarts maps the first word of every kind keyword (each starts
	// at a word boundary) to the rules it may start, in rule order.
	kindStarts map[string][]int
	// technicalNeedles prefilter technical.
	technicalNeedles *needleSet
	technical        *regexp.Regexp
	intro            *wordAlt
	negation         *wordAlt
	cut              *guardedRE
	bare             map[string]bool
	expandList       *guardedRE
	count            *guardedRE
	dashLine         *regexp.Regexp
	listIntro        *regexp.Regexp
	andSplit         *regexp.Regexp
}

func newExtrasVocabulary() *extrasVocabulary {
	v := &extrasVocabulary{}
	add := func(expr string, k catalog.ExtraKind) {
		v.kinds = append(v.kinds, kindRule{regexp.MustCompile(expr), k, regexp.MustCompile(`^(?:` + expr + `)`)})
	}
	add(`\b(?:audio\s+)?commentar(?:y|ies)\b`, catalog.ExtraAudioCommentary)
	add(`\b(?:deleted|extended|alternate|unused|additional)(?:\s+and\s+(?:extended|alternate|deleted))?\s+scenes?\b|\bdeleted\s+scenes?\b`, catalog.ExtraDeletedScenes)
	add(`\bmaking[- ]of\b`, catalog.ExtraMakingOf)
	add(`\btrailers?\b|\bteasers?\b|\btv\s+spots?\b|\bradio\s+spots?\b`, catalog.ExtraTrailer)
	add(`\binterviews?\b|\bconversations?\b|\bq\s*&\s*a\b`, catalog.ExtraInterview)
	add(`\bfeaturettes?\b|\bdocumentar(?:y|ies)\b|\bclips?\b`, catalog.ExtraFeaturette)
	add(`\bgaller(?:y|ies)\b|\bstills\b`, catalog.ExtraGallery)
	add(`\bbooklets?\b|\bessays?\b|\bliner\s+notes\b`, catalog.ExtraBooklet)
	add(`\bshort\s+films?\b`, catalog.ExtraShortFilm)
	add(`\bgag\s+reels?\b|\bbloopers?\b|\bouttakes?\b|\bmusic\s+videos?\b|\bgames?\b|\bscripts?\b|\bfootage\b|\balternate\s+(?:\w+\s+)?(?:openings?|endings?|credits)\b|\bslip(?:case|cover)s?\b|\bo-card\b|\bsleeves?\b|\bartwork\b|\bposters?\b|\bpostcards?\b|\bart\s+cards?\b|\bsupplements\b|\bstoryboards?\b|\bisolated\s+score\b|\bbonus\s+material\b`, catalog.ExtraOther)
	// The kind, technical, intro and negation patterns run on
	// asciiLower text: lower-case literals are much faster than (?i).
	v.kindStarts = map[string][]int{}
	for i, words := range []string{
		"audio commentary commentaries",
		"deleted extended alternate unused additional",
		"making",
		"trailer trailers teaser teasers tv radio",
		"interview interviews conversation conversations q",
		"featurette featurettes documentary documentaries clip clips",
		"gallery galleries stills",
		"booklet booklets essay essays liner",
		"short",
		"gag blooper bloopers outtake outtakes music game games script scripts footage alternate slipcase slipcases slipcover slipcovers o sleeve sleeves artwork poster posters postcard postcards art supplements storyboard storyboards isolated bonus",
	} {
		for _, w := range strings.Fields(words) {
			v.kindStarts[w] = append(v.kindStarts[w], i)
		}
	}
	v.kindNeedles = newNeedleSet(append([]string{"&"}, extrasNeedles...)...)
	v.technicalNeedles = newNeedleSet("restor", "master", "transfer", "scan", "presentation", "0p", "1p", "2p", "3p", "4p", "5p", "6p", "7p", "8p", "9p",
		"hdr", "dolby", "dts", "atmos", "surround", "soundtrack", "subtitle", "sdh", "mono", "stereo", "lpcm", "aspect",
		"uncompressed", "definition", "version", "cut", "seamless")
	v.technical = regexp.MustCompile(`\b(?:restoration|restored|remaster(?:ed)?|transfer|scan|presentation|\d{3,4}p|hdr\d*|dolby|dts|atmos|surround|soundtrack|subtitles?|sdh|mono|stereo|lpcm|aspect\s+ratio|uncompressed|high[- ]definition|master|versions?|cuts?|seamless\s+branching)\b`)
	v.intro = newWordAlt(`\b(?:extras?\s+(?:will\s+)?include|(?:bonus|special)\s+features\s+(?:will\s+)?include|supplements\s+include|also\s+included\s+(?:are|is|will\s+be)|includes?|included|including|features|feature|contains?|offers?|boasts?|comes?\s+with|will\s+(?:arrive|come)\s+with|arrives?\s+with|expect|will\s+have|packed\s+with|loaded\s+with|featuring)\b`,
		"extra extras bonus special supplements also includes include included including features feature contains contain offers offer boasts boast comes come will arrives arrive expect packed loaded featuring")
	v.negation = newWordAlt(`\b(?:don['’]t|won['’]t|doesn['’]t|isn['’]t|aren['’]t|not|never|without|no)\b`, "don won doesn isn aren not never without no")
	v.cut = guard(regexp.MustCompile(`\s+(?:(?i:with|by|featuring|from|that|that['’]ll|which|who|made|discussing|including|in\s+which|interviewing)\b|of\s+(?:actors?|actress(?:es)?|the\s+cast|director|[A-Z])).*$|\s*[\[(].*$`),
		"with", "by", "featuring", "from", "that", "which", "who", "made", "discussing", "including", "interviewing", "of", "[", "(")
	v.bare = map[string]bool{}
	for _, b := range []string{"commentary", "commentaries", "commentary track", "commentary tracks", "audio commentary", "audio commentaries",
		"featurette", "featurettes", "interview", "interviews", "making-of", "making of", "deleted scene", "deleted scenes",
		"trailer", "trailers", "gallery", "galleries", "booklet", "making-of featurette", "making of featurette", "extras", "bonus features", "special features", "clip", "clips"} {
		v.bare[b] = true
	}
	v.expandList = guard(regexp.MustCompile(`(?i)^(?:(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+)?(?:\S+\s+){0,3}?(featurettes|trailers|interviews|shorts|short\s+films|documentaries|galleries|clips)\s*\(([^)]+)\)`), "(")
	v.count = guard(regexp.MustCompile(`(?i)^(two|three|four|five|\d)\s+(?:\S+\s+)?(?:audio\s+)?commentar(?:ies|y\s+tracks)\b`), "commentar")
	v.dashLine = regexp.MustCompile(`^(\S.{0,80}?)\s+[–—-]\s+(.+)$`)
	v.listIntro = regexp.MustCompile(`(?i)(?:bonus\s+features|extras|special\s+features|supplements|bonus\s+material)[^:]*:\s*$`)
	v.andSplit = regexp.MustCompile(`(?i)\s+(?:and|&)\s+`)
	return v
}

// leadingPhrases are the quantity and determiner phrases that may start
// a listed feature (the alternatives of leadingRE in the tests), as
// lower-case words; "#" stands for a number and "’s" words accept
// either apostrophe.
var leadingPhrases = func() [][]string {
	var out [][]string
	for _, p := range []string{"lots of", "a number of", "a couple of", "a pair of", "a series of",
		"over an hour's worth of", "an hour's worth of", "at least", "more than", "nothing more than",
		"the film's", "the movie's", "cast and crew", "and", "or", "plus", "as well as", "also", "a", "an",
		"the", "its", "their", "his", "her", "this", "these", "those", "some", "several", "many", "both",
		"all", "every", "each", "first", "second", "third", "another", "brand-new", "brand new", "all-new",
		"all new", "new", "exclusive", "archival", "vintage", "legacy", "additional", "bonus", "optional",
		"#", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"} {
		out = append(out, strings.Fields(p))
	}
	return out
}()

// leadingOf returns the quantity and determiner words that start an
// item ("two new", "a couple of "), found word by word. Each phrase must be followed by white space, and
// at each step the first phrase in leadingPhrases order wins.
func (v *extrasVocabulary) leadingOf(s string) string {
	// Words and where the white space after each ends.
	type word struct {
		text string
		next int // offset after the white space following the word (-1: none)
	}
	var buf [16]word
	words := buf[:0]
	for i := 0; i < len(s) && len(words) < len(buf); {
		j := i
		for j < len(s) && !isRegexpSpace(s[j]) {
			j++
		}
		k := j
		for k < len(s) && isRegexpSpace(s[k]) {
			k++
		}
		w := word{text: s[i:j], next: -1}
		if k > j {
			w.next = k
		}
		words = append(words, w)
		if k == j {
			break
		}
		i = k
	}
	end, at := 0, 0
	for at < len(words) {
		matched := false
		for _, ph := range leadingPhrases {
			if at+len(ph) > len(words) || words[at+len(ph)-1].next < 0 {
				continue
			}
			ok := true
			for i, pw := range ph {
				if !leadingWordIs(words[at+i].text, pw) {
					ok = false
					break
				}
			}
			if ok {
				end = words[at+len(ph)-1].next
				at += len(ph)
				matched = true
				break
			}
		}
		if !matched {
			break
		}
	}
	return s[:end]
}

// leadingWordIs compares a word of an item with a word of leadingPhrases
// case-insensitively.
func leadingWordIs(w, pw string) bool {
	switch {
	case pw == "#":
		return isDigits(w)
	case strings.HasSuffix(pw, "'s"):
		base := pw[:len(pw)-2]
		return strings.EqualFold(w, base+"'s") || strings.EqualFold(w, base+"’s")
	}
	return strings.EqualFold(w, pw)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// findRuntime returns the first runtime ("12 minutes", "8:30") in s.
func findRuntime(s string) string {
	if !strings.Contains(s, "min") && strings.IndexByte(s, ':') < 0 {
		return ""
	}
	return runtimeRE.FindString(s)
}

var runtimeRE = regexp.MustCompile(`\b\d{1,3}[- ]?(?:minutes?|mins?)\b|\b\d{1,2}:\d{2}\b`)

var numberWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5}

// extras reads the bonus features a sentence lists.
func (c *factContext) extras() {
	v := c.a.x.extras
	s := c.s
	body := c.a.text[s.start:s.end]
	lower := asciiLower(body)
	first := firstKeyword(v, lower)
	if first == nil {
		return
	}
	start := 0
	if !s.listItem {
		loc := firstIntro(v.intro, lower)
		if loc == nil || first == nil || loc[0] > first[0] && !quotedBefore(body, first[0]) {
			return
		}
		start = loc[1]
		if neg := v.negation.FindStringIndex(lower); neg != nil && neg[0] < first[0] && !strings.Contains(lower, "nothing more than") {
			return
		}
	} else if v.isTechnical(lower) && !v.kinds[0].re.MatchString(lower) {
		return
	}
	if c.filmsNamedAfter(s.start+start) >= 2 {
		return
	}
	f := c.filmAt(s.tokenAt(s.start + start))
	if s.listItem {
		f = c.filmAt(0)
	}
	if f == nil {
		return
	}
	vintage := catalog.ExtraVintageUnknown
	for _, it := range splitItems(body[start:]) {
		item := span{s.start + start + it.start, s.start + start + it.end}
		text := c.a.text[item.start:item.end]
		if lv := legacyIntroRE.FindStringIndex(text); lv != nil {
			vintage = catalog.ExtraLegacy
			item.start += lv[1]
			text = text[lv[1]:]
		}
		for _, e := range c.a.parseItem(text, item, vintage) {
			f.addExtra(e, s.idx)
		}
	}
}

// isTechnical reports whether lower (ASCII-lowered) names a technical
// disc feature (restoration, audio, subtitles).
func (v *extrasVocabulary) isTechnical(lower string) bool {
	return v.technicalNeedles.any(lower) && v.technical.MatchString(lower)
}

// extrasNeedles prefilter sentences before the extras patterns run.
var extrasNeedles = []string{"comment", "featurette", "interview", "scene", "trailer", "teaser", "spot", "making", "conversation",
	"q&a", "documentar", "clip", "galler", "still", "booklet", "essay", "liner", "short film", "reel", "blooper", "outtake",
	"video", "game", "script", "footage", "alternate", "slip", "o-card", "sleeve", "artwork", "poster", "card", "supplement",
	"storyboard", "score", "bonus"}

// firstKeyword returns the span of the first bonus-feature keyword in
// lower, or nil. The regexp starts at the first needle, which keeps it
// cheap on long sentences.
func firstKeyword(v *extrasVocabulary, lower string) []int {
	start, end, _ := v.firstKind(lower)
	if start < 0 {
		return nil
	}
	return []int{start, end}
}

// firstKind finds the leftmost bonus-feature keyword of lower (ASCII
// lower case) and, of the rules matching there, the first: what one
// alternation of all the rules would find, but tried only at the starts
// of words that can begin a keyword. It returns -1 when there is none.
func (v *extrasVocabulary) firstKind(lower string) (int, int, catalog.ExtraKind) {
	if !v.kindNeedles.any(lower) {
		return -1, -1, ""
	}
	for i := 0; i < len(lower); {
		if !isWordByte(lower[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(lower) && isWordByte(lower[j]) {
			j++
		}
		for _, k := range v.kindStarts[lower[i:j]] {
			if loc := v.kinds[k].anchored.FindStringIndex(lower[i:]); loc != nil {
				return i, i + loc[1], v.kinds[k].kind
			}
		}
		i = j
	}
	return -1, -1, ""
}

// hasKind reports whether lower names a bonus feature.
func (v *extrasVocabulary) hasKind(lower string) bool {
	start, _, _ := v.firstKind(lower)
	return start >= 0
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay those
// of s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// firstIntro finds the first intro verb not glued to a hyphen
// ("feature-length" is no intro).
func firstIntro(re *wordAlt, body string) []int {
	for _, loc := range re.FindAllStringIndex(body, -1) {
		if loc[1] < len(body) && body[loc[1]] == '-' {
			continue
		}
		return loc
	}
	return nil
}

// filmsNamedAfter counts the films named after byte offset off: a
// sentence that lists several films is a roundup, not a list of extras.
func (c *factContext) filmsNamedAfter(off int) int {
	n := 0
	for _, r := range c.s.refs {
		if !r.aside && r.start >= off {
			n++
		}
	}
	return n
}

var legacyIntroRE = guard(regexp.MustCompile(`(?i)^\s*(?:and\s+)?(?:legacy|archival|previously\s+released)\s+(?:extras|features|supplements)\s+(?:including|include|such\s+as)\s+`), "legacy", "archival", "previously")

// quotedBefore: a keyword inside quotes before the intro ("“extras”").
func quotedBefore(body string, i int) bool {
	return i > 0 && strings.ContainsAny(body[i-1:i], "“\"‘")
}

// splitItems splits a list of features at top-level semicolons, then
// commas, then "plus", keeping parentheses, brackets and quotes whole,
// and keeping "with A, B and C" participant lists in their item.
func splitItems(s string) []span {
	var out []span
	semis := splitTop(s, ";", span{0, len(s)})
	for _, piece := range semis {
		parts := []span{piece}
		if len(semis) == 1 || !participantIntroRE.MatchString(s[piece.start:firstComma(s, piece)]) {
			parts = splitTop(s, ",", piece)
		}
		parts = mergeParticipants(s, parts)
		for _, p := range parts {
			out = append(out, splitPlus(s, p)...)
		}
	}
	return out
}

var (
	participantIntroRE = guard(regexp.MustCompile(`(?i)\b(?:with|by|featuring)\b`), "with", "by", "featuring")
	roleOrNameRE       = regexp.MustCompile(`^\s*(?:and\s+)?(?:the\s+)?(?:[a-z-]+\s+){0,2}[A-Z][\p{L}.'’-]*(?:\s+[A-Z][\p{L}.'’-]*){0,3}\s*\.?$|^\s*(?:and\s+)?(?:the\s+)?(?:producer|director|writer|actor|critic|cinematographer|editor|composer)s?\s*$`)
	plusRE             = guard(regexp.MustCompile(`\s+(?:plus|as well as)\s+`), "plus", "as well as")
)

func firstComma(s string, p span) int {
	if i := strings.IndexByte(s[p.start:p.end], ','); i >= 0 {
		return p.start + i
	}
	return p.end
}

// mergeParticipants glues "cinematographer Drew Daniels" back onto the
// previous item when that item lists participants ("with ...").
func mergeParticipants(s string, parts []span) []span {
	var out []span
	for _, p := range parts {
		if n := len(out); n > 0 {
			prev := s[out[n-1].start:out[n-1].end]
			cur := s[p.start:p.end]
			if participantIntroRE.MatchString(prev) && roleOrNameRE.MatchString(cur) && !anyKindRE.MatchString(cur) {
				out[n-1].end = p.end
				continue
			}
		}
		out = append(out, p)
	}
	return out
}

var anyKindRE = guard(regexp.MustCompile(`(?i)\b(?:commentar|featurette|interview|scene|trailer|gallery|booklet|essay|footage|reel|video|making)`), "commentar", "featurette", "interview", "scene", "trailer", "gallery", "booklet", "essay", "footage", "reel", "video", "making")

// splitPlus splits at "plus"/"as well as" and at "and" where a new item
// starts.
func splitPlus(s string, p span) []span {
	var out []span
	start := p.start
	text := s[:p.end]
	for _, loc := range plusRE.FindAllStringIndex(text[p.start:], -1) {
		a, b := p.start+loc[0], p.start+loc[1]
		if inQuotesOrParens(s, p.start, a) {
			continue
		}
		out = append(out, splitAnd(s, span{start, a})...)
		start = b
	}
	return append(out, splitAnd(s, span{start, p.end})...)
}

var andRE = guard(regexp.MustCompile(`\s+(?:and|&)\s+`), "and", "&")

// splitAnd splits "X and a Y" where a new item starts after "and": a
// determiner, number or quote follows, or the left side ends a quote or a
// feature noun and the right side names another feature.
func splitAnd(s string, p span) []span {
	for _, loc := range andRE.FindAllStringIndex(s[p.start:p.end], -1) {
		a, b := p.start+loc[0], p.start+loc[1]
		if inQuotesOrParens(s, p.start, a) {
			continue
		}
		left, right := s[p.start:a], s[b:p.end]
		if newItemStarts(left, right) {
			return append([]span{{p.start, a}}, splitAnd(s, span{b, p.end})...)
		}
	}
	return []span{p}
}

var (
	determinerStartRE = regexp.MustCompile(`^(?:a|an|the|two|three|four|five|\d+|[“"‘])\b|^[“"‘]`)
	endsWithKindRE    = guard(regexp.MustCompile(`(?i)(?:commentary|commentaries|featurettes?|interviews?|scenes?|trailers?|gallery|galleries|booklet|essay|footage|reel|video|game|script|[”"’])\s*$`), "commentar", "featurette", "interview", "scene", "trailer", "galler", "booklet", "essay", "footage", "reel", "video", "game", "script", "”", "\"", "’")
)

func newItemStarts(left, right string) bool {
	if strings.HasSuffix(strings.TrimSpace(left), "”") || strings.HasSuffix(strings.TrimSpace(left), "\"") {
		return true
	}
	if participantIntroRE.MatchString(left) && !determinerStartRE.MatchString(right) {
		return false
	}
	if determinerStartRE.MatchString(right) {
		return !participantIntroRE.MatchString(left) || anyKindRE.MatchString(right)
	}
	if endsWithKindRE.MatchString(left) && (anyKindRE.MatchString(right) || otherKindRE.MatchString(right)) {
		return true
	}
	// "The Making of A and The Other: Event": two titles.
	return startsUpper(strings.TrimSpace(left)) && startsUpper(right) && strings.HasPrefix(right, "The ")
}

var otherKindRE = guard(regexp.MustCompile(`(?i)\b(?:sleeve|slipcase|slipcover|artwork|poster|booklet|card|script)`), "sleeve", "slipcase", "slipcover", "artwork", "poster", "booklet", "card", "script")

// splitTop splits s[p] at sep outside quotes, parentheses and brackets.
func splitTop(s, sep string, p span) []span {
	var out []span
	depth, quote := 0, false
	start := p.start
	for i, r := range s[p.start:p.end] {
		pos := p.start + i
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		case '“':
			quote = true
		case '”':
			quote = false
		case '"':
			quote = !quote
		}
		if depth == 0 && !quote && strings.HasPrefix(s[pos:], sep) {
			out = append(out, span{start, pos})
			start = pos + len(sep)
		}
	}
	out = append(out, span{start, p.end})
	var kept []span
	for _, sp := range out {
		if t := trimSpan(s, sp); t.len() > 0 {
			kept = append(kept, t)
		}
	}
	return kept
}

func inQuotesOrParens(s string, from, at int) bool {
	depth, quote := 0, false
	for _, r := range s[from:at] {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case '“':
			quote = true
		case '”':
			quote = false
		case '"':
			quote = !quote
		}
	}
	return depth > 0 || quote
}

// parseItem turns one listed feature into extras.
func (a *analysis) parseItem(text string, sp span, vintage catalog.ExtraVintage) []extraFact {
	v := a.x.extras
	text = strings.TrimRight(strings.TrimSpace(text), ".")
	if text == "" {
		return nil
	}
	head, desc := text, ""
	if m := v.dashLineOf(text); m != nil && !strings.Contains(m[1], "(") {
		head, desc = m[1], m[2]
	}
	lead := v.leadingOf(head)
	rest := head[len(lead):]
	if lv := leadVintage(lead); lv != catalog.ExtraVintageUnknown {
		vintage = lv
	}
	if lh := asciiLower(head); v.isTechnical(lh) && !v.hasKind(v.technical.ReplaceAllString(lh, "")) {
		return nil
	}
	if m := v.expandList.FindStringSubmatch(text); m != nil {
		return a.expandItems(m, sp, vintage)
	}
	base := extraFact{vintage: vintage, evidence: sp, conf: 0.7, runtime: findRuntime(text)}
	base.participants = a.participants(text)
	if m := v.count.FindStringSubmatch(head); m != nil && !hasNamedParticipant(base.participants) {
		n := numberWords[strings.ToLower(m[1])]
		if n == 0 {
			n = int(m[1][0] - '0')
		}
		out := make([]extraFact, n)
		for i := range out {
			out[i] = base
			out[i].kind = catalog.ExtraAudioCommentary
		}
		return out
	}
	title, kind := a.titleAndKind(rest, desc)
	if kind == "" {
		return nil
	}
	base.title, base.kind = title, kind
	return []extraFact{base}
}

func hasNamedParticipant(ps []participant) bool {
	for _, p := range ps {
		if p.name != "" {
			return true
		}
	}
	return false
}

func leadVintage(lead string) catalog.ExtraVintage {
	l := strings.ToLower(lead)
	switch {
	case strings.Contains(l, "new"):
		return catalog.ExtraNew
	case strings.Contains(l, "legacy") || strings.Contains(l, "archival") || strings.Contains(l, "vintage"):
		return catalog.ExtraLegacy
	}
	return catalog.ExtraVintageUnknown
}

var (
	quotedRE        = regexp.MustCompile(`^[“"‘]([^”"’]+)[”"’]\s*,?\s*(.*)$`)
	quotedInsideRE  = guard(regexp.MustCompile(`[“"‘]([^”"’]+?)[,.]?[”"’]`), "“", "\"", "‘")
	possessiveLead  = guard(regexp.MustCompile(`^[A-Z][\p{L}.-]*(?:\s+[A-Z][\p{L}.-]*){0,3}\s*[‘’']s\s+`), "'", "’", "‘")
	trailingKindRE  = guard(regexp.MustCompile(`(?i)\s+(featurettes?|trailers?|documentary|interviews?|short(?:\s+film)?)$`), "featurette", "trailer", "documentary", "interview", "short")
	leadingKindRE   = guard(regexp.MustCompile(`(?i)^(?:the\s+)?(featurettes?|trailers?|documentary|interviews?|clip)\s+(?:titled\s+|called\s+)?[“"‘]`), "“", "\"", "‘")
	makingOfTitleRE = guard(regexp.MustCompile(`(?i)^(?:the\s+)?making[- ]of\b`), "making")
)

// titleAndKind decides the title (empty for a generic feature) and kind
// of an item's head; desc is a description after a dash.
func (a *analysis) titleAndKind(head, desc string) (string, catalog.ExtraKind) {
	v := a.x.extras
	head = strings.TrimSpace(head)
	explicit := kindOf(v, desc)
	// "the featurette “Title”", "a clip titled “Title”".
	if m := leadingKindRE.FindStringSubmatchIndex(head); m != nil {
		explicit = kindOf(v, head[m[2]:m[3]])
		_, quoteLen := utf8.DecodeLastRuneInString(head[:m[1]])
		head = head[m[1]-quoteLen:]
	}
	if q := quotedInsideRE.FindStringSubmatchIndex(head); q != nil && (q[0] == 0 || leadingKindRE.MatchString(head[:q[0]])) {
		title := head[q[2]:q[3]]
		after := strings.TrimSpace(head[q[1]:])
		if after != "" && !trailingKindRE.MatchString(" "+firstWords(after, 2)) && !v.cut.MatchString(" "+after) {
			return strings.TrimSpace(head), kindOrDefault(kindOf(v, after), catalog.ExtraOther)
		}
		if k := kindOf(v, firstWords(after, 2)); k != "" {
			explicit = k
		}
		return title, titledKind(title, explicit)
	}
	if m := possessiveLead.FindString(head); m != "" {
		head = head[len(m):]
	}
	if titleCased(head) {
		if m := trailingKindRE.FindStringSubmatchIndex(head); m != nil {
			return strings.TrimSpace(head[:m[0]]), titledKind(head[:m[0]], kindOrDefault(explicit, kindOf(v, head[m[2]:m[3]])))
		}
		title := v.cut.ReplaceAllString(head, "")
		if m := trailingKindRE.FindStringSubmatchIndex(title); m != nil {
			if explicit == "" {
				explicit = kindOf(v, title[m[2]:m[3]])
			}
			title = title[:m[0]]
		}
		title = strings.TrimSpace(title)
		if kk := kindOf(v, title); kk != "" && explicit == "" && !makingOfTitleRE.MatchString(title) && kk != catalog.ExtraInterview {
			explicit = kk
		}
		return title, titledKind(title, explicit)
	}
	kind := kindOf(v, head)
	if kind == "" {
		kind = explicit
	}
	if kind == "" {
		return "", ""
	}
	title := strings.TrimSpace(v.cut.ReplaceAllString(head, ""))
	title = strings.TrimSpace(title[len(v.leadingOf(title)):])
	if v.bare[strings.ToLower(title)] || title == "" {
		title = ""
	}
	return title, kind
}

// titleCased reports whether an item reads as a title: it starts with a
// capital and at least half of its words (two or more) are capitalized,
// so "Original theatrical trailer" at the start of a bullet is not one.
func titleCased(s string) bool {
	s = strings.TrimSpace(v0cut(s))
	if !startsUpper(s) {
		return false
	}
	words := strings.Fields(s)
	if len(words) == 1 {
		return true
	}
	caps, long := 0, 0
	for _, w := range words {
		if len(w) <= 3 && !startsUpper(w) {
			continue
		}
		long++
		if startsUpper(w) || unicode.IsDigit([]rune(w)[0]) {
			caps++
		}
	}
	return caps >= 2 && 2*caps >= long
}

// v0cut drops participants and descriptions before the title-case test.
func v0cut(s string) string {
	if i := strings.IndexAny(s, "(["); i >= 0 {
		s = s[:i]
	}
	for _, sep := range []string{" with ", " by ", " featuring ", " from ", " of "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return s
}

// titledKind is the kind of a titled feature: "Making of ..." is a
// making-of, an explicit kind wins, otherwise a featurette.
func titledKind(title string, explicit catalog.ExtraKind) catalog.ExtraKind {
	switch {
	case makingOfTitleRE.MatchString(title):
		return catalog.ExtraMakingOf
	case explicit != "":
		return explicit
	case strings.Contains(strings.ToLower(title), "conversation"), strings.Contains(strings.ToLower(title), "interview"):
		return catalog.ExtraInterview
	}
	return catalog.ExtraFeaturette
}

func kindOrDefault(k, def catalog.ExtraKind) catalog.ExtraKind {
	if k == "" {
		return def
	}
	return k
}

// kindOf returns the kind of the first rule matching s (the earliest
// match wins when several rules match).
func kindOf(v *extrasVocabulary, s string) catalog.ExtraKind {
	if s == "" {
		return ""
	}
	s = asciiLower(s)
	_, _, best := v.firstKind(s)
	// "trailer gallery" is trailers.
	if best == catalog.ExtraGallery && v.kinds[3].re.MatchString(s) {
		return catalog.ExtraTrailer
	}
	return best
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}

// expandItems turns "8 featurettes (A, B, and C)" into one extra per
// title.
func (a *analysis) expandItems(m []string, sp span, vintage catalog.ExtraVintage) []extraFact {
	kind := kindOf(a.x.extras, m[2])
	var out []extraFact
	for _, part := range splitTop(m[3], ",", span{0, len(m[3])}) {
		t := strings.TrimSpace(m[3][part.start:part.end])
		t = strings.TrimSpace(strings.TrimPrefix(t, "and "))
		if t == "" {
			continue
		}
		out = append(out, extraFact{kind: kind, title: t, vintage: vintage, evidence: sp, conf: 0.75})
	}
	return out
}

var participantSplitRE = regexp.MustCompile(`\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*`)

// endsWithColon reports whether s ends in ":" and white space.
func endsWithColon(s string) bool {
	return strings.HasSuffix(strings.TrimRight(s, " \t\n\f\r"), ":")
}

// dashLineOf matches dashLine ("Title – description") when s has a dash.
func (v *extrasVocabulary) dashLineOf(s string) []string {
	if !hasSpacedDash(s) {
		return nil
	}
	return v.dashLine.FindStringSubmatch(s)
}

// hasSpacedDash reports whether s has a dash between white space, as
// dashLine needs.
func hasSpacedDash(s string) bool {
	for i := 1; i < len(s); i++ {
		if !isRegexpSpace(s[i-1]) {
			continue
		}
		rest := s[i:]
		for _, d := range []string{"-", "–", "—"} {
			if strings.HasPrefix(rest, d) && len(rest) > len(d) && isRegexpSpace(rest[len(d)]) {
				return true
			}
		}
	}
	return false
}

// participantsAt finds participantsRE at the words it can start with.
var participantsAt = newWordAlt(participantsRE.String(), "with by featuring features of interviewing")

var participantsRE = regexp.MustCompile(`(?i)\b(?:with|by|featuring|features|of|interviewing)\s+(.+)$`)

// participants reads "with writer-director A, cinematographer B and C"
// into names and roles. A lone unknown word is kept as a role only.
func (a *analysis) participants(text string) []participant {
	loc := participantsAt.FindStringIndex(text)
	if loc == nil {
		return nil
	}
	m := participantsAt.anchored.FindStringSubmatch(text[loc[0]:])
	list := m[1]
	if i := strings.IndexAny(list, "[("); i >= 0 {
		list = list[:i]
	}
	var out []participant
	for _, part := range participantSplitRE.Split(list, -1) {
		if p, ok := a.participant(part); ok {
			out = append(out, p)
		}
	}
	return out
}

// participant parses "writer-director Jane Doe", "Doe" or "the producer".
func (a *analysis) participant(part string) (participant, bool) {
	words := strings.Fields(strings.TrimSpace(part))
	for len(words) > 0 && (words[0] == "the" || words[0] == "a" || words[0] == "an") {
		words = words[1:]
	}
	var role []string
	for len(words) > 0 && !startsUpper(words[0]) {
		role = append(role, words[0])
		words = words[1:]
	}
	if len(role) > 3 {
		return participant{}, false
	}
	p := participant{role: strings.Join(role, " ")}
	if p.role != "" {
		if _, ok := roleWords[strings.TrimSuffix(p.role, "s")]; !ok {
			if _, ok := roleWords[p.role]; !ok {
				return participant{}, false
			}
		}
	}
	if len(words) > 0 && len(words) <= 4 {
		name := strings.TrimRight(strings.Join(words, " "), ".,;:")
		if full, known := a.people.resolve(name); known {
			p.name = full
		} else if len(words) > 1 && allCapitalized(words) {
			p.name = name
		}
	}
	if p.name == "" && p.role == "" {
		return participant{}, false
	}
	return p, true
}

func allCapitalized(words []string) bool {
	for _, w := range words {
		r := []rune(w)
		if len(r) == 0 || !(unicode.IsUpper(r[0]) || unicode.IsDigit(r[0])) {
			return false
		}
	}
	return true
}

// extrasFromLines reads "Title – description" lines that follow an
// extras introduction ("Here are the bonus features exclusive to 4K:").
func (a *analysis) extrasFromLines() {
	v := a.x.extras
	var current *film
	var formats []string
	active := false
	for bi, b := range a.blocks {
		text := a.text[b.content.start:b.content.end]
		if f := a.lastFilmBefore(b.start); f != nil {
			current = f
		}
		if endsWithColon(text) && v.listIntro.MatchString(text) {
			active, formats = true, a.formatsIn(bi)
			continue
		}
		if !active {
			continue
		}
		m := v.dashLine.FindStringSubmatchIndex(text)
		if m == nil || !startsUpper(text) || current == nil {
			active = active && m != nil
			continue
		}
		title := text[m[2]:m[3]]
		desc := text[m[4]:m[5]]
		kind := titledKind(title, kindOf(v, firstWords(desc, 6)))
		if kind == catalog.ExtraInterview || kind == catalog.ExtraGallery {
			kind = catalog.ExtraFeaturette
		}
		current.addExtra(extraFact{kind: kind, title: title, formats: formats,
			evidence: span{b.content.start + m[2], b.content.start + m[3]}, conf: 0.75}, -1-bi)
	}
}

// lastFilmBefore returns the last film named before byte offset off.
func (a *analysis) lastFilmBefore(off int) *film {
	i := sort.Search(len(a.sents), func(i int) bool { return a.sents[i].start >= off })
	if i == 0 {
		return nil
	}
	return a.focus[i-1]
}

// formatsIn lists the formats named in block bi.
func (a *analysis) formatsIn(bi int) []string {
	var out []string
	for _, s := range a.sentencesOf(bi) {
		for _, m := range s.mentionsOf(mFormat) {
			out = appendString(out, m.value)
		}
	}
	return out
}

func appendString(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
