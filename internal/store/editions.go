package store

import (
	"context"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// An edition's label is its own, or else its release's distributor.
const editionSelect = `SELECT e.id, e.release_id, COALESCE(e.label_id, 0), e.name,
	COALESCE((SELECT string_agg(ef.format, ',' ORDER BY ef.position) FROM edition_formats ef WHERE ef.edition_id = e.id), ''),
	e.regions, e.barcode, e.catalog_number, e.packaging, e.disc_count, e.price_amount, e.price_currency,
	e.limited_to, e.retailer_exclusive, e.created_at, e.updated_at,
	r.film_id, COALESCE(l.name, ''), COALESCE(l.slug, '')
	FROM editions e JOIN releases r ON r.id = e.release_id
	LEFT JOIN organizations l ON l.id = COALESCE(e.label_id, r.distributor_id)`

func scanEdition(s scanner) (catalog.Edition, error) {
	var e catalog.Edition
	err := s.Scan(&e.ID, &e.ReleaseID, &e.LabelID, &e.Name, enumList(&e.Formats),
		jsonCol(&e.Regions), &e.Barcode, &e.CatalogNumber, jsonCol(&e.Packaging), &e.DiscCount,
		&e.Price.Amount, &e.Price.Currency, &e.LimitedTo, &e.RetailerExclusive,
		timeText{&e.CreatedAt}, timeText{&e.UpdatedAt}, &e.FilmID, &e.LabelName, &e.LabelSlug)
	return e, err
}

func editionRefs(e *catalog.Edition) []ref {
	return []ref{
		{"release", "releases", e.ReleaseID, "release_id"},
		{"organization", "organizations", e.LabelID, "label_id"},
	}
}

// editionValues are the columns from release_id to retailer_exclusive.
func editionValues(e *catalog.Edition) []any {
	return []any{e.ReleaseID, nullID(e.LabelID), e.Name, jsonList(e.Regions), e.Barcode, e.CatalogNumber,
		jsonList(e.Packaging), e.DiscCount, e.Price.Amount, e.Price.Currency, e.LimitedTo, e.RetailerExclusive}
}

// CreateEdition stores e, sets its ID and fills its read-only fields.
func (q *queries) CreateEdition(ctx context.Context, e *catalog.Edition) error {
	e.Normalize()
	if err := e.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, editionRefs(e)...); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO editions (release_id, label_id, name, regions, barcode, catalog_number,
			packaging, disc_count, price_amount, price_currency, limited_to, retailer_exclusive, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			append(editionValues(e), formatTime(e.CreatedAt), formatTime(e.UpdatedAt))...)
		if err != nil {
			return q.writeError(err)
		}
		if err := q.insertEditionFormats(ctx, id, e.Formats); err != nil {
			return err
		}
		return reload(ctx, e, id, q.GetEdition)
	})
}

// UpdateEdition replaces the stored edition e.ID with e (its creation
// time is kept) and fills its read-only fields.
func (q *queries) UpdateEdition(ctx context.Context, e *catalog.Edition) error {
	e.Normalize()
	if err := e.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, editionRefs(e)...); err != nil {
			return err
		}
		err := q.execAffecting(ctx, "edition", e.ID, `UPDATE editions SET release_id = ?, label_id = ?, name = ?,
			regions = ?, barcode = ?, catalog_number = ?, packaging = ?, disc_count = ?, price_amount = ?,
			price_currency = ?, limited_to = ?, retailer_exclusive = ?, updated_at = ? WHERE id = ?`,
			append(editionValues(e), formatTime(e.UpdatedAt), e.ID)...)
		if err != nil {
			return q.writeError(err)
		}
		if _, err := q.exec(ctx, "DELETE FROM edition_formats WHERE edition_id = ?", e.ID); err != nil {
			return q.dbError(err)
		}
		if err := q.insertEditionFormats(ctx, e.ID, e.Formats); err != nil {
			return err
		}
		return reload(ctx, e, e.ID, q.GetEdition)
	})
}

func (q *queries) insertEditionFormats(ctx context.Context, editionID int64, formats []catalog.Format) error {
	rows := make([]string, len(formats))
	args := make([]any, 0, 3*len(formats))
	for i, f := range formats {
		rows[i] = "(?, ?, ?)"
		args = append(args, editionID, string(f), i)
	}
	_, err := q.exec(ctx, "INSERT INTO edition_formats (edition_id, format, position) VALUES "+strings.Join(rows, ", "), args...)
	return q.dbError(err)
}

// DeleteEdition deletes an edition with its extras, and the claims about
// any of them.
func (q *queries) DeleteEdition(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		return q.deleteRecord(ctx, catalog.EntityEdition, "edition", "editions", id, editionOwned()...)
	})
}

func (q *queries) GetEdition(ctx context.Context, id int64) (catalog.Edition, error) {
	return queryOne(ctx, q, scanEdition, "edition", id, editionSelect+" WHERE e.id = ?", id)
}

// ListEditions returns the editions matching f ordered by their release's
// date (PartialDate order), then ID. LabelID matches an edition's own
// label, or its release's distributor when it has none.
func (q *queries) ListEditions(ctx context.Context, f catalog.EditionFilter) ([]catalog.Edition, error) {
	var w conds
	if f.FilmID != 0 {
		w.add("r.film_id = ?", f.FilmID)
	}
	if f.ReleaseID != 0 {
		w.add("e.release_id = ?", f.ReleaseID)
	}
	if f.LabelID != 0 {
		w.add("COALESCE(e.label_id, r.distributor_id) = ?", f.LabelID)
	}
	if len(w.sql) == 0 {
		return nil, catalog.Invalid("", "list editions of a film, a release or a label: set one of them")
	}
	order := " ORDER BY " + strings.Join(releaseDateOrder(), ", ") + ", e.id"
	return queryAll(ctx, q, scanEdition, editionSelect+w.where()+order, w.args...)
}
