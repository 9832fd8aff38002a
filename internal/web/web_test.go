package web_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/api"
	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/demo"
	"github.com/marquee-film/marquee/internal/feed"
	"github.com/marquee-film/marquee/internal/store"
	"github.com/marquee-film/marquee/internal/store/storetest"
	"github.com/marquee-film/marquee/internal/web"
)

// today is the site's "now" in tests: Monday 7 December 2026, a week in
// which the demo catalog has a release (Audition, UK disc, 2026-12-07).
var today = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

// stepClock advances one second per call, so records get distinct
// creation times.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

// hostileTitle and hostileText are catalog text that would run script if
// it were not escaped.
const (
	hostileTitle = `<script>alert(1)</script>`
	hostileText  = `</script><script>alert(2)</script><!-- <img src=x onerror=alert(3)> & "quotes" 'single'`
)

// fixture is the demo catalog plus a few records the tests need: a film
// with a hostile title and synopsis, and a film with an accented title.
type fixture struct {
	svc     *app.Service
	store   *store.Store
	handler http.Handler
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	st := storetest.NewSQLite(t)
	svc := app.New(st, &stepClock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}, nil)
	b, err := demo.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.LoadBundle(ctx, b); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	src := catalog.Source{Kind: catalog.SourceManual, Title: "web test fixtures " + hostileText}
	if _, err := svc.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	prov := app.Provenance{SourceID: src.ID}
	hostile := catalog.Film{Slug: "hostile", Title: hostileTitle, OriginalTitle: hostileText, Year: 2026,
		Synopsis: hostileText, Tagline: hostileText, Genres: []string{hostileTitle}}
	if err := svc.CreateFilm(ctx, &hostile, prov); err != nil {
		t.Fatal(err)
	}
	villain := catalog.Person{Slug: "villain", Name: hostileTitle}
	if err := svc.CreatePerson(ctx, &villain, prov); err != nil {
		t.Fatal(err)
	}
	if err := svc.CreateCredit(ctx, &catalog.Credit{FilmID: hostile.ID, PersonID: villain.ID, Job: "actor", Character: hostileText}, prov); err != nil {
		t.Fatal(err)
	}
	if err := svc.CreateCredit(ctx, &catalog.Credit{FilmID: hostile.ID, PersonID: villain.ID, Job: "director"}, prov); err != nil {
		t.Fatal(err)
	}
	rel := catalog.Release{FilmID: hostile.ID, Country: "US", Type: catalog.ReleasePhysical, Date: catalog.MustDate("2026-12-09"), Note: hostileText}
	if err := svc.CreateRelease(ctx, &rel, prov); err != nil {
		t.Fatal(err)
	}
	ed := catalog.Edition{ReleaseID: rel.ID, Name: hostileTitle, Formats: []catalog.Format{catalog.FormatBluray}, RetailerExclusive: hostileText}
	if err := svc.CreateEdition(ctx, &ed, prov); err != nil {
		t.Fatal(err)
	}
	x := catalog.Extra{EditionID: ed.ID, Kind: catalog.ExtraAudioCommentary, Title: hostileTitle, Description: hostileText,
		Participants: []catalog.Participant{{PersonID: villain.ID, Role: hostileText}}}
	if err := svc.CreateExtra(ctx, &x, prov); err != nil {
		t.Fatal(err)
	}
	amelie := catalog.Film{Slug: "amelie-2001", Title: "Amélie", OriginalTitle: "Le Fabuleux Destin d'Amélie Poulain", Year: 2001}
	if err := svc.CreateFilm(ctx, &amelie, prov); err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &fixture{svc: svc, store: st, handler: web.New(svc, fixedClock{today}, log).Handler()}
}

type response struct {
	status int
	header http.Header
	body   string // raw HTML
	text   string // visible text: tags removed, entities decoded, spaces collapsed
}

func (f *fixture) get(t testing.TB, target string, hdr ...string) response {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	body := rec.Body.String()
	return response{status: rec.Code, header: rec.Header(), body: body, text: visibleText(body)}
}

