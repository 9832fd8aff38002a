package cli

import (
	"context"
	"fmt"

	"github.com/marquee-film/marquee/internal/store"
)

func runMigrate(ctx context.Context, env Env, args []string) error {
	fs := flagSet(env, "migrate", "[flags]")
	db := dbFlag(fs, env)
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	before, latest, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if before > latest {
		return st.CheckSchema(ctx)
	}
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	if before == latest {
		fmt.Fprintf(env.Stdout, "schema is up to date (version %d)\n", latest)
	} else {
		fmt.Fprintf(env.Stdout, "migrated schema from version %d to %d\n", before, latest)
	}
	return nil
}
