package extract

import (
	"reflect"
	"testing"
)

// releasesOf lists "format date label" for each release of the only film.
func releasesOf(t *testing.T, text string) []string {
	t.Helper()
	l := extractLabels(t, text)
	if len(l.Titles) != 1 {
		t.Fatalf("titles = %q, want one", titles(l))
	}
	var out []string
	for _, r := range l.Titles[0].Releases {
		s := func(p *string) string {
			if p == nil {
				return "-"
			}
			return *p
		}
		out = append(out, s(r.Format)+" "+s(r.Date)+" "+s(r.Label))
	}
	return out
}

func TestUnknownLabelFromContext(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"from after a format", "date 2024-01-10 Paper Lanterns is coming to Blu-ray and DVD in March from Lantern Video.",
			[]string{"bluray 2024-03 Lantern Video", "dvd 2024-03 Lantern Video"}},
		{"via", "date 2024-01-10 Paper Lanterns arrives on Blu-ray on April 22 via Quill Street.",
			[]string{"bluray 2024-04-22 Quill Street"}},
		{"courtesy of", "date 2024-01-10 Paper Lanterns arrives on Blu-ray on April 22 courtesy of Lantern Video.",
			[]string{"bluray 2024-04-22 Lantern Video"}},
		{"has announced", "date 2024-01-10 Mossgrove Pictures has announced Paper Lanterns for Blu-ray on April 22.",
			[]string{"bluray 2024-04-22 Mossgrove Pictures"}},
		{"will release", "date 2024-01-10 Lantern Video will release Paper Lanterns on Blu-ray on April 22.",
			[]string{"bluray 2024-04-22 Lantern Video"}},
		{"a place is no label", "date 2024-01-10 Paper Lanterns arrives on Blu-ray from Japan on April 22.",
			[]string{"bluray 2024-04-22 -"}},
		{"a film that releases is no label", "date 2024-01-10 Paper Lanterns will release on Blu-ray on April 22.",
			[]string{"bluray 2024-04-22 -"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := releasesOf(t, tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("releases = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestFestivalYearAfterName(t *testing.T) {
	for _, text := range []string{
		"date 2024-01-10 Paper Lanterns premiered at the Venice Film Festival in 2023. It comes to Blu-ray on March 5.",
		"date 2024-01-10 Paper Lanterns, which screened at Venice in September 2023, comes to Blu-ray on March 5.",
		"date 2024-01-10 Paper Lanterns premiered at the 2023 Venice Film Festival. It comes to Blu-ray on March 5.",
	} {
		l := extractLabels(t, text)
		if len(l.Titles) != 1 || len(l.Titles[0].Festivals) != 1 {
			t.Fatalf("%s: %+v", text, l)
		}
		if f := l.Titles[0].Festivals[0]; f.Name != "Venice Film Festival" || f.Year == nil || *f.Year != 2023 {
			t.Errorf("%s: festival %s %v", text, f.Name, f.Year)
		}
	}
}

func TestTitleBeforeAdverbOrPostponement(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"adverb", "date 2024-01-10 Paper Lanterns now arrives on Blu-ray on April 22.", []string{"bluray 2024-04-22 -"}},
		{"pushed back and arrives", "date 2024-01-10 Paper Lanterns has been pushed back and arrives on Blu-ray and DVD on April 22.",
			[]string{"bluray 2024-04-22 -", "dvd 2024-04-22 -"}},
		{"release of", "date 2024-01-10 The Blu-ray and DVD release of Paper Lanterns has moved to April 22.",
			[]string{"bluray 2024-04-22 -", "dvd 2024-04-22 -"}},
		{"film in focus", "date 2024-01-10 Paper Lanterns has been delayed. The Blu-ray and DVD will now arrive on April 22.",
			[]string{"bluray 2024-04-22 -", "dvd 2024-04-22 -"}},
		{"pushed back to", "date 2024-01-10 Paper Lanterns has been pushed back to April 22 on Blu-ray.", []string{"bluray 2024-04-22 -"}},
		{"delayed to", "date 2024-01-10 Paper Lanterns has been delayed to April 22 on 4K Ultra HD.", []string{"uhd4k 2024-04-22 -"}},
		{"moved from to", "date 2024-01-10 The Blu-ray of Paper Lanterns has moved from March 5 to April 22.", []string{"bluray 2024-04-22 -"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := releasesOf(t, tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("releases = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSecondPredicateIsNoTitleCue(t *testing.T) {
	l := extractLabels(t, "date 2025-02-03 Tide Pool arrives on Blu-ray on April 8. It stars Oren Vale as Tomas Reyne and premiered at Locarno.")
	if got := titles(l); !reflect.DeepEqual(got, []string{"Tide Pool"}) {
		t.Errorf("titles = %q", got)
	}
}

func TestEditionOfNamesItsFilm(t *testing.T) {
	l := extractLabels(t, "date 2026-06-02 Cold Spring follows on Blu-ray in Q3 2027, and a 4K Ultra HD edition of Lantern Row is expected later this year.")
	got := map[string][]string{}
	for _, f := range l.Titles {
		for _, r := range f.Releases {
			got[f.Title] = append(got[f.Title], *r.Format+" "+*r.Date)
		}
	}
	want := map[string][]string{"Cold Spring": {"bluray 2027"}, "Lantern Row": {"uhd4k 2026"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("releases = %v, want %v", got, want)
	}
}
