package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a half-open byte range [start, end) of the document text.
type span struct{ start, end int }

func (s span) len() int { return s.end - s.start }

// blockKind says how a line of text is laid out.
type blockKind uint8

const (
	blockParagraph blockKind = iota
	blockHeading
	blockListItem
)

// block is one line-level unit: a paragraph, a heading or a list item.
type block struct {
	span
	kind blockKind
	// content excludes a list bullet.
	content span
}

// sentence is a sentence of a block, with its tokens.
type sentence struct {
	span
	block  int
	tokens []token
}

// bulletPrefixes start list items.
var bulletPrefixes = []string{"•", "·", "▪", "◦", "‣", "* ", "- ", "– ", "— "}

// segmentBlocks splits text[from:] into blocks, one per non-blank line.
func segmentBlocks(text string, from int) []block {
	var out []block
	for i := from; i < len(text); {
		line, next := nextLine(text, i)
		s := trimSpan(text, span{i, i + len(line)})
		i = next
		if s.len() == 0 {
			continue
		}
		b := block{span: s, content: s}
		body := text[s.start:s.end]
		for _, p := range bulletPrefixes {
			if strings.HasPrefix(body, p) {
				b.kind = blockListItem
				b.content = trimSpan(text, span{s.start + len(p), s.end})
				break
			}
		}
		if b.kind != blockListItem && isHeadingLine(body) {
			b.kind = blockHeading
		}
		if b.content.len() > 0 {
			out = append(out, b)
		}
	}
	return out
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

// isHeadingLine reports whether a line is a headline: every word of four
// or more letters is capitalized, and it is not a long passage.
func isHeadingLine(line string) bool {
	words := strings.Fields(line)
	if len(words) == 0 || len(words) > 20 {
		return false
	}
	long := 0
	for _, w := range words {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if utf8.RuneCountInString(w) < 4 || !startsWithLetter(w) {
			continue
		}
		long++
		if !startsUpper(w) {
			return false
		}
	}
	return long > 0
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "vs": true, "v": true,
	"jr": true, "sr": true, "bros": true, "inc": true, "ltd": true, "co": true,
	"corp": true, "no": true, "vol": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true,
	"oct": true, "nov": true, "dec": true, "approx": true, "min": true, "mins": true,
	"ft": true, "feat": true, "aka": true, "etc": true, "e.g": true, "i.e": true,
	"a.k.a": true, "u.s": true, "u.k": true, "prof": true, "gen": true, "col": true,
}

// segmentSentences splits a block into sentences.
func segmentSentences(text string, b block) []span {
	var out []span
	start := b.content.start
	s := text[:b.content.end]
	for i := start; i < b.content.end; {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == '.' || r == '!' || r == '?') && sentenceEndsAt(s, start, i, n) {
			end := i + n
			for end < len(s) && strings.ContainsRune("\"'”’)]", rune(s[end])) {
				end++
			}
			if sp := trimSpan(text, span{start, end}); sp.len() > 0 {
				out = append(out, sp)
			}
			start = end
			i = end
			continue
		}
		i += n
	}
	if sp := trimSpan(text, span{start, b.content.end}); sp.len() > 0 {
		out = append(out, sp)
	}
	return out
}

// sentenceEndsAt decides whether the punctuation at i (n bytes) ends a
// sentence: it must be followed by space and a capital, digit or quote,
// and a period must not end an abbreviation or an initial.
func sentenceEndsAt(s string, start, i, n int) bool {
	j := i + n
	for j < len(s) && strings.ContainsRune("\"'”’)]", rune(s[j])) {
		j++
	}
	if j >= len(s) {
		return false
	}
	r, rn := utf8.DecodeRuneInString(s[j:])
	if !isSpaceRune(r) {
		return false
	}
	j += rn
	for j < len(s) {
		r, rn = utf8.DecodeRuneInString(s[j:])
		if !isSpaceRune(r) {
			break
		}
		j += rn
	}
	if j >= len(s) {
		return false
	}
	if r == '(' && j+1 < len(s) {
		// "(We love...)" starts a sentence; "(aka Other)" does not.
		next, _ := utf8.DecodeRuneInString(s[j+1:])
		if unicode.IsUpper(next) {
			return s[i] != '.' || !abbreviations[strings.ToLower(lastWord(s[start:i]))]
		}
		return false
	}
	if !(unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'", r)) {
		return false
	}
	if s[i] != '.' {
		return !insideName(s, i)
	}
	word := lastWord(s[start:i])
	if abbreviations[strings.ToLower(word)] {
		return false
	}
	// Initials: "J." or "J.A." (a number before the period is no initial).
	if word != "" && (utf8.RuneCountInString(strings.ReplaceAll(word, ".", "")) <= 1 || strings.Contains(word, ".")) {
		return false
	}
	return true
}

// namesWithPunctuation are gazetteer names whose punctuation does not
// end a sentence.
var namesWithPunctuation = []string{"Shout! Factory", "Shout! Studios", "Yahoo! Movies", "Airplane!", "Oklahoma!"}

// insideName reports whether the punctuation at i belongs to one of
// namesWithPunctuation.
func insideName(s string, i int) bool {
	for _, n := range namesWithPunctuation {
		for j := 0; j < len(n); j++ {
			if n[j] == s[i] && i-j >= 0 && i-j+len(n) <= len(s) && s[i-j:i-j+len(n)] == n {
				return true
			}
		}
	}
	return false
}

// lastWord returns the run of letters and periods that ends s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		i -= n
	}
	return s[i:]
}
