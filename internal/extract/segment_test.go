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

func TestSentences(t *testing.T) {
	text := "J.A. Bayona directed it. Warner Bros. releases it on Jan. 9. It is out! Really?"
	b := segmentBlocks(text, 0)[0]
	var got []string
	for _, s := range segmentSentences(text, b) {
		got = append(got, text[s.start:s.end])
	}
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
