package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Env is how the commands see the process: arguments aside, everything
// they read or write from outside comes through it, so tests can run
// them in process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve the web site and JSON API", runServe},
		{"migrate", "create or upgrade the database schema", runMigrate},
		{"load", "load a JSON bundle into the catalog", runLoad},
		{"import", "import a dataset (imdb) into the catalog", runImport},
		{"ingest", "read a release announcement (file or URL) and apply its facts", runIngest},
		{"export", "write the catalog (or one film) as a JSON bundle", runExport},
		{"token", "create, list or revoke API tokens", runToken},
		{"user", "create users, change passwords, list users", runUser},
		{"extract", "extract release facts from an article (text or HTML)", runExtract},
		{"eval", "score the extractor on a labelled corpus", runEval},
		{"version", "print the version", runVersion},
	}
}

// Run runs the marquee command line with args (without the program name)
// and returns the process exit code: 0 success, 1 failure, 2 usage error.
func Run(ctx context.Context, env Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		}
		fmt.Fprintf(env.Stderr, "marquee %s: %v\n", c.name, err)
		return 1
	}
	fmt.Fprintf(env.Stderr, "marquee: unknown command %q\n\n", args[0])
	usage(env.Stderr)
	return 2
}

// errUsage marks an error whose message the flag package already printed.
var errUsage = errors.New("usage error")

func usage(w io.Writer) {
	fmt.Fprintln(w, "Marquee tracks films from festival premiere to disc and digital.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage: marquee <command> [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Run 'marquee <command> -h' for the flags of a command. Every flag can also")
	fmt.Fprintln(w, "be set with an environment variable: --db is MARQUEE_DB, --addr MARQUEE_ADDR.")
}

// flagSet returns a FlagSet that reports errors instead of exiting.
func flagSet(env Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet("marquee "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: marquee %s %s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args, mapping flag errors to errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}

// envName is the environment variable of a flag: --no-demo is
// MARQUEE_NO_DEMO.
func envName(flagName string) string {
	return "MARQUEE_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// stringFlag defines a string flag whose default comes from its
// environment variable when set.
func stringFlag(fs *flag.FlagSet, env Env, name, def, usage string) *string {
	if v := env.Getenv(envName(name)); v != "" {
		def = v
	}
	return fs.String(name, def, usage+" (env "+envName(name)+")")
}

// boolFlag defines a bool flag whose default comes from its environment
// variable ("1", "true", "yes").
func boolFlag(fs *flag.FlagSet, env Env, name string, def bool, usage string) *bool {
	switch strings.ToLower(env.Getenv(envName(name))) {
	case "1", "true", "yes", "on":
		def = true
	case "0", "false", "no", "off":
		def = false
	}
	return fs.Bool(name, def, usage+" (env "+envName(name)+")")
}

// dbFlag is the --db flag every command that touches the catalog has.
func dbFlag(fs *flag.FlagSet, env Env) *string {
	return stringFlag(fs, env, "db", "sqlite:marquee.db", "database URL: sqlite:PATH or postgres://...")
}

// newLogger returns a logger writing to env.Stderr at the given level in
// text or JSON.
func newLogger(env Env, level, format string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, catalog.Invalid("log-level", "%q is not debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(slog.NewTextHandler(env.Stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(env.Stderr, opts)), nil
	}
	return nil, catalog.Invalid("log-format", "%q is not text or json", format)
}
