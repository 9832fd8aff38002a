package extract

import (
	"context"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// KnownFilm is a film a catalog holds: its title and first release year
// (0 when unknown).
type KnownFilm struct {
	Title string
	Year  int
}

// Gazetteer is a small in-memory CatalogIndex: the films and people of a
// catalog that fits in memory (tests, a small self-hosted catalog). Build
// it once with NewGazetteer; it is read-only afterwards and may be shared
// between goroutines. Large catalogs implement CatalogIndex over their
// own indexes instead.
type Gazetteer struct {
	films  map[string][]KnownFilm
	people map[string]int
}

var _ CatalogIndex = (*Gazetteer)(nil)

// NewGazetteer indexes films and people by their folded title and name.
// Empty titles and names without a space (a single word says too little)
// are skipped.
func NewGazetteer(films []KnownFilm, people []string) *Gazetteer {
	g := &Gazetteer{films: map[string][]KnownFilm{}, people: map[string]int{}}
	for _, f := range films {
		f.Title = strings.Join(strings.Fields(f.Title), " ")
		if f.Title == "" {
			continue
		}
		k := catalog.FoldText(f.Title)
		g.films[k] = append(g.films[k], f)
	}
	for _, p := range people {
		p = strings.Join(strings.Fields(p), " ")
		if !strings.Contains(p, " ") {
			continue
		}
		g.people[catalog.FoldText(p)]++
	}
	return g
}

// Size returns how many distinct film titles and people names g holds.
func (g *Gazetteer) Size() (titles, people int) {
	if g == nil {
		return 0, 0
	}
	return len(g.films), len(g.people)
}

// FilmsByTitleFold implements CatalogIndex.
func (g *Gazetteer) FilmsByTitleFold(_ context.Context, folds []string) (map[string][]KnownFilm, error) {
	out := map[string][]KnownFilm{}
	for _, k := range folds {
		if fs, ok := g.films[k]; ok {
			out[k] = fs
		}
	}
	return out, nil
}

// PeopleByNameFold implements CatalogIndex.
func (g *Gazetteer) PeopleByNameFold(_ context.Context, folds []string) (map[string]int, error) {
	out := map[string]int{}
	for _, k := range folds {
		if n, ok := g.people[k]; ok {
			out[k] = n
		}
	}
	return out, nil
}
