package store

import (
	"context"
	"strconv"

	"github.com/marquee-film/marquee/internal/catalog"
)

const extraFrom = ` FROM extras x JOIN editions e ON e.id = x.edition_id JOIN releases r ON r.id = e.release_id`

const extraSelect = `SELECT x.id, x.edition_id, x.position, x.kind, x.title, x.runtime_seconds, x.description,
	x.vintage, x.exclusive_formats, r.film_id` + extraFrom

func scanExtra(s scanner) (catalog.Extra, error) {
	var x catalog.Extra
	err := s.Scan(&x.ID, &x.EditionID, &x.Position, &x.Kind, &x.Title, &x.RuntimeSeconds, &x.Description,
		&x.Vintage, jsonCol(&x.ExclusiveFormats), &x.FilmID)
	return x, err
}

// extraParticipant is a participant with the ID of its extra.
type extraParticipant struct {
	extraID int64
	catalog.Participant
}

func scanParticipant(s scanner) (extraParticipant, error) {
	var p extraParticipant
	err := s.Scan(&p.extraID, &p.ID, &p.PersonID, &p.Role, &p.PersonName, &p.PersonSlug)
	return p, err
}

func extraRefs(x *catalog.Extra) []ref {
	refs := []ref{{"edition", "editions", x.EditionID, "edition_id"}}
	for i, p := range x.Participants {
		refs = append(refs, ref{"person", "people", p.PersonID, "participants[" + strconv.Itoa(i) + "].person_id"})
	}
	return refs
}

