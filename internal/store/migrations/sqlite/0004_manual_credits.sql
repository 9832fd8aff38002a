-- The credits made by hand or from articles (those without an IMDb key):
-- a small index the IMDb import probes for every credit it writes, to
-- leave a credit the catalog already has alone. Keep in step with the
-- other dialect's 0004_manual_credits.sql.
CREATE INDEX credits_manual_idx ON credits (film_id, person_id, department) WHERE imdb_key IS NULL;
