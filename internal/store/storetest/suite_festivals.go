package storetest

import (
	"fmt"
	"slices"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

func fullFestival() catalog.Festival {
	return catalog.Festival{
		Slug: "cannes", Name: "Festival de Cannes", Country: "FR", City: "Cannes",
		Website: "https://www.festival-cannes.com/", CreatedAt: base, UpdatedAt: at(1),
	}
}

func sortedIDs(xs []int64) []int64 {
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return xs
}

func festivalCases() []testCase {
	return []testCase{
		{"RoundTrip", func(t *testing.T, e *env) {
			f := fullFestival()
			e.ok(e.s.CreateFestival(e.ctx, &f), "CreateFestival")
			e.checkID("festival", f.ID)
			want := fullFestival()
			want.ID = f.ID
			got, err := e.s.GetFestival(e.ctx, f.ID)
			e.ok(err, "GetFestival")
			e.same("GetFestival", want, got)
			e.utc("GetFestival", got.CreatedAt, got.UpdatedAt)
			got, err = e.s.GetFestivalBySlug(e.ctx, "cannes")
			e.ok(err, "GetFestivalBySlug")
			e.same("GetFestivalBySlug", want, got)
			list, next, err := e.s.ListFestivals(e.ctx, catalog.Page{})
			e.ok(err, "ListFestivals")
			e.same("ListFestivals", []catalog.Festival{want}, list)
			if next != "" {
				t.Errorf("ListFestivals next = %q, want none", next)
			}
		}},
		{"UpdateDeleteNotFound", func(t *testing.T, e *env) {
			f := e.festival(fullFestival())
			u := catalog.Festival{ID: f.ID, Slug: "cannes-ff", Name: "Cannes Film Festival", CreatedAt: f.CreatedAt, UpdatedAt: at(2)}
			in := u
			e.ok(e.s.UpdateFestival(e.ctx, &in), "UpdateFestival")
			got, err := e.s.GetFestival(e.ctx, f.ID)
			e.ok(err, "GetFestival")
			e.same("GetFestival after update", u, got)
			_, err = e.s.GetFestivalBySlug(e.ctx, "cannes")
			e.kind(err, catalog.KindNotFound, "GetFestivalBySlug(old slug)")

			dup := catalog.Festival{Name: "Other", Slug: "cannes-ff", CreatedAt: base, UpdatedAt: base}
			e.kind(e.s.CreateFestival(e.ctx, &dup), catalog.KindConflict, "CreateFestival with a taken slug")

			missing := u
			missing.ID, missing.Slug = 987654, "ghost"
			e.kind(e.s.UpdateFestival(e.ctx, &missing), catalog.KindNotFound, "UpdateFestival of a missing ID")
			e.ok(e.s.DeleteFestival(e.ctx, f.ID), "DeleteFestival")
			_, err = e.s.GetFestival(e.ctx, f.ID)
			e.kind(err, catalog.KindNotFound, "GetFestival after delete")
			e.kind(e.s.DeleteFestival(e.ctx, f.ID), catalog.KindNotFound, "DeleteFestival twice")
			list, _, err := e.s.ListFestivals(e.ctx, catalog.Page{})
			e.ok(err, "ListFestivals")
			if len(list) != 0 {
				t.Errorf("%d festivals after delete, want 0", len(list))
			}
		}},
		{"ListPagination", func(t *testing.T, e *env) {
			var want []int64
			for _, n := range []string{"Sundance", "Berlinale", "Venice", "Cannes", "Toronto"} {
				want = append(want, e.festival(catalog.Festival{Name: n}).ID)
			}
			got, sizes := walk(e, 2, func(p catalog.Page) ([]catalog.Festival, string, error) {
				return e.s.ListFestivals(e.ctx, p)
			})
			e.same("page sizes", []int{2, 2, 1}, sizes)
			e.same("festivals walked page by page (any order, each once)", sortedIDs(want), sortedIDs(ids(got, func(f catalog.Festival) int64 { return f.ID })))
			_, _, err := e.s.ListFestivals(e.ctx, catalog.Page{After: "garbage!!"})
			e.kind(err, catalog.KindInvalid, "ListFestivals with a garbage cursor")
		}},
		{"EditionRoundTrip", func(t *testing.T, e *env) {
			f := e.festival(fullFestival())
			for _, c := range []struct {
				year         int
				starts, ends string
			}{
				{2021, "2021-07-06", "2021-07-17"},
				{2019, "2019-05", "TBA"},
				{2020, "TBA", "TBA"},
			} {
				year := c.year
				in := catalog.FestivalEdition{FestivalID: f.ID, Year: year, StartsOn: date(c.starts), EndsOn: date(c.ends), Place: "Palais des Festivals"}
				x := in
				e.ok(e.s.CreateFestivalEdition(e.ctx, &x), "CreateFestivalEdition(%d)", year)
				e.checkID("festival edition", x.ID)
				want := in
				want.ID, want.FestivalName, want.FestivalSlug = x.ID, f.Name, f.Slug
				got, err := e.s.GetFestivalEdition(e.ctx, x.ID)
				e.ok(err, "GetFestivalEdition")
				e.same(fmt.Sprintf("GetFestivalEdition(%d)", year), want, got)
				got, err = e.s.GetFestivalEditionByYear(e.ctx, f.ID, year)
				e.ok(err, "GetFestivalEditionByYear")
				e.same(fmt.Sprintf("GetFestivalEditionByYear(%d)", year), want, got)
			}
		}},
		{"EditionUpdateDeleteNotFound", func(t *testing.T, e *env) {
			f := e.festival(fullFestival())
			x := e.festEdition(catalog.FestivalEdition{FestivalID: f.ID, Year: 2021, StartsOn: date("2021-07-06")})
			u := catalog.FestivalEdition{ID: x.ID, FestivalID: f.ID, Year: 2022, StartsOn: date("2022-05-17"), EndsOn: date("2022-05-28"), Place: "Cannes"}
			in := u
			e.ok(e.s.UpdateFestivalEdition(e.ctx, &in), "UpdateFestivalEdition")
			u.FestivalName, u.FestivalSlug = f.Name, f.Slug
			got, err := e.s.GetFestivalEdition(e.ctx, x.ID)
			e.ok(err, "GetFestivalEdition")
			e.same("GetFestivalEdition after update", u, got)
			_, err = e.s.GetFestivalEditionByYear(e.ctx, f.ID, 2021)
			e.kind(err, catalog.KindNotFound, "GetFestivalEditionByYear(old year)")

			dup := catalog.FestivalEdition{FestivalID: f.ID, Year: 2022}
			e.kind(e.s.CreateFestivalEdition(e.ctx, &dup), catalog.KindConflict, "CreateFestivalEdition for a year the festival already has")

			missing := catalog.FestivalEdition{ID: 987654, FestivalID: f.ID, Year: 2030}
			e.kind(e.s.UpdateFestivalEdition(e.ctx, &missing), catalog.KindNotFound, "UpdateFestivalEdition of a missing ID")
			_, err = e.s.GetFestivalEdition(e.ctx, 987654)
			e.kind(err, catalog.KindNotFound, "GetFestivalEdition of a missing ID")
			_, err = e.s.GetFestivalEditionByYear(e.ctx, 987654, 2022)
			e.kind(err, catalog.KindNotFound, "GetFestivalEditionByYear of a missing festival")
			e.ok(e.s.DeleteFestivalEdition(e.ctx, x.ID), "DeleteFestivalEdition")
			_, err = e.s.GetFestivalEdition(e.ctx, x.ID)
			e.kind(err, catalog.KindNotFound, "GetFestivalEdition after delete")
			e.kind(e.s.DeleteFestivalEdition(e.ctx, x.ID), catalog.KindNotFound, "DeleteFestivalEdition twice")
		}},
		{"EditionsByYear", func(t *testing.T, e *env) {
			cannes := e.festival(catalog.Festival{Name: "Cannes"})
			venice := e.festival(catalog.Festival{Name: "Venice"})
			var want []int64
			for _, y := range []int{2019, 2023, 2021} {
				e.festEdition(catalog.FestivalEdition{FestivalID: cannes.ID, Year: y})
			}
			v21 := e.festEdition(catalog.FestivalEdition{FestivalID: venice.ID, Year: 2021})
			e.festEdition(catalog.FestivalEdition{FestivalID: venice.ID, Year: 2024})
			list, err := e.s.ListFestivalEditions(e.ctx, cannes.ID)
			e.ok(err, "ListFestivalEditions")
			var years []int
			for _, x := range list {
				years = append(years, x.Year)
				want = append(want, cannes.ID)
				if x.FestivalName != "Cannes" || x.FestivalSlug != cannes.Slug {
					t.Errorf("ListFestivalEditions: edition %d has festival %q/%q, want Cannes/%s", x.ID, x.FestivalName, x.FestivalSlug, cannes.Slug)
				}
			}
			e.same("ListFestivalEditions years (newest first)", []int{2023, 2021, 2019}, years)
			e.same("ListFestivalEditions festival IDs", want, ids(list, func(x catalog.FestivalEdition) int64 { return x.FestivalID }))

			got, err := e.s.GetFestivalEditionByYear(e.ctx, venice.ID, 2021)
			e.ok(err, "GetFestivalEditionByYear")
			if got.ID != v21.ID {
				t.Errorf("GetFestivalEditionByYear(venice, 2021) = edition %d, want %d", got.ID, v21.ID)
			}
			_, err = e.s.GetFestivalEditionByYear(e.ctx, venice.ID, 2019)
			e.kind(err, catalog.KindNotFound, "GetFestivalEditionByYear(venice, 2019)")
			list, err = e.s.ListFestivalEditions(e.ctx, 987654)
			if err == nil && len(list) != 0 {
				t.Errorf("ListFestivalEditions(missing festival) = %d editions", len(list))
			}
		}},
		{"SelectionRoundTrip", func(t *testing.T, e *env) {
			film := e.film(catalog.Film{Title: "Red Rocket", Slug: "red-rocket-2021", Year: 2021})
			f := e.festival(fullFestival())
			fe := e.festEdition(catalog.FestivalEdition{FestivalID: f.ID, Year: 2021})
			in := catalog.Selection{FilmID: film.ID, FestivalEditionID: fe.ID, Section: "Competition", Premiere: catalog.PremiereWorld, Note: "in competition for the Palme d'Or"}
			s := in
			e.ok(e.s.CreateSelection(e.ctx, &s), "CreateSelection")
			e.checkID("selection", s.ID)
			want := in
			want.ID = s.ID
			want.FilmTitle, want.FilmSlug, want.FilmYear = "Red Rocket", "red-rocket-2021", 2021
			want.FestivalName, want.FestivalSlug, want.Year = f.Name, "cannes", 2021
			got, err := e.s.GetSelection(e.ctx, s.ID)
			e.ok(err, "GetSelection")
			e.same("GetSelection", want, got)
			list, err := e.s.ListSelections(e.ctx, catalog.SelectionFilter{FilmID: film.ID})
			e.ok(err, "ListSelections")
			e.same("ListSelections", []catalog.Selection{want}, list)

			// Update every field.
			fe2 := e.festEdition(catalog.FestivalEdition{FestivalID: f.ID, Year: 2022})
			other := e.film(catalog.Film{Title: "Tangerine", Slug: "tangerine-2015", Year: 2015})
			u := catalog.Selection{ID: s.ID, FilmID: other.ID, FestivalEditionID: fe2.ID, Section: "Cannes Classics", Premiere: catalog.PremiereNone}
			in2 := u
			e.ok(e.s.UpdateSelection(e.ctx, &in2), "UpdateSelection")
			u.FilmTitle, u.FilmSlug, u.FilmYear = "Tangerine", "tangerine-2015", 2015
			u.FestivalName, u.FestivalSlug, u.Year = f.Name, "cannes", 2022
			got, err = e.s.GetSelection(e.ctx, s.ID)
			e.ok(err, "GetSelection")
			e.same("GetSelection after update", u, got)

			missing := u
			missing.ID = 987654
			e.kind(e.s.UpdateSelection(e.ctx, &missing), catalog.KindNotFound, "UpdateSelection of a missing ID")
			e.ok(e.s.DeleteSelection(e.ctx, s.ID), "DeleteSelection")
			_, err = e.s.GetSelection(e.ctx, s.ID)
			e.kind(err, catalog.KindNotFound, "GetSelection after delete")
			e.kind(e.s.DeleteSelection(e.ctx, s.ID), catalog.KindNotFound, "DeleteSelection twice")
		}},
		{"SelectionList", func(t *testing.T, e *env) {
			berlin := e.festival(catalog.Festival{Name: "Berlinale"})
			cannes := e.festival(catalog.Festival{Name: "Cannes"})
			c21 := e.festEdition(catalog.FestivalEdition{FestivalID: cannes.ID, Year: 2021})
			c22 := e.festEdition(catalog.FestivalEdition{FestivalID: cannes.ID, Year: 2022})
			b22 := e.festEdition(catalog.FestivalEdition{FestivalID: berlin.ID, Year: 2022})
			zeta := e.film(catalog.Film{Title: "Zeta"})
			alpha := e.film(catalog.Film{Title: "Alpha"})
			mid := e.film(catalog.Film{Title: "Mid"})
			sel := func(fe catalog.FestivalEdition, section string, f catalog.Film) int64 {
				return e.selection(catalog.Selection{FilmID: f.ID, FestivalEditionID: fe.ID, Section: section}).ID
			}
			s1 := sel(c21, "Competition", alpha)
			s2 := sel(c22, "Competition", zeta)
			s3 := sel(c22, "Competition", alpha)
			s4 := sel(c22, "Un Certain Regard", mid)
			s5 := sel(b22, "Competition", zeta)
			for _, c := range []struct {
				name string
				f    catalog.SelectionFilter
				want []int64
			}{
				{"film zeta", catalog.SelectionFilter{FilmID: zeta.ID}, []int64{s5, s2}},
				{"film alpha", catalog.SelectionFilter{FilmID: alpha.ID}, []int64{s3, s1}},
				{"festival edition", catalog.SelectionFilter{FestivalEditionID: c22.ID}, []int64{s3, s2, s4}},
				{"film and festival edition", catalog.SelectionFilter{FilmID: alpha.ID, FestivalEditionID: c21.ID}, []int64{s1}},
				{"film without selections", catalog.SelectionFilter{FilmID: 987654}, nil},
			} {
				list, err := e.s.ListSelections(e.ctx, c.f)
				e.ok(err, "ListSelections(%s)", c.name)
				e.same("ListSelections "+c.name, c.want, ids(list, selectionID))
			}
		}},
	}
}

// ---------------------------------------------------------------------------

func awardCases() []testCase {
	return []testCase{
		{"BodyRoundTrip", func(t *testing.T, e *env) {
			fest := e.festival(fullFestival())
			in := catalog.AwardBody{Slug: "cannes-jury", Name: "Cannes Jury", FestivalID: fest.ID, CreatedAt: base, UpdatedAt: at(1)}
			b := in
			e.ok(e.s.CreateAwardBody(e.ctx, &b), "CreateAwardBody")
			e.checkID("award body", b.ID)
			in.ID = b.ID
			got, err := e.s.GetAwardBody(e.ctx, b.ID)
			e.ok(err, "GetAwardBody")
			e.same("GetAwardBody", in, got)
			e.utc("GetAwardBody", got.CreatedAt, got.UpdatedAt)
			got, err = e.s.GetAwardBodyBySlug(e.ctx, "cannes-jury")
			e.ok(err, "GetAwardBodyBySlug")
			e.same("GetAwardBodyBySlug", in, got)

			u := catalog.AwardBody{ID: b.ID, Slug: "academy-awards", Name: "Academy Awards", CreatedAt: base, UpdatedAt: at(2)}
			in2 := u
			e.ok(e.s.UpdateAwardBody(e.ctx, &in2), "UpdateAwardBody")
			got, err = e.s.GetAwardBody(e.ctx, b.ID)
			e.ok(err, "GetAwardBody")
			e.same("GetAwardBody after update", u, got)
			_, err = e.s.GetAwardBodyBySlug(e.ctx, "cannes-jury")
			e.kind(err, catalog.KindNotFound, "GetAwardBodyBySlug(old slug)")

			dup := catalog.AwardBody{Name: "Other", Slug: "academy-awards", CreatedAt: base, UpdatedAt: base}
			e.kind(e.s.CreateAwardBody(e.ctx, &dup), catalog.KindConflict, "CreateAwardBody with a taken slug")
			missing := u
			missing.ID, missing.Slug = 987654, "ghost"
			e.kind(e.s.UpdateAwardBody(e.ctx, &missing), catalog.KindNotFound, "UpdateAwardBody of a missing ID")
			e.ok(e.s.DeleteAwardBody(e.ctx, b.ID), "DeleteAwardBody")
			_, err = e.s.GetAwardBody(e.ctx, b.ID)
			e.kind(err, catalog.KindNotFound, "GetAwardBody after delete")
			e.kind(e.s.DeleteAwardBody(e.ctx, b.ID), catalog.KindNotFound, "DeleteAwardBody twice")
		}},
		{"BodyListPagination", func(t *testing.T, e *env) {
			var want []int64
			for _, n := range []string{"Oscars", "BAFTA", "César", "Goya", "Golden Globes"} {
				want = append(want, e.awardBody(catalog.AwardBody{Name: n}).ID)
			}
			got, sizes := walk(e, 2, func(p catalog.Page) ([]catalog.AwardBody, string, error) {
				return e.s.ListAwardBodies(e.ctx, p)
			})
			e.same("page sizes", []int{2, 2, 1}, sizes)
			e.same("award bodies walked page by page (any order, each once)", sortedIDs(want), sortedIDs(ids(got, func(b catalog.AwardBody) int64 { return b.ID })))
		}},
		{"CategoryRoundTrip", func(t *testing.T, e *env) {
			body := e.awardBody(catalog.AwardBody{Name: "Academy Awards", Slug: "academy-awards"})
			in := catalog.AwardCategory{AwardBodyID: body.ID, Name: "Best Actor", PersonAward: true}
			c := in
			e.ok(e.s.CreateAwardCategory(e.ctx, &c), "CreateAwardCategory")
			e.checkID("award category", c.ID)
			want := in
			want.ID, want.AwardBodyName, want.AwardBodySlug = c.ID, "Academy Awards", "academy-awards"
			got, err := e.s.GetAwardCategory(e.ctx, c.ID)
			e.ok(err, "GetAwardCategory")
			e.same("GetAwardCategory", want, got)

			other := e.awardBody(catalog.AwardBody{Name: "BAFTA", Slug: "bafta"})
			u := catalog.AwardCategory{ID: c.ID, AwardBodyID: other.ID, Name: "Best Film", PersonAward: false}
			in2 := u
			e.ok(e.s.UpdateAwardCategory(e.ctx, &in2), "UpdateAwardCategory")
			u.AwardBodyName, u.AwardBodySlug = "BAFTA", "bafta"
			got, err = e.s.GetAwardCategory(e.ctx, c.ID)
			e.ok(err, "GetAwardCategory")
			e.same("GetAwardCategory after update", u, got)

			missing := u
			missing.ID = 987654
			e.kind(e.s.UpdateAwardCategory(e.ctx, &missing), catalog.KindNotFound, "UpdateAwardCategory of a missing ID")
			e.ok(e.s.DeleteAwardCategory(e.ctx, c.ID), "DeleteAwardCategory")
			_, err = e.s.GetAwardCategory(e.ctx, c.ID)
			e.kind(err, catalog.KindNotFound, "GetAwardCategory after delete")
			e.kind(e.s.DeleteAwardCategory(e.ctx, c.ID), catalog.KindNotFound, "DeleteAwardCategory twice")
		}},
		{"CategoryList", func(t *testing.T, e *env) {
			body := e.awardBody(catalog.AwardBody{Name: "Cannes Jury", Slug: "cannes-jury"})
			other := e.awardBody(catalog.AwardBody{Name: "Academy Awards"})
			for _, n := range []string{"Prix du Jury", "Best Actor", "Palme d'Or"} {
				e.category(catalog.AwardCategory{AwardBodyID: body.ID, Name: n, PersonAward: n == "Best Actor"})
			}
			e.category(catalog.AwardCategory{AwardBodyID: other.ID, Name: "Best Picture"})
			list, err := e.s.ListAwardCategories(e.ctx, body.ID)
			e.ok(err, "ListAwardCategories")
			var got []string
			for _, c := range list {
				got = append(got, c.Name)
				if c.AwardBodyName != "Cannes Jury" || c.AwardBodySlug != "cannes-jury" || c.AwardBodyID != body.ID {
					t.Errorf("category %q has body %d %q/%q", c.Name, c.AwardBodyID, c.AwardBodyName, c.AwardBodySlug)
				}
				if c.PersonAward != (c.Name == "Best Actor") {
					t.Errorf("category %q has PersonAward %v", c.Name, c.PersonAward)
				}
			}
			e.same("ListAwardCategories (by name)", []string{"Best Actor", "Palme d'Or", "Prix du Jury"}, got)
		}},
		{"NominationRoundTrip", func(t *testing.T, e *env) {
			body := e.awardBody(catalog.AwardBody{Name: "Academy Awards", Slug: "academy-awards"})
			cat := e.category(catalog.AwardCategory{AwardBodyID: body.ID, Name: "Best Actor", PersonAward: true})
			film := e.film(catalog.Film{Title: "Red Rocket", Slug: "red-rocket-2021", Year: 2021})
			p := e.person(catalog.Person{Name: "Simon Rex", Slug: "simon-rex"})
			in := catalog.Nomination{
				CategoryID: cat.ID, FilmID: film.ID, PersonID: p.ID, Year: 2022, Ceremony: "94th Academy Awards",
				Result: catalog.ResultLost, Note: "first nomination", CreatedAt: base, UpdatedAt: at(1),
			}
			n := in
			e.ok(e.s.CreateNomination(e.ctx, &n), "CreateNomination")
			e.checkID("nomination", n.ID)
			want := in
			want.ID = n.ID
			want.CategoryName, want.AwardBodyName, want.AwardBodySlug = "Best Actor", "Academy Awards", "academy-awards"
			want.FilmTitle, want.FilmSlug, want.FilmYear = "Red Rocket", "red-rocket-2021", 2021
			want.PersonName, want.PersonSlug = "Simon Rex", "simon-rex"
			got, err := e.s.GetNomination(e.ctx, n.ID)
			e.ok(err, "GetNomination")
			e.same("GetNomination", want, got)
			e.utc("GetNomination", got.CreatedAt, got.UpdatedAt)
			list, err := e.s.ListNominations(e.ctx, catalog.NominationFilter{FilmID: film.ID})
			e.ok(err, "ListNominations")
			e.same("ListNominations", []catalog.Nomination{want}, list)

			// A festival award to the film only.
			fest := e.festival(catalog.Festival{Name: "Cannes", Slug: "cannes"})
			fe := e.festEdition(catalog.FestivalEdition{FestivalID: fest.ID, Year: 2021})
			jury := e.awardBody(catalog.AwardBody{Name: "Cannes Jury", Slug: "cannes-jury", FestivalID: fest.ID})
			palme := e.category(catalog.AwardCategory{AwardBodyID: jury.ID, Name: "Palme d'Or"})
			u := catalog.Nomination{
				ID: n.ID, CategoryID: palme.ID, FilmID: film.ID, Year: 2021, FestivalEditionID: fe.ID,
				Result: catalog.ResultNominated, CreatedAt: base, UpdatedAt: at(2),
			}
			in2 := u
			e.ok(e.s.UpdateNomination(e.ctx, &in2), "UpdateNomination")
			u.CategoryName, u.AwardBodyName, u.AwardBodySlug = "Palme d'Or", "Cannes Jury", "cannes-jury"
			u.FilmTitle, u.FilmSlug, u.FilmYear = "Red Rocket", "red-rocket-2021", 2021
			got, err = e.s.GetNomination(e.ctx, n.ID)
			e.ok(err, "GetNomination")
			e.same("GetNomination after update (no person)", u, got)

			missing := u
			missing.ID = 987654
			e.kind(e.s.UpdateNomination(e.ctx, &missing), catalog.KindNotFound, "UpdateNomination of a missing ID")
			e.ok(e.s.DeleteNomination(e.ctx, n.ID), "DeleteNomination")
			_, err = e.s.GetNomination(e.ctx, n.ID)
			e.kind(err, catalog.KindNotFound, "GetNomination after delete")
			e.kind(e.s.DeleteNomination(e.ctx, n.ID), catalog.KindNotFound, "DeleteNomination twice")
		}},
		{"NominationList", func(t *testing.T, e *env) {
			cannes := e.festival(catalog.Festival{Name: "Cannes"})
			c21 := e.festEdition(catalog.FestivalEdition{FestivalID: cannes.ID, Year: 2021})
			c22 := e.festEdition(catalog.FestivalEdition{FestivalID: cannes.ID, Year: 2022})
			academy := e.awardBody(catalog.AwardBody{Name: "Academy Awards"})
			jury := e.awardBody(catalog.AwardBody{Name: "Cannes Jury", FestivalID: cannes.ID})
			actor := e.category(catalog.AwardCategory{AwardBodyID: academy.ID, Name: "Best Actor", PersonAward: true})
			picture := e.category(catalog.AwardCategory{AwardBodyID: academy.ID, Name: "Best Picture"})
			director := e.category(catalog.AwardCategory{AwardBodyID: jury.ID, Name: "Best Director", PersonAward: true})
			palme := e.category(catalog.AwardCategory{AwardBodyID: jury.ID, Name: "Palme d'Or"})
			f1 := e.film(catalog.Film{Title: "F1"})
			f2 := e.film(catalog.Film{Title: "F2"})
			p := e.person(catalog.Person{Name: "P P"})
			nom := func(c catalog.AwardCategory, f catalog.Film, person int64, year int, res catalog.NominationResult, fe int64) int64 {
				return e.nomination(catalog.Nomination{CategoryID: c.ID, FilmID: f.ID, PersonID: person, Year: year, Result: res, FestivalEditionID: fe}).ID
			}
			n1 := nom(picture, f1, 0, 2022, catalog.ResultNominated, 0)
			n2 := nom(actor, f1, p.ID, 2022, catalog.ResultWon, 0)
			n3 := nom(palme, f1, 0, 2021, catalog.ResultWon, c21.ID)
			n4 := nom(picture, f2, 0, 2022, catalog.ResultLost, 0)
			n5 := nom(actor, f2, p.ID, 2023, catalog.ResultPending, 0)
			n6 := nom(director, f2, p.ID, 2022, catalog.ResultNominated, c22.ID)
			for _, c := range []struct {
				name string
				f    catalog.NominationFilter
				want []int64
			}{
				{"film", catalog.NominationFilter{FilmID: f1.ID}, []int64{n2, n1, n3}},
				{"person", catalog.NominationFilter{PersonID: p.ID}, []int64{n5, n2, n6}},
				{"category", catalog.NominationFilter{CategoryID: picture.ID}, []int64{n1, n4}},
				{"award body", catalog.NominationFilter{AwardBodyID: academy.ID}, []int64{n5, n2, n1, n4}},
				{"festival edition", catalog.NominationFilter{FestivalEditionID: c21.ID}, []int64{n3}},
				{"result", catalog.NominationFilter{Result: catalog.ResultWon}, []int64{n2, n3}},
				{"film and result", catalog.NominationFilter{FilmID: f2.ID, Result: catalog.ResultNominated}, []int64{n6}},
				{"person and award body", catalog.NominationFilter{PersonID: p.ID, AwardBodyID: jury.ID}, []int64{n6}},
				{"nothing matches", catalog.NominationFilter{FilmID: f1.ID, Result: catalog.ResultWithdrawn}, nil},
			} {
				list, err := e.s.ListNominations(e.ctx, c.f)
				e.ok(err, "ListNominations(%s)", c.name)
				e.same("ListNominations "+c.name, c.want, ids(list, nominationID))
			}
		}},
	}
}
