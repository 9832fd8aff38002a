package extract

import (
	"reflect"
	"strings"
	"testing"
)

// testGazetteer is an invented catalog.
var testGazetteer = NewGazetteer(
	[]KnownFilm{
		{"Harbor of Lanterns", 2019}, {"Quillhaven", 0}, {"Tangerine", 2015}, {"Chicago", 2002},
		{"Vex", 1994}, {"Brass Orchard", 2021}, {"Ed Wood", 1994},
	},
	[]string{"Mara Quint", "Odile Brandt", "Ed Wood", "Tobias Fenn"},
)

func extractWith(t *testing.T, text string, known *Gazetteer) Labels {
	t.Helper()
	res, err := New().Extract([]byte(text), Options{Known: known})
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, res)
	return ToLabels(res)
}

func TestGazetteerTitles(t *testing.T) {
	tests := []struct {
		name, text string
		without    []string // titles found without the gazetteer
		with       []string // titles found with it
	}{
		{"multi-word title found only by the gazetteer",
			"date 2024-03-01 Collectors waited years for Harbor of Lanterns, and the new disc is out on Blu-ray on June 4.",
			nil, []string{"Harbor of Lanterns"}},
		{"sentence-initial word joined to a title",
			"date 2024-03-01 Fans of Quillhaven can expect a 4K disc on May 2, with a new transfer.",
			nil, []string{"Quillhaven"}},
		{"multi-word title opening a sentence",
			"date 2024-03-01 Brass Orchard looked gorgeous at its premiere, and the disc is out on DVD on May 2.",
			nil, []string{"Brass Orchard"}},
		{"one-word title mid-sentence",
			"date 2024-03-01 The box art of Tangerine is orange; the DVD is out on May 9.",
			nil, []string{"Tangerine"}},
		{"one-word title at sentence start is a word",
			"date 2024-03-01 Tangerine paint covers the box art of the new DVD, out on May 9.",
			nil, nil},
		{"one-word title after a preposition of place is a place",
			"date 2024-03-01 Harbor of Lanterns was shot in Chicago and arrives on DVD on May 9.",
			nil, []string{"Harbor of Lanterns"}},
		{"short title counts only quoted",
			"date 2024-03-01 Fans of \"Vex\" will find a new 4K disc in stores on May 2. Vex fans rejoice, since the disc is region free.",
			nil, []string{"Vex"}},
		{"short title unquoted is no title",
			"date 2024-03-01 A new 4K disc of the thriller is due on May 2, and Vex fans rejoice.",
			nil, nil},
		{"known titles joined by and are two titles",
			"date 2024-03-01 The label will reissue Harbor of Lanterns and Quillhaven on Blu-ray on July 1.",
			[]string{"Harbor of Lanterns and Quillhaven"}, []string{"Quillhaven"}},
		{"known person is not a title",
			"date 2024-03-01 Mara Quint hits the festival circuit this spring, and her new thriller is out on DVD on May 2.",
			[]string{"Mara Quint"}, nil},
		{"name that is also a known title is left to the cues",
			"date 2024-03-01 Ed Wood arrives on 4K Ultra HD on May 2, with a new commentary.",
			[]string{"Ed Wood"}, []string{"Ed Wood"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := titles(extractWith(t, tt.text, nil)); !reflect.DeepEqual(got, tt.without) {
				t.Errorf("without gazetteer: titles = %q, want %q", got, tt.without)
			}
			if got := titles(extractWith(t, tt.text, testGazetteer)); !reflect.DeepEqual(got, tt.with) {
				t.Errorf("with gazetteer: titles = %q, want %q", got, tt.with)
			}
		})
	}
}

func TestGazetteerPeople(t *testing.T) {
	const text = "date 2024-03-01 Harbor of Lanterns arrives on DVD on May 2. Odile Brandt was seen at the launch party. " +
		"Extras include an audio commentary with film historian Tobias Fenn and a new interview with Fenn."
	l := extractWith(t, text, testGazetteer)
	if len(l.Titles) != 1 {
		t.Fatalf("titles = %q", titles(l))
	}
	ft := l.Titles[0]
	// Recognition invents no credit: Brandt is named without a relation.
	if len(ft.Directors)+len(ft.Writers)+len(ft.Cast) != 0 {
		t.Errorf("credits = %+v %+v %+v, want none", ft.Directors, ft.Writers, ft.Cast)
	}
	var names []string
	for _, x := range ft.Extras {
		for _, p := range x.Participants {
			if p.Name != nil {
				names = append(names, *p.Name)
			}
		}
	}
	// The surname alone resolves to the known person.
	if want := []string{"Tobias Fenn", "Tobias Fenn"}; !reflect.DeepEqual(names, want) {
		t.Errorf("participants = %q, want %q", names, want)
	}
}

