package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/marquee-film/marquee/internal/catalog"
)

const claimColumns = `c.id, c.source_id, c.subject_type, c.subject_id, COALESCE(c.film_id, 0), c.field, c.value,
	c.span_start, c.span_end, c.confidence, c.preferred, c.created_at`

func scanClaim(s scanner) (catalog.Claim, error) {
	var c catalog.Claim
	var start, end sql.NullInt64
	err := s.Scan(&c.ID, &c.SourceID, &c.Subject.Type, &c.Subject.ID, &c.FilmID, &c.Field, &c.Value,
		&start, &end, &c.Confidence, &c.Preferred, timeText{&c.CreatedAt})
	if start.Valid && end.Valid {
		c.Span = &catalog.Span{Start: int(start.Int64), End: int(end.Int64)}
	}
	return c, err
}

// subjectQuery returns a query, with one placeholder for the record's ID,
// that selects the film a claim subject of type t belongs to (0 when it
// belongs to none) and so tells whether the record exists.
func subjectQuery(t catalog.EntityType) (table, query string) {
	switch t {
	case catalog.EntityFilm:
		return "films", "SELECT id FROM films WHERE id = ?"
	case catalog.EntityPerson:
		return "people", "SELECT 0 FROM people WHERE id = ?"
	case catalog.EntityCredit:
		return "credits", "SELECT film_id FROM credits WHERE id = ?"
	case catalog.EntityOrganization:
		return "organizations", "SELECT 0 FROM organizations WHERE id = ?"
	case catalog.EntityRelease:
		return "releases", "SELECT film_id FROM releases WHERE id = ?"
	case catalog.EntityEdition:
		return "editions", "SELECT r.film_id FROM editions e JOIN releases r ON r.id = e.release_id WHERE e.id = ?"
	case catalog.EntityExtra:
		return "extras", "SELECT r.film_id FROM extras x JOIN editions e ON e.id = x.edition_id JOIN releases r ON r.id = e.release_id WHERE x.id = ?"
	case catalog.EntityParticipant:
		return "extra_participants", `SELECT r.film_id FROM extra_participants p JOIN extras x ON x.id = p.extra_id
			JOIN editions e ON e.id = x.edition_id JOIN releases r ON r.id = e.release_id WHERE p.id = ?`
	case catalog.EntityFestival:
		return "festivals", "SELECT 0 FROM festivals WHERE id = ?"
	case catalog.EntityFestivalEdition:
		return "festival_editions", "SELECT 0 FROM festival_editions WHERE id = ?"
	case catalog.EntitySelection:
		return "selections", "SELECT film_id FROM selections WHERE id = ?"
	case catalog.EntityAwardBody:
		return "award_bodies", "SELECT 0 FROM award_bodies WHERE id = ?"
	case catalog.EntityAwardCategory:
		return "award_categories", "SELECT 0 FROM award_categories WHERE id = ?"
	case catalog.EntityNomination:
		return "nominations", "SELECT film_id FROM nominations WHERE id = ?"
	}
	return "", ""
}

