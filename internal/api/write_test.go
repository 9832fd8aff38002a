package api

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

type obj = map[string]any

// tokenSource returns the ID of the source that stands for e's token, as
// the film detail of a film written with it lists it.
func tokenSourceID(t *testing.T, d FilmDetail) int64 {
	t.Helper()
	for _, s := range d.Sources {
		if s.Kind == catalog.SourceAPI && strings.Contains(s.Title, `"tests"`) {
			return s.ID
		}
	}
	t.Fatalf("no API token source among %+v", d.Sources)
	return 0
}

func hasCitation(cs *[]Citation, sourceID int64) bool {
	return cs != nil && slices.ContainsFunc(*cs, func(c Citation) bool { return c.SourceID == sourceID })
}

func TestFilmCreateReplaceDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)

	r := e.write("POST", "/api/v1/films", obj{
		"title": "Night Ferry", "year": 2024, "runtime_minutes": 98, "genres": []string{"Thriller", "thriller", " drama "},
		"external_ids": obj{"imdb": "tt99999991", "tmdb": 424242},
		"trailers":     []obj{{"url": "https://video.example.com/night-ferry", "kind": "teaser"}},
	}).must(t, http.StatusCreated)
	if loc := r.header.Get("Location"); loc != "/api/v1/films/night-ferry-2024" {
		t.Errorf("Location %q", loc)
	}
	created := decode[FilmDetail](t, r)
	f := created.Film
	if f.Slug != "night-ferry-2024" || f.Status != "announced" || *f.RuntimeMinutes != 98 ||
		!slices.Equal(f.Genres, []string{"thriller", "drama"}) || *f.ExternalIDs.TMDb != 424242 || !f.CreatedAt.Equal(fixedNow) {
		t.Errorf("created film %+v", f)
	}
	src := tokenSourceID(t, created)
	if !hasCitation(f.Sources, src) {
		t.Errorf("the film is not cited with the token's source %d: %+v", src, f.Sources)
	}
	got := e.get(r.header.Get("Location")).must(t, http.StatusOK)
	if string(got.body) != string(r.body) {
		t.Errorf("GET Location differs from the created record:\n%s\n%s", got.body, r.body)
	}

	// Replace: fields change, the slug stays when none is given.
	r = e.write("PUT", "/api/v1/films/night-ferry-2024", obj{"title": "Night Ferry", "year": 2024, "status": "completed", "synopsis": "A crossing goes wrong."}).must(t, http.StatusOK)
	f = decode[FilmDetail](t, r).Film
	if f.Slug != "night-ferry-2024" || f.Status != "completed" || f.Synopsis != "A crossing goes wrong." || f.RuntimeMinutes != nil || len(f.Trailers) != 0 {
		t.Errorf("replaced film %+v", f)
	}
	// By ID, and with a new slug.
	r = e.write("PUT", "/api/v1/films/"+itoa(f.ID), obj{"title": "Night Ferry", "slug": "night-ferry"}).must(t, http.StatusOK)
	if s := decode[FilmDetail](t, r).Film.Slug; s != "night-ferry" {
		t.Errorf("slug after replace %q", s)
	}

	e.write("DELETE", "/api/v1/films/night-ferry", nil).must(t, http.StatusNoContent)
	if err := errorOf(t, e.get("/api/v1/films/night-ferry").must(t, http.StatusNotFound)); err.Message != `film "night-ferry" not found` {
		t.Errorf("after delete: %+v", err)
	}
	e.write("DELETE", "/api/v1/films/night-ferry", nil).must(t, http.StatusNotFound)
}

func TestWriteCitesGivenSource(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	article := obj{"kind": "article", "url": "https://news.example.com/a", "outlet": "Example News", "title": "A film is announced",
		"published_on": "2024-04", "text": "Night Ferry was announced today."}
	r := e.write("POST", "/api/v1/sources", article).must(t, http.StatusCreated)
	src := decode[Source](t, r)
	if r.header.Get("Location") != "/api/v1/sources/"+itoa(src.ID) || *src.PublishedOn != "2024-04" || src.Text == "" {
		t.Errorf("created source %+v (Location %q)", src, r.header.Get("Location"))
	}
	// The same text again is the same source.
	again := decode[Source](t, e.write("POST", "/api/v1/sources", article).must(t, http.StatusOK))
	if again.ID != src.ID {
		t.Errorf("the same article became source %d and %d", src.ID, again.ID)
	}

	d := decode[FilmDetail](t, e.write("POST", "/api/v1/films", obj{"title": "Night Ferry", "source_id": src.ID}).must(t, http.StatusCreated))
	if !hasCitation(d.Film.Sources, src.ID) || len(d.Sources) != 1 || d.Sources[0].ID != src.ID {
		t.Errorf("film cited with %+v, sources %+v; want source %d only", d.Film.Sources, d.Sources, src.ID)
	}
	if n := len(decode[SourceList](t, e.get("/api/v1/sources").must(t, http.StatusOK)).Items); n != 1 {
		t.Errorf("%d sources, want 1 (no token source when source_id is given)", n)
	}
}

