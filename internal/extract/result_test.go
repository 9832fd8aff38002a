package extract

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// runeIndex gives every byte offset's rune offset, across checkpoints,
// in ASCII and non-ASCII stretches and at the very end.
func TestRuneIndexMatchesCounting(t *testing.T) {
	for _, text := range []string{
		"",
		"plain ASCII",
		strings.Repeat("a", runeStep),
		strings.Repeat("a", runeStep*2+7),
		strings.Repeat("é—“x”", runeStep/3) + strings.Repeat("b", runeStep+1) + "Alcarràs",
	} {
		ri := newRuneIndex(text)
		for b := 0; b <= len(text); b++ {
			if b < len(text) && !utf8.RuneStart(text[b]) {
				continue // offsets inside a rune are never asked
			}
			want := utf8.RuneCountInString(text[:b])
			if got := ri.runes(b); got != want {
				t.Fatalf("len %d: runes(%d) = %d, want %d", len(text), b, got, want)
			}
		}
	}
}

func FuzzRuneIndex(f *testing.F) {
	f.Add("Crane Lake — “Blu-ray” é", 3)
	f.Fuzz(func(t *testing.T, text string, b int) {
		if !utf8.ValidString(text) {
			return // a Document's text is valid UTF-8
		}
		ri := newRuneIndex(text)
		b = max(0, min(b, len(text)))
		if b < len(text) && !utf8.RuneStart(text[b]) {
			return
		}
		if got, want := ri.runes(b), utf8.RuneCountInString(text[:b]); got != want {
			t.Fatalf("runes(%d) = %d, want %d", b, got, want)
		}
	})
}
