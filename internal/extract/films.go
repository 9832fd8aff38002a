package extract

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/marquee-film/marquee/internal/catalog"
)

// film is a film (or box set) the text is about.
type film struct {
	title    string
	year     int
	aliases  []string
	evidence span
	conf     float64
	// order is the byte offset of the first mention, for output order.
	order int
	// list: the film was found as an item of a list of titles.
	list      bool
	credits   []creditFact
	releases  []releaseFact
	extras    []extraFact
	festivals []festivalFact
	awards    []awardFact
	// seen holds the keys of facts already added, so a long text that
	// repeats itself does not grow the lists (or the merge work) without
	// bound.
	seenReleases map[string]bool
	seenExtras   map[string]int
}

// addRelease adds r unless an identical release was added before.
func (f *film) addRelease(r releaseFact) {
	key := r.format + "|" + r.date.String() + "|" + r.dateText + "|" + r.label + "|" + r.region + "|" + r.edition + "|" + r.price
	if f.seenReleases[key] {
		return
	}
	if f.seenReleases == nil {
		f.seenReleases = map[string]bool{}
	}
	f.seenReleases[key] = true
	f.releases = append(f.releases, r)
}

// addExtra adds e unless an identical extra came from another sentence
// (two identical untitled extras of one sentence, as in "two audio
// commentaries", are both kept).
func (f *film) addExtra(e extraFact, sentence int) {
	key := string(e.kind) + "|" + titleKey(e.title)
	for _, p := range e.participants {
		key += "|" + p.name + "/" + p.role
	}
	if prev, ok := f.seenExtras[key]; ok && prev != sentence {
		return
	}
	if f.seenExtras == nil {
		f.seenExtras = map[string]int{}
	}
	f.seenExtras[key] = sentence
	f.extras = append(f.extras, e)
}

// filmRef is a mention of a film in a sentence.
type filmRef struct {
	film *film
	span
	first, last int // tokens
	// aside: the mention sits in parentheses (a filmography or an
	// alternative title) and does not set the film in focus.
	aside bool
}

// candidate is a run that a cue marks as a film title.
type candidate struct {
	title   string
	year    int
	aka     string
	span    span
	sent    int
	conf    float64
	list    bool
	edition string
	// directors from a possessive ("Name's Title").
	directors []personCue
}

var (
	editionSuffixRE = regexp.MustCompile(`\s+((?:(?:Special|Collector['’]s|Limited|Ultimate|Deluxe|Anniversary|Definitive|Extended|Director['’]s|Standard|Signature|Remastered|Restored|Steelbook|SteelBook|\d+(?:st|nd|rd|th)\s+Anniversary)\s+)*(?:Edition|Cut|Steelbook|SteelBook))$`)
	yearParenRE     = regexp.MustCompile(`^\s*\((\d{4})\)`)
	akaParenRE      = regexp.MustCompile(`^\s*\((?:aka|a\.k\.a\.|AKA|also known as)\s+([^)]+)\)`)
)

// rightCues follow a film title in announcements and synopses.
var rightCues = [][]string{
	{"is", "coming"}, {"comes", "to"}, {"coming", "to"}, {"arrives"}, {"arrive"}, {"will", "arrive"},
	{"hits"}, {"will", "hit"}, {"is", "roaring"}, {"roars"}, {"makes", "its"}, {"debuts"}, {"lands"},
	{"heads", "to"}, {"is", "due"}, {"will", "be", "released"}, {"is", "released"}, {"will", "be", "the", "first"},
	{"follows"}, {"tells"}, {"stars"}, {"starring"}, {"features"}, {"includes"}, {"contains"},
	{"offers"}, {"boasts"}, {"comes", "with"}, {"comes", "from"}, {"premiered"}, {"premieres"},
	{"won"}, {"has", "been", "nominated"}, {"was", "nominated"}, {"expect"}, {"appear", "to", "be"}, {"appear"},
	{"gets", "a"}, {"receives", "a"}, {"is", "the", "second", "film"}, {"is", "the", "first", "film"},
	{"is", "the", "third", "film"}, {"was", "directed"}, {"is", "getting"}, {"will", "include"},
	{"was", "a", "box", "office"}, {"is", "considered"}, {"is", "available"}, {"goes", "blu"},
	// Postponements announce a release too.
	{"has", "been", "delayed"}, {"has", "been", "pushed"}, {"has", "been", "postponed"}, {"has", "been", "moved"},
	{"has", "been", "rescheduled"}, {"has", "moved"}, {"is", "delayed"}, {"was", "delayed"}, {"was", "pushed"},
	{"was", "postponed"}, {"is", "now"}, {"moves", "to"}, {"shifts", "to"},
	{"will", "release", "on"}, {"releases", "on"}, {"will", "now", "arrive"},
}

