package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
)

// The transactional outbox (events), the notifications routed from it,
// the users' delivery channels and the deliveries to them.
//
// Claims of events and deliveries lock rows with FOR UPDATE SKIP LOCKED
// on PostgreSQL, so several dispatchers share the work and each row is
// taken by one of them; SQLite has one writer at a time (BEGIN
// IMMEDIATE), which gives the same guarantee.

// skipLocked is the row-locking clause of claim queries.
func (q *queries) skipLocked() string {
	if q.d.numbered { // PostgreSQL
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

const eventColumns = "e.id, e.kind, e.film_id, e.dedupe_key, e.payload, e.created_at, e.routed_at"

func scanEvent(s scanner) (catalog.Event, error) {
	var e catalog.Event
	var filmID sql.NullInt64
	var key sql.NullString
	var payload string
	err := s.Scan(&e.ID, &e.Kind, &filmID, &key, &payload, timeText{&e.CreatedAt}, timeText{&e.RoutedAt})
	if err != nil {
		return e, err
	}
	e.FilmID, e.DedupeKey = filmID.Int64, key.String
	if err := json.Unmarshal([]byte(payload), &e.Payload); err != nil {
		return e, fmt.Errorf("store: event %d payload: %w", e.ID, err)
	}
	return e, nil
}

// AddEvent writes e to the outbox; see catalog.AccountQueries.
func (q *queries) AddEvent(ctx context.Context, e *catalog.Event) error {
	payload, err := json.Marshal(e.Payload)
	if err != nil {
		return err
	}
	err = q.queryRow(ctx, `INSERT INTO events (kind, film_id, dedupe_key, payload, created_at, routed_at)
		VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
		string(e.Kind), nullID(e.FilmID), nullText(e.DedupeKey), string(payload), formatTime(e.CreatedAt)).Scan(&e.ID)
	if errors.Is(err, sql.ErrNoRows) {
		e.ID = 0
		return nil
	}
	return q.dbError(err)
}

// ClaimEvents returns up to limit unrouted events, locked until the
// transaction ends. Call it inside WithTx.
func (q *queries) ClaimEvents(ctx context.Context, limit int) ([]catalog.Event, error) {
	return queryAll(ctx, q, scanEvent, "SELECT "+eventColumns+" FROM events e WHERE e.routed_at IS NULL ORDER BY e.id LIMIT ?"+q.skipLocked(), limit)
}

func (q *queries) MarkEventRouted(ctx context.Context, id int64, at time.Time) error {
	return q.execAffecting(ctx, "event", id, "UPDATE events SET routed_at = ? WHERE id = ?", formatTime(at), id)
}

// OutboxPending reports whether routing or delivery has work.
func (q *queries) OutboxPending(ctx context.Context, now time.Time) (events, deliveries bool, err error) {
	n := formatTime(now)
	err = q.queryRow(ctx, `SELECT EXISTS (SELECT 1 FROM events WHERE routed_at IS NULL),
		EXISTS (SELECT 1 FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ? AND (locked_until IS NULL OR locked_until <= ?))`,
		n, n).Scan(&events, &deliveries)
	return events, deliveries, q.dbError(err)
}

// HasEvent reports whether the dedupe key is taken.
func (q *queries) HasEvent(ctx context.Context, dedupeKey string) (bool, error) {
	var found bool
	err := q.queryRow(ctx, "SELECT EXISTS (SELECT 1 FROM events WHERE dedupe_key = ?)", dedupeKey).Scan(&found)
	return found, q.dbError(err)
}

const notificationColumns = "n.id, n.user_id, n.event_id, n.kind, n.title, n.body, n.url, n.film_id, n.created_at, n.read_at"

func scanNotification(s scanner) (catalog.Notification, error) {
	var n catalog.Notification
	var filmID sql.NullInt64
	err := s.Scan(&n.ID, &n.UserID, &n.EventID, &n.Kind, &n.Title, &n.Body, &n.URL, &filmID, timeText{&n.CreatedAt}, timeText{&n.ReadAt})
	n.FilmID = filmID.Int64
	return n, err
}

// CreateNotification stores n unless the user has one for the event.
func (q *queries) CreateNotification(ctx context.Context, n *catalog.Notification) error {
	err := q.queryRow(ctx, `INSERT INTO notifications (user_id, event_id, kind, title, body, url, film_id, created_at, read_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL) ON CONFLICT (user_id, event_id) DO NOTHING RETURNING id`,
		n.UserID, n.EventID, string(n.Kind), n.Title, n.Body, n.URL, nullID(n.FilmID), formatTime(n.CreatedAt)).Scan(&n.ID)
	if errors.Is(err, sql.ErrNoRows) {
		n.ID = 0
		return nil
	}
	return q.dbError(err)
}

// ListNotifications returns the user's notifications, newest first.
func (q *queries) ListNotifications(ctx context.Context, userID int64, unreadOnly bool, limit int) ([]catalog.Notification, error) {
	cond := ""
	if unreadOnly {
		cond = " AND n.read_at IS NULL"
	}
	if limit <= 0 || limit > catalog.MaxPageLimit {
		limit = catalog.DefaultPageLimit
	}
	return queryAll(ctx, q, scanNotification, "SELECT "+notificationColumns+" FROM notifications n WHERE n.user_id = ?"+cond+" ORDER BY n.id DESC LIMIT ?", userID, limit)
}

// MarkNotificationRead marks the user's notification read; another
// user's is not found.
func (q *queries) MarkNotificationRead(ctx context.Context, userID, id int64, at time.Time) error {
	return q.write(ctx, func(q *queries) error {
		return q.execAffecting(ctx, "notification", id, "UPDATE notifications SET read_at = COALESCE(read_at, ?) WHERE id = ? AND user_id = ?",
			formatTime(at), id, userID)
	})
}

const channelColumns = "c.id, c.user_id, c.kind, c.target, c.secret, c.enabled, c.last_error, c.last_error_at, c.created_at"

func scanChannel(s scanner) (catalog.Channel, error) {
	var c catalog.Channel
	err := s.Scan(&c.ID, &c.UserID, &c.Kind, &c.Target, &c.Secret, &c.Enabled, &c.LastError, timeText{&c.LastErrorAt}, timeText{&c.CreatedAt})
	return c, err
}

func (q *queries) CreateChannel(ctx context.Context, c *catalog.Channel) error {
	return q.write(ctx, func(q *queries) error {
		id, err := q.insert(ctx, `INSERT INTO channels (user_id, kind, target, secret, enabled, last_error, last_error_at, created_at)
			VALUES (?, ?, ?, ?, ?, '', NULL, ?)`, c.UserID, c.Kind, c.Target, c.Secret, c.Enabled, formatTime(c.CreatedAt))
		if err != nil {
			return q.writeError(err)
		}
		c.ID = id
		return nil
	})
}

// ListChannels returns the user's channels by ID.
func (q *queries) ListChannels(ctx context.Context, userID int64) ([]catalog.Channel, error) {
	return queryAll(ctx, q, scanChannel, "SELECT "+channelColumns+" FROM channels c WHERE c.user_id = ? ORDER BY c.id", userID)
}

func (q *queries) DeleteChannel(ctx context.Context, userID, id int64) error {
	return q.write(ctx, func(q *queries) error {
		return q.execAffecting(ctx, "channel", id, "DELETE FROM channels WHERE id = ? AND user_id = ?", id, userID)
	})
}

const deliveryColumns = "d.id, d.notification_id, d.channel_id, d.idempotency_key, d.status, d.attempts, d.next_attempt_at, d.last_error, d.created_at, d.delivered_at"

func scanDelivery(s scanner) (catalog.Delivery, error) {
	var d catalog.Delivery
	err := s.Scan(deliveryDest(&d)...)
	return d, err
}

func deliveryDest(d *catalog.Delivery) []any {
	return []any{&d.ID, &d.NotificationID, &d.ChannelID, &d.IdempotencyKey, &d.Status, &d.Attempts,
		timeText{&d.NextAttemptAt}, &d.LastError, timeText{&d.CreatedAt}, timeText{&d.DeliveredAt}}
}

// CreateDelivery stores d; a delivery with the same idempotency key is
// skipped (ID stays 0).
func (q *queries) CreateDelivery(ctx context.Context, d *catalog.Delivery) error {
	err := q.queryRow(ctx, `INSERT INTO deliveries (notification_id, channel_id, idempotency_key, status, attempts,
		next_attempt_at, locked_until, last_error, created_at, delivered_at)
		VALUES (?, ?, ?, ?, 0, ?, NULL, '', ?, NULL) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
		d.NotificationID, d.ChannelID, d.IdempotencyKey, d.Status, formatTime(d.NextAttemptAt), formatTime(d.CreatedAt)).Scan(&d.ID)
	if errors.Is(err, sql.ErrNoRows) {
		d.ID = 0
		return nil
	}
	return q.dbError(err)
}

// ClaimDeliveries leases due deliveries; see catalog.AccountQueries.
func (q *queries) ClaimDeliveries(ctx context.Context, now, leaseUntil time.Time, limit int) ([]catalog.DeliveryJob, error) {
	var jobs []catalog.DeliveryJob
	err := q.write(ctx, func(q *queries) error {
		n := formatTime(now)
		ids, err := queryAll(ctx, q, func(s scanner) (int64, error) {
			var id int64
			err := s.Scan(&id)
			return id, err
		}, `UPDATE deliveries SET locked_until = ?, attempts = attempts + 1
			WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= ?
				AND (locked_until IS NULL OR locked_until <= ?) ORDER BY next_attempt_at, id LIMIT ?`+q.skipLocked()+`)
			RETURNING id`, formatTime(leaseUntil), n, n, limit)
		if err != nil || len(ids) == 0 {
			return err
		}
		args := make([]any, len(ids))
		for i, id := range ids {
			args[i] = id
		}
		jobs, err = queryAll(ctx, q, func(s scanner) (catalog.DeliveryJob, error) {
			var j catalog.DeliveryJob
			var filmID sql.NullInt64
			c, nt, u := &j.Channel, &j.Notification, &j.User
			dest := append(deliveryDest(&j.Delivery),
				&c.ID, &c.UserID, &c.Kind, &c.Target, &c.Secret, &c.Enabled, &c.LastError, timeText{&c.LastErrorAt}, timeText{&c.CreatedAt},
				&nt.ID, &nt.UserID, &nt.EventID, &nt.Kind, &nt.Title, &nt.Body, &nt.URL, &filmID, timeText{&nt.CreatedAt}, timeText{&nt.ReadAt},
				&u.ID, &u.Username, &u.Settings.TimeZone)
			err := s.Scan(dest...)
			nt.FilmID = filmID.Int64
			return j, err
		}, "SELECT "+deliveryColumns+", "+channelColumns+", "+notificationColumns+`, u.id, u.username, u.time_zone
			FROM deliveries d JOIN channels c ON c.id = d.channel_id JOIN notifications n ON n.id = d.notification_id
			JOIN users u ON u.id = n.user_id
			WHERE d.id IN (`+placeholders(len(ids))+") ORDER BY d.id", args...)
		return err
	})
	return jobs, err
}

// FinishDelivery records the outcome of an attempt and, on failure, the
// channel's last error.
func (q *queries) FinishDelivery(ctx context.Context, id int64, status string, next time.Time, lastErr string, at time.Time) error {
	lastErr = truncateText(lastErr, 1000)
	return q.write(ctx, func(q *queries) error {
		var delivered any
		if status == catalog.DeliveryDelivered {
			delivered = formatTime(at)
		}
		err := q.execAffecting(ctx, "delivery", id, `UPDATE deliveries SET status = ?, next_attempt_at = ?, last_error = ?,
			locked_until = NULL, delivered_at = ? WHERE id = ?`, status, formatTime(next), lastErr, delivered, id)
		if err != nil || lastErr == "" {
			return err
		}
		_, err = q.exec(ctx, `UPDATE channels SET last_error = ?, last_error_at = ?
			WHERE id = (SELECT channel_id FROM deliveries WHERE id = ?)`, lastErr, formatTime(at), id)
		return q.dbError(err)
	})
}

// ListDeliveries returns the user's latest deliveries, newest first.
func (q *queries) ListDeliveries(ctx context.Context, userID int64, limit int) ([]catalog.Delivery, error) {
	if limit <= 0 || limit > catalog.MaxPageLimit {
		limit = catalog.DefaultPageLimit
	}
	return queryAll(ctx, q, scanDelivery, "SELECT "+deliveryColumns+` FROM deliveries d JOIN channels c ON c.id = d.channel_id
		WHERE c.user_id = ? ORDER BY d.id DESC LIMIT ?`, userID, limit)
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
