package storetest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/marquee-film/marquee/internal/catalog"
)

const missingID = 987654

// world is one of everything, for cases that need references to exist.
type world struct {
	film     catalog.Film
	person   catalog.Person
	org      catalog.Organization
	release  catalog.Release
	edition  catalog.Edition
	extra    catalog.Extra
	festival catalog.Festival
	festEd   catalog.FestivalEdition
	body     catalog.AwardBody
	category catalog.AwardCategory
	source   catalog.Source
}

func newWorld(e *env) world {
	e.t.Helper()
	var w world
	w.film = e.film(catalog.Film{Title: "World Film", Year: 2022})
	w.person = e.person(catalog.Person{Name: "World Person"})
	w.org = e.org(catalog.Organization{Name: "World Org", Kinds: []catalog.OrgKind{catalog.OrgDistributor, catalog.OrgDiscLabel}})
	w.release = e.release(catalog.Release{FilmID: w.film.ID, Type: catalog.ReleasePhysical, Date: date("2022-06")})
	w.edition = e.edition(catalog.Edition{ReleaseID: w.release.ID})
	w.extra = e.extra(catalog.Extra{EditionID: w.edition.ID, Position: 1})
	w.festival = e.festival(catalog.Festival{Name: "World Fest"})
	w.festEd = e.festEdition(catalog.FestivalEdition{FestivalID: w.festival.ID, Year: 2022})
	w.body = e.awardBody(catalog.AwardBody{Name: "World Awards"})
	w.category = e.category(catalog.AwardCategory{AwardBodyID: w.body.ID, Name: "Best Film"})
	w.source = e.source(catalog.Source{Title: "World Source"})
	return w
}

// counter counts some records so a case can check that a failed write
// wrote nothing.
type counter func(e *env) int

func countCredits(f catalog.CreditFilter) counter {
	return func(e *env) int {
		e.t.Helper()
		cs, err := e.s.ListCredits(e.ctx, f)
		e.ok(err, "ListCredits(%+v)", f)
		return len(cs)
	}
}

func countAllReleases(e *env) int {
	e.t.Helper()
	rs, _, err := e.s.ListReleases(e.ctx, catalog.ReleaseFilter{IncludeTBA: true, Page: catalog.Page{Limit: catalog.MaxPageLimit}})
	e.ok(err, "ListReleases")
	return len(rs)
}

func countEditions(f catalog.EditionFilter) counter {
	return func(e *env) int {
		e.t.Helper()
		xs, err := e.s.ListEditions(e.ctx, f)
		e.ok(err, "ListEditions(%+v)", f)
		return len(xs)
	}
}

func countExtras(f catalog.ExtraFilter) counter {
	return func(e *env) int {
		e.t.Helper()
		xs, err := e.s.ListExtras(e.ctx, f)
		e.ok(err, "ListExtras(%+v)", f)
		return len(xs)
	}
}

func countSelections(f catalog.SelectionFilter) counter {
	return func(e *env) int {
		e.t.Helper()
		xs, err := e.s.ListSelections(e.ctx, f)
		e.ok(err, "ListSelections(%+v)", f)
		return len(xs)
	}
}

func countNominations(f catalog.NominationFilter) counter {
	return func(e *env) int {
		e.t.Helper()
		xs, err := e.s.ListNominations(e.ctx, f)
		e.ok(err, "ListNominations(%+v)", f)
		return len(xs)
	}
}

func countClaims(f catalog.ClaimFilter) counter {
	return func(e *env) int {
		e.t.Helper()
		xs, err := e.s.ListClaims(e.ctx, f)
		e.ok(err, "ListClaims(%+v)", f)
		return len(xs)
	}
}

// countFestEditions and countCategories accept KindNotFound for a
// missing parent, which the contract allows.
func countFestEditions(festivalID int64) counter {
	return func(e *env) int {
		e.t.Helper()
		xs, err := e.s.ListFestivalEditions(e.ctx, festivalID)
		if catalog.IsKind(err, catalog.KindNotFound) {
			return 0
		}
		e.ok(err, "ListFestivalEditions(%d)", festivalID)
		return len(xs)
	}
}

func countCategories(bodyID int64) counter {
	return func(e *env) int {
		e.t.Helper()
		xs, err := e.s.ListAwardCategories(e.ctx, bodyID)
		if catalog.IsKind(err, catalog.KindNotFound) {
			return 0
		}
		e.ok(err, "ListAwardCategories(%d)", bodyID)
		return len(xs)
	}
}

func countSources(e *env) int {
	e.t.Helper()
	xs, _, err := e.s.ListSources(e.ctx, catalog.SourceFilter{Page: catalog.Page{Limit: catalog.MaxPageLimit}})
	e.ok(err, "ListSources")
	return len(xs)
}

func countFestivals(e *env) int {
	e.t.Helper()
	xs, _, err := e.s.ListFestivals(e.ctx, catalog.Page{Limit: catalog.MaxPageLimit})
	e.ok(err, "ListFestivals")
	return len(xs)
}

func countAwardBodies(e *env) int {
	e.t.Helper()
	xs, _, err := e.s.ListAwardBodies(e.ctx, catalog.Page{Limit: catalog.MaxPageLimit})
	e.ok(err, "ListAwardBodies")
	return len(xs)
}

func countTokens(e *env) int {
	e.t.Helper()
	xs, err := e.s.ListTokens(e.ctx)
	e.ok(err, "ListTokens")
	return len(xs)
}

// writeCase is a write that must fail with one of kinds and write nothing
// that count can see.
type writeCase struct {
	name  string
	write func(e *env, w world) error
	count func(w world) counter
}

func runWriteCases(t *testing.T, e *env, kinds []catalog.ErrorKind, cases []writeCase) {
	t.Helper()
	w := newWorld(e)
	for _, c := range cases {
		count := c.count(w)
		before := count(e)
		err := c.write(e, w)
		e.kindIn(err, kinds, "%s", c.name)
		if after := count(e); after != before {
			t.Errorf("%s: the failed write changed the record count from %d to %d", c.name, before, after)
		}
	}
}

