package store

import (
	"context"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Users, sessions and personal tokens. Secrets are never stored: the
// password as a bcrypt hash, session and feed tokens as SHA-256 hashes.

const userColumns = `u.id, u.username, u.password_hash, u.is_admin, u.home_country, u.time_zone,
	u.formats, u.delivery, u.feed_token_prefix, u.created_at, u.updated_at`

func scanUser(s scanner) (catalog.User, error) {
	var u catalog.User
	err := s.Scan(&u.ID, &u.Username, &u.PasswordHash, &u.Admin, &u.Settings.HomeCountry, &u.Settings.TimeZone,
		jsonCol(&u.Settings.Formats), &u.Settings.Delivery, &u.FeedPrefix, timeText{&u.CreatedAt}, timeText{&u.UpdatedAt})
	return u, err
}

// CreateUser stores u and sets its ID. Usernames are unique regardless
// of case.
func (q *queries) CreateUser(ctx context.Context, u *catalog.User) error {
	if u.PasswordHash == "" {
		return catalog.Invalid("password", "is required")
	}
	return q.write(ctx, func(q *queries) error {
		id, err := q.insert(ctx, `INSERT INTO users (username, username_fold, password_hash, is_admin, home_country, time_zone,
			formats, delivery, feed_token_hash, feed_token_prefix, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, '', ?, ?)`,
			u.Username, catalog.FoldText(u.Username), u.PasswordHash, u.Admin, u.Settings.HomeCountry, u.Settings.TimeZone,
			jsonList(u.Settings.Formats), u.Settings.Delivery, formatTime(u.CreatedAt), formatTime(u.UpdatedAt))
		if err != nil {
			return q.writeError(err, unique("username_fold", "the username %q is taken", u.Username))
		}
		u.ID = id
		return nil
	})
}

func (q *queries) GetUser(ctx context.Context, id int64) (catalog.User, error) {
	return queryOne(ctx, q, scanUser, "user", id, "SELECT "+userColumns+" FROM users u WHERE u.id = ?", id)
}

// GetUserByUsername finds a user by name, ignoring case.
func (q *queries) GetUserByUsername(ctx context.Context, username string) (catalog.User, error) {
	return queryOne(ctx, q, scanUser, "user", username, "SELECT "+userColumns+" FROM users u WHERE u.username_fold = ?", catalog.FoldText(username))
}

// GetUserByFeedHash finds the user whose feed token has the hash.
func (q *queries) GetUserByFeedHash(ctx context.Context, hash string) (catalog.User, error) {
	return queryOne(ctx, q, scanUser, "feed token", "", "SELECT "+userColumns+" FROM users u WHERE u.feed_token_hash = ?", hash)
}

// ListUsers returns every user by ID.
func (q *queries) ListUsers(ctx context.Context) ([]catalog.User, error) {
	return queryAll(ctx, q, scanUser, "SELECT "+userColumns+" FROM users u ORDER BY u.id")
}

func (q *queries) SetPassword(ctx context.Context, userID int64, hash string, at time.Time) error {
	return q.write(ctx, func(q *queries) error {
		return q.execAffecting(ctx, "user", userID, "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, formatTime(at), userID)
	})
}

func (q *queries) UpdateSettings(ctx context.Context, userID int64, s catalog.UserSettings, at time.Time) error {
	return q.write(ctx, func(q *queries) error {
		return q.execAffecting(ctx, "user", userID, `UPDATE users SET home_country = ?, time_zone = ?, formats = ?, delivery = ?, updated_at = ?
			WHERE id = ?`, s.HomeCountry, s.TimeZone, jsonList(s.Formats), s.Delivery, formatTime(at), userID)
	})
}

// SetFeedToken replaces the user's feed token; an empty hash removes it.
func (q *queries) SetFeedToken(ctx context.Context, userID int64, hash, prefix string, at time.Time) error {
	return q.write(ctx, func(q *queries) error {
		err := q.execAffecting(ctx, "user", userID, "UPDATE users SET feed_token_hash = ?, feed_token_prefix = ?, updated_at = ? WHERE id = ?",
			nullText(hash), prefix, formatTime(at), userID)
		return q.writeError(err, unique("feed_token_hash", "a feed token with this hash already exists"))
	})
}

// ListTokensOfUser returns the user's API tokens, oldest first.
func (q *queries) ListTokensOfUser(ctx context.Context, userID int64) ([]catalog.APIToken, error) {
	return queryAll(ctx, q, scanToken, "SELECT "+tokenColumns+" FROM api_tokens t WHERE t.user_id = ? ORDER BY t.id", userID)
}

const sessionColumns = "s.id, s.user_id, s.hash, s.created_at, s.expires_at"

func scanSession(s scanner) (catalog.Session, error) {
	var v catalog.Session
	err := s.Scan(&v.ID, &v.UserID, &v.Hash, timeText{&v.CreatedAt}, timeText{&v.ExpiresAt})
	return v, err
}

func (q *queries) CreateSession(ctx context.Context, s *catalog.Session) error {
	return q.write(ctx, func(q *queries) error {
		id, err := q.insert(ctx, "INSERT INTO sessions (user_id, hash, created_at, expires_at) VALUES (?, ?, ?, ?)",
			s.UserID, s.Hash, formatTime(s.CreatedAt), formatTime(s.ExpiresAt))
		if err != nil {
			return q.writeError(err, unique("hash", "a session with this hash already exists"))
		}
		s.ID = id
		return nil
	})
}

func (q *queries) GetSessionByHash(ctx context.Context, hash string) (catalog.Session, error) {
	return queryOne(ctx, q, scanSession, "session", "", "SELECT "+sessionColumns+" FROM sessions s WHERE s.hash = ?", hash)
}

func (q *queries) DeleteSession(ctx context.Context, hash string) error {
	_, err := q.exec(ctx, "DELETE FROM sessions WHERE hash = ?", hash)
	return q.dbError(err)
}

func (q *queries) DeleteSessionsOfUser(ctx context.Context, userID int64, keepHash string) error {
	_, err := q.exec(ctx, "DELETE FROM sessions WHERE user_id = ? AND hash <> ?", userID, keepHash)
	return q.dbError(err)
}
