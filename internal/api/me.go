package api

import (
	"context"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// The /me endpoints: the follows, settings, notifications, channels and
// tokens of the user who owns the request's personal API token. A token
// with read scope may read them; changing them needs write scope. No
// route takes a user ID, so no user can reach another's data.

// Me is the signed-in user.
type Me struct {
	ID              int64        `json:"id"`
	Username        string       `json:"username"`
	Admin           bool         `json:"admin"`
	Settings        UserSettings `json:"settings"`
	FeedTokenPrefix *string      `json:"feed_token_prefix" doc:"First characters of the feed token; null when there is none."`
}

// UserSettings are a user's alert preferences.
type UserSettings struct {
	HomeCountry string           `json:"home_country" doc:"ISO 3166-1 alpha-2; empty for any. Film follows without countries use it."`
	TimeZone    string           `json:"time_zone" doc:"IANA time zone for release-day alerts; empty for UTC."`
	Formats     []catalog.Format `json:"formats" doc:"Formats of interest; film follows without formats use them."`
	Delivery    string           `json:"delivery" doc:"immediate, or digest (sent at 08:00 local time)."`
}

// UserSettingsInput replaces a user's settings.
type UserSettingsInput struct {
	HomeCountry string           `json:"home_country"`
	TimeZone    string           `json:"time_zone"`
	Formats     []catalog.Format `json:"formats"`
	Delivery    string           `json:"delivery" doc:"immediate (the default) or digest."`
}

// FollowInput follows a film, person, label or festival edition.
type FollowInput struct {
	Kind      catalog.FollowKind    `json:"kind" required:"true"`
	Target    string                `json:"target" required:"true" doc:"Slug or ID; festival-slug/YEAR for a festival edition."`
	Types     []catalog.ReleaseType `json:"types" doc:"Film follows: release types that matter; empty for any."`
	Formats   []catalog.Format      `json:"formats" doc:"Film follows: formats that matter; empty for the user's formats."`
	Countries []string              `json:"countries" doc:"Film follows: countries that matter; empty for the user's home country."`
}

// FollowPrefsInput replaces a film follow's preferences.
type FollowPrefsInput struct {
	Types     []catalog.ReleaseType `json:"types"`
	Formats   []catalog.Format      `json:"formats"`
	Countries []string              `json:"countries"`
}

// Follow is one thing the user follows.
type Follow struct {
	ID         int64                 `json:"id"`
	Kind       catalog.FollowKind    `json:"kind"`
	TargetID   int64                 `json:"target_id"`
	TargetName string                `json:"target_name"`
	TargetSlug string                `json:"target_slug"`
	Types      []catalog.ReleaseType `json:"types"`
	Formats    []catalog.Format      `json:"formats"`
	Countries  []string              `json:"countries"`
	CreatedAt  time.Time             `json:"created_at"`
}

// FollowList is the user's follows.
type FollowList struct {
	Items []Follow `json:"items"`
}

// Notification is one in-app notification.
type Notification struct {
	ID        int64             `json:"id"`
	Kind      catalog.EventKind `json:"kind"`
	Title     string            `json:"title"`
	Body      string            `json:"body"`
	URL       string            `json:"url" doc:"Site path of the film page."`
	CreatedAt time.Time         `json:"created_at"`
	Read      bool              `json:"read"`
}

// NotificationList is the user's notifications, newest first.
type NotificationList struct {
	Items []Notification `json:"items"`
}

// ChannelInput adds a delivery channel.
type ChannelInput struct {
	Kind   string `json:"kind" required:"true" doc:"webhook, email or ntfy."`
	Target string `json:"target" required:"true" doc:"Webhook URL, email address or ntfy topic URL."`
}

// Channel is where notifications are delivered.
type Channel struct {
	ID          int64      `json:"id"`
	Kind        string     `json:"kind"`
	Target      string     `json:"target"`
	Enabled     bool       `json:"enabled"`
	LastError   string     `json:"last_error"`
	LastErrorAt *time.Time `json:"last_error_at"`
	CreatedAt   time.Time  `json:"created_at"`
	Secret      string     `json:"secret,omitempty" doc:"The webhook signing secret, shown only when the webhook is added."`
}

// ChannelList is the user's channels.
type ChannelList struct {
	Items []Channel `json:"items"`
}

// Delivery is one notification sent to one channel.
type Delivery struct {
	ID             int64      `json:"id"`
	NotificationID int64      `json:"notification_id"`
	ChannelID      int64      `json:"channel_id"`
	IdempotencyKey string     `json:"idempotency_key"`
	Status         string     `json:"status" doc:"pending, delivered or failed (given up)."`
	Attempts       int        `json:"attempts"`
	LastError      string     `json:"last_error"`
	DeliveredAt    *time.Time `json:"delivered_at"`
}

// DeliveryList is the user's latest deliveries.
type DeliveryList struct {
	Items []Delivery `json:"items"`
}

// TokenInput creates a personal API token.
type TokenInput struct {
	Name  string `json:"name" required:"true"`
	Scope string `json:"scope" required:"true" doc:"read, write or admin (admins only)."`
}

// Token is a personal API token.
type Token struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	Scope      string     `json:"scope"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	Secret     string     `json:"secret,omitempty" doc:"The token, shown only when it is created."`
}

// TokenList is the user's tokens.
type TokenList struct {
	Items []Token `json:"items"`
}

// FeedToken is a new read-only feed token and the feed URLs it opens.
type FeedToken struct {
	Token       string `json:"token"`
	AtomURL     string `json:"atom_url"`
	CalendarURL string `json:"calendar_url"`
}

// WatchlistMiss is a watchlist row that was not imported.
type WatchlistMiss struct {
	Line   int    `json:"line"`
	Name   string `json:"name"`
	Year   *int   `json:"year"`
	URI    string `json:"uri"`
	Reason string `json:"reason"`
}

// WatchlistReport says what a Letterboxd import did.
type WatchlistReport struct {
	Rows     int             `json:"rows"`
	Followed int             `json:"followed"`
	Already  int             `json:"already"`
	Missing  []WatchlistMiss `json:"missing"`
}

// MaxWatchlistBytes bounds a watchlist upload.
const MaxWatchlistBytes = 16 << 20

func (h *handler) meRoutes() []route {
	read, write := catalog.ScopeRead, catalog.ScopeWrite
	return []route{
		{method: "GET", path: "/me", op: "getMe", tag: "me", summary: "The user who owns the API token", auth: true, scope: read,
			status: http.StatusOK, resp: typeOf[Me](), serve: h.getMe},
		{method: "PUT", path: "/me/settings", op: "replaceSettings", tag: "me", summary: "Replace the user's alert settings", auth: true, scope: write,
			body: typeOf[UserSettingsInput](), status: http.StatusOK, resp: typeOf[UserSettings](), serve: h.putSettings},
		{method: "GET", path: "/me/follows", op: "listFollows", tag: "me", summary: "What the user follows", auth: true, scope: read,
			status: http.StatusOK, resp: typeOf[FollowList](), serve: h.listFollows},
		{method: "POST", path: "/me/follows", op: "createFollow", tag: "me", summary: "Follow a film (with release preferences), person, label or festival edition", auth: true, scope: write,
			body: typeOf[FollowInput](), status: http.StatusCreated, resp: typeOf[Follow](), serve: h.createFollow},
		{method: "PUT", path: "/me/follows/{id}", op: "replaceFollow", tag: "me", summary: "Replace a film follow's release preferences", auth: true, scope: write,
			body: typeOf[FollowPrefsInput](), status: http.StatusOK, resp: typeOf[Follow](), serve: h.replaceFollow},
		{method: "DELETE", path: "/me/follows/{id}", op: "deleteFollow", tag: "me", summary: "Stop following", auth: true, scope: write,
			status: http.StatusNoContent, serve: h.deleteFollow},
		{method: "POST", path: "/me/watchlist/letterboxd", op: "importLetterboxd", tag: "me",
			summary: "Follow the films of a Letterboxd watchlist export, sent as text/csv (Date,Name,Year,Letterboxd URI); reports the rows that matched no film",
			auth:    true, scope: write, status: http.StatusOK, resp: typeOf[WatchlistReport](), serve: h.importLetterboxd},
		{method: "GET", path: "/me/notifications", op: "listNotifications", tag: "me", summary: "The user's notifications, newest first", auth: true, scope: read,
			query:  []param{pBool("unread", "Only unread notifications."), pLimit()},
			status: http.StatusOK, resp: typeOf[NotificationList](), serve: h.listNotifications},
		{method: "POST", path: "/me/notifications/{id}/read", op: "markNotificationRead", tag: "me", summary: "Mark a notification read", auth: true, scope: write,
			status: http.StatusNoContent, serve: h.markRead},
		{method: "GET", path: "/me/channels", op: "listChannels", tag: "me", summary: "Where the user's notifications are delivered", auth: true, scope: read,
			status: http.StatusOK, resp: typeOf[ChannelList](), serve: h.listChannels},
		{method: "POST", path: "/me/channels", op: "createChannel", tag: "me", summary: "Add a webhook, email or ntfy channel (a webhook's signing secret is shown once)", auth: true, scope: write,
			body: typeOf[ChannelInput](), status: http.StatusCreated, resp: typeOf[Channel](), serve: h.createChannel},
		{method: "DELETE", path: "/me/channels/{id}", op: "deleteChannel", tag: "me", summary: "Remove a channel", auth: true, scope: write,
			status: http.StatusNoContent, serve: h.deleteChannel},
		{method: "GET", path: "/me/deliveries", op: "listDeliveries", tag: "me", summary: "The latest deliveries to the user's channels, failures included", auth: true, scope: read,
			status: http.StatusOK, resp: typeOf[DeliveryList](), serve: h.listDeliveries},
		{method: "GET", path: "/me/tokens", op: "listTokens", tag: "me", summary: "The user's personal API tokens", auth: true, scope: read,
			status: http.StatusOK, resp: typeOf[TokenList](), serve: h.listTokens},
		{method: "POST", path: "/me/tokens", op: "createToken", tag: "me", summary: "Create a personal API token (shown once)", auth: true, scope: write,
			body: typeOf[TokenInput](), status: http.StatusCreated, resp: typeOf[Token](), serve: h.createToken},
		{method: "DELETE", path: "/me/tokens/{id}", op: "revokeToken", tag: "me", summary: "Revoke a personal API token at once", auth: true, scope: write,
			status: http.StatusNoContent, serve: h.revokeToken},
		{method: "POST", path: "/me/feed-token", op: "createFeedToken", tag: "me", summary: "Replace the read-only feed token of the personal Atom and iCal feeds (shown once)", auth: true, scope: write,
			status: http.StatusCreated, resp: typeOf[FeedToken](), serve: h.createFeedToken},
	}
}

// me returns the user who owns the request's token.
func (h *handler) me(ctx context.Context) (catalog.User, error) {
	tok, ok := tokenFrom(ctx)
	if !ok {
		return catalog.User{}, &catalog.Error{Kind: catalog.KindUnauthorized, Message: "this request needs an API token"}
	}
	return h.svc.TokenUser(ctx, tok)
}

func settingsDTO(s catalog.UserSettings) UserSettings {
	return UserSettings{HomeCountry: s.HomeCountry, TimeZone: s.TimeZone, Formats: nonNil(s.Formats), Delivery: s.Delivery}
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func (h *handler) getMe(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	out := Me{ID: u.ID, Username: u.Username, Admin: u.Admin, Settings: settingsDTO(u.Settings)}
	if u.FeedPrefix != "" {
		out.FeedTokenPrefix = &u.FeedPrefix
	}
	return ok(w, out)
}

func (h *handler) putSettings(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	var in UserSettingsInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	st, err := h.svc.UpdateSettings(r.Context(), u.ID, catalog.UserSettings{HomeCountry: in.HomeCountry, TimeZone: in.TimeZone, Formats: in.Formats, Delivery: in.Delivery})
	if err != nil {
		return err
	}
	return ok(w, settingsDTO(st))
}

func followDTO(f catalog.Follow) Follow {
	return Follow{ID: f.ID, Kind: f.Kind, TargetID: f.TargetID, TargetName: f.TargetName, TargetSlug: f.TargetSlug,
		Types: nonNil(f.Types), Formats: nonNil(f.Formats), Countries: nonNil(f.Countries), CreatedAt: f.CreatedAt}
}

func (h *handler) listFollows(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	fs, err := h.svc.Follows(r.Context(), u.ID)
	if err != nil {
		return err
	}
	return ok(w, FollowList{Items: nonNil(mapSlice(fs, followDTO))})
}

func (h *handler) createFollow(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	var in FollowInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	f, err := h.svc.Follow(r.Context(), u.ID, app.FollowInput{Kind: in.Kind, Target: in.Target, Types: in.Types, Formats: in.Formats, Countries: in.Countries})
	if err != nil {
		return err
	}
	return created(w, Prefix+"/me/follows/"+itoa(f.ID), followDTO(f))
}

func (h *handler) replaceFollow(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in FollowPrefsInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	f, err := h.svc.UpdateFollow(r.Context(), u.ID, id, app.FollowInput{Types: in.Types, Formats: in.Formats, Countries: in.Countries})
	if err != nil {
		return err
	}
	return ok(w, followDTO(f))
}

func (h *handler) deleteFollow(w http.ResponseWriter, r *http.Request) error {
	return h.onMine(w, r, h.svc.Unfollow)
}

func (h *handler) importLetterboxd(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	ct := r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || (mt != "text/csv" && mt != "text/plain") {
		return &httpError{status: http.StatusUnsupportedMediaType, code: codeUnsupportedMediaType,
			message: "send the Letterboxd watchlist export as text/csv, not " + strconv.Quote(ct)}
	}
	body := http.MaxBytesReader(w, r.Body, MaxWatchlistBytes)
	rep, err := h.svc.ImportLetterboxd(r.Context(), u.ID, body, nil)
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return &catalog.Error{Kind: catalog.KindTooLarge, Message: "the watchlist is larger than 16 MiB"}
	}
	if err != nil {
		return err
	}
	out := WatchlistReport{Rows: rep.Rows, Followed: rep.Followed, Already: rep.Already, Missing: []WatchlistMiss{}}
	for _, m := range rep.Missing {
		wm := WatchlistMiss{Line: m.Line, Name: m.Name, URI: m.URI, Reason: m.Reason}
		if m.Year != 0 {
			y := m.Year
			wm.Year = &y
		}
		out.Missing = append(out.Missing, wm)
	}
	_, _ = io.Copy(io.Discard, body)
	return ok(w, out)
}

func (h *handler) listNotifications(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	q := newQuery(r)
	unread, page := q.bool("unread"), q.page()
	if err := q.err(); err != nil {
		return err
	}
	ns, err := h.svc.Notifications(r.Context(), u.ID, unread, page.Limit)
	if err != nil {
		return err
	}
	out := NotificationList{Items: []Notification{}}
	for _, n := range ns {
		out.Items = append(out.Items, Notification{ID: n.ID, Kind: n.Kind, Title: n.Title, Body: n.Body, URL: n.URL, CreatedAt: n.CreatedAt, Read: !n.ReadAt.IsZero()})
	}
	return ok(w, out)
}

func (h *handler) markRead(w http.ResponseWriter, r *http.Request) error {
	return h.onMine(w, r, h.svc.MarkNotificationRead)
}

func channelDTO(c catalog.Channel) Channel {
	return Channel{ID: c.ID, Kind: c.Kind, Target: c.Target, Enabled: c.Enabled, LastError: c.LastError,
		LastErrorAt: timePtr(c.LastErrorAt), CreatedAt: c.CreatedAt}
}

func (h *handler) listChannels(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	cs, err := h.svc.Channels(r.Context(), u.ID)
	if err != nil {
		return err
	}
	return ok(w, ChannelList{Items: nonNil(mapSlice(cs, channelDTO))})
}

func (h *handler) createChannel(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	var in ChannelInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	c, err := h.svc.AddChannel(r.Context(), u.ID, in.Kind, in.Target)
	if err != nil {
		return err
	}
	out := channelDTO(c)
	out.Secret = c.Secret
	return created(w, Prefix+"/me/channels", out)
}

func (h *handler) deleteChannel(w http.ResponseWriter, r *http.Request) error {
	return h.onMine(w, r, h.svc.RemoveChannel)
}

func (h *handler) listDeliveries(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	ds, err := h.svc.Deliveries(r.Context(), u.ID, 100)
	if err != nil {
		return err
	}
	out := DeliveryList{Items: []Delivery{}}
	for _, d := range ds {
		out.Items = append(out.Items, Delivery{ID: d.ID, NotificationID: d.NotificationID, ChannelID: d.ChannelID, IdempotencyKey: d.IdempotencyKey,
			Status: d.Status, Attempts: d.Attempts, LastError: d.LastError, DeliveredAt: timePtr(d.DeliveredAt)})
	}
	return ok(w, out)
}

func tokenDTO(t catalog.APIToken) Token {
	return Token{ID: t.ID, Name: t.Name, Prefix: t.Prefix, Scope: t.Scope, CreatedAt: t.CreatedAt,
		LastUsedAt: timePtr(t.LastUsedAt), RevokedAt: timePtr(t.RevokedAt)}
}

func (h *handler) listTokens(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	ts, err := h.svc.PersonalTokens(r.Context(), u.ID)
	if err != nil {
		return err
	}
	return ok(w, TokenList{Items: nonNil(mapSlice(ts, tokenDTO))})
}

func (h *handler) createToken(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	var in TokenInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	if tok, _ := tokenFrom(r.Context()); !catalog.ScopeAllows(tok.Scope, in.Scope) {
		return &catalog.Error{Kind: catalog.KindForbidden, Field: "scope", Message: "a token cannot create a token with a stronger scope than its own"}
	}
	nt, err := h.svc.CreatePersonalToken(r.Context(), u, in.Name, in.Scope)
	if err != nil {
		return err
	}
	out := tokenDTO(nt.Token)
	out.Secret = nt.Secret
	return created(w, Prefix+"/me/tokens", out)
}

func (h *handler) revokeToken(w http.ResponseWriter, r *http.Request) error {
	return h.onMine(w, r, h.svc.RevokePersonalToken)
}

func (h *handler) createFeedToken(w http.ResponseWriter, r *http.Request) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	secret, err := h.svc.NewFeedToken(r.Context(), u.ID)
	if err != nil {
		return err
	}
	return created(w, "/feeds/me/"+secret+"/releases.atom", FeedToken{Token: secret,
		AtomURL: "/feeds/me/" + secret + "/releases.atom", CalendarURL: "/feeds/me/" + secret + "/calendar.ics"})
}

// onMine runs act on the signed-in user's record whose ID is in the path
// and answers 204.
func (h *handler) onMine(w http.ResponseWriter, r *http.Request, act func(ctx context.Context, userID, id int64) error) error {
	u, err := h.me(r.Context())
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := act(r.Context(), u.ID, id); err != nil {
		return err
	}
	return noContent(w)
}
