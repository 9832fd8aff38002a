package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

// Written for these tests: in neither sentence is the title the best
// reading of the text alone ("Devotees of Salt Meridian" reads as one
// title); the catalog's holding it makes it so.
const (
	knownFilmArticle = `date 2024-05-01

Devotees of Salt Meridian and Harbour Lights, rejoice: the restored discs are out on Blu-ray on June 4. The new transfers look superb.
`
	laterFilmArticle = `date 2024-05-08

Devotees of Copper Estuary and Paper Lanterns, rejoice: the discs are out on DVD on July 9. The restorations were worth the wait.
`
)

func filmTitles(fs []extract.Film) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Title)
	}
	return out
}

// titlesWithoutCatalog extracts text with no catalog.
func titlesWithoutCatalog(t *testing.T, text string) []string {
	t.Helper()
	res, err := extract.New().Extract([]byte(text), extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range res.Films {
		out = append(out, f.Title)
	}
	return out
}

func createFilm(t *testing.T, svc *app.Service, p app.Provenance, title string, year int) catalog.Film {
	t.Helper()
	f := catalog.Film{Title: title, Year: year, Status: catalog.FilmReleased}
	if err := svc.CreateFilm(context.Background(), &f, p); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestIngestRecognisesCatalogFilms(t *testing.T) {
	// The extractor alone does not read these titles right.
	for text, title := range map[string]string{knownFilmArticle: "Salt Meridian", laterFilmArticle: "Copper Estuary"} {
		if got := titlesWithoutCatalog(t, text); slices.Contains(got, title) {
			t.Fatalf("without the catalog the extractor found %q; the test needs a title it misreads", got)
		}
	}
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		p := manualSource(t, svc)
		film := createFilm(t, svc, p, "Salt Meridian", 2019)

		a, err := svc.SubmitArticle(ctx, app.ArticleInput{Text: knownFilmArticle})
		if err != nil {
			t.Fatal(err)
		}
		if got := filmTitles(a.Result.Films); !slices.Contains(got, "Salt Meridian") || slices.Contains(got, "Devotees of Salt Meridian") {
			t.Fatalf("films = %q, want Salt Meridian read with the catalog's help", got)
		}
		ids := changeIDs(a)
		if !slices.Contains(ids, "cite:film:salt-meridian") || slices.Contains(ids, "film:salt-meridian") {
			t.Errorf("changes = %v, want the existing film cited, not a new one", ids)
		}
		if !slices.Contains(ids, "release:salt-meridian:physical") {
			t.Errorf("changes = %v, want the Blu-ray release proposed", ids)
		}
		a, err = svc.ApplyArticle(ctx, a.Source.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		d, err := svc.FilmDetail(ctx, film.Slug)
		if err != nil {
			t.Fatal(err)
		}
		if r := physicalRelease(t, d); r.Date.String() != "2024-06-04" {
			t.Errorf("release date = %s, want 2024-06-04", r.Date)
		}
		films, _, err := svc.Store().ListFilms(ctx, catalog.FilmFilter{Query: "Salt Meridian"})
		if err != nil || len(films) != 1 {
			t.Errorf("films named Salt Meridian = %d (%v), want the one", len(films), err)
		}

		// A film added since is known to the next article: the catalog is
		// asked, not a copy of it.
		createFilm(t, svc, p, "Copper Estuary", 2021)
		a, err = svc.SubmitArticle(ctx, app.ArticleInput{Text: laterFilmArticle})
		if err != nil {
			t.Fatal(err)
		}
		ids = changeIDs(a)
		if !slices.Contains(ids, "cite:film:copper-estuary") || slices.Contains(ids, "film:copper-estuary") {
			t.Errorf("changes = %v, want the existing Copper Estuary cited", ids)
		}
		for _, c := range a.Changes {
			if strings.Contains(c.Film, "Devotees") {
				t.Errorf("change %s belongs to %q, the text's misreading", c.ID, c.Film)
			}
		}
	})
}
