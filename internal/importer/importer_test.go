package importer_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/importer"
	"github.com/marquee-film/marquee/internal/importer/imdbgen"
	"github.com/marquee-film/marquee/internal/store"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

var stores = map[string]func(t testing.TB) *store.Store{
	"sqlite":   storetest.NewSQLite,
	"postgres": storetest.NewPostgres,
}

func generate(t testing.TB, scale float64) string {
	t.Helper()
	dir := t.TempDir()
	if err := imdbgen.Generate(dir, scale, 1, true); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runImport(t testing.TB, st *store.Store, opts importer.Options) *importer.Report {
	t.Helper()
	rep, err := importer.Import(context.Background(), st, opts)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return rep
}

func countLines(t testing.TB, path string) int64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var n int64
	for sc.Scan() {
		n++
	}
	return n - 1
}

func fileReport(t testing.TB, rep *importer.Report, name string) importer.FileReport {
	t.Helper()
	for _, f := range rep.Files {
		if f.File == name {
			return f
		}
	}
	t.Fatalf("no report for %s", name)
	return importer.FileReport{}
}

// A generated set (about 1M rows on SQLite, the task's CI size) loads
// completely, maps into valid catalog records, is searchable, and
// loading it again changes nothing.
func TestImportEndToEnd(t *testing.T) {
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			// A small set in small chunks and batches: every file spans
			// several commits, as a real import's do. (The scale-0.005
			// set took 12-19 s on SQLite and found nothing this one does
			// not.)
			dir := generate(t, 0.0005)
			st := open(t)
			ctx := context.Background()
			rep := runImport(t, st, importer.WithChunkBytes(importer.Options{Paths: []string{dir}, BatchRows: 1000}, 64<<10))
			for _, f := range rep.Files {
				if f.Status != "done" || f.Rejected != 0 {
					t.Fatalf("%s: %s %q, %d rejected", f.File, f.Status, f.Message, f.Rejected)
				}
				if want := countLines(t, f.Path); f.Inserted != want {
					t.Errorf("%s: inserted %d rows, the file has %d", f.File, f.Inserted, want)
				}
			}
			p := rep.Projection
			if p.FilmsCreated == 0 || p.PeopleCreated == 0 || p.CreditsWritten == 0 {
				t.Fatalf("projection: %+v", p)
			}

			// The store's normal reads work on imported records.
			films, _, err := st.ListFilms(ctx, catalog.FilmFilter{Page: catalog.Page{Limit: 5}})
			if err != nil || len(films) == 0 {
				t.Fatalf("ListFilms: %v, %d films", err, len(films))
			}
			svc := app.New(st, nil, nil)
			var withCredits int
			for _, f := range films {
				if err := f.Validate(); err != nil {
					t.Errorf("film %d is not valid: %v", f.ID, err)
				}
				d, err := svc.FilmDetail(ctx, f.Slug)
				if err != nil {
					t.Fatalf("FilmDetail(%s): %v", f.Slug, err)
				}
				withCredits += len(d.Credits)
				for _, c := range d.Credits {
					if err := c.Validate(); err != nil {
						t.Errorf("credit %d is not valid: %v", c.ID, err)
					}
				}
			}

			// Search: accents and case folded, prefixes, episodes left out.
			hits, err := st.Search(ctx, catalog.SearchQuery{Text: "AMELIE", Kinds: []catalog.EntityType{catalog.EntityFilm}, Limit: 10})
			if err != nil || len(hits) == 0 {
				t.Fatalf("Search(AMELIE): %v, %d hits", err, len(hits))
			}
			for _, h := range hits {
				txt := catalog.FoldText(h.Name + " " + h.Matched)
				if !strings.Contains(txt, "amelie") {
					t.Errorf("hit %+v does not contain amelie", h)
				}
			}
			for i := 1; i < len(hits); i++ {
				if !hits[i-1].Exact && !hits[i].Exact && hits[i].Votes > hits[i-1].Votes {
					t.Errorf("hits not in popularity order: %+v before %+v", hits[i-1], hits[i])
				}
			}
			if hits, err := st.Search(ctx, catalog.SearchQuery{Text: "bjo", Kinds: []catalog.EntityType{catalog.EntityPerson}}); err != nil || len(hits) == 0 {
				t.Errorf("Search(bjo) for people: %v, %d hits", err, len(hits))
			} else if !strings.HasPrefix(catalog.FoldText(hits[0].Name), "bjork") {
				t.Errorf("Search(bjo) found %q first", hits[0].Name)
			}
			if _, err := st.GetFilmRating(ctx, films[0].ID); err != nil && catalog.KindOf(err) != catalog.KindNotFound {
				t.Errorf("GetFilmRating: %v", err)
			}

			// The same files again: nothing changes.
			again := runImport(t, st, importer.Options{Paths: []string{dir}})
			for _, f := range again.Files {
				if f.Inserted != 0 || f.Updated != 0 || f.Unchanged != countLines(t, f.Path) {
					t.Errorf("re-import %s: %+v", f.File, f.IMDbCounts)
				}
			}
			if p := again.Projection; p.FilmsCreated+p.FilmsLinked+p.FilmsUpdated+p.PeopleCreated+p.PeopleLinked+p.PeopleUpdated+p.CreditsWritten != 0 {
				t.Errorf("re-import projection: %+v", again.Projection)
			}
		})
	}
}

