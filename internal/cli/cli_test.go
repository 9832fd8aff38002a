package cli

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to count rows on PostgreSQL

	"github.com/marquee-film/marquee/internal/store/storetest"
)

// run runs the command line in process and returns its exit code and
// output.
func run(t *testing.T, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Run(context.Background(), Env{
		Stdin:  strings.NewReader(""),
		Stdout: &stdout,
		Stderr: &stderr,
		Getenv: func(k string) string { return env[k] },
	}, args)
	return code, stdout.String(), stderr.String()
}

func tempDB(t *testing.T) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "marquee.db")
}

func TestUsageAndExitCodes(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		wantErr  string
		wantOut  string
		emptyOut bool
	}{
		{args: nil, code: 2, wantErr: "Usage: marquee <command>"},
		{args: []string{"help"}, code: 0, wantErr: "Commands:"},
		{args: []string{"frobnicate"}, code: 2, wantErr: `unknown command "frobnicate"`},
		{args: []string{"version"}, code: 0, wantOut: "marquee "},
		{args: []string{"serve", "--no-such-flag"}, code: 2, wantErr: "flag provided but not defined"},
		{args: []string{"load"}, code: 2, wantErr: "Usage: marquee load"},
		{args: []string{"token", "--db", "sqlite::memory:", "launch"}, code: 2, wantErr: "Usage: marquee token"},
		{args: []string{"serve", "--db", "mysql://x"}, code: 1, wantErr: `unsupported database scheme "mysql"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := run(t, nil, tt.args...)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr %q lacks %q", errOut, tt.wantErr)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("stdout %q lacks %q", out, tt.wantOut)
			}
		})
	}
}

func TestMigrateThenUpToDate(t *testing.T) {
	db := tempDB(t)
	code, out, errOut := run(t, nil, "migrate", "--db", db)
	if code != 0 || !strings.Contains(out, "migrated schema from version 0 to") {
		t.Fatalf("first migrate: %d %q %q", code, out, errOut)
	}
	code, out, _ = run(t, map[string]string{"MARQUEE_DB": db}, "migrate")
	if code != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("second migrate (db from the environment): %d %q", code, out)
	}
}

func TestLoadExportRoundTrip(t *testing.T) {
	db := tempDB(t)
	code, out, errOut := run(t, nil, "load", "--db", db, "../app/testdata/small.json")
	if code != 0 || !strings.Contains(out, "loaded 2 films (2 new)") {
		t.Fatalf("load: %d %q %q", code, out, errOut)
	}
	exportFile := filepath.Join(t.TempDir(), "export.json")
	if code, _, errOut := run(t, nil, "export", "--db", db, "-o", exportFile); code != 0 {
		t.Fatalf("export: %d %q", code, errOut)
	}
	second := tempDB(t)
	if code, _, errOut := run(t, nil, "load", "--db", second, exportFile); code != 0 {
		t.Fatalf("loading the export: %d %q", code, errOut)
	}
	_, first, _ := run(t, nil, "export", "--db", db)
	_, again, _ := run(t, nil, "export", "--db", second)
	if first != again || !strings.Contains(first, `"night-train-2023"`) {
		t.Errorf("export differs after a round trip:\n%s\n---\n%s", first, again)
	}
	_, one, _ := run(t, nil, "export", "--db", db, "--film", "amelie-returns-2025")
	if strings.Contains(one, "night-train") || !strings.Contains(one, "Amélie Returns") {
		t.Errorf("single-film export:\n%s", one)
	}
}

func TestLoadOfABadBundleWritesNothing(t *testing.T) {
	data, err := os.ReadFile("../app/testdata/small.json")
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(data), `"character": "Mira", "billing": 2`, `"character": "Mira", "billing": -4`, 1)
	if bad == string(data) {
		t.Fatal("fixture changed; update the test")
	}
	file := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(file, []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	db := tempDB(t)
	code, _, errOut := run(t, nil, "load", "--db", db, file)
	if code != 1 || !strings.Contains(errOut, `nothing was loaded: films[0] "Night Train".credits[3].billing`) {
		t.Fatalf("load of a bad bundle: %d %q", code, errOut)
	}
	_, out, _ := run(t, nil, "export", "--db", db)
	if strings.Contains(out, `"films"`) || strings.Contains(out, `"people"`) {
		t.Errorf("something was written:\n%s", out)
	}
	code, _, errOut = run(t, nil, "load", "--db", db, filepath.Join(t.TempDir(), "missing.json"))
	if code != 1 || !strings.Contains(errOut, "no such file") {
		t.Errorf("load of a missing file: %d %q", code, errOut)
	}
}

func TestTokenLifecycle(t *testing.T) {
	db := tempDB(t)
	code, secret, errOut := run(t, nil, "token", "--db", db, "create", "deploy-bot")
	secret = strings.TrimSpace(secret)
	if code != 0 || !strings.HasPrefix(secret, "mqt_") || !strings.Contains(errOut, "shown only once") {
		t.Fatalf("create: %d %q %q", code, secret, errOut)
	}
	_, list, _ := run(t, nil, "token", "--db", db, "list")
	if !strings.Contains(list, "deploy-bot") || !strings.Contains(list, "active") || strings.Contains(list, secret) {
		t.Errorf("list:\n%s", list)
	}
	if code, _, errOut := run(t, nil, "token", "--db", db, "revoke", "1"); code != 0 {
		t.Fatalf("revoke: %d %q", code, errOut)
	}
	_, list, _ = run(t, nil, "token", "--db", db, "list")
	if !strings.Contains(list, "revoked") {
		t.Errorf("list after revoke:\n%s", list)
	}
	if code, _, errOut := run(t, nil, "token", "--db", db, "revoke", "99"); code != 1 || !strings.Contains(errOut, "not found") {
		t.Errorf("revoke of an unknown token: %d %q", code, errOut)
	}
}

func TestServeRefusesASchemaFromTheFuture(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "marquee.db")
	if code, _, errOut := run(t, nil, "migrate", "--db", "sqlite:"+path); code != 0 {
		t.Fatal(errOut)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (999, '2030-01-01T00:00:00Z')`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	code, _, errOut := run(t, nil, "serve", "--db", "sqlite:"+path, "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(errOut, "newer than this build") {
		t.Errorf("serve on a newer schema: %d %q", code, errOut)
	}
}

func TestServeLoadsTheDemoAndAnswers(t *testing.T) {
	db := tempDB(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	outR, outW := io.Pipe()
	var stderr bytes.Buffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, Env{Stdin: strings.NewReader(""), Stdout: outW, Stderr: &stderr, Getenv: func(string) string { return "" }},
			[]string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--log-level", "warn"})
		outW.Close()
	}()
	line, err := bufio.NewReader(outR).ReadString('\n')
	if err != nil {
		t.Fatalf("no startup line: %v (stderr %s)", err, stderr.String())
	}
	go io.Copy(io.Discard, outR)
	base := strings.Fields(strings.TrimPrefix(line, "Marquee is serving on "))[0]
	resp, err := http.Get(base + "api/v1/films?q=rocket")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"slug":"red-rocket-2021"`) {
		t.Errorf("GET films?q=rocket = %d %s", resp.StatusCode, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited %d after shutdown: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func TestIngestProposesAppliesAndIsIdempotent(t *testing.T) {
	db := tempDB(t)
	file := filepath.Join(t.TempDir(), "article.txt")
	article := "date 2024-02-01\nsource https://example.com/news/paper-lanterns\n\n" +
		"Arrow Video has set a date: Paper Lanterns arrives on Blu-ray and DVD on March 18.\n"
	if err := os.WriteFile(file, []byte(article), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := run(t, nil, "ingest", "--db", db, "--apply", file)
	if code != 0 || !strings.Contains(out, "Applied changes") || !strings.Contains(out, "stored as source") || strings.Contains(out, "already stored") {
		t.Fatalf("ingest --apply: %d %q %q", code, out, errOut)
	}
	_, exported, _ := run(t, nil, "export", "--db", db, "--film", "paper-lanterns")
	if !strings.Contains(exported, `"date": "2024-03-18"`) || !strings.Contains(exported, `"arrow-video"`) {
		t.Errorf("applied catalog:\n%s", exported)
	}
	code, out, _ = run(t, nil, "ingest", "--db", db, "--apply", file)
	if code != 0 || !strings.Contains(out, "No changes") || !strings.Contains(out, "already stored") {
		t.Errorf("second ingest --apply: %d %q", code, out)
	}
	if code, _, errOut := run(t, nil, "ingest", "--db", db, "--published", "March 2024", file); code != 1 || !strings.Contains(errOut, "not a date") {
		t.Errorf("bad --published: %d %q", code, errOut)
	}
}

// A dry run proposes the changes and writes nothing at all, on both
// databases: every table has the same rows before and after.
func TestIngestDryRunWritesNothing(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.txt")
	second := filepath.Join(dir, "second.txt")
	for name, text := range map[string]string{
		first: "date 2024-01-10\n\nArrow Video has set a date: Paper Lanterns arrives on Blu-ray on March 18.\n",
		// A new article about the same film: new claims, a new label.
		second: "date 2024-02-01\n\nSecond Sight has set a date: Paper Lanterns arrives on DVD in the UK on May 6.\n",
	} {
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	type database struct {
		dsn    string
		db     *sql.DB
		tables string // lists the tables
	}
	dbs := map[string]func(t *testing.T) database{
		"sqlite": func(t *testing.T) database {
			path := filepath.Join(t.TempDir(), "marquee.db")
			return database{"sqlite:" + path, openSQL(t, "sqlite", path),
				"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"}
		},
		"postgres": func(t *testing.T) database {
			dsn := storetest.PostgresSchemaDSN(t)
			return database{dsn, openSQL(t, "pgx", dsn),
				"SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"}
		},
	}
	for name, open := range dbs {
		t.Run(name, func(t *testing.T) {
			d := open(t)
			dsn, db := d.dsn, d.db
			rowCounts := func(t *testing.T, db *sql.DB) map[string]int { return rowCounts(t, db, d.tables) }
			if code, _, errOut := run(t, nil, "ingest", "--db", dsn, "--apply", first); code != 0 {
				t.Fatalf("ingest --apply: %d %s", code, errOut)
			}
			before := rowCounts(t, db)
			if before["sources"] == 0 || before["claims"] == 0 || before["releases"] == 0 {
				t.Fatalf("the applied article left %v", before)
			}
			for _, file := range []string{first, second} {
				code, out, errOut := run(t, nil, "ingest", "--db", dsn, file)
				if code != 0 {
					t.Fatalf("dry run of %s: %d %s", file, code, errOut)
				}
				if file == second && (!strings.Contains(out, "Proposed changes") || !strings.Contains(out, "a dry run does not store it")) {
					t.Errorf("dry run of the new article:\n%s", out)
				}
				if diff := cmp.Diff(before, rowCounts(t, db)); diff != "" {
					t.Errorf("a dry run of %s changed the database (-before +after):\n%s", filepath.Base(file), diff)
				}
			}
		})
	}
	missing := filepath.Join(t.TempDir(), "none.db")
	if code, _, errOut := run(t, nil, "ingest", "--db", "sqlite:"+missing, first); code != 1 || !strings.Contains(errOut, "no database") {
		t.Errorf("dry run on a missing database: %d %q", code, errOut)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a dry run created %s (%v)", missing, err)
	}
}

func openSQL(t *testing.T, driver, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// rowCounts counts the rows of every table of the database, as listed by
// the query tables.
func rowCounts(t *testing.T, db *sql.DB, tables string) map[string]int {
	t.Helper()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, tables)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	rows.Close()
	if len(names) < 10 {
		t.Fatalf("only %d tables: %v", len(names), names)
	}
	counts := map[string]int{}
	for _, table := range names {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatalf("count %s: %v", table, err)
		}
		counts[table] = n
	}
	return counts
}

func TestRedactDSN(t *testing.T) {
	for in, want := range map[string]string{
		"sqlite:marquee.db": "sqlite:marquee.db",
		"postgres://app:s3cret@db.example:5432/marquee?sslmode=require": "postgres://app:xxxxx@db.example:5432/marquee?sslmode=require",
		"postgres://app@db.example/marquee":                             "postgres://app@db.example/marquee",
	} {
		if got := redactDSN(in); got != want {
			t.Errorf("redactDSN(%q) = %q, want %q", in, got, want)
		}
	}
}
