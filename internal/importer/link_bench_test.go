package importer_test

import (
	"context"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
	"github.com/marquee-film/marquee/internal/importer"
	"github.com/marquee-film/marquee/internal/store"
)

// Linked extraction: the extractor reading 2,000-character announcements
// while it asks the catalog (app.Service.CatalogIndex, the store's
// indexes) which of their spans name films and people it holds. The
// target is p95 ≤ 50 ms per article on the scale-1 catalog (2.3 million
// films, 10.6 million people); see docs/PERFORMANCE.md.
//
// TestLinkedExtractionOnDatabase measures it on a database an import
// filled earlier (`sqlite:PATH`, a path, or a postgres:// URL):
//
//	MARQUEE_LINK_BENCH_DB=/tmp/s1.db go test -count=1 -run TestLinkedExtractionOnDatabase -v ./internal/importer
//
// TestLinkedExtractionSmallCatalog runs the same articles against a tiny
// imported catalog in every `go test ./...` and checks correctness only.

const (
	linkArticles     = 50
	linkArticleChars = 2000
)

func TestLinkedExtractionOnDatabase(t *testing.T) {
	dsn := os.Getenv("MARQUEE_LINK_BENCH_DB")
	if dsn == "" {
		t.Skip("set MARQUEE_LINK_BENCH_DB to an imported database (sqlite:PATH, PATH or postgres://…) to time linked extraction on it")
	}
	if !strings.HasPrefix(dsn, "sqlite:") && !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		dsn = "sqlite:" + dsn
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rounds := int(envFloat("MARQUEE_LINK_BENCH_ROUNDS", 3))

	start := time.Now()
	arts := makeLinkArticles(t, st)
	t.Logf("%d articles (%d–%d characters, mean %d) built from the catalog in %v",
		len(arts), minLen(arts), maxLen(arts), meanLen(arts), time.Since(start).Round(time.Millisecond))

	ix := &countingIndex{ix: app.New(st, nil, nil).CatalogIndex()}
	x := extract.New()
	// One pass to warm the page cache and the prepared statements, then
	// the measured rounds.
	first := stat(runLinked(t, ctx, x, ix, arts), func(r linkRun) float64 { return r.total.Seconds() * 1e3 })
	t.Logf("first pass (statements prepared, pages read): p50 %.2f ms, p95 %.2f ms, max %.2f ms", first.p50, first.p95, first.max)
	var runs []linkRun
	for range rounds {
		runs = append(runs, runLinked(t, ctx, x, ix, arts)...)
	}
	total, keys, index := stat(runs, func(r linkRun) float64 { return r.total.Seconds() * 1e3 }),
		stat(runs, func(r linkRun) float64 { return float64(r.keys) }),
		stat(runs, func(r linkRun) float64 { return r.index.Seconds() * 1e3 })
	t.Logf("extraction per article (%d samples): p50 %.2f ms, p95 %.2f ms, max %.2f ms", len(runs), total.p50, total.p95, total.max)
	t.Logf("keys the extractor asked per article: p50 %.0f, p95 %.0f, max %.0f", keys.p50, keys.p95, keys.max)
	t.Logf("time in the index per article: p50 %.2f ms, p95 %.2f ms, max %.2f ms", index.p50, index.p95, index.max)

	// The index alone, asked about every capitalized run of each article
	// and its sub-runs (more keys than a careful extractor asks).
	first = stat(probeIndex(t, ctx, ix.ix, arts), func(r linkRun) float64 { return r.index.Seconds() * 1e3 })
	t.Logf("index probe, first pass: p50 %.2f ms, p95 %.2f ms, max %.2f ms", first.p50, first.p95, first.max)
	var probes []linkRun
	for range rounds {
		probes = append(probes, probeIndex(t, ctx, ix.ix, arts)...)
	}
	pk, pt := stat(probes, func(r linkRun) float64 { return float64(r.keys) }),
		stat(probes, func(r linkRun) float64 { return r.index.Seconds() * 1e3 })
	t.Logf("index probe, all capitalized runs: keys per article p50 %.0f, p95 %.0f, max %.0f; time p50 %.2f ms, p95 %.2f ms, max %.2f ms",
		pk.p50, pk.p95, pk.max, pt.p50, pt.p95, pt.max)
	// Beside what the extractor asks, the sum of an article's
	// extraction and its probe bounds what a linked extraction costs.
	sums := make([]float64, len(runs))
	for i := range runs {
		sums[i] = (runs[i].total + probes[i].index).Seconds() * 1e3
	}
	bound := stat(sums, func(v float64) float64 { return v })
	t.Logf("extraction + probe per article: p50 %.2f ms, p95 %.2f ms, max %.2f ms", bound.p50, bound.p95, bound.max)
	t.Logf("RESULT linked extraction p95 %.2f ms (target ≤ 50 ms; the extractor asked %d keys in all); extraction + probe p95 %.2f ms",
		total.p95, ix.snapshot().keys, bound.p95)
	if total.p95 > 50 {
		t.Errorf("linked extraction p95 is %.2f ms, want ≤ 50 ms", total.p95)
	}
	if bound.p95 > 50 {
		t.Errorf("extraction + probe p95 is %.2f ms, want ≤ 50 ms", bound.p95)
	}
}

