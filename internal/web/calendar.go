package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// calendarFilters are the calendar's query parameters besides month and
// view; they are kept in every link the page makes.
type calendarFilters struct {
	Type, Format, Country, Label string
}

func (f calendarFilters) values() url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"type": f.Type, "format": f.Format, "country": f.Country, "label": f.Label} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v
}

// Any reports whether any filter is set.
func (f calendarFilters) Any() bool { return f != calendarFilters{} }

type option struct {
	Value, Label string
	Selected     bool
}

type calDay struct {
	ISO      string // 2022-03-15
	Day      int
	Label    string // "Tuesday 15 March"
	InMonth  bool
	Today    bool
	Releases []catalog.Release
}

type calendarPage struct {
	MonthLabel, MonthValue string
	View                   string
	Filters                calendarFilters
	PrevURL, NextURL       string
	PrevLabel, NextLabel   string
	ThisMonthURL           string
	MonthViewURL           string
	ListViewURL            string
	ClearURL               string
	ICSURL                 string
	AtomURL                string
	Weeks                  [][]calDay
	Days                   []calDay // days that have releases, for the list view
	MonthOnly              []catalog.Release
	YearOnly               []catalog.Release // shown; in the month view only the first few
	YearOnlyMore           int               // year-only releases left out of the month view
	Year                   int
	Total                  int
	TypeOptions            []option
	FormatOptions          []option
	LabelOptions           []option
	CountryOptions         []option
}

// yearOnlyInGrid is how many year-only releases the month view lists.
const yearOnlyInGrid = 8

// calendar answers GET /calendar: one month of releases as a grid or a
// list, filtered by type, format, country and label.
func (s *Site) calendar(r *http.Request) (*page, error) {
	q := r.URL.Query()
	month := s.today()
	month = time.Date(month.Year(), month.Month(), 1, 0, 0, 0, 0, time.UTC)
	if m := strings.TrimSpace(q.Get("month")); m != "" {
		d, err := catalog.ParsePartialDate(m)
		if err != nil || d.Precision() != catalog.PrecisionMonth {
			return nil, catalog.Invalid("month", "%q is not a month (use YYYY-MM, e.g. 2022-03)", m)
		}
		month = time.Date(d.Year(), time.Month(d.Month()), 1, 0, 0, 0, 0, time.UTC)
	}
	view := q.Get("view")
	switch view {
	case "":
		view = "month"
	case "month", "list":
	default:
		return nil, catalog.Invalid("view", "%q is not a view (use month or list)", view)
	}
	f := calendarFilters{
		Type:    strings.TrimSpace(q.Get("type")),
		Format:  strings.TrimSpace(q.Get("format")),
		Country: strings.ToUpper(strings.TrimSpace(q.Get("country"))),
		Label:   strings.TrimSpace(q.Get("label")),
	}
	last := month.AddDate(0, 1, -1)
	rq := app.ReleaseQuery{Label: f.Label, ReleaseFilter: catalog.ReleaseFilter{
		Format: catalog.Format(f.Format), Country: f.Country, From: isoDay(month), To: isoDay(last),
	}}
	if f.Type != "" {
		rq.Types = []catalog.ReleaseType{catalog.ReleaseType(f.Type)}
	}
	releases, err := s.calendarAll(r.Context(), rq, maxReleasePages)
	if err != nil {
		return nil, err
	}

	p := calendarPage{
		MonthLabel: month.Format("January 2006"),
		MonthValue: month.Format("2006-01"),
		View:       view,
		Filters:    f,
		Year:       month.Year(),
		Total:      len(releases),
	}
	link := func(m time.Time, view string, filters calendarFilters) string {
		v := filters.values()
		v.Set("month", m.Format("2006-01"))
		if view != "month" {
			v.Set("view", view)
		}
		return "/calendar?" + v.Encode()
	}
	if prev := month.AddDate(0, -1, 0); prev.Year() >= catalog.MinYear {
		p.PrevURL, p.PrevLabel = link(prev, view, f), prev.Format("January 2006")
	}
	if next := month.AddDate(0, 1, 0); next.Year() <= catalog.MaxYear {
		p.NextURL, p.NextLabel = link(next, view, f), next.Format("January 2006")
	}
	p.ThisMonthURL = link(s.today(), view, f)
	p.MonthViewURL = link(month, "month", f)
	p.ListViewURL = link(month, "list", f)
	p.ClearURL = link(month, view, calendarFilters{})
	p.ICSURL, p.AtomURL = "/calendar.ics", "/feeds/releases.atom"
	if v := f.values(); len(v) > 0 {
		p.ICSURL += "?" + v.Encode()
		p.AtomURL += "?" + v.Encode()
	}

	byDay := map[string][]catalog.Release{}
	for _, rel := range releases {
		switch rel.Date.Precision() {
		case catalog.PrecisionDay:
			byDay[rel.Date.String()] = append(byDay[rel.Date.String()], rel)
		case catalog.PrecisionMonth:
			p.MonthOnly = append(p.MonthOnly, rel)
		case catalog.PrecisionYear:
			p.YearOnly = append(p.YearOnly, rel)
		}
	}
	// Year-only releases belong to every month of their year; the month
	// grid shows a few and links to the list, which shows them all.
	if view == "month" && len(p.YearOnly) > yearOnlyInGrid {
		p.YearOnlyMore = len(p.YearOnly) - yearOnlyInGrid
		p.YearOnly = p.YearOnly[:yearOnlyInGrid]
	}
	today := isoDay(s.today())
	gridStart := month.AddDate(0, 0, -((int(month.Weekday()) + 6) % 7))
	for d := gridStart; d.Before(last) || d.Equal(last) || d.Weekday() != time.Monday; d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Monday {
			p.Weeks = append(p.Weeks, nil)
		}
		iso := isoDay(d)
		day := calDay{ISO: iso, Day: d.Day(), Label: d.Format("Monday 2 January"), InMonth: d.Month() == month.Month(), Today: iso == today}
		if day.InMonth {
			day.Releases = byDay[iso]
			if len(day.Releases) > 0 {
				p.Days = append(p.Days, day)
			}
		}
		p.Weeks[len(p.Weeks)-1] = append(p.Weeks[len(p.Weeks)-1], day)
	}

	p.TypeOptions = enumOptions(catalog.ReleaseTypes, f.Type, releaseTypeLabel)
	p.FormatOptions = enumOptions(catalog.Formats, f.Format, formatLabel)
	p.CountryOptions = countryOptions(f.Country)
	if p.LabelOptions, err = s.labelOptions(r.Context(), f.Label); err != nil {
		return nil, err
	}
	return &page{
		Template:    "calendar.html",
		Title:       "Release calendar · " + p.MonthLabel,
		Nav:         "calendar",
		Description: "Film releases in " + p.MonthLabel + ": cinemas, digital, streaming and disc.",
		Feeds: []feedLink{
			{Type: "text/calendar", Title: "These releases (iCal)", Href: p.ICSURL},
			{Type: "application/atom+xml", Title: "These releases (Atom)", Href: p.AtomURL},
		},
		Data: p,
	}, nil
}

