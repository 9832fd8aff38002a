package httpcache

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Config says how a Cache is keyed and how long its entries live.
type Config struct {
	// Key returns the cache key of r, or "" when r must not be answered
	// from the cache (and its response must not be stored). Only GET and
	// HEAD requests are ever looked up, whatever Key says.
	Key func(r *http.Request) string
	// Version returns the catalog's current version; ok false means
	// nothing may be cached.
	Version func() (version uint64, ok bool)
	// Now tells the time (an injected clock).
	Now func() time.Time
	// TTL bounds the age of an entry: how long a write by another process
	// can go unseen. Zero means DefaultTTL.
	TTL time.Duration
	// MaxBytes bounds all entries' bodies together, MaxEntryBytes one
	// body. Zero means the defaults.
	MaxBytes, MaxEntryBytes int
}

// Defaults of Config.
const (
	DefaultTTL           = 2 * time.Second
	DefaultMaxBytes      = 64 << 20
	DefaultMaxEntryBytes = 4 << 20
)

// Cache is a response cache. It is safe for concurrent use.
//
// Only 200 responses to GET are stored. Concurrent requests for a response
// that is being rendered wait for that render instead of repeating it;
// when an entry has only expired (the catalog has not changed), one
// request renders it again and the others are answered from the expired
// entry meanwhile. A response without an ETag is given one, the hash of
// its body, so that clients can revalidate with If-None-Match.
type Cache struct {
	cfg Config

	mu      sync.Mutex
	entries map[string]*entry
	fills   map[string]*fill
	bytes   int
}

type entry struct {
	version  uint64
	rendered time.Time // sent as Last-Modified: the content is unchanged since
	expires  time.Time
	header   http.Header // the response's own headers, as rendered
	etag     string
	body     []byte
}

// fill is a render in progress that other requests for the same key can
// wait for.
type fill struct {
	version uint64
	done    chan struct{}
	entry   *entry // nil when the render gave nothing to cache
}

// New returns an empty cache.
func New(cfg Config) *Cache {
	if cfg.TTL <= 0 {
		cfg.TTL = DefaultTTL
	}
	if cfg.MaxBytes <= 0 {
		cfg.MaxBytes = DefaultMaxBytes
	}
	if cfg.MaxEntryBytes <= 0 {
		cfg.MaxEntryBytes = DefaultMaxEntryBytes
	}
	return &Cache{cfg: cfg, entries: map[string]*entry{}, fills: map[string]*fill{}}
}

// Len is the number of stored entries.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

// Handler is next with the cache in front of it. Headers that next sets
// are stored with the body and sent again with every answer from the
// cache; headers set before Handler runs (by outer middleware) are not
// stored and are set by that middleware on every request anyway.
func (c *Cache) Handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		version, ok := c.cfg.Version()
		key := c.cfg.Key(r)
		if !ok || key == "" {
			next.ServeHTTP(w, r)
			return
		}
		now := c.cfg.Now()
		e, wait, lead := c.lookup(key, version, now)
		if wait != nil {
			select {
			case <-wait.done:
				e = wait.entry
			case <-r.Context().Done():
				return
			}
		}
		if e != nil {
			serve(w, r, e)
			return
		}
		if lead == nil { // the render waited for gave nothing to cache
			next.ServeHTTP(w, r)
			return
		}
		var stored *entry
		defer func() { c.finish(key, lead, stored) }() // also on a panic
		before := w.Header().Clone()
		rec := &recorder{header: w.Header()}
		next.ServeHTTP(rec, r)
		if rec.status == http.StatusOK && r.Method == http.MethodGet && len(rec.body) <= c.cfg.MaxEntryBytes &&
			rec.header.Get("Set-Cookie") == "" && !strings.Contains(rec.header.Get("Cache-Control"), "no-store") {
			stored = &entry{version: version, rendered: now.UTC().Truncate(time.Second), expires: now.Add(c.cfg.TTL),
				header: ownHeaders(before, rec.header), body: rec.body}
			stored.etag = rec.header.Get("ETag")
			if stored.etag == "" {
				stored.etag = bodyETag(rec.body)
				stored.header.Set("ETag", stored.etag)
				w.Header().Set("ETag", stored.etag)
			}
			if rec.header.Get("Cache-Control") == "" {
				stored.header.Set("Cache-Control", "no-cache")
				w.Header().Set("Cache-Control", "no-cache")
			}
			w.Header().Set("Last-Modified", stored.rendered.Format(http.TimeFormat))
		}
		if rec.status != 0 {
			w.WriteHeader(rec.status)
		}
		_, _ = w.Write(rec.body)
	})
}

// lookup returns the current entry for key; or a render of it in progress
// to wait for; or, when neither exists, a new fill that the caller must
// finish.
func (c *Cache) lookup(key string, version uint64, now time.Time) (e *entry, wait, lead *fill) {
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
	f = &fill{version: version, done: make(chan struct{})}
	c.fills[key] = f
	return nil, nil, f
}

// finish completes f with e (nil: nothing to cache) and wakes its waiters.
func (c *Cache) finish(key string, f *fill, e *entry) {
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
			if c.bytes <= c.cfg.MaxBytes {
				break
			}
			if k != key {
				c.remove(k, x)
			}
		}
	}
	c.mu.Unlock()
	f.entry = e
	close(f.done)
}

func (c *Cache) remove(key string, e *entry) {
	delete(c.entries, key)
	c.bytes -= len(e.body)
}

// ownHeaders returns the headers of after that the handler set: those
// not in before, or changed from it.
func ownHeaders(before, after http.Header) http.Header {
	own := http.Header{}
	for k, v := range after {
		if b, ok := before[k]; ok && slices.Equal(b, v) {
			continue
		}
		own[k] = append([]string(nil), v...)
	}
	return own
}

// bodyETag is a strong ETag derived from the body.
func bodyETag(body []byte) string {
	sum := sha256.Sum256(body)
	return `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
}

// serve answers r with e as the handler would.
func serve(w http.ResponseWriter, r *http.Request, e *entry) {
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	h.Set("Last-Modified", e.rendered.Format(http.TimeFormat))
	if notModified(r, e) {
		h.Del("Content-Type")
		h.Del("Content-Length")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Length", strconv.Itoa(len(e.body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(e.body)
	}
}

// notModified applies the conditional headers to a cached response:
// If-None-Match when sent, else If-Modified-Since (RFC 9110, 13.2.2).
func notModified(r *http.Request, e *entry) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return ETagMatches(inm, e.etag)
	}
	since, err := http.ParseTime(r.Header.Get("If-Modified-Since"))
	return err == nil && !e.rendered.After(since)
}

// ETagMatches reports whether an If-None-Match header value matches etag
// (weak comparison, RFC 9110, 13.1.2).
func ETagMatches(header, etag string) bool {
	for _, v := range strings.Split(header, ",") {
		v = strings.TrimPrefix(strings.TrimSpace(v), "W/")
		if v == strings.TrimPrefix(etag, "W/") || v == "*" {
			return true
		}
	}
	return false
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
