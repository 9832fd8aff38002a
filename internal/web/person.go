package web

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

type personPage struct {
	Person      catalog.Person
	Lifespan    string
	KnownFor    string
	Roles       []roleGroup
	Appearances []appearance
	Nominations []catalog.Nomination
	Wins        int
	Links       []extLink
}

// roleGroup is one department of a filmography.
type roleGroup struct {
	ID    string
	Title string
	Films []filmographyRow
}

type filmographyRow struct {
	FilmTitle, FilmSlug string
	FilmYear            int
	Jobs                []string
	Characters          []string
	Notes               []string
}

// appearance is an extra a person takes part in, counted once however
// many editions carry it.
type appearance struct {
	FilmTitle, FilmSlug string
	FilmYear            int
	Kind                catalog.ExtraKind
	Title               string
	Role                string
	Editions            int
}

// person answers GET /people/{slug}: a filmography grouped by role, award
// nominations, and commentary and other extra appearances.
func (s *Site) person(r *http.Request) (*page, error) {
	d, err := s.svc.PersonDetail(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	pr := d.Person
	p := personPage{Person: pr, Nominations: d.Nominations, Links: personLinks(pr.ExternalIDs)}
	switch {
	case pr.BirthYear != 0 && pr.DeathYear != 0:
		p.Lifespan = strconv.Itoa(pr.BirthYear) + "–" + strconv.Itoa(pr.DeathYear)
	case pr.BirthYear != 0:
		p.Lifespan = "Born " + strconv.Itoa(pr.BirthYear)
	case pr.DeathYear != 0:
		p.Lifespan = "Died " + strconv.Itoa(pr.DeathYear)
	}

	groups := map[catalog.Department]*roleGroup{}
	rows := map[string]int{} // department + film slug -> index in its group's Films
	for _, c := range d.Credits {
		g, ok := groups[c.Department]
		if !ok {
			g = &roleGroup{ID: "role-" + string(c.Department), Title: departmentLabel(c.Department)}
			groups[c.Department] = g
		}
		k := string(c.Department) + "/" + c.FilmSlug
		i, ok := rows[k]
		if !ok {
			i = len(g.Films)
			rows[k] = i
			g.Films = append(g.Films, filmographyRow{FilmTitle: c.FilmTitle, FilmSlug: c.FilmSlug, FilmYear: c.FilmYear})
		}
		row := &g.Films[i]
		if !slices.Contains(row.Jobs, c.Job) {
			row.Jobs = append(row.Jobs, c.Job)
		}
		if c.Character != "" {
			row.Characters = append(row.Characters, c.Character)
		}
		if c.Note != "" {
			row.Notes = append(row.Notes, c.Note)
		}
	}
	var known []string
	for _, dept := range catalog.Departments {
		g, ok := groups[dept]
		if !ok {
			continue
		}
		slices.SortStableFunc(g.Films, func(a, b filmographyRow) int {
			if c := cmp.Compare(b.FilmYear, a.FilmYear); c != 0 {
				return c
			}
			return strings.Compare(catalog.FoldText(a.FilmTitle), catalog.FoldText(b.FilmTitle))
		})
		p.Roles = append(p.Roles, *g)
		known = append(known, strings.ToLower(g.Title))
	}
	if len(known) > 3 {
		known = known[:3]
	}
	p.KnownFor = strings.Join(known, ", ")

	seen := map[string]int{}
	for _, x := range d.Extras {
		k := x.FilmSlug + "\x00" + string(x.Kind) + "\x00" + catalog.FoldText(x.Title)
		if i, ok := seen[k]; ok {
			p.Appearances[i].Editions++
			continue
		}
		seen[k] = len(p.Appearances)
		p.Appearances = append(p.Appearances, appearance{
			FilmTitle: x.FilmTitle, FilmSlug: x.FilmSlug, FilmYear: x.FilmYear,
			Kind: x.Kind, Title: x.Title, Role: x.Role, Editions: 1,
		})
	}
	for _, n := range d.Nominations {
		if n.Result == catalog.ResultWon {
			p.Wins++
		}
	}
	return &page{
		Template:    "person.html",
		Title:       pr.Name,
		Description: pr.Name + ": filmography, awards and commentary appearances.",
		Data:        p,
	}, nil
}

func personLinks(x catalog.ExternalIDs) []extLink {
	var out []extLink
	if x.IMDb != "" {
		out = append(out, extLink{"IMDb", "https://www.imdb.com/name/" + x.IMDb + "/"})
	}
	if x.Wikidata != "" {
		out = append(out, extLink{"Wikidata", "https://www.wikidata.org/wiki/" + x.Wikidata})
	}
	if x.TMDb != 0 {
		out = append(out, extLink{"TMDb", "https://www.themoviedb.org/person/" + strconv.FormatInt(x.TMDb, 10)})
	}
	return out
}
