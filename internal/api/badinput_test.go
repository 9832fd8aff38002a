package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// snapshot is everything the API shows of the fixture catalog, to prove
// that a rejected request wrote nothing.
func snapshot(t *testing.T, e *env) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, path := range []string{
		"/api/v1/films?limit=1000", "/api/v1/people?limit=1000", "/api/v1/organizations?limit=1000",
		"/api/v1/festivals?limit=1000", "/api/v1/award-bodies?limit=1000", "/api/v1/sources?limit=1000",
		"/api/v1/releases?include_tba=true&limit=1000",
		"/api/v1/films/red-rocket-2021", "/api/v1/films/the-quiet-harbour-2025",
		"/api/v1/festivals/cannes/editions/2021", "/api/v1/award-bodies/cannes-jury",
	} {
		out[path] = string(e.get(path).must(t, http.StatusOK).body)
	}
	return out
}

type badCase struct {
	name        string
	method      string
	path        string
	body        string
	contentType string // default application/json for bodies
	noAuth      bool
	status      int
	code        string
	field       string // "-" for no field
	message     string // a part of the message
}

func (c badCase) send(e *env) response {
	r := req{method: c.method, path: c.path, body: c.body, contentType: c.contentType}
	if c.body != "" && c.contentType == "" {
		r.contentType = "application/json"
	}
	if c.contentType == "none" {
		r.contentType = ""
	}
	if !c.noAuth {
		r.auth = "Bearer " + e.secret
	}
	return e.send(r)
}

func (c badCase) check(t *testing.T, r response) {
	t.Helper()
	if r.status != c.status {
		t.Errorf("status %d, want %d; body %s", r.status, c.status, r.body)
		return
	}
	got := errorOf(t, r)
	if got.Code != ErrorCode(c.code) {
		t.Errorf("code %q, want %q (%s)", got.Code, c.code, got.Message)
	}
	if c.field != "" {
		want := c.field
		if want == "-" {
			want = ""
		}
		if got.Field != want {
			t.Errorf("field %q, want %q (%s)", got.Field, want, got.Message)
		}
	}
	if !strings.Contains(got.Message, c.message) {
		t.Errorf("message %q, want it to contain %q", got.Message, c.message)
	}
}

