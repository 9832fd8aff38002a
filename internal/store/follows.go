package store

import (
	"context"

	"github.com/marquee-film/marquee/internal/catalog"
)

const followSelect = `SELECT w.id, w.user_id, w.kind, w.target_id, w.types, w.formats, w.countries, w.created_at,
	COALESCE(f.title, p.name, o.name, fs.name || ' ' || fe.year, ''),
	COALESCE(f.slug, p.slug, o.slug, fs.slug || '/' || fe.year, '')
	FROM follows w
	LEFT JOIN films f ON w.kind = 'film' AND f.id = w.target_id
	LEFT JOIN people p ON w.kind = 'person' AND p.id = w.target_id
	LEFT JOIN organizations o ON w.kind = 'label' AND o.id = w.target_id
	LEFT JOIN festival_editions fe ON w.kind = 'festival_edition' AND fe.id = w.target_id
	LEFT JOIN festivals fs ON fs.id = fe.festival_id`

func scanFollow(s scanner) (catalog.Follow, error) {
	var f catalog.Follow
	err := s.Scan(&f.ID, &f.UserID, &f.Kind, &f.TargetID, jsonCol(&f.Types), jsonCol(&f.Formats), jsonCol(&f.Countries),
		timeText{&f.CreatedAt}, &f.TargetName, &f.TargetSlug)
	return f, err
}

// followTargets are the tables a follow's target lives in.
var followTargets = map[catalog.FollowKind]struct{ what, table string }{
	catalog.FollowFilm:            {"film", "films"},
	catalog.FollowPerson:          {"person", "people"},
	catalog.FollowLabel:           {"organization", "organizations"},
	catalog.FollowFestivalEdition: {"festival edition", "festival_editions"},
}

// CreateFollow stores f and sets its ID. Following the same thing twice
// is a conflict; a target that does not exist is invalid.
func (q *queries) CreateFollow(ctx context.Context, f *catalog.Follow) error {
	t, ok := followTargets[f.Kind]
	if !ok {
		return catalog.Invalid("kind", "%q is not a kind of follow", f.Kind)
	}
	return q.write(ctx, func(q *queries) error {
		if err := q.checkRefs(ctx, ref{t.what, t.table, f.TargetID, "target"}); err != nil {
			return err
		}
		id, err := q.insert(ctx, `INSERT INTO follows (user_id, kind, target_id, types, formats, countries, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, f.UserID, string(f.Kind), f.TargetID,
			jsonList(f.Types), jsonList(f.Formats), jsonList(f.Countries), formatTime(f.CreatedAt))
		if err != nil {
			return q.writeError(err, unique("user_id,kind,target_id", "you already follow this %s", t.what))
		}
		f.ID = id
		return reload(ctx, f, id, func(ctx context.Context, id int64) (catalog.Follow, error) { return q.GetFollow(ctx, f.UserID, id) })
	})
}

// UpdateFollow replaces the preferences of the user's follow f.ID.
func (q *queries) UpdateFollow(ctx context.Context, f *catalog.Follow) error {
	return q.write(ctx, func(q *queries) error {
		err := q.execAffecting(ctx, "follow", f.ID, "UPDATE follows SET types = ?, formats = ?, countries = ? WHERE id = ? AND user_id = ?",
			jsonList(f.Types), jsonList(f.Formats), jsonList(f.Countries), f.ID, f.UserID)
		if err != nil {
			return err
		}
		return reload(ctx, f, f.ID, func(ctx context.Context, id int64) (catalog.Follow, error) { return q.GetFollow(ctx, f.UserID, id) })
	})
}

// GetFollow returns the user's follow id; another user's is not found.
func (q *queries) GetFollow(ctx context.Context, userID, id int64) (catalog.Follow, error) {
	return queryOne(ctx, q, scanFollow, "follow", id, followSelect+" WHERE w.id = ? AND w.user_id = ?", id, userID)
}

// DeleteFollow removes the user's follow id.
func (q *queries) DeleteFollow(ctx context.Context, userID, id int64) error {
	return q.write(ctx, func(q *queries) error {
		return q.execAffecting(ctx, "follow", id, "DELETE FROM follows WHERE id = ? AND user_id = ?", id, userID)
	})
}

// ListFollows returns the user's follows, newest first.
func (q *queries) ListFollows(ctx context.Context, userID int64) ([]catalog.Follow, error) {
	return queryAll(ctx, q, scanFollow, followSelect+" WHERE w.user_id = ? ORDER BY w.id DESC", userID)
}

// Followers returns the follows of kind on targetIDs with their users'
// settings, ordered by user then follow.
func (q *queries) Followers(ctx context.Context, kind catalog.FollowKind, targetIDs []int64) ([]catalog.Follower, error) {
	if len(targetIDs) == 0 {
		return nil, nil
	}
	args := []any{string(kind)}
	for _, id := range targetIDs {
		args = append(args, id)
	}
	return queryAll(ctx, q, func(s scanner) (catalog.Follower, error) {
		var fl catalog.Follower
		f := &fl.Follow
		st := &fl.Settings
		err := s.Scan(&f.ID, &f.UserID, &f.Kind, &f.TargetID, jsonCol(&f.Types), jsonCol(&f.Formats), jsonCol(&f.Countries),
			timeText{&f.CreatedAt}, &st.HomeCountry, &st.TimeZone, jsonCol(&st.Formats), &st.Delivery)
		return fl, err
	}, `SELECT w.id, w.user_id, w.kind, w.target_id, w.types, w.formats, w.countries, w.created_at,
		u.home_country, u.time_zone, u.formats, u.delivery
		FROM follows w JOIN users u ON u.id = w.user_id
		WHERE w.kind = ? AND w.target_id IN (`+placeholders(len(targetIDs))+`) ORDER BY w.user_id, w.id`, args...)
}

// FollowedTimeZones returns the time zones of users following a film.
func (q *queries) FollowedTimeZones(ctx context.Context) ([]string, error) {
	return queryAll(ctx, q, func(s scanner) (string, error) {
		var tz string
		err := s.Scan(&tz)
		return tz, err
	}, `SELECT DISTINCT u.time_zone FROM users u WHERE EXISTS (SELECT 1 FROM follows w WHERE w.user_id = u.id AND w.kind = 'film') ORDER BY 1`)
}