func integrityCases() []testCase {
	return []testCase{
		{"DanglingReferences", func(t *testing.T, e *env) {
			// A reference to a record that does not exist is the caller's
			// mistake: KindInvalid or KindNotFound, never internal.
			runWriteCases(t, e, invalidOrNotFound, []writeCase{
				{"credit for a missing person", func(e *env, w world) error {
					return e.s.CreateCredit(e.ctx, &catalog.Credit{FilmID: w.film.ID, PersonID: missingID, Department: catalog.DeptDirecting, Job: "director"})
				}, func(w world) counter { return countCredits(catalog.CreditFilter{FilmID: w.film.ID}) }},
				{"credit for a missing film", func(e *env, w world) error {
					return e.s.CreateCredit(e.ctx, &catalog.Credit{FilmID: missingID, PersonID: w.person.ID, Department: catalog.DeptDirecting, Job: "director"})
				}, func(w world) counter { return countCredits(catalog.CreditFilter{PersonID: w.person.ID}) }},
				{"release of a missing film", func(e *env, w world) error {
					return e.s.CreateRelease(e.ctx, &catalog.Release{FilmID: missingID, Type: catalog.ReleaseTheatrical, Status: catalog.ReleaseAnnounced, CreatedAt: base, UpdatedAt: base})
				}, func(world) counter { return countAllReleases }},
				{"release by a missing distributor", func(e *env, w world) error {
					return e.s.CreateRelease(e.ctx, &catalog.Release{FilmID: w.film.ID, Type: catalog.ReleaseTheatrical, Status: catalog.ReleaseAnnounced, DistributorID: missingID, CreatedAt: base, UpdatedAt: base})
				}, func(world) counter { return countAllReleases }},
				{"premiere at a missing festival edition", func(e *env, w world) error {
					return e.s.CreateRelease(e.ctx, &catalog.Release{FilmID: w.film.ID, Type: catalog.ReleasePremiere, Status: catalog.ReleaseAnnounced, FestivalEditionID: missingID, CreatedAt: base, UpdatedAt: base})
				}, func(world) counter { return countAllReleases }},
				{"edition of a missing release", func(e *env, w world) error {
					return e.s.CreateEdition(e.ctx, &catalog.Edition{ReleaseID: missingID, LabelID: w.org.ID, Formats: []catalog.Format{catalog.FormatDVD}, CreatedAt: base, UpdatedAt: base})
				}, func(w world) counter { return countEditions(catalog.EditionFilter{LabelID: w.org.ID}) }},
				{"edition by a missing label", func(e *env, w world) error {
					return e.s.CreateEdition(e.ctx, &catalog.Edition{ReleaseID: w.release.ID, LabelID: missingID, Formats: []catalog.Format{catalog.FormatDVD}, CreatedAt: base, UpdatedAt: base})
				}, func(w world) counter { return countEditions(catalog.EditionFilter{ReleaseID: w.release.ID}) }},
				{"extra of a missing edition", func(e *env, w world) error {
					return e.s.CreateExtra(e.ctx, &catalog.Extra{EditionID: missingID, Kind: catalog.ExtraTrailer, Participants: []catalog.Participant{{PersonID: w.person.ID}}})
				}, func(w world) counter { return countExtras(catalog.ExtraFilter{PersonID: w.person.ID}) }},
				{"extra with a missing participant", func(e *env, w world) error {
					return e.s.CreateExtra(e.ctx, &catalog.Extra{EditionID: w.edition.ID, Kind: catalog.ExtraTrailer, Participants: []catalog.Participant{{PersonID: missingID}}})
				}, func(w world) counter { return countExtras(catalog.ExtraFilter{EditionID: w.edition.ID}) }},
				{"extra update with a missing participant", func(e *env, w world) error {
					x := w.extra
					x.Participants = []catalog.Participant{{PersonID: w.person.ID, Role: "host"}, {PersonID: missingID}}
					return e.s.UpdateExtra(e.ctx, &x)
				}, func(w world) counter { return countExtras(catalog.ExtraFilter{PersonID: w.person.ID}) }},
				{"festival edition of a missing festival", func(e *env, w world) error {
					return e.s.CreateFestivalEdition(e.ctx, &catalog.FestivalEdition{FestivalID: missingID, Year: 2022})
				}, func(w world) counter { return countFestEditions(missingID) }},
				{"selection of a missing film", func(e *env, w world) error {
					return e.s.CreateSelection(e.ctx, &catalog.Selection{FilmID: missingID, FestivalEditionID: w.festEd.ID})
				}, func(w world) counter { return countSelections(catalog.SelectionFilter{FestivalEditionID: w.festEd.ID}) }},
				{"selection at a missing festival edition", func(e *env, w world) error {
					return e.s.CreateSelection(e.ctx, &catalog.Selection{FilmID: w.film.ID, FestivalEditionID: missingID})
				}, func(w world) counter { return countSelections(catalog.SelectionFilter{FilmID: w.film.ID}) }},
				{"category of a missing award body", func(e *env, w world) error {
					return e.s.CreateAwardCategory(e.ctx, &catalog.AwardCategory{AwardBodyID: missingID, Name: "Best"})
				}, func(w world) counter { return countCategories(missingID) }},
				{"nomination in a missing category", func(e *env, w world) error {
					return e.s.CreateNomination(e.ctx, &catalog.Nomination{CategoryID: missingID, FilmID: w.film.ID, Year: 2022, Result: catalog.ResultWon, CreatedAt: base, UpdatedAt: base})
				}, func(w world) counter { return countNominations(catalog.NominationFilter{FilmID: w.film.ID}) }},
				{"nomination of a missing person", func(e *env, w world) error {
					return e.s.CreateNomination(e.ctx, &catalog.Nomination{CategoryID: w.category.ID, FilmID: w.film.ID, PersonID: missingID, Year: 2022, Result: catalog.ResultWon, CreatedAt: base, UpdatedAt: base})
				}, func(w world) counter { return countNominations(catalog.NominationFilter{FilmID: w.film.ID}) }},
				{"nomination of a missing film", func(e *env, w world) error {
					return e.s.CreateNomination(e.ctx, &catalog.Nomination{CategoryID: w.category.ID, FilmID: missingID, Year: 2022, Result: catalog.ResultWon, CreatedAt: base, UpdatedAt: base})
				}, func(w world) counter { return countNominations(catalog.NominationFilter{CategoryID: w.category.ID}) }},
				{"claim from a missing source", func(e *env, w world) error {
					return e.s.AddClaim(e.ctx, &catalog.Claim{SourceID: missingID, Subject: filmRef(w.film.ID), FilmID: w.film.ID, CreatedAt: base})
				}, func(w world) counter { return countClaims(catalog.ClaimFilter{FilmID: w.film.ID}) }},
			})
			// An update that points a credit at a missing person leaves it as it was.
			w := newWorld(e)
			c := e.credit(catalog.Credit{FilmID: w.film.ID, PersonID: w.person.ID})
			u := c
			u.PersonID = missingID
			e.kindIn(e.s.UpdateCredit(e.ctx, &u), invalidOrNotFound, "UpdateCredit to a missing person")
			got, err := e.s.GetCredit(e.ctx, c.ID)
			e.ok(err, "GetCredit")
			if got.PersonID != w.person.ID {
				t.Errorf("credit now points at person %d, want %d", got.PersonID, w.person.ID)
			}
		}},
		{"DeleteStillReferenced", func(t *testing.T, e *env) {
			w := newWorld(e)
			// A credited person.
			c := e.credit(catalog.Credit{FilmID: w.film.ID, PersonID: w.person.ID})
			e.kind(e.s.DeletePerson(e.ctx, w.person.ID), catalog.KindConflict, "DeletePerson while credited")
			if _, err := e.s.GetPerson(e.ctx, w.person.ID); err != nil {
				t.Errorf("GetPerson after refused delete: %v", err)
			}
			if _, err := e.s.GetCredit(e.ctx, c.ID); err != nil {
				t.Errorf("GetCredit after refused person delete: %v", err)
			}
			e.ok(e.s.DeleteCredit(e.ctx, c.ID), "DeleteCredit")
			e.ok(e.s.DeletePerson(e.ctx, w.person.ID), "DeletePerson once no longer credited")

			// A distributor.
			r := e.release(catalog.Release{FilmID: w.film.ID, DistributorID: w.org.ID, Date: date("2022-09-01")})
			e.kind(e.s.DeleteOrganization(e.ctx, w.org.ID), catalog.KindConflict, "DeleteOrganization while distributing a release")
			if _, err := e.s.GetOrganization(e.ctx, w.org.ID); err != nil {
				t.Errorf("GetOrganization after refused delete: %v", err)
			}
			got, err := e.s.GetRelease(e.ctx, r.ID)
			e.ok(err, "GetRelease")
			if got.DistributorID != w.org.ID {
				t.Errorf("release distributor is %d after refused delete, want %d", got.DistributorID, w.org.ID)
			}
			e.ok(e.s.DeleteRelease(e.ctx, r.ID), "DeleteRelease")
			e.ok(e.s.DeleteOrganization(e.ctx, w.org.ID), "DeleteOrganization once no longer referenced")

			// A festival whose edition has a selection.
			s := e.selection(catalog.Selection{FilmID: w.film.ID, FestivalEditionID: w.festEd.ID, Section: "Competition"})
			e.kind(e.s.DeleteFestival(e.ctx, w.festival.ID), catalog.KindConflict, "DeleteFestival with an edition in use")
			if _, err := e.s.GetFestival(e.ctx, w.festival.ID); err != nil {
				t.Errorf("GetFestival after refused delete: %v", err)
			}
			if _, err := e.s.GetFestivalEdition(e.ctx, w.festEd.ID); err != nil {
				t.Errorf("GetFestivalEdition after refused festival delete: %v", err)
			}
			if _, err := e.s.GetSelection(e.ctx, s.ID); err != nil {
				t.Errorf("GetSelection after refused festival delete: %v", err)
			}
		}},
		{"DeleteReferencedElsewhere", func(t *testing.T, e *env) {
			// Every other record that another aggregate still points at
			// refuses deletion with KindConflict and stays.
			w := newWorld(e)
			participant := e.person(catalog.Person{Name: "Only Participant"})
			nominee := e.person(catalog.Person{Name: "Only Nominee"})
			label := e.org(catalog.Organization{Name: "Only Label", Kinds: []catalog.OrgKind{catalog.OrgDiscLabel}})
			e.extra(catalog.Extra{EditionID: w.edition.ID, Position: 2, Participants: []catalog.Participant{{PersonID: participant.ID, Role: "host"}}})
			e.nomination(catalog.Nomination{CategoryID: w.category.ID, FilmID: w.film.ID, PersonID: nominee.ID})
			e.edition(catalog.Edition{ReleaseID: w.release.ID, LabelID: label.ID})
			e.selection(catalog.Selection{FilmID: w.film.ID, FestivalEditionID: w.festEd.ID})
			premiereFest := e.festival(catalog.Festival{Name: "Premiere Fest"})
			premiereEd := e.festEdition(catalog.FestivalEdition{FestivalID: premiereFest.ID, Year: 2022})
			e.release(catalog.Release{FilmID: w.film.ID, Type: catalog.ReleasePremiere, FestivalEditionID: premiereEd.ID, Date: date("2022-02-10")})

			for _, c := range []struct {
				name  string
				del   func() error
				still func() error
			}{
				{"person who takes part in an extra",
					func() error { return e.s.DeletePerson(e.ctx, participant.ID) },
					func() error { _, err := e.s.GetPerson(e.ctx, participant.ID); return err }},
				{"nominated person",
					func() error { return e.s.DeletePerson(e.ctx, nominee.ID) },
					func() error { _, err := e.s.GetPerson(e.ctx, nominee.ID); return err }},
				{"edition label",
					func() error { return e.s.DeleteOrganization(e.ctx, label.ID) },
					func() error { _, err := e.s.GetOrganization(e.ctx, label.ID); return err }},
				{"festival edition with a selection",
					func() error { return e.s.DeleteFestivalEdition(e.ctx, w.festEd.ID) },
					func() error { _, err := e.s.GetFestivalEdition(e.ctx, w.festEd.ID); return err }},
				{"festival whose edition a premiere release points at",
					func() error { return e.s.DeleteFestival(e.ctx, premiereFest.ID) },
					func() error { _, err := e.s.GetFestivalEdition(e.ctx, premiereEd.ID); return err }},
				{"festival edition a premiere release points at",
					func() error { return e.s.DeleteFestivalEdition(e.ctx, premiereEd.ID) },
					func() error { _, err := e.s.GetFestivalEdition(e.ctx, premiereEd.ID); return err }},
				{"award category with nominations",
					func() error { return e.s.DeleteAwardCategory(e.ctx, w.category.ID) },
					func() error { _, err := e.s.GetAwardCategory(e.ctx, w.category.ID); return err }},
				{"award body whose category has nominations",
					func() error { return e.s.DeleteAwardBody(e.ctx, w.body.ID) },
					func() error { _, err := e.s.GetAwardCategory(e.ctx, w.category.ID); return err }},
			} {
				e.kind(c.del(), catalog.KindConflict, "delete %s", c.name)
				if err := c.still(); err != nil {
					t.Errorf("after refusing to delete the %s: %v", c.name, err)
				}
			}
		}},
		{"DeleteFilmCascades", func(t *testing.T, e *env) {
			w := newWorld(e)
			f := w.film
			keep := e.film(catalog.Film{Title: "Kept Film"})
			actor := e.person(catalog.Person{Name: "Actor Person"})
			credit := e.credit(catalog.Credit{FilmID: f.ID, PersonID: w.person.ID})
			credit2 := e.credit(catalog.Credit{FilmID: f.ID, PersonID: actor.ID, Department: catalog.DeptCast, Job: "actor", Character: "Lead", Billing: 1})
			keptCredit := e.credit(catalog.Credit{FilmID: keep.ID, PersonID: actor.ID, Department: catalog.DeptCast, Job: "actor"})
			r2 := e.release(catalog.Release{FilmID: f.ID, DistributorID: w.org.ID, FestivalEditionID: w.festEd.ID, Type: catalog.ReleasePremiere, Date: date("2022-05-20")})
			ed2 := e.edition(catalog.Edition{ReleaseID: r2.ID, LabelID: w.org.ID, Formats: []catalog.Format{catalog.FormatDigital}})
			x := e.extra(catalog.Extra{EditionID: w.edition.ID, Position: 2, Participants: []catalog.Participant{{PersonID: actor.ID, Role: "host"}, {PersonID: w.person.ID, Role: "guest"}}})
			sel := e.selection(catalog.Selection{FilmID: f.ID, FestivalEditionID: w.festEd.ID})
			nom := e.nomination(catalog.Nomination{CategoryID: w.category.ID, FilmID: f.ID, PersonID: actor.ID, Year: 2022})
			keptRelease := e.release(catalog.Release{FilmID: keep.ID, DistributorID: w.org.ID})
			keptSel := e.selection(catalog.Selection{FilmID: keep.ID, FestivalEditionID: w.festEd.ID})
			keptNom := e.nomination(catalog.Nomination{CategoryID: w.category.ID, FilmID: keep.ID, Year: 2022})
			e.claim(catalog.Claim{SourceID: w.source.ID, Subject: filmRef(f.ID), FilmID: f.ID, Field: "title", Value: f.Title})
			e.claim(catalog.Claim{SourceID: w.source.ID, Subject: catalog.EntityRef{Type: catalog.EntityRelease, ID: r2.ID}, FilmID: f.ID, Field: "date", Value: "2022-05-20", Preferred: true})
			e.claim(catalog.Claim{SourceID: w.source.ID, Subject: catalog.EntityRef{Type: catalog.EntityCredit, ID: credit.ID}, FilmID: f.ID})
			keptClaim := e.claim(catalog.Claim{SourceID: w.source.ID, Subject: filmRef(keep.ID), FilmID: keep.ID})
			personClaim := e.claim(catalog.Claim{SourceID: w.source.ID, Subject: catalog.EntityRef{Type: catalog.EntityPerson, ID: actor.ID}, Field: "name", Value: actor.Name})

			e.ok(e.s.DeleteFilm(e.ctx, f.ID), "DeleteFilm")

			gone := []struct {
				name string
				err  error
			}{
				{"film", func() error { _, err := e.s.GetFilm(e.ctx, f.ID); return err }()},
				{"credit", func() error { _, err := e.s.GetCredit(e.ctx, credit.ID); return err }()},
				{"cast credit", func() error { _, err := e.s.GetCredit(e.ctx, credit2.ID); return err }()},
				{"release", func() error { _, err := e.s.GetRelease(e.ctx, w.release.ID); return err }()},
				{"premiere", func() error { _, err := e.s.GetRelease(e.ctx, r2.ID); return err }()},
				{"edition", func() error { _, err := e.s.GetEdition(e.ctx, w.edition.ID); return err }()},
				{"labelled edition", func() error { _, err := e.s.GetEdition(e.ctx, ed2.ID); return err }()},
				{"extra", func() error { _, err := e.s.GetExtra(e.ctx, w.extra.ID); return err }()},
				{"extra with participants", func() error { _, err := e.s.GetExtra(e.ctx, x.ID); return err }()},
				{"selection", func() error { _, err := e.s.GetSelection(e.ctx, sel.ID); return err }()},
				{"nomination", func() error { _, err := e.s.GetNomination(e.ctx, nom.ID); return err }()},
			}
			for _, g := range gone {
				e.kind(g.err, catalog.KindNotFound, "Get %s of the deleted film", g.name)
			}
			claims, err := e.s.ListClaims(e.ctx, catalog.ClaimFilter{FilmID: f.ID})
			e.ok(err, "ListClaims(deleted film)")
			if len(claims) != 0 {
				t.Errorf("ListClaims(FilmID of the deleted film) = %d claims, want none", len(claims))
			}
			claims, err = e.s.ListClaims(e.ctx, catalog.ClaimFilter{SourceID: w.source.ID})
			e.ok(err, "ListClaims(source)")
			e.same("claims left on the source", []int64{keptClaim.ID, personClaim.ID}, sortedIDs(ids(claims, claimID)))
			extras, err := e.s.ListExtras(e.ctx, catalog.ExtraFilter{PersonID: actor.ID})
			e.ok(err, "ListExtras(person)")
			if len(extras) != 0 {
				t.Errorf("participant still lists %d extras", len(extras))
			}
			credits, err := e.s.ListCredits(e.ctx, catalog.CreditFilter{PersonID: actor.ID})
			e.ok(err, "ListCredits(person)")
			e.same("credits left for the actor", []int64{keptCredit.ID}, ids(credits, creditID))

			// What is not the film's stays.
			for _, c := range []struct {
				name string
				err  error
			}{
				{"person", func() error { _, err := e.s.GetPerson(e.ctx, w.person.ID); return err }()},
				{"actor", func() error { _, err := e.s.GetPerson(e.ctx, actor.ID); return err }()},
				{"organization", func() error { _, err := e.s.GetOrganization(e.ctx, w.org.ID); return err }()},
				{"festival edition", func() error { _, err := e.s.GetFestivalEdition(e.ctx, w.festEd.ID); return err }()},
				{"award category", func() error { _, err := e.s.GetAwardCategory(e.ctx, w.category.ID); return err }()},
				{"source", func() error { _, err := e.s.GetSource(e.ctx, w.source.ID); return err }()},
				{"other film", func() error { _, err := e.s.GetFilm(e.ctx, keep.ID); return err }()},
				{"other film's release", func() error { _, err := e.s.GetRelease(e.ctx, keptRelease.ID); return err }()},
				{"other film's selection", func() error { _, err := e.s.GetSelection(e.ctx, keptSel.ID); return err }()},
				{"other film's nomination", func() error { _, err := e.s.GetNomination(e.ctx, keptNom.ID); return err }()},
			} {
				if c.err != nil {
					t.Errorf("Get %s after deleting a film: %v", c.name, c.err)
				}
			}
			// The people are no longer referenced by the film, so they can go.
			e.ok(e.s.DeletePerson(e.ctx, w.person.ID), "DeletePerson whose only credit was on the deleted film")
		}},
	}
}