// writeSet writes small hand-made files (gzipped) into dir.
func writeSet(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(body))
		zw.Close()
		if err := os.WriteFile(filepath.Join(dir, name+".tsv.gz"), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const (
	basicsHeader     = "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n"
	namesHeader      = "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n"
	principalsHeader = "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n"
	akasHeader       = "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n"
	ratingsHeader    = "tconst\taverageRating\tnumVotes\n"
)

func smallSet() map[string]string {
	return map[string]string{
		"title.basics": basicsHeader +
			"tt0211915\tmovie\tAmélie\tLe fabuleux destin d'Amélie Poulain\t0\t2001\t\\N\t122\tComedy,Romance\n" +
			"tt10000001\tmovie\t\"Swing it\" magistern\t\"Swing it\" magistern\t0\t1940\t\\N\t\\N\tComedy\n" +
			"tt0000003\ttvEpisode\tAmélie's Episode\tAmélie's Episode\t0\t2010\t\\N\t\\N\t\\N\n",
		"name.basics": namesHeader +
			"nm0851582\tAudrey Tautou\t1976\t\\N\tactress\ttt0211915\n" +
			"nm0000466\tJean-Pierre Jeunet\t1953\t\\N\tdirector,writer\ttt0211915\n",
		"title.principals": principalsHeader +
			"tt0211915\t1\tnm0851582\tactress\t\\N\t[\"Amélie Poulain\"]\n" +
			"tt0211915\t2\tnm0000466\tdirector\t\\N\t\\N\n" +
			"tt10000001\t1\tnm0851582\tactress\t\\N\t[\"Jack \\\"The Knife\\\"\",\"Self\"]\n",
		"title.akas": akasHeader +
			"tt0211915\t1\tDie fabelhafte Welt der Amélie\tDE\tde\t\\N\t\\N\t0\n",
		"title.ratings": ratingsHeader + "tt0211915\t8.3\t800000\ntt10000001\t6.0\t12\n",
	}
}

// TestSearchCommonAndRareTerms: a term that thousands of titles share (on
// PostgreSQL, more than the GIN path reads, so the scan in popularity
// order answers) and a rare one both give the most popular matches first.
func TestSearchCommonAndRareTerms(t *testing.T) {
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			var basics, ratings strings.Builder
			basics.WriteString(basicsHeader)
			ratings.WriteString(ratingsHeader)
			const n = 6000
			for i := 1; i <= n; i++ {
				title := fmt.Sprintf("Lantern %d", i)
				if i%1000 == 0 {
					title = fmt.Sprintf("Lantern Harbour %d", i)
				}
				fmt.Fprintf(&basics, "tt%07d\tmovie\t%s\t%s\t0\t2001\t\\N\t90\tDrama\n", i, title, title)
				fmt.Fprintf(&ratings, "tt%07d\t7.0\t%d\n", i, (i*7919)%n+1) // votes: a permutation of 1..n
			}
			dir := t.TempDir()
			writeSet(t, dir, map[string]string{
				"title.basics": basics.String(), "title.ratings": ratings.String(),
				"name.basics": namesHeader, "title.principals": principalsHeader, "title.akas": akasHeader,
			})
			runImport(t, st, importer.Options{Paths: []string{dir}})
			for _, tc := range []struct {
				query string
				want  int // matches
			}{
				{"lantern", n}, {"lant", n}, {"harbour", n / 1000}, {"lantern harb", n / 1000}, {"nothing here", 0},
			} {
				hits, err := st.Search(ctx, catalog.SearchQuery{Text: tc.query, Kinds: []catalog.EntityType{catalog.EntityFilm}, Limit: 10})
				if err != nil {
					t.Fatalf("%q: %v", tc.query, err)
				}
				if want := min(tc.want, 10); len(hits) != want {
					t.Errorf("%q: %d hits, want %d", tc.query, len(hits), want)
					continue
				}
				for i := 1; i < len(hits); i++ {
					if hits[i-1].Votes < hits[i].Votes {
						t.Errorf("%q: hit %d has %d votes, hit %d has %d: not most popular first", tc.query, i-1, hits[i-1].Votes, i, hits[i].Votes)
					}
				}
				if tc.want == n && hits[0].Votes != n {
					t.Errorf("%q: first hit has %d votes, want the most popular (%d)", tc.query, hits[0].Votes, n)
				}
			}
		})
	}
}

// articleProvenance creates an article source and returns the provenance
// that cites it, for records made "by hand" before an import.
func articleProvenance(t *testing.T, svc *app.Service, url, title string) app.Provenance {
	t.Helper()
	src := catalog.Source{Kind: catalog.SourceArticle, URL: url, Title: title}
	if _, err := svc.CreateSource(context.Background(), &src); err != nil {
		t.Fatal(err)
	}
	return app.Provenance{SourceID: src.ID}
}

