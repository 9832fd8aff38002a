package feed

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// formatOrder is the order formats are named in, best picture first.
var formatOrder = []catalog.Format{catalog.FormatUHD4K, catalog.FormatBluray3D, catalog.FormatBluray, catalog.FormatDVD, catalog.FormatDigital}

var formatNames = map[catalog.Format]string{
	catalog.FormatUHD4K:    "4K UHD",
	catalog.FormatBluray3D: "Blu-ray 3D",
	catalog.FormatBluray:   "Blu-ray",
	catalog.FormatDVD:      "DVD",
	catalog.FormatDigital:  "Digital",
}

var typeNames = map[catalog.ReleaseType]string{
	catalog.ReleasePremiere:   "Premiere",
	catalog.ReleaseFestival:   "Festival screening",
	catalog.ReleaseLimited:    "Limited theatrical",
	catalog.ReleaseTheatrical: "Theatrical",
	catalog.ReleaseDigital:    "Digital",
	catalog.ReleaseStreaming:  "Streaming",
	catalog.ReleasePhysical:   "Physical media",
	catalog.ReleaseTV:         "TV",
}

// typeName returns the display name of a release type.
func typeName(t catalog.ReleaseType) string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return string(t)
}

// formatList names the release's formats ("Blu-ray, DVD"), or "" when it
// has none.
func formatList(fs []catalog.Format) string {
	var names []string
	for _, f := range formatOrder {
		for _, g := range fs {
			if g == f {
				names = append(names, formatNames[f])
				break
			}
		}
	}
	for _, g := range fs { // a format this package does not know yet
		if _, known := formatNames[g]; !known {
			names = append(names, string(g))
		}
	}
	return strings.Join(names, ", ")
}

// what says what is released: its formats, else its type.
func what(r catalog.Release) string {
	if f := formatList(r.Formats); f != "" {
		return f
	}
	return typeName(r.Type)
}

// headline is the one-line name of a release: "Red Rocket — Blu-ray, DVD
// (US)", with the status when it is not going ahead as announced.
func headline(r catalog.Release) string {
	s := r.FilmTitle + " — " + what(r)
	if r.Country != "" {
		s += " (" + r.Country + ")"
	}
	switch r.Status {
	case catalog.ReleasePostponed:
		s += " (postponed)"
	case catalog.ReleaseCancelled:
		s += " (cancelled)"
	}
	return s
}

// sentence is a one-line summary of a release without the film title:
// "Blu-ray, DVD in US, 15 March 2022 (confirmed)".
func sentence(r catalog.Release) string {
	where := "worldwide"
	if r.Country != "" {
		where = "in " + r.Country
	}
	return fmt.Sprintf("%s %s, %s (%s)", what(r), where, humanDate(r.Date), r.Status)
}

// humanDate writes a partial date for people: "15 March 2022",
// "March 2022", "2022", "date to be announced". No precision is invented.
func humanDate(d catalog.PartialDate) string {
	switch d.Precision() {
	case catalog.PrecisionDay:
		return fmt.Sprintf("%d %s %d", d.Day(), time.Month(d.Month()), d.Year())
	case catalog.PrecisionMonth:
		return fmt.Sprintf("%s %d", time.Month(d.Month()), d.Year())
	case catalog.PrecisionYear:
		return fmt.Sprintf("%d", d.Year())
	}
	return "date to be announced"
}

// description is the multi-line text about a release used as the
// calendar event's DESCRIPTION and the Atom entry's content.
func description(r catalog.Release, filmURL string) string {
	var b strings.Builder
	title := r.FilmTitle
	if r.FilmYear != 0 {
		title += fmt.Sprintf(" (%d)", r.FilmYear)
	}
	fmt.Fprintf(&b, "Film: %s\n", title)
	rel := typeName(r.Type)
	if f := formatList(r.Formats); f != "" {
		rel += " (" + f + ")"
	}
	fmt.Fprintf(&b, "Release: %s\n", rel)
	country := r.Country
	if country == "" {
		country = "worldwide or not known"
	}
	fmt.Fprintf(&b, "Country: %s\n", country)
	date := humanDate(r.Date)
	if r.Date.Precision() == catalog.PrecisionMonth {
		date += " (day not announced)"
	}
	fmt.Fprintf(&b, "Date: %s\n", date)
	if r.DistributorName != "" {
		role := "Distributor"
		if r.Type == catalog.ReleasePhysical {
			role = "Label"
		}
		fmt.Fprintf(&b, "%s: %s\n", role, r.DistributorName)
	}
	fmt.Fprintf(&b, "Status: %s\n", r.Status)
	if r.Note != "" {
		fmt.Fprintf(&b, "Note: %s\n", r.Note)
	}
	b.WriteString(filmURL)
	return b.String()
}

// site is where the feeds are served: the base URL without a trailing
// slash ("https://marquee.example") and its host name for identifiers.
type site struct {
	base string
	host string
}

// newSite parses a base URL. A base without a usable host name still
// gives stable identifiers, under "localhost".
func newSite(base string) site {
	base = strings.TrimRight(stripControls(base), "/")
	host := "localhost"
	if u, err := url.Parse(base); err == nil && u.Hostname() != "" {
		host = strings.ToLower(u.Hostname())
	}
	return site{base: base, host: host}
}

// filmURL is the web page of a film.
func (s site) filmURL(slug string) string {
	return s.base + "/films/" + url.PathEscape(slug)
}

// tagEpoch is the date in every tag: URI this package mints (RFC 4151).
// It must never change, or every feed and entry ID changes with it.
const tagEpoch = "2026"

// tag returns the tag: URI of a thing on this site:
// "tag:marquee.example,2026:release/42".
func (s site) tag(specific string) string {
	return "tag:" + s.host + "," + tagEpoch + ":" + specific
}

// uid is the iCalendar UID of a release: opaque, and the same for every
// version of the release and every calendar it appears in.
func (s site) uid(r catalog.Release) string {
	return fmt.Sprintf("release-%d@%s", r.ID, s.host)
}

// stripControls removes ASCII control characters, so that a URL can never
// break a content line or an XML attribute.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
