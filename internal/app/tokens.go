package app

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// tokenPrefix starts every Marquee API token, so leaked tokens are easy
// to recognize (and to scan for).
const tokenPrefix = "mqt_"

// NewToken is a freshly created token with its secret, which is shown
// once and never stored.
type NewToken struct {
	Token  catalog.APIToken
	Secret string
}

// CreateToken makes a new admin API token named name.
func (s *Service) CreateToken(ctx context.Context, name string) (NewToken, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return NewToken{}, catalog.Invalid("name", "is required")
	}
	if len(name) > 100 {
		return NewToken{}, catalog.Invalid("name", "is longer than 100 bytes")
	}
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return NewToken{}, err
	}
	secret := tokenPrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	t := catalog.APIToken{
		Name:      name,
		Hash:      hashToken(secret),
		Prefix:    secret[:len(tokenPrefix)+6],
		Scope:     "admin",
		CreatedAt: s.now(),
	}
	err := s.store.WithTx(ctx, func(q catalog.Queries) error { return q.CreateToken(ctx, &t) })
	return NewToken{Token: t, Secret: secret}, err
}

// ListTokens lists every token, revoked ones included.
func (s *Service) ListTokens(ctx context.Context) ([]catalog.APIToken, error) {
	return s.store.ListTokens(ctx)
}

// RevokeToken revokes a token at once.
func (s *Service) RevokeToken(ctx context.Context, id int64) error {
	return s.store.WithTx(ctx, func(q catalog.Queries) error { return q.RevokeToken(ctx, id, s.now()) })
}

// Authenticate returns the active token whose secret is given, or a
// KindUnauthorized error.
func (s *Service) Authenticate(ctx context.Context, secret string) (catalog.APIToken, error) {
	unauthorized := &catalog.Error{Kind: catalog.KindUnauthorized, Message: "invalid or revoked API token"}
	if !strings.HasPrefix(secret, tokenPrefix) || len(secret) > 200 {
		return catalog.APIToken{}, unauthorized
	}
	h := hashToken(secret)
	t, err := s.store.GetTokenByHash(ctx, h)
	if catalog.IsKind(err, catalog.KindNotFound) {
		return catalog.APIToken{}, unauthorized
	}
	if err != nil {
		return catalog.APIToken{}, err
	}
	if subtle.ConstantTimeCompare([]byte(t.Hash), []byte(h)) != 1 || !t.Active() {
		return catalog.APIToken{}, unauthorized
	}
	return t, nil
}

func hashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}
