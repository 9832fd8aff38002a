package feed_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/google/go-cmp/cmp"
	"github.com/mmcdole/gofeed/atom"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/feed"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

const base = "https://marquee.test"

// stepClock advances one minute per call, so every write has its own
// UpdatedAt.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Minute)
	return c.t
}

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

// env is a real SQLite catalog behind the feeds' handler. The handler's
// "today" is 2026-04-01, so the default window is 2026-03-02..2027-04-01.
type env struct {
	t        *testing.T
	svc      *app.Service
	prov     app.Provenance
	mux      *http.ServeMux
	releases map[string]catalog.Release
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	svc := app.New(storetest.NewSQLite(t), &stepClock{t: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}, nil)
	src := catalog.Source{Kind: catalog.SourceManual, Title: "feed tests"}
	if _, err := svc.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, svc: svc, prov: app.Provenance{SourceID: src.ID}, mux: http.NewServeMux(), releases: map[string]catalog.Release{}}
	h := feed.NewHandler(svc, fixedClock(time.Date(2026, 4, 1, 15, 0, 0, 0, time.UTC)), nil,
		func(*http.Request) string { return base })
	h.Register(e.mux)

	label := catalog.Organization{Name: "Lantern Video", Slug: "lantern-video", Kinds: []catalog.OrgKind{catalog.OrgDistributor, catalog.OrgDiscLabel}}
	if err := svc.CreateOrganization(ctx, &label, e.prov); err != nil {
		t.Fatal(err)
	}
	harbor := e.film("Harbor Lights", "harbor-lights", 2025)
	train := e.film("Night <b>Train</b>, Part 1; Ünïcode", "night-train", 2026)

	physical := e.release("physical", catalog.Release{FilmID: harbor, Country: "US", Type: catalog.ReleasePhysical,
		Date: catalog.MustDate("2026-04-15"), Status: catalog.ReleaseConfirmed, DistributorID: label.ID})
	ed := catalog.Edition{ReleaseID: physical.ID, Formats: []catalog.Format{catalog.FormatDVD, catalog.FormatBluray}}
	if err := svc.CreateEdition(ctx, &ed, e.prov); err != nil {
		t.Fatal(err)
	}
	e.releases["physical"], _ = svc.Release(ctx, physical.ID) // with its formats
	e.release("theatrical", catalog.Release{FilmID: harbor, Country: "US", Type: catalog.ReleaseTheatrical,
		Date: catalog.MustDate("2026-05-01"), Status: catalog.ReleaseAnnounced})
	e.release("month", catalog.Release{FilmID: train, Country: "FR", Type: catalog.ReleaseDigital,
		Date: catalog.MustDate("2026-06"), Status: catalog.ReleaseAnnounced})
	e.release("far", catalog.Release{FilmID: train, Country: "GB", Type: catalog.ReleaseTheatrical,
		Date: catalog.MustDate("2028-01-10"), Status: catalog.ReleaseAnnounced})
	e.release("past", catalog.Release{FilmID: harbor, Country: "", Type: catalog.ReleaseFestival,
		Date: catalog.MustDate("2026-01-10"), Status: catalog.ReleaseConfirmed})
	e.release("tba", catalog.Release{FilmID: train, Type: catalog.ReleaseTV, Status: catalog.ReleaseAnnounced})
	return e
}

func (e *env) film(title, slug string, year int) int64 {
	e.t.Helper()
	f := catalog.Film{Title: title, Slug: slug, Year: year}
	if err := e.svc.CreateFilm(context.Background(), &f, e.prov); err != nil {
		e.t.Fatal(err)
	}
	return f.ID
}

func (e *env) release(name string, r catalog.Release) catalog.Release {
	e.t.Helper()
	if err := e.svc.CreateRelease(context.Background(), &r, e.prov); err != nil {
		e.t.Fatal(err)
	}
	e.releases[name] = r
	return r
}

func (e *env) uid(name string) string {
	return fmt.Sprintf("release-%d@marquee.test", e.releases[name].ID)
}

