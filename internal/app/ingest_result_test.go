package app_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

// The tests in this file give the planner hand-made extractor results
// (SubmitResult, ApplyResult, PreviewResult in export_test.go): they test
// how ingest maps facts to the catalog, whatever the extractor makes of
// a text.

// reading is an article's text and what the test says it states.
type reading struct {
	t    *testing.T
	text string
}

// ev is the evidence of quote, which must occur in the text.
func (r reading) ev(quote string) extract.Evidence {
	r.t.Helper()
	i := strings.Index(r.text, quote)
	if i < 0 {
		r.t.Fatalf("%q is not in the text %q", quote, r.text)
	}
	start := len([]rune(r.text[:i]))
	return extract.Evidence{Start: start, End: start + len([]rune(quote)), Quote: quote}
}

// disc is a release stated by quote.
func (r reading) disc(quote, format, date, label string, countries ...string) extract.Release {
	r.t.Helper()
	return extract.Release{Format: format, Date: date, Label: label, Countries: countries, Confidence: 0.9, Evidence: r.ev(quote)}
}

// film is a result stating one film.
func (r reading) film(title string, year int, rels ...extract.Release) *extract.Result {
	r.t.Helper()
	return &extract.Result{Films: []extract.Film{{Title: title, Year: year, Confidence: 0.9, Evidence: r.ev(title),
		Credits: []extract.Credit{}, Releases: rels, Extras: []extract.Extra{}, Festivals: []extract.Festival{}}}}
}

