package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Accounts: local users with bcrypt password hashes, sessions kept in
// the database as SHA-256 hashes of their cookie, personal API tokens
// with scopes, and one read-only feed token per user.
//
// bcrypt comes from golang.org/x/crypto, maintained by the Go team: the
// standard library has no password KDF (crypto/pbkdf2 is not memory- or
// cost-hard enough for passwords), and bcrypt's cost is tunable in tests.

// Secret prefixes, so leaked secrets are easy to recognize.
const (
	sessionPrefix = "mqs_"
	feedPrefix    = "mqf_"
)

// Account limits.
const (
	SessionLifetime   = 30 * 24 * time.Hour
	MinPasswordLength = 10
	maxPasswordBytes  = 72 // bcrypt's limit
	loginWindow       = 15 * time.Minute
	maxUserFailures   = 5  // failed sign-ins per username per window
	maxClientFailures = 20 // failed sign-ins per client address per window
)

// ErrLoginLimited is returned by Login while too many recent sign-ins
// failed for the username or the client.
var ErrLoginLimited = &catalog.Error{Kind: catalog.KindForbidden, Message: "too many failed sign-ins; wait a few minutes and try again"}

// accountState is the Service's account configuration and in-memory
// login limiter.
type accountState struct {
	cost        int
	limiter     *loginLimiter
	checkTarget func(ctx context.Context, kind, target string) error
}

func newAccountState() *accountState {
	return &accountState{cost: bcrypt.DefaultCost, limiter: &loginLimiter{failures: map[string][]time.Time{}}}
}

// WithPasswordCost sets the bcrypt cost of new password hashes (tests
// use bcrypt.MinCost).
func WithPasswordCost(cost int) Option { return func(s *Service) { s.accounts.cost = cost } }

// WithChannelCheck sets the check a delivery channel's target must pass
// when it is added (see notify.Registry.Check).
func WithChannelCheck(check func(ctx context.Context, kind, target string) error) Option {
	return func(s *Service) { s.accounts.checkTarget = check }
}

// loginLimiter counts failed sign-ins per key in a sliding window.
type loginLimiter struct {
	mu       sync.Mutex
	failures map[string][]time.Time
}

func (l *loginLimiter) recent(key string, now time.Time) int {
	kept := l.failures[key][:0]
	for _, t := range l.failures[key] {
		if now.Sub(t) < loginWindow {
			kept = append(kept, t)
		}
	}
	if len(kept) == 0 {
		delete(l.failures, key)
		return 0
	}
	l.failures[key] = kept
	return len(kept)
}

func (l *loginLimiter) limited(userKey, clientKey string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.recent(userKey, now) >= maxUserFailures || (clientKey != "" && l.recent(clientKey, now) >= maxClientFailures)
}

func (l *loginLimiter) fail(userKey, clientKey string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.failures[userKey] = append(l.failures[userKey], now)
	if clientKey != "" {
		l.failures[clientKey] = append(l.failures[clientKey], now)
	}
}

func (l *loginLimiter) reset(userKey string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, userKey)
}

func validUsername(name string) error {
	if name == "" {
		return catalog.Invalid("username", "is required")
	}
	if len(name) > 50 {
		return catalog.Invalid("username", "is longer than 50 characters")
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-' || r == '.') {
			return catalog.Invalid("username", "may hold only letters, digits, '.', '-' and '_'")
		}
	}
	return nil
}

func validPassword(field, pw string) error {
	switch {
	case !utf8.ValidString(pw) || strings.ContainsRune(pw, 0):
		return catalog.Invalid(field, "is not valid text")
	case utf8.RuneCountInString(pw) < MinPasswordLength:
		return catalog.Invalid(field, "must be at least %d characters", MinPasswordLength)
	case len(pw) > maxPasswordBytes:
		return catalog.Invalid(field, "must be at most %d bytes", maxPasswordBytes)
	}
	return nil
}

func (s *Service) hashPassword(pw string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), s.accounts.cost)
	return string(h), err
}

// CreateUser makes a local account.
func (s *Service) CreateUser(ctx context.Context, username, password string, admin bool) (catalog.User, error) {
	username = strings.TrimSpace(username)
	if err := validUsername(username); err != nil {
		return catalog.User{}, err
	}
	if err := validPassword("password", password); err != nil {
		return catalog.User{}, err
	}
	hash, err := s.hashPassword(password)
	if err != nil {
		return catalog.User{}, err
	}
	u := catalog.User{Username: username, PasswordHash: hash, Admin: admin, CreatedAt: s.now(), UpdatedAt: s.now()}
	u.Settings.Normalize()
	err = s.store.WithTx(ctx, func(q catalog.Queries) error { return q.CreateUser(ctx, &u) })
	return u, err
}