func (e *env) entryID(name string) string {
	return fmt.Sprintf("tag:marquee.test,2026:release/%d", e.releases[name].ID)
}

func (e *env) get(target string, header ...string) *httptest.ResponseRecorder {
	e.t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	e.mux.ServeHTTP(rec, req)
	return rec
}

// lastChange is the latest UpdatedAt of the named releases, as sent in
// Last-Modified.
func (e *env) lastChange(names ...string) string {
	var t time.Time
	for _, n := range names {
		if u := e.releases[n].UpdatedAt; u.After(t) {
			t = u
		}
	}
	return t.UTC().Format(http.TimeFormat)
}

var strongETag = regexp.MustCompile(`^"[A-Za-z0-9_-]+"$`)

func checkOK(t *testing.T, rec *httptest.ResponseRecorder, contentType, lastModified string) {
	t.Helper()
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, body %q", rec.Code, rec.Body.String())
	}
	if got := rec.Header().Get("Content-Type"); got != contentType {
		t.Errorf("Content-Type = %q, want %q", got, contentType)
	}
	if got := rec.Header().Get("ETag"); !strongETag.MatchString(got) {
		t.Errorf("ETag = %q, want a strong entity tag", got)
	}
	if got := rec.Header().Get("Last-Modified"); got != lastModified {
		t.Errorf("Last-Modified = %q, want %q", got, lastModified)
	}
}

func calendarUIDs(t *testing.T, body []byte) []string {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("golang-ical cannot parse the calendar: %v", err)
	}
	var uids []string
	for _, ev := range cal.Events() {
		uids = append(uids, ev.Id())
	}
	return uids
}

func parseAtom(t *testing.T, body []byte) *atom.Feed {
	t.Helper()
	f, err := (&atom.Parser{}).Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("gofeed cannot parse the feed: %v", err)
	}
	return f
}

func entryIDs(f *atom.Feed) []string {
	var ids []string
	for _, e := range f.Entries {
		ids = append(ids, e.ID)
	}
	return ids
}

func link(f *atom.Feed, rel string) string {
	for _, l := range f.Links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

func TestCalendarDefaultWindow(t *testing.T) {
	e := newEnv(t)
	rec := e.get("/calendar.ics")
	checkOK(t, rec, "text/calendar; charset=utf-8", e.lastChange("physical", "theatrical"))
	if diff := cmp.Diff([]string{e.uid("physical"), e.uid("theatrical")}, calendarUIDs(t, rec.Body.Bytes())); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	cal, _ := ics.ParseCalendar(bytes.NewReader(rec.Body.Bytes()))
	ev := cal.Events()[0]
	if got, want := ev.GetProperty(ics.ComponentPropertySummary).Value, "Harbor Lights — Blu-ray, DVD (US)"; got != want {
		t.Errorf("SUMMARY = %q, want %q", got, want)
	}
	if got := ev.GetProperty(ics.ComponentPropertyUrl).Value; got != base+"/films/harbor-lights" {
		t.Errorf("URL = %q", got)
	}
	if desc := ev.GetProperty(ics.ComponentPropertyDescription).Value; !strings.Contains(desc, "Label: Lantern Video") {
		t.Errorf("DESCRIPTION = %q", desc)
	}
	if stamp, _ := ev.GetDtStampTime(); !stamp.Equal(e.releases["physical"].UpdatedAt.Truncate(time.Second)) {
		t.Errorf("DTSTAMP = %v, want the release's UpdatedAt %v", stamp, e.releases["physical"].UpdatedAt)
	}
	// Asking again gives the same bytes: nothing depends on the request time.
	if again := e.get("/calendar.ics"); again.Body.String() != rec.Body.String() || again.Header().Get("ETag") != rec.Header().Get("ETag") {
		t.Error("a second request gives a different document")
	}
}

func TestCalendarFilters(t *testing.T) {
	e := newEnv(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"?partial=1", []string{"physical", "theatrical", "month"}},
		{"?from=2026-01-01&to=2028-12-31", []string{"past", "physical", "theatrical", "far"}},
		{"?from=2026-01-01&to=2028-12-31&partial=true", []string{"past", "physical", "theatrical", "month", "far"}},
		{"?type=physical", []string{"physical"}},
		{"?type=physical,theatrical&from=2026-01-01&to=2028-12-31", []string{"physical", "theatrical", "far"}},
		{"?type=PHYSICAL&type=festival&from=2026-01-01", []string{"past", "physical"}},
		{"?label=lantern-video", []string{"physical"}},
		{"?format=bluray", []string{"physical"}},
		{"?country=us", []string{"physical", "theatrical"}},
		{"?status=confirmed&from=2025-12-01", []string{"past", "physical"}},
		// Only "from", after the default end: the window is a year from it.
		{"?from=2028-01-01", []string{"far"}},
		// Only "to", before the default start: the window is a year up to it.
		{"?to=2026-02-01", []string{"past"}},
		{"?country=DE", nil},
	}
	for _, tt := range tests {
		rec := e.get("/calendar.ics" + tt.query)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d: %s", tt.query, rec.Code, rec.Body)
			continue
		}
		var want []string
		for _, n := range tt.want {
			want = append(want, e.uid(n))
		}
		if diff := cmp.Diff(want, calendarUIDs(t, rec.Body.Bytes())); diff != "" {
			t.Errorf("%s: events (-want +got):\n%s", tt.query, diff)
		}
	}
	// A calendar with no events has no Last-Modified, but an ETag.
	rec := e.get("/calendar.ics?country=DE")
	if rec.Header().Get("Last-Modified") != "" || rec.Header().Get("ETag") == "" {
		t.Errorf("empty calendar headers: %v", rec.Header())
	}
}

