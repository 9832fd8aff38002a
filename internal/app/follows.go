package app

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// FollowInput says what to follow: a kind and a reference (slug or ID;
// "festival-slug/2025" for a festival edition), with the release
// preferences of a film follow.
type FollowInput struct {
	Kind      catalog.FollowKind
	Target    string
	Types     []catalog.ReleaseType
	Formats   []catalog.Format
	Countries []string
}

// resolveTarget turns a follow's reference into the target's ID.
func (s *Service) resolveTarget(ctx context.Context, kind catalog.FollowKind, ref string) (int64, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return 0, catalog.Invalid("target", "is required")
	}
	var id int64
	var err error
	switch kind {
	case catalog.FollowFilm:
		var f catalog.Film
		f, err = s.Film(ctx, ref)
		id = f.ID
	case catalog.FollowPerson:
		var p catalog.Person
		p, err = s.Person(ctx, ref)
		id = p.ID
	case catalog.FollowLabel:
		var o catalog.Organization
		o, err = s.Organization(ctx, ref)
		id = o.ID
	case catalog.FollowFestivalEdition:
		if n, perr := strconv.ParseInt(ref, 10, 64); perr == nil && n > 0 {
			var e catalog.FestivalEdition
			e, err = s.store.GetFestivalEdition(ctx, n)
			id = e.ID
			break
		}
		slug, yearText, ok := strings.Cut(ref, "/")
		year, yerr := strconv.Atoi(yearText)
		if !ok || yerr != nil {
			return 0, catalog.Invalid("target", "%q is not a festival edition (festival-slug/YEAR)", ref)
		}
		var f catalog.Festival
		if f, err = s.Festival(ctx, slug); err == nil {
			var e catalog.FestivalEdition
			e, err = s.store.GetFestivalEditionByYear(ctx, f.ID, year)
			id = e.ID
		}
	default:
		return 0, catalog.Invalid("kind", "%q is not film, person, label or festival_edition", kind)
	}
	if catalog.IsKind(err, catalog.KindNotFound) {
		return 0, catalog.Invalid("target", "%s %q does not exist", kind, ref)
	}
	return id, err
}

// Follow makes userID follow a film, person, label or festival edition.
// Following the same thing twice is a conflict.
func (s *Service) Follow(ctx context.Context, userID int64, in FollowInput) (catalog.Follow, error) {
	f := catalog.Follow{UserID: userID, Kind: in.Kind, Types: in.Types, Formats: in.Formats, Countries: in.Countries, CreatedAt: s.now()}
	f.Normalize()
	if _, err := catalog.ParseEnum("kind", string(f.Kind), catalog.FollowKinds); err != nil {
		return f, err
	}
	id, err := s.resolveTarget(ctx, in.Kind, in.Target)
	if err != nil {
		return f, err
	}
	f.TargetID = id
	if err := f.Validate(); err != nil {
		return f, err
	}
	err = s.store.WithTx(ctx, func(q catalog.Queries) error { return q.CreateFollow(ctx, &f) })
	return f, err
}

// UpdateFollow replaces the release preferences of one of the user's
// follows.
func (s *Service) UpdateFollow(ctx context.Context, userID, id int64, in FollowInput) (catalog.Follow, error) {
	var f catalog.Follow
	err := s.store.WithTx(ctx, func(q catalog.Queries) error {
		var err error
		if f, err = q.GetFollow(ctx, userID, id); err != nil {
			return err
		}
		f.Types, f.Formats, f.Countries = in.Types, in.Formats, in.Countries
		f.Normalize()
		if err := f.Validate(); err != nil {
			return err
		}
		return q.UpdateFollow(ctx, &f)
	})
	return f, err
}

// Unfollow removes one of the user's follows.
func (s *Service) Unfollow(ctx context.Context, userID, id int64) error {
	return s.store.WithTx(ctx, func(q catalog.Queries) error { return q.DeleteFollow(ctx, userID, id) })
}

// Follows lists the user's follows.
func (s *Service) Follows(ctx context.Context, userID int64) ([]catalog.Follow, error) {
	return s.store.ListFollows(ctx, userID)
}

// FollowOf returns one of the user's follows.
func (s *Service) FollowOf(ctx context.Context, userID, id int64) (catalog.Follow, error) {
	return s.store.GetFollow(ctx, userID, id)
}