func enumOptions[T ~string](values []T, selected string, label func(T) string) []option {
	out := make([]option, 0, len(values))
	for _, v := range values {
		out = append(out, option{Value: string(v), Label: label(v), Selected: string(v) == selected})
	}
	return out
}

// countryOptions lists the countries the site has names for, by name,
// plus the selected code when it is not among them.
func countryOptions(selected string) []option {
	out := make([]option, 0, len(countryNames)+1)
	found := false
	for code, name := range countryNames {
		out = append(out, option{Value: code, Label: name, Selected: code == selected})
		found = found || code == selected
	}
	if selected != "" && !found {
		out = append(out, option{Value: selected, Label: selected, Selected: true})
	}
	sortOptions(out)
	return out
}

// labelOptions lists the organizations that release films: distributors,
// disc labels and streamers.
func (s *Site) labelOptions(ctx context.Context, selected string) ([]option, error) {
	orgs, _, err := s.svc.ListOrganizations(ctx, catalog.OrganizationFilter{Page: catalog.Page{Limit: catalog.MaxPageLimit}})
	if err != nil {
		return nil, err
	}
	var out []option
	for _, o := range orgs {
		if o.HasKind(catalog.OrgDistributor) || o.HasKind(catalog.OrgDiscLabel) || o.HasKind(catalog.OrgStreamer) {
			out = append(out, option{Value: o.Slug, Label: o.Name, Selected: o.Slug == selected})
		}
	}
	return out, nil
}

func sortOptions(opts []option) {
	slices.SortFunc(opts, func(a, b option) int {
		return strings.Compare(catalog.FoldText(a.Label), catalog.FoldText(b.Label))
	})
}
