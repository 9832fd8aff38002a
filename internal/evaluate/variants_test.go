package evaluate

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/marquee-film/marquee/internal/extract"
)

// variantFailureCeiling is the number of (article, variant) pairs of the
// corpus whose variant's facts differ from the original's, as measured
// when TestVariantsKeepFacts was written. It is a ratchet: lower it as
// the extractor improves; it must never go up.
const variantFailureCeiling = 24

// Fixtures written for these tests (not corpus text).
const (
	// layout 2: date and source lines, then the text.
	fixtureTwoLine = "date 2024-05-02\nsource https://www.example.org/news/lantern\n" +
		"The Lantern Keepers comes to Blu-ray in June\n\n" +
		"Harbor Lights Video will release \"The Lantern Keepers\" on Blu-ray and DVD on June 18, the studio's first 4K-UHD restoration - and a long-awaited one. The writer-director Mara Vell recorded a new commentary for the disc.\n\n" +
		"Special features:\n" +
		"- Audio commentary with Mara Vell\n" +
		"- Deleted scenes\n" +
		"– Theatrical trailer\n\n" +
		"Tide Tables\n\n" +
		"Night Ferry\n"
	// layout 1: the text follows the date on the first line.
	fixtureOneLine = " date 2023-11-09 Orchard Pictures said on Monday that its restoration of the 1968 mystery Winter Quay, long unavailable outside festivals, will reach DVD in early February with an illustrated booklet.\n\n" +
		"The disc's extras were not announced yet—the label's 'autumn slate' page says more will follow.\n"
	// a headline followed by a list of short lines in a block of their own.
	fixtureList = "date unknown\n" +
		"Three picks for the weekend\n\n" +
		"* Copper Valley\n" +
		"* The Glass Orchard\n\n" +
		"Paper Boats\n\n" +
		"Moon Over Tallis\n\n" +
		"1) Salt Road\n" +
		"2) Last Light at Kell\n"
)

func variantByName(t *testing.T, vs []Variant, name string) (Variant, bool) {
	t.Helper()
	for _, v := range vs {
		if v.Name == name {
			return v, true
		}
	}
	return Variant{}, false
}

func mustVariant(t *testing.T, article, name string) string {
	t.Helper()
	v, ok := variantByName(t, Variants([]byte(article)), name)
	if !ok {
		t.Fatalf("no %s variant of %q", name, article)
	}
	return string(v.Text)
}

