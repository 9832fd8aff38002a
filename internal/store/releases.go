package store

import (
	"context"
	"slices"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// tbaSortKey stands for the first day of a TBA date in sort keys: after
// every real date.
const tbaSortKey = "9999-12-31"

// releaseDateOrder returns the sort key of releases (alias r) in
// PartialDate order: by first day, coarser first, TBA last.
func releaseDateOrder() []string {
	return []string{"COALESCE(r.date_first, '" + tbaSortKey + "')", "r.date_precision"}
}

const releaseSelect = `SELECT r.id, r.film_id, r.country, r.type, r.date_text, r.status,
	COALESCE(r.distributor_id, 0), COALESCE(r.festival_edition_id, 0), r.note, r.created_at, r.updated_at,
	f.title, f.slug, f.year, COALESCE(o.name, ''), COALESCE(o.slug, ''),
	COALESCE((SELECT string_agg(ef.format, ',') FROM editions e JOIN edition_formats ef ON ef.edition_id = e.id
		WHERE e.release_id = r.id), '')
	FROM releases r JOIN films f ON f.id = r.film_id LEFT JOIN organizations o ON o.id = r.distributor_id`

func scanRelease(s scanner) (catalog.Release, error) {
	var r catalog.Release
	err := s.Scan(&r.ID, &r.FilmID, &r.Country, &r.Type, dateText{&r.Date}, &r.Status,
		&r.DistributorID, &r.FestivalEditionID, &r.Note, timeText{&r.CreatedAt}, timeText{&r.UpdatedAt},
		&r.FilmTitle, &r.FilmSlug, &r.FilmYear, &r.DistributorName, &r.DistributorSlug, enumList(&r.Formats))
	r.Formats = formatUnion(r.Formats)
	return r, err
}

// formatUnion returns the distinct formats of fs in catalog.Formats order.
func formatUnion(fs []catalog.Format) []catalog.Format {
	var out []catalog.Format
	for _, f := range catalog.Formats {
		if slices.Contains(fs, f) {
			out = append(out, f)
		}
	}
	return out
}

// releaseOrder sorts releases by date, then film title, then ID.
func releaseOrder() keyset {
	return keyset{
		columns: append(releaseDateOrder(), "f.title_fold", "r.id"),
		kinds:   []keyKind{textKey, intKey, textKey, intKey},
	}
}

func releaseKey(r catalog.Release) []any {
	return []any{dateSortKey(r.Date), int(r.Date.Precision()), catalog.FoldText(r.FilmTitle), r.ID}
}

func dateSortKey(d catalog.PartialDate) string {
	if d.IsTBA() {
		return tbaSortKey
	}
	return d.First()
}

func releaseRefs(r *catalog.Release) []ref {
	return []ref{
		{"film", "films", r.FilmID, "film_id"},
		{"organization", "organizations", r.DistributorID, "distributor_id"},
		{"festival edition", "festival_editions", r.FestivalEditionID, "festival_edition_id"},
	}
}

// releaseValues are the columns from film_id to note.
func releaseValues(r *catalog.Release) []any {
	return []any{r.FilmID, r.Country, string(r.Type),
		r.Date.String(), int(r.Date.Precision()), nullText(r.Date.First()), nullText(r.Date.Last()),
		string(r.Status), nullID(r.DistributorID), nullID(r.FestivalEditionID), r.Note}
}

// CreateRelease stores r, sets its ID and fills its read-only fields.
func (q *queries) CreateRelease(ctx context.Context, r *catalog.Release) error {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, releaseRefs(r)...); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO releases (film_id, country, type, date_text, date_precision,
			date_first, date_last, status, distributor_id, festival_edition_id, note, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append(releaseValues(r), formatTime(r.CreatedAt), formatTime(r.UpdatedAt))...)
		if err != nil {
			return q.writeError(err)
		}
		return reload(ctx, r, id, q.GetRelease)
	})
}

// UpdateRelease replaces the stored release r.ID with r (its creation
// time is kept) and fills its read-only fields.
func (q *queries) UpdateRelease(ctx context.Context, r *catalog.Release) error {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, releaseRefs(r)...); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "release", r.ID, `UPDATE releases SET film_id = ?, country = ?, type = ?,
			date_text = ?, date_precision = ?, date_first = ?, date_last = ?, status = ?, distributor_id = ?,
			festival_edition_id = ?, note = ?, updated_at = ? WHERE id = ?`,
			append(releaseValues(r), formatTime(r.UpdatedAt), r.ID)...)
		if err != nil {
			return q.writeError(err)
		}
		return reload(ctx, r, r.ID, q.GetRelease)
	})
}

