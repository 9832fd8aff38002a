package feed

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/httpstatus"
)

// Content types of the documents this package serves.
const (
	CalendarContentType = "text/calendar; charset=utf-8"
	AtomContentType     = "application/atom+xml; charset=utf-8"
)

const (
	// maxFeedEntries is how many entries the releases feed lists.
	maxFeedEntries = 100
	// maxScan bounds how many releases one request reads from the store.
	maxScan = 5000
	// pageSize is the page size used when paging through the calendar.
	pageSize = catalog.MaxPageLimit
)

// Releases is what the feeds need of the application: the release
// calendar, a film's detail, and a personal feed's user and the releases
// they follow. *app.Service provides it.
type Releases interface {
	Calendar(ctx context.Context, rq app.ReleaseQuery) ([]catalog.Release, string, error)
	FilmDetail(ctx context.Context, ref string) (*app.FilmDetail, error)
	FeedUser(ctx context.Context, secret string) (catalog.User, error)
	FollowedReleases(ctx context.Context, u catalog.User) ([]catalog.Release, error)
}

// Handler serves the iCalendar and Atom feeds.
type Handler struct {
	svc     Releases
	clock   app.Clock
	log     *slog.Logger
	baseURL func(r *http.Request) string
}

// NewHandler returns the feeds' handler. clock gives "today" for the
// default date window (nil: the system clock); baseURL returns the site's
// root URL for a request, without a trailing slash (nil: derived from the
// request's Host and TLS state).
func NewHandler(svc Releases, clock app.Clock, log *slog.Logger, baseURL func(r *http.Request) string) *Handler {
	if clock == nil {
		clock = app.SystemClock{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if baseURL == nil {
		baseURL = requestBaseURL
	}
	return &Handler{svc: svc, clock: clock, log: log, baseURL: baseURL}
}

// Register adds the feeds' routes to mux:
//
//	GET /calendar.ics           iCalendar of releases, filtered like the calendar page
//	GET /feeds/releases.atom    Atom feed of new and changed releases
//	GET /films/{slug}/feed.atom Atom feed of one film's releases
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /calendar.ics", h.Calendar)
	mux.HandleFunc("GET /feeds/releases.atom", h.ReleasesFeed)
	mux.HandleFunc("GET /films/{slug}/feed.atom", h.FilmFeed)
}

func requestBaseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// Calendar serves GET /calendar.ics: an all-day event per release dated
// to the day in the date window (default: 30 days ago to a year ahead),
// and with partial=1 one per month-precise release too.
func (h *Handler) Calendar(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilters(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rq := f.query(h.clock.Now(), false)
	releases, err := h.collect(r.Context(), rq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var listed []catalog.Release
	for _, rel := range releases {
		if _, _, ok := eventDay(rel.Date, f.partial); ok {
			listed = append(listed, rel)
		}
	}
	name := "Marquee releases"
	if d := f.describe(); d != "" {
		name += " (" + d + ")"
	}
	body := EncodeCalendar(CalendarOptions{Name: name, BaseURL: h.baseURL(r), IncludePartial: f.partial}, listed)
	serveDocument(w, r, CalendarContentType, body, LastChange(listed))
}

// ReleasesFeed serves GET /feeds/releases.atom: the 100 most recently
// announced or changed releases matching the filters, newest change
// first. Releases of every date precision are listed, TBA included; the
// date window starts 30 days ago by default and is open-ended.
func (h *Handler) ReleasesFeed(w http.ResponseWriter, r *http.Request) {
	f, err := parseFilters(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rq := f.query(h.clock.Now(), true)
	rq.IncludeTBA = true
	// The releases come in date order and are sorted by last change here,
	// reading at most maxScan of them. The scalable follow-up is a store
	// query ordered by updated_at (an index on releases.updated_at), so
	// that the feed reads only the 100 rows it lists.
	releases, err := h.collect(r.Context(), rq)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	SortByLastChange(releases)
	if len(releases) > maxFeedEntries {
		releases = releases[:maxFeedEntries]
	}
	base := h.baseURL(r)
	title := "Marquee: new and changed releases"
	if d := f.describe(); d != "" {
		title += " (" + d + ")"
	}
	body, err := EncodeAtom(AtomOptions{
		ID:           TagURI(base, "feeds/releases"+f.encoded()),
		Title:        title,
		BaseURL:      base,
		SelfURL:      base + "/feeds/releases.atom" + f.encoded(),
		AlternateURL: base + "/calendar" + f.encoded(),
		Updated:      dayOf(h.clock.Now()),
	}, releases)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	serveDocument(w, r, AtomContentType, body, LastChange(releases))
}

// FilmFeed serves GET /films/{slug}/feed.atom: every release of one
// film, most recently changed first. An unknown film is a 404.
func (h *Handler) FilmFeed(w http.ResponseWriter, r *http.Request) {
	d, err := h.svc.FilmDetail(r.Context(), r.PathValue("slug"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	releases := make([]catalog.Release, len(d.Releases))
	for i, rd := range d.Releases {
		releases[i] = rd.Release
	}
	SortByLastChange(releases)
	if len(releases) > maxFeedEntries {
		releases = releases[:maxFeedEntries]
	}
	base := h.baseURL(r)
	s := newSite(base)
	film := d.Film
	title := film.Title
	if film.Year != 0 {
		title += " (" + itoa(int64(film.Year)) + ")"
	}
	// The film itself is listed too (its title heads the feed), so its
	// own last change counts for Last-Modified.
	lastMod := LastChange(releases)
	if fu := film.UpdatedAt.UTC().Truncate(time.Second); fu.After(lastMod) {
		lastMod = fu
	}
	body, err := EncodeAtom(AtomOptions{
		ID:           s.tag("film/" + itoa(film.ID) + "/releases"),
		Title:        "Marquee: releases of " + title,
		BaseURL:      base,
		SelfURL:      s.filmURL(film.Slug) + "/feed.atom",
		AlternateURL: s.filmURL(film.Slug),
		Updated:      lastMod,
	}, releases)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	serveDocument(w, r, AtomContentType, body, lastMod)
}

// collect pages through the calendar query, reading at most maxScan
// releases.
func (h *Handler) collect(ctx context.Context, rq app.ReleaseQuery) ([]catalog.Release, error) {
	rq.Limit = pageSize
	var all []catalog.Release
	for {
		page, next, err := h.svc.Calendar(ctx, rq)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if next == "" {
			return all, nil
		}
		if len(all) >= maxScan {
			h.log.Warn("feed: release scan cut short", "limit", maxScan, "from", rq.From, "to", rq.To)
			return all[:maxScan], nil
		}
		rq.After = next
	}
}

// fail answers with a plain-text error whose status follows the error's
// kind. Internal errors are logged and not shown.
func (h *Handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	kind := catalog.KindOf(err)
	status := httpstatus.Of(kind)
	msg := err.Error()
	if kind == catalog.KindInternal {
		h.log.Error("feed request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "internal error"
	}
	if kind == catalog.KindUnavailable {
		h.log.Warn("feed request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "text/plain; charset=utf-8")
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(msg + "\n"))
}

// serveDocument answers a feed request with body, a strong ETag (a hash
// of the body) and Last-Modified (lastMod, when known), or with 304 Not
// Modified when the client's copy is current. If-None-Match, when sent,
// decides alone; If-Modified-Since is used only without it (RFC 9110
// section 13.2.2).
func serveDocument(w http.ResponseWriter, r *http.Request, contentType string, body []byte, lastMod time.Time) {
	sum := sha256.Sum256(body)
	etag := `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
	hdr := w.Header()
	hdr.Set("ETag", etag)
	if !lastMod.IsZero() {
		hdr.Set("Last-Modified", lastMod.UTC().Format(http.TimeFormat))
	}
	hdr.Set("Cache-Control", "max-age=300")
	if notModified(r, etag, lastMod) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hdr.Set("Content-Type", contentType)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Length", itoa(int64(len(body))))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// notModified evaluates If-None-Match (weak comparison, as RFC 9110
// requires for it) or, without it, If-Modified-Since.
func notModified(r *http.Request, etag string, lastMod time.Time) bool {
	if inm := r.Header.Values("If-None-Match"); len(inm) > 0 {
		for _, v := range inm {
			for _, tag := range strings.Split(v, ",") {
				tag = strings.TrimSpace(tag)
				if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
					return true
				}
			}
		}
		return false
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" || lastMod.IsZero() {
		return false
	}
	t, err := http.ParseTime(ims)
	if err != nil {
		return false
	}
	return !lastMod.UTC().Truncate(time.Second).After(t)
}

// dayOf returns the start of t's day in UTC.
func dayOf(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
