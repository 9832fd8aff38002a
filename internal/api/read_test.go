package api

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFilmInFullGolden(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	r := e.get("/api/v1/films/red-rocket-2021").must(t, http.StatusOK)
	golden(t, "film_red_rocket", r.body)

	d := decode[FilmDetail](t, r)
	byID := e.get("/api/v1/films/"+itoa(d.Film.ID)).must(t, http.StatusOK)
	if string(byID.body) != string(r.body) {
		t.Errorf("the film by ID differs from the film by slug")
	}
	golden(t, "film_quiet_harbour", e.get("/api/v1/films/the-quiet-harbour-2025").must(t, http.StatusOK).body)
}

// TestFilmProvenance checks that every fact of the film carries its
// claims, and that the top-level sources list each cited source once.
func TestFilmProvenance(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	d := e.filmDetail("red-rocket-2021")
	cited := map[int64]bool{}
	check := func(what string, cs *[]Citation) {
		t.Helper()
		if cs == nil || len(*cs) == 0 {
			t.Errorf("%s has no sources", what)
			return
		}
		for _, c := range *cs {
			cited[c.SourceID] = true
		}
	}
	check("film", d.Film.Sources)
	for _, c := range d.Credits {
		check("credit "+c.Job, c.Sources)
	}
	for _, r := range d.Releases {
		check("release "+string(r.Type), r.Sources)
		for _, ed := range r.Editions {
			check("edition "+ed.Name, ed.Sources)
			for _, x := range ed.Extras {
				check("extra "+x.Title, x.Sources)
				for _, p := range x.Participants {
					check("participant "+p.Person.Slug, p.Sources)
				}
			}
		}
	}
	for _, s := range d.Selections {
		check("selection", s.Sources)
	}
	for _, n := range d.Nominations {
		check("nomination", n.Sources)
	}
	var listed []int64
	for _, s := range d.Sources {
		listed = append(listed, s.ID)
	}
	var want []int64
	for id := range cited {
		want = append(want, id)
	}
	slices.Sort(want)
	if !slices.Equal(listed, want) {
		t.Errorf("top-level sources %v, want the cited %v", listed, want)
	}

	// The disc release's date claim: field, value, span, confidence,
	// preferred; and preferred claims listed first.
	var physical Release
	for _, r := range d.Releases {
		if r.Type == "physical" {
			physical = r
		}
	}
	claims := *physical.Sources
	i := slices.IndexFunc(claims, func(c Citation) bool { return c.Field != nil && *c.Field == "date" })
	if i < 0 {
		t.Fatalf("no date claim on the disc release: %+v", claims)
	}
	if c := claims[i]; !c.Preferred || *c.Value != "2022-03-15" || c.Span == nil || c.Confidence != 0.95 {
		t.Errorf("date claim of the disc release = %+v, want the preferred date claim with its span", c)
	}
	if !slices.IsSortedFunc(claims, func(a, b Citation) int {
		switch {
		case a.Preferred == b.Preferred:
			return 0
		case a.Preferred:
			return -1
		}
		return 1
	}) {
		t.Errorf("claims are not listed preferred first: %+v", claims)
	}
}

func TestFilmListGolden(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	golden(t, "films", e.get("/api/v1/films").must(t, http.StatusOK).body)
}