var (
	scriptRE = regexp.MustCompile(`(?is)<script\b[^>]*>.*?</script>`)
	styleRE  = regexp.MustCompile(`(?is)<head>.*?</head>`)
	tagRE    = regexp.MustCompile(`(?s)<[^>]*>`)
	spaceRE  = regexp.MustCompile(`\s+`)
)

// visibleText approximates what a reader sees: the body's text without
// tags, with entities decoded and white space collapsed.
func visibleText(doc string) string {
	s := styleRE.ReplaceAllString(doc, " ")
	s = scriptRE.ReplaceAllString(s, " ")
	s = tagRE.ReplaceAllString(s, " ")
	s = html.UnescapeString(s)
	s = spaceRE.ReplaceAllString(s, " ")
	// Punctuation that follows an element ("Sean Baker</a> (writer-director)")
	// keeps a single space; a space before a closing parenthesis does not
	// matter to a reader.
	return strings.ReplaceAll(s, " )", ")")
}

func (r response) mustContain(t testing.TB, what string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(r.text, w) {
			t.Errorf("%s: visible text lacks %q", what, w)
		}
	}
}

func (r response) mustNotContain(t testing.TB, what string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(r.body, w) {
			t.Errorf("%s: body contains %q", what, w)
		}
	}
}

func TestPages(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	cases := []struct {
		path  string
		wants []string
	}{
		{"/", []string{"Upcoming releases", "This week", "Audition", "Coming up", "Recently announced",
			"December 2026 — day not announced", "Seven Samurai", "March 2027 — day not announced", "TBA", "On disc", "On TV"}},
		{"/calendar?month=2022-03", []string{"March 2022", "Red Rocket", "This month, day not announced"}},
		{"/calendar?month=2022-03&view=list", []string{"March 2022", "Tuesday 15 March", "Red Rocket", "Lionsgate"}},
		{"/calendar?month=2027-03&view=list", []string{"March 2027", "This month, day not announced", "Drive My Car"}},
		{"/calendar?month=2022-03&type=physical&format=bluray&country=us&label=lionsgate", []string{"Red Rocket", "1 release"}},
		{"/films", []string{"Films", "Red Rocket", "The Florida Project", "Seven Samurai"}},
		{"/films/red-rocket-2021", []string{"Red Rocket", "(2021)", "2 h 10 min", "comedy", "Directed by Sean Baker",
			"Simon Rex", "Mikey Saber", "Release timeline", "France", "United States", "United Kingdom",
			"Cannes 2021", "Competition", "World premiere", "Palme d'Or", "Best Male Lead", "Won", "Nominated",
			"Lionsgate", "15 Mar 2022", "Audio commentary with Sean Baker, Drew Daniels and Simon Rex",
			"Sean Baker (writer-director)", "Drew Daniels (cinematographer)", "Simon Rex (lead actor)",
			"Audio commentary with film critic Kat Ellinger", "Kat Ellinger (film critic)",
			"$21.99", "Related articles", "Collider", "DVD Talk", "Compare 2 editions", "sources"}},
		{"/films/red-rocket-2021/editions", []string{"Compare editions", "Red Rocket", "DVD", "Blu-ray", "Formats",
			"Release date", "Price", "$21.99", "Label", "Lionsgate", "Region", "Packaging", "Discs", "Limited run", "Making Red Rocket", "Audio commentary with film critic Kat Ellinger"}},
		{"/films/amelie-2001/editions", []string{"Compare editions", "No editions of this film are recorded yet"}},
		{"/films/tangerine-2015/editions", []string{"Limited Edition Blu-ray", "4K UHD", "Packaging", "Booklet", "Included", "Not included"}},
		{"/people/sean-baker", []string{"Sean Baker", "Directing", "Writing", "Editing", "Red Rocket", "The Florida Project", "Tangerine",
			"Commentaries & extras", "Audio commentary with Sean Baker, Drew Daniels and Simon Rex", "as writer-director"}},
		{"/people/simon-rex", []string{"Simon Rex", "Acting", "as Mikey Saber", "Best Male Lead", "Won"}},
		{"/labels/lionsgate", []string{"Lionsgate", "Distributor", "Disc label", "Red Rocket", "The Florida Project", "Editions"}},
		{"/festivals", []string{"Festivals", "Festival de Cannes", "Sundance Film Festival"}},
		{"/festivals/cannes", []string{"Festival de Cannes", "2021", "1984"}},
		{"/festivals/cannes/2021", []string{"Cannes 2021", "Competition", "Red Rocket", "Titane", "Palme d'Or", "Won"}},
		{"/search?q=florida", []string{"Results for “florida”", "The Florida Project"}},
		{"/search?q=FLORI", []string{"The Florida Project"}},
		{"/search?q=amelie", []string{"Amélie"}},
		{"/search?q=AMÉLIE", []string{"Amélie"}},
		{"/search?q=zulawski", []string{"Andrzej Żuławski"}},
		{"/search?q=criterion", []string{"The Criterion Collection"}},
		{"/search", []string{"Search films, people and labels"}},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			r := f.get(t, c.path)
			if r.status != http.StatusOK {
				t.Fatalf("status %d, want 200; body:\n%s", r.status, r.text)
			}
			r.mustContain(t, c.path, c.wants...)
			if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
}

// TestDatesKeepTheirPrecision checks that a month-only release shows its
// month and "day not announced" and never an invented first day.
func TestDatesKeepTheirPrecision(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	// Drive My Car: UK disc announced for "2027-03".
	r := f.get(t, "/films/drive-my-car-2021")
	r.mustContain(t, "film", "March 2027 — day not announced")
	if !strings.Contains(r.body, `datetime="2027-03"`) {
		t.Error(`film: no <time datetime="2027-03">`)
	}
	r.mustNotContain(t, "film", "2027-03-01", "1 Mar 2027")
	// Year-only and TBA.
	r = f.get(t, "/films/tangerine-2015")
	r.mustContain(t, "tangerine", "2022 — month not announced", "TBA")
	r.mustNotContain(t, "tangerine", "2022-01-01")
	// Red Rocket's US disc is day-precise.
	r = f.get(t, "/films/red-rocket-2021")
	if !strings.Contains(r.body, `datetime="2022-03-15"`) {
		t.Error(`red rocket: no <time datetime="2022-03-15">`)
	}
	// The home page lists month-only releases as such.
	r = f.get(t, "/")
	r.mustNotContain(t, "home", "2027-03-01", "2026-12-01")
}

func TestFilmTimelineIsInLifeCycleOrder(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.get(t, "/films/red-rocket-2021")
	// In the US: limited (2021-12-10), digital (2022), physical (2022-03-15).
	us := r.text[strings.Index(r.text, "United States US"):]
	us = us[:strings.Index(us, "United Kingdom")]
	iLimited, iDigital, iDisc := strings.Index(us, "Limited theatrical"), strings.Index(us, "Digital"), strings.Index(us, "Disc")
	if !(iLimited >= 0 && iLimited < iDigital && iDigital < iDisc) {
		t.Errorf("US timeline not in life-cycle order: %q", us)
	}
}

func TestSourcesDisclosure(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.get(t, "/films/red-rocket-2021")
	if n := strings.Count(r.body, `<details class="sources">`); n < 20 {
		t.Errorf("only %d sources disclosures on the film page", n)
	}
	// The US disc release date is stated by DVD Talk (preferred, field date).
	r.mustContain(t, "film", "Red Rocket (Lionsgate) disc review", "States date: 2022-03-15", "Preferred", "confidence 100%")
	if !strings.Contains(r.body, `href="https://www.dvdtalk.com/reviews/review/75224"`) {
		t.Error("no link to the DVD Talk source")
	}
}

func TestSourcesShowDisagreement(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	film, err := f.svc.FilmDetail(ctx, "drive-my-car-2021")
	if err != nil {
		t.Fatal(err)
	}
	var rel catalog.Release
	for _, r := range film.Releases {
		if r.Country == "GB" && r.Type == catalog.ReleasePhysical {
			rel = r.Release
		}
	}
	// Two sources date the month-only release; the later one wins and
	// the earlier one is kept as a disagreeing claim.
	src := catalog.Source{Kind: catalog.SourceArticle, Outlet: "Example Weekly", Title: "Drive My Car UK disc dated", URL: "https://example.com/dmc"}
	if _, err := f.svc.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	src2 := catalog.Source{Kind: catalog.SourceArticle, Outlet: "Label newsletter", Title: "Drive My Car moves a week", URL: "https://example.com/dmc2"}
	if _, err := f.svc.CreateSource(ctx, &src2); err != nil {
		t.Fatal(err)
	}
	rel.Date = catalog.MustDate("2027-03-15")
	if err := f.svc.UpdateRelease(ctx, &rel, app.Provenance{SourceID: src.ID, Confidence: 0.8}); err != nil {
		t.Fatal(err)
	}
	rel.Date = catalog.MustDate("2027-03-22")
	if err := f.svc.UpdateRelease(ctx, &rel, app.Provenance{SourceID: src2.ID}); err != nil {
		t.Fatal(err)
	}
	r := f.get(t, "/films/drive-my-car-2021")
	r.mustContain(t, "film", "22 Mar 2027", "Example Weekly", "Label newsletter", "States date: 2027-03-22", "States date: 2027-03-15", "confidence 80%")
	r.mustContain(t, "film", "Drive My Car UK disc dated", "Related articles")
	if !strings.Contains(r.body, "is-disagreeing") || !strings.Contains(r.text, "Disagrees") {
		t.Error("the earlier claim of 2027-03 is not marked as disagreeing")
	}
}

func TestNotFound(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, path := range []string{"/films/no-such-film", "/films/no-such-film/editions", "/people/nobody",
		"/labels/nobody", "/festivals/nowhere", "/festivals/cannes/1900", "/festivals/cannes/abc", "/nothing/here"} {
		r := f.get(t, path)
		if r.status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, r.status)
		}
		r.mustContain(t, path, "Page not found", "Upcoming")
		checkSecurityHeaders(t, path, r.header)
	}
}

