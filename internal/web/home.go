package web

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// Home page limits.
const (
	comingUpWeeks = 12 // "coming up" reaches this many weeks past this week
	laterMax      = 12 // releases shown under "later"
	recentMax     = 6  // releases shown under "recently announced"
)

type homePage struct {
	WeekLabel     string
	WeekStart     string // YYYY-MM-DD
	ThisWeek      []releaseGroup
	ComingUp      []releaseGroup
	ComingUpUntil string // "until 7 Mar 2027"
	Later         []catalog.Release
	LaterMore     int
	Recent        []catalog.Release
	CalendarURL   string
}

// home answers GET /: releases this week and coming up grouped by where
// to watch, later and TBA releases, and the most recently announced.
func (s *Site) home(r *http.Request) (*page, error) {
	today := s.today()
	weekStart := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7)) // Monday
	weekEnd := weekStart.AddDate(0, 0, 6)
	horizon := weekEnd.AddDate(0, 0, 7*comingUpWeeks)

	upcoming, err := s.calendarAll(r.Context(), app.ReleaseQuery{ReleaseFilter: catalog.ReleaseFilter{
		From: isoDay(weekStart), IncludeTBA: true,
	}}, maxHomeReleasePages)
	if err != nil {
		return nil, err
	}
	var thisWeek, comingUp []catalog.Release
	p := homePage{
		WeekLabel:     weekRange(weekStart, weekEnd),
		WeekStart:     isoDay(weekStart),
		ComingUpUntil: horizon.Format("2 January 2006"),
		CalendarURL:   "/calendar?month=" + today.Format("2006-01"),
	}
	for _, rel := range upcoming {
		d := rel.Date
		switch {
		case d.Precision() == catalog.PrecisionDay && d.String() <= isoDay(weekEnd):
			thisWeek = append(thisWeek, rel)
		case d.Precision() >= catalog.PrecisionMonth && d.First() <= isoDay(horizon):
			comingUp = append(comingUp, rel)
		default:
			p.Later = append(p.Later, rel)
		}
	}
	if len(p.Later) > laterMax {
		p.LaterMore = len(p.Later) - laterMax
		p.Later = p.Later[:laterMax]
	}
	p.ThisWeek = groupByCategory("week", thisWeek)
	p.ComingUp = groupByCategory("soon", comingUp)
	recent := slices.Clone(upcoming)
	slices.SortStableFunc(recent, byCreatedDesc)
	p.Recent = recent[:min(recentMax, len(recent))]

	return &page{
		Template:    "home.html",
		Title:       "Upcoming releases",
		Nav:         "home",
		Description: "Film releases this week and coming up: in cinemas, on digital, streaming and disc.",
		Feeds:       []feedLink{{Type: "text/calendar", Title: "Release calendar (iCal)", Href: "/calendar.ics"}},
		Data:        p,
	}, nil
}

// weekRange formats a Monday–Sunday range: "7–13 December 2026",
// "28 December 2026 – 3 January 2027".
func weekRange(a, b time.Time) string {
	switch {
	case a.Year() != b.Year():
		return a.Format("2 January 2006") + " – " + b.Format("2 January 2006")
	case a.Month() != b.Month():
		return a.Format("2 January") + " – " + b.Format("2 January 2006")
	}
	return fmt.Sprintf("%d–%s", a.Day(), b.Format("2 January 2006"))
}
