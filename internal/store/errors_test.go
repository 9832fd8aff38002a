package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

// The store maps constraint failures to error kinds with messages that
// name the offending value or record, on both databases.
func TestErrorMessages(t *testing.T) {
	for name, open := range storetest.Openers() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			testErrorMessages(t, open(t))
		})
	}
}

func testErrorMessages(t *testing.T, s catalog.Store) {
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	film := catalog.Film{Title: "Red Rocket", Year: 2021, ExternalIDs: catalog.ExternalIDs{IMDb: "tt13061612", TMDb: 776305}}
	must(s.CreateFilm(ctx, &film))
	person := catalog.Person{Name: "Simon Rex", ExternalIDs: catalog.ExternalIDs{TMDb: 6818}}
	must(s.CreatePerson(ctx, &person))
	must(s.CreateCredit(ctx, &catalog.Credit{FilmID: film.ID, PersonID: person.ID, Job: "actor"}))
	festival := catalog.Festival{Name: "Cannes"}
	must(s.CreateFestival(ctx, &festival))
	must(s.CreateFestivalEdition(ctx, &catalog.FestivalEdition{FestivalID: festival.ID, Year: 2021}))
	body := catalog.AwardBody{Name: "Academy Awards"}
	must(s.CreateAwardBody(ctx, &body))
	must(s.CreateAwardCategory(ctx, &catalog.AwardCategory{AwardBodyID: body.ID, Name: "Best Actor"}))

	for _, c := range []struct {
		name string
		err  error
		kind catalog.ErrorKind
		msg  string
	}{
		{"duplicate slug", s.CreateFilm(ctx, &catalog.Film{Title: "Other", Slug: "red-rocket-2021"}),
			catalog.KindConflict, `film slug "red-rocket-2021" already exists`},
		{"duplicate IMDb ID", s.CreateFilm(ctx, &catalog.Film{Title: "Other", ExternalIDs: catalog.ExternalIDs{IMDb: "tt13061612"}}),
			catalog.KindConflict, `film IMDb ID "tt13061612" already exists`},
		{"duplicate TMDb ID", s.CreatePerson(ctx, &catalog.Person{Name: "Other", ExternalIDs: catalog.ExternalIDs{TMDb: 6818}}),
			catalog.KindConflict, "person TMDb ID 6818 already exists"},
		{"duplicate festival year", s.CreateFestivalEdition(ctx, &catalog.FestivalEdition{FestivalID: festival.ID, Year: 2021}),
			catalog.KindConflict, "already has an edition in 2021"},
		{"duplicate category", s.CreateAwardCategory(ctx, &catalog.AwardCategory{AwardBodyID: body.ID, Name: "Best Actor"}),
			catalog.KindConflict, `award category "Best Actor" already exists`},
		{"missing person", s.CreateCredit(ctx, &catalog.Credit{FilmID: film.ID, PersonID: 999, Job: "actor"}),
			catalog.KindInvalid, "person 999 does not exist"},
		{"missing festival edition", s.CreateRelease(ctx, &catalog.Release{FilmID: film.ID, Type: catalog.ReleaseFestival, FestivalEditionID: 999}),
			catalog.KindInvalid, "festival edition 999 does not exist"},
		{"referenced person", s.DeletePerson(ctx, person.ID),
			catalog.KindConflict, "is still referred to by credits"},
		{"referenced festival", s.DeleteFestival(ctx, festival.ID),
			catalog.KindConflict, "is still referred to by festival editions"},
		{"referenced award body", s.DeleteAwardBody(ctx, body.ID),
			catalog.KindConflict, "is still referred to by award categories"},
		{"missing film", func() error { _, err := s.GetFilm(ctx, 999); return err }(),
			catalog.KindNotFound, "film 999 not found"},
		{"list without a filter", func() error { _, err := s.ListCredits(ctx, catalog.CreditFilter{}); return err }(),
			catalog.KindInvalid, "film_id or person_id"},
		{"bad date bound", func() error {
			_, _, err := s.ListReleases(ctx, catalog.ReleaseFilter{From: "next week"})
			return err
		}(), catalog.KindInvalid, `"next week" is not a date`},
	} {
		if catalog.KindOf(c.err) != c.kind || !strings.Contains(c.err.Error(), c.msg) {
			t.Errorf("%s: got %v (kind %s), want kind %s saying %q", c.name, c.err, catalog.KindOf(c.err), c.kind, c.msg)
		}
	}
}