// cueFillers may stand between a title and its right cue: adverbs,
// auxiliaries and a postponement ("Title now arrives", "Title has been
// pushed back and arrives", "Title will finally hit").
var cueFillers = map[string]bool{
	"now": true, "finally": true, "also": true, "officially": true, "still": true, "soon": true,
	"again": true, "once": true, "just": true, "already": true, "then": true, "instead": true,
	"has": true, "have": true, "had": true, "been": true, "will": true, "is": true, "was": true,
	"pushed": true, "back": true, "delayed": true, "postponed": true, "moved": true, "rescheduled": true,
	"and": true, "quietly": true, "newly": true, "belatedly": true, "likewise": true, "too": true,
}

// leftVerbs before a title (with only determiners and lowercase
// descriptors between) announce it.
var leftVerbs = map[string]bool{
	"release": true, "releases": true, "releasing": true, "present": true, "presents": true,
	"presenting": true, "announced": true, "announces": true, "directed": true, "premieres": true,
	"premiering": true, "bring": true, "brings": true, "bringing": true, "unveils": true, "issue": true,
	"issues": true, "restores": true, "reissues": true, "set": true, "sets": true,
}

// detectFilms finds film titles from cued runs and title lists, then
// merges short forms into full titles.
func (a *analysis) detectFilms() {
	var cands []candidate
	for _, s := range a.sents {
		s.runs = normaliseRunsWith(a.text, s, a.doc.known)
		if !s.listItem {
			for _, r := range s.runs {
				if c, ok := a.cuedCandidate(s, r); ok {
					cands = append(cands, c)
				}
			}
		}
	}
	cands = append(cands, a.listCandidates()...)
	cands = append(cands, a.emphasisCandidates()...)
	a.films = clusterCandidates(cands)
}

// cuedCandidate decides whether run r of s is a film title.
func (a *analysis) cuedCandidate(s *sent, r run) (candidate, bool) {
	if r.possessive {
		return candidate{}, false
	}
	if s.heading && !r.quoted {
		return candidate{}, false
	}
	title, edition := splitEdition(r.text)
	if !plausibleTitle(title) || a.isPersonRun(s, r) {
		return candidate{}, false
	}
	if r.initial && r.words() == 1 && sentenceStarters[strings.ToLower(title)] {
		return candidate{}, false
	}
	if isInsideFilmography(s, r) || modifierRun(s, r) {
		return candidate{}, false
	}
	c := candidate{title: title, edition: edition, span: span{r.start, r.start + len(title)}, sent: s.idx}
	after := a.text[r.end:s.end]
	if m := yearParenRE.FindStringSubmatch(after); m != nil {
		c.year, _ = strconv.Atoi(m[1])
		c.conf = 0.9
	}
	if m := akaParenRE.FindStringSubmatch(after); m != nil {
		c.aka = strings.TrimSpace(m[1])
		c.conf = 0.9
	}
	conf, dirs := a.titleCue(s, r)
	if conf > c.conf {
		c.conf = conf
	}
	if c.conf == 0 && a.knownTitle(s, r, title) {
		c.conf = knownTitleConf
	}
	c.directors = dirs
	bs := a.boxSetTitle(s, r)
	if bs != "" && a.releaseSentence(s) {
		c.conf = max(c.conf, 0.75)
	}
	if c.conf == 0 {
		return candidate{}, false
	}
	if bs != "" {
		c.title = bs
		c.span = span{r.start, r.start + len(bs)}
	}
	return c, true
}

// boxSetTitle extends "Dino Park" in "a Dino Park five-film collection" to
// the box set's name.
func (a *analysis) boxSetTitle(s *sent, r run) string {
	toks := s.toks
	k := r.last + 1
	if k < len(toks) && strings.Contains(toks[k].lower, "-film") || k < len(toks) && strings.Contains(toks[k].lower, "-movie") {
		k++
	}
	if k < len(toks) && k > r.last+1 && boxSetNouns[toks[k].lower] {
		return a.text[r.start:toks[k].end]
	}
	return ""
}

