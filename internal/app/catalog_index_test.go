package app_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

func TestCatalogIndexAnswersFromTheStore(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		p := manualSource(t, svc)
		createFilm(t, svc, p, "Salt Meridian", 2019)
		createFilm(t, svc, p, "Salt Meridian", 2019) // the same title and year, another record
		createFilm(t, svc, p, "Salt Meridian", 1971)
		orig := catalog.Film{Title: "The Copper Estuary", OriginalTitle: "L'Estuaire de cuivre", Year: 2008, Status: catalog.FilmReleased}
		if err := svc.CreateFilm(ctx, &orig, p); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"Marguerite Vallois", "Marguerite Vallois", "Tobias Quennell"} {
			person := catalog.Person{Name: name}
			if err := svc.CreatePerson(ctx, &person, p); err != nil {
				t.Fatal(err)
			}
		}
		ix := svc.CatalogIndex()
		films, err := ix.FilmsByTitleFold(ctx, []string{"salt meridian", catalog.FoldText("L'ESTUAIRE DE CUIVRE"), "copper estuary", "no such film"})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]extract.KnownFilm{
			// The newest record first among films with no releases or
			// credits; the same title and year once.
			"salt meridian":        {{Title: "Salt Meridian", Year: 1971}, {Title: "Salt Meridian", Year: 2019}},
			"l'estuaire de cuivre": {{Title: "L'Estuaire de cuivre", Year: 2008}},
		}
		if d := cmp.Diff(want, films); d != "" {
			t.Errorf("FilmsByTitleFold (-want +got):\n%s", d)
		}
		people, err := ix.PeopleByNameFold(ctx, []string{"marguerite vallois", "tobias quennell", "tobias", "nobody"})
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(map[string]int{"marguerite vallois": 2, "tobias quennell": 1}, people); d != "" {
			t.Errorf("PeopleByNameFold (-want +got):\n%s", d)
		}
	})
}
