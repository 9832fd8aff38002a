package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/importer"
	"github.com/marquee-film/marquee/internal/importer/imdbgen"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

func names(hits []catalog.SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, string(h.Kind)+":"+h.Name)
	}
	return out
}

// Without a search index (no import ever ran), Search falls back to the
// substring match of ListFilms and ListPeople.
func TestSearchWithoutIndex(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		if _, err := svc.LoadBundle(ctx, readBundle(t, "testdata/small.json")); err != nil {
			t.Fatal(err)
		}
		search := func(text string, kinds ...catalog.EntityType) []catalog.SearchHit {
			t.Helper()
			hits, err := svc.Search(ctx, catalog.SearchQuery{Text: text, Kinds: kinds})
			if err != nil {
				t.Fatalf("Search(%q): %v", text, err)
			}
			return hits
		}
		if got := names(search("AMELIE")); !slices.Equal(got, []string{"film:Amélie Returns"}) {
			t.Errorf("Search(AMELIE) = %v", got)
		}
		if got := names(search("chloe", catalog.EntityPerson)); !slices.Equal(got, []string{"person:Chloé Lindqvist"}) {
			t.Errorf("Search(chloe, people) = %v", got)
		}
		if got := search("chloe", catalog.EntityFilm); len(got) != 0 {
			t.Errorf("Search(chloe, films) = %v", names(got))
		}
		hits := search("  night TRAIN ")
		if len(hits) == 0 || hits[0].Name != "Night Train" || !hits[0].Exact || hits[0].Slug == "" || hits[0].Votes != 0 {
			t.Errorf("Search(night train) = %+v", hits)
		}
		if hits := search("   "); hits == nil || len(hits) != 0 {
			t.Errorf("Search(blank) = %#v, want an empty list", hits)
		}
		if _, err := svc.Search(ctx, catalog.SearchQuery{Text: "x", Kinds: []catalog.EntityType{catalog.EntityRelease}}); !catalog.IsKind(err, catalog.KindInvalid) {
			t.Errorf("Search(kind release): %v, want invalid", err)
		}
		if _, err := svc.Search(ctx, catalog.SearchQuery{Text: strings.Repeat("a", 201)}); !catalog.IsKind(err, catalog.KindInvalid) {
			t.Errorf("Search(201 characters): %v, want invalid", err)
		}
	})
}

// After an import the store's index answers: word prefixes in any
// order, alternative titles, popularity.
func TestSearchWithIndex(t *testing.T) {
	ctx := context.Background()
	st := storetest.NewSQLite(t)
	svc := app.New(st, &stepClock{t: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}, nil)
	if _, err := svc.LoadBundle(ctx, readBundle(t, "testdata/small.json")); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := imdbgen.Generate(dir, 0.0002, 1, true); err != nil {
		t.Fatal(err)
	}
	if _, err := importer.Import(ctx, st, importer.Options{Paths: []string{dir}}); err != nil {
		t.Fatalf("Import: %v", err)
	}
	if ok, err := st.HasSearchIndex(ctx); err != nil || !ok {
		t.Fatalf("HasSearchIndex = %v, %v after an import", ok, err)
	}
	for _, q := range []catalog.SearchQuery{
		{Text: "amelie", Kinds: []catalog.EntityType{catalog.EntityFilm}, Limit: 10},
		{Text: "bjo"},
		{Text: "lindq chlo"},
	} {
		got, err := svc.Search(ctx, q)
		if err != nil {
			t.Fatalf("Search(%q): %v", q.Text, err)
		}
		want, err := st.Search(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || !slices.Equal(names(got), names(want)) {
			t.Errorf("Search(%q) = %v, want the index's %v", q.Text, names(got), names(want))
		}
	}
	// Words in another order are found only by the index.
	got, _ := svc.Search(ctx, catalog.SearchQuery{Text: "lindq chlo", Kinds: []catalog.EntityType{catalog.EntityPerson}})
	if len(got) == 0 || got[0].Name != "Chloé Lindqvist" {
		t.Errorf("Search(lindq chlo) = %v", names(got))
	}
	// The popular come first among films that are not exact matches.
	films, _ := svc.Search(ctx, catalog.SearchQuery{Text: "amelie", Kinds: []catalog.EntityType{catalog.EntityFilm}, Limit: 10})
	votes := false
	for i, h := range films {
		votes = votes || h.Votes > 0
		if i > 0 && !films[i-1].Exact && films[i-1].Votes < h.Votes {
			t.Errorf("hits not in popularity order: %v", films)
		}
	}
	if !votes {
		t.Errorf("Search(amelie) found no film with votes: %+v", films)
	}
}