func TestBadRequests(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, path := range []string{
		"/calendar?month=2022-13", "/calendar?month=March", "/calendar?month=2022-03-15", "/calendar?month=2022",
		"/calendar?view=week", "/calendar?type=cinema", "/calendar?format=vhs", "/calendar?country=XX",
		"/calendar?label=no-such-label", "/search?q=" + strings.Repeat("a", 201),
	} {
		r := f.get(t, path)
		if r.status != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400", path, r.status)
			continue
		}
		r.mustContain(t, path, "That request didn’t work")
		checkSecurityHeaders(t, path, r.header)
	}
	r := f.get(t, "/calendar?month=2022-13")
	r.mustContain(t, "bad month", `month: "2022-13" is not a month`)
}

func checkSecurityHeaders(t *testing.T, what string, h http.Header) {
	t.Helper()
	want := map[string]string{
		"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
	}
	for k, v := range want {
		if got := h.Get(k); got != v {
			t.Errorf("%s: %s = %q, want %q", what, k, got, v)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, path := range []string{"/", "/calendar", "/films", "/films/red-rocket-2021", "/films/red-rocket-2021/editions",
		"/people/sean-baker", "/labels/lionsgate", "/festivals", "/festivals/cannes", "/festivals/cannes/2021", "/search?q=x"} {
		r := f.get(t, path)
		if r.status != http.StatusOK {
			t.Errorf("%s: status %d", path, r.status)
		}
		checkSecurityHeaders(t, path, r.header)
		if strings.Contains(r.body, "<script>") || strings.Contains(r.body, " style=") || strings.Contains(r.body, "<style") {
			t.Errorf("%s: inline script or style, which the CSP forbids", path)
		}
	}
}

func TestHostileTextIsEscaped(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	for _, path := range []string{"/", "/films/hostile", "/films/hostile/editions", "/people/villain", "/films",
		"/search?q=script", "/calendar?month=2026-12", "/calendar?month=2026-12&view=list", "/search?q=" + hostileTitle} {
		r := f.get(t, path)
		if r.status != http.StatusOK {
			t.Fatalf("%s: status %d", path, r.status)
		}
		r.mustNotContain(t, path, "<script>alert", "</script><script>", "<img src=x", "<!-- <img")
		// Every <script> element on the page is the JSON-LD data block.
		for _, m := range regexp.MustCompile(`(?i)<script[^>]*>`).FindAllString(r.body, -1) {
			if m != `<script type="application/ld+json">` {
				t.Errorf("%s: unexpected script element %s", path, m)
			}
		}
	}
	r := f.get(t, "/films/hostile")
	r.mustContain(t, "hostile film", hostileTitle, "</script><script>alert(2)</script>")
	// The JSON-LD block holds the title JSON-escaped.
	ld := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(r.body)
	if ld == nil {
		t.Fatal("no JSON-LD block")
	}
	if !strings.Contains(ld[1], `"name":"\u003cscript\u003ealert(1)\u003c/script\u003e"`) {
		t.Errorf("JSON-LD name not escaped: %s", ld[1])
	}
	if strings.ContainsAny(ld[1], "<>") {
		t.Errorf("JSON-LD contains < or >: %s", ld[1])
	}
}

func TestJSONLD(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.get(t, "/films/red-rocket-2021")
	ld := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(r.body)
	if ld == nil {
		t.Fatal("no JSON-LD block")
	}
	for _, want := range []string{`"@context":"https://schema.org"`, `"@type":"Movie"`, `"name":"Red Rocket"`,
		`"director":[{"@type":"Person","name":"Sean Baker"}]`, `{"@type":"Person","name":"Simon Rex"}`,
		`"datePublished":"2021-07-14"`, `"duration":"PT130M"`, `"description":"A broke, fast-talking`} {
		if !strings.Contains(ld[1], want) {
			t.Errorf("JSON-LD lacks %s: %s", want, ld[1])
		}
	}
	if !strings.Contains(r.body, `href="/films/red-rocket-2021/feed.atom"`) {
		t.Error("no link to the film's Atom feed")
	}
}

func TestJSONLDSameAs(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	src := catalog.Source{Kind: catalog.SourceManual, Title: "ids"}
	if _, err := f.svc.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	film := catalog.Film{Slug: "linked", Title: "Linked", ExternalIDs: catalog.ExternalIDs{IMDb: "tt1234567", Wikidata: "Q42", TMDb: 99}}
	if err := f.svc.CreateFilm(ctx, &film, app.Provenance{SourceID: src.ID}); err != nil {
		t.Fatal(err)
	}
	r := f.get(t, "/films/linked")
	for _, want := range []string{`"sameAs":["https://www.imdb.com/title/tt1234567/","https://www.wikidata.org/wiki/Q42","https://www.themoviedb.org/movie/99"]`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("JSON-LD lacks %s", want)
		}
	}
}

func TestCalendar(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.get(t, "/calendar?month=2022-03&type=physical&country=US")
	for _, want := range []string{
		`href="/calendar?country=US&amp;month=2022-02&amp;type=physical"`, // previous month keeps the filters
		`href="/calendar?country=US&amp;month=2022-04&amp;type=physical"`,
		`href="/calendar.ics?country=US&amp;type=physical"`,
		`<option value="physical" selected>`,
		`<time datetime="2022-03-15">`,
	} {
		if !strings.Contains(r.body, want) {
			t.Errorf("calendar lacks %s", want)
		}
	}
	r.mustContain(t, "calendar", "Red Rocket", "Disc")
	if strings.Contains(r.text, "United Kingdom") && strings.Contains(r.body, "type-theatrical") {
		t.Error("the type filter let a theatrical release through")
	}
	// Month-only releases are listed apart.
	r = f.get(t, "/calendar?month=2027-03")
	sect := r.text[strings.Index(r.text, "This month, day not announced"):]
	if !strings.Contains(sect, "Drive My Car") {
		t.Errorf("Drive My Car is not under 'this month, day not announced': %q", sect)
	}
	// The default month is the clock's.
	r = f.get(t, "/calendar")
	r.mustContain(t, "default", "December 2026", "Audition")
}

func TestHomeGroupsAndRecent(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.get(t, "/")
	week := r.text[strings.Index(r.text, "This week"):strings.Index(r.text, "Coming up")]
	if !strings.Contains(week, "Audition") || !strings.Contains(week, "On disc") {
		t.Errorf("this week: %q", week)
	}
	if strings.Contains(week, "Seven Samurai") {
		t.Error("a month-only release is listed as this week")
	}
	recent := r.text[strings.Index(r.text, "Recently announced"):]
	// The fixtures were added last: the hostile film's release is the newest.
	if !strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(recent, "Recently announced")), "9 Dec 2026") {
		t.Errorf("recently announced does not start with the newest release: %.200q", recent)
	}
}

