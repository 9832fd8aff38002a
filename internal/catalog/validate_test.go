package catalog

import (
	"strings"
	"testing"
)

func TestSlugify(t *testing.T) {
	tests := []struct {
		in   []string
		want string
	}{
		{[]string{"Red Rocket", "2021"}, "red-rocket-2021"},
		{[]string{"Amélie"}, "amelie"},
		{[]string{"Schindler's List"}, "schindlers-list"},
		{[]string{"  Crouching Tiger, Hidden Dragon!  "}, "crouching-tiger-hidden-dragon"},
		{[]string{"Das Boot — Straße"}, "das-boot-strasse"},
		{[]string{"M*A*S*H"}, "m-a-s-h"},
		{[]string{"東京物語"}, ""},
		{[]string{"Shout! Factory"}, "shout-factory"},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in...); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Slugify(tt.in...); got != "" && !ValidSlug(got) {
			t.Errorf("Slugify(%q) = %q is not a valid slug", tt.in, got)
		}
	}
}

func TestFoldText(t *testing.T) {
	for in, want := range map[string]string{"Amélie": "amelie", "AMÉLIE": "amelie", "Łódź": "lodz", "Straße": "strasse", "Ærø": "aro", "Palme d’Or": "palme d'or", "“Quoted” — dash": "\"quoted\" - dash"} {
		if got := FoldText(in); got != want {
			t.Errorf("FoldText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidBarcode(t *testing.T) {
	for code, want := range map[string]bool{
		"036000291452":  true,  // UPC-A
		"4006381333931": true,  // EAN-13
		"96385074":      true,  // EAN-8
		"4006381333932": false, // wrong check digit
		"12345":         false,
		"40063813339a1": false,
	} {
		if got := ValidBarcode(code); got != want {
			t.Errorf("ValidBarcode(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestDefaultSortName(t *testing.T) {
	for in, want := range map[string]string{"Sean Baker": "Baker, Sean", "Madonna": "Madonna", "Martin Luther King Jr.": "King, Martin Luther Jr.", "Brian De Palma": "Palma, Brian De"} {
		if got := DefaultSortName(in); got != want {
			t.Errorf("DefaultSortName(%q) = %q, want %q", in, got, want)
		}
	}
}

// validator is any record with Normalize and Validate.
type validator interface {
	Normalize()
	Validate() error
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name      string
		rec       validator
		wantField string // "" = valid
	}{
		{"film ok", &Film{Title: "Red Rocket", Year: 2021, ExternalIDs: ExternalIDs{IMDb: "tt12345678", Wikidata: "Q1"}}, ""},
		{"film no title", &Film{Title: "  "}, "title"},
		{"film short imdb", &Film{Title: "X", ExternalIDs: ExternalIDs{IMDb: "tt123456"}}, "external_ids.imdb"},
		{"film person imdb", &Film{Title: "X", ExternalIDs: ExternalIDs{IMDb: "nm1234567"}}, "external_ids.imdb"},
		{"film bad wikidata", &Film{Title: "X", ExternalIDs: ExternalIDs{Wikidata: "P31"}}, "external_ids.wikidata"},
		{"film year", &Film{Title: "X", Year: 1700}, "year"},
		{"film status", &Film{Title: "X", Status: "rumoured"}, "status"},
		{"film NUL", &Film{Title: "X\x00"}, "title"},
		{"film invalid utf8", &Film{Title: "X\xff"}, "title"},
		{"film trailer url", &Film{Title: "X", Trailers: []Trailer{{URL: "javascript:alert(1)"}}}, "trailers[0].url"},
		{"film bad slug", &Film{Title: "X", Slug: "Not A Slug"}, "slug"},
		{"person ok", &Person{Name: "Sean Baker", ExternalIDs: ExternalIDs{IMDb: "nm0048918"}}, ""},
		{"person film imdb", &Person{Name: "X", ExternalIDs: ExternalIDs{IMDb: "tt0048918"}}, "external_ids.imdb"},
		{"person died before birth", &Person{Name: "X", BirthYear: 1950, DeathYear: 1940}, "death_year"},
		{"credit ok", &Credit{FilmID: 1, PersonID: 2, Job: "Actor", Character: "Mikey"}, ""},
		{"credit director with character", &Credit{FilmID: 1, PersonID: 2, Job: "director", Character: "Mikey"}, "character"},
		{"credit no job", &Credit{FilmID: 1, PersonID: 2}, "job"},
		{"org ok", &Organization{Name: "Lionsgate", Kinds: []OrgKind{OrgDistributor, OrgDiscLabel}, Country: "us"}, ""},
		{"org kind", &Organization{Name: "X", Kinds: []OrgKind{"bank"}}, "kinds[0]"},
		{"org country", &Organization{Name: "X", Country: "XX"}, "country"},
		{"release ok", &Release{FilmID: 1, Type: ReleasePhysical, Country: "gb", Date: MustDate("2022-03")}, ""},
		{"release type", &Release{FilmID: 1, Type: "vhs"}, "type"},
		{"release country", &Release{FilmID: 1, Type: ReleaseTV, Country: "UK"}, "country"},
		{"release festival link on tv", &Release{FilmID: 1, Type: ReleaseTV, FestivalEditionID: 3}, "festival_edition_id"},
		{"edition ok", &Edition{ReleaseID: 1, Formats: []Format{FormatUHD4K, FormatBluray}, Regions: []string{"a", "B"}, Barcode: "036000291452", Price: Money{Amount: 3999, Currency: "usd"}}, ""},
		{"edition no formats", &Edition{ReleaseID: 1}, "formats"},
		{"edition format", &Edition{ReleaseID: 1, Formats: []Format{"laserdisc"}}, "formats[0]"},
		{"edition region", &Edition{ReleaseID: 1, Formats: []Format{FormatDVD}, Regions: []string{"Z"}}, "regions[0]"},
		{"edition barcode", &Edition{ReleaseID: 1, Formats: []Format{FormatDVD}, Barcode: "036000291453"}, "barcode"},
		{"edition currency", &Edition{ReleaseID: 1, Formats: []Format{FormatDVD}, Price: Money{Amount: 10, Currency: "dollars"}}, "price.currency"},
		{"extra ok", &Extra{EditionID: 1, Kind: ExtraAudioCommentary, Participants: []Participant{{PersonID: 1, Role: "writer-director"}, {PersonID: 2, Role: "cinematographer"}}}, ""},
		{"extra kind", &Extra{EditionID: 1, Kind: "blooper"}, "kind"},
		{"extra duplicate participant", &Extra{EditionID: 1, Kind: ExtraInterview, Participants: []Participant{{PersonID: 1}, {PersonID: 1}}}, "participants[1].person_id"},
		{"extra vintage", &Extra{EditionID: 1, Kind: ExtraTrailer, Vintage: "vintage"}, "vintage"},
		{"festival edition ends before start", &FestivalEdition{FestivalID: 1, Year: 2021, StartsOn: MustDate("2021-07-17"), EndsOn: MustDate("2021-07-06")}, "ends_on"},
		{"festival edition start in other year", &FestivalEdition{FestivalID: 1, Year: 2021, StartsOn: MustDate("2020-07")}, "starts_on"},
		{"selection premiere", &Selection{FilmID: 1, FestivalEditionID: 1, Premiere: "galactic"}, "premiere"},
		{"nomination ok", &Nomination{CategoryID: 1, FilmID: 1, Year: 2027, Result: ResultPending}, ""},
		{"nomination result", &Nomination{CategoryID: 1, FilmID: 1, Year: 2021, Result: "tied"}, "result"},
		{"source url", &Source{Kind: SourceArticle, URL: "ftp://example.com/x", Title: "x"}, "url"},
		{"source kind", &Source{Kind: "rumour"}, "kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.rec.Normalize()
			err := tt.rec.Validate()
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want an error on %s", tt.wantField)
			}
			e, ok := err.(*Error)
			if !ok || e.Kind != KindInvalid {
				t.Fatalf("Validate() = %#v, want a KindInvalid *Error", err)
			}
			if e.Field != tt.wantField {
				t.Errorf("field = %q, want %q (%v)", e.Field, tt.wantField, err)
			}
		})
	}
}

func TestNormalizeDerivesDefaults(t *testing.T) {
	c := Credit{Job: " Cinematographer "}
	c.Normalize()
	if c.Job != "cinematographer" || c.Department != DeptCamera {
		t.Errorf("credit normalized to job %q department %q", c.Job, c.Department)
	}
	o := Organization{Name: "X", Country: "gb", Kinds: []OrgKind{OrgDiscLabel, OrgDiscLabel, " "}}
	o.Normalize()
	if o.Country != "GB" || len(o.Kinds) != 1 {
		t.Errorf("organization normalized to %+v", o)
	}
	f := Film{Title: "X"}
	f.Normalize()
	if f.Status != FilmAnnounced {
		t.Errorf("film status defaulted to %q", f.Status)
	}
}

func TestWithFieldNestsPaths(t *testing.T) {
	err := WithField("films[2]", WithField("releases[0]", Invalid("date", "bad")))
	e := err.(*Error)
	if e.Field != "films[2].releases[0].date" {
		t.Errorf("field = %q", e.Field)
	}
	if !strings.HasPrefix(err.Error(), "films[2].releases[0].date: bad") {
		t.Errorf("message = %q", err.Error())
	}
	if KindOf(Errorf(KindConflict, "x %w", NotFound("film", 1))) != KindConflict {
		t.Error("KindOf does not take the outermost kind")
	}
}

func TestInvalidUTF8GenreIsRejectedNotRepaired(t *testing.T) {
	f := Film{Title: "X", Genres: []string{"Drama\xff"}}
	f.Normalize()
	if err := f.Validate(); err == nil {
		t.Fatalf("genre %q passed validation", f.Genres[0])
	}
}