// A credit made by hand (same film, person and department as a dataset
// row) is kept as it is and not added a second time; the dataset's other
// credits are added.
func TestHandMadeCreditIsNotDuplicated(t *testing.T) {
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			svc := app.New(st, nil, nil)
			prov := articleProvenance(t, svc, "https://example.com/cast", "Cast list")
			film := catalog.Film{Title: "Amelie", Year: 2001, ExternalIDs: catalog.ExternalIDs{IMDb: "tt0211915"}}
			if err := svc.CreateFilm(ctx, &film, prov); err != nil {
				t.Fatal(err)
			}
			person := catalog.Person{Name: "Audrey Tautou", ExternalIDs: catalog.ExternalIDs{IMDb: "nm0851582"}}
			if err := svc.CreatePerson(ctx, &person, prov); err != nil {
				t.Fatal(err)
			}
			mine := catalog.Credit{FilmID: film.ID, PersonID: person.ID, Job: "actress", Character: "Amélie", Note: "from the article"}
			if err := svc.CreateCredit(ctx, &mine, prov); err != nil {
				t.Fatal(err)
			}

			dir := t.TempDir()
			writeSet(t, dir, smallSet())
			runImport(t, st, importer.Options{Paths: []string{dir}})
			credits, err := st.ListCredits(ctx, catalog.CreditFilter{FilmID: film.ID})
			if err != nil {
				t.Fatal(err)
			}
			var cast, directing int
			for _, c := range credits {
				switch c.Department {
				case catalog.DeptCast:
					cast++
					if c.ID != mine.ID || c.Character != "Amélie" || c.Note != "from the article" {
						t.Errorf("cast credit %+v; want the hand-made one (%d) unchanged", c, mine.ID)
					}
				case catalog.DeptDirecting:
					directing++
				}
			}
			if cast != 1 || directing != 1 || len(credits) != 2 {
				t.Errorf("credits after the import: %d cast, %d directing, %d in all; want 1, 1, 2: %+v", cast, directing, len(credits), credits)
			}
		})
	}
}

// A film made earlier (from an article, with its IMDb ID and a release)
// gains the dataset's credits and keeps its own title and release; a
// person made by hand is linked, not duplicated.
func TestExistingFilmGainsCredits(t *testing.T) {
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			svc := app.New(st, nil, nil)
			prov := articleProvenance(t, svc, "https://example.com/amelie", "Amélie returns")
			film := catalog.Film{Title: "Amelie (hand-made)", Year: 2001, ExternalIDs: catalog.ExternalIDs{IMDb: "tt0211915"}, Synopsis: "Kept."}
			if err := svc.CreateFilm(ctx, &film, prov); err != nil {
				t.Fatal(err)
			}
			rel := catalog.Release{FilmID: film.ID, Country: "FR", Type: catalog.ReleaseTheatrical, Date: mustDate(t, "2001-04-25")}
			if err := svc.CreateRelease(ctx, &rel, prov); err != nil {
				t.Fatal(err)
			}
			person := catalog.Person{Name: "Audrey Tautou", ExternalIDs: catalog.ExternalIDs{IMDb: "nm0851582"}}
			if err := svc.CreatePerson(ctx, &person, prov); err != nil {
				t.Fatal(err)
			}

			dir := t.TempDir()
			writeSet(t, dir, smallSet())
			rep := runImport(t, st, importer.Options{Paths: []string{dir}})
			if rep.Projection.FilmsLinked != 1 || rep.Projection.FilmsCreated != 1 || rep.Projection.PeopleLinked != 1 || rep.Projection.PeopleCreated != 1 {
				t.Errorf("projection: %+v", rep.Projection)
			}
			got, err := st.GetFilm(ctx, film.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Title != film.Title || got.Synopsis != "Kept." {
				t.Errorf("hand-made film overwritten: %+v", got)
			}
			d, err := svc.FilmDetail(ctx, film.Slug)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Releases) != 1 {
				t.Errorf("film has %d releases, want its 1", len(d.Releases))
			}
			if len(d.Credits) != 2 {
				t.Fatalf("film has %d credits, want 2: %+v", len(d.Credits), d.Credits)
			}
			for _, c := range d.Credits {
				if c.PersonName == "Audrey Tautou" && (c.PersonID != person.ID || c.Character != "Amélie Poulain" || c.Department != catalog.DeptCast || c.Billing != 1) {
					t.Errorf("cast credit: %+v (want person %d)", c, person.ID)
				}
			}
			people, _, err := st.ListPeople(ctx, catalog.PersonFilter{Name: "Audrey Tautou"})
			if err != nil || len(people) != 1 {
				t.Errorf("people named Audrey Tautou: %d, %v", len(people), err)
			}
			claims, err := st.ListClaims(ctx, catalog.ClaimFilter{FilmID: film.ID})
			if err != nil {
				t.Fatal(err)
			}
			var dataset int
			for _, c := range claims {
				s, err := st.GetSource(ctx, c.SourceID)
				if err != nil {
					t.Fatal(err)
				}
				if s.Kind == catalog.SourceDataset {
					dataset++
				}
			}
			if dataset == 0 {
				t.Errorf("no claim from the dataset source on the linked film: %+v", claims)
			}
			// The episode is loaded but is not a film; search finds the
			// film by an alternative title, accent-insensitively.
			hits, err := st.Search(ctx, catalog.SearchQuery{Text: "fabelhafte ameli", Kinds: []catalog.EntityType{catalog.EntityFilm}})
			if err != nil || len(hits) != 1 || hits[0].ID != film.ID {
				t.Errorf("search by alternative title: %v %+v", err, hits)
			}
			hits, err = st.Search(ctx, catalog.SearchQuery{Text: "amelie", Kinds: []catalog.EntityType{catalog.EntityFilm}})
			if err != nil || len(hits) != 1 {
				t.Errorf("search amelie: %v %+v (episodes must be left out)", err, hits)
			}
			hits, err = st.Search(ctx, catalog.SearchQuery{Text: "swing it magistern"})
			if err != nil || len(hits) != 1 || !hits[0].Exact || hits[0].Name != `"Swing it" magistern` {
				t.Errorf("search swing it: %v %+v", err, hits)
			}
			r, err := st.GetFilmRating(ctx, film.ID)
			if err != nil || r.Votes != 800000 || r.Average != 8.3 {
				t.Errorf("rating: %+v, %v", r, err)
			}
		})
	}
}

