package extract

import (
	"testing"

	"github.com/marquee-film/marquee/internal/extract/lexicon"
)

// TestLexiconExamples runs every lexicon entry's example: the entry's
// phrase must be read there as its class, with its value (the given
// names, which share one template, are checked the same way).
func TestLexiconExamples(t *testing.T) {
	x := New()
	for _, e := range lexicon.MustLoad().Entries {
		class := lexClassNames[e.Class]
		toks := tokenize(e.Example, span{0, len(e.Example)})
		found := false
		for _, m := range x.vocab.match(toks) {
			if m.class() != class {
				continue
			}
			got := e.Example[toks[m.start].start:toks[m.end-1].end]
			if m.entry.value == e.Value && normWord(got) == normWord(e.Phrase) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s.txt:%d: %q is not read as %s %q in its example %q", e.Class, e.Line, e.Phrase, e.Class, e.Value, e.Example)
		}
	}
}

func TestLexiconCaseRule(t *testing.T) {
	x := New()
	read := func(text string, class lexClass) bool {
		toks := tokenize(text, span{0, len(text)})
		for _, m := range x.vocab.match(toks) {
			if m.class() == class {
				return true
			}
		}
		return false
	}
	// A capitalized lexicon name needs capitals in the text; a lower-case
	// phrase matches in any case.
	if read("an arrow pierced the sky", lcLabel) {
		t.Error(`"arrow" in lower case read as a label`)
	}
	if !read("the new ARROW VIDEO disc", lcLabel) {
		t.Error(`"ARROW VIDEO" not read as a label`)
	}
	if !read("now on BLU-RAY", lcFormat) {
		t.Error(`"BLU-RAY" not read as a format`)
	}
	if !read("Criterion’s new disc", lcLabel) {
		t.Error(`possessive "Criterion’s" not read as a label`)
	}
}