// normaliseRuns rewrites a sentence's runs before title detection: a
// sentence word glued to the front is dropped ("For Title expect"), "A
// and B" before a plural verb is two runs, and a capitalized "The" inside
// a run starts a new one ("Oslo The Night Swimmer").
func normaliseRuns(text string, s *sent) []run { return normaliseRunsWith(text, s, nil) }

// normaliseRunsWith is normaliseRuns that, given a gazetteer, keeps
// known titles whole and splits runs that join known titles (see
// Gazetteer.knownRuns).
func normaliseRunsWith(text string, s *sent, g *Gazetteer) []run {
	var out []run
	for _, r := range s.runs {
		if r.quoted {
			out = append(out, r)
			continue
		}
		if known, ok := g.knownRuns(text, s, r); ok {
			out = append(out, known...)
			continue
		}
		whole := r.first == 0 && r.last == len(s.toks)-1
		if r.initial && !s.listItem && !whole && r.words() > 1 && sentenceStarters[s.toks[r.first].lower] && !s.toks[r.first].is("the", "a", "an") {
			r = makeRun(text, s.toks, r.first+1, r.last, r.possessive, false)
			if known, ok := g.knownRuns(text, s, r); ok {
				out = append(out, known...)
				continue
			}
		}
		parts := splitAtInnerThe(text, s.toks, r)
		for _, p := range parts {
			out = append(out, splitPlural(text, s.toks, p)...)
		}
	}
	return out
}

func splitAtInnerThe(text string, toks []token, r run) []run {
	for k := r.first + 1; k <= r.last; k++ {
		if k-1 > r.first && toks[k].text == "The" && toks[k-1].is("and") {
			// "Driftwood and The Boy Who Sold the Moon": two titles.
			left := makeRun(text, toks, r.first, k-2, false, false)
			right := makeRun(text, toks, k, r.last, r.possessive, false)
			left.initial = r.initial
			return append([]run{left}, splitAtInnerThe(text, toks, right)...)
		}
		if toks[k].text == "The" && toks[k-1].kind == tokWord && toks[k-1].upper && !toks[k-1].is("of") {
			left := makeRun(text, toks, r.first, k-1, false, false)
			right := makeRun(text, toks, k, r.last, r.possessive, false)
			left.initial = r.initial
			return append([]run{left}, splitAtInnerThe(text, toks, right)...)
		}
	}
	return []run{r}
}

// pluralVerbs after "A and B" make the run two titles.
var pluralVerbs = map[string]bool{"appear": true, "are": true, "were": true, "have": true, "both": true, "arrive": true, "come": true, "hit": true}

func splitPlural(text string, toks []token, r run) []run {
	if r.last+1 >= len(toks) || !pluralVerbs[toks[r.last+1].lower] {
		return []run{r}
	}
	for k := r.first + 1; k < r.last; k++ {
		if toks[k].is("and") {
			left := makeRun(text, toks, r.first, k-1, false, false)
			right := makeRun(text, toks, k+1, r.last, false, false)
			left.initial = r.initial
			left.coordinated, right.coordinated = true, true
			return []run{left, right}
		}
	}
	return []run{r}
}

// titleCue scores the context of a run as a film title and returns the
// possessive directors before it.
func (a *analysis) titleCue(s *sent, r run) (float64, []personCue) {
	toks := s.toks
	best := 0.0
	var dirs []personCue
	// Left: "<genre noun> Title", "<release verb> [the ...] Title",
	// "Name's [descriptors] Title".
	j := r.first - 1
	if j >= 1 && toks[j].text == "," && isGenreWord(toks[j-1].lower) && !toks[j-1].upper {
		// "Name's last feature, Title,"
		j--
	}
	if j >= 0 && isGenreWord(toks[j].lower) && !toks[j].upper {
		best = 0.85
	}
	k := j
	descriptors := 0
	for k >= 0 && toks[k].kind == tokWord && !toks[k].upper && !leftVerbs[toks[k].lower] && !descriptorStop[toks[k].lower] && descriptors < 4 {
		descriptors++
		k--
	}
	if k >= 0 && leftVerbs[toks[k].lower] && !toks[k].upper {
		if toks[k].is("set", "sets") {
			if strings.Contains(strings.ToLower(a.text[r.end:s.end]), "for release") {
				best = max(best, 0.85)
			}
		} else {
			best = max(best, 0.8)
		}
	}
	if p := possessiveBefore(s, r, k); p != nil && !isRoleRun(s, *p) && (descriptors > 0 || a.releaseSentence(s)) {
		best = max(best, 0.85)
		dirs = splitCoordinated(a.text, toks, *p)
	}
	if r.first >= 2 && toks[r.first-1].is("of") && toks[r.first-2].is("sets", "set", "release", "edition", "releases", "version", "restoration", "debut") && len(s.mentionsOf(mFormat)) > 0 {
		best = max(best, 0.75)
	}
	if inverted(s, r) {
		best = max(best, 0.8)
	}
	if r.first == 1 && toks[0].is("for") && r.last+1 < len(toks) && toks[r.last+1].is("expect") {
		best = max(best, 0.75)
	}
	// Right: release and synopsis verbs, a format, ", directed by".
	if rightCue(toks, r.last+1) {
		best = max(best, 0.8)
	}
	if a.formatFollows(s, r) {
		best = max(best, 0.75)
	}
	if appositiveGenre(toks, r.last+1) {
		best = max(best, 0.8)
	}
	if r.coordinated {
		best = max(best, 0.75)
	}
	if r.quoted && best > 0 {
		best = max(best, 0.85)
	}
	return best, dirs
}

