package feed

import (
	"net/http"
	"strconv"

	"github.com/marquee-film/marquee/internal/catalog"
)

// RegisterPersonal adds the personal feeds of each user, opened by the
// user's read-only feed token (app.Service.NewFeedToken):
//
//	GET /feeds/me/{token}/releases.atom  Atom feed of the followed films' releases
//	GET /feeds/me/{token}/calendar.ics   iCalendar of the same releases
//
// Only the releases that match each film follow's preferences (types,
// formats, countries, or the user's settings) are listed. A feed token
// grants nothing else: the API refuses it.
func (h *Handler) RegisterPersonal(mux *http.ServeMux) {
	mux.HandleFunc("GET /feeds/me/{token}/releases.atom", h.PersonalFeed)
	mux.HandleFunc("GET /feeds/me/{token}/calendar.ics", h.PersonalCalendar)
}

func (h *Handler) personalReleases(r *http.Request) (catalog.User, []catalog.Release, error) {
	u, err := h.svc.FeedUser(r.Context(), r.PathValue("token"))
	if err != nil {
		return u, nil, err
	}
	releases, err := h.svc.FollowedReleases(r.Context(), u)
	return u, releases, err
}

// PersonalFeed serves a user's Atom feed.
func (h *Handler) PersonalFeed(w http.ResponseWriter, r *http.Request) {
	u, releases, err := h.personalReleases(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	SortByLastChange(releases)
	if len(releases) > maxFeedEntries {
		releases = releases[:maxFeedEntries]
	}
	base := h.baseURL(r)
	body, err := EncodeAtom(AtomOptions{
		ID:           TagURI(base, "feeds/users/"+strconv.FormatInt(u.ID, 10)),
		Title:        "Marquee: releases of the films " + u.Username + " follows",
		BaseURL:      base,
		SelfURL:      base + r.URL.Path,
		AlternateURL: base + "/account",
		Updated:      u.CreatedAt,
	}, releases)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	serveDocument(w, r, AtomContentType, body, LastChange(releases))
}

// PersonalCalendar serves a user's iCalendar.
func (h *Handler) PersonalCalendar(w http.ResponseWriter, r *http.Request) {
	u, releases, err := h.personalReleases(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Referrer-Policy", "no-referrer")
	var listed []catalog.Release
	for _, rel := range releases {
		if _, _, ok := eventDay(rel.Date, true); ok {
			listed = append(listed, rel)
		}
	}
	body := EncodeCalendar(CalendarOptions{Name: "Marquee: " + u.Username + "'s films", BaseURL: h.baseURL(r), IncludePartial: true}, listed)
	serveDocument(w, r, CalendarContentType, body, LastChange(listed))
}
