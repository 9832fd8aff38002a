// Command marqueebench measures Marquee's web pages under load against a
// baseline in the same process and run.
//
// It builds (or reuses, with -db) a SQLite catalog holding the demo
// catalog plus -films generated films, serves on two loopback listeners
// the full Marquee handler (server.New(...).Handler()) and a baseline
// handler that answers every request with the fixed 13-byte body
// "Hello, world!", and runs wrk against the baseline and each page,
// interleaved, for -rounds rounds of -duration each. It prints the median
// requests per second of each, its ratio to the baseline's median, and
// wrk's p50 and p99 latency. See docs/PERFORMANCE.md.
//
//	go run ./cmd/marqueebench -db /tmp/marqueebench.db
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof" // served only on -pprof, a loopback address
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/demo"
	"github.com/marquee-film/marquee/internal/server"
	"github.com/marquee-film/marquee/internal/store"
)

type options struct {
	db         string
	films      int
	seed       uint64
	fromYear   int
	toYear     int
	chunk      int
	month      string
	rounds     int
	duration   time.Duration
	warmup     time.Duration
	threads    int
	conns      int
	wrk        string
	only       string
	cpuprofile string
	pprofAddr  string
	rotate     int
	verbose    bool
	imdb       bool
}

func main() {
	var o options
	flag.StringVar(&o.db, "db", "", "SQLite database file to create or reuse (default: a temporary file, removed at exit)")
	flag.IntVar(&o.films, "films", 100_000, "generated films besides the demo catalog")
	flag.Uint64Var(&o.seed, "seed", 1, "seed of the generated names and dates")
	flag.IntVar(&o.fromYear, "from-year", 1990, "first year of generated films")
	flag.IntVar(&o.toYear, "to-year", 2026, "last year of generated films (their releases fall in the film's year or the next)")
	flag.IntVar(&o.chunk, "chunk", 5000, "generated films per bundle load (one transaction each)")
	flag.StringVar(&o.month, "month", "2022-03", "calendar month to measure")
	flag.IntVar(&o.rounds, "rounds", 3, "rounds; each round runs the baseline before every page")
	flag.DurationVar(&o.duration, "duration", 10*time.Second, "length of each wrk run (whole seconds)")
	flag.DurationVar(&o.warmup, "warmup", 2*time.Second, "length of the discarded warm-up run of each target (0: none)")
	flag.IntVar(&o.threads, "t", 2, "wrk threads")
	flag.IntVar(&o.conns, "c", 32, "wrk connections")
	flag.StringVar(&o.wrk, "wrk", "wrk", "wrk binary (Debian: apt-get install wrk)")
	flag.StringVar(&o.only, "only", "", "comma-separated target names to run (default: all); the baseline always runs")
	flag.StringVar(&o.cpuprofile, "cpuprofile", "", "write a CPU profile of the whole load phase to this file")
	flag.StringVar(&o.pprofAddr, "pprof", "", "serve net/http/pprof on this loopback address (e.g. 127.0.0.1:6060)")
	flag.IntVar(&o.rotate, "rotate", 20000, "generated films the rotating film-page target cycles through, so that most requests miss the page cache (0: no such target)")
	flag.BoolVar(&o.verbose, "v", false, "print wrk's full output")
	flag.BoolVar(&o.imdb, "imdb", false, "-db holds an IMDb import (marquee import imdb): measure GET /api/v1/films/{id} over its films and the search API instead of generating a catalog")
	flag.Parse()
	if o.duration < time.Second || o.duration > 5*time.Minute || o.rounds < 1 || o.rounds > 20 {
		fatal(errors.New("-duration must be 1s to 5m and -rounds 1 to 20"))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, &o); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "marqueebench:", err)
	os.Exit(1)
}

// target is one URL the benchmark measures.
type target struct {
	name, path string
	target     float64 // required ratio to the baseline; 0 = none
	script     string  // wrk Lua script, for rotating targets
	bodyBytes  int
	runs       []wrkResult
}

