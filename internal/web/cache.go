package web

import (
	"net/http"
	"strconv"
	"sync"
	"time"
)

// The page cache keeps rendered catalog pages, so that a popular page is
// read from the database and rendered once, not on every request.
//
// A page is cached under its URL and the site's calendar day (pages say
// what is upcoming and mark today), and is served from the cache while
//
//   - the catalog has not changed: app.Service.CatalogVersion changes
//     when this process commits any write, and an entry is only used at
//     the version it was read at, so a write is seen by the very next
//     request; and
//   - it is younger than pageCacheTTL, which bounds how long a write by
//     another process (marquee load or import against the same database,
//     another server on the same PostgreSQL) can go unseen.
//
// Only anonymous requests are cached: a request with a Cookie or an
// Authorization header always renders afresh, so that a page can never
// carry one reader's state to another. Only 200 responses to GET are
// stored. Concurrent requests for a page that is being rendered wait for
// that render instead of repeating it; when an entry has only expired
// (the catalog has not changed), one request renders it again and the
// others are answered from the expired entry meanwhile.
const (
	pageCacheTTL      = 2 * time.Second
	pageCacheMaxBytes = 64 << 20 // all entries
	pageCacheMaxPage  = 4 << 20  // one entry
)

type pageCache struct {
	mu      sync.Mutex
	entries map[string]*cachedPage
	fills   map[string]*pageFill
	bytes   int
}

type cachedPage struct {
	version     uint64
	rendered    time.Time // sent as Last-Modified: the content is unchanged since
	expires     time.Time
	etag        string
	contentType string
	body        []byte
}

// pageFill is a render in progress that other requests for the same page
// can wait for.
type pageFill struct {
	version uint64
	done    chan struct{}
	page    *cachedPage // nil when the render gave nothing to cache
}

func newPageCache() *pageCache {
	return &pageCache{entries: map[string]*cachedPage{}, fills: map[string]*pageFill{}}
}

// lookup returns the current entry for key; or a render of it in progress
// to wait for; or, when neither exists, a new fill that the caller must
// finish.
func (c *pageCache) lookup(key string, version uint64, now time.Time) (e *cachedPage, wait, lead *pageFill) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.fills[key]
	if f != nil && f.version != version {
		f = nil // an older render; not for this request
	}
	if e := c.entries[key]; e != nil {
		switch {
		case e.version != version:
			c.remove(key, e)
		case now.Before(e.expires):
			return e, nil, nil
		case f != nil:
			// Expired, and being rendered again: until that is done the
			// entry is as good as it was a moment ago.
			return e, nil, nil
		}
	}
	if f != nil {
		return nil, f, nil
	}
	f = &pageFill{version: version, done: make(chan struct{})}
	c.fills[key] = f
	return nil, nil, f
}

// finish completes f with e (nil: nothing to cache) and wakes its waiters.
func (c *pageCache) finish(key string, f *pageFill, e *cachedPage) {
	c.mu.Lock()
	if c.fills[key] == f {
		delete(c.fills, key)
	}
	if e != nil {
		if old := c.entries[key]; old != nil {
			c.remove(key, old)
		}
		c.entries[key] = e
		c.bytes += len(e.body)
		for k, x := range c.entries { // map order: random eviction
			if c.bytes <= pageCacheMaxBytes {
				break
			}
			if k != key {
				c.remove(k, x)
			}
		}
	}
	c.mu.Unlock()
	f.page = e
	close(f.done)
}

func (c *pageCache) remove(key string, e *cachedPage) {
	delete(c.entries, key)
	c.bytes -= len(e.body)
}

// cacheKey is the key of r's page, or "" when r must not be answered from
// the cache.
func (s *Site) cacheKey(r *http.Request) string {
	if (r.Method != http.MethodGet && r.Method != http.MethodHead) ||
		r.Header.Get("Cookie") != "" || r.Header.Get("Authorization") != "" {
		return ""
	}
	return isoDay(s.today()) + " " + r.URL.Path + "?" + r.URL.RawQuery
}

// cachedPage is page with the page cache in front of it.
func (s *Site) cachedPage(fn handlerFunc) http.Handler {
	render := s.page(fn)
	return secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		version, ok := s.svc.CatalogVersion()
		key := s.cacheKey(r)
		if !ok || key == "" {
			render.ServeHTTP(w, r)
			return
		}
		now := s.clock.Now()
		e, wait, lead := s.cache.lookup(key, version, now)
		if wait != nil {
			select {
			case <-wait.done:
				e = wait.page
			case <-r.Context().Done():
				return
			}
		}
		if e != nil {
			serveCached(w, r, e)
			return
		}
		if lead == nil { // the render waited for gave nothing to cache
			render.ServeHTTP(w, r)
			return
		}
		var entry *cachedPage
		defer func() { s.cache.finish(key, lead, entry) }() // also on a panic
		rec := &recorder{header: w.Header()}
		render.ServeHTTP(rec, r)
		if rec.status == http.StatusOK && r.Method == http.MethodGet && len(rec.body) <= pageCacheMaxPage {
			if etag := rec.header.Get("ETag"); etag != "" {
				entry = &cachedPage{version: version, rendered: now.UTC().Truncate(time.Second), expires: now.Add(pageCacheTTL), etag: etag,
					contentType: rec.header.Get("Content-Type"), body: rec.body}
			}
		}
		if entry != nil {
			w.Header().Set("Last-Modified", entry.rendered.Format(http.TimeFormat))
		}
		if rec.status != 0 {
			w.WriteHeader(rec.status)
		}
		_, _ = w.Write(rec.body)
	}))
}

// serveCached answers r with e as render would.
func serveCached(w http.ResponseWriter, r *http.Request, e *cachedPage) {
	h := w.Header()
	h.Set("Content-Type", e.contentType)
	h.Set("ETag", e.etag)
	h.Set("Last-Modified", e.rendered.Format(http.TimeFormat))
	h.Set("Cache-Control", "no-cache")
	if notModified(r, e) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(e.body)
	}
}

// notModified applies the conditional headers to a cached page:
// If-None-Match when sent, else If-Modified-Since (RFC 9110, 13.2.2).
func notModified(r *http.Request, e *cachedPage) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return etagMatches(inm, e.etag)
	}
	since, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !e.rendered.After(since)
}

// recorder keeps a response in memory; its header is the real one.
type recorder struct {
	header http.Header
	status int
	body   []byte
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	r.body = append(r.body, b...)
	return len(b), nil
}
