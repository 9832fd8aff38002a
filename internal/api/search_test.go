package api

import (
	"net/http"
	"testing"

	"github.com/marquee-film/marquee/internal/store"
)

func TestSearch(t *testing.T) {
	t.Parallel()
	e := fixtureEnv(t)
	hits := func(path string) []SearchHit {
		t.Helper()
		return decode[SearchResults](t, e.get(path).must(t, http.StatusOK)).Items
	}

	// No import has run: the substring fallback.
	got := hits("/api/v1/search?q=RED%20rocket")
	if len(got) == 0 || got[0].Kind != "film" || got[0].Name != "Red Rocket" || !got[0].Exact || got[0].Year == nil {
		t.Fatalf("search red rocket = %+v", got)
	}
	for _, h := range hits("/api/v1/search?q=sean&kind=person&limit=5") {
		if h.Kind != "person" || h.Year != nil {
			t.Errorf("kind=person found %+v", h)
		}
	}
	if got := hits("/api/v1/search?q=rocket%20red"); len(got) != 0 {
		t.Errorf("the fallback matched words out of order: %+v", got)
	}

	for _, path := range []string{
		"/api/v1/search",
		"/api/v1/search?q=%20",
		"/api/v1/search?q=red&kind=release",
		"/api/v1/search?q=red&limit=0",
		"/api/v1/search?q=red&limit=101",
		"/api/v1/search?q=a&q=b",
	} {
		e.get(path).must(t, http.StatusBadRequest)
	}

	// With an index, word prefixes in any order match.
	if err := e.svc.Store().(*store.Store).BuildSearchIndex(e.ctx); err != nil {
		t.Fatal(err)
	}
	got = hits("/api/v1/search?q=rock%20red&kind=film")
	if len(got) == 0 || got[0].Name != "Red Rocket" {
		t.Errorf("indexed search rock red = %+v", got)
	}
}
