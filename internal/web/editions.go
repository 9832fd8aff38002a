package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// compareColumn is one edition in the comparison table.
type compareColumn struct {
	Name      string
	LabelName string
	LabelSlug string
	Country   string
	Date      catalog.PartialDate
	Status    catalog.ReleaseStatus
}

// compareRow is one attribute or extra across all editions.
type compareRow struct {
	Label   string
	Kind    string // extra kind label, for extra rows
	People  []catalog.Participant
	Cells   []compareCell
	Differs bool // not the same in every edition
}

type compareCell struct {
	Text    string
	Date    *dateView // for the release date row
	Has     bool      // extra rows: the edition has the extra
	IsExtra bool
	Detail  string // extra rows: participants, runtime
}

type comparePage struct {
	Film       catalog.Film
	FilmURL    string
	Columns    []compareColumn
	Specs      []compareRow
	Extras     []compareRow
	OnlyDiff   bool
	AllURL     string
	DiffURL    string
	HiddenRows int
}

// editions answers GET /films/{slug}/editions: the film's editions side
// by side, a row per attribute and per extra (extras are matched across
// editions by kind and title), with the rows that differ marked.
// ?diff=1 keeps only the rows that differ.
func (s *Site) editions(r *http.Request) (*page, error) {
	ctx := r.Context()
	f, err := s.svc.Film(ctx, r.PathValue("slug"))
	if err != nil {
		return nil, err
	}
	eds, err := s.svc.EditionsOfFilm(ctx, f.ID)
	if err != nil {
		return nil, err
	}
	rels, err := s.calendarAll(ctx, app.ReleaseQuery{ReleaseFilter: catalog.ReleaseFilter{FilmID: f.ID, IncludeTBA: true}}, maxReleasePages)
	if err != nil {
		return nil, err
	}
	relByID := map[int64]catalog.Release{}
	for _, rel := range rels {
		relByID[rel.ID] = rel
	}
	onlyDiff := r.URL.Query().Get("diff") == "1"
	p := comparePage{
		Film: f, FilmURL: "/films/" + f.Slug, OnlyDiff: onlyDiff,
		AllURL: "/films/" + f.Slug + "/editions", DiffURL: "/films/" + f.Slug + "/editions?diff=1",
	}
	for _, e := range eds {
		rel := relByID[e.ReleaseID]
		p.Columns = append(p.Columns, compareColumn{
			Name: editionName(e.Edition), LabelName: e.LabelName, LabelSlug: e.LabelSlug,
			Country: rel.Country, Date: rel.Date, Status: rel.Status,
		})
	}

	text := func(label string, value func(e app.EditionDetail) string) compareRow {
		row := compareRow{Label: label}
		for _, e := range eds {
			v := value(e)
			row.Cells = append(row.Cells, compareCell{Text: v})
		}
		row.Differs = differs(row.Cells, func(c compareCell) string { return c.Text })
		return row
	}
	dateRow := compareRow{Label: "Release date"}
	for _, e := range eds {
		dv := viewDate(relByID[e.ReleaseID].Date)
		dateRow.Cells = append(dateRow.Cells, compareCell{Date: &dv})
	}
	dateRow.Differs = differs(dateRow.Cells, func(c compareCell) string { return c.Date.Machine + c.Date.Text })
	p.Specs = []compareRow{
		dateRow,
		text("Country", func(e app.EditionDetail) string { return countryName(relByID[e.ReleaseID].Country) }),
		text("Label", func(e app.EditionDetail) string { return e.LabelName }),
		text("Formats", func(e app.EditionDetail) string { return formatsLabel(e.Formats) }),
		text("Region", func(e app.EditionDetail) string { return strings.Join(e.Regions, ", ") }),
		text("Discs", func(e app.EditionDetail) string { return itoaOrEmpty(e.DiscCount) }),
		text("Packaging", func(e app.EditionDetail) string { return packagingLabel(e.Packaging) }),
		text("Price", func(e app.EditionDetail) string { return moneyLabel(e.Price) }),
		text("Limited run", func(e app.EditionDetail) string {
			if e.LimitedTo > 0 {
				return strconv.Itoa(e.LimitedTo) + " copies"
			}
			return ""
		}),
		text("Exclusive to", func(e app.EditionDetail) string { return e.RetailerExclusive }),
		text("Catalog no.", func(e app.EditionDetail) string { return e.CatalogNumber }),
	}
	// Drop the optional rows no edition has a value for; the rest stay,
	// so "—" everywhere says that no edition has, say, a limited run.
	optional := map[string]bool{"Exclusive to": true, "Catalog no.": true}
	specs := p.Specs[:0]
	for _, row := range p.Specs {
		if !optional[row.Label] {
			specs = append(specs, row)
			continue
		}
		for _, c := range row.Cells {
			if c.Text != "" || c.Date != nil {
				specs = append(specs, row)
				break
			}
		}
	}
	p.Specs = specs

	// A row per distinct extra, in order of first appearance.
	type key struct {
		kind  catalog.ExtraKind
		title string
	}
	var keys []key
	rows := map[key]*compareRow{}
	for i, e := range eds {
		for _, x := range e.Extras {
			k := key{x.Kind, catalog.FoldText(strings.Join(strings.Fields(x.Title), " "))}
			row, ok := rows[k]
			if !ok {
				row = &compareRow{Label: x.Title, Kind: extraKindLabel(x.Kind), People: x.Participants, Cells: make([]compareCell, len(eds))}
				for j := range row.Cells {
					row.Cells[j].IsExtra = true
				}
				rows[k] = row
				keys = append(keys, k)
			}
			row.Cells[i].Has = true
			row.Cells[i].Detail = extraDetail(x)
		}
	}
	for _, k := range keys {
		row := rows[k]
		row.Differs = differs(row.Cells, func(c compareCell) string { return strconv.FormatBool(c.Has) })
		p.Extras = append(p.Extras, *row)
	}
	if len(eds) > 0 {
		countRow := compareRow{Label: "Number of extras"}
		for _, e := range eds {
			countRow.Cells = append(countRow.Cells, compareCell{Text: strconv.Itoa(len(e.Extras))})
		}
		countRow.Differs = differs(countRow.Cells, func(c compareCell) string { return c.Text })
		p.Specs = append(p.Specs, countRow)
	}
	if onlyDiff {
		p.Specs, p.HiddenRows = onlyDiffering(p.Specs, p.HiddenRows)
		p.Extras, p.HiddenRows = onlyDiffering(p.Extras, p.HiddenRows)
	}

	return &page{
		Template:    "editions.html",
		Title:       "Compare editions of " + f.Title,
		Nav:         "films",
		Description: "Every edition of " + f.Title + " side by side: formats, region, packaging, price and extras.",
		Data:        p,
	}, nil
}

// differs reports whether the cells do not all have the same key.
func differs(cells []compareCell, key func(compareCell) string) bool {
	for _, c := range cells[min(1, len(cells)):] {
		if key(c) != key(cells[0]) {
			return true
		}
	}
	return false
}

func onlyDiffering(rows []compareRow, hidden int) ([]compareRow, int) {
	out := rows[:0]
	for _, r := range rows {
		if r.Differs {
			out = append(out, r)
		} else {
			hidden++
		}
	}
	return out, hidden
}

// extraDetail summarizes an extra for a comparison cell: its runtime and
// who takes part.
func extraDetail(x catalog.Extra) string {
	var parts []string
	if x.RuntimeSeconds > 0 {
		parts = append(parts, secondsLabel(x.RuntimeSeconds))
	}
	if x.Vintage != "" {
		parts = append(parts, string(x.Vintage))
	}
	if len(x.ExclusiveFormats) > 0 {
		parts = append(parts, formatsLabel(x.ExclusiveFormats)+" only")
	}
	return strings.Join(parts, " · ")
}

func itoaOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}