// TestWriteEveryResource creates, reads, replaces and deletes one record
// of every kind through the API, each write cited.
func TestWriteEveryResource(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	post := func(path string, v any) response {
		t.Helper()
		r := e.write("POST", path, v).must(t, http.StatusCreated)
		if r.header.Get("Location") == "" {
			t.Errorf("POST %s: no Location", path)
		} else {
			e.get(r.header.Get("Location")).must(t, http.StatusOK)
		}
		return r
	}

	org := decode[OrganizationDetail](t, post("/api/v1/organizations", obj{"name": "Harbor Light Pictures", "kinds": []string{"distributor", "disc_label"}, "country": "gb"}))
	if org.Organization.Slug != "harbor-light-pictures" || *org.Organization.Country != "GB" {
		t.Errorf("organization %+v", org.Organization)
	}
	director := decode[PersonDetail](t, post("/api/v1/people", obj{"name": "Mara Lindqvist", "birth_year": 1980}))
	actor := decode[PersonDetail](t, post("/api/v1/people", obj{"name": "Tomas Okafor", "slug": "tomas-okafor"}))
	if director.Person.Slug != "mara-lindqvist" || director.Person.SortName != "Lindqvist, Mara" {
		t.Errorf("person %+v", director.Person)
	}
	fest := decode[FestivalDetail](t, post("/api/v1/festivals", obj{"name": "Harbourfront Film Festival", "slug": "harbourfront", "country": "CA", "city": "Halifax"}))
	ed := decode[FestivalEditionDetail](t, post("/api/v1/festivals/harbourfront/editions", obj{"year": 2025, "starts_on": "2025-09", "place": "Halifax"}))
	if ed.Edition.Year != 2025 || *ed.Edition.StartsOn != "2025-09" || ed.Edition.EndsOn != nil {
		t.Errorf("festival edition %+v", ed.Edition)
	}
	body := decode[AwardBodyDetail](t, post("/api/v1/award-bodies", obj{"name": "Harbourfront Awards", "festival": "harbourfront"}))
	if *body.AwardBody.FestivalID != fest.Festival.ID {
		t.Errorf("award body %+v", body.AwardBody)
	}
	cat := decode[AwardCategory](t, post("/api/v1/award-bodies/harbourfront-awards/categories", obj{"name": "Best Performance", "person_award": true}))

	film := decode[FilmDetail](t, post("/api/v1/films", obj{"title": "The Quiet Harbour", "year": 2025})).Film
	fp := "/api/v1/films/" + film.Slug
	credit := decode[Credit](t, post(fp+"/credits", obj{"person": "mara-lindqvist", "job": "Director"}))
	if credit.Department != "directing" || credit.Job != "director" || credit.Person.Name != "Mara Lindqvist" || credit.Sources == nil {
		t.Errorf("credit %+v", credit)
	}
	castCredit := decode[Credit](t, post(fp+"/credits", obj{"person": actor.Person.ID, "job": "actor", "character": "Ezra Vale", "billing": 1}))
	release := decode[Release](t, post(fp+"/releases", obj{"type": "festival", "date": "2025-09", "country": "CA", "status": "confirmed",
		"festival": obj{"festival": "harbourfront", "year": 2025}}))
	if release.Date != "2025-09" || release.DatePrecision != "month" || release.DayKnown || release.FestivalEdition == nil || release.FestivalEdition.Festival.Slug != "harbourfront" {
		t.Errorf("release %+v", release)
	}
	disc := decode[Release](t, post(fp+"/releases", obj{"type": "physical", "country": "GB", "distributor": "harbor-light-pictures"}))
	if disc.Date != "TBA" || disc.DatePrecision != "tba" || disc.Distributor == nil || disc.Distributor.Slug != "harbor-light-pictures" {
		t.Errorf("disc release %+v", disc)
	}
	edition := decode[Edition](t, post("/api/v1/releases/"+itoa(disc.ID)+"/editions", obj{
		"name": "Limited Edition", "label": org.Organization.ID, "formats": []string{"uhd4k", "bluray"}, "regions": []string{"b"},
		"barcode": "5012345678900", "packaging": []string{"steelbook"}, "disc_count": 2,
		"price": obj{"amount": 3999, "currency": "gbp"}, "limited_to": 3000,
	}))
	if edition.Label == nil || edition.Price == nil || edition.Price.Currency != "GBP" || edition.Regions[0] != "B" || *edition.LimitedTo != 3000 {
		t.Errorf("edition %+v", edition)
	}
	extra := decode[Extra](t, post("/api/v1/editions/"+itoa(edition.ID)+"/extras", obj{
		"kind": "audio_commentary", "title": "Commentary", "vintage": "new",
		"participants": []obj{{"person": "mara-lindqvist", "role": "director"}, {"person": actor.Person.ID, "role": "lead actor"}},
	}))
	if len(extra.Participants) != 2 || extra.Participants[1].Person.Slug != "tomas-okafor" || extra.Participants[1].Role != "lead actor" ||
		extra.Participants[0].Sources == nil || len(*extra.Participants[0].Sources) == 0 || extra.Position != 1 {
		t.Errorf("extra %+v", extra)
	}
	sel := decode[Selection](t, post(fp+"/selections", obj{"festival": "harbourfront", "year": 2025, "section": "Opening Night", "premiere": "world"}))
	if sel.FestivalEdition.Year != 2025 || *sel.Premiere != "world" {
		t.Errorf("selection %+v", sel)
	}
	nom := decode[Nomination](t, post(fp+"/nominations", obj{"award_body": "harbourfront-awards", "category": "best performance", "year": 2025,
		"person": "tomas-okafor", "result": "pending"}))
	if nom.Category.ID != cat.ID || nom.Person == nil || nom.FestivalEditionID == nil || *nom.FestivalEditionID != ed.Edition.ID || nom.Result != "pending" {
		t.Errorf("nomination %+v (festival edition %d)", nom, ed.Edition.ID)
	}

	// The film in full shows all of it, every record cited by the token.
	d := e.filmDetail(film.Slug)
	src := tokenSourceID(t, d)
	if len(d.Credits) != 2 || len(d.Releases) != 2 || len(d.Selections) != 1 || len(d.Nominations) != 1 {
		t.Fatalf("film in full: %+v", d)
	}
	for what, cs := range map[string]*[]Citation{
		"film": d.Film.Sources, "credit": d.Credits[0].Sources, "release": d.Releases[0].Sources,
		"edition": d.Releases[1].Editions[0].Sources, "extra": d.Releases[1].Editions[0].Extras[0].Sources,
		"participant": d.Releases[1].Editions[0].Extras[0].Participants[0].Sources,
		"selection":   d.Selections[0].Sources, "nomination": d.Nominations[0].Sources,
	} {
		if !hasCitation(cs, src) {
			t.Errorf("%s is not cited with the token's source: %+v", what, cs)
		}
	}
	who := decode[PersonDetail](t, e.get("/api/v1/people/tomas-okafor").must(t, http.StatusOK))
	if len(who.Filmography) != 1 || len(who.Extras) != 1 || who.Extras[0].Role != "lead actor" || len(who.Nominations) != 1 {
		t.Errorf("person detail %+v", who)
	}

	// Replace each.
	put := func(path string, v any) response {
		t.Helper()
		return e.write("PUT", path, v).must(t, http.StatusOK)
	}
	if c := decode[Credit](t, put("/api/v1/credits/"+itoa(castCredit.ID), obj{"person": "tomas-okafor", "job": "actor", "character": "Ezra", "billing": 2})); c.Character != "Ezra" || *c.Billing != 2 {
		t.Errorf("replaced credit %+v", c)
	}
	r2 := decode[Release](t, put("/api/v1/releases/"+itoa(disc.ID), obj{"type": "physical", "country": "GB", "distributor": "harbor-light-pictures", "date": "2026-02", "status": "confirmed"}))
	if r2.Date != "2026-02" || r2.Status != "confirmed" || len(r2.Editions) != 1 {
		t.Errorf("replaced release %+v", r2)
	}
	var fields []string
	for _, c := range *r2.Sources {
		if c.Field != nil {
			fields = append(fields, *c.Field+"="+*c.Value)
		}
	}
	slices.Sort(fields)
	if !slices.Equal(fields, []string{"date=2026-02", "date=TBA", "status=confirmed"}) {
		t.Errorf("release claims after a date change: %v", fields)
	}
	if x := decode[Edition](t, put("/api/v1/editions/"+itoa(edition.ID), obj{"formats": []string{"bluray"}, "name": "Standard"})); x.Name != "Standard" || x.Label != nil || x.Price != nil || len(x.Extras) != 1 {
		t.Errorf("replaced edition %+v", x)
	}
	if x := decode[Extra](t, put("/api/v1/extras/"+itoa(extra.ID), obj{"kind": "audio_commentary", "participants": []obj{{"person": "tomas-okafor", "role": "actor"}}})); len(x.Participants) != 1 || x.Title != "" || x.Position != 1 {
		t.Errorf("replaced extra %+v", x)
	}
	if s := decode[Selection](t, put("/api/v1/selections/"+itoa(sel.ID), obj{"festival": fest.Festival.ID, "year": 2025, "section": "Galas"})); s.Section != "Galas" || s.Premiere != nil {
		t.Errorf("replaced selection %+v", s)
	}
	n2 := decode[Nomination](t, put("/api/v1/nominations/"+itoa(nom.ID), obj{"award_body": body.AwardBody.ID, "category": itoa(cat.ID), "year": 2025, "person": "tomas-okafor", "result": "won"}))
	if n2.Result != "won" || !slices.ContainsFunc(*n2.Sources, func(c Citation) bool { return c.Field != nil && *c.Field == "result" && *c.Value == "won" }) {
		t.Errorf("replaced nomination %+v", n2)
	}
	if p := decode[PersonDetail](t, put("/api/v1/people/mara-lindqvist", obj{"name": "Mara Lindqvist", "death_year": 2100, "birth_year": 1980})); *p.Person.DeathYear != 2100 || p.Person.Slug != "mara-lindqvist" {
		t.Errorf("replaced person %+v", p.Person)
	}
	if o := decode[OrganizationDetail](t, put("/api/v1/organizations/harbor-light-pictures", obj{"name": "Harbor Light", "website": "https://harbor.example.com"})); o.Organization.Name != "Harbor Light" || *o.Organization.Website != "https://harbor.example.com" || len(o.Releases) != 1 || len(o.Editions) != 1 {
		t.Errorf("replaced organization %+v", o)
	}
	if f := decode[FestivalDetail](t, put("/api/v1/festivals/harbourfront", obj{"name": "Harbourfront International Film Festival"})); f.Festival.Slug != "harbourfront" || f.Festival.Country != nil {
		t.Errorf("replaced festival %+v", f.Festival)
	}
	if x := decode[FestivalEditionDetail](t, put("/api/v1/festivals/harbourfront/editions/2025", obj{"starts_on": "2025-09-11", "ends_on": "2025-09-20"})); *x.Edition.StartsOn != "2025-09-11" || x.Edition.Year != 2025 || len(x.Selections) != 1 || len(x.Nominations) != 1 {
		t.Errorf("replaced festival edition %+v", x)
	}
	if b := decode[AwardBodyDetail](t, put("/api/v1/award-bodies/harbourfront-awards", obj{"name": "Harbourfront Prizes", "festival": "harbourfront"})); b.AwardBody.Name != "Harbourfront Prizes" || b.AwardBody.Slug != "harbourfront-awards" {
		t.Errorf("replaced award body %+v", b.AwardBody)
	}
	if c := decode[AwardCategory](t, put("/api/v1/award-bodies/harbourfront-awards/categories/"+itoa(cat.ID), obj{"name": "Best Lead Performance", "person_award": true})); c.Name != "Best Lead Performance" {
		t.Errorf("replaced category %+v", c)
	}

	// Still referenced: conflicts.
	for _, path := range []string{"/api/v1/people/tomas-okafor", "/api/v1/organizations/harbor-light-pictures", "/api/v1/festivals/harbourfront"} {
		if err := errorOf(t, e.write("DELETE", path, nil).must(t, http.StatusConflict)); err.Code != "conflict" {
			t.Errorf("DELETE %s: %+v", path, err)
		}
	}

	// Delete each, leaves first.
	for _, path := range []string{
		"/api/v1/nominations/" + itoa(nom.ID),
		"/api/v1/award-bodies/harbourfront-awards/categories/" + itoa(cat.ID),
		"/api/v1/award-bodies/harbourfront-awards",
		"/api/v1/selections/" + itoa(sel.ID),
		"/api/v1/extras/" + itoa(extra.ID),
		"/api/v1/editions/" + itoa(edition.ID),
		"/api/v1/releases/" + itoa(disc.ID),
		"/api/v1/credits/" + itoa(castCredit.ID),
		"/api/v1/people/tomas-okafor",
		"/api/v1/organizations/harbor-light-pictures",
	} {
		e.write("DELETE", path, nil).must(t, http.StatusNoContent)
		e.get(path).must(t, http.StatusNotFound)
	}
	e.write("DELETE", "/api/v1/films/"+film.Slug, nil).must(t, http.StatusNoContent)
	e.write("DELETE", "/api/v1/festivals/harbourfront/editions/2025", nil).must(t, http.StatusNoContent)
	e.get("/api/v1/festivals/harbourfront/editions/2025").must(t, http.StatusNotFound)
	e.write("DELETE", "/api/v1/festivals/harbourfront", nil).must(t, http.StatusNoContent)
	e.write("DELETE", "/api/v1/people/mara-lindqvist", nil).must(t, http.StatusNoContent)
	for _, list := range []string{"/api/v1/films", "/api/v1/people", "/api/v1/organizations", "/api/v1/festivals", "/api/v1/award-bodies"} {
		if n := countItems(t, e, list); n != 0 {
			t.Errorf("%s still has %d items", list, n)
		}
	}
}