// descriptorStop are words that cannot sit between a possessive name
// and a title ("Name's media satire Title" but not "Name's friendship
// began at the Title").
var descriptorStop = map[string]bool{
	"at": true, "as": true, "in": true, "on": true, "to": true, "with": true, "by": true, "from": true,
	"was": true, "were": true, "is": true, "are": true, "the": true, "a": true, "an": true, "and": true,
	"began": true, "chose": true, "for": true, "into": true, "that": true, "which": true,
}

// isRoleRun: "Director's" is a role, not a person.
func isRoleRun(s *sent, r run) bool {
	_, ok := roleWords[strings.ToLower(r.text)]
	return ok || (r.initial && sentenceStarters[strings.ToLower(s.toks[r.first].text)])
}

func isGenreWord(w string) bool {
	if genreNouns[w] {
		return true
	}
	if !strings.ContainsAny(w, "/-") {
		return false
	}
	for _, part := range strings.FieldsFunc(w, func(r rune) bool { return r == '/' || r == '-' }) {
		if genreNouns[part] && part != w {
			return true
		}
	}
	return false
}

// possessiveBefore returns the possessive run that ends right before
// token k+1 (k being the last token before the descriptors).
func possessiveBefore(s *sent, r run, k int) *run {
	for i := range s.runs {
		p := &s.runs[i]
		if p.possessive && p.last == k && p.first < r.first && s.toks[p.first].kind != tokNumber {
			return p
		}
	}
	return nil
}

// inverted matches "March 10 comes Title" and "Due ... on Blu-ray is
// [1941's] Title".
func inverted(s *sent, r run) bool {
	k := r.first - 1
	if k >= 0 && s.toks[k].kind == tokNumber {
		if _, poss := possessiveBase(s.toks[k].text); poss {
			k--
		}
	}
	if k < 1 || !s.toks[k].is("is", "comes", "come", "arrives") {
		return false
	}
	for _, d := range s.dates {
		if d.end <= s.toks[k].start {
			return true
		}
	}
	return false
}

func rightCue(toks []token, k int) bool {
	if k < len(toks) && toks[k].text == "," && k+2 < len(toks) && toks[k+1].is("directed") && toks[k+2].is("by") {
		return true
	}
	if rightCueAt(toks, k) {
		return true
	}
	// Skip a relative clause: "Title, which premiered at Venice, arrives".
	if k+1 < len(toks) && toks[k].text == "," && toks[k+1].is("which", "who") {
		for j := k + 2; j < len(toks) && j < k+30; j++ {
			if toks[j].text == "," {
				return rightCue(toks, j+1)
			}
		}
	}
	// Skip fillers: "Title now arrives", "Title has been pushed back and
	// arrives".
	// "and" joins only after a postponement ("pushed back and arrives"),
	// not a second predicate ("stars X and premiered").
	postponed := false
	for j := k; j < len(toks) && j < k+6 && toks[j].kind == tokWord && !toks[j].upper && cueFillers[toks[j].lower]; j++ {
		if toks[j].is("pushed", "back", "delayed", "postponed", "moved", "rescheduled") {
			postponed = true
		}
		if toks[j].is("and") && !postponed {
			break
		}
		if rightCueAt(toks, j+1) {
			return true
		}
	}
	return false
}

