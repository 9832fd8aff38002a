package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Search index. Two tables hold one entry per searchable name, numbered
// in popularity order (id 1 is the film with the most votes, the person
// with the most credits), with the folded text:
//
//	search_titles (id, film_id, text, votes): titles, original titles and
//	    alternative titles of every film except episodes
//	search_people (id, person_id, text, votes): names
//
// SQLite indexes them with FTS5 (external content, unicode61 with
// diacritics removed, prefix indexes for 2 to 5 characters, detail=none);
// PostgreSQL with a GIN full-text index and, when pg_trgm is available, a
// trigram index. Because ids follow popularity, "the first N matches in
// id order" is the N most popular matches: a query reads only as many
// index entries as it returns, even when a term matches a million rows,
// and never sorts the matches (on PostgreSQL, whose GIN index has no
// order, a term with fewer than pgFewMatches matches has them all read
// from the index and sorted; see pgSearchPhase). Exact matches come
// first, from a b-tree on (text, id).
//
// The index is rebuilt by each import that changed the catalog (in one
// transaction; readers see the old index until it commits). search_meta
// records the newest film and person it holds; Search matches the titles
// and names of newer records (from articles, by hand) directly. These tables
// are not in the migrations: they are derived data, dialect-specific,
// and rebuilt from the catalog at will.

// BuildSearchIndex rebuilds the search tables from the catalog.
func (s *Store) BuildSearchIndex(ctx context.Context) error {
	return s.inTx(ctx, func(q *queries) error { return q.buildSearchIndex(ctx, nil) })
}

// BuildSearchIndex rebuilds the search index on the run's connection.
func (r *IMDbRun) BuildSearchIndex(ctx context.Context) error {
	return r.tx(ctx, func(tx *sql.Tx) error {
		q := &queries{d: r.q.d, db: r.q.db, tx: tx}
		return q.buildSearchIndex(ctx, r.logSlow)
	})
}

// titleEntries selects (film_id, text, votes) for every film: the
// titles and alternative titles the dataset knows, episodes left out,
// and the titles and original titles of films the dataset does not know. Duplicates are
// removed by the GROUP BY around it.
func titleEntries(d *dialect) string {
	return `
	SELECT t.film_id AS film_id, f.title_fold AS text, COALESCE(r.num_votes, 0) AS votes
	FROM imdb_titles t JOIN films f ON f.id = t.film_id LEFT JOIN imdb_ratings r ON r.tconst = t.tconst
	WHERE t.film_id IS NOT NULL AND t.title_type <> 'tvEpisode'
	UNION ALL
	SELECT t.film_id, f.original_title_fold, COALESCE(r.num_votes, 0)
	FROM imdb_titles t JOIN films f ON f.id = t.film_id LEFT JOIN imdb_ratings r ON r.tconst = t.tconst
	WHERE t.film_id IS NOT NULL AND t.title_type <> 'tvEpisode' AND f.original_title_fold <> f.title_fold
	UNION ALL
	SELECT t.film_id, ` + foldOf(d, "a.title_fold", "a.title") + `, COALESCE(r.num_votes, 0)
	FROM imdb_akas a JOIN imdb_titles t ON t.tconst = a.tconst LEFT JOIN imdb_ratings r ON r.tconst = t.tconst
	WHERE t.film_id IS NOT NULL AND t.title_type <> 'tvEpisode'
	UNION ALL
	SELECT f.id, f.title_fold, 0 FROM films f
	WHERE NOT EXISTS (SELECT 1 FROM imdb_titles t WHERE t.film_id = f.id)
	UNION ALL
	SELECT f.id, f.original_title_fold, 0 FROM films f
	WHERE f.original_title_fold <> f.title_fold AND NOT EXISTS (SELECT 1 FROM imdb_titles t WHERE t.film_id = f.id)`
}

const peopleEntries = `
	SELECT x.id AS person_id, x.name_fold AS text,
	(SELECT count(*) FROM credits c WHERE c.person_id = x.id) AS votes
	FROM people x`

