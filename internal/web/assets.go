package web

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/marquee-film/marquee/internal/httpcache"
)

// asset is one embedded static file.
type asset struct {
	name, hashed string // "site.css", "site.3f2a9c1d0b7e.css"
	body         []byte
	etag         string
	ctype        string
}

// assets are the embedded static files, addressable by plain name (short
// cache, ETag) or by a name with their content hash (cached for a year).
type assets struct {
	byName map[string]*asset // both plain and hashed names
	plain  map[string]*asset
}

func loadAssets() *assets {
	a := &assets{byName: map[string]*asset{}, plain: map[string]*asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		name := path.Base(p)
		sum := sha256.Sum256(body)
		h := hex.EncodeToString(sum[:6])
		ext := path.Ext(name)
		x := &asset{
			name:   name,
			hashed: strings.TrimSuffix(name, ext) + "." + h + ext,
			body:   body,
			etag:   `"` + h + `"`,
			ctype:  mime.TypeByExtension(ext),
		}
		if ext == ".svg" {
			x.ctype = "image/svg+xml"
		}
		a.byName[x.name], a.byName[x.hashed], a.plain[name] = x, x, x
		return nil
	})
	if err != nil {
		panic(err)
	}
	return a
}

// url returns the content-hashed URL of a static file.
func (a *assets) url(name string) string {
	x, ok := a.plain[name]
	if !ok {
		panic("web: no static file " + name)
	}
	return "/static/" + x.hashed
}

// serve answers GET /static/{file}.
func (a *assets) serve(w http.ResponseWriter, r *http.Request) {
	a.serveFile(w, r, r.PathValue("file"))
}

// favicon answers GET /favicon.ico, which browsers ask for on their own,
// with the site's icon.
func (a *assets) favicon(w http.ResponseWriter, r *http.Request) { a.serveFile(w, r, "icon.svg") }

func (a *assets) serveFile(w http.ResponseWriter, r *http.Request, file string) {
	x, ok := a.byName[file]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	if file == x.hashed {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	h.Set("ETag", x.etag)
	h.Set("Content-Type", x.ctype)
	if httpcache.ETagMatches(r.Header.Get("If-None-Match"), x.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	if r.Method != http.MethodHead {
		_, _ = w.Write(x.body)
	}
}