// badCases builds the rejected requests against the fixture catalog.
func badCases(t *testing.T, e *env) []badCase {
	d := e.filmDetail("red-rocket-2021")
	var physical, edition int64
	for _, r := range d.Releases {
		if r.Type == "physical" {
			physical, edition = r.ID, r.Editions[0].ID
		}
	}
	rel, ed, credit := itoa(physical), itoa(edition), itoa(d.Credits[0].ID)
	big := `{"title": "Huge", "synopsis": "` + strings.Repeat("x", MaxBodyBytes) + `"}`

	return []badCase{
		// Bodies.
		{name: "malformed JSON", method: "POST", path: "/api/v1/films", body: "{\n  \"title\": \"x\",\n}", status: 400, code: "invalid", message: "line 3, column 1"},
		{name: "truncated JSON", method: "POST", path: "/api/v1/films", body: `{"title": "x"`, status: 400, code: "invalid", message: "ends before"},
		{name: "unknown field", method: "POST", path: "/api/v1/films", body: `{"title": "x", "director": "y"}`, status: 400, code: "invalid", field: "director", message: "not a field"},
		{name: "unknown nested field", method: "POST", path: "/api/v1/films", body: `{"title": "x", "external_ids": {"imdbid": "tt1234567"}}`, status: 400, code: "invalid", field: "imdbid"},
		{name: "trailing data", method: "POST", path: "/api/v1/films", body: `{"title": "x"} {"title": "y"}`, status: 400, code: "invalid", message: "after the JSON object"},
		{name: "trailing garbage", method: "POST", path: "/api/v1/films", body: `{"title": "x"}]`, status: 400, code: "invalid", message: "after the JSON object"},
		{name: "wrong type", method: "POST", path: "/api/v1/films", body: `{"title": 42}`, status: 400, code: "invalid", field: "title", message: "want a string"},
		{name: "wrong nested type", method: "POST", path: "/api/v1/films", body: `{"title": "x", "external_ids": {"tmdb": "12"}}`, status: 400, code: "invalid", field: "external_ids.tmdb"},
		{name: "empty body", method: "POST", path: "/api/v1/films", body: " ", status: 400, code: "invalid", message: "empty"},
		{name: "array body", method: "POST", path: "/api/v1/films", body: `[{"title": "x"}]`, status: 400, code: "invalid", message: "JSON object"},
		{name: "null body", method: "POST", path: "/api/v1/films", body: `null`, status: 400, code: "invalid", message: "JSON object"},
		{name: "too large", method: "POST", path: "/api/v1/films", body: big, status: 413, code: "too_large"},
		{name: "text/plain", method: "POST", path: "/api/v1/films", body: `{"title": "x"}`, contentType: "text/plain", status: 415, code: "unsupported_media_type"},
		{name: "no content type", method: "POST", path: "/api/v1/films", body: `{"title": "x"}`, contentType: "none", status: 415, code: "unsupported_media_type"},
		{name: "form", method: "PUT", path: "/api/v1/films/red-rocket-2021", body: `title=x`, contentType: "application/x-www-form-urlencoded", status: 415, code: "unsupported_media_type"},

		// Validation of the record.
		{name: "missing title", method: "POST", path: "/api/v1/films", body: `{"year": 2020}`, status: 400, code: "invalid", field: "title", message: "required"},
		{name: "bad status", method: "POST", path: "/api/v1/films", body: `{"title": "x", "status": "finished"}`, status: 400, code: "invalid", field: "status", message: "announced"},
		{name: "bad year", method: "POST", path: "/api/v1/films", body: `{"title": "x", "year": 1700}`, status: 400, code: "invalid", field: "year"},
		{name: "bad imdb", method: "POST", path: "/api/v1/films", body: `{"title": "x", "external_ids": {"imdb": "nm1234567"}}`, status: 400, code: "invalid", field: "external_ids.imdb"},
		{name: "bad trailer", method: "POST", path: "/api/v1/films", body: `{"title": "x", "trailers": [{"url": "ftp://x"}]}`, status: 400, code: "invalid", field: "trailers[0].url"},
		{name: "bad slug", method: "POST", path: "/api/v1/films", body: `{"title": "x", "slug": "Not A Slug"}`, status: 400, code: "invalid", field: "slug"},
		{name: "unknown source", method: "POST", path: "/api/v1/films", body: `{"title": "x", "source_id": 9999}`, status: 400, code: "invalid", field: "source_id", message: "does not exist"},
		{name: "negative source", method: "POST", path: "/api/v1/films", body: `{"title": "x", "source_id": -1}`, status: 400, code: "invalid", field: "source_id"},
		{name: "replace with bad record", method: "PUT", path: "/api/v1/films/red-rocket-2021", body: `{"title": ""}`, status: 400, code: "invalid", field: "title"},
		{name: "person without name", method: "POST", path: "/api/v1/people", body: `{"birth_year": 1970}`, status: 400, code: "invalid", field: "name"},
		{name: "person dies before birth", method: "PUT", path: "/api/v1/people/sean-baker", body: `{"name": "Sean Baker", "birth_year": 1971, "death_year": 1960}`, status: 400, code: "invalid", field: "death_year"},
		{name: "organization bad kind", method: "POST", path: "/api/v1/organizations", body: `{"name": "X", "kinds": ["cinema"]}`, status: 400, code: "invalid", field: "kinds[0]"},
		{name: "organization bad country", method: "POST", path: "/api/v1/organizations", body: `{"name": "X", "country": "XX"}`, status: 400, code: "invalid", field: "country"},
		{name: "festival bad website", method: "POST", path: "/api/v1/festivals", body: `{"name": "X", "website": "not a url"}`, status: 400, code: "invalid", field: "website"},
		{name: "edition bad date", method: "POST", path: "/api/v1/festivals/cannes/editions", body: `{"year": 2022, "starts_on": "2022-02-30"}`, status: 400, code: "invalid", field: "starts_on", message: "no day 30"},
		{name: "edition start outside year", method: "POST", path: "/api/v1/festivals/cannes/editions", body: `{"year": 2022, "starts_on": "2023-05"}`, status: 400, code: "invalid", field: "starts_on"},
		{name: "award body unknown festival", method: "POST", path: "/api/v1/award-bodies", body: `{"name": "X", "festival": "nowhere"}`, status: 400, code: "invalid", field: "festival", message: "does not exist"},
		{name: "category without name", method: "POST", path: "/api/v1/award-bodies/cannes-jury/categories", body: `{}`, status: 400, code: "invalid", field: "name"},
		{name: "credit unknown person", method: "POST", path: "/api/v1/films/red-rocket-2021/credits", body: `{"person": "nobody", "job": "director"}`, status: 400, code: "invalid", field: "person", message: `person "nobody" does not exist`},
		{name: "credit person of wrong type", method: "POST", path: "/api/v1/films/red-rocket-2021/credits", body: `{"person": true, "job": "director"}`, status: 400, code: "invalid", field: "person", message: "slug"},
		{name: "credit person negative ID", method: "POST", path: "/api/v1/films/red-rocket-2021/credits", body: `{"person": -4, "job": "director"}`, status: 400, code: "invalid", field: "person"},
		{name: "credit without job", method: "POST", path: "/api/v1/films/red-rocket-2021/credits", body: `{"person": "sean-baker"}`, status: 400, code: "invalid", field: "job"},
		{name: "credit character for crew", method: "PUT", path: "/api/v1/credits/" + credit, body: `{"person": "sean-baker", "job": "director", "character": "Himself"}`, status: 400, code: "invalid", field: "character"},
		{name: "release bad date", method: "POST", path: "/api/v1/films/red-rocket-2021/releases", body: `{"type": "digital", "date": "2022-02-30"}`, status: 400, code: "invalid", field: "date", message: "no day 30"},
		{name: "release date words", method: "POST", path: "/api/v1/films/red-rocket-2021/releases", body: `{"type": "digital", "date": "March 2022"}`, status: 400, code: "invalid", field: "date"},
		{name: "release bad type", method: "POST", path: "/api/v1/films/red-rocket-2021/releases", body: `{"type": "vhs", "date": "2022"}`, status: 400, code: "invalid", field: "type"},
		{name: "release without type", method: "POST", path: "/api/v1/films/red-rocket-2021/releases", body: `{"date": "2022"}`, status: 400, code: "invalid", field: "type"},
		{name: "release bad country", method: "POST", path: "/api/v1/films/red-rocket-2021/releases", body: `{"type": "digital", "country": "UK"}`, status: 400, code: "invalid", field: "country"},
		{name: "release unknown distributor", method: "POST", path: "/api/v1/films/red-rocket-2021/releases", body: `{"type": "digital", "distributor": "nobody"}`, status: 400, code: "invalid", field: "distributor"},
		{name: "release unknown festival year", method: "POST", path: "/api/v1/films/red-rocket-2021/releases", body: `{"type": "festival", "festival": {"festival": "cannes", "year": 1999}}`, status: 400, code: "invalid", field: "festival", message: "no 1999 edition"},
		{name: "release festival on theatrical", method: "POST", path: "/api/v1/films/red-rocket-2021/releases", body: `{"type": "theatrical", "festival": {"festival": "cannes", "year": 2021}}`, status: 400, code: "invalid", field: "festival_edition_id"},
		{name: "release replace bad status", method: "PUT", path: "/api/v1/releases/" + rel, body: `{"type": "physical", "status": "rumoured"}`, status: 400, code: "invalid", field: "status"},
		{name: "edition without formats", method: "POST", path: "/api/v1/releases/" + rel + "/editions", body: `{"name": "X"}`, status: 400, code: "invalid", field: "formats"},
		{name: "edition bad format", method: "POST", path: "/api/v1/releases/" + rel + "/editions", body: `{"formats": ["vhs"]}`, status: 400, code: "invalid", field: "formats[0]"},
		{name: "edition bad barcode", method: "POST", path: "/api/v1/releases/" + rel + "/editions", body: `{"formats": ["dvd"], "barcode": "5012345678901"}`, status: 400, code: "invalid", field: "barcode"},
		{name: "edition bad region", method: "POST", path: "/api/v1/releases/" + rel + "/editions", body: `{"formats": ["dvd"], "regions": ["Z"]}`, status: 400, code: "invalid", field: "regions[0]"},
		{name: "edition bad price", method: "POST", path: "/api/v1/releases/" + rel + "/editions", body: `{"formats": ["dvd"], "price": {"amount": 999, "currency": "dollars"}}`, status: 400, code: "invalid", field: "price.currency"},
		{name: "edition empty price", method: "POST", path: "/api/v1/releases/" + rel + "/editions", body: `{"formats": ["dvd"], "price": {}}`, status: 400, code: "invalid", field: "price"},
		{name: "edition unknown label", method: "PUT", path: "/api/v1/editions/" + ed, body: `{"formats": ["dvd"], "label": 9999}`, status: 400, code: "invalid", field: "label"},
		{name: "extra bad kind", method: "POST", path: "/api/v1/editions/" + ed + "/extras", body: `{"kind": "bloopers"}`, status: 400, code: "invalid", field: "kind"},
		{name: "extra unknown participant", method: "POST", path: "/api/v1/editions/" + ed + "/extras", body: `{"kind": "interview", "participants": [{"person": "sean-baker"}, {"person": "nobody"}]}`, status: 400, code: "invalid", field: "participants[1].person"},
		{name: "extra participant twice", method: "POST", path: "/api/v1/editions/" + ed + "/extras", body: `{"kind": "interview", "participants": [{"person": "sean-baker"}, {"person": "sean-baker"}]}`, status: 400, code: "invalid", field: "participants[1].person_id"},
		{name: "extra bad vintage", method: "POST", path: "/api/v1/editions/" + ed + "/extras", body: `{"kind": "interview", "vintage": "old"}`, status: 400, code: "invalid", field: "vintage"},
		{name: "selection unknown festival", method: "POST", path: "/api/v1/films/red-rocket-2021/selections", body: `{"festival": "venice", "year": 2021}`, status: 400, code: "invalid", field: "festival"},
		{name: "selection without year", method: "POST", path: "/api/v1/films/red-rocket-2021/selections", body: `{"festival": "cannes"}`, status: 400, code: "invalid", field: "year"},
		{name: "selection bad premiere", method: "POST", path: "/api/v1/films/red-rocket-2021/selections", body: `{"festival": "cannes", "year": 2021, "premiere": "galactic"}`, status: 400, code: "invalid", field: "premiere"},
		{name: "nomination unknown body", method: "POST", path: "/api/v1/films/red-rocket-2021/nominations", body: `{"award_body": "oscars", "category": "Best Picture", "year": 2022}`, status: 400, code: "invalid", field: "award_body"},
		{name: "nomination unknown category", method: "POST", path: "/api/v1/films/red-rocket-2021/nominations", body: `{"award_body": "cannes-jury", "category": "Best Picture", "year": 2021}`, status: 400, code: "invalid", field: "category", message: "no category"},
		{name: "nomination bad result", method: "POST", path: "/api/v1/films/red-rocket-2021/nominations", body: `{"award_body": "cannes-jury", "category": "Palme d'Or", "year": 2021, "result": "lost-ish"}`, status: 400, code: "invalid", field: "result"},
		{name: "nomination without year", method: "POST", path: "/api/v1/films/red-rocket-2021/nominations", body: `{"award_body": "cannes-jury", "category": "Palme d'Or"}`, status: 400, code: "invalid", field: "year"},
		{name: "nomination unknown festival year", method: "POST", path: "/api/v1/films/red-rocket-2021/nominations", body: `{"award_body": "cannes-jury", "category": "Palme d'Or", "year": 2021, "festival_year": 1999}`, status: 400, code: "invalid", field: "festival_year"},
		{name: "source bad kind", method: "POST", path: "/api/v1/sources", body: `{"kind": "rumour"}`, status: 400, code: "invalid", field: "kind"},
		{name: "source bad date", method: "POST", path: "/api/v1/sources", body: `{"kind": "manual", "published_on": "2022-13"}`, status: 400, code: "invalid", field: "published_on"},
		{name: "empty article", method: "POST", path: "/api/v1/sources", body: `{"kind": "article"}`, status: 400, code: "invalid", field: "url"},

		// Records in the path.
		{name: "write to unknown film", method: "POST", path: "/api/v1/films/nope/credits", body: `{"person": "sean-baker", "job": "director"}`, status: 404, code: "not_found", message: `film "nope" not found`},
		{name: "replace unknown film", method: "PUT", path: "/api/v1/films/nope", body: `{"title": "x"}`, status: 404, code: "not_found"},
		{name: "delete unknown person", method: "DELETE", path: "/api/v1/people/nobody", status: 404, code: "not_found", message: `person "nobody" not found`},
		{name: "replace unknown credit", method: "PUT", path: "/api/v1/credits/99999", body: `{"person": "sean-baker", "job": "director"}`, status: 404, code: "not_found", message: "credit 99999 not found"},
		{name: "delete unknown release", method: "DELETE", path: "/api/v1/releases/99999", status: 404, code: "not_found"},
		{name: "non-numeric id", method: "DELETE", path: "/api/v1/extras/abc", status: 400, code: "invalid", field: "id"},
		{name: "zero id", method: "PUT", path: "/api/v1/selections/0", body: `{}`, status: 400, code: "invalid", field: "id"},
		{name: "bad year in path", method: "DELETE", path: "/api/v1/festivals/cannes/editions/twenty", status: 400, code: "invalid", field: "year"},
		{name: "unknown festival edition", method: "PUT", path: "/api/v1/festivals/cannes/editions/1999", body: `{}`, status: 404, code: "not_found", message: "no 1999 edition"},
		{name: "unknown category", method: "DELETE", path: "/api/v1/award-bodies/cannes-jury/categories/99999", status: 404, code: "not_found"},

		// Auth comes first.
		{name: "no token", method: "POST", path: "/api/v1/films", body: `{"title": "x"}`, noAuth: true, status: 401, code: "unauthorized"},
		{name: "no token, bad body", method: "POST", path: "/api/v1/films", body: `{"title":`, noAuth: true, status: 401, code: "unauthorized"},
		{name: "no token, delete", method: "DELETE", path: "/api/v1/films/red-rocket-2021", noAuth: true, status: 401, code: "unauthorized"},
	}
}

