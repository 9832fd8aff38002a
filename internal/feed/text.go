package feed

import (
	"strings"
	"unicode/utf8"
)

// maxLineOctets is the longest content line RFC 5545 (section 3.1) allows,
// not counting the CRLF that ends it.
const maxLineOctets = 75

// sanitizeText returns s as iCalendar TEXT can carry it: valid UTF-8
// (invalid bytes become U+FFFD), every line break ("\r\n", "\r" or "\n")
// a single "\n", and no other control character but the tab, which
// RFC 5545's TSAFE-CHAR excludes.
func sanitizeText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case c == '\n' || c == '\t':
			b.WriteByte(c)
		case c < 0x20 || c == 0x7f:
			// Dropped: not allowed in TEXT.
		default:
			b.WriteByte(c) // bytes of multi-byte runes are never < 0x80
		}
	}
	return b.String()
}

// escapeText escapes a TEXT property value (RFC 5545 section 3.3.11):
// backslash, semicolon and comma get a backslash, a line break becomes
// the two characters `\n`. The text is sanitized first (see sanitizeText).
func escapeText(s string) string {
	s = sanitizeText(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// appendFolded appends one content line to dst, folded so that no
// physical line is longer than 75 octets (RFC 5545 section 3.1), each
// line ended by CRLF. A fold never splits a UTF-8 sequence; continuation
// lines start with a single space, which counts towards their 75 octets.
// line must not contain CR or LF (escapeText guarantees that for values).
func appendFolded(dst []byte, line string) []byte {
	limit := maxLineOctets
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if cut == 0 { // not UTF-8 at all; never happens for sanitized text
			cut = limit
		}
		dst = append(dst, line[:cut]...)
		dst = append(dst, "\r\n "...)
		line = line[cut:]
		limit = maxLineOctets - 1
	}
	dst = append(dst, line...)
	return append(dst, "\r\n"...)
}
