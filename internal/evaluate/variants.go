package evaluate

import (
	"html"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/extract"
)

// Variant is an article rewritten in another typography or layout that
// states the same facts.
type Variant struct {
	// Name says what changed: "straight-quotes", "curly-quotes",
	// "dashes", "nbsp", "hard-wrap", "bullets-dot", "bullets-star",
	// "bullets-hyphen", "bullets-number", "html", "headline-title-case",
	// "headline-upper" or "no-date".
	Name string
	// Text is the whole rewritten article, header lines included.
	Text []byte
	// NoDate reports that the header's publication date was replaced by
	// "date unknown": relative dates can then no longer be resolved.
	NoDate bool
}

// VariantNames lists every variant name in the order Variants returns
// them.
var VariantNames = []string{
	"straight-quotes", "curly-quotes", "dashes", "nbsp", "hard-wrap",
	"bullets-dot", "bullets-star", "bullets-hyphen", "bullets-number",
	"html", "headline-title-case", "headline-upper", "no-date",
}

// Variants derives typographic and layout variants of one article in
// either corpus layout. The header ("date …" and "source …" lines, or the
// "date …" prefix of the first line) is kept byte for byte, except by
// the no-date variant, which changes nothing else. Every variant is a
// deterministic function of its input; a variant whose text would equal
// the article (no quotes to change, no headline, already "date unknown")
// is left out.
func Variants(article []byte) []Variant {
	src := string(article)
	a := splitArticle(src)
	var out []Variant
	add := func(name, body string) {
		text := a.header + body
		if text != src {
			out = append(out, Variant{Name: name, Text: []byte(text)})
		}
	}
	add("straight-quotes", straightQuotes(a.body))
	add("curly-quotes", curlyQuotes(a.body))
	add("dashes", rotateDashes(a.body))
	add("nbsp", nbspSpaces(a.body))
	add("hard-wrap", hardWrap(a.body, 72))
	lay := analyzeLayout(a.body)
	for _, s := range []struct{ name, bullet string }{
		{"bullets-dot", "•"}, {"bullets-star", "*"}, {"bullets-hyphen", "-"}, {"bullets-number", "1."},
	} {
		add(s.name, lay.bullets(s.bullet))
	}
	add("html", lay.html(nil, a.source))
	if lay.head >= 0 {
		line := lay.lines[lay.head]
		start := lay.offsets[lay.head]
		end := start + len(line)
		add("headline-title-case", a.body[:start]+titleCase(line)+a.body[end:])
		add("headline-upper", a.body[:start]+strings.ToUpper(line)+a.body[end:])
	}
	if a.dateEnd > a.dateStart && a.header[a.dateStart:a.dateEnd] != "unknown" {
		text := a.header[:a.dateStart] + "unknown" + a.header[a.dateEnd:] + a.body
		out = append(out, Variant{Name: "no-date", Text: []byte(text), NoDate: true})
	}
	return out
}

// The header patterns mirror extract.ParseInput's.
var (
	variantDateRE   = regexp.MustCompile(`^\s*date\s+(\d{4}-\d{2}-\d{2}|unknown)\b[ \t]*`)
	variantSourceRE = regexp.MustCompile(`^source\s+(\S+)[ \t]*$`)
)

// splitArticleResult is an article cut into its header and its text.
type splitArticleResult struct {
	header, body       string
	dateStart, dateEnd int // the date value's byte span in header
	source             string
}

// splitArticle recognises the corpus header layouts: "date X text…" on
// one line, or a "date X" line optionally followed by a "source URL" line.
func splitArticle(s string) splitArticleResult {
	m := variantDateRE.FindStringSubmatchIndex(s)
	if m == nil {
		return splitArticleResult{body: s}
	}
	r := splitArticleResult{dateStart: m[2], dateEnd: m[3]}
	rest := s[m[1]:]
	if !strings.HasPrefix(rest, "\n") && !strings.HasPrefix(rest, "\r\n") {
		r.header, r.body = s[:m[1]], rest
		return r
	}
	end := m[1] + 1
	if strings.HasPrefix(rest, "\r\n") {
		end++
	}
	line, next := s[end:], len(s)
	if i := strings.IndexByte(line, '\n'); i >= 0 {
		line, next = line[:i], end+i+1
	}
	if sm := variantSourceRE.FindStringSubmatch(strings.TrimRight(line, "\r")); sm != nil {
		r.source = sm[1]
		end = next
	}
	r.header, r.body = s[:end], s[end:]
	return r
}

