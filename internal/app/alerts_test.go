package app_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/demo"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

// setClock is a clock the test sets.
type setClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *setClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *setClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// alertWorld is a service over the demo catalog with a settable clock.
func alertWorld(t *testing.T, st catalog.Store) (*app.Service, *setClock, int64) {
	t.Helper()
	ctx := context.Background()
	c := &setClock{t: time.Date(2022, 3, 1, 12, 0, 0, 0, time.UTC)}
	svc := app.New(st, c, nil, app.WithPasswordCost(bcrypt.MinCost))
	b, err := demo.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.LoadBundle(ctx, b); err != nil {
		t.Fatal(err)
	}
	src := &catalog.Source{Kind: catalog.SourceManual, Title: "tests"}
	if _, err := svc.CreateSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	return svc, c, src.ID
}

func newUser(t *testing.T, svc *app.Service, name, tz string) catalog.User {
	t.Helper()
	u, err := svc.CreateUser(context.Background(), name, "correct horse battery", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.UpdateSettings(context.Background(), u.ID, catalog.UserSettings{TimeZone: tz}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Follow(context.Background(), u.ID, app.FollowInput{Kind: catalog.FollowFilm, Target: "red-rocket-2021"}); err != nil {
		t.Fatal(err)
	}
	return u
}

func kindsOf(t *testing.T, svc *app.Service, u catalog.User) []string {
	t.Helper()
	ns, err := svc.Notifications(context.Background(), u.ID, false, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, n := range ns {
		out = append(out, string(n.Kind))
	}
	return out
}

func route(t *testing.T, svc *app.Service) {
	t.Helper()
	if _, err := svc.RouteEvents(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// A release on 2022-03-15 is "today" in Tokyo hours before it is in Los
// Angeles; each user hears of it once, on their own day.
func TestReleaseDayAcrossTimeZones(t *testing.T) {
	for name, open := range storetest.Openers() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			svc, clk, src := alertWorld(t, open(t))
			tokyo := newUser(t, svc, "tokyo", "Asia/Tokyo")
			la := newUser(t, svc, "la", "America/Los_Angeles")
			film, err := svc.Film(ctx, "red-rocket-2021")
			if err != nil {
				t.Fatal(err)
			}
			// The demo catalog's Red Rocket US Blu-ray is out on 2022-03-15
			// too, so two releases reach their day together.
			rel := catalog.Release{FilmID: film.ID, Country: "US", Type: catalog.ReleaseDigital, Date: catalog.MustDate("2022-03-15")}
			if err := svc.CreateRelease(ctx, &rel, app.Provenance{SourceID: src}); err != nil {
				t.Fatal(err)
			}
			route(t, svc)

			emit := func(at time.Time) int {
				clk.Set(at)
				n, err := svc.EmitReleaseDays(ctx)
				if err != nil {
					t.Fatal(err)
				}
				route(t, svc)
				return n
			}
			// 14 March 23:30 in Tokyo, 14 March in LA: nothing yet.
			if n := emit(time.Date(2022, 3, 14, 14, 30, 0, 0, time.UTC)); n != 0 {
				t.Errorf("emitted %d before the day anywhere", n)
			}
			// 15 March 00:30 in Tokyo (UTC+9), 14 March 08:30 in LA (UTC-7).
			if n := emit(time.Date(2022, 3, 14, 15, 30, 0, 0, time.UTC)); n != 2 {
				t.Errorf("emitted %d when the day begins in Tokyo, want 2", n)
			}
			if got := kindsOf(t, svc, tokyo); strings.Join(got, ",") != "release_day,release_day,release_announced" {
				t.Errorf("tokyo: %v", got)
			}
			if got := kindsOf(t, svc, la); strings.Join(got, ",") != "release_announced" {
				t.Errorf("la before its day: %v", got)
			}
			// 15 March 00:30 in LA: LA's turn; Tokyo is not told twice.
			if n := emit(time.Date(2022, 3, 15, 7, 30, 0, 0, time.UTC)); n != 2 {
				t.Errorf("emitted %d when the day begins in LA, want 2", n)
			}
			if n := emit(time.Date(2022, 3, 15, 7, 35, 0, 0, time.UTC)); n != 0 {
				t.Errorf("running again emitted %d", n)
			}
			if got := kindsOf(t, svc, la); strings.Join(got, ",") != "release_day,release_day,release_announced" {
				t.Errorf("la: %v", got)
			}
			if got := kindsOf(t, svc, tokyo); len(got) != 3 {
				t.Errorf("tokyo after LA's day: %v", got)
			}
		})
	}
}

// Each write path emits its event in the write's transaction: refined
// and moved dates, postponement, credits for a followed person, decided
// awards.
func TestEventsFromWrites(t *testing.T) {
	ctx := context.Background()
	svc, _, src := alertWorld(t, storetest.NewSQLite(t))
	p := app.Provenance{SourceID: src}
	u := newUser(t, svc, "ana", "")
	if _, err := svc.Follow(ctx, u.ID, app.FollowInput{Kind: catalog.FollowPerson, Target: "sean-baker"}); err != nil {
		t.Fatal(err)
	}
	film, _ := svc.Film(ctx, "red-rocket-2021")
	rel := catalog.Release{FilmID: film.ID, Country: "GB", Type: catalog.ReleasePhysical, Date: catalog.MustDate("2022-03")}
	if err := svc.CreateRelease(ctx, &rel, p); err != nil {
		t.Fatal(err)
	}
	rel.Date = catalog.MustDate("2022-03-15")
	if err := svc.UpdateRelease(ctx, &rel, p); err != nil {
		t.Fatal(err)
	}
	rel.Date = catalog.MustDate("2022-04-02")
	if err := svc.UpdateRelease(ctx, &rel, p); err != nil {
		t.Fatal(err)
	}
	rel.Status = catalog.ReleasePostponed
	if err := svc.UpdateRelease(ctx, &rel, p); err != nil {
		t.Fatal(err)
	}
	rel.Note = "no change that matters"
	if err := svc.UpdateRelease(ctx, &rel, p); err != nil {
		t.Fatal(err)
	}
	other, err := svc.Person(ctx, "sean-baker")
	if err != nil {
		t.Fatal(err)
	}
	newFilm := catalog.Film{Title: "Anora", Year: 2024}
	if err := svc.CreateFilm(ctx, &newFilm, p); err != nil {
		t.Fatal(err)
	}
	if err := svc.CreateCredit(ctx, &catalog.Credit{FilmID: newFilm.ID, PersonID: other.ID, Job: "director"}, p); err != nil {
		t.Fatal(err)
	}
	ed := catalog.Edition{ReleaseID: rel.ID, Formats: []catalog.Format{catalog.FormatBluray}}
	if err := svc.CreateEdition(ctx, &ed, p); err != nil {
		t.Fatal(err)
	}
	x := catalog.Extra{EditionID: ed.ID, Kind: catalog.ExtraAudioCommentary, Title: "Commentary",
		Participants: []catalog.Participant{{PersonID: other.ID, Role: "director"}}}
	if err := svc.CreateExtra(ctx, &x, p); err != nil {
		t.Fatal(err)
	}
	body := catalog.AwardBody{Name: "Test Awards"}
	if err := svc.CreateAwardBody(ctx, &body, p); err != nil {
		t.Fatal(err)
	}
	cat := catalog.AwardCategory{AwardBodyID: body.ID, Name: "Best Film"}
	if err := svc.CreateAwardCategory(ctx, &cat, p); err != nil {
		t.Fatal(err)
	}
	nom := catalog.Nomination{CategoryID: cat.ID, FilmID: film.ID, Year: 2022, Result: catalog.ResultPending}
	if err := svc.CreateNomination(ctx, &nom, p); err != nil {
		t.Fatal(err)
	}
	nom.Result = catalog.ResultWon
	if err := svc.UpdateNomination(ctx, &nom, p); err != nil {
		t.Fatal(err)
	}
	route(t, svc)
	got := kindsOf(t, svc, u)
	want := "award_decided,appearance_added,edition_announced,credit_added,release_changed,release_changed,release_refined,release_announced"
	if strings.Join(got, ",") != want {
		t.Errorf("notifications %v, want %s", got, want)
	}
	// A failed write leaves no event behind.
	bad := catalog.Release{FilmID: film.ID, Country: "GB", Type: catalog.ReleasePhysical, Date: catalog.MustDate("2023"), DistributorID: 999999}
	if err := svc.CreateRelease(ctx, &bad, p); err == nil {
		t.Fatal("a release with a missing distributor was accepted")
	}
	route(t, svc)
	if n := len(kindsOf(t, svc, u)); n != 8 {
		t.Errorf("a failed write made a notification (%d)", n)
	}
}

func TestLetterboxdImport(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := alertWorld(t, storetest.NewSQLite(t))
	u, err := svc.CreateUser(ctx, "ana", "correct horse battery", false)
	if err != nil {
		t.Fatal(err)
	}
	csv := "Date,Name,Year,Letterboxd URI\n" +
		"2024-01-02,Red Rocket,2021,https://boxd.it/abc\n" +
		"2024-01-02,RED ROCKET,2021,https://boxd.it/abc\n" + // a duplicate
		"2024-01-03,No Such Film,1999,https://boxd.it/def\n" +
		"2024-01-04,Red Rocket,20x1,https://boxd.it/ghi\n" +
		"2024-01-05,\"Broken \"quote,2020,https://boxd.it/jkl\n"
	rep, err := svc.ImportLetterboxd(ctx, u.ID, strings.NewReader(csv), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 5 || rep.Followed != 1 || rep.Already != 1 || len(rep.Missing) != 3 {
		t.Fatalf("report %+v", rep)
	}
	if rep.Missing[0].Name != "No Such Film" || !strings.Contains(rep.Missing[0].Reason, "no film") || rep.Missing[0].Line != 4 {
		t.Errorf("missing %+v", rep.Missing[0])
	}
	if !strings.Contains(rep.Missing[2].Reason, "malformed") {
		t.Errorf("malformed row %+v", rep.Missing[2])
	}
	if _, err := svc.ImportLetterboxd(ctx, u.ID, strings.NewReader("a,b\n1,2\n"), nil); !catalog.IsKind(err, catalog.KindInvalid) {
		t.Errorf("a CSV without Name and Year: %v", err)
	}

	// A 10,000-film watchlist works and reports progress.
	var big strings.Builder
	big.WriteString("Date,Name,Year,Letterboxd URI\n")
	for i := 0; i < 10000; i++ {
		fmt.Fprintf(&big, "2024-01-01,Film number %d,2001,https://boxd.it/%d\n", i, i)
	}
	calls := 0
	rep, err = svc.ImportLetterboxd(ctx, u.ID, strings.NewReader(big.String()), func(int) { calls++ })
	if err != nil {
		t.Fatal(err)
	}
	if rep.Rows != 10000 || len(rep.Missing) != 10000 || calls < 20 {
		t.Errorf("big import: rows %d, missing %d, progress calls %d", rep.Rows, len(rep.Missing), calls)
	}
}

func TestAccountsSecurity(t *testing.T) {
	ctx := context.Background()
	svc, _, _ := alertWorld(t, storetest.NewSQLite(t))
	if _, err := svc.CreateUser(ctx, "ana", "short", false); !catalog.IsKind(err, catalog.KindInvalid) {
		t.Errorf("a short password: %v", err)
	}
	u, err := svc.CreateUser(ctx, "ana", "correct horse battery", false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreateUser(ctx, "ANA", "correct horse battery", false); !catalog.IsKind(err, catalog.KindConflict) {
		t.Errorf("a duplicate username: %v", err)
	}
	if _, err := svc.CreatePersonalToken(ctx, u, "x", catalog.ScopeAdmin); !catalog.IsKind(err, catalog.KindForbidden) {
		t.Errorf("a non-admin made an admin token: %v", err)
	}
	// Login limits: five failures lock the username out, even with the
	// right password, until the window passes.
	for i := 0; i < 5; i++ {
		if _, _, err := svc.Login(ctx, "ana", "wrong password!", "10.0.0.1"); !catalog.IsKind(err, catalog.KindUnauthorized) {
			t.Fatalf("wrong password %d: %v", i, err)
		}
	}
	if _, _, err := svc.Login(ctx, "ana", "correct horse battery", "10.0.0.2"); !app.IsLoginLimited(err) {
		t.Errorf("after five failures: %v", err)
	}
	// Sessions: a password change ends the other sessions.
	if err := svc.SetPassword(ctx, "ana", "another fine password"); err != nil {
		t.Fatal(err)
	}
	_ = u
}
