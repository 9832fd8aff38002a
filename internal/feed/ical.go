package feed

import (
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// ProdID is the PRODID of every calendar Marquee writes.
const ProdID = "-//Marquee//Marquee Release Calendar//EN"

// CalendarOptions describes one calendar document.
type CalendarOptions struct {
	// Name is shown by calendar apps (X-WR-CALNAME).
	Name string
	// BaseURL is the site's root URL ("https://marquee.example"); links
	// to film pages and the host part of UIDs come from it.
	BaseURL string
	// IncludePartial adds month-precise releases as tentative events on
	// the first of their month. Year-precise and TBA releases are never
	// events.
	IncludePartial bool
}

const (
	icalDate     = "20060102"
	icalDateTime = "20060102T150405Z"
)

// EncodeCalendar writes releases as an iCalendar (RFC 5545) document
// with one all-day VEVENT per release, in the order given. Releases
// without a day (see CalendarOptions.IncludePartial) are left out.
//
// The output depends only on its inputs: DTSTAMP is the release's last
// change, never the time of the request, so an unchanged catalog gives
// byte-identical documents (and ETags).
func EncodeCalendar(opts CalendarOptions, releases []catalog.Release) []byte {
	s := newSite(opts.BaseURL)
	var b []byte
	prop := func(name, value string) { b = appendFolded(b, name+":"+value) }
	text := func(name, value string) { prop(name, escapeText(value)) }

	prop("BEGIN", "VCALENDAR")
	prop("VERSION", "2.0")
	text("PRODID", ProdID)
	prop("CALSCALE", "GREGORIAN")
	prop("METHOD", "PUBLISH")
	name := opts.Name
	if name == "" {
		name = "Marquee releases"
	}
	text("X-WR-CALNAME", name)
	// Hints for subscribing apps; the ETag makes polls cheap.
	prop("REFRESH-INTERVAL;VALUE=DURATION", "PT6H")
	prop("X-PUBLISHED-TTL", "PT6H")
	for _, r := range releases {
		start, partial, ok := eventDay(r.Date, opts.IncludePartial)
		if !ok {
			continue
		}
		filmURL := s.filmURL(r.FilmSlug)
		summary := headline(r)
		if partial {
			summary += " (day not announced)"
		}
		prop("BEGIN", "VEVENT")
		prop("UID", s.uid(r))
		stamp := changedAt(r)
		prop("DTSTAMP", stamp.Format(icalDateTime))
		if !r.CreatedAt.IsZero() {
			prop("CREATED", r.CreatedAt.UTC().Format(icalDateTime))
		}
		prop("LAST-MODIFIED", stamp.Format(icalDateTime))
		prop("DTSTART;VALUE=DATE", start.Format(icalDate))
		prop("DTEND;VALUE=DATE", start.AddDate(0, 0, 1).Format(icalDate))
		text("SUMMARY", summary)
		text("DESCRIPTION", description(r, filmURL))
		text("CATEGORIES", typeName(r.Type))
		prop("URL", filmURL)
		prop("STATUS", eventStatus(r.Status, partial))
		prop("TRANSP", "TRANSPARENT")
		prop("END", "VEVENT")
	}
	prop("END", "VCALENDAR")
	return b
}

// eventDay returns the day a release's event falls on. A day-precise
// date is its own day; a month-precise date, when partial dates are
// asked for, is the first of its month and partial is true. Year-precise
// and TBA dates have no event (ok is false).
//
// The day is a calendar date (midnight UTC stands for it); only date
// arithmetic is done on it, so it cannot shift through a time zone.
func eventDay(d catalog.PartialDate, includePartial bool) (day time.Time, partial, ok bool) {
	switch {
	case d.Precision() == catalog.PrecisionDay:
		return time.Date(d.Year(), time.Month(d.Month()), d.Day(), 0, 0, 0, 0, time.UTC), false, true
	case d.Precision() == catalog.PrecisionMonth && includePartial:
		return time.Date(d.Year(), time.Month(d.Month()), 1, 0, 0, 0, 0, time.UTC), true, true
	}
	return time.Time{}, false, false
}

// eventStatus maps a release status to a VEVENT STATUS. A release whose
// day is not known is tentative even when confirmed.
func eventStatus(s catalog.ReleaseStatus, partial bool) string {
	switch {
	case s == catalog.ReleaseCancelled:
		return "CANCELLED"
	case s == catalog.ReleaseConfirmed && !partial:
		return "CONFIRMED"
	}
	return "TENTATIVE"
}

// changedAt is when a release last changed, in UTC to the second: its
// UpdatedAt, else its CreatedAt, else the Unix epoch (never "now").
func changedAt(r catalog.Release) time.Time {
	t := r.UpdatedAt
	if t.IsZero() {
		t = r.CreatedAt
	}
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Truncate(time.Second)
}