// TestBadWritesWriteNothing sends every bad write and checks the status,
// the error and that the catalog (the token's source included) is
// unchanged.
func TestBadWritesWriteNothing(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	before := snapshot(t, e)
	for _, c := range badCases(t, e) {
		t.Run(c.name, func(t *testing.T) {
			e.t = t
			c.check(t, c.send(e))
		})
	}
	e.t = t
	if d := cmp.Diff(before, snapshot(t, e)); d != "" {
		t.Errorf("rejected writes changed the catalog (-before +after):\n%s", d)
	}
}

func TestBadQueries(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	for _, c := range []badCase{
		{path: "/api/v1/films?year=abc", field: "year", message: `"abc" is not an integer`},
		{path: "/api/v1/films?year=20222", field: "year"},
		{path: "/api/v1/films?year=2020&year=2021", field: "year", message: "once"},
		{path: "/api/v1/films?limit=-1", field: "limit"},
		{path: "/api/v1/films?limit=0", field: "limit"},
		{path: "/api/v1/films?limit=1001", field: "limit"},
		{path: "/api/v1/films?limit=ten", field: "limit"},
		{path: "/api/v1/films?from=2022-02-30", field: "from", message: "no day 30"},
		{path: "/api/v1/films?from=2022-03", field: "from", message: "YYYY-MM-DD"},
		{path: "/api/v1/films?to=tba", field: "to"},
		{path: "/api/v1/films?from=2022-03-02&to=2022-03-01", field: "to", message: "before"},
		{path: "/api/v1/films?release_type=bootleg", field: "release_type", message: "want one of"},
		{path: "/api/v1/films?format=vhs", field: "format"},
		{path: "/api/v1/films?country=XX", field: "country"},
		{path: "/api/v1/films?country=usa", field: "country"},
		{path: "/api/v1/films?label=nobody", field: "label"},
		{path: "/api/v1/films?person=nobody", field: "person", message: `person "nobody" does not exist`},
		{path: "/api/v1/people?limit=-5", field: "limit"},
		{path: "/api/v1/films?cursor=garbage", field: "cursor"},
		{path: "/api/v1/people?cursor=garbage", field: "cursor"},
		{path: "/api/v1/releases?cursor=garbage", field: "cursor"},
		{path: "/api/v1/organizations?cursor=garbage", field: "cursor"},
		{path: "/api/v1/festivals?cursor=garbage", field: "cursor"},
		{path: "/api/v1/award-bodies?cursor=garbage", field: "cursor"},
		{path: "/api/v1/sources?cursor=garbage", field: "cursor"},
		{path: "/api/v1/releases?type=physical,bogus", field: "type"},
		{path: "/api/v1/releases?type=physical&type=bogus", field: "type"},
		{path: "/api/v1/releases?status=rumoured", field: "status"},
		{path: "/api/v1/releases?include_tba=maybe", field: "include_tba"},
		{path: "/api/v1/releases?from=2022-13-01", field: "from"},
		{path: "/api/v1/releases?format=8mm", field: "format"},
		{path: "/api/v1/releases?film=nope", field: "film"},
		{path: "/api/v1/organizations?kind=cinema", field: "kind"},
		{path: "/api/v1/festivals?limit=x", field: "limit"},
		{path: "/api/v1/award-bodies?limit=2000", field: "limit"},
		{path: "/api/v1/nominations", field: "-", message: "at least one"},
		{path: "/api/v1/nominations?result=maybe", field: "result"},
		{path: "/api/v1/nominations?film=nope", field: "film"},
		{path: "/api/v1/nominations?award_body=nope", field: "award_body"},
		{path: "/api/v1/sources?kind=rumour", field: "kind"},
		{path: "/api/v1/sources?film=nope", field: "film"},
		{path: "/api/v1/credits/abc", field: "id"},
		{path: "/api/v1/festivals/cannes/editions/1", field: "year"},
	} {
		c.method, c.noAuth, c.status, c.code = "GET", true, http.StatusBadRequest, "invalid"
		t.Run(c.path, func(t *testing.T) {
			e.t = t
			c.check(t, c.send(e))
		})
	}
	e.t = t
}

