-- IMDb dataset import, SQLite dialect. Keep in step with
-- ../postgres/0002_imdb.sql.
--
-- imdb_* tables hold the parsed rows of the seven IMDb files, keyed by the
-- numeric part of the IMDb ID (tt0133093 -> 133093), checked and
-- normalized at the edge (valid UTF-8, no NUL, folded titles, genres as a
-- JSON list, characters as text). gen is the import run that last
-- inserted or changed the row; an import projects the rows with a newer
-- gen than it projected last into films, people and credits.
-- The tables have no secondary indexes: rows arrive in key order and are
-- only ever joined on their keys. The search index (FTS5) is built by the
-- import, not here.

CREATE TABLE imdb_titles (
    tconst              INTEGER PRIMARY KEY,
    title_type          TEXT    NOT NULL,
    primary_title       TEXT    NOT NULL,
    original_title      TEXT    NOT NULL,
    title_fold          TEXT    NOT NULL,
    original_title_fold TEXT    NOT NULL,
    slug                TEXT    NOT NULL,
    is_adult            BOOLEAN NOT NULL,
    start_year          INTEGER,
    end_year            INTEGER,
    runtime_minutes     INTEGER,
    genres              TEXT    NOT NULL,
    gen                 INTEGER NOT NULL,
    film_id             INTEGER,
    film_owned          BOOLEAN NOT NULL DEFAULT FALSE,
    linked_gen          INTEGER
);

CREATE TABLE imdb_names (
    nconst             INTEGER PRIMARY KEY,
    primary_name       TEXT    NOT NULL,
    sort_name          TEXT    NOT NULL,
    name_fold          TEXT    NOT NULL,
    sort_name_fold     TEXT    NOT NULL,
    slug               TEXT    NOT NULL,
    birth_year         INTEGER,
    death_year         INTEGER,
    primary_profession TEXT    NOT NULL,
    known_for_titles   TEXT    NOT NULL,
    gen                INTEGER NOT NULL,
    person_id          INTEGER,
    person_owned       BOOLEAN NOT NULL DEFAULT FALSE,
    linked_gen         INTEGER
);

CREATE TABLE imdb_akas (
    tconst      INTEGER NOT NULL,
    ordering    INTEGER NOT NULL,
    title       TEXT    NOT NULL,
    title_fold  TEXT    NOT NULL,
    region      TEXT    NOT NULL,
    language    TEXT    NOT NULL,
    types       TEXT    NOT NULL,
    attributes  TEXT    NOT NULL,
    is_original BOOLEAN,
    gen         INTEGER NOT NULL,
    PRIMARY KEY (tconst, ordering)
) WITHOUT ROWID;

CREATE TABLE imdb_principals (
    tconst     INTEGER NOT NULL,
    ordering   INTEGER NOT NULL,
    nconst     INTEGER NOT NULL,
    category   TEXT    NOT NULL,
    job        TEXT    NOT NULL,
    characters TEXT    NOT NULL,
    gen        INTEGER NOT NULL,
    PRIMARY KEY (tconst, ordering)
) WITHOUT ROWID;

CREATE TABLE imdb_crew (
    tconst    INTEGER PRIMARY KEY,
    directors TEXT    NOT NULL,
    writers   TEXT    NOT NULL,
    gen       INTEGER NOT NULL
);

CREATE TABLE imdb_episodes (
    tconst         INTEGER PRIMARY KEY,
    parent_tconst  INTEGER NOT NULL,
    season_number  INTEGER,
    episode_number INTEGER,
    gen            INTEGER NOT NULL
);

CREATE TABLE imdb_ratings (
    tconst         INTEGER PRIMARY KEY,
    average_rating REAL    NOT NULL,
    num_votes      INTEGER NOT NULL,
    gen            INTEGER NOT NULL
);

-- One row per import run. source_id is the dataset Source of the run's
-- claims (shared by runs over the same files).
CREATE TABLE imdb_imports (
    gen         INTEGER PRIMARY KEY,
    source_id   INTEGER REFERENCES sources (id) ON DELETE RESTRICT,
    status      TEXT    NOT NULL,
    title_types TEXT    NOT NULL,
    started_at  TEXT    NOT NULL,
    finished_at TEXT
);

-- Progress and outcome of each file of a run; lines_done is the last
-- committed line, where --resume continues.
CREATE TABLE imdb_import_files (
    gen        INTEGER NOT NULL,
    file       TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    lines_done INTEGER NOT NULL,
    inserted   INTEGER NOT NULL,
    updated    INTEGER NOT NULL,
    unchanged  INTEGER NOT NULL,
    rejected   INTEGER NOT NULL,
    message    TEXT    NOT NULL,
    PRIMARY KEY (gen, file)
);

-- The gen each projection step (films, people, credits) last applied.
CREATE TABLE imdb_projection (
    step TEXT    PRIMARY KEY,
    gen  INTEGER NOT NULL
);

CREATE TABLE imdb_rejects (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    gen     INTEGER NOT NULL,
    file    TEXT    NOT NULL,
    line    INTEGER NOT NULL,
    reason  TEXT    NOT NULL,
    content TEXT    NOT NULL
);
CREATE INDEX imdb_rejects_gen_idx ON imdb_rejects (gen, file, line);

-- Credits the dataset brought carry their principals key
-- (tconst * 10000 + ordering); hand-made credits have NULL.
ALTER TABLE credits ADD COLUMN imdb_key INTEGER;
CREATE UNIQUE INDEX credits_imdb_key_idx ON credits (imdb_key);
