package importer_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/importer"
	"github.com/marquee-film/marquee/internal/store"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

// TestImportRatios measures the import against baselines in the same run
// (see docs/PERFORMANCE.md). It is a benchmark, not a test of
// correctness, so it runs only with MARQUEE_IMDB_BENCH=1:
//
//	MARQUEE_IMDB_BENCH=1 MARQUEE_IMDB_BENCH_SCALE=0.01 MARQUEE_IMDB_BENCH_ROUNDS=3 \
//	MARQUEE_TEST_POSTGRES_DSN=postgres://… go test ./internal/importer -run TestImportRatios -v -timeout 2h
//
// Baseline and subject runs alternate, as the shared machine drifts. Each
// ratio is checked at 0.7 of its target (the CI margin); MARQUEE_IMDB_BENCH_STRICT=1
// checks the targets themselves.
func TestImportRatios(t *testing.T) {
	if os.Getenv("MARQUEE_IMDB_BENCH") != "1" {
		t.Skip("set MARQUEE_IMDB_BENCH=1 to measure the import against its baselines")
	}
	scale := envFloat("MARQUEE_IMDB_BENCH_SCALE", 0.01)
	rounds := int(envFloat("MARQUEE_IMDB_BENCH_ROUNDS", 3))
	margin := 0.7
	if os.Getenv("MARQUEE_IMDB_BENCH_STRICT") == "1" {
		margin = 1
	}
	dir := generate(t, scale)
	principals := filepath.Join(dir, "title.principals.tsv.gz")
	only := t.TempDir() // a set with just the principals
	if err := os.Symlink(principals, filepath.Join(only, "title.principals.tsv.gz")); err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(t.TempDir(), "title.principals.tsv")
	if out, err := exec.Command("sh", "-c", "zcat "+principals+" > "+plain).CombinedOutput(); err != nil {
		t.Fatalf("zcat: %v %s", err, out)
	}
	lines := countLines(t, principals)
	t.Logf("scale %g: title.principals %d rows; %d rounds", scale, lines, rounds)

	check := func(what string, ratio, target float64, atLeast bool) {
		ok := ratio >= target*margin
		want := fmt.Sprintf("≥ %.2f", target*margin)
		if !atLeast {
			ok = ratio <= target/margin
			want = fmt.Sprintf("≤ %.2f", target/margin)
		}
		t.Logf("RATIO %-40s %8.3f (target %s%.2f, checked %s)", what, ratio, map[bool]string{true: "≥ ", false: "≤ "}[atLeast], target, want)
		if !ok {
			t.Errorf("%s: ratio %.3f, want %s", what, ratio, want)
		}
	}

	// 1. Parse only vs zcat | wc -l.
	t.Run("parse", func(t *testing.T) {
		var base, subj []float64
		for i := range rounds {
			b := func() { base = append(base, timeCmd(t, "sh", "-c", "zcat "+principals+" | wc -l")) }
			s := func() {
				rep, err := importer.Import(context.Background(), nil, importer.Options{Paths: []string{only}, DryRun: true})
				if err != nil {
					t.Fatal(err)
				}
				subj = append(subj, rep.Files[3].Elapsed.Seconds())
			}
			alternate(i, b, s)
		}
		t.Logf("zcat|wc -l %.3fs, parse %.3fs (%.0f rows/s)", median(base), median(subj), float64(lines)/median(subj))
		check("parse lines/s ÷ zcat|wc -l lines/s", median(base)/median(subj), 0.5, true)
	})

	// 2. SQLite load of title.principals vs the sqlite3 shell's .import.
	t.Run("sqlite", func(t *testing.T) {
		if _, err := exec.LookPath("sqlite3"); err != nil {
			t.Skip("the sqlite3 shell is not installed (Debian: apt-get install sqlite3); no baseline")
		}
		var base, subj []float64
		for i := range rounds {
			b := func() {
				db := filepath.Join(t.TempDir(), "base.db")
				setup := `PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-262144; PRAGMA temp_store=FILE;
CREATE TABLE imdb_principals (tconst INTEGER NOT NULL, ordering INTEGER NOT NULL, nconst INTEGER NOT NULL,
category TEXT NOT NULL, job TEXT NOT NULL, characters TEXT NOT NULL, PRIMARY KEY (tconst, ordering)) WITHOUT ROWID;`
				if out, err := exec.Command("sqlite3", db, setup).CombinedOutput(); err != nil {
					t.Fatalf("sqlite3 setup: %v %s", err, out)
				}
				base = append(base, timeCmd(t, "sqlite3", db, "PRAGMA synchronous=NORMAL", "PRAGMA cache_size=-262144", ".mode tabs",
					".import --skip 1 "+plain+" imdb_principals"))
			}
			s := func() {
				st := storetest.NewSQLite(t)
				rep := runImport(t, st, importer.Options{Paths: []string{only}, SkipSearch: true})
				subj = append(subj, fileReport(t, rep, "title.principals").Elapsed.Seconds())
			}
			alternate(i, b, s)
		}
		t.Logf("sqlite3 .import %.3fs, marquee %.3fs (%.0f rows/s)", median(base), median(subj), float64(lines)/median(subj))
		check("sqlite load rows/s ÷ sqlite3 .import", median(base)/median(subj), 0.6, true)
	})

	// 3. PostgreSQL load vs psql \copy.
	t.Run("postgres", func(t *testing.T) {
		dsn := storetest.SkipWithoutPostgres(t)
		if _, err := exec.LookPath("psql"); err != nil {
			t.Skip("psql is not installed; no baseline")
		}
		var base, subj []float64
		for i := range rounds {
			b := func() {
				schemaDSN := storetest.PostgresSchemaDSN(t)
				db, err := sql.Open("pgx", schemaDSN)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if _, err := db.Exec(`CREATE TABLE imdb_principals (tconst TEXT NOT NULL, ordering BIGINT NOT NULL, nconst TEXT NOT NULL,
					category TEXT NOT NULL, job TEXT, characters TEXT, PRIMARY KEY (tconst, ordering))`); err != nil {
					t.Fatal(err)
				}
				// psql does not take search_path in the URL; set it with PGOPTIONS.
				u, _ := url.Parse(schemaDSN)
				schema := u.Query().Get("search_path")
				cmd := exec.Command("psql", "-q", dsn, "-c", `\copy imdb_principals FROM '`+plain+`' WITH (FORMAT text, HEADER true)`)
				cmd.Env = append(os.Environ(), "PGOPTIONS=-c search_path="+schema)
				start := time.Now()
				if out, err := cmd.CombinedOutput(); err != nil {
					t.Fatalf("psql: %v %s", err, out)
				}
				base = append(base, time.Since(start).Seconds())
			}
			s := func() {
				st := storetest.NewPostgres(t)
				rep := runImport(t, st, importer.Options{Paths: []string{only}, SkipSearch: true})
				subj = append(subj, fileReport(t, rep, "title.principals").Elapsed.Seconds())
			}
			alternate(i, b, s)
		}
		t.Logf("psql \\copy %.3fs, marquee %.3fs (%.0f rows/s)", median(base), median(subj), float64(lines)/median(subj))
		check("postgres load rows/s ÷ psql \\copy", median(base)/median(subj), 0.8, true)
	})

	// 4. The full import into SQLite (indexes and search included) vs
	// decompressing all seven files; size; steady throughput; memory;
	// search vs a LIKE scan.
	t.Run("full", func(t *testing.T) {
		var base, subj []float64
		var last *importer.Report
		var st *store.Store
		var dbPath string
		for i := range rounds {
			b := func() { base = append(base, timeCmd(t, "sh", "-c", "zcat "+dir+"/*.tsv.gz > /dev/null")) }
			s := func() {
				dbPath = filepath.Join(t.TempDir(), "full.db")
				var err error
				st, err = store.Open(context.Background(), "sqlite:"+dbPath)
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { st.Close() })
				if err := st.Migrate(context.Background()); err != nil {
					t.Fatal(err)
				}
				start := time.Now()
				last = runImport(t, st, importer.Options{Paths: []string{dir}})
				subj = append(subj, time.Since(start).Seconds())
			}
			alternate(i, b, s)
		}
		var rows, raw int64
		for _, f := range last.Files {
			rows += f.Inserted
			raw += f.Bytes
		}
		t.Logf("zcat all %.3fs, full import %.3fs, %d rows (%.0f rows/s)", median(base), median(subj), rows, float64(rows)/median(subj))
		check("full import time ÷ zcat time", median(subj)/median(base), 40, false)
		size := dbSize(t, dbPath)
		t.Logf("database %d bytes, uncompressed files %d bytes", size, raw)
		check("database size ÷ uncompressed size", float64(size)/float64(raw), 2, false)
		p := fileReport(t, last, "title.principals")
		if p.FirstTenthRate > 0 && p.LastTenthRate > 0 {
			t.Logf("title.principals first tenth %.0f rows/s, last tenth %.0f rows/s", p.FirstTenthRate, p.LastTenthRate)
			check("last tenth ÷ first tenth throughput", p.LastTenthRate/p.FirstTenthRate, 0.7, true)
		}
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		t.Logf("peak RSS of the test process %.0f MiB (target < 2048)", float64(ru.Maxrss)/1024)

		fast, slow := searchVersusLike(t, st, dbPath, 8)
		t.Logf("search p95 %.2f ms, LIKE scan p95 %.2f ms", p95(fast)*1e3, p95(slow)*1e3)
		if p95(slow) < minLikeBaseline {
			// A scan of a small catalog takes tens of milliseconds, and
			// the search's own fixed cost (under a millisecond) then sets
			// the ratio: it read 0.022 to 0.048 at scale 0.01 on an idle
			// machine while it was 0.0021 at scale 1.
			t.Logf("RATIO %-40s %8.3f (target ≤ 0.02; not checked: a LIKE scan under %.0f ms is too short a baseline, see TestSearchRatioOnDatabase)",
				"search p95 ÷ LIKE scan p95", p95(fast)/p95(slow), minLikeBaseline*1e3)
		} else {
			check("search p95 ÷ LIKE scan p95", p95(fast)/p95(slow), 1.0/50, false)
		}
	})
}

