package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestFollowButtonsFollowAndComeBack(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	u, err := f.svc.CreateUser(ctx, "cinephile", "a long enough password", false)
	if err != nil {
		t.Fatal(err)
	}
	_, session, err := f.svc.Login(ctx, "cinephile", "a long enough password", "test")
	if err != nil {
		t.Fatal(err)
	}
	page := f.get(t, "/films/red-rocket-2021")
	if !strings.Contains(page.body, `action="/account/follows"`) || !strings.Contains(page.body, `name="target" value="red-rocket-2021"`) {
		t.Fatal("the film page has no follow form")
	}
	for _, c := range []struct{ kind, target, next string }{
		{"film", "red-rocket-2021", "/films/red-rocket-2021"},
		{"person", "sean-baker", "/people/sean-baker"},
		{"label", "lionsgate", "/labels/lionsgate"},
	} {
		if p := f.get(t, c.next); !strings.Contains(p.body, `name="kind" value="`+c.kind+`"`) {
			t.Errorf("%s has no follow form", c.next)
		}
		post := func(signedIn bool) *httptest.ResponseRecorder {
			form := url.Values{"kind": {c.kind}, "target": {c.target}, "next": {c.next}}
			req := httptest.NewRequest("POST", "/account/follows", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			if signedIn {
				req.AddCookie(&http.Cookie{Name: "marquee_session", Value: session})
			}
			rec := httptest.NewRecorder()
			f.handler.ServeHTTP(rec, req)
			return rec
		}
		if rec := post(false); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/account/login?next="+url.QueryEscape(c.next) {
			t.Errorf("signed out: %d %q", rec.Code, rec.Header().Get("Location"))
		}
		for range 2 { // following twice is not an error
			if rec := post(true); rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != c.next {
				t.Errorf("signed in: %d %q %s", rec.Code, rec.Header().Get("Location"), rec.Body)
			}
		}
	}
	follows, err := f.svc.Follows(ctx, u.ID)
	if err != nil || len(follows) != 3 {
		t.Errorf("follows = %+v (%v), want 3", follows, err)
	}
}
