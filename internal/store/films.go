package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

const filmColumns = `f.id, f.slug, f.title, f.original_title, f.year, f.runtime_minutes,
	f.synopsis, f.tagline, f.genres, f.status,
	COALESCE(f.imdb_id, ''), COALESCE(f.tmdb_id, 0), COALESCE(f.wikidata_id, ''),
	f.trailers, f.created_at, f.updated_at`

func scanFilm(s scanner) (catalog.Film, error) {
	var f catalog.Film
	err := s.Scan(&f.ID, &f.Slug, &f.Title, &f.OriginalTitle, &f.Year, &f.RuntimeMinutes,
		&f.Synopsis, &f.Tagline, jsonCol(&f.Genres), &f.Status,
		&f.ExternalIDs.IMDb, &f.ExternalIDs.TMDb, &f.ExternalIDs.Wikidata,
		jsonCol(&f.Trailers), timeText{&f.CreatedAt}, timeText{&f.UpdatedAt})
	return f, err
}

// filmOrder sorts films by folded title, then ID.
func filmOrder() keyset {
	return keyset{columns: []string{"f.title_fold", "f.id"}, kinds: []keyKind{textKey, intKey}}
}

func filmKey(f catalog.Film) []any { return []any{catalog.FoldText(f.Title), f.ID} }

func filmUniqueKeys(f *catalog.Film) []uniqueKey {
	return []uniqueKey{
		unique("slug", "film slug %q already exists", f.Slug),
		unique("imdb_id", "film IMDb ID %q already exists", f.ExternalIDs.IMDb),
		unique("tmdb_id", "film TMDb ID %d already exists", f.ExternalIDs.TMDb),
		unique("wikidata_id", "film Wikidata ID %q already exists", f.ExternalIDs.Wikidata),
	}
}

// CreateFilm stores f and sets its ID; an empty slug is derived from the
// title and year.
func (q *queries) CreateFilm(ctx context.Context, f *catalog.Film) error {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.deriveSlug(ctx, "films", &f.Slug, f.DefaultSlug(), "film", 0); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO films (slug, title, original_title, title_fold, original_title_fold,
			year, runtime_minutes, synopsis, tagline, genres, status, imdb_id, tmdb_id, wikidata_id,
			trailers, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append(filmValues(f), formatTime(f.CreatedAt), formatTime(f.UpdatedAt))...)
		if err != nil {
			return q.writeError(err, filmUniqueKeys(f)...)
		}
		f.ID = id
		return nil
	})
}

// filmValues are the columns from slug to trailers.
func filmValues(f *catalog.Film) []any {
	return []any{f.Slug, f.Title, f.OriginalTitle, catalog.FoldText(f.Title), catalog.FoldText(f.OriginalTitle),
		f.Year, f.RuntimeMinutes, f.Synopsis, f.Tagline, jsonList(f.Genres), string(f.Status),
		nullText(f.ExternalIDs.IMDb), nullID(f.ExternalIDs.TMDb), nullText(f.ExternalIDs.Wikidata),
		jsonList(f.Trailers)}
}

// UpdateFilm replaces the stored film f.ID with f; its creation time is
// kept.
func (q *queries) UpdateFilm(ctx context.Context, f *catalog.Film) error {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.deriveSlug(ctx, "films", &f.Slug, f.DefaultSlug(), "film", f.ID); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "film", f.ID, `UPDATE films SET slug = ?, title = ?, original_title = ?,
			title_fold = ?, original_title_fold = ?, year = ?, runtime_minutes = ?, synopsis = ?, tagline = ?,
			genres = ?, status = ?, imdb_id = ?, tmdb_id = ?, wikidata_id = ?, trailers = ?, updated_at = ?
			WHERE id = ?`,
			append(filmValues(f), formatTime(f.UpdatedAt), f.ID)...)
		return q.writeError(err, filmUniqueKeys(f)...)
	})
}

// DeleteFilm deletes a film with everything that belongs to it: credits,
// releases with their editions and extras, selections, nominations, and
// the claims about any of them (claims carry their film's ID and go with
// it, ON DELETE CASCADE).
func (q *queries) DeleteFilm(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		return q.deleteRecord(ctx, catalog.EntityFilm, "film", "films", id)
	})
}

func (q *queries) GetFilm(ctx context.Context, id int64) (catalog.Film, error) {
	return queryOne(ctx, q, scanFilm, "film", id, "SELECT "+filmColumns+" FROM films f WHERE f.id = ?", id)
}

func (q *queries) GetFilmBySlug(ctx context.Context, slug string) (catalog.Film, error) {
	return queryOne(ctx, q, scanFilm, "film", slug, "SELECT "+filmColumns+" FROM films f WHERE f.slug = ?", slug)
}