func TestVariantsTransforms(t *testing.T) {
	for _, tc := range []struct {
		name, variant, in, want string
	}{
		{"straight quotes", "straight-quotes",
			"date 2020-01-02\nThe film\u2019s \u201Cfinal cut\u201D and \u2018extras\u2019, 5\u2032 2\u2033, \u00ABbonus\u00BB",
			"date 2020-01-02\nThe film's \"final cut\" and 'extras', 5' 2\", \"bonus\""},
		{"curly quotes", "curly-quotes",
			"date 2020-01-02\nThe studio's \"Night Train\" ('director's cut') from the '80s, critics' picks.",
			"date 2020-01-02\nThe studio’s “Night Train” (‘director’s cut’) from the ’80s, critics’ picks."},
		{"curly quotes at line start", "curly-quotes",
			"date 2020-01-02\n\"Quoted\" first\n'Single' next",
			"date 2020-01-02\n“Quoted” first\n‘Single’ next"},
		{"dashes rotate", "dashes",
			"date 2020-01-02\nA - B, pages 10–12, then—finally — the end.",
			"date 2020-01-02\nA – B, pages 10—12, then - finally - the end."},
		{"dashes keep word hyphens", "dashes",
			"date 2020-01-02\nThe writer-director's 4K-UHD and Blu-ray set - out now.",
			"date 2020-01-02\nThe writer-director's 4K-UHD and Blu-ray set – out now."},
		{"nbsp", "nbsp",
			"date 2020-01-02\nOn June 18 Harbor Lights Video ships 3 discs.",
			"date 2020-01-02\nOn\u00A0June 18\u00A0Harbor\u00A0Lights\u00A0Video ships 3\u202Fdiscs."},
		{"nbsp soft hyphen", "nbsp",
			"date 2020-01-02\ncommentary restoration soundtrack remastered widescreen documentary",
			"date 2020-01-02\ncommentary restoration soundtrack remastered wides\u00ADcreen documentary"},
		{"bullets restyle lists and runs", "bullets-number", fixtureList,
			"date unknown\nThree picks for the weekend\n\n" +
				"1. Copper Valley\n2. The Glass Orchard\n\n3. Paper Boats\n4. Moon Over Tallis\n\n" +
				"5. Salt Road\n6. Last Light at Kell\n"},
		{"bullets dot", "bullets-dot", fixtureList,
			"date unknown\nThree picks for the weekend\n\n" +
				"• Copper Valley\n• The Glass Orchard\n\n• Paper Boats\n• Moon Over Tallis\n\n" +
				"• Salt Road\n• Last Light at Kell\n"},
		{"bullets keep prose and list headers", "bullets-star", fixtureTwoLine,
			strings.NewReplacer("- Audio", "* Audio", "- Deleted", "* Deleted", "– Theatrical", "* Theatrical",
				"Tide Tables\n\nNight Ferry", "* Tide Tables\n* Night Ferry").Replace(fixtureTwoLine)},
		{"headline title case", "headline-title-case", fixtureList,
			strings.Replace(fixtureList, "Three picks for the weekend", "Three Picks for the Weekend", 1)},
		{"headline upper", "headline-upper", fixtureTwoLine,
			strings.Replace(fixtureTwoLine, "The Lantern Keepers comes to Blu-ray in June", "THE LANTERN KEEPERS COMES TO BLU-RAY IN JUNE", 1)},
		{"no-date", "no-date", fixtureTwoLine, strings.Replace(fixtureTwoLine, "date 2024-05-02", "date unknown", 1)},
		{"no-date, one-line layout", "no-date", fixtureOneLine, strings.Replace(fixtureOneLine, "date 2023-11-09", "date unknown", 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mustVariant(t, tc.in, tc.variant); got != tc.want {
				t.Errorf("%s:\n got %q\nwant %q", tc.variant, got, tc.want)
			}
		})
	}
}

func TestVariantsHeaderKept(t *testing.T) {
	for _, in := range []string{fixtureTwoLine, fixtureOneLine, fixtureList} {
		a := splitArticle(in)
		if a.header == "" {
			t.Fatalf("no header found in %q", in)
		}
		for _, v := range Variants([]byte(in)) {
			text := string(v.Text)
			if v.NoDate != (v.Name == "no-date") {
				t.Errorf("%s: NoDate = %v", v.Name, v.NoDate)
			}
			if v.NoDate {
				// Only the header changes.
				b := splitArticle(text)
				if b.body != a.body || !strings.Contains(b.header, "date unknown") || b.source != a.source {
					t.Errorf("no-date changed more than the header date: %q", text)
				}
				continue
			}
			if !strings.HasPrefix(text, a.header) {
				t.Errorf("%s: header not kept: %q", v.Name, text)
			}
			if text == in {
				t.Errorf("%s: variant equals the article", v.Name)
			}
		}
		// Deterministic.
		first, second := Variants([]byte(in)), Variants([]byte(in))
		if len(first) != len(second) {
			t.Fatalf("Variants is not deterministic")
		}
		for i := range first {
			if first[i].Name != second[i].Name || !bytes.Equal(first[i].Text, second[i].Text) {
				t.Errorf("%s differs between two calls", first[i].Name)
			}
		}
	}
}

func TestVariantsSkips(t *testing.T) {
	// The first line of the one-line layout is a long paragraph: no
	// headline variants; "date unknown" has no no-date variant; a text
	// without ASCII quotes has no curly-quotes variant.
	names := func(in string) map[string]bool {
		m := map[string]bool{}
		for _, v := range Variants([]byte(in)) {
			m[v.Name] = true
		}
		return m
	}
	if n := names(fixtureOneLine); n["headline-title-case"] || n["headline-upper"] {
		t.Errorf("headline variants of a text starting with a paragraph: %v", n)
	}
	if n := names(fixtureList); n["no-date"] || n["curly-quotes"] || n["straight-quotes"] {
		t.Errorf("unexpected variants: %v", n)
	}
	if n := names(fixtureTwoLine); !n["no-date"] || !n["html"] || !n["hard-wrap"] || !n["headline-upper"] {
		t.Errorf("missing variants: %v", n)
	}
}

