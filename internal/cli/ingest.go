package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"strings"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/fetch"
)

func runIngest(ctx context.Context, env Env, args []string) error {
	fs := flagSet(env, "ingest", "[flags] FILE|URL|-")
	db := dbFlag(fs, env)
	apply := fs.Bool("apply", false, "store the article and apply the proposed changes (default: only show them, writing nothing)")
	only := fs.String("only", "", "with --apply, apply only these change IDs (comma-separated)")
	published := fs.String("published", "", "publication date of the article (YYYY-MM-DD), for relative dates")
	asJSON := fs.Bool("json", false, "print the article, its facts and the changes as JSON")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	in := app.ArticleInput{}
	if *published != "" {
		d, err := catalog.ParsePartialDate(*published)
		if err != nil || d.Precision() != catalog.PrecisionDay {
			return fmt.Errorf("--published %q is not a date (YYYY-MM-DD)", *published)
		}
		in.Published = d
	}
	switch arg := fs.Arg(0); {
	case arg == "-":
		b, err := io.ReadAll(io.LimitReader(env.Stdin, catalog.MaxSourceTextBytes+1))
		if err != nil {
			return err
		}
		in.Text = string(b)
	case strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://"):
		in.URL = arg
	default:
		b, err := os.ReadFile(arg)
		if err != nil {
			return err
		}
		in.Text = string(b)
	}
	// A dry run writes nothing: not the article, and not a schema into a
	// database that has none (nor a new SQLite file).
	policy := migrateNew
	if !*apply {
		policy = requireCurrent
		if path, ok := strings.CutPrefix(*db, "sqlite:"); ok {
			if _, err := os.Stat(path); errors.Is(err, iofs.ErrNotExist) {
				return fmt.Errorf("no database at %s: nothing to compare the article with (ingest --apply creates it; `marquee extract` shows what the article states)", path)
			}
		}
	}
	st, err := openStore(ctx, *db, policy)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := app.New(st, nil, nil, app.WithFetcher(fetch.New()))
	var a *app.Article
	if *apply {
		if a, err = svc.SubmitArticle(ctx, in); err != nil {
			return err
		}
		var ids []string
		if *only != "" {
			ids = strings.Split(*only, ",")
		}
		created := a.Created
		if a, err = svc.ApplyArticle(ctx, a.Source.ID, ids); err != nil {
			return err
		}
		a.Created = created
	} else if a, err = svc.PreviewArticle(ctx, in); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(a)
	}
	printArticle(env.Stdout, a, *apply)
	return nil
}

func printArticle(w io.Writer, a *app.Article, applied bool) {
	switch {
	case a.Source.ID == 0:
		fmt.Fprintf(w, "Article %q (published %s) is new; a dry run does not store it.\n", a.Source.Title, a.Source.PublishedOn)
	case a.Created:
		fmt.Fprintf(w, "Article %q stored as source %d (published %s).\n", a.Source.Title, a.Source.ID, a.Source.PublishedOn)
	default:
		fmt.Fprintf(w, "Article %q already stored as source %d (published %s).\n", a.Source.Title, a.Source.ID, a.Source.PublishedOn)
	}
	fmt.Fprintf(w, "Found %d film(s).\n", len(a.Result.Films))
	verb := "Proposed"
	if applied {
		verb = "Applied"
	}
	if len(a.Changes) == 0 {
		fmt.Fprintln(w, "No changes: the catalog already has everything this article states.")
	} else {
		fmt.Fprintf(w, "%s changes (%d):\n", verb, len(a.Changes))
		for _, c := range a.Changes {
			fmt.Fprintf(w, "  %-7s %s\n          id %s, confidence %.2f", c.Action, c.Summary, c.ID, c.Confidence)
			if c.Quote != "" {
				fmt.Fprintf(w, ", from %q", clip(c.Quote, 80))
			}
			fmt.Fprintln(w)
		}
	}
	for _, n := range a.Notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	if !applied && len(a.Changes) > 0 {
		fmt.Fprintln(w, "Run again with --apply to apply them (or --apply --only ID,ID for a subset).")
	}
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