// applyResult submits an article with the result given and applies all
// it proposes.
func applyResult(t *testing.T, svc *app.Service, published string, text string, res *extract.Result) *app.Article {
	t.Helper()
	ctx := context.Background()
	in := app.ArticleInput{Text: text}
	if published != "" {
		in.Published = catalog.MustDate(published)
	}
	a, err := svc.SubmitResult(ctx, in, res)
	if err != nil {
		t.Fatal(err)
	}
	applied, err := svc.ApplyResult(ctx, a.Source.ID, res, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := gocmp.Diff(changeIDs(a), changeIDs(applied)); diff != "" {
		t.Errorf("applied changes differ from the proposed ones (-proposed +applied):\n%s", diff)
	}
	return applied
}

// releaseRows describes a film's releases, one line each: country (or
// "--" for worldwide), type, date, distributor and editions with their
// regions.
func releaseRows(t *testing.T, svc *app.Service, slug string) []string {
	t.Helper()
	d, err := svc.FilmDetail(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	var rows []string
	for _, r := range d.Releases {
		country, from := r.Country, r.DistributorName
		if country == "" {
			country = "--"
		}
		if from == "" {
			from = "-"
		}
		var eds []string
		for _, e := range r.Editions {
			ed := string(e.Formats[0])
			if len(e.Regions) > 0 {
				ed += "/" + strings.Join(e.Regions, "+")
			}
			eds = append(eds, ed)
		}
		slices.Sort(eds)
		rows = append(rows, fmt.Sprintf("%s %s %s %s [%s]", country, r.Type, r.Date, from, strings.Join(eds, " ")))
	}
	slices.Sort(rows)
	return rows
}

func orgNames(t *testing.T, svc *app.Service) []string {
	t.Helper()
	orgs, _, err := svc.ListOrganizations(context.Background(), catalog.OrganizationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range orgs {
		names = append(names, o.Name)
	}
	return names
}

func notesMention(a *app.Article, words ...string) bool {
	for _, n := range a.Notes {
		if !slices.ContainsFunc(words, func(w string) bool { return !strings.Contains(n, w) }) {
			return true
		}
	}
	return false
}

func TestIngestReleaseCountriesAndRegions(t *testing.T) {
	const text = "Quiet Rivers arrives on Blu-ray on May 6."
	const quote = "Blu-ray on May 6"
	tests := []struct {
		name      string
		release   func(r reading) extract.Release
		wantIDs   []string // release and edition changes
		wantRows  []string
		wantNoted string
	}{
		{"in the UK", func(r reading) extract.Release { return r.disc(quote, "bluray", "2025-05-06", "", "GB") },
			[]string{"release:quiet-rivers:physical:gb", "edition:quiet-rivers:gb:bluray"},
			[]string{"GB physical 2025-05-06 - [bluray]"}, ""},
		{"US and Canada", func(r reading) extract.Release { return r.disc(quote, "bluray", "2025-05-06", "", "US", "CA") },
			[]string{"release:quiet-rivers:physical:ca", "edition:quiet-rivers:ca:bluray", "release:quiet-rivers:physical:us", "edition:quiet-rivers:us:bluray"},
			[]string{"CA physical 2025-05-06 - [bluray]", "US physical 2025-05-06 - [bluray]"}, ""},
		{"no country is worldwide", func(r reading) extract.Release { return r.disc(quote, "bluray", "2025-05-06", "") },
			[]string{"release:quiet-rivers:physical", "edition:quiet-rivers:bluray"},
			[]string{"-- physical 2025-05-06 - [bluray]"}, ""},
		{"a lower-case code, a common alias and an empty entry", func(r reading) extract.Release { return r.disc(quote, "bluray", "2025-05-06", "", "uk", "", "gb") },
			[]string{"release:quiet-rivers:physical:gb", "edition:quiet-rivers:gb:bluray"},
			[]string{"GB physical 2025-05-06 - [bluray]"}, ""},
		{"a country in Region (older extractors)", func(r reading) extract.Release {
			rel := r.disc(quote, "bluray", "2025-05-06", "")
			rel.Region = "UK"
			return rel
		}, []string{"release:quiet-rivers:physical:gb", "edition:quiet-rivers:gb:bluray"},
			[]string{"GB physical 2025-05-06 - [bluray]"}, ""},
		{"Region B", func(r reading) extract.Release {
			rel := r.disc(quote, "bluray", "2025-05-06", "", "GB")
			rel.Region = "Region B"
			return rel
		}, []string{"release:quiet-rivers:physical:gb", "edition:quiet-rivers:gb:bluray"},
			[]string{"GB physical 2025-05-06 - [bluray/B]"}, ""},
		{"Region A/B", func(r reading) extract.Release {
			rel := r.disc(quote, "bluray", "2025-05-06", "")
			rel.Region = "B/A"
			return rel
		}, []string{"release:quiet-rivers:physical", "edition:quiet-rivers:bluray"},
			[]string{"-- physical 2025-05-06 - [bluray/AB]"}, ""},
		{"region free", func(r reading) extract.Release {
			rel := r.disc(quote, "dvd", "2025-05-06", "")
			rel.Region = "Free"
			return rel
		}, []string{"release:quiet-rivers:physical", "edition:quiet-rivers:dvd"},
			[]string{"-- physical 2025-05-06 - [dvd/0]"}, ""},
		{"DVD regions 2 and 4", func(r reading) extract.Release {
			rel := r.disc(quote, "dvd", "2025-05-06", "")
			rel.Region = "2/4"
			return rel
		}, []string{"release:quiet-rivers:physical", "edition:quiet-rivers:dvd"},
			[]string{"-- physical 2025-05-06 - [dvd/2+4]"}, ""},
		{"not a country: skipped, not worldwide", func(r reading) extract.Release { return r.disc(quote, "bluray", "2025-05-06", "", "XX") },
			nil, nil, `"XX" is not an ISO 3166-1 country code`},
	}
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		svc := newService(t)
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// Each case is about a film of its own: "Quiet Rivers" of
				// another year.
				year := 2001 + i
				r := reading{t, fmt.Sprintf("%s (%d)", text, year)}
				a := applyResult(t, svc, "2025-04-01", r.text, r.film("Quiet Rivers", year, tt.release(r)))
				var ids []string
				for _, id := range changeIDs(a) {
					if strings.HasPrefix(id, "release:") || strings.HasPrefix(id, "edition:") {
						ids = append(ids, id)
					}
				}
				if diff := gocmp.Diff(tt.wantIDs, ids); diff != "" {
					t.Errorf("release and edition changes (-want +got):\n%s", diff)
				}
				if diff := gocmp.Diff(tt.wantRows, releaseRows(t, svc, fmt.Sprintf("quiet-rivers-%d", year))); diff != "" {
					t.Errorf("releases (-want +got):\n%s", diff)
				}
				if tt.wantNoted != "" && !notesMention(a, tt.wantNoted) {
					t.Errorf("notes %q do not say %q", a.Notes, tt.wantNoted)
				}
			})
		}
	})
}

