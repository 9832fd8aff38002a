package cli

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/demo"
	"github.com/marquee-film/marquee/internal/fetch"
	"github.com/marquee-film/marquee/internal/jobs"
	"github.com/marquee-film/marquee/internal/notify"
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
	allowPrivate := boolFlag(fs, env, "allow-private-targets", false, "let webhook and push targets be loopback or private addresses")
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
	reg, err := notify.DefaultRegistry(env.Getenv, *allowPrivate)
	if err != nil {
		return err
	}
	svc := app.New(st, app.SystemClock{}, log, app.WithFetcher(fetch.New()), app.WithChannelCheck(reg.Check))
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
	fmt.Fprintf(env.Stdout, "Marquee is serving on http://%s/ (database %s)\n", l.Addr(), redactDSN(*db))
	siteURL := *baseURL
	if siteURL == "" {
		siteURL = "http://" + l.Addr().String()
	}
	// Alerts: the dispatcher routes outbox events and delivers them; the
	// release-day job emits "out today" events. Both stop with ctx.
	go notify.NewDispatcher(svc, reg, log, siteURL).Run(ctx)
	go jobs.ReleaseDay(ctx, svc, log, 0)
	return server.New(server.Config{BaseURL: *baseURL}, svc, app.SystemClock{}, log).Serve(ctx, l, *grace)
}

// redactDSN hides the password of a database URL before it is printed.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}
