package web

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// Account pages: sign in with a username and password, the account page
// (settings, follows, channels, tokens, feed links, watchlist import),
// notifications and password change.
//
// The session cookie holds a random secret whose SHA-256 hash is the
// session's key in the database. It is HttpOnly, SameSite=Lax (so a
// link from elsewhere still arrives signed in, while cross-site POSTs do
// not carry it) and Secure over TLS; every form post is also checked by
// Go's CrossOriginProtection.
const sessionCookie = "marquee_session"

// registerAccount mounts the account pages.
func (s *Site) registerAccount(mux *http.ServeMux) {
	mux.Handle("GET /account/login", secure(http.HandlerFunc(s.accountLoginForm)))
	mux.Handle("GET /account", secure(s.withUser(s.accountPage)))
	mux.Handle("GET /account/password", secure(s.withUser(s.passwordForm)))
	mux.Handle("GET /account/notifications", secure(s.withUser(s.notificationsPage)))
	cop := http.NewCrossOriginProtection()
	for pattern, h := range map[string]http.Handler{
		"POST /account/login":                   http.HandlerFunc(s.accountLogin),
		"POST /account/logout":                  http.HandlerFunc(s.accountLogout),
		"POST /account/password":                s.withUser(s.changePassword),
		"POST /account/settings":                s.withUser(s.saveSettings),
		"POST /account/follows":                 s.withUser(s.addFollow),
		"POST /account/follows/{id}/delete":     s.withUser(s.removeFollow),
		"POST /account/watchlist":               s.withUser(s.importWatchlist),
		"POST /account/channels":                s.withUser(s.addChannel),
		"POST /account/channels/{id}/delete":    s.withUser(s.removeChannel),
		"POST /account/tokens":                  s.withUser(s.addToken),
		"POST /account/tokens/{id}/revoke":      s.withUser(s.revokeToken),
		"POST /account/feed-token":              s.withUser(s.newFeedToken),
		"POST /account/notifications/{id}/read": s.withUser(s.readNotification),
	} {
		mux.Handle(pattern, secure(cop.Handler(h)))
	}
}

// accountHandler is a page for a signed-in user.
type accountHandler func(w http.ResponseWriter, r *http.Request, u catalog.User)

// withUser runs h with the session's user, or redirects to sign in.
func (s *Site) withUser(h accountHandler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := s.sessionUser(r)
		if err != nil {
			if catalog.KindOf(err) != catalog.KindUnauthorized {
				s.fail(w, r, err)
				return
			}
			next := "/account"
			if r.Method == http.MethodGet {
				next = r.URL.Path
			} else if n := r.PostFormValue("next"); n != "" && safeNext(n) == n {
				next = n // a follow button on a film page comes back to it
			}
			http.Redirect(w, r, "/account/login?next="+url.QueryEscape(next), http.StatusSeeOther)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		h(w, r, u)
	})
}

func (s *Site) sessionUser(r *http.Request) (catalog.User, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" {
		return catalog.User{}, &catalog.Error{Kind: catalog.KindUnauthorized, Message: "sign in first"}
	}
	return s.svc.SessionUser(r.Context(), c.Value)
}

func setSessionCookie(w http.ResponseWriter, r *http.Request, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: value, Path: "/", HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteLaxMode, MaxAge: maxAge})
}

type accountLoginPage struct {
	Next, Username, Error string
}

func safeAccountNext(next string) string {
	if next == "" {
		return "/account"
	}
	return safeNext(next)
}

func (s *Site) accountLoginForm(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, &page{Template: "account_login.html", Title: "Sign in", Nav: "account",
		Data: accountLoginPage{Next: safeAccountNext(r.URL.Query().Get("next"))}})
}

func parseSmallForm(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return catalog.Invalid("form", "the form could not be read")
	}
	return nil
}

