package api

import (
	"context"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// This file holds the request DTOs of the writes. Each is decoded strictly
// (json.go), its references resolved through the service, and turned into
// a catalog record. A `required:"true"` tag marks the fields the OpenAPI
// schema requires; the catalog's validation is the real check.

// Ref names another record by slug or numeric ID: "sean-baker" or 12.
type Ref string

var refType = reflect.TypeFor[Ref]()

// UnmarshalJSON accepts a string (slug, or ID as text) or a positive
// integer.
func (r *Ref) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	switch {
	case s == "null":
		*r = ""
		return nil
	case strings.HasPrefix(s, `"`):
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*r = Ref(strings.TrimSpace(v))
		return nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		kind := "number " + s
		switch {
		case s == "true" || s == "false":
			kind = "boolean"
		case strings.HasPrefix(s, "{"):
			kind = "object"
		case strings.HasPrefix(s, "["):
			kind = "array"
		}
		return &json.UnmarshalTypeError{Value: kind, Type: refType}
	}
	*r = Ref(strconv.FormatInt(n, 10))
	return nil
}

// ExternalIDsInput links a film or person to other databases.
type ExternalIDsInput struct {
	IMDb     string `json:"imdb" doc:"tt… for films, nm… for people."`
	TMDb     int64  `json:"tmdb"`
	Wikidata string `json:"wikidata" doc:"Q followed by digits."`
}

func (x ExternalIDsInput) catalog() catalog.ExternalIDs {
	return catalog.ExternalIDs{IMDb: strings.TrimSpace(x.IMDb), TMDb: x.TMDb, Wikidata: strings.TrimSpace(x.Wikidata)}
}

// TrailerInput is a link to a trailer.
type TrailerInput struct {
	URL      string `json:"url" required:"true"`
	Kind     string `json:"kind" doc:"trailer, teaser or clip."`
	Language string `json:"language" doc:"BCP 47 tag, e.g. en."`
}

