package api

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// query reads query parameters strictly. The first bad parameter is kept
// and reported by err, so a handler reads every parameter and checks
// once. Every error names the parameter.
type query struct {
	v     url.Values
	first error
}

func newQuery(r *http.Request) *query { return &query{v: r.URL.Query()} }

func (q *query) fail(err error) {
	if q.first == nil {
		q.first = err
	}
}

// err returns the first bad parameter's error.
func (q *query) err() error { return q.first }

// str returns a parameter given at most once, trimmed.
func (q *query) str(name string) string {
	vs := q.v[name]
	if len(vs) > 1 {
		q.fail(catalog.Invalid(name, "is given %d times; give it once", len(vs)))
		return ""
	}
	if len(vs) == 0 {
		return ""
	}
	return strings.TrimSpace(vs[0])
}

// list returns a repeatable parameter whose values may also be comma
// separated: ?type=dvd&type=bluray or ?type=dvd,bluray.
func (q *query) list(name string) []string {
	var out []string
	for _, v := range q.v[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// int returns an integer parameter in [min, max], or 0 when absent.
func (q *query) int(name string, min, max int) int {
	s := q.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		q.fail(catalog.Invalid(name, "%q is not an integer", s))
		return 0
	}
	if n < min || n > max {
		q.fail(catalog.Invalid(name, "%d is outside %d..%d", n, min, max))
		return 0
	}
	return n
}

// year returns a year parameter, or 0 when absent.
func (q *query) year(name string) int { return q.int(name, catalog.MinYear, catalog.MaxYear) }

// bool returns a boolean parameter: true/false, 1/0, yes/no.
func (q *query) bool(name string) bool {
	s := strings.ToLower(q.str(name))
	switch s {
	case "", "false", "0", "no":
		return false
	case "true", "1", "yes":
		return true
	}
	q.fail(catalog.Invalid(name, "%q is not true or false", s))
	return false
}

// day returns a full calendar date parameter as YYYY-MM-DD, or "".
func (q *query) day(name string) string {
	s := q.str(name)
	if s == "" {
		return ""
	}
	d, err := catalog.ParsePartialDate(s)
	if ce, isCE := err.(*catalog.Error); isCE {
		q.fail(catalog.Invalid(name, "%s", ce.Message))
		return ""
	}
	if err != nil || d.Precision() != catalog.PrecisionDay {
		q.fail(catalog.Invalid(name, "%q is not a full date (YYYY-MM-DD)", s))
		return ""
	}
	return d.String()
}

// country returns an ISO 3166-1 alpha-2 country parameter, upper-cased.
func (q *query) country(name string) string {
	s := strings.ToUpper(q.str(name))
	if s != "" && !catalog.ValidCountry(s) {
		q.fail(catalog.Invalid(name, "%q is not an ISO 3166-1 alpha-2 country code", s))
		return ""
	}
	return s
}

// page returns the limit and cursor parameters.
func (q *query) page() catalog.Page {
	p := catalog.Page{Limit: q.int("limit", 1, catalog.MaxPageLimit), After: q.str("cursor")}
	if len(p.After) > 1000 {
		q.fail(catalog.Invalid("cursor", "is not a cursor this API gave out"))
	}
	return p
}

// enumParam returns a parameter that must be one of allowed, or "".
func enumParam[T ~string](q *query, name string, allowed []T) T {
	s := q.str(name)
	if s == "" {
		return ""
	}
	v, err := catalog.ParseEnum(name, strings.ToLower(s), allowed)
	if err != nil {
		q.fail(err)
		return ""
	}
	return v
}

// enumList returns a repeatable parameter whose values must each be one
// of allowed.
func enumList[T ~string](q *query, name string, allowed []T) []T {
	var out []T
	for _, s := range q.list(name) {
		v, err := catalog.ParseEnum(name, strings.ToLower(s), allowed)
		if err != nil {
			q.fail(err)
			return nil
		}
		out = append(out, v)
	}
	return out
}

// dateRange checks that to is not before from.
func dateRange(from, to string) error {
	if from != "" && to != "" && to < from {
		return catalog.Invalid("to", "%s is before from %s", to, from)
	}
	return nil
}

// pathID returns a positive integer path parameter.
func pathID(r *http.Request, name string) (int64, error) {
	s := r.PathValue(name)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, catalog.Invalid(name, "%q is not a positive integer ID", s)
	}
	return n, nil
}

// pathYear returns a year path parameter.
func pathYear(r *http.Request, name string) (int, error) {
	s := r.PathValue(name)
	n, err := strconv.Atoi(s)
	if err != nil || n < catalog.MinYear || n > catalog.MaxYear {
		return 0, catalog.Invalid(name, "%q is not a year in %d..%d", s, catalog.MinYear, catalog.MaxYear)
	}
	return n, nil
}

// itoa formats an ID for a service call that takes a reference.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// listErr names the cursor parameter in the store's error for a cursor
// it did not give out (the store calls the field "after").
func listErr(err error) error {
	var ce *catalog.Error
	if errors.As(err, &ce) && ce.Kind == catalog.KindInvalid && ce.Field == "after" {
		c := *ce
		c.Field = "cursor"
		return &c
	}
	return err
}

// nextCursor turns the store's "" (no more pages) into null.
func nextCursor(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
