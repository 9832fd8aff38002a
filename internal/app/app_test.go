package app_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/bundle"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

// stepClock is a clock that advances one second per call.
type stepClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Second)
	return c.t
}

func storetestSQLite(t *testing.T) catalog.Store { return storetest.NewSQLite(t) }

// forEachStore runs test once per store (SQLite always, PostgreSQL when
// MARQUEE_TEST_POSTGRES_DSN is set), giving it a constructor of services
// on fresh databases of that store.
func forEachStore(t *testing.T, test func(t *testing.T, newService func(*testing.T) *app.Service)) {
	for name, open := range storetest.Openers() {
		t.Run(name, func(t *testing.T) {
			test(t, func(t *testing.T) *app.Service {
				t.Helper()
				return app.New(open(t), &stepClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}, nil)
			})
		})
	}
}

func readBundle(t *testing.T, name string) *bundle.Bundle {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := bundle.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func manualSource(t *testing.T, svc *app.Service) app.Provenance {
	t.Helper()
	src := catalog.Source{Kind: catalog.SourceManual, Title: "test edits"}
	if _, err := svc.CreateSource(context.Background(), &src); err != nil {
		t.Fatal(err)
	}
	return app.Provenance{SourceID: src.ID}
}

func TestLoadBundleBuildsTheFilmInFull(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		rep, err := svc.LoadBundle(ctx, readBundle(t, "testdata/small.json"))
		if err != nil {
			t.Fatal(err)
		}
		want := app.LoadReport{Sources: 2, People: 3, Organizations: 2, Festivals: 1, AwardBodies: 1, Films: 2,
			Credits: 5, Releases: 5, Editions: 1, Extras: 2, Selections: 1, Nominations: 2}
		rep.Claims = 0
		if diff := cmp.Diff(want, rep); diff != "" {
			t.Errorf("report (-want +got):\n%s", diff)
		}
		d, err := svc.FilmDetail(ctx, "night-train-2023")
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Releases) != 4 || d.Releases[0].Type != catalog.ReleasePremiere || d.Releases[3].Date.String() != "TBA" {
			t.Fatalf("releases not in date order with TBA last: %+v", d.Releases)
		}
		if d.Releases[0].FestivalEdition == nil || d.Releases[0].FestivalEdition.Year != 2023 {
			t.Errorf("premiere is not linked to the festival edition: %+v", d.Releases[0].FestivalEdition)
		}
		disc := d.Releases[2]
		if disc.DistributorSlug != "lantern-video" || len(disc.Editions) != 1 {
			t.Fatalf("physical release = %+v", disc.Release)
		}
		ed := disc.Editions[0]
		if len(ed.Extras) != 2 {
			t.Fatalf("extras = %+v", ed.Extras)
		}
		var parts []string
		for _, p := range ed.Extras[0].Participants {
			parts = append(parts, p.PersonName+" ("+p.Role+")")
		}
		if got := strings.Join(parts, ", "); got != "Ada Moreau (writer-director), Ben Okafor (lead actor)" {
			t.Errorf("commentary participants = %s", got)
		}
		dateClaims := 0
		for _, c := range d.ClaimsAbout(catalog.EntityRelease, disc.ID) {
			if c.Field == "date" {
				dateClaims++
				if c.Span == nil || c.Span.Start != 120 || c.Confidence != 0.9 || !c.Preferred {
					t.Errorf("date claim = %+v", c)
				}
			}
		}
		if dateClaims != 1 {
			t.Errorf("date claims = %d, want 1", dateClaims)
		}
		if len(d.Sources) != 2 {
			t.Errorf("sources = %d, want 2 (team notes and the article)", len(d.Sources))
		}
		if len(d.Nominations) != 2 || len(d.Selections) != 1 {
			t.Errorf("nominations = %d, selections = %d", len(d.Nominations), len(d.Selections))
		}
	})
}

