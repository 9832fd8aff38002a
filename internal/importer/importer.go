package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/store"
)

// DefaultTitleTypes are the title types that become films. Episodes and
// series are kept out of the film catalog (and so out of film search);
// their rows are still loaded.
var DefaultTitleTypes = []string{"movie", "tvMovie", "short", "tvShort", "video", "tvSpecial"}

// DefaultBatchRows is the default number of rows per commit. Larger
// batches mean fewer commits (on PostgreSQL, fewer COPY round trips:
// 200,000 loads title.principals about a fifth faster than 50,000);
// --resume repeats at most one batch.
const DefaultBatchRows = 200000

// Options configure an import.
type Options struct {
	// Paths are a directory holding the files, or the files themselves
	// (NAME.tsv.gz or NAME.tsv).
	Paths      []string
	TitleTypes []string
	Resume     bool
	// DryRun parses the files without a database (Store may be nil).
	DryRun bool
	// BatchRows is the rows per commit (default DefaultBatchRows).
	BatchRows int
	// Workers is the number of parser goroutines (default GOMAXPROCS).
	Workers int
	// MaxDecompressed caps each file's decompressed size (default 64 GiB).
	MaxDecompressed int64
	// MaxLine is the longest line kept; longer lines are rejected
	// (default 4 MiB).
	MaxLine int
	// SkipSearch leaves the search index as it is.
	SkipSearch bool
	// Progress receives progress output; nil for none. Terminal draws a
	// bar that redraws in place, else plain lines every ProgressEvery.
	Progress      io.Writer
	Terminal      bool
	ProgressEvery time.Duration
	Now           func() time.Time
	// Log, when not nil, gets debug records of the slow statements of the
	// catalog mapping and the index builds.
	Log *slog.Logger
	// chunkBytes is the input cut into one chunk for the parsers
	// (default 4 MiB); tests make it small so that small files span
	// several chunks and batches.
	chunkBytes int
}

