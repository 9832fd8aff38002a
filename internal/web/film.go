package web

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

type filmPage struct {
	Film        catalog.Film
	Sources     sourcesView
	Directors   []catalog.Credit
	Cast        []creditRow
	Crew        []crewGroup
	Countries   []countryTimeline
	Selections  []selectionRow
	Nominations []nominationRow
	Editions    []editionView
	Articles    []catalog.Source
	Trailer     *catalog.Trailer
	Links       []extLink
	FeedURL     string
	EditionsURL string
	JSONLD      template.JS
}

type creditRow struct {
	catalog.Credit
	Sources sourcesView
}

type crewGroup struct {
	Job     string
	Credits []creditRow
}

type countryTimeline struct {
	Code, Name string
	Releases   []releaseRow
}

type releaseRow struct {
	app.ReleaseDetail
	Sources       sourcesView
	FestivalLabel string // "Cannes 2021"
	FestivalURL   string
}

type selectionRow struct {
	catalog.Selection
	Label   string // "Cannes 2021"
	URL     string
	Sources sourcesView
}

type nominationRow struct {
	catalog.Nomination
	Sources sourcesView
}

type editionView struct {
	catalog.Edition
	Release catalog.Release
	Extras  []extraView
	Sources sourcesView
}

type extraView struct {
	catalog.Extra
	Sources sourcesView
}

type extLink struct{ Name, URL string }