// minLikeBaseline is the shortest LIKE scan (p95, seconds) the search
// ratio is checked against.
const minLikeBaseline = 0.1

// TestSearchRatioOnDatabase measures the search ratio on a database that
// an import filled earlier (the scale-1 run is done by hand):
//
//	MARQUEE_IMDB_BENCH_DB=/tmp/s1.db go test ./internal/importer -run TestSearchRatioOnDatabase -v
func TestSearchRatioOnDatabase(t *testing.T) {
	path := os.Getenv("MARQUEE_IMDB_BENCH_DB")
	if path == "" {
		t.Skip("set MARQUEE_IMDB_BENCH_DB to an imported SQLite database to measure its search against a LIKE scan")
	}
	st, err := store.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	fast, slow := searchVersusLike(t, st, path, int(envFloat("MARQUEE_IMDB_BENCH_ROUNDS", 3)))
	t.Logf("search p50 %.2f ms p95 %.2f ms; LIKE scan p50 %.1f ms p95 %.1f ms", median(fast)*1e3, p95(fast)*1e3, median(slow)*1e3, p95(slow)*1e3)
	ratio := p95(fast) / p95(slow)
	t.Logf("RATIO search p95 ÷ LIKE scan p95 %.4f (target ≤ 0.02)", ratio)
	if ratio > 1.0/50 {
		t.Errorf("search p95 is %.4f of the LIKE scan's, want ≤ 0.02", ratio)
	}
}

