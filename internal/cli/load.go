package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/bundle"
)

func runLoad(ctx context.Context, env Env, args []string) error {
	fs := flagSet(env, "load", "[flags] FILE|-")
	db := dbFlag(fs, env)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	var in io.Reader = env.Stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		in = f
	}
	b, err := bundle.Decode(in)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, *db, migrateNew)
	if err != nil {
		return err
	}
	defer st.Close()
	rep, err := app.New(st, nil, nil).LoadBundle(ctx, b)
	if err != nil {
		return fmt.Errorf("nothing was loaded: %w", err)
	}
	fmt.Fprintf(env.Stdout, "loaded %d films (%d new), %d people, %d organizations, %d festivals, %d award bodies, %d sources;\n",
		len(b.Films), rep.Films, rep.People, rep.Organizations, rep.Festivals, rep.AwardBodies, rep.Sources)
	fmt.Fprintf(env.Stdout, "wrote %d credits, %d releases, %d editions, %d extras, %d selections, %d nominations, %d source claims\n",
		rep.Credits, rep.Releases, rep.Editions, rep.Extras, rep.Selections, rep.Nominations, rep.Claims)
	return nil
}
