package store

import (
	"context"

	"github.com/marquee-film/marquee/internal/catalog"
)

const awardBodyColumns = "b.id, b.slug, b.name, COALESCE(b.festival_id, 0), b.created_at, b.updated_at"

func scanAwardBody(s scanner) (catalog.AwardBody, error) {
	var b catalog.AwardBody
	err := s.Scan(&b.ID, &b.Slug, &b.Name, &b.FestivalID, timeText{&b.CreatedAt}, timeText{&b.UpdatedAt})
	return b, err
}

// awardBodyOrder sorts award bodies by folded name, then ID.
func awardBodyOrder() keyset {
	return keyset{columns: []string{"b.name_fold", "b.id"}, kinds: []keyKind{textKey, intKey}}
}

func awardBodyKey(b catalog.AwardBody) []any { return []any{catalog.FoldText(b.Name), b.ID} }

func awardBodyUniqueKey(b *catalog.AwardBody) uniqueKey {
	return unique("slug", "award body slug %q already exists", b.Slug)
}

func awardBodyRef(b *catalog.AwardBody) ref {
	return ref{"festival", "festivals", b.FestivalID, "festival_id"}
}

// CreateAwardBody stores b and sets its ID; an empty slug is derived from
// the name.
func (q *queries) CreateAwardBody(ctx context.Context, b *catalog.AwardBody) error {
	b.Normalize()
	if err := b.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, awardBodyRef(b)); err != nil {
			return err
		}
		if err := q.deriveSlug(ctx, "award_bodies", &b.Slug, catalog.Slugify(b.Name), "award-body", 0); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO award_bodies (slug, name, name_fold, festival_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)`,
			b.Slug, b.Name, catalog.FoldText(b.Name), nullID(b.FestivalID), formatTime(b.CreatedAt), formatTime(b.UpdatedAt))
		if err != nil {
			return q.writeError(err, awardBodyUniqueKey(b))
		}
		b.ID = id
		return nil
	})
}

// UpdateAwardBody replaces the stored award body b.ID with b; its
// creation time is kept.
func (q *queries) UpdateAwardBody(ctx context.Context, b *catalog.AwardBody) error {
	b.Normalize()
	if err := b.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, awardBodyRef(b)); err != nil {
			return err
		}
		if err := q.deriveSlug(ctx, "award_bodies", &b.Slug, catalog.Slugify(b.Name), "award-body", b.ID); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "award body", b.ID, `UPDATE award_bodies SET slug = ?, name = ?, name_fold = ?,
			festival_id = ?, updated_at = ? WHERE id = ?`,
			b.Slug, b.Name, catalog.FoldText(b.Name), nullID(b.FestivalID), formatTime(b.UpdatedAt), b.ID)
		return q.writeError(err, awardBodyUniqueKey(b))
	})
}

// DeleteAwardBody deletes an award body that has no categories.
func (q *queries) DeleteAwardBody(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		err := q.checkUnreferenced(ctx, "award body", id,
			referrer{"award categories", "SELECT 1 FROM award_categories WHERE award_body_id = ?"})
		if err != nil {
			return err
		}
		return q.deleteRecord(ctx, catalog.EntityAwardBody, "award body", "award_bodies", id)
	})
}

func (q *queries) GetAwardBody(ctx context.Context, id int64) (catalog.AwardBody, error) {
	return queryOne(ctx, q, scanAwardBody, "award body", id, "SELECT "+awardBodyColumns+" FROM award_bodies b WHERE b.id = ?", id)
}

func (q *queries) GetAwardBodyBySlug(ctx context.Context, slug string) (catalog.AwardBody, error) {
	return queryOne(ctx, q, scanAwardBody, "award body", slug, "SELECT "+awardBodyColumns+" FROM award_bodies b WHERE b.slug = ?", slug)
}

// ListAwardBodies returns a page of award bodies by folded name, then ID.
func (q *queries) ListAwardBodies(ctx context.Context, p catalog.Page) ([]catalog.AwardBody, string, error) {
	var w conds
	if err := awardBodyOrder().after(&w, p.After); err != nil {
		return nil, "", err
	}
	limit := p.Effective()
	bodies, err := queryAll(ctx, q, scanAwardBody,
		"SELECT "+awardBodyColumns+" FROM award_bodies b"+w.where()+awardBodyOrder().orderBy()+" LIMIT ?", append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	bodies, next := page(bodies, limit, awardBodyKey)
	return bodies, next, nil
}

// ---------------------------------------------------------------------------
// Award categories

const categorySelect = `SELECT c.id, c.award_body_id, c.name, c.person_award, b.name, b.slug
	FROM award_categories c JOIN award_bodies b ON b.id = c.award_body_id`

func scanCategory(s scanner) (catalog.AwardCategory, error) {
	var c catalog.AwardCategory
	err := s.Scan(&c.ID, &c.AwardBodyID, &c.Name, &c.PersonAward, &c.AwardBodyName, &c.AwardBodySlug)
	return c, err
}

func categoryUniqueKey(c *catalog.AwardCategory) uniqueKey {
	return unique("award_body_id,name", "award category %q already exists in award body %d", c.Name, c.AwardBodyID)
}

// CreateAwardCategory stores c, sets its ID and fills its read-only
// fields.
func (q *queries) CreateAwardCategory(ctx context.Context, c *catalog.AwardCategory) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, ref{"award body", "award_bodies", c.AwardBodyID, "award_body_id"}); err != nil {
			return err
		}
		id, err := q.insert(ctx, "INSERT INTO award_categories (award_body_id, name, name_fold, person_award) VALUES (?, ?, ?, ?)",
			c.AwardBodyID, c.Name, catalog.FoldText(c.Name), c.PersonAward)
		if err != nil {
			return q.writeError(err, categoryUniqueKey(c))
		}
		return reload(ctx, c, id, q.GetAwardCategory)
	})
}

// UpdateAwardCategory replaces the stored category c.ID with c and fills
// its read-only fields.
func (q *queries) UpdateAwardCategory(ctx context.Context, c *catalog.AwardCategory) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, ref{"award body", "award_bodies", c.AwardBodyID, "award_body_id"}); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "award category", c.ID, `UPDATE award_categories SET award_body_id = ?, name = ?,
			name_fold = ?, person_award = ? WHERE id = ?`,
			c.AwardBodyID, c.Name, catalog.FoldText(c.Name), c.PersonAward, c.ID)
		if err != nil {
			return q.writeError(err, categoryUniqueKey(c))
		}
		return reload(ctx, c, c.ID, q.GetAwardCategory)
	})
}

// DeleteAwardCategory deletes a category that has no nominations.
func (q *queries) DeleteAwardCategory(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		err := q.checkUnreferenced(ctx, "award category", id,
			referrer{"nominations", "SELECT 1 FROM nominations WHERE category_id = ?"})
		if err != nil {
			return err
		}
		return q.deleteRecord(ctx, catalog.EntityAwardCategory, "award category", "award_categories", id)
	})
}

func (q *queries) GetAwardCategory(ctx context.Context, id int64) (catalog.AwardCategory, error) {
	return queryOne(ctx, q, scanCategory, "award category", id, categorySelect+" WHERE c.id = ?", id)
}

// ListAwardCategories returns a body's categories by folded name, then
// ID.
func (q *queries) ListAwardCategories(ctx context.Context, awardBodyID int64) ([]catalog.AwardCategory, error) {
	return queryAll(ctx, q, scanCategory, categorySelect+" WHERE c.award_body_id = ? ORDER BY c.name_fold, c.id", awardBodyID)
}

// ---------------------------------------------------------------------------
// Nominations

const nominationSelect = `SELECT n.id, n.category_id, n.film_id, COALESCE(n.person_id, 0), n.year, n.ceremony,
	COALESCE(n.festival_edition_id, 0), n.result, n.note, n.created_at, n.updated_at,
	c.name, b.name, b.slug, f.title, f.slug, f.year, COALESCE(p.name, ''), COALESCE(p.slug, '')
	FROM nominations n JOIN award_categories c ON c.id = n.category_id JOIN award_bodies b ON b.id = c.award_body_id
	JOIN films f ON f.id = n.film_id LEFT JOIN people p ON p.id = n.person_id`

func scanNomination(s scanner) (catalog.Nomination, error) {
	var n catalog.Nomination
	err := s.Scan(&n.ID, &n.CategoryID, &n.FilmID, &n.PersonID, &n.Year, &n.Ceremony,
		&n.FestivalEditionID, &n.Result, &n.Note, timeText{&n.CreatedAt}, timeText{&n.UpdatedAt},
		&n.CategoryName, &n.AwardBodyName, &n.AwardBodySlug, &n.FilmTitle, &n.FilmSlug, &n.FilmYear,
		&n.PersonName, &n.PersonSlug)
	return n, err
}

func nominationRefs(n *catalog.Nomination) []ref {
	return []ref{
		{"award category", "award_categories", n.CategoryID, "category_id"},
		{"film", "films", n.FilmID, "film_id"},
		{"person", "people", n.PersonID, "person_id"},
		{"festival edition", "festival_editions", n.FestivalEditionID, "festival_edition_id"},
	}
}

// nominationValues are the columns from category_id to note.
func nominationValues(n *catalog.Nomination) []any {
	return []any{n.CategoryID, n.FilmID, nullID(n.PersonID), n.Year, n.Ceremony, nullID(n.FestivalEditionID),
		string(n.Result), n.Note}
}

// CreateNomination stores n, sets its ID and fills its read-only fields.
func (q *queries) CreateNomination(ctx context.Context, n *catalog.Nomination) error {
	n.Normalize()
	if err := n.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, nominationRefs(n)...); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO nominations (category_id, film_id, person_id, year, ceremony,
			festival_edition_id, result, note, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append(nominationValues(n), formatTime(n.CreatedAt), formatTime(n.UpdatedAt))...)
		if err != nil {
			return q.writeError(err)
		}
		return reload(ctx, n, id, q.GetNomination)
	})
}

// UpdateNomination replaces the stored nomination n.ID with n (its
// creation time is kept) and fills its read-only fields.
func (q *queries) UpdateNomination(ctx context.Context, n *catalog.Nomination) error {
	n.Normalize()
	if err := n.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, nominationRefs(n)...); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "nomination", n.ID, `UPDATE nominations SET category_id = ?, film_id = ?,
			person_id = ?, year = ?, ceremony = ?, festival_edition_id = ?, result = ?, note = ?, updated_at = ?
			WHERE id = ?`, append(nominationValues(n), formatTime(n.UpdatedAt), n.ID)...)
		if err != nil {
			return q.writeError(err)
		}
		return reload(ctx, n, n.ID, q.GetNomination)
	})
}

func (q *queries) DeleteNomination(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		return q.deleteRecord(ctx, catalog.EntityNomination, "nomination", "nominations", id)
	})
}

func (q *queries) GetNomination(ctx context.Context, id int64) (catalog.Nomination, error) {
	return queryOne(ctx, q, scanNomination, "nomination", id, nominationSelect+" WHERE n.id = ?", id)
}

// ListNominations returns the nominations matching f ordered by year
// (newest first), award body, category, then ID.
func (q *queries) ListNominations(ctx context.Context, f catalog.NominationFilter) ([]catalog.Nomination, error) {
	var w conds
	if f.FilmID != 0 {
		w.add("n.film_id = ?", f.FilmID)
	}
	if f.PersonID != 0 {
		w.add("n.person_id = ?", f.PersonID)
	}
	if f.CategoryID != 0 {
		w.add("n.category_id = ?", f.CategoryID)
	}
	if f.AwardBodyID != 0 {
		w.add("c.award_body_id = ?", f.AwardBodyID)
	}
	if f.FestivalEditionID != 0 {
		w.add("n.festival_edition_id = ?", f.FestivalEditionID)
	}
	if f.Result != "" {
		w.add("n.result = ?", string(f.Result))
	}
	if len(w.sql) == 0 {
		return nil, catalog.Invalid("", "list nominations of a film, a person, a category, an award body or a festival edition: set one of them")
	}
	return queryAll(ctx, q, scanNomination, nominationSelect+w.where()+
		" ORDER BY n.year DESC, b.name_fold, b.id, c.name_fold, c.id, n.id", w.args...)
}
