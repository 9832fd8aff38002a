// Package cli implements the `marquee` command line: one file per
// subcommand (serve, migrate, load, ingest, extract, eval, export, token,
// user, import, version). It parses flags and MARQUEE_* environment
// variables, opens the store, calls the app use cases and prints
// results; it holds no business logic.
package cli
