package app

import (
	"context"

	"github.com/marquee-film/marquee/internal/bundle"
	"github.com/marquee-film/marquee/internal/catalog"
)

// IsEmpty reports whether the catalog has no films yet.
func (s *Service) IsEmpty(ctx context.Context) (bool, error) {
	films, _, err := s.store.ListFilms(ctx, catalog.FilmFilter{Page: catalog.Page{Limit: 1}})
	return len(films) == 0, err
}

// SeedIfEmpty loads b when the catalog has no films, and reports whether
// it did. `marquee serve` seeds the demo catalog this way.
func (s *Service) SeedIfEmpty(ctx context.Context, b *bundle.Bundle) (bool, LoadReport, error) {
	empty, err := s.IsEmpty(ctx)
	if err != nil || !empty {
		return false, LoadReport{}, err
	}
	rep, err := s.LoadBundle(ctx, b)
	return err == nil, rep, err
}