func TestLinkedExtractionSmallCatalog(t *testing.T) {
	dir := generate(t, 0.0002) // about 460 films and 2,100 people
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			runImport(t, st, importer.Options{Paths: []string{dir}})
			arts := makeLinkArticles(t, st)
			if len(arts) != linkArticles {
				t.Fatalf("%d articles, want %d", len(arts), linkArticles)
			}
			seen := map[string]bool{}
			for i, a := range arts {
				if n := len(a.text); n < linkArticleChars*9/10 || n > linkArticleChars*11/10 {
					t.Errorf("article %d has %d characters, want about %d", i, n, linkArticleChars)
				}
				if seen[a.text] {
					t.Errorf("article %d repeats an earlier one", i)
				}
				seen[a.text] = true
			}
			ix := &countingIndex{ix: app.New(st, nil, nil).CatalogIndex()}

			// The index returns the catalog's films and people for the
			// spans that name them, and nothing for the invented ones.
			for i, a := range arts {
				keys := candidateKeys(a.text)
				films, err := ix.FilmsByTitleFold(ctx, keys)
				if err != nil {
					t.Fatal(err)
				}
				people, err := ix.PeopleByNameFold(ctx, keys)
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range a.films {
					key := catalog.FoldText(f.Title)
					if !slices.Contains(keys, key) {
						t.Errorf("article %d: the probe did not ask for %q", i, key)
					} else if !slices.Contains(films[key], f) && len(films[key]) < 5 {
						t.Errorf("article %d: the index has %v for %q, want %v among them", i, films[key], key, f)
					}
				}
				for _, p := range a.people {
					if people[catalog.FoldText(p)] < 1 {
						t.Errorf("article %d: the index counts no one named %q", i, p)
					}
				}
				for _, inv := range a.invented {
					key := catalog.FoldText(inv)
					if len(films[key]) > 0 || people[key] > 0 {
						t.Errorf("article %d: the invented %q is in the catalog: %v, %d", i, inv, films[key], people[key])
					}
				}
			}

			// The extractor asks the index, and it answers with the
			// catalog's films.
			ix = &countingIndex{ix: ix.ix}
			runs := runLinked(t, ctx, extract.New(), ix, arts)
			asked, hits := 0, 0
			for _, r := range runs {
				asked += r.keys
				hits += r.filmHits
			}
			if ix.calls == 0 || asked == 0 || hits == 0 {
				t.Errorf("the extractor asked %d keys in %d calls and the index found %d films; want both > 0", asked, ix.calls, hits)
			}
		})
	}
}

// linkArticle is one generated announcement and what it names.
type linkArticle struct {
	text     string
	films    []extract.KnownFilm // catalog films it names, title and year
	people   []string            // catalog people it names
	invented []string            // titles and names made up for it
}

// linkRun is one article's extraction (or index probe).
type linkRun struct {
	total, index time.Duration
	keys         int
	filmHits     int
}

// runLinked extracts each article once with ix as its catalog.
func runLinked(t *testing.T, ctx context.Context, x *extract.Extractor, ix *countingIndex, arts []linkArticle) []linkRun {
	t.Helper()
	published := catalog.MustDate("2026-01-15")
	runs := make([]linkRun, 0, len(arts))
	for _, a := range arts {
		doc, err := extract.ParseInput([]byte(a.text), extract.Options{Published: published, Catalog: ix})
		if err != nil {
			t.Fatal(err)
		}
		before := ix.snapshot()
		start := time.Now()
		if _, err := x.ExtractDocumentContext(ctx, doc); err != nil {
			t.Fatal(err)
		}
		total := time.Since(start)
		after := ix.snapshot()
		runs = append(runs, linkRun{total: total, index: after.elapsed - before.elapsed,
			keys: after.keys - before.keys, filmHits: after.filmHits - before.filmHits})
	}
	return runs
}