// FilmInput creates or replaces a film.
type FilmInput struct {
	Slug           string             `json:"slug" doc:"Derived from the title and year when empty (made unique); kept on replace when empty."`
	Title          string             `json:"title" required:"true"`
	OriginalTitle  string             `json:"original_title"`
	Year           int                `json:"year"`
	RuntimeMinutes int                `json:"runtime_minutes"`
	Synopsis       string             `json:"synopsis"`
	Tagline        string             `json:"tagline"`
	Genres         []string           `json:"genres"`
	Status         catalog.FilmStatus `json:"status" doc:"Defaults to announced."`
	ExternalIDs    ExternalIDsInput   `json:"external_ids"`
	Trailers       []TrailerInput     `json:"trailers"`
	SourceID       int64              `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

func (in FilmInput) film() catalog.Film {
	f := catalog.Film{
		Slug: in.Slug, Title: in.Title, OriginalTitle: in.OriginalTitle, Year: in.Year,
		RuntimeMinutes: in.RuntimeMinutes, Synopsis: in.Synopsis, Tagline: in.Tagline,
		Genres: in.Genres, Status: in.Status, ExternalIDs: in.ExternalIDs.catalog(),
	}
	for _, t := range in.Trailers {
		f.Trailers = append(f.Trailers, catalog.Trailer{URL: t.URL, Kind: t.Kind, Language: t.Language})
	}
	return f
}

// PersonInput creates or replaces a person.
type PersonInput struct {
	Slug        string           `json:"slug" doc:"Derived from the name when empty (made unique); kept on replace when empty."`
	Name        string           `json:"name" required:"true"`
	SortName    string           `json:"sort_name" doc:"Derived from the name when empty (Baker, Sean)."`
	BirthYear   int              `json:"birth_year"`
	DeathYear   int              `json:"death_year"`
	ExternalIDs ExternalIDsInput `json:"external_ids"`
	SourceID    int64            `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

func (in PersonInput) person() catalog.Person {
	return catalog.Person{
		Slug: in.Slug, Name: in.Name, SortName: in.SortName, BirthYear: in.BirthYear,
		DeathYear: in.DeathYear, ExternalIDs: in.ExternalIDs.catalog(),
	}
}

// OrganizationInput creates or replaces an organization.
type OrganizationInput struct {
	Slug     string            `json:"slug"`
	Name     string            `json:"name" required:"true"`
	Kinds    []catalog.OrgKind `json:"kinds"`
	Country  string            `json:"country" doc:"ISO 3166-1 alpha-2."`
	Website  string            `json:"website"`
	SourceID int64             `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

func (in OrganizationInput) organization() catalog.Organization {
	return catalog.Organization{Slug: in.Slug, Name: in.Name, Kinds: in.Kinds, Country: in.Country, Website: in.Website}
}

// FestivalInput creates or replaces a festival.
type FestivalInput struct {
	Slug     string `json:"slug"`
	Name     string `json:"name" required:"true"`
	Country  string `json:"country"`
	City     string `json:"city"`
	Website  string `json:"website"`
	SourceID int64  `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

func (in FestivalInput) festival() catalog.Festival {
	return catalog.Festival{Slug: in.Slug, Name: in.Name, Country: in.Country, City: in.City, Website: in.Website}
}

// FestivalEditionInput creates or replaces one year of a festival.
type FestivalEditionInput struct {
	Year     int    `json:"year" doc:"Required on create; on replace defaults to the year in the path."`
	StartsOn string `json:"starts_on" doc:"Partial date: YYYY, YYYY-MM, YYYY-MM-DD or TBA."`
	EndsOn   string `json:"ends_on"`
	Place    string `json:"place"`
	SourceID int64  `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

// AwardBodyInput creates or replaces an award body.
type AwardBodyInput struct {
	Slug     string `json:"slug"`
	Name     string `json:"name" required:"true"`
	Festival Ref    `json:"festival" doc:"The festival whose jury this is (slug or ID), if any."`
	SourceID int64  `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

// AwardCategoryInput creates or replaces an award category.
type AwardCategoryInput struct {
	Name        string `json:"name" required:"true"`
	PersonAward bool   `json:"person_award"`
	SourceID    int64  `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

// CreditInput creates or replaces a credit of a film.
type CreditInput struct {
	Person     Ref                `json:"person" required:"true" doc:"Person slug or ID."`
	Job        string             `json:"job" required:"true" doc:"director, writer, actor, cinematographer, …"`
	Department catalog.Department `json:"department" doc:"Derived from the job when empty."`
	Character  string             `json:"character"`
	Billing    int                `json:"billing"`
	Note       string             `json:"note"`
	SourceID   int64              `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

// FestivalYearInput names a festival edition: festival slug or ID, and
// year.
type FestivalYearInput struct {
	Festival Ref `json:"festival" required:"true"`
	Year     int `json:"year" required:"true"`
}

// ReleaseInput creates or replaces a release of a film.
type ReleaseInput struct {
	Country     string                `json:"country" doc:"ISO 3166-1 alpha-2; empty for worldwide."`
	Type        catalog.ReleaseType   `json:"type" required:"true"`
	Date        string                `json:"date" doc:"Partial date: YYYY, YYYY-MM, YYYY-MM-DD or TBA (the default)."`
	Status      catalog.ReleaseStatus `json:"status" doc:"Defaults to announced."`
	Distributor Ref                   `json:"distributor" doc:"Organization slug or ID."`
	Festival    *FestivalYearInput    `json:"festival" doc:"For premieres and festival screenings."`
	Note        string                `json:"note"`
	SourceID    int64                 `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

// MoneyInput is a price in minor units.
type MoneyInput struct {
	Amount   int64  `json:"amount" required:"true"`
	Currency string `json:"currency" required:"true"`
}

// EditionInput creates or replaces an edition of a release.
type EditionInput struct {
	Name              string              `json:"name"`
	Label             Ref                 `json:"label" doc:"Disc label (organization slug or ID); empty when it is the distributor."`
	Formats           []catalog.Format    `json:"formats" required:"true"`
	Regions           []string            `json:"regions"`
	Barcode           string              `json:"barcode"`
	CatalogNumber     string              `json:"catalog_number"`
	Packaging         []catalog.Packaging `json:"packaging"`
	DiscCount         int                 `json:"disc_count"`
	Price             *MoneyInput         `json:"price"`
	LimitedTo         int                 `json:"limited_to"`
	RetailerExclusive string              `json:"retailer_exclusive"`
	SourceID          int64               `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

// ParticipantInput is a person taking part in an extra.
type ParticipantInput struct {
	Person Ref    `json:"person" required:"true"`
	Role   string `json:"role" doc:"writer-director, film critic, …"`
}

// ExtraInput creates or replaces an extra of an edition.
type ExtraInput struct {
	Position         int                  `json:"position" doc:"Order on the edition, 1-based; 0 appends."`
	Kind             catalog.ExtraKind    `json:"kind" required:"true"`
	Title            string               `json:"title"`
	RuntimeSeconds   int                  `json:"runtime_seconds"`
	Description      string               `json:"description"`
	Vintage          catalog.ExtraVintage `json:"vintage"`
	ExclusiveFormats []catalog.Format     `json:"exclusive_formats"`
	Participants     []ParticipantInput   `json:"participants"`
	SourceID         int64                `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

// SelectionInput creates or replaces a film's selection at a festival.
type SelectionInput struct {
	Festival Ref                   `json:"festival" required:"true" doc:"Festival slug or ID."`
	Year     int                   `json:"year" required:"true"`
	Section  string                `json:"section"`
	Premiere catalog.PremiereScope `json:"premiere"`
	Note     string                `json:"note"`
	SourceID int64                 `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

// NominationInput creates or replaces a nomination of a film.
type NominationInput struct {
	AwardBody    Ref                      `json:"award_body" required:"true" doc:"Award body slug or ID."`
	Category     string                   `json:"category" required:"true" doc:"Category name (any case) or ID."`
	Year         int                      `json:"year" required:"true" doc:"Year of the ceremony or festival."`
	Ceremony     string                   `json:"ceremony"`
	FestivalYear int                      `json:"festival_year" doc:"For a festival jury's award: the festival edition; defaults to year when that edition exists."`
	Person       Ref                      `json:"person" doc:"The person nominated (slug or ID), for person awards."`
	Result       catalog.NominationResult `json:"result" doc:"Defaults to nominated."`
	Note         string                   `json:"note"`
	SourceID     int64                    `json:"source_id" doc:"The source that states this; defaults to the API token's own source."`
}

// SourceInput creates a source. One whose text is already known is not
// stored twice.
type SourceInput struct {
	Kind        catalog.SourceKind `json:"kind" required:"true"`
	URL         string             `json:"url"`
	Outlet      string             `json:"outlet"`
	Title       string             `json:"title"`
	PublishedOn string             `json:"published_on" doc:"Partial date."`
	Text        string             `json:"text"`
}

// dateField parses a partial date from a body field.
func dateField(field, s string) (catalog.PartialDate, error) {
	d, err := catalog.ParsePartialDate(s)
	if err != nil {
		return d, catalog.WithField(field, err)
	}
	return d, nil
}

// ---------------------------------------------------------------------------
// Resolving references

func (h *handler) personRef(ctx context.Context, field string, ref Ref) (int64, error) {
	if ref == "" {
		return 0, catalog.Invalid(field, "is required")
	}
	p, err := h.svc.Person(ctx, string(ref))
	if err != nil {
		return 0, badRef(err, field, "person", string(ref))
	}
	return p.ID, nil
}

func (h *handler) orgRef(ctx context.Context, field string, ref Ref) (int64, error) {
	if ref == "" {
		return 0, nil
	}
	o, err := h.svc.Organization(ctx, string(ref))
	if err != nil {
		return 0, badRef(err, field, "organization", string(ref))
	}
	return o.ID, nil
}

func (h *handler) festivalRef(ctx context.Context, field string, ref Ref) (catalog.Festival, error) {
	if ref == "" {
		return catalog.Festival{}, catalog.Invalid(field, "is required")
	}
	f, err := h.svc.Festival(ctx, string(ref))
	if err != nil {
		return f, badRef(err, field, "festival", string(ref))
	}
	return f, nil
}

// festivalEditionRef resolves a festival and a year to the edition's ID.
func (h *handler) festivalEditionRef(ctx context.Context, field string, ref Ref, year int) (int64, error) {
	f, err := h.festivalRef(ctx, field, ref)
	if err != nil {
		return 0, err
	}
	d, err := h.svc.FestivalEditionDetail(ctx, itoa(f.ID), year)
	if catalog.IsKind(err, catalog.KindNotFound) {
		return 0, catalog.Invalid(field, "festival %q has no %d edition", ref, year)
	}
	if err != nil {
		return 0, err
	}
	return d.Edition.ID, nil
}