func TestConditionalRequests(t *testing.T) {
	e := newEnv(t)
	for _, path := range []string{"/calendar.ics", "/feeds/releases.atom", "/films/harbor-lights/feed.atom"} {
		first := e.get(path)
		if first.Code != http.StatusOK {
			t.Fatalf("%s: status %d", path, first.Code)
		}
		etag, lastMod := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
		lm, err := http.ParseTime(lastMod)
		if err != nil {
			t.Fatalf("%s: Last-Modified %q: %v", path, lastMod, err)
		}
		before := lm.Add(-time.Second).Format(http.TimeFormat)
		after := lm.Add(time.Hour).Format(http.TimeFormat)
		tests := []struct {
			name   string
			header []string
			want   int
		}{
			{"matching If-None-Match", []string{"If-None-Match", etag}, http.StatusNotModified},
			{"weak form of the tag", []string{"If-None-Match", "W/" + etag}, http.StatusNotModified},
			{"tag in a list", []string{"If-None-Match", `"old", ` + etag}, http.StatusNotModified},
			{"wildcard", []string{"If-None-Match", "*"}, http.StatusNotModified},
			{"other tag", []string{"If-None-Match", `"old"`}, http.StatusOK},
			{"If-Modified-Since equal", []string{"If-Modified-Since", lastMod}, http.StatusNotModified},
			{"If-Modified-Since later", []string{"If-Modified-Since", after}, http.StatusNotModified},
			{"If-Modified-Since earlier", []string{"If-Modified-Since", before}, http.StatusOK},
			{"If-Modified-Since garbage", []string{"If-Modified-Since", "yesterday"}, http.StatusOK},
			// If-None-Match takes precedence over If-Modified-Since.
			{"other tag, not modified since", []string{"If-None-Match", `"old"`, "If-Modified-Since", after}, http.StatusOK},
			{"matching tag, modified since", []string{"If-None-Match", etag, "If-Modified-Since", before}, http.StatusNotModified},
		}
		for _, tt := range tests {
			rec := e.get(path, tt.header...)
			if rec.Code != tt.want {
				t.Errorf("%s, %s: status %d, want %d", path, tt.name, rec.Code, tt.want)
				continue
			}
			if rec.Header().Get("ETag") != etag {
				t.Errorf("%s, %s: ETag %q, want %q", path, tt.name, rec.Header().Get("ETag"), etag)
			}
			if tt.want == http.StatusNotModified && rec.Body.Len() != 0 {
				t.Errorf("%s, %s: 304 with a body", path, tt.name)
			}
			if tt.want == http.StatusOK && rec.Body.String() != first.Body.String() {
				t.Errorf("%s, %s: different body", path, tt.name)
			}
		}
	}
}

