package web

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// releaseGroup is a titled list of releases.
type releaseGroup struct {
	ID       string // unique within the page, for aria-labelledby
	Key      string // "disc", "digital", "cinemas", "tv", "festivals"
	Title    string
	Releases []catalog.Release
}

// releaseCategory is how the home page groups releases: what a reader
// wants to know first is where they can watch.
type releaseCategory struct{ key, title string }

var categories = []releaseCategory{
	{"disc", "On disc"},
	{"digital", "Digital & streaming"},
	{"cinemas", "In cinemas"},
	{"tv", "On TV"},
	{"festivals", "Festivals & premieres"},
}

func categoryOf(t catalog.ReleaseType) string {
	switch t {
	case catalog.ReleasePhysical:
		return "disc"
	case catalog.ReleaseDigital, catalog.ReleaseStreaming:
		return "digital"
	case catalog.ReleaseLimited, catalog.ReleaseTheatrical:
		return "cinemas"
	case catalog.ReleaseTV:
		return "tv"
	}
	return "festivals"
}

// groupByCategory splits releases into the home page's categories, in
// category order, keeping each group's release order and dropping empty
// groups. prefix makes the group IDs unique on the page.
func groupByCategory(prefix string, rs []catalog.Release) []releaseGroup {
	var out []releaseGroup
	for _, c := range categories {
		g := releaseGroup{ID: prefix + "-" + c.key, Key: c.key, Title: c.title}
		for _, r := range rs {
			if categoryOf(r.Type) == c.key {
				g.Releases = append(g.Releases, r)
			}
		}
		if len(g.Releases) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// maxReleasePages bounds how many pages of releases (of
// catalog.MaxPageLimit each) one page view reads.
const (
	maxReleasePages     = 5
	maxHomeReleasePages = 2
)

// calendarAll reads up to maxPages pages of a calendar query.
func (s *Site) calendarAll(ctx context.Context, q app.ReleaseQuery, maxPages int) ([]catalog.Release, error) {
	q.Limit = catalog.MaxPageLimit
	var all []catalog.Release
	for range maxPages {
		page, next, err := s.svc.Calendar(ctx, q)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if next == "" {
			break
		}
		q.After = next
	}
	return all, nil
}

// today returns the site clock's calendar day.
func (s *Site) today() time.Time {
	n := s.now().UTC()
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC)
}

func isoDay(t time.Time) string { return t.Format("2006-01-02") }

// byCreatedDesc orders releases newest first.
func byCreatedDesc(a, b catalog.Release) int {
	if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
		return c
	}
	return cmp.Compare(b.ID, a.ID)
}

// sortByDate orders releases by PartialDate order, then film title.
func sortByDate(rs []catalog.Release) {
	slices.SortStableFunc(rs, func(a, b catalog.Release) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return cmp.Compare(catalog.FoldText(a.FilmTitle), catalog.FoldText(b.FilmTitle))
	})
}
