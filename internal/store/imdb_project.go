package store

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// IMDbProjection counts what a run did to the catalog.
type IMDbProjection struct {
	FilmsCreated, FilmsLinked, FilmsUpdated    int64
	PeopleCreated, PeopleLinked, PeopleUpdated int64
	CreditsWritten                             int64
	Skipped                                    []string // steps left for a later run, with the reason
	Steps                                      []IMDbStep
}

// IMDbStep is a projection step that ran, with its wall time.
type IMDbStep struct {
	Name    string // "films", "people", "credits"
	Elapsed time.Duration
}

// IMDbProjectInput tells Project which files failed in this run: a step
// whose input failed is skipped, so nothing is half-applied; its rows are
// projected by the next run that loads them whole.
type IMDbProjectInput struct {
	Failed map[string]bool // by file name ("title.basics")
}

// imdbIDExpr formats the numeric ID col as an IMDb ID text ("tt0000001").
func (r *IMDbRun) imdbIDExpr(prefix, col string) string {
	if r.q.d.name == "postgres" {
		return "(CASE WHEN " + col + " < 10000000 THEN '" + prefix + "' || lpad(" + col + "::text, 7, '0') ELSE '" + prefix + "' || " + col + "::text END)"
	}
	return "printf('" + prefix + "%07d', " + col + ")"
}

func (r *IMDbRun) distinct() string {
	if r.q.d.name == "postgres" {
		return " IS DISTINCT FROM "
	}
	return " IS NOT "
}

func (r *IMDbRun) lastProjected(ctx context.Context, tx *sql.Tx, step string) (int64, error) {
	var g sql.NullInt64
	err := r.row(ctx, tx, "SELECT gen FROM imdb_projection WHERE step = ?", step).Scan(&g)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return g.Int64, err
}

func (r *IMDbRun) setProjected(ctx context.Context, tx *sql.Tx, step string) error {
	res, err := r.exec(ctx, tx, "UPDATE imdb_projection SET gen = ? WHERE step = ?", r.Gen, step)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		_, err = r.exec(ctx, tx, "INSERT INTO imdb_projection (step, gen) VALUES (?, ?)", step, r.Gen)
	}
	return err
}

func affected(res sql.Result) int64 {
	n, _ := res.RowsAffected()
	return n
}

// Project maps the raw rows into the catalog in three steps, each one
// transaction: films (link by IMDb ID, create for the chosen title
// types, update those the dataset created), people (those credited on a
// catalog film) and credits (from title.principals, in billing order).
// Films and people made by hand or from articles are linked, never
// overwritten; every film and person the dataset created or linked gets
// a claim from the run's dataset source.
func (r *IMDbRun) Project(ctx context.Context, in IMDbProjectInput) (IMDbProjection, error) {
	var p IMDbProjection
	need := map[string][]string{
		"films":   {"title.basics"},
		"people":  {"title.basics", "name.basics", "title.principals"},
		"credits": {"title.basics", "name.basics", "title.principals"},
	}
	blocked := false
	for _, step := range []string{"films", "people", "credits"} {
		for _, f := range need[step] {
			if in.Failed[f] {
				blocked = true
				p.Skipped = append(p.Skipped, step+" (input "+f+" failed)")
				break
			}
		}
		if blocked {
			continue
		}
		start := time.Now()
		err := r.tx(ctx, func(tx *sql.Tx) error {
			last, err := r.lastProjected(ctx, tx, step)
			if err != nil {
				return err
			}
			project := func() error {
				switch step {
				case "films":
					return r.projectFilms(ctx, tx, last, &p)
				case "people":
					return r.projectPeople(ctx, tx, last, &p)
				default:
					return r.projectCredits(ctx, tx, last, &p)
				}
			}
			if last == 0 {
				// The first mapping into this catalog adds millions of rows:
				// the indexes that they would enter in random order are
				// built afterwards instead, by sorting.
				err = r.withoutIndexes(ctx, tx, bulkIndexes[step], project)
			} else {
				err = project()
			}
			if err != nil {
				return err
			}
			return r.setProjected(ctx, tx, step)
		})
		if err != nil {
			return p, err
		}
		p.Steps = append(p.Steps, IMDbStep{Name: step, Elapsed: time.Since(start)})
	}
	return p, nil
}

