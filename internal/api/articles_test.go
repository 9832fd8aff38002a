package api

import (
	"net/http"
	"slices"
	"testing"
)

// articleText is written for this test.
const articleText = `date 2024-01-10
source https://example.com/news/paper-lanterns-blu-ray

Paper Lanterns is coming to Blu-ray and DVD in March from Arrow Video. The drama, written and directed by Ada Moreau, premiered at the 2023 Venice Film Festival, where it won the Silver Lion.

The disc includes an audio commentary with writer-director Ada Moreau and actor Ben Okafor, plus a making-of featurette.
`

func articleChangeIDs(a Article) []string {
	var ids []string
	for _, c := range a.Changes {
		ids = append(ids, c.ID)
	}
	return ids
}

func TestArticlesSubmitReviewApply(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	if r := e.send(req{method: "POST", path: "/api/v1/articles", body: `{"text":"x"}`, contentType: "application/json"}); r.status != http.StatusUnauthorized {
		t.Fatalf("submit without a token: %d", r.status)
	}
	r := e.write("POST", "/api/v1/articles", map[string]string{"text": articleText}).must(t, http.StatusCreated)
	a := decode[Article](t, r)
	if r.header.Get("Location") != "/api/v1/articles/"+itoa(a.Source.ID) || !a.Created {
		t.Errorf("Location %q, created %v", r.header.Get("Location"), a.Created)
	}
	if a.Extraction == nil || len(a.Extraction.Films) != 1 || a.Extraction.Films[0].Title != "Paper Lanterns" {
		t.Fatalf("extraction = %+v", a.Extraction)
	}
	ids := articleChangeIDs(a)
	for _, want := range []string{"film:paper-lanterns", "release:paper-lanterns:physical", "extra:paper-lanterns:bluray:audio_commentary:1"} {
		if !slices.Contains(ids, want) {
			t.Errorf("no change %s in %v", want, ids)
		}
	}
	if n := countItems(t, e, "/api/v1/films"); n != 0 {
		t.Fatalf("submitting wrote %d films", n)
	}

	again := decode[Article](t, e.write("POST", "/api/v1/articles", map[string]string{"text": articleText}).must(t, http.StatusOK))
	if again.Source.ID != a.Source.ID || again.Created {
		t.Errorf("resubmission stored a new article: %+v", again.Source)
	}
	got := decode[Article](t, e.get("/api/v1/articles/"+itoa(a.Source.ID)).must(t, http.StatusOK))
	if !slices.Equal(articleChangeIDs(got), ids) {
		t.Errorf("GET proposes %v, POST proposed %v", articleChangeIDs(got), ids)
	}

	subset := []string{"film:paper-lanterns", "label:arrow-video", "release:paper-lanterns:physical"}
	applied := decode[Article](t, e.write("POST", "/api/v1/articles/"+itoa(a.Source.ID)+"/apply", map[string]any{"changes": subset}).must(t, http.StatusOK))
	if !slices.Equal(articleChangeIDs(applied), subset) {
		t.Errorf("applied %v, want %v", articleChangeIDs(applied), subset)
	}
	d := e.filmDetail("paper-lanterns")
	if len(d.Releases) != 1 || len(d.Credits) != 0 {
		t.Fatalf("after the subset: %d releases, %d credits", len(d.Releases), len(d.Credits))
	}
	found := false
	for _, s := range d.Sources {
		found = found || s.ID == a.Source.ID
	}
	if !found {
		t.Errorf("the film's sources do not list the article: %+v", d.Sources)
	}

	rest := decode[Article](t, e.write("POST", "/api/v1/articles/"+itoa(a.Source.ID)+"/apply", map[string]any{}).must(t, http.StatusOK))
	if len(rest.Changes) == 0 || slices.Contains(articleChangeIDs(rest), "film:paper-lanterns") {
		t.Errorf("applying the rest: %v", articleChangeIDs(rest))
	}
	none := decode[Article](t, e.write("POST", "/api/v1/articles/"+itoa(a.Source.ID)+"/apply", map[string]any{}).must(t, http.StatusOK))
	if len(none.Changes) != 0 {
		t.Errorf("applying twice changed %v", articleChangeIDs(none))
	}
}

func TestArticlesBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t, nil)
	for _, c := range []struct {
		name, body, code, field string
		status                  int
	}{
		{"nothing", `{}`, "invalid", "text", 400},
		{"blank text", `{"text":"   "}`, "invalid", "text", 400},
		{"month as publication date", `{"text":"Paper Lanterns arrives on DVD on May 2.","published_on":"2024-03"}`, "invalid", "published_on", 400},
		{"impossible date", `{"text":"x","published_on":"2024-02-30"}`, "invalid", "published_on", 400},
		{"url without a configured fetcher", `{"url":"https://example.com/news"}`, "unavailable", "", 503},
		{"unknown field", `{"text":"x","body":"y"}`, "invalid", "", 400},
	} {
		r := e.write("POST", "/api/v1/articles", c.body)
		if r.status != c.status || string(errorOf(t, r).Code) != c.code || (c.field != "" && errorOf(t, r).Field != c.field) {
			t.Errorf("%s: %d %s", c.name, r.status, r.body)
		}
	}
	if r := e.get("/api/v1/articles/999"); r.status != http.StatusNotFound {
		t.Errorf("unknown article: %d %s", r.status, r.body)
	}
	if r := e.write("POST", "/api/v1/articles/999/apply", `{}`); r.status != http.StatusNotFound {
		t.Errorf("applying an unknown article: %d %s", r.status, r.body)
	}
	if n := countItems(t, e, "/api/v1/sources"); n != 0 {
		t.Errorf("bad submissions stored %d sources", n)
	}
}
