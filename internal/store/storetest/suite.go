// Package storetest is the conformance suite that every catalog.Store
// implementation must pass. Store packages call Run from their own tests,
// once per database:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) catalog.Store { return storetest.NewSQLite(t) })
//	}
//
// The suite is written against the contract documented in package catalog
// (store.go and the domain types), not against any one implementation.
// Every case opens a fresh, empty store, so cases are independent and run
// in parallel within an area; open must therefore return a store of its
// own on every call and release it through t.Cleanup.
package storetest

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/marquee-film/marquee/internal/catalog"
)

// testCase is one conformance case; it gets a fresh, empty store.
type testCase struct {
	name string
	fn   func(t *testing.T, e *env)
}

// area groups the cases of one part of the contract.
type area struct {
	name  string
	cases func() []testCase
}

func areas() []area {
	return []area{
		{"Films", filmCases},
		{"People", peopleCases},
		{"Credits", creditCases},
		{"Organizations", organizationCases},
		{"Releases", releaseCases},
		{"Editions", editionCases},
		{"Extras", extraCases},
		{"Festivals", festivalCases},
		{"Awards", awardCases},
		{"Sources", sourceCases},
		{"Claims", claimCases},
		{"Tokens", tokenCases},
		{"Accounts", accountCases},
		{"Integrity", integrityCases},
		{"ReadOnlyFields", readOnlyCases},
		{"Validation", validationCases},
		{"Transactions", txCases},
		{"Text", textCases},
		{"Lookups", lookupCases},
	}
}

// Run runs every conformance case as a subtest of t: one subtest per area,
// one per case below it. open is called once per case and must return a
// new, empty store that it closes (and drops) in t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) catalog.Store) {
	for _, a := range areas() {
		t.Run(a.name, func(t *testing.T) {
			for _, c := range a.cases() {
				t.Run(c.name, func(t *testing.T) {
					t.Parallel()
					s := open(t)
					if s == nil {
						t.Fatal("open returned a nil store")
					}
					c.fn(t, &env{t: t, ctx: context.Background(), s: s})
				})
			}
		})
	}
}

// base is the fixed clock of the suite. It has microsecond precision,
// which every store must keep.
var base = time.Date(2024, time.May, 6, 7, 8, 9, 123456000, time.UTC)

// at returns base plus n hours.
func at(n int) time.Time { return base.Add(time.Duration(n) * time.Hour) }

// env is one case's store and fixture helpers.
type env struct {
	t   *testing.T
	ctx context.Context
	s   catalog.Store
	n   int // counter for unique fixture slugs
}

// ---------------------------------------------------------------------------
// Comparison

var releaseType = reflect.TypeOf(catalog.Release{})

// cmpOpts compares catalog records: partial dates by value, times by
// instant and location (stores return UTC), nil and empty lists as equal,
// and Release.Formats (a union, documented without an order) as a set.
var cmpOpts = []cmp.Option{
	cmp.Comparer(func(a, b catalog.PartialDate) bool { return a == b }),
	cmp.Comparer(func(a, b time.Time) bool {
		return a.Equal(b) && (a.Location() == time.UTC) == (b.Location() == time.UTC)
	}),
	cmpopts.EquateEmpty(),
	cmp.FilterPath(func(p cmp.Path) bool {
		sf, ok := p.Last().(cmp.StructField)
		return ok && sf.Name() == "Formats" && len(p) >= 2 && p.Index(-2).Type() == releaseType
	}, cmpopts.SortSlices(func(a, b catalog.Format) bool { return a < b })),
}

// same reports a difference between want and got as a test error.
func (e *env) same(what string, want, got any, opts ...cmp.Option) {
	e.t.Helper()
	if d := cmp.Diff(want, got, append(slices.Clone(cmpOpts), opts...)...); d != "" {
		e.t.Errorf("%s mismatch (-want +got):\n%s", what, d)
	}
}

// utc checks that the times read back from the store are in UTC.
func (e *env) utc(what string, ts ...time.Time) {
	e.t.Helper()
	for i, ts := range ts {
		if ts.Location() != time.UTC {
			e.t.Errorf("%s: time #%d %v has location %q, want UTC", what, i, ts, ts.Location())
		}
	}
}

// ---------------------------------------------------------------------------
// Errors

// ok fails the case at once when err is not nil.
func (e *env) ok(err error, what string, args ...any) {
	e.t.Helper()
	if err != nil {
		e.t.Fatalf("%s: unexpected error: %v (kind %s)", fmt.Sprintf(what, args...), err, catalog.KindOf(err))
	}
}