// seedFilm makes the film "Night Harbor" of year with a physical US
// release from Lionsgate on date with a Blu-ray edition, and returns its
// slug. Lionsgate is made on first use.
func seedFilm(t *testing.T, svc *app.Service, year int, date string) string {
	t.Helper()
	ctx := context.Background()
	p := manualSource(t, svc)
	film := createFilm(t, svc, p, "Night Harbor", year)
	lionsgate, err := svc.Store().GetOrganizationBySlug(ctx, "lionsgate")
	if catalog.IsKind(err, catalog.KindNotFound) {
		lionsgate = catalog.Organization{Name: "Lionsgate", Kinds: []catalog.OrgKind{catalog.OrgDistributor, catalog.OrgDiscLabel}}
		err = svc.CreateOrganization(ctx, &lionsgate, p)
	}
	if err != nil {
		t.Fatal(err)
	}
	r := catalog.Release{FilmID: film.ID, Country: "US", Type: catalog.ReleasePhysical, Date: catalog.MustDate(date), DistributorID: lionsgate.ID}
	if err := svc.CreateRelease(ctx, &r, p); err != nil {
		t.Fatal(err)
	}
	e := catalog.Edition{ReleaseID: r.ID, LabelID: lionsgate.ID, Formats: []catalog.Format{catalog.FormatBluray}}
	if err := svc.CreateEdition(ctx, &e, p); err != nil {
		t.Fatal(err)
	}
	return film.Slug
}

