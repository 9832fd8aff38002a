package evaluate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/extract"
)

// fictionDir holds the fictional evaluation set: articles written for
// this repository and labelled by hand before any extractor ran on them
// (see testdata/fiction/README.md).
const fictionDir = "testdata/fiction"

// The enums of the corpus README's label schema.
var (
	fictionFormats = []string{"dvd", "bluray", "uhd4k", "digital", "vod", "streaming", "theatrical", "festival"}
	fictionKinds   = []string{"audio_commentary", "featurette", "making_of", "interview", "deleted_scenes", "trailer", "gallery", "booklet", "other"}
	fictionResults = []string{"won", "nominated", "pending", "screened"}
	// fictionNotFestivals are award shows the README says are not festivals.
	fictionNotFestivals = []string{"oscar", "academy award", "golden globe", "bafta"}
)

var (
	fictionDateLine   = regexp.MustCompile(`^date (\d{4}-\d{2}-\d{2}|unknown)$`)
	fictionSourceLine = regexp.MustCompile(`^source https://[^\s/]+\.[^\s/]+/\S*$`)
	fictionLabelDate  = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)
	fictionTag        = regexp.MustCompile(`<[^>]*>`)
)

// The keys every object of a label file must have (the README schema:
// all keys present, null where absent).
var fictionKeys = map[string][]string{
	"document":    {"titles"},
	"title":       {"title", "year", "directors", "writers", "cast", "releases", "extras", "festivals"},
	"cast":        {"name", "character"},
	"release":     {"format", "date", "date_text", "label", "region", "edition", "price"},
	"extra":       {"kind", "title", "participants"},
	"participant": {"name", "role"},
	"festival":    {"name", "year", "award", "result"},
}

// TestFictionLabelsAreWellFormed checks the labels of the fictional set,
// not an extractor: every label file parses strictly into the corpus
// schema, uses only the README's enums and date forms, and names only
// titles, people, characters, labels, festivals and date words that occur
// in its article.
func TestFictionLabelsAreWellFormed(t *testing.T) {
	articles := fictionNames(t, "articles", ".txt")
	labels := fictionNames(t, "labels", ".json")
	for _, n := range articles {
		if !slices.Contains(labels, n) {
			t.Errorf("articles/%s.txt has no labels/%s.json", n, n)
		}
	}
	for _, n := range labels {
		if !slices.Contains(articles, n) {
			t.Errorf("labels/%s.json has no articles/%s.txt", n, n)
		}
	}
	if len(articles) < 20 {
		t.Errorf("%d articles, want at least 20", len(articles))
	}
	for _, name := range articles {
		if !slices.Contains(labels, name) {
			continue
		}
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(fictionDir, "articles", name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			body := checkFictionArticle(t, raw)
			data, err := os.ReadFile(filepath.Join(fictionDir, "labels", name+".json"))
			if err != nil {
				t.Fatal(err)
			}
			checkFictionKeys(t, data)
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			var doc extract.Labels
			if err := dec.Decode(&doc); err != nil {
				t.Fatalf("labels/%s.json: %v", name, err)
			}
			if dec.More() {
				t.Fatalf("labels/%s.json: data after the document", name)
			}
			checkFictionLabels(t, doc, fictionFold(body))
		})
	}
}

// fictionNames lists the file numbers (NNN) in one folder of the set.
func fictionNames(t *testing.T, sub, ext string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(fictionDir, sub))
	if err != nil {
		t.Fatal(err)
	}
	nnn := regexp.MustCompile(`^\d{3}$`)
	var out []string
	for _, e := range entries {
		n, ok := strings.CutSuffix(e.Name(), ext)
		if !ok || !nnn.MatchString(n) {
			t.Errorf("%s/%s: want NNN%s", sub, e.Name(), ext)
			continue
		}
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// checkFictionArticle checks the header lines and the length of an
// article and returns its text (from line 3).
func checkFictionArticle(t *testing.T, raw []byte) string {
	t.Helper()
	if !utf8.Valid(raw) {
		t.Fatal("article is not UTF-8")
	}
	if n := utf8.RuneCount(raw); n < 300 || n > 2000 {
		t.Errorf("article has %d characters, want 300 to 2,000", n)
	}
	lines := strings.SplitN(string(raw), "\n", 3)
	if len(lines) < 3 || strings.TrimSpace(lines[2]) == "" {
		t.Fatal("article needs a date line, a source line and text from line 3")
	}
	m := fictionDateLine.FindStringSubmatch(lines[0])
	if m == nil {
		t.Errorf("line 1 %q: want `date YYYY-MM-DD` or `date unknown`", lines[0])
	} else if m[1] != "unknown" {
		if _, err := time.Parse(time.DateOnly, m[1]); err != nil {
			t.Errorf("line 1: %v", err)
		}
	}
	if !fictionSourceLine.MatchString(lines[1]) {
		t.Errorf("line 2 %q: want `source https://…`", lines[1])
	}
	return lines[2]
}

// checkFictionKeys checks that every object in a label file has exactly
// the keys of the schema.
func checkFictionKeys(t *testing.T, data []byte) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("labels: %v", err)
	}
	check := func(what string, v any) {
		obj, ok := v.(map[string]any)
		if !ok {
			t.Errorf("%s: want an object, got %T", what, v)
			return
		}
		var got []string
		for k := range obj {
			got = append(got, k)
		}
		sort.Strings(got)
		want := slices.Clone(fictionKeys[what])
		sort.Strings(want)
		if !slices.Equal(got, want) {
			t.Errorf("%s keys %v, want %v", what, got, want)
		}
	}
	list := func(what string, v any) []any {
		l, ok := v.([]any)
		if !ok {
			t.Errorf("%s: want an array, got %T", what, v)
		}
		return l
	}
	check("document", doc)
	for _, ti := range list("titles", doc["titles"]) {
		check("title", ti)
		tm, _ := ti.(map[string]any)
		for _, c := range list("cast", tm["cast"]) {
			check("cast", c)
		}
		for _, r := range list("releases", tm["releases"]) {
			check("release", r)
		}
		for _, e := range list("extras", tm["extras"]) {
			check("extra", e)
			em, _ := e.(map[string]any)
			for _, p := range list("participants", em["participants"]) {
				check("participant", p)
			}
		}
		for _, f := range list("festivals", tm["festivals"]) {
			check("festival", f)
		}
		for _, k := range []string{"directors", "writers"} {
			for _, n := range list(k, tm[k]) {
				if _, ok := n.(string); !ok {
					t.Errorf("%s: want strings, got %T", k, n)
				}
			}
		}
	}
}