func TestVariantsHardWrap(t *testing.T) {
	for _, in := range []string{fixtureTwoLine, fixtureOneLine,
		"date 2020-01-02\n" + strings.Repeat("word ", 40) + "\n\n" + strings.Repeat("x", 90) + " tail - with - dashes - 1. not a list " + strings.Repeat("y ", 50)} {
		got := mustVariant(t, in, "hard-wrap")
		if rejoined := strings.ReplaceAll(got, "\n", " "); rejoined != strings.ReplaceAll(in, "\n", " ") {
			t.Errorf("re-joined wrap differs:\n got %q\nwant %q", rejoined, in)
		}
		if strings.Count(got, "\n\n") != strings.Count(in, "\n\n") {
			t.Errorf("blank lines changed: %q", got)
		}
		body := splitArticle(got).body
		for _, line := range strings.Split(body, "\n") {
			if n := len([]rune(line)); n > 72 && strings.Contains(strings.TrimSpace(line), " ") {
				t.Errorf("line of %d runes: %q", n, line)
			}
			if listMarker(line) > 0 && !strings.Contains(in, "\n"+line) {
				t.Errorf("wrap made a list item: %q", line)
			}
		}
	}
}

func TestVariantsNbspReversible(t *testing.T) {
	in := fixtureTwoLine + "\nThe extended commentary, interviews, documentaries, photographs and storyboards; remastered soundtrack, restoration demonstration.\n"
	got := mustVariant(t, in, "nbsp")
	for _, r := range []string{"\u00A0", "\u202F", "\u00AD", "\u200B"} {
		if !strings.Contains(got, r) {
			t.Errorf("nbsp variant has no %U: %q", []rune(r)[0], got)
		}
	}
	back := strings.NewReplacer("\u00A0", " ", "\u202F", " ", "\u00AD", "", "\u200B", "").Replace(got)
	if back != in {
		t.Errorf("removing the special spaces does not give the article back:\n got %q\nwant %q", back, in)
	}
	if strings.Contains(splitArticle(got).header, "\u00A0") {
		t.Errorf("header changed")
	}
}

// htmlArticleText returns the text of the <article> element, with a
// space at element boundaries, and the texts of its <em> elements.
func htmlArticleText(t *testing.T, doc string) (string, []string) {
	t.Helper()
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var article *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Article {
			article = n
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(root)
	if article == nil {
		t.Fatalf("no <article> in %q", doc)
	}
	var b strings.Builder
	var ems []string
	var walk func(n *html.Node, em *strings.Builder)
	walk = func(n *html.Node, em *strings.Builder) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			if em != nil {
				em.WriteString(n.Data)
			}
			return
		case n.Type == html.ElementNode && n.DataAtom == atom.Em:
			var e strings.Builder
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c, &e)
			}
			ems = append(ems, e.String())
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, em)
		}
		b.WriteByte(' ')
	}
	walk(article, nil)
	return b.String(), ems
}