func TestIngestNewReleaseOrTheSameOne(t *testing.T) {
	type disc struct {
		quote, format, date, label string
		countries                  []string
	}
	tests := []struct {
		name      string
		seedDate  string
		published string // the article's date; 2022-02-01 when empty
		text      string
		disc      disc
		wantRows  []string
		wantNote  string
	}{
		{"another label, another year: a new release", "2022-03-15", "",
			"Arrow Video brings Night Harbor to 4K UHD in the US on June 10, 2025.",
			disc{"4K UHD in the US on June 10, 2025", "uhd4k", "2025-06-10", "Arrow Video", []string{"US"}},
			[]string{"US physical 2022-03-15 Lionsgate [bluray]", "US physical 2025-06-10 Arrow Video [uhd4k]"}, ""},
		{"the same label in another year: a new release", "2022-03-15", "",
			"Lionsgate Home Entertainment brings Night Harbor to 4K UHD in the US on June 10, 2025.",
			disc{"4K UHD in the US on June 10, 2025", "uhd4k", "2025-06-10", "Lionsgate Home Entertainment", []string{"US"}},
			[]string{"US physical 2022-03-15 Lionsgate [bluray]", "US physical 2025-06-10 Lionsgate [uhd4k]"},
			"the article does not say the date changed"},
		{"another label on the same day: a new release", "2022-03-15", "",
			"Arrow Video also has Night Harbor on 4K UHD in the US on March 15, 2022.",
			disc{"4K UHD in the US on March 15, 2022", "uhd4k", "2022-03-15", "Arrow Video", []string{"US"}},
			[]string{"US physical 2022-03-15 Arrow Video [uhd4k]", "US physical 2022-03-15 Lionsgate [bluray]"}, ""},
		{"an ambiguous label on the same day: a new release without a label", "2022-03-15", "",
			"Arrow also has Night Harbor on 4K UHD in the US on March 15, 2022.",
			disc{"4K UHD in the US on March 15, 2022", "uhd4k", "2022-03-15", "Arrow", []string{"US"}},
			[]string{"US physical 2022-03-15 - [uhd4k]", "US physical 2022-03-15 Lionsgate [bluray]"}, `label "Arrow" could be any of`},
		{"another country: a new release", "2022-03-15", "",
			"Lionsgate brings Night Harbor to Blu-ray in the UK on March 15, 2022.",
			disc{"Blu-ray in the UK on March 15, 2022", "bluray", "2022-03-15", "Lionsgate", []string{"GB"}},
			[]string{"GB physical 2022-03-15 Lionsgate [bluray]", "US physical 2022-03-15 Lionsgate [bluray]"}, ""},
		{"the same release, a 4K edition added", "2022-03-15", "",
			"Lionsgate brings Night Harbor to Blu-ray and 4K UHD in the US on March 15, 2022.",
			disc{"4K UHD in the US on March 15, 2022", "uhd4k", "2022-03-15", "Lionsgate", []string{"US"}},
			[]string{"US physical 2022-03-15 Lionsgate [bluray uhd4k]"}, ""},
		{"no label and no country: the same release", "2022-03-15", "",
			"Night Harbor comes to 4K UHD on March 15, 2022.",
			disc{"4K UHD on March 15, 2022", "uhd4k", "2022-03-15", "", nil},
			[]string{"US physical 2022-03-15 Lionsgate [bluray uhd4k]"}, ""},
		{"a coarser date: the same release, its day kept", "2022-03-15", "",
			"Lionsgate brings Night Harbor to Blu-ray in the US in March 2022.",
			disc{"Blu-ray in the US in March 2022", "bluray", "2022-03", "Lionsgate", []string{"US"}},
			[]string{"US physical 2022-03-15 Lionsgate [bluray]"}, ""},
		{"a day inside the month: the same release, more precise", "2022-03", "",
			"Lionsgate brings Night Harbor to Blu-ray in the US on March 15, 2022.",
			disc{"Blu-ray in the US on March 15, 2022", "bluray", "2022-03-15", "Lionsgate", []string{"US"}},
			[]string{"US physical 2022-03-15 Lionsgate [bluray]"}, ""},
		{"a stated postponement: the same release, moved", "2022-03-15", "",
			"Night Harbor's Blu-ray has been delayed to May 3, 2022, Lionsgate said.",
			disc{"Blu-ray has been delayed to May 3, 2022", "bluray", "2022-05-03", "Lionsgate", []string{"US"}},
			[]string{"US physical 2022-05-03 Lionsgate [bluray]"}, ""},
		{"another day, no postponement stated: a new release", "2022-03-15", "",
			"Lionsgate brings Night Harbor to Blu-ray in the US on May 3, 2022.",
			disc{"Blu-ray in the US on May 3, 2022", "bluray", "2022-05-03", "Lionsgate", []string{"US"}},
			[]string{"US physical 2022-03-15 Lionsgate [bluray]", "US physical 2022-05-03 Lionsgate [bluray]"},
			"the article does not say the date changed"},
		{"the postponement cue is in another sentence", "2022-03-15", "",
			"Another film was delayed. Lionsgate brings Night Harbor to Blu-ray in the US on May 3, 2022.",
			disc{"Blu-ray in the US on May 3, 2022", "bluray", "2022-05-03", "Lionsgate", []string{"US"}},
			[]string{"US physical 2022-03-15 Lionsgate [bluray]", "US physical 2022-05-03 Lionsgate [bluray]"}, ""},
		{"no date, before the release is out: the same release", "2022-03-15", "",
			"Night Harbor is coming to Blu-ray in the US.",
			disc{"Blu-ray in the US", "bluray", "", "", []string{"US"}},
			[]string{"US physical 2022-03-15 Lionsgate [bluray]"}, ""},
		{"no date, after the release was out: a new release", "2022-03-15", "2025-04-01",
			"Arrow Video is bringing Night Harbor to Blu-ray in the US.",
			disc{"Blu-ray in the US", "bluray", "", "", []string{"US"}},
			[]string{"US physical 2022-03-15 Lionsgate [bluray]", "US physical TBA - [bluray]"}, ""},
	}
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		svc := newService(t)
		p := manualSource(t, svc)
		for _, name := range []string{"Arrow Films", "Arrow Video"} {
			if err := svc.CreateOrganization(context.Background(), &catalog.Organization{Name: name}, p); err != nil {
				t.Fatal(err)
			}
		}
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// Each case is about a film of its own: "Night Harbor" of
				// another year (which the article states).
				year := 2001 + i
				slug := seedFilm(t, svc, year, tt.seedDate)
				r := reading{t, fmt.Sprintf("Night Harbor (%d). %s", year, tt.text)}
				res := r.film("Night Harbor", year, r.disc(tt.disc.quote, tt.disc.format, tt.disc.date, tt.disc.label, tt.disc.countries...))
				if tt.disc.format == "uhd4k" && strings.Contains(tt.text, "Blu-ray and 4K") {
					res.Films[0].Releases = append(res.Films[0].Releases, r.disc(tt.disc.quote, "bluray", tt.disc.date, tt.disc.label, tt.disc.countries...))
				}
				published := cmp.Or(tt.published, "2022-02-01")
				a := applyResult(t, svc, published, r.text, res)
				if diff := gocmp.Diff(tt.wantRows, releaseRows(t, svc, slug)); diff != "" {
					t.Errorf("releases (-want +got):\n%s\nchanges %v, notes %q", diff, changeIDs(a), a.Notes)
				}
				if tt.wantNote != "" && !notesMention(a, tt.wantNote) {
					t.Errorf("notes %q do not say %q", a.Notes, tt.wantNote)
				}
			})
		}
	})
}