// checkFictionLabels checks the values of one article's labels against
// the README's enums and the article text (folded by fictionFold).
func checkFictionLabels(t *testing.T, doc extract.Labels, text string) {
	t.Helper()
	if len(doc.Titles) == 0 {
		t.Error("no titles")
	}
	occurs := func(what, s string) {
		t.Helper()
		if strings.TrimSpace(s) == "" {
			t.Errorf("%s is empty", what)
			return
		}
		if !strings.Contains(text, fictionFold(s)) {
			t.Errorf("%s %q does not occur in the article", what, s)
		}
	}
	seenTitle := map[string]bool{}
	for _, ti := range doc.Titles {
		occurs("title", ti.Title)
		if seenTitle[fictionFold(ti.Title)] {
			t.Errorf("title %q is listed twice", ti.Title)
		}
		seenTitle[fictionFold(ti.Title)] = true
		where := func(s string) string { return fmt.Sprintf("%s: %s", ti.Title, s) }
		if ti.Year != nil && (*ti.Year < 1888 || *ti.Year > 2030) {
			t.Errorf("%s %d", where("year"), *ti.Year)
		}
		for _, n := range ti.Directors {
			occurs(where("director"), n)
		}
		for _, n := range ti.Writers {
			occurs(where("writer"), n)
		}
		for _, c := range ti.Cast {
			occurs(where("cast member"), c.Name)
			if c.Character != nil {
				occurs(where("character"), *c.Character)
			}
		}
		formats := map[string]bool{}
		for _, r := range ti.Releases {
			if r.Format != nil {
				if !slices.Contains(fictionFormats, *r.Format) {
					t.Errorf("%s %q is not in the README's list", where("format"), *r.Format)
				}
				if formats[*r.Format] {
					t.Errorf("%s %q has two release entries (one per format)", where("format"), *r.Format)
				}
				formats[*r.Format] = true
			}
			if r.Date != nil && !fictionValidDate(*r.Date) {
				t.Errorf("%s %q is not YYYY, YYYY-MM or YYYY-MM-DD", where("date"), *r.Date)
			}
			if r.DateText != nil {
				occurs(where("date_text"), *r.DateText)
			}
			if r.Label != nil {
				occurs(where("label"), *r.Label)
			}
		}
		for _, e := range ti.Extras {
			if !slices.Contains(fictionKinds, e.Kind) {
				t.Errorf("%s %q is not in the README's list", where("extra kind"), e.Kind)
			}
			for _, p := range e.Participants {
				if p.Name == nil && p.Role == nil {
					t.Errorf("%s has neither name nor role", where("participant"))
				}
				if p.Name != nil {
					occurs(where("participant"), *p.Name)
				}
			}
		}
		for _, f := range ti.Festivals {
			first, _, _ := strings.Cut(strings.TrimSpace(f.Name), " ")
			occurs(where("festival name's first word"), first)
			for _, bad := range fictionNotFestivals {
				if strings.Contains(strings.ToLower(f.Name), bad) {
					t.Errorf("%s %q is not a festival", where("festival"), f.Name)
				}
			}
			if f.Result != nil && !slices.Contains(fictionResults, *f.Result) {
				t.Errorf("%s %q is not in the README's list", where("festival result"), *f.Result)
			}
			if f.Year != nil && (*f.Year < 1932 || *f.Year > 2030) {
				t.Errorf("%s %d", where("festival year"), *f.Year)
			}
		}
	}
}

// fictionValidDate reports whether s is a real date as YYYY, YYYY-MM or
// YYYY-MM-DD.
func fictionValidDate(s string) bool {
	if !fictionLabelDate.MatchString(s) {
		return false
	}
	layout := map[int]string{4: "2006", 7: "2006-01", 10: time.DateOnly}[len(s)]
	_, err := time.Parse(layout, s)
	return err == nil
}

// fictionFold prepares text for the occurrence checks: HTML tags dropped
// and entities decoded, curly quotes and apostrophes made straight, runs
// of spaces (including no-break and line breaks) made one space, and
// case folded.
func fictionFold(s string) string {
	s = html.UnescapeString(fictionTag.ReplaceAllString(s, ""))
	s = strings.NewReplacer(
		"\u2018", "'", "\u2019", "'", "\u201a", "'", "\u2032", "'",
		"\u201c", `"`, "\u201d", `"`, "\u201e", `"`, "\u2033", `"`, "\u00ab", `"`, "\u00bb", `"`,
		"\u00ad", "", "\u200b", "", "\u200c", "", "\u200d", "", "\ufeff", "",
	).Replace(s)
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u202f' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}
