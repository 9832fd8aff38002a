package cli

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/demo"
	"github.com/marquee-film/marquee/internal/fetch"
	"github.com/marquee-film/marquee/internal/server"
)

func runServe(ctx context.Context, env Env, args []string) error {
	fs := flagSet(env, "serve", "[flags]")
	addr := stringFlag(fs, env, "addr", "localhost:8080", "address to listen on")
	db := dbFlag(fs, env)
	noDemo := boolFlag(fs, env, "no-demo", false, "do not load the demo catalog into an empty database")
	migrate := boolFlag(fs, env, "migrate", false, "upgrade an older database schema before serving")
	logLevel := stringFlag(fs, env, "log-level", "info", "log level: debug, info, warn or error")
	logFormat := stringFlag(fs, env, "log-format", "text", "log format: text or json")
	baseURL := stringFlag(fs, env, "base-url", "", "public URL of the site for feed links (default: from each request)")
	grace := fs.Duration("shutdown-grace", 10*time.Second, "how long to wait for requests in flight on shutdown")
	if err := parse(fs, args); err != nil {
		return err
	}
	log, err := newLogger(env, *logLevel, *logFormat)
	if err != nil {
		return err
	}
	policy := migrateNew
	if *migrate {
		policy = migrateAny
	}
	st, err := openStore(ctx, *db, policy)
	if err != nil {
		return err
	}
	defer st.Close()
	svc := app.New(st, app.SystemClock{}, log, app.WithFetcher(fetch.New()))
	if !*noDemo {
		b, err := demo.Bundle()
		if err != nil {
			return fmt.Errorf("reading the demo catalog: %w", err)
		}
		seeded, rep, err := svc.SeedIfEmpty(ctx, b)
		if err != nil {
			return fmt.Errorf("loading the demo catalog: %w", err)
		}
		if seeded {
			log.Info("loaded the demo catalog into the empty database", "films", rep.Films, "people", rep.People, "releases", rep.Releases)
		}
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Marquee is serving on http://%s/ (database %s)\n", l.Addr(), *db)
	return server.New(server.Config{BaseURL: *baseURL}, svc, app.SystemClock{}, log).Serve(ctx, l, *grace)
}