// An older article read again keeps its date as history: it neither moves
// the date back nor adds a release.
func TestIngestEarlierDateStaysOnRecord(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		svc := newService(t)
		slug := seedFilm(t, svc, 2021, "2022-03")
		announce := reading{t, "Lionsgate sets Night Harbor on Blu-ray for March 18, 2022."}
		delay := reading{t, "Night Harbor's Blu-ray is postponed to April 22, 2022, a month later than planned."}
		announceRes := announce.film("Night Harbor", 0, announce.disc("Blu-ray for March 18, 2022", "bluray", "2022-03-18", "Lionsgate", "US"))
		delayRes := delay.film("Night Harbor", 0, delay.disc("Blu-ray is postponed to April 22, 2022", "bluray", "2022-04-22", "", "US"))
		applyResult(t, svc, "2022-01-10", announce.text, announceRes)
		applyResult(t, svc, "2022-03-01", delay.text, delayRes)
		again := applyResult(t, svc, "2022-01-10", announce.text, announceRes)
		if len(again.Changes) != 0 {
			t.Errorf("re-reading the older article proposed %v", changeIDs(again))
		}
		if diff := gocmp.Diff([]string{"US physical 2022-04-22 Lionsgate [bluray]"}, releaseRows(t, svc, slug)); diff != "" {
			t.Errorf("releases (-want +got):\n%s", diff)
		}
		d, err := svc.FilmDetail(context.Background(), slug)
		if err != nil {
			t.Fatal(err)
		}
		var hist []string
		for _, c := range d.ClaimsAbout(catalog.EntityRelease, d.Releases[0].ID) {
			if c.Field == "date" {
				hist = append(hist, c.Value+map[bool]string{true: "*"}[c.Preferred])
			}
		}
		slices.Sort(hist)
		if diff := gocmp.Diff([]string{"2022-03", "2022-03-18", "2022-04-22*"}, hist); diff != "" {
			t.Errorf("date history (-want +got):\n%s", diff)
		}
	})
}

func TestIngestResolvesOrganizationsByNameVariants(t *testing.T) {
	catalogOrgs := []string{"The Criterion Collection", "Lionsgate", "Arrow Video", "Kino Lorber", "Shout! Factory", "Universal"}
	tests := []struct {
		label     string
		extra     []string // more organizations in the catalog
		wantFrom  string   // the release's distributor, "-" for none
		wantNew   bool     // a new organization is proposed
		wantNoted []string
	}{
		{label: "Criterion", wantFrom: "The Criterion Collection"},
		{label: "Lionsgate Home Entertainment", wantFrom: "Lionsgate"},
		{label: "Arrow", wantFrom: "Arrow Video"},
		{label: "Kino", wantFrom: "Kino Lorber"},
		{label: "Shout Factory", wantFrom: "Shout! Factory"},
		{label: "Universal Pictures Home Entertainment", wantFrom: "Universal"},
		{label: "the criterion collection", wantFrom: "The Criterion Collection"},
		{label: "Arrow Video", extra: []string{"Arrow Films"}, wantFrom: "Arrow Video"},
		{label: "Second Sight Films", wantFrom: "Second Sight Films", wantNew: true},
		{label: "Arrow", extra: []string{"Arrow Films"}, wantFrom: "-", wantNoted: []string{`label "Arrow"`, `"Arrow Films"`, `"Arrow Video"`}},
	}
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		// One catalog per set of organizations, shared by the cases that
		// have the same; each case is about a film of its own.
		catalogs := map[string]*app.Service{}
		for _, tt := range tests {
			key := strings.Join(tt.extra, ",")
			if catalogs[key] != nil {
				continue
			}
			svc := newService(t)
			p := manualSource(t, svc)
			for _, n := range append(slices.Clone(catalogOrgs), tt.extra...) {
				o := catalog.Organization{Name: n}
				if err := svc.CreateOrganization(context.Background(), &o, p); err != nil {
					t.Fatal(err)
				}
			}
			catalogs[key] = svc
		}
		for i, tt := range tests {
			name := tt.label
			if len(tt.extra) > 0 {
				name += " beside " + strings.Join(tt.extra, ", ")
			}
			t.Run(name, func(t *testing.T) {
				svc := catalogs[strings.Join(tt.extra, ",")]
				before := orgNames(t, svc)
				year := 2001 + i
				text := fmt.Sprintf("%s brings Quiet Rivers (%d) to Blu-ray on May 6, 2025.", tt.label, year)
				r := reading{t, text}
				a := applyResult(t, svc, "2025-04-01", text, r.film("Quiet Rivers", year, r.disc("Blu-ray on May 6, 2025", "bluray", "2025-05-06", tt.label)))
				want := []string{"-- physical 2025-05-06 " + tt.wantFrom + " [bluray]"}
				if diff := gocmp.Diff(want, releaseRows(t, svc, fmt.Sprintf("quiet-rivers-%d", year))); diff != "" {
					t.Errorf("releases (-want +got):\n%s\nnotes %q", diff, a.Notes)
				}
				proposedNew := slices.ContainsFunc(changeIDs(a), func(id string) bool { return strings.HasPrefix(id, "label:") })
				if added := len(orgNames(t, svc)) - len(before); proposedNew != tt.wantNew || added != map[bool]int{true: 1}[tt.wantNew] {
					t.Errorf("a new label proposed: %v, organizations added: %d; want %v (changes %v)", proposedNew, added, tt.wantNew, changeIDs(a))
				}
				if tt.wantNoted != nil && !notesMention(a, tt.wantNoted...) {
					t.Errorf("notes %q do not name %q", a.Notes, tt.wantNoted)
				}
			})
		}
	})
}