// probeIndex asks ix about every candidate key of each article directly.
func probeIndex(t *testing.T, ctx context.Context, ix extract.CatalogIndex, arts []linkArticle) []linkRun {
	t.Helper()
	runs := make([]linkRun, 0, len(arts))
	for _, a := range arts {
		keys := candidateKeys(a.text)
		start := time.Now()
		films, err := ix.FilmsByTitleFold(ctx, keys)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ix.PeopleByNameFold(ctx, keys); err != nil {
			t.Fatal(err)
		}
		d := time.Since(start)
		runs = append(runs, linkRun{total: d, index: d, keys: len(keys), filmHits: len(films)})
	}
	return runs
}

// countingIndex counts the keys an extractor asks and the time the index
// takes.
type countingIndex struct {
	ix extract.CatalogIndex
	mu sync.Mutex
	indexCounts
}

type indexCounts struct {
	calls, keys, filmHits int
	elapsed               time.Duration
}

func (c *countingIndex) snapshot() indexCounts {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.indexCounts
}

func (c *countingIndex) add(keys, hits int, d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	c.keys += keys
	c.filmHits += hits
	c.elapsed += d
}

func (c *countingIndex) FilmsByTitleFold(ctx context.Context, folds []string) (map[string][]extract.KnownFilm, error) {
	start := time.Now()
	m, err := c.ix.FilmsByTitleFold(ctx, folds)
	c.add(len(folds), len(m), time.Since(start))
	return m, err
}

func (c *countingIndex) PeopleByNameFold(ctx context.Context, folds []string) (map[string]int, error) {
	start := time.Now()
	m, err := c.ix.PeopleByNameFold(ctx, folds)
	c.add(len(folds), 0, time.Since(start))
	return m, err
}

// candidateKeys folds every run of capitalized words of text (joined by
// spaces and lower-case connectors) and each of its sub-runs of up to six
// words that start and end with a capitalized word: the spans an
// extractor could ask about.
func candidateKeys(text string) []string {
	var keys []string
	seen := map[string]bool{}
	for _, run := range capitalizedRuns(text) {
		for i := range run {
			if !isCapitalized(run[i]) {
				continue
			}
			for j := i; j < len(run) && j < i+6; j++ {
				if !isCapitalized(run[j]) {
					continue
				}
				k := catalog.FoldText(strings.Join(run[i:j+1], " "))
				if !seen[k] {
					seen[k] = true
					keys = append(keys, k)
				}
			}
		}
	}
	return keys
}

var connectors = map[string]bool{"of": true, "the": true, "and": true, "in": true, "on": true, "a": true, "an": true,
	"de": true, "la": true, "le": true, "du": true, "des": true, "von": true, "van": true, "with": true, "for": true, "to": true, "at": true}

// capitalizedRuns splits text into runs of words separated only by single
// spaces, each run starting with a capitalized word.
func capitalizedRuns(text string) [][]string {
	var runs [][]string
	var cur []string
	flush := func() {
		for len(cur) > 0 && !isCapitalized(cur[len(cur)-1]) {
			cur = cur[:len(cur)-1]
		}
		if len(cur) > 0 {
			runs = append(runs, cur)
		}
		cur = nil
	}
	word := func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-'
	}
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= 0x80 {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if !word(r) {
			if r != ' ' {
				flush()
			}
			i += n
			continue
		}
		j := i
		for j < len(text) {
			r, m := rune(text[j]), 1
			if r >= 0x80 {
				r, m = utf8.DecodeRuneInString(text[j:])
			}
			if !word(r) {
				break
			}
			j += m
		}
		w := text[i:j]
		switch {
		case isCapitalized(w):
			cur = append(cur, w)
		case len(cur) > 0 && connectors[w]:
			cur = append(cur, w)
		default:
			flush()
		}
		i = j
	}
	flush()
	return runs
}

func isCapitalized(w string) bool {
	for _, r := range w {
		return unicode.IsUpper(r)
	}
	return false
}