func TestVariantsHTML(t *testing.T) {
	gold := extract.Labels{Titles: []extract.LabelTitle{{Title: "The Lantern Keepers"}, {Title: "Winter Quay"}}}
	for _, in := range []string{fixtureTwoLine, fixtureOneLine, fixtureList} {
		v, ok := variantByName(t, Variants([]byte(in)), "html")
		if !ok {
			t.Fatalf("no html variant")
		}
		// The variant is layout only; ItalicHTML is the same page with
		// the gold titles in italics.
		if strings.Contains(string(v.Text), "<em>") {
			t.Errorf("html variant has italics: %s", v.Text)
		}
		if italic := ItalicHTML([]byte(in), gold); strings.ReplaceAll(strings.ReplaceAll(string(italic), "<em>", ""), "</em>", "") != string(v.Text) {
			t.Errorf("ItalicHTML is not the html variant with italics:\n%s\n%s", italic, v.Text)
		} else {
			v.Text = italic
		}
		a, h := splitArticle(in), splitArticle(string(v.Text))
		if h.header != a.header {
			t.Errorf("header changed: %q", h.header)
		}
		if !strings.HasPrefix(h.body, "<!doctype html>") {
			t.Errorf("body does not start with the doctype: %q", h.body)
		}
		text, ems := htmlArticleText(t, h.body)
		words := map[string]bool{}
		for _, w := range strings.Fields(text) {
			words[w] = true
		}
		l := analyzeLayout(a.body)
		for i, line := range l.lines {
			if l.item(i) {
				line = l.content(i)
			}
			for _, w := range strings.Fields(line) {
				if !words[w] {
					t.Errorf("word %q of the article is not in the html text %q", w, text)
				}
			}
		}
		for _, e := range ems {
			if e != "The Lantern Keepers" && e != "Winter Quay" {
				t.Errorf("<em>%s</em> is not a gold title", e)
			}
		}
		if strings.Contains(in, "Winter Quay") && len(ems) == 0 {
			t.Errorf("no <em> title in %q", v.Text)
		}
		// The extractor reads the header and the markup back.
		doc, err := extract.ParseInput(v.Text, extract.Options{})
		if err != nil || !doc.HTML {
			t.Fatalf("ParseInput: HTML=%v err=%v", doc.HTML, err)
		}
		orig, _ := extract.ParseInput([]byte(in), extract.Options{})
		if doc.Published != orig.Published || doc.Source != orig.Source {
			t.Errorf("header read as %v %q, want %v %q", doc.Published, doc.Source, orig.Published, orig.Source)
		}
	}
	// Titles in a paragraph get <em>; "The Lantern Keepers" in the headline
	// goes to <h1> unemphasised, and inside a paragraph is emphasised.
	italic := string(ItalicHTML([]byte(fixtureTwoLine), gold))
	if !strings.Contains(italic, "<h1>The Lantern Keepers comes to Blu-ray in June</h1>") ||
		!strings.Contains(italic, "&#34;<em>The Lantern Keepers</em>&#34;") {
		t.Errorf("ItalicHTML: %s", italic)
	}
	if !strings.Contains(italic, "<ul><li>Audio commentary with Mara Vell</li><li>Deleted scenes</li><li>Theatrical trailer</li>") {
		t.Errorf("list items: %s", italic)
	}
	// Lines that each end a sentence are paragraphs of their own; a block
	// whose sentences run across line ends is one paragraph.
	for _, tc := range []struct{ in, want string }{
		{"date unknown\nA first paragraph that is long enough not to be a headline at all, ending here.\nA second one follows.\n",
			"<p>A first paragraph that is long enough not to be a headline at all, ending here.</p>\n<p>A second one follows.</p>"},
		{"date unknown\nA first paragraph that is long enough not to be taken for a headline by anyone who reads it, even when wrapped\nin the middle of its sentence.\n",
			"<p>A first paragraph that is long enough not to be taken for a headline by anyone who reads it, even when wrapped\nin the middle of its sentence.</p>"},
	} {
		if v := mustVariant(t, tc.in, "html"); !strings.Contains(v, tc.want) {
			t.Errorf("html of %q:\n%s\nwant it to contain %q", tc.in, v, tc.want)
		}
	}
}

// variantJob is one extraction of TestVariantsKeepFacts.
type variantJob struct {
	article int
	variant int // -1 for the original
	text    []byte
	labels  extract.Labels
	err     error
}