func mustDate(t testing.TB, s string) catalog.PartialDate {
	d, err := catalog.ParsePartialDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Newer files update only what changed and report it.
func TestNewerFilesUpdate(t *testing.T) {
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			dir := t.TempDir()
			set := smallSet()
			writeSet(t, dir, set)
			runImport(t, st, importer.Options{Paths: []string{dir}})

			set["title.basics"] = strings.Replace(set["title.basics"], "\t2001\t\\N\t122\t", "\t2001\t\\N\t123\t", 1) +
				"tt10000002\tmovie\tNew Film\tNew Film\t0\t2026\t\\N\t\\N\tDrama\n"
			set["title.principals"] += "tt10000002\t1\tnm0000466\tdirector\t\\N\t\\N\n"
			time.Sleep(10 * time.Millisecond)
			writeSet(t, dir, set)
			rep := runImport(t, st, importer.Options{Paths: []string{dir}})
			b := fileReport(t, rep, "title.basics")
			if b.Inserted != 1 || b.Updated != 1 || b.Unchanged != 2 {
				t.Errorf("title.basics counts: %+v", b.IMDbCounts)
			}
			p := fileReport(t, rep, "title.principals")
			if p.Inserted != 1 || p.Updated != 0 || p.Unchanged != 3 {
				t.Errorf("title.principals counts: %+v", p.IMDbCounts)
			}
			if rep.Projection.FilmsCreated != 1 || rep.Projection.FilmsUpdated != 1 || rep.Projection.CreditsWritten != 1 {
				t.Errorf("projection: %+v", rep.Projection)
			}
			f, err := st.GetFilmByExternalID(ctx, catalog.ExternalIDs{IMDb: "tt0211915"})
			if err != nil || f.RuntimeMinutes != 123 {
				t.Errorf("updated film: %+v %v", f, err)
			}
		})
	}
}