func TestConditionalGet(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.get(t, "/films/red-rocket-2021")
	etag := r.header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag")
	}
	r2 := f.get(t, "/films/red-rocket-2021", "If-None-Match", etag)
	if r2.status != http.StatusNotModified || r2.body != "" {
		t.Errorf("If-None-Match: status %d, %d bytes", r2.status, len(r2.body))
	}
}

func TestStaticAssets(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	r := f.get(t, "/")
	m := regexp.MustCompile(`href="(/static/site\.[0-9a-f]{12}\.css)"`).FindStringSubmatch(r.body)
	if m == nil {
		t.Fatal("no content-hashed stylesheet link")
	}
	css := f.get(t, m[1])
	if css.status != 200 || !strings.HasPrefix(css.header.Get("Content-Type"), "text/css") {
		t.Fatalf("%s: %d %s", m[1], css.status, css.header.Get("Content-Type"))
	}
	if cc := css.header.Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") || !strings.Contains(cc, "immutable") {
		t.Errorf("hashed asset Cache-Control = %q", cc)
	}
	if css.header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("static asset without nosniff")
	}
	plain := f.get(t, "/static/site.css")
	if plain.status != 200 || plain.header.Get("ETag") == "" || strings.Contains(plain.header.Get("Cache-Control"), "immutable") {
		t.Errorf("plain asset: %d %v", plain.status, plain.header)
	}
	if r := f.get(t, "/static/site.css", "If-None-Match", plain.header.Get("ETag")); r.status != http.StatusNotModified {
		t.Errorf("static If-None-Match: %d", r.status)
	}
	if r := f.get(t, "/static/nope.css"); r.status != http.StatusNotFound {
		t.Errorf("unknown asset: %d", r.status)
	}
	icon := f.get(t, "/static/icon.svg")
	if icon.header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("icon Content-Type = %q", icon.header.Get("Content-Type"))
	}
}

