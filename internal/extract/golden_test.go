package extract

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden extracts every fixture in testdata (articles written for
// these tests) and compares the JSON with testdata/NAME.golden.json.
// Run with -update to accept new output after reviewing the diff.
func TestGolden(t *testing.T) {
	inputs, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	html, _ := filepath.Glob("testdata/*.html")
	inputs = append(inputs, html...)
	if len(inputs) == 0 {
		t.Fatal("no fixtures in testdata")
	}
	x := New()
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			res, err := x.Extract(data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("output differs from %s; run go test ./internal/extract -run TestGolden -update and review the diff\n got:\n%s", golden, got)
			}
			checkSpans(t, res)
		})
	}
}

// checkSpans verifies that every evidence span lies inside the text and
// quotes exactly what it points at.
func checkSpans(t *testing.T, res *Result) {
	t.Helper()
	check := func(what string, e Evidence) {
		if e.Start < 0 || e.End < e.Start || e.End > res.TextRunes {
			t.Errorf("%s: span [%d,%d) outside text of %d runes", what, e.Start, e.End, res.TextRunes)
		}
		if n := len([]rune(e.Quote)); n != e.End-e.Start {
			t.Errorf("%s: quote %q has %d runes, span has %d", what, e.Quote, n, e.End-e.Start)
		}
	}
	for _, f := range res.Films {
		check("film "+f.Title, f.Evidence)
		for _, c := range f.Credits {
			check("credit "+c.Name, c.Evidence)
		}
		for _, r := range f.Releases {
			check("release "+r.Format, r.Evidence)
		}
		for _, e := range f.Extras {
			check("extra "+e.Title, e.Evidence)
		}
		for _, fe := range f.Festivals {
			check("festival "+fe.Name, fe.Evidence)
		}
		for _, aw := range f.Awards {
			check("award "+aw.Name, aw.Evidence)
		}
	}
}