// Bad files get a clear message; nothing of a failed file reaches the
// catalog, and the other files are still imported.
func TestBadInput(t *testing.T) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(s))
		zw.Close()
		return b.Bytes()
	}
	manyTitles := basicsHeader
	for i := 1; i <= 3000; i++ {
		manyTitles += "tt" + pad7(i) + "\tmovie\tTitle " + pad7(i) + "\t\\N\t0\t2001\t\\N\t90\tDrama\n"
	}
	full := gz(manyTitles)
	cases := []struct {
		name      string
		basics    []byte
		plain     bool
		opts      importer.Options
		status    string
		message   string
		rejected  int64
		reasons   []string
		filmsMade bool
	}{
		{name: "truncated gzip", basics: full[:len(full)/2], status: "failed", message: "gzip stream is truncated"},
		{name: "gzip bomb", basics: full, opts: importer.Options{MaxDecompressed: 20000}, status: "failed", message: "exceeds the cap"},
		{name: "wrong header", basics: gz(strings.Replace(manyTitles, "primaryTitle", "title", 1)), status: "failed", message: "wrong header"},
		{name: "header only", basics: gz(basicsHeader), status: "done", message: "header only"},
		{name: "empty", basics: gz(""), status: "failed", message: "empty"},
		{name: "not gzip", basics: []byte("hello\n"), status: "failed", message: "gzip"},
		{name: "CRLF", basics: gz(strings.ReplaceAll(manyTitles, "\n", "\r\n")), status: "done", filmsMade: true},
		{name: "plain tsv", basics: []byte(manyTitles), plain: true, status: "done", filmsMade: true},
		{name: "1 MiB field", basics: gz(basicsHeader + "tt0000001\tmovie\t" + strings.Repeat("x", 1<<20) + "\t\\N\t0\t2001\t\\N\t\\N\t\\N\n" +
			"tt0000002\tmovie\tFine\t\\N\t0\t2001\t\\N\t\\N\t\\N\n"),
			status: "done", rejected: 1, reasons: []string{"longer than 500 bytes"}, filmsMade: true},
		{name: "line over the limit", opts: importer.Options{MaxLine: 64 << 10}, basics: gz(basicsHeader + "tt0000001\tmovie\t" + strings.Repeat("x", 1<<20) + "\t\\N\t0\t2001\t\\N\t\\N\t\\N\n" +
			"tt0000002\tmovie\tFine\t\\N\t0\t2001\t\\N\t\\N\t\\N\n"),
			status: "done", rejected: 1, reasons: []string{"line is longer than 65536 bytes"}, filmsMade: true},
		{name: "bad rows", basics: gz(basicsHeader +
			"tt0000001\tmovie\tNUL\x00\t\\N\t0\t2001\t\\N\t\\N\t\\N\n" +
			"tt0000002\tmovie\tbad \xff utf8\t\\N\t0\t2001\t\\N\t\\N\t\\N\n" +
			"tt123\tmovie\tshort id\t\\N\t0\t2001\t\\N\t\\N\t\\N\n" +
			"tt0000004\tmovie\ttoo few columns\n" +
			"tt0000005\tmovie\t\"Swing it\" magistern\t\\N\t0\t1940\t\\N\t\\N\tComedy\n"),
			status: "done", rejected: 4, reasons: []string{"NUL", "UTF-8", "not an IMDb title ID", "columns"}, filmsMade: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			st := storetest.NewSQLite(t)
			dir := t.TempDir()
			name := "title.basics.tsv.gz"
			if tc.plain {
				name = "title.basics.tsv"
			}
			if err := os.WriteFile(filepath.Join(dir, name), tc.basics, 0o644); err != nil {
				t.Fatal(err)
			}
			writeSet(t, dir, map[string]string{"title.ratings": ratingsHeader + "tt0000001\t7.0\t10\n"})
			opts := tc.opts
			opts.Paths = []string{dir}
			rep := runImport(t, st, opts)
			b := fileReport(t, rep, "title.basics")
			if b.Status != tc.status || !strings.Contains(b.Message, tc.message) {
				t.Errorf("title.basics: status %q message %q; want %q containing %q", b.Status, b.Message, tc.status, tc.message)
			}
			if b.Rejected != tc.rejected {
				t.Errorf("rejected %d, want %d", b.Rejected, tc.rejected)
			}
			rejects, err := st.IMDbRejects(ctx, rep.Gen, 100)
			if err != nil {
				t.Fatal(err)
			}
			for i, want := range tc.reasons {
				if i >= len(rejects) || !strings.Contains(rejects[i].Reason, want) || rejects[i].File != "title.basics" || rejects[i].Line != int64(i+2) {
					t.Errorf("reject %d: %+v, want reason with %q at line %d", i, rejects, want, i+2)
				}
			}
			if r := fileReport(t, rep, "title.ratings"); r.Status != "done" || r.Inserted != 1 {
				t.Errorf("the other file was not imported: %+v", r)
			}
			if m := fileReport(t, rep, "name.basics"); m.Status != "missing" {
				t.Errorf("name.basics: %+v", m)
			}
			films, _, err := st.ListFilms(ctx, catalog.FilmFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if tc.filmsMade != (len(films) > 0) {
				t.Errorf("%d films in the catalog; want some: %v (projection %+v)", len(films), tc.filmsMade, rep.Projection)
			}
			if tc.name == "CRLF" && strings.Contains(films[0].Title, "\r") {
				t.Errorf("CR kept in %q", films[0].Title)
			}
		})
	}
}