// straightQuotes turns curly quotes, apostrophes, primes and guillemets
// into ASCII ' and ".
func straightQuotes(s string) string {
	return strings.NewReplacer(
		"\u2018", "'", "\u2019", "'", "\u2032", "'",
		"\u201C", `"`, "\u201D", `"`, "\u2033", `"`, "\u00AB", `"`, "\u00BB", `"`,
	).Replace(s)
}

// curlyQuotes turns ASCII quotes and apostrophes into typographic ones:
// an apostrophe inside or at the end of a word becomes ’ (as does one
// abbreviating a decade, '90s), an opening single quote ‘, and double
// quotes “ or ” by the side of the word they touch.
func curlyQuotes(s string) string {
	rs := []rune(s)
	out := make([]rune, len(rs))
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return 0
		}
		return rs[i]
	}
	for i, r := range rs {
		prev, next := at(i-1), at(i+1)
		opening := prev == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{—–-/\u2018\u201C", prev)
		switch r {
		case '\'':
			switch {
			case !opening:
				r = '’'
			case unicode.IsDigit(next) && unicode.IsDigit(at(i+2)) && !unicode.IsDigit(at(i+3)):
				r = '’' // '90s
			default:
				r = '‘'
			}
		case '"':
			if opening {
				r = '“'
			} else {
				r = '”'
			}
		}
		out[i] = r
	}
	return string(out)
}

// rotateDashes rotates the dashes between words: " - " becomes " – ",
// an en dash an em dash, and an em dash a spaced hyphen-minus. Hyphens
// inside words (Blu-ray, 4K-UHD) are never touched.
func rotateDashes(s string) string {
	rs := []rune(s)
	out := make([]rune, 0, len(rs)+16)
	for i, r := range rs {
		switch {
		case r == '-' && i > 0 && i+1 < len(rs) && rs[i-1] == ' ' && rs[i+1] == ' ':
			out = append(out, '–')
		case r == '–':
			out = append(out, '—')
		case r == '—':
			if i > 0 && !unicode.IsSpace(rs[i-1]) {
				out = append(out, ' ')
			}
			out = append(out, '-')
			if i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
				out = append(out, ' ')
			}
		default:
			out = append(out, r)
		}
	}
	return string(out)
}

// nbspSpaces sets the spaces after numbers and between capitalized words
// as no-break spaces (every 5th a narrow one, U+202F), puts a soft hyphen
// in the middle of every 5th lowercase word of 10 letters or more, and a
// zero-width space after every 9th remaining space between two words.
func nbspSpaces(s string) string {
	rs := []rune(s)
	// Soft hyphens.
	var soft []rune
	long := 0
	for i := 0; i < len(rs); {
		if !unicode.IsLetter(rs[i]) || (i > 0 && unicode.IsLetter(rs[i-1])) {
			soft = append(soft, rs[i])
			i++
			continue
		}
		j := i
		lower := true
		for j < len(rs) && unicode.IsLetter(rs[j]) {
			lower = lower && unicode.IsLower(rs[j])
			j++
		}
		word := rs[i:j]
		if lower && len(word) >= 10 {
			long++
			if long%5 == 0 {
				mid := len(word) / 2
				soft = append(soft, word[:mid]...)
				soft = append(soft, '\u00AD')
				soft = append(soft, word[mid:]...)
				i = j
				continue
			}
		}
		soft = append(soft, word...)
		i = j
	}
	rs = soft
	// Spaces.
	out := make([]rune, 0, len(rs)+16)
	nb, zw := 0, 0
	for i, r := range rs {
		if r != ' ' || i == 0 || i+1 >= len(rs) {
			out = append(out, r)
			continue
		}
		prev, next := rs[i-1], rs[i+1]
		if unicode.IsSpace(next) || next == '\u200B' {
			out = append(out, r)
			continue
		}
		if unicode.IsDigit(prev) || (unicode.IsLetter(prev) && unicode.IsUpper(next) && capitalizedBefore(rs, i)) {
			nb++
			if nb%5 == 0 {
				out = append(out, '\u202F')
			} else {
				out = append(out, '\u00A0')
			}
			continue
		}
		if isLetterOrDigit(prev) && unicode.IsLetter(next) {
			zw++
			if zw%9 == 0 {
				out = append(out, ' ', '\u200B')
				continue
			}
		}
		out = append(out, r)
	}
	return string(out)
}