// bulkIndexes are, per step, the secondary indexes that a first mapping
// drops and builds again afterwards. Kept are the unique ones and those
// the step's own statements look up (films' and people's slug and IMDb
// ID, credits_manual_idx for the hand-made-credit check,
// credits_imdb_key_idx for the upsert).
var bulkIndexes = map[string][]string{
	"films":   {"films_title_fold_idx", "films_original_title_fold_idx", "films_year_idx", "claims_subject_idx", "claims_film_idx", "claims_source_idx"},
	"people":  {"people_sort_name_fold_idx", "people_name_fold_idx", "claims_subject_idx", "claims_film_idx", "claims_source_idx"},
	"credits": {"credits_person_idx"},
}

// withoutIndexes runs fn with the named indexes dropped and creates them
// again from their stored definitions, all in tx. Only on SQLite, where
// readers keep reading their snapshot meanwhile; PostgreSQL would lock
// the tables against readers until the step commits.
func (r *IMDbRun) withoutIndexes(ctx context.Context, tx *sql.Tx, names []string, fn func() error) error {
	if r.q.d.name != "sqlite" || len(names) == 0 {
		return fn()
	}
	var defs []string
	for _, name := range names {
		var def string
		err := r.row(ctx, tx, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ? AND sql IS NOT NULL", name).Scan(&def)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return err
		}
		if _, err := r.exec(ctx, tx, "DROP INDEX "+name); err != nil {
			return err
		}
		defs = append(defs, def)
	}
	if err := fn(); err != nil {
		return err
	}
	for _, def := range defs {
		if _, err := r.exec(ctx, tx, def); err != nil {
			return err
		}
	}
	return nil
}

// indexedBy is SQLite's INDEXED BY clause naming index (with a trailing
// space), or nothing on PostgreSQL, whose planner is not told.
func (r *IMDbRun) indexedBy(index string) string {
	if r.q.d.name != "sqlite" {
		return ""
	}
	return "INDEXED BY " + index + " "
}

func (r *IMDbRun) typeList() (string, []any) {
	args := make([]any, len(r.opts.TitleTypes))
	for i, t := range r.opts.TitleTypes {
		args[i] = t
	}
	if len(args) == 0 {
		return "(NULL)", nil
	}
	return "(" + placeholders(len(args)) + ")", args
}

const (
	yearExpr    = "(CASE WHEN t.start_year BETWEEN 1870 AND 2200 THEN t.start_year ELSE 0 END)"
	runtimeExpr = "(CASE WHEN t.runtime_minutes BETWEEN 0 AND 100000 THEN t.runtime_minutes ELSE 0 END)"
	birthExpr   = "(CASE WHEN n.birth_year BETWEEN 1800 AND 2200 THEN n.birth_year ELSE 0 END)"
	deathExpr   = "(CASE WHEN n.death_year BETWEEN 1800 AND 2200 AND (n.birth_year IS NULL OR n.birth_year NOT BETWEEN 1800 AND 2200 OR n.death_year >= n.birth_year) THEN n.death_year ELSE 0 END)"
)

func statusExpr(year int) string {
	return "(CASE WHEN t.start_year BETWEEN 1870 AND " + itoa(year) + " THEN 'released' ELSE 'announced' END)"
}

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	neg := i < 0
	if neg {
		i = -i
	}
	for {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
		if i == 0 {
			break
		}
	}
	if neg {
		n--
		b[n] = '-'
	}
	return string(b[n:])
}