func pad7(i int) string {
	s := "0000000" + itoa(i)
	return s[len(s)-7:]
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

// An import interrupted part-way leaves a consistent catalog, and
// --resume finishes it with the same result as an uninterrupted import.
func TestResume(t *testing.T) {
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			dir := generate(t, 0.0003)
			st := open(t)
			ctx, cancel := context.WithCancel(context.Background())
			// Chunks of 64 KiB, each more than a batch: every file
			// spans several commits.
			opts := importer.WithChunkBytes(importer.Options{Paths: []string{dir}, BatchRows: 500}, 64<<10)
			pr, pw := io.Pipe()
			opts.Progress = pw
			go func() {
				// Interrupt once the principals are under way: when the
				// progress counts the rows of a second chunk, the first
				// chunk's batch is committed.
				sc := bufio.NewScanner(pr)
				seen := 0
				for sc.Scan() {
					var pct float64
					var rows int
					if _, err := fmt.Sscanf(sc.Text(), "title.principals: %f%% %d rows", &pct, &rows); err != nil || rows == 0 {
						continue
					}
					if seen > 0 && rows > seen {
						cancel()
					}
					seen = rows
				}
			}()
			opts.ProgressEvery = time.Millisecond
			_, err := importer.Import(ctx, st, opts)
			pw.Close()
			if !errors.Is(err, importer.ErrInterrupted) {
				t.Fatalf("interrupted import: %v", err)
			}
			rep := runImport(t, st, importer.Options{Paths: []string{dir}, Resume: true})
			if !rep.Resumed {
				t.Fatal("not resumed")
			}
			// The interruption left a file part-way: the resumed run
			// read only the rest of it.
			partial := false
			for _, f := range rep.Files {
				partial = partial || f.Lines > 0 && f.Lines < f.Inserted
			}
			if !partial {
				t.Errorf("no file was resumed part-way: %+v", rep.Files)
			}
			var total int64
			for _, f := range rep.Files {
				if f.Status != "done" && f.Status != "skipped" {
					t.Errorf("%s: %s %s", f.File, f.Status, f.Message)
				}
				if got, want := f.Inserted, countLines(t, f.Path); got != want {
					t.Errorf("%s: %d rows inserted over both runs, want %d", f.File, got, want)
				}
				total += f.Unchanged + f.Updated
			}
			if total != 0 {
				t.Errorf("resume re-wrote %d rows", total)
			}
			if _, err := importer.Import(context.Background(), st, importer.Options{Paths: []string{dir}, Resume: true}); err == nil {
				t.Error("resuming a finished import succeeded")
			}

			// The result is the same as one uninterrupted import.
			fresh := open(t)
			runImport(t, fresh, importer.Options{Paths: []string{dir}})
			for _, q := range []catalog.FilmFilter{{}, {Query: "amelie"}} {
				q.Limit = 1000
				a, _, err1 := st.ListFilms(context.Background(), q)
				b, _, err2 := fresh.ListFilms(context.Background(), q)
				if err1 != nil || err2 != nil || len(a) != len(b) {
					t.Errorf("films after resume %d, fresh %d (%v %v)", len(a), len(b), err1, err2)
				}
			}
		})
	}
}

// A dry run parses without a database.
func TestDryRun(t *testing.T) {
	dir := t.TempDir()
	writeSet(t, dir, smallSet())
	rep, err := importer.Import(context.Background(), nil, importer.Options{Paths: []string{dir}, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if b := fileReport(t, rep, "title.basics"); b.Inserted != 3 {
		t.Errorf("dry run parsed %d titles", b.Inserted)
	}
}

// The raw tables leave folds and slugs empty when SQL can derive them
// (store.IMDbStoredFold, IMDbStoredSlug); the films and people the import
// creates must still get exactly the slugs and folds that Go computes.
func TestDerivedSlugsAndFoldsMatchGo(t *testing.T) {
	long := strings.Repeat("Word ", 30) + "End"
	titles := []struct{ id, title, year string }{
		{"tt0000101", "Red Rocket", "2021"},
		{"tt0000102", "INDIANA Jones", "1981"},      // upper case, incl. the Turkish-sensitive I
		{"tt0000103", "Untitled Project", `\N`},     // no year
		{"tt0000104", "Old Reel", "1850"},           // a year outside the catalog's range
		{"tt0000105", "Amélie", "2001"},             // accents
		{"tt0000106", "Schindler's List", "1993"},   // apostrophe
		{"tt0000107", "Mad Max: Fury Road", "2015"}, // punctuation
		{"tt0000108", "Two  Spaces", "2000"},        // a double space
		{"tt0000109", long, "2010"},                 // a slug cut at 100 bytes
		{"tt0000110", "2046", "2004"},               // digits only
		{"tt10000111", "Eight Digits", "2030"},      // an 8-digit ID
	}
	names := []struct{ id, name string }{
		{"nm0000201", "Sean Baker"}, {"nm0000202", "Björk"}, {"nm0000203", "Simon Rex"},
		{"nm0000204", "Kat O'Ellinger"}, {"nm0000205", "ISABELLE Huppert"}, {"nm10000206", "Ng"},
	}
	var basics, people, principals strings.Builder
	basics.WriteString(basicsHeader)
	people.WriteString(namesHeader)
	principals.WriteString(principalsHeader)
	for _, ti := range titles {
		fmt.Fprintf(&basics, "%s\tmovie\t%s\t%s\t0\t%s\t\\N\t90\tDrama\n", ti.id, ti.title, ti.title, ti.year)
		for i, n := range names {
			fmt.Fprintf(&principals, "%s\t%d\t%s\tactor\t\\N\t\\N\n", ti.id, i+1, n.id)
		}
	}
	for _, n := range names {
		fmt.Fprintf(&people, "%s\t%s\t\\N\t\\N\tactor\t\\N\n", n.id, n.name)
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			dir := t.TempDir()
			writeSet(t, dir, map[string]string{"title.basics": basics.String(), "name.basics": people.String(), "title.principals": principals.String()})
			rep := runImport(t, st, importer.Options{Paths: []string{dir}})
			if rep.Projection.FilmsCreated != int64(len(titles)) || rep.Projection.PeopleCreated != int64(len(names)) {
				t.Fatalf("projection: %+v", rep.Projection)
			}
			for _, ti := range titles {
				year := 0
				if y, err := strconv.Atoi(ti.year); err == nil && y >= catalog.MinYear && y <= catalog.MaxYear {
					year = y
				}
				parts := []string{ti.title}
				if year > 0 {
					parts = append(parts, strconv.Itoa(year))
				}
				slug := store.IMDbSlug(ti.id, parts...)
				f, err := st.GetFilmBySlug(ctx, slug)
				if err != nil {
					t.Errorf("%q: no film with slug %q: %v", ti.title, slug, err)
					continue
				}
				if len(strings.Fields(ti.title)) > 8 {
					continue // search reads the first 8 words only
				}
				hits, err := st.Search(ctx, catalog.SearchQuery{Text: strings.ToUpper(ti.title), Kinds: []catalog.EntityType{catalog.EntityFilm}, Limit: 3})
				if err != nil || len(hits) == 0 || hits[0].ID != f.ID || !hits[0].Exact || hits[0].Matched != "" {
					t.Errorf("%q: exact search by the title in upper case: %v %+v (want film %d, its title fold matching)", ti.title, err, hits, f.ID)
				}
			}
			for _, n := range names {
				slug := store.IMDbSlug(n.id, n.name)
				p, err := st.GetPersonBySlug(ctx, slug)
				if err != nil {
					t.Errorf("%q: no person with slug %q: %v", n.name, slug, err)
					continue
				}
				if p.SortName != catalog.DefaultSortName(n.name) {
					t.Errorf("%q: sort name %q", n.name, p.SortName)
				}
				hits, err := st.Search(ctx, catalog.SearchQuery{Text: strings.ToUpper(n.name), Kinds: []catalog.EntityType{catalog.EntityPerson}, Limit: 3})
				if err != nil || len(hits) == 0 || hits[0].ID != p.ID || !hits[0].Exact || hits[0].Matched != "" {
					t.Errorf("%q: exact search by the name in upper case: %v %+v", n.name, err, hits)
				}
			}
		})
	}
}