func TestGazetteerPersonSpelling(t *testing.T) {
	// The catalog's spelling wins over a folded variant in the text.
	g := NewGazetteer(nil, []string{"Agnès Varlet"})
	l := extractWith(t, "date 2024-03-01 Harbor of Lanterns arrives on DVD on May 2. Extras include an audio commentary with editor Agnes Varlet.", g)
	if len(l.Titles) != 1 || len(l.Titles[0].Extras) != 1 || len(l.Titles[0].Extras[0].Participants) != 1 {
		t.Fatalf("labels = %+v", l)
	}
	if p := l.Titles[0].Extras[0].Participants[0]; p.Name == nil || *p.Name != "Agnès Varlet" {
		t.Errorf("participant = %+v, want Agnès Varlet", p)
	}
}

func TestGazetteerSize(t *testing.T) {
	g := NewGazetteer([]KnownFilm{{"Brass Orchard", 2021}, {"BRASS ORCHARD", 1960}, {"", 0}, {"  ", 0}},
		[]string{"Mara Quint", "mara quint", "Cher", ""})
	if titles, people := g.Size(); titles != 1 || people != 1 {
		t.Errorf("Size = %d, %d; want 1, 1", titles, people)
	}
	var nilG *Gazetteer
	if titles, people := nilG.Size(); titles != 0 || people != 0 {
		t.Errorf("nil Size = %d, %d", titles, people)
	}
}

// TestGazetteerNilIsNoGazetteer: a nil or empty gazetteer changes nothing.
func TestGazetteerNilIsNoGazetteer(t *testing.T) {
	const text = "date 2024-03-01 Winter Ferry is coming to Blu-ray on March 1. Directed by Oona Vale, the drama stars Lev Tamm as Captain Orr."
	base := extractWith(t, text, nil)
	if got := extractWith(t, text, NewGazetteer(nil, nil)); !reflect.DeepEqual(got, base) {
		t.Errorf("empty gazetteer changed the result:\n%+v\n%+v", got, base)
	}
}

// TestGazetteerLarge: thousands of known titles and people keep
// extraction linear: the result of a long text is the same as with a
// small gazetteer holding the titles it names.
func TestGazetteerLarge(t *testing.T) {
	var films []KnownFilm
	var people []string
	for i := 0; i < 5000; i++ {
		w := strings.Repeat(string(rune('A'+i%26)), 1+i%5)
		films = append(films, KnownFilm{Title: "Gazette " + w + " Night " + itoa(i)})
		people = append(people, "Person"+itoa(i)+" Surname"+w)
	}
	films = append(films, KnownFilm{Title: "Harbor of Lanterns", Year: 2019})
	big := NewGazetteer(films, people)
	text := "date 2024-03-01 Collectors waited years for Harbor of Lanterns, and the new disc is out on Blu-ray on June 4.\n\n"
	text += strings.Repeat("Critics of the season praised the lighting and the score, and the crew thanked everyone.\n\n", 200)
	got := titles(extractWith(t, text, big))
	if want := []string{"Harbor of Lanterns"}; !reflect.DeepEqual(got, want) {
		t.Errorf("titles = %q, want %q", got, want)
	}
}

// BenchmarkExtract100KBKnown is BenchmarkExtract100KB with a gazetteer
// of 5,000 films and 5,000 people (the text's film and people among
// them): compare the two to see the gazetteer's cost.
func BenchmarkExtract100KBKnown(b *testing.B) {
	var films []KnownFilm
	var people []string
	for i := range 5000 {
		films = append(films, KnownFilm{Title: "Known Film Number " + itoa(i), Year: 1950 + i%70})
		people = append(people, "Known Person"+itoa(i)+" Doe")
	}
	films = append(films, KnownFilm{Title: "The Hollow Crown", Year: 2021})
	people = append(people, "Ada Quince", "Lu Park", "Nina Holt")
	known := NewGazetteer(films, people)
	x := New()
	data := benchText(100 << 10)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := x.Extract(data, Options{Known: known}); err != nil {
			b.Fatal(err)
		}
	}
}
