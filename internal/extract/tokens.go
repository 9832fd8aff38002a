package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type tokenKind uint8

const (
	tokWord tokenKind = iota
	tokNumber
	tokPunct
)

// token is a word, number or punctuation mark of a sentence.
type token struct {
	span
	text  string
	lower string
	kind  tokenKind
	// upper: the token starts with an upper-case letter.
	upper bool
	// allCaps: the token has two or more letters, all upper case.
	allCaps bool
}

func (t token) is(words ...string) bool {
	for _, w := range words {
		if t.lower == w {
			return true
		}
	}
	return false
}

// isJoiner reports whether r may join two word characters into one token
// ("Blu-ray", "Rex’s", "J.A", "10/26", "39.95", "R&B").
func isJoiner(r rune) bool {
	switch r {
	case '-', '\'', '’', '.', '/', '&', '‐':
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
	for i := s.start; i < s.end; {
		r, n := utf8.DecodeRuneInString(text[i:s.end])
		switch {
		case isSpaceRune(r):
			i += n
		case isWordRune(r):
			end := wordEnd(text, i, s.end)
			out = append(out, newToken(text, span{i, end}))
			i = end
		default:
			out = append(out, newToken(text, span{i, i + n}))
			i += n
		}
	}
	return out
}

// wordEnd returns where the word starting at i ends.
func wordEnd(text string, i, limit int) int {
	j := i
	for j < limit {
		r, n := utf8.DecodeRuneInString(text[j:limit])
		if isWordRune(r) {
			j += n
			continue
		}
		if isJoiner(r) && j+n < limit {
			next, _ := utf8.DecodeRuneInString(text[j+n : limit])
			if isWordRune(next) {
				j += n
				continue
			}
		}
		break
	}
	// Keep the period of an initialism or abbreviation: "J.A.", "Bros.".
	if j < limit && text[j] == '.' {
		w := text[i:j]
		if strings.Contains(w, ".") || abbreviations[strings.ToLower(w)] || (utf8.RuneCountInString(w) == 1 && startsUpper(w)) {
			j++
		}
	}
	return j
}

func newToken(text string, s span) token {
	t := token{span: s, text: text[s.start:s.end]}
	t.lower = lowerWord(t.text)
	r, _ := utf8.DecodeRuneInString(t.text)
	switch {
	case unicode.IsDigit(r):
		t.kind = tokNumber
	case unicode.IsLetter(r):
		t.kind = tokWord
		t.upper = unicode.IsUpper(r)
		t.allCaps = isAllCaps(t.text)
	default:
		t.kind = tokPunct
	}
	return t
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

// possessiveBase strips a possessive "'s"/"’s" (or a bare trailing
// apostrophe) and reports whether there was one.
func possessiveBase(w string) (string, bool) {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return w[:len(w)-len(suf)], true
		}
	}
	return w, false
}

func toLowerRune(r rune) rune { return unicode.ToLower(r) }

// lowerWord is strings.ToLower without the copy for text that has no
// upper-case ASCII letter and no other non-ASCII byte.
func lowerWord(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; 'A' <= c && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}