func TestFilmFilters(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	both := []string{"Red Rocket", "The Quiet Harbour"}
	rr, qh := []string{"Red Rocket"}, []string{"The Quiet Harbour"}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"", both},
		{"q=rocket", rr},
		{"q=ROCKET", rr},
		{"q=quiet+harbour", qh},
		{"q=nothing-like-this", nil},
		{"year=2025", qh},
		{"release_type=festival", qh},
		{"release_type=limited", rr},
		{"release_type=PHYSICAL", both},
		{"format=uhd4k", qh},
		{"format=dvd", rr},
		{"country=gb", qh},
		{"country=FR", rr},
		{"from=2022-03-01&to=2022-03-31", rr},
		{"from=2026-02-10&to=2026-02-12", qh}, // a month-only date meets the range
		{"label=lionsgate", rr},
		{"label=silver-reel-video", qh},
		{"person=sean-baker", rr},
		{"person=tomas-okafor&year=2025", qh},
		{"person=sean-baker&year=2025", nil},
	} {
		got := titles(t, e.get("/api/v1/films?"+c.query).must(t, http.StatusOK))
		if d := cmp.Diff(c.want, got, cmpEmpty); d != "" {
			t.Errorf("?%s (-want +got):\n%s", c.query, d)
		}
	}

	// person by ID, label by ID.
	p := decode[PersonDetail](t, e.get("/api/v1/people/sean-baker").must(t, http.StatusOK))
	if got := titles(t, e.get("/api/v1/films?person="+itoa(p.Person.ID))); !slices.Equal(got, rr) {
		t.Errorf("?person=<id>: %v", got)
	}
	o := decode[OrganizationDetail](t, e.get("/api/v1/organizations/lionsgate").must(t, http.StatusOK))
	if got := titles(t, e.get("/api/v1/films?label="+itoa(o.Organization.ID))); !slices.Equal(got, rr) {
		t.Errorf("?label=<id>: %v", got)
	}
}

var cmpEmpty = cmp.Transformer("nilToEmpty", func(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
})

func TestPagination(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	first := decode[FilmList](t, e.get("/api/v1/films?limit=1").must(t, http.StatusOK))
	if len(first.Items) != 1 || first.NextCursor == nil {
		t.Fatalf("first page: %+v", first)
	}
	second := decode[FilmList](t, e.get("/api/v1/films?limit=1&cursor="+*first.NextCursor).must(t, http.StatusOK))
	if len(second.Items) != 1 || second.Items[0].Title != "The Quiet Harbour" || second.NextCursor != nil {
		t.Fatalf("second page: %+v", second)
	}

	var all []string
	path := "/api/v1/releases?include_tba=true&limit=3"
	for i := 0; ; i++ {
		if i > 10 {
			t.Fatal("calendar pagination does not end")
		}
		page := decode[ReleaseList](t, e.get(path).must(t, http.StatusOK))
		for _, r := range page.Items {
			all = append(all, r.Film.Title+" "+string(r.Date))
		}
		if page.NextCursor == nil {
			break
		}
		path = "/api/v1/releases?include_tba=true&limit=3&cursor=" + *page.NextCursor
	}
	if len(all) != 7 {
		t.Errorf("calendar pages gave %d releases, want 7: %v", len(all), all)
	}
}

func TestCalendarGolden(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	r := e.get("/api/v1/releases?from=2021-01-01&to=2026-12-31&include_tba=true").must(t, http.StatusOK)
	golden(t, "calendar", r.body)

	for _, it := range decode[ReleaseList](t, r).Items {
		if want := it.DatePrecision == "day"; it.DayKnown != want {
			t.Errorf("%s %s: day_known %v with precision %s", it.Film.Title, it.Date, it.DayKnown, it.DatePrecision)
		}
	}
}

func TestCalendarFilters(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	dates := func(query string) []string {
		t.Helper()
		out := []string{}
		for _, it := range decode[ReleaseList](t, e.get("/api/v1/releases?"+query).must(t, http.StatusOK)).Items {
			out = append(out, string(it.Type)+" "+string(it.Date))
		}
		return out
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"", []string{"premiere 2021-07-14", "limited 2021-12-10", "physical 2022-03-15", "festival 2025-09", "theatrical 2026", "physical 2026-02"}},
		{"include_tba=true&type=digital", []string{"digital TBA"}},
		{"include_tba=1&type=digital,physical", []string{"physical 2022-03-15", "physical 2026-02", "digital TBA"}},
		{"type=digital&type=physical", []string{"physical 2022-03-15", "physical 2026-02"}},
		{"from=2026-02-10&to=2026-02-12", []string{"theatrical 2026", "physical 2026-02"}},
		{"from=2025-01-01&to=2025-12-31", []string{"festival 2025-09"}},
		{"to=2021-12-31", []string{"premiere 2021-07-14", "limited 2021-12-10"}},
		{"status=announced", []string{"theatrical 2026", "physical 2026-02"}},
		{"status=announced&include_tba=true", []string{"theatrical 2026", "physical 2026-02", "digital TBA"}},
		{"format=dvd", []string{"physical 2022-03-15"}},
		{"format=uhd4k", []string{"physical 2026-02"}},
		{"country=us&include_tba=true", []string{"limited 2021-12-10", "physical 2022-03-15", "digital TBA"}},
		{"label=lionsgate", []string{"physical 2022-03-15"}},
		{"label=silver-reel-video", []string{"physical 2026-02"}},
		{"film=red-rocket-2021&type=premiere", []string{"premiere 2021-07-14"}},
	} {
		if d := cmp.Diff(c.want, dates(c.query)); d != "" {
			t.Errorf("?%s (-want +got):\n%s", c.query, d)
		}
	}
}