func (r *IMDbRun) projectFilms(ctx context.Context, tx *sql.Tx, last int64, p *IMDbProjection) error {
	now := formatTime(r.opts.Now)
	types, typeArgs := r.typeList()
	// Films that exist already (from articles, bundles or by hand) are
	// linked by their IMDb ID, whatever the title type.
	// Driven by the films (a key lookup per film with an IMDb ID), so
	// that the plan does not depend on how many titles are unlinked.
	res, err := r.exec(ctx, tx, `UPDATE imdb_titles SET film_owned = FALSE, linked_gen = ?,
		film_id = (SELECT f.id FROM films f WHERE f.imdb_id = `+r.imdbIDExpr("tt", "imdb_titles.tconst")+`)
		WHERE imdb_titles.film_id IS NULL AND imdb_titles.tconst IN (
			SELECT CAST(substr(f.imdb_id, 3) AS BIGINT) FROM films f WHERE f.imdb_id LIKE 'tt%'
			AND f.imdb_id = `+r.imdbIDExpr("tt", "CAST(substr(f.imdb_id, 3) AS BIGINT)")+`)`, r.Gen)
	if err != nil {
		return err
	}
	p.FilmsLinked = affected(res)
	status := statusExpr(r.opts.Now.Year())
	titleSlug := r.slugOf("t.slug", "t.primary_title", "t.start_year", "tt", "t.tconst")
	res, err = r.exec(ctx, tx, `INSERT INTO films (slug, title, original_title, title_fold, original_title_fold,
		year, runtime_minutes, synopsis, tagline, genres, status, imdb_id, trailers, created_at, updated_at)
		SELECT `+titleSlug+`, t.primary_title, t.original_title, `+r.foldOf("t.title_fold", "t.primary_title")+`,
		`+r.foldOf("t.original_title_fold", "t.original_title")+`,
		`+yearExpr+`, `+runtimeExpr+`, '', '', t.genres, `+status+`, `+r.imdbIDExpr("tt", "t.tconst")+`, '[]', ?, ?
		FROM imdb_titles t WHERE t.film_id IS NULL AND t.title_type IN `+types+`
		AND NOT EXISTS (SELECT 1 FROM films x WHERE x.slug = `+titleSlug+`)
		ORDER BY t.tconst`, append([]any{now, now}, typeArgs...)...)
	if err != nil {
		return err
	}
	p.FilmsCreated = affected(res)
	if p.FilmsCreated > 0 {
		_, err = r.exec(ctx, tx, `UPDATE imdb_titles SET film_id = f.id, film_owned = TRUE, linked_gen = ?
			FROM films f WHERE imdb_titles.film_id IS NULL AND imdb_titles.title_type IN `+types+`
			AND f.imdb_id = `+r.imdbIDExpr("tt", "imdb_titles.tconst"), append([]any{r.Gen}, typeArgs...)...)
		if err != nil {
			return err
		}
	}
	if p.FilmsCreated+p.FilmsLinked > 0 {
		src, err := r.source(ctx, tx)
		if err != nil {
			return err
		}
		_, err = r.exec(ctx, tx, `INSERT INTO claims (source_id, subject_type, subject_id, film_id, field, value,
			span_start, span_end, confidence, preferred, created_at)
			SELECT ?, 'film', t.film_id, t.film_id, CASE WHEN t.film_owned THEN '' ELSE 'external_ids.imdb' END,
			`+r.imdbIDExpr("tt", "t.tconst")+`, NULL, NULL, 1.0, t.film_owned, ?
			FROM imdb_titles t WHERE t.linked_gen = ? ORDER BY t.tconst`, src, now, r.Gen)
		if err != nil {
			return err
		}
	}
	// Films the dataset created follow the dataset; films it only linked
	// keep their own values.
	d := r.distinct()
	res, err = r.exec(ctx, tx, `UPDATE films SET title = t.primary_title, original_title = t.original_title,
		title_fold = `+r.foldOf("t.title_fold", "t.primary_title")+`,
		original_title_fold = `+r.foldOf("t.original_title_fold", "t.original_title")+`, year = `+yearExpr+`,
		runtime_minutes = `+runtimeExpr+`, genres = t.genres, status = `+status+`, updated_at = ?
		FROM imdb_titles t WHERE films.id = t.film_id AND t.film_owned AND t.gen > ? AND t.linked_gen <> ?
		AND (films.title`+d+`t.primary_title OR films.original_title`+d+`t.original_title
		OR films.year`+d+yearExpr+` OR films.runtime_minutes`+d+runtimeExpr+` OR films.genres`+d+`t.genres)`,
		now, last, r.Gen)
	if err != nil {
		return err
	}
	p.FilmsUpdated = affected(res)
	// The titles that are catalog films, for the people and credit steps
	// and the search index: a partial index, so it holds only those, and
	// built once here rather than kept up while the films are linked.
	// (Imports before this one made a full index under another name.)
	for _, q := range []string{"DROP INDEX IF EXISTS imdb_titles_film_idx",
		"CREATE INDEX IF NOT EXISTS imdb_titles_film_id_idx ON imdb_titles (film_id) WHERE film_id IS NOT NULL"} {
		if _, err := r.exec(ctx, tx, q); err != nil {
			return err
		}
	}
	return nil
}

