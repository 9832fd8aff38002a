package extract

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func blockTexts(text string) []string {
	var out []string
	for _, b := range segmentBlocks(text, 0) {
		out = append(out, strings.Join(strings.Fields(text[b.content.start:b.content.end]), " "))
	}
	return out
}

func TestSegmentBlocks(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"paragraphs", "First one.\n\nSecond one.", []string{"First one.", "Second one."}},
		{"hard-wrapped paragraph is one block",
			"Paper Lanterns is coming to Blu-ray and DVD in March from\nArrow Video, with a new commentary by the director and\na booklet.",
			[]string{"Paper Lanterns is coming to Blu-ray and DVD in March from Arrow Video, with a new commentary by the director and a booklet."}},
		{"heading stays apart", "Paper Lanterns Comes to Disc\nThe drama arrives on Blu-ray in March.",
			[]string{"Paper Lanterns Comes to Disc", "The drama arrives on Blu-ray in March."}},
		{"bullets", "Extras:\n• Audio commentary\n* Trailer\n- Booklet\n1. Gallery",
			[]string{"Extras:", "Audio commentary", "Trailer", "Booklet", "Gallery"}},
		{"short lines without bullets", "Audio commentary\nDeleted scenes", []string{"Audio commentary", "Deleted scenes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, blockTexts(tt.text)); diff != "" {
				t.Errorf("blocks (-want +got):\n%s", diff)
			}
		})
	}
}

// A paragraph wrapped at any width gives the same blocks.
func TestSegmentWrapWidthDoesNotMatter(t *testing.T) {
	para := "Vinegar Syndrome has set the restored cult slasher Night Shift Nine for release on Blu-ray and 4K Ultra HD on October 26, with a new audio commentary by film historian Lu Park and an archival interview with the late director."
	want := blockTexts(para)
	for _, width := range []int{50, 60, 72, 80} {
		var lines []string
		line := ""
		for _, w := range strings.Fields(para) {
			if line != "" && len(line)+1+len(w) > width {
				lines = append(lines, line)
				line = w
				continue
			}
			if line != "" {
				line += " "
			}
			line += w
		}
		lines = append(lines, line)
		if diff := cmp.Diff(want, blockTexts(strings.Join(lines, "\n"))); diff != "" {
			t.Errorf("width %d (-want +got):\n%s", width, diff)
		}
	}
}

// sentenceTexts splits the first block of text into sentences.
func sentenceTexts(text string) []string {
	b := segmentBlocks(text, 0)[0]
	var out []string
	for _, s := range segmentSentences(text, b) {
		out = append(out, text[s.start:s.end])
	}
	return out
}

func TestSentences(t *testing.T) {
	text := "J.A. Bayona directed it. Warner Bros. releases it on Jan. 9. It is out! Really?"
	got := sentenceTexts(text)
	want := []string{"J.A. Bayona directed it.", "Warner Bros. releases it on Jan. 9.", "It is out!", "Really?"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

func TestTokensAbsorbTypography(t *testing.T) {
	norms := func(s string) []string {
		var out []string
		for _, tk := range tokenize(s, span{0, len(s)}) {
			out = append(out, tk.norm)
		}
		return out
	}
	plain := norms(`"Don't Look Now" - on Blu-ray`)
	for _, variant := range []string{
		"“Don’t Look Now” – on Blu‑ray",
		"“Don’t Look\u00a0Now” — on Blu-ray™",
		"\u201cDon\u2019t Lo\u00adok Now\u201d \u2014 on Blu-ray",
	} {
		if diff := cmp.Diff(plain, norms(variant)); diff != "" {
			t.Errorf("%q (-plain +variant):\n%s", variant, diff)
		}
	}
}

// A plural possessive ("Abrams’ film") is one possessive word; a single
// quote that closes a quotation is not.
func TestTokensPluralPossessive(t *testing.T) {
	for _, tt := range []struct {
		text string
		poss []string // words read as possessive
	}{
		{"J. J. Abrams’ Star Trek arrives.", []string{"abrams"}},
		{"the Coens' new film", []string{"coens"}},
		{"Ada Moss's film", []string{"moss"}},
		{"the ‘Jaws’ sequel", nil},
		{"'Hollow Pines' arrives.", nil},
		{"the actors' union", nil}, // lower case: not a name
	} {
		var got []string
		for _, tk := range tokenize(tt.text, span{0, len(tt.text)}) {
			if tk.poss {
				got = append(got, tk.base)
			}
		}
		if diff := cmp.Diff(tt.poss, got); diff != "" {
			t.Errorf("%q possessives (-want +got):\n%s", tt.text, diff)
		}
	}
}

// An exclamation mark inside a company's name does not end the sentence.
func TestSentencesNameWithExclamation(t *testing.T) {
	text := "In other news, Shout! Factory has set it for May. What a film! The label agrees. Wow! Amazing!"
	got := sentenceTexts(text)
	want := []string{"In other news, Shout! Factory has set it for May.", "What a film!", "The label agrees.", "Wow!", "Amazing!"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sentences (-want +got):\n%s", diff)
	}
}

// In a text whose paragraphs are separated by blank lines, a sentence
// that ends a full line goes on in the next line (the wrapper broke it
// there); in a text with one paragraph per line it ends the paragraph.
func TestSegmentWrappedSentenceEnd(t *testing.T) {
	// Wrapped at 64 runes: "Extras" did not fit after "Video." on the
	// first line.
	wrapped := "Harbour Lights arrives on Blu-ray on May 4 from Lantern Video.\n" +
		"Extras include a commentary. The disc also has a booklet with an\n" +
		"essay by a critic.\n\nA second paragraph starts here."
	want := []string{
		"Harbour Lights arrives on Blu-ray on May 4 from Lantern Video. Extras include a commentary. The disc also has a booklet with an essay by a critic.",
		"A second paragraph starts here.",
	}
	if diff := cmp.Diff(want, blockTexts(wrapped)); diff != "" {
		t.Errorf("wrapped text (-want +got):\n%s", diff)
	}
	lines := "Harbour Lights arrives on Blu-ray on May 4 from Lantern Video, with extras.\nThe label also set Salt Meridian for June on DVD and Blu-ray with a booklet.\nA third paragraph."
	want = []string{
		"Harbour Lights arrives on Blu-ray on May 4 from Lantern Video, with extras.",
		"The label also set Salt Meridian for June on DVD and Blu-ray with a booklet.",
		"A third paragraph.",
	}
	if diff := cmp.Diff(want, blockTexts(lines)); diff != "" {
		t.Errorf("one paragraph per line (-want +got):\n%s", diff)
	}
}
