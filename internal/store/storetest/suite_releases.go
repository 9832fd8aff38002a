package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/marquee-film/marquee/internal/catalog"
)

// releaseWorld is a film and a distributor to hang releases on.
type releaseWorld struct {
	film catalog.Film
	dist catalog.Organization
}

func newReleaseWorld(e *env) releaseWorld {
	e.t.Helper()
	return releaseWorld{
		film: e.film(catalog.Film{Title: "Anora", Slug: "anora-2024", Year: 2024}),
		dist: e.org(catalog.Organization{Name: "Neon", Slug: "neon"}),
	}
}

// joined fills the read-only fields the store must return for r.
func (w releaseWorld) joined(r catalog.Release, formats ...catalog.Format) catalog.Release {
	r.FilmTitle, r.FilmSlug, r.FilmYear = w.film.Title, w.film.Slug, w.film.Year
	if r.DistributorID == w.dist.ID {
		r.DistributorName, r.DistributorSlug = w.dist.Name, w.dist.Slug
	}
	r.Formats = formats
	return r
}

func releaseCases() []testCase {
	return []testCase{
		{"RoundTripEachPrecision", func(t *testing.T, e *env) {
			w := newReleaseWorld(e)
			for _, d := range []string{"2024-10-18", "2024-10", "2024", "TBA"} {
				in := catalog.Release{
					FilmID: w.film.ID, Country: "US", Type: catalog.ReleaseTheatrical, Date: date(d),
					Status: catalog.ReleaseConfirmed, DistributorID: w.dist.ID, Note: "wide release " + d,
					CreatedAt: base, UpdatedAt: at(2),
				}
				r := in
				e.ok(e.s.CreateRelease(e.ctx, &r), "CreateRelease(%s)", d)
				e.checkID("release", r.ID)
				in.ID = r.ID
				want := w.joined(in)
				got, err := e.s.GetRelease(e.ctx, r.ID)
				e.ok(err, "GetRelease(%s)", d)
				e.same("GetRelease "+d, want, got)
				e.utc("GetRelease", got.CreatedAt, got.UpdatedAt)
				if got.Date.Precision() != date(d).Precision() {
					t.Errorf("release dated %s came back with precision %s", d, got.Date.Precision())
				}
			}
		}},
		{"RoundTripMinimal", func(t *testing.T, e *env) {
			w := newReleaseWorld(e)
			r := e.release(catalog.Release{FilmID: w.film.ID, Type: catalog.ReleaseStreaming})
			got, err := e.s.GetRelease(e.ctx, r.ID)
			e.ok(err, "GetRelease")
			e.same("GetRelease (worldwide, TBA, no distributor)", w.joined(r), got)
		}},
		{"RoundTripFestivalPremiere", func(t *testing.T, e *env) {
			w := newReleaseWorld(e)
			fest := e.festival(catalog.Festival{Name: "Cannes", Slug: "cannes"})
			fe := e.festEdition(catalog.FestivalEdition{FestivalID: fest.ID, Year: 2024})
			r := e.release(catalog.Release{FilmID: w.film.ID, Country: "FR", Type: catalog.ReleasePremiere, Date: date("2024-05-21"), FestivalEditionID: fe.ID, Status: catalog.ReleaseConfirmed})
			got, err := e.s.GetRelease(e.ctx, r.ID)
			e.ok(err, "GetRelease")
			e.same("GetRelease", w.joined(r), got)
		}},
		{"Formats", func(t *testing.T, e *env) {
			w := newReleaseWorld(e)
			r := e.release(catalog.Release{FilmID: w.film.ID, Country: "US", Type: catalog.ReleasePhysical, Date: date("2025-03")})
			bare := e.release(catalog.Release{FilmID: w.film.ID, Country: "GB", Type: catalog.ReleasePhysical, Date: date("2025-04")})
			e.edition(catalog.Edition{ReleaseID: r.ID, Formats: []catalog.Format{catalog.FormatBluray, catalog.FormatDVD}})
			e.edition(catalog.Edition{ReleaseID: r.ID, Formats: []catalog.Format{catalog.FormatUHD4K, catalog.FormatBluray}})
			want := w.joined(r, catalog.FormatBluray, catalog.FormatDVD, catalog.FormatUHD4K)
			got, err := e.s.GetRelease(e.ctx, r.ID)
			e.ok(err, "GetRelease")
			e.same("GetRelease with editions (Formats is the union)", want, got)
			list := e.releasesOf(w.film.ID)
			e.same("ListReleases with editions", []catalog.Release{want, w.joined(bare)}, list)
		}},
		{"Update", func(t *testing.T, e *env) {
			w := newReleaseWorld(e)
			other := e.film(catalog.Film{Title: "Tangerine", Slug: "tangerine-2015", Year: 2015})
			fest := e.festival(catalog.Festival{Name: "Sundance"})
			fe := e.festEdition(catalog.FestivalEdition{FestivalID: fest.ID, Year: 2015})
			r := e.release(catalog.Release{FilmID: w.film.ID, Country: "US", Type: catalog.ReleaseTheatrical, Date: date("2024-10-18"), DistributorID: w.dist.ID, Note: "n"})
			u := catalog.Release{
				ID: r.ID, FilmID: other.ID, Country: "", Type: catalog.ReleaseFestival, Date: date("2015-01"),
				Status: catalog.ReleasePostponed, FestivalEditionID: fe.ID, Note: "moved",
				CreatedAt: r.CreatedAt, UpdatedAt: at(7),
			}
			in := u
			e.ok(e.s.UpdateRelease(e.ctx, &in), "UpdateRelease")
			u.FilmTitle, u.FilmSlug, u.FilmYear = "Tangerine", "tangerine-2015", 2015
			got, err := e.s.GetRelease(e.ctx, r.ID)
			e.ok(err, "GetRelease")
			e.same("GetRelease after update", u, got)
			if n := len(e.releasesOf(w.film.ID)); n != 0 {
				t.Errorf("old film still lists %d releases", n)
			}
		}},
		{"DeleteAndNotFound", func(t *testing.T, e *env) {
			w := newReleaseWorld(e)
			r := e.release(catalog.Release{FilmID: w.film.ID, Date: date("2024")})
			keep := e.release(catalog.Release{FilmID: w.film.ID, Date: date("2025")})
			e.ok(e.s.DeleteRelease(e.ctx, r.ID), "DeleteRelease")
			_, err := e.s.GetRelease(e.ctx, r.ID)
			e.kind(err, catalog.KindNotFound, "GetRelease after delete")
			e.kind(e.s.DeleteRelease(e.ctx, r.ID), catalog.KindNotFound, "DeleteRelease twice")
			u := keep
			u.ID = 987654
			e.kind(e.s.UpdateRelease(e.ctx, &u), catalog.KindNotFound, "UpdateRelease of a missing ID")
			e.same("remaining releases", []int64{keep.ID}, ids(e.releasesOf(w.film.ID), releaseID))
		}},
		{"DateOrder", func(t *testing.T, e *env) {
			beta := e.film(catalog.Film{Title: "Beta"})
			alpha := e.film(catalog.Film{Title: "Alpha"})
			rel := func(f catalog.Film, d string) int64 {
				return e.release(catalog.Release{FilmID: f.ID, Date: date(d)}).ID
			}
			bMid := rel(beta, "2022-03-15") // same day as aMid: ordered after it by film title
			aMid := rel(alpha, "2022-03-15")
			aMonth := rel(alpha, "2022-03")
			aTBA := rel(alpha, "TBA")
			aYear := rel(alpha, "2022")
			aFirst := rel(alpha, "2022-03-01")
			aPrevYear := rel(alpha, "2021-12-31")
			aApril := rel(alpha, "2022-04-01")
			aMid2 := rel(alpha, "2022-03-15") // same film and day: ordered by ID
			bTBA := rel(beta, "TBA")
			aFeb := rel(alpha, "2022-02")

			list := func(f catalog.ReleaseFilter) []int64 {
				t.Helper()
				f.Limit = catalog.MaxPageLimit
				rs, _, err := e.s.ListReleases(e.ctx, f)
				e.ok(err, "ListReleases(%+v)", f)
				return ids(rs, releaseID)
			}
			known := []int64{aPrevYear, aYear, aFeb, aMonth, aFirst, aMid, aMid2, bMid, aApril}
			e.same("ListReleases order without TBA", known, list(catalog.ReleaseFilter{}))
			e.same("ListReleases order with TBA last", append(known[:len(known):len(known)], aTBA, bTBA), list(catalog.ReleaseFilter{IncludeTBA: true}))

			for _, c := range []struct {
				name     string
				from, to string
				tba      bool
				want     []int64
			}{
				{"march 10-20", "2022-03-10", "2022-03-20", false, []int64{aYear, aMonth, aMid, aMid2, bMid}},
				{"march 10-20 with TBA", "2022-03-10", "2022-03-20", true, []int64{aYear, aMonth, aMid, aMid2, bMid, aTBA, bTBA}},
				{"from march 16", "2022-03-16", "", false, []int64{aYear, aMonth, aApril}},
				{"to february 28", "", "2022-02-28", false, []int64{aPrevYear, aYear, aFeb}},
				{"one day, april 1", "2022-04-01", "2022-04-01", false, []int64{aYear, aApril}},
				{"one day, march 1", "2022-03-01", "2022-03-01", false, []int64{aYear, aMonth, aFirst}},
				{"new year's eve", "2021-12-31", "2021-12-31", false, []int64{aPrevYear}},
				{"end of march into april", "2022-03-31", "2022-04-01", false, []int64{aYear, aMonth, aApril}},
				{"a later year", "2023-01-01", "2023-12-31", false, nil},
				{"a later year with TBA", "2023-01-01", "2023-12-31", true, []int64{aTBA, bTBA}},
			} {
				e.same("ListReleases range "+c.name, c.want, list(catalog.ReleaseFilter{From: c.from, To: c.to, IncludeTBA: c.tba}))
			}
		}},
		{"Filters", releaseFilterCase},
		{"Pagination", func(t *testing.T, e *env) {
			w := newReleaseWorld(e)
			for _, d := range []string{"2022-05", "TBA", "2021", "2022-05", "2022-05-01", "2020-01-01", "2022-05"} {
				e.release(catalog.Release{FilmID: w.film.ID, Date: date(d)})
			}
			all := e.releasesOf(w.film.ID)
			if len(all) != 7 {
				t.Fatalf("ListReleases returned %d releases, want 7", len(all))
			}
			got, sizes := walk(e, 2, func(p catalog.Page) ([]catalog.Release, string, error) {
				return e.s.ListReleases(e.ctx, catalog.ReleaseFilter{IncludeTBA: true, Page: p})
			})
			e.same("page sizes", []int{2, 2, 2, 1}, sizes)
			e.same("releases walked page by page", ids(all, releaseID), ids(got, releaseID))
			if last := got[len(got)-1]; !last.Date.IsTBA() {
				t.Errorf("last release is dated %s, want the TBA one", last.Date)
			}
			got, sizes = walk(e, 3, func(p catalog.Page) ([]catalog.Release, string, error) {
				return e.s.ListReleases(e.ctx, catalog.ReleaseFilter{From: "2022-01-01", To: "2022-12-31", Page: p})
			})
			e.same("page sizes in a range", []int{3, 1}, sizes)
			if len(got) != 4 {
				t.Errorf("walked %d releases in 2022, want 4", len(got))
			}
			_, _, err := e.s.ListReleases(e.ctx, catalog.ReleaseFilter{Page: catalog.Page{After: "garbage!!"}})
			e.kind(err, catalog.KindInvalid, "ListReleases with a garbage cursor")
		}},
	}
}