// User returns one user.
func (s *Service) User(ctx context.Context, id int64) (catalog.User, error) {
	return s.store.GetUser(ctx, id)
}

// ListUsers returns every user.
func (s *Service) ListUsers(ctx context.Context) ([]catalog.User, error) {
	return s.store.ListUsers(ctx)
}

// dummyHash is compared against when the username is unknown, so a
// failed sign-in takes as long whether or not the user exists.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("marquee-no-such-user"), bcrypt.DefaultCost)

var errBadLogin = &catalog.Error{Kind: catalog.KindUnauthorized, Message: "wrong username or password"}

// Login checks a username and password and starts a session. client
// (the remote address) adds a per-client limit to the per-user one.
func (s *Service) Login(ctx context.Context, username, password, client string) (catalog.User, string, error) {
	now := s.clock.Now()
	userKey := "u:" + catalog.FoldText(strings.TrimSpace(username))
	clientKey := ""
	if client != "" {
		clientKey = "c:" + client
	}
	lim := s.accounts.limiter
	if lim.limited(userKey, clientKey, now) {
		return catalog.User{}, "", ErrLoginLimited
	}
	u, err := s.store.GetUserByUsername(ctx, strings.TrimSpace(username))
	if err != nil && !catalog.IsKind(err, catalog.KindNotFound) {
		return catalog.User{}, "", err
	}
	hash := dummyHash
	if err == nil {
		hash = []byte(u.PasswordHash)
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || err != nil {
		lim.fail(userKey, clientKey, now)
		return catalog.User{}, "", errBadLogin
	}
	lim.reset(userKey)
	secret, err := s.startSession(ctx, u.ID)
	return u, secret, err
}

func newSecret(prefix string) (string, error) {
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", err
	}
	return prefix + base64.RawURLEncoding.EncodeToString(raw[:]), nil
}

func (s *Service) startSession(ctx context.Context, userID int64) (string, error) {
	secret, err := newSecret(sessionPrefix)
	if err != nil {
		return "", err
	}
	sess := catalog.Session{UserID: userID, Hash: hashToken(secret), CreatedAt: s.now(), ExpiresAt: s.now().Add(SessionLifetime)}
	err = s.store.WithTx(ctx, func(q catalog.Queries) error { return q.CreateSession(ctx, &sess) })
	return secret, err
}

var errNoSession = &catalog.Error{Kind: catalog.KindUnauthorized, Message: "sign in first"}

// SessionUser returns the user of a session cookie's secret.
func (s *Service) SessionUser(ctx context.Context, secret string) (catalog.User, error) {
	if !strings.HasPrefix(secret, sessionPrefix) || len(secret) > 200 {
		return catalog.User{}, errNoSession
	}
	sess, err := s.store.GetSessionByHash(ctx, hashToken(secret))
	if catalog.IsKind(err, catalog.KindNotFound) || err == nil && !s.now().Before(sess.ExpiresAt) {
		return catalog.User{}, errNoSession
	}
	if err != nil {
		return catalog.User{}, err
	}
	return s.store.GetUser(ctx, sess.UserID)
}

// Logout ends the session with the secret.
func (s *Service) Logout(ctx context.Context, secret string) error {
	if secret == "" {
		return nil
	}
	return s.store.WithTx(ctx, func(q catalog.Queries) error { return q.DeleteSession(ctx, hashToken(secret)) })
}

// ChangePassword replaces the user's password after checking the
// current one, and ends every other session of the user.
func (s *Service) ChangePassword(ctx context.Context, userID int64, current, next, keepSession string) error {
	u, err := s.store.GetUser(ctx, userID)
	if err != nil {
		return err
	}
	if bcrypt.CompareHashAndPassword([]byte(u.PasswordHash), []byte(current)) != nil {
		return catalog.Invalid("current_password", "is not your current password")
	}
	if err := validPassword("new_password", next); err != nil {
		return err
	}
	hash, err := s.hashPassword(next)
	if err != nil {
		return err
	}
	keep := ""
	if keepSession != "" {
		keep = hashToken(keepSession)
	}
	return s.store.WithTx(ctx, func(q catalog.Queries) error {
		if err := q.SetPassword(ctx, userID, hash, s.now()); err != nil {
			return err
		}
		return q.DeleteSessionsOfUser(ctx, userID, keep)
	})
}

// SetPassword replaces a user's password without the current one (for
// the command line).
func (s *Service) SetPassword(ctx context.Context, username, password string) error {
	u, err := s.store.GetUserByUsername(ctx, username)
	if err != nil {
		return err
	}
	if err := validPassword("password", password); err != nil {
		return err
	}
	hash, err := s.hashPassword(password)
	if err != nil {
		return err
	}
	return s.store.WithTx(ctx, func(q catalog.Queries) error {
		if err := q.SetPassword(ctx, u.ID, hash, s.now()); err != nil {
			return err
		}
		return q.DeleteSessionsOfUser(ctx, u.ID, "")
	})
}

