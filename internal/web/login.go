package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// tokenCookie holds the API token of a signed-in editor. It is HttpOnly
// (no script can read it), SameSite=Strict (no other site's request
// carries it) and Secure when the site is served over TLS.
const tokenCookie = "marquee_token"

type loginPage struct {
	Next  string
	Error string
}

// editor returns the API token of the signed-in editor, or an
// unauthorized error.
func (s *Site) editor(r *http.Request) (catalog.APIToken, error) {
	c, err := r.Cookie(tokenCookie)
	if err != nil || c.Value == "" {
		return catalog.APIToken{}, &catalog.Error{Kind: catalog.KindUnauthorized, Message: "sign in first"}
	}
	tok, err := s.svc.Authenticate(r.Context(), c.Value)
	if err == nil && !catalog.ScopeAllows(tok.Scope, catalog.ScopeWrite) {
		return tok, &catalog.Error{Kind: catalog.KindUnauthorized, Message: "this API token may only read"}
	}
	return tok, err
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if next == "" || err != nil || u.IsAbs() || u.Host != "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") {
		return "/ingest"
	}
	return next
}

// requireEditor redirects to the login page unless an editor is signed in.
func (s *Site) requireEditor(w http.ResponseWriter, r *http.Request) (catalog.APIToken, bool) {
	tok, err := s.editor(r)
	if err == nil {
		return tok, true
	}
	if catalog.KindOf(err) != catalog.KindUnauthorized {
		s.fail(w, r, err)
		return tok, false
	}
	next := r.URL.Path
	if r.Method != http.MethodGet {
		next = "/ingest"
	}
	http.Redirect(w, r, "/login?next="+url.QueryEscape(next), http.StatusSeeOther)
	return tok, false
}

// loginForm answers GET /login.
func (s *Site) loginForm(r *http.Request) (*page, error) {
	return &page{Template: "login.html", Title: "Sign in", Data: loginPage{Next: safeNext(r.URL.Query().Get("next"))}}, nil
}

// login answers POST /login: it checks the API token and keeps it in the
// token cookie.
func (s *Site) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, catalog.Invalid("form", "the form could not be read"))
		return
	}
	next := safeNext(r.PostForm.Get("next"))
	token := strings.TrimSpace(r.PostForm.Get("token"))
	tok, err := s.svc.Authenticate(r.Context(), token)
	if err == nil && !catalog.ScopeAllows(tok.Scope, catalog.ScopeWrite) {
		err = &catalog.Error{Kind: catalog.KindUnauthorized, Message: "read-only token"}
	}
	if err != nil {
		if catalog.KindOf(err) != catalog.KindUnauthorized {
			s.fail(w, r, err)
			return
		}
		s.render(w, r, &page{Template: "login.html", Title: "Sign in", Status: http.StatusUnauthorized,
			Data: loginPage{Next: next, Error: "That token is not valid, or it has been revoked."}})
		return
	}
	http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode, MaxAge: 30 * 24 * 3600})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout answers POST /logout.
func (s *Site) logout(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: tokenCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode, MaxAge: -1})
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// signedIn reports whether the request carries a valid editor token, for
// showing the sign-out button.
func (s *Site) signedIn(ctx context.Context, r *http.Request) bool {
	c, err := r.Cookie(tokenCookie)
	if err != nil || c.Value == "" {
		return false
	}
	_, err = s.svc.Authenticate(ctx, c.Value)
	return err == nil
}