// releaseFilterCase checks every ReleaseFilter field.
func releaseFilterCase(t *testing.T, e *env) {
	neon := e.org(catalog.Organization{Name: "Neon"})
	criterion := e.org(catalog.Organization{Name: "Criterion", Kinds: []catalog.OrgKind{catalog.OrgDiscLabel}})
	arrow := e.org(catalog.Organization{Name: "Arrow", Kinds: []catalog.OrgKind{catalog.OrgDiscLabel, catalog.OrgDistributor}})
	anora := e.film(catalog.Film{Title: "Anora"})
	casa := e.film(catalog.Film{Title: "Casablanca"})
	rel := func(r catalog.Release) int64 { return e.release(r).ID }
	const (
		announced = catalog.ReleaseAnnounced
		confirmed = catalog.ReleaseConfirmed
	)
	a1 := rel(catalog.Release{FilmID: anora.ID, Country: "US", Type: catalog.ReleaseTheatrical, Date: date("2024-10-18"), Status: confirmed, DistributorID: neon.ID})
	a2 := rel(catalog.Release{FilmID: anora.ID, Country: "US", Type: catalog.ReleasePhysical, Date: date("2025-03"), Status: announced})
	e.edition(catalog.Edition{ReleaseID: a2, LabelID: criterion.ID, Formats: []catalog.Format{catalog.FormatBluray, catalog.FormatDVD}})
	a3 := rel(catalog.Release{FilmID: anora.ID, Country: "FR", Type: catalog.ReleasePremiere, Date: date("2024-05-21"), Status: confirmed})
	c1 := rel(catalog.Release{FilmID: casa.ID, Country: "US", Type: catalog.ReleaseDigital, Date: date("2022-03-10"), Status: catalog.ReleaseCancelled})
	c2 := rel(catalog.Release{FilmID: casa.ID, Country: "GB", Type: catalog.ReleasePhysical, Date: date("2022-03-15"), Status: catalog.ReleasePostponed})
	e.edition(catalog.Edition{ReleaseID: c2, LabelID: arrow.ID, Formats: []catalog.Format{catalog.FormatUHD4K}})
	c3 := rel(catalog.Release{FilmID: casa.ID, Country: "DE", Type: catalog.ReleaseStreaming, Date: date("2023"), Status: announced})
	c4 := rel(catalog.Release{FilmID: casa.ID, Country: "JP", Type: catalog.ReleaseTV, Date: date("2023-06"), Status: announced})
	c5 := rel(catalog.Release{FilmID: casa.ID, Country: "GB", Type: catalog.ReleasePhysical, Status: announced, DistributorID: arrow.ID})
	e.edition(catalog.Edition{ReleaseID: c5, Formats: []catalog.Format{catalog.FormatDVD}})

	types := func(ts ...catalog.ReleaseType) []catalog.ReleaseType { return ts }
	statuses := func(ss ...catalog.ReleaseStatus) []catalog.ReleaseStatus { return ss }
	for _, c := range []struct {
		name string
		f    catalog.ReleaseFilter
		want []int64
	}{
		{"all", catalog.ReleaseFilter{IncludeTBA: true}, []int64{c1, c2, c3, c4, a3, a1, a2, c5}},
		{"film", catalog.ReleaseFilter{FilmID: anora.ID, IncludeTBA: true}, []int64{a3, a1, a2}},
		{"one type", catalog.ReleaseFilter{Types: types(catalog.ReleasePhysical), IncludeTBA: true}, []int64{c2, a2, c5}},
		{"two types", catalog.ReleaseFilter{Types: types(catalog.ReleaseTheatrical, catalog.ReleaseDigital), IncludeTBA: true}, []int64{c1, a1}},
		{"type without releases", catalog.ReleaseFilter{Types: types(catalog.ReleaseLimited), IncludeTBA: true}, nil},
		{"country GB", catalog.ReleaseFilter{Country: "GB", IncludeTBA: true}, []int64{c2, c5}},
		{"country US", catalog.ReleaseFilter{Country: "US", IncludeTBA: true}, []int64{c1, a1, a2}},
		{"format bluray", catalog.ReleaseFilter{Format: catalog.FormatBluray, IncludeTBA: true}, []int64{a2}},
		{"format dvd", catalog.ReleaseFilter{Format: catalog.FormatDVD, IncludeTBA: true}, []int64{a2, c5}},
		{"format uhd4k", catalog.ReleaseFilter{Format: catalog.FormatUHD4K, IncludeTBA: true}, []int64{c2}},
		{"format digital matches digital and streaming releases", catalog.ReleaseFilter{Format: catalog.FormatDigital, IncludeTBA: true}, []int64{c1, c3}},
		{"label as distributor", catalog.ReleaseFilter{LabelID: neon.ID, IncludeTBA: true}, []int64{a1}},
		{"label as edition label", catalog.ReleaseFilter{LabelID: criterion.ID, IncludeTBA: true}, []int64{a2}},
		{"label as either", catalog.ReleaseFilter{LabelID: arrow.ID, IncludeTBA: true}, []int64{c2, c5}},
		{"one status", catalog.ReleaseFilter{Statuses: statuses(confirmed), IncludeTBA: true}, []int64{a3, a1}},
		{"two statuses", catalog.ReleaseFilter{Statuses: statuses(catalog.ReleasePostponed, catalog.ReleaseCancelled), IncludeTBA: true}, []int64{c1, c2}},
		{"film and country", catalog.ReleaseFilter{FilmID: casa.ID, Country: "GB", IncludeTBA: true}, []int64{c2, c5}},
		{"type and country without TBA", catalog.ReleaseFilter{Types: types(catalog.ReleasePhysical), Country: "GB"}, []int64{c2}},
		{"format and status", catalog.ReleaseFilter{Format: catalog.FormatDigital, Statuses: statuses(announced), IncludeTBA: true}, []int64{c3}},
		{"label and range", catalog.ReleaseFilter{LabelID: arrow.ID, From: "2022-01-01", To: "2022-12-31"}, []int64{c2}},
		{"country and range", catalog.ReleaseFilter{Country: "US", From: "2024-01-01"}, []int64{a1, a2}},
	} {
		c.f.Limit = catalog.MaxPageLimit
		rs, _, err := e.s.ListReleases(e.ctx, c.f)
		e.ok(err, "ListReleases(%s)", c.name)
		e.same("ListReleases "+c.name, c.want, ids(rs, releaseID))
	}
}