// The done-when: a film made by ingesting an article, later given
// its IMDb ID, gains the dataset's credits and keeps its releases,
// editions and extras; the director the article named is linked by name
// on that film, not created a second time.
func TestArticleFilmGainsDatasetCredits(t *testing.T) {
	const article = "date 2025-05-02\nsource https://example.com/news/harbour-lights-disc\n\n" +
		"Harbour Lights is coming to Blu-ray on June 9 from the Criterion Collection. The drama, written and directed by " +
		"Mira Castellane, premiered at the 2024 Berlin Film Festival.\n\n" +
		"The Blu-ray includes an audio commentary with writer-director Mira Castellane and a making-of featurette.\n"
	set := map[string]string{
		"title.basics": basicsHeader + "tt0400001\tmovie\tHarbour Lights\tHarbour Lights\t0\t2024\t\\N\t101\tDrama\n",
		"name.basics": namesHeader +
			"nm0500001\tMira Castellane\t1980\t\\N\tdirector,writer\ttt0400001\n" +
			"nm0500002\tTeodor Vance\t1975\t\\N\tactor\ttt0400001\n",
		"title.principals": principalsHeader +
			"tt0400001\t1\tnm0500002\tactor\t\\N\t[\"The Keeper\"]\n" +
			"tt0400001\t2\tnm0500001\tdirector\t\\N\t\\N\n",
	}
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			svc := app.New(st, nil, nil)
			a, err := svc.SubmitArticle(ctx, app.ArticleInput{Text: article})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.ApplyArticle(ctx, a.Source.ID, nil); err != nil {
				t.Fatal(err)
			}
			before, err := svc.FilmDetail(ctx, "harbour-lights")
			if err != nil {
				t.Fatal(err)
			}
			var editions, extras int
			for _, r := range before.Releases {
				editions += len(r.Editions)
				for _, e := range r.Editions {
					extras += len(e.Extras)
				}
			}
			if len(before.Releases) == 0 || editions == 0 || extras == 0 || len(before.Credits) == 0 {
				t.Fatalf("the article gave %d releases, %d editions, %d extras, %d credits", len(before.Releases), editions, extras, len(before.Credits))
			}
			film := before.Film
			film.ExternalIDs.IMDb = "tt0400001"
			if err := svc.UpdateFilm(ctx, &film, app.Provenance{SourceID: a.Source.ID}); err != nil {
				t.Fatal(err)
			}

			dir := t.TempDir()
			writeSet(t, dir, set)
			rep := runImport(t, st, importer.Options{Paths: []string{dir}})
			if p := rep.Projection; p.FilmsLinked != 1 || p.FilmsCreated != 0 || p.PeopleLinked != 1 || p.PeopleCreated != 1 {
				t.Errorf("projection: %+v (want the film and the director linked, the actor created)", p)
			}
			after, err := svc.FilmDetail(ctx, "harbour-lights")
			if err != nil {
				t.Fatal(err)
			}
			if after.Film.Title != before.Film.Title || after.Film.Year != before.Film.Year {
				t.Errorf("film changed: %+v", after.Film)
			}
			if diff := cmp.Diff(before.Releases, after.Releases); diff != "" {
				t.Errorf("releases, editions or extras changed (-before +after):\n%s", diff)
			}
			var directors, keeper int
			for _, c := range after.Credits {
				if c.Department == catalog.DeptDirecting {
					directors++
				}
				if c.PersonName == "Teodor Vance" && c.Character == "The Keeper" && c.Department == catalog.DeptCast {
					keeper++
				}
			}
			if directors != 1 || keeper != 1 {
				t.Errorf("credits after the import: %d directing (want 1), %d for the new actor (want 1): %+v", directors, keeper, after.Credits)
			}
			people, _, err := st.ListPeople(ctx, catalog.PersonFilter{Name: "Mira Castellane"})
			if err != nil || len(people) != 1 {
				t.Errorf("people named Mira Castellane: %d, %v (want the article's one only)", len(people), err)
			}
		})
	}
}

