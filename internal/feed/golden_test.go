package feed

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/google/go-cmp/cmp"
	"github.com/mmcdole/gofeed/atom"

	"github.com/marquee-film/marquee/internal/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (run go test -update after checking):\n%s", name,
			cmp.Diff(strings.Split(string(want), "\n"), strings.Split(string(got), "\n")))
	}
}

func goldenCalendar() []byte {
	return EncodeCalendar(CalendarOptions{Name: "Marquee releases", BaseURL: testBase, IncludePartial: true}, fixtureReleases())
}

func goldenReleasesFeed(t *testing.T) []byte {
	t.Helper()
	rs := fixtureReleases()
	SortByLastChange(rs)
	body, err := EncodeAtom(AtomOptions{
		ID:           TagURI(testBase, "feeds/releases"),
		Title:        "Marquee: new and changed releases",
		BaseURL:      testBase,
		SelfURL:      testBase + "/feeds/releases.atom",
		AlternateURL: testBase + "/calendar",
		Updated:      testNow,
	}, rs)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

func harborLights() []catalog.Release {
	var out []catalog.Release
	for _, r := range fixtureReleases() {
		if r.FilmID == 1 {
			out = append(out, r)
		}
	}
	SortByLastChange(out)
	return out
}

func goldenFilmFeed(t *testing.T) []byte {
	t.Helper()
	body, err := EncodeAtom(AtomOptions{
		ID:           TagURI(testBase, "film/1/releases"),
		Title:        "Marquee: releases of Harbor Lights (2025)",
		BaseURL:      testBase,
		SelfURL:      testBase + "/films/harbor-lights-2025/feed.atom",
		AlternateURL: testBase + "/films/harbor-lights-2025",
		Updated:      testNow,
	}, harborLights())
	if err != nil {
		t.Fatal(err)
	}
	return body
}

func TestGoldenFiles(t *testing.T) {
	golden(t, "calendar.ics", goldenCalendar())
	golden(t, "releases.atom", goldenReleasesFeed(t))
	golden(t, "film.atom", goldenFilmFeed(t))
}

// TestCalendarReadByThirdPartyParser reads the golden calendar back with
// github.com/arran4/golang-ical.
func TestCalendarReadByThirdPartyParser(t *testing.T) {
	doc := goldenCalendar()
	checkFolded(t, string(doc))
	cal, err := ics.ParseCalendar(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("golang-ical cannot parse the calendar: %v", err)
	}
	calProps := map[string]string{}
	for _, p := range cal.CalendarProperties {
		calProps[p.IANAToken] = p.Value
	}
	for k, v := range map[string]string{"VERSION": "2.0", "PRODID": ProdID, "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH", "X-WR-CALNAME": "Marquee releases"} {
		if calProps[k] != v {
			t.Errorf("calendar %s = %q, want %q", k, calProps[k], v)
		}
	}

	type event struct {
		UID, Summary, Status, URL string
		Start, End                string
		Stamp, Modified           time.Time
	}
	var got []event
	for _, e := range cal.Events() {
		start, err := e.GetAllDayStartAt()
		if err != nil {
			t.Fatalf("%s: DTSTART: %v", e.Id(), err)
		}
		end, err := e.GetAllDayEndAt()
		if err != nil {
			t.Fatalf("%s: DTEND: %v", e.Id(), err)
		}
		stamp, err := e.GetDtStampTime()
		if err != nil {
			t.Fatalf("%s: DTSTAMP: %v", e.Id(), err)
		}
		mod, err := e.GetLastModifiedAt()
		if err != nil {
			t.Fatalf("%s: LAST-MODIFIED: %v", e.Id(), err)
		}
		if p := e.GetProperty(ics.ComponentPropertyDtStart); p.ICalParameters["VALUE"][0] != "DATE" {
			t.Errorf("%s: DTSTART is not VALUE=DATE: %v", e.Id(), p.ICalParameters)
		}
		got = append(got, event{
			UID:      e.Id(),
			Summary:  e.GetProperty(ics.ComponentPropertySummary).Value,
			Status:   e.GetProperty(ics.ComponentPropertyStatus).Value,
			URL:      e.GetProperty(ics.ComponentPropertyUrl).Value,
			Start:    start.Format("2006-01-02"),
			End:      end.Format("2006-01-02"),
			Stamp:    stamp.UTC(),
			Modified: mod.UTC(),
		})
	}
	stamp := func(day, hour int) time.Time { return at(day, hour).Truncate(time.Second) }
	want := []event{
		{"release-101@marquee.example", "Harbor Lights — Blu-ray, DVD (US)", "CONFIRMED", testBase + "/films/harbor-lights-2025",
			"2026-03-31", "2026-04-01", stamp(20, 10), stamp(20, 10)},
		{"release-102@marquee.example", "The <script>alert(1)</script> Affair — Theatrical (GB)", "TENTATIVE", testBase + "/films/the-script-affair-2026",
			"2026-12-31", "2027-01-01", stamp(2, 9), stamp(2, 9)},
		{"release-103@marquee.example", "Crème brûlée, São Paulo; 東京物語 — Digital (FR) (postponed)", "TENTATIVE", testBase + "/films/creme-brulee-sao-paulo-2027",
			"2028-02-29", "2028-03-01", stamp(25, 18), stamp(25, 18)},
		{"release-104@marquee.example", "Harbor Lights — 4K UHD (JP) (day not announced)", "TENTATIVE", testBase + "/films/harbor-lights-2025",
			"2026-12-01", "2026-12-02", stamp(21, 8), stamp(21, 8)},
		{"release-107@marquee.example", "A Very Long Title About the Quiet Lighthouse Keeper Who Counted Every Wave Until Morning — Festival screening (CA) (cancelled)", "CANCELLED", testBase + "/films/a-very-long-title-2026",
			"2026-06-15", "2026-06-16", stamp(22, 7), stamp(22, 7)},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("events read back (-want +got):\n%s", diff)
	}
	for _, e := range cal.Events() {
		if e.Id() != "release-103@marquee.example" {
			continue
		}
		desc := e.GetProperty(ics.ComponentPropertyDescription).Value
		for _, want := range []string{"Distributor: Ñandú Films, S.A.; Paris", "Note: Moved from 2027.\nNew date: leap day; rentals, purchases \\ both.", "Date: 29 February 2028"} {
			if !strings.Contains(desc, want) {
				t.Errorf("DESCRIPTION %q lacks %q", desc, want)
			}
		}
	}
}

// TestAtomReadByThirdPartyParser reads the golden feeds back with
// github.com/mmcdole/gofeed's Atom parser.
func TestAtomReadByThirdPartyParser(t *testing.T) {
	type link struct{ Rel, Href string }
	type entry struct {
		ID, Title, Updated, Published string
		Links                         []link
	}
	parse := func(doc []byte) (*atom.Feed, []entry) {
		t.Helper()
		f, err := (&atom.Parser{}).Parse(bytes.NewReader(doc))
		if err != nil {
			t.Fatalf("gofeed cannot parse the feed: %v", err)
		}
		var es []entry
		for _, e := range f.Entries {
			var ls []link
			for _, l := range e.Links {
				ls = append(ls, link{l.Rel, l.Href})
			}
			es = append(es, entry{e.ID, e.Title, e.Updated, e.Published, ls})
		}
		return f, es
	}
	feedLinks := func(f *atom.Feed) []link {
		var ls []link
		for _, l := range f.Links {
			ls = append(ls, link{l.Rel, l.Href})
		}
		return ls
	}

	f, entries := parse(goldenReleasesFeed(t))
	if f.ID != "tag:marquee.example,2026:feeds/releases" || f.Title != "Marquee: new and changed releases" {
		t.Errorf("feed id %q title %q", f.ID, f.Title)
	}
	if f.Updated != "2026-03-25T18:30:15Z" {
		t.Errorf("feed updated = %q, want the latest entry's", f.Updated)
	}
	if len(f.Authors) != 1 || f.Authors[0].Name != "Marquee" {
		t.Errorf("authors = %+v", f.Authors)
	}
	wantLinks := []link{{"self", testBase + "/feeds/releases.atom"}, {"alternate", testBase + "/calendar"}}
	if diff := cmp.Diff(wantLinks, feedLinks(f)); diff != "" {
		t.Errorf("feed links (-want +got):\n%s", diff)
	}
	filmLink := func(slug string) []link { return []link{{"alternate", testBase + "/films/" + slug}} }
	want := []entry{
		{"tag:marquee.example,2026:release/103", "Crème brûlée, São Paulo; 東京物語 — Digital (FR) (postponed): 29 February 2028",
			"2026-03-25T18:30:15Z", "2026-03-03T09:30:15Z", filmLink("creme-brulee-sao-paulo-2027")},
		{"tag:marquee.example,2026:release/107", "A Very Long Title About the Quiet Lighthouse Keeper Who Counted Every Wave Until Morning — Festival screening (CA) (cancelled): 15 June 2026",
			"2026-03-22T07:30:15Z", "2026-03-07T09:30:15Z", filmLink("a-very-long-title-2026")},
		{"tag:marquee.example,2026:release/104", "Harbor Lights — 4K UHD (JP): December 2026",
			"2026-03-21T08:30:15Z", "2026-03-04T09:30:15Z", filmLink("harbor-lights-2025")},
		{"tag:marquee.example,2026:release/101", "Harbor Lights — Blu-ray, DVD (US): 31 March 2026",
			"2026-03-20T10:30:15Z", "2026-03-01T09:30:15Z", filmLink("harbor-lights-2025")},
		{"tag:marquee.example,2026:release/106", "The <script>alert(1)</script> Affair — TV: date to be announced",
			"2026-03-06T09:30:15Z", "2026-03-06T09:30:15Z", filmLink("the-script-affair-2026")},
		{"tag:marquee.example,2026:release/105", "Harbor Lights — Streaming (DE): 2027",
			"2026-03-05T09:30:15Z", "2026-03-05T09:30:15Z", filmLink("harbor-lights-2025")},
		{"tag:marquee.example,2026:release/102", "The <script>alert(1)</script> Affair — Theatrical (GB): 31 December 2026",
			"2026-03-02T09:30:15Z", "2026-03-02T09:30:15Z", filmLink("the-script-affair-2026")},
	}
	if diff := cmp.Diff(want, entries); diff != "" {
		t.Errorf("entries read back (-want +got):\n%s", diff)
	}
	for _, e := range f.Entries {
		if e.ID == "tag:marquee.example,2026:release/102" {
			if e.Content == nil || e.Content.Type != "text" || !strings.Contains(e.Content.Value, `Note: Opens "everywhere" <b>New Year's Eve</b> & after`) {
				t.Errorf("content of 102 = %+v", e.Content)
			}
			if e.Summary != "Theatrical in GB, 31 December 2026 (announced)" {
				t.Errorf("summary of 102 = %q", e.Summary)
			}
		}
	}

	f, entries = parse(goldenFilmFeed(t))
	if f.ID != "tag:marquee.example,2026:film/1/releases" || f.Updated != "2026-03-21T08:30:15Z" {
		t.Errorf("film feed id %q updated %q", f.ID, f.Updated)
	}
	wantLinks = []link{{"self", testBase + "/films/harbor-lights-2025/feed.atom"}, {"alternate", testBase + "/films/harbor-lights-2025"}}
	if diff := cmp.Diff(wantLinks, feedLinks(f)); diff != "" {
		t.Errorf("film feed links (-want +got):\n%s", diff)
	}
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.ID)
	}
	if diff := cmp.Diff([]string{"tag:marquee.example,2026:release/104", "tag:marquee.example,2026:release/101", "tag:marquee.example,2026:release/105"}, ids); diff != "" {
		t.Errorf("film feed entries (-want +got):\n%s", diff)
	}
}

