package cli

import (
	"context"
	"fmt"

	"github.com/marquee-film/marquee/internal/evaluate"
	"github.com/marquee-film/marquee/internal/extract"
)

func runEval(ctx context.Context, env Env, args []string) error {
	fs := flagSet(env, "eval", "[--floor F] [--verbose] DIR")
	floor := fs.Float64("floor", 0, "fail when the micro-averaged F1 is below this value (0..1)")
	verbose := fs.Bool("verbose", false, "also print each article's score")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *floor < 0 || *floor > 1 {
		fs.Usage()
		return errUsage
	}
	rep, err := evaluate.RunCorpus(fs.Arg(0), extract.New())
	if err != nil {
		return err
	}
	if *verbose {
		for _, a := range rep.Articles {
			m := a.Report.Micro()
			fmt.Fprintf(env.Stdout, "%-12s P %.3f  R %.3f  F1 %.3f\n", a.Name, m.Precision(), m.Recall(), m.F1())
		}
		fmt.Fprintln(env.Stdout)
	}
	if err := evaluate.WriteTable(env.Stdout, rep.Total); err != nil {
		return err
	}
	if f1 := rep.Total.Micro().F1(); f1 < *floor {
		return fmt.Errorf("micro-F1 %.3f is below the floor %.3f", f1, *floor)
	}
	return nil
}