func TestNotFoundAndMethods(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	for _, c := range []struct {
		method, path string
		status       int
		code, allow  string
		message      string
	}{
		{"GET", "/api/v1/films/nope", 404, "not_found", "", `film "nope" not found`},
		{"GET", "/api/v1/films/99999", 404, "not_found", "", `film "99999" not found`},
		{"GET", "/api/v1/people/nobody", 404, "not_found", "", `person "nobody" not found`},
		{"GET", "/api/v1/organizations/nobody", 404, "not_found", "", ""},
		{"GET", "/api/v1/festivals/nowhere", 404, "not_found", "", ""},
		{"GET", "/api/v1/festivals/nowhere/editions/2021", 404, "not_found", "", `festival "nowhere" not found`},
		{"GET", "/api/v1/festivals/cannes/editions/1999", 404, "not_found", "", `festival "cannes" has no 1999 edition`},
		{"GET", "/api/v1/award-bodies/nobody", 404, "not_found", "", ""},
		{"GET", "/api/v1/award-bodies/cannes-jury/categories/99999", 404, "not_found", "", ""},
		{"GET", "/api/v1/releases/99999", 404, "not_found", "", "release 99999 not found"},
		{"GET", "/api/v1/editions/99999", 404, "not_found", "", ""},
		{"GET", "/api/v1/extras/99999", 404, "not_found", "", ""},
		{"GET", "/api/v1/credits/99999", 404, "not_found", "", ""},
		{"GET", "/api/v1/selections/99999", 404, "not_found", "", ""},
		{"GET", "/api/v1/nominations/99999", 404, "not_found", "", ""},
		{"GET", "/api/v1/sources/99999", 404, "not_found", "", ""},
		{"GET", "/api/v1/", 404, "not_found", "", "no endpoint GET /api/v1/"},
		{"GET", "/api/v1/movies", 404, "not_found", "", "no endpoint GET /api/v1/movies"},
		{"GET", "/api/v1/films/red-rocket-2021/trailers", 404, "not_found", "", ""},
		{"GET", "/api/v1/films/", 404, "not_found", "", ""},
		{"POST", "/api/v1/nothing-here", 404, "not_found", "", ""},
		{"PATCH", "/api/v1/films/red-rocket-2021", 405, "method_not_allowed", "GET, HEAD, PUT, DELETE", "PATCH is not allowed"},
		{"DELETE", "/api/v1/films", 405, "method_not_allowed", "GET, HEAD, POST", ""},
		{"POST", "/api/v1/releases", 405, "method_not_allowed", "GET, HEAD", ""},
		{"PUT", "/api/v1/openapi.json", 405, "method_not_allowed", "GET, HEAD", ""},
		{"GET", "/api/v1/films/red-rocket-2021/credits", 405, "method_not_allowed", "POST", ""},
		{"OPTIONS", "/api/v1/people", 405, "method_not_allowed", "GET, HEAD, POST", ""},
	} {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			e.t = t
			r := e.send(req{method: c.method, path: c.path, auth: "Bearer " + e.secret})
			bc := badCase{status: c.status, code: c.code, message: c.message}
			bc.check(t, r)
			if got := r.header.Get("Allow"); got != c.allow {
				t.Errorf("Allow %q, want %q", got, c.allow)
			}
		})
	}
	e.t = t
}

