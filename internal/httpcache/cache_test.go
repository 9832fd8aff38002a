package httpcache_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/httpcache"
)

// harness is a cache in front of a handler that counts its renders and
// answers with the render number, at a version and time the test sets.
type harness struct {
	version atomic.Uint64
	now     atomic.Int64 // unix nanoseconds
	renders atomic.Int64
	status  atomic.Int64
	cache   *httpcache.Cache
	handler http.Handler
	release chan struct{} // when not nil, renders wait for it
}

func newHarness(t *testing.T, key func(*http.Request) string) *harness {
	t.Helper()
	h := &harness{}
	h.now.Store(time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC).UnixNano())
	h.status.Store(http.StatusOK)
	if key == nil {
		key = func(r *http.Request) string { return r.URL.String() }
	}
	h.cache = httpcache.New(httpcache.Config{
		Key:     key,
		Version: func() (uint64, bool) { return h.version.Load(), true },
		Now:     func() time.Time { return time.Unix(0, h.now.Load()) },
		TTL:     2 * time.Second,
	})
	h.handler = h.cache.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := h.renders.Add(1)
		if h.release != nil {
			<-h.release
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Render", fmt.Sprint(n))
		w.WriteHeader(int(h.status.Load()))
		fmt.Fprintf(w, `{"render":%d,"path":%q}`, n, r.URL.Path)
	}))
	return h
}

func (h *harness) do(t *testing.T, method, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.handler.ServeHTTP(rec, r)
	return rec
}

func TestCacheServesUntilTheVersionChangesOrTheTTLPasses(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	first := h.do(t, "GET", "/films/1")
	if first.Code != 200 || first.Body.String() != `{"render":1,"path":"/films/1"}` {
		t.Fatalf("first answer: %d %s", first.Code, first.Body)
	}
	etag := first.Header().Get("ETag")
	if etag == "" || first.Header().Get("Last-Modified") == "" || first.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("first answer lacks validators: %v", first.Header())
	}
	hit := h.do(t, "GET", "/films/1")
	if hit.Body.String() != first.Body.String() || h.renders.Load() != 1 {
		t.Fatalf("second answer rendered again: %s (renders %d)", hit.Body, h.renders.Load())
	}
	for _, k := range []string{"Content-Type", "X-Render", "ETag", "Last-Modified", "Cache-Control"} {
		if got, want := hit.Header().Get(k), first.Header().Get(k); got != want {
			t.Errorf("cached %s = %q, rendered %q", k, got, want)
		}
	}
	if got := hit.Header().Get("Content-Length"); got != fmt.Sprint(first.Body.Len()) {
		t.Errorf("cached Content-Length = %q, body is %d bytes", got, first.Body.Len())
	}
	if other := h.do(t, "GET", "/films/2"); other.Body.String() != `{"render":2,"path":"/films/2"}` {
		t.Errorf("another key answered %s", other.Body)
	}

	h.version.Add(1) // a write
	if got := h.do(t, "GET", "/films/1").Body.String(); got != `{"render":3,"path":"/films/1"}` {
		t.Errorf("after a write: %s, want a new render", got)
	}
	h.now.Add(int64(1500 * time.Millisecond))
	if got := h.do(t, "GET", "/films/1").Body.String(); got != `{"render":3,"path":"/films/1"}` {
		t.Errorf("1.5 s later: %s, want the cached render", got)
	}
	h.now.Add(int64(time.Second)) // 2.5 s after the render: expired
	if got := h.do(t, "GET", "/films/1").Body.String(); got != `{"render":4,"path":"/films/1"}` {
		t.Errorf("after the TTL: %s, want a new render", got)
	}
}

func TestCacheAnswersConditionalAndHeadRequests(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	first := h.do(t, "GET", "/x")
	etag := first.Header().Get("ETag")
	tests := []struct {
		name   string
		method string
		header []string
		status int
		body   bool
	}{
		{"matching If-None-Match", "GET", []string{"If-None-Match", etag}, http.StatusNotModified, false},
		{"weak matching If-None-Match in a list", "GET", []string{"If-None-Match", `"nope", W/` + etag}, http.StatusNotModified, false},
		{"other If-None-Match", "GET", []string{"If-None-Match", `"nope"`}, http.StatusOK, true},
		{"If-Modified-Since now", "GET", []string{"If-Modified-Since", first.Header().Get("Last-Modified")}, http.StatusNotModified, false},
		{"If-Modified-Since earlier", "GET", []string{"If-Modified-Since", "Mon, 02 Jan 2006 15:04:05 GMT"}, http.StatusOK, true},
		{"If-None-Match wins over If-Modified-Since", "GET", []string{"If-None-Match", `"nope"`, "If-Modified-Since", first.Header().Get("Last-Modified")}, http.StatusOK, true},
		{"HEAD", "HEAD", nil, http.StatusOK, false},
	}
	for _, tc := range tests {
		rec := h.do(t, tc.method, "/x", tc.header...)
		if rec.Code != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, rec.Code, tc.status)
		}
		if got := rec.Body.Len() > 0; got != tc.body {
			t.Errorf("%s: body %q, want a body: %v", tc.name, rec.Body, tc.body)
		}
		if rec.Header().Get("ETag") != etag {
			t.Errorf("%s: ETag %q, want %q", tc.name, rec.Header().Get("ETag"), etag)
		}
	}
	if n := h.renders.Load(); n != 1 {
		t.Errorf("%d renders, want 1", n)
	}
}