func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Site) accountLogin(w http.ResponseWriter, r *http.Request) {
	if err := parseSmallForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	next := safeAccountNext(r.PostForm.Get("next"))
	name := strings.TrimSpace(r.PostForm.Get("username"))
	_, secret, err := s.svc.Login(r.Context(), name, r.PostForm.Get("password"), clientAddr(r))
	if err != nil {
		status, msg := http.StatusUnauthorized, "Wrong username or password."
		switch {
		case app.IsLoginLimited(err):
			status, msg = http.StatusTooManyRequests, "Too many failed sign-ins. Wait a few minutes and try again."
		case catalog.KindOf(err) != catalog.KindUnauthorized:
			s.fail(w, r, err)
			return
		}
		s.render(w, r, &page{Template: "account_login.html", Title: "Sign in", Nav: "account", Status: status,
			Data: accountLoginPage{Next: next, Username: name, Error: msg}})
		return
	}
	setSessionCookie(w, r, secret, int(app.SessionLifetime.Seconds()))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (s *Site) accountLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.svc.Logout(r.Context(), c.Value); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	setSessionCookie(w, r, "", -1)
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// accountView is the data of the account page.
type accountView struct {
	User        catalog.User
	Formats     string // comma-separated, for the settings form
	Follows     []catalog.Follow
	Channels    []catalog.Channel
	Tokens      []catalog.APIToken
	Unread      int
	Message     string // a one-time notice: a new secret, an import report
	Secret      string // a secret shown once
	FeedAtom    string
	FeedICS     string
	Report      *app.WatchlistReport
	Error       string
	FollowKinds []catalog.FollowKind
}

func joinEnums[T ~string](vs []T) string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return strings.Join(out, ", ")
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		out = append(out, p)
	}
	return out
}

func enumsOf[T ~string](s string) []T {
	var out []T
	for _, v := range splitList(s) {
		out = append(out, T(strings.ToLower(v)))
	}
	return out
}