func TestLoadBundleWithOneBadRecordWritesNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		tests := []struct {
			name     string
			mutate   func(b *bundle.Bundle)
			wantPath string
		}{
			{"bad date", func(b *bundle.Bundle) { b.Films[1].Releases[0].Country = "XX" }, `films[1] "Amélie Returns".releases[0].country`},
			{"unknown person", func(b *bundle.Bundle) { b.Films[0].Credits[2].Person = "nobody" }, `films[0] "Night Train".credits[2].person`},
			{"unknown label", func(b *bundle.Bundle) { b.Films[0].Releases[2].Editions[0].Label = "nolabel" }, `films[0] "Night Train".releases[2].editions[0].label`},
			{"unknown source", func(b *bundle.Bundle) { b.Films[1].Sources = []bundle.Citation{{Source: "gossip"}} }, `films[1] "Amélie Returns".sources[0]`},
			{"unknown category", func(b *bundle.Bundle) { b.Films[0].Nominations[0].Category = "Best Boat" }, `films[0] "Night Train".nominations[0].category`},
			{"bad extra kind", func(b *bundle.Bundle) { b.Films[0].Releases[2].Editions[0].Extras[1].Kind = "blooper" }, `films[0] "Night Train".releases[2].editions[0].extras[1].kind`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				ctx := context.Background()
				svc := newService(t)
				b := readBundle(t, "testdata/small.json")
				tt.mutate(b)
				_, err := svc.LoadBundle(ctx, b)
				if err == nil {
					t.Fatal("LoadBundle succeeded, want error")
				}
				if catalog.KindOf(err) != catalog.KindInvalid {
					t.Errorf("kind = %v, want invalid (%v)", catalog.KindOf(err), err)
				}
				if !strings.HasPrefix(err.Error(), tt.wantPath) {
					t.Errorf("error %q does not start with %q", err, tt.wantPath)
				}
				if empty, err := svc.IsEmpty(ctx); err != nil || !empty {
					t.Errorf("catalog is not empty after a failed load (empty=%v, err=%v)", empty, err)
				}
				people, _, err := svc.ListPeople(ctx, catalog.PersonFilter{})
				if err != nil || len(people) != 0 {
					t.Errorf("people after a failed load = %d (err %v)", len(people), err)
				}
			})
		}
	})
}

func TestExportLoadRoundTrip(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		first := newService(t)
		if _, err := first.LoadBundle(ctx, readBundle(t, "testdata/small.json")); err != nil {
			t.Fatal(err)
		}
		exported, err := first.ExportBundle(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		second := newService(t)
		if _, err := second.LoadBundle(ctx, exported); err != nil {
			t.Fatalf("loading an exported bundle: %v", err)
		}
		again, err := second.ExportBundle(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(exported, again); diff != "" {
			t.Errorf("export → load → export changed the bundle (-first +second):\n%s", diff)
		}
		if len(exported.Films) != 2 || len(exported.People) != 3 || len(exported.Sources) != 2 {
			t.Errorf("export has %d films, %d people, %d sources", len(exported.Films), len(exported.People), len(exported.Sources))
		}
		var buf bytes.Buffer
		if err := bundle.Encode(&buf, exported); err != nil {
			t.Fatal(err)
		}
		if _, err := bundle.Decode(&buf); err != nil {
			t.Errorf("encoded export does not decode: %v", err)
		}

		one, err := first.ExportBundle(ctx, "amelie-returns-2025")
		if err != nil {
			t.Fatal(err)
		}
		if len(one.Films) != 1 || len(one.People) != 1 || one.People[0].Slug != "chloe-lindqvist" {
			t.Errorf("single-film export: %d films, people %+v", len(one.Films), one.People)
		}
	})
}

func TestLoadingTwiceChangesNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		b := readBundle(t, "testdata/small.json")
		if _, err := svc.LoadBundle(ctx, b); err != nil {
			t.Fatal(err)
		}
		before, err := svc.ExportBundle(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		rep, err := svc.LoadBundle(ctx, b)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Films != 0 || rep.People != 0 || rep.Sources != 0 {
			t.Errorf("second load created records: %+v", rep)
		}
		after, err := svc.ExportBundle(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("second load changed the catalog (-before +after):\n%s", diff)
		}
	})
}

func TestWritesNeedASourceAndAreCited(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		f := catalog.Film{Title: "Paper Moons", Year: 2024}
		if err := svc.CreateFilm(ctx, &f, app.Provenance{}); catalog.KindOf(err) != catalog.KindInvalid {
			t.Fatalf("CreateFilm without a source = %v, want invalid", err)
		}
		prov := manualSource(t, svc)
		if err := svc.CreateFilm(ctx, &f, prov); err != nil {
			t.Fatal(err)
		}
		if f.Slug != "paper-moons-2024" {
			t.Errorf("slug = %q", f.Slug)
		}
		r := catalog.Release{FilmID: f.ID, Country: "US", Type: catalog.ReleasePhysical, Date: catalog.MustDate("2025-03")}
		if err := svc.CreateRelease(ctx, &r, prov); err != nil {
			t.Fatal(err)
		}
		later := catalog.Source{Kind: catalog.SourceArticle, Title: "Paper Moons gets a date", URL: "https://example.com/paper-moons"}
		if _, err := svc.CreateSource(ctx, &later); err != nil {
			t.Fatal(err)
		}
		r.Date = catalog.MustDate("2025-03-11")
		if err := svc.UpdateRelease(ctx, &r, app.Provenance{SourceID: later.ID}); err != nil {
			t.Fatal(err)
		}
		d, err := svc.FilmDetail(ctx, f.Slug)
		if err != nil {
			t.Fatal(err)
		}
		var history []string
		for _, c := range d.ClaimsAbout(catalog.EntityRelease, r.ID) {
			if c.Field == "date" {
				history = append(history, c.Value+map[bool]string{true: " (preferred)", false: ""}[c.Preferred])
			}
		}
		want := []string{"2025-03-11 (preferred)", "2025-03"}
		if diff := cmp.Diff(want, history); diff != "" {
			t.Errorf("date history (-want +got):\n%s", diff)
		}
		if got := d.Releases[0].Date.String(); got != "2025-03-11" {
			t.Errorf("release date = %s", got)
		}
	})
}