// ---------------------------------------------------------------------------

func editionCases() []testCase {
	return []testCase{
		{"RoundTrip", func(t *testing.T, e *env) {
			w := newReleaseWorld(e)
			label := e.org(catalog.Organization{Name: "Criterion Collection", Slug: "criterion", Kinds: []catalog.OrgKind{catalog.OrgDiscLabel}})
			r := e.release(catalog.Release{FilmID: w.film.ID, Country: "US", Type: catalog.ReleasePhysical, Date: date("2025-03")})
			in := catalog.Edition{
				ReleaseID:         r.ID,
				LabelID:           label.ID,
				Name:              "The Criterion Collection #1250",
				Formats:           []catalog.Format{catalog.FormatUHD4K, catalog.FormatBluray},
				Regions:           []string{"A", "B"},
				Barcode:           "036000291452",
				CatalogNumber:     "CC1250",
				Packaging:         []catalog.Packaging{catalog.PackagingSteelbook, catalog.PackagingBooklet},
				DiscCount:         2,
				Price:             catalog.Money{Amount: 4995, Currency: "USD"},
				LimitedTo:         5000,
				RetailerExclusive: "Target",
				CreatedAt:         base,
				UpdatedAt:         at(3),
			}
			x := in
			e.ok(e.s.CreateEdition(e.ctx, &x), "CreateEdition")
			e.checkID("edition", x.ID)
			want := in
			want.ID, want.FilmID, want.LabelName, want.LabelSlug = x.ID, w.film.ID, "Criterion Collection", "criterion"
			got, err := e.s.GetEdition(e.ctx, x.ID)
			e.ok(err, "GetEdition")
			e.same("GetEdition", want, got)
			e.utc("GetEdition", got.CreatedAt, got.UpdatedAt)
			list, err := e.s.ListEditions(e.ctx, catalog.EditionFilter{ReleaseID: r.ID})
			e.ok(err, "ListEditions")
			e.same("ListEditions", []catalog.Edition{want}, list)
			rel, err := e.s.GetRelease(e.ctx, r.ID)
			e.ok(err, "GetRelease")
			e.same("Release.Formats", []catalog.Format{catalog.FormatBluray, catalog.FormatUHD4K}, rel.Formats, cmpopts.SortSlices(func(a, b catalog.Format) bool { return a < b }))
		}},
		{"RoundTripMinimal", func(t *testing.T, e *env) {
			w := newReleaseWorld(e)
			r := e.release(catalog.Release{FilmID: w.film.ID, Type: catalog.ReleaseDigital})
			x := e.edition(catalog.Edition{ReleaseID: r.ID, Formats: []catalog.Format{catalog.FormatDigital}})
			want := x
			want.FilmID = w.film.ID
			got, err := e.s.GetEdition(e.ctx, x.ID)
			e.ok(err, "GetEdition")
			e.same("GetEdition (no label, no price)", want, got)
		}},
		{"Update", func(t *testing.T, e *env) {
			w := newReleaseWorld(e)
			a := e.org(catalog.Organization{Name: "Criterion Collection", Slug: "criterion"})
			b := e.org(catalog.Organization{Name: "Arrow Video", Slug: "arrow"})
			r := e.release(catalog.Release{FilmID: w.film.ID, Type: catalog.ReleasePhysical})
			r2 := e.release(catalog.Release{FilmID: w.film.ID, Type: catalog.ReleasePhysical, Country: "GB"})
			x := e.edition(catalog.Edition{ReleaseID: r.ID, LabelID: a.ID, Name: "Old", Formats: []catalog.Format{catalog.FormatDVD}, Price: catalog.Money{Amount: 1999, Currency: "USD"}, Regions: []string{"1"}})
			u := catalog.Edition{
				ID: x.ID, ReleaseID: r2.ID, LabelID: b.ID, Name: "Limited Edition",
				Formats: []catalog.Format{catalog.FormatBluray, catalog.FormatBluray3D}, Regions: []string{"B"},
				Barcode: "5060697920116", CatalogNumber: "AV123", Packaging: []catalog.Packaging{catalog.PackagingSlipcover},
				DiscCount: 3, Price: catalog.Money{Amount: 1<<53 + 1, Currency: "JPY"}, LimitedTo: 3000, CreatedAt: x.CreatedAt, UpdatedAt: at(9),
			}
			in := u
			e.ok(e.s.UpdateEdition(e.ctx, &in), "UpdateEdition")
			u.FilmID, u.LabelName, u.LabelSlug = w.film.ID, "Arrow Video", "arrow"
			got, err := e.s.GetEdition(e.ctx, x.ID)
			e.ok(err, "GetEdition")
			e.same("GetEdition after update", u, got)
			list, err := e.s.ListEditions(e.ctx, catalog.EditionFilter{ReleaseID: r.ID})
			e.ok(err, "ListEditions(old release)")
			if len(list) != 0 {
				t.Errorf("old release still lists %d editions", len(list))
			}

			// No price again.
			u.Price, u.UpdatedAt = catalog.Money{}, at(10)
			in = u
			e.ok(e.s.UpdateEdition(e.ctx, &in), "UpdateEdition(no price)")
			got, err = e.s.GetEdition(e.ctx, x.ID)
			e.ok(err, "GetEdition")
			e.same("GetEdition after clearing the price", u, got)
		}},
		{"DeleteAndNotFound", func(t *testing.T, e *env) {
			w := newReleaseWorld(e)
			r := e.release(catalog.Release{FilmID: w.film.ID, Type: catalog.ReleasePhysical})
			x := e.edition(catalog.Edition{ReleaseID: r.ID})
			keep := e.edition(catalog.Edition{ReleaseID: r.ID, Name: "keep"})
			e.ok(e.s.DeleteEdition(e.ctx, x.ID), "DeleteEdition")
			_, err := e.s.GetEdition(e.ctx, x.ID)
			e.kind(err, catalog.KindNotFound, "GetEdition after delete")
			e.kind(e.s.DeleteEdition(e.ctx, x.ID), catalog.KindNotFound, "DeleteEdition twice")
			u := keep
			u.ID = 987654
			e.kind(e.s.UpdateEdition(e.ctx, &u), catalog.KindNotFound, "UpdateEdition of a missing ID")
			list, err := e.s.ListEditions(e.ctx, catalog.EditionFilter{ReleaseID: r.ID})
			e.ok(err, "ListEditions")
			e.same("remaining editions", []int64{keep.ID}, ids(list, editionID))
		}},
		{"List", func(t *testing.T, e *env) {
			f := e.film(catalog.Film{Title: "F"})
			g := e.film(catalog.Film{Title: "G"})
			criterion := e.org(catalog.Organization{Name: "Criterion", Kinds: []catalog.OrgKind{catalog.OrgDiscLabel}})
			arrow := e.org(catalog.Organization{Name: "Arrow", Kinds: []catalog.OrgKind{catalog.OrgDiscLabel}})
			rA := e.release(catalog.Release{FilmID: f.ID, Type: catalog.ReleasePhysical, Date: date("2023-05")})
			rB := e.release(catalog.Release{FilmID: f.ID, Type: catalog.ReleasePhysical, Date: date("2022-11-01")})
			rC := e.release(catalog.Release{FilmID: f.ID, Type: catalog.ReleasePhysical})
			rD := e.release(catalog.Release{FilmID: g.ID, Type: catalog.ReleasePhysical, Date: date("2022-01")})
			ed := func(r catalog.Release, label int64) int64 {
				return e.edition(catalog.Edition{ReleaseID: r.ID, LabelID: label}).ID
			}
			eA1 := ed(rA, arrow.ID)
			eB1 := ed(rB, criterion.ID)
			eA2 := ed(rA, criterion.ID)
			eC1 := ed(rC, arrow.ID)
			eB2 := ed(rB, 0)
			eD1 := ed(rD, criterion.ID)
			for _, c := range []struct {
				name string
				f    catalog.EditionFilter
				want []int64
			}{
				{"film", catalog.EditionFilter{FilmID: f.ID}, []int64{eB1, eB2, eA1, eA2, eC1}},
				{"other film", catalog.EditionFilter{FilmID: g.ID}, []int64{eD1}},
				{"release", catalog.EditionFilter{ReleaseID: rA.ID}, []int64{eA1, eA2}},
				{"label criterion", catalog.EditionFilter{LabelID: criterion.ID}, []int64{eD1, eB1, eA2}},
				{"label arrow", catalog.EditionFilter{LabelID: arrow.ID}, []int64{eA1, eC1}},
				{"film and label", catalog.EditionFilter{FilmID: f.ID, LabelID: criterion.ID}, []int64{eB1, eA2}},
			} {
				list, err := e.s.ListEditions(e.ctx, c.f)
				e.ok(err, "ListEditions(%s)", c.name)
				e.same("ListEditions "+c.name, c.want, ids(list, editionID))
				for _, x := range list {
					want := f.ID
					if x.ID == eD1 {
						want = g.ID
					}
					if x.FilmID != want {
						t.Errorf("ListEditions(%s): edition %d has FilmID %d, want %d", c.name, x.ID, x.FilmID, want)
					}
				}
			}
		}},
	}
}

