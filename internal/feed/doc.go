// Package feed serves the release catalog as subscription feeds: an
// iCalendar (RFC 5545) calendar of release days for calendar apps, and
// Atom (RFC 4287) feeds of new and changed releases for feed readers.
//
// Routes (see Handler.Register):
//
//	GET /calendar.ics            one all-day event per release dated to the day
//	GET /feeds/releases.atom     the 100 most recently changed releases
//	GET /films/{slug}/feed.atom  every release of one film, latest change first
//
// The calendar and the releases feed take the calendar page's filters:
// type and status (repeatable or comma-separated), format, country,
// label (slug or ID), from and to (YYYY-MM-DD), and for the calendar
// partial=1. Without from/to the window runs from 30 days before today
// (by the handler's clock, UTC) to a year after it; the releases feed
// leaves the end open and also lists releases whose date is only a
// month, a year or TBA. A bad filter is a 400 with a plain-text message.
//
// Dates stay calendar dates end to end: an event's DTSTART is the
// release day (VALUE=DATE) and DTEND the day after, with no time zone.
// Month-precise releases become events only with partial=1, as tentative
// one-day events on the first of the month whose summary says "(day not
// announced)"; year-precise and TBA releases are never events.
//
// Documents depend only on the catalog, never on the request time:
// DTSTAMP, LAST-MODIFIED and Atom updated come from each release's
// UpdatedAt. So an unchanged catalog gives byte-identical documents, and
// every response carries a strong ETag (a hash of the body) and a
// Last-Modified (the latest UpdatedAt listed) that let pollers get a 304.
// If-None-Match, when sent, decides alone; If-Modified-Since is used only
// without it. Edition changes and film renames change the body (and so
// the ETag) but not a release's UpdatedAt, so clients that send only
// If-Modified-Since see them with the next release change.
//
// Identifiers are stable and opaque: a calendar event's UID is
// "release-<id>@<host>", an Atom entry's id "tag:<host>,2026:release/<id>",
// with host taken from the site's base URL.
//
// The writers (EncodeCalendar, EncodeAtom) use only the standard library
// and can be used without the handler.
package feed
