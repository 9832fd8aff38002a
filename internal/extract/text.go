package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
)

// This file is the first typed stage: characters to tokens. Typography
// is absorbed here, once: every quote mark is a quote, every dash a dash,
// every space-like character a space, and soft hyphens and zero-width
// joiners vanish from words. Later stages read token.norm and never see
// which variant the text used.

// span is a half-open byte range [start, end) of the document text.
type span struct{ start, end int }

func (s span) len() int { return s.end - s.start }

func (s span) overlaps(o span) bool { return s.start < o.end && o.start < s.end }

func (s span) contains(o span) bool { return s.start <= o.start && o.end <= s.end }

type tokenKind uint8

const (
	tokWord tokenKind = iota
	tokNumber
	tokPunct
)

// token is a word, a number or a punctuation mark.
type token struct {
	span
	text string // as written
	// norm is the folded form: lower case, accents and typographic
	// variants folded (curly quotes and apostrophes to ', dashes to -),
	// soft hyphens and zero-width characters removed, a trailing
	// trademark sign dropped.
	norm string
	kind tokenKind
	// upper: the first letter is upper case; allCaps: two or more
	// letters, all upper case.
	upper, allCaps bool
	// poss: the word ends in a possessive 's (or ’s); base is norm
	// without it.
	poss bool
	base string
	// quote is '"' or '\'' for a quotation mark, 0 otherwise; dash is
	// true for a dash standing between words.
	quote byte
	dash  bool
	// spaceBefore: white space precedes the token.
	spaceBefore bool
}

func (t token) isWord() bool { return t.kind == tokWord }

// capitalized reports whether a word starts with a capital (or is a
// number, which may start or continue a title).
func (t token) capitalized() bool { return t.kind == tokWord && t.upper }

// ignorableRune reports characters that are dropped from words: soft
// hyphens, zero-width joiners and the trademark signs a press release
// glues to a format ("Blu-ray™").
func ignorableRune(r rune) bool {
	switch r {
	case '\u00ad', '\u200c', '\u200d', '\u2060', '™', '®':
		return true
	}
	return false
}

// isSpaceRune is white space, including no-break spaces, zero-width
// spaces and byte order marks, which separate words.
func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == 0
}

// quoteOf classifies quotation marks: '"' for double, '\” for single,
// 0 for none.
func quoteOf(r rune) byte {
	switch r {
	case '"', '“', '”', '„', '‟', '«', '»', '″', '〝', '〞':
		return '"'
	case '\'', '‘', '’', '‚', '‛', '′', '‹', '›', '`', '´':
		return '\''
	}
	return 0
}

// isApostrophe reports marks that may join the letters of a word
// ("Don’t", "Rex's").
func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '‘' || r == '`' || r == '´' || r == '′'
}

// isHyphen reports marks that join the parts of a word ("Blu-ray").
func isHyphen(r rune) bool { return r == '-' || r == '‐' || r == '‑' }