func run(ctx context.Context, o *options) error {
	if _, err := exec.LookPath(o.wrk); err != nil {
		return fmt.Errorf("%s not found: install it (Debian: apt-get install -y wrk) or pass -wrk", o.wrk)
	}
	tmp, err := os.MkdirTemp("", "marqueebench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	dbPath := o.db
	if dbPath == "" {
		dbPath = filepath.Join(tmp, "catalog.db")
	}

	// The catalog.
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := store.Open(ctx, "sqlite:"+dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	svc := app.New(st, app.SystemClock{}, log)
	var g *generated
	if !o.imdb {
		t0 := time.Now()
		g = generate(genSpec{Films: o.films, Seed: o.seed, FromYear: o.fromYear, ToYear: o.toYear}, o.chunk)
		fmt.Printf("generated %d films, %d credits, %d releases in memory in %s\n", g.Films, g.Credits, g.Releases, time.Since(t0).Round(time.Millisecond))
		if err := ensureCatalog(ctx, svc, g, dbPath); err != nil {
			return err
		}
	}

	// The two servers, on loopback only.
	subject := server.New(server.Config{}, svc, app.SystemClock{}, log).Handler()
	hello := []byte("Hello, world!")
	baseline := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write(hello)
	})
	subjectURL, stopSubject, err := serve(subject)
	if err != nil {
		return err
	}
	defer stopSubject()
	baseURL, stopBase, err := serve(baseline)
	if err != nil {
		return err
	}
	defer stopBase()
	if o.pprofAddr != "" {
		if err := servePprof(o.pprofAddr); err != nil {
			return err
		}
	}

	var targets []*target
	if o.imdb {
		if targets, err = imdbTargets(ctx, dbPath, tmp, o.rotate); err != nil {
			return err
		}
	} else {
		busy, busyN := g.busiestMonth()
		targets = []*target{
			{name: "baseline", path: "/"},
			{name: "film (demo)", path: "/films/red-rocket-2021", target: 0.20},
			{name: "film (generated)", path: "/films/" + g.Sample[len(g.Sample)/2], target: 0.20},
			{name: "calendar " + o.month, path: "/calendar?month=" + o.month, target: 0.15},
			{name: "calendar " + busy + " (busiest)", path: "/calendar?month=" + busy, target: 0.15},
		}
		fmt.Printf("busiest generated month: %s (%d day- or month-precise generated releases); %s has %d\n", busy, busyN, o.month, g.PerMonth[o.month])
	}
	if o.rotate > 0 && !o.imdb {
		paths := rotationPaths(g, o.rotate)
		script, err := rotationScript(tmp, paths)
		if err != nil {
			return err
		}
		targets = append(targets, &target{name: fmt.Sprintf("film (%d generated, in turn)", len(paths)), path: paths[0], script: script})
	}
	if o.only != "" {
		keep := strings.Split(o.only, ",")
		targets = slices.DeleteFunc(targets, func(t *target) bool {
			return t.name != "baseline" && !slices.ContainsFunc(keep, func(k string) bool { return strings.Contains(t.name, strings.TrimSpace(k)) })
		})
	}
	for _, t := range targets {
		url := subjectURL
		if t.name == "baseline" {
			url = baseURL
		}
		if t.bodyBytes, err = check(ctx, url+t.path); err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}

	// The load.
	if o.cpuprofile != "" {
		f, err := os.Create(o.cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	fmt.Printf("GOMAXPROCS=%d NumCPU=%d %s; each run: %s %s URL\n", runtime.GOMAXPROCS(0), runtime.NumCPU(), runtime.Version(),
		o.wrk, strings.Join(o.wrkArgs("", o.duration, "")[:4], " "))
	urlOf := func(t *target) string {
		if t.name == "baseline" {
			return baseURL + t.path
		}
		return subjectURL + t.path
	}
	if o.warmup >= time.Second {
		for _, t := range targets {
			if _, err := o.runWrk(ctx, urlOf(t), o.warmup, t.script); err != nil {
				return err
			}
		}
	}
	base, pages := targets[0], targets[1:]
	for round := range o.rounds {
		// Rotate the page order each round: the machine drifts.
		order := append(slices.Clone(pages[round%len(pages):]), pages[:round%len(pages)]...)
		for _, t := range order {
			for _, x := range []*target{base, t} {
				if err := ctx.Err(); err != nil {
					return err
				}
				res, err := o.runWrk(ctx, urlOf(x), o.duration, x.script)
				if err != nil {
					return err
				}
				if res.Errors != "" {
					fmt.Fprintf(os.Stderr, "warning: %s: %s\n", x.name, res.Errors)
				}
				x.runs = append(x.runs, res)
				fmt.Fprintf(os.Stderr, "round %d  %-34s %10.0f req/s  p50 %-9s p99 %s\n", round+1, x.name, res.RPS, res.P50, res.P99)
			}
		}
	}
	report(os.Stdout, o, targets)
	return nil
}

// ensureCatalog loads the demo catalog and the generated films unless the
// database already holds them (the last generated film is there).
func ensureCatalog(ctx context.Context, svc *app.Service, g *generated, dbPath string) error {
	lastChunk := g.Chunks[len(g.Chunks)-1]
	last := lastChunk.Films[len(lastChunk.Films)-1].Slug
	if _, err := svc.Film(ctx, last); err == nil {
		fmt.Printf("reusing %s: it already holds the generated catalog\n", dbPath)
		return nil
	}
	t0 := time.Now()
	b, err := demo.Bundle()
	if err != nil {
		return err
	}
	if _, err := svc.LoadBundle(ctx, b); err != nil {
		return fmt.Errorf("loading the demo catalog: %w", err)
	}
	if _, err := svc.LoadBundle(ctx, &g.People); err != nil {
		return fmt.Errorf("loading the generated people: %w", err)
	}
	for i := range g.Chunks {
		if _, err := svc.LoadBundle(ctx, &g.Chunks[i]); err != nil {
			return fmt.Errorf("loading generated films, chunk %d: %w", i, err)
		}
		if (i+1)%5 == 0 || i == len(g.Chunks)-1 {
			fmt.Fprintf(os.Stderr, "  loaded %d of %d chunks (%s)\n", i+1, len(g.Chunks), time.Since(t0).Round(time.Second))
		}
	}
	d := time.Since(t0)
	fmt.Printf("loaded the demo catalog, %d people and %d generated films into %s in %s (%.0f films/s)\n",
		len(g.People.People), g.Films, dbPath, d.Round(time.Millisecond), float64(g.Films)/d.Seconds())
	return nil
}

// rotationPaths are the film pages of n generated films spread over the
// catalog.
func rotationPaths(g *generated, n int) []string {
	total := 0
	for _, c := range g.Chunks {
		total += len(c.Films)
	}
	n = min(n, total)
	step := total / n
	var out []string
	for i := 0; i < total && len(out) < n; i += step {
		c := g.Chunks[i/len(g.Chunks[0].Films)]
		out = append(out, "/films/"+c.Films[i%len(g.Chunks[0].Films)].Slug)
	}
	return out
}

// serve answers on a new 127.0.0.1 listener and returns its base URL.
func serve(h http.Handler) (string, func(), error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
	go func() { _ = srv.Serve(l) }()
	return "http://" + l.Addr().String(), func() { _ = srv.Close() }, nil
}

func servePprof(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("-pprof %s: only loopback addresses", addr)
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	fmt.Printf("pprof on http://%s/debug/pprof/\n", l.Addr())
	go func() { _ = http.Serve(l, http.DefaultServeMux) }()
	return nil
}

// check fetches url once and requires 200.
func check(ctx context.Context, url string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return len(body), nil
}
