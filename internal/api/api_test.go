package api

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/bundle"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fixedNow is the time of every test's clock, so responses are
// deterministic.
var fixedNow = time.Date(2024, time.May, 6, 7, 8, 9, 0, time.UTC)

type fixedClock struct{}

func (fixedClock) Now() time.Time { return fixedNow }

// env is one test's API over its own SQLite store.
type env struct {
	t      *testing.T
	ctx    context.Context
	svc    *app.Service
	h      *handler
	tok    catalog.APIToken
	secret string // the bearer token of tok
}

// newEnv opens a fresh store, loads b into it (if not nil), makes an API
// token named "tests" and returns the API over it.
func newEnv(t *testing.T, b *bundle.Bundle) *env {
	t.Helper()
	ctx := context.Background()
	svc := app.New(storetest.NewSQLite(t), fixedClock{}, nil)
	if b != nil {
		if _, err := svc.LoadBundle(ctx, b); err != nil {
			t.Fatalf("LoadBundle: %v", err)
		}
	}
	nt, err := svc.CreateToken(ctx, "tests")
	if err != nil {
		t.Fatalf("CreateToken: %v", err)
	}
	log := slog.New(slog.NewTextHandler(t.Output(), &slog.HandlerOptions{Level: slog.LevelWarn}))
	return &env{t: t, ctx: ctx, svc: svc, h: newHandler(svc, log), tok: nt.Token, secret: nt.Secret}
}

// fixture reads the test catalog in testdata/fixture.json.
func fixture(t *testing.T) *bundle.Bundle {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "fixture.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := bundle.Decode(f)
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return b
}

// req is a request to send.
type req struct {
	method      string
	path        string
	body        string // raw body
	contentType string // "" for none
	auth        string // full Authorization header, "" for none
}

// response is what the API answered.
type response struct {
	status int
	header http.Header
	body   []byte
}

// send serves r and checks the response against the OpenAPI document:
// a JSON body that matches the schema documented for the route and
// status (or the Error schema for unknown routes).
func (e *env) send(r req) response {
	e.t.Helper()
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	hr := httptest.NewRequest(r.method, r.path, body)
	if r.contentType != "" {
		hr.Header.Set("Content-Type", r.contentType)
	}
	if r.auth != "" {
		hr.Header.Set("Authorization", r.auth)
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, hr)
	resp := response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
	checkConformance(e.t, e.h, hr, resp)
	if resp.status >= 200 && resp.status < 300 && r.body != "" {
		checkRequestBody(e.t, e.h, hr, r.body)
	}
	return resp
}

// get sends a GET.
func (e *env) get(path string) response {
	e.t.Helper()
	return e.send(req{method: "GET", path: path})
}

// write sends an authenticated write with v (a string is sent as is) as
// its JSON body.
func (e *env) write(method, path string, v any) response {
	e.t.Helper()
	r := req{method: method, path: path, auth: "Bearer " + e.secret}
	if v != nil {
		r.contentType = "application/json"
		if s, ok := v.(string); ok {
			r.body = s
		} else {
			b, err := json.Marshal(v)
			if err != nil {
				e.t.Fatal(err)
			}
			r.body = string(b)
		}
	}
	return e.send(r)
}

// must fails the test unless the response has the given status.
func (r response) must(t *testing.T, status int) response {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body: %s", r.status, status, r.body)
	}
	return r
}

// decode unmarshals the response body into a new T.
func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decoding %T: %v; body: %s", v, err, r.body)
	}
	return v
}

// golden compares a JSON body, indented, with testdata/name.golden.json,
// or rewrites the file under -update.
func golden(t *testing.T, name string, body []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, bytes.TrimSpace(body), "", "  "); err != nil {
		t.Fatalf("golden %s: body is not JSON: %v", name, err)
	}
	buf.WriteByte('\n')
	path := filepath.Join("testdata", name+".golden.json")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("golden %s: %v (run go test -update to create it)", name, err)
	}
	if d := cmp.Diff(string(want), buf.String()); d != "" {
		t.Errorf("golden %s mismatch (-want +got; go test -update rewrites it):\n%s", name, d)
	}
}

// fixtureEnv is the API over the fixture catalog.
func fixtureEnv(t *testing.T) *env {
	t.Helper()
	return newEnv(t, fixture(t))
}

// filmDetail fetches a film in full.
func (e *env) filmDetail(ref string) FilmDetail {
	e.t.Helper()
	return decode[FilmDetail](e.t, e.get("/api/v1/films/"+ref).must(e.t, http.StatusOK))
}

// titles lists the titles of a film list response.
func titles(t *testing.T, r response) []string {
	t.Helper()
	out := []string{}
	for _, f := range decode[FilmList](t, r).Items {
		out = append(out, f.Title)
	}
	return out
}

// errorOf decodes an error body.
func errorOf(t *testing.T, r response) ErrorDetail {
	t.Helper()
	return decode[ErrorBody](t, r).Error
}