// renderAccount renders the account page with v's notices.
func (s *Site) renderAccount(w http.ResponseWriter, r *http.Request, u catalog.User, v accountView, status int) {
	ctx := r.Context()
	var err error
	v.User, v.Formats, v.FollowKinds = u, joinEnums(u.Settings.Formats), catalog.FollowKinds
	if v.Follows, err = s.svc.Follows(ctx, u.ID); err == nil {
		if v.Channels, err = s.svc.Channels(ctx, u.ID); err == nil {
			if v.Tokens, err = s.svc.PersonalTokens(ctx, u.ID); err == nil {
				var unread []catalog.Notification
				unread, err = s.svc.Notifications(ctx, u.ID, true, catalog.MaxPageLimit)
				v.Unread = len(unread)
			}
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, &page{Template: "account.html", Title: "Your account", Nav: "account", Status: status, Data: v})
}

func (s *Site) accountPage(w http.ResponseWriter, r *http.Request, u catalog.User) {
	s.renderAccount(w, r, u, accountView{}, 0)
}

// formFailed shows a refused form's message on the account page, or the
// error page for failures the user cannot fix.
func (s *Site) formFailed(w http.ResponseWriter, r *http.Request, u catalog.User, err error) {
	switch catalog.KindOf(err) {
	case catalog.KindInvalid, catalog.KindConflict, catalog.KindForbidden, catalog.KindNotFound, catalog.KindTooLarge:
		var ce *catalog.Error
		msg := err.Error()
		if errors.As(err, &ce) {
			msg = ce.Error()
		}
		s.renderAccount(w, r, u, accountView{Error: msg}, http.StatusBadRequest)
	default:
		s.fail(w, r, err)
	}
}

func (s *Site) saveSettings(w http.ResponseWriter, r *http.Request, u catalog.User) {
	if err := parseSmallForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	f := r.PostForm
	st, err := s.svc.UpdateSettings(r.Context(), u.ID, catalog.UserSettings{HomeCountry: f.Get("home_country"), TimeZone: f.Get("time_zone"),
		Formats: enumsOf[catalog.Format](f.Get("formats")), Delivery: f.Get("delivery")})
	if err != nil {
		s.formFailed(w, r, u, err)
		return
	}
	u.Settings = st
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

func (s *Site) addFollow(w http.ResponseWriter, r *http.Request, u catalog.User) {
	if err := parseSmallForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	f := r.PostForm
	_, err := s.svc.Follow(r.Context(), u.ID, app.FollowInput{Kind: catalog.FollowKind(f.Get("kind")), Target: f.Get("target"),
		Types: enumsOf[catalog.ReleaseType](f.Get("types")), Formats: enumsOf[catalog.Format](f.Get("formats")), Countries: splitList(f.Get("countries"))})
	if err != nil && !catalog.IsKind(err, catalog.KindConflict) { // following twice is fine
		s.formFailed(w, r, u, err)
		return
	}
	next := "/account"
	if n := f.Get("next"); n != "" && safeNext(n) == n {
		next = n
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func formID(r *http.Request) int64 {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	return id
}

func (s *Site) removeFollow(w http.ResponseWriter, r *http.Request, u catalog.User) {
	if err := s.svc.Unfollow(r.Context(), u.ID, formID(r)); err != nil {
		s.formFailed(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

func (s *Site) importWatchlist(w http.ResponseWriter, r *http.Request, u catalog.User) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<20)
	file, _, err := r.FormFile("file")
	if err != nil {
		s.formFailed(w, r, u, catalog.Invalid("file", "choose the watchlist.csv file of a Letterboxd export"))
		return
	}
	defer file.Close()
	rep, err := s.svc.ImportLetterboxd(r.Context(), u.ID, file, nil)
	if err != nil {
		s.formFailed(w, r, u, err)
		return
	}
	s.renderAccount(w, r, u, accountView{Report: &rep}, 0)
}

func (s *Site) addChannel(w http.ResponseWriter, r *http.Request, u catalog.User) {
	if err := parseSmallForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.svc.AddChannel(r.Context(), u.ID, r.PostForm.Get("kind"), r.PostForm.Get("target"))
	if err != nil {
		s.formFailed(w, r, u, err)
		return
	}
	if c.Secret != "" {
		s.renderAccount(w, r, u, accountView{Message: "Webhook added. Its signing secret is shown only now:", Secret: c.Secret}, 0)
		return
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

func (s *Site) removeChannel(w http.ResponseWriter, r *http.Request, u catalog.User) {
	if err := s.svc.RemoveChannel(r.Context(), u.ID, formID(r)); err != nil {
		s.formFailed(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

func (s *Site) addToken(w http.ResponseWriter, r *http.Request, u catalog.User) {
	if err := parseSmallForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	nt, err := s.svc.CreatePersonalToken(r.Context(), u, r.PostForm.Get("name"), r.PostForm.Get("scope"))
	if err != nil {
		s.formFailed(w, r, u, err)
		return
	}
	s.renderAccount(w, r, u, accountView{Message: "Token created. It is shown only now; keep it secret:", Secret: nt.Secret}, 0)
}

func (s *Site) revokeToken(w http.ResponseWriter, r *http.Request, u catalog.User) {
	if err := s.svc.RevokePersonalToken(r.Context(), u.ID, formID(r)); err != nil {
		s.formFailed(w, r, u, err)
		return
	}
	http.Redirect(w, r, "/account", http.StatusSeeOther)
}

func (s *Site) newFeedToken(w http.ResponseWriter, r *http.Request, u catalog.User) {
	secret, err := s.svc.NewFeedToken(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u.FeedPrefix = secret[:10]
	s.renderAccount(w, r, u, accountView{Message: "Your personal feeds (read-only; making a new link stops the old one):",
		FeedAtom: "/feeds/me/" + secret + "/releases.atom", FeedICS: "/feeds/me/" + secret + "/calendar.ics"}, 0)
}

type passwordPage struct {
	Error, Done string
}

func (s *Site) passwordForm(w http.ResponseWriter, r *http.Request, u catalog.User) {
	s.render(w, r, &page{Template: "account_password.html", Title: "Change password", Nav: "account", Data: passwordPage{}})
}

func (s *Site) changePassword(w http.ResponseWriter, r *http.Request, u catalog.User) {
	if err := parseSmallForm(w, r); err != nil {
		s.fail(w, r, err)
		return
	}
	f := r.PostForm
	keep := ""
	if c, err := r.Cookie(sessionCookie); err == nil {
		keep = c.Value
	}
	var msg string
	switch {
	case f.Get("new_password") != f.Get("confirm_password"):
		msg = "The new passwords do not match."
	default:
		if err := s.svc.ChangePassword(r.Context(), u.ID, f.Get("current_password"), f.Get("new_password"), keep); err != nil {
			if catalog.KindOf(err) != catalog.KindInvalid {
				s.fail(w, r, err)
				return
			}
			msg = invalidMessage(err)
		}
	}
	if msg != "" {
		s.render(w, r, &page{Template: "account_password.html", Title: "Change password", Nav: "account", Status: http.StatusBadRequest,
			Data: passwordPage{Error: msg}})
		return
	}
	s.render(w, r, &page{Template: "account_password.html", Title: "Change password", Nav: "account",
		Data: passwordPage{Done: "Your password is changed. Your other sessions have been signed out."}})
}

type notificationsPage struct {
	Items []catalog.Notification
}

func (s *Site) notificationsPage(w http.ResponseWriter, r *http.Request, u catalog.User) {
	ns, err := s.svc.Notifications(r.Context(), u.ID, false, 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, &page{Template: "notifications.html", Title: "Notifications", Nav: "account", Data: notificationsPage{Items: ns}})
}

func (s *Site) readNotification(w http.ResponseWriter, r *http.Request, u catalog.User) {
	if err := s.svc.MarkNotificationRead(r.Context(), u.ID, formID(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/notifications", http.StatusSeeOther)
}