// DeleteRelease deletes a release with its editions and their extras,
// and the claims about any of them.
func (q *queries) DeleteRelease(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		return q.deleteRecord(ctx, catalog.EntityRelease, "release", "releases", id, releaseOwned()...)
	})
}

func (q *queries) GetRelease(ctx context.Context, id int64) (catalog.Release, error) {
	return queryOne(ctx, q, scanRelease, "release", id, releaseSelect+" WHERE r.id = ?", id)
}

// ListReleases returns a page of releases matching f, in PartialDate
// order, then by folded film title, then ID.
func (q *queries) ListReleases(ctx context.Context, f catalog.ReleaseFilter) ([]catalog.Release, string, error) {
	w, err := releaseConds(f)
	if err != nil {
		return nil, "", err
	}
	if err := releaseOrder().after(&w, f.After); err != nil {
		return nil, "", err
	}
	limit := f.Effective()
	releases, err := queryAll(ctx, q, scanRelease, releaseSelect+w.where()+releaseOrder().orderBy()+" LIMIT ?",
		append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	releases, next := page(releases, limit, releaseKey)
	return releases, next, nil
}

func releaseConds(f catalog.ReleaseFilter) (conds, error) {
	var w conds
	if f.FilmID != 0 {
		w.add("r.film_id = ?", f.FilmID)
	}
	if len(f.Types) > 0 {
		w.add("r.type IN ("+placeholders(len(f.Types))+")", textArgs(f.Types)...)
	}
	if len(f.Statuses) > 0 {
		w.add("r.status IN ("+placeholders(len(f.Statuses))+")", textArgs(f.Statuses)...)
	}
	if f.Country != "" {
		w.add("r.country = ?", strings.ToUpper(f.Country))
	}
	if f.Format != "" {
		cond := `EXISTS (SELECT 1 FROM editions e JOIN edition_formats ef ON ef.edition_id = e.id
			WHERE e.release_id = r.id AND ef.format = ?)`
		if f.Format == catalog.FormatDigital {
			w.add("("+cond+" OR r.type IN (?, ?))", string(f.Format), string(catalog.ReleaseDigital), string(catalog.ReleaseStreaming))
		} else {
			w.add(cond, string(f.Format))
		}
	}
	if f.LabelID != 0 {
		w.add("(r.distributor_id = ? OR EXISTS (SELECT 1 FROM editions e WHERE e.release_id = r.id AND e.label_id = ?))",
			f.LabelID, f.LabelID)
	}
	var dated conds
	if err := dateRangeConds(&dated, f.From, f.To); err != nil {
		return conds{}, err
	}
	switch {
	case f.IncludeTBA && len(dated.sql) > 0:
		w.add("(("+strings.Join(dated.sql, " AND ")+") OR r.date_first IS NULL)", dated.args...)
	case f.IncludeTBA:
	case len(dated.sql) > 0:
		w.add(strings.Join(dated.sql, " AND "), dated.args...)
	default:
		w.add("r.date_first IS NOT NULL")
	}
	return w, nil
}

// dateRangeConds adds the conditions that keep releases (alias r) whose
// possible days meet [from, to]; either bound may be "" for open. A
// bound may be a partial date: from counts from its first day, to up to
// its last. TBA releases meet no range.
func dateRangeConds(w *conds, from, to string) error {
	if from != "" {
		d, err := dateBound("from", from)
		if err != nil {
			return err
		}
		w.add("r.date_last >= ?", d.First())
	}
	if to != "" {
		d, err := dateBound("to", to)
		if err != nil {
			return err
		}
		w.add("r.date_first <= ?", d.Last())
	}
	return nil
}

func dateBound(field, s string) (catalog.PartialDate, error) {
	d, err := catalog.ParsePartialDate(s)
	if err != nil || d.IsTBA() {
		return d, catalog.Invalid(field, "%q is not a date (YYYY-MM-DD)", s)
	}
	return d, nil
}
