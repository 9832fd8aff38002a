package catalog

import (
	"strings"
	"time"
)

// Source is where facts come from: a news article, a dataset, a manual
// edit, an API client.
type Source struct {
	ID          int64
	Kind        SourceKind
	URL         string
	Outlet      string // "Variety", "Lionsgate press release"
	Title       string
	PublishedOn PartialDate
	RetrievedAt time.Time
	ContentHash string // hex SHA-256 of the text; identical articles share it
	Text        string // article text, when kept
	CreatedAt   time.Time
}

// Normalize trims text.
func (s *Source) Normalize() {
	s.URL = strings.TrimSpace(s.URL)
	s.Outlet = strings.TrimSpace(s.Outlet)
	s.Title = strings.TrimSpace(s.Title)
	s.ContentHash = strings.ToLower(strings.TrimSpace(s.ContentHash))
}

// Validate checks every rule of a source.
func (s *Source) Validate() error {
	if err := validEnum("kind", s.Kind, SourceKinds); err != nil {
		return err
	}
	if err := validateHTTPURL("url", s.URL, false); err != nil {
		return err
	}
	if s.Kind == SourceArticle && s.URL == "" && s.Text == "" && s.Title == "" {
		return Invalid("url", "an article source needs a URL, a title or its text")
	}
	for field, v := range map[string]string{"outlet": s.Outlet, "title": s.Title, "content_hash": s.ContentHash} {
		if err := validText(field, v, 1000); err != nil {
			return err
		}
	}
	return validText("text", s.Text, MaxSourceTextBytes)
}

// MaxSourceTextBytes bounds the text kept with a source.
const MaxSourceTextBytes = 10 << 20

// EntityType names the kinds of records a claim can be about.
type EntityType string

const (
	EntityFilm            EntityType = "film"
	EntityPerson          EntityType = "person"
	EntityCredit          EntityType = "credit"
	EntityOrganization    EntityType = "organization"
	EntityRelease         EntityType = "release"
	EntityEdition         EntityType = "edition"
	EntityExtra           EntityType = "extra"
	EntityParticipant     EntityType = "participant"
	EntityFestival        EntityType = "festival"
	EntityFestivalEdition EntityType = "festival_edition"
	EntitySelection       EntityType = "selection"
	EntityAwardBody       EntityType = "award_body"
	EntityAwardCategory   EntityType = "award_category"
	EntityNomination      EntityType = "nomination"
)

// EntityTypes lists every EntityType.
var EntityTypes = []EntityType{EntityFilm, EntityPerson, EntityCredit, EntityOrganization, EntityRelease, EntityEdition, EntityExtra, EntityParticipant, EntityFestival, EntityFestivalEdition, EntitySelection, EntityAwardBody, EntityAwardCategory, EntityNomination}

// EntityRef points at one catalog record.
type EntityRef struct {
	Type EntityType
	ID   int64
}

// Span is a range of character (rune) offsets in a source's text:
// [Start, End).
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Claim records that a source states a fact: that a record exists (Field
// empty) or that one of its fields has a value. Claims from sources that
// disagree are all kept; the record itself holds the preferred value, and
// the claim that supplied it is marked Preferred.
type Claim struct {
	ID         int64
	SourceID   int64
	Subject    EntityRef
	FilmID     int64  // the film the fact belongs to, 0 for people and organizations
	Field      string // "" = the record as a whole; else e.g. "date", "synopsis"
	Value      string // the claimed value of Field in its text form
	Span       *Span  // evidence in the source's text, nil if none
	Confidence float64
	Preferred  bool
	CreatedAt  time.Time
}

// Validate checks every rule of a claim.
func (c *Claim) Validate() error {
	if c.SourceID <= 0 {
		return Invalid("source_id", "is required")
	}
	if err := validEnum("subject.type", c.Subject.Type, EntityTypes); err != nil {
		return err
	}
	if c.Subject.ID <= 0 {
		return Invalid("subject.id", "is required")
	}
	if c.Confidence < 0 || c.Confidence > 1 {
		return Invalid("confidence", "%v is outside 0..1", c.Confidence)
	}
	if c.Span != nil && (c.Span.Start < 0 || c.Span.End < c.Span.Start) {
		return Invalid("span", "[%d, %d) is not a span", c.Span.Start, c.Span.End)
	}
	if err := validText("field", c.Field, 100); err != nil {
		return err
	}
	return validText("value", c.Value, 20000)
}

// APIToken is a bearer token for the write API. Only a hash of the secret
// is kept; the secret is shown once when the token is created.
type APIToken struct {
	ID         int64
	Name       string
	Hash       string // hex SHA-256 of the secret
	Prefix     string // first characters of the secret, to recognize it in lists
	Scope      string // ScopeRead, ScopeWrite or ScopeAdmin
	UserID     int64  // owner; 0 for the server's own tokens (marquee token create)
	CreatedAt  time.Time
	LastUsedAt time.Time // zero if never
	RevokedAt  time.Time // zero if active
}

// Active reports whether the token may still be used.
func (t *APIToken) Active() bool { return t.RevokedAt.IsZero() }
