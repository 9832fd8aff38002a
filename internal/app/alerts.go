package app

import (
	"context"
	"fmt"
	"net/mail"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Routing: outbox events become notifications (one per interested
// user, the in-app list) and deliveries (one per enabled channel of the
// user), in one transaction per batch, so an event is routed once.

// RouteBatch is how many events one routing transaction takes.
const RouteBatch = 100

// DigestHour is the local hour at which digest users' deliveries go out.
const DigestHour = 8

// RouteEvents routes up to RouteBatch unrouted events and returns how
// many it routed. On PostgreSQL concurrent routers take different
// events (SKIP LOCKED).
func (s *Service) RouteEvents(ctx context.Context) (int, error) {
	// Look before opening a write transaction: idle polls write nothing
	// (and so never invalidate caches keyed on the store's writes).
	if events, _, err := s.store.OutboxPending(ctx, s.now()); err != nil || !events {
		return 0, err
	}
	n := 0
	err := s.store.WithTx(ctx, func(q catalog.Queries) error {
		events, err := q.ClaimEvents(ctx, RouteBatch)
		if err != nil {
			return err
		}
		for _, ev := range events {
			if err := s.route(ctx, q, ev); err != nil {
				return fmt.Errorf("routing event %d: %w", ev.ID, err)
			}
			if err := q.MarkEventRouted(ctx, ev.ID, s.now()); err != nil {
				return err
			}
		}
		n = len(events)
		return nil
	})
	return n, err
}

func (s *Service) route(ctx context.Context, q catalog.Queries, ev catalog.Event) error {
	recipients, err := s.recipients(ctx, q, ev)
	if err != nil {
		return err
	}
	title, body := describeEvent(ev)
	for _, r := range recipients {
		n := catalog.Notification{
			UserID: r.userID, EventID: ev.ID, Kind: ev.Kind, Title: title, Body: body,
			URL: filmPath(ev.Payload.FilmSlug), FilmID: ev.FilmID, CreatedAt: s.now(),
		}
		if err := q.CreateNotification(ctx, &n); err != nil {
			return err
		}
		if n.ID == 0 {
			continue // routed before
		}
		channels, err := q.ListChannels(ctx, r.userID)
		if err != nil {
			return err
		}
		due := s.now()
		digest := r.settings.Delivery == catalog.DeliveryDigest
		if digest {
			due = nextDigest(s.now(), r.settings.Location())
		}
		for _, c := range channels {
			if !c.Enabled {
				continue
			}
			key := fmt.Sprintf("marquee-e%d-u%d-c%d", ev.ID, r.userID, c.ID)
			if digest {
				// One delivery per channel and digest time: the first
				// notification makes it, later ones join it (the key
				// exists already).
				key = fmt.Sprintf("%su%d-c%d-%d", digestKeyPrefix, r.userID, c.ID, due.Unix())
			}
			d := catalog.Delivery{
				NotificationID: n.ID, ChannelID: c.ID, IdempotencyKey: key,
				Status: catalog.DeliveryPending, NextAttemptAt: due, CreatedAt: s.now(),
			}
			if err := q.CreateDelivery(ctx, &d); err != nil {
				return err
			}
		}
	}
	return nil
}

func filmPath(slug string) string {
	if slug == "" {
		return "/"
	}
	return "/films/" + url.PathEscape(slug)
}

// digestKeyPrefix starts the idempotency key of a digest delivery.
const digestKeyPrefix = "marquee-digest-"

// DigestOf returns the title and text of a digest delivery: every
// notification of the user from the day before its digest time. ok is
// false for deliveries of one notification. The digest time is part of
// the idempotency key, so every attempt sends the same digest.
func (s *Service) DigestOf(ctx context.Context, j catalog.DeliveryJob) (title, body string, ok bool, err error) {
	rest, found := strings.CutPrefix(j.Delivery.IdempotencyKey, digestKeyPrefix)
	if !found {
		return "", "", false, nil
	}
	i := strings.LastIndexByte(rest, '-')
	unix, perr := strconv.ParseInt(rest[i+1:], 10, 64)
	if i < 0 || perr != nil {
		return "", "", false, fmt.Errorf("digest delivery %d: bad key %q", j.Delivery.ID, j.Delivery.IdempotencyKey)
	}
	end, loc := time.Unix(unix, 0).UTC(), j.User.Settings.Location()
	ns, err := s.store.ListNotifications(ctx, j.User.ID, false, catalog.MaxPageLimit)
	if err != nil {
		return "", "", false, err
	}
	var lines []string
	for i := len(ns) - 1; i >= 0; i-- { // oldest first
		n := ns[i]
		if nextDigest(n.CreatedAt, loc).Equal(end) {
			lines = append(lines, "• "+n.Title+"\n  "+n.Body)
		}
	}
	if len(lines) == 0 {
		lines = append(lines, "• "+j.Notification.Title+"\n  "+j.Notification.Body)
	}
	title = fmt.Sprintf("Marquee: %d updates on what you follow", len(lines))
	if len(lines) == 1 {
		title = "Marquee: 1 update on what you follow"
	}
	return title, strings.Join(lines, "\n\n"), true, nil
}

// nextDigest is the next DigestHour o'clock in loc after now.
func nextDigest(now time.Time, loc *time.Location) time.Time {
	l := now.In(loc)
	t := time.Date(l.Year(), l.Month(), l.Day(), DigestHour, 0, 0, 0, loc)
	if !t.After(l) {
		t = time.Date(l.Year(), l.Month(), l.Day()+1, DigestHour, 0, 0, 0, loc)
	}
	return t.UTC()
}

type recipient struct {
	userID   int64
	settings catalog.UserSettings
}

// recipients returns the users an event concerns, each once.
func (s *Service) recipients(ctx context.Context, q catalog.FollowQueries, ev catalog.Event) ([]recipient, error) {
	var out []recipient
	seen := map[int64]bool{}
	add := func(kind catalog.FollowKind, ids []int64, match func(catalog.Follower) bool) error {
		fs, err := q.Followers(ctx, kind, ids)
		if err != nil {
			return err
		}
		for _, f := range fs {
			if !seen[f.Follow.UserID] && (match == nil || match(f)) {
				seen[f.Follow.UserID] = true
				out = append(out, recipient{f.Follow.UserID, f.Settings})
			}
		}
		return nil
	}
	p := ev.Payload
	var err error
	switch ev.Kind {
	case catalog.EventReleaseAnnounced, catalog.EventEditionAnnounced:
		if err = add(catalog.FollowFilm, []int64{ev.FilmID}, func(f catalog.Follower) bool { return MatchesRelease(f.Follow, f.Settings, p) }); err == nil {
			err = add(catalog.FollowLabel, p.LabelIDs, nil)
		}
	case catalog.EventReleaseRefined, catalog.EventReleaseChanged:
		err = add(catalog.FollowFilm, []int64{ev.FilmID}, func(f catalog.Follower) bool { return MatchesRelease(f.Follow, f.Settings, p) })
	case catalog.EventReleaseDay:
		err = add(catalog.FollowFilm, []int64{ev.FilmID}, func(f catalog.Follower) bool {
			return f.Settings.Location().String() == p.TimeZone && MatchesRelease(f.Follow, f.Settings, p)
		})
	case catalog.EventCreditAdded, catalog.EventAppearanceAdded:
		err = add(catalog.FollowPerson, []int64{p.PersonID}, nil)
	case catalog.EventAwardDecided:
		err = add(catalog.FollowFilm, []int64{ev.FilmID}, nil)
		if err == nil && p.PersonID != 0 {
			err = add(catalog.FollowPerson, []int64{p.PersonID}, nil)
		}
		if err == nil && p.FestivalEditionID != 0 {
			err = add(catalog.FollowFestivalEdition, []int64{p.FestivalEditionID}, nil)
		}
	}
	return out, err
}

// MatchesRelease reports whether a release (as an event payload
// describes it) is one a film follow asks for. A follow's empty
// preferences fall back to the user's settings (home country, formats
// of interest); empty there too means any. A worldwide release (no
// country) matches every country; digital and streaming releases count
// as the digital format.
func MatchesRelease(f catalog.Follow, st catalog.UserSettings, p catalog.EventPayload) bool {
	countries := f.Countries
	if len(countries) == 0 && st.HomeCountry != "" {
		countries = []string{st.HomeCountry}
	}
	if len(countries) > 0 && p.Country != "" && !slices.Contains(countries, p.Country) {
		return false
	}
	if len(f.Types) > 0 && !slices.Contains(f.Types, p.ReleaseType) {
		return false
	}
	formats := f.Formats
	if len(formats) == 0 {
		formats = st.Formats
	}
	if len(formats) == 0 {
		return true
	}
	have := p.Formats
	if p.ReleaseType == catalog.ReleaseDigital || p.ReleaseType == catalog.ReleaseStreaming {
		have = append(slices.Clone(have), catalog.FormatDigital)
	}
	for _, want := range formats {
		if slices.Contains(have, want) {
			return true
		}
	}
	return false
}

// describeEvent returns a notification's title and text.
func describeEvent(ev catalog.Event) (string, string) {
	p := ev.Payload
	film := p.FilmTitle
	if p.FilmYear != 0 {
		film = fmt.Sprintf("%s (%d)", p.FilmTitle, p.FilmYear)
	}
	where := ""
	if p.Country != "" {
		where = " in " + p.Country
	}
	kind := string(p.ReleaseType)
	if len(p.Formats) > 0 {
		names := make([]string, len(p.Formats))
		for i, f := range p.Formats {
			names[i] = formatName(f)
		}
		kind = strings.Join(names, ", ")
	}
	on := dateWords(mustDate(p.Date))
	switch ev.Kind {
	case catalog.EventReleaseAnnounced:
		return fmt.Sprintf("%s: %s release%s on %s", p.FilmTitle, kind, where, on),
			fmt.Sprintf("A %s release of %s%s has been announced for %s.", kind, film, where, on)
	case catalog.EventEditionAnnounced:
		by := ""
		if p.LabelName != "" {
			by = " from " + p.LabelName
		}
		return fmt.Sprintf("%s: new %s edition%s%s", p.FilmTitle, kind, by, where),
			fmt.Sprintf("A new %s edition of %s%s%s is coming on %s.", kind, film, by, where, on)
	case catalog.EventReleaseRefined:
		return fmt.Sprintf("%s: %s release%s now dated %s", p.FilmTitle, kind, where, on),
			fmt.Sprintf("The %s release of %s%s, announced for %s, now has its date: %s.", kind, film, where, dateWords(mustDate(p.OldDate)), on)
	case catalog.EventReleaseChanged:
		if p.Status == catalog.ReleasePostponed || p.Status == catalog.ReleaseCancelled {
			return fmt.Sprintf("%s: %s release%s %s", p.FilmTitle, kind, where, p.Status),
				fmt.Sprintf("The %s release of %s%s (%s) has been %s.", kind, film, where, on, p.Status)
		}
		return fmt.Sprintf("%s: %s release%s moved to %s", p.FilmTitle, kind, where, on),
			fmt.Sprintf("The %s release of %s%s moved from %s to %s.", kind, film, where, dateWords(mustDate(p.OldDate)), on)
	case catalog.EventReleaseDay:
		return fmt.Sprintf("Out today: %s on %s%s", p.FilmTitle, kind, where),
			fmt.Sprintf("%s is out today (%s) on %s%s.", film, on, kind, where)
	case catalog.EventCreditAdded:
		return fmt.Sprintf("%s: new film %s", p.PersonName, p.FilmTitle),
			fmt.Sprintf("%s joins %s as %s.", p.PersonName, film, p.Job)
	case catalog.EventAppearanceAdded:
		return fmt.Sprintf("%s: %s on %s", p.PersonName, p.Job, p.FilmTitle),
			fmt.Sprintf("%s appears in a new extra of %s: %s.", p.PersonName, film, p.Job)
	case catalog.EventAwardDecided:
		who := film
		if p.PersonName != "" {
			who = p.PersonName + " for " + film
		}
		return fmt.Sprintf("%s %s %s", p.FilmTitle, p.Result, p.Category),
			fmt.Sprintf("%s: %s %s at %s.", who, p.Result, p.Category, p.AwardBody)
	}
	return p.FilmTitle, string(ev.Kind)
}

func mustDate(s string) catalog.PartialDate {
	d, err := catalog.ParsePartialDate(s)
	if err != nil {
		return catalog.TBA()
	}
	return d
}

// EmitReleaseDays writes a release_day event for every dated release of
// a followed film whose day it is now in the time zone of a user who
// follows films. Each (release, day, zone) is emitted once however often
// this runs, so the job may run every few minutes and after restarts.
func (s *Service) EmitReleaseDays(ctx context.Context) (int, error) {
	zones, err := s.store.FollowedTimeZones(ctx)
	if err != nil {
		return 0, err
	}
	now := s.clock.Now()
	emitted := 0
	done := map[string]bool{}
	for _, z := range zones {
		loc := (catalog.UserSettings{TimeZone: z}).Location()
		if done[loc.String()] {
			continue
		}
		done[loc.String()] = true
		day := now.In(loc).Format(time.DateOnly)
		releases, err := s.allReleases(ctx, catalog.ReleaseFilter{From: day, To: day})
		if err != nil {
			return emitted, err
		}
		var filmIDs []int64
		for _, r := range releases {
			filmIDs = append(filmIDs, r.FilmID)
		}
		followed := map[int64]bool{}
		fs, err := s.store.Followers(ctx, catalog.FollowFilm, filmIDs)
		if err != nil {
			return emitted, err
		}
		for _, f := range fs {
			followed[f.Follow.TargetID] = true
		}
		for _, r := range releases {
			if r.Date.Precision() != catalog.PrecisionDay || r.Date.String() != day || !followed[r.FilmID] ||
				r.Status == catalog.ReleasePostponed || r.Status == catalog.ReleaseCancelled {
				continue
			}
			p := releasePayload(r)
			p.TimeZone = loc.String()
			key := fmt.Sprintf("release_day/%d/%s/%s", r.ID, day, loc.String())
			if seen, err := s.store.HasEvent(ctx, key); err != nil || seen {
				if err != nil {
					return emitted, err
				}
				continue
			}
			var id int64
			err := s.store.WithTx(ctx, func(q catalog.Queries) error {
				ev := &catalog.Event{Kind: catalog.EventReleaseDay, FilmID: r.FilmID, DedupeKey: key, Payload: p, CreatedAt: s.now()}
				err := q.AddEvent(ctx, ev)
				id = ev.ID
				return err
			})
			if err != nil {
				return emitted, err
			}
			if id != 0 {
				emitted++
			}
		}
	}
	return emitted, nil
}

// Notifications returns the user's in-app notifications, newest first.
func (s *Service) Notifications(ctx context.Context, userID int64, unreadOnly bool, limit int) ([]catalog.Notification, error) {
	return s.store.ListNotifications(ctx, userID, unreadOnly, limit)
}

// MarkNotificationRead marks one of the user's notifications read.
func (s *Service) MarkNotificationRead(ctx context.Context, userID, id int64) error {
	return s.store.MarkNotificationRead(ctx, userID, id, s.now())
}

// AddChannel adds a delivery channel for the user: a webhook URL (a
// signing secret is made for it), an email address or an ntfy topic URL.
func (s *Service) AddChannel(ctx context.Context, userID int64, kind, target string) (catalog.Channel, error) {
	target = strings.TrimSpace(target)
	c := catalog.Channel{UserID: userID, Kind: kind, Target: target, Enabled: true, CreatedAt: s.now()}
	switch kind {
	case catalog.ChannelWebhook, catalog.ChannelNtfy:
		u, err := url.Parse(target)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil || len(target) > 2000 {
			return c, catalog.Invalid("target", "%q is not an http(s) URL", target)
		}
	case catalog.ChannelEmail:
		a, err := mail.ParseAddress(target)
		if err != nil || a.Name != "" || len(target) > 254 || strings.ContainsAny(target, "\r\n") {
			return c, catalog.Invalid("target", "%q is not an email address", target)
		}
	default:
		return c, catalog.Invalid("kind", "%q is not webhook, email or ntfy", kind)
	}
	if check := s.accounts.checkTarget; check != nil {
		if err := check(ctx, kind, target); err != nil {
			return c, err
		}
	}
	if kind == catalog.ChannelWebhook {
		secret, err := newSecret("whsec_")
		if err != nil {
			return c, err
		}
		c.Secret = secret
	}
	err := s.store.WithTx(ctx, func(q catalog.Queries) error { return q.CreateChannel(ctx, &c) })
	return c, err
}

// Channels lists the user's channels.
func (s *Service) Channels(ctx context.Context, userID int64) ([]catalog.Channel, error) {
	return s.store.ListChannels(ctx, userID)
}

// RemoveChannel deletes one of the user's channels.
func (s *Service) RemoveChannel(ctx context.Context, userID, id int64) error {
	return s.store.DeleteChannel(ctx, userID, id)
}

// Deliveries lists the user's latest deliveries with their state.
func (s *Service) Deliveries(ctx context.Context, userID int64, limit int) ([]catalog.Delivery, error) {
	return s.store.ListDeliveries(ctx, userID, limit)
}

// ClaimDeliveries leases up to limit due deliveries for lease.
func (s *Service) ClaimDeliveries(ctx context.Context, lease time.Duration, limit int) ([]catalog.DeliveryJob, error) {
	now := s.now()
	if _, due, err := s.store.OutboxPending(ctx, now); err != nil || !due {
		return nil, err
	}
	return s.store.ClaimDeliveries(ctx, now, now.Add(lease), limit)
}

// FinishDelivery records the outcome of a delivery attempt.
func (s *Service) FinishDelivery(ctx context.Context, id int64, status string, next time.Time, lastErr string) error {
	return s.store.FinishDelivery(ctx, id, status, next, lastErr, s.now())
}

// Now is the service clock's time, for dispatchers and jobs.
func (s *Service) Now() time.Time { return s.clock.Now().UTC() }

// FollowedReleases returns the releases of the user's followed films
// that match each follow's preferences, for the personal feeds.
func (s *Service) FollowedReleases(ctx context.Context, u catalog.User) ([]catalog.Release, error) {
	follows, err := s.store.ListFollows(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	var out []catalog.Release
	for _, f := range follows {
		if f.Kind != catalog.FollowFilm {
			continue
		}
		rs, err := s.allReleases(ctx, catalog.ReleaseFilter{FilmID: f.TargetID, IncludeTBA: true})
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if MatchesRelease(f, u.Settings, releasePayload(r)) {
				out = append(out, r)
			}
		}
	}
	return out, nil
}