// TestVariantsKeepFacts checks that typography and layout do not change
// the facts: every variant of every corpus article must give the facts
// its original gives. The extractor does not manage that yet, so the
// test is a ratchet on the number of failing (article, variant) pairs.
// MARQUEE_VARIANT_DIFF=all (or a variant name) prints every failing
// pair's differences.
func TestVariantsKeepFacts(t *testing.T) {
	if _, err := os.Stat(filepath.Join(corpusDir, "articles")); err != nil {
		t.Skipf("corpus not found at %s (it lives beside the repository in shared/corpus): %v", corpusDir, err)
	}
	paths, err := filepath.Glob(filepath.Join(corpusDir, "articles", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus articles: %v", err)
	}
	sort.Strings(paths)
	type article struct {
		name     string
		variants []Variant
	}
	var arts []article
	var jobs []*variantJob
	for i, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		vs := Variants(text)
		arts = append(arts, article{name: name, variants: vs})
		jobs = append(jobs, &variantJob{article: i, variant: -1, text: text})
		for j, v := range vs {
			jobs = append(jobs, &variantJob{article: i, variant: j, text: v.Text})
		}
	}
	x := extract.New()
	work := make(chan *variantJob)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), 8) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				res, err := x.Extract(j.text, extract.Options{})
				if err != nil {
					j.err = err
					continue
				}
				j.labels = extract.ToLabels(res)
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()

	show := os.Getenv("MARQUEE_VARIANT_DIFF")
	const maxDetailed, maxLines = 25, 4
	failures := 0
	tested := map[string]int{}
	failed := map[string]int{}
	lost, invented := map[string]int{}, map[string]int{} // failing pairs that lose, invent facts
	var original extract.Labels
	for _, j := range jobs {
		a := arts[j.article]
		if j.variant < 0 {
			if j.err != nil {
				t.Fatalf("%s: %v", a.name, j.err)
			}
			original = j.labels
			continue
		}
		v := a.variants[j.variant]
		tested[v.Name]++
		var diff []string
		if j.err != nil {
			diff = []string{"extract: " + j.err.Error()}
		} else {
			diff = variantFactDiff(original, j.labels, v.NoDate)
		}
		if len(diff) == 0 {
			continue
		}
		failures++
		failed[v.Name]++
		for _, d := range diff {
			if strings.HasPrefix(d, "- ") || strings.HasPrefix(d, "~ ") {
				lost[v.Name]++
				break
			}
		}
		for _, d := range diff {
			if strings.HasPrefix(d, "+ ") || strings.HasPrefix(d, "~ ") {
				invented[v.Name]++
				break
			}
		}
		switch {
		case show == "all" || show == v.Name:
			t.Logf("%s %s: facts differ from the original's\n  %s", a.name, v.Name, strings.Join(diff, "\n  "))
		case show != "":
		case failures <= maxDetailed:
			lines := diff
			if len(lines) > maxLines {
				lines = append(lines[:maxLines:maxLines], fmt.Sprintf("… %d more", len(diff)-maxLines))
			}
			t.Logf("%s %s: facts differ from the original's\n  %s", a.name, v.Name, strings.Join(lines, "\n  "))
		default:
			t.Logf("%s %s: %d difference(s), first %s", a.name, v.Name, len(diff), diff[0])
		}
	}
	if show == "" && failures > maxDetailed {
		t.Logf("(after the first %d failing pairs only the first difference is shown; MARQUEE_VARIANT_DIFF=all or =VARIANT shows them all)", maxDetailed)
	}
	var b strings.Builder
	total := 0
	for _, name := range VariantNames {
		fmt.Fprintf(&b, "\n  %-20s %3d of %3d  (%d lose facts, %d add facts)", name, failed[name], tested[name], lost[name], invented[name])
		total += tested[name]
	}
	t.Logf("(article, variant) pairs whose facts differ from the original's, per variant:%s", b.String())
	t.Logf("total: %d of %d (article, variant) pairs fail (ceiling %d)", failures, total, variantFailureCeiling)
	if failures > variantFailureCeiling {
		t.Errorf("%d (article, variant) pairs change the facts, above the ceiling of %d", failures, variantFailureCeiling)
	} else if failures < variantFailureCeiling {
		t.Logf("below the ceiling: lower variantFailureCeiling to %d", failures)
	}
}