// WatchlistReport is the outcome of a Letterboxd watchlist import.
type WatchlistReport struct {
	Rows     int             // data rows read
	Followed int             // new film follows
	Already  int             // films followed before
	Missing  []WatchlistMiss // rows that matched no film, or were malformed
}

// WatchlistMiss is a row that was not imported, and why.
type WatchlistMiss struct {
	Line   int    `json:"line"`
	Name   string `json:"name"`
	Year   int    `json:"year,omitempty"`
	URI    string `json:"uri,omitempty"`
	Reason string `json:"reason"`
}

// MaxWatchlistRows bounds one import.
const MaxWatchlistRows = 50000

// ImportLetterboxd follows every film of a Letterboxd watchlist export
// (CSV: Date,Name,Year,Letterboxd URI) that matches a catalog film by
// title and year, and reports the rows that did not. progress, when not
// nil, is called every 500 rows.
func (s *Service) ImportLetterboxd(ctx context.Context, userID int64, r io.Reader, progress func(done int)) (WatchlistReport, error) {
	var rep WatchlistReport
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return rep, catalog.Invalid("file", "is not a Letterboxd CSV export: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	nameCol, okName := col["name"]
	yearCol, okYear := col["year"]
	uriCol, okURI := col["letterboxd uri"]
	if !okName || !okYear {
		return rep, catalog.Invalid("file", "has no Name and Year columns (a Letterboxd export starts with Date,Name,Year,Letterboxd URI)")
	}
	followed, err := s.store.ListFollows(ctx, userID)
	if err != nil {
		return rep, err
	}
	have := map[int64]bool{}
	for _, f := range followed {
		if f.Kind == catalog.FollowFilm {
			have[f.TargetID] = true
		}
	}
	field := func(rec []string, i int) string {
		if i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return rep, err
			}
			rep.Rows++
			rep.Missing = append(rep.Missing, WatchlistMiss{Line: pe.Line, Reason: "malformed CSV row: " + pe.Err.Error()})
			continue
		}
		rep.Rows++
		if rep.Rows > MaxWatchlistRows {
			return rep, &catalog.Error{Kind: catalog.KindTooLarge, Message: fmt.Sprintf("a watchlist import takes at most %d rows", MaxWatchlistRows)}
		}
		if progress != nil && rep.Rows%500 == 0 {
			progress(rep.Rows)
		}
		miss := WatchlistMiss{Line: line, Name: field(rec, nameCol)}
		if okURI {
			miss.URI = field(rec, uriCol)
		}
		year, yerr := strconv.Atoi(field(rec, yearCol))
		switch {
		case miss.Name == "" || len(miss.Name) > 500 || !validText(miss.Name):
			miss.Reason = "no usable film name"
		case yerr != nil || year < 1870 || year > 2200:
			miss.Reason = "no usable year"
		}
		if miss.Reason != "" {
			rep.Missing = append(rep.Missing, miss)
			continue
		}
		miss.Year = year
		film, found, err := s.matchFilm(ctx, miss.Name, year)
		if err != nil {
			return rep, err
		}
		if !found {
			miss.Reason = "no film with this title and year in the catalog"
			rep.Missing = append(rep.Missing, miss)
			continue
		}
		if have[film.ID] {
			rep.Already++
			continue
		}
		f := catalog.Follow{UserID: userID, Kind: catalog.FollowFilm, TargetID: film.ID, CreatedAt: s.now()}
		if err := s.store.WithTx(ctx, func(q catalog.Queries) error { return q.CreateFollow(ctx, &f) }); err != nil {
			if catalog.IsKind(err, catalog.KindConflict) {
				rep.Already++
				have[film.ID] = true
				continue
			}
			return rep, err
		}
		have[film.ID] = true
		rep.Followed++
	}
	if progress != nil {
		progress(rep.Rows)
	}
	return rep, nil
}

func validText(s string) bool {
	return !strings.ContainsRune(s, 0) && strings.ToValidUTF8(s, "\uFFFD") == s
}

// matchFilm finds the film with exactly this title (case- and
// accent-insensitively, original title too) and year.
func (s *Service) matchFilm(ctx context.Context, title string, year int) (catalog.Film, bool, error) {
	films, err := s.store.FilmsByTitle(ctx, title, year)
	if err != nil || len(films) == 0 {
		return catalog.Film{}, false, err
	}
	return films[0], true, nil
}
