package storetest

import (
	"fmt"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

func fullPerson() catalog.Person {
	return catalog.Person{
		Slug:        "agnes-varda",
		Name:        "Agnès Varda",
		SortName:    "Varda, Agnès",
		BirthYear:   1928,
		DeathYear:   2019,
		ExternalIDs: catalog.ExternalIDs{IMDb: "nm0889513", TMDb: 6818, Wikidata: "Q229990"},
		CreatedAt:   base,
		UpdatedAt:   at(1),
	}
}

func peopleCases() []testCase {
	return []testCase{
		{"RoundTrip", func(t *testing.T, e *env) {
			p := fullPerson()
			e.ok(e.s.CreatePerson(e.ctx, &p), "CreatePerson")
			e.checkID("person", p.ID)
			want := fullPerson()
			want.ID = p.ID

			got, err := e.s.GetPerson(e.ctx, p.ID)
			e.ok(err, "GetPerson")
			e.same("GetPerson", want, got)
			e.utc("GetPerson", got.CreatedAt, got.UpdatedAt)
			got, err = e.s.GetPersonBySlug(e.ctx, "agnes-varda")
			e.ok(err, "GetPersonBySlug")
			e.same("GetPersonBySlug", want, got)
			for _, x := range []catalog.ExternalIDs{{IMDb: "nm0889513"}, {TMDb: 6818}, {Wikidata: "Q229990"}, {IMDb: "nm9999999", Wikidata: "Q229990"}} {
				got, err = e.s.GetPersonByExternalID(e.ctx, x)
				e.ok(err, "GetPersonByExternalID(%+v)", x)
				e.same(fmt.Sprintf("GetPersonByExternalID(%+v)", x), want, got)
			}
			people, _, err := e.s.ListPeople(e.ctx, catalog.PersonFilter{})
			e.ok(err, "ListPeople")
			e.same("ListPeople", []catalog.Person{want}, people)

			// Empty fields are unknown and never match people without IDs.
			e.person(catalog.Person{Name: "No IDs"})
			for _, x := range []catalog.ExternalIDs{{IMDb: "nm9999999"}, {TMDb: 999999}, {Wikidata: "Q999999"}} {
				got, err := e.s.GetPersonByExternalID(e.ctx, x)
				e.kind(err, catalog.KindNotFound, "GetPersonByExternalID(%+v) (found %q)", x, got.Name)
			}
		}},
		{"Update", func(t *testing.T, e *env) {
			p := e.person(fullPerson())
			u := catalog.Person{
				ID: p.ID, Slug: "varda", Name: "Agnes Varda", SortName: "Varda, Agnes",
				BirthYear: 1929, ExternalIDs: catalog.ExternalIDs{TMDb: 6819},
				CreatedAt: p.CreatedAt, UpdatedAt: at(3),
			}
			in := u
			e.ok(e.s.UpdatePerson(e.ctx, &in), "UpdatePerson")
			got, err := e.s.GetPerson(e.ctx, p.ID)
			e.ok(err, "GetPerson")
			e.same("GetPerson after update", u, got)
			_, err = e.s.GetPersonBySlug(e.ctx, "agnes-varda")
			e.kind(err, catalog.KindNotFound, "GetPersonBySlug(old slug)")
			_, err = e.s.GetPersonByExternalID(e.ctx, catalog.ExternalIDs{IMDb: "nm0889513"})
			e.kind(err, catalog.KindNotFound, "GetPersonByExternalID(removed IMDb ID)")
		}},
		{"Delete", func(t *testing.T, e *env) {
			p := e.person(fullPerson())
			e.person(catalog.Person{Name: "Other Person"})
			e.ok(e.s.DeletePerson(e.ctx, p.ID), "DeletePerson")
			_, err := e.s.GetPerson(e.ctx, p.ID)
			e.kind(err, catalog.KindNotFound, "GetPerson after delete")
			_, err = e.s.GetPersonBySlug(e.ctx, p.Slug)
			e.kind(err, catalog.KindNotFound, "GetPersonBySlug after delete")
			e.kind(e.s.DeletePerson(e.ctx, p.ID), catalog.KindNotFound, "DeletePerson twice")
			if n := e.countPeople(); n != 1 {
				t.Errorf("%d people left, want 1", n)
			}
		}},
		{"NotFound", func(t *testing.T, e *env) {
			e.person(fullPerson())
			u := fullPerson()
			u.ID, u.Slug, u.ExternalIDs = 987654, "ghost", catalog.ExternalIDs{}
			_, err := e.s.GetPerson(e.ctx, 987654)
			e.kind(err, catalog.KindNotFound, "GetPerson")
			_, err = e.s.GetPersonBySlug(e.ctx, "nobody")
			e.kind(err, catalog.KindNotFound, "GetPersonBySlug")
			_, err = e.s.GetPersonByExternalID(e.ctx, catalog.ExternalIDs{IMDb: "nm7777777"})
			e.kind(err, catalog.KindNotFound, "GetPersonByExternalID")
			e.kind(e.s.UpdatePerson(e.ctx, &u), catalog.KindNotFound, "UpdatePerson")
			e.kind(e.s.DeletePerson(e.ctx, 987654), catalog.KindNotFound, "DeletePerson")
			if n := e.countPeople(); n != 1 {
				t.Errorf("%d people, want 1", n)
			}
		}},
		{"Conflicts", func(t *testing.T, e *env) {
			a := e.person(fullPerson())
			dup := catalog.Person{Name: "Someone Else", SortName: "Else, Someone", Slug: a.Slug, CreatedAt: base, UpdatedAt: base}
			e.kind(e.s.CreatePerson(e.ctx, &dup), catalog.KindConflict, "CreatePerson with a taken slug")
			dup = catalog.Person{Name: "Someone Else", SortName: "Else, Someone", Slug: "someone-else", ExternalIDs: catalog.ExternalIDs{IMDb: a.ExternalIDs.IMDb}, CreatedAt: base, UpdatedAt: base}
			e.kind(e.s.CreatePerson(e.ctx, &dup), catalog.KindConflict, "CreatePerson with a taken IMDb ID")
			if n := e.countPeople(); n != 1 {
				t.Errorf("%d people after conflicting creates, want 1", n)
			}
			b := e.person(catalog.Person{Name: "Bea Baker"})
			u := b
			u.Slug = a.Slug
			e.kind(e.s.UpdatePerson(e.ctx, &u), catalog.KindConflict, "UpdatePerson to a taken slug")
			got, err := e.s.GetPerson(e.ctx, b.ID)
			e.ok(err, "GetPerson")
			e.same("person after conflicting update", b, got)
		}},
		{"DerivedSlugs", func(t *testing.T, e *env) {
			// An empty slug is derived from the name with catalog.Slugify
			// and de-duplicated with -2, -3.
			type make func(name string) (int64, error)
			kinds := []struct {
				name   string
				create make
				slugOf func(id int64) (string, error)
			}{
				{"person", func(name string) (int64, error) {
					p := catalog.Person{Name: name, SortName: catalog.DefaultSortName(name), CreatedAt: base, UpdatedAt: base}
					err := e.s.CreatePerson(e.ctx, &p)
					return p.ID, err
				}, func(id int64) (string, error) { p, err := e.s.GetPerson(e.ctx, id); return p.Slug, err }},
				{"organization", func(name string) (int64, error) {
					o := catalog.Organization{Name: name, Kinds: []catalog.OrgKind{catalog.OrgStudio}, CreatedAt: base, UpdatedAt: base}
					err := e.s.CreateOrganization(e.ctx, &o)
					return o.ID, err
				}, func(id int64) (string, error) { o, err := e.s.GetOrganization(e.ctx, id); return o.Slug, err }},
				{"festival", func(name string) (int64, error) {
					f := catalog.Festival{Name: name, CreatedAt: base, UpdatedAt: base}
					err := e.s.CreateFestival(e.ctx, &f)
					return f.ID, err
				}, func(id int64) (string, error) { f, err := e.s.GetFestival(e.ctx, id); return f.Slug, err }},
				{"award body", func(name string) (int64, error) {
					b := catalog.AwardBody{Name: name, CreatedAt: base, UpdatedAt: base}
					err := e.s.CreateAwardBody(e.ctx, &b)
					return b.ID, err
				}, func(id int64) (string, error) { b, err := e.s.GetAwardBody(e.ctx, id); return b.Slug, err }},
			}
			for _, k := range kinds {
				for _, want := range []string{"agnes-varda", "agnes-varda-2", "agnes-varda-3"} {
					id, err := k.create("Agnès Varda")
					e.ok(err, "create %s", k.name)
					slug, err := k.slugOf(id)
					e.ok(err, "get %s", k.name)
					if slug != want {
						t.Errorf("%s with an empty slug got %q, want %q", k.name, slug, want)
					}
				}
			}
		}},
		{"ListOrder", func(t *testing.T, e *env) {
			varda := e.person(catalog.Person{Name: "Agnès Varda", SortName: "Varda, Agnès"})
			baker1 := e.person(catalog.Person{Name: "Sean Baker", SortName: "Baker, Sean"})
			akerman := e.person(catalog.Person{Name: "Chantal Akerman", SortName: "Akerman, Chantal"})
			baker2 := e.person(catalog.Person{Name: "Sean Baker", SortName: "Baker, Sean"})
			zhao := e.person(catalog.Person{Name: "Chloé Zhao", SortName: "Zhao, Chloé"})
			madonna := e.person(catalog.Person{Name: "Madonna", SortName: "Madonna"})
			people, _, err := e.s.ListPeople(e.ctx, catalog.PersonFilter{})
			e.ok(err, "ListPeople")
			e.same("ListPeople order (sort name, then ID)",
				[]int64{akerman.ID, baker1.ID, baker2.ID, madonna.ID, varda.ID, zhao.ID}, ids(people, personID))
		}},
		{"Query", func(t *testing.T, e *env) {
			for _, p := range []catalog.Person{
				{Name: "Agnès Varda", SortName: "Varda, Agnès"},
				{Name: "Sean Baker", SortName: "Baker, Sean"},
				{Name: "Sean Bakery", SortName: "Bakery, Sean"},
				{Name: "Chloé Zhao", SortName: "Zhao, Chloé"},
				{Name: "Slavoj Žižek", SortName: "Žižek, Slavoj"},
			} {
				e.person(p)
			}
			names := func(f catalog.PersonFilter) []string {
				t.Helper()
				people, _, err := e.s.ListPeople(e.ctx, f)
				e.ok(err, "ListPeople(%+v)", f)
				var out []string
				for _, p := range people {
					out = append(out, p.Name)
				}
				return out
			}
			for _, c := range []struct {
				f    catalog.PersonFilter
				want []string
			}{
				{catalog.PersonFilter{Query: "varda"}, []string{"Agnès Varda"}},
				{catalog.PersonFilter{Query: "AGNES"}, []string{"Agnès Varda"}},
				{catalog.PersonFilter{Query: "chloe"}, []string{"Chloé Zhao"}},
				{catalog.PersonFilter{Query: "zizek"}, []string{"Slavoj Žižek"}},
				{catalog.PersonFilter{Query: "baker"}, []string{"Sean Baker", "Sean Bakery"}},
				{catalog.PersonFilter{Query: "n bak"}, []string{"Sean Baker", "Sean Bakery"}},
				{catalog.PersonFilter{Query: "nobody at all"}, nil},
				{catalog.PersonFilter{Name: "sean baker"}, []string{"Sean Baker"}},
				{catalog.PersonFilter{Name: "SEAN BAKER"}, []string{"Sean Baker"}},
				{catalog.PersonFilter{Name: "Sean"}, nil},
			} {
				e.same(fmt.Sprintf("ListPeople(%+v)", c.f), c.want, names(c.f))
			}
		}},
		{"Pagination", func(t *testing.T, e *env) {
			for _, n := range []string{"Eve E", "Ann A", "Dan D", "Bob B", "Ann A", "Cid C", "Fay F"} {
				e.person(catalog.Person{Name: n})
			}
			all, _, err := e.s.ListPeople(e.ctx, catalog.PersonFilter{})
			e.ok(err, "ListPeople")
			got, sizes := walk(e, 2, func(p catalog.Page) ([]catalog.Person, string, error) {
				return e.s.ListPeople(e.ctx, catalog.PersonFilter{Page: p})
			})
			e.same("page sizes", []int{2, 2, 2, 1}, sizes)
			e.same("people walked page by page", ids(all, personID), ids(got, personID))
			_, _, err = e.s.ListPeople(e.ctx, catalog.PersonFilter{Page: catalog.Page{After: "not a cursor"}})
			e.kind(err, catalog.KindInvalid, "ListPeople with a garbage cursor")
		}},
	}
}

// ---------------------------------------------------------------------------

func creditCases() []testCase {
	return []testCase{
		{"RoundTrip", func(t *testing.T, e *env) {
			f := e.film(catalog.Film{Title: "Red Rocket", Slug: "red-rocket-2021", Year: 2021})
			p := e.person(catalog.Person{Name: "Simon Rex", Slug: "simon-rex"})
			in := catalog.Credit{FilmID: f.ID, PersonID: p.ID, Department: catalog.DeptCast, Job: "actor", Character: "Mikey Saber", Billing: 1, Note: "comeback role"}
			c := in
			e.ok(e.s.CreateCredit(e.ctx, &c), "CreateCredit")
			e.checkID("credit", c.ID)
			want := in
			want.ID = c.ID
			want.PersonName, want.PersonSlug = "Simon Rex", "simon-rex"
			want.FilmTitle, want.FilmSlug, want.FilmYear = "Red Rocket", "red-rocket-2021", 2021
			got, err := e.s.GetCredit(e.ctx, c.ID)
			e.ok(err, "GetCredit")
			e.same("GetCredit", want, got)
			list, err := e.s.ListCredits(e.ctx, catalog.CreditFilter{FilmID: f.ID})
			e.ok(err, "ListCredits(film)")
			e.same("ListCredits(film)", []catalog.Credit{want}, list)
			list, err = e.s.ListCredits(e.ctx, catalog.CreditFilter{PersonID: p.ID})
			e.ok(err, "ListCredits(person)")
			e.same("ListCredits(person)", []catalog.Credit{want}, list)
		}},
		{"Update", func(t *testing.T, e *env) {
			f := e.film(catalog.Film{Title: "Red Rocket", Slug: "red-rocket-2021", Year: 2021})
			g := e.film(catalog.Film{Title: "Tangerine", Slug: "tangerine-2015", Year: 2015})
			p := e.person(catalog.Person{Name: "Simon Rex", Slug: "simon-rex"})
			q := e.person(catalog.Person{Name: "Sean Baker", Slug: "sean-baker"})
			c := e.credit(catalog.Credit{FilmID: f.ID, PersonID: p.ID, Department: catalog.DeptCast, Job: "actor", Character: "Mikey", Billing: 1, Note: "x"})
			u := catalog.Credit{ID: c.ID, FilmID: g.ID, PersonID: q.ID, Department: catalog.DeptWriting, Job: "screenplay", Billing: 2, Note: "with Chris Bergoch"}
			in := u
			e.ok(e.s.UpdateCredit(e.ctx, &in), "UpdateCredit")
			u.PersonName, u.PersonSlug = "Sean Baker", "sean-baker"
			u.FilmTitle, u.FilmSlug, u.FilmYear = "Tangerine", "tangerine-2015", 2015
			got, err := e.s.GetCredit(e.ctx, c.ID)
			e.ok(err, "GetCredit")
			e.same("GetCredit after update", u, got)
			list, err := e.s.ListCredits(e.ctx, catalog.CreditFilter{FilmID: f.ID})
			e.ok(err, "ListCredits(old film)")
			if len(list) != 0 {
				t.Errorf("old film still lists %d credits", len(list))
			}
		}},
		{"DeleteAndNotFound", func(t *testing.T, e *env) {
			f := e.film(catalog.Film{Title: "F"})
			p := e.person(catalog.Person{Name: "P P"})
			c := e.credit(catalog.Credit{FilmID: f.ID, PersonID: p.ID})
			keep := e.credit(catalog.Credit{FilmID: f.ID, PersonID: p.ID, Job: "writer"})
			e.ok(e.s.DeleteCredit(e.ctx, c.ID), "DeleteCredit")
			_, err := e.s.GetCredit(e.ctx, c.ID)
			e.kind(err, catalog.KindNotFound, "GetCredit after delete")
			e.kind(e.s.DeleteCredit(e.ctx, c.ID), catalog.KindNotFound, "DeleteCredit twice")
			u := catalog.Credit{ID: 987654, FilmID: f.ID, PersonID: p.ID, Department: catalog.DeptDirecting, Job: "director"}
			e.kind(e.s.UpdateCredit(e.ctx, &u), catalog.KindNotFound, "UpdateCredit of a missing ID")
			list, err := e.s.ListCredits(e.ctx, catalog.CreditFilter{FilmID: f.ID})
			e.ok(err, "ListCredits")
			e.same("remaining credits", []int64{keep.ID}, ids(list, creditID))
			if _, err := e.s.GetPerson(e.ctx, p.ID); err != nil {
				t.Errorf("deleting a credit removed its person: %v", err)
			}
		}},
		{"ListOrder", func(t *testing.T, e *env) {
			f := e.film(catalog.Film{Title: "F"})
			g := e.film(catalog.Film{Title: "G"})
			p := e.person(catalog.Person{Name: "P P"})
			other := e.person(catalog.Person{Name: "Q Q"})
			// Departments chosen so that their alphabetical order and
			// their order in catalog.Departments agree.
			mk := func(film int64, dept catalog.Department, job string, billing int) int64 {
				return e.credit(catalog.Credit{FilmID: film, PersonID: p.ID, Department: dept, Job: job, Billing: billing}).ID
			}
			prod0a := mk(f.ID, catalog.DeptProduction, "producer", 0)
			dir := mk(f.ID, catalog.DeptDirecting, "director", 0)
			prod2 := mk(f.ID, catalog.DeptProduction, "producer", 2)
			edit := mk(f.ID, catalog.DeptEditing, "editor", 1)
			prod1 := mk(f.ID, catalog.DeptProduction, "executive producer", 1)
			prod0b := mk(f.ID, catalog.DeptProduction, "co-producer", 0)
			gEdit := mk(g.ID, catalog.DeptEditing, "editor", 0)
			gDir := mk(g.ID, catalog.DeptDirecting, "director", 3)
			e.credit(catalog.Credit{FilmID: f.ID, PersonID: other.ID, Department: catalog.DeptDirecting, Job: "co-director", Billing: 1})

			list, err := e.s.ListCredits(e.ctx, catalog.CreditFilter{FilmID: f.ID, PersonID: p.ID})
			e.ok(err, "ListCredits(film, person)")
			e.same("credits of a film and person", []int64{dir, edit, prod1, prod2, prod0a, prod0b}, ids(list, creditID))

			list, err = e.s.ListCredits(e.ctx, catalog.CreditFilter{PersonID: p.ID})
			e.ok(err, "ListCredits(person)")
			e.same("credits of a person", []int64{gDir, dir, edit, gEdit, prod1, prod2, prod0a, prod0b}, ids(list, creditID))

			list, err = e.s.ListCredits(e.ctx, catalog.CreditFilter{FilmID: f.ID})
			e.ok(err, "ListCredits(film)")
			if len(list) != 7 {
				t.Errorf("ListCredits(film) = %d credits, want 7", len(list))
			}
		}},
	}
}

// ---------------------------------------------------------------------------

func fullOrg() catalog.Organization {
	return catalog.Organization{
		Slug:      "lionsgate",
		Name:      "Lionsgate",
		Kinds:     []catalog.OrgKind{catalog.OrgStudio, catalog.OrgDistributor, catalog.OrgDiscLabel},
		Country:   "US",
		Website:   "https://www.lionsgate.com/",
		CreatedAt: base,
		UpdatedAt: at(1),
	}
}

func organizationCases() []testCase {
	return []testCase{
		{"RoundTrip", func(t *testing.T, e *env) {
			o := fullOrg()
			e.ok(e.s.CreateOrganization(e.ctx, &o), "CreateOrganization")
			e.checkID("organization", o.ID)
			want := fullOrg()
			want.ID = o.ID
			got, err := e.s.GetOrganization(e.ctx, o.ID)
			e.ok(err, "GetOrganization")
			e.same("GetOrganization", want, got)
			e.utc("GetOrganization", got.CreatedAt, got.UpdatedAt)
			got, err = e.s.GetOrganizationBySlug(e.ctx, "lionsgate")
			e.ok(err, "GetOrganizationBySlug")
			e.same("GetOrganizationBySlug", want, got)
			list, _, err := e.s.ListOrganizations(e.ctx, catalog.OrganizationFilter{})
			e.ok(err, "ListOrganizations")
			e.same("ListOrganizations", []catalog.Organization{want}, list)
		}},
		{"Update", func(t *testing.T, e *env) {
			o := e.org(fullOrg())
			u := catalog.Organization{ID: o.ID, Slug: "lions-gate", Name: "Lions Gate Films", Kinds: []catalog.OrgKind{catalog.OrgStreamer}, CreatedAt: o.CreatedAt, UpdatedAt: at(4)}
			in := u
			e.ok(e.s.UpdateOrganization(e.ctx, &in), "UpdateOrganization")
			got, err := e.s.GetOrganization(e.ctx, o.ID)
			e.ok(err, "GetOrganization")
			e.same("GetOrganization after update", u, got)
			_, err = e.s.GetOrganizationBySlug(e.ctx, "lionsgate")
			e.kind(err, catalog.KindNotFound, "GetOrganizationBySlug(old slug)")
		}},
		{"DeleteAndNotFound", func(t *testing.T, e *env) {
			o := e.org(fullOrg())
			e.org(catalog.Organization{Name: "A24", Slug: "a24"})
			e.ok(e.s.DeleteOrganization(e.ctx, o.ID), "DeleteOrganization")
			_, err := e.s.GetOrganization(e.ctx, o.ID)
			e.kind(err, catalog.KindNotFound, "GetOrganization after delete")
			_, err = e.s.GetOrganizationBySlug(e.ctx, "lionsgate")
			e.kind(err, catalog.KindNotFound, "GetOrganizationBySlug after delete")
			e.kind(e.s.DeleteOrganization(e.ctx, o.ID), catalog.KindNotFound, "DeleteOrganization twice")
			u := fullOrg()
			u.ID = 987654
			e.kind(e.s.UpdateOrganization(e.ctx, &u), catalog.KindNotFound, "UpdateOrganization of a missing ID")
			if n := e.countOrgs(); n != 1 {
				t.Errorf("%d organizations left, want 1", n)
			}
		}},
		{"DuplicateSlug", func(t *testing.T, e *env) {
			e.org(fullOrg())
			dup := catalog.Organization{Name: "Other", Slug: "lionsgate", CreatedAt: base, UpdatedAt: base}
			e.kind(e.s.CreateOrganization(e.ctx, &dup), catalog.KindConflict, "CreateOrganization with a taken slug")
			if n := e.countOrgs(); n != 1 {
				t.Errorf("%d organizations, want 1", n)
			}
		}},
		{"List", func(t *testing.T, e *env) {
			dist, label, studio := catalog.OrgDistributor, catalog.OrgDiscLabel, catalog.OrgStudio
			for _, o := range []catalog.Organization{
				{Name: "Neon", Kinds: []catalog.OrgKind{dist}},
				{Name: "Arrow Video", Kinds: []catalog.OrgKind{label}},
				{Name: "Criterion Collection", Kinds: []catalog.OrgKind{label, dist}},
				{Name: "Les Films Éclair", Kinds: []catalog.OrgKind{studio}},
				{Name: "A24", Kinds: []catalog.OrgKind{studio, dist}},
				{Name: "Neon", Kinds: []catalog.OrgKind{catalog.OrgStreamer}},
			} {
				e.org(o)
			}
			names := func(f catalog.OrganizationFilter) []string {
				t.Helper()
				list, _, err := e.s.ListOrganizations(e.ctx, f)
				e.ok(err, "ListOrganizations(%+v)", f)
				var out []string
				for _, o := range list {
					out = append(out, o.Name)
				}
				return out
			}
			for _, c := range []struct {
				f    catalog.OrganizationFilter
				want []string
			}{
				{catalog.OrganizationFilter{}, []string{"A24", "Arrow Video", "Criterion Collection", "Les Films Éclair", "Neon", "Neon"}},
				{catalog.OrganizationFilter{Kind: label}, []string{"Arrow Video", "Criterion Collection"}},
				{catalog.OrganizationFilter{Kind: dist}, []string{"A24", "Criterion Collection", "Neon"}},
				{catalog.OrganizationFilter{Kind: studio}, []string{"A24", "Les Films Éclair"}},
				{catalog.OrganizationFilter{Kind: catalog.OrgOutlet}, nil},
				{catalog.OrganizationFilter{Query: "CRITER"}, []string{"Criterion Collection"}},
				{catalog.OrganizationFilter{Query: "eclair"}, []string{"Les Films Éclair"}},
				{catalog.OrganizationFilter{Query: "neon"}, []string{"Neon", "Neon"}},
				{catalog.OrganizationFilter{Query: "neon", Kind: dist}, []string{"Neon"}},
			} {
				e.same(fmt.Sprintf("ListOrganizations(%+v)", c.f), c.want, names(c.f))
			}
			all, _, err := e.s.ListOrganizations(e.ctx, catalog.OrganizationFilter{})
			e.ok(err, "ListOrganizations")
			if len(all) == 6 && all[4].ID > all[5].ID {
				t.Errorf("organizations with the same name are not ordered by ID")
			}
			got, sizes := walk(e, 4, func(p catalog.Page) ([]catalog.Organization, string, error) {
				return e.s.ListOrganizations(e.ctx, catalog.OrganizationFilter{Page: p})
			})
			e.same("page sizes", []int{4, 2}, sizes)
			e.same("organizations walked page by page", ids(all, orgID), ids(got, orgID))
		}},
		{"FindByName", func(t *testing.T, e *env) {
			for _, name := range []string{
				"The Criterion Collection", "Lionsgate", "Arrow Video", "Arrow Films", "Arrowhead Pictures",
				"Kino Lorber", "Shout! Factory", "Universal", "Universal Music Group", "Les Films Éclair",
				"100% Films", "Second Run",
			} {
				e.org(catalog.Organization{Name: name})
			}
			for _, c := range []struct {
				name string
				want []string // closest first
			}{
				{"Criterion", []string{"The Criterion Collection"}},
				{"the criterion collection", []string{"The Criterion Collection"}},
				{"Lionsgate Home Entertainment", []string{"Lionsgate"}},
				{"Lions Gate", []string{"Lionsgate"}},
				{"Arrow", []string{"Arrow Films", "Arrow Video"}},
				{"Arrow Video", []string{"Arrow Video", "Arrow Films"}},
				{"Kino", []string{"Kino Lorber"}},
				{"Shout Factory", []string{"Shout! Factory"}},
				{"Universal Pictures Home Entertainment", []string{"Universal", "Universal Music Group"}},
				{"Universal", []string{"Universal", "Universal Music Group"}},
				{"ECLAIR", nil},
				{"Les Films Eclair", []string{"Les Films Éclair"}},
				{"100%", []string{"100% Films"}},
				{"Run", nil},
				{"Second Sight", nil},
				{"Shout Factory Studios Limited", []string{"Shout! Factory"}},
				{"%", nil},
				{"", nil},
			} {
				found, err := e.s.FindOrganizationsByName(e.ctx, c.name)
				e.ok(err, "FindOrganizationsByName(%q)", c.name)
				var got []string
				for _, o := range found {
					got = append(got, o.Name)
				}
				e.same(fmt.Sprintf("FindOrganizationsByName(%q)", c.name), c.want, got)
			}
			found, err := e.s.FindOrganizationsByName(e.ctx, "Kino")
			e.ok(err, "FindOrganizationsByName")
			if len(found) == 1 && (found[0].ID == 0 || found[0].Slug == "" || len(found[0].Kinds) == 0) {
				t.Errorf("FindOrganizationsByName returned an incomplete record: %+v", found[0])
			}
		}},
	}
}
