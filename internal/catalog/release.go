package catalog

import (
	"strings"
	"time"
)

// Release is one release event of a film: a premiere, a festival
// screening, a limited or wide theatrical run, a digital, streaming,
// physical (disc) or TV release, in one country or worldwide.
type Release struct {
	ID                int64
	FilmID            int64
	Country           string // ISO 3166-1 alpha-2, or "" for worldwide/unknown
	Type              ReleaseType
	Date              PartialDate
	Status            ReleaseStatus
	DistributorID     int64 // 0 = none known
	FestivalEditionID int64 // for premieres and festival screenings, 0 = none
	Note              string
	CreatedAt         time.Time
	UpdatedAt         time.Time

	// Read-only, filled by the store on reads.
	FilmTitle       string
	FilmSlug        string
	FilmYear        int
	DistributorName string
	DistributorSlug string
	Formats         []Format // union of the formats of the release's editions
}

// Normalize trims text, upper-cases the country and sets the default status.
func (r *Release) Normalize() {
	r.Country = strings.ToUpper(strings.TrimSpace(r.Country))
	r.Note = strings.TrimSpace(r.Note)
	if r.Status == "" {
		r.Status = ReleaseAnnounced
	}
}

// Validate checks every rule of a release.
func (r *Release) Validate() error {
	if r.FilmID <= 0 {
		return Invalid("film_id", "is required")
	}
	if r.Country != "" && !ValidCountry(r.Country) {
		return Invalid("country", "%q is not an ISO 3166-1 alpha-2 country code", r.Country)
	}
	if err := validEnum("type", r.Type, ReleaseTypes); err != nil {
		return err
	}
	if err := validEnum("status", r.Status, ReleaseStatuses); err != nil {
		return err
	}
	if r.FestivalEditionID != 0 && r.Type != ReleasePremiere && r.Type != ReleaseFestival {
		return Invalid("festival_edition_id", "only premiere and festival releases link to a festival edition")
	}
	return validText("note", r.Note, 2000)
}

// Money is a price in minor units (cents) of a currency.
type Money struct {
	Amount   int64  `json:"amount"`   // minor units: 2999 = 29.99
	Currency string `json:"currency"` // ISO 4217, e.g. "USD"
}

// IsZero reports whether no price is known.
func (m Money) IsZero() bool { return m == Money{} }

// Edition is a product of a release: one disc set or digital offer with
// its formats, region, packaging and extras.
type Edition struct {
	ID                int64
	ReleaseID         int64
	LabelID           int64  // disc label, 0 = the release's distributor
	Name              string // "Collector's Edition", "The Criterion Collection #1099"
	Formats           []Format
	Regions           []string // "A", "B", "C", "ABC", "1", "2", "0" (region free)
	Barcode           string   // UPC-A or EAN-13
	CatalogNumber     string
	Packaging         []Packaging
	DiscCount         int
	Price             Money
	LimitedTo         int    // limited run size, 0 = not limited
	RetailerExclusive string // "Target", "Best Buy", ""
	CreatedAt         time.Time
	UpdatedAt         time.Time

	// Read-only, filled by the store on reads.
	FilmID    int64
	LabelName string
	LabelSlug string
}

var validRegions = map[string]bool{
	"A": true, "B": true, "C": true, "AB": true, "AC": true, "BC": true, "ABC": true,
	"0": true, "1": true, "2": true, "3": true, "4": true, "5": true, "6": true, "ALL": true,
}

// Normalize trims text and removes duplicates.
func (e *Edition) Normalize() {
	e.Name = strings.TrimSpace(e.Name)
	e.Barcode = strings.TrimSpace(e.Barcode)
	e.CatalogNumber = strings.TrimSpace(e.CatalogNumber)
	e.RetailerExclusive = strings.TrimSpace(e.RetailerExclusive)
	e.Formats = normalizeEnums(e.Formats)
	e.Packaging = normalizeEnums(e.Packaging)
	e.Regions = normalizeList(e.Regions, strings.ToUpper)
	e.Price.Currency = strings.ToUpper(strings.TrimSpace(e.Price.Currency))
}

