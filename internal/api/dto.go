package api

import (
	"slices"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// This file holds the response DTOs: the JSON the API writes, decoupled
// from the catalog and app structs, and the functions that build them.
// The OpenAPI schemas are derived from these types (openapi.go), so a
// `doc` tag is the field's description there.
//
// Conventions: unknown numbers, codes, enum values, URLs and references
// are null; absent free text is ""; lists are never null. A field tagged
// omitempty is optional in the schema; every other field is required.

// PartialDate is a date known to a year, a month or a day, or "TBA".
type PartialDate string

// DatePrecision says how much of a PartialDate is known.
type DatePrecision string

// datePrecisions lists every DatePrecision.
var datePrecisions = []DatePrecision{"day", "month", "year", "tba"}

// ErrorBody is every error response.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorCode is the stable code of an error: a catalog error kind or a
// transport failure.
type ErrorCode string

// ErrorDetail says what went wrong.
type ErrorDetail struct {
	Code    ErrorCode `json:"code" doc:"Stable machine-readable code."`
	Message string    `json:"message" doc:"Human-readable explanation."`
	Field   string    `json:"field,omitempty" doc:"The input field or query parameter at fault, when there is one."`
}

// ---------------------------------------------------------------------------
// References to other records

// FilmRef names a film inside another record.
type FilmRef struct {
	ID    int64  `json:"id"`
	Slug  string `json:"slug"`
	Title string `json:"title"`
	Year  *int   `json:"year"`
}

// PersonRef names a person inside another record.
type PersonRef struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// OrganizationRef names an organization inside another record.
type OrganizationRef struct {
	ID   int64  `json:"id"`
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// FestivalRef names a festival inside another record.
type FestivalRef struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// FestivalEditionRef names one year of a festival.
type FestivalEditionRef struct {
	ID       int64       `json:"id"`
	Festival FestivalRef `json:"festival"`
	Year     int         `json:"year"`
}

// AwardBodyRef names an award body inside another record.
type AwardBodyRef struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// AwardCategoryRef names an award category inside another record.
type AwardCategoryRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// ---------------------------------------------------------------------------
// Provenance

// Citation is one claim that a source states a fact about the record it
// is attached to.
type Citation struct {
	SourceID   int64   `json:"source_id" doc:"The source; see the response's top-level sources or /sources/{id}."`
	Field      *string `json:"field" doc:"The field the claim is about; null when it is about the record as a whole."`
	Value      *string `json:"value" doc:"The claimed value of field in text form; null for a whole-record claim."`
	Span       *Span   `json:"span" doc:"Where the source's text states it, in characters (runes)."`
	Confidence float64 `json:"confidence"`
	Preferred  bool    `json:"preferred" doc:"Whether the record holds the value this claim states."`
}

// Span is a range [start, end) of character offsets in a source's text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// SourceSummary is a source as listed.
type SourceSummary struct {
	ID          int64              `json:"id"`
	Kind        catalog.SourceKind `json:"kind"`
	URL         *string            `json:"url"`
	Outlet      string             `json:"outlet"`
	Title       string             `json:"title"`
	PublishedOn *PartialDate       `json:"published_on"`
}

// Source is a source with its text.
type Source struct {
	SourceSummary
	ContentHash string    `json:"content_hash"`
	RetrievedAt time.Time `json:"retrieved_at"`
	CreatedAt   time.Time `json:"created_at"`
	Text        string    `json:"text"`
}

// SourceList is a page of sources.
type SourceList struct {
	Items      []SourceSummary `json:"items"`
	NextCursor *string         `json:"next_cursor"`
}

func citations(claims []catalog.Claim) *[]Citation {
	out := make([]Citation, 0, len(claims))
	for _, c := range claims {
		ci := Citation{SourceID: c.SourceID, Confidence: c.Confidence, Preferred: c.Preferred}
		if c.Field != "" {
			ci.Field, ci.Value = ptr(c.Field), ptr(c.Value)
		}
		if c.Span != nil {
			ci.Span = &Span{Start: c.Span.Start, End: c.Span.End}
		}
		out = append(out, ci)
	}
	return &out
}

func sourceSummaryDTO(s catalog.Source) SourceSummary {
	return SourceSummary{
		ID: s.ID, Kind: s.Kind, URL: optString(s.URL), Outlet: s.Outlet, Title: s.Title,
		PublishedOn: optDate(s.PublishedOn),
	}
}

func sourceDTO(s catalog.Source) Source {
	return Source{
		SourceSummary: sourceSummaryDTO(s), ContentHash: s.ContentHash,
		RetrievedAt: s.RetrievedAt, CreatedAt: s.CreatedAt, Text: s.Text,
	}
}

// ---------------------------------------------------------------------------
// Films

// ExternalIDs links a record to other databases.
type ExternalIDs struct {
	IMDb     *string `json:"imdb"`
	TMDb     *int64  `json:"tmdb"`
	Wikidata *string `json:"wikidata"`
}

// Trailer is a link to a trailer, teaser or clip.
type Trailer struct {
	URL      string `json:"url"`
	Kind     string `json:"kind"`
	Language string `json:"language"`
}

// FilmSummary is a film as listed.
type FilmSummary struct {
	ID             int64              `json:"id"`
	Slug           string             `json:"slug"`
	Title          string             `json:"title"`
	OriginalTitle  string             `json:"original_title"`
	Year           *int               `json:"year"`
	RuntimeMinutes *int               `json:"runtime_minutes"`
	Status         catalog.FilmStatus `json:"status"`
	Genres         []string           `json:"genres"`
}

// Film is a film record.
type Film struct {
	FilmSummary
	Synopsis    string      `json:"synopsis"`
	Tagline     string      `json:"tagline"`
	ExternalIDs ExternalIDs `json:"external_ids"`
	Trailers    []Trailer   `json:"trailers"`
	CreatedAt   time.Time   `json:"created_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
	Sources     *[]Citation `json:"sources,omitempty" doc:"Claims about the film record."`
}

// FilmDetail is a film in full: the record, everything that belongs to
// it, and the sources its facts come from.
type FilmDetail struct {
	Film        Film            `json:"film"`
	Credits     []Credit        `json:"credits"`
	Releases    []Release       `json:"releases"`
	Selections  []Selection     `json:"selections"`
	Nominations []Nomination    `json:"nominations"`
	Sources     []SourceSummary `json:"sources" doc:"Every source cited by the claims in this response."`
}

// FilmList is a page of films.
type FilmList struct {
	Items      []FilmSummary `json:"items"`
	NextCursor *string       `json:"next_cursor" doc:"Pass as ?cursor= for the next page; null on the last page."`
}

func filmRefDTO(id int64, slug, title string, year int) FilmRef {
	return FilmRef{ID: id, Slug: slug, Title: title, Year: optInt(year)}
}

func filmSummaryDTO(f catalog.Film) FilmSummary {
	return FilmSummary{
		ID: f.ID, Slug: f.Slug, Title: f.Title, OriginalTitle: f.OriginalTitle,
		Year: optInt(f.Year), RuntimeMinutes: optInt(f.RuntimeMinutes), Status: f.Status,
		Genres: nonNil(f.Genres),
	}
}

func externalIDsDTO(x catalog.ExternalIDs) ExternalIDs {
	out := ExternalIDs{IMDb: optString(x.IMDb), Wikidata: optString(x.Wikidata)}
	if x.TMDb != 0 {
		out.TMDb = ptr(x.TMDb)
	}
	return out
}

func filmDTO(f catalog.Film) Film {
	out := Film{
		FilmSummary: filmSummaryDTO(f), Synopsis: f.Synopsis, Tagline: f.Tagline,
		ExternalIDs: externalIDsDTO(f.ExternalIDs), Trailers: []Trailer{},
		CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt,
	}
	for _, t := range f.Trailers {
		out.Trailers = append(out.Trailers, Trailer{URL: t.URL, Kind: t.Kind, Language: t.Language})
	}
	return out
}

// filmDetailDTO builds the film in full, each fact with its claims.
func filmDetailDTO(d *app.FilmDetail) FilmDetail {
	out := FilmDetail{
		Film:        filmDTO(d.Film),
		Credits:     []Credit{},
		Releases:    []Release{},
		Selections:  []Selection{},
		Nominations: []Nomination{},
		Sources:     []SourceSummary{},
	}
	out.Film.Sources = citations(d.ClaimsAbout(catalog.EntityFilm, d.Film.ID))
	for _, c := range d.Credits {
		out.Credits = append(out.Credits, creditIn(d, c))
	}
	for _, r := range d.Releases {
		out.Releases = append(out.Releases, releaseIn(d, r))
	}
	for _, s := range d.Selections {
		out.Selections = append(out.Selections, selectionIn(d, s))
	}
	for _, n := range d.Nominations {
		out.Nominations = append(out.Nominations, nominationIn(d, n))
	}
	for _, s := range d.Sources {
		out.Sources = append(out.Sources, sourceSummaryDTO(s))
	}
	return out
}

// ---------------------------------------------------------------------------
// Credits

// Credit ties a person to a film with a job.
type Credit struct {
	ID         int64              `json:"id"`
	FilmID     int64              `json:"film_id"`
	Person     PersonRef          `json:"person"`
	Department catalog.Department `json:"department"`
	Job        string             `json:"job"`
	Character  string             `json:"character"`
	Billing    *int               `json:"billing" doc:"1 is top billed; null when unordered."`
	Note       string             `json:"note"`
	Sources    *[]Citation        `json:"sources,omitempty"`
}

func creditDTO(c catalog.Credit) Credit {
	return Credit{
		ID: c.ID, FilmID: c.FilmID, Person: PersonRef{ID: c.PersonID, Slug: c.PersonSlug, Name: c.PersonName},
		Department: c.Department, Job: c.Job, Character: c.Character, Billing: optInt(c.Billing), Note: c.Note,
	}
}

func creditIn(d *app.FilmDetail, c catalog.Credit) Credit {
	out := creditDTO(c)
	out.Sources = citations(d.ClaimsAbout(catalog.EntityCredit, c.ID))
	return out
}

// ---------------------------------------------------------------------------
// Releases, editions, extras

// Money is a price in minor units of a currency.
type Money struct {
	Amount   int64  `json:"amount" doc:"Minor units: 2999 is 29.99."`
	Currency string `json:"currency" doc:"ISO 4217 code."`
}

// ReleaseSummary is a release as the calendar lists it, with its film.
type ReleaseSummary struct {
	ID            int64                 `json:"id"`
	Film          FilmRef               `json:"film"`
	Country       *string               `json:"country" doc:"ISO 3166-1 alpha-2; null for worldwide or unknown."`
	Type          catalog.ReleaseType   `json:"type"`
	Date          PartialDate           `json:"date"`
	DatePrecision DatePrecision         `json:"date_precision"`
	DayKnown      bool                  `json:"day_known" doc:"False for month-only, year-only and TBA dates, which never get an invented day."`
	Status        catalog.ReleaseStatus `json:"status"`
	Distributor   *OrganizationRef      `json:"distributor"`
	Formats       []catalog.Format      `json:"formats" doc:"Formats of the release's editions."`
	Note          string                `json:"note"`
}

// ReleaseList is a page of the release calendar.
type ReleaseList struct {
	Items      []ReleaseSummary `json:"items"`
	NextCursor *string          `json:"next_cursor"`
}

// Release is a release of a film with its editions.
type Release struct {
	ID              int64                 `json:"id"`
	FilmID          int64                 `json:"film_id"`
	Country         *string               `json:"country" doc:"ISO 3166-1 alpha-2; null for worldwide or unknown."`
	Type            catalog.ReleaseType   `json:"type"`
	Date            PartialDate           `json:"date"`
	DatePrecision   DatePrecision         `json:"date_precision"`
	DayKnown        bool                  `json:"day_known"`
	Status          catalog.ReleaseStatus `json:"status"`
	Distributor     *OrganizationRef      `json:"distributor"`
	FestivalEdition *FestivalEditionRef   `json:"festival_edition" doc:"For premieres and festival screenings."`
	Note            string                `json:"note"`
	Editions        []Edition             `json:"editions"`
	Sources         *[]Citation           `json:"sources,omitempty"`
}

// EditionSummary is an edition without its extras.
type EditionSummary struct {
	ID                int64               `json:"id"`
	ReleaseID         int64               `json:"release_id"`
	FilmID            int64               `json:"film_id"`
	Name              string              `json:"name"`
	Label             *OrganizationRef    `json:"label" doc:"The disc label; null when it is the release's distributor."`
	Formats           []catalog.Format    `json:"formats"`
	Regions           []string            `json:"regions"`
	Barcode           *string             `json:"barcode"`
	CatalogNumber     *string             `json:"catalog_number"`
	Packaging         []catalog.Packaging `json:"packaging"`
	DiscCount         *int                `json:"disc_count"`
	Price             *Money              `json:"price"`
	LimitedTo         *int                `json:"limited_to" doc:"Size of a limited run; null when not limited."`
	RetailerExclusive string              `json:"retailer_exclusive"`
}

// Edition is a product of a release with its extras.
type Edition struct {
	EditionSummary
	Extras  []Extra     `json:"extras"`
	Sources *[]Citation `json:"sources,omitempty"`
}

// Extra is a bonus feature of an edition.
type Extra struct {
	ID               int64                 `json:"id"`
	EditionID        int64                 `json:"edition_id"`
	Position         int                   `json:"position"`
	Kind             catalog.ExtraKind     `json:"kind"`
	Title            string                `json:"title"`
	RuntimeSeconds   *int                  `json:"runtime_seconds"`
	Description      string                `json:"description"`
	Vintage          *catalog.ExtraVintage `json:"vintage" doc:"new for this edition or legacy; null when unknown."`
	ExclusiveFormats []catalog.Format      `json:"exclusive_formats" doc:"Only on these formats of the edition; empty for all."`
	Participants     []Participant         `json:"participants"`
	Sources          *[]Citation           `json:"sources,omitempty"`
}

// Participant is a person taking part in an extra, with their role.
type Participant struct {
	ID      int64       `json:"id"`
	Person  PersonRef   `json:"person"`
	Role    string      `json:"role"`
	Sources *[]Citation `json:"sources,omitempty"`
}

func dateFields(d catalog.PartialDate) (PartialDate, DatePrecision, bool) {
	return PartialDate(d.String()), DatePrecision(d.Precision().String()), d.Precision() == catalog.PrecisionDay
}

func orgRef(id int64, slug, name string) *OrganizationRef {
	if id == 0 {
		return nil
	}
	return &OrganizationRef{ID: id, Slug: slug, Name: name}
}

func releaseSummaryDTO(r catalog.Release) ReleaseSummary {
	out := ReleaseSummary{
		ID: r.ID, Film: filmRefDTO(r.FilmID, r.FilmSlug, r.FilmTitle, r.FilmYear),
		Country: optString(r.Country), Type: r.Type, Status: r.Status,
		Distributor: orgRef(r.DistributorID, r.DistributorSlug, r.DistributorName),
		Formats:     nonNil(r.Formats), Note: r.Note,
	}
	out.Date, out.DatePrecision, out.DayKnown = dateFields(r.Date)
	return out
}

func releaseDTO(r app.ReleaseDetail) Release {
	out := Release{
		ID: r.ID, FilmID: r.FilmID, Country: optString(r.Country), Type: r.Type, Status: r.Status,
		Distributor: orgRef(r.DistributorID, r.DistributorSlug, r.DistributorName),
		Note:        r.Note, Editions: []Edition{},
	}
	out.Date, out.DatePrecision, out.DayKnown = dateFields(r.Date)
	if fe := r.FestivalEdition; fe != nil {
		out.FestivalEdition = &FestivalEditionRef{ID: fe.ID, Festival: FestivalRef{Slug: fe.FestivalSlug, Name: fe.FestivalName}, Year: fe.Year}
	}
	for _, e := range r.Editions {
		out.Editions = append(out.Editions, editionDTO(e))
	}
	return out
}

func releaseIn(d *app.FilmDetail, r app.ReleaseDetail) Release {
	out := releaseDTO(r)
	out.Sources = citations(d.ClaimsAbout(catalog.EntityRelease, r.ID))
	for i, e := range r.Editions {
		out.Editions[i] = editionIn(d, e)
	}
	return out
}

func editionSummaryDTO(e catalog.Edition) EditionSummary {
	out := EditionSummary{
		ID: e.ID, ReleaseID: e.ReleaseID, FilmID: e.FilmID, Name: e.Name,
		Label:   orgRef(e.LabelID, e.LabelSlug, e.LabelName),
		Formats: nonNil(e.Formats), Regions: nonNil(e.Regions), Barcode: optString(e.Barcode),
		CatalogNumber: optString(e.CatalogNumber), Packaging: nonNil(e.Packaging),
		DiscCount: optInt(e.DiscCount), LimitedTo: optInt(e.LimitedTo), RetailerExclusive: e.RetailerExclusive,
	}
	if !e.Price.IsZero() {
		out.Price = &Money{Amount: e.Price.Amount, Currency: e.Price.Currency}
	}
	return out
}

func editionDTO(e app.EditionDetail) Edition {
	out := Edition{EditionSummary: editionSummaryDTO(e.Edition), Extras: []Extra{}}
	for _, x := range e.Extras {
		out.Extras = append(out.Extras, extraDTO(x))
	}
	return out
}

func editionIn(d *app.FilmDetail, e app.EditionDetail) Edition {
	out := editionDTO(e)
	out.Sources = citations(d.ClaimsAbout(catalog.EntityEdition, e.ID))
	for i, x := range e.Extras {
		out.Extras[i] = extraIn(d, x)
	}
	return out
}

func extraDTO(x catalog.Extra) Extra {
	out := Extra{
		ID: x.ID, EditionID: x.EditionID, Position: x.Position, Kind: x.Kind, Title: x.Title,
		RuntimeSeconds: optInt(x.RuntimeSeconds), Description: x.Description,
		ExclusiveFormats: nonNil(x.ExclusiveFormats), Participants: []Participant{},
	}
	if x.Vintage != catalog.ExtraVintageUnknown {
		out.Vintage = ptr(x.Vintage)
	}
	for _, p := range x.Participants {
		out.Participants = append(out.Participants, Participant{
			ID: p.ID, Person: PersonRef{ID: p.PersonID, Slug: p.PersonSlug, Name: p.PersonName}, Role: p.Role,
		})
	}
	return out
}

func extraIn(d *app.FilmDetail, x catalog.Extra) Extra {
	out := extraDTO(x)
	out.Sources = citations(d.ClaimsAbout(catalog.EntityExtra, x.ID))
	for i := range out.Participants {
		out.Participants[i].Sources = citations(d.ClaimsAbout(catalog.EntityParticipant, out.Participants[i].ID))
	}
	return out
}

// ---------------------------------------------------------------------------
// Festivals and selections

// Festival is a recurring film festival.
type Festival struct {
	ID        int64     `json:"id"`
	Slug      string    `json:"slug"`
	Name      string    `json:"name"`
	Country   *string   `json:"country"`
	City      string    `json:"city"`
	Website   *string   `json:"website"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// FestivalList is a page of festivals.
type FestivalList struct {
	Items      []Festival `json:"items"`
	NextCursor *string    `json:"next_cursor"`
}

// FestivalEdition is one year of a festival.
type FestivalEdition struct {
	ID       int64        `json:"id"`
	Festival FestivalRef  `json:"festival"`
	Year     int          `json:"year"`
	StartsOn *PartialDate `json:"starts_on"`
	EndsOn   *PartialDate `json:"ends_on"`
	Place    string       `json:"place"`
}

// FestivalEditionList lists a festival's editions, newest first.
type FestivalEditionList struct {
	Items []FestivalEdition `json:"items"`
}

// FestivalDetail is a festival with its editions, newest first.
type FestivalDetail struct {
	Festival Festival          `json:"festival"`
	Editions []FestivalEdition `json:"editions"`
}

// FestivalEditionDetail is one year of a festival with its programme and
// its awards, pending ones included.
type FestivalEditionDetail struct {
	Edition     FestivalEdition `json:"edition"`
	Selections  []Selection     `json:"selections"`
	Nominations []Nomination    `json:"nominations"`
}

// Selection is a film's place in a festival edition's programme.
type Selection struct {
	ID              int64                  `json:"id"`
	Film            FilmRef                `json:"film"`
	FestivalEdition FestivalEditionRef     `json:"festival_edition"`
	Section         string                 `json:"section"`
	Premiere        *catalog.PremiereScope `json:"premiere" doc:"world, international or national; null when it was no premiere."`
	Note            string                 `json:"note"`
	Sources         *[]Citation            `json:"sources,omitempty"`
}

func festivalDTO(f catalog.Festival) Festival {
	return Festival{
		ID: f.ID, Slug: f.Slug, Name: f.Name, Country: optString(f.Country), City: f.City,
		Website: optString(f.Website), CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt,
	}
}

func festivalEditionDTO(e catalog.FestivalEdition) FestivalEdition {
	return FestivalEdition{
		ID: e.ID, Festival: FestivalRef{Slug: e.FestivalSlug, Name: e.FestivalName}, Year: e.Year,
		StartsOn: optDate(e.StartsOn), EndsOn: optDate(e.EndsOn), Place: e.Place,
	}
}

func selectionDTO(s catalog.Selection) Selection {
	out := Selection{
		ID: s.ID, Film: filmRefDTO(s.FilmID, s.FilmSlug, s.FilmTitle, s.FilmYear),
		FestivalEdition: FestivalEditionRef{ID: s.FestivalEditionID, Festival: FestivalRef{Slug: s.FestivalSlug, Name: s.FestivalName}, Year: s.Year},
		Section:         s.Section, Note: s.Note,
	}
	if s.Premiere != catalog.PremiereNone {
		out.Premiere = ptr(s.Premiere)
	}
	return out
}

func selectionIn(d *app.FilmDetail, s catalog.Selection) Selection {
	out := selectionDTO(s)
	out.Sources = citations(d.ClaimsAbout(catalog.EntitySelection, s.ID))
	return out
}

// ---------------------------------------------------------------------------
// Awards

// AwardBody gives awards: an academy, a critics' group, a festival jury.
type AwardBody struct {
	ID         int64     `json:"id"`
	Slug       string    `json:"slug"`
	Name       string    `json:"name"`
	FestivalID *int64    `json:"festival_id" doc:"The festival whose jury this is; null for other bodies."`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// AwardBodyList is a page of award bodies.
type AwardBodyList struct {
	Items      []AwardBody `json:"items"`
	NextCursor *string     `json:"next_cursor"`
}

// AwardCategory is one award of a body.
type AwardCategory struct {
	ID          int64  `json:"id"`
	AwardBodyID int64  `json:"award_body_id"`
	Name        string `json:"name"`
	PersonAward bool   `json:"person_award" doc:"Given to a person (Best Actor) rather than a film."`
}

// AwardCategoryList lists a body's categories by name.
type AwardCategoryList struct {
	Items []AwardCategory `json:"items"`
}

// AwardBodyDetail is an award body with its categories and nominations.
type AwardBodyDetail struct {
	AwardBody   AwardBody       `json:"award_body"`
	Categories  []AwardCategory `json:"categories"`
	Nominations []Nomination    `json:"nominations"`
}

// Nomination is a film's (and maybe a person's) nomination in an award
// category, with its result.
type Nomination struct {
	ID                int64                    `json:"id"`
	Film              FilmRef                  `json:"film"`
	Person            *PersonRef               `json:"person" doc:"The person nominated; null for awards to the film."`
	AwardBody         AwardBodyRef             `json:"award_body"`
	Category          AwardCategoryRef         `json:"category"`
	Year              int                      `json:"year"`
	Ceremony          string                   `json:"ceremony"`
	FestivalEditionID *int64                   `json:"festival_edition_id" doc:"The festival edition of a festival jury's award."`
	Result            catalog.NominationResult `json:"result"`
	Note              string                   `json:"note"`
	Sources           *[]Citation              `json:"sources,omitempty"`
}

// NominationList lists nominations, newest first.
type NominationList struct {
	Items []Nomination `json:"items"`
}

func awardBodyDTO(b catalog.AwardBody) AwardBody {
	return AwardBody{
		ID: b.ID, Slug: b.Slug, Name: b.Name, FestivalID: optID(b.FestivalID),
		CreatedAt: b.CreatedAt, UpdatedAt: b.UpdatedAt,
	}
}

func awardCategoryDTO(c catalog.AwardCategory) AwardCategory {
	return AwardCategory{ID: c.ID, AwardBodyID: c.AwardBodyID, Name: c.Name, PersonAward: c.PersonAward}
}

func nominationDTO(n catalog.Nomination) Nomination {
	out := Nomination{
		ID: n.ID, Film: filmRefDTO(n.FilmID, n.FilmSlug, n.FilmTitle, n.FilmYear),
		AwardBody: AwardBodyRef{Slug: n.AwardBodySlug, Name: n.AwardBodyName},
		Category:  AwardCategoryRef{ID: n.CategoryID, Name: n.CategoryName},
		Year:      n.Year, Ceremony: n.Ceremony, FestivalEditionID: optID(n.FestivalEditionID),
		Result: n.Result, Note: n.Note,
	}
	if n.PersonID != 0 {
		out.Person = &PersonRef{ID: n.PersonID, Slug: n.PersonSlug, Name: n.PersonName}
	}
	return out
}

func nominationIn(d *app.FilmDetail, n catalog.Nomination) Nomination {
	out := nominationDTO(n)
	out.Sources = citations(d.ClaimsAbout(catalog.EntityNomination, n.ID))
	return out
}

func nominationsDTO(ns []catalog.Nomination) []Nomination {
	out := make([]Nomination, 0, len(ns))
	for _, n := range ns {
		out = append(out, nominationDTO(n))
	}
	return out
}

// ---------------------------------------------------------------------------
// People

// Person is anyone credited on a film or taking part in an extra.
type Person struct {
	ID          int64       `json:"id"`
	Slug        string      `json:"slug"`
	Name        string      `json:"name"`
	SortName    string      `json:"sort_name"`
	BirthYear   *int        `json:"birth_year"`
	DeathYear   *int        `json:"death_year"`
	ExternalIDs ExternalIDs `json:"external_ids"`
	CreatedAt   time.Time   `json:"created_at"`
	UpdatedAt   time.Time   `json:"updated_at"`
}

// PersonList is a page of people.
type PersonList struct {
	Items      []Person `json:"items"`
	NextCursor *string  `json:"next_cursor"`
}

// PersonDetail is a person with their filmography, the extras they take
// part in and their nominations.
type PersonDetail struct {
	Person      Person                  `json:"person"`
	Filmography []FilmographyDepartment `json:"filmography"`
	Extras      []PersonExtra           `json:"extras"`
	Nominations []Nomination            `json:"nominations"`
}

// FilmographyDepartment is a person's credits in one department.
type FilmographyDepartment struct {
	Department catalog.Department  `json:"department"`
	Credits    []FilmographyCredit `json:"credits"`
}

// FilmographyCredit is one credit in a filmography.
type FilmographyCredit struct {
	CreditID  int64   `json:"credit_id"`
	Film      FilmRef `json:"film"`
	Job       string  `json:"job"`
	Character string  `json:"character"`
	Billing   *int    `json:"billing"`
	Note      string  `json:"note"`
}

// PersonExtra is an extra a person takes part in.
type PersonExtra struct {
	ExtraID   int64             `json:"extra_id"`
	EditionID int64             `json:"edition_id"`
	Film      FilmRef           `json:"film"`
	Kind      catalog.ExtraKind `json:"kind"`
	Title     string            `json:"title"`
	Role      string            `json:"role"`
}

func personDTO(p catalog.Person) Person {
	return Person{
		ID: p.ID, Slug: p.Slug, Name: p.Name, SortName: p.SortName,
		BirthYear: optInt(p.BirthYear), DeathYear: optInt(p.DeathYear),
		ExternalIDs: externalIDsDTO(p.ExternalIDs), CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt,
	}
}

func personDetailDTO(d *app.PersonDetail) PersonDetail {
	out := PersonDetail{
		Person: personDTO(d.Person), Filmography: []FilmographyDepartment{},
		Extras: []PersonExtra{}, Nominations: nominationsDTO(d.Nominations),
	}
	// Departments in the catalog's order, credits in the store's order.
	byDept := map[catalog.Department][]FilmographyCredit{}
	for _, c := range d.Credits {
		byDept[c.Department] = append(byDept[c.Department], FilmographyCredit{
			CreditID: c.ID, Film: filmRefDTO(c.FilmID, c.FilmSlug, c.FilmTitle, c.FilmYear),
			Job: c.Job, Character: c.Character, Billing: optInt(c.Billing), Note: c.Note,
		})
	}
	depts := slices.Clone(catalog.Departments)
	for dept := range byDept {
		if !slices.Contains(depts, dept) {
			depts = append(depts, dept)
		}
	}
	for _, dept := range depts {
		if cs := byDept[dept]; len(cs) > 0 {
			out.Filmography = append(out.Filmography, FilmographyDepartment{Department: dept, Credits: cs})
		}
	}
	for _, x := range d.Extras {
		out.Extras = append(out.Extras, PersonExtra{
			ExtraID: x.ID, EditionID: x.EditionID, Film: filmRefDTO(x.FilmID, x.FilmSlug, x.FilmTitle, x.FilmYear),
			Kind: x.Kind, Title: x.Title, Role: x.Role,
		})
	}
	return out
}

// ---------------------------------------------------------------------------
// Organizations

// Organization is a company or institution: a distributor, a disc label,
// a studio, an outlet.
type Organization struct {
	ID        int64             `json:"id"`
	Slug      string            `json:"slug"`
	Name      string            `json:"name"`
	Kinds     []catalog.OrgKind `json:"kinds"`
	Country   *string           `json:"country"`
	Website   *string           `json:"website"`
	CreatedAt time.Time         `json:"created_at"`
	UpdatedAt time.Time         `json:"updated_at"`
}

// OrganizationList is a page of organizations.
type OrganizationList struct {
	Items      []Organization `json:"items"`
	NextCursor *string        `json:"next_cursor"`
}

// OrganizationDetail is an organization with the releases it distributes
// or publishes editions of, and the editions under its label.
type OrganizationDetail struct {
	Organization Organization     `json:"organization"`
	Releases     []ReleaseSummary `json:"releases"`
	Editions     []EditionSummary `json:"editions"`
}

func organizationDTO(o catalog.Organization) Organization {
	return Organization{
		ID: o.ID, Slug: o.Slug, Name: o.Name, Kinds: nonNil(o.Kinds), Country: optString(o.Country),
		Website: optString(o.Website), CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
	}
}

// ---------------------------------------------------------------------------
// Helpers

func ptr[T any](v T) *T { return &v }

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optInt(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func optID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func optDate(d catalog.PartialDate) *PartialDate {
	if d.IsTBA() {
		return nil
	}
	return ptr(PartialDate(d.String()))
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func mapSlice[T, U any](in []T, f func(T) U) []U {
	out := make([]U, 0, len(in))
	for _, v := range in {
		out = append(out, f(v))
	}
	return out
}
