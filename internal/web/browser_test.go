package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// cspProbe records Content-Security-Policy violations in the page. The
// browser runs it before any page script, through DevTools, so the page's
// own CSP does not block it.
const cspProbe = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});`

// browserSession drives one headless Chromium tab against the site and
// collects everything that would show in its console.
type browserSession struct {
	t   *testing.T
	ctx context.Context
	url string
	dir string // screenshots

	mu       sync.Mutex
	problems []string // console errors and warnings, exceptions, browser log errors
	dialogs  []string
}

func chromiumPath(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	t.Skip("browser test skipped: no chromium on PATH (install Debian's chromium package to run it)")
	return ""
}

func screenshotDir(t *testing.T) string {
	dir := os.Getenv("MARQUEE_SCREENSHOT_DIR")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "marquee-screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func newBrowserSession(t *testing.T, handler http.Handler) *browserSession {
	t.Helper()
	exe := chromiumPath(t)
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	b := &browserSession{t: t, url: srv.URL, dir: screenshotDir(t)}
	ctx, cancelCtx := chromedp.NewContext(allocCtx, chromedp.WithListener(b.listen))
	// The whole browser session, start-up included, gets a hard limit.
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	b.ctx = ctx

	if err := chromedp.Do(ctx); err != nil { // start the browser and open the tab
		t.Fatalf("start chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe}); err != nil {
		t.Fatalf("install CSP probe: %v", err)
	}
	go b.dismissDialogs()
	return b
}

// listen runs in the tab's event loop: it only records.
func (b *browserSession) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, fmt.Sprintf("%v%s", a.Value, a.Description))
			}
			b.problems = append(b.problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		b.problems = append(b.problems, "exception: "+ev.ExceptionDetails.Text)
	case *log.EventEntryAdded:
		if e := ev.Entry; e != nil && (e.Level == log.EntryLevelError || e.Level == log.EntryLevelWarning) {
			b.problems = append(b.problems, fmt.Sprintf("log %s/%s: %s %s", e.Source, e.Level, e.Text, e.URL))
		}
	case *page.EventJavascriptDialogOpening:
		b.dialogs = append(b.dialogs, string(ev.Type)+": "+ev.Message)
	}
}

// dismissDialogs closes any JavaScript dialog, so that a dialog fails the
// test instead of hanging it.
func (b *browserSession) dismissDialogs() {
	for _, err := range chromedp.Events(b.ctx, page.JavascriptDialogOpening) {
		if err != nil {
			return
		}
		_, _ = chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
	}
}

// takeProblems returns and clears what the console collected, plus the
// CSP violations the current page recorded.
func (b *browserSession) takeProblems() []string {
	b.t.Helper()
	violations, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`window.__cspViolations || []`))
	if err != nil {
		b.t.Fatalf("read CSP violations: %v", err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	out := b.problems
	b.problems = nil
	for _, v := range violations {
		out = append(out, "CSP violation: "+v)
	}
	return out
}

func (b *browserSession) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// navigate loads a path and waits for the page's main landmark.
func (b *browserSession) navigate(path string) {
	b.t.Helper()
	b.do("navigate "+path, chromedp.Navigate(b.url+path), chromedp.WaitReady(chromedp.CSS("main#main")))
}

// follow clicks an element and waits for the page it leads to.
func (b *browserSession) follow(what string, click chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.WaitEvent(page.LoadEventFired, nil, click)); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	b.do(what, chromedp.WaitReady(chromedp.CSS("main#main")))
}

func (b *browserSession) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.Join(strings.Fields(s), " ")
}

func (b *browserSession) location() string {
	b.t.Helper()
	loc, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.t.Fatal(err)
	}
	return strings.TrimPrefix(loc, b.url)
}

// screenshot saves the whole page, up to maxHeight CSS pixels of it, as
// name.png.
func (b *browserSession) screenshot(name string, width, maxHeight int64) {
	b.t.Helper()
	height, err := chromedp.Run(b.ctx, chromedp.Evaluate[int64](`Math.ceil(document.documentElement.scrollHeight)`))
	if err != nil {
		b.t.Fatal(err)
	}
	height = min(max(height, 600), maxHeight)
	b.do("resize for "+name, chromedp.EmulateViewport(width, height))
	png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	b.do("reset viewport", chromedp.EmulateViewport(width, 900))
	path := filepath.Join(b.dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}

func (b *browserSession) expectText(what, sel string, wants ...string) {
	b.t.Helper()
	got := b.text(sel)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			b.t.Errorf("%s: %s lacks %q", what, sel, w)
		}
	}
}

func (b *browserSession) expectClean(what string) {
	b.t.Helper()
	for _, p := range b.takeProblems() {
		b.t.Errorf("%s: %s", what, p)
	}
}

// TestBrowser drives the whole site in headless Chromium: the home page,
// a film with its commentaries, the calendar's form, search and the
// edition comparison, with no console errors and no CSP violations, and
// a hostile film title that must not open a dialog.
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	f := newFixture(t)
	mux := fullSite(f.svc, fixedClock{today})
	// A page that breaks the policy on purpose, to prove the probe works.
	mux.HandleFunc("GET /test/csp-probe", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>probe</title><main id="main"><p style="color:red">x</p><script>window.ran=1</script></main>`)
	})
	b := newBrowserSession(t, mux)
	start := time.Now()

	// The probe notices a violation, so a clean page really is clean.
	b.navigate("/test/csp-probe")
	if probs := b.takeProblems(); len(probs) == 0 {
		t.Error("CSP probe: an inline script and style caused no reported problem; the console checks below would miss violations")
	}

	// Home.
	b.navigate("/")
	b.expectText("home", "main", "Upcoming releases", "This week", "Audition", "Coming up", "day not announced", "Recently announced")
	b.screenshot("home", 1280, 6000)
	b.expectClean("home")

	// From the film list to Red Rocket.
	b.follow("open films", chromedp.Click(chromedp.CSS(`.main-nav a[href="/films"]`)))
	b.follow("open Red Rocket", chromedp.Click(chromedp.CSS(`a[href="/films/red-rocket-2021"]`)))
	if loc := b.location(); loc != "/films/red-rocket-2021" {
		t.Fatalf("at %s, want Red Rocket", loc)
	}
	b.expectText("film", "#film-title", "Red Rocket")
	b.expectText("film", `section[aria-labelledby="editions"]`,
		"Audio commentary with Sean Baker, Drew Daniels and Simon Rex",
		"Sean Baker (writer-director)", "Drew Daniels (cinematographer)", "Simon Rex (lead actor)",
		"Audio commentary with film critic Kat Ellinger", "Kat Ellinger (film critic)")
	b.expectText("film", "main", "Cannes 2021", "Palme d'Or", "Lionsgate", "15 Mar 2022")
	// A sources disclosure opens with the keyboard.
	b.do("open sources", chromedp.Focus(chromedp.CSS(".film-info details.sources summary")), chromedp.KeyEvent("\r"))
	if open, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`document.querySelector('.film-info details.sources').open`)); err != nil || !open {
		t.Errorf("the film's sources disclosure did not open with Enter (%v)", err)
	}
	b.screenshot("film", 1280, 6000)
	b.expectClean("film")

	// The calendar's form: switch to March 2022 and find the release.
	b.follow("open calendar", chromedp.Click(chromedp.CSS(`.main-nav a[href="/calendar"]`)))
	b.do("pick March 2022", chromedp.SetValue(chromedp.ID("f-month"), "2022-03"))
	b.follow("submit calendar", chromedp.Click(chromedp.CSS(`.filters button[type=submit]`)))
	if loc := b.location(); !strings.Contains(loc, "month=2022-03") {
		t.Errorf("calendar form went to %s", loc)
	}
	b.expectText("calendar", "h1", "March 2022")
	b.expectText("calendar", ".month-grid", "Red Rocket", "15")
	b.screenshot("calendar", 1280, 6000)
	b.expectClean("calendar")
	// The same month as a list, through the view link.
	b.follow("list view", chromedp.Click(chromedp.CSS(`.view-links a`)))
	b.expectText("calendar list", "main", "Tuesday 15 March", "Red Rocket")
	b.expectClean("calendar list")

	// Search "florida" from the header and reach the film.
	b.do("type search", chromedp.SendKeys(chromedp.ID("site-q"), "florida"))
	b.follow("submit search", chromedp.Submit(chromedp.ID("site-q")))
	b.expectText("search", "main", "The Florida Project")
	b.follow("open result", chromedp.Click(chromedp.CSS(`a[href="/films/the-florida-project-2017"]`)))
	b.expectText("florida", "#film-title", "The Florida Project")
	b.expectClean("florida")

	// The edition comparison.
	b.follow("compare editions", chromedp.Click(chromedp.CSS(`.film-actions a[href$="/editions"]`)))
	b.expectText("compare", "main", "Compare editions", "Blu-ray + Digital", "DVD", "Formats", "Price", "Included")
	b.screenshot("editions", 1280, 6000)
	b.expectClean("editions")
	b.navigate("/films/tangerine-2015/editions")
	b.screenshot("editions-tangerine", 1280, 6000)
	b.expectClean("tangerine editions")

	// The other pages, for the record.
	for _, p := range []struct{ name, path, want string }{
		{"person", "/people/sean-baker", "Filmography"},
		{"label", "/labels/criterion", "The Criterion Collection"},
		{"festival", "/festivals/cannes/2021", "Cannes 2021"},
		{"search", "/search?q=red", "Red Rocket"},
		{"not-found", "/films/nope", "Page not found"},
	} {
		b.navigate(p.path)
		b.expectText(p.name, "main", p.want)
		b.screenshot(p.name, 1280, 3000)
		for _, prob := range b.takeProblems() {
			// The 404 page's own status is logged by the browser, as it should be.
			if p.name != "not-found" || !strings.Contains(prob, "404 (Not Found)") {
				t.Errorf("%s: %s", p.name, prob)
			}
		}
	}

	// Sign in with an API token and add release news through the form.
	nt, err := f.svc.CreateToken(context.Background(), "browser")
	if err != nil {
		t.Fatal(err)
	}
	b.follow("open ingest", chromedp.Click(chromedp.CSS(`.main-nav a[href="/ingest"]`)))
	if loc := b.location(); !strings.HasPrefix(loc, "/login") {
		t.Fatalf("signed-out ingest went to %s, want the sign-in page", loc)
	}
	b.do("type token", chromedp.SendKeys(chromedp.ID("token"), nt.Secret))
	b.follow("sign in", chromedp.Submit(chromedp.ID("token")))
	b.expectText("ingest form", "main", "Add release news")
	b.do("paste article", chromedp.SetValue(chromedp.ID("text"), ingestArticle))
	b.follow("read article", chromedp.Submit(chromedp.ID("text")))
	b.expectText("ingest review", "main", "Proposed changes", "add the film \"Paper Lanterns\"", "<script>alert('article')</script>")
	b.screenshot("ingest-review", 1280, 4000)
	b.expectClean("ingest review")
	b.follow("apply", chromedp.Click(chromedp.CSS(`.change-list + .actions button[type=submit]`)))
	b.expectText("ingest applied", "main", "were applied", "Paper Lanterns")
	b.expectClean("ingest applied")

	// Phones: the calendar grid becomes a list of days.
	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	b.navigate("/")
	b.screenshot("home-phone", 390, 1800)
	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	b.navigate("/calendar?month=2022-03")
	b.screenshot("calendar-phone", 390, 1800)
	b.do("phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	b.navigate("/films/red-rocket-2021")
	b.screenshot("film-phone", 390, 1800)
	b.expectClean("phone")

	// A hostile title opens no dialog and shows as text.
	b.navigate("/films/hostile")
	b.expectText("hostile", "#film-title", hostileTitle)
	title, err := chromedp.Run(b.ctx, chromedp.Title())
	if err != nil || !strings.Contains(title, hostileTitle) {
		t.Errorf("hostile page title = %q (%v)", title, err)
	}
	b.navigate("/search?q=script")
	b.navigate("/")
	b.do("let any dialog open", chromedp.Sleep(200*time.Millisecond))
	b.mu.Lock()
	if len(b.dialogs) > 0 {
		t.Errorf("JavaScript dialogs opened: %q", b.dialogs)
	}
	b.mu.Unlock()
	b.expectClean("hostile")
	t.Logf("browser steps took %s", time.Since(start).Round(time.Millisecond))
}
