package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// TestPageCacheSeesWrites: a cached page is rendered again after any
// write this process commits, so the next request shows it.
func TestPageCacheSeesWrites(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	first := f.get(t, "/films/amelie-2001")
	first.mustContain(t, "film page", "Amélie")
	again := f.get(t, "/films/amelie-2001")
	if again.body != first.body || again.header.Get("ETag") != first.header.Get("ETag") {
		t.Fatal("the same page twice differs")
	}
	film, err := f.svc.Film(ctx, "amelie-2001")
	if err != nil {
		t.Fatal(err)
	}
	src := catalog.Source{Kind: catalog.SourceManual, Title: "cache test"}
	if _, err := f.svc.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	film.Title = "Amélie from Montmartre"
	if err := f.svc.UpdateFilm(ctx, &film, app.Provenance{SourceID: src.ID}); err != nil {
		t.Fatal(err)
	}
	after := f.get(t, "/films/amelie-2001")
	after.mustContain(t, "film page after an update", "Amélie from Montmartre")
	if after.header.Get("ETag") == first.header.Get("ETag") {
		t.Error("ETag unchanged after the film changed")
	}
	cal := f.get(t, "/calendar?month=2026-12")
	rel := catalog.Release{FilmID: film.ID, Country: "FR", Type: catalog.ReleaseTheatrical, Date: catalog.MustDate("2026-12-16")}
	if err := f.svc.CreateRelease(ctx, &rel, app.Provenance{SourceID: src.ID}); err != nil {
		t.Fatal(err)
	}
	cal2 := f.get(t, "/calendar?month=2026-12")
	if cal2.body == cal.body {
		t.Error("calendar unchanged after a release was added")
	}
	cal2.mustContain(t, "calendar after a release was added", "Amélie from Montmartre")
}

// TestPageCacheAnswersAsRender: answers from the cache carry the same
// status, headers and body as a render, honour If-None-Match and HEAD,
// and requests with credentials are never answered from it.
func TestPageCacheAnswersAsRender(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	first := f.get(t, "/calendar?month=2022-03")
	hit := f.get(t, "/calendar?month=2022-03")
	for _, h := range []string{"Content-Type", "ETag", "Cache-Control", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if first.header.Get(h) == "" || hit.header.Get(h) != first.header.Get(h) {
			t.Errorf("%s: render %q, cache %q", h, first.header.Get(h), hit.header.Get(h))
		}
	}
	if hit.status != http.StatusOK || hit.body != first.body {
		t.Errorf("cached answer: status %d, %d bytes; want 200, %d bytes", hit.status, len(hit.body), len(first.body))
	}
	if r := f.get(t, "/calendar?month=2022-03", "If-None-Match", first.header.Get("ETag")); r.status != http.StatusNotModified || r.body != "" {
		t.Errorf("If-None-Match on a cached page: status %d, %d bytes", r.status, len(r.body))
	}
	req := httptest.NewRequest(http.MethodHead, "/calendar?month=2022-03", nil)
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("ETag") != first.header.Get("ETag") {
		t.Errorf("HEAD: status %d, %d bytes, ETag %q", rec.Code, rec.Body.Len(), rec.Header().Get("ETag"))
	}
	// Errors are not cached: an unknown film stays 404 and then appears.
	if r := f.get(t, "/films/no-such-film"); r.status != http.StatusNotFound {
		t.Errorf("unknown film: status %d", r.status)
	}
	if r := f.get(t, "/films/no-such-film", "Cookie", "marquee_token=x"); r.status != http.StatusNotFound {
		t.Errorf("unknown film with a cookie: status %d", r.status)
	}
}

// TestPageCacheConcurrent: many concurrent requests for one page, with
// writes between them, all get a whole page (run with -race).
func TestPageCacheConcurrent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	src := catalog.Source{Kind: catalog.SourceManual, Title: "cache test"}
	if _, err := f.svc.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 10 {
				r := f.get(t, "/films/red-rocket-2021")
				if r.status != http.StatusOK {
					t.Errorf("status %d", r.status)
					return
				}
				r.mustContain(t, "film page", "Red Rocket")
			}
			if i%4 == 0 {
				p := catalog.Person{Slug: "cache-test-" + string(rune('a'+i)), Name: "Cache Test"}
				if err := f.svc.CreatePerson(ctx, &p, app.Provenance{SourceID: src.ID}); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

func TestCachedPagesAnswerIfModifiedSince(t *testing.T) {
	f := newFixture(t)
	first := f.get(t, "/films/red-rocket-2021")
	lm := first.header.Get("Last-Modified")
	if first.status != 200 || lm == "" {
		t.Fatalf("first GET: %d, Last-Modified %q", first.status, lm)
	}
	if r := f.get(t, "/films/red-rocket-2021", "If-Modified-Since", lm); r.status != http.StatusNotModified {
		t.Errorf("If-Modified-Since the page's own date: %d, want 304", r.status)
	}
	since, _ := http.ParseTime(lm)
	if r := f.get(t, "/films/red-rocket-2021", "If-Modified-Since", since.Add(-time.Hour).Format(http.TimeFormat)); r.status != 200 {
		t.Errorf("If-Modified-Since an hour earlier: %d, want 200", r.status)
	}
	if r := f.get(t, "/films/red-rocket-2021", "If-Modified-Since", lm, "If-None-Match", `"other"`); r.status != 200 {
		t.Errorf("If-None-Match decides over If-Modified-Since: %d, want 200", r.status)
	}
}