// CreateExtra stores x and its participants, sets their IDs and fills
// the read-only fields. Position 0 puts the extra after the edition's
// others.
func (q *queries) CreateExtra(ctx context.Context, x *catalog.Extra) error {
	x.Normalize()
	if err := x.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, extraRefs(x)...); err != nil {
			return err
		}
		if x.Position == 0 {
			if err := q.nextExtraPosition(ctx, x); err != nil {
				return err
			}
		}
		id, err := q.insert(ctx, `INSERT INTO extras (edition_id, position, kind, title, runtime_seconds, description,
			vintage, exclusive_formats) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, extraValues(x)...)
		if err != nil {
			return q.writeError(err)
		}
		x.ID = id
		if err := q.syncParticipants(ctx, x); err != nil {
			return err
		}
		return reload(ctx, x, id, q.GetExtra)
	})
}

// extraValues are the columns from edition_id to exclusive_formats.
func extraValues(x *catalog.Extra) []any {
	return []any{x.EditionID, x.Position, string(x.Kind), x.Title, x.RuntimeSeconds, x.Description,
		string(x.Vintage), jsonList(x.ExclusiveFormats)}
}

// nextExtraPosition sets x.Position to one past the last extra of its
// edition.
func (q *queries) nextExtraPosition(ctx context.Context, x *catalog.Extra) error {
	err := q.queryRow(ctx, "SELECT COALESCE(MAX(position), 0) + 1 FROM extras WHERE edition_id = ? AND id <> ?",
		x.EditionID, x.ID).Scan(&x.Position)
	return q.dbError(err)
}

// UpdateExtra replaces the stored extra x.ID and its participant list
// with x's and fills the read-only fields. Participants are matched by
// person: one who stays keeps its ID (and the claims about it). Position
// 0 keeps the extra's place on its edition, or puts it last on another.
func (q *queries) UpdateExtra(ctx context.Context, x *catalog.Extra) error {
	x.Normalize()
	if err := x.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, extraRefs(x)...); err != nil {
			return err
		}
		if x.Position == 0 {
			if err := q.keepExtraPosition(ctx, x); err != nil {
				return err
			}
		}
		err := q.execAffecting(ctx, "extra", x.ID, `UPDATE extras SET edition_id = ?, position = ?, kind = ?, title = ?,
			runtime_seconds = ?, description = ?, vintage = ?, exclusive_formats = ? WHERE id = ?`,
			append(extraValues(x), x.ID)...)
		if err != nil {
			return q.writeError(err)
		}
		if err := q.syncParticipants(ctx, x); err != nil {
			return err
		}
		return reload(ctx, x, x.ID, q.GetExtra)
	})
}

// keepExtraPosition sets x.Position to the stored one when x stays on
// its edition, and to the next free one otherwise.
func (q *queries) keepExtraPosition(ctx context.Context, x *catalog.Extra) error {
	var editionID int64
	var position int
	err := q.queryRow(ctx, "SELECT edition_id, position FROM extras WHERE id = ?", x.ID).Scan(&editionID, &position)
	if err != nil {
		return q.dbError(notFound(err, "extra", x.ID))
	}
	if editionID == x.EditionID {
		x.Position = position
		return nil
	}
	return q.nextExtraPosition(ctx, x)
}

// syncParticipants makes the stored participants of x.ID those of x, in
// their order, and sets their IDs.
func (q *queries) syncParticipants(ctx context.Context, x *catalog.Extra) error {
	stored, err := q.participantIDs(ctx, x.ID)
	if err != nil {
		return err
	}
	for i := range x.Participants {
		p := &x.Participants[i]
		if id, ok := stored[p.PersonID]; ok {
			delete(stored, p.PersonID)
			p.ID = id
			_, err = q.exec(ctx, "UPDATE extra_participants SET role = ?, position = ? WHERE id = ?", p.Role, i, id)
		} else {
			p.ID, err = q.insert(ctx, "INSERT INTO extra_participants (extra_id, person_id, role, position) VALUES (?, ?, ?, ?)",
				x.ID, p.PersonID, p.Role, i)
		}
		if err != nil {
			return q.writeError(err)
		}
	}
	for _, id := range stored {
		if err := q.deleteRecord(ctx, catalog.EntityParticipant, "participant", "extra_participants", id); err != nil {
			return err
		}
	}
	return nil
}

// participantIDs maps the people taking part in extra extraID to their
// participant IDs.
func (q *queries) participantIDs(ctx context.Context, extraID int64) (map[int64]int64, error) {
	rows, err := q.query(ctx, "SELECT person_id, id FROM extra_participants WHERE extra_id = ?", extraID)
	if err != nil {
		return nil, q.dbError(err)
	}
	defer rows.Close()
	ids := map[int64]int64{}
	for rows.Next() {
		var person, id int64
		if err := rows.Scan(&person, &id); err != nil {
			return nil, err
		}
		ids[person] = id
	}
	return ids, q.dbError(rows.Err())
}

// DeleteExtra deletes an extra with its participants, and the claims
// about any of them.
func (q *queries) DeleteExtra(ctx context.Context, id int64) error {
	return q.write(ctx, func(q *queries) error {
		return q.deleteRecord(ctx, catalog.EntityExtra, "extra", "extras", id, extraOwned()...)
	})
}

func (q *queries) GetExtra(ctx context.Context, id int64) (catalog.Extra, error) {
	var w conds
	w.add("x.id = ?", id)
	extras, err := q.extras(ctx, w)
	if err != nil {
		return catalog.Extra{}, err
	}
	if len(extras) == 0 {
		return catalog.Extra{}, catalog.NotFound("extra", id)
	}
	return extras[0], nil
}

// ListExtras returns the extras matching f with their participants,
// ordered by edition, position, then ID.
func (q *queries) ListExtras(ctx context.Context, f catalog.ExtraFilter) ([]catalog.Extra, error) {
	var w conds
	if f.EditionID != 0 {
		w.add("x.edition_id = ?", f.EditionID)
	}
	if f.FilmID != 0 {
		w.add("r.film_id = ?", f.FilmID)
	}
	if f.PersonID != 0 {
		w.add("EXISTS (SELECT 1 FROM extra_participants p WHERE p.extra_id = x.id AND p.person_id = ?)", f.PersonID)
	}
	if len(w.sql) == 0 {
		return nil, catalog.Invalid("", "list extras of an edition, a film or a person: set one of them")
	}
	return q.extras(ctx, w)
}

// extras reads the extras matching w and, in one more query, their
// participants.
func (q *queries) extras(ctx context.Context, w conds) ([]catalog.Extra, error) {
	extras, err := queryAll(ctx, q, scanExtra, extraSelect+w.where()+" ORDER BY x.edition_id, x.position, x.id", w.args...)
	if err != nil || len(extras) == 0 {
		return extras, err
	}
	participants, err := queryAll(ctx, q, scanParticipant,
		`SELECT p.extra_id, p.id, p.person_id, p.role, pe.name, pe.slug
		FROM extra_participants p JOIN people pe ON pe.id = p.person_id
		WHERE p.extra_id IN (SELECT x.id`+extraFrom+w.where()+`)
		ORDER BY p.extra_id, p.position, p.id`, w.args...)
	if err != nil {
		return nil, err
	}
	index := make(map[int64]int, len(extras))
	for i, x := range extras {
		index[x.ID] = i
	}
	for _, p := range participants {
		if i, ok := index[p.extraID]; ok {
			extras[i].Participants = append(extras[i].Participants, p.Participant)
		}
	}
	return extras, nil
}