func TestTokens(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		nt, err := svc.CreateToken(ctx, "ci")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(nt.Secret, "mqt_") || len(nt.Secret) < 40 {
			t.Errorf("secret %q is too weak", nt.Secret)
		}
		if strings.Contains(nt.Token.Hash, nt.Secret) || nt.Token.Hash == nt.Secret {
			t.Error("the stored hash contains the secret")
		}
		got, err := svc.Authenticate(ctx, nt.Secret)
		if err != nil || got.ID != nt.Token.ID {
			t.Fatalf("Authenticate = %+v, %v", got, err)
		}
		for _, bad := range []string{"", "mqt_", nt.Secret + "x", strings.ToUpper(nt.Secret)} {
			if _, err := svc.Authenticate(ctx, bad); catalog.KindOf(err) != catalog.KindUnauthorized {
				t.Errorf("Authenticate(%q) = %v, want unauthorized", bad, err)
			}
		}
		if err := svc.RevokeToken(ctx, nt.Token.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Authenticate(ctx, nt.Secret); catalog.KindOf(err) != catalog.KindUnauthorized {
			t.Errorf("revoked token authenticated: %v", err)
		}
		src1, err := svc.TokenSource(ctx, nt.Token)
		if err != nil {
			t.Fatal(err)
		}
		src2, err := svc.TokenSource(ctx, nt.Token)
		if err != nil || src1.ID != src2.ID || src1.Kind != catalog.SourceAPI {
			t.Errorf("TokenSource not stable: %+v then %+v (%v)", src1, src2, err)
		}
	})
}

func TestSeedIfEmptyOnlyOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		b := readBundle(t, "testdata/small.json")
		seeded, _, err := svc.SeedIfEmpty(ctx, b)
		if err != nil || !seeded {
			t.Fatalf("first seed = %v, %v", seeded, err)
		}
		seeded, _, err = svc.SeedIfEmpty(ctx, b)
		if err != nil || seeded {
			t.Fatalf("second seed = %v, %v; want no seeding", seeded, err)
		}
	})
}

func TestCalendarRejectsBadFilters(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		tests := []struct {
			name  string
			q     app.ReleaseQuery
			field string
		}{
			{"bad from", app.ReleaseQuery{ReleaseFilter: catalog.ReleaseFilter{From: "2022-02-30"}}, "from"},
			{"month as from", app.ReleaseQuery{ReleaseFilter: catalog.ReleaseFilter{From: "2022-02"}}, "from"},
			{"to before from", app.ReleaseQuery{ReleaseFilter: catalog.ReleaseFilter{From: "2022-03-02", To: "2022-03-01"}}, "to"},
			{"unknown type", app.ReleaseQuery{ReleaseFilter: catalog.ReleaseFilter{Types: []catalog.ReleaseType{"vhs"}}}, "type"},
			{"unknown format", app.ReleaseQuery{ReleaseFilter: catalog.ReleaseFilter{Format: "laserdisc"}}, "format"},
			{"bad country", app.ReleaseQuery{ReleaseFilter: catalog.ReleaseFilter{Country: "UK"}}, "country"},
			{"unknown label", app.ReleaseQuery{Label: "nobody"}, "label"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, _, err := svc.Calendar(ctx, tt.q)
				var e *catalog.Error
				if err == nil || catalog.KindOf(err) != catalog.KindInvalid {
					t.Fatalf("Calendar = %v, want invalid", err)
				}
				e = err.(*catalog.Error)
				if e.Field != tt.field {
					t.Errorf("field = %q, want %q", e.Field, tt.field)
				}
			})
		}
	})
}
