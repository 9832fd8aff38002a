package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Batched lookups of films by folded title and people by folded name, for
// the extractor's catalog index (extract.CatalogIndex): an article asks
// about a few hundred candidate spans at once, against a catalog of
// millions of titles and names.
//
// The keys of a batch go to the database as one JSON array parameter
// (json_each on SQLite, json_array_elements_text on PostgreSQL) rather
// than an IN list of placeholders, so the statement's text is the same
// for every batch: it is prepared once (SQLite's statement cache keeps
// at most maxCachedStmts texts), and a batch of any size is one query.
//
// Films come from two places, both read through b-trees:
//
//   - the search index (search.go), when an import has built it: its
//     entries for a text are numbered in popularity order (IMDb votes),
//     so the first perKey entries whose film still has that title or
//     original title are the perKey most popular films, read without
//     visiting the other films of the title (at scale 1 a one-word title
//     such as "Night" has about 15,000). Alternative titles are in the
//     index too, but are not titles the catalog holds, so they are
//     skipped;
//   - the films table (films_title_fold_idx and the partial
//     films_original_title_fold_idx) for the films made since the index
//     was built, or every film when there is no index; a catalog without
//     an import is small, and the films made since one are few.

// lookupChunk is the most keys sent in one query.
const lookupChunk = 500

// lookupKeys folds the keys and drops the empty and repeated ones; it
// maps each fold back to the keys the caller gave for it.
func lookupKeys(keys []string) (folds []string, callers map[string][]string) {
	callers = make(map[string][]string, len(keys))
	for _, k := range keys {
		f := catalog.FoldText(k)
		if f == "" {
			continue
		}
		if _, ok := callers[f]; !ok {
			folds = append(folds, f)
		}
		if !slices.Contains(callers[f], k) {
			callers[f] = append(callers[f], k)
		}
	}
	return folds, callers
}

// jsonKeys is the JSON array of keys, the batch's one parameter.
func jsonKeys(keys []string) string {
	b, _ := json.Marshal(keys) // a []string always marshals
	return string(b)
}

// keysTable is a FROM item of the keys given as one JSON array parameter,
// one row per key in the column k.value.
func (d *dialect) keysTable() string {
	if d.name == "postgres" {
		return "json_array_elements_text(CAST(? AS json)) AS k(value)"
	}
	return "json_each(?) AS k"
}

// newFilmsByTitle selects, per key, the perKey most relevant films with
// an ID above a bound (the newest film of the search index, or 0) whose
// title or original title folds to the key: those with more releases,
// then more credits, then the newest. Parameters: keys, bound, keys,
// bound, perKey. Its rows are group 0, ranked 1, 2, …
func (d *dialect) newFilmsByTitle() string {
	return `SELECT w.fold, 0, w.rnk, w.id, w.slug, w.title, w.original, w.year FROM (
		SELECT m.fold, f.id, f.slug, CASE WHEN m.original = 1 THEN f.original_title ELSE f.title END AS title,
			m.original, f.year,
			row_number() OVER (PARTITION BY m.fold ORDER BY
				(SELECT count(*) FROM releases r WHERE r.film_id = f.id) DESC,
				(SELECT count(*) FROM credits c WHERE c.film_id = f.id) DESC, f.id DESC) AS rnk
		FROM (
			SELECT f.title_fold AS fold, f.id AS film_id, 0 AS original FROM films f
			WHERE f.title_fold IN (SELECT k.value FROM ` + d.keysTable() + `) AND f.id > ?
			UNION ALL
			SELECT f.original_title_fold, f.id, 1 FROM films f
			WHERE f.original_title_fold IN (SELECT k.value FROM ` + d.keysTable() + `)
				AND f.original_title_fold <> f.title_fold AND f.id > ?
		) m JOIN films f ON f.id = m.film_id
	) w WHERE w.rnk <= ?`
}