// countItems counts the items of a list endpoint (one page of up to
// 1000).
func countItems(t *testing.T, e *env, path string) int {
	t.Helper()
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return len(decode[struct {
		Items      []any   `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}](t, e.get(path+sep+"limit=1000").must(t, http.StatusOK)).Items)
}

func TestAuth(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	body := `{"title": "Night Ferry"}`
	for _, c := range []struct {
		name, auth string
	}{
		{"no token", ""},
		{"not bearer", "Basic dXNlcjpwYXNz"},
		{"empty bearer", "Bearer "},
		{"unknown token", "Bearer mqt_not-a-real-token"},
		{"not a marquee token", "Bearer abc"},
	} {
		r := e.send(req{method: "POST", path: "/api/v1/films", body: body, contentType: "application/json", auth: c.auth})
		if r.status != http.StatusUnauthorized || errorOf(t, r).Code != "unauthorized" || r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: %d %s (WWW-Authenticate %q)", c.name, r.status, r.body, r.header.Get("WWW-Authenticate"))
		}
	}
	// Auth is checked before the body: a bad body without a token is a 401.
	r := e.send(req{method: "POST", path: "/api/v1/films", body: `{`, contentType: "text/plain"})
	if r.status != http.StatusUnauthorized {
		t.Errorf("bad body without a token: %d", r.status)
	}
	if n := countItems(t, e, "/api/v1/films"); n != 0 {
		t.Errorf("unauthorized writes created %d films", n)
	}

	// A valid token writes; "bearer" is case-insensitive.
	r = e.send(req{method: "POST", path: "/api/v1/films", body: body, contentType: "application/json", auth: "bearer " + e.secret}).must(t, http.StatusCreated)
	d := decode[FilmDetail](t, r)
	if !hasCitation(d.Film.Sources, tokenSourceID(t, d)) {
		t.Errorf("write not cited with the token's source: %+v", d.Film.Sources)
	}

	// Revoked: 401.
	if err := e.svc.RevokeToken(e.ctx, e.tok.ID); err != nil {
		t.Fatal(err)
	}
	r = e.write("DELETE", "/api/v1/films/"+d.Film.Slug, nil)
	if r.status != http.StatusUnauthorized {
		t.Errorf("revoked token: %d %s", r.status, r.body)
	}
	e.get("/api/v1/films/"+d.Film.Slug).must(t, http.StatusOK)
}
