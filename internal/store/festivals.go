package store

import (
	"context"
	"fmt"

	"github.com/marquee-film/marquee/internal/catalog"
)

const festivalColumns = "fs.id, fs.slug, fs.name, fs.country, fs.city, fs.website, fs.created_at, fs.updated_at"

func scanFestival(s scanner) (catalog.Festival, error) {
	var f catalog.Festival
	err := s.Scan(&f.ID, &f.Slug, &f.Name, &f.Country, &f.City, &f.Website, timeText{&f.CreatedAt}, timeText{&f.UpdatedAt})
	return f, err
}

// festivalOrder sorts festivals by folded name, then ID.
func festivalOrder() keyset {
	return keyset{columns: []string{"fs.name_fold", "fs.id"}, kinds: []keyKind{textKey, intKey}}
}

func festivalKey(f catalog.Festival) []any { return []any{catalog.FoldText(f.Name), f.ID} }

func festivalUniqueKey(f *catalog.Festival) uniqueKey {
	return unique("slug", "festival slug %q already exists", f.Slug)
}

// CreateFestival stores f and sets its ID; an empty slug is derived from
// the name.
func (q *queries) CreateFestival(ctx context.Context, f *catalog.Festival) error {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.deriveSlug(ctx, "festivals", &f.Slug, catalog.Slugify(f.Name), "festival", 0); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO festivals (slug, name, name_fold, country, city, website, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			f.Slug, f.Name, catalog.FoldText(f.Name), f.Country, f.City, f.Website, formatTime(f.CreatedAt), formatTime(f.UpdatedAt))
		if err != nil {
			return q.writeError(err, festivalUniqueKey(f))
		}
		f.ID = id
		return nil
	})
}

// UpdateFestival replaces the stored festival f.ID with f; its creation
// time is kept.
func (q *queries) UpdateFestival(ctx context.Context, f *catalog.Festival) error {
	f.Normalize()
	if err := f.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.deriveSlug(ctx, "festivals", &f.Slug, catalog.Slugify(f.Name), "festival", f.ID); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "festival", f.ID, `UPDATE festivals SET slug = ?, name = ?, name_fold = ?, country = ?,
			city = ?, website = ?, updated_at = ? WHERE id = ?`,
			f.Slug, f.Name, catalog.FoldText(f.Name), f.Country, f.City, f.Website, formatTime(f.UpdatedAt), f.ID)
		return q.writeError(err, festivalUniqueKey(f))
	})
}

// DeleteFestival deletes a festival that has no editions and no award
// body.
func (q *queries) DeleteFestival(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		err := q.checkUnreferenced(ctx, "festival", id,
			referrer{"festival editions", "SELECT 1 FROM festival_editions WHERE festival_id = ?"},
			referrer{"award bodies", "SELECT 1 FROM award_bodies WHERE festival_id = ?"})
		if err != nil {
			return err
		}
		return q.deleteRecord(ctx, catalog.EntityFestival, "festival", "festivals", id)
	})
}

func (q *queries) GetFestival(ctx context.Context, id int64) (catalog.Festival, error) {
	return queryOne(ctx, q, scanFestival, "festival", id, "SELECT "+festivalColumns+" FROM festivals fs WHERE fs.id = ?", id)
}

func (q *queries) GetFestivalBySlug(ctx context.Context, slug string) (catalog.Festival, error) {
	return queryOne(ctx, q, scanFestival, "festival", slug, "SELECT "+festivalColumns+" FROM festivals fs WHERE fs.slug = ?", slug)
}

