package extract

import (
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

func TestDatesResolve(t *testing.T) {
	p := newDateParser()
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
		ds := p.find(tt.text)
		if len(ds) != 1 {
			t.Errorf("%q: found %d dates, want 1", tt.text, len(ds))
			continue
		}
		d := ds[0]
		if d.text != tt.wantText {
			t.Errorf("%q: text %q, want %q", tt.text, d.text, tt.wantText)
		}
		got, ok := d.resolve(pd, 0)
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
	p := newDateParser()
	for text, want := range map[string]DateStatus{"release date TBA": DateTBA, "now available on disc": DateAvailable, "to be announced": DateTBA} {
		ds := p.find(text)
		if len(ds) != 1 || ds[0].status != want {
			t.Errorf("%q: got %+v, want status %q", text, ds, want)
		}
	}
	for _, text := range []string{"open 24/7", "it may rain", "13/45", "the march of time", "Anatomy of a Fall", "a 1.33:1 ratio"} {
		if ds := p.find(text); len(ds) != 0 {
			t.Errorf("%q: found %+v, want none", text, ds)
		}
	}
}

func TestDateHintYear(t *testing.T) {
	d := newDateParser().find("Due March 12")[0]
	got, ok := d.resolve(catalog.TBA(), 2024)
	if !ok || got.String() != "2024-03-12" {
		t.Errorf("with year hint: got %s %v", got, ok)
	}
}

func FuzzParseDates(f *testing.F) {
	for _, s := range []string{"March 15", "10/26", "Q3 2010", "later this year", "15th of March 2022", "next Tuesday", "TBA", "Feb 29", "99/99/9999"} {
		f.Add(s, "2022-01-19")
	}
	p := newDateParser()
	f.Fuzz(func(t *testing.T, text, pub string) {
		pd, err := catalog.ParsePartialDate(pub)
		if err != nil {
			pd = catalog.TBA()
		}
		prevEnd := 0
		for _, d := range p.find(text) {
			if d.start < prevEnd || d.end > len(text) || d.start >= d.end {
				t.Fatalf("bad span %d-%d in %q", d.start, d.end, text)
			}
			prevEnd = d.end
			got, ok := d.resolve(pd, 0)
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
