package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/store/storetest"
	"github.com/marquee-film/marquee/internal/web"
)

// ingestArticle is written for this test; its second paragraph is hostile.
const ingestArticle = `date 2024-01-10
source https://example.com/news/paper-lanterns-blu-ray

Paper Lanterns is coming to Blu-ray and DVD in March from Arrow Video. The drama, written and directed by Ada Moreau, premiered at the 2023 Venice Film Festival.

<script>alert('article')</script> The disc includes an audio commentary with writer-director Ada Moreau.
`

type editorFixture struct {
	svc     *app.Service
	handler http.Handler
	secret  string
}

func newEditorFixture(t *testing.T) *editorFixture {
	t.Helper()
	svc := app.New(storetest.NewSQLite(t), &stepClock{t: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)}, nil)
	nt, err := svc.CreateToken(context.Background(), "editor")
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &editorFixture{svc: svc, handler: web.New(svc, fixedClock{today}, log).Handler(), secret: nt.Secret}
}

// do sends a request as a same-origin browser form post (or GET) with
// the editor's cookie when signedIn.
func (f *editorFixture) do(t *testing.T, method, target string, form url.Values, signedIn bool, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req := httptest.NewRequest(method, target, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
	}
	if signedIn {
		req.AddCookie(&http.Cookie{Name: "marquee_token", Value: f.secret})
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	f.handler.ServeHTTP(rec, req)
	return rec
}

func TestLogin(t *testing.T) {
	f := newEditorFixture(t)
	rec := f.do(t, "GET", "/ingest", nil, false)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/login?next=%2Fingest" {
		t.Fatalf("GET /ingest signed out: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	rec = f.do(t, "POST", "/login", url.Values{"token": {"mqt_wrong"}, "next": {"/ingest"}}, false)
	if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "not valid") || rec.Header().Get("Set-Cookie") != "" {
		t.Errorf("bad token: %d, cookie %q", rec.Code, rec.Header().Get("Set-Cookie"))
	}
	rec = f.do(t, "POST", "/login", url.Values{"token": {f.secret}, "next": {"https://evil.example/"}}, false)
	cookie := rec.Header().Get("Set-Cookie")
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/ingest" {
		t.Errorf("good token: %d to %q (an outside next must not be followed)", rec.Code, rec.Header().Get("Location"))
	}
	for _, want := range []string{"marquee_token=" + f.secret, "HttpOnly", "SameSite=Strict", "Path=/"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("cookie %q lacks %s", cookie, want)
		}
	}
	if rec := f.do(t, "GET", "/ingest", nil, true); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `<textarea id="text" name="text"`) {
		t.Errorf("GET /ingest signed in: %d", rec.Code)
	}
	if rec := f.do(t, "POST", "/logout", url.Values{}, true); rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Set-Cookie"), "Max-Age=0") {
		t.Errorf("logout: %d %q", rec.Code, rec.Header().Get("Set-Cookie"))
	}
}

func TestIngestPageProposesHighlightsAndApplies(t *testing.T) {
	f := newEditorFixture(t)
	rec := f.do(t, "POST", "/ingest", url.Values{"text": {ingestArticle}}, true)
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/ingest/") {
		t.Fatalf("submit: %d %q %s", rec.Code, rec.Header().Get("Location"), rec.Body)
	}
	review := f.do(t, "GET", rec.Header().Get("Location"), nil, true)
	body := review.Body.String()
	if review.Code != http.StatusOK {
		t.Fatalf("review: %d", review.Code)
	}
	for _, want := range []string{
		`<mark title="`, `Paper Lanterns<sup>`, `name="change" value="film:paper-lanterns" checked`,
		`value="release:paper-lanterns:physical"`, `&lt;script&gt;alert(&#39;article&#39;)&lt;/script&gt;`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("review page lacks %s", want)
		}
	}
	if strings.Contains(body, "<script>alert('article')") {
		t.Error("the article's script is not escaped")
	}
	if empty, _ := f.svc.IsEmpty(context.Background()); !empty {
		t.Fatal("reviewing wrote to the catalog")
	}

	applyURL := rec.Header().Get("Location") + "/apply"
	if rec := f.do(t, "POST", applyURL, url.Values{"change": {"film:paper-lanterns"}}, true, "Sec-Fetch-Site", "cross-site"); rec.Code != http.StatusForbidden {
		t.Errorf("cross-site apply: %d, want 403", rec.Code)
	}
	if rec := f.do(t, "POST", applyURL, url.Values{"change": {"film:paper-lanterns"}}, false); rec.Code != http.StatusSeeOther {
		t.Errorf("apply signed out: %d, want a redirect to sign in", rec.Code)
	}
	if empty, _ := f.svc.IsEmpty(context.Background()); !empty {
		t.Fatal("a refused apply wrote to the catalog")
	}
	done := f.do(t, "POST", applyURL, url.Values{"change": {"film:paper-lanterns", "label:arrow-video", "release:paper-lanterns:physical"}}, true)
	if done.Code != http.StatusOK || !strings.Contains(done.Body.String(), "3 changes were applied") || !strings.Contains(done.Body.String(), `href="/films/paper-lanterns"`) {
		t.Fatalf("apply: %d %s", done.Code, visibleText(done.Body.String()))
	}
	d, err := f.svc.FilmDetail(context.Background(), "paper-lanterns")
	if err != nil || len(d.Releases) != 1 || len(d.Credits) != 0 {
		t.Fatalf("after apply: %v, %+v", err, d)
	}
}

func TestIngestPageBadInput(t *testing.T) {
	f := newEditorFixture(t)
	for _, c := range []struct {
		name string
		form url.Values
		want string
	}{
		{"empty", url.Values{"text": {"  "}}, "give the article"},
		{"bad date", url.Values{"text": {"x"}, "published": {"2024-02-30"}}, "full date"},
		{"too large", url.Values{"text": {strings.Repeat("a", 2<<20)}}, "too large"},
	} {
		rec := f.do(t, "POST", "/ingest", c.form, true)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("%s: %d %s", c.name, rec.Code, visibleText(rec.Body.String()))
		}
	}
	if rec := f.do(t, "GET", "/ingest/999", nil, true); rec.Code != http.StatusNotFound {
		t.Errorf("unknown article: %d", rec.Code)
	}
}
