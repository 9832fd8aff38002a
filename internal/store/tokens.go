package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

const tokenColumns = "t.id, t.name, t.hash, t.prefix, t.scope, t.created_at, t.last_used_at, t.revoked_at, t.user_id"

func scanToken(s scanner) (catalog.APIToken, error) {
	var t catalog.APIToken
	var userID sql.NullInt64
	err := s.Scan(&t.ID, &t.Name, &t.Hash, &t.Prefix, &t.Scope,
		timeText{&t.CreatedAt}, timeText{&t.LastUsedAt}, timeText{&t.RevokedAt}, &userID)
	t.UserID = userID.Int64
	return t, err
}

// CreateToken stores t and sets its ID. The hash must be unique.
func (q *queries) CreateToken(ctx context.Context, t *catalog.APIToken) error {
	if t.Hash == "" {
		return catalog.Invalid("hash", "is required")
	}
	return q.write(ctx, func(q *queries) error {
		id, err := q.insert(ctx, `INSERT INTO api_tokens (name, hash, prefix, scope, created_at, last_used_at, revoked_at, user_id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			t.Name, t.Hash, t.Prefix, t.Scope, formatTime(t.CreatedAt), nullTime(t.LastUsedAt), nullTime(t.RevokedAt), nullID(t.UserID))
		if err != nil {
			return q.writeError(err, unique("hash", "a token with this hash already exists"))
		}
		t.ID = id
		return nil
	})
}

// GetTokenByHash returns the token with the hash, revoked or not.
func (q *queries) GetTokenByHash(ctx context.Context, hash string) (catalog.APIToken, error) {
	return queryOne(ctx, q, scanToken, "token with hash", hash, "SELECT "+tokenColumns+" FROM api_tokens t WHERE t.hash = ?", hash)
}

// ListTokens returns every token, oldest first.
func (q *queries) ListTokens(ctx context.Context) ([]catalog.APIToken, error) {
	return queryAll(ctx, q, scanToken, "SELECT "+tokenColumns+" FROM api_tokens t ORDER BY t.id")
}

// RevokeToken marks the token revoked at at; a token revoked before
// keeps its first revocation time.
func (q *queries) RevokeToken(ctx context.Context, id int64, at time.Time) error {
	return q.write(ctx, func(q *queries) error {
		return q.execAffecting(ctx, "token", id, "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?",
			formatTime(at), id)
	})
}

// TouchToken records that the token was used at at.
func (q *queries) TouchToken(ctx context.Context, id int64, at time.Time) error {
	return q.write(ctx, func(q *queries) error {
		return q.execAffecting(ctx, "token", id, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", formatTime(at), id)
	})
}