// isDash reports marks that separate phrases ("Title – a featurette").
func isDash(r rune) bool {
	switch r {
	case '–', '—', '―', '‒', '−', '⸺', '⸻':
		return true
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// tokenize splits text[s] into tokens.
func tokenize(text string, s span) []token {
	out := make([]token, 0, s.len()/5+4)
	space := true
	for i := s.start; i < s.end; {
		r, n := utf8.DecodeRuneInString(text[i:s.end])
		switch {
		case isSpaceRune(r):
			space = true
			i += n
			continue
		case ignorableRune(r):
			i += n
			continue
		case isWordRune(r):
			end := wordEnd(text, i, s.end)
			if pe := pluralPossessiveEnd(text, i, end, s.end, out); pe > end {
				end = pe
			}
			out = append(out, newWordToken(text, span{i, end}, space))
			i = end
		default:
			t := token{span: span{i, i + n}, text: text[i : i+n], kind: tokPunct, spaceBefore: space}
			t.quote = quoteOf(r)
			switch {
			case t.quote != 0:
				t.norm = string(t.quote)
			case isDash(r) || isHyphen(r):
				t.norm, t.dash = "-", true
			case r == '…':
				t.norm = "..."
			default:
				t.norm = string(unicode.ToLower(r))
			}
			t.base = t.norm
			out = append(out, t)
			i += n
		}
		space = false
	}
	return out
}

// wordEnd returns where the word starting at i ends. Letters and digits
// join across hyphens, apostrophes, periods, slashes and ampersands that
// stand between two of them ("Blu-ray", "Rex’s", "J.A", "R&B", and a
// slash between digits: "10/26"),
// and across ignorable characters.
func wordEnd(text string, i, limit int) int {
	j := i
	for j < limit {
		r, n := utf8.DecodeRuneInString(text[j:limit])
		if isWordRune(r) || ignorableRune(r) {
			j += n
			continue
		}
		if isApostrophe(r) || isHyphen(r) || r == '.' || r == '&' || r == '/' && j > i && isDigitByte(text[j-1]) && j+1 < limit && isDigitByte(text[j+1]) {
			k := j + n
			for k < limit {
				r2, n2 := utf8.DecodeRuneInString(text[k:limit])
				if !ignorableRune(r2) {
					break
				}
				k += n2
			}
			if k < limit {
				next, _ := utf8.DecodeRuneInString(text[k:limit])
				if isWordRune(next) {
					j = k
					continue
				}
			}
		}
		if r == '+' { // "Disney+", "Apple TV+"
			j += n
		}
		break
	}
	// Keep the period of an initial or an abbreviation: "J.A.", "Bros.".
	if j < limit && text[j] == '.' {
		w := text[i:j]
		if strings.Contains(w, ".") || abbreviations[strings.ToLower(w)] || (utf8.RuneCountInString(w) == 1 && startsUpper(w)) {
			j++
		}
	}
	return j
}

// pluralPossessiveEnd returns where a plural possessive ends when the
// word text[i:end] is one ("Abrams’ film", "the Coens' new film"): a
// capitalized word of three or more letters ending in s, followed by an
// apostrophe and then a space or the end, with no single quote open
// before it in the sentence (then the mark closes a quotation:
// ‘Jaws’). Otherwise it returns end.
func pluralPossessiveEnd(text string, i, end, limit int, before []token) int {
	if end >= limit || end-i < 3 || text[end-1] != 's' || !startsUpper(text[i:end]) {
		return end
	}
	r, n := utf8.DecodeRuneInString(text[end:limit])
	if r != '\'' && r != '’' {
		return end
	}
	if end+n < limit {
		next, _ := utf8.DecodeRuneInString(text[end+n : limit])
		if !isSpaceRune(next) {
			return end
		}
	}
	open := false
	for k := len(before) - 1; k >= 0 && k >= len(before)-30; k-- {
		t := before[k]
		if t.quote != '\'' {
			continue
		}
		// An opening mark stands before a word, a closing one after.
		if t.spaceBefore || k == 0 {
			open = !open
			if open {
				break
			}
		} else {
			open = false
			break
		}
	}
	if open {
		return end
	}
	return end + n
}

func isDigitByte(b byte) bool { return '0' <= b && b <= '9' }

// abbreviations end with a period that neither ends a sentence nor
// leaves the word.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "vs": true, "v": true,
	"jr": true, "sr": true, "bros": true, "inc": true, "ltd": true, "co": true,
	"corp": true, "no": true, "vol": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "approx": true, "min": true, "mins": true,
	"ft": true, "feat": true, "aka": true, "etc": true, "prof": true, "gen": true,
	"col": true, "mt": true, "pt": true,
}

func newWordToken(text string, s span, space bool) token {
	t := token{span: s, text: text[s.start:s.end], spaceBefore: space}
	t.norm = normWord(t.text)
	r, _ := utf8.DecodeRuneInString(t.text)
	switch {
	case unicode.IsDigit(r):
		t.kind = tokNumber
	default:
		t.kind = tokWord
		t.upper = unicode.IsUpper(r)
		t.allCaps = isAllCaps(t.text)
	}
	t.base = t.norm
	if b, ok := strings.CutSuffix(t.norm, "'s"); ok && b != "" {
		t.base, t.poss = b, true
	} else if b, ok := strings.CutSuffix(t.norm, "s'"); ok && b != "" {
		t.base, t.poss = b+"s", true
	}
	return t
}

// normWord folds a word: lower case, accents folded, apostrophes and
// hyphens unified, ignorable characters dropped.
func normWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	var b strings.Builder
	for _, r := range w {
		switch {
		case ignorableRune(r):
		case isApostrophe(r):
			b.WriteByte('\'')
		case isHyphen(r):
			b.WriteByte('-')
		default:
			b.WriteString(catalog.FoldText(string(r)))
		}
	}
	return b.String()
}

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// trimSpan narrows s to exclude surrounding white space.
func trimSpan(text string, s span) span {
	for s.start < s.end {
		r, n := utf8.DecodeRuneInString(text[s.start:s.end])
		if !isSpaceRune(r) {
			break
		}
		s.start += n
	}
	for s.end > s.start {
		r, n := utf8.DecodeLastRuneInString(text[s.start:s.end])
		if !isSpaceRune(r) {
			break
		}
		s.end -= n
	}
	return s
}