// Validate checks every rule of an edition.
func (e *Edition) Validate() error {
	if e.ReleaseID <= 0 {
		return Invalid("release_id", "is required")
	}
	if err := validText("name", e.Name, 300); err != nil {
		return err
	}
	if len(e.Formats) == 0 {
		return Invalid("formats", "at least one format is required")
	}
	for i, f := range e.Formats {
		if err := validEnum("formats["+itoa(i)+"]", f, Formats); err != nil {
			return err
		}
	}
	for i, r := range e.Regions {
		if !validRegions[r] {
			return Invalid("regions["+itoa(i)+"]", "%q is not a disc region (A, B, C, 0-6 or ALL)", r)
		}
	}
	if e.Barcode != "" && !ValidBarcode(e.Barcode) {
		return Invalid("barcode", "%q is not a UPC/EAN barcode with a valid check digit", e.Barcode)
	}
	if err := validText("catalog_number", e.CatalogNumber, 100); err != nil {
		return err
	}
	for i, p := range e.Packaging {
		if err := validEnum("packaging["+itoa(i)+"]", p, Packagings); err != nil {
			return err
		}
	}
	if e.DiscCount < 0 || e.DiscCount > 1000 {
		return Invalid("disc_count", "%d is not a disc count", e.DiscCount)
	}
	if !e.Price.IsZero() {
		if e.Price.Amount < 0 {
			return Invalid("price.amount", "must not be negative")
		}
		if !ValidCurrency(e.Price.Currency) {
			return Invalid("price.currency", "%q is not an ISO 4217 currency code", e.Price.Currency)
		}
	}
	if e.LimitedTo < 0 {
		return Invalid("limited_to", "must not be negative")
	}
	return validText("retailer_exclusive", e.RetailerExclusive, 200)
}

// Extra is a bonus feature of an edition.
type Extra struct {
	ID               int64
	EditionID        int64
	Position         int // order on the edition, 1-based; 0 = append
	Kind             ExtraKind
	Title            string
	RuntimeSeconds   int
	Description      string
	Vintage          ExtraVintage // new for this edition, or legacy
	ExclusiveFormats []Format     // only on these formats of the edition; empty = all
	Participants     []Participant

	// Read-only, filled by the store on reads.
	FilmID int64
}

// Participant is a person who takes part in an extra, with the role the
// extra gives them ("writer-director", "film critic").
type Participant struct {
	ID       int64
	PersonID int64
	Role     string

	// Read-only, filled by the store on reads.
	PersonName string
	PersonSlug string
}

// Normalize trims text and removes duplicates.
func (x *Extra) Normalize() {
	x.Title = strings.TrimSpace(x.Title)
	x.Description = strings.TrimSpace(x.Description)
	x.ExclusiveFormats = normalizeEnums(x.ExclusiveFormats)
	for i := range x.Participants {
		x.Participants[i].Role = strings.TrimSpace(x.Participants[i].Role)
	}
}

// Validate checks every rule of an extra and its participants.
func (x *Extra) Validate() error {
	if x.EditionID <= 0 {
		return Invalid("edition_id", "is required")
	}
	if err := validEnum("kind", x.Kind, ExtraKinds); err != nil {
		return err
	}
	if err := validText("title", x.Title, 500); err != nil {
		return err
	}
	if err := validText("description", x.Description, 5000); err != nil {
		return err
	}
	if x.RuntimeSeconds < 0 || x.RuntimeSeconds > 100*3600 {
		return Invalid("runtime_seconds", "%d is not a runtime", x.RuntimeSeconds)
	}
	if err := validEnum("vintage", x.Vintage, ExtraVintages); err != nil {
		return err
	}
	for i, f := range x.ExclusiveFormats {
		if err := validEnum("exclusive_formats["+itoa(i)+"]", f, Formats); err != nil {
			return err
		}
	}
	seen := map[int64]bool{}
	for i, p := range x.Participants {
		field := "participants[" + itoa(i) + "]"
		if p.PersonID <= 0 {
			return Invalid(field+".person_id", "is required")
		}
		if seen[p.PersonID] {
			return Invalid(field+".person_id", "person %d is listed twice", p.PersonID)
		}
		seen[p.PersonID] = true
		if err := validText(field+".role", p.Role, 200); err != nil {
			return err
		}
	}
	return nil
}