// film answers GET /films/{slug}: everything the catalog knows about a
// film, each fact with its sources.
func (s *Site) film(r *http.Request) (*page, error) {
	d, err := s.svc.FilmDetail(r.Context(), r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	f := d.Film
	prov := newProvenance(d)
	p := filmPage{
		Film:        f,
		Sources:     prov.about("the film record", catalog.EntityFilm, f.ID, nil),
		FeedURL:     "/films/" + f.Slug + "/feed.atom",
		EditionsURL: "/films/" + f.Slug + "/editions",
		Links:       externalLinks(f.ExternalIDs),
	}
	if len(f.Trailers) > 0 {
		p.Trailer = &f.Trailers[0]
	}

	crew := map[string]*crewGroup{}
	var jobs []string
	for _, c := range d.Credits {
		row := creditRow{Credit: c, Sources: prov.about("the credit of "+c.PersonName+" as "+c.Job, catalog.EntityCredit, c.ID, nil)}
		if c.Department == catalog.DeptDirecting && (c.Job == "director" || c.Job == "co-director") {
			p.Directors = append(p.Directors, c)
		}
		if c.Department == catalog.DeptCast {
			p.Cast = append(p.Cast, row)
			continue
		}
		g, ok := crew[c.Job]
		if !ok {
			g = &crewGroup{Job: jobLabel(c.Job)}
			crew[c.Job] = g
			jobs = append(jobs, c.Job)
		}
		g.Credits = append(g.Credits, row)
	}
	slices.SortStableFunc(p.Cast, func(a, b creditRow) int { return cmp.Compare(billingKey(a.Billing), billingKey(b.Billing)) })
	deptOrder := func(job string) int { return slices.Index(catalog.Departments, crew[job].Credits[0].Department) }
	slices.SortStableFunc(jobs, func(a, b string) int { return cmp.Compare(deptOrder(a), deptOrder(b)) })
	for _, j := range jobs {
		p.Crew = append(p.Crew, *crew[j])
	}

	p.Countries = timeline(d, prov)
	for _, rd := range d.Releases {
		for _, ed := range rd.Editions {
			ev := editionView{Edition: ed.Edition, Release: rd.Release,
				Sources: prov.about("the edition "+editionName(ed.Edition), catalog.EntityEdition, ed.ID, map[string]string{"price": priceClaim(ed.Price)})}
			for _, x := range ed.Extras {
				var parts []catalog.EntityRef
				for _, pt := range x.Participants {
					parts = append(parts, catalog.EntityRef{Type: catalog.EntityParticipant, ID: pt.ID})
				}
				ev.Extras = append(ev.Extras, extraView{Extra: x, Sources: prov.about("the extra "+x.Title, catalog.EntityExtra, x.ID, nil, parts...)})
			}
			p.Editions = append(p.Editions, ev)
		}
	}
	for _, sel := range d.Selections {
		p.Selections = append(p.Selections, selectionRow{
			Selection: sel,
			Label:     festivalShortName(sel.FestivalName) + " " + strconv.Itoa(sel.Year),
			URL:       "/festivals/" + sel.FestivalSlug + "/" + strconv.Itoa(sel.Year),
			Sources:   prov.about("the selection at "+sel.FestivalName+" "+strconv.Itoa(sel.Year), catalog.EntitySelection, sel.ID, nil),
		})
	}
	for _, n := range d.Nominations {
		p.Nominations = append(p.Nominations, nominationRow{Nomination: n,
			Sources: prov.about("the nomination for "+n.CategoryName, catalog.EntityNomination, n.ID, map[string]string{"result": string(n.Result)})})
	}
	for _, src := range d.Sources {
		if src.Kind == catalog.SourceArticle {
			p.Articles = append(p.Articles, src)
		}
	}
	slices.SortStableFunc(p.Articles, func(a, b catalog.Source) int { return b.PublishedOn.Compare(a.PublishedOn) })
	if p.JSONLD, err = movieJSONLD(d); err != nil {
		return nil, err
	}

	title := f.Title
	if f.Year != 0 {
		title += " (" + strconv.Itoa(f.Year) + ")"
	}
	return &page{
		Template:    "film.html",
		Title:       title,
		Nav:         "films",
		Description: describe(f),
		Feeds:       []feedLink{{Type: "application/atom+xml", Title: "Releases of " + f.Title + " (Atom)", Href: p.FeedURL}},
		Data:        p,
	}, nil
}

// timeline groups a film's releases by country, each country's in
// life-cycle order (premiere, festival, limited, theatrical, digital,
// streaming, physical, TV) and then by date; countries come in the order
// of their first release.
func timeline(d *app.FilmDetail, prov *provenance) []countryTimeline {
	var out []countryTimeline
	idx := map[string]int{}
	for _, rd := range d.Releases { // date order from the store
		i, ok := idx[rd.Country]
		if !ok {
			i = len(out)
			idx[rd.Country] = i
			out = append(out, countryTimeline{Code: rd.Country, Name: countryName(rd.Country)})
		}
		row := releaseRow{ReleaseDetail: rd, Sources: prov.about(
			releaseTypeLabel(rd.Type)+" release in "+countryName(rd.Country), catalog.EntityRelease, rd.ID,
			map[string]string{"date": rd.Date.String(), "status": string(rd.Status)})}
		if fe := rd.FestivalEdition; fe != nil {
			row.FestivalLabel = festivalShortName(fe.FestivalName) + " " + strconv.Itoa(fe.Year)
			row.FestivalURL = "/festivals/" + fe.FestivalSlug + "/" + strconv.Itoa(fe.Year)
		}
		out[i].Releases = append(out[i].Releases, row)
	}
	for _, c := range out {
		slices.SortStableFunc(c.Releases, func(a, b releaseRow) int {
			if c := cmp.Compare(slices.Index(catalog.ReleaseTypes, a.Type), slices.Index(catalog.ReleaseTypes, b.Type)); c != 0 {
				return c
			}
			return a.Date.Compare(b.Date)
		})
	}
	return out
}

func billingKey(b int) int {
	if b == 0 {
		return 1 << 30
	}
	return b
}

// jobLabel capitalizes a credit job: "director of photography" is
// "Director of photography".
func jobLabel(job string) string {
	if job == "" {
		return ""
	}
	return strings.ToUpper(job[:1]) + job[1:]
}

// editionName is an edition's name, or its formats when it has none.
func editionName(e catalog.Edition) string {
	if e.Name != "" {
		return e.Name
	}
	return formatsLabel(e.Formats)
}

// priceClaim is the text form claims use for a price ("21.99 USD").
func priceClaim(m catalog.Money) string {
	if m.IsZero() {
		return ""
	}
	return strconv.FormatInt(m.Amount/100, 10) + "." + leftPad2(m.Amount%100) + " " + m.Currency
}

func leftPad2(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// externalLinks returns the film's pages on IMDb, Wikidata and TMDb.
func externalLinks(x catalog.ExternalIDs) []extLink {
	var out []extLink
	if x.IMDb != "" {
		out = append(out, extLink{"IMDb", "https://www.imdb.com/title/" + x.IMDb + "/"})
	}
	if x.Wikidata != "" {
		out = append(out, extLink{"Wikidata", "https://www.wikidata.org/wiki/" + x.Wikidata})
	}
	if x.TMDb != 0 {
		out = append(out, extLink{"TMDb", "https://www.themoviedb.org/movie/" + strconv.FormatInt(x.TMDb, 10)})
	}
	return out
}

// describe is a film's meta description: its tagline or the start of its
// synopsis.
func describe(f catalog.Film) string {
	s := f.Synopsis
	if s == "" {
		s = f.Tagline
	}
	if r := []rune(s); len(r) > 200 {
		s = strings.TrimSpace(string(r[:199])) + "…"
	}
	return s
}