// TestConflictsWriteNothing: writes that collide with existing data are
// 409s and leave the catalog as it was.
func TestConflictsWriteNothing(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	if _, err := e.svc.TokenSource(e.ctx, e.tok); err != nil { // the token's source may be created once
		t.Fatal(err)
	}
	before := snapshot(t, e)
	for _, c := range []badCase{
		{name: "duplicate film slug", method: "POST", path: "/api/v1/films", body: `{"title": "Red Rocket", "slug": "red-rocket-2021"}`},
		{name: "duplicate person slug", method: "PUT", path: "/api/v1/people/simon-rex", body: `{"name": "Simon Rex", "slug": "sean-baker"}`},
		{name: "duplicate festival edition", method: "POST", path: "/api/v1/festivals/cannes/editions", body: `{"year": 2021}`},
		{name: "person still credited", method: "DELETE", path: "/api/v1/people/sean-baker"},
		{name: "organization still referenced", method: "DELETE", path: "/api/v1/organizations/lionsgate"},
		{name: "festival still referenced", method: "DELETE", path: "/api/v1/festivals/cannes"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.t = t
			c.status, c.code = http.StatusConflict, "conflict"
			c.check(t, c.send(e))
		})
	}
	e.t = t
	if d := cmp.Diff(before, snapshot(t, e)); d != "" {
		t.Errorf("conflicting writes changed the catalog (-before +after):\n%s", d)
	}
}

