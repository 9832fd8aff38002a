package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/httpcache"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Header values every response of the site carries.
const (
	contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
	referrerPolicy = "strict-origin-when-cross-origin"
)

// Site is the web site: its parsed templates, static assets and the
// services its pages read from.
type Site struct {
	svc    *app.Service
	clock  app.Clock
	log    *slog.Logger
	pages  map[string]*template.Template
	assets *assets
	bufs   sync.Pool // of *bytes.Buffer, for rendering pages
	cache  *httpcache.Cache
}

// New parses every template and hashes the static assets. It panics if an
// embedded template does not parse, which is a bug caught by any test.
// A nil clock means app.SystemClock; a nil logger discards logs.
func New(svc *app.Service, clock app.Clock, log *slog.Logger) *Site {
	if clock == nil {
		clock = app.SystemClock{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Site{svc: svc, clock: clock, log: log, assets: loadAssets()}
	s.cache = newPageCache(s)
	s.pages = parsePages(s.assets)
	return s
}

// Register mounts every page on mux, including the catch-all "/" that
// answers unknown paths with the site's 404 page.
func (s *Site) Register(mux *http.ServeMux) {
	mux.Handle("GET /{$}", s.cachedPage(s.home))
	mux.Handle("GET /calendar", s.cachedPage(s.calendar))
	mux.Handle("GET /films", s.cachedPage(s.films))
	mux.Handle("GET /films/{slug}", s.cachedPage(s.film))
	mux.Handle("GET /films/{slug}/editions", s.cachedPage(s.editions))
	mux.Handle("GET /people/{slug}", s.cachedPage(s.person))
	mux.Handle("GET /labels/{slug}", s.cachedPage(s.label))
	mux.Handle("GET /festivals", s.cachedPage(s.festivals))
	mux.Handle("GET /festivals/{slug}", s.cachedPage(s.festival))
	mux.Handle("GET /festivals/{slug}/{year}", s.cachedPage(s.festivalEdition))
	mux.Handle("GET /search", s.page(s.search))
	mux.Handle("GET /login", s.page(s.loginForm))
	mux.Handle("GET /ingest", secure(http.HandlerFunc(s.ingestForm)))
	mux.Handle("GET /ingest/{id}", secure(http.HandlerFunc(s.review)))
	// Writing forms refuse cross-site requests (Go's CrossOriginProtection
	// checks Sec-Fetch-Site and Origin), on top of the SameSite=Strict
	// token cookie.
	cop := http.NewCrossOriginProtection()
	for pattern, h := range map[string]http.HandlerFunc{
		"POST /login":             s.login,
		"POST /logout":            s.logout,
		"POST /ingest":            s.submitArticle,
		"POST /ingest/{id}/apply": s.apply,
	} {
		mux.Handle(pattern, secure(cop.Handler(h)))
	}
	s.registerAccount(mux)
	mux.Handle("GET /static/{file}", secure(http.HandlerFunc(s.assets.serve)))
	mux.Handle("GET /favicon.ico", secure(http.HandlerFunc(s.assets.favicon)))
	mux.Handle("/", s.page(s.notFound))
}

// Handler returns the site alone on a new mux, for tests and tools.
func (s *Site) Handler() http.Handler {
	mux := http.NewServeMux()
	s.Register(mux)
	return mux
}

// page is what a handler answers: the template to render and its data.
type page struct {
	Template string // file name in templates/, e.g. "film.html"
	Title    string // the <title> prefix; the site name is appended
	Nav      string // which main navigation item is current
	Query    string // the search box's value
	Status   int    // 0 = 200
	Feeds    []feedLink
	// Description is the page's meta description.
	Description string
	Data        any
}

// feedLink is an alternate representation advertised in <head>.
type feedLink struct {
	Type, Title, Href string
}

// layout is the root value every template executes with.
type layout struct {
	*page
	CSS, Icon string
}

type handlerFunc func(r *http.Request) (*page, error)

// secure sets the headers every response of the site carries.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", referrerPolicy)
		next.ServeHTTP(w, r)
	})
}

// page adapts a handler: it renders the page it returns or the error
// page for its error.
func (s *Site) page(fn handlerFunc) http.Handler {
	return secure(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, err := fn(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, p)
	}))
}

// render executes p into a buffer and writes it with an ETag; a request
// whose If-None-Match names that ETag gets 304 and no body.
func (s *Site) render(w http.ResponseWriter, r *http.Request, p *page) {
	t, ok := s.pages[p.Template]
	if !ok {
		s.fail(w, r, errorf("no template %q", p.Template))
		return
	}
	buf, _ := s.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	defer s.bufs.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout", layout{page: p, CSS: s.assets.url("site.css"), Icon: s.assets.url("icon.svg")}); err != nil {
		if p.Template == "error.html" {
			// The error page itself failed: fall back to plain text.
			s.log.Error("render error page", "path", r.URL.Path, "err", err)
			http.Error(w, "Internal server error", http.StatusInternalServerError)
			return
		}
		s.fail(w, r, errorf("render %s: %w", p.Template, err))
		return
	}
	status := p.Status
	if status == 0 {
		status = http.StatusOK
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	if status == http.StatusOK {
		sum := sha256.Sum256(buf.Bytes())
		etag := `"` + hex.EncodeToString(sum[:12]) + `"`
		h.Set("ETag", etag)
		h.Set("Cache-Control", "no-cache")
		if httpcache.ETagMatches(r.Header.Get("If-None-Match"), etag) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else {
		h.Set("Cache-Control", "no-store")
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

// parsePages parses the layout and partials once, then clones them for
// each page template.
func parsePages(a *assets) map[string]*template.Template {
	base := template.Must(template.New("layout").Funcs(funcs).ParseFS(templateFS, "templates/_*.html"))
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		panic(err)
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		file := strings.TrimPrefix(name, "templates/")
		if strings.HasPrefix(file, "_") {
			continue
		}
		t := template.Must(template.Must(base.Clone()).ParseFS(templateFS, name))
		pages[file] = t
	}
	return pages
}

// now returns the site clock's time.
func (s *Site) now() time.Time { return s.clock.Now() }