func TestPersonGolden(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	r := e.get("/api/v1/people/sean-baker").must(t, http.StatusOK)
	golden(t, "person_sean_baker", r.body)
	d := decode[PersonDetail](t, r)
	var depts []string
	for _, g := range d.Filmography {
		depts = append(depts, string(g.Department))
	}
	if !slices.Equal(depts, []string{"directing", "writing"}) {
		t.Errorf("departments %v", depts)
	}
	if len(d.Extras) != 2 || d.Extras[0].Role != "writer-director" || d.Extras[0].Film.Slug != "red-rocket-2021" {
		t.Errorf("extras %+v", d.Extras)
	}

	okafor := decode[PersonDetail](t, e.get("/api/v1/people/tomas-okafor").must(t, http.StatusOK))
	if len(okafor.Nominations) != 1 || okafor.Nominations[0].Result != "pending" || okafor.Nominations[0].Category.Name != "Best Performance" {
		t.Errorf("nominations of Tomas Okafor: %+v", okafor.Nominations)
	}
	if got := okafor.Filmography[0].Credits[0].Character; got != "Ezra Vale" {
		t.Errorf("character %q", got)
	}

	people := decode[PersonList](t, e.get("/api/v1/people?q=baker").must(t, http.StatusOK))
	if len(people.Items) != 1 || people.Items[0].Slug != "sean-baker" {
		t.Errorf("?q=baker: %+v", people.Items)
	}
}

