package feed

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marquee-film/marquee/internal/catalog"
)

// eventsOf returns the properties of each VEVENT of a calendar, unfolded,
// by property name (with parameters).
func eventsOf(t *testing.T, doc []byte) []map[string]string {
	t.Helper()
	checkFolded(t, string(doc))
	var out []map[string]string
	var cur map[string]string
	for _, l := range unfold(string(doc)) {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("content line without a colon: %q", l)
		}
		switch {
		case name == "BEGIN" && value == "VEVENT":
			cur = map[string]string{}
		case name == "END" && value == "VEVENT":
			out = append(out, cur)
			cur = nil
		case cur != nil:
			cur[name] = value
		}
	}
	return out
}

func oneEvent(t *testing.T, r catalog.Release, partial bool) map[string]string {
	t.Helper()
	evs := eventsOf(t, EncodeCalendar(CalendarOptions{BaseURL: testBase, IncludePartial: partial}, []catalog.Release{r}))
	if len(evs) != 1 {
		t.Fatalf("%s: %d events, want 1", r.Date, len(evs))
	}
	return evs[0]
}

func TestEventDatesAreExclusiveAllDayRanges(t *testing.T) {
	tests := []struct {
		date       string
		start, end string
	}{
		{"2022-03-15", "20220315", "20220316"},
		{"2026-01-31", "20260131", "20260201"},
		{"2026-04-30", "20260430", "20260501"},
		{"2026-12-31", "20261231", "20270101"},
		{"2024-02-28", "20240228", "20240229"}, // leap year
		{"2024-02-29", "20240229", "20240301"}, // leap day
		{"2023-02-28", "20230228", "20230301"}, // common year
		{"2100-02-28", "21000228", "21000301"}, // not a leap year
		{"2000-02-28", "20000228", "20000229"}, // a leap year
		{"1999-12-31", "19991231", "20000101"},
		// Month-precise dates (with partial) fall on the first, one day long.
		{"2026-12", "20261201", "20261202"},
		{"2024-02", "20240201", "20240202"},
	}
	for _, tt := range tests {
		r := catalog.Release{ID: 1, FilmTitle: "F", FilmSlug: "f", Type: catalog.ReleaseTheatrical,
			Status: catalog.ReleaseConfirmed, Date: catalog.MustDate(tt.date)}
		ev := oneEvent(t, r, true)
		if ev["DTSTART;VALUE=DATE"] != tt.start || ev["DTEND;VALUE=DATE"] != tt.end {
			t.Errorf("%s: DTSTART %s DTEND %s, want %s %s", tt.date, ev["DTSTART;VALUE=DATE"], ev["DTEND;VALUE=DATE"], tt.start, tt.end)
		}
	}
}

func TestEventStatus(t *testing.T) {
	tests := []struct {
		status catalog.ReleaseStatus
		date   string
		want   string
	}{
		{catalog.ReleaseConfirmed, "2026-05-01", "CONFIRMED"},
		{catalog.ReleaseAnnounced, "2026-05-01", "TENTATIVE"},
		{catalog.ReleasePostponed, "2026-05-01", "TENTATIVE"},
		{catalog.ReleaseCancelled, "2026-05-01", "CANCELLED"},
		{catalog.ReleaseConfirmed, "2026-05", "TENTATIVE"}, // the day is not known
		{catalog.ReleaseAnnounced, "2026-05", "TENTATIVE"},
		{catalog.ReleaseCancelled, "2026-05", "CANCELLED"},
	}
	for _, tt := range tests {
		r := catalog.Release{ID: 1, FilmTitle: "F", FilmSlug: "f", Type: catalog.ReleaseTheatrical, Status: tt.status, Date: catalog.MustDate(tt.date)}
		if got := oneEvent(t, r, true)["STATUS"]; got != tt.want {
			t.Errorf("%s on %s: STATUS %s, want %s", tt.status, tt.date, got, tt.want)
		}
	}
}

func TestPartialAndTBAReleasesLeftOut(t *testing.T) {
	uids := func(partial bool) []string {
		var out []string
		for _, ev := range eventsOf(t, EncodeCalendar(CalendarOptions{BaseURL: testBase, IncludePartial: partial}, fixtureReleases())) {
			out = append(out, ev["UID"])
		}
		return out
	}
	want := []string{"release-101@marquee.example", "release-102@marquee.example", "release-103@marquee.example", "release-107@marquee.example"}
	if diff := cmp.Diff(want, uids(false)); diff != "" {
		t.Errorf("without partial dates (-want +got):\n%s", diff)
	}
	want = []string{"release-101@marquee.example", "release-102@marquee.example", "release-103@marquee.example", "release-104@marquee.example", "release-107@marquee.example"}
	if diff := cmp.Diff(want, uids(true)); diff != "" {
		t.Errorf("with partial dates (-want +got):\n%s", diff)
	}
}

func TestPartialEventSaysDayNotAnnounced(t *testing.T) {
	r := fixtureReleases()[3] // Harbor Lights, JP 4K, December 2026
	ev := oneEvent(t, r, true)
	if got, want := unescapeText(ev["SUMMARY"]), "Harbor Lights — 4K UHD (JP) (day not announced)"; got != want {
		t.Errorf("SUMMARY = %q, want %q", got, want)
	}
}

func TestEventStampIsTheLastChangeNotNow(t *testing.T) {
	r := fixtureReleases()[0]
	ev := oneEvent(t, r, false)
	if ev["DTSTAMP"] != "20260320T103015Z" || ev["LAST-MODIFIED"] != "20260320T103015Z" || ev["CREATED"] != "20260301T093015Z" {
		t.Errorf("DTSTAMP %s LAST-MODIFIED %s CREATED %s", ev["DTSTAMP"], ev["LAST-MODIFIED"], ev["CREATED"])
	}
	if got, want := unescapeText(ev["SUMMARY"]), "Harbor Lights — Blu-ray, DVD (US)"; got != want {
		t.Errorf("SUMMARY = %q, want %q", got, want)
	}
	if ev["URL"] != testBase+"/films/harbor-lights-2025" {
		t.Errorf("URL = %q", ev["URL"])
	}
	desc := unescapeText(ev["DESCRIPTION"])
	for _, want := range []string{"Label: Lantern Video", "Status: confirmed", testBase + "/films/harbor-lights-2025"} {
		if !strings.Contains(desc, want) {
			t.Errorf("DESCRIPTION %q lacks %q", desc, want)
		}
	}
}

func TestCalendarHeader(t *testing.T) {
	doc := string(EncodeCalendar(CalendarOptions{Name: "Discs, US; \"new\"", BaseURL: testBase}, nil))
	lines := unfold(doc)
	want := []string{
		"BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:" + ProdID, "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
		`X-WR-CALNAME:Discs\, US\; "new"`, "REFRESH-INTERVAL;VALUE=DURATION:PT6H", "X-PUBLISHED-TTL:PT6H", "END:VCALENDAR",
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("empty calendar (-want +got):\n%s", diff)
	}
}