// fullSite mounts the site the way internal/server does: the JSON API,
// the feeds and the pages on one mux.
func fullSite(svc *app.Service, clock app.Clock) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", api.New(svc, nil))
	feed.NewHandler(svc, clock, nil, nil).Register(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "ok") })
	web.New(svc, clock, nil).Register(mux) // must not panic on overlapping patterns
	return mux
}

func TestRegisterAlongsideOtherRoutes(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	mux := fullSite(f.svc, fixedClock{today})
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	for path, want := range map[string]string{
		"/api/v1/films/red-rocket-2021":    "application/json",
		"/films/red-rocket-2021/feed.atom": "application/atom+xml",
		"/calendar.ics":                    "text/calendar",
		"/films/red-rocket-2021":           "text/html",
		"/":                                "text/html",
	} {
		rec := get(path)
		if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), want) {
			t.Errorf("%s: %d %s, want 200 %s", path, rec.Code, rec.Header().Get("Content-Type"), want)
		}
	}
	if rec := get("/healthz"); rec.Body.String() != "ok" {
		t.Errorf("/healthz: %q", rec.Body.String())
	}
	// The links the pages make to the feeds are accepted by them.
	page := get("/calendar?month=2022-03&type=physical&format=bluray&country=US&label=lionsgate").Body.String()
	for _, m := range regexp.MustCompile(`href="(/calendar\.ics[^"]*|/feeds/[^"]*|/films/[^"/]+/feed\.atom)"`).FindAllStringSubmatch(page+get("/films/red-rocket-2021").Body.String(), -1) {
		link := html.UnescapeString(m[1])
		if rec := get(link); rec.Code != http.StatusOK {
			t.Errorf("feed link %s: %d %s", link, rec.Code, rec.Body.String())
		}
	}
}

