package evaluate

import (
	"encoding/json"
	"testing"

	"github.com/marquee-film/marquee/internal/extract"
)

func labels(t *testing.T, s string) extract.Labels {
	t.Helper()
	var l extract.Labels
	if err := json.Unmarshal([]byte(s), &l); err != nil {
		t.Fatal(err)
	}
	return l
}

const goldDoc = `{"titles":[{"title":"The Paper Moon Affair","year":null,
 "directors":["Ada Quince"],"writers":["Ada Quince","Lu Park"],
 "cast":[{"name":"Nina Holt","character":"Rosa"},{"name":"Ben Ek","character":null}],
 "releases":[{"format":"bluray","date":"2022-03-15","date_text":"March 15","label":"The Criterion Collection","region":null,"edition":null,"price":null},
             {"format":"dvd","date":null,"date_text":"March 15","label":null,"region":null,"edition":null,"price":null}],
 "extras":[{"kind":"audio_commentary","title":null,"participants":[{"name":"Ada Quince","role":"director"},{"name":null,"role":"producer"}]},
           {"kind":"deleted_scenes","title":"New deleted and extended scenes","participants":[]}],
 "festivals":[{"name":"Cannes Film Festival","year":2021,"award":null,"result":"screened"}]},
 {"title":"Second Film","year":null,"directors":[],"writers":[],"cast":[],"releases":[],"extras":[],"festivals":[]}]}`

func TestScorePerfect(t *testing.T) {
	g := labels(t, goldDoc)
	rep := Score(g, g)
	for _, typ := range FactTypes {
		c := rep.ByType[typ]
		if c.FP != 0 || c.FN != 0 {
			t.Errorf("%s: %+v, want no errors", typ, c)
		}
	}
	if f := rep.Micro().F1(); f != 1 {
		t.Errorf("micro-F1 = %v", f)
	}
}

func TestScoreMatchingRules(t *testing.T) {
	g := labels(t, goldDoc)
	// Surnames, case, a leading "The" in labels, "new" in extra titles and
	// festival name variants all match; a wrong date and an extra film do
	// not.
	p := labels(t, `{"titles":[{"title":"the paper moon affair","year":null,
 "directors":["Quince"],"writers":["Ada Quince"],
 "cast":[{"name":"Holt","character":"Rosa"}],
 "releases":[{"format":"bluray","date":"2022-03","date_text":"March","label":"Criterion Collection","region":null,"edition":null,"price":null}],
 "extras":[{"kind":"audio_commentary","title":null,"participants":[{"name":"Quince","role":null}]},
           {"kind":"deleted_scenes","title":"deleted and extended scenes","participants":[]}],
 "festivals":[{"name":"Cannes","year":2021,"award":null,"result":null}]},
 {"title":"Invented Film","year":null,"directors":["Someone Else"],"writers":[],"cast":[],"releases":[],"extras":[],"festivals":[]}]}`)
	rep := Score(g, p)
	want := map[string]Counts{
		"film":        {TP: 1, FP: 1, FN: 1},
		"director":    {TP: 1, FP: 1, FN: 0},
		"writer":      {TP: 1, FP: 0, FN: 1},
		"cast":        {TP: 1, FP: 0, FN: 1},
		"character":   {TP: 1, FP: 0, FN: 0},
		"release":     {TP: 0, FP: 1, FN: 2},
		"label":       {TP: 1, FP: 0, FN: 0},
		"extra":       {TP: 2, FP: 0, FN: 0},
		"commentator": {TP: 1, FP: 0, FN: 0},
		"festival":    {TP: 1, FP: 0, FN: 0},
	}
	for typ, w := range want {
		if got := rep.ByType[typ]; got != w {
			t.Errorf("%s: got %+v, want %+v", typ, got, w)
		}
	}
}

func TestCountsArithmetic(t *testing.T) {
	c := Counts{TP: 3, FP: 1, FN: 2}
	if c.Precision() != 0.75 || c.Recall() != 0.6 {
		t.Errorf("P %v R %v", c.Precision(), c.Recall())
	}
	if f := c.F1(); f < 0.666 || f > 0.667 {
		t.Errorf("F1 %v", f)
	}
	if (Counts{}).F1() != 1 {
		t.Error("empty counts should score 1 (nothing to find, nothing wrong)")
	}
	if (Counts{FP: 2}).F1() != 0 {
		t.Error("only false positives should score 0")
	}
}

func TestNamesMatch(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Sean Baker", "Baker", true},
		{"Baker", "Sean Baker", true},
		{"Sandra Hüller", "sandra huller", true},
		{"J.A. Bayona", "JA Bayona", true},
		{"Sean Baker", "Sean Penn", false},
		{"Baker", "Bakers", false},
		{"", "Baker", false},
	} {
		if got := NamesMatch(tt.a, tt.b); got != tt.want {
			t.Errorf("NamesMatch(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestDiff(t *testing.T) {
	g := labels(t, goldDoc)
	p := labels(t, `{"titles":[{"title":"The Paper Moon Affair","year":null,"directors":["Ada Quince","Extra Person"],"writers":[],"cast":[],"releases":[],"extras":[],"festivals":[]}]}`)
	d := Diff(g, p)
	found := map[string]bool{}
	for _, line := range d {
		found[line] = true
	}
	for _, want := range []string{"- film Second Film", "+ director The Paper Moon Affair: Extra Person", "- writer The Paper Moon Affair: Lu Park"} {
		if !found[want] {
			t.Errorf("diff lacks %q:\n%v", want, d)
		}
	}
}

func TestTitlePairing(t *testing.T) {
	tests := []struct {
		gold, pred string
		want       bool
	}{
		{"Jurassic World: Fallen Kingdom", "jurassic world fallen kingdom", true},
		{"Jurassic World: Fallen Kingdom 4K Ultra HD", "Jurassic World: Fallen Kingdom", true},
		{"The Descent", "Descent", true},
		{"A Quiet Place", "Quiet Place", true},
		{"Saw III", "Saw II", false},
		{"Saw II", "Saw", false},                   // "saw" covers less than 60% of "saw ii"
		{"Red Rocket", "Red Rocketeer", false},     // not at a word boundary
		{"Paper Moon Affair", "Paper Moon", false}, // 10 of 17 runes is under 60%
	}
	for _, tt := range tests {
		g := extract.Labels{Titles: []extract.LabelTitle{{Title: tt.gold}}}
		p := extract.Labels{Titles: []extract.LabelTitle{{Title: tt.pred}}}
		got := Score(g, p).ByType["film"].TP == 1
		if got != tt.want {
			t.Errorf("gold %q, predicted %q: paired %v, want %v", tt.gold, tt.pred, got, tt.want)
		}
	}
}

func TestTitlePairingPrefersExact(t *testing.T) {
	// Taken in order, "Fallen Kingdom 3D" would pair with "Fallen Kingdom"
	// by prefix and leave the exact pair unmatched.
	g := extract.Labels{Titles: []extract.LabelTitle{{Title: "Fallen Kingdom"}, {Title: "Fallen Kingdom 3D"}}}
	p := extract.Labels{Titles: []extract.LabelTitle{{Title: "Fallen Kingdom 3D"}, {Title: "Fallen Kingdom"}}}
	if c := Score(g, p).ByType["film"]; c.TP != 2 {
		t.Errorf("film counts %+v, want both paired exactly", c)
	}
}