// makeLinkArticles writes linkArticles announcements of about
// linkArticleChars characters from fixed templates: each names films of
// the catalog (the most popular matches of common title words, as the
// search index ranks them) with their people (from their credits), and
// invented titles and names. The same catalog gives the same articles.
func makeLinkArticles(t *testing.T, st *store.Store) []linkArticle {
	t.Helper()
	ctx := context.Background()
	type sample struct {
		film   extract.KnownFilm
		people []string
	}
	var films []sample
	seen := map[int64]bool{}
	for _, w := range []string{"night", "love", "city", "house", "red", "star", "girl", "river", "winter", "dream", "road",
		"last", "king", "war", "blue", "summer", "dark", "ghost", "fire", "story", "return", "boy", "quiet", "harbour"} {
		hits, err := st.Search(ctx, catalog.SearchQuery{Text: w, Kinds: []catalog.EntityType{catalog.EntityFilm}, Limit: 8})
		if err != nil {
			t.Fatalf("search %q: %v (the benchmark needs an imported catalog)", w, err)
		}
		for _, h := range hits {
			if seen[h.ID] || h.Matched != "" {
				continue
			}
			seen[h.ID] = true
			credits, err := st.ListCredits(ctx, catalog.CreditFilter{FilmID: h.ID})
			if err != nil {
				t.Fatal(err)
			}
			var people []string
			for _, c := range credits {
				if name := strings.TrimSpace(c.PersonName); strings.Contains(name, " ") && !slices.Contains(people, name) {
					people = append(people, name)
				}
			}
			if len(people) >= 3 {
				films = append(films, sample{film: extract.KnownFilm{Title: h.Name, Year: h.Year}, people: people})
			}
		}
	}
	if len(films) < 10 {
		t.Fatalf("found %d catalog films with three credited people; the benchmark needs at least 10", len(films))
	}
	r := rand.New(rand.NewPCG(1, 2))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	var out []linkArticle
	for i := range linkArticles {
		f1, f2 := films[i%len(films)], films[(i*7+3)%len(films)]
		for k := 1; f2.film.Title == f1.film.Title && k < len(films); k++ {
			f2 = films[(i*7+3+k)%len(films)]
		}
		inventedTitles := []string{inventedTitles[i%len(inventedTitles)], inventedTitles[(i+5)%len(inventedTitles)]}
		names := slices.Clone(inventedNames)
		r.Shuffle(len(names), func(a, b int) { names[a], names[b] = names[b], names[a] })
		names = names[:5]
		slots := strings.NewReplacer(
			"{T1}", f1.film.Title, "{Y1}", yearText(f1.film.Year), "{T2}", f2.film.Title, "{Y2}", yearText(f2.film.Year),
			"{D1}", f1.people[0], "{A1}", f1.people[1], "{A2}", f1.people[2], "{P1}", f2.people[0],
			"{X1}", inventedTitles[0], "{X2}", inventedTitles[1],
			"{N1}", names[0], "{N2}", names[1], "{N3}", names[2], "{N4}", names[3], "{N5}", names[4],
			"{L}", pick(labels), "{FEST}", pick(festivals), "{FEST2}", pick(festivals),
			"{DATE}", pick(dates), "{DATE2}", pick(dates), "{MONTH}", pick(months),
		)
		order := r.Perm(len(linkParagraphs))
		var b strings.Builder
		b.WriteString(slots.Replace(linkHeadlines[i%len(linkHeadlines)]))
		b.WriteString("\n\n")
		b.WriteString(slots.Replace(linkLead))
		for _, p := range order {
			if b.Len() >= linkArticleChars+200 {
				break
			}
			b.WriteString("\n\n")
			b.WriteString(slots.Replace(linkParagraphs[p]))
		}
		text := cutAt(b.String(), linkArticleChars)
		a := linkArticle{text: text, invented: slices.Concat(inventedTitles, names)}
		for _, f := range []sample{f1, f2} {
			if strings.Contains(text, f.film.Title) {
				a.films = append(a.films, f.film)
			}
		}
		for _, p := range []string{f1.people[0], f1.people[1], f1.people[2], f2.people[0]} {
			if strings.Contains(text, p) && !slices.Contains(a.people, p) {
				a.people = append(a.people, p)
			}
		}
		a.invented = slices.DeleteFunc(a.invented, func(s string) bool { return !strings.Contains(text, s) })
		out = append(out, a)
	}
	return out
}

func yearText(y int) string {
	if y == 0 {
		return "restored"
	}
	return strconv.Itoa(y)
}

// cutAt cuts text at the end of the sentence nearest to n characters.
func cutAt(text string, n int) string {
	best := len(text)
	for i := 0; i < len(text)-1; i++ {
		if text[i] == '.' && (text[i+1] == ' ' || text[i+1] == '\n') && abs(i+1-n) < abs(best-n) {
			best = i + 1
		}
	}
	return text[:best]
}

func abs(x int) int { return max(x, -x) }