// variantFactDiff lists how a variant's facts differ from the original's
// (score.go's Diff: "- " lost, "+ " invented). Without a publication
// date, release dates are compared apart: with all dates removed the
// facts must agree, and a date the variant still gives must be one the
// original gives for the same film and format, or a coarser form of one
// ("2023-04" for "2023-04-11"): a date may become unresolved or less
// precise, never invented or changed.
func variantFactDiff(original, variant extract.Labels, noDate bool) []string {
	if !noDate {
		if perfectScore(Score(original, variant)) {
			return nil
		}
		return Diff(original, variant)
	}
	o, v := withoutDates(original), withoutDates(variant)
	var out []string
	if !perfectScore(Score(o, v)) {
		out = Diff(o, v)
	}
	align := alignFilms(original.Titles, variant.Titles)
	for i, vt := range variant.Titles {
		for _, r := range vt.Releases {
			if r.Date == nil {
				continue
			}
			var have []string
			if align[i] >= 0 {
				for _, or := range original.Titles[align[i]].Releases {
					if str(or.Format) == str(r.Format) && or.Date != nil {
						have = append(have, *or.Date)
					}
				}
			}
			switch {
			case len(have) == 0:
				out = append(out, fmt.Sprintf("+ date %s: %s | %s (invented without a publication date)", vt.Title, str(r.Format), *r.Date))
			case !slices.ContainsFunc(have, func(d string) bool { return coarserDate(*r.Date, d) }):
				out = append(out, fmt.Sprintf("~ date %s: %s | %s, original %s", vt.Title, str(r.Format), *r.Date, strings.Join(have, ", ")))
			}
		}
		// A festival year without a publication date is one the text
		// writes, so the original has it too.
		for _, f := range vt.Festivals {
			if f.Year == nil {
				continue
			}
			found := false
			if align[i] >= 0 {
				for _, of := range original.Titles[align[i]].Festivals {
					found = found || of.Name == f.Name && of.Year != nil && *of.Year == *f.Year
				}
			}
			if !found {
				out = append(out, fmt.Sprintf("+ festival year %s: %s | %d (invented without a publication date)", vt.Title, f.Name, *f.Year))
			}
		}
	}
	return out
}

func perfectScore(r Report) bool {
	for _, t := range FactTypes {
		if c := r.ByType[t]; c.FP != 0 || c.FN != 0 {
			return false
		}
	}
	return true
}

func withoutDates(l extract.Labels) extract.Labels {
	out := extract.Labels{Titles: make([]extract.LabelTitle, len(l.Titles))}
	for i, t := range l.Titles {
		rel := make([]extract.LabelRelease, len(t.Releases))
		for j, r := range t.Releases {
			r.Date = nil
			rel[j] = r
		}
		t.Releases = rel
		// A festival's year may come from the publication date too
		// ("this year's Berlinale"); the variant's years are checked
		// against the original's in variantFactDiff.
		fest := make([]extract.LabelFestival, len(t.Festivals))
		for j, f := range t.Festivals {
			f.Year = nil
			fest[j] = f
		}
		t.Festivals = fest
		out.Titles[i] = t
	}
	return out
}

// coarserDate reports whether date d is o or o at a coarser precision:
// "2023-04" and "2023" for "2023-04-11".
func coarserDate(d, o string) bool {
	return d == o || (strings.HasPrefix(o, d) && o[len(d)] == '-')
}

// TestItalicTitlesDoNoHarm scores the corpus as pages that set the gold
// titles in italics (ItalicHTML) against the plain articles: italics are
// evidence a page gives, and reading them must not do worse than the
// plain text without them.
func TestItalicTitlesDoNoHarm(t *testing.T) {
	if _, err := os.Stat(filepath.Join(corpusDir, "articles")); err != nil {
		t.Skipf("corpus not found at %s (it lives beside the repository in shared/corpus): %v", corpusDir, err)
	}
	paths, err := filepath.Glob(filepath.Join(corpusDir, "articles", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no corpus articles: %v", err)
	}
	x := extract.New()
	plain, italic := NewReport(), NewReport()
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, min(runtime.GOMAXPROCS(0), 8))
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".txt")
		gold, err := readLabels(filepath.Join(corpusDir, "labels", name+".json"))
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			score := func(b []byte) Report {
				res, err := x.Extract(b, extract.Options{})
				if err != nil {
					t.Errorf("%s: %v", name, err)
					return NewReport()
				}
				return Score(gold, extract.ToLabels(res))
			}
			p, i := score(text), score(ItalicHTML(text, gold))
			mu.Lock()
			plain.Add(p)
			italic.Add(i)
			mu.Unlock()
		}()
	}
	wg.Wait()
	pf, itf := plain.Micro().F1(), italic.Micro().F1()
	t.Logf("micro-F1: plain %.3f, titles in italics %.3f", pf, itf)
	if itf < pf {
		t.Errorf("titles in italics score %.3f, below the plain text's %.3f", itf, pf)
	}
}
