package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

func runExtract(ctx context.Context, env Env, args []string) error {
	fs := flagSet(env, "extract", "[--published YYYY-MM-DD] [--labels] [--explain] FILE|-")
	published := fs.String("published", "", "publication date for relative dates (overrides the input's date line)")
	labels := fs.Bool("labels", false, "print the corpus label schema instead of the full result")
	explain := fs.Bool("explain", false, "print what each stage decided and with what probability")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	opt := extract.Options{}
	if *published != "" {
		d, err := catalog.ParsePartialDate(*published)
		if err != nil || d.Precision() != catalog.PrecisionDay {
			return catalog.Invalid("published", "%q is not a YYYY-MM-DD date", *published)
		}
		opt.Published = d
	}
	x := extract.New()
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	for _, name := range fs.Args() {
		if err := ctx.Err(); err != nil {
			return err
		}
		data, err := readInput(env, name)
		if err != nil {
			return err
		}
		if *explain {
			lines, err := x.Explain(data, opt)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			for _, l := range lines {
				fmt.Fprintln(env.Stdout, l)
			}
			continue
		}
		res, err := x.Extract(data, opt)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		var doc any = res
		if *labels {
			doc = extract.ToLabels(res)
		}
		if err := enc.Encode(doc); err != nil {
			return err
		}
	}
	return nil
}

// readInput reads a file, or standard input for "-", refusing inputs the
// extractor would refuse anyway before reading them whole.
func readInput(env Env, name string) ([]byte, error) {
	var r io.Reader
	if name == "-" {
		r = env.Stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, extract.MaxInputBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > extract.MaxInputBytes {
		return nil, fmt.Errorf("%s: %w", name, extract.ErrTooLarge)
	}
	return data, nil
}
