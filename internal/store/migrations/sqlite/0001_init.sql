-- Marquee catalog schema, SQLite dialect. Keep in step with
-- ../postgres/0001_init.sql: same tables, same columns, same meaning.
--
-- Conventions:
--   * Calendar dates are TEXT: partial dates in their canonical form
--     ('2022', '2022-03', '2022-03-15', 'TBA'), day bounds as 'YYYY-MM-DD'.
--   * Timestamps are TEXT, UTC, fixed width with nanoseconds
--     ('2024-05-06T07:08:09.123456000Z'), so they sort as text.
--   * *_fold columns hold catalog.FoldText of a name or title, for
--     case- and accent-insensitive search and ordering.
--   * Lists that are never filtered on are JSON arrays in TEXT columns.
--   * Optional references and external IDs are NULL when unknown.

CREATE TABLE films (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    slug                TEXT    NOT NULL UNIQUE,
    title               TEXT    NOT NULL,
    original_title      TEXT    NOT NULL,
    title_fold          TEXT    NOT NULL,
    original_title_fold TEXT    NOT NULL,
    year                INTEGER NOT NULL,
    runtime_minutes     INTEGER NOT NULL,
    synopsis            TEXT    NOT NULL,
    tagline             TEXT    NOT NULL,
    genres              TEXT    NOT NULL,
    status              TEXT    NOT NULL,
    imdb_id             TEXT    UNIQUE,
    tmdb_id             INTEGER UNIQUE,
    wikidata_id         TEXT    UNIQUE,
    trailers            TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);
CREATE INDEX films_title_fold_idx ON films (title_fold, id);
CREATE INDEX films_year_idx ON films (year);

CREATE TABLE people (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    slug           TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    sort_name      TEXT    NOT NULL,
    name_fold      TEXT    NOT NULL,
    sort_name_fold TEXT    NOT NULL,
    birth_year     INTEGER NOT NULL,
    death_year     INTEGER NOT NULL,
    imdb_id        TEXT    UNIQUE,
    tmdb_id        INTEGER UNIQUE,
    wikidata_id    TEXT    UNIQUE,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);
CREATE INDEX people_sort_name_fold_idx ON people (sort_name_fold, id);
CREATE INDEX people_name_fold_idx ON people (name_fold);

CREATE TABLE credits (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    film_id    INTEGER NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    department TEXT    NOT NULL,
    job        TEXT    NOT NULL,
    character  TEXT    NOT NULL,
    billing    INTEGER NOT NULL,
    note       TEXT    NOT NULL
);
CREATE INDEX credits_film_idx ON credits (film_id);
CREATE INDEX credits_person_idx ON credits (person_id);

CREATE TABLE organizations (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    name_fold  TEXT    NOT NULL,
    country    TEXT    NOT NULL,
    website    TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE INDEX organizations_name_fold_idx ON organizations (name_fold, id);

CREATE TABLE organization_kinds (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL,
    position        INTEGER NOT NULL,
    PRIMARY KEY (organization_id, kind)
);
CREATE INDEX organization_kinds_kind_idx ON organization_kinds (kind, organization_id);

CREATE TABLE festivals (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    slug       TEXT    NOT NULL UNIQUE,
    name       TEXT    NOT NULL,
    name_fold  TEXT    NOT NULL,
    country    TEXT    NOT NULL,
    city       TEXT    NOT NULL,
    website    TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
);
CREATE INDEX festivals_name_fold_idx ON festivals (name_fold, id);

CREATE TABLE festival_editions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    festival_id INTEGER NOT NULL REFERENCES festivals (id) ON DELETE RESTRICT,
    year        INTEGER NOT NULL,
    starts_on   TEXT    NOT NULL,
    ends_on     TEXT    NOT NULL,
    place       TEXT    NOT NULL,
    UNIQUE (festival_id, year)
);

CREATE TABLE releases (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    film_id             INTEGER NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    country             TEXT    NOT NULL,
    type                TEXT    NOT NULL,
    date_text           TEXT    NOT NULL,
    date_precision      INTEGER NOT NULL,
    date_first          TEXT,
    date_last           TEXT,
    status              TEXT    NOT NULL,
    distributor_id      INTEGER REFERENCES organizations (id) ON DELETE RESTRICT,
    festival_edition_id INTEGER REFERENCES festival_editions (id) ON DELETE RESTRICT,
    note                TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);
CREATE INDEX releases_film_idx ON releases (film_id);
CREATE INDEX releases_date_idx ON releases (date_first, date_precision);
CREATE INDEX releases_date_last_idx ON releases (date_last);
CREATE INDEX releases_type_idx ON releases (type);
CREATE INDEX releases_country_idx ON releases (country);
CREATE INDEX releases_status_idx ON releases (status);
CREATE INDEX releases_distributor_idx ON releases (distributor_id);
CREATE INDEX releases_festival_edition_idx ON releases (festival_edition_id);