// capitalizedBefore reports whether the word ending before rs[i] starts
// with an upper-case letter (after any opening quote or bracket).
func capitalizedBefore(rs []rune, i int) bool {
	j := i
	for j > 0 && !unicode.IsSpace(rs[j-1]) {
		j--
	}
	for ; j < i; j++ {
		if unicode.IsLetter(rs[j]) || unicode.IsDigit(rs[j]) {
			return unicode.IsUpper(rs[j])
		}
	}
	return false
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// hardWrap wraps every line longer than width runes at spaces, replacing
// the space it breaks at by a newline, so that joining the lines with
// spaces gives the text back. A line is never broken before something
// that would read as a list marker, and a word longer than width stays
// whole.
func hardWrap(s string, width int) string {
	lines := strings.Split(s, "\n")
	for li, line := range lines {
		rs := []rune(line)
		start := 0
		for len(rs)-start > width {
			brk := -1
			for j := start + 1; j < len(rs); j++ {
				if j-start > width && brk >= 0 {
					break
				}
				if rs[j] == ' ' && j+1 < len(rs) && rs[j+1] != ' ' && listMarker(string(rs[j+1:])) == 0 {
					brk = j
				}
			}
			if brk < 0 {
				break
			}
			rs[brk] = '\n'
			start = brk + 1
		}
		lines[li] = string(rs)
	}
	return strings.Join(lines, "\n")
}

// listMarker returns the byte length of a list-item marker that starts
// line (indentation, a bullet •, ·, ▪, *, -, – or —, or "N." / "N)", and
// the spaces after it), or 0 when the line is not a list item.
func listMarker(line string) int {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
		i++
	}
	r, n := utf8.DecodeRuneInString(line[i:])
	j := i + n
	switch {
	case r == '•' || r == '·' || r == '▪':
	case r == '*' || r == '-' || r == '–' || r == '—':
		if j >= len(line) || (line[j] != ' ' && line[j] != '\t') {
			return 0
		}
	case r >= '0' && r <= '9':
		j = i
		for j < len(line) && j-i < 4 && line[j] >= '0' && line[j] <= '9' {
			j++
		}
		if j-i > 3 || j >= len(line) || (line[j] != '.' && line[j] != ')') {
			return 0
		}
		j++
		if j >= len(line) || (line[j] != ' ' && line[j] != '\t') {
			return 0
		}
	default:
		return 0
	}
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	if strings.TrimSpace(line[j:]) == "" {
		return 0
	}
	return j
}

// shortLine reports whether a line could be a list item: under 100 runes,
// no sentence-final period, not starting in lower case (a wrapped
// sentence's continuation) and not ending in a comma, colon, semicolon
// or dash (a line that goes on).
func shortLine(line string) bool {
	t := strings.TrimSpace(line)
	if t == "" || utf8.RuneCountInString(t) >= 100 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	if unicode.IsLower(first) {
		return false
	}
	return !endsSentence(t) && !strings.ContainsRune(",;:-–—", lastRune(t))
}

// endsSentence reports whether t ends with a period, before any closing
// quotes or brackets.
func endsSentence(t string) bool {
	t = strings.TrimRight(t, `"')]’”»`)
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "…")
}