// ListFestivals returns a page of festivals by folded name, then ID.
func (q *queries) ListFestivals(ctx context.Context, p catalog.Page) ([]catalog.Festival, string, error) {
	var w conds
	if err := festivalOrder().after(&w, p.After); err != nil {
		return nil, "", err
	}
	limit := p.Effective()
	festivals, err := queryAll(ctx, q, scanFestival,
		"SELECT "+festivalColumns+" FROM festivals fs"+w.where()+festivalOrder().orderBy()+" LIMIT ?", append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	festivals, next := page(festivals, limit, festivalKey)
	return festivals, next, nil
}

// ---------------------------------------------------------------------------
// Festival editions

const festEditionSelect = `SELECT fe.id, fe.festival_id, fe.year, fe.starts_on, fe.ends_on, fe.place, fs.name, fs.slug
	FROM festival_editions fe JOIN festivals fs ON fs.id = fe.festival_id`

func scanFestivalEdition(s scanner) (catalog.FestivalEdition, error) {
	var e catalog.FestivalEdition
	err := s.Scan(&e.ID, &e.FestivalID, &e.Year, dateText{&e.StartsOn}, dateText{&e.EndsOn}, &e.Place,
		&e.FestivalName, &e.FestivalSlug)
	return e, err
}

func festEditionUniqueKey(e *catalog.FestivalEdition) uniqueKey {
	return unique("festival_id,year", "festival %d already has an edition in %d", e.FestivalID, e.Year)
}

// CreateFestivalEdition stores e, sets its ID and fills its read-only
// fields.
func (q *queries) CreateFestivalEdition(ctx context.Context, e *catalog.FestivalEdition) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, ref{"festival", "festivals", e.FestivalID, "festival_id"}); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO festival_editions (festival_id, year, starts_on, ends_on, place)
			VALUES (?, ?, ?, ?, ?)`, e.FestivalID, e.Year, e.StartsOn.String(), e.EndsOn.String(), e.Place)
		if err != nil {
			return q.writeError(err, festEditionUniqueKey(e))
		}
		return reload(ctx, e, id, q.GetFestivalEdition)
	})
}

// UpdateFestivalEdition replaces the stored edition e.ID with e and fills
// its read-only fields.
func (q *queries) UpdateFestivalEdition(ctx context.Context, e *catalog.FestivalEdition) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, ref{"festival", "festivals", e.FestivalID, "festival_id"}); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "festival edition", e.ID, `UPDATE festival_editions SET festival_id = ?, year = ?,
			starts_on = ?, ends_on = ?, place = ? WHERE id = ?`,
			e.FestivalID, e.Year, e.StartsOn.String(), e.EndsOn.String(), e.Place, e.ID)
		if err != nil {
			return q.writeError(err, festEditionUniqueKey(e))
		}
		return reload(ctx, e, e.ID, q.GetFestivalEdition)
	})
}

// DeleteFestivalEdition deletes an edition that no release, selection or
// nomination refers to.
func (q *queries) DeleteFestivalEdition(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		err := q.checkUnreferenced(ctx, "festival edition", id,
			referrer{"releases", "SELECT 1 FROM releases WHERE festival_edition_id = ?"},
			referrer{"selections", "SELECT 1 FROM selections WHERE festival_edition_id = ?"},
			referrer{"nominations", "SELECT 1 FROM nominations WHERE festival_edition_id = ?"})
		if err != nil {
			return err
		}
		return q.deleteRecord(ctx, catalog.EntityFestivalEdition, "festival edition", "festival_editions", id)
	})
}

func (q *queries) GetFestivalEdition(ctx context.Context, id int64) (catalog.FestivalEdition, error) {
	return queryOne(ctx, q, scanFestivalEdition, "festival edition", id, festEditionSelect+" WHERE fe.id = ?", id)
}

func (q *queries) GetFestivalEditionByYear(ctx context.Context, festivalID int64, year int) (catalog.FestivalEdition, error) {
	return queryOne(ctx, q, scanFestivalEdition, "festival edition", fmt.Sprintf("%d of festival %d", year, festivalID),
		festEditionSelect+" WHERE fe.festival_id = ? AND fe.year = ?", festivalID, year)
}

// ListFestivalEditions returns a festival's editions, newest first.
func (q *queries) ListFestivalEditions(ctx context.Context, festivalID int64) ([]catalog.FestivalEdition, error) {
	return queryAll(ctx, q, scanFestivalEdition, festEditionSelect+" WHERE fe.festival_id = ? ORDER BY fe.year DESC", festivalID)
}

// ---------------------------------------------------------------------------
// Selections

const selectionSelect = `SELECT s.id, s.film_id, s.festival_edition_id, s.section, s.premiere, s.note,
	f.title, f.slug, f.year, fs.name, fs.slug, fe.year
	FROM selections s JOIN films f ON f.id = s.film_id
	JOIN festival_editions fe ON fe.id = s.festival_edition_id JOIN festivals fs ON fs.id = fe.festival_id`

func scanSelection(s scanner) (catalog.Selection, error) {
	var x catalog.Selection
	err := s.Scan(&x.ID, &x.FilmID, &x.FestivalEditionID, &x.Section, &x.Premiere, &x.Note,
		&x.FilmTitle, &x.FilmSlug, &x.FilmYear, &x.FestivalName, &x.FestivalSlug, &x.Year)
	return x, err
}

func selectionRefs(s *catalog.Selection) []ref {
	return []ref{
		{"film", "films", s.FilmID, "film_id"},
		{"festival edition", "festival_editions", s.FestivalEditionID, "festival_edition_id"},
	}
}

// CreateSelection stores s, sets its ID and fills its read-only fields.
func (q *queries) CreateSelection(ctx context.Context, s *catalog.Selection) error {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, selectionRefs(s)...); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO selections (film_id, festival_edition_id, section, premiere, note)
			VALUES (?, ?, ?, ?, ?)`, s.FilmID, s.FestivalEditionID, s.Section, string(s.Premiere), s.Note)
		if err != nil {
			return q.writeError(err)
		}
		return reload(ctx, s, id, q.GetSelection)
	})
}

// UpdateSelection replaces the stored selection s.ID with s and fills its
// read-only fields.
func (q *queries) UpdateSelection(ctx context.Context, s *catalog.Selection) error {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, selectionRefs(s)...); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "selection", s.ID, `UPDATE selections SET film_id = ?, festival_edition_id = ?,
			section = ?, premiere = ?, note = ? WHERE id = ?`,
			s.FilmID, s.FestivalEditionID, s.Section, string(s.Premiere), s.Note, s.ID)
		if err != nil {
			return q.writeError(err)
		}
		return reload(ctx, s, s.ID, q.GetSelection)
	})
}

func (q *queries) DeleteSelection(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		return q.deleteRecord(ctx, catalog.EntitySelection, "selection", "selections", id)
	})
}

func (q *queries) GetSelection(ctx context.Context, id int64) (catalog.Selection, error) {
	return queryOne(ctx, q, scanSelection, "selection", id, selectionSelect+" WHERE s.id = ?", id)
}

// ListSelections returns the selections matching f ordered by year
// (newest first), festival, section, film title, then ID.
func (q *queries) ListSelections(ctx context.Context, f catalog.SelectionFilter) ([]catalog.Selection, error) {
	var w conds
	if f.FilmID != 0 {
		w.add("s.film_id = ?", f.FilmID)
	}
	if f.FestivalEditionID != 0 {
		w.add("s.festival_edition_id = ?", f.FestivalEditionID)
	}
	if len(w.sql) == 0 {
		return nil, catalog.Invalid("", "list selections of a film or a festival edition: set one of them")
	}
	return queryAll(ctx, q, scanSelection, selectionSelect+w.where()+
		" ORDER BY fe.year DESC, fs.name_fold, fs.id, s.section, f.title_fold, s.id", w.args...)
}
