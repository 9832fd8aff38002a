package store

import (
	"context"

	"github.com/marquee-film/marquee/internal/catalog"
)

// sourceColumns select a source; text is the SQL expression for its
// text: the column, or an empty literal in lists.
func sourceColumns(text string) string {
	return "s.id, s.kind, s.url, s.outlet, s.title, s.published_on, s.retrieved_at, s.content_hash, " + text + ", s.created_at"
}

func scanSource(s scanner) (catalog.Source, error) {
	var x catalog.Source
	err := s.Scan(&x.ID, &x.Kind, &x.URL, &x.Outlet, &x.Title, dateText{&x.PublishedOn}, timeText{&x.RetrievedAt},
		&x.ContentHash, &x.Text, timeText{&x.CreatedAt})
	return x, err
}

// sourceOrder sorts sources newest first: by creation time, then ID,
// both descending.
func sourceOrder() keyset {
	return keyset{columns: []string{"s.created_at", "s.id"}, kinds: []keyKind{textKey, intKey}, desc: true}
}

func sourceKey(s catalog.Source) []any { return []any{formatTime(s.CreatedAt), s.ID} }

// maxIDsPerQuery bounds the IDs bound in one IN list, well below the
// parameter limits of both databases.
const maxIDsPerQuery = 500

// CreateSource stores s and sets its ID.
func (q *queries) CreateSource(ctx context.Context, s *catalog.Source) error {
	s.Normalize()
	if err := s.Validate(); err != nil {
		return err
	}
	return q.write(ctx, func(q *queries) error {
		id, err := q.insert(ctx, `INSERT INTO sources (kind, url, outlet, title, published_on, retrieved_at,
			content_hash, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			string(s.Kind), s.URL, s.Outlet, s.Title, s.PublishedOn.String(), nullTime(s.RetrievedAt),
			s.ContentHash, s.Text, formatTime(s.CreatedAt))
		if err != nil {
			return q.writeError(err)
		}
		s.ID = id
		return nil
	})
}

func (q *queries) GetSource(ctx context.Context, id int64) (catalog.Source, error) {
	return queryOne(ctx, q, scanSource, "source", id, "SELECT "+sourceColumns("s.text")+" FROM sources s WHERE s.id = ?", id)
}

// GetSourceByHash returns the first source stored with the content hash.
func (q *queries) GetSourceByHash(ctx context.Context, hash string) (catalog.Source, error) {
	if hash == "" {
		return catalog.Source{}, catalog.NotFound("source with content hash", `""`)
	}
	return queryOne(ctx, q, scanSource, "source with content hash", hash,
		"SELECT "+sourceColumns("s.text")+" FROM sources s WHERE s.content_hash = ? ORDER BY s.id LIMIT 1", hash)
}

// ListSources returns a page of sources matching f, newest first, without
// their text.
func (q *queries) ListSources(ctx context.Context, f catalog.SourceFilter) ([]catalog.Source, string, error) {
	var w conds
	if f.Kind != "" {
		w.add("s.kind = ?", string(f.Kind))
	}
	if f.FilmID != 0 {
		w.add("EXISTS (SELECT 1 FROM claims c WHERE c.source_id = s.id AND c.film_id = ?)", f.FilmID)
	}
	if err := sourceOrder().after(&w, f.After); err != nil {
		return nil, "", err
	}
	limit := f.Effective()
	sources, err := queryAll(ctx, q, scanSource,
		"SELECT "+sourceColumns("''")+" FROM sources s"+w.where()+sourceOrder().orderBy()+" LIMIT ?", append(w.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	sources, next := page(sources, limit, sourceKey)
	return sources, next, nil
}

// GetSources returns the sources with the given IDs, without their text;
// unknown IDs are skipped.
func (q *queries) GetSources(ctx context.Context, ids []int64) ([]catalog.Source, error) {
	var out []catalog.Source
	for start := 0; start < len(ids); start += maxIDsPerQuery {
		chunk := ids[start:min(start+maxIDsPerQuery, len(ids))]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		sources, err := queryAll(ctx, q, scanSource,
			"SELECT "+sourceColumns("''")+" FROM sources s WHERE s.id IN ("+placeholders(len(chunk))+")", args...)
		if err != nil {
			return nil, err
		}
		out = append(out, sources...)
	}
	return out, nil
}