var (
	linkHeadlines = []string{
		"{L} sets {T1} for 4K UHD and Blu-ray on {DATE}",
		"{T1} comes home: a new restoration from {L}",
		"{L} announces a limited edition of {T1}",
		"New on disc this spring: {T1} ({Y1})",
		"{T1} restored in 4K, with a commentary by {N1}",
	}
	linkLead = "{L} has announced that {T1} ({Y1}), directed by {D1}, will arrive on 4K Ultra HD and Blu-ray on {DATE}. " +
		"The new edition is built on a fresh scan of the original camera negative, checked frame by frame against an early " +
		"release print, and it replaces an out-of-print disc that has changed hands for silly money for years."
	linkParagraphs = []string{
		"{A1} and {A2} lead the cast. The restoration premiered earlier this year at {FEST}, where the screening sold out " +
			"within hours and {D1} introduced the film with a short talk about the shoot and the weather that nearly ended it.",
		"Extras include a new audio commentary with {N1} and {N2}, a conversation between {A1} and the critic {N3}, an " +
			"archival making-of, the original theatrical trailer and a booklet with a new essay by {N4}.",
		"The set also carries {X1}, a short film that {D1} made before {T1}, presented for the first time in high definition, " +
			"and a visual essay comparing the two with {T2} ({Y2}).",
		"Buyers in the UK get a limited edition with a rigid slipcase and six art cards, limited to 3,000 copies; the standard " +
			"edition follows in {MONTH}. A DVD is not planned, and the label has no plans for a steelbook.",
		"{P1}, who appears in {T2}, will join a live watch-along on the label's channels in the week of release. Pre-orders " +
			"are open now through the label's shop and the usual retailers.",
		"In the US, the film returns to cinemas on {DATE2} in a limited run, before a digital release on the major platforms. " +
			"{L} says the theatrical dates follow the festival circuit, starting with {FEST2}.",
		"Also on the slate is {X2}, a documentary about the making of {T1} directed by {N5}, due on Blu-ray later in the year " +
			"with interviews with {A2} and the film's editor.",
		"Critics have long argued over {T1}. On its first release the reviews were mixed, and {A2} later said the shoot was the " +
			"hardest of a long career. The restoration, overseen by {N1}, puts back twelve minutes cut for the original release.",
		"{D1} supervised the grade himself, working from notes kept since the shoot, and asked for the grain to be left " +
			"alone. Night scenes that looked murky on the old disc now hold detail in the shadows without looking new.",
		"The label's previous release of {T2} sold out in a week, and {L} says this one is pressed in larger numbers. " +
			"Retailers report that pre-orders for {T1} are already ahead of that title at the same point.",
		"A new interview with {A1}, recorded this winter, covers the casting, the rehearsals and a scene that was rewritten " +
			"on the day. {N3} moderates, and the talk runs a little over forty minutes.",
		"The soundtrack has been remastered from the original stems, with a new lossless stereo mix alongside the theatrical " +
			"mono, and the subtitles have been newly translated for this edition.",
	}
	inventedTitles = []string{"Copper Estuary", "The Salt Meridian", "Lanterns Over Vell", "A Quiet Ossuary", "The Glass Pilgrim",
		"Harrowgate Nocturne", "Tamsin's Orchard", "The Ninth Causeway", "Brackwater Sons", "Oriel and the Tide"}
	inventedNames = []string{"Marguerite Vallois", "Tobias Quennell", "Ines Haldorsen", "Kwame Adebanjo-Reyes", "Priyanka Vellacott",
		"Oskar Lindqvarn", "Halima Dursunoğlu", "Teodor Brannigan", "Ysolde Kerrigan", "Matthias Okonedo-Hale",
		"Sunniva Marchetti", "Renzo Takahara"}
	labels    = []string{"Arrow Video", "The Criterion Collection", "Second Sight", "Vinegar Syndrome", "Radiance Films", "Indicator", "Eureka Entertainment", "Kino Lorber"}
	festivals = []string{"the Berlin International Film Festival", "Il Cinema Ritrovato", "the Venice Film Festival", "the New York Film Festival", "the London Film Festival"}
	dates     = []string{"March 14", "April 7", "May 26", "June 2, 2026", "June 30", "July 21", "September 8", "October 13"}
	months    = []string{"April", "May", "June", "the autumn", "September"}
)

// stats of a sample.
type sampleStats struct{ p50, p95, max float64 }

func stat[T any](xs []T, f func(T) float64) sampleStats {
	vs := make([]float64, len(xs))
	for i, x := range xs {
		vs[i] = f(x)
	}
	return sampleStats{p50: median(vs), p95: p95(vs), max: slices.Max(vs)}
}

func minLen(arts []linkArticle) int {
	n := len(arts[0].text)
	for _, a := range arts {
		n = min(n, len(a.text))
	}
	return n
}

func maxLen(arts []linkArticle) int {
	n := 0
	for _, a := range arts {
		n = max(n, len(a.text))
	}
	return n
}

func meanLen(arts []linkArticle) int {
	n := 0
	for _, a := range arts {
		n += len(a.text)
	}
	return n / len(arts)
}