func (o *Options) defaults() {
	if len(o.TitleTypes) == 0 {
		o.TitleTypes = DefaultTitleTypes
	}
	if o.BatchRows <= 0 {
		o.BatchRows = DefaultBatchRows
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxDecompressed <= 0 {
		o.MaxDecompressed = 64 << 30
	}
	if o.MaxLine <= 0 {
		o.MaxLine = 4 << 20
	}
	if o.chunkBytes <= 0 {
		o.chunkBytes = 4 << 20
	}
	if o.ProgressEvery <= 0 {
		o.ProgressEvery = 10 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// FileReport is what happened to one file.
type FileReport struct {
	File    string // "title.basics"
	Path    string
	Status  string // "done", "failed", "missing", "skipped" (done in the run being resumed)
	Message string
	store.IMDbCounts
	Lines   int64 // data lines read in this run
	Bytes   int64 // decompressed bytes read
	Elapsed time.Duration
	// Rows per second over the first and the last tenth of the file
	// (by compressed bytes read), to see whether loading slows down. Rows
	// count when their batch is committed, not when they are parsed, so
	// that rows still waiting for their first commit do not inflate the
	// first tenth.
	FirstTenthRate, LastTenthRate float64
}

// Report is the outcome of an import.
type Report struct {
	Gen        int64
	Resumed    bool
	Files      []FileReport
	Projection store.IMDbProjection
	// Steps are the phases after the files (catalog mapping, search
	// index, statistics) with their wall time, in order.
	Steps   []Step
	Elapsed time.Duration
}

// Step is one phase of an import after loading the files.
type Step struct {
	Name    string
	Elapsed time.Duration
}

// Failed reports whether any file failed.
func (r *Report) Failed() bool {
	for _, f := range r.Files {
		if f.Status == "failed" {
			return true
		}
	}
	return false
}

// Totals sums the file counts.
func (r *Report) Totals() store.IMDbCounts {
	var c store.IMDbCounts
	for _, f := range r.Files {
		c.Add(f.IMDbCounts)
	}
	return c
}

// ErrInterrupted is returned when the context ends during an import; what
// was committed stays and --resume continues from there.
var ErrInterrupted = errors.New("import interrupted; run it again with --resume to continue from the last committed batch")

// ResolveFiles maps each of the seven dataset names to a path, or ""
// when it is missing. paths are directories or files.
func ResolveFiles(paths []string) (map[string]string, error) {
	found := map[string]string{}
	add := func(p string) bool {
		base := filepath.Base(p)
		for _, name := range fileOrder {
			if base == name+".tsv.gz" || base == name+".tsv" {
				if _, dup := found[name]; !dup || strings.HasSuffix(base, ".gz") {
					found[name] = p
				}
				return true
			}
		}
		return false
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if st.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				return nil, err
			}
			for _, e := range entries {
				if !e.IsDir() {
					add(filepath.Join(p, e.Name()))
				}
			}
			continue
		}
		if !add(p) {
			return nil, fmt.Errorf("%s is not one of the IMDb dataset files (%s, as .tsv.gz or .tsv)", p, strings.Join(fileOrder, ", "))
		}
	}
	return found, nil
}

// sourceFor describes the files as the dataset source; its content hash
// is over the files' names, sizes and modification times, so importing
// the same files again reuses the source.
func sourceFor(files map[string]string) catalog.Source {
	h := sha256.New()
	for _, name := range fileOrder {
		if p := files[name]; p != "" {
			if st, err := os.Stat(p); err == nil {
				fmt.Fprintf(h, "%s %d %d\n", name, st.Size(), st.ModTime().UnixNano())
			}
		}
	}
	return catalog.Source{
		Kind:        catalog.SourceDataset,
		URL:         "https://datasets.imdbws.com/",
		Outlet:      "IMDb",
		Title:       "IMDb non-commercial datasets",
		ContentHash: hex.EncodeToString(h.Sum(nil)),
		RetrievedAt: time.Now().UTC(),
	}
}

// Import loads the files into st (nil with DryRun).
func Import(ctx context.Context, st *store.Store, opts Options) (*Report, error) {
	opts.defaults()
	start := time.Now()
	files, err := ResolveFiles(opts.Paths)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("no IMDb dataset files found in %s", strings.Join(opts.Paths, ", "))
	}
	rep := &Report{}
	var run *store.IMDbRun
	if !opts.DryRun {
		run, err = st.StartIMDbRun(ctx, store.IMDbRunOptions{
			Resume: opts.Resume, TitleTypes: opts.TitleTypes, Now: opts.Now().UTC(), Source: sourceFor(files),
			Log: opts.Log,
		})
		if err != nil {
			return nil, err
		}
		defer run.Close()
		rep.Gen, rep.Resumed = run.Gen, run.Resumed
	}
	prog := newProgress(opts.Progress, opts.Terminal, opts.ProgressEvery)
	defer prog.stop()
	failed := map[string]bool{}
	for _, name := range fileOrder {
		path := files[name]
		fr := FileReport{File: name, Path: path}
		if path == "" {
			fr.Status, fr.Message = "missing", "not in the set; its rows are left as they were"
			rep.Files = append(rep.Files, fr)
			if run != nil {
				if err := run.SetFileState(ctx, name, "missing", fr.Message); err != nil {
					return rep, err
				}
			}
			continue
		}
		fr, err = loadFile(ctx, run, name, path, opts, prog)
		rep.Files = append(rep.Files, fr)
		if err != nil {
			if ctx.Err() != nil {
				return rep, ErrInterrupted
			}
			return rep, fmt.Errorf("%s: %w", name, err)
		}
		if fr.Status == "failed" {
			failed[name] = true
		}
	}
	prog.stop()
	if run == nil {
		rep.Elapsed = time.Since(start)
		return rep, nil
	}
	// The load's chunks and rows are garbage now: hand their memory back
	// to the operating system before the mapping, whose index builds
	// need the room (peak memory is a target; the Go runtime would
	// otherwise return it only gradually).
	debug.FreeOSMemory()
	prog.note("mapping into the catalog …")
	rep.Projection, err = run.Project(ctx, store.IMDbProjectInput{Failed: failed})
	for _, s := range rep.Projection.Steps {
		rep.Steps = append(rep.Steps, Step{Name: "map " + s.Name, Elapsed: s.Elapsed})
	}
	stepStart := time.Now()
	step := func(name string) {
		now := time.Now()
		rep.Steps = append(rep.Steps, Step{Name: name, Elapsed: now.Sub(stepStart)})
		stepStart = now
	}
	if err != nil {
		if ctx.Err() != nil {
			return rep, ErrInterrupted
		}
		return rep, err
	}
	changed := rep.Projection.FilmsCreated+rep.Projection.FilmsUpdated+rep.Projection.FilmsLinked+
		rep.Projection.PeopleCreated+rep.Projection.PeopleUpdated+rep.Projection.PeopleLinked+rep.Projection.CreditsWritten > 0
	for _, f := range rep.Files {
		if f.Inserted+f.Updated > 0 && (f.File == "title.akas" || f.File == "title.ratings") {
			changed = true
		}
	}
	if !opts.SkipSearch && (changed || !searchBuilt(ctx, st)) {
		prog.note("building the search index …")
		if err := run.BuildSearchIndex(ctx); err != nil {
			if ctx.Err() != nil {
				return rep, ErrInterrupted
			}
			return rep, err
		}
		step("search index")
	}
	if err := run.Finish(ctx); err != nil {
		return rep, err
	}
	step("statistics (ANALYZE)")
	rep.Elapsed = time.Since(start)
	return rep, nil
}