// kind checks that err is non-nil and of kind k.
func (e *env) kind(err error, k catalog.ErrorKind, what string, args ...any) {
	e.t.Helper()
	checkKind(e.t, err, k, fmt.Sprintf(what, args...))
}

func checkKind(t *testing.T, err error, k catalog.ErrorKind, what string) {
	t.Helper()
	switch {
	case err == nil:
		t.Errorf("%s: got no error, want kind %s", what, k)
	case catalog.KindOf(err) != k:
		t.Errorf("%s: got error %q of kind %s, want kind %s", what, err, catalog.KindOf(err), k)
	}
}

// kindIn checks that err is non-nil and of one of the kinds ks.
func (e *env) kindIn(err error, ks []catalog.ErrorKind, what string, args ...any) {
	e.t.Helper()
	msg := fmt.Sprintf(what, args...)
	if err == nil {
		e.t.Errorf("%s: got no error, want kind in %v", msg, ks)
		return
	}
	if !slices.Contains(ks, catalog.KindOf(err)) {
		e.t.Errorf("%s: got error %q of kind %s, want kind in %v", msg, err, catalog.KindOf(err), ks)
	}
}

var invalidOrNotFound = []catalog.ErrorKind{catalog.KindInvalid, catalog.KindNotFound}

// ---------------------------------------------------------------------------
// Fixtures. Each helper fills the required fields the case left empty with
// already-normalized values, creates the record and fails the case on error.
// The returned value is the record as given, with its ID set.

// slug returns a unique slug built from s.
func (e *env) slug(s string) string {
	e.n++
	b := catalog.Slugify(s)
	if len(b) > 100 {
		b = strings.TrimRight(b[:100], "-")
	}
	if b == "" {
		b = "x"
	}
	return fmt.Sprintf("%s-%d", b, e.n)
}

func stamp(created, updated *time.Time) {
	if created.IsZero() {
		*created = base
	}
	if updated.IsZero() {
		*updated = *created
	}
}

func (e *env) film(f catalog.Film) catalog.Film {
	e.t.Helper()
	if f.Title == "" {
		f.Title = "Film"
	}
	if f.Slug == "" {
		f.Slug = e.slug(f.Title)
	}
	if f.Status == "" {
		f.Status = catalog.FilmAnnounced
	}
	stamp(&f.CreatedAt, &f.UpdatedAt)
	e.ok(e.s.CreateFilm(e.ctx, &f), "CreateFilm(%q)", f.Title)
	e.checkID("film", f.ID)
	return f
}

func (e *env) person(p catalog.Person) catalog.Person {
	e.t.Helper()
	if p.Name == "" {
		p.Name = "Some Person"
	}
	if p.SortName == "" {
		p.SortName = catalog.DefaultSortName(p.Name)
	}
	if p.Slug == "" {
		p.Slug = e.slug(p.Name)
	}
	stamp(&p.CreatedAt, &p.UpdatedAt)
	e.ok(e.s.CreatePerson(e.ctx, &p), "CreatePerson(%q)", p.Name)
	e.checkID("person", p.ID)
	return p
}

func (e *env) org(o catalog.Organization) catalog.Organization {
	e.t.Helper()
	if o.Name == "" {
		o.Name = "Some Company"
	}
	if o.Slug == "" {
		o.Slug = e.slug(o.Name)
	}
	if o.Kinds == nil {
		o.Kinds = []catalog.OrgKind{catalog.OrgDistributor}
	}
	stamp(&o.CreatedAt, &o.UpdatedAt)
	e.ok(e.s.CreateOrganization(e.ctx, &o), "CreateOrganization(%q)", o.Name)
	e.checkID("organization", o.ID)
	return o
}

func (e *env) credit(c catalog.Credit) catalog.Credit {
	e.t.Helper()
	if c.Job == "" {
		c.Job = "director"
	}
	if c.Department == "" {
		c.Department = catalog.DepartmentForJob(c.Job)
	}
	e.ok(e.s.CreateCredit(e.ctx, &c), "CreateCredit(%s)", c.Job)
	e.checkID("credit", c.ID)
	return c
}