// Films and people made after the last import (from articles, by hand)
// are not in the search index; search still finds them.
func TestSearchFindsRecordsMadeAfterTheIndex(t *testing.T) {
	for name, open := range stores {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st := open(t)
			dir := t.TempDir()
			writeSet(t, dir, smallSet())
			runImport(t, st, importer.Options{Paths: []string{dir}})
			svc := app.New(st, nil, nil)
			src := catalog.Source{Kind: catalog.SourceManual, Title: "by hand"}
			if _, err := svc.CreateSource(ctx, &src); err != nil {
				t.Fatal(err)
			}
			film := catalog.Film{Title: "Zephyr Över Harbour", Year: 2027}
			if err := svc.CreateFilm(ctx, &film, app.Provenance{SourceID: src.ID}); err != nil {
				t.Fatal(err)
			}
			person := catalog.Person{Name: "Quillon Ardent"}
			if err := svc.CreatePerson(ctx, &person, app.Provenance{SourceID: src.ID}); err != nil {
				t.Fatal(err)
			}
			hits, err := svc.Search(ctx, catalog.SearchQuery{Text: "harbour ZEPH over"})
			if err != nil || len(hits) != 1 || hits[0].ID != film.ID || hits[0].Kind != catalog.EntityFilm {
				t.Errorf("search for the new film: %v %+v", err, hits)
			}
			hits, err = svc.Search(ctx, catalog.SearchQuery{Text: "quillon ardent"})
			if err != nil || len(hits) != 1 || hits[0].ID != person.ID || !hits[0].Exact {
				t.Errorf("search for the new person: %v %+v", err, hits)
			}
			// Records the index knows are still found through it.
			if hits, err := svc.Search(ctx, catalog.SearchQuery{Text: "amelie", Kinds: []catalog.EntityType{catalog.EntityFilm}}); err != nil || len(hits) != 1 {
				t.Errorf("search amelie: %v %+v", err, hits)
			}
		})
	}
}

// On PostgreSQL an import refreshes the statistics of its own schema's
// tables, not of every table in the database.
func TestImportAnalyzesOnlyItsSchema(t *testing.T) {
	dsn := storetest.SkipWithoutPostgres(t)
	ctx := context.Background()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	other := "marquee_other_" + strings.ToLower(rand.Text())
	for _, q := range []string{"CREATE SCHEMA " + other, "CREATE TABLE " + other + ".t AS SELECT g AS n FROM generate_series(1, 100) g"} {
		if _, err := admin.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	t.Cleanup(func() { admin.ExecContext(ctx, "DROP SCHEMA "+other+" CASCADE") })

	st := storetest.NewPostgres(t)
	dir := t.TempDir()
	writeSet(t, dir, smallSet())
	var start time.Time
	if err := admin.QueryRowContext(ctx, "SELECT now()").Scan(&start); err != nil {
		t.Fatal(err)
	}
	runImport(t, st, importer.Options{Paths: []string{dir}})

	analyzed := func(schema, table string) bool {
		var n int
		err := admin.QueryRowContext(ctx, `SELECT count(*) FROM pg_stat_user_tables
			WHERE schemaname LIKE $1 AND relname = $2 AND last_analyze >= $3`, schema, table, start).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		return n > 0
	}
	// Statistics reach the cumulative statistics system at the end of a
	// transaction, give or take a flush.
	deadline := time.Now().Add(5 * time.Second)
	for !analyzed("marquee\\_pool\\_%", "films") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !analyzed("marquee\\_pool\\_%", "films") {
		t.Error("the import's own films table was not analyzed")
	}
	if analyzed(other, "t") {
		t.Errorf("the import analyzed %s.t, a table of another schema", other)
	}
}
