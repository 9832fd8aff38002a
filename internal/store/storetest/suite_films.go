package storetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

func fullFilm() catalog.Film {
	return catalog.Film{
		Slug:           "red-rocket-2021",
		Title:          "Red Rocket",
		OriginalTitle:  "Red Rocket (Texas cut)",
		Year:           2021,
		RuntimeMinutes: 130,
		Synopsis:       "A washed-up porn star returns to his small hometown in Texas.\nNobody wants him back.",
		Tagline:        "Welcome home, Mikey.",
		Genres:         []string{"drama", "comedy"},
		Status:         catalog.FilmReleased,
		ExternalIDs:    catalog.ExternalIDs{IMDb: "tt13061612", TMDb: 776305, Wikidata: "Q105418830"},
		Trailers: []catalog.Trailer{
			{URL: "https://example.com/red-rocket/trailer", Kind: "trailer", Language: "en"},
			{URL: "https://example.com/red-rocket/teaser", Kind: "teaser"},
		},
		CreatedAt: base,
		UpdatedAt: at(1),
	}
}

func filmCases() []testCase {
	return []testCase{
		{"RoundTrip", func(t *testing.T, e *env) {
			in := fullFilm()
			f := in
			e.ok(e.s.CreateFilm(e.ctx, &f), "CreateFilm")
			e.checkID("film", f.ID)
			want := in
			want.ID = f.ID

			got, err := e.s.GetFilm(e.ctx, f.ID)
			e.ok(err, "GetFilm")
			e.same("GetFilm", want, got)
			e.utc("GetFilm", got.CreatedAt, got.UpdatedAt)

			got, err = e.s.GetFilmBySlug(e.ctx, "red-rocket-2021")
			e.ok(err, "GetFilmBySlug")
			e.same("GetFilmBySlug", want, got)

			e.same("ListFilms", []catalog.Film{want}, e.allFilms(catalog.FilmFilter{}))
		}},
		{"MinimalRoundTrip", func(t *testing.T, e *env) {
			f := e.film(catalog.Film{Title: "Untitled", Slug: "untitled"})
			got, err := e.s.GetFilm(e.ctx, f.ID)
			e.ok(err, "GetFilm")
			e.same("GetFilm", f, got)
		}},
		{"Update", func(t *testing.T, e *env) {
			f := e.film(fullFilm())
			u := catalog.Film{
				ID:             f.ID,
				Slug:           "red-rocket-redux",
				Title:          "Red Rocket Redux",
				OriginalTitle:  "",
				Year:           2022,
				RuntimeMinutes: 131,
				Synopsis:       "New synopsis.",
				Tagline:        "",
				Genres:         []string{"comedy"},
				Status:         catalog.FilmCompleted,
				ExternalIDs:    catalog.ExternalIDs{IMDb: "tt13061613"},
				Trailers:       []catalog.Trailer{{URL: "https://example.com/new", Kind: "clip", Language: "fr"}},
				CreatedAt:      f.CreatedAt,
				UpdatedAt:      at(5),
			}
			in := u
			e.ok(e.s.UpdateFilm(e.ctx, &in), "UpdateFilm")
			got, err := e.s.GetFilm(e.ctx, f.ID)
			e.ok(err, "GetFilm")
			e.same("GetFilm after update", u, got)

			_, err = e.s.GetFilmBySlug(e.ctx, "red-rocket-2021")
			e.kind(err, catalog.KindNotFound, "GetFilmBySlug(old slug)")
			e.same("Query on the new title", []string{"Red Rocket Redux"}, e.filmTitles(catalog.FilmFilter{Query: "redux"}))
			e.same("Query on the removed original title", []string(nil), e.filmTitles(catalog.FilmFilter{Query: "texas cut"}))
			_, err = e.s.GetFilmByExternalID(e.ctx, catalog.ExternalIDs{TMDb: 776305})
			e.kind(err, catalog.KindNotFound, "GetFilmByExternalID(removed TMDb ID)")

			// Lists can be emptied.
			u.Genres, u.Trailers, u.UpdatedAt = nil, nil, at(6)
			in = u
			e.ok(e.s.UpdateFilm(e.ctx, &in), "UpdateFilm(clear lists)")
			got, err = e.s.GetFilm(e.ctx, f.ID)
			e.ok(err, "GetFilm")
			e.same("GetFilm after clearing lists", u, got)
		}},
		{"Delete", func(t *testing.T, e *env) {
			f := e.film(fullFilm())
			other := e.film(catalog.Film{Title: "Other"})
			e.ok(e.s.DeleteFilm(e.ctx, f.ID), "DeleteFilm")
			_, err := e.s.GetFilm(e.ctx, f.ID)
			e.kind(err, catalog.KindNotFound, "GetFilm after delete")
			_, err = e.s.GetFilmBySlug(e.ctx, f.Slug)
			e.kind(err, catalog.KindNotFound, "GetFilmBySlug after delete")
			_, err = e.s.GetFilmByExternalID(e.ctx, catalog.ExternalIDs{IMDb: f.ExternalIDs.IMDb})
			e.kind(err, catalog.KindNotFound, "GetFilmByExternalID after delete")
			e.kind(e.s.DeleteFilm(e.ctx, f.ID), catalog.KindNotFound, "DeleteFilm twice")
			e.same("remaining films", []string{"Other"}, e.filmTitles(catalog.FilmFilter{}))
			if _, err := e.s.GetFilm(e.ctx, other.ID); err != nil {
				t.Errorf("GetFilm(other) after deleting a different film: %v", err)
			}
			// The slug and external IDs are free again.
			g := fullFilm()
			e.ok(e.s.CreateFilm(e.ctx, &g), "CreateFilm reusing the deleted film's slug and IDs")
		}},
		{"NotFound", func(t *testing.T, e *env) {
			e.film(fullFilm())
			const missing = 987654
			u := fullFilm()
			u.ID = missing
			u.Slug = "ghost"
			u.ExternalIDs = catalog.ExternalIDs{}
			for _, c := range []struct {
				name string
				err  error
			}{
				{"GetFilm", func() error { _, err := e.s.GetFilm(e.ctx, missing); return err }()},
				{"GetFilmBySlug", func() error { _, err := e.s.GetFilmBySlug(e.ctx, "no-such-film"); return err }()},
				{"GetFilmByExternalID/imdb", func() error {
					_, err := e.s.GetFilmByExternalID(e.ctx, catalog.ExternalIDs{IMDb: "tt9999999"})
					return err
				}()},
				{"GetFilmByExternalID/tmdb", func() error {
					_, err := e.s.GetFilmByExternalID(e.ctx, catalog.ExternalIDs{TMDb: 1})
					return err
				}()},
				{"GetFilmByExternalID/wikidata", func() error {
					_, err := e.s.GetFilmByExternalID(e.ctx, catalog.ExternalIDs{Wikidata: "Q1"})
					return err
				}()},
				{"UpdateFilm", e.s.UpdateFilm(e.ctx, &u)},
				{"DeleteFilm", e.s.DeleteFilm(e.ctx, missing)},
			} {
				e.kind(c.err, catalog.KindNotFound, "%s", c.name)
			}
			if n := e.countFilms(); n != 1 {
				t.Errorf("UpdateFilm of a missing ID changed the catalog: %d films, want 1", n)
			}
		}},
		{"DerivedSlug", func(t *testing.T, e *env) {
			create := func(title string, year int) catalog.Film {
				t.Helper()
				f := catalog.Film{Title: title, Year: year, Status: catalog.FilmAnnounced, CreatedAt: base, UpdatedAt: base}
				e.ok(e.s.CreateFilm(e.ctx, &f), "CreateFilm(%q)", title)
				got, err := e.s.GetFilm(e.ctx, f.ID)
				e.ok(err, "GetFilm(%q)", title)
				return got
			}
			for _, c := range []struct {
				title string
				year  int
				want  string
			}{
				{"Red Rocket", 2021, "red-rocket-2021"},
				{"Red Rocket", 2021, "red-rocket-2021-2"},
				{"Red Rocket", 2021, "red-rocket-2021-3"},
				{"Red Rocket", 0, "red-rocket"},
				{"Amélie", 0, "amelie"},
				{"Schindler's List", 1993, "schindlers-list-1993"},
			} {
				wantDefault := (&catalog.Film{Title: c.title, Year: c.year}).DefaultSlug()
				got := create(c.title, c.year)
				if got.Slug != c.want {
					t.Errorf("film %q (%d) got slug %q, want %q (DefaultSlug %q)", c.title, c.year, got.Slug, c.want, wantDefault)
				}
				if byslug, err := e.s.GetFilmBySlug(e.ctx, c.want); err != nil || byslug.ID != got.ID {
					t.Errorf("GetFilmBySlug(%q) = film %d, %v; want film %d", c.want, byslug.ID, err, got.ID)
				}
			}
		}},
		{"DerivedSlugEdgeCases", func(t *testing.T, e *env) {
			// A de-duplicated slug of a very long title is still a valid
			// slug (at most 120 bytes).
			long := strings.Repeat("Long Title ", 20)
			var slugs []string
			for range 3 {
				f := catalog.Film{Title: long, Status: catalog.FilmAnnounced, CreatedAt: base, UpdatedAt: base}
				e.ok(e.s.CreateFilm(e.ctx, &f), "CreateFilm(long title)")
				got, err := e.s.GetFilm(e.ctx, f.ID)
				e.ok(err, "GetFilm")
				if !catalog.ValidSlug(got.Slug) {
					t.Errorf("derived slug %q (%d bytes) is not a valid slug", got.Slug, len(got.Slug))
				}
				if slices.Contains(slugs, got.Slug) {
					t.Errorf("derived slug %q given twice", got.Slug)
				}
				slugs = append(slugs, got.Slug)
			}
			// A title with nothing to slugify either gets some valid,
			// unique slug or is refused as invalid; it never fails
			// otherwise.
			for _, title := range []string{"千と千尋の神隠し", "千と千尋の神隠し", "🎬"} {
				f := catalog.Film{Title: title, Status: catalog.FilmAnnounced, CreatedAt: base, UpdatedAt: base}
				err := e.s.CreateFilm(e.ctx, &f)
				if err != nil {
					e.kind(err, catalog.KindInvalid, "CreateFilm(%q) without a slug", title)
					continue
				}
				got, err := e.s.GetFilm(e.ctx, f.ID)
				e.ok(err, "GetFilm")
				if !catalog.ValidSlug(got.Slug) || slices.Contains(slugs, got.Slug) {
					t.Errorf("film %q got slug %q; want a valid slug not used before (%q)", title, got.Slug, slugs)
				}
				slugs = append(slugs, got.Slug)
			}
		}},
		{"TimesFromOtherZones", func(t *testing.T, e *env) {
			cest := time.FixedZone("CEST", 2*3600)
			pst := time.FixedZone("PST", -8*3600)
			created := time.Date(2024, time.March, 31, 1, 30, 0, 654321000, cest) // the day before in UTC
			updated := time.Date(2024, time.December, 31, 20, 0, 0, 1000, pst)    // the next year in UTC
			f := e.film(catalog.Film{Title: "Zones", CreatedAt: created, UpdatedAt: updated})
			got, err := e.s.GetFilm(e.ctx, f.ID)
			e.ok(err, "GetFilm")
			if !got.CreatedAt.Equal(created) || !got.UpdatedAt.Equal(updated) {
				t.Errorf("times came back as %v / %v, want the instants %v / %v", got.CreatedAt, got.UpdatedAt, created, updated)
			}
			e.utc("GetFilm", got.CreatedAt, got.UpdatedAt)
			if got.CreatedAt.Day() != 30 || got.UpdatedAt.Year() != 2025 {
				t.Errorf("UTC calendar fields: created day %d (want 30), updated year %d (want 2025)", got.CreatedAt.Day(), got.UpdatedAt.Year())
			}
		}},
		{"DuplicateSlug", func(t *testing.T, e *env) {
			a := e.film(catalog.Film{Title: "Alpha", Slug: "taken"})
			dup := catalog.Film{Title: "Beta", Slug: "taken", Status: catalog.FilmAnnounced, CreatedAt: base, UpdatedAt: base}
			e.kind(e.s.CreateFilm(e.ctx, &dup), catalog.KindConflict, "CreateFilm with a taken slug")
			e.same("films after conflicting create", []string{"Alpha"}, e.filmTitles(catalog.FilmFilter{}))

			b := e.film(catalog.Film{Title: "Beta", Slug: "beta"})
			u := b
			u.Slug = "taken"
			u.Title = "Beta changed"
			e.kind(e.s.UpdateFilm(e.ctx, &u), catalog.KindConflict, "UpdateFilm to a taken slug")
			got, err := e.s.GetFilm(e.ctx, b.ID)
			e.ok(err, "GetFilm")
			e.same("film after conflicting update", b, got)
			got, err = e.s.GetFilmBySlug(e.ctx, "taken")
			e.ok(err, "GetFilmBySlug(taken)")
			if got.ID != a.ID {
				t.Errorf("slug %q now belongs to film %d, want %d", "taken", got.ID, a.ID)
			}
			// Updating a film while keeping its own slug is not a conflict.
			u = a
			u.Title = "Alpha renamed"
			u.UpdatedAt = at(2)
			e.ok(e.s.UpdateFilm(e.ctx, &u), "UpdateFilm keeping its own slug and IDs")
		}},
		{"DuplicateExternalID", func(t *testing.T, e *env) {
			a := e.film(catalog.Film{Title: "Alpha", ExternalIDs: catalog.ExternalIDs{IMDb: "tt0000001", TMDb: 11}})
			dup := catalog.Film{Title: "Beta", Slug: "beta", Status: catalog.FilmAnnounced, ExternalIDs: catalog.ExternalIDs{IMDb: "tt0000001"}, CreatedAt: base, UpdatedAt: base}
			e.kind(e.s.CreateFilm(e.ctx, &dup), catalog.KindConflict, "CreateFilm with a taken IMDb ID")
			e.same("films after conflicting create", []string{"Alpha"}, e.filmTitles(catalog.FilmFilter{}))

			b := e.film(catalog.Film{Title: "Beta", ExternalIDs: catalog.ExternalIDs{IMDb: "tt0000002"}})
			u := b
			u.ExternalIDs.IMDb = "tt0000001"
			e.kind(e.s.UpdateFilm(e.ctx, &u), catalog.KindConflict, "UpdateFilm to a taken IMDb ID")
			got, err := e.s.GetFilm(e.ctx, b.ID)
			e.ok(err, "GetFilm")
			e.same("film after conflicting update", b, got)
			got, err = e.s.GetFilmByExternalID(e.ctx, catalog.ExternalIDs{IMDb: "tt0000001"})
			e.ok(err, "GetFilmByExternalID")
			if got.ID != a.ID {
				t.Errorf("IMDb ID now finds film %d, want %d", got.ID, a.ID)
			}
			// Films without external IDs never conflict with each other.
			e.film(catalog.Film{Title: "Gamma"})
			e.film(catalog.Film{Title: "Delta"})
		}},
		{"GetByExternalID", func(t *testing.T, e *env) {
			e.film(catalog.Film{Title: "No IDs"})
			e.film(catalog.Film{Title: "Decoy", ExternalIDs: catalog.ExternalIDs{IMDb: "tt7654321", TMDb: 7, Wikidata: "Q7"}})
			e.film(catalog.Film{Title: "Only TMDb", ExternalIDs: catalog.ExternalIDs{TMDb: 8}})
			f := e.film(fullFilm())
			for _, c := range []struct {
				name string
				ids  catalog.ExternalIDs
			}{
				{"imdb", catalog.ExternalIDs{IMDb: "tt13061612"}},
				{"tmdb", catalog.ExternalIDs{TMDb: 776305}},
				{"wikidata", catalog.ExternalIDs{Wikidata: "Q105418830"}},
				{"all", f.ExternalIDs},
				{"unknown imdb, known tmdb", catalog.ExternalIDs{IMDb: "tt9999999", TMDb: 776305}},
				{"known wikidata, unknown tmdb", catalog.ExternalIDs{TMDb: 999999, Wikidata: "Q105418830"}},
			} {
				got, err := e.s.GetFilmByExternalID(e.ctx, c.ids)
				if err != nil {
					t.Errorf("%s: GetFilmByExternalID(%+v): %v", c.name, c.ids, err)
					continue
				}
				e.same(c.name, f, got)
			}
			// Empty fields are unknown: they never match the films that
			// lack that ID.
			for _, ids := range []catalog.ExternalIDs{
				{IMDb: "tt9999999"},
				{TMDb: 999999},
				{Wikidata: "Q999999"},
				{IMDb: "tt9999999", TMDb: 999999, Wikidata: "Q999999"},
			} {
				got, err := e.s.GetFilmByExternalID(e.ctx, ids)
				e.kind(err, catalog.KindNotFound, "GetFilmByExternalID(%+v) (found %q)", ids, got.Title)
			}
			got, err := e.s.GetFilmByExternalID(e.ctx, catalog.ExternalIDs{})
			e.kindIn(err, invalidOrNotFound, "GetFilmByExternalID(no IDs) (found %q)", got.Title)
		}},
		{"ListOrder", func(t *testing.T, e *env) {
			for _, title := range []string{"zebra", "Éclair", "amélie", "Banana", "Amelie", "eclair", "AMELIE", "Apple"} {
				e.film(catalog.Film{Title: title})
			}
			got := e.allFilms(catalog.FilmFilter{})
			// Folded titles: amelie x3 (by ID), apple, banana, eclair x2 (by ID), zebra.
			want := []string{"amélie", "Amelie", "AMELIE", "Apple", "Banana", "Éclair", "eclair", "zebra"}
			var titles []string
			for _, f := range got {
				titles = append(titles, f.Title)
			}
			e.same("ListFilms order", want, titles)
		}},
		{"Query", func(t *testing.T, e *env) {
			for _, f := range []catalog.Film{
				{Title: "Amélie", OriginalTitle: "Le Fabuleux Destin d'Amélie Poulain"},
				{Title: "Red Rocket"},
				{Title: "Rocketman"},
				{Title: "Tangerine", OriginalTitle: "Mandarina"},
				{Title: "Straße"},
				{Title: "Ænigma"},
			} {
				e.film(f)
			}
			for _, c := range []struct {
				q    string
				want []string
			}{
				{"amelie", []string{"Amélie"}},
				{"AMÉLIE", []string{"Amélie"}},
				{"ROCKET", []string{"Red Rocket", "Rocketman"}},
				{"d rock", []string{"Red Rocket"}},
				{"mandarin", []string{"Tangerine"}},
				{"fabuleux destin", []string{"Amélie"}},
				{"poulain", []string{"Amélie"}},
				{"tanger", []string{"Tangerine"}},
				{"straße", []string{"Straße"}},
				{"nothing like this", nil},
			} {
				e.same(fmt.Sprintf("Query %q", c.q), c.want, e.filmTitles(catalog.FilmFilter{Query: c.q}))
			}
		}},
		{"Filters", filmFilterCase},
		{"Pagination", func(t *testing.T, e *env) {
			for _, title := range []string{"Same", "Gamma", "alpha", "Same", "Beta", "Échelle", "Same"} {
				e.film(catalog.Film{Title: title})
			}
			want := e.allFilms(catalog.FilmFilter{})
			if len(want) != 7 {
				t.Fatalf("ListFilms returned %d films, want 7", len(want))
			}
			var titles []string
			for _, f := range want {
				titles = append(titles, f.Title)
			}
			e.same("order", []string{"alpha", "Beta", "Échelle", "Gamma", "Same", "Same", "Same"}, titles)
			got, sizes := walk(e, 2, func(p catalog.Page) ([]catalog.Film, string, error) {
				return e.s.ListFilms(e.ctx, catalog.FilmFilter{Page: p})
			})
			e.same("page sizes", []int{2, 2, 2, 1}, sizes)
			e.same("films walked page by page", ids(want, filmID), ids(got, filmID))
		}},
		{"PaginationExactPages", func(t *testing.T, e *env) {
			for i := range 6 {
				e.film(catalog.Film{Title: fmt.Sprintf("Film %d", i)})
			}
			all := e.allFilms(catalog.FilmFilter{})
			got, sizes := walk(e, 2, func(p catalog.Page) ([]catalog.Film, string, error) {
				return e.s.ListFilms(e.ctx, catalog.FilmFilter{Page: p})
			})
			e.same("page sizes (the last full page has no next cursor)", []int{2, 2, 2}, sizes)
			e.same("films", ids(all, filmID), ids(got, filmID))

			got, sizes = walk(e, 6, func(p catalog.Page) ([]catalog.Film, string, error) {
				return e.s.ListFilms(e.ctx, catalog.FilmFilter{Page: p})
			})
			e.same("one exact page", []int{6}, sizes)
			e.same("films", ids(all, filmID), ids(got, filmID))
		}},
		{"CursorIsAPosition", func(t *testing.T, e *env) {
			// A cursor points after the last record of its page: records
			// added before it do not make the next page repeat records, and
			// records deleted do not make it skip any.
			for _, title := range []string{"Bravo", "Charlie", "Delta", "Echo", "Foxtrot"} {
				e.film(catalog.Film{Title: title})
			}
			first, next, err := e.s.ListFilms(e.ctx, catalog.FilmFilter{Page: catalog.Page{Limit: 2}})
			e.ok(err, "ListFilms(page 1)")
			if len(first) != 2 || next == "" {
				t.Fatalf("page 1 = %d films, next %q", len(first), next)
			}
			e.film(catalog.Film{Title: "Alpha"})
			e.ok(e.s.DeleteFilm(e.ctx, first[1].ID), "DeleteFilm(last of page 1)")
			second, _, err := e.s.ListFilms(e.ctx, catalog.FilmFilter{Page: catalog.Page{Limit: 2, After: next}})
			e.ok(err, "ListFilms(page 2)")
			var titles []string
			for _, f := range second {
				titles = append(titles, f.Title)
			}
			e.same("page 2 after inserting before the cursor and deleting the cursor's record", []string{"Delta", "Echo"}, titles)
		}},
		{"PaginationWithFilter", func(t *testing.T, e *env) {
			for _, title := range []string{"Night A", "Day A", "Night B", "Night C", "Day B", "Night D", "Night E"} {
				e.film(catalog.Film{Title: title})
			}
			got, sizes := walk(e, 2, func(p catalog.Page) ([]catalog.Film, string, error) {
				return e.s.ListFilms(e.ctx, catalog.FilmFilter{Query: "night", Page: p})
			})
			e.same("page sizes", []int{2, 2, 1}, sizes)
			var titles []string
			for _, f := range got {
				titles = append(titles, f.Title)
			}
			e.same("titles", []string{"Night A", "Night B", "Night C", "Night D", "Night E"}, titles)
		}},
		{"BadCursor", func(t *testing.T, e *env) {
			e.film(catalog.Film{Title: "A"})
			for _, cursor := range []string{"garbage!!", "%%%", "eyJub3QiOiJhIGN1cnNvciJ9"} {
				_, _, err := e.s.ListFilms(e.ctx, catalog.FilmFilter{Page: catalog.Page{After: cursor}})
				e.kind(err, catalog.KindInvalid, "ListFilms(After %q)", cursor)
			}
		}},
		{"LimitCap", func(t *testing.T, e *env) {
			const n = catalog.MaxPageLimit + 1
			e.ok(e.s.WithTx(e.ctx, func(q catalog.Queries) error {
				for i := range n {
					f := catalog.Film{Title: fmt.Sprintf("Film %04d", i), Slug: fmt.Sprintf("film-%d", i), Status: catalog.FilmAnnounced, CreatedAt: base, UpdatedAt: base}
					if err := q.CreateFilm(e.ctx, &f); err != nil {
						return err
					}
				}
				return nil
			}), "creating %d films", n)

			page, next, err := e.s.ListFilms(e.ctx, catalog.FilmFilter{Page: catalog.Page{Limit: 5000}})
			e.ok(err, "ListFilms(Limit 5000)")
			if len(page) != catalog.MaxPageLimit || next == "" {
				t.Fatalf("ListFilms(Limit 5000) = %d films, next %q; want %d and a cursor", len(page), next, catalog.MaxPageLimit)
			}
			if page[0].Title != "Film 0000" || page[len(page)-1].Title != "Film 0999" {
				t.Errorf("first page runs %q..%q, want Film 0000..Film 0999", page[0].Title, page[len(page)-1].Title)
			}
			rest, next, err := e.s.ListFilms(e.ctx, catalog.FilmFilter{Page: catalog.Page{Limit: 5000, After: next}})
			e.ok(err, "ListFilms(second page)")
			if len(rest) != 1 || rest[0].Title != "Film 1000" || next != "" {
				t.Errorf("second page = %d films, next %q; want just Film 1000 and no cursor", len(rest), next)
			}

			for _, limit := range []int{0, -1} {
				page, next, err = e.s.ListFilms(e.ctx, catalog.FilmFilter{Page: catalog.Page{Limit: limit}})
				e.ok(err, "ListFilms(Limit %d)", limit)
				if len(page) != catalog.DefaultPageLimit || next == "" {
					t.Errorf("ListFilms(Limit %d) = %d films, next %q; want %d and a cursor", limit, len(page), next, catalog.DefaultPageLimit)
				}
			}
		}},
	}
}