func (e *env) release(r catalog.Release) catalog.Release {
	e.t.Helper()
	if r.Type == "" {
		r.Type = catalog.ReleaseTheatrical
	}
	if r.Status == "" {
		r.Status = catalog.ReleaseAnnounced
	}
	stamp(&r.CreatedAt, &r.UpdatedAt)
	e.ok(e.s.CreateRelease(e.ctx, &r), "CreateRelease(%s %s %s)", r.Type, r.Country, r.Date)
	e.checkID("release", r.ID)
	return r
}

func (e *env) edition(x catalog.Edition) catalog.Edition {
	e.t.Helper()
	if x.Formats == nil {
		x.Formats = []catalog.Format{catalog.FormatBluray}
	}
	stamp(&x.CreatedAt, &x.UpdatedAt)
	e.ok(e.s.CreateEdition(e.ctx, &x), "CreateEdition(%q)", x.Name)
	e.checkID("edition", x.ID)
	return x
}

func (e *env) extra(x catalog.Extra) catalog.Extra {
	e.t.Helper()
	if x.Kind == "" {
		x.Kind = catalog.ExtraFeaturette
	}
	if x.Title == "" {
		x.Title = "Extra"
	}
	e.ok(e.s.CreateExtra(e.ctx, &x), "CreateExtra(%q)", x.Title)
	e.checkID("extra", x.ID)
	for i, p := range x.Participants {
		if p.ID <= 0 {
			e.t.Fatalf("CreateExtra(%q): participant #%d has ID %d, want it set", x.Title, i, p.ID)
		}
	}
	return x
}

func (e *env) festival(f catalog.Festival) catalog.Festival {
	e.t.Helper()
	if f.Name == "" {
		f.Name = "Some Festival"
	}
	if f.Slug == "" {
		f.Slug = e.slug(f.Name)
	}
	stamp(&f.CreatedAt, &f.UpdatedAt)
	e.ok(e.s.CreateFestival(e.ctx, &f), "CreateFestival(%q)", f.Name)
	e.checkID("festival", f.ID)
	return f
}

func (e *env) festEdition(x catalog.FestivalEdition) catalog.FestivalEdition {
	e.t.Helper()
	if x.Year == 0 {
		x.Year = 2021
	}
	e.ok(e.s.CreateFestivalEdition(e.ctx, &x), "CreateFestivalEdition(%d)", x.Year)
	e.checkID("festival edition", x.ID)
	return x
}

func (e *env) selection(s catalog.Selection) catalog.Selection {
	e.t.Helper()
	e.ok(e.s.CreateSelection(e.ctx, &s), "CreateSelection(%q)", s.Section)
	e.checkID("selection", s.ID)
	return s
}

func (e *env) awardBody(b catalog.AwardBody) catalog.AwardBody {
	e.t.Helper()
	if b.Name == "" {
		b.Name = "Some Academy"
	}
	if b.Slug == "" {
		b.Slug = e.slug(b.Name)
	}
	stamp(&b.CreatedAt, &b.UpdatedAt)
	e.ok(e.s.CreateAwardBody(e.ctx, &b), "CreateAwardBody(%q)", b.Name)
	e.checkID("award body", b.ID)
	return b
}

func (e *env) category(c catalog.AwardCategory) catalog.AwardCategory {
	e.t.Helper()
	if c.Name == "" {
		c.Name = "Best Picture"
	}
	e.ok(e.s.CreateAwardCategory(e.ctx, &c), "CreateAwardCategory(%q)", c.Name)
	e.checkID("award category", c.ID)
	return c
}

func (e *env) nomination(n catalog.Nomination) catalog.Nomination {
	e.t.Helper()
	if n.Year == 0 {
		n.Year = 2022
	}
	if n.Result == "" {
		n.Result = catalog.ResultNominated
	}
	stamp(&n.CreatedAt, &n.UpdatedAt)
	e.ok(e.s.CreateNomination(e.ctx, &n), "CreateNomination(%d)", n.Year)
	e.checkID("nomination", n.ID)
	return n
}

func (e *env) source(s catalog.Source) catalog.Source {
	e.t.Helper()
	if s.Kind == "" {
		s.Kind = catalog.SourceManual
	}
	if s.CreatedAt.IsZero() {
		s.CreatedAt = base
	}
	e.ok(e.s.CreateSource(e.ctx, &s), "CreateSource(%q)", s.Title)
	e.checkID("source", s.ID)
	return s
}