// goesOn reports whether a sentence runs on from line into next: line
// ends in a comma, semicolon or dash, or has no final punctuation and
// next starts in lower case.
func goesOn(line, next string) bool {
	t := strings.TrimSpace(line)
	if strings.ContainsRune(",;-–—", lastRune(t)) {
		return true
	}
	first, _ := utf8.DecodeRuneInString(strings.TrimSpace(next))
	end := lastRune(strings.TrimRight(t, `"')]’”»`))
	return unicode.IsLower(first) && !strings.ContainsRune(".!?…:", end)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// layout is the line structure of an article's text.
type layout struct {
	body    string
	lines   []string // without their "\n"
	offsets []int    // byte offset of each line in body
	// head is the index of the headline: the first non-empty line when
	// it is short and has no final period; -1 when there is none.
	head int
	// marker is the byte length of a line's own list marker (listMarker).
	marker []int
	// run is the number of the run of short lines a line was made a list
	// item for (from 1), 0 for none.
	run []int
	// wrapped marks the lines of blocks that are wrapped paragraphs: a
	// line of the block goes on in the next one (goesOn).
	wrapped []bool
}

// analyzeLayout finds the headline and the list items of a text: the
// lines that already are list items and every run of two or more
// consecutive short lines (shortLine; blank lines between them do not
// end a run) in blocks of non-blank lines made only of short lines and
// list items. A block that holds a longer line is a (wrapped) paragraph.
// The headline never joins a run.
func analyzeLayout(body string) *layout {
	l := &layout{body: body, lines: strings.Split(body, "\n"), head: -1}
	off := 0
	for _, line := range l.lines {
		l.offsets = append(l.offsets, off)
		off += len(line) + 1
	}
	n := len(l.lines)
	l.marker = make([]int, n)
	l.run = make([]int, n)
	l.wrapped = make([]bool, n)
	blank := func(i int) bool { return strings.TrimSpace(l.lines[i]) == "" }
	for i := range l.lines {
		if blank(i) {
			continue
		}
		if t := l.lines[i]; utf8.RuneCountInString(strings.TrimSpace(t)) < 100 && !endsSentence(strings.TrimSpace(t)) && listMarker(t) == 0 {
			l.head = i
		}
		break
	}
	// Blocks of non-blank lines; the headline is a block of its own.
	candidate := make([]bool, n)
	for i := 0; i < n; {
		if blank(i) {
			i++
			continue
		}
		j := i + 1
		if i != l.head {
			for j < n && !blank(j) && j != l.head {
				j++
			}
		}
		wrapped := false
		for k := i; k+1 < j; k++ {
			wrapped = wrapped || goesOn(l.lines[k], l.lines[k+1])
		}
		for k := i; k < j; k++ {
			l.wrapped[k] = wrapped
		}
		ok := i != l.head && !wrapped
		for k := i; k < j; k++ {
			if k != l.head {
				l.marker[k] = listMarker(l.lines[k])
			}
			ok = ok && (l.marker[k] > 0 || shortLine(l.lines[k]))
		}
		for k := i; k < j; k++ {
			candidate[k] = ok && l.marker[k] == 0
		}
		i = j
	}
	runs := 0
	var cur []int
	flush := func() {
		if len(cur) >= 2 {
			runs++
			for _, k := range cur {
				l.run[k] = runs
			}
		}
		cur = cur[:0]
	}
	for i := range l.lines {
		switch {
		case blank(i):
		case candidate[i]:
			cur = append(cur, i)
		default:
			flush()
		}
	}
	flush()
	return l
}

func (l *layout) item(i int) bool { return l.marker[i] > 0 || l.run[i] > 0 }

// content is the text of a list item without its marker and indentation.
func (l *layout) content(i int) string {
	if l.marker[i] > 0 {
		return l.lines[i][l.marker[i]:]
	}
	return strings.TrimLeft(l.lines[i], " \t")
}

// bullets rewrites the text with every list item in one bullet style
// ("1." numbers the items of each list). Blank lines inside a run of
// short lines are dropped, so the run reads as one list.
func (l *layout) bullets(style string) string {
	var b strings.Builder
	num := 0
	lastItem := -1 // the previous non-blank line, when it was an item
	for i, line := range l.lines {
		if strings.TrimSpace(line) == "" {
			// Drop the blank lines between two items of one run.
			if lastItem >= 0 && l.run[lastItem] > 0 {
				if j := l.nextNonBlank(i); j >= 0 && l.run[j] == l.run[lastItem] {
					continue
				}
			}
		} else if l.item(i) {
			if lastItem < 0 {
				num = 0
			}
			num++
			marker := style
			if style == "1." {
				marker = strconv.Itoa(num) + "."
			}
			line = marker + " " + l.content(i)
			lastItem = i
		} else {
			lastItem = -1
		}
		b.WriteString(line)
		if i < len(l.lines)-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (l *layout) nextNonBlank(i int) int {
	for j := i + 1; j < len(l.lines); j++ {
		if strings.TrimSpace(l.lines[j]) != "" {
			return j
		}
	}
	return -1
}

// ItalicHTML renders an article as the html variant does and sets every
// gold title inside a paragraph in <em>, as sites that italicize titles
// write them. Italics say what the plain text does not, so this is no
// variant that must keep the original's facts: it is scored against the
// gold, and must do no worse than the plain text.
func ItalicHTML(article []byte, gold extract.Labels) []byte {
	a := splitArticle(string(article))
	return []byte(a.header + analyzeLayout(a.body).html(emphasisTitles(gold), a.source))
}

// html renders the text as a typical article page: page chrome (title,
// script, navigation, footer) around an <article> with the headline as
// <h1>, paragraphs as <p> and list items as <li>; every one of titles
// inside a paragraph is set in <em>. A paragraph is a wrapped block of
// lines (between blank lines) or else one line. The header stays plain
// text before the markup.
func (l *layout) html(titles [][]rune, source string) string {
	var b strings.Builder
	headline := "Article"
	if l.head >= 0 {
		headline = strings.TrimSpace(l.lines[l.head])
	}
	b.WriteString("<!doctype html><html><head><title>" + html.EscapeString(headline) +
		"</title><script>var x=1;</script></head><body><nav>Home | Reviews</nav><article>")
	if l.head >= 0 {
		b.WriteString("<h1>" + html.EscapeString(headline) + "</h1>\n")
	}
	var para []string
	inList := false
	endPara := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + emphasize(strings.Join(para, "\n"), titles) + "</p>\n")
			para = nil
		}
	}
	endList := func() {
		if inList {
			b.WriteString("</ul>\n")
			inList = false
		}
	}
	for i, line := range l.lines {
		switch {
		case i == l.head:
		case strings.TrimSpace(line) == "":
			endPara()
		case l.item(i):
			endPara()
			if !inList {
				b.WriteString("<ul>")
				inList = true
			}
			b.WriteString("<li>" + html.EscapeString(strings.TrimSpace(l.content(i))) + "</li>")
		default:
			endList()
			para = append(para, strings.TrimSpace(line))
			if !l.wrapped[i] {
				endPara()
			}
		}
	}
	endPara()
	endList()
	b.WriteString("</article><footer>© " + html.EscapeString(outletName(source)) + "</footer></body></html>\n")
	return b.String()
}