func TestCacheStoresOnlyWhatIsSafeToShare(t *testing.T) {
	t.Parallel()
	t.Run("errors", func(t *testing.T) {
		h := newHarness(t, nil)
		h.status.Store(http.StatusNotFound)
		h.do(t, "GET", "/missing")
		if rec := h.do(t, "GET", "/missing"); rec.Code != http.StatusNotFound || h.renders.Load() != 2 || h.cache.Len() != 0 {
			t.Errorf("a 404 was cached: %d, renders %d, entries %d", rec.Code, h.renders.Load(), h.cache.Len())
		}
	})
	t.Run("unkeyed requests", func(t *testing.T) {
		h := newHarness(t, func(r *http.Request) string {
			if r.Header.Get("Cookie") != "" {
				return ""
			}
			return r.URL.Path
		})
		h.do(t, "GET", "/p", "Cookie", "session=a")
		h.do(t, "GET", "/p", "Cookie", "session=b")
		if h.renders.Load() != 2 || h.cache.Len() != 0 {
			t.Errorf("requests without a key were cached: renders %d, entries %d", h.renders.Load(), h.cache.Len())
		}
	})
	t.Run("writes", func(t *testing.T) {
		h := newHarness(t, nil)
		h.do(t, "POST", "/p")
		h.do(t, "POST", "/p")
		if h.renders.Load() != 2 || h.cache.Len() != 0 {
			t.Errorf("POST was cached: renders %d, entries %d", h.renders.Load(), h.cache.Len())
		}
	})
	t.Run("HEAD is not stored", func(t *testing.T) {
		h := newHarness(t, nil)
		h.do(t, "HEAD", "/p")
		if rec := h.do(t, "GET", "/p"); rec.Body.Len() == 0 || h.renders.Load() != 2 {
			t.Errorf("GET after HEAD: body %q, renders %d", rec.Body, h.renders.Load())
		}
	})
	t.Run("outer headers are not replayed twice", func(t *testing.T) {
		h := newHarness(t, nil)
		outer := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Add("X-Frame-Options", "DENY")
			h.handler.ServeHTTP(w, r)
		})
		for i := range 2 {
			rec := httptest.NewRecorder()
			outer.ServeHTTP(rec, httptest.NewRequest("GET", "/p", nil))
			if got := rec.Header().Values("X-Frame-Options"); len(got) != 1 {
				t.Errorf("answer %d: X-Frame-Options %q", i, got)
			}
		}
	})
}

// TestCacheRendersOnceForConcurrentRequests: requests that arrive while
// a response is rendered wait for it instead of rendering it again.
func TestCacheRendersOnceForConcurrentRequests(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.release = make(chan struct{})
	var wg sync.WaitGroup
	bodies := make([]string, 16)
	for i := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			bodies[i] = h.do(t, "GET", "/busy").Body.String()
		}()
	}
	for h.renders.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // let the others queue behind the render
	close(h.release)
	wg.Wait()
	if n := h.renders.Load(); n != 1 {
		t.Errorf("%d renders for %d concurrent requests, want 1", n, len(bodies))
	}
	for i, b := range bodies {
		if b != bodies[0] {
			t.Errorf("answer %d = %q, answer 0 = %q", i, b, bodies[0])
		}
	}
}

func TestCacheEvictsBeyondItsSize(t *testing.T) {
	t.Parallel()
	h := newHarness(t, nil)
	h.cache = httpcache.New(httpcache.Config{
		Key:      func(r *http.Request) string { return r.URL.Path },
		Version:  func() (uint64, bool) { return 0, true },
		Now:      time.Now,
		MaxBytes: 100,
	})
	h.handler = h.cache.Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 40))
	}))
	for i := range 10 {
		h.do(t, "GET", fmt.Sprintf("/%d", i))
	}
	if n := h.cache.Len(); n < 1 || n > 2 {
		t.Errorf("%d entries of 40 bytes under a 100-byte limit", n)
	}
}
