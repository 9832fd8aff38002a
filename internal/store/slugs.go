package store

import (
	"context"
	"strconv"
	"strings"
)

// Slug limits: catalog.ValidSlug accepts at most maxSlugLen bytes, and
// derived slugs are made unique with a suffix of at most maxSuffixLen
// bytes ("-9999999").
const (
	maxSlugLen   = 120
	maxSuffixLen = 8
)

// deriveSlug sets an empty *slug to freeSlug of base: a slug derived for
// the record id (0 for a new one) of table.
func (q *queries) deriveSlug(ctx context.Context, table string, slug *string, base, fallback string, id int64) error {
	if *slug != "" {
		return nil
	}
	s, err := q.freeSlug(ctx, table, base, fallback, id)
	*slug = s
	return err
}

// freeSlug returns base, or base with the first suffix -2, -3… that no
// row of table other than exclude uses; a base too long for a suffix is
// cut first. An empty base becomes fallback. Run it in the write
// transaction that then uses the slug.
func (q *queries) freeSlug(ctx context.Context, table, base, fallback string, exclude int64) (string, error) {
	if base == "" {
		base = fallback
	}
	// Every candidate starts with base- or, when base gets cut, with stem.
	pattern := base + "-%"
	if stem := trimSlug(base, maxSlugLen-maxSuffixLen); stem != base {
		pattern = stem + "%"
	}
	taken, err := q.slugsLike(ctx, table, base, pattern, exclude)
	if err != nil {
		return "", err
	}
	if !taken[base] {
		return base, nil
	}
	for n := 2; ; n++ {
		suffix := "-" + strconv.Itoa(n)
		s := trimSlug(base, maxSlugLen-len(suffix)) + suffix
		if !taken[s] {
			return s, nil
		}
	}
}

// slugsLike returns the slugs of table, other than exclude's, that are
// base or match the LIKE pattern.
func (q *queries) slugsLike(ctx context.Context, table, base, pattern string, exclude int64) (map[string]bool, error) {
	rows, err := q.query(ctx, "SELECT slug FROM "+table+" WHERE (slug = ? OR slug LIKE ?) AND id <> ?", base, pattern, exclude)
	if err != nil {
		return nil, q.dbError(err)
	}
	defer rows.Close()
	taken := map[string]bool{}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		taken[s] = true
	}
	return taken, q.dbError(rows.Err())
}

// trimSlug cuts s to at most n bytes without leaving a trailing hyphen.
func trimSlug(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.TrimRight(s[:n], "-")
}