// filmFilterCase checks every FilmFilter field on a small catalog:
//
//	Anora (2024): premiere FR 2024-05-21; theatrical US 2024-10-18 by Neon;
//	  physical US 2025-03 with a bluray+dvd edition by Criterion; Baker directs.
//	Blue Jasmine (2013): theatrical GB 2013 by Sony; Blanchett acts.
//	Casablanca (1942): digital US TBA (no edition); physical GB 2022-03-15
//	  with a uhd4k edition by Arrow.
//	Drive (2011): streaming DE 2022-03 (no edition); Baker produces.
//	Eraserhead (1977): nothing.
func filmFilterCase(t *testing.T, e *env) {
	neon := e.org(catalog.Organization{Name: "Neon"})
	sony := e.org(catalog.Organization{Name: "Sony Pictures Classics"})
	criterion := e.org(catalog.Organization{Name: "Criterion", Kinds: []catalog.OrgKind{catalog.OrgDiscLabel}})
	arrow := e.org(catalog.Organization{Name: "Arrow Video", Kinds: []catalog.OrgKind{catalog.OrgDiscLabel}})
	baker := e.person(catalog.Person{Name: "Sean Baker"})
	blanchett := e.person(catalog.Person{Name: "Cate Blanchett"})

	anora := e.film(catalog.Film{Title: "Anora", Year: 2024})
	jasmine := e.film(catalog.Film{Title: "Blue Jasmine", Year: 2013})
	casablanca := e.film(catalog.Film{Title: "Casablanca", Year: 1942})
	drive := e.film(catalog.Film{Title: "Drive", Year: 2011})
	e.film(catalog.Film{Title: "Eraserhead", Year: 1977})

	e.release(catalog.Release{FilmID: anora.ID, Country: "FR", Type: catalog.ReleasePremiere, Date: date("2024-05-21")})
	e.release(catalog.Release{FilmID: anora.ID, Country: "US", Type: catalog.ReleaseTheatrical, Date: date("2024-10-18"), DistributorID: neon.ID})
	r := e.release(catalog.Release{FilmID: anora.ID, Country: "US", Type: catalog.ReleasePhysical, Date: date("2025-03")})
	e.edition(catalog.Edition{ReleaseID: r.ID, LabelID: criterion.ID, Formats: []catalog.Format{catalog.FormatBluray, catalog.FormatDVD}})
	e.release(catalog.Release{FilmID: jasmine.ID, Country: "GB", Type: catalog.ReleaseTheatrical, Date: date("2013"), DistributorID: sony.ID})
	e.release(catalog.Release{FilmID: casablanca.ID, Country: "US", Type: catalog.ReleaseDigital})
	r = e.release(catalog.Release{FilmID: casablanca.ID, Country: "GB", Type: catalog.ReleasePhysical, Date: date("2022-03-15")})
	e.edition(catalog.Edition{ReleaseID: r.ID, LabelID: arrow.ID, Formats: []catalog.Format{catalog.FormatUHD4K}})
	e.release(catalog.Release{FilmID: drive.ID, Country: "DE", Type: catalog.ReleaseStreaming, Date: date("2022-03")})
	e.credit(catalog.Credit{FilmID: anora.ID, PersonID: baker.ID, Job: "director"})
	e.credit(catalog.Credit{FilmID: drive.ID, PersonID: baker.ID, Job: "producer"})
	e.credit(catalog.Credit{FilmID: jasmine.ID, PersonID: blanchett.ID, Job: "actress", Character: "Jasmine", Billing: 1})

	all := []string{"Anora", "Blue Jasmine", "Casablanca", "Drive", "Eraserhead"}
	for _, c := range []struct {
		name string
		f    catalog.FilmFilter
		want []string
	}{
		{"none", catalog.FilmFilter{}, all},
		{"year", catalog.FilmFilter{Year: 2011}, []string{"Drive"}},
		{"year without films", catalog.FilmFilter{Year: 1999}, nil},
		{"type theatrical", catalog.FilmFilter{ReleaseType: catalog.ReleaseTheatrical}, []string{"Anora", "Blue Jasmine"}},
		{"type physical", catalog.FilmFilter{ReleaseType: catalog.ReleasePhysical}, []string{"Anora", "Casablanca"}},
		{"type premiere", catalog.FilmFilter{ReleaseType: catalog.ReleasePremiere}, []string{"Anora"}},
		{"type tv", catalog.FilmFilter{ReleaseType: catalog.ReleaseTV}, nil},
		{"country US", catalog.FilmFilter{Country: "US"}, []string{"Anora", "Casablanca"}},
		{"country GB", catalog.FilmFilter{Country: "GB"}, []string{"Blue Jasmine", "Casablanca"}},
		{"country JP", catalog.FilmFilter{Country: "JP"}, nil},
		{"format bluray", catalog.FilmFilter{Format: catalog.FormatBluray}, []string{"Anora"}},
		{"format dvd", catalog.FilmFilter{Format: catalog.FormatDVD}, []string{"Anora"}},
		{"format uhd4k", catalog.FilmFilter{Format: catalog.FormatUHD4K}, []string{"Casablanca"}},
		{"format digital matches digital and streaming releases", catalog.FilmFilter{Format: catalog.FormatDigital}, []string{"Casablanca", "Drive"}},
		{"format bluray3d", catalog.FilmFilter{Format: catalog.FormatBluray3D}, nil},
		{"range with partial dates", catalog.FilmFilter{From: "2022-03-10", To: "2022-03-20"}, []string{"Casablanca", "Drive"}},
		{"range of one day inside a month", catalog.FilmFilter{From: "2022-03-31", To: "2022-03-31"}, []string{"Drive"}},
		{"from only", catalog.FilmFilter{From: "2024-10-01"}, []string{"Anora"}},
		{"to only, year-precise release", catalog.FilmFilter{To: "2013-06-01"}, []string{"Blue Jasmine"}},
		{"range without releases", catalog.FilmFilter{From: "2019-01-01", To: "2019-12-31"}, nil},
		{"label as distributor", catalog.FilmFilter{LabelID: neon.ID}, []string{"Anora"}},
		{"label as edition label", catalog.FilmFilter{LabelID: criterion.ID}, []string{"Anora"}},
		{"label arrow", catalog.FilmFilter{LabelID: arrow.ID}, []string{"Casablanca"}},
		{"label sony", catalog.FilmFilter{LabelID: sony.ID}, []string{"Blue Jasmine"}},
		{"person", catalog.FilmFilter{PersonID: baker.ID}, []string{"Anora", "Drive"}},
		{"person blanchett", catalog.FilmFilter{PersonID: blanchett.ID}, []string{"Blue Jasmine"}},
		{"year and person", catalog.FilmFilter{Year: 2024, PersonID: baker.ID}, []string{"Anora"}},
		{"person and format digital", catalog.FilmFilter{PersonID: baker.ID, Format: catalog.FormatDigital}, []string{"Drive"}},
		{"query and country", catalog.FilmFilter{Query: "blue", Country: "GB"}, []string{"Blue Jasmine"}},
		{"query and country, no match", catalog.FilmFilter{Query: "blue", Country: "US"}, nil},
		{"type and country", catalog.FilmFilter{ReleaseType: catalog.ReleaseTheatrical, Country: "US"}, []string{"Anora"}},
		{"format and country, no match", catalog.FilmFilter{Format: catalog.FormatBluray, Country: "GB"}, nil},
		{"label and range", catalog.FilmFilter{LabelID: criterion.ID, From: "2025-01-01", To: "2025-12-31"}, []string{"Anora"}},
	} {
		e.same("ListFilms "+c.name, c.want, e.filmTitles(c.f))
	}

	// A film with several matching releases is listed once.
	e.same("no duplicates", []string{"Anora"}, e.filmTitles(catalog.FilmFilter{Country: "US", Year: 2024}))
}