// joinedWorld links a film, person, organization, festival and award body
// through one record of each kind that shows their names.
type joinedWorld struct {
	world
	credit     catalog.Credit
	release    catalog.Release
	edition    catalog.Edition
	extra      catalog.Extra
	selection  catalog.Selection
	nomination catalog.Nomination
}

// checkJoins reads every linking record back and checks its read-only
// fields against the current film, person, organization, festival, body
// and category.
func (e *env) checkJoins(what string, j joinedWorld) {
	e.t.Helper()
	film, err := e.s.GetFilm(e.ctx, j.film.ID)
	e.ok(err, "GetFilm")
	person, err := e.s.GetPerson(e.ctx, j.person.ID)
	e.ok(err, "GetPerson")
	org, err := e.s.GetOrganization(e.ctx, j.org.ID)
	e.ok(err, "GetOrganization")
	fest, err := e.s.GetFestival(e.ctx, j.festival.ID)
	e.ok(err, "GetFestival")
	body, err := e.s.GetAwardBody(e.ctx, j.body.ID)
	e.ok(err, "GetAwardBody")

	c, err := e.s.GetCredit(e.ctx, j.credit.ID)
	e.ok(err, "GetCredit")
	e.same(what+": credit joins",
		[]any{person.Name, person.Slug, film.Title, film.Slug, film.Year},
		[]any{c.PersonName, c.PersonSlug, c.FilmTitle, c.FilmSlug, c.FilmYear})
	r, err := e.s.GetRelease(e.ctx, j.release.ID)
	e.ok(err, "GetRelease")
	e.same(what+": release joins",
		[]any{film.Title, film.Slug, film.Year, org.Name, org.Slug, []catalog.Format{catalog.FormatBluray}},
		[]any{r.FilmTitle, r.FilmSlug, r.FilmYear, r.DistributorName, r.DistributorSlug, r.Formats})
	x, err := e.s.GetEdition(e.ctx, j.edition.ID)
	e.ok(err, "GetEdition")
	e.same(what+": edition joins", []any{film.ID, org.Name, org.Slug}, []any{x.FilmID, x.LabelName, x.LabelSlug})
	xt, err := e.s.GetExtra(e.ctx, j.extra.ID)
	e.ok(err, "GetExtra")
	e.same(what+": extra joins",
		[]any{film.ID, []catalog.Participant{{PersonID: person.ID, Role: "host", PersonName: person.Name, PersonSlug: person.Slug}}},
		[]any{xt.FilmID, xt.Participants}, cmpopts.IgnoreFields(catalog.Participant{}, "ID"))
	sel, err := e.s.GetSelection(e.ctx, j.selection.ID)
	e.ok(err, "GetSelection")
	e.same(what+": selection joins",
		[]any{film.Title, film.Slug, film.Year, fest.Name, fest.Slug, j.festEd.Year},
		[]any{sel.FilmTitle, sel.FilmSlug, sel.FilmYear, sel.FestivalName, sel.FestivalSlug, sel.Year})
	fe, err := e.s.GetFestivalEdition(e.ctx, j.festEd.ID)
	e.ok(err, "GetFestivalEdition")
	e.same(what+": festival edition joins", []any{fest.Name, fest.Slug}, []any{fe.FestivalName, fe.FestivalSlug})
	cat, err := e.s.GetAwardCategory(e.ctx, j.category.ID)
	e.ok(err, "GetAwardCategory")
	e.same(what+": category joins", []any{body.Name, body.Slug}, []any{cat.AwardBodyName, cat.AwardBodySlug})
	n, err := e.s.GetNomination(e.ctx, j.nomination.ID)
	e.ok(err, "GetNomination")
	e.same(what+": nomination joins",
		[]any{cat.Name, body.Name, body.Slug, film.Title, film.Slug, film.Year, person.Name, person.Slug},
		[]any{n.CategoryName, n.AwardBodyName, n.AwardBodySlug, n.FilmTitle, n.FilmSlug, n.FilmYear, n.PersonName, n.PersonSlug})
}

