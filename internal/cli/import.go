package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/marquee-film/marquee/internal/importer"
)

func runImport(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "imdb" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			fmt.Fprintln(env.Stderr, "Usage: marquee import imdb [flags] DIR|FILE...")
			return nil
		}
		fmt.Fprintln(env.Stderr, "Usage: marquee import imdb [flags] DIR|FILE...  (the only dataset so far is imdb)")
		return errUsage
	}
	fs := flagSet(env, "import imdb", "[flags] DIR|FILE...\n\nLoads the IMDb datasets (NAME.tsv.gz or NAME.tsv) into the catalog.")
	db := dbFlag(fs, env)
	types := stringFlag(fs, env, "imdb-types", strings.Join(importer.DefaultTitleTypes, ","), "title types that become films (comma-separated)")
	resume := fs.Bool("resume", false, "continue the last interrupted import from its last committed batch")
	dry := fs.Bool("dry-run", false, "parse and check the files without a database")
	batch := fs.Int("batch", importer.DefaultBatchRows, "rows per commit")
	maxGz := fs.Int64("max-decompressed", 64<<30, "stop a file that decompresses to more bytes than this")
	progress := stringFlag(fs, env, "progress", "auto", "progress output: auto (bar on a terminal, lines otherwise), bar, lines, none")
	noSearch := fs.Bool("no-search", false, "do not rebuild the search index")
	logLevel := stringFlag(fs, env, "log-level", "info", "log level: debug (adds each slow statement of the mapping and index steps), info, warn or error")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	log, err := newLogger(env, *logLevel, "text")
	if err != nil {
		return err
	}
	opts := importer.Options{
		Paths: fs.Args(), Resume: *resume, DryRun: *dry, BatchRows: *batch,
		MaxDecompressed: *maxGz, SkipSearch: *noSearch, Log: log,
	}
	for t := range strings.SplitSeq(*types, ",") {
		if t = strings.TrimSpace(t); t != "" {
			opts.TitleTypes = append(opts.TitleTypes, t)
		}
	}
	switch *progress {
	case "auto":
		opts.Progress, opts.Terminal = env.Stderr, isTerminal(env.Stderr)
	case "bar":
		opts.Progress, opts.Terminal = env.Stderr, true
	case "lines":
		opts.Progress = env.Stderr
	case "none":
	default:
		return fmt.Errorf("--progress %q: want auto, bar, lines or none", *progress)
	}
	var rep *importer.Report
	if *dry {
		rep, err = importer.Import(ctx, nil, opts)
	} else {
		st, oerr := openStore(ctx, *db, migrateAny)
		if oerr != nil {
			return oerr
		}
		defer st.Close()
		rep, err = importer.Import(ctx, st, opts)
	}
	if rep != nil {
		printImportReport(env, rep, *dry)
	}
	if err != nil {
		return err
	}
	if rep.Failed() {
		return errors.New("some files failed (see above); the rest was imported")
	}
	return nil
}

func printImportReport(env Env, rep *importer.Report, dry bool) {
	tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	if dry {
		fmt.Fprintln(tw, "file\tstatus\trows\trejected\tMiB\tseconds\trows/s\t")
	} else {
		// The first and last tenth's rates show whether loading slowed
		// down as the tables grew.
		fmt.Fprintln(tw, "file\tstatus\tinserted\tupdated\tunchanged\trejected\tseconds\trows/s\tfirst 10%\tlast 10%\t")
	}
	for _, f := range rep.Files {
		rate := 0.0
		if f.Elapsed > 0 {
			rate = float64(f.Lines) / f.Elapsed.Seconds()
		}
		if dry {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.1f\t%.2f\t%.0f\t\n", f.File, f.Status, f.Inserted, f.Rejected, float64(f.Bytes)/(1<<20), f.Elapsed.Seconds(), rate)
		} else {
			fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%.2f\t%.0f\t%.0f\t%.0f\t\n", f.File, f.Status, f.Inserted, f.Updated, f.Unchanged, f.Rejected,
				f.Elapsed.Seconds(), rate, f.FirstTenthRate, f.LastTenthRate)
		}
	}
	tw.Flush()
	for _, f := range rep.Files {
		if f.Message != "" {
			fmt.Fprintf(env.Stdout, "%s: %s\n", f.File, f.Message)
		}
	}
	if !dry {
		p := rep.Projection
		fmt.Fprintf(env.Stdout, "catalog: films %d created, %d linked, %d updated; people %d created, %d linked, %d updated; %d credits written\n",
			p.FilmsCreated, p.FilmsLinked, p.FilmsUpdated, p.PeopleCreated, p.PeopleLinked, p.PeopleUpdated, p.CreditsWritten)
		for _, s := range p.Skipped {
			fmt.Fprintf(env.Stdout, "not applied this time: %s\n", s)
		}
		if t := rep.Totals(); t.Rejected > 0 {
			fmt.Fprintf(env.Stdout, "%d rejected rows are in the imdb_rejects table (gen %d) with file, line and reason\n", t.Rejected, rep.Gen)
		}
	}
	for _, s := range rep.Steps {
		fmt.Fprintf(env.Stdout, "%s: %s\n", s.Name, s.Elapsed.Round(1e7))
	}
	fmt.Fprintf(env.Stdout, "import %d finished in %s\n", rep.Gen, rep.Elapsed.Round(1e7))
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