func TestIngestChoosesAmongFilmsOfTheSameTitle(t *testing.T) {

	tests := []struct {
		name     string
		year     int
		credit   string // a director the article names
		wantFilm string // year of the film given the release, "" for none
		wantNote bool   // ambiguous
	}{
		{"by year", 2019, "", "2019", false},
		{"by the other year", 1999, "", "1999", false},
		{"by director", 0, "Bo Kent", "2019", false},
		{"by the other director", 0, "Ann Vale", "1999", false},
		{"a year neither has: a new film", 2005, "", "2005", false},
		{"nothing tells them apart", 0, "", "", true},
		{"a director neither has", 0, "Cy Moss", "", true},
	}
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		svc := newService(t)
		p := manualSource(t, svc)
		for i, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				// Each case has two films of a title of its own.
				ctx := context.Background()
				title := fmt.Sprintf("The Return %c", 'A'+i)
				slugBase := catalog.Slugify(title)
				for _, f := range []struct {
					year     int
					director string
				}{{1999, "Ann Vale"}, {2019, "Bo Kent"}} {
					film := createFilm(t, svc, p, title, f.year)
					person, err := personNamed(ctx, svc, p, f.director)
					if err != nil {
						t.Fatal(err)
					}
					if err := svc.CreateCredit(ctx, &catalog.Credit{FilmID: film.ID, PersonID: person.ID, Job: "director"}, p); err != nil {
						t.Fatal(err)
					}
				}
				r := reading{t, title + ", directed by Bo Kent, comes to Blu-ray on May 6, 2025."}
				res := r.film(title, tt.year, r.disc("Blu-ray on May 6, 2025", "bluray", "2025-05-06", ""))
				if tt.credit != "" {
					res.Films[0].Credits = []extract.Credit{{Name: tt.credit, Roles: []string{"director"}, Confidence: 0.9, Evidence: r.ev("Bo Kent")}}
				}
				a := applyResult(t, svc, "2025-04-01", r.text, res)
				var got []string
				films, _, err := svc.Store().ListFilms(ctx, catalog.FilmFilter{Query: title})
				if err != nil {
					t.Fatal(err)
				}
				for _, f := range films {
					if len(releaseRows(t, svc, f.Slug)) > 0 {
						got = append(got, f.Slug)
					}
				}
				var want []string
				if tt.wantFilm != "" {
					want = []string{slugBase + "-" + tt.wantFilm}
				}
				if diff := gocmp.Diff(want, got); diff != "" {
					t.Errorf("films given the release (-want +got):\n%s\nchanges %v, notes %q", diff, changeIDs(a), a.Notes)
				}
				if noted := notesMention(a, "several films of this title"); noted != tt.wantNote {
					t.Errorf("ambiguity noted = %v, want %v (notes %q)", noted, tt.wantNote, a.Notes)
				}
				if tt.wantNote && (len(a.Changes) != 0 || len(films) != 2) {
					t.Errorf("an ambiguous title changed the catalog: %v, %d films", changeIDs(a), len(films))
				}
			})
		}
	})
}

