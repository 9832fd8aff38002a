package notify_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/marquee-film/marquee/internal/store"
)

// The security cases of the issue, through the running server.
func TestAccountSecurity(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "marquee.db")
	st, err := store.Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	w := newWorld(t, st)
	const password = "correct horse battery"
	ana, anaTok := w.user("ana")
	_, bobTok := w.user("bob")
	_ = ana

	// Signing in through the page sets a session cookie with the right flags.
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	form := func(c *http.Client, path string, v url.Values, hdr map[string]string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", w.web.URL+path, strings.NewReader(v.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, x := range hdr {
			req.Header.Set(k, x)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	resp := form(browser, "/account/login", url.Values{"username": {"ana"}, "password": {password}}, nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in: %d", resp.StatusCode)
	}
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "marquee_session" {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || !strings.HasPrefix(session.Value, "mqs_") {
		t.Fatalf("session cookie %+v", session)
	}
	page, err := browser.Get(w.web.URL + "/account")
	if err != nil || page.StatusCode != 200 {
		t.Fatalf("account page: %v %v", page.StatusCode, err)
	}
	page.Body.Close()

	for _, path := range []string{"/account/notifications", "/account/password"} {
		if r, err := browser.Get(w.web.URL + path); err != nil || r.StatusCode != 200 {
			t.Errorf("GET %s: %v %v", path, r.StatusCode, err)
		} else {
			r.Body.Close()
		}
	}
	if r, _ := http.DefaultClient.Get(w.web.URL + "/account/login"); r.StatusCode != 200 {
		t.Errorf("login page: %d", r.StatusCode)
	}

	// A cross-site form post is refused, even with the session cookie.
	resp = form(browser, "/account/follows", url.Values{"kind": {"film"}, "target": {"red-rocket-2021"}}, map[string]string{"Sec-Fetch-Site": "cross-site"})
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("cross-site form post: %d, want 403", resp.StatusCode)
	}
	resp = form(browser, "/account/follows", url.Values{"kind": {"film"}, "target": {"red-rocket-2021"}, "formats": {"bluray"}}, map[string]string{"Sec-Fetch-Site": "same-origin"})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("same-site follow: %d", resp.StatusCode)
	}

	// Another user's follows are not reachable by ID.
	var mine struct{ Items []struct{ ID int64 } }
	w.call("GET", "/api/v1/me/follows", anaTok, nil, 200, &mine)
	if len(mine.Items) != 1 {
		t.Fatalf("ana's follows: %+v", mine)
	}
	id := mine.Items[0].ID
	w.call("DELETE", fmt.Sprintf("/api/v1/me/follows/%d", id), bobTok, nil, 404, nil)
	w.call("PUT", fmt.Sprintf("/api/v1/me/follows/%d", id), bobTok, map[string]any{"formats": []string{"dvd"}}, 404, nil)
	var bobs struct{ Items []struct{ ID int64 } }
	w.call("GET", "/api/v1/me/follows", bobTok, nil, 200, &bobs)
	if len(bobs.Items) != 0 {
		t.Errorf("bob sees %+v", bobs.Items)
	}
	resp = form(browser, fmt.Sprintf("/account/follows/%d/delete", id+1000), nil, map[string]string{"Sec-Fetch-Site": "same-origin"})
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("deleting a follow that is not yours: %d", resp.StatusCode)
	}

	// Read tokens read; they may not write. A revoked token is refused at once.
	var readTok struct {
		ID     int64  `json:"id"`
		Secret string `json:"secret"`
	}
	w.call("POST", "/api/v1/me/tokens", anaTok, map[string]any{"name": "phone", "scope": "read"}, 201, &readTok)
	w.call("POST", "/api/v1/me/tokens", anaTok, map[string]any{"name": "root", "scope": "admin"}, 403, nil)
	w.call("GET", "/api/v1/me/follows", readTok.Secret, nil, 200, nil)
	w.call("POST", "/api/v1/me/follows", readTok.Secret, map[string]any{"kind": "person", "target": "sean-baker"}, 403, nil)
	w.call("POST", "/api/v1/films", readTok.Secret, map[string]any{"title": "X", "year": 2020}, 403, nil)
	w.call("DELETE", fmt.Sprintf("/api/v1/me/tokens/%d", readTok.ID), bobTok, nil, 404, nil)
	w.call("DELETE", fmt.Sprintf("/api/v1/me/tokens/%d", readTok.ID), anaTok, nil, 204, nil)
	w.call("GET", "/api/v1/me/follows", readTok.Secret, nil, 401, nil)
	// The server's own (admin) tokens belong to no user.
	w.call("GET", "/api/v1/me", w.admin, nil, 403, nil)

	// A feed token, made on the page.
	var feedSecret string
	{
		req, _ := http.NewRequest("POST", w.web.URL+"/account/feed-token", nil)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := browser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		i := bytes.Index(body, []byte("/feeds/me/mqf_"))
		if i < 0 {
			t.Fatalf("no feed link on the page:\n%s", body)
		}
		feedSecret = strings.Split(string(body[i+len("/feeds/me/"):]), "/")[0]
	}
	w.get("/feeds/me/"+feedSecret+"/releases.atom", 200)

	// Password change: the old password stops working, other sessions end.
	resp = form(browser, "/account/password", url.Values{"current_password": {password}, "new_password": {"a new long password"}, "confirm_password": {"a new long password"}},
		map[string]string{"Sec-Fetch-Site": "same-origin"})
	if resp.StatusCode != 200 {
		t.Errorf("password change: %d", resp.StatusCode)
	}

	// Rate limiting: five failures, then even the right password is refused.
	other := &http.Client{CheckRedirect: browser.CheckRedirect}
	for i := 0; i < 5; i++ {
		if r := form(other, "/account/login", url.Values{"username": {"bob"}, "password": {"not it at all"}}, nil); r.StatusCode != 401 {
			t.Fatalf("failed sign-in %d: %d", i, r.StatusCode)
		}
	}
	if r := form(other, "/account/login", url.Values{"username": {"bob"}, "password": {password}}, nil); r.StatusCode != http.StatusTooManyRequests {
		t.Errorf("sign-in after five failures: %d, want 429", r.StatusCode)
	}

	// Sign out ends the session in the database.
	resp = form(browser, "/account/logout", nil, map[string]string{"Sec-Fetch-Site": "same-origin"})
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("sign out: %d", resp.StatusCode)
	}
	req, _ := http.NewRequest("GET", w.web.URL+"/account", nil)
	req.AddCookie(session)
	if r, _ := other.Do(req); r.StatusCode != http.StatusSeeOther {
		t.Errorf("the old session cookie still works after sign-out: %d", r.StatusCode)
	}

	// No password, token, session or feed secret is stored in clear.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	var raw []byte
	for _, suffix := range []string{"", "-wal"} {
		b, _ := os.ReadFile(path + suffix)
		raw = append(raw, b...)
	}
	for what, secret := range map[string]string{"password": password, "new password": "a new long password", "ana's token": anaTok,
		"bob's token": bobTok, "read token": readTok.Secret, "admin token": w.admin, "session": session.Value, "feed token": feedSecret} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the %s is stored in clear", what)
		}
	}
}
