package web

import (
	"net/http"

	"github.com/marquee-film/marquee/internal/httpcache"
)

// The page cache keeps rendered catalog pages (see package httpcache): a
// page is cached under its URL and the site's calendar day (pages say what
// is upcoming and mark today), served while the catalog is unchanged and
// for at most httpcache.DefaultTTL after another process's write.
//
// Only anonymous requests are cached: a request with a Cookie or an
// Authorization header always renders afresh, so that a page can never
// carry one reader's state to another.
func newPageCache(s *Site) *httpcache.Cache {
	return httpcache.New(httpcache.Config{
		Key:     s.cacheKey,
		Version: s.svc.CatalogVersion,
		Now:     s.clock.Now,
	})
}

// cacheKey is the key of r's page, or "" when r must not be answered from
// the cache.
func (s *Site) cacheKey(r *http.Request) string {
	if r.Header.Get("Cookie") != "" || r.Header.Get("Authorization") != "" {
		return ""
	}
	return isoDay(s.today()) + " " + r.URL.Path + "?" + r.URL.RawQuery
}

// cachedPage is page with the page cache in front of it.
func (s *Site) cachedPage(fn handlerFunc) http.Handler {
	return secure(s.cache.Handler(s.page(fn)))
}
