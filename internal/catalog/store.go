package catalog

import (
	"context"
	"time"
)

// Store is the catalog's persistence. Reads go through the embedded
// Queries directly; writes that must be atomic run inside WithTx.
//
// Implementations map their failures to this package's error kinds: a
// missing record is KindNotFound, a duplicate slug or external ID or a
// record still referenced elsewhere is KindConflict.
type Store interface {
	Queries
	// WithTx runs fn in one write transaction and commits it when fn
	// returns nil; any error, or a panic, rolls it back. The Queries given
	// to fn must not be used after fn returns.
	WithTx(ctx context.Context, fn func(q Queries) error) error
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	Close() error
}

// Queries is every read and write on the catalog. All Create methods set
// the record's ID; callers set CreatedAt/UpdatedAt from their clock.
type Queries interface {
	FilmQueries
	PersonQueries
	CreditQueries
	OrganizationQueries
	ReleaseQueries
	EditionQueries
	ExtraQueries
	FestivalQueries
	AwardQueries
	SourceQueries
	ClaimQueries
	TokenQueries
	AccountQueries
}

// Page asks for at most Limit records after the opaque cursor After
// (empty for the first page). Limit 0 means the store's default (50);
// stores cap it at 1000.
type Page struct {
	After string
	Limit int
}

// DefaultPageLimit and MaxPageLimit bound list queries.
const (
	DefaultPageLimit = 50
	MaxPageLimit     = 1000
)

// Effective returns the limit to use for p.
func (p Page) Effective() int {
	switch {
	case p.Limit <= 0:
		return DefaultPageLimit
	case p.Limit > MaxPageLimit:
		return MaxPageLimit
	}
	return p.Limit
}

// FilmQueries reads and writes films.
type FilmQueries interface {
	CreateFilm(ctx context.Context, f *Film) error
	UpdateFilm(ctx context.Context, f *Film) error
	DeleteFilm(ctx context.Context, id int64) error
	GetFilm(ctx context.Context, id int64) (Film, error)
	GetFilmBySlug(ctx context.Context, slug string) (Film, error)
	// GetFilmByExternalID returns the film that has any of the non-empty
	// IDs in ids.
	GetFilmByExternalID(ctx context.Context, ids ExternalIDs) (Film, error)
	// ListFilms returns films ordered by title (accent- and case-folded),
	// then ID, and the cursor of the next page ("" when there is none).
	ListFilms(ctx context.Context, f FilmFilter) ([]Film, string, error)
	// FilmsByTitle returns the films of a year whose title, or else
	// original title, is title (case- and accent-insensitively), for
	// watchlist imports.
	FilmsByTitle(ctx context.Context, title string, year int) ([]Film, error)
	// FilmsByTitleFolds finds films by folded title (FoldText): for each
	// key of folds that is the title or the original title of one or
	// more films, at most perKey of them, the most relevant first (see
	// TitleMatch), in one query per few hundred keys. Keys without films
	// are absent; empty keys are ignored.
	FilmsByTitleFolds(ctx context.Context, folds []string, perKey int) (map[string][]TitleMatch, error)
}

// TitleMatch is a film found by a folded title (FilmsByTitleFolds).
//
// The most relevant film comes first: films the search index does not
// hold yet (made by hand or from articles since the last dataset import;
// every film when there has been no import), those with more releases,
// then more credits, then the newest first; then the films of the search
// index in its popularity order (IMDb votes).
type TitleMatch struct {
	FilmID int64
	Slug   string
	// Title is the title that has the key as its fold: the film's title,
	// or its original title when only that one matches (Original).
	Title    string
	Original bool
	Year     int
}

// FilmFilter narrows ListFilms. Zero fields do not filter.
type FilmFilter struct {
	Query       string // matched case- and accent-insensitively against titles
	Year        int
	ReleaseType ReleaseType // has a release of this type
	Format      Format      // has an edition in this format
	Country     string      // has a release in this country
	From, To    string      // has a release whose date range meets [From, To] (YYYY-MM-DD)
	LabelID     int64       // has a release distributed or an edition published by this organization
	PersonID    int64       // has a credit for this person
	Page
}

// PersonQueries reads and writes people.
type PersonQueries interface {
	CreatePerson(ctx context.Context, p *Person) error
	UpdatePerson(ctx context.Context, p *Person) error
	DeletePerson(ctx context.Context, id int64) error
	GetPerson(ctx context.Context, id int64) (Person, error)
	GetPersonBySlug(ctx context.Context, slug string) (Person, error)
	GetPersonByExternalID(ctx context.Context, ids ExternalIDs) (Person, error)
	// ListPeople returns people ordered by sort name, then ID.
	ListPeople(ctx context.Context, f PersonFilter) ([]Person, string, error)
	// PeopleCountByNameFolds counts the people whose folded name
	// (FoldText) is each key of folds, counting at most atMost per key
	// (so atMost means "atMost or more"; atMost <= 0 counts them all), in
	// one query per few hundred keys. Keys without people are absent;
	// empty keys are ignored.
	PeopleCountByNameFolds(ctx context.Context, folds []string, atMost int) (map[string]int, error)
}

