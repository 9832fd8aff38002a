package app

import (
	"context"
	"strconv"

	"github.com/marquee-film/marquee/internal/catalog"
)

// parseRef splits a reference that is either a numeric ID or a slug.
func parseRef(ref string) (id int64, slug string) {
	if n, err := strconv.ParseInt(ref, 10, 64); err == nil && n > 0 {
		return n, ""
	}
	return 0, ref
}

// Film returns the film with the given ID or slug.
func (s *Service) Film(ctx context.Context, ref string) (catalog.Film, error) {
	if id, slug := parseRef(ref); id > 0 {
		return s.store.GetFilm(ctx, id)
	} else {
		return s.store.GetFilmBySlug(ctx, slug)
	}
}

// Person returns the person with the given ID or slug.
func (s *Service) Person(ctx context.Context, ref string) (catalog.Person, error) {
	if id, slug := parseRef(ref); id > 0 {
		return s.store.GetPerson(ctx, id)
	} else {
		return s.store.GetPersonBySlug(ctx, slug)
	}
}

// Organization returns the organization with the given ID or slug.
func (s *Service) Organization(ctx context.Context, ref string) (catalog.Organization, error) {
	if id, slug := parseRef(ref); id > 0 {
		return s.store.GetOrganization(ctx, id)
	} else {
		return s.store.GetOrganizationBySlug(ctx, slug)
	}
}

// Festival returns the festival with the given ID or slug.
func (s *Service) Festival(ctx context.Context, ref string) (catalog.Festival, error) {
	if id, slug := parseRef(ref); id > 0 {
		return s.store.GetFestival(ctx, id)
	} else {
		return s.store.GetFestivalBySlug(ctx, slug)
	}
}

// AwardBody returns the award body with the given ID or slug.
func (s *Service) AwardBody(ctx context.Context, ref string) (catalog.AwardBody, error) {
	if id, slug := parseRef(ref); id > 0 {
		return s.store.GetAwardBody(ctx, id)
	} else {
		return s.store.GetAwardBodyBySlug(ctx, slug)
	}
}

// organizationID resolves an optional organization reference to its ID
// (0 for "").
func (s *Service) organizationID(ctx context.Context, field, ref string) (int64, error) {
	if ref == "" {
		return 0, nil
	}
	o, err := s.Organization(ctx, ref)
	if catalog.IsKind(err, catalog.KindNotFound) {
		return 0, catalog.Invalid(field, "organization %q does not exist", ref)
	}
	return o.ID, err
}