func (r *IMDbRun) projectPeople(ctx context.Context, tx *sql.Tx, last int64, p *IMDbProjection) error {
	now := formatTime(r.opts.Now)
	res, err := r.exec(ctx, tx, `UPDATE imdb_names SET person_owned = FALSE, linked_gen = ?,
		person_id = (SELECT x.id FROM people x WHERE x.imdb_id = `+r.imdbIDExpr("nm", "imdb_names.nconst")+`)
		WHERE imdb_names.person_id IS NULL AND imdb_names.nconst IN (
			SELECT CAST(substr(x.imdb_id, 3) AS BIGINT) FROM people x WHERE x.imdb_id LIKE 'nm%'
			AND x.imdb_id = `+r.imdbIDExpr("nm", "CAST(substr(x.imdb_id, 3) AS BIGINT)")+`)`, r.Gen)
	if err != nil {
		return err
	}
	p.PeopleLinked = affected(res)
	// A person credited by hand (from an article, without an IMDb ID) on
	// a film the dataset linked, under the same name as the dataset's
	// person credited on that film, is that person: linked, not created
	// again (which would also double the film's credit). Driven by the
	// hand-made credits, which are few.
	nameFold := r.foldOf("n.name_fold", "n.primary_name")
	for _, q := range []string{
		"DROP TABLE IF EXISTS imdb_name_matches",
		`CREATE TEMP TABLE imdb_name_matches AS
		SELECT p.nconst AS nconst, MIN(x.id) AS person_id
		FROM credits c CROSS JOIN imdb_titles t CROSS JOIN imdb_principals p
		JOIN imdb_names n ON n.nconst = p.nconst JOIN people x ON x.id = c.person_id
		WHERE c.imdb_key IS NULL AND t.film_id = c.film_id AND NOT t.film_owned AND p.tconst = t.tconst
		AND n.person_id IS NULL AND x.imdb_id IS NULL AND x.name_fold = ` + nameFold + `
		GROUP BY p.nconst`,
	} {
		if _, err := r.exec(ctx, tx, q); err != nil {
			return err
		}
	}
	res, err = r.exec(ctx, tx, `UPDATE imdb_names SET person_owned = FALSE, linked_gen = ?,
		person_id = (SELECT m.person_id FROM imdb_name_matches m WHERE m.nconst = imdb_names.nconst)
		WHERE imdb_names.nconst IN (SELECT nconst FROM imdb_name_matches)`, r.Gen)
	if err != nil {
		return err
	}
	p.PeopleLinked += affected(res)
	if _, err := r.exec(ctx, tx, "DROP TABLE imdb_name_matches"); err != nil {
		return err
	}
	// People are created when a catalog film credits them.
	nameSlug := r.slugOf("n.slug", "n.primary_name", "", "nm", "n.nconst")
	res, err = r.exec(ctx, tx, `INSERT INTO people (slug, name, sort_name, name_fold, sort_name_fold,
		birth_year, death_year, imdb_id, created_at, updated_at)
		SELECT `+nameSlug+`, n.primary_name, n.sort_name, `+r.foldOf("n.name_fold", "n.primary_name")+`,
		`+r.foldOf("n.sort_name_fold", "n.sort_name")+`, `+birthExpr+`, `+deathExpr+`,
		`+r.imdbIDExpr("nm", "n.nconst")+`, ?, ?
		FROM imdb_names n WHERE n.person_id IS NULL AND n.nconst IN (
			SELECT p.nconst FROM imdb_titles t CROSS JOIN imdb_principals p
			WHERE t.film_id IS NOT NULL AND p.tconst = t.tconst AND (p.gen > ? OR t.linked_gen = ?))
		AND NOT EXISTS (SELECT 1 FROM people x WHERE x.slug = `+nameSlug+`)
		ORDER BY n.nconst`, now, now, last, r.Gen)
	if err != nil {
		return err
	}
	p.PeopleCreated = affected(res)
	if p.PeopleCreated > 0 {
		_, err = r.exec(ctx, tx, `UPDATE imdb_names SET person_id = x.id, person_owned = TRUE, linked_gen = ?
			FROM people x WHERE imdb_names.person_id IS NULL AND x.imdb_id = `+r.imdbIDExpr("nm", "imdb_names.nconst"), r.Gen)
		if err != nil {
			return err
		}
	}
	if p.PeopleCreated+p.PeopleLinked > 0 {
		src, err := r.source(ctx, tx)
		if err != nil {
			return err
		}
		_, err = r.exec(ctx, tx, `INSERT INTO claims (source_id, subject_type, subject_id, film_id, field, value,
			span_start, span_end, confidence, preferred, created_at)
			SELECT ?, 'person', n.person_id, NULL, CASE WHEN n.person_owned THEN '' ELSE 'external_ids.imdb' END,
			`+r.imdbIDExpr("nm", "n.nconst")+`, NULL, NULL, 1.0, n.person_owned, ?
			FROM imdb_names n WHERE n.linked_gen = ? ORDER BY n.nconst`, src, now, r.Gen)
		if err != nil {
			return err
		}
	}
	d := r.distinct()
	res, err = r.exec(ctx, tx, `UPDATE people SET name = n.primary_name, sort_name = n.sort_name,
		name_fold = `+r.foldOf("n.name_fold", "n.primary_name")+`,
		sort_name_fold = `+r.foldOf("n.sort_name_fold", "n.sort_name")+`, birth_year = `+birthExpr+`, death_year = `+deathExpr+`, updated_at = ?
		FROM imdb_names n WHERE people.id = n.person_id AND n.person_owned AND n.gen > ? AND n.linked_gen <> ?
		AND (people.name`+d+`n.primary_name OR people.birth_year`+d+birthExpr+` OR people.death_year`+d+deathExpr+`)`,
		now, last, r.Gen)
	if err != nil {
		return err
	}
	p.PeopleUpdated = affected(res)
	return nil
}