func TestEmptyCatalog(t *testing.T) {
	t.Parallel()
	svc := app.New(storetest.NewSQLite(t), nil, nil)
	h := web.New(svc, nil, nil).Handler()
	for _, path := range []string{"/", "/calendar", "/calendar?view=list", "/films", "/festivals", "/search?q=x"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Errorf("%s on an empty catalog: %d", path, rec.Code)
		}
	}
}

// TestInternalErrorsAreGeneric checks that a failing store gives the 500
// page without the cause.
func TestInternalErrorsAreGeneric(t *testing.T) {
	t.Parallel()
	st := storetest.NewSQLite(t)
	svc := app.New(st, nil, nil)
	var logged strings.Builder
	h := web.New(svc, nil, slog.New(slog.NewTextHandler(&logged, nil))).Handler()
	_ = st.Close()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/films/red-rocket-2021", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d, want 500", rec.Code)
	}
	body := rec.Body.String()
	if !strings.Contains(body, "Something went wrong") || strings.Contains(strings.ToLower(body), "closed") {
		t.Errorf("500 page: %s", visibleText(body))
	}
	if !strings.Contains(logged.String(), "web page failed") {
		t.Errorf("the cause was not logged: %s", logged.String())
	}
	checkSecurityHeaders(t, "500", rec.Header())
}

