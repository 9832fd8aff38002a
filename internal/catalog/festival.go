package catalog

import (
	"strings"
	"time"
)

// Festival is a recurring film festival ("Cannes Film Festival").
type Festival struct {
	ID        int64
	Slug      string // "cannes"
	Name      string
	Country   string // ISO 3166-1 alpha-2, or ""
	City      string
	Website   string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Normalize trims text and upper-cases the country.
func (f *Festival) Normalize() {
	f.Name = strings.TrimSpace(f.Name)
	f.Slug = strings.TrimSpace(f.Slug)
	f.Country = strings.ToUpper(strings.TrimSpace(f.Country))
	f.City = strings.TrimSpace(f.City)
	f.Website = strings.TrimSpace(f.Website)
}

// Validate checks every rule of a festival.
func (f *Festival) Validate() error {
	if err := requiredText("name", f.Name, 300); err != nil {
		return err
	}
	if f.Slug != "" && !ValidSlug(f.Slug) {
		return Invalid("slug", "%q is not a slug", f.Slug)
	}
	if f.Country != "" && !ValidCountry(f.Country) {
		return Invalid("country", "%q is not an ISO 3166-1 alpha-2 country code", f.Country)
	}
	if err := validText("city", f.City, 200); err != nil {
		return err
	}
	return validateHTTPURL("website", f.Website, false)
}

// FestivalEdition is one year's festival ("Cannes 2021").
type FestivalEdition struct {
	ID         int64
	FestivalID int64
	Year       int
	StartsOn   PartialDate
	EndsOn     PartialDate
	Place      string // venue or city when it differs from the festival's

	// Read-only, filled by the store on reads.
	FestivalName string
	FestivalSlug string
}

// Slug is the edition's stable key: the festival's slug and the year.
func (e *FestivalEdition) Slug() string { return e.FestivalSlug + "-" + itoa(e.Year) }

// Normalize trims text.
func (e *FestivalEdition) Normalize() { e.Place = strings.TrimSpace(e.Place) }

// Validate checks every rule of a festival edition.
func (e *FestivalEdition) Validate() error {
	if e.FestivalID <= 0 {
		return Invalid("festival_id", "is required")
	}
	if e.Year < MinYear || e.Year > MaxYear {
		return Invalid("year", "%d is outside %d..%d", e.Year, MinYear, MaxYear)
	}
	if !e.StartsOn.IsTBA() && e.StartsOn.Year() != e.Year {
		return Invalid("starts_on", "%s is not in %d", e.StartsOn, e.Year)
	}
	if !e.StartsOn.IsTBA() && !e.EndsOn.IsTBA() && e.EndsOn.Compare(e.StartsOn) < 0 {
		return Invalid("ends_on", "%s is before the start %s", e.EndsOn, e.StartsOn)
	}
	return validText("place", e.Place, 200)
}

// Selection is a film's place in a festival edition's programme.
type Selection struct {
	ID                int64
	FilmID            int64
	FestivalEditionID int64
	Section           string // "Competition", "Un Certain Regard", "Directors' Fortnight"
	Premiere          PremiereScope
	Note              string

	// Read-only, filled by the store on reads.
	FilmTitle    string
	FilmSlug     string
	FilmYear     int
	FestivalName string
	FestivalSlug string
	Year         int
}

// Normalize trims text.
func (s *Selection) Normalize() {
	s.Section = strings.TrimSpace(s.Section)
	s.Note = strings.TrimSpace(s.Note)
}

// Validate checks every rule of a selection.
func (s *Selection) Validate() error {
	if s.FilmID <= 0 {
		return Invalid("film_id", "is required")
	}
	if s.FestivalEditionID <= 0 {
		return Invalid("festival_edition_id", "is required")
	}
	if err := validText("section", s.Section, 200); err != nil {
		return err
	}
	if err := validEnum("premiere", s.Premiere, PremiereScopes); err != nil {
		return err
	}
	return validText("note", s.Note, 1000)
}

// AwardBody gives awards: an academy, a critics' association, or a
// festival's jury (then FestivalID links the festival).
type AwardBody struct {
	ID         int64
	Slug       string // "academy-awards", "cannes"
	Name       string
	FestivalID int64 // 0 unless the body is a festival's jury
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Normalize trims text.
func (b *AwardBody) Normalize() {
	b.Name = strings.TrimSpace(b.Name)
	b.Slug = strings.TrimSpace(b.Slug)
}

// Validate checks every rule of an award body.
func (b *AwardBody) Validate() error {
	if err := requiredText("name", b.Name, 300); err != nil {
		return err
	}
	if b.Slug != "" && !ValidSlug(b.Slug) {
		return Invalid("slug", "%q is not a slug", b.Slug)
	}
	return nil
}

// AwardCategory is one award of a body ("Palme d'Or", "Best Actor").
type AwardCategory struct {
	ID          int64
	AwardBodyID int64
	Name        string
	PersonAward bool // given to a person (Best Actor) rather than a film

	// Read-only, filled by the store on reads.
	AwardBodyName string
	AwardBodySlug string
}

// Normalize trims text.
func (c *AwardCategory) Normalize() { c.Name = strings.TrimSpace(c.Name) }

// Validate checks every rule of an award category.
func (c *AwardCategory) Validate() error {
	if c.AwardBodyID <= 0 {
		return Invalid("award_body_id", "is required")
	}
	return requiredText("name", c.Name, 300)
}

// Nomination is a film's (and optionally a person's) nomination in an
// award category at one ceremony or festival edition, with its result.
type Nomination struct {
	ID                int64
	CategoryID        int64
	FilmID            int64
	PersonID          int64 // 0 for awards to the film
	Year              int   // year of the ceremony or festival
	Ceremony          string
	FestivalEditionID int64 // for festival awards, 0 otherwise
	Result            NominationResult
	Note              string
	CreatedAt         time.Time
	UpdatedAt         time.Time

	// Read-only, filled by the store on reads.
	CategoryName  string
	AwardBodyName string
	AwardBodySlug string
	FilmTitle     string
	FilmSlug      string
	FilmYear      int
	PersonName    string
	PersonSlug    string
}

// Normalize trims text and sets the default result.
func (n *Nomination) Normalize() {
	n.Ceremony = strings.TrimSpace(n.Ceremony)
	n.Note = strings.TrimSpace(n.Note)
	if n.Result == "" {
		n.Result = ResultNominated
	}
}

// Validate checks every rule of a nomination.
func (n *Nomination) Validate() error {
	if n.CategoryID <= 0 {
		return Invalid("category_id", "is required")
	}
	if n.FilmID <= 0 {
		return Invalid("film_id", "is required")
	}
	if n.Year < MinYear || n.Year > MaxYear {
		return Invalid("year", "%d is outside %d..%d", n.Year, MinYear, MaxYear)
	}
	if err := validEnum("result", n.Result, NominationResults); err != nil {
		return err
	}
	if err := validText("ceremony", n.Ceremony, 200); err != nil {
		return err
	}
	return validText("note", n.Note, 1000)
}
