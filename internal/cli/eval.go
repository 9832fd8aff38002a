package cli

import (
	"context"
	"fmt"

	"github.com/marquee-film/marquee/internal/evaluate"
	"github.com/marquee-film/marquee/internal/extract"
)

func runEval(ctx context.Context, env Env, args []string) error {
	fs := flagSet(env, "eval", "[--floor F] [--verbose] [--diff] [--part all|dev|heldout] DIR")
	floor := fs.Float64("floor", 0, "fail when the micro-averaged F1 of the chosen part is below this value (0..1)")
	verbose := fs.Bool("verbose", false, "also print each article's score")
	diff := fs.Bool("diff", false, "also print what each article missed (-) and invented (+)")
	partFlag := fs.String("part", "all", "articles to score: all, dev (numbers not divisible by 3) or heldout (divisible by 3)")
	if err := parse(fs, args); err != nil {
		return err
	}
	part := evaluate.Part(*partFlag)
	if fs.NArg() != 1 || *floor < 0 || *floor > 1 || (part != evaluate.PartAll && part != evaluate.PartDev && part != evaluate.PartHeldOut) {
		fs.Usage()
		return errUsage
	}
	rep, err := evaluate.RunCorpus(fs.Arg(0), extract.New())
	if err != nil {
		return err
	}
	for _, a := range rep.Articles {
		if !part.Has(a.Name) || !(*verbose || *diff) {
			continue
		}
		m := a.Report.Micro()
		fmt.Fprintf(env.Stdout, "%-12s P %.3f  R %.3f  F1 %.3f\n", a.Name, m.Precision(), m.Recall(), m.F1())
		if *diff {
			for _, line := range a.Diff {
				fmt.Fprintf(env.Stdout, "    %s\n", line)
			}
		}
	}
	if *verbose || *diff {
		fmt.Fprintln(env.Stdout)
	}
	total := rep.Sum(part)
	if err := evaluate.WriteTable(env.Stdout, total); err != nil {
		return err
	}
	if part == evaluate.PartAll {
		for _, p := range []evaluate.Part{evaluate.PartDev, evaluate.PartHeldOut} {
			m := rep.Sum(p).Micro()
			fmt.Fprintf(env.Stdout, "%-12s %5d %5d %5d  %6.3f %6.3f %6.3f\n", "micro-"+string(p), m.TP, m.FP, m.FN, m.Precision(), m.Recall(), m.F1())
		}
	}
	if f1 := total.Micro().F1(); f1 < *floor {
		return fmt.Errorf("micro-F1 %.3f is below the floor %.3f", f1, *floor)
	}
	return nil
}