// AddClaim stores c and sets its ID. The source and the subject must
// exist; a claim about a film's record without a FilmID gets the film's.
// A preferred claim takes the preference from the other claims on the
// same subject and field.
func (q *queries) AddClaim(ctx context.Context, c *catalog.Claim) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, ref{"source", "sources", c.SourceID, "source_id"}); err != nil {
			return err
		}
		if err := q.resolveClaimFilm(ctx, c); err != nil {
			return err
		}
		if c.Preferred {
			_, err := q.exec(ctx, `UPDATE claims SET preferred = ?
				WHERE subject_type = ? AND subject_id = ? AND field = ? AND preferred = ?`,
				false, string(c.Subject.Type), c.Subject.ID, c.Field, true)
			if err != nil {
				return q.dbError(err)
			}
		}
		var start, end any
		if c.Span != nil {
			start, end = c.Span.Start, c.Span.End
		}
		id, err := q.insert(ctx, `INSERT INTO claims (source_id, subject_type, subject_id, film_id, field, value,
			span_start, span_end, confidence, preferred, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			c.SourceID, string(c.Subject.Type), c.Subject.ID, nullID(c.FilmID), c.Field, c.Value,
			start, end, c.Confidence, c.Preferred, formatTime(c.CreatedAt))
		if err != nil {
			return q.writeError(err)
		}
		c.ID = id
		return nil
	})
}

// resolveClaimFilm checks that the claim's subject and film exist and
// sets a missing FilmID to the subject's film.
func (q *queries) resolveClaimFilm(ctx context.Context, c *catalog.Claim) error {
	_, query := subjectQuery(c.Subject.Type)
	var filmID int64
	err := q.queryRow(ctx, query, c.Subject.ID).Scan(&filmID)
	if errors.Is(err, sql.ErrNoRows) {
		return catalog.Invalid("subject", "%s %d does not exist", c.Subject.Type, c.Subject.ID)
	}
	if err != nil {
		return q.dbError(err)
	}
	if c.FilmID == 0 {
		c.FilmID = filmID
	}
	return q.checkRefs(ctx, ref{"film", "films", c.FilmID, "film_id"})
}

// ListClaims returns the claims matching f ordered by subject, field,
// then ID.
func (q *queries) ListClaims(ctx context.Context, f catalog.ClaimFilter) ([]catalog.Claim, error) {
	var w conds
	if f.FilmID != 0 {
		w.add("c.film_id = ?", f.FilmID)
	}
	if f.Subject != nil {
		w.add("c.subject_type = ? AND c.subject_id = ?", string(f.Subject.Type), f.Subject.ID)
	}
	if f.SourceID != 0 {
		w.add("c.source_id = ?", f.SourceID)
	}
	if len(w.sql) == 0 {
		return nil, catalog.Invalid("", "list claims of a film, a subject or a source: set one of them")
	}
	return queryAll(ctx, q, scanClaim, "SELECT "+claimColumns+" FROM claims c"+w.where()+
		" ORDER BY c.subject_type, c.subject_id, c.field, c.id", w.args...)
}

// owned names records that are deleted with another (ON DELETE CASCADE)
// and so lose their claims with it: their subject type and a query, with
// one placeholder for the deleted record's ID, that selects their IDs.
type owned struct {
	subject catalog.EntityType
	ids     string
}

func extraOwned() []owned {
	return []owned{
		{catalog.EntityParticipant, "SELECT id FROM extra_participants WHERE extra_id = ?"},
	}
}

func editionOwned() []owned {
	return []owned{
		{catalog.EntityExtra, "SELECT id FROM extras WHERE edition_id = ?"},
		{catalog.EntityParticipant, `SELECT p.id FROM extra_participants p JOIN extras x ON x.id = p.extra_id
			WHERE x.edition_id = ?`},
	}
}

func releaseOwned() []owned {
	return []owned{
		{catalog.EntityEdition, "SELECT id FROM editions WHERE release_id = ?"},
		{catalog.EntityExtra, "SELECT x.id FROM extras x JOIN editions e ON e.id = x.edition_id WHERE e.release_id = ?"},
		{catalog.EntityParticipant, `SELECT p.id FROM extra_participants p JOIN extras x ON x.id = p.extra_id
			JOIN editions e ON e.id = x.edition_id WHERE e.release_id = ?`},
	}
}

// deleteRecord deletes the claims about the record id of table and about
// the records it owns, then the record. A missing record is KindNotFound.
func (q *queries) deleteRecord(ctx context.Context, subject catalog.EntityType, what, table string, id int64, owns ...owned) error {
	where := "(subject_type = ? AND subject_id = ?)"
	args := []any{string(subject), id}
	for _, o := range owns {
		where += " OR (subject_type = ? AND subject_id IN (" + o.ids + "))"
		args = append(args, string(o.subject), id)
	}
	if _, err := q.exec(ctx, "DELETE FROM claims WHERE "+where, args...); err != nil {
		return q.dbError(err)
	}
	return q.deleteError(q.execAffecting(ctx, what, id, "DELETE FROM "+table+" WHERE id = ?", id), what, id)
}
