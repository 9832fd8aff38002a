package extract

import (
	"reflect"
	"testing"
)

func TestSegmentBlocks(t *testing.T) {
	text := "Big News For Fans\n\nThe label announced a film. It arrives soon.\n  • First Title\n- Second item\n"
	blocks := segmentBlocks(text, 0)
	var kinds []blockKind
	var contents []string
	for _, b := range blocks {
		kinds = append(kinds, b.kind)
		contents = append(contents, text[b.content.start:b.content.end])
	}
	if !reflect.DeepEqual(kinds, []blockKind{blockHeading, blockParagraph, blockListItem, blockListItem}) {
		t.Errorf("kinds = %v", kinds)
	}
	if !reflect.DeepEqual(contents, []string{"Big News For Fans", "The label announced a film. It arrives soon.", "First Title", "Second item"}) {
		t.Errorf("contents = %q", contents)
	}
}

func TestSegmentSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"It arrives on Mar. 22 from Warner Bros. Home Video. Extras follow.", []string{"It arrives on Mar. 22 from Warner Bros. Home Video.", "Extras follow."}},
		{"Directed by J.A. Smith. Out now!", []string{"Directed by J.A. Smith.", "Out now!"}},
		{"Guesswork? (aka Other) (1982)", []string{"Guesswork? (aka Other) (1982)"}},
		{"Shout! Factory has it. Due December 7. Meanwhile, more.", []string{"Shout! Factory has it.", "Due December 7.", "Meanwhile, more."}},
		{"The end. (We love it.)", []string{"The end.", "(We love it.)"}},
	}
	for _, tt := range tests {
		b := block{span: span{0, len(tt.in)}, content: span{0, len(tt.in)}}
		var got []string
		for _, s := range segmentSentences(tt.in, b) {
			got = append(got, tt.in[s.start:s.end])
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenizeAndRuns(t *testing.T) {
	text := "Then Ada Quince’s Driftwood and The Boy Who Sold the Moon (1976) and Guesswork? arrive on Blu-ray."
	toks := tokenize(text, span{0, len(text)})
	runs := findRuns(text, toks, make([]bool, len(toks)))
	var got []string
	for _, r := range runs {
		got = append(got, r.text)
	}
	want := []string{"Then Ada Quince", "Driftwood and The Boy Who Sold the Moon", "Guesswork?"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("runs = %q, want %q", got, want)
	}
	if !runs[0].possessive {
		t.Error("first run should be possessive")
	}
	s := &sent{toks: toks, runs: runs}
	got = nil
	for _, r := range normaliseRuns(text, s) {
		got = append(got, r.text)
	}
	want = []string{"Ada Quince", "Driftwood", "The Boy Who Sold the Moon", "Guesswork?"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("normalised runs = %q, want %q", got, want)
	}
}
