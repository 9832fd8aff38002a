package feed

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// filters are the query parameters the calendar and the releases feed
// accept, the same as the calendar page and the JSON API:
//
//	type     repeatable or comma-separated release types
//	status   repeatable or comma-separated release statuses
//	format   one edition format
//	country  ISO 3166-1 alpha-2 code
//	label    distributor or disc label, by slug or ID
//	from, to release dates, YYYY-MM-DD, inclusive
//	partial  1/true: month-precise releases as tentative events (calendar only)
//
// Unknown parameters are ignored: calendar apps and feed readers add
// their own (cache busters, tokens).
type filters struct {
	types    []catalog.ReleaseType
	statuses []catalog.ReleaseStatus
	format   catalog.Format
	country  string
	label    string
	from, to string
	partial  bool
	// canonical holds the given filters in normal form, for self links
	// and feed IDs; defaults are not in it.
	canonical url.Values
}

// parseFilters reads the filters of r strictly: a malformed value is a
// KindInvalid error naming its parameter.
func parseFilters(r *http.Request) (filters, error) {
	q := r.URL.Query()
	var f filters
	f.canonical = url.Values{}
	var err error
	if f.types, err = enumList(q, "type", catalog.ReleaseTypes); err != nil {
		return f, err
	}
	if f.statuses, err = enumList(q, "status", catalog.ReleaseStatuses); err != nil {
		return f, err
	}
	for _, t := range f.types {
		f.canonical.Add("type", string(t))
	}
	for _, s := range f.statuses {
		f.canonical.Add("status", string(s))
	}
	s, err := single(q, "format")
	if err != nil {
		return f, err
	}
	if s != "" {
		if f.format, err = catalog.ParseEnum("format", strings.ToLower(s), catalog.Formats); err != nil {
			return f, err
		}
		f.canonical.Set("format", string(f.format))
	}
	if s, err = single(q, "country"); err != nil {
		return f, err
	}
	if s != "" {
		f.country = strings.ToUpper(s)
		if !catalog.ValidCountry(f.country) {
			return f, catalog.Invalid("country", "%q is not an ISO 3166-1 alpha-2 country code", s)
		}
		f.canonical.Set("country", f.country)
	}
	if f.label, err = single(q, "label"); err != nil {
		return f, err
	}
	if len(f.label) > 200 {
		return f, catalog.Invalid("label", "is too long")
	}
	if f.label != "" {
		f.canonical.Set("label", f.label)
	}
	for _, p := range []struct {
		name string
		dst  *string
	}{{"from", &f.from}, {"to", &f.to}} {
		if *p.dst, err = day(q, p.name); err != nil {
			return f, err
		}
		if *p.dst != "" {
			f.canonical.Set(p.name, *p.dst)
		}
	}
	if f.from != "" && f.to != "" && f.to < f.from {
		return f, catalog.Invalid("to", "%s is before from %s", f.to, f.from)
	}
	if s, err = single(q, "partial"); err != nil {
		return f, err
	}
	switch strings.ToLower(s) {
	case "", "0", "false", "no":
	case "1", "true", "yes":
		f.partial = true
		f.canonical.Set("partial", "1")
	default:
		return f, catalog.Invalid("partial", "%q is not 1 or 0", s)
	}
	return f, nil
}

// single returns a parameter given at most once, trimmed.
func single(q url.Values, name string) (string, error) {
	vs := q[name]
	switch len(vs) {
	case 0:
		return "", nil
	case 1:
		return strings.TrimSpace(vs[0]), nil
	}
	return "", catalog.Invalid(name, "is given %d times; give it once", len(vs))
}

// enumList reads a repeatable, comma-separated enum parameter.
func enumList[T ~string](q url.Values, name string, allowed []T) ([]T, error) {
	var out []T
	for _, v := range q[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s == "" {
				continue
			}
			t, err := catalog.ParseEnum(name, strings.ToLower(s), allowed)
			if err != nil {
				return nil, err
			}
			out = append(out, t)
		}
	}
	return out, nil
}

// day reads a full calendar date parameter as YYYY-MM-DD, or "".
func day(q url.Values, name string) (string, error) {
	s, err := single(q, name)
	if err != nil || s == "" {
		return "", err
	}
	d, err := catalog.ParsePartialDate(s)
	if err != nil || d.Precision() != catalog.PrecisionDay {
		return "", catalog.Invalid(name, "%q is not a date (YYYY-MM-DD)", s)
	}
	return d.String(), nil
}

// Default window of the calendar and the releases feed.
const (
	defaultPastDays   = 30
	defaultAheadYears = 1
)

// query turns the filters into a calendar query. Missing bounds get the
// default window, from 30 days before today to one year after it (today
// by the clock, in UTC); openEnd leaves a missing "to" open instead.
// When only one bound is given and the default for the other would put
// it on the wrong side, the other is one year from the given one.
func (f filters) query(now time.Time, openEnd bool) app.ReleaseQuery {
	const layout = "2006-01-02"
	today := time.Date(now.UTC().Year(), now.UTC().Month(), now.UTC().Day(), 0, 0, 0, 0, time.UTC)
	from, to := f.from, f.to
	if from == "" {
		from = today.AddDate(0, 0, -defaultPastDays).Format(layout)
		if to != "" && to < from {
			t, _ := time.Parse(layout, to)
			from = t.AddDate(-defaultAheadYears, 0, 0).Format(layout)
		}
	}
	if to == "" && !openEnd {
		to = today.AddDate(defaultAheadYears, 0, 0).Format(layout)
		if to < from {
			t, _ := time.Parse(layout, from)
			to = t.AddDate(defaultAheadYears, 0, 0).Format(layout)
		}
	}
	return app.ReleaseQuery{
		ReleaseFilter: catalog.ReleaseFilter{
			Types:    f.types,
			Statuses: f.statuses,
			Format:   f.format,
			Country:  f.country,
			From:     from,
			To:       to,
		},
		Label: f.label,
	}
}

// describe names the filters for a calendar or feed title:
// "Physical media, Digital · Blu-ray · US".
func (f filters) describe() string {
	var parts []string
	if len(f.types) > 0 {
		names := make([]string, len(f.types))
		for i, t := range f.types {
			names[i] = typeName(t)
		}
		parts = append(parts, strings.Join(names, ", "))
	}
	if f.format != "" {
		parts = append(parts, formatList([]catalog.Format{f.format}))
	}
	if f.country != "" {
		parts = append(parts, f.country)
	}
	if f.label != "" {
		parts = append(parts, f.label)
	}
	if len(f.statuses) > 0 {
		names := make([]string, len(f.statuses))
		for i, s := range f.statuses {
			names[i] = string(s)
		}
		parts = append(parts, strings.Join(names, ", "))
	}
	return strings.Join(parts, " · ")
}

// encoded returns the canonical query string, with its "?", or "".
func (f filters) encoded() string {
	if len(f.canonical) == 0 {
		return ""
	}
	return "?" + f.canonical.Encode()
}