// TestAtomEscapesMarkup checks the raw XML: markup in titles and notes is
// text, never elements.
func TestAtomEscapesMarkup(t *testing.T) {
	doc := string(goldenReleasesFeed(t))
	if strings.Contains(doc, "<script>") || strings.Contains(doc, "<b>") {
		t.Error("markup from catalog text reached the feed unescaped")
	}
	if !strings.Contains(doc, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the escaped title is missing")
	}
}

// TestAtomSurvivesControlCharacters: text XML 1.0 cannot carry (control
// characters, invalid UTF-8) must not make the feed unreadable.
func TestAtomSurvivesControlCharacters(t *testing.T) {
	r := fixtureReleases()[0]
	r.FilmTitle = "Bell\a and \xff byte"
	r.Note = "nul\x00 here"
	doc, err := EncodeAtom(AtomOptions{ID: TagURI(testBase, "x"), Title: "t\x01", BaseURL: testBase,
		SelfURL: testBase + "/feeds/releases.atom", AlternateURL: testBase + "/calendar"}, []catalog.Release{r})
	if err != nil {
		t.Fatal(err)
	}
	f, err := (&atom.Parser{}).Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("feed with control characters does not parse: %v\n%s", err, doc)
	}
	if len(f.Entries) != 1 || !strings.HasPrefix(f.Entries[0].Title, "Bell\uFFFD and \uFFFD byte") {
		t.Errorf("entries %+v", f.Entries)
	}
}
