package app

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

// The catalog is the extractor's gazetteer: the films and people it holds
// are recognised in articles without the cues an unknown title or name
// needs (see extract.Gazetteer), and ingest then links them to their
// records as it links everything else (findFilm, findPerson). The
// gazetteer only raises recall; linking always reads the live catalog, so
// a gazetteer a little out of date costs at most a missed mention.

const (
	// gazetteerCap bounds the films and, separately, the people the
	// gazetteer holds: the most recently updated ones.
	gazetteerCap = 20000
	// gazetteerMaxAge is how long a gazetteer is used before it is
	// rebuilt even when this process wrote nothing (other processes may
	// have, and a store that does not count its writes gives no version).
	gazetteerMaxAge = time.Minute
)

// gazetteerCache holds the gazetteer built from the catalog and the
// catalog version it was read at. Its zero value is empty and ready.
type gazetteerCache struct {
	mu        sync.Mutex
	gaz       *extract.Gazetteer
	version   uint64
	versioned bool
	built     time.Time
}

// knownCatalog returns the gazetteer of the catalog's films and people,
// rebuilding it when the catalog has changed since (or it is older than
// gazetteerMaxAge). When the catalog cannot be read it logs the error and
// returns the previous gazetteer, possibly nil: extraction then works
// from cues alone.
func (s *Service) knownCatalog(ctx context.Context) *extract.Gazetteer {
	c := &s.known
	c.mu.Lock()
	defer c.mu.Unlock()
	version, versioned := s.CatalogVersion()
	now := s.clock.Now()
	fresh := !c.built.IsZero() && now.Sub(c.built) < gazetteerMaxAge && now.Sub(c.built) >= 0 &&
		versioned == c.versioned && (!versioned || version == c.version)
	if fresh {
		return c.gaz
	}
	g, err := s.buildGazetteer(ctx)
	if err != nil {
		s.log.Warn("building the catalog gazetteer failed; extracting without it", "err", err)
		return c.gaz
	}
	c.gaz, c.version, c.versioned, c.built = g, version, versioned, now
	return g
}

// buildGazetteer reads the most recently updated gazetteerCap films
// (their titles and original titles) and people.
func (s *Service) buildGazetteer(ctx context.Context) (*extract.Gazetteer, error) {
	var films []catalog.Film
	for after := ""; ; {
		page, next, err := s.store.ListFilms(ctx, catalog.FilmFilter{Page: catalog.Page{After: after, Limit: catalog.MaxPageLimit}})
		if err != nil {
			return nil, err
		}
		for _, f := range page {
			// Keep only what the gazetteer needs.
			films = append(films, catalog.Film{Title: f.Title, OriginalTitle: f.OriginalTitle, Year: f.Year, UpdatedAt: f.UpdatedAt})
		}
		if len(films) > 2*gazetteerCap {
			films = keepRecent(films, filmUpdated, gazetteerCap)
		}
		if next == "" || len(page) == 0 {
			break
		}
		after = next
	}
	var people []catalog.Person
	for after := ""; ; {
		page, next, err := s.store.ListPeople(ctx, catalog.PersonFilter{Page: catalog.Page{After: after, Limit: catalog.MaxPageLimit}})
		if err != nil {
			return nil, err
		}
		for _, p := range page {
			people = append(people, catalog.Person{Name: p.Name, UpdatedAt: p.UpdatedAt})
		}
		if len(people) > 2*gazetteerCap {
			people = keepRecent(people, personUpdated, gazetteerCap)
		}
		if next == "" || len(page) == 0 {
			break
		}
		after = next
	}
	films = keepRecent(films, filmUpdated, gazetteerCap)
	people = keepRecent(people, personUpdated, gazetteerCap)

	known := make([]extract.KnownFilm, 0, len(films))
	for _, f := range films {
		known = append(known, extract.KnownFilm{Title: f.Title, Year: f.Year})
		if f.OriginalTitle != "" && catalog.FoldText(f.OriginalTitle) != catalog.FoldText(f.Title) {
			known = append(known, extract.KnownFilm{Title: f.OriginalTitle, Year: f.Year})
		}
	}
	names := make([]string, 0, len(people))
	for _, p := range people {
		if name := strings.TrimSpace(p.Name); name != "" {
			names = append(names, name)
		}
	}
	return extract.NewGazetteer(known, names), nil
}

// keepRecent keeps the n most recently updated records of list. While
// paging it runs only when the list has grown to twice the cap, so the
// sorting is amortised and memory stays bounded.
func keepRecent[T any](list []T, updated func(T) time.Time, n int) []T {
	if len(list) <= n {
		return list
	}
	slices.SortStableFunc(list, func(a, b T) int { return updated(b).Compare(updated(a)) })
	return list[:n]
}

func filmUpdated(f catalog.Film) time.Time     { return f.UpdatedAt }
func personUpdated(p catalog.Person) time.Time { return p.UpdatedAt }