// indexedFilmsByTitle selects, per key, the first perKey entries of the
// search index whose text is the key and whose film has it as its title
// or original title. Its rows are group 1, ranked by the entry's ID
// (popularity order).
// Parameters: keys, perKey. SQLite has no LATERAL join; a correlated
// subquery that lists rowids runs once per key and is read by rowid.
func (d *dialect) indexedFilmsByTitle() string {
	cols := `k.value, 1, x.id, f.id, f.slug, CASE WHEN f.title_fold = k.value THEN f.title ELSE f.original_title END,
		CASE WHEN f.title_fold = k.value THEN 0 ELSE 1 END, f.year`
	if d.name == "postgres" {
		return `SELECT ` + cols + ` FROM ` + d.keysTable() + ` CROSS JOIN LATERAL (
			SELECT s.id, s.film_id FROM search_titles s JOIN films g ON g.id = s.film_id
			WHERE s.text = k.value AND (g.title_fold = k.value OR g.original_title_fold = k.value)
			ORDER BY s.id LIMIT ?) x
		JOIN films f ON f.id = x.film_id`
	}
	return `SELECT ` + cols + ` FROM ` + d.keysTable() + `
		JOIN search_titles x ON x.id IN (
			SELECT s.id FROM search_titles s JOIN films g ON g.id = s.film_id
			WHERE s.text = k.value AND (g.title_fold = k.value OR g.original_title_fold = k.value)
			ORDER BY s.id LIMIT ?)
		JOIN films f ON f.id = x.film_id`
}

// filmsByTitleQuery is the whole query for one batch: the films made
// since the search index was built, then the index's films, or, without
// an index, the films table alone.
func (d *dialect) filmsByTitleQuery(indexed bool) string {
	if !indexed {
		return d.newFilmsByTitle()
	}
	return `SELECT * FROM (` + d.newFilmsByTitle() + `) n UNION ALL SELECT * FROM (` + d.indexedFilmsByTitle() + `) i`
}

// FilmsByTitleFolds finds films by folded title; see catalog.FilmQueries.
func (q *queries) FilmsByTitleFolds(ctx context.Context, keys []string, perKey int) (map[string][]catalog.TitleMatch, error) {
	out := map[string][]catalog.TitleMatch{}
	folds, callers := lookupKeys(keys)
	if len(folds) == 0 || perKey <= 0 {
		return out, nil
	}
	if err := q.inIndexOrder(ctx, func(q *queries) error { return q.filmsByTitleFolds(ctx, folds, callers, perKey, out) }); err != nil {
		return nil, err
	}
	return out, nil
}