// rightCueAt reports whether one of rightCues starts at token k.
func rightCueAt(toks []token, k int) bool {
	for _, cue := range rightCues {
		if k+len(cue) > len(toks) {
			continue
		}
		ok := true
		for i, w := range cue {
			if toks[k+i].lower != w {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// appositiveGenre matches ", the 1932 horror film" and ", a documentary".
func appositiveGenre(toks []token, k int) bool {
	if k >= len(toks) || toks[k].text != "," || k+1 >= len(toks) || !toks[k+1].is("the", "a", "an") {
		return false
	}
	for j := k + 2; j < len(toks) && j < k+9; j++ {
		if toks[j].text == "," || toks[j].text == "." {
			return false
		}
		if genreNouns[toks[j].lower] {
			return j+1 >= len(toks) || toks[j+1].kind != tokWord || appositiveFollowers[toks[j+1].lower]
		}
	}
	return false
}

// appositiveFollowers may follow the genre noun of an appositive: "a
// documentary from", "the horror film starring".
var appositiveFollowers = map[string]bool{
	"from": true, "by": true, "about": true, "that": true, "which": true, "starring": true, "directed": true,
	"based": true, "set": true, "in": true, "with": true, "of": true, "and": true, "on": true, "written": true,
	"who": true, "where": true, "for": true, "made": true, "released": true, "featuring": true,
}

// formatFollows: the run is followed by a format ("The Graves DVD
// features", "makes its Blu-ray debut", "on Blu-ray").
func (a *analysis) formatFollows(s *sent, r run) bool {
	after := r.end
	// Skip parentheticals such as "(1971) (Label Series)" and an
	// edition name.
	rest := a.text[after:s.end]
	trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
	for strings.HasPrefix(trimmed, "(") {
		i := strings.IndexByte(trimmed, ')')
		if i < 0 {
			break
		}
		trimmed = strings.TrimLeftFunc(trimmed[i+1:], unicode.IsSpace)
	}
	if m := editionLeadRE.FindString(trimmed); m != "" {
		trimmed = trimmed[len(m):]
	}
	for _, p := range []string{"on ", "onto ", "to "} {
		trimmed = strings.TrimPrefix(trimmed, p)
	}
	off := s.end - len(trimmed)
	for _, m := range s.mentionsOf(mFormat) {
		if m.start == off && m.value != fmtTheatrical {
			return true
		}
	}
	return false
}

var editionLeadRE = regexp.MustCompile(`^(?:[A-Z][\w’'-]*\s+){0,3}Edition\s+`)

// releaseSentence reports whether s talks about a release: a format, a
// release word or a date.
func (a *analysis) releaseSentence(s *sent) bool {
	if len(s.mentionsOf(mFormat)) > 0 {
		return true
	}
	return s.hasWord("release", "releases", "released", "slate", "lineup", "line-up", "coming", "arrives", "due", "edition")
}

// isPersonRun reports whether the run names a person the text cued.
func (a *analysis) isPersonRun(s *sent, r run) bool {
	if _, known := a.people.resolve(r.text); known {
		return true
	}
	for _, c := range s.cues {
		if c.start <= r.start && c.end >= r.end && !c.possessive {
			return true
		}
	}
	return false
}

// modifierRun: a run right before a lowercase genre word modifies it
// ("the Tokyo action film"), and a lone code word ("HDR10") is no
// title.
func modifierRun(s *sent, r run) bool {
	if r.quoted {
		return false
	}
	if k := r.last + 1; k < len(s.toks) && !s.toks[k].upper && isGenreWord(s.toks[k].lower) {
		return true
	}
	if r.words() == 1 {
		t := s.toks[r.first].text
		return strings.ContainsAny(t, "0123456789") && strings.IndexFunc(t, unicode.IsLetter) >= 0
	}
	return false
}

// isInsideFilmography reports whether the run sits in parentheses right
// after a name: "Jane Doe (Earlier Film, Other Film)" lists other work,
// not the film announced.
func isInsideFilmography(s *sent, r run) bool {
	depth := 0
	for k := r.first - 1; k >= 0; k-- {
		switch s.toks[k].text {
		case ")":
			depth++
		case "(":
			if depth == 0 {
				return true
			}
			depth--
		}
	}
	return false
}

// plausibleTitle rejects runs that cannot be titles: too long, only
// digits, or a lone short word.
func plausibleTitle(t string) bool {
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 14 {
		return false
	}
	hasLetter := false
	for _, r := range t {
		if unicode.IsLetter(r) {
			hasLetter = true
			break
		}
	}
	if !hasLetter {
		return false
	}
	if monthNumber(words[0]) != 0 && len(words) <= 2 {
		return false
	}
	if len(words) == 1 && (connectors[strings.ToLower(words[0])] || sentenceStarters[strings.ToLower(words[0])]) {
		return false
	}
	return true
}

// hasEditionSuffix: title ends in a word editionSuffixRE ends with.
func hasEditionSuffix(title string) bool {
	for _, w := range []string{"Edition", "Cut", "Steelbook", "SteelBook"} {
		if strings.HasSuffix(title, w) {
			return true
		}
	}
	return false
}

// splitEdition strips an edition name from the end of a title.
func splitEdition(title string) (string, string) {
	if !hasEditionSuffix(title) {
		return title, ""
	}
	if m := editionSuffixRE.FindStringSubmatchIndex(" " + title); m != nil {
		return strings.TrimSpace(title[:max(0, m[0]-1)]), title[m[2]-1 : m[3]-1]
	}
	return title, ""
}

// listCandidates finds titles laid out as a list: bullets whose text is a
// title, or two or more consecutive short title-only lines.
func (a *analysis) listCandidates() []candidate {
	var out []candidate
	var pending []candidate
	flush := func() {
		if len(pending) >= 2 {
			out = append(out, pending...)
		}
		pending = nil
	}
	for bi, b := range a.blocks {
		c, ok := a.titleLine(bi)
		if ok && b.kind == blockListItem && a.extrasList(bi) {
			ok = false
		}
		switch {
		case ok && b.kind == blockListItem:
			out = append(out, c)
		case ok:
			pending = append(pending, c)
		default:
			flush()
		}
	}
	flush()
	return out
}

// extrasList reports whether the list holding block bi describes bonus
// features or disc specifications rather than titles: half or more of
// its items do.
func (a *analysis) extrasList(bi int) bool {
	lo, hi := bi, bi
	for lo > 0 && a.blocks[lo-1].kind == blockListItem {
		lo--
	}
	for hi+1 < len(a.blocks) && a.blocks[hi+1].kind == blockListItem {
		hi++
	}
	described := 0
	for i := lo; i <= hi; i++ {
		t := a.text[a.blocks[i].content.start:a.blocks[i].content.end]
		if lt := asciiLower(t); a.x.extras.hasKind(lt) || a.x.extras.isTechnical(lt) {
			described++
		}
	}
	return 2*described >= hi-lo+1
}

// titleLine reports whether block bi is a title on its own line, with an
// optional "(aka Other)" and "(1982)".
func (a *analysis) titleLine(bi int) (candidate, bool) {
	if r := a.titleLines[bi]; r != nil {
		return r.cand, r.ok
	}
	c, ok := a.computeTitleLine(bi)
	a.titleLines[bi] = &titleLineResult{c, ok}
	return c, ok
}

func (a *analysis) computeTitleLine(bi int) (candidate, bool) {
	b := a.blocks[bi]
	sents := a.sentencesOf(bi)
	if len(sents) != 1 {
		return candidate{}, false
	}
	s := sents[0]
	if s == nil || len(s.runs) == 0 || len(s.mentions) > 0 && !onlyEditions(s) {
		return candidate{}, false
	}
	r := s.runs[0]
	if r.quoted || r.start != b.content.start || r.possessive || r.words() > 10 {
		return candidate{}, false
	}
	rest := a.text[r.end:b.content.end]
	c := candidate{title: r.text, span: span{r.start, r.end}, sent: s.idx, conf: 0.7, list: true}
	if m := akaParenRE.FindStringSubmatch(rest); m != nil {
		c.aka = strings.TrimSpace(m[1])
		rest = rest[len(m[0]):]
	}
	if m := yearParenRE.FindStringSubmatch(rest); m != nil {
		c.year, _ = strconv.Atoi(m[1])
		rest = rest[len(m[0]):]
		c.conf = 0.8
	}
	if strings.TrimSpace(rest) != "" || !plausibleTitle(c.title) || a.isPersonRun(s, r) {
		return candidate{}, false
	}
	lower := strings.ToLower(c.title)
	for _, w := range []string{"new from", "release", "schedule", "line-up", "lineup", "store", "via ", "reviews", "news", "subscribe", "features", "extras", "specs", "details"} {
		if strings.Contains(lower, w) {
			return candidate{}, false
		}
	}
	return c, true
}

func onlyEditions(s *sent) bool {
	for _, m := range s.mentions {
		if m.kind != mEdition {
			return false
		}
	}
	return true
}

// emphasisCandidates turns italic or cited HTML text into title
// candidates.
func (a *analysis) emphasisCandidates() []candidate {
	var out []candidate
	for _, e := range a.doc.emphasis {
		t := strings.TrimSpace(a.text[e.start:e.end])
		if !plausibleTitle(t) || !startsUpper(t) || len(strings.Fields(t)) > 10 {
			continue
		}
		idx := -1
		for _, s := range a.sents {
			if s.start <= e.start && e.end <= s.end {
				idx = s.idx
			}
		}
		if idx < 0 {
			continue
		}
		out = append(out, candidate{title: t, span: e, sent: idx, conf: 0.7})
	}
	return out
}

// titleKey normalises a title for matching: folded, punctuation and
// "vs"/"v" spelled alike.
func titleKey(t string) string {
	if k, ok := asciiTitleKey(t); ok {
		return k
	}
	t = catalog.FoldText(t)
	var b strings.Builder
	for _, r := range t {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		if w == "vs" || w == "versus" {
			words[i] = "v"
		}
	}
	return strings.Join(words, " ")
}

// asciiTitleKey is titleKey for ASCII text in one pass; ok is false
// for other text.
func asciiTitleKey(t string) (string, bool) {
	b := make([]byte, 0, len(t))
	space := false
	flush := func() {
		// "vs" and "versus" as whole words read "v".
		w := b
		if i := lastIndexByte(b, ' '); i >= 0 {
			w = b[i+1:]
		}
		if string(w) == "vs" || string(w) == "versus" {
			b = append(b[:len(b)-len(w)], 'v')
		}
	}
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= 0x80:
			return "", false
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == '\'':
			continue
		default:
			space = len(b) > 0
			continue
		}
		if space {
			flush()
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	if len(b) > 0 {
		flush()
	}
	return string(b), true
}

func lastIndexByte(b []byte, c byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// clusterCandidates merges candidates naming the same film: equal keys,
// a shorter form that ends a longer title ("Trunk Show"), or the part of
// a title before its colon.
func clusterCandidates(cands []candidate) []*film {
	byKey := map[string]*film{}
	var films []*film
	// Longer titles first so short forms find them.
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	sortByLen(order, cands)
	for _, i := range order {
		c := cands[i]
		key := titleKey(c.title)
		if key == "" {
			continue
		}
		f := byKey[key]
		if f == nil {
			f = findAliasFilm(films, key)
		}
		if f == nil {
			f = &film{title: c.title, evidence: c.span, conf: c.conf, order: c.span.start, list: c.list}
			films = append(films, f)
		}
		byKey[key] = f
		f.absorb(c)
		if c.aka != "" {
			f.aliases = appendUnique(f.aliases, c.aka)
			byKey[titleKey(c.aka)] = f
		}
	}
	sortFilms(films)
	return films
}

// absorb merges a candidate into the film.
func (f *film) absorb(c candidate) {
	if c.year != 0 && f.year == 0 {
		f.year = c.year
	}
	if c.conf > f.conf {
		f.conf = c.conf
	}
	if c.span.start < f.order {
		f.order = c.span.start
	}
	f.list = f.list || c.list
	// Prefer a mixed-case spelling over an all-caps one.
	if isAllCaps(f.title) && !isAllCaps(c.title) && titleKey(c.title) == titleKey(f.title) {
		f.title = c.title
	}
	if titleKey(c.title) != titleKey(f.title) {
		f.aliases = appendUnique(f.aliases, c.title)
	}
	for _, d := range c.directors {
		f.credits = append(f.credits, creditFact{name: d.name, role: roleDirector, evidence: d.span, conf: 0.7})
	}
}

func findAliasFilm(films []*film, key string) *film {
	for _, f := range films {
		fk := titleKey(f.title)
		if strings.HasSuffix(fk, " "+key) && strings.Contains(key, " ") {
			return f
		}
		if i := strings.Index(f.title, ":"); i > 0 && titleKey(f.title[:i]) == key {
			return f
		}
	}
	return nil
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if titleKey(x) == titleKey(s) {
			return list
		}
	}
	return append(list, s)
}
