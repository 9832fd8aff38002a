package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

const creditSelect = `SELECT c.id, c.film_id, c.person_id, c.department, c.job, c.character, c.billing, c.note,
	p.name, p.slug, f.title, f.slug, f.year
	FROM credits c JOIN people p ON p.id = c.person_id JOIN films f ON f.id = c.film_id`

func scanCredit(s scanner) (catalog.Credit, error) {
	var c catalog.Credit
	err := s.Scan(&c.ID, &c.FilmID, &c.PersonID, &c.Department, &c.Job, &c.Character, &c.Billing, &c.Note,
		&c.PersonName, &c.PersonSlug, &c.FilmTitle, &c.FilmSlug, &c.FilmYear)
	return c, err
}

func creditRefs(c *catalog.Credit) []ref {
	return []ref{
		{"film", "films", c.FilmID, "film_id"},
		{"person", "people", c.PersonID, "person_id"},
	}
}

// CreateCredit stores c, sets its ID and fills its read-only fields.
func (q *queries) CreateCredit(ctx context.Context, c *catalog.Credit) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, creditRefs(c)...); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO credits (film_id, person_id, department, job, character, billing, note)
			VALUES (?, ?, ?, ?, ?, ?, ?)`,
			c.FilmID, c.PersonID, string(c.Department), c.Job, c.Character, c.Billing, c.Note)
		if err != nil {
			return q.writeError(err)
		}
		return reload(ctx, c, id, q.GetCredit)
	})
}

// UpdateCredit replaces the stored credit c.ID with c and fills its
// read-only fields.
func (q *queries) UpdateCredit(ctx context.Context, c *catalog.Credit) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, creditRefs(c)...); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "credit", c.ID, `UPDATE credits SET film_id = ?, person_id = ?, department = ?,
			job = ?, character = ?, billing = ?, note = ? WHERE id = ?`,
			c.FilmID, c.PersonID, string(c.Department), c.Job, c.Character, c.Billing, c.Note, c.ID)
		if err != nil {
			return q.writeError(err)
		}
		return reload(ctx, c, c.ID, q.GetCredit)
	})
}

func (q *queries) DeleteCredit(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		return q.deleteRecord(ctx, catalog.EntityCredit, "credit", "credits", id)
	})
}

func (q *queries) GetCredit(ctx context.Context, id int64) (catalog.Credit, error) {
	return queryOne(ctx, q, scanCredit, "credit", id, creditSelect+" WHERE c.id = ?", id)
}

// ListCredits returns the credits of a film, a person or both, ordered by
// department (in catalog.Departments order, the order of filmographies),
// billing with unordered (0) last, then ID.
func (q *queries) ListCredits(ctx context.Context, f catalog.CreditFilter) ([]catalog.Credit, error) {
	var w conds
	if f.FilmID != 0 {
		w.add("c.film_id = ?", f.FilmID)
	}
	if f.PersonID != 0 {
		w.add("c.person_id = ?", f.PersonID)
	}
	if len(w.sql) == 0 {
		return nil, catalog.Invalid("", "list credits of a film or a person: set film_id or person_id")
	}
	order := " ORDER BY " + departmentRank("c.department") + ", (c.billing = 0), c.billing, c.id"
	return queryAll(ctx, q, scanCredit, creditSelect+w.where()+order, w.args...)
}

// departmentRank returns a SQL expression that ranks the department in
// column by its position in catalog.Departments.
func departmentRank(column string) string {
	var b strings.Builder
	b.WriteString("CASE " + column)
	for i, d := range catalog.Departments {
		b.WriteString(" WHEN '" + string(d) + "' THEN " + strconv.Itoa(i))
	}
	b.WriteString(" ELSE " + strconv.Itoa(len(catalog.Departments)) + " END")
	return b.String()
}