// PersonFilter narrows ListPeople.
type PersonFilter struct {
	Query string // matched case- and accent-insensitively against names
	Name  string // exact name, case-insensitive
	Page
}

// CreditQueries reads and writes credits.
type CreditQueries interface {
	CreateCredit(ctx context.Context, c *Credit) error
	UpdateCredit(ctx context.Context, c *Credit) error
	DeleteCredit(ctx context.Context, id int64) error
	GetCredit(ctx context.Context, id int64) (Credit, error)
	// ListCredits returns credits ordered by department, billing (0 last),
	// then ID. At least one of FilmID and PersonID must be set.
	ListCredits(ctx context.Context, f CreditFilter) ([]Credit, error)
}

// CreditFilter narrows ListCredits.
type CreditFilter struct {
	FilmID   int64
	PersonID int64
}

// OrganizationQueries reads and writes organizations.
type OrganizationQueries interface {
	CreateOrganization(ctx context.Context, o *Organization) error
	UpdateOrganization(ctx context.Context, o *Organization) error
	DeleteOrganization(ctx context.Context, id int64) error
	GetOrganization(ctx context.Context, id int64) (Organization, error)
	GetOrganizationBySlug(ctx context.Context, slug string) (Organization, error)
	// ListOrganizations returns organizations ordered by name, then ID.
	ListOrganizations(ctx context.Context, f OrganizationFilter) ([]Organization, string, error)
	// FindOrganizationsByName returns the organizations whose name
	// matches name (MatchOrganizationName is not OrgNameNone), closest
	// match first, then by name and ID. It reads only the organizations
	// whose names share a word of name's core, not every organization.
	FindOrganizationsByName(ctx context.Context, name string) ([]Organization, error)
}

// OrganizationFilter narrows ListOrganizations.
type OrganizationFilter struct {
	Query string
	Kind  OrgKind
	Page
}

// ReleaseQueries reads and writes releases.
type ReleaseQueries interface {
	CreateRelease(ctx context.Context, r *Release) error
	UpdateRelease(ctx context.Context, r *Release) error
	DeleteRelease(ctx context.Context, id int64) error
	GetRelease(ctx context.Context, id int64) (Release, error)
	// ListReleases returns releases ordered by date (PartialDate order:
	// by first day, coarser first, TBA last), then film title, then ID.
	ListReleases(ctx context.Context, f ReleaseFilter) ([]Release, string, error)
}

// ReleaseFilter narrows ListReleases. A date range [From, To] keeps
// releases whose possible days meet it, so a month-only release in March
// is kept for any range that touches March; TBA releases are kept only
// when IncludeTBA is set.
type ReleaseFilter struct {
	FilmID     int64
	Types      []ReleaseType
	Format     Format // has an edition in this format; "digital" also matches digital and streaming releases
	Country    string
	From, To   string // YYYY-MM-DD, inclusive; "" = open
	IncludeTBA bool
	LabelID    int64 // distributed by, or with an edition published by
	Statuses   []ReleaseStatus
	Page
}

// EditionQueries reads and writes editions.
type EditionQueries interface {
	CreateEdition(ctx context.Context, e *Edition) error
	UpdateEdition(ctx context.Context, e *Edition) error
	DeleteEdition(ctx context.Context, id int64) error
	GetEdition(ctx context.Context, id int64) (Edition, error)
	// ListEditions returns editions ordered by release date, then ID.
	ListEditions(ctx context.Context, f EditionFilter) ([]Edition, error)
}

// EditionFilter narrows ListEditions; at least one field must be set.
type EditionFilter struct {
	FilmID    int64
	ReleaseID int64
	LabelID   int64
}

// ExtraQueries reads and writes extras with their participants.
type ExtraQueries interface {
	// CreateExtra stores the extra and its participants, setting their IDs.
	CreateExtra(ctx context.Context, x *Extra) error
	// UpdateExtra replaces the extra and its participant list.
	UpdateExtra(ctx context.Context, x *Extra) error
	DeleteExtra(ctx context.Context, id int64) error
	GetExtra(ctx context.Context, id int64) (Extra, error)
	// ListExtras returns extras with participants, ordered by edition,
	// position, then ID.
	ListExtras(ctx context.Context, f ExtraFilter) ([]Extra, error)
}

// ExtraFilter narrows ListExtras; at least one field must be set.
type ExtraFilter struct {
	EditionID int64
	FilmID    int64
	PersonID  int64 // extras this person takes part in
}