func TestBadFiltersAre400(t *testing.T) {
	e := newEnv(t)
	tests := []struct{ query, mention string }{
		{"?type=bogus", "type"},
		{"?type=physical,nope", "type"},
		{"?status=maybe", "status"},
		{"?format=vhs", "format"},
		{"?format=dvd&format=bluray", "format"},
		{"?country=XX", "country"},
		{"?country=USA", "country"},
		{"?from=2026-02-30", "from"},
		{"?from=2026-05", "from"},
		{"?to=tomorrow", "to"},
		{"?from=2026-05-01&to=2026-04-01", "to"},
		{"?label=nobody", "label"},
		{"?partial=maybe", "partial"},
	}
	for _, path := range []string{"/calendar.ics", "/feeds/releases.atom"} {
		for _, tt := range tests {
			rec := e.get(path + tt.query)
			if rec.Code != http.StatusBadRequest {
				t.Errorf("%s%s: status %d, want 400", path, tt.query, rec.Code)
				continue
			}
			if ct := rec.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
				t.Errorf("%s%s: Content-Type %q", path, tt.query, ct)
			}
			if !strings.HasPrefix(rec.Body.String(), tt.mention+": ") {
				t.Errorf("%s%s: body %q does not name %q", path, tt.query, rec.Body, tt.mention)
			}
		}
	}
}

func TestReleasesFeed(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	rec := e.get("/feeds/releases.atom")
	all := []string{"tba", "past", "far", "month", "theatrical", "physical"}
	// Every precision is listed, TBA too; the default window starts 30
	// days ago ("past" is older) and is open-ended ("far" is listed).
	// (Adding the edition did not change the physical release's UpdatedAt.)
	want := []string{e.entryID("tba"), e.entryID("far"), e.entryID("month"), e.entryID("theatrical"), e.entryID("physical")}
	checkOK(t, rec, "application/atom+xml; charset=utf-8", e.lastChange(all...))
	f := parseAtom(t, rec.Body.Bytes())
	if diff := cmp.Diff(want, entryIDs(f)); diff != "" {
		t.Errorf("entries, most recently changed first (-want +got):\n%s", diff)
	}
	if link(f, "self") != base+"/feeds/releases.atom" || link(f, "alternate") != base+"/calendar" {
		t.Errorf("links %+v", f.Links)
	}
	if f.ID != "tag:marquee.test,2026:feeds/releases" {
		t.Errorf("feed id %q", f.ID)
	}
	for _, en := range f.Entries {
		if en.ID == e.entryID("month") && en.Title != "Night <b>Train</b>, Part 1; Ünïcode — Digital (FR): June 2026" {
			t.Errorf("title of the month release = %q", en.Title)
		}
	}

	// A change moves the release to the top and changes ETag and
	// Last-Modified.
	r := e.releases["theatrical"]
	r.Status = catalog.ReleaseConfirmed
	if err := e.svc.UpdateRelease(ctx, &r, e.prov); err != nil {
		t.Fatal(err)
	}
	e.releases["theatrical"] = r
	again := e.get("/feeds/releases.atom", "If-None-Match", rec.Header().Get("ETag"))
	checkOK(t, again, "application/atom+xml; charset=utf-8", e.lastChange(all...))
	if again.Header().Get("Last-Modified") == rec.Header().Get("Last-Modified") {
		t.Error("Last-Modified did not move")
	}
	f = parseAtom(t, again.Body.Bytes())
	if ids := entryIDs(f); len(ids) == 0 || ids[0] != e.entryID("theatrical") {
		t.Errorf("updated release is not first: %v", ids)
	}
	if f.Updated != r.UpdatedAt.UTC().Truncate(time.Second).Format(time.RFC3339) {
		t.Errorf("feed updated %q, want %v", f.Updated, r.UpdatedAt)
	}

	// Filters narrow the feed and are part of its self link and id.
	rec = e.get("/feeds/releases.atom?country=us&type=physical")
	f = parseAtom(t, rec.Body.Bytes())
	if diff := cmp.Diff([]string{e.entryID("physical")}, entryIDs(f)); diff != "" {
		t.Errorf("filtered entries (-want +got):\n%s", diff)
	}
	if got := link(f, "self"); got != base+"/feeds/releases.atom?country=US&type=physical" {
		t.Errorf("self link %q", got)
	}
}