// A preview proposes what applying would do and writes nothing at all.
func TestIngestPreviewWritesNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		seedFilm(t, svc, 2021, "2022-03-15")
		r := reading{t, "Criterion brings Night Harbor to 4K UHD in the UK on June 10, 2025."}
		res := r.film("Night Harbor", 0, r.disc("4K UHD in the UK on June 10, 2025", "uhd4k", "2025-06-10", "Criterion", "GB"))
		in := app.ArticleInput{Text: r.text, Published: catalog.MustDate("2025-04-01")}
		snapshot := func() (any, []catalog.Source) {
			t.Helper()
			b, err := svc.ExportBundle(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			srcs, _, err := svc.ListSources(ctx, catalog.SourceFilter{})
			if err != nil {
				t.Fatal(err)
			}
			return b, srcs
		}
		bundleBefore, sourcesBefore := snapshot()
		preview, err := svc.PreviewResult(ctx, in, res)
		if err != nil {
			t.Fatal(err)
		}
		if !preview.Created || preview.Source.ID != 0 {
			t.Errorf("preview of a new article: created %v, source ID %d; want a new, unstored article", preview.Created, preview.Source.ID)
		}
		bundleAfter, sourcesAfter := snapshot()
		if diff := gocmp.Diff(bundleBefore, bundleAfter); diff != "" {
			t.Errorf("the preview changed the catalog (-before +after):\n%s", diff)
		}
		if len(sourcesAfter) != len(sourcesBefore) {
			t.Errorf("the preview stored the article: %d sources, were %d", len(sourcesAfter), len(sourcesBefore))
		}
		for _, want := range []string{"label:criterion", "release:night-harbor:physical:gb", "edition:night-harbor:gb:uhd4k"} {
			if !slices.Contains(changeIDs(preview), want) {
				t.Errorf("the preview does not propose %s: %v", want, changeIDs(preview))
			}
		}

		applied := applyResult(t, svc, "2025-04-01", r.text, res)
		if diff := gocmp.Diff(changeIDs(preview), changeIDs(applied)); diff != "" {
			t.Errorf("applying differs from the preview (-preview +applied):\n%s", diff)
		}
		again, err := svc.PreviewResult(ctx, in, res)
		if err != nil {
			t.Fatal(err)
		}
		if again.Created || again.Source.ID != applied.Source.ID || len(again.Changes) != 0 {
			t.Errorf("preview of a stored article: created %v, source %d (want %d), changes %v", again.Created, again.Source.ID, applied.Source.ID, changeIDs(again))
		}
	})
}

// The one end-to-end case: the extractor's reading of a plain sentence,
// whichever field it puts the country in, gives a UK release, not a
// worldwide one.
func TestIngestUKBlurayIsNotWorldwide(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		svc := newService(t)
		const text = "date 2025-04-01\n\nArrow Video releases Quiet Rivers on Blu-ray in the UK on May 6.\n"
		ctx := context.Background()
		a, err := svc.SubmitArticle(ctx, app.ArticleInput{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.ApplyArticle(ctx, a.Source.ID, nil); err != nil {
			t.Fatal(err)
		}
		want := []string{"GB physical 2025-05-06 Arrow Video [bluray]"}
		if diff := gocmp.Diff(want, releaseRows(t, svc, "quiet-rivers")); diff != "" {
			t.Errorf("releases (-want +got):\n%s\nresult %+v", diff, a.Result.Films)
		}
	})
}

// personNamed returns the person of that name, made on first use.
func personNamed(ctx context.Context, svc *app.Service, p app.Provenance, name string) (catalog.Person, error) {
	people, _, err := svc.Store().ListPeople(ctx, catalog.PersonFilter{Name: name})
	if err != nil || len(people) > 0 {
		return people[0], err
	}
	person := catalog.Person{Name: name}
	return person, svc.CreatePerson(ctx, &person, p)
}