// buildSearchIndex rebuilds the index; each statement's time goes to
// timed, when not nil.
func (q *queries) buildSearchIndex(ctx context.Context, timed func(stmt string, elapsed time.Duration)) error {
	pg := q.d.name == "postgres"
	stmts := []string{
		"DROP TABLE IF EXISTS search_titles_fts",
		"DROP TABLE IF EXISTS search_people_fts",
		"DROP TABLE IF EXISTS search_titles",
		"DROP TABLE IF EXISTS search_people",
		"DROP TABLE IF EXISTS search_meta",
	}
	idType := "INTEGER PRIMARY KEY"
	if pg {
		idType = "BIGINT PRIMARY KEY"
	}
	// imdb_titles_film_id_idx (made by the import's film mapping) keeps
	// the lookup per hand-made film cheap.
	stmts = append(stmts,
		"CREATE TABLE search_titles (id "+idType+", film_id BIGINT NOT NULL, text TEXT NOT NULL, votes BIGINT NOT NULL)",
		"CREATE TABLE search_people (id "+idType+", person_id BIGINT NOT NULL, text TEXT NOT NULL, votes BIGINT NOT NULL)",
		`INSERT INTO search_titles (id, film_id, text, votes)
		SELECT row_number() OVER (ORDER BY votes DESC, film_id, text), film_id, text, votes
		FROM (SELECT film_id, text, MAX(votes) AS votes FROM (`+titleEntries(q.d)+`) e WHERE text <> '' GROUP BY film_id, text) g`,
		`INSERT INTO search_people (id, person_id, text, votes)
		SELECT row_number() OVER (ORDER BY votes DESC, person_id), person_id, text, votes FROM (`+peopleEntries+`) e`,
		// The newest film and person the index knows: Search also reads
		// the records made after it (from articles, by hand) directly.
		"CREATE TABLE search_meta (kind TEXT PRIMARY KEY, max_id BIGINT NOT NULL)",
		"INSERT INTO search_meta (kind, max_id) SELECT 'film', COALESCE(MAX(id), 0) FROM films",
		"INSERT INTO search_meta (kind, max_id) SELECT 'person', COALESCE(MAX(id), 0) FROM people",
		"CREATE INDEX search_titles_text_idx ON search_titles (text, id)",
		"CREATE INDEX search_people_text_idx ON search_people (text, id)",
	)
	if pg {
		stmts = append(stmts,
			"CREATE INDEX search_titles_fts_idx ON search_titles USING gin (to_tsvector('simple', text))",
			"CREATE INDEX search_people_fts_idx ON search_people USING gin (to_tsvector('simple', text))",
		)
	} else {
		stmts = append(stmts,
			`CREATE VIRTUAL TABLE search_titles_fts USING fts5(text, content='search_titles', content_rowid='id',
			tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5', detail='none', columnsize=0)`,
			`CREATE VIRTUAL TABLE search_people_fts USING fts5(text, content='search_people', content_rowid='id',
			tokenize='unicode61 remove_diacritics 2', prefix='2 3 4 5', detail='none', columnsize=0)`,
			"INSERT INTO search_titles_fts (search_titles_fts) VALUES ('rebuild')",
			"INSERT INTO search_people_fts (search_people_fts) VALUES ('rebuild')",
			// One segment per index: a prefix query then seeks one b-tree.
			"INSERT INTO search_titles_fts (search_titles_fts) VALUES ('optimize')",
			"INSERT INTO search_people_fts (search_people_fts) VALUES ('optimize')",
		)
	}
	for _, st := range stmts {
		start := time.Now()
		_, err := q.exec(ctx, st)
		if timed != nil {
			timed(st, time.Since(start))
		}
		if err != nil {
			return q.dbError(fmt.Errorf("store: build search index: %w\nin: %s", err, firstLine(st)))
		}
	}
	if pg {
		if schema, ok := q.trigramSchema(ctx); ok {
			for _, t := range []string{"search_titles", "search_people"} {
				if _, err := q.exec(ctx, "CREATE INDEX "+t+"_trgm_idx ON "+t+" USING gin (text "+schema+".gin_trgm_ops)"); err != nil {
					return q.dbError(fmt.Errorf("store: trigram index: %w", err))
				}
			}
		}
	}
	return nil
}