func TestErrorsGolden(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	type entry struct {
		Request string          `json:"request"`
		Status  int             `json:"status"`
		Allow   string          `json:"allow,omitempty"`
		Body    json.RawMessage `json:"body"`
	}
	var out []entry
	for _, c := range []req{
		{method: "GET", path: "/api/v1/films/nope"},
		{method: "GET", path: "/api/v1/films?year=abc"},
		{method: "GET", path: "/api/v1/releases?from=2022-02-30"},
		{method: "GET", path: "/api/v1/releases?type=physical,bootleg"},
		{method: "GET", path: "/api/v1/nowhere"},
		{method: "PATCH", path: "/api/v1/films"},
		{method: "POST", path: "/api/v1/films", body: `{"title": "x"}`, contentType: "application/json"},
		{method: "POST", path: "/api/v1/films", body: `{"title": "x"}`, contentType: "text/plain", auth: "Bearer " + e.secret},
		{method: "POST", path: "/api/v1/films", body: "{\"title\": \"x\",\n \"year\": }", contentType: "application/json", auth: "Bearer " + e.secret},
		{method: "POST", path: "/api/v1/films", body: `{"title": "x", "rating": 5}`, contentType: "application/json", auth: "Bearer " + e.secret},
		{method: "POST", path: "/api/v1/films/red-rocket-2021/releases", body: `{"type": "physical", "date": "2022-02-30"}`, contentType: "application/json", auth: "Bearer " + e.secret},
		{method: "POST", path: "/api/v1/films", body: `{"title": "Red Rocket", "slug": "red-rocket-2021"}`, contentType: "application/json", auth: "Bearer " + e.secret},
	} {
		r := e.send(c)
		req := c.method + " " + c.path
		if c.body != "" {
			req += " " + c.body
		}
		out = append(out, entry{Request: req, Status: r.status, Allow: r.header.Get("Allow"), Body: json.RawMessage(r.body)})
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		t.Fatal(err)
	}
	golden(t, "errors", []byte(b.String()))
}

