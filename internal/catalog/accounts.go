package catalog

import (
	"context"
	"slices"
	"strings"
	"time"
)

// Accounts, follows and alerts: the people who use Marquee, what they
// follow, the events catalog changes cause (the outbox), and the
// notifications and deliveries made from them.

// Token scopes, from weakest to strongest. A token may do what its scope
// and every weaker scope allow.
const (
	ScopeRead  = "read"  // read the owner's follows, settings and notifications
	ScopeWrite = "write" // also change them, and write the catalog
	ScopeAdmin = "admin" // everything; the tokens of `marquee token create`
)

// Scopes lists the token scopes from weakest to strongest.
var Scopes = []string{ScopeRead, ScopeWrite, ScopeAdmin}

// ScopeAllows reports whether a token of scope have may act where need
// is required.
func ScopeAllows(have, need string) bool {
	h, n := slices.Index(Scopes, have), slices.Index(Scopes, need)
	return h >= 0 && n >= 0 && h >= n
}

// Delivery modes of a user's alerts.
const (
	DeliveryImmediate = "immediate"
	DeliveryDigest    = "digest"
)

// User is a local account.
type User struct {
	ID           int64
	Username     string // unique, case-insensitive
	PasswordHash string // bcrypt; never the password
	Admin        bool
	Settings     UserSettings
	FeedPrefix   string // first characters of the feed token, "" when none
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// UserSettings are a user's alert preferences.
type UserSettings struct {
	HomeCountry string   // ISO 3166-1 alpha-2, "" = any
	TimeZone    string   // IANA name, "" = UTC
	Formats     []Format // formats of interest, nil = any
	Delivery    string   // DeliveryImmediate or DeliveryDigest
}

// Normalize trims and upper-cases the settings and fills defaults.
func (s *UserSettings) Normalize() {
	s.HomeCountry = strings.ToUpper(strings.TrimSpace(s.HomeCountry))
	s.TimeZone = strings.TrimSpace(s.TimeZone)
	s.Formats = normalizeEnums(s.Formats)
	if s.Delivery == "" {
		s.Delivery = DeliveryImmediate
	}
}

// Validate checks the settings.
func (s *UserSettings) Validate() error {
	if s.HomeCountry != "" && !ValidCountry(s.HomeCountry) {
		return Invalid("home_country", "%q is not an ISO 3166-1 alpha-2 country code", s.HomeCountry)
	}
	if s.TimeZone != "" {
		if _, err := time.LoadLocation(s.TimeZone); err != nil || len(s.TimeZone) > 64 {
			return Invalid("time_zone", "%q is not an IANA time zone such as Europe/London", s.TimeZone)
		}
	}
	for i, f := range s.Formats {
		if err := validEnum("formats", f, Formats); err != nil {
			return WithField("formats["+itoa(i)+"]", err)
		}
	}
	if s.Delivery != DeliveryImmediate && s.Delivery != DeliveryDigest {
		return Invalid("delivery", "%q is not immediate or digest", s.Delivery)
	}
	return nil
}

// Location returns the settings' time zone, UTC when none or unknown.
func (s UserSettings) Location() *time.Location {
	if s.TimeZone == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Session is a signed-in browser. Only a hash of its cookie is kept.
type Session struct {
	ID        int64
	UserID    int64
	Hash      string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// FollowKind is what a follow is of.
type FollowKind string

const (
	FollowFilm            FollowKind = "film"
	FollowPerson          FollowKind = "person"
	FollowLabel           FollowKind = "label" // an organization: label or distributor
	FollowFestivalEdition FollowKind = "festival_edition"
)

// FollowKinds lists every FollowKind.
var FollowKinds = []FollowKind{FollowFilm, FollowPerson, FollowLabel, FollowFestivalEdition}

// Follow is one thing a user follows. Types, Formats and Countries narrow
// which releases of a followed film matter; empty means the user's
// settings decide (home country, formats of interest), else any.
type Follow struct {
	ID        int64
	UserID    int64
	Kind      FollowKind
	TargetID  int64
	Types     []ReleaseType
	Formats   []Format
	Countries []string
	CreatedAt time.Time

	// Read-only, filled by the store on reads.
	TargetName string // film title, person or organization name, "Festival 2025"
	TargetSlug string // film, person or organization slug; "festival-slug/2025"
}

// Normalize trims and de-duplicates the preferences.
func (f *Follow) Normalize() {
	f.Types = normalizeEnums(f.Types)
	f.Formats = normalizeEnums(f.Formats)
	f.Countries = normalizeList(f.Countries, strings.ToUpper)
}

// Validate checks every rule of a follow.
func (f *Follow) Validate() error {
	if f.UserID <= 0 {
		return Invalid("user_id", "is required")
	}
	if err := validEnum("kind", f.Kind, FollowKinds); err != nil {
		return err
	}
	if f.TargetID <= 0 {
		return Invalid("target", "is required")
	}
	if f.Kind != FollowFilm && (len(f.Types) > 0 || len(f.Formats) > 0 || len(f.Countries) > 0) {
		return Invalid("kind", "only film follows have release preferences")
	}
	for i, t := range f.Types {
		if err := validEnum("types", t, ReleaseTypes); err != nil {
			return WithField("types["+itoa(i)+"]", err)
		}
	}
	for i, v := range f.Formats {
		if err := validEnum("formats", v, Formats); err != nil {
			return WithField("formats["+itoa(i)+"]", err)
		}
	}
	for i, c := range f.Countries {
		if !ValidCountry(c) {
			return Invalid("countries["+itoa(i)+"]", "%q is not an ISO 3166-1 alpha-2 country code", c)
		}
	}
	return nil
}

// EventKind is the kind of an outbox event.
type EventKind string

const (
	EventReleaseAnnounced EventKind = "release_announced" // a new release of a film
	EventReleaseRefined   EventKind = "release_refined"   // its date made more precise (2022-03 → 2022-03-15)
	EventReleaseChanged   EventKind = "release_changed"   // its date moved, or it was postponed or cancelled
	EventReleaseDay       EventKind = "release_day"       // its day has come in a time zone
	EventEditionAnnounced EventKind = "edition_announced" // a new edition (disc or digital offer)
	EventCreditAdded      EventKind = "credit_added"      // a person joined a film
	EventAppearanceAdded  EventKind = "appearance_added"  // a person takes part in an extra (a commentary, an interview)
	EventAwardDecided     EventKind = "award_decided"     // a nomination went from pending to won or lost
)

// Event is one row of the transactional outbox: written in the same
// transaction as the catalog change that causes it, then routed to the
// users who follow what it concerns.
type Event struct {
	ID        int64
	Kind      EventKind
	FilmID    int64
	DedupeKey string // "" or a key that makes the event happen once
	Payload   EventPayload
	CreatedAt time.Time
	RoutedAt  time.Time // zero until routed
}

// EventPayload is the state an event describes, as of its transaction.
type EventPayload struct {
	FilmTitle string `json:"film_title"`
	FilmSlug  string `json:"film_slug"`
	FilmYear  int    `json:"film_year,omitempty"`

	ReleaseID   int64         `json:"release_id,omitempty"`
	Country     string        `json:"country,omitempty"`
	ReleaseType ReleaseType   `json:"release_type,omitempty"`
	Date        string        `json:"date,omitempty"`
	OldDate     string        `json:"old_date,omitempty"`
	Status      ReleaseStatus `json:"status,omitempty"`
	OldStatus   ReleaseStatus `json:"old_status,omitempty"`
	Formats     []Format      `json:"formats,omitempty"`

	EditionID   int64   `json:"edition_id,omitempty"`
	EditionName string  `json:"edition_name,omitempty"`
	LabelIDs    []int64 `json:"label_ids,omitempty"` // edition label and release distributor
	LabelName   string  `json:"label_name,omitempty"`

	PersonID   int64  `json:"person_id,omitempty"`
	PersonName string `json:"person_name,omitempty"`
	Job        string `json:"job,omitempty"`

	NominationID      int64            `json:"nomination_id,omitempty"`
	FestivalEditionID int64            `json:"festival_edition_id,omitempty"`
	Category          string           `json:"category,omitempty"`
	AwardBody         string           `json:"award_body,omitempty"`
	Result            NominationResult `json:"result,omitempty"`

	TimeZone string `json:"time_zone,omitempty"` // for release_day
}

// Notification is one event as it concerns one user: an in-app entry,
// read or unread, delivered to each of the user's channels.
type Notification struct {
	ID        int64
	UserID    int64
	EventID   int64
	Kind      EventKind
	Title     string
	Body      string
	URL       string // site path of the film, e.g. /films/red-rocket-2021
	FilmID    int64
	CreatedAt time.Time
	ReadAt    time.Time // zero while unread
}

// Channel kinds.
const (
	ChannelWebhook = "webhook"
	ChannelEmail   = "email"
	ChannelNtfy    = "ntfy"
)

// ChannelKinds lists every channel kind.
var ChannelKinds = []string{ChannelWebhook, ChannelEmail, ChannelNtfy}

// Channel is where a user's notifications are delivered besides the
// in-app list: a webhook URL, an email address or an ntfy topic URL.
type Channel struct {
	ID          int64
	UserID      int64
	Kind        string
	Target      string // URL or address
	Secret      string // webhook signing secret; "" for other kinds
	Enabled     bool
	LastError   string
	LastErrorAt time.Time
	CreatedAt   time.Time
}

// Delivery statuses.
const (
	DeliveryPending   = "pending"
	DeliveryDelivered = "delivered"
	DeliveryFailed    = "failed" // gave up
)

// Delivery is one notification sent to one channel, at least once, with
// the same idempotency key every time.
type Delivery struct {
	ID             int64
	NotificationID int64
	ChannelID      int64
	IdempotencyKey string
	Status         string
	Attempts       int
	NextAttemptAt  time.Time
	LastError      string
	CreatedAt      time.Time
	DeliveredAt    time.Time
}

// DeliveryJob is a claimed delivery with what sending it needs.
type DeliveryJob struct {
	Delivery     Delivery
	Channel      Channel
	Notification Notification
	User         User
}

// AccountQueries reads and writes the accounts side: users, sessions,
// follows, the outbox of events, notifications and channels, and
// deliveries. Each part is its own interface, so that a consumer names
// the one it needs.
type AccountQueries interface {
	UserQueries
	SessionQueries
	FollowQueries
	OutboxQueries
	NotificationQueries
	DeliveryQueries
}

// UserQueries reads and writes users, their settings and credentials.
type UserQueries interface {
	CreateUser(ctx context.Context, u *User) error
	GetUser(ctx context.Context, id int64) (User, error)
	GetUserByUsername(ctx context.Context, username string) (User, error)
	GetUserByFeedHash(ctx context.Context, hash string) (User, error)
	ListUsers(ctx context.Context) ([]User, error)
	SetPassword(ctx context.Context, userID int64, hash string, at time.Time) error
	UpdateSettings(ctx context.Context, userID int64, s UserSettings, at time.Time) error
	SetFeedToken(ctx context.Context, userID int64, hash, prefix string, at time.Time) error
	ListTokensOfUser(ctx context.Context, userID int64) ([]APIToken, error)
}

// SessionQueries reads and writes sign-in sessions.
type SessionQueries interface {
	CreateSession(ctx context.Context, s *Session) error
	GetSessionByHash(ctx context.Context, hash string) (Session, error)
	DeleteSession(ctx context.Context, hash string) error
	// DeleteSessionsOfUser ends every session of the user but the one
	// with keepHash ("" ends them all).
	DeleteSessionsOfUser(ctx context.Context, userID int64, keepHash string) error
}

// FollowQueries reads and writes what users follow.
type FollowQueries interface {
	CreateFollow(ctx context.Context, f *Follow) error
	UpdateFollow(ctx context.Context, f *Follow) error
	GetFollow(ctx context.Context, userID, id int64) (Follow, error)
	DeleteFollow(ctx context.Context, userID, id int64) error
	ListFollows(ctx context.Context, userID int64) ([]Follow, error)
	// Followers returns the follows of kind on any of targetIDs, with
	// their users' settings.
	Followers(ctx context.Context, kind FollowKind, targetIDs []int64) ([]Follower, error)
	// FollowedTimeZones returns the distinct time zones of users who
	// follow at least one film ("" for UTC).
	FollowedTimeZones(ctx context.Context) ([]string, error)
}

// OutboxQueries reads and writes the outbox of events to route.
type OutboxQueries interface {
	// AddEvent writes an event to the outbox. An event whose DedupeKey
	// exists already is skipped without error (ID stays 0).
	AddEvent(ctx context.Context, e *Event) error
	// ClaimEvents returns up to limit unrouted events, oldest first,
	// locked for this transaction (FOR UPDATE SKIP LOCKED on PostgreSQL).
	ClaimEvents(ctx context.Context, limit int) ([]Event, error)
	MarkEventRouted(ctx context.Context, id int64, at time.Time) error
	// OutboxPending reports, by reading only, whether there are unrouted
	// events and deliveries due at now, so idle dispatchers never open a
	// write transaction.
	OutboxPending(ctx context.Context, now time.Time) (events, deliveries bool, err error)
	// HasEvent reports whether an event with the dedupe key exists.
	HasEvent(ctx context.Context, dedupeKey string) (bool, error)
}

// NotificationQueries reads and writes the in-site notifications and the
// channels (e-mail, webhook, ntfy) users are notified on.
type NotificationQueries interface {
	// CreateNotification stores n; a second notification of the same
	// event for the same user is skipped (ID stays 0).
	CreateNotification(ctx context.Context, n *Notification) error
	ListNotifications(ctx context.Context, userID int64, unreadOnly bool, limit int) ([]Notification, error)
	MarkNotificationRead(ctx context.Context, userID, id int64, at time.Time) error

	CreateChannel(ctx context.Context, c *Channel) error
	ListChannels(ctx context.Context, userID int64) ([]Channel, error)
	DeleteChannel(ctx context.Context, userID, id int64) error
}

// DeliveryQueries reads and writes the deliveries of notifications to
// channels.
type DeliveryQueries interface {
	CreateDelivery(ctx context.Context, d *Delivery) error
	// ClaimDeliveries leases up to limit pending deliveries that are due
	// at now until leaseUntil, so no other dispatcher takes them, and
	// counts the attempt.
	ClaimDeliveries(ctx context.Context, now, leaseUntil time.Time, limit int) ([]DeliveryJob, error)
	// FinishDelivery records the outcome of an attempt: delivered, to be
	// retried at next, or failed for good.
	FinishDelivery(ctx context.Context, id int64, status string, next time.Time, lastErr string, at time.Time) error
	ListDeliveries(ctx context.Context, userID int64, limit int) ([]Delivery, error)
}

// Follower is a follow with the settings of its user.
type Follower struct {
	Follow   Follow
	Settings UserSettings
}