// ---------------------------------------------------------------------------

type extraWorld struct {
	film    catalog.Film
	edition catalog.Edition
	people  []catalog.Person
}

func newExtraWorld(e *env) extraWorld {
	e.t.Helper()
	f := e.film(catalog.Film{Title: "Red Rocket", Year: 2021})
	r := e.release(catalog.Release{FilmID: f.ID, Type: catalog.ReleasePhysical, Date: date("2022-05")})
	return extraWorld{
		film:    f,
		edition: e.edition(catalog.Edition{ReleaseID: r.ID}),
		people: []catalog.Person{
			e.person(catalog.Person{Name: "Sean Baker", Slug: "sean-baker"}),
			e.person(catalog.Person{Name: "Samantha Quan", Slug: "samantha-quan"}),
			e.person(catalog.Person{Name: "Amy Taubin", Slug: "amy-taubin"}),
		},
	}
}

// part returns a participant of person p as the store returns it.
func part(p catalog.Person, role string) catalog.Participant {
	return catalog.Participant{PersonID: p.ID, Role: role, PersonName: p.Name, PersonSlug: p.Slug}
}

func extraCases() []testCase {
	return []testCase{
		{"RoundTrip", func(t *testing.T, e *env) {
			w := newExtraWorld(e)
			baker, quan := w.people[0], w.people[1]
			in := catalog.Extra{
				EditionID:        w.edition.ID,
				Position:         1,
				Kind:             catalog.ExtraAudioCommentary,
				Title:            "Audio commentary",
				RuntimeSeconds:   7800,
				Description:      "Recorded in 2022.\nWith the director and producer.",
				Vintage:          catalog.ExtraNew,
				ExclusiveFormats: []catalog.Format{catalog.FormatUHD4K},
				Participants: []catalog.Participant{
					{PersonID: quan.ID, Role: "producer"},
					{PersonID: baker.ID, Role: "writer-director"},
				},
			}
			x := in
			x.Participants = append([]catalog.Participant(nil), in.Participants...)
			e.ok(e.s.CreateExtra(e.ctx, &x), "CreateExtra")
			e.checkID("extra", x.ID)
			want := in
			want.ID, want.FilmID = x.ID, w.film.ID
			want.Participants = []catalog.Participant{part(quan, "producer"), part(baker, "writer-director")}
			for i := range want.Participants {
				if x.Participants[i].ID <= 0 {
					t.Fatalf("CreateExtra did not set participant #%d's ID", i)
				}
				want.Participants[i].ID = x.Participants[i].ID
			}
			if want.Participants[0].ID == want.Participants[1].ID {
				t.Errorf("participants share ID %d", want.Participants[0].ID)
			}
			got, err := e.s.GetExtra(e.ctx, x.ID)
			e.ok(err, "GetExtra")
			e.same("GetExtra", want, got)
			list, err := e.s.ListExtras(e.ctx, catalog.ExtraFilter{EditionID: w.edition.ID})
			e.ok(err, "ListExtras")
			e.same("ListExtras", []catalog.Extra{want}, list)
		}},
		{"RoundTripMinimal", func(t *testing.T, e *env) {
			w := newExtraWorld(e)
			x := e.extra(catalog.Extra{EditionID: w.edition.ID, Position: 3, Kind: catalog.ExtraGallery, Title: "Stills"})
			want := x
			want.FilmID = w.film.ID
			got, err := e.s.GetExtra(e.ctx, x.ID)
			e.ok(err, "GetExtra")
			e.same("GetExtra (no participants, unknown vintage)", want, got)
		}},
		{"UpdateReplacesParticipants", func(t *testing.T, e *env) {
			w := newExtraWorld(e)
			baker, quan, taubin := w.people[0], w.people[1], w.people[2]
			x := e.extra(catalog.Extra{
				EditionID: w.edition.ID, Position: 1, Kind: catalog.ExtraInterview, Title: "Interview",
				Participants: []catalog.Participant{{PersonID: baker.ID, Role: "director"}, {PersonID: quan.ID, Role: "producer"}},
			})
			other := e.edition(catalog.Edition{ReleaseID: w.edition.ReleaseID, Name: "Other"})
			u := catalog.Extra{
				ID: x.ID, EditionID: other.ID, Position: 2, Kind: catalog.ExtraFeaturette, Title: "Conversation",
				RuntimeSeconds: 1200, Description: "A conversation.", Vintage: catalog.ExtraLegacy,
				ExclusiveFormats: []catalog.Format{catalog.FormatBluray, catalog.FormatDVD},
				Participants:     []catalog.Participant{{PersonID: taubin.ID, Role: "film critic"}, {PersonID: baker.ID, Role: "writer-director"}},
			}
			in := u
			in.Participants = append([]catalog.Participant(nil), u.Participants...)
			e.ok(e.s.UpdateExtra(e.ctx, &in), "UpdateExtra")
			want := u
			want.FilmID = w.film.ID
			want.Participants = []catalog.Participant{part(taubin, "film critic"), part(baker, "writer-director")}
			got, err := e.s.GetExtra(e.ctx, x.ID)
			e.ok(err, "GetExtra")
			e.same("GetExtra after update", want, got, cmpopts.IgnoreFields(catalog.Participant{}, "ID"))
			for i, p := range got.Participants {
				if p.ID <= 0 {
					t.Errorf("participant #%d has ID %d after update", i, p.ID)
				}
			}
			for _, c := range []struct {
				who  catalog.Person
				want []int64
			}{{quan, nil}, {taubin, []int64{x.ID}}, {baker, []int64{x.ID}}} {
				list, err := e.s.ListExtras(e.ctx, catalog.ExtraFilter{PersonID: c.who.ID})
				e.ok(err, "ListExtras(person)")
				e.same("ListExtras(person "+c.who.Name+") after update", c.want, ids(list, extraID))
			}
			list, err := e.s.ListExtras(e.ctx, catalog.ExtraFilter{EditionID: w.edition.ID})
			e.ok(err, "ListExtras(old edition)")
			if len(list) != 0 {
				t.Errorf("old edition still lists %d extras", len(list))
			}

			// A record read back can be written back as it is, with a role
			// changed: participant IDs and read-only fields are accepted.
			edited := got
			edited.Participants = slices.Clone(got.Participants)
			edited.Participants[0].Role = "critic"
			e.ok(e.s.UpdateExtra(e.ctx, &edited), "UpdateExtra(from GetExtra)")
			again, err := e.s.GetExtra(e.ctx, x.ID)
			e.ok(err, "GetExtra")
			want.Participants[0].Role = "critic"
			e.same("GetExtra after writing back a read record", want, again, cmpopts.IgnoreFields(catalog.Participant{}, "ID"))

			// Updating to no participants removes them all.
			u.Participants = nil
			in = u
			e.ok(e.s.UpdateExtra(e.ctx, &in), "UpdateExtra(no participants)")
			got, err = e.s.GetExtra(e.ctx, x.ID)
			e.ok(err, "GetExtra")
			if len(got.Participants) != 0 {
				t.Errorf("extra has %d participants after updating to none", len(got.Participants))
			}
		}},
		{"DeleteAndNotFound", func(t *testing.T, e *env) {
			w := newExtraWorld(e)
			x := e.extra(catalog.Extra{EditionID: w.edition.ID, Position: 1, Participants: []catalog.Participant{{PersonID: w.people[0].ID, Role: "r"}}})
			keep := e.extra(catalog.Extra{EditionID: w.edition.ID, Position: 2})
			e.ok(e.s.DeleteExtra(e.ctx, x.ID), "DeleteExtra")
			_, err := e.s.GetExtra(e.ctx, x.ID)
			e.kind(err, catalog.KindNotFound, "GetExtra after delete")
			e.kind(e.s.DeleteExtra(e.ctx, x.ID), catalog.KindNotFound, "DeleteExtra twice")
			u := keep
			u.ID = 987654
			e.kind(e.s.UpdateExtra(e.ctx, &u), catalog.KindNotFound, "UpdateExtra of a missing ID")
			list, err := e.s.ListExtras(e.ctx, catalog.ExtraFilter{FilmID: w.film.ID})
			e.ok(err, "ListExtras")
			e.same("remaining extras", []int64{keep.ID}, ids(list, extraID))
			list, err = e.s.ListExtras(e.ctx, catalog.ExtraFilter{PersonID: w.people[0].ID})
			e.ok(err, "ListExtras(person)")
			if len(list) != 0 {
				t.Errorf("deleted extra still listed for its participant")
			}
			// The participant (now in no extra and no credit) can be deleted.
			e.ok(e.s.DeletePerson(e.ctx, w.people[0].ID), "DeletePerson after deleting their only extra")
		}},
		{"List", func(t *testing.T, e *env) {
			w := newExtraWorld(e)
			a, b := w.people[0], w.people[1]
			e1 := w.edition
			e2 := e.edition(catalog.Edition{ReleaseID: e1.ReleaseID, Name: "second"})
			g := e.film(catalog.Film{Title: "G"})
			rg := e.release(catalog.Release{FilmID: g.ID, Type: catalog.ReleasePhysical, Date: date("2023")})
			e3 := e.edition(catalog.Edition{ReleaseID: rg.ID})
			mk := func(ed catalog.Edition, pos int, ps ...catalog.Participant) catalog.Extra {
				return e.extra(catalog.Extra{EditionID: ed.ID, Position: pos, Title: fmt.Sprintf("e%d p%d", ed.ID, pos), Participants: ps})
			}
			x1 := mk(e2, 1, catalog.Participant{PersonID: a.ID, Role: "director"})
			x2 := mk(e1, 2)
			x3 := mk(e1, 1)
			x4 := mk(e1, 2, catalog.Participant{PersonID: b.ID, Role: "producer"}, catalog.Participant{PersonID: a.ID, Role: "director"})
			x5 := mk(e3, 1, catalog.Participant{PersonID: a.ID, Role: "guest"})
			for _, c := range []struct {
				name string
				f    catalog.ExtraFilter
				want []int64
			}{
				{"edition", catalog.ExtraFilter{EditionID: e1.ID}, []int64{x3.ID, x2.ID, x4.ID}},
				{"film", catalog.ExtraFilter{FilmID: w.film.ID}, []int64{x3.ID, x2.ID, x4.ID, x1.ID}},
				{"other film", catalog.ExtraFilter{FilmID: g.ID}, []int64{x5.ID}},
				{"person", catalog.ExtraFilter{PersonID: a.ID}, []int64{x4.ID, x1.ID, x5.ID}},
				{"person b", catalog.ExtraFilter{PersonID: b.ID}, []int64{x4.ID}},
				{"person and film", catalog.ExtraFilter{PersonID: a.ID, FilmID: g.ID}, []int64{x5.ID}},
			} {
				list, err := e.s.ListExtras(e.ctx, c.f)
				e.ok(err, "ListExtras(%s)", c.name)
				e.same("ListExtras "+c.name, c.want, ids(list, extraID))
				for _, x := range list {
					if x.ID == x4.ID {
						e.same("participants of x4 in ListExtras "+c.name,
							[]catalog.Participant{part(b, "producer"), part(a, "director")}, x.Participants,
							cmpopts.IgnoreFields(catalog.Participant{}, "ID"))
					}
					if x.ID == x5.ID && x.FilmID != g.ID {
						t.Errorf("ListExtras(%s): extra %d has FilmID %d, want %d", c.name, x.ID, x.FilmID, g.ID)
					}
				}
			}
		}},
	}
}
