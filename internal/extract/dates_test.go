package extract

import (
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

// findDatesIn reads the date expressions of a one-sentence text.
func findDatesIn(x *Extractor, text string) ([]dateMention, string) {
	toks := tokenize(text, span{0, len(text)})
	ds := findDates(toks, x.vocab.match(toks))
	for i := range ds {
		ds[i].text = text[ds[i].span.start:ds[i].span.end]
	}
	return ds, text
}

func TestDatesResolve(t *testing.T) {
	x := New()
	tests := []struct {
		text, pub, want, wantText string
	}{
		{"coming this March", "2022-01-19", "2022-03", "this March"},
		{"arrives on March 15 on DVD", "2022-01-19", "2022-03-15", "March 15"},
		{"out January 10", "2022-01-19", "2023-01-10", "January 10"},
		{"out January 19", "2022-01-19", "2022-01-19", "January 19"},
		{"on 15 March 2022", "", "2022-03-15", "15 March 2022"},
		{"from Mar. 22", "2022-01-19", "2022-03-22", "Mar. 22"},
		{"on 10/26", "2021-09-08", "2021-10-26", "10/26"},
		{"on 9/17/2021", "", "2021-09-17", "9/17/2021"},
		{"from October 24th 2022", "", "2022-10-24", "October 24th 2022"},
		{"on September 4, 2018,", "", "2018-09-04", "September 4, 2018"},
		{"the March 2024 slate", "", "2024-03", "March 2024"},
		{"next month", "2022-11-21", "2022-12", "next month"},
		{"next month", "2022-12-05", "2023-01", "next month"},
		{"later this year", "2022-11-21", "2022", "later this year"},
		{"next year", "2022-11-21", "2023", "next year"},
		{"in Q3 2010", "", "2010", "Q3 2010"},
		{"this fall", "2022-01-19", "2022", "this fall"},
		{"this fall", "2022-12-01", "2023", "this fall"},
		{"on 2022-03-15", "", "2022-03-15", "2022-03-15"},
		{"next Tuesday", "2022-01-19", "2022-01-25", "next Tuesday"},
		{"sometime next week", "2022-01-19", "2022-01", "sometime next week"},
		// Without a publication date relative dates stay unresolved.
		{"arrives March 15", "", "", "March 15"},
		{"next month", "", "", "next month"},
		{"this fall", "", "", "this fall"},
	}
	for _, tt := range tests {
		pd := catalog.TBA()
		if tt.pub != "" {
			pd = catalog.MustDate(tt.pub)
		}
		ds, _ := findDatesIn(x, tt.text)
		if len(ds) != 1 {
			t.Errorf("%q: found %d dates, want 1", tt.text, len(ds))
			continue
		}
		d := ds[0]
		if d.text != tt.wantText {
			t.Errorf("%q: text %q, want %q", tt.text, d.text, tt.wantText)
		}
		got, ok := d.resolve(pd, 0, false)
		if tt.want == "" {
			if ok {
				t.Errorf("%q (pub %q): resolved to %s, want unresolved", tt.text, tt.pub, got)
			}
			continue
		}
		if !ok || got.String() != tt.want {
			t.Errorf("%q (pub %q): got %s (ok %v), want %s", tt.text, tt.pub, got, ok, tt.want)
		}
	}
}

func TestDatesStatusAndRejects(t *testing.T) {
	x := New()
	for text, want := range map[string]DateStatus{"release date TBA": DateTBA, "now available on disc": DateAvailable, "to be announced": DateTBA} {
		ds, _ := findDatesIn(x, text)
		if len(ds) != 1 || ds[0].status != want {
			t.Errorf("%q: got %+v, want status %q", text, ds, want)
		}
	}
	for _, text := range []string{"open 24/7", "it may rain", "13/45", "the march of time", "Anatomy of a Fall", "a 1.33:1 ratio"} {
		if ds, _ := findDatesIn(x, text); len(ds) != 0 {
			t.Errorf("%q: found %+v, want none", text, ds)
		}
	}
}

func TestDatesPast(t *testing.T) {
	x := New()
	pub := catalog.MustDate("2024-02-10")
	for _, tt := range []struct {
		text string
		past bool
		want string
	}{
		{"opened Jan. 27", true, "2024-01-27"},
		{"opens March 3", false, "2024-03-03"},
		{"premiered last May", false, "2023-05"},
		{"screened in March", true, "2023-03"},
		{"it opened Feb. 10", true, "2024-02-10"},
	} {
		ds, _ := findDatesIn(x, tt.text)
		if len(ds) != 1 {
			t.Errorf("%q: %d dates", tt.text, len(ds))
			continue
		}
		got, ok := ds[0].resolve(pub, 0, tt.past)
		if !ok || got.String() != tt.want {
			t.Errorf("%q (past %v): got %s %v, want %s", tt.text, tt.past, got, ok, tt.want)
		}
	}
}

func FuzzParseDates(f *testing.F) {
	for _, s := range []string{"March 15", "10/26", "Q3 2010", "later this year", "15th of March 2022", "next Tuesday", "TBA", "Feb 29", "99/99/9999"} {
		f.Add(s, "2022-01-19")
	}
	x := New()
	f.Fuzz(func(t *testing.T, text, pub string) {
		pd, err := catalog.ParsePartialDate(pub)
		if err != nil {
			pd = catalog.TBA()
		}
		prevEnd := 0
		ds, _ := findDatesIn(x, text)
		for _, d := range ds {
			if d.span.start < prevEnd || d.span.end > len(text) || d.span.start >= d.span.end {
				t.Fatalf("bad span %d-%d in %q", d.span.start, d.span.end, text)
			}
			prevEnd = d.span.end
			got, ok := d.resolve(pd, 0, false)
			if !ok {
				continue
			}
			if _, err := catalog.ParsePartialDate(got.String()); err != nil {
				t.Fatalf("%q resolved to invalid date %s: %v", d.text, got, err)
			}
			if d.kind != dkDay && d.kind != dkRelative && got.Precision() == catalog.PrecisionDay {
				t.Fatalf("%q invented a day: %s", d.text, got)
			}
		}
	})
}

// The nearest verb of tense before a date decides whether its statement
// has happened, not any past verb earlier in the sentence.
func TestDatesTenseOfStatement(t *testing.T) {
	x := New()
	for _, tt := range []struct {
		text string
		past bool
	}{
		{"Lantern Video has announced that Paper Moon will arrive on Blu-ray on 3/19.", false},
		{"Paper Moon opened in theaters on 1/19.", true},
		{"Paper Moon was pushed back to 1/10.", false},
		{"The label announced on 1/10 that the disc is due on 3/19.", true},
		{"Paper Moon premiered at Cannes and arrives on Blu-ray on 3/19.", false},
		{"The label announced Paper Moon will be released on DVD on March 8th.", false},
		{"Paper Moon is released on DVD on March 8th.", false},
		{"Paper Moon was released on DVD on 1/8.", true},
	} {
		doc, err := ParseInput([]byte("date 2024-01-29\n"+tt.text), Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := x.parse(doc)
		s := &p.sents[0]
		if len(s.dates) == 0 {
			t.Errorf("%q: no date", tt.text)
			continue
		}
		if got := pastBefore(s, s.dates[0].start); got != tt.past {
			t.Errorf("%q: past = %v, want %v", tt.text, got, tt.past)
		}
	}
}
