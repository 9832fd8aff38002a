package bundle

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/marquee-film/marquee/internal/catalog"
)

// FormatName and Version identify the bundle format.
const (
	FormatName = "marquee-bundle"
	Version    = 1
)

// MaxSize is the largest bundle Decode accepts.
const MaxSize = 256 << 20

// Bundle is a whole bundle document.
type Bundle struct {
	Format         string         `json:"format"`
	Version        int            `json:"version"`
	DefaultSources []string       `json:"default_sources,omitempty"`
	Sources        []Source       `json:"sources,omitempty"`
	People         []Person       `json:"people,omitempty"`
	Organizations  []Organization `json:"organizations,omitempty"`
	Festivals      []Festival     `json:"festivals,omitempty"`
	AwardBodies    []AwardBody    `json:"award_bodies,omitempty"`
	Films          []Film         `json:"films,omitempty"`
}

// Source is a source of facts, referred to by Key within the bundle.
type Source struct {
	Key         string              `json:"key"`
	Kind        catalog.SourceKind  `json:"kind"`
	URL         string              `json:"url,omitempty"`
	Outlet      string              `json:"outlet,omitempty"`
	Title       string              `json:"title,omitempty"`
	PublishedOn catalog.PartialDate `json:"published_on"`
	ContentHash string              `json:"content_hash,omitempty"`
	Text        string              `json:"text,omitempty"`
}

// Citation says that a source states a fact. In JSON it is either a bare
// source key or an object.
type Citation struct {
	Source     string        `json:"source"`
	Field      string        `json:"field,omitempty"`
	Value      string        `json:"value,omitempty"`
	Span       *catalog.Span `json:"span,omitempty"`
	Confidence float64       `json:"confidence,omitempty"`
	Preferred  bool          `json:"preferred,omitempty"`
}

// UnmarshalJSON accepts "key" or {"source": "key", ...}.
func (c *Citation) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		*c = Citation{}
		return json.Unmarshal(b, &c.Source)
	}
	type plain Citation
	var p plain
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*c = Citation(p)
	return nil
}

// MarshalJSON writes a bare key when the citation has nothing else.
func (c Citation) MarshalJSON() ([]byte, error) {
	if c.Field == "" && c.Value == "" && c.Span == nil && c.Confidence == 0 && !c.Preferred {
		return json.Marshal(c.Source)
	}
	type plain Citation
	return json.Marshal(plain(c))
}

// Person is a person record.
type Person struct {
	Slug        string              `json:"slug"`
	Name        string              `json:"name"`
	SortName    string              `json:"sort_name,omitempty"`
	BirthYear   int                 `json:"birth_year,omitempty"`
	DeathYear   int                 `json:"death_year,omitempty"`
	ExternalIDs catalog.ExternalIDs `json:"external_ids,omitzero"`
	Sources     []Citation          `json:"sources,omitempty"`
}

// Organization is an organization record.
type Organization struct {
	Slug    string            `json:"slug"`
	Name    string            `json:"name"`
	Kinds   []catalog.OrgKind `json:"kinds,omitempty"`
	Country string            `json:"country,omitempty"`
	Website string            `json:"website,omitempty"`
	Sources []Citation        `json:"sources,omitempty"`
}

// Festival is a festival with its editions.
type Festival struct {
	Slug     string            `json:"slug"`
	Name     string            `json:"name"`
	Country  string            `json:"country,omitempty"`
	City     string            `json:"city,omitempty"`
	Website  string            `json:"website,omitempty"`
	Editions []FestivalEdition `json:"editions,omitempty"`
	Sources  []Citation        `json:"sources,omitempty"`
}

// FestivalEdition is one year of a festival.
type FestivalEdition struct {
	Year     int                 `json:"year"`
	StartsOn catalog.PartialDate `json:"starts_on"`
	EndsOn   catalog.PartialDate `json:"ends_on"`
	Place    string              `json:"place,omitempty"`
}

// AwardBody is an award body with its categories. Festival is the slug of
// the festival whose jury it is, if any.
type AwardBody struct {
	Slug       string          `json:"slug"`
	Name       string          `json:"name"`
	Festival   string          `json:"festival,omitempty"`
	Categories []AwardCategory `json:"categories,omitempty"`
	Sources    []Citation      `json:"sources,omitempty"`
}

// AwardCategory is one award of a body, named uniquely within it.
type AwardCategory struct {
	Name        string `json:"name"`
	PersonAward bool   `json:"person_award,omitempty"`
}

// Film is a film with everything that belongs to it.
type Film struct {
	Slug           string              `json:"slug"`
	Title          string              `json:"title"`
	OriginalTitle  string              `json:"original_title,omitempty"`
	Year           int                 `json:"year,omitempty"`
	RuntimeMinutes int                 `json:"runtime_minutes,omitempty"`
	Synopsis       string              `json:"synopsis,omitempty"`
	Tagline        string              `json:"tagline,omitempty"`
	Genres         []string            `json:"genres,omitempty"`
	Status         catalog.FilmStatus  `json:"status,omitempty"`
	ExternalIDs    catalog.ExternalIDs `json:"external_ids,omitzero"`
	Trailers       []catalog.Trailer   `json:"trailers,omitempty"`
	Sources        []Citation          `json:"sources,omitempty"`
	Credits        []Credit            `json:"credits,omitempty"`
	Releases       []Release           `json:"releases,omitempty"`
	Selections     []Selection         `json:"selections,omitempty"`
	Nominations    []Nomination        `json:"nominations,omitempty"`
}

