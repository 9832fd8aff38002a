package app

import (
	"context"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// The transactional outbox: every write use case that changes what a
// follower cares about calls one of the functions below with the
// transaction's Queries, so the event is committed together with the
// change, or not at all. The router (alerts.go) turns events into
// notifications later. Bundle loads do not emit events.

// emit writes one event to the outbox in q's transaction.
func (s *Service) emit(ctx context.Context, q catalog.Queries, kind catalog.EventKind, filmID int64, dedupe string, p catalog.EventPayload) error {
	return q.AddEvent(ctx, &catalog.Event{Kind: kind, FilmID: filmID, DedupeKey: dedupe, Payload: p, CreatedAt: s.now()})
}

// releasePayload describes release r (as read back from the store).
func releasePayload(r catalog.Release) catalog.EventPayload {
	p := catalog.EventPayload{
		FilmTitle: r.FilmTitle, FilmSlug: r.FilmSlug, FilmYear: r.FilmYear,
		ReleaseID: r.ID, Country: r.Country, ReleaseType: r.Type, Date: r.Date.String(), Status: r.Status,
		Formats: r.Formats, LabelName: r.DistributorName,
	}
	if r.DistributorID != 0 {
		p.LabelIDs = []int64{r.DistributorID}
	}
	return p
}

// releaseEvents emits what writing release id means to followers: a new
// release (old == nil), a date made more precise, a date moved, or a
// postponement or cancellation.
func (s *Service) releaseEvents(ctx context.Context, q catalog.Queries, old *catalog.Release, id int64) error {
	r, err := q.GetRelease(ctx, id)
	if err != nil {
		return err
	}
	p := releasePayload(r)
	if old == nil {
		return s.emit(ctx, q, catalog.EventReleaseAnnounced, r.FilmID, "", p)
	}
	p.OldDate, p.OldStatus = old.Date.String(), old.Status
	switch {
	case old.Date != r.Date && r.Date.Refines(old.Date):
		return s.emit(ctx, q, catalog.EventReleaseRefined, r.FilmID, "", p)
	case old.Date != r.Date,
		old.Status != r.Status && (r.Status == catalog.ReleasePostponed || r.Status == catalog.ReleaseCancelled):
		return s.emit(ctx, q, catalog.EventReleaseChanged, r.FilmID, "", p)
	}
	return nil
}

// editionEvents emits a new edition: for followers of its film (with
// the edition's formats) and of its label or the release's distributor.
func (s *Service) editionEvents(ctx context.Context, q catalog.Queries, id int64) error {
	e, err := q.GetEdition(ctx, id)
	if err != nil {
		return err
	}
	r, err := q.GetRelease(ctx, e.ReleaseID)
	if err != nil {
		return err
	}
	p := releasePayload(r)
	p.EditionID, p.EditionName, p.Formats = e.ID, e.Name, e.Formats
	if e.LabelID != 0 {
		p.LabelIDs = append([]int64{e.LabelID}, p.LabelIDs...)
		p.LabelName = e.LabelName
	}
	return s.emit(ctx, q, catalog.EventEditionAnnounced, r.FilmID, "", p)
}

// creditEvents emits a person joining a film, for the person's followers.
func (s *Service) creditEvents(ctx context.Context, q catalog.Queries, c catalog.Credit) error {
	f, err := q.GetFilm(ctx, c.FilmID)
	if err != nil {
		return err
	}
	pr, err := q.GetPerson(ctx, c.PersonID)
	if err != nil {
		return err
	}
	job := c.Job
	if job == "" {
		job = string(c.Department)
	}
	return s.emit(ctx, q, catalog.EventCreditAdded, f.ID, "", catalog.EventPayload{
		FilmTitle: f.Title, FilmSlug: f.Slug, FilmYear: f.Year, PersonID: pr.ID, PersonName: pr.Name, Job: job,
	})
}

// extraEvents emits, for each participant of a new extra, an appearance
// for the person's followers ("commentary by ...").
func (s *Service) extraEvents(ctx context.Context, q catalog.Queries, x catalog.Extra, filmID int64) error {
	if len(x.Participants) == 0 {
		return nil
	}
	f, err := q.GetFilm(ctx, filmID)
	if err != nil {
		return err
	}
	for _, part := range x.Participants {
		pr, err := q.GetPerson(ctx, part.PersonID)
		if err != nil {
			return err
		}
		job := strings.TrimSpace(strings.ReplaceAll(string(x.Kind), "_", " ") + " " + part.Role)
		if x.Title != "" {
			job += ": " + x.Title
		}
		err = s.emit(ctx, q, catalog.EventAppearanceAdded, f.ID, "", catalog.EventPayload{
			FilmTitle: f.Title, FilmSlug: f.Slug, FilmYear: f.Year, PersonID: pr.ID, PersonName: pr.Name, Job: job, EditionID: x.EditionID,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// awardDecided reports whether a nomination's result went from open
// (pending or nominated) to won or lost.
func awardDecided(old, cur catalog.NominationResult) bool {
	open := old == catalog.ResultPending || old == catalog.ResultNominated
	return open && (cur == catalog.ResultWon || cur == catalog.ResultLost)
}

// nominationEvents emits a decided award result.
func (s *Service) nominationEvents(ctx context.Context, q catalog.Queries, old catalog.NominationResult, id int64) error {
	n, err := q.GetNomination(ctx, id)
	if err != nil || !awardDecided(old, n.Result) {
		return err
	}
	return s.emit(ctx, q, catalog.EventAwardDecided, n.FilmID, "", catalog.EventPayload{
		FilmTitle: n.FilmTitle, FilmSlug: n.FilmSlug, FilmYear: n.FilmYear,
		PersonID: n.PersonID, PersonName: n.PersonName,
		NominationID: n.ID, FestivalEditionID: n.FestivalEditionID, Category: n.CategoryName, AwardBody: n.AwardBodyName, Result: n.Result,
	})
}