func (e *env) claim(c catalog.Claim) catalog.Claim {
	e.t.Helper()
	if c.CreatedAt.IsZero() {
		c.CreatedAt = base
	}
	e.ok(e.s.AddClaim(e.ctx, &c), "AddClaim(%v %q)", c.Subject, c.Field)
	e.checkID("claim", c.ID)
	return c
}

func (e *env) token(k catalog.APIToken) catalog.APIToken {
	e.t.Helper()
	if k.Scope == "" {
		k.Scope = "admin"
	}
	if k.CreatedAt.IsZero() {
		k.CreatedAt = base
	}
	e.ok(e.s.CreateToken(e.ctx, &k), "CreateToken(%q)", k.Name)
	e.checkID("token", k.ID)
	return k
}

func (e *env) checkID(what string, id int64) {
	e.t.Helper()
	if id <= 0 {
		e.t.Fatalf("create %s: ID is %d, want the store to set a positive ID", what, id)
	}
}

// date parses a partial date literal.
func date(s string) catalog.PartialDate { return catalog.MustDate(s) }

// ---------------------------------------------------------------------------
// Readers used by many cases.

// allFilms lists every film in store order.
func (e *env) allFilms(f catalog.FilmFilter) []catalog.Film {
	e.t.Helper()
	f.Limit = catalog.MaxPageLimit
	films, next, err := e.s.ListFilms(e.ctx, f)
	e.ok(err, "ListFilms(%+v)", f)
	if next != "" {
		e.t.Fatalf("ListFilms(%+v): unexpected next cursor %q for a small catalog", f, next)
	}
	return films
}

func (e *env) filmTitles(f catalog.FilmFilter) []string {
	e.t.Helper()
	var out []string
	for _, x := range e.allFilms(f) {
		out = append(out, x.Title)
	}
	return out
}

func (e *env) countFilms() int {
	e.t.Helper()
	return len(e.allFilms(catalog.FilmFilter{}))
}

func (e *env) countPeople() int {
	e.t.Helper()
	people, _, err := e.s.ListPeople(e.ctx, catalog.PersonFilter{Page: catalog.Page{Limit: catalog.MaxPageLimit}})
	e.ok(err, "ListPeople")
	return len(people)
}

func (e *env) countOrgs() int {
	e.t.Helper()
	orgs, _, err := e.s.ListOrganizations(e.ctx, catalog.OrganizationFilter{Page: catalog.Page{Limit: catalog.MaxPageLimit}})
	e.ok(err, "ListOrganizations")
	return len(orgs)
}

func (e *env) releasesOf(filmID int64) []catalog.Release {
	e.t.Helper()
	rs, _, err := e.s.ListReleases(e.ctx, catalog.ReleaseFilter{FilmID: filmID, IncludeTBA: true, Page: catalog.Page{Limit: catalog.MaxPageLimit}})
	e.ok(err, "ListReleases(film %d)", filmID)
	return rs
}

func ids[T any](xs []T, id func(T) int64) []int64 {
	out := make([]int64, 0, len(xs))
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func filmID(f catalog.Film) int64             { return f.ID }
func personID(p catalog.Person) int64         { return p.ID }
func orgID(o catalog.Organization) int64      { return o.ID }
func releaseID(r catalog.Release) int64       { return r.ID }
func editionID(x catalog.Edition) int64       { return x.ID }
func extraID(x catalog.Extra) int64           { return x.ID }
func creditID(c catalog.Credit) int64         { return c.ID }
func selectionID(s catalog.Selection) int64   { return s.ID }
func nominationID(n catalog.Nomination) int64 { return n.ID }
func sourceID(s catalog.Source) int64         { return s.ID }
func claimID(c catalog.Claim) int64           { return c.ID }

// walk pages through a list with the given limit, failing on a repeated or
// runaway cursor, and returns every record and the page sizes.
func walk[T any](e *env, limit int, list func(p catalog.Page) ([]T, string, error)) (all []T, sizes []int) {
	e.t.Helper()
	after := ""
	seen := map[string]bool{}
	for i := 0; ; i++ {
		if i > 100 {
			e.t.Fatalf("pagination did not end after 100 pages")
		}
		page, next, err := list(catalog.Page{After: after, Limit: limit})
		e.ok(err, "list page %d (after %q)", i+1, after)
		all = append(all, page...)
		sizes = append(sizes, len(page))
		if next == "" {
			return all, sizes
		}
		if seen[next] {
			e.t.Fatalf("page %d returned cursor %q again", i+1, next)
		}
		seen[next] = true
		after = next
	}
}