func TestCalendarMonthViewListsAFewYearOnlyReleases(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	src := catalog.Source{Kind: catalog.SourceManual, Title: "year-only fixtures"}
	if _, err := f.svc.CreateSource(ctx, &src); err != nil {
		t.Fatal(err)
	}
	for i := range 11 {
		film := catalog.Film{Title: fmt.Sprintf("Undated Film %02d", i), Year: 2031}
		if err := f.svc.CreateFilm(ctx, &film, app.Provenance{SourceID: src.ID}); err != nil {
			t.Fatal(err)
		}
		rel := catalog.Release{FilmID: film.ID, Type: catalog.ReleaseTheatrical, Date: catalog.MustDate("2031")}
		if err := f.svc.CreateRelease(ctx, &rel, app.Provenance{SourceID: src.ID}); err != nil {
			t.Fatal(err)
		}
	}
	month := f.get(t, "/calendar?month=2031-05")
	month.mustContain(t, "month view", "Undated Film 07", "3 more releases of 2031 without a month, in the list view")
	if strings.Contains(month.text, "Undated Film 08") {
		t.Error("the month view lists more than 8 year-only releases")
	}
	list := f.get(t, "/calendar?month=2031-05&view=list")
	list.mustContain(t, "list view", "Undated Film 00", "Undated Film 10")
	if strings.Contains(list.text, "more releases of 2031") {
		t.Error("the list view cuts the year-only releases")
	}
}

// With a search index (as an import builds it) the search page finds
// films by alternative titles and by the beginning of a word, most
// popular first, and people the same way.
func TestSearchPageUsesTheIndex(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	if err := f.store.BuildSearchIndex(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ q, want string }{
		{"fabuleux destin", "Amélie"}, // the original title
		{"ameli", "Amélie"},
		{"flor proj", "The Florida Project"},
		{"zulaw", "Andrzej Żuławski"},
		{"criterion", "The Criterion Collection"},
	} {
		r := f.get(t, "/search?q="+url.QueryEscape(c.q))
		if r.status != http.StatusOK {
			t.Fatalf("%q: status %d", c.q, r.status)
		}
		r.mustContain(t, c.q, c.want)
	}
}