// imdbCategories maps title.principals categories to a job and department.
var imdbCategories = [][3]string{
	{"actor", "actor", "cast"}, {"actress", "actress", "cast"}, {"self", "self", "self"},
	{"director", "director", "directing"}, {"writer", "writer", "writing"}, {"producer", "producer", "production"},
	{"composer", "composer", "sound"}, {"cinematographer", "cinematographer", "camera"}, {"editor", "editor", "editing"},
	{"production_designer", "production designer", "art"}, {"casting_director", "casting director", "production"},
	{"archive_footage", "archive footage", "archive"}, {"archive_sound", "archive sound", "archive"},
}

// IMDbCategoryCode is how the raw principals table stores a category:
// the known ones (imdbCategories) as their number ("1" for actor), which
// saves about 8 bytes on each of the 98 million rows; others as they are.
func IMDbCategoryCode(category string) string {
	for i, c := range imdbCategories {
		if c[0] == category {
			return itoa(i + 1)
		}
	}
	return category
}

func categoryCase(col int) string {
	var b strings.Builder
	b.WriteString("(CASE p.category")
	for i, c := range imdbCategories {
		// The name too: raw rows loaded before the codes.
		b.WriteString(" WHEN '" + itoa(i+1) + "' THEN '" + c[col] + "' WHEN '" + c[0] + "' THEN '" + c[col] + "'")
	}
	if col == 1 {
		b.WriteString(" ELSE replace(p.category, '_', ' ') END)")
	} else {
		b.WriteString(" ELSE 'other' END)")
	}
	return b.String()
}

