package web

import (
	"net/http"
	"strconv"

	"github.com/marquee-film/marquee/internal/catalog"
)

type festivalsPage struct {
	Festivals []catalog.Festival
}

// festivals answers GET /festivals: every festival.
func (s *Site) festivals(r *http.Request) (*page, error) {
	fs, _, err := s.svc.ListFestivals(r.Context(), catalog.Page{Limit: catalog.MaxPageLimit})
	if err != nil {
		return nil, err
	}
	return &page{Template: "festivals.html", Title: "Festivals", Nav: "festivals",
		Description: "Film festivals: programmes and award results.", Data: festivalsPage{Festivals: fs}}, nil
}

type festivalPage struct {
	Festival catalog.Festival
	Editions []catalog.FestivalEdition
}

// festival answers GET /festivals/{slug}: a festival and its editions.
func (s *Site) festival(r *http.Request) (*page, error) {
	d, err := s.svc.FestivalDetail(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	return &page{Template: "festival.html", Title: d.Festival.Name, Nav: "festivals",
		Description: d.Festival.Name + ": editions, programmes and awards.",
		Data:        festivalPage{Festival: d.Festival, Editions: d.Editions}}, nil
}

type festivalEditionPage struct {
	Festival   catalog.Festival
	Edition    catalog.FestivalEdition
	Short      string
	Sections   []sectionGroup
	Awards     []awardGroup
	Prev, Next *catalog.FestivalEdition
}

type sectionGroup struct {
	Name       string
	Selections []catalog.Selection
}

type awardGroup struct {
	Body, Category string
	Nominations    []catalog.Nomination
}

// festivalEdition answers GET /festivals/{slug}/{year}: the edition's
// programme by section and its award results.
func (s *Site) festivalEdition(r *http.Request) (*page, error) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < catalog.MinYear || year > catalog.MaxYear {
		return nil, catalog.NotFound("festival edition", r.PathValue("year"))
	}
	fd, err := s.svc.FestivalDetail(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	d, err := s.svc.FestivalEditionDetail(r.Context(), fd.Festival.Slug, year)
	if err != nil {
		return nil, err
	}
	p := festivalEditionPage{Festival: fd.Festival, Edition: d.Edition, Short: festivalShortName(fd.Festival.Name)}
	for i := range fd.Editions { // newest first
		e := &fd.Editions[i]
		if e.Year > year {
			p.Next = e
		} else if e.Year < year && p.Prev == nil {
			p.Prev = e
		}
	}
	idx := map[string]int{}
	for _, sel := range d.Selections {
		name := sel.Section
		if name == "" {
			name = "Official selection"
		}
		i, ok := idx[name]
		if !ok {
			i = len(p.Sections)
			idx[name] = i
			p.Sections = append(p.Sections, sectionGroup{Name: name})
		}
		p.Sections[i].Selections = append(p.Sections[i].Selections, sel)
	}
	aidx := map[string]int{}
	for _, n := range d.Nominations {
		k := n.AwardBodyName + "\x00" + n.CategoryName
		i, ok := aidx[k]
		if !ok {
			i = len(p.Awards)
			aidx[k] = i
			p.Awards = append(p.Awards, awardGroup{Body: n.AwardBodyName, Category: n.CategoryName})
		}
		p.Awards[i].Nominations = append(p.Awards[i].Nominations, n)
	}
	for _, g := range p.Awards { // winners first
		won := g.Nominations[:0:0]
		rest := g.Nominations[:0:0]
		for _, n := range g.Nominations {
			if n.Result == catalog.ResultWon {
				won = append(won, n)
			} else {
				rest = append(rest, n)
			}
		}
		copy(g.Nominations, append(won, rest...))
	}
	title := p.Short + " " + strconv.Itoa(year)
	return &page{Template: "festival_edition.html", Title: title, Nav: "festivals",
		Description: fd.Festival.Name + " " + strconv.Itoa(year) + ": selections and awards.", Data: p}, nil
}