CREATE TABLE editions (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    release_id         INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    label_id           INTEGER REFERENCES organizations (id) ON DELETE RESTRICT,
    name               TEXT    NOT NULL,
    regions            TEXT    NOT NULL,
    barcode            TEXT    NOT NULL,
    catalog_number     TEXT    NOT NULL,
    packaging          TEXT    NOT NULL,
    disc_count         INTEGER NOT NULL,
    price_amount       INTEGER NOT NULL,
    price_currency     TEXT    NOT NULL,
    limited_to         INTEGER NOT NULL,
    retailer_exclusive TEXT    NOT NULL,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);
CREATE INDEX editions_release_idx ON editions (release_id);
CREATE INDEX editions_label_idx ON editions (label_id);

CREATE TABLE edition_formats (
    edition_id INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    format     TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (edition_id, format)
);
CREATE INDEX edition_formats_format_idx ON edition_formats (format, edition_id);

CREATE TABLE extras (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    edition_id        INTEGER NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    kind              TEXT    NOT NULL,
    title             TEXT    NOT NULL,
    runtime_seconds   INTEGER NOT NULL,
    description       TEXT    NOT NULL,
    vintage           TEXT    NOT NULL,
    exclusive_formats TEXT    NOT NULL
);
CREATE INDEX extras_edition_idx ON extras (edition_id, position, id);

CREATE TABLE extra_participants (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    extra_id  INTEGER NOT NULL REFERENCES extras (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    role      TEXT    NOT NULL,
    position  INTEGER NOT NULL,
    UNIQUE (extra_id, person_id)
);
CREATE INDEX extra_participants_person_idx ON extra_participants (person_id);

CREATE TABLE selections (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    film_id             INTEGER NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    festival_edition_id INTEGER NOT NULL REFERENCES festival_editions (id) ON DELETE RESTRICT,
    section             TEXT    NOT NULL,
    premiere            TEXT    NOT NULL,
    note                TEXT    NOT NULL
);
CREATE INDEX selections_film_idx ON selections (film_id);
CREATE INDEX selections_festival_edition_idx ON selections (festival_edition_id);

CREATE TABLE award_bodies (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    name_fold   TEXT    NOT NULL,
    festival_id INTEGER REFERENCES festivals (id) ON DELETE RESTRICT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);
CREATE INDEX award_bodies_name_fold_idx ON award_bodies (name_fold, id);
CREATE INDEX award_bodies_festival_idx ON award_bodies (festival_id);

CREATE TABLE award_categories (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    award_body_id INTEGER NOT NULL REFERENCES award_bodies (id) ON DELETE RESTRICT,
    name          TEXT    NOT NULL,
    name_fold     TEXT    NOT NULL,
    person_award  BOOLEAN NOT NULL,
    UNIQUE (award_body_id, name)
);

CREATE TABLE nominations (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    category_id         INTEGER NOT NULL REFERENCES award_categories (id) ON DELETE RESTRICT,
    film_id             INTEGER NOT NULL REFERENCES films (id) ON DELETE CASCADE,
    person_id           INTEGER REFERENCES people (id) ON DELETE RESTRICT,
    year                INTEGER NOT NULL,
    ceremony            TEXT    NOT NULL,
    festival_edition_id INTEGER REFERENCES festival_editions (id) ON DELETE RESTRICT,
    result              TEXT    NOT NULL,
    note                TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);
CREATE INDEX nominations_category_idx ON nominations (category_id);
CREATE INDEX nominations_film_idx ON nominations (film_id);
CREATE INDEX nominations_person_idx ON nominations (person_id);
CREATE INDEX nominations_festival_edition_idx ON nominations (festival_edition_id);
CREATE INDEX nominations_result_idx ON nominations (result);

CREATE TABLE sources (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL,
    url          TEXT    NOT NULL,
    outlet       TEXT    NOT NULL,
    title        TEXT    NOT NULL,
    published_on TEXT    NOT NULL,
    retrieved_at TEXT,
    content_hash TEXT    NOT NULL,
    text         TEXT    NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX sources_created_idx ON sources (created_at, id);
CREATE INDEX sources_kind_idx ON sources (kind);
CREATE INDEX sources_content_hash_idx ON sources (content_hash);

-- Claims are polymorphic: (subject_type, subject_id) names any catalog
-- record. film_id is the film the fact belongs to; the film's claims go
-- with it. Claims about other records are deleted by the store together
-- with the record.
CREATE TABLE claims (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id    INTEGER NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
    subject_type TEXT    NOT NULL,
    subject_id   INTEGER NOT NULL,
    film_id      INTEGER REFERENCES films (id) ON DELETE CASCADE,
    field        TEXT    NOT NULL,
    value        TEXT    NOT NULL,
    span_start   INTEGER,
    span_end     INTEGER,
    confidence   REAL    NOT NULL,
    preferred    BOOLEAN NOT NULL,
    created_at   TEXT    NOT NULL
);
CREATE INDEX claims_subject_idx ON claims (subject_type, subject_id, field, id);
CREATE INDEX claims_film_idx ON claims (film_id);
CREATE INDEX claims_source_idx ON claims (source_id);

CREATE TABLE api_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    name         TEXT    NOT NULL,
    hash         TEXT    NOT NULL UNIQUE,
    prefix       TEXT    NOT NULL,
    scope        TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