func searchBuilt(ctx context.Context, st *store.Store) bool {
	_, err := st.Search(ctx, catalog.SearchQuery{Text: "a", Limit: 1})
	return err == nil
}

// dedupe sorts a batch that is out of key order and drops repeated keys
// (keeping the last row), returning rejects for the dropped ones.
func dedupe(rows [][]any, twoPart bool) ([][]any, []store.IMDbReject) {
	sorted := true
	for i := 1; i < len(rows); i++ {
		a1, a2 := rowKey(rows[i-1], twoPart)
		b1, b2 := rowKey(rows[i], twoPart)
		if a1 > b1 || (a1 == b1 && a2 >= b2) {
			sorted = false
			break
		}
	}
	if sorted {
		return rows, nil
	}
	slices.SortStableFunc(rows, func(x, y []any) int {
		a1, a2 := rowKey(x, twoPart)
		b1, b2 := rowKey(y, twoPart)
		if a1 != b1 {
			return compare(a1, b1)
		}
		return compare(a2, b2)
	})
	var rejects []store.IMDbReject
	out := rows[:0]
	for i, r := range rows {
		if i+1 < len(rows) {
			a1, a2 := rowKey(r, twoPart)
			b1, b2 := rowKey(rows[i+1], twoPart)
			if a1 == b1 && a2 == b2 {
				rejects = append(rejects, store.IMDbReject{Reason: fmt.Sprintf("duplicate key %d/%d; a later row replaced it", a1, a2)})
				continue
			}
		}
		out = append(out, r)
	}
	return out, rejects
}

func compare(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// rejectContent keeps the start of a rejected line as valid text.
func rejectContent(line []byte) string {
	s := strings.ToValidUTF8(string(line), "\uFFFD")
	s = strings.ReplaceAll(s, "\x00", `\0`)
	return truncate(s, 300)
}

func describeReadError(err error, lastLine int64) string {
	where := ""
	if lastLine > 0 {
		where = fmt.Sprintf(" after line %d", lastLine)
	}
	switch {
	case errors.Is(err, ErrTooLarge):
		return fmt.Sprintf("stopped%s: %v (a gzip bomb, or raise --max-decompressed); the file's rows are not applied to the catalog", where, err)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Sprintf("the gzip stream is truncated%s (unexpected end of file); the file's rows are not applied to the catalog", where)
	}
	return fmt.Sprintf("read error%s: %v; the file's rows are not applied to the catalog", where, err)
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