// outletName is the host of the article's source address, or "Outlet".
func outletName(source string) string {
	if u, err := url.Parse(source); err == nil && u.Host != "" {
		return strings.TrimPrefix(u.Host, "www.")
	}
	return "Outlet"
}

// emphasisTitles lists the gold titles, folded like the text they are
// looked for in, longest first.
func emphasisTitles(gold extract.Labels) [][]rune {
	seen := map[string]bool{}
	var out [][]rune
	for _, t := range gold.Titles {
		f := foldQuotes(strings.TrimSpace(t.Title))
		if utf8.RuneCountInString(f) < 2 || seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, []rune(f))
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// foldQuotes makes curly and straight quotes compare equal.
func foldQuotes(s string) string { return straightQuotes(s) }

// emphasize HTML-escapes text and sets every occurrence of one of titles
// (case-sensitive, quotes folded, at word boundaries) in <em>.
func emphasize(text string, titles [][]rune) string {
	rs := []rune(text)
	folded := []rune(foldQuotes(text))
	if len(folded) != len(rs) {
		folded = rs // straightQuotes maps rune to rune; this is a safeguard
	}
	var b strings.Builder
	plain := 0
	for i := 0; i < len(rs); {
		if i > 0 && isLetterOrDigit(rs[i-1]) && isLetterOrDigit(rs[i]) {
			i++
			continue
		}
		matched := 0
		for _, t := range titles {
			end := i + len(t)
			if end > len(rs) || string(folded[i:end]) != string(t) {
				continue
			}
			if end < len(rs) && isLetterOrDigit(rs[end-1]) && isLetterOrDigit(rs[end]) {
				continue
			}
			matched = len(t)
			break
		}
		if matched == 0 {
			i++
			continue
		}
		b.WriteString(html.EscapeString(string(rs[plain:i])))
		b.WriteString("<em>" + html.EscapeString(string(rs[i:i+matched])) + "</em>")
		i += matched
		plain = i
	}
	b.WriteString(html.EscapeString(string(rs[plain:])))
	return b.String()
}

// smallWords stay lower case inside a title-cased headline.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "but": true, "or": true, "nor": true,
	"for": true, "as": true, "at": true, "by": true, "in": true, "of": true, "on": true,
	"to": true, "vs": true, "vs.": true, "via": true,
}

// titleCase capitalizes the first letter of every word of a headline,
// except articles, short conjunctions and prepositions that neither
// start nor end it (nor follow a colon), which are lower-cased.
func titleCase(line string) string {
	words := strings.Split(line, " ")
	first, last := -1, -1
	for i, w := range words {
		if w != "" {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	afterColon := false
	for i, w := range words {
		if w == "" {
			continue
		}
		core := strings.TrimFunc(w, func(r rune) bool { return !isLetterOrDigit(r) && r != '.' })
		if smallWords[strings.ToLower(core)] && i != first && i != last && !afterColon {
			words[i] = strings.ToLower(w)
		} else {
			words[i] = upperFirstLetter(w)
		}
		afterColon = strings.HasSuffix(w, ":")
	}
	return strings.Join(words, " ")
}

func upperFirstLetter(w string) string {
	for i, r := range w {
		if unicode.IsLetter(r) {
			return w[:i] + string(unicode.ToUpper(r)) + w[i+utf8.RuneLen(r):]
		}
		if unicode.IsDigit(r) {
			return w
		}
	}
	return w
}