func (r *IMDbRun) projectCredits(ctx context.Context, tx *sql.Tx, last int64, p *IMDbProjection) error {
	job, dept := categoryCase(1), categoryCase(2)
	// Each credit looks its person up in imdb_names, in random order: on
	// a full dataset that table is gigabytes, far more than the page
	// cache. A first mapping on SQLite builds a narrow covering index of
	// the people instead (a tenth of the size) and drops it afterwards.
	names := "imdb_names n"
	if last == 0 && r.q.d.name == "sqlite" {
		if _, err := r.exec(ctx, tx, `CREATE INDEX imdb_names_person_tmp ON imdb_names (nconst, person_id, linked_gen)
			WHERE person_id IS NOT NULL`); err != nil {
			return err
		}
		names = "imdb_names n INDEXED BY imdb_names_person_tmp"
		// That index (about 300 MB at full scale) is read at random, once
		// per credit: for this statement only, the page cache is doubled
		// so that it stays in it (scale 1: 8 min with 256 MiB, 5 min with
		// 512 MiB). It is halved again before the index builds that
		// follow, whose sorters buffer a cache's worth each.
		if _, err := r.exec(ctx, tx, "PRAGMA cache_size = -524288"); err != nil {
			return err
		}
	}
	// A credit the catalog already has by hand (same film, person and
	// department) is not added again. The check reads credits_manual_idx,
	// which holds only the hand-made credits: a probe per credit written
	// into a small index, not a read of the film's other credits.
	res, err := r.exec(ctx, tx, `INSERT INTO credits (film_id, person_id, department, job, character, billing, note, imdb_key)
		SELECT t.film_id, n.person_id, `+dept+`, `+job+`,
		CASE WHEN `+dept+` IN ('cast', 'self', 'archive') THEN p.characters ELSE '' END,
		p.ordering, p.job, p.tconst * 10000 + p.ordering
		FROM imdb_titles t CROSS JOIN imdb_principals p JOIN `+names+` ON n.nconst = p.nconst
		WHERE t.film_id IS NOT NULL AND p.tconst = t.tconst AND n.person_id IS NOT NULL AND (p.gen > ? OR t.linked_gen = ? OR n.linked_gen = ?)
		AND NOT EXISTS (SELECT 1 FROM credits c `+r.indexedBy("credits_manual_idx")+`WHERE c.film_id = t.film_id AND c.person_id = n.person_id
			AND c.imdb_key IS NULL AND c.department = `+dept+`)
		ORDER BY t.tconst, p.ordering
		ON CONFLICT (imdb_key) DO UPDATE SET person_id = excluded.person_id, department = excluded.department,
		job = excluded.job, character = excluded.character, billing = excluded.billing, note = excluded.note`,
		last, r.Gen, r.Gen)
	if err != nil {
		return err
	}
	p.CreditsWritten = affected(res)
	if names != "imdb_names n" {
		if _, err := r.exec(ctx, tx, "DROP INDEX imdb_names_person_tmp"); err != nil {
			return err
		}
		_, err = r.exec(ctx, tx, "PRAGMA cache_size = "+sqliteImportCacheSize)
	}
	return err
}
