package store

import (
	"context"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

const personColumns = `p.id, p.slug, p.name, p.sort_name, p.birth_year, p.death_year,
	COALESCE(p.imdb_id, ''), COALESCE(p.tmdb_id, 0), COALESCE(p.wikidata_id, ''),
	p.created_at, p.updated_at`

func scanPerson(s scanner) (catalog.Person, error) {
	var p catalog.Person
	err := s.Scan(&p.ID, &p.Slug, &p.Name, &p.SortName, &p.BirthYear, &p.DeathYear,
		&p.ExternalIDs.IMDb, &p.ExternalIDs.TMDb, &p.ExternalIDs.Wikidata,
		timeText{&p.CreatedAt}, timeText{&p.UpdatedAt})
	return p, err
}

// personOrder sorts people by folded sort name, then ID.
func personOrder() keyset {
	return keyset{columns: []string{"p.sort_name_fold", "p.id"}, kinds: []keyKind{textKey, intKey}}
}

func personKey(p catalog.Person) []any { return []any{catalog.FoldText(p.SortName), p.ID} }

func personUniqueKeys(p *catalog.Person) []uniqueKey {
	return []uniqueKey{
		unique("slug", "person slug %q already exists", p.Slug),
		unique("imdb_id", "person IMDb ID %q already exists", p.ExternalIDs.IMDb),
		unique("tmdb_id", "person TMDb ID %d already exists", p.ExternalIDs.TMDb),
		unique("wikidata_id", "person Wikidata ID %q already exists", p.ExternalIDs.Wikidata),
	}
}

// personValues are the columns from slug to wikidata_id.
func personValues(p *catalog.Person) []any {
	return []any{p.Slug, p.Name, p.SortName, catalog.FoldText(p.Name), catalog.FoldText(p.SortName),
		p.BirthYear, p.DeathYear,
		nullText(p.ExternalIDs.IMDb), nullID(p.ExternalIDs.TMDb), nullText(p.ExternalIDs.Wikidata)}
}

// CreatePerson stores p and sets its ID; an empty slug is derived from
// the name.
func (q *queries) CreatePerson(ctx context.Context, p *catalog.Person) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.deriveSlug(ctx, "people", &p.Slug, catalog.Slugify(p.Name), "person", 0); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO people (slug, name, sort_name, name_fold, sort_name_fold,
			birth_year, death_year, imdb_id, tmdb_id, wikidata_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append(personValues(p), formatTime(p.CreatedAt), formatTime(p.UpdatedAt))...)
		if err != nil {
			return q.writeError(err, personUniqueKeys(p)...)
		}
		p.ID = id
		return nil
	})
}

// UpdatePerson replaces the stored person p.ID with p; its creation time
// is kept.
func (q *queries) UpdatePerson(ctx context.Context, p *catalog.Person) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.deriveSlug(ctx, "people", &p.Slug, catalog.Slugify(p.Name), "person", p.ID); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "person", p.ID, `UPDATE people SET slug = ?, name = ?, sort_name = ?,
			name_fold = ?, sort_name_fold = ?, birth_year = ?, death_year = ?,
			imdb_id = ?, tmdb_id = ?, wikidata_id = ?, updated_at = ? WHERE id = ?`,
			append(personValues(p), formatTime(p.UpdatedAt), p.ID)...)
		return q.writeError(err, personUniqueKeys(p)...)
	})
}

// DeletePerson deletes a person that nothing refers to any more.
func (q *queries) DeletePerson(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		err := q.checkUnreferenced(ctx, "person", id,
			referrer{"credits", "SELECT 1 FROM credits WHERE person_id = ?"},
			referrer{"extra participants", "SELECT 1 FROM extra_participants WHERE person_id = ?"},
			referrer{"nominations", "SELECT 1 FROM nominations WHERE person_id = ?"})
		if err != nil {
			return err
		}
		return q.deleteRecord(ctx, catalog.EntityPerson, "person", "people", id)
	})
}

func (q *queries) GetPerson(ctx context.Context, id int64) (catalog.Person, error) {
	return queryOne(ctx, q, scanPerson, "person", id, "SELECT "+personColumns+" FROM people p WHERE p.id = ?", id)
}

func (q *queries) GetPersonBySlug(ctx context.Context, slug string) (catalog.Person, error) {
	return queryOne(ctx, q, scanPerson, "person", slug, "SELECT "+personColumns+" FROM people p WHERE p.slug = ?", slug)
}

// GetPersonByExternalID returns the person with any of the known IDs of
// ids; when several people match, the oldest.
func (q *queries) GetPersonByExternalID(ctx context.Context, ids catalog.ExternalIDs) (catalog.Person, error) {
	w := externalIDConds("p", ids)
	if len(w.sql) == 0 {
		return catalog.Person{}, catalog.NotFound("person with external IDs", "(none given)")
	}
	return queryOne(ctx, q, scanPerson, "person with external IDs", describeExternalIDs(ids),
		"SELECT "+personColumns+" FROM people p WHERE "+strings.Join(w.sql, " OR ")+" ORDER BY p.id LIMIT 1", w.args...)
}

// ListPeople returns a page of people matching f by folded sort name,
// then ID. Query matches any part of the name, Name the whole name; both
// ignore case and accents.
func (q *queries) ListPeople(ctx context.Context, f catalog.PersonFilter) ([]catalog.Person, string, error) {
	var w conds
	if query := strings.TrimSpace(catalog.FoldText(f.Query)); query != "" {
		w.add(`p.name_fold LIKE ? ESCAPE '\'`, likeContains(query))
	}
	if name := strings.TrimSpace(f.Name); name != "" {
		w.add("p.name_fold = ?", catalog.FoldText(strings.Join(strings.Fields(name), " ")))
	}
	if err := personOrder().after(&w, f.After); err != nil {
		return nil, "", err
	}
	limit := f.Effective()
	people, err := queryAll(ctx, q, scanPerson,
		"SELECT "+personColumns+" FROM people p"+w.where()+personOrder().orderBy()+" LIMIT ?", append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	people, next := page(people, limit, personKey)
	return people, next, nil
}