func TestReleasesFeedListsAtMost100(t *testing.T) {
	e := newEnv(t)
	film := e.film("Many Releases", "many-releases", 2026)
	for i := range 105 {
		e.release(fmt.Sprint("many", i), catalog.Release{FilmID: film, Type: catalog.ReleaseTheatrical,
			Country: "US", Date: catalog.MustDate("2026-05-01"), Status: catalog.ReleaseAnnounced, Note: fmt.Sprint(i)})
	}
	f := parseAtom(t, e.get("/feeds/releases.atom").Body.Bytes())
	if len(f.Entries) != 100 {
		t.Fatalf("%d entries, want 100", len(f.Entries))
	}
	if f.Entries[0].ID != e.entryID("many104") || f.Entries[99].ID != e.entryID("many5") {
		t.Errorf("first %s, last %s", f.Entries[0].ID, f.Entries[99].ID)
	}
}

func TestFilmFeed(t *testing.T) {
	e := newEnv(t)
	rec := e.get("/films/harbor-lights/feed.atom")
	checkOK(t, rec, "application/atom+xml; charset=utf-8", e.lastChange("physical", "theatrical", "past"))
	f := parseAtom(t, rec.Body.Bytes())
	if diff := cmp.Diff([]string{e.entryID("past"), e.entryID("theatrical"), e.entryID("physical")}, entryIDs(f)); diff != "" {
		t.Errorf("entries (-want +got):\n%s", diff)
	}
	if f.Title != "Marquee: releases of Harbor Lights (2025)" {
		t.Errorf("title %q", f.Title)
	}
	if link(f, "self") != base+"/films/harbor-lights/feed.atom" || link(f, "alternate") != base+"/films/harbor-lights" {
		t.Errorf("links %+v", f.Links)
	}
	for _, en := range f.Entries {
		if len(en.Links) != 1 || en.Links[0].Rel != "alternate" || en.Links[0].Href != base+"/films/harbor-lights" {
			t.Errorf("entry %s links %+v", en.ID, en.Links)
		}
		if en.Published == "" || en.Updated == "" {
			t.Errorf("entry %s lacks published or updated", en.ID)
		}
	}

	rec = e.get("/films/no-such-film/feed.atom")
	if rec.Code != http.StatusNotFound {
		t.Fatalf("unknown film: status %d, want 404", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("404 Content-Type %q", ct)
	}
}

func TestFilmFeedWithoutReleases(t *testing.T) {
	e := newEnv(t)
	e.film("Quiet Film", "quiet-film", 0)
	rec := e.get("/films/quiet-film/feed.atom")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	f := parseAtom(t, rec.Body.Bytes())
	if len(f.Entries) != 0 || f.Updated == "" || rec.Header().Get("Last-Modified") == "" {
		t.Errorf("entries %d, updated %q, Last-Modified %q", len(f.Entries), f.Updated, rec.Header().Get("Last-Modified"))
	}
}

func TestHeadRequest(t *testing.T) {
	e := newEnv(t)
	req := httptest.NewRequest(http.MethodHead, "/calendar.ics", nil)
	rec := httptest.NewRecorder()
	e.mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || rec.Body.Len() != 0 || rec.Header().Get("ETag") == "" {
		t.Errorf("HEAD: status %d, %d body bytes, headers %v", rec.Code, rec.Body.Len(), rec.Header())
	}
}