func TestOrganizationsFestivalsAwardsSources(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	golden(t, "organization_silver_reel_video", e.get("/api/v1/organizations/silver-reel-video").must(t, http.StatusOK).body)
	golden(t, "festival_edition_harbourfront_2025", e.get("/api/v1/festivals/harbourfront/editions/2025").must(t, http.StatusOK).body)

	labels := decode[OrganizationList](t, e.get("/api/v1/organizations?kind=disc_label").must(t, http.StatusOK))
	var slugs []string
	for _, o := range labels.Items {
		slugs = append(slugs, o.Slug)
	}
	if !slices.Equal(slugs, []string{"lionsgate", "silver-reel-video"}) {
		t.Errorf("?kind=disc_label: %v", slugs)
	}

	fest := decode[FestivalDetail](t, e.get("/api/v1/festivals/cannes").must(t, http.StatusOK))
	if len(fest.Editions) != 1 || fest.Editions[0].Year != 2021 || *fest.Editions[0].StartsOn != "2021-07-06" {
		t.Errorf("cannes editions %+v", fest.Editions)
	}
	if n := len(decode[FestivalList](t, e.get("/api/v1/festivals").must(t, http.StatusOK)).Items); n != 2 {
		t.Errorf("%d festivals", n)
	}
	eds := decode[FestivalEditionList](t, e.get("/api/v1/festivals/"+itoa(fest.Festival.ID)+"/editions").must(t, http.StatusOK))
	if len(eds.Items) != 1 {
		t.Errorf("editions by festival ID: %+v", eds)
	}
	cannes := decode[FestivalEditionDetail](t, e.get("/api/v1/festivals/cannes/editions/2021").must(t, http.StatusOK))
	if len(cannes.Selections) != 1 || cannes.Selections[0].Section != "Competition" || len(cannes.Nominations) != 1 {
		t.Errorf("cannes 2021: %+v", cannes)
	}

	jury := decode[AwardBodyDetail](t, e.get("/api/v1/award-bodies/cannes-jury").must(t, http.StatusOK))
	if len(jury.Categories) != 2 || len(jury.Nominations) != 1 || jury.Nominations[0].Category.Name != "Palme d'Or" || jury.AwardBody.FestivalID == nil {
		t.Errorf("cannes jury: %+v", jury)
	}
	cats := decode[AwardCategoryList](t, e.get("/api/v1/award-bodies/cannes-jury/categories").must(t, http.StatusOK))
	cat := decode[AwardCategory](t, e.get("/api/v1/award-bodies/cannes-jury/categories/"+itoa(cats.Items[0].ID)).must(t, http.StatusOK))
	if cat != cats.Items[0] {
		t.Errorf("category %+v, want %+v", cat, cats.Items[0])
	}
	if n := len(decode[AwardBodyList](t, e.get("/api/v1/award-bodies").must(t, http.StatusOK)).Items); n != 2 {
		t.Errorf("%d award bodies", n)
	}

	for query, want := range map[string]int{
		"result=pending":                        2,
		"film=red-rocket-2021":                  1,
		"person=tomas-okafor":                   1,
		"award_body=harbourfront-awards":        2,
		"award_body=cannes-jury&result=pending": 0,
	} {
		if n := len(decode[NominationList](t, e.get("/api/v1/nominations?"+query).must(t, http.StatusOK)).Items); n != want {
			t.Errorf("nominations?%s: %d, want %d", query, n, want)
		}
	}

	srcs := decode[SourceList](t, e.get("/api/v1/sources?film=red-rocket-2021").must(t, http.StatusOK))
	if len(srcs.Items) != 2 {
		t.Errorf("sources of red rocket: %+v", srcs.Items)
	}
	articles := decode[SourceList](t, e.get("/api/v1/sources?kind=article").must(t, http.StatusOK))
	if len(articles.Items) != 2 {
		t.Errorf("article sources: %+v", articles.Items)
	}
	src := decode[Source](t, e.get("/api/v1/sources/"+itoa(articles.Items[0].ID)).must(t, http.StatusOK))
	if src.Text == "" || src.ContentHash == "" {
		t.Errorf("source without its text: %+v", src)
	}

	// Records fetched on their own carry the same claims as in the film.
	d := e.filmDetail("the-quiet-harbour-2025")
	rel := d.Releases[len(d.Releases)-1]
	if got := decode[Release](t, e.get("/api/v1/releases/"+itoa(rel.ID)).must(t, http.StatusOK)); !cmp.Equal(got, rel) {
		t.Errorf("release on its own differs:\n%s", cmp.Diff(rel, got))
	}
	for _, r := range d.Releases {
		for _, ed := range r.Editions {
			if got := decode[Edition](t, e.get("/api/v1/editions/"+itoa(ed.ID)).must(t, http.StatusOK)); !cmp.Equal(got, ed) {
				t.Errorf("edition on its own differs:\n%s", cmp.Diff(ed, got))
			}
			for _, x := range ed.Extras {
				if got := decode[Extra](t, e.get("/api/v1/extras/"+itoa(x.ID)).must(t, http.StatusOK)); !cmp.Equal(got, x) {
					t.Errorf("extra on its own differs:\n%s", cmp.Diff(x, got))
				}
			}
		}
	}
	if got := decode[Credit](t, e.get("/api/v1/credits/"+itoa(d.Credits[0].ID)).must(t, http.StatusOK)); !cmp.Equal(got, d.Credits[0]) {
		t.Errorf("credit on its own differs:\n%s", cmp.Diff(d.Credits[0], got))
	}
	if got := decode[Selection](t, e.get("/api/v1/selections/"+itoa(d.Selections[0].ID)).must(t, http.StatusOK)); !cmp.Equal(got, d.Selections[0]) {
		t.Errorf("selection on its own differs:\n%s", cmp.Diff(d.Selections[0], got))
	}
	if got := decode[Nomination](t, e.get("/api/v1/nominations/"+itoa(d.Nominations[0].ID)).must(t, http.StatusOK)); !cmp.Equal(got, d.Nominations[0]) {
		t.Errorf("nomination on its own differs:\n%s", cmp.Diff(d.Nominations[0], got))
	}
}

func TestHead(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	r := e.send(req{method: "HEAD", path: "/api/v1/films/red-rocket-2021"})
	if r.status != http.StatusOK {
		t.Errorf("HEAD: %d", r.status)
	}
}