// searchVersusLike times Store.Search (films) and the same ranked query
// as a LIKE '%term%' scan over the same entries, alternating, for a
// fixed set of terms: whole words, word beginnings, two-word queries,
// accents, a term that matches nothing.
func searchVersusLike(t *testing.T, st *store.Store, dbPath string, rounds int) (fast, slow []float64) {
	terms := []string{"the", "ame", "amelie", "river", "ghost house", "sta", "cœur", "bjork", "winter city", "dus", "red rocket", "mos"}
	ctx := context.Background()
	// One round first that is not counted: it prepares the statements
	// and warms the page cache for both sides, so that a p95 of a
	// sub-millisecond search is not its first call's compile time.
	for _, term := range terms {
		if _, err := st.Search(ctx, catalog.SearchQuery{Text: term, Kinds: []catalog.EntityType{catalog.EntityFilm}}); err != nil {
			t.Fatal(err)
		}
		if err := likeScan(ctx, dbPath, catalog.FoldText(term)); err != nil {
			t.Fatal(err)
		}
	}
	for r := range rounds {
		for _, term := range terms {
			a := func() {
				start := time.Now()
				if _, err := st.Search(ctx, catalog.SearchQuery{Text: term, Kinds: []catalog.EntityType{catalog.EntityFilm}}); err != nil {
					t.Fatal(err)
				}
				fast = append(fast, time.Since(start).Seconds())
			}
			b := func() {
				start := time.Now()
				if err := likeScan(ctx, dbPath, catalog.FoldText(term)); err != nil {
					t.Fatal(err)
				}
				slow = append(slow, time.Since(start).Seconds())
			}
			alternate(r, a, b)
		}
	}
	return fast, slow
}

var likeDB = map[string]*sql.DB{}

// likeScan runs the search as a scan: every title containing the term,
// most votes first, top 20.
func likeScan(ctx context.Context, path, term string) error {
	db := likeDB[path]
	if db == nil {
		var err error
		if db, err = sql.Open("sqlite", "file:"+path+"?mode=ro"); err != nil {
			return err
		}
		likeDB[path] = db
	}
	rows, err := db.QueryContext(ctx, `SELECT film_id FROM search_titles WHERE text LIKE ? ESCAPE '\' ORDER BY votes DESC LIMIT 20`,
		"%"+strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(term)+"%")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func alternate(round int, a, b func()) {
	if round%2 == 0 {
		a()
		b()
	} else {
		b()
		a()
	}
}

func timeCmd(t *testing.T, name string, args ...string) float64 {
	t.Helper()
	start := time.Now()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", name, err, out)
	}
	return time.Since(start).Seconds()
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

func p95(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[min(len(s)-1, int(float64(len(s))*0.95))]
}

func dbSize(t *testing.T, path string) int64 {
	var n int64
	for _, p := range []string{path, path + "-wal"} {
		if st, err := os.Stat(p); err == nil {
			n += st.Size()
		}
	}
	return n
}

func envFloat(name string, def float64) float64 {
	if v, err := strconv.ParseFloat(os.Getenv(name), 64); err == nil && v > 0 {
		return v
	}
	return def
}