// Credit is a credit of a film; Person is a person slug.
type Credit struct {
	Person     string             `json:"person"`
	Job        string             `json:"job"`
	Department catalog.Department `json:"department,omitempty"`
	Character  string             `json:"character,omitempty"`
	Billing    int                `json:"billing,omitempty"`
	Note       string             `json:"note,omitempty"`
	Sources    []Citation         `json:"sources,omitempty"`
}

// FestivalRef names a festival edition by festival slug and year.
type FestivalRef struct {
	Festival string `json:"festival"`
	Year     int    `json:"year"`
}

// Release is a release of a film; Distributor is an organization slug.
type Release struct {
	Country     string                `json:"country,omitempty"`
	Type        catalog.ReleaseType   `json:"type"`
	Date        catalog.PartialDate   `json:"date"`
	Status      catalog.ReleaseStatus `json:"status,omitempty"`
	Distributor string                `json:"distributor,omitempty"`
	Festival    *FestivalRef          `json:"festival,omitempty"`
	Note        string                `json:"note,omitempty"`
	Editions    []Edition             `json:"editions,omitempty"`
	Sources     []Citation            `json:"sources,omitempty"`
}

// Edition is a product of a release; Label is an organization slug.
type Edition struct {
	Name              string              `json:"name,omitempty"`
	Label             string              `json:"label,omitempty"`
	Formats           []catalog.Format    `json:"formats"`
	Regions           []string            `json:"regions,omitempty"`
	Barcode           string              `json:"barcode,omitempty"`
	CatalogNumber     string              `json:"catalog_number,omitempty"`
	Packaging         []catalog.Packaging `json:"packaging,omitempty"`
	DiscCount         int                 `json:"disc_count,omitempty"`
	Price             *catalog.Money      `json:"price,omitempty"`
	LimitedTo         int                 `json:"limited_to,omitempty"`
	RetailerExclusive string              `json:"retailer_exclusive,omitempty"`
	Extras            []Extra             `json:"extras,omitempty"`
	Sources           []Citation          `json:"sources,omitempty"`
}

// Extra is a bonus feature of an edition.
type Extra struct {
	Kind             catalog.ExtraKind    `json:"kind"`
	Title            string               `json:"title,omitempty"`
	RuntimeSeconds   int                  `json:"runtime_seconds,omitempty"`
	Description      string               `json:"description,omitempty"`
	Vintage          catalog.ExtraVintage `json:"vintage,omitempty"`
	ExclusiveFormats []catalog.Format     `json:"exclusive_formats,omitempty"`
	Participants     []Participant        `json:"participants,omitempty"`
	Sources          []Citation           `json:"sources,omitempty"`
}

// Participant is a person (slug) taking part in an extra, with a role.
type Participant struct {
	Person string `json:"person"`
	Role   string `json:"role,omitempty"`
}

// Selection is a film's selection at a festival edition.
type Selection struct {
	Festival string                `json:"festival"`
	Year     int                   `json:"year"`
	Section  string                `json:"section,omitempty"`
	Premiere catalog.PremiereScope `json:"premiere,omitempty"`
	Note     string                `json:"note,omitempty"`
	Sources  []Citation            `json:"sources,omitempty"`
}

// Nomination is a film's nomination in a category of an award body.
// FestivalYear links a festival jury's award to that festival's edition.
type Nomination struct {
	AwardBody    string                   `json:"award_body"`
	Category     string                   `json:"category"`
	Year         int                      `json:"year"`
	Ceremony     string                   `json:"ceremony,omitempty"`
	FestivalYear int                      `json:"festival_year,omitempty"`
	Person       string                   `json:"person,omitempty"`
	Result       catalog.NominationResult `json:"result,omitempty"`
	Note         string                   `json:"note,omitempty"`
	Sources      []Citation               `json:"sources,omitempty"`
}

// Decode reads one bundle from r, rejecting unknown fields, trailing data,
// documents over MaxSize and other formats or versions. Errors are
// catalog errors of kind KindInvalid (or KindTooLarge) with a message that
// says where the document went wrong.
func Decode(r io.Reader) (*Bundle, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, catalog.Errorf(catalog.KindInvalid, "reading bundle: %w", err)
	}
	if len(data) > MaxSize {
		return nil, &catalog.Error{Kind: catalog.KindTooLarge, Message: fmt.Sprintf("bundle is larger than %d MiB", MaxSize>>20)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Bundle
	if err := dec.Decode(&b); err != nil {
		return nil, catalog.Errorf(catalog.KindInvalid, "bundle is not valid JSON: %s", describeJSONError(data, err))
	}
	if dec.More() {
		return nil, catalog.Errorf(catalog.KindInvalid, "bundle has data after the JSON document")
	}
	if b.Format != FormatName {
		return nil, catalog.Errorf(catalog.KindInvalid, "format is %q, want %q", b.Format, FormatName)
	}
	if b.Version != Version {
		return nil, catalog.Errorf(catalog.KindInvalid, "bundle version %d is not supported (this build reads version %d)", b.Version, Version)
	}
	return &b, nil
}

// Encode writes b as indented JSON.
func Encode(w io.Writer, b *Bundle) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(b)
}

// describeJSONError adds the line and column to a decoding error.
func describeJSONError(data []byte, err error) string {
	var off int64 = -1
	switch e := err.(type) {
	case *json.SyntaxError:
		off = e.Offset
	case *json.UnmarshalTypeError:
		off = e.Offset
	}
	if off < 0 || off > int64(len(data)) {
		return err.Error()
	}
	line := 1 + bytes.Count(data[:off], []byte("\n"))
	col := off - int64(bytes.LastIndexByte(data[:off], '\n'))
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}