func readOnlyCases() []testCase {
	return []testCase{
		{"IgnoredOnWrite", func(t *testing.T, e *env) {
			// Read-only fields given to Create are not stored: reads
			// return the values of the linked records.
			var j joinedWorld
			j.world = newWorld(e)
			const wrong = "Wrong"
			j.credit = e.credit(catalog.Credit{FilmID: j.film.ID, PersonID: j.person.ID, PersonName: wrong, PersonSlug: "wrong", FilmTitle: wrong, FilmSlug: "wrong", FilmYear: 1900})
			j.release = e.release(catalog.Release{FilmID: j.film.ID, DistributorID: j.org.ID, Date: date("2022-10"),
				FilmTitle: wrong, FilmSlug: "wrong", FilmYear: 1900, DistributorName: wrong, DistributorSlug: "wrong", Formats: []catalog.Format{catalog.FormatDVD}})
			j.edition = e.edition(catalog.Edition{ReleaseID: j.release.ID, LabelID: j.org.ID, FilmID: missingID, LabelName: wrong, LabelSlug: "wrong"})
			j.extra = e.extra(catalog.Extra{EditionID: j.edition.ID, Position: 1, FilmID: missingID,
				Participants: []catalog.Participant{{PersonID: j.person.ID, Role: "host", PersonName: wrong, PersonSlug: "wrong"}}})
			j.selection = e.selection(catalog.Selection{FilmID: j.film.ID, FestivalEditionID: j.festEd.ID,
				FilmTitle: wrong, FilmSlug: "wrong", FilmYear: 1900, FestivalName: wrong, FestivalSlug: "wrong", Year: 1900})
			j.nomination = e.nomination(catalog.Nomination{CategoryID: j.category.ID, FilmID: j.film.ID, PersonID: j.person.ID,
				CategoryName: wrong, AwardBodyName: wrong, AwardBodySlug: "wrong", FilmTitle: wrong, FilmSlug: "wrong", FilmYear: 1900, PersonName: wrong, PersonSlug: "wrong"})
			fe := j.festEd
			fe.FestivalName, fe.FestivalSlug = wrong, "wrong"
			e.ok(e.s.UpdateFestivalEdition(e.ctx, &fe), "UpdateFestivalEdition with read-only fields set")
			cat := j.category
			cat.AwardBodyName, cat.AwardBodySlug = wrong, "wrong"
			e.ok(e.s.UpdateAwardCategory(e.ctx, &cat), "UpdateAwardCategory with read-only fields set")
			e.checkJoins("after writes with wrong read-only fields", j)
		}},
		{"FollowRenames", func(t *testing.T, e *env) {
			// Read-only fields are read from the linked records, so they
			// follow renames.
			var j joinedWorld
			j.world = newWorld(e)
			j.credit = e.credit(catalog.Credit{FilmID: j.film.ID, PersonID: j.person.ID})
			j.release = e.release(catalog.Release{FilmID: j.film.ID, DistributorID: j.org.ID, Date: date("2022-10")})
			j.edition = e.edition(catalog.Edition{ReleaseID: j.release.ID, LabelID: j.org.ID})
			j.extra = e.extra(catalog.Extra{EditionID: j.edition.ID, Position: 1, Participants: []catalog.Participant{{PersonID: j.person.ID, Role: "host"}}})
			j.selection = e.selection(catalog.Selection{FilmID: j.film.ID, FestivalEditionID: j.festEd.ID})
			j.nomination = e.nomination(catalog.Nomination{CategoryID: j.category.ID, FilmID: j.film.ID, PersonID: j.person.ID})
			e.checkJoins("before renames", j)

			f := j.film
			f.Title, f.Slug, f.Year, f.UpdatedAt = "Renamed Film", "renamed-film", 2023, at(1)
			e.ok(e.s.UpdateFilm(e.ctx, &f), "UpdateFilm")
			p := j.person
			p.Name, p.SortName, p.Slug, p.UpdatedAt = "Renamed Person", "Person, Renamed", "renamed-person", at(1)
			e.ok(e.s.UpdatePerson(e.ctx, &p), "UpdatePerson")
			o := j.org
			o.Name, o.Slug, o.UpdatedAt = "Renamed Org", "renamed-org", at(1)
			e.ok(e.s.UpdateOrganization(e.ctx, &o), "UpdateOrganization")
			fest := j.festival
			fest.Name, fest.Slug, fest.UpdatedAt = "Renamed Fest", "renamed-fest", at(1)
			e.ok(e.s.UpdateFestival(e.ctx, &fest), "UpdateFestival")
			b := j.body
			b.Name, b.Slug, b.UpdatedAt = "Renamed Awards", "renamed-awards", at(1)
			e.ok(e.s.UpdateAwardBody(e.ctx, &b), "UpdateAwardBody")
			c := j.category
			c.Name = "Renamed Category"
			e.ok(e.s.UpdateAwardCategory(e.ctx, &c), "UpdateAwardCategory")
			e.checkJoins("after renames", j)
			// Spot-check a value, so that a store returning nothing at all
			// cannot pass.
			got, err := e.s.GetCredit(e.ctx, j.credit.ID)
			e.ok(err, "GetCredit")
			if got.PersonName != "Renamed Person" || got.FilmTitle != "Renamed Film" {
				t.Errorf("credit shows %q in %q, want Renamed Person in Renamed Film", got.PersonName, got.FilmTitle)
			}
		}},
	}
}