// CreatePersonalToken makes an API token of the user with a scope. Only
// admins get admin tokens.
func (s *Service) CreatePersonalToken(ctx context.Context, u catalog.User, name, scope string) (NewToken, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return NewToken{}, catalog.Invalid("name", "is required")
	case len(name) > 100:
		return NewToken{}, catalog.Invalid("name", "is longer than 100 bytes")
	case scope != catalog.ScopeRead && scope != catalog.ScopeWrite && scope != catalog.ScopeAdmin:
		return NewToken{}, catalog.Invalid("scope", "%q is not read, write or admin", scope)
	case scope == catalog.ScopeAdmin && !u.Admin:
		return NewToken{}, &catalog.Error{Kind: catalog.KindForbidden, Field: "scope", Message: "only admins may create admin tokens"}
	}
	secret, err := newSecret(tokenPrefix)
	if err != nil {
		return NewToken{}, err
	}
	t := catalog.APIToken{Name: name, Hash: hashToken(secret), Prefix: secret[:len(tokenPrefix)+6], Scope: scope, UserID: u.ID, CreatedAt: s.now()}
	err = s.store.WithTx(ctx, func(q catalog.Queries) error { return q.CreateToken(ctx, &t) })
	return NewToken{Token: t, Secret: secret}, err
}

// PersonalTokens lists the user's tokens, revoked ones included.
func (s *Service) PersonalTokens(ctx context.Context, userID int64) ([]catalog.APIToken, error) {
	return s.store.ListTokensOfUser(ctx, userID)
}

// RevokePersonalToken revokes one of the user's tokens at once; another
// user's token is not found.
func (s *Service) RevokePersonalToken(ctx context.Context, userID, id int64) error {
	return s.store.WithTx(ctx, func(q catalog.Queries) error {
		toks, err := q.ListTokensOfUser(ctx, userID)
		if err != nil {
			return err
		}
		for _, t := range toks {
			if t.ID == id {
				return q.RevokeToken(ctx, id, s.now())
			}
		}
		return catalog.NotFound("token", id)
	})
}

// TokenUser returns the user an API token belongs to.
func (s *Service) TokenUser(ctx context.Context, t catalog.APIToken) (catalog.User, error) {
	if t.UserID == 0 {
		return catalog.User{}, &catalog.Error{Kind: catalog.KindForbidden, Message: "this API token belongs to no user; create a personal token"}
	}
	return s.store.GetUser(ctx, t.UserID)
}

// NewFeedToken replaces the user's feed token and returns its secret,
// shown once. The old feed URLs stop working at once.
func (s *Service) NewFeedToken(ctx context.Context, userID int64) (string, error) {
	secret, err := newSecret(feedPrefix)
	if err != nil {
		return "", err
	}
	err = s.store.WithTx(ctx, func(q catalog.Queries) error {
		return q.SetFeedToken(ctx, userID, hashToken(secret), secret[:len(feedPrefix)+6], s.now())
	})
	return secret, err
}

// RevokeFeedToken removes the user's feed token.
func (s *Service) RevokeFeedToken(ctx context.Context, userID int64) error {
	return s.store.WithTx(ctx, func(q catalog.Queries) error { return q.SetFeedToken(ctx, userID, "", "", s.now()) })
}

// FeedUser returns the user of a feed token. It grants reading the
// user's personal feeds and nothing else.
func (s *Service) FeedUser(ctx context.Context, secret string) (catalog.User, error) {
	bad := &catalog.Error{Kind: catalog.KindUnauthorized, Message: "invalid or revoked feed token"}
	if !strings.HasPrefix(secret, feedPrefix) || len(secret) > 200 {
		return catalog.User{}, bad
	}
	u, err := s.store.GetUserByFeedHash(ctx, hashToken(secret))
	if catalog.IsKind(err, catalog.KindNotFound) {
		return catalog.User{}, bad
	}
	return u, err
}

// UpdateSettings replaces the user's alert settings.
func (s *Service) UpdateSettings(ctx context.Context, userID int64, st catalog.UserSettings) (catalog.UserSettings, error) {
	st.Normalize()
	if err := st.Validate(); err != nil {
		return st, err
	}
	err := s.store.WithTx(ctx, func(q catalog.Queries) error { return q.UpdateSettings(ctx, userID, st, s.now()) })
	return st, err
}

// IsLoginLimited reports whether err is the login limiter's refusal.
func IsLoginLimited(err error) bool { return errors.Is(err, ErrLoginLimited) }