// TestInternalErrorsAreGeneric: an error without a kind is a 500 whose
// body says nothing of the cause, which is logged.
func TestInternalErrorsAreGeneric(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	h := newHandler(nil, slogTo(&logs))
	rec := newRecorder()
	h.writeError(rec, newRequest("GET", "/api/v1/films"), errSecret)
	if rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d", rec.Code)
	}
	if strings.Contains(rec.Body.String(), "s3cr3t") || !strings.Contains(rec.Body.String(), `"code":"internal"`) {
		t.Errorf("body %s", rec.Body)
	}
	if !strings.Contains(logs.String(), "s3cr3t") {
		t.Errorf("the cause was not logged: %q", logs.String())
	}

	// A panic in a handler is a JSON 500 too.
	logs.Reset()
	rec = newRecorder()
	h.svc = nil
	h.ServeHTTP(rec, newRequest("GET", "/api/v1/films/x")) // nil service: panics
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), `"internal"`) {
		t.Errorf("panic: %d %s", rec.Code, rec.Body)
	}
}

// A request whose client went away is not an internal error: nothing is
// logged at error level (wrk and browsers close connections all the
// time).
func TestAbandonedRequestsAreNotErrors(t *testing.T) {
	t.Parallel()
	var logs strings.Builder
	h := newHandler(nil, slogTo(&logs))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	h.writeError(newRecorder(), newRequest("GET", "/api/v1/films/1").WithContext(ctx), fmt.Errorf("store: get film: %w", context.Canceled))
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("an abandoned request was logged as an error: %q", logs.String())
	}
	// A cancellation that is not the request's own still is one.
	logs.Reset()
	h.writeError(newRecorder(), newRequest("GET", "/api/v1/films/1"), context.Canceled)
	if !strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("a cancellation not from the client was not logged: %q", logs.String())
	}
}

var errSecret = errors.New("database password s3cr3t rejected")

func slogTo(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }

func newRequest(method, path string) *http.Request { return httptest.NewRequest(method, path, nil) }