// ---------------------------------------------------------------------------

func validationCases() []testCase {
	return []testCase{
		{"InvalidRecords", func(t *testing.T, e *env) {
			films := func(world) counter { return func(e *env) int { return e.countFilms() } }
			people := func(world) counter { return func(e *env) int { return e.countPeople() } }
			orgs := func(world) counter { return func(e *env) int { return e.countOrgs() } }
			releases := func(world) counter { return countAllReleases }
			editions := func(w world) counter { return countEditions(catalog.EditionFilter{FilmID: w.film.ID}) }
			credits := func(w world) counter { return countCredits(catalog.CreditFilter{FilmID: w.film.ID}) }
			extras := func(w world) counter { return countExtras(catalog.ExtraFilter{FilmID: w.film.ID}) }
			film := func(mod func(*catalog.Film)) func(*env, world) error {
				return func(e *env, w world) error {
					f := catalog.Film{Title: "Valid", Slug: "valid-film", Status: catalog.FilmAnnounced, CreatedAt: base, UpdatedAt: base}
					mod(&f)
					return e.s.CreateFilm(e.ctx, &f)
				}
			}
			release := func(mod func(*catalog.Release)) func(*env, world) error {
				return func(e *env, w world) error {
					r := catalog.Release{FilmID: w.film.ID, Type: catalog.ReleaseTheatrical, Status: catalog.ReleaseAnnounced, CreatedAt: base, UpdatedAt: base}
					mod(&r)
					return e.s.CreateRelease(e.ctx, &r)
				}
			}
			edition := func(mod func(*catalog.Edition)) func(*env, world) error {
				return func(e *env, w world) error {
					x := catalog.Edition{ReleaseID: w.release.ID, Formats: []catalog.Format{catalog.FormatBluray}, CreatedAt: base, UpdatedAt: base}
					mod(&x)
					return e.s.CreateEdition(e.ctx, &x)
				}
			}
			claim := func(mod func(*catalog.Claim)) func(*env, world) error {
				return func(e *env, w world) error {
					c := catalog.Claim{SourceID: w.source.ID, Subject: filmRef(w.film.ID), FilmID: w.film.ID, CreatedAt: base}
					mod(&c)
					return e.s.AddClaim(e.ctx, &c)
				}
			}
			claims := func(w world) counter { return countClaims(catalog.ClaimFilter{SourceID: w.source.ID}) }
			runWriteCases(t, e, []catalog.ErrorKind{catalog.KindInvalid}, []writeCase{
				{"film with an empty title", film(func(f *catalog.Film) { f.Title = "" }), films},
				{"film with a blank title", film(func(f *catalog.Film) { f.Title = "   " }), films},
				{"film with an unknown status", film(func(f *catalog.Film) { f.Status = "bogus" }), films},
				{"film with a bad IMDb ID", film(func(f *catalog.Film) { f.ExternalIDs.IMDb = "123" }), films},
				{"film with a person's IMDb ID", film(func(f *catalog.Film) { f.ExternalIDs.IMDb = "nm1234567" }), films},
				{"film with a bad slug", film(func(f *catalog.Film) { f.Slug = "Not A Slug" }), films},
				{"film with a year out of range", film(func(f *catalog.Film) { f.Year = 1500 }), films},
				{"film with a negative runtime", film(func(f *catalog.Film) { f.RuntimeMinutes = -1 }), films},
				{"film with a non-http trailer", film(func(f *catalog.Film) { f.Trailers = []catalog.Trailer{{URL: "ftp://example.com/t"}} }), films},
				{"film with a title over 500 bytes", film(func(f *catalog.Film) { f.Title = strings.Repeat("x", 501) }), films},
				{"person with an empty name", func(e *env, w world) error {
					return e.s.CreatePerson(e.ctx, &catalog.Person{Slug: "nameless", CreatedAt: base, UpdatedAt: base})
				}, people},
				{"person who died before birth", func(e *env, w world) error {
					return e.s.CreatePerson(e.ctx, &catalog.Person{Name: "A B", SortName: "B, A", BirthYear: 1950, DeathYear: 1940, CreatedAt: base, UpdatedAt: base})
				}, people},
				{"organization in country XX", func(e *env, w world) error {
					return e.s.CreateOrganization(e.ctx, &catalog.Organization{Name: "X", Country: "XX", CreatedAt: base, UpdatedAt: base})
				}, orgs},
				{"organization of an unknown kind", func(e *env, w world) error {
					return e.s.CreateOrganization(e.ctx, &catalog.Organization{Name: "X", Kinds: []catalog.OrgKind{"bogus"}, CreatedAt: base, UpdatedAt: base})
				}, orgs},
				{"organization with a bad website", func(e *env, w world) error {
					return e.s.CreateOrganization(e.ctx, &catalog.Organization{Name: "X", Website: "not a url", CreatedAt: base, UpdatedAt: base})
				}, orgs},
				{"release in country XX", release(func(r *catalog.Release) { r.Country = "XX" }), releases},
				{"release of an unknown type", release(func(r *catalog.Release) { r.Type = "bogus" }), releases},
				{"release with an unknown status", release(func(r *catalog.Release) { r.Status = "bogus" }), releases},
				{"theatrical release at a festival edition", func(e *env, w world) error {
					return release(func(r *catalog.Release) { r.FestivalEditionID = w.festEd.ID })(e, w)
				}, releases},
				{"edition without formats", edition(func(x *catalog.Edition) { x.Formats = nil }), editions},
				{"edition in an unknown format", edition(func(x *catalog.Edition) { x.Formats = []catalog.Format{"vhs"} }), editions},
				{"edition with a bad barcode", edition(func(x *catalog.Edition) { x.Barcode = "123456789013" }), editions},
				{"edition with a bad currency", edition(func(x *catalog.Edition) { x.Price = catalog.Money{Amount: 100, Currency: "dollars"} }), editions},
				{"edition with a bad region", edition(func(x *catalog.Edition) { x.Regions = []string{"Z"} }), editions},
				{"edition with unknown packaging", edition(func(x *catalog.Edition) { x.Packaging = []catalog.Packaging{"bogus"} }), editions},
				{"credit without a job", func(e *env, w world) error {
					return e.s.CreateCredit(e.ctx, &catalog.Credit{FilmID: w.film.ID, PersonID: w.person.ID, Department: catalog.DeptDirecting})
				}, credits},
				{"credit in an unknown department", func(e *env, w world) error {
					return e.s.CreateCredit(e.ctx, &catalog.Credit{FilmID: w.film.ID, PersonID: w.person.ID, Department: "bogus", Job: "director"})
				}, credits},
				{"director credit with a character", func(e *env, w world) error {
					return e.s.CreateCredit(e.ctx, &catalog.Credit{FilmID: w.film.ID, PersonID: w.person.ID, Department: catalog.DeptDirecting, Job: "director", Character: "Himself"})
				}, credits},
				{"extra of an unknown kind", func(e *env, w world) error {
					return e.s.CreateExtra(e.ctx, &catalog.Extra{EditionID: w.edition.ID, Kind: "bogus"})
				}, extras},
				{"extra with a participant listed twice", func(e *env, w world) error {
					return e.s.CreateExtra(e.ctx, &catalog.Extra{EditionID: w.edition.ID, Kind: catalog.ExtraInterview, Participants: []catalog.Participant{{PersonID: w.person.ID}, {PersonID: w.person.ID}}})
				}, extras},
				{"festival in country XX", func(e *env, w world) error {
					return e.s.CreateFestival(e.ctx, &catalog.Festival{Name: "F", Country: "XX", CreatedAt: base, UpdatedAt: base})
				}, func(world) counter { return countFestivals }},
				{"festival edition starting in another year", func(e *env, w world) error {
					return e.s.CreateFestivalEdition(e.ctx, &catalog.FestivalEdition{FestivalID: w.festival.ID, Year: 2023, StartsOn: date("2022-05-01")})
				}, func(w world) counter { return countFestEditions(w.festival.ID) }},
				{"selection with an unknown premiere scope", func(e *env, w world) error {
					return e.s.CreateSelection(e.ctx, &catalog.Selection{FilmID: w.film.ID, FestivalEditionID: w.festEd.ID, Premiere: "galactic"})
				}, func(w world) counter { return countSelections(catalog.SelectionFilter{FilmID: w.film.ID}) }},
				{"award body without a name", func(e *env, w world) error {
					return e.s.CreateAwardBody(e.ctx, &catalog.AwardBody{Slug: "nameless", CreatedAt: base, UpdatedAt: base})
				}, func(world) counter { return countAwardBodies }},
				{"category without a name", func(e *env, w world) error {
					return e.s.CreateAwardCategory(e.ctx, &catalog.AwardCategory{AwardBodyID: w.body.ID})
				}, func(w world) counter { return countCategories(w.body.ID) }},
				{"nomination with an unknown result", func(e *env, w world) error {
					return e.s.CreateNomination(e.ctx, &catalog.Nomination{CategoryID: w.category.ID, FilmID: w.film.ID, Year: 2022, Result: "bogus", CreatedAt: base, UpdatedAt: base})
				}, func(w world) counter { return countNominations(catalog.NominationFilter{FilmID: w.film.ID}) }},
				{"source of an unknown kind", func(e *env, w world) error {
					return e.s.CreateSource(e.ctx, &catalog.Source{Kind: "bogus", Title: "x", CreatedAt: base})
				}, func(world) counter { return countSources }},
				{"article source with nothing in it", func(e *env, w world) error {
					return e.s.CreateSource(e.ctx, &catalog.Source{Kind: catalog.SourceArticle, CreatedAt: base})
				}, func(world) counter { return countSources }},
				{"claim with confidence above 1", claim(func(c *catalog.Claim) { c.Confidence = 1.5 }), claims},
				{"claim with a reversed span", claim(func(c *catalog.Claim) { c.Span = &catalog.Span{Start: 5, End: 2} }), claims},
				{"claim about an unknown entity type", claim(func(c *catalog.Claim) { c.Subject.Type = "bogus" }), claims},
			})
		}},
		{"InvalidUpdates", func(t *testing.T, e *env) {
			w := newWorld(e)
			u := w.film
			u.Title = ""
			e.kind(e.s.UpdateFilm(e.ctx, &u), catalog.KindInvalid, "UpdateFilm with an empty title")
			u = w.film
			u.Status = "bogus"
			e.kind(e.s.UpdateFilm(e.ctx, &u), catalog.KindInvalid, "UpdateFilm with an unknown status")
			got, err := e.s.GetFilm(e.ctx, w.film.ID)
			e.ok(err, "GetFilm")
			e.same("film after invalid updates", w.film, got)

			r := w.release
			r.Country = "XX"
			e.kind(e.s.UpdateRelease(e.ctx, &r), catalog.KindInvalid, "UpdateRelease to country XX")
			gotR, err := e.s.GetRelease(e.ctx, w.release.ID)
			e.ok(err, "GetRelease")
			if gotR.Country != w.release.Country {
				t.Errorf("release country is %q after an invalid update, want %q", gotR.Country, w.release.Country)
			}

			o := w.org
			o.Kinds = []catalog.OrgKind{"bogus"}
			e.kind(e.s.UpdateOrganization(e.ctx, &o), catalog.KindInvalid, "UpdateOrganization with an unknown kind")
			gotO, err := e.s.GetOrganization(e.ctx, w.org.ID)
			e.ok(err, "GetOrganization")
			e.same("organization after an invalid update", w.org, gotO)
		}},
		{"ListFilterRequired", func(t *testing.T, e *env) {
			newWorld(e)
			_, err := e.s.ListCredits(e.ctx, catalog.CreditFilter{})
			e.kind(err, catalog.KindInvalid, "ListCredits with no filter")
			_, err = e.s.ListEditions(e.ctx, catalog.EditionFilter{})
			e.kind(err, catalog.KindInvalid, "ListEditions with no filter")
			_, err = e.s.ListExtras(e.ctx, catalog.ExtraFilter{})
			e.kind(err, catalog.KindInvalid, "ListExtras with no filter")
			_, err = e.s.ListSelections(e.ctx, catalog.SelectionFilter{})
			e.kind(err, catalog.KindInvalid, "ListSelections with no filter")
			_, err = e.s.ListNominations(e.ctx, catalog.NominationFilter{})
			e.kind(err, catalog.KindInvalid, "ListNominations with no filter")
			_, err = e.s.ListClaims(e.ctx, catalog.ClaimFilter{})
			e.kind(err, catalog.KindInvalid, "ListClaims with no filter")
		}},
	}
}