// GetFilmByExternalID returns the film with any of the known IDs of ids;
// when several films match, the oldest.
func (q *queries) GetFilmByExternalID(ctx context.Context, ids catalog.ExternalIDs) (catalog.Film, error) {
	w := externalIDConds("f", ids)
	if len(w.sql) == 0 {
		return catalog.Film{}, catalog.NotFound("film with external IDs", "(none given)")
	}
	return queryOne(ctx, q, scanFilm, "film with external IDs", describeExternalIDs(ids),
		"SELECT "+filmColumns+" FROM films f WHERE "+strings.Join(w.sql, " OR ")+" ORDER BY f.id LIMIT 1", w.args...)
}

// externalIDConds returns one condition per known ID of ids, on the table
// alias t; a record matches when any holds.
func externalIDConds(t string, ids catalog.ExternalIDs) conds {
	var w conds
	if ids.IMDb != "" {
		w.add(t+".imdb_id = ?", ids.IMDb)
	}
	if ids.TMDb != 0 {
		w.add(t+".tmdb_id = ?", ids.TMDb)
	}
	if ids.Wikidata != "" {
		w.add(t+".wikidata_id = ?", ids.Wikidata)
	}
	return w
}

func describeExternalIDs(ids catalog.ExternalIDs) string {
	var parts []string
	if ids.IMDb != "" {
		parts = append(parts, "IMDb "+ids.IMDb)
	}
	if ids.TMDb != 0 {
		parts = append(parts, "TMDb "+strconv.FormatInt(ids.TMDb, 10))
	}
	if ids.Wikidata != "" {
		parts = append(parts, "Wikidata "+ids.Wikidata)
	}
	return strings.Join(parts, ", ")
}

// ListFilms returns a page of films matching f by folded title, then ID.
func (q *queries) ListFilms(ctx context.Context, f catalog.FilmFilter) ([]catalog.Film, string, error) {
	w, err := filmConds(f)
	if err != nil {
		return nil, "", err
	}
	if err := filmOrder().after(&w, f.After); err != nil {
		return nil, "", err
	}
	limit := f.Effective()
	films, err := queryAll(ctx, q, scanFilm,
		"SELECT "+filmColumns+" FROM films f"+w.where()+filmOrder().orderBy()+" LIMIT ?", append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	films, next := page(films, limit, filmKey)
	return films, next, nil
}

// filmConds translates a FilmFilter. Release conditions (type, country,
// dates) must hold for one and the same release; format, label and
// person are separate facts about the film.
func filmConds(f catalog.FilmFilter) (conds, error) {
	var w conds
	if query := strings.TrimSpace(catalog.FoldText(f.Query)); query != "" {
		pattern := likeContains(query)
		w.add(`(f.title_fold LIKE ? ESCAPE '\' OR f.original_title_fold LIKE ? ESCAPE '\')`, pattern, pattern)
	}
	if f.Year != 0 {
		w.add("f.year = ?", f.Year)
	}
	var rel conds
	if f.ReleaseType != "" {
		rel.add("r.type = ?", string(f.ReleaseType))
	}
	if f.Country != "" {
		rel.add("r.country = ?", strings.ToUpper(f.Country))
	}
	if err := dateRangeConds(&rel, f.From, f.To); err != nil {
		return conds{}, err
	}
	if len(rel.sql) > 0 {
		w.add("EXISTS (SELECT 1 FROM releases r"+rel.where()+" AND r.film_id = f.id)", rel.args...)
	}
	if f.Format != "" {
		cond := `EXISTS (SELECT 1 FROM releases r JOIN editions e ON e.release_id = r.id
			JOIN edition_formats ef ON ef.edition_id = e.id WHERE r.film_id = f.id AND ef.format = ?)`
		if f.Format == catalog.FormatDigital {
			cond = "(" + cond + " OR EXISTS (SELECT 1 FROM releases r WHERE r.film_id = f.id AND r.type IN (?, ?)))"
			w.add(cond, string(f.Format), string(catalog.ReleaseDigital), string(catalog.ReleaseStreaming))
		} else {
			w.add(cond, string(f.Format))
		}
	}
	if f.LabelID != 0 {
		w.add(`EXISTS (SELECT 1 FROM releases r WHERE r.film_id = f.id AND (r.distributor_id = ?
			OR EXISTS (SELECT 1 FROM editions e WHERE e.release_id = r.id AND e.label_id = ?)))`, f.LabelID, f.LabelID)
	}
	if f.PersonID != 0 {
		w.add("EXISTS (SELECT 1 FROM credits c WHERE c.film_id = f.id AND c.person_id = ?)", f.PersonID)
	}
	return w, nil
}

// FilmsByTitle finds films by exact folded title and year: the title
// index first, then the original title.
func (q *queries) FilmsByTitle(ctx context.Context, title string, year int) ([]catalog.Film, error) {
	fold := catalog.FoldText(title)
	films, err := queryAll(ctx, q, scanFilm, "SELECT "+filmColumns+" FROM films f WHERE f.title_fold = ? AND f.year = ? ORDER BY f.id LIMIT 10", fold, year)
	if err != nil || len(films) > 0 {
		return films, err
	}
	return queryAll(ctx, q, scanFilm, "SELECT "+filmColumns+" FROM films f WHERE f.year = ? AND f.original_title_fold = ? ORDER BY f.id LIMIT 10", year, fold)
}
