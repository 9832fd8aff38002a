-- Accounts, follows and alerts, SQLite dialect. Keep in step with
-- ../postgres/0003_accounts.sql.
--
-- Passwords are bcrypt hashes; session cookies, API tokens and feed
-- tokens are kept only as hex SHA-256 hashes of their secrets.
-- events is the transactional outbox: rows are written in the same
-- transaction as the catalog change that causes them, then routed into
-- notifications (one per user) and deliveries (one per channel).

CREATE TABLE users (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    username            TEXT    NOT NULL,
    username_fold       TEXT    NOT NULL UNIQUE,
    password_hash       TEXT    NOT NULL,
    is_admin            BOOLEAN NOT NULL,
    home_country        TEXT    NOT NULL,
    time_zone           TEXT    NOT NULL,
    formats             TEXT    NOT NULL,
    delivery            TEXT    NOT NULL,
    feed_token_hash     TEXT    UNIQUE,
    feed_token_prefix   TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);

CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    hash       TEXT    NOT NULL UNIQUE,
    created_at TEXT    NOT NULL,
    expires_at TEXT    NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Tokens made by `marquee token create` belong to no user and are admin
-- tokens; personal tokens name their user.
ALTER TABLE api_tokens ADD COLUMN user_id INTEGER REFERENCES users (id) ON DELETE CASCADE;
UPDATE api_tokens SET scope = 'admin' WHERE user_id IS NULL;
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE follows (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    target_id  INTEGER NOT NULL,
    types      TEXT    NOT NULL,
    formats    TEXT    NOT NULL,
    countries  TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    UNIQUE (user_id, kind, target_id)
);
CREATE INDEX follows_target_idx ON follows (kind, target_id);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT    NOT NULL,
    film_id    INTEGER,
    dedupe_key TEXT    UNIQUE,
    payload    TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    routed_at  TEXT
);
CREATE INDEX events_unrouted_idx ON events (routed_at, id);

CREATE TABLE notifications (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_id   INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    url        TEXT    NOT NULL,
    film_id    INTEGER,
    created_at TEXT    NOT NULL,
    read_at    TEXT,
    UNIQUE (user_id, event_id)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id);

CREATE TABLE channels (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL,
    target        TEXT    NOT NULL,
    secret        TEXT    NOT NULL,
    enabled       BOOLEAN NOT NULL,
    last_error    TEXT    NOT NULL,
    last_error_at TEXT,
    created_at    TEXT    NOT NULL
);
CREATE INDEX channels_user_idx ON channels (user_id);

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    notification_id INTEGER NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    channel_id      INTEGER NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    idempotency_key TEXT    NOT NULL UNIQUE,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at TEXT    NOT NULL,
    locked_until    TEXT,
    last_error      TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    delivered_at    TEXT
);
CREATE INDEX deliveries_due_idx ON deliveries (status, next_attempt_at);
CREATE INDEX deliveries_channel_idx ON deliveries (channel_id);