func (q *queries) filmsByTitleFolds(ctx context.Context, folds []string, callers map[string][]string, perKey int, out map[string][]catalog.TitleMatch) error {
	indexed, bound, err := q.searchIndexBound(ctx)
	if err != nil {
		return err
	}
	query := q.d.filmsByTitleQuery(indexed)
	type row struct {
		group, rank int64
		m           catalog.TitleMatch
	}
	for chunk := range slices.Chunk(folds, lookupChunk) {
		keys := jsonKeys(chunk)
		args := []any{keys, bound, keys, bound, perKey}
		if indexed {
			args = append(args, keys, perKey)
		}
		found := map[string][]row{}
		rows, err := q.query(ctx, query, args...)
		if err != nil {
			return q.dbError(err)
		}
		for rows.Next() {
			var fold string
			var r row
			var original int
			if err := rows.Scan(&fold, &r.group, &r.rank, &r.m.FilmID, &r.m.Slug, &r.m.Title, &original, &r.m.Year); err != nil {
				rows.Close()
				return q.dbError(err)
			}
			r.m.Original = original != 0
			found[fold] = append(found[fold], r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return q.dbError(err)
		}
		for fold, rs := range found {
			slices.SortFunc(rs, func(a, b row) int { return cmp.Or(cmp.Compare(a.group, b.group), cmp.Compare(a.rank, b.rank)) })
			var list []catalog.TitleMatch
			for _, r := range rs {
				// A film the index holds under its title and its
				// original title, or both new and indexed, comes once.
				if len(list) < perKey && !slices.ContainsFunc(list, func(m catalog.TitleMatch) bool { return m.FilmID == r.m.FilmID }) {
					list = append(list, r.m)
				}
			}
			for _, k := range callers[fold] {
				out[k] = list
			}
		}
	}
	return nil
}

// searchIndexBound reports whether the search index exists and the ID of
// the newest film it holds (films above it are read from the films
// table).
func (q *queries) searchIndexBound(ctx context.Context) (bool, int64, error) {
	var n int
	if err := q.queryRow(ctx, q.d.tableExists, "search_meta").Scan(&n); err != nil {
		return false, 0, q.dbError(err)
	}
	if n == 0 {
		return false, 0, nil
	}
	var bound int64
	if err := q.queryRow(ctx, "SELECT max_id FROM search_meta WHERE kind = 'film'").Scan(&bound); err != nil {
		return false, 0, q.dbError(notFound(err, "search index bound", "film"))
	}
	return true, bound, nil
}

// PeopleCountByNameFolds counts people by folded name; see
// catalog.PersonQueries. people_name_fold_idx answers it; with a cap the
// count reads at most atMost index entries per key (at scale 1 a name such
// as "Sean Baker" has about 22,000 people).
func (q *queries) PeopleCountByNameFolds(ctx context.Context, keys []string, atMost int) (map[string]int, error) {
	out := map[string]int{}
	folds, callers := lookupKeys(keys)
	if len(folds) == 0 {
		return out, nil
	}
	if err := q.inIndexOrder(ctx, func(q *queries) error { return q.peopleCountByNameFolds(ctx, folds, callers, atMost, out) }); err != nil {
		return nil, err
	}
	return out, nil
}

func (q *queries) peopleCountByNameFolds(ctx context.Context, folds []string, callers map[string][]string, atMost int, out map[string]int) error {
	query := `SELECT p.name_fold, count(*) FROM people p WHERE p.name_fold IN (SELECT k.value FROM ` + q.d.keysTable() + `) GROUP BY p.name_fold`
	if atMost > 0 {
		query = `SELECT k.value, (SELECT count(*) FROM (SELECT 1 FROM people p WHERE p.name_fold = k.value LIMIT ?) c) AS n
			FROM ` + q.d.keysTable()
	}
	for chunk := range slices.Chunk(folds, lookupChunk) {
		args := []any{jsonKeys(chunk)}
		if atMost > 0 {
			args = []any{atMost, jsonKeys(chunk)}
		}
		rows, err := q.query(ctx, query, args...)
		if err != nil {
			return q.dbError(err)
		}
		for rows.Next() {
			var fold string
			var n int
			if err := rows.Scan(&fold, &n); err != nil {
				rows.Close()
				return q.dbError(err)
			}
			if n == 0 {
				continue
			}
			for _, k := range callers[fold] {
				out[k] = n
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return q.dbError(err)
		}
	}
	return nil
}

// inIndexOrder runs fn with PostgreSQL told to read the b-trees in order
// (no bitmap scans, no sorts where an ordered index scan exists): the
// planner guesses the entries per key from an average (41 per text at
// scale 0.1, where "night" has 5,298) and, with the title filter joined,
// chose to read and sort all of a key's entries for its first five (77 ms
// per key instead of 0.5 ms). Disabled plans make the costs huge, so JIT
// compilation is turned off too (it took 430 ms per batch). The settings
// last for fn only: in a read-only transaction of its own, or in a
// savepoint of q's transaction that is rolled back afterwards (which also
// undoes set_config's local settings). SQLite runs fn as it is.
func (q *queries) inIndexOrder(ctx context.Context, fn func(q *queries) error) error {
	if q.d.name != "postgres" {
		return fn(q)
	}
	const settings = "SELECT set_config('enable_bitmapscan', 'off', true), set_config('enable_sort', 'off', true), set_config('jit', 'off', true)"
	if q.tx == nil {
		tx, err := q.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
		if err != nil {
			return q.dbError(err)
		}
		defer tx.Rollback()
		tq := &queries{d: q.d, db: q.db, tx: tx}
		if _, err := tq.exec(ctx, settings); err != nil {
			return q.dbError(err)
		}
		return fn(tq)
	}
	if _, err := q.exec(ctx, "SAVEPOINT marquee_lookup"); err != nil {
		return q.dbError(err)
	}
	_, err := q.exec(ctx, settings)
	if err == nil {
		err = fn(q)
	}
	if _, rbErr := q.exec(ctx, "ROLLBACK TO SAVEPOINT marquee_lookup"); rbErr != nil {
		return errors.Join(err, q.dbError(rbErr))
	}
	if _, relErr := q.exec(ctx, "RELEASE SAVEPOINT marquee_lookup"); relErr != nil {
		return errors.Join(err, q.dbError(relErr))
	}
	return q.dbError(err)
}
