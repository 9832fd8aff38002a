package app

import (
	"context"

	"github.com/marquee-film/marquee/internal/catalog"
)

// record is a catalog record that can check itself.
type record interface {
	Normalize()
	Validate() error
}

// writeCited normalizes and validates rec, then runs op in one
// transaction and cites p's source for the record op wrote. op returns
// the record's reference and the film it belongs to (0 for none).
func (s *Service) writeCited(ctx context.Context, p Provenance, rec record, op func(q catalog.Queries) (catalog.EntityRef, int64, error)) error {
	if err := p.validate(); err != nil {
		return err
	}
	rec.Normalize()
	if err := rec.Validate(); err != nil {
		return err
	}
	return s.store.WithTx(ctx, func(q catalog.Queries) error {
		ref, filmID, err := op(q)
		if err != nil {
			return err
		}
		return s.cite(ctx, q, p, ref, filmID, "", "")
	})
}

// deleteIn runs one delete in a write transaction.
func (s *Service) deleteIn(ctx context.Context, del func(ctx context.Context, q catalog.Queries) error) error {
	return s.store.WithTx(ctx, func(q catalog.Queries) error { return del(ctx, q) })
}
