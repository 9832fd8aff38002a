package api

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// TestPublicReadsAreCachedAndSeeEveryWrite: public GET answers come from
// the response cache (same body and ETag, 304 on revalidation), and any
// write this process commits — through the API or not — is seen by the
// very next read.
func TestPublicReadsAreCachedAndSeeEveryWrite(t *testing.T) {
	t.Parallel()
	e := newEnv(t, fixture(t))
	first := e.get("/api/v1/films/red-rocket-2021").must(t, http.StatusOK)
	etag := first.header.Get("ETag")
	if etag == "" || first.header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("film answer without validators: %v", first.header)
	}
	again := e.get("/api/v1/films/red-rocket-2021").must(t, http.StatusOK)
	if string(again.body) != string(first.body) || again.header.Get("ETag") != etag {
		t.Errorf("the same film twice differs")
	}
	if e.h.cache.Len() != 1 {
		t.Errorf("%d cached responses after two reads of one film, want 1", e.h.cache.Len())
	}

	cond := httptest.NewRequest("GET", "/api/v1/films/red-rocket-2021", nil)
	cond.Header.Set("If-None-Match", etag)
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, cond)
	if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
		t.Errorf("revalidation with the ETag: %d %q, want 304 and no body", rec.Code, rec.Body)
	}

	// A write through the API.
	e.write("PUT", "/api/v1/films/red-rocket-2021", obj{"title": "Red Rocket Returns", "year": 2021}).must(t, http.StatusOK)
	after := decode[FilmDetail](t, e.get("/api/v1/films/red-rocket-2021").must(t, http.StatusOK))
	if after.Film.Title != "Red Rocket Returns" {
		t.Errorf("after an API write the film is %q", after.Film.Title)
	}

	// A write through the service, as an import job or the web ingest
	// page does.
	film, err := e.svc.Film(e.ctx, "red-rocket-2021")
	if err != nil {
		t.Fatal(err)
	}
	src := catalog.Source{Kind: catalog.SourceManual, Title: "cache test"}
	if _, err := e.svc.CreateSource(e.ctx, &src); err != nil {
		t.Fatal(err)
	}
	film.Title = "Red Rocket"
	if err := e.svc.UpdateFilm(e.ctx, &film, app.Provenance{SourceID: src.ID}); err != nil {
		t.Fatal(err)
	}
	last := e.get("/api/v1/films/red-rocket-2021").must(t, http.StatusOK)
	if got := decode[FilmDetail](t, last).Film.Title; got != "Red Rocket" {
		t.Errorf("after a service write the film is %q", got)
	}
	if last.header.Get("ETag") == etag {
		t.Errorf("ETag unchanged after two writes")
	}

	// A miss is not cached: the film is found once it exists.
	e.get("/api/v1/films/night-ferry-2024").must(t, http.StatusNotFound)
	e.write("POST", "/api/v1/films", obj{"title": "Night Ferry", "year": 2024}).must(t, http.StatusCreated)
	e.get("/api/v1/films/night-ferry-2024").must(t, http.StatusOK)
}

// TestAuthenticatedReadsAreNeverCached: answers of routes that need a
// token are rendered for each request, so one caller's answer can never
// reach another.
func TestAuthenticatedReadsAreNeverCached(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	var secrets []string
	for _, name := range []string{"ann", "bob"} {
		u, err := e.svc.CreateUser(e.ctx, name, "a long enough password", false)
		if err != nil {
			t.Fatal(err)
		}
		tok, err := e.svc.CreatePersonalToken(e.ctx, u, name+"'s token", catalog.ScopeRead)
		if err != nil {
			t.Fatal(err)
		}
		secrets = append(secrets, tok.Secret)
	}
	mine := e.send(req{method: "GET", path: "/api/v1/me/tokens", auth: "Bearer " + secrets[0]})
	theirs := e.send(req{method: "GET", path: "/api/v1/me/tokens", auth: "Bearer " + secrets[1]})
	if mine.status != http.StatusOK || theirs.status != http.StatusOK {
		t.Fatalf("GET /me/tokens: %d and %d", mine.status, theirs.status)
	}
	if string(mine.body) == string(theirs.body) {
		t.Errorf("two users got the same token list: %s", mine.body)
	}
	if e.h.cache.Len() != 0 {
		t.Errorf("%d responses of authenticated routes were cached", e.h.cache.Len())
	}
	anon := e.send(req{method: "GET", path: "/api/v1/me/tokens"})
	if anon.status != http.StatusUnauthorized {
		t.Errorf("GET /me/tokens without a token after two authenticated reads: %d", anon.status)
	}
}