// FestivalQueries reads and writes festivals, their editions and the
// films selected there.
type FestivalQueries interface {
	CreateFestival(ctx context.Context, f *Festival) error
	UpdateFestival(ctx context.Context, f *Festival) error
	DeleteFestival(ctx context.Context, id int64) error
	GetFestival(ctx context.Context, id int64) (Festival, error)
	GetFestivalBySlug(ctx context.Context, slug string) (Festival, error)
	ListFestivals(ctx context.Context, p Page) ([]Festival, string, error)

	CreateFestivalEdition(ctx context.Context, e *FestivalEdition) error
	UpdateFestivalEdition(ctx context.Context, e *FestivalEdition) error
	DeleteFestivalEdition(ctx context.Context, id int64) error
	GetFestivalEdition(ctx context.Context, id int64) (FestivalEdition, error)
	GetFestivalEditionByYear(ctx context.Context, festivalID int64, year int) (FestivalEdition, error)
	// ListFestivalEditions returns a festival's editions, newest first.
	ListFestivalEditions(ctx context.Context, festivalID int64) ([]FestivalEdition, error)

	CreateSelection(ctx context.Context, s *Selection) error
	UpdateSelection(ctx context.Context, s *Selection) error
	DeleteSelection(ctx context.Context, id int64) error
	GetSelection(ctx context.Context, id int64) (Selection, error)
	// ListSelections returns selections ordered by year (newest first),
	// festival, section, film title.
	ListSelections(ctx context.Context, f SelectionFilter) ([]Selection, error)
}

// SelectionFilter narrows ListSelections; at least one field must be set.
type SelectionFilter struct {
	FilmID            int64
	FestivalEditionID int64
}

// AwardQueries reads and writes award bodies, categories and nominations.
type AwardQueries interface {
	CreateAwardBody(ctx context.Context, b *AwardBody) error
	UpdateAwardBody(ctx context.Context, b *AwardBody) error
	DeleteAwardBody(ctx context.Context, id int64) error
	GetAwardBody(ctx context.Context, id int64) (AwardBody, error)
	GetAwardBodyBySlug(ctx context.Context, slug string) (AwardBody, error)
	ListAwardBodies(ctx context.Context, p Page) ([]AwardBody, string, error)

	CreateAwardCategory(ctx context.Context, c *AwardCategory) error
	UpdateAwardCategory(ctx context.Context, c *AwardCategory) error
	DeleteAwardCategory(ctx context.Context, id int64) error
	GetAwardCategory(ctx context.Context, id int64) (AwardCategory, error)
	// ListAwardCategories returns a body's categories ordered by name.
	ListAwardCategories(ctx context.Context, awardBodyID int64) ([]AwardCategory, error)

	CreateNomination(ctx context.Context, n *Nomination) error
	UpdateNomination(ctx context.Context, n *Nomination) error
	DeleteNomination(ctx context.Context, id int64) error
	GetNomination(ctx context.Context, id int64) (Nomination, error)
	// ListNominations returns nominations ordered by year (newest first),
	// award body, category, then ID.
	ListNominations(ctx context.Context, f NominationFilter) ([]Nomination, error)
}

// NominationFilter narrows ListNominations; at least one field must be set.
type NominationFilter struct {
	FilmID            int64
	PersonID          int64
	CategoryID        int64
	AwardBodyID       int64
	FestivalEditionID int64
	Result            NominationResult
}

// SourceQueries reads and writes sources.
type SourceQueries interface {
	CreateSource(ctx context.Context, s *Source) error
	GetSource(ctx context.Context, id int64) (Source, error)
	// GetSourceByHash finds a source by its content hash.
	GetSourceByHash(ctx context.Context, hash string) (Source, error)
	// ListSources returns sources newest first; the Text field is left
	// empty in lists.
	ListSources(ctx context.Context, f SourceFilter) ([]Source, string, error)
	// GetSources returns the sources with the given IDs (without Text), in
	// no particular order; unknown IDs are skipped.
	GetSources(ctx context.Context, ids []int64) ([]Source, error)
}

// SourceFilter narrows ListSources.
type SourceFilter struct {
	Kind   SourceKind
	FilmID int64 // sources with a claim about this film
	Page
}

// ClaimQueries reads and writes claims.
type ClaimQueries interface {
	// AddClaim stores a claim. When the claim is Preferred, every other
	// claim on the same subject and field stops being preferred.
	AddClaim(ctx context.Context, c *Claim) error
	// ListClaims returns claims ordered by subject, field, then ID.
	ListClaims(ctx context.Context, f ClaimFilter) ([]Claim, error)
}

// ClaimFilter narrows ListClaims; at least one field must be set.
type ClaimFilter struct {
	FilmID   int64
	Subject  *EntityRef
	SourceID int64
}

// TokenQueries reads and writes API tokens.
type TokenQueries interface {
	CreateToken(ctx context.Context, t *APIToken) error
	GetTokenByHash(ctx context.Context, hash string) (APIToken, error)
	ListTokens(ctx context.Context) ([]APIToken, error)
	RevokeToken(ctx context.Context, id int64, at time.Time) error
	TouchToken(ctx context.Context, id int64, at time.Time) error
}
