package cli

import (
	"context"
	"io"
	"os"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/bundle"
)

func runExport(ctx context.Context, env Env, args []string) error {
	fs := flagSet(env, "export", "[flags]")
	db := dbFlag(fs, env)
	film := fs.String("film", "", "export only this film (slug or ID) and what it refers to")
	out := fs.String("o", "-", "write to this file instead of standard output")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	st, err := openStore(ctx, *db, requireCurrent)
	if err != nil {
		return err
	}
	defer st.Close()
	b, err := app.New(st, nil, nil).ExportBundle(ctx, *film)
	if err != nil {
		return err
	}
	if *out == "-" {
		return bundle.Encode(env.Stdout, b)
	}
	return writeFileAtomic(*out, func(w io.Writer) error { return bundle.Encode(w, b) })
}

// writeFileAtomic writes a file through a temporary file in the same
// folder, so a failed export never leaves a half-written file.
func writeFileAtomic(name string, write func(io.Writer) error) error {
	f, err := os.CreateTemp(dirOf(name), ".marquee-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}

func dirOf(name string) string {
	for i := len(name) - 1; i >= 0; i-- {
		if os.IsPathSeparator(name[i]) {
			return name[:i+1]
		}
	}
	return "."
}