// trigramSchema returns the schema of the pg_trgm extension, trying to
// create it when missing (which needs the right privileges).
func (q *queries) trigramSchema(ctx context.Context) (string, bool) {
	var schema string
	err := q.queryRow(ctx, "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'").Scan(&schema)
	if err == nil {
		return schema, true
	}
	// Creating an extension inside the caller's transaction could abort
	// it; try it on a separate connection.
	if _, err := q.db.ExecContext(ctx, "CREATE EXTENSION IF NOT EXISTS pg_trgm"); err != nil {
		return "", false
	}
	err = q.queryRow(ctx, "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'").Scan(&schema)
	return schema, err == nil
}

// searchTokens folds text and splits it into words of letters and digits.
func searchTokens(text string) []string {
	return strings.FieldsFunc(catalog.FoldText(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

type searchKind struct {
	kind    catalog.EntityType
	table   string // search_titles
	fts     string // search_titles_fts
	refCol  string // film_id
	records string // films
	nameCol string // title
	yearCol string // r.year
	foldCol string // title_fold
}

var searchKinds = []searchKind{
	{catalog.EntityFilm, "search_titles", "search_titles_fts", "film_id", "films", "title", "r.year", "title_fold"},
	{catalog.EntityPerson, "search_people", "search_people_fts", "person_id", "people", "name", "0", "name_fold"},
}

type searchEntry struct {
	ref   int64
	text  string
	votes int64
	exact bool
	// The record, read in the same query.
	slug, name, fold string
	year             int
}

// HasSearchIndex reports whether the search index has been built (by an
// import); Search fails with KindUnavailable until it has.
func (s *Store) HasSearchIndex(ctx context.Context) (bool, error) {
	var n int
	for _, t := range []string{"search_titles", "search_people"} {
		if err := s.queryRow(ctx, s.d.tableExists, t).Scan(&n); err != nil {
			return false, s.dbError(err)
		}
		if n == 0 {
			return false, nil
		}
	}
	return true, nil
}

// Search finds films and people; see catalog.Searcher.
func (s *Store) Search(ctx context.Context, sq catalog.SearchQuery) ([]catalog.SearchHit, error) {
	tokens := searchTokens(sq.Text)
	if len(tokens) == 0 {
		return nil, nil
	}
	if len(tokens) > 8 {
		tokens = tokens[:8]
	}
	exact := strings.Join(tokens, " ")
	limit := sq.EffectiveLimit()
	var hits []catalog.SearchHit
	for _, k := range searchKinds {
		if len(sq.Kinds) > 0 && !containsKind(sq.Kinds, k.kind) {
			continue
		}
		entries, err := s.searchKind(ctx, k, tokens, exact, limit)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			h := catalog.SearchHit{Kind: k.kind, ID: e.ref, Exact: e.exact, Votes: e.votes, Slug: e.slug, Name: e.name, Year: e.year}
			if e.text != e.fold {
				h.Matched = e.text
			}
			hits = append(hits, h)
		}
	}
	return hits, nil
}

func containsKind(ks []catalog.EntityType, k catalog.EntityType) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

// searchKind returns up to limit distinct records: exact matches of the
// whole query first, then prefix matches, each in popularity order.
func (s *Store) searchKind(ctx context.Context, k searchKind, tokens []string, exact string, limit int) ([]searchEntry, error) {
	var out []searchEntry
	seen := map[int64]bool{}
	add := func(rows *sql.Rows, isExact bool) error {
		defer rows.Close()
		for rows.Next() {
			var e searchEntry
			if err := rows.Scan(&e.ref, &e.text, &e.votes, &e.slug, &e.name, &e.year, &e.fold); err != nil {
				return err
			}
			if seen[e.ref] || len(out) >= limit {
				continue
			}
			seen[e.ref] = true
			e.exact = isExact || e.text == exact || strings.Join(searchTokens(e.text), " ") == exact
			out = append(out, e)
		}
		return rows.Err()
	}
	// The record comes with each entry (an entry whose record was
	// deleted since the index was built drops out of the join).
	cols := "s." + k.refCol + ", s.text, s.votes, r.slug, r." + k.nameCol + ", " + k.yearCol + ", r." + k.foldCol
	from := k.table + " s JOIN " + k.records + " r ON r.id = s." + k.refCol
	rows, err := s.query(ctx, "SELECT "+cols+" FROM "+from+" WHERE s.text = ? ORDER BY s.id LIMIT ?", exact, limit)
	if err != nil {
		return nil, s.searchError(err)
	}
	if err := add(rows, true); err != nil {
		return nil, err
	}
	if len(out) >= limit {
		return out, nil
	}
	// Several entries may name one record (title and alternative
	// titles): read a few more than needed. Whole words first, then the
	// last word as a prefix (type-ahead), then every word as a prefix:
	// "red" ranks "Red Rocket" above "Reddening", and a query of whole
	// words never expands a prefix (which reads every entry under it).
	fetch := 2*limit + 5
	phases := []int{0, 1} // whole words; the last word as a prefix
	if utf8.RuneCountInString(tokens[len(tokens)-1]) <= 5 {
		// A prefix index answers a last word of up to 5 characters
		// without expanding it, and a query costs more than its rows:
		// one prefix query finds the whole words too.
		phases = []int{1}
	}
	if len(tokens) > 1 {
		phases = append(phases, len(tokens)) // every word as a prefix ("rock red")
	}
	for _, prefixes := range phases {
		if len(out) >= limit {
			break
		}
		if s.d.name == "postgres" {
			terms := make([]string, len(tokens))
			for i, t := range tokens {
				terms[i] = "'" + strings.ReplaceAll(t, "'", "''") + "'"
			}
			for i := len(terms) - prefixes; i < len(terms); i++ {
				terms[i] += ":*"
			}
			if err := s.pgSearchPhase(ctx, k, cols, from, strings.Join(terms, " & "), fetch, func(rows *sql.Rows) error { return add(rows, false) }); err != nil {
				return nil, err
			}
			continue
		}
		terms := make([]string, len(tokens))
		for i, t := range tokens {
			terms[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
		}
		for i := len(terms) - prefixes; i < len(terms); i++ {
			terms[i] += "*"
		}
		rows, err = s.query(ctx, "SELECT "+cols+" FROM "+k.fts+" JOIN "+k.table+" s ON s.id = "+k.fts+".rowid JOIN "+k.records+" r ON r.id = s."+k.refCol+" WHERE "+k.fts+" MATCH ? ORDER BY "+k.fts+".rowid LIMIT ?",
			strings.Join(terms, " AND "), fetch)
		if err != nil {
			return nil, s.searchError(err)
		}
		if err := add(rows, false); err != nil {
			return nil, err
		}
	}
	// Records made since the index was built are not in it: they are
	// few (the index is rebuilt by each import), so their titles are
	// matched directly, every word anywhere in the title.
	if len(out) < limit {
		conds := make([]string, len(tokens))
		args := []any{string(k.kind)}
		for i, t := range tokens {
			conds[i] = "r." + k.foldCol + " LIKE ?"
			args = append(args, "%"+t+"%")
		}
		args = append(args, fetch)
		rows, err := s.query(ctx, "SELECT r.id, r."+k.foldCol+", 0, r.slug, r."+k.nameCol+", "+k.yearCol+", r."+k.foldCol+
			" FROM "+k.records+" r WHERE r.id > (SELECT max_id FROM search_meta WHERE kind = ?) AND "+strings.Join(conds, " AND ")+
			" ORDER BY r.id LIMIT ?", args...)
		switch {
		case err != nil && isMissingTable(err):
			// An index built before search_meta existed: skip.
		case err != nil:
			return nil, s.dbError(err)
		default:
			if err := add(rows, false); err != nil {
				return nil, err
			}
		}
	}
	// Exact matches found by the prefix query (titles with punctuation)
	// go first too.
	slices.SortStableFunc(out, func(a, b searchEntry) int {
		switch {
		case a.exact && !b.exact:
			return -1
		case b.exact && !a.exact:
			return 1
		}
		return 0
	})
	return out, nil
}

// pgFewMatches is the most matches for which PostgreSQL search reads
// them all from the GIN index and sorts them; a query with more reads
// the entries in popularity order and stops at the first matches.
const pgFewMatches = 5000

// pgSearchPhase runs one full-text phase on PostgreSQL and hands its rows
// to add. The planner cannot tell a rare term from a common one well
// enough to choose between the two plans (at scale 0.1, "ghost & hou:*"
// scanned 150,000 entries in popularity order for 119 ms), so the choice
// is made here, in one read-only transaction: the GIN index first lists
// at most pgFewMatches matching entries. Fewer than that are all the
// matches, and the first fetch of them in id order are read by id.
// Otherwise the term is common, and a scan in id (popularity) order
// finds its first fetch matches after a few thousand entries. Neither
// way sorts or reads more than pgFewMatches matches.
func (s *Store) pgSearchPhase(ctx context.Context, k searchKind, cols, from, tsquery string, fetch int, add func(*sql.Rows) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return s.dbError(err)
	}
	defer tx.Rollback()
	q := &queries{d: s.d, db: s.db, tx: tx}
	set := func(settings ...string) error {
		for _, st := range settings {
			if _, err := q.exec(ctx, "SET LOCAL "+st); err != nil {
				return s.dbError(err)
			}
		}
		return nil
	}
	// Only the GIN index may answer this one.
	if err := set("enable_seqscan = off", "enable_indexscan = off"); err != nil {
		return err
	}
	rows, err := q.query(ctx, "SELECT s.id FROM "+k.table+" s WHERE to_tsvector('simple', s.text) @@ to_tsquery('simple', ?) LIMIT ?", tsquery, pgFewMatches)
	if err != nil {
		return s.searchError(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return s.dbError(err)
		}
		ids = append(ids, id)
	}
	if err := rows.Close(); err != nil {
		return s.dbError(err)
	}
	if err := rows.Err(); err != nil {
		return s.dbError(err)
	}
	if err := set("enable_seqscan = on", "enable_indexscan = on"); err != nil {
		return err
	}
	if len(ids) < pgFewMatches {
		if len(ids) == 0 {
			return nil
		}
		slices.Sort(ids)
		ids = ids[:min(len(ids), fetch)]
		rows, err = q.query(ctx, "SELECT "+cols+" FROM "+from+" WHERE s.id = ANY(?) ORDER BY s.id", ids)
	} else {
		if err := set("enable_bitmapscan = off"); err != nil {
			return err
		}
		rows, err = q.query(ctx, "SELECT "+cols+" FROM "+from+" WHERE to_tsvector('simple', s.text) @@ to_tsquery('simple', ?) ORDER BY s.id LIMIT ?", tsquery, fetch)
	}
	if err != nil {
		return s.searchError(err)
	}
	return add(rows)
}

func isMissingTable(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "no such table") || strings.Contains(msg, "does not exist")
}

func (s *Store) searchError(err error) error {
	if isMissingTable(err) {
		return catalog.Errorf(catalog.KindUnavailable, "the search index has not been built; run `marquee import imdb`")
	}
	return s.dbError(err)
}

// GetFilmRating returns the film's IMDb rating; see catalog.RatingReader.
func (s *Store) GetFilmRating(ctx context.Context, filmID int64) (catalog.Rating, error) {
	var r catalog.Rating
	err := s.queryRow(ctx, `SELECT r.average_rating, r.num_votes FROM films f
		JOIN imdb_ratings r ON r.tconst = CAST(substr(f.imdb_id, 3) AS BIGINT) WHERE f.id = ?`, filmID).Scan(&r.Average, &r.Votes)
	return r, s.dbError(notFound(err, "rating of film", filmID))
}

var (
	_ catalog.Searcher     = (*Store)(nil)
	_ catalog.RatingReader = (*Store)(nil)
)
