package feed

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// unfold undoes RFC 5545 line folding and splits the content lines.
func unfold(doc string) []string {
	doc = strings.ReplaceAll(doc, "\r\n ", "")
	doc = strings.ReplaceAll(doc, "\r\n\t", "")
	doc = strings.TrimSuffix(doc, "\r\n")
	return strings.Split(doc, "\r\n")
}

// unescapeText undoes escapeText.
func unescapeText(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// checkFolded checks the physical lines of a folded document: each ends
// in CRLF, is at most 75 octets, is valid UTF-8 on its own, and every
// line but the first of a content line starts with a space.
func checkFolded(t *testing.T, doc string) {
	t.Helper()
	if !strings.HasSuffix(doc, "\r\n") {
		t.Fatalf("document does not end in CRLF: %q", doc)
	}
	lines := strings.Split(strings.TrimSuffix(doc, "\r\n"), "\r\n")
	for i, l := range lines {
		if len(l) > maxLineOctets {
			t.Errorf("line %d has %d octets: %q", i, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d is not valid UTF-8 on its own: %q", i, l)
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i, l)
		}
	}
}

func TestEscapeText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{`back\slash`, `back\\slash`},
		{"a;b,c", `a\;b\,c`},
		{"one\ntwo", `one\ntwo`},
		{"one\r\ntwo\rthree", `one\ntwo\nthree`},
		{"tab\tkept", "tab\tkept"},
		{"bell\a and nul\x00 and del\x7f dropped", "bell and nul and del dropped"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{`\n is not a newline`, `\\n is not a newline`},
		{"Ça; 東京, ok", `Ça\; 東京\, ok`},
	}
	for _, tt := range tests {
		if got := escapeText(tt.in); got != tt.want {
			t.Errorf("escapeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got, want := unescapeText(escapeText(tt.in)), sanitizeText(tt.in); got != want {
			t.Errorf("round trip of %q = %q, want %q", tt.in, got, want)
		}
	}
}

func TestFoldShortLinesUnchanged(t *testing.T) {
	line := "SUMMARY:" + strings.Repeat("x", maxLineOctets-len("SUMMARY:"))
	if got := string(appendFolded(nil, line)); got != line+"\r\n" {
		t.Errorf("75-octet line folded: %q", got)
	}
	got := string(appendFolded(nil, line+"y"))
	if want := line + "\r\n y\r\n"; got != want {
		t.Errorf("76-octet line = %q, want %q", got, want)
	}
}

// TestFoldMultiByteAtFoldPoints folds 200-byte summaries whose multi-byte
// characters straddle the 75-octet fold points, at every offset.
func TestFoldMultiByteAtFoldPoints(t *testing.T) {
	splitSeen := false
	for _, r := range []string{"é", "€", "😀", "東"} {
		for pad := 0; pad < 4; pad++ {
			var b strings.Builder
			b.WriteString(strings.Repeat("a", pad))
			for b.Len() < 200-len(r) {
				b.WriteString(r)
				if b.Len()%7 == 0 {
					b.WriteString(", ")
				}
			}
			for b.Len() < 200 {
				b.WriteString("z")
			}
			summary := b.String()
			if len(summary) != 200 {
				t.Fatalf("summary has %d bytes", len(summary))
			}
			content := "SUMMARY:" + escapeText(summary)
			doc := string(appendFolded(nil, content))
			checkFolded(t, doc)
			lines := strings.Split(strings.TrimSuffix(doc, "\r\n"), "\r\n")
			for _, l := range lines[:len(lines)-1] {
				if len(l) < maxLineOctets {
					splitSeen = true // the fold backed off a UTF-8 sequence
				}
			}
			un := unfold(doc)
			if len(un) != 1 || un[0] != content {
				t.Fatalf("unfolding gives %q, want %q", un, content)
			}
			if got := unescapeText(strings.TrimPrefix(un[0], "SUMMARY:")); got != summary {
				t.Errorf("round trip = %q, want %q", got, summary)
			}
		}
	}
	if !splitSeen {
		t.Error("no fold point fell inside a multi-byte character; the test does not test what it says")
	}
}

func FuzzEscapeFold(f *testing.F) {
	for _, s := range []string{"", "plain", "a;b,c\\d\ne", "Crème brûlée, São Paulo; 東京物語\r\n😀", strings.Repeat("é", 100), "\xff\xfe\x00\r\r\n\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		content := "DESCRIPTION:" + escapeText(s)
		doc := string(appendFolded(nil, content))
		checkFolded(t, doc)
		un := unfold(doc)
		if len(un) != 1 || un[0] != content {
			t.Fatalf("unfolding gives %q, want %q", un, content)
		}
		got := unescapeText(strings.TrimPrefix(un[0], "DESCRIPTION:"))
		if want := sanitizeText(s); got != want {
			t.Fatalf("round trip of %q = %q, want %q", s, got, want)
		}
		// Text that needs no sanitizing comes back exactly.
		clean := utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
			return (r < 0x20 && r != '\t' && r != '\n') || r == 0x7f
		})
		if clean && got != s {
			t.Fatalf("clean text %q came back as %q", s, got)
		}
	})
}
