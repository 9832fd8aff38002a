package notify_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"golang.org/x/crypto/bcrypt"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/demo"
	"github.com/marquee-film/marquee/internal/notify"
	"github.com/marquee-film/marquee/internal/server"
	"github.com/marquee-film/marquee/internal/store"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// receiver is a webhook endpoint that verifies every request.
type receiver struct {
	t      *testing.T
	clock  *clock
	mu     sync.Mutex
	secret string
	got    []notify.WebhookPayload
	keys   map[string]int
	delay  time.Duration
	srv    *httptest.Server
}

func newReceiver(t *testing.T, c *clock) *receiver {
	r := &receiver{t: t, clock: c, keys: map[string]int{}}
	r.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, _ := io.ReadAll(req.Body)
		time.Sleep(r.delay)
		r.mu.Lock()
		defer r.mu.Unlock()
		p, err := notify.VerifyWebhook(r.secret, req.Header, body, time.Now(), 5*time.Minute)
		if err != nil {
			t.Errorf("webhook does not verify: %v", err)
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.got = append(r.got, p)
		r.keys[p.ID]++
		w.WriteHeader(http.StatusNoContent)
	}))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *receiver) received() []notify.WebhookPayload {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]notify.WebhookPayload(nil), r.got...)
}

// mailbox is an in-process SMTP server.
type mailbox struct {
	mu   sync.Mutex
	msgs [][]byte
	rcpt []string
	addr string
}

type mailSession struct{ box *mailbox }

func (s *mailSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *mailSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	s.box.rcpt = append(s.box.rcpt, to)
	return nil
}
func (s *mailSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.box.mu.Lock()
	defer s.box.mu.Unlock()
	s.box.msgs = append(s.box.msgs, b)
	return err
}
func (s *mailSession) Reset()        {}
func (s *mailSession) Logout() error { return nil }

func newMailbox(t *testing.T) *mailbox {
	box := &mailbox{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &mailSession{box}, nil }))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	box.addr = l.Addr().String()
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return box
}

func (b *mailbox) messages() [][]byte {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([][]byte(nil), b.msgs...)
}

// world is one end-to-end test's running Marquee.
type world struct {
	t      *testing.T
	ctx    context.Context
	clock  *clock
	svc    *app.Service
	reg    *notify.Registry
	web    *httptest.Server
	admin  string // admin API token
	hook   *receiver
	mail   *mailbox
	smtpOK bool
}

func newWorld(t *testing.T, st catalog.Store) *world {
	ctx := context.Background()
	c := &clock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
	w := &world{t: t, ctx: ctx, clock: c, hook: newReceiver(t, c), mail: newMailbox(t)}
	w.reg = notify.NewRegistry(notify.AllowPrivateTargets(true)) // the receivers listen on 127.0.0.1
	w.reg.Register(notify.NewWebhook(w.reg, nil))
	host, port, _ := net.SplitHostPort(w.mail.addr)
	var p int
	fmt.Sscan(port, &p)
	w.reg.Register(notify.NewEmail(notify.SMTPConfig{Host: host, Port: p, From: "Marquee <alerts@marquee.test>", TLS: "none"}, nil))
	w.svc = app.New(st, c, nil, app.WithPasswordCost(bcrypt.MinCost), app.WithChannelCheck(w.reg.Check))
	b, err := demo.Bundle()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.LoadBundle(ctx, b); err != nil {
		t.Fatal(err)
	}
	nt, err := w.svc.CreateToken(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	w.admin = nt.Secret
	w.web = httptest.NewServer(server.New(server.Config{}, w.svc, c, slog.New(slog.DiscardHandler)).Handler())
	t.Cleanup(w.web.Close)
	return w
}

// user makes a user with a write token.
func (w *world) user(name string) (catalog.User, string) {
	u, err := w.svc.CreateUser(w.ctx, name, "correct horse battery", false)
	if err != nil {
		w.t.Fatal(err)
	}
	nt, err := w.svc.CreatePersonalToken(w.ctx, u, "cli", catalog.ScopeWrite)
	if err != nil {
		w.t.Fatal(err)
	}
	return u, nt.Secret
}

// call sends a JSON request with a bearer token and decodes the answer.
func (w *world) call(method, path, token string, body any, want int, out any) {
	w.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, w.web.URL+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		w.t.Fatalf("%s %s: %d, want %d: %s", method, path, resp.StatusCode, want, data)
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			w.t.Fatalf("%s %s: %v: %s", method, path, err, data)
		}
	}
}

type idOnly struct {
	ID     int64  `json:"id"`
	Secret string `json:"secret"`
}

// release adds a release with one edition through the API.
func (w *world) release(country, typ, date string, formats ...string) int64 {
	var rel idOnly
	w.call("POST", "/api/v1/films/red-rocket-2021/releases", w.admin, map[string]any{"country": country, "type": typ, "date": date}, 201, &rel)
	if len(formats) > 0 {
		w.call("POST", fmt.Sprintf("/api/v1/releases/%d/editions", rel.ID), w.admin, map[string]any{"formats": formats}, 201, nil)
	}
	return rel.ID
}

func (w *world) dispatch(d *notify.Dispatcher) int {
	w.t.Helper()
	n, err := d.RunOnce(w.ctx)
	if err != nil {
		w.t.Fatalf("RunOnce: %v", err)
	}
	return n
}

// The scenario of the issue: a user follows Red Rocket for Blu-ray in
// GB; a GB Blu-ray release added through the API gives exactly one
// signed webhook, one email and an entry in the personal Atom feed;
// releases in other countries or formats alert nobody.
func TestEndToEnd(t *testing.T) {
	for name, open := range storetest.Openers() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, open(t))
			_, anaTok := w.user("ana")
			_, bobTok := w.user("bob")

			w.call("POST", "/api/v1/me/follows", anaTok, map[string]any{"kind": "film", "target": "red-rocket-2021", "formats": []string{"bluray"}, "countries": []string{"GB"}}, 201, nil)
			w.call("POST", "/api/v1/me/follows", anaTok, map[string]any{"kind": "film", "target": "red-rocket-2021"}, 409, nil) // duplicate
			w.call("POST", "/api/v1/me/follows", bobTok, map[string]any{"kind": "film", "target": "red-rocket-2021", "formats": []string{"uhd4k"}, "countries": []string{"US"}}, 201, nil)
			w.call("POST", "/api/v1/me/follows", anaTok, map[string]any{"kind": "film", "target": "no-such-film"}, 400, nil)

			var hook idOnly
			w.call("POST", "/api/v1/me/channels", anaTok, map[string]any{"kind": "webhook", "target": w.hook.srv.URL + "/marquee"}, 201, &hook)
			if !strings.HasPrefix(hook.Secret, "whsec_") {
				t.Fatalf("webhook secret %q", hook.Secret)
			}
			w.hook.secret = hook.Secret
			w.call("POST", "/api/v1/me/channels", anaTok, map[string]any{"kind": "email", "target": "ana@example.com"}, 201, nil)

			d := notify.NewDispatcher(w.svc, w.reg, slog.New(slog.NewTextHandler(t.Output(), nil)), "https://marquee.test")
			w.release("US", "physical", "2026-12-14", "bluray") // another country
			w.release("GB", "physical", "2026-12-14", "dvd")    // another format
			w.release("GB", "theatrical", "2026-12-01")         // no format at all
			if n := w.dispatch(d); n != 0 {
				t.Fatalf("%d deliveries for releases nobody asked for", n)
			}
			relID := w.release("GB", "physical", "2026-12-14", "bluray")
			if n := w.dispatch(d); n != 2 {
				t.Fatalf("sent %d deliveries, want 2 (webhook and email)", n)
			}
			if n := w.dispatch(d); n != 0 {
				t.Fatalf("a second run sent %d more", n)
			}

			got := w.hook.received()
			if len(got) != 1 {
				t.Fatalf("webhooks: %+v", got)
			}
			if got[0].Event != "edition_announced" || !strings.Contains(got[0].Title, "Red Rocket") || !strings.Contains(got[0].Title, "Blu-ray") ||
				got[0].URL != "https://marquee.test/films/red-rocket-2021" || got[0].User != "ana" {
				t.Errorf("webhook payload %+v", got[0])
			}

			msgs := w.mail.messages()
			if len(msgs) != 1 {
				t.Fatalf("%d emails, want 1", len(msgs))
			}
			checkEmail(t, msgs[0], "ana@example.com")

			var ns struct{ Items []struct{ Title string } }
			w.call("GET", "/api/v1/me/notifications", anaTok, nil, 200, &ns)
			if len(ns.Items) != 1 {
				t.Errorf("ana's notifications: %+v", ns.Items)
			}
			w.call("GET", "/api/v1/me/notifications", bobTok, nil, 200, &ns)
			if len(ns.Items) != 0 {
				t.Errorf("bob (US 4K) was notified: %+v", ns.Items)
			}

			// The personal Atom feed lists the release, by feed token.
			var feedTok struct {
				Token       string `json:"token"`
				AtomURL     string `json:"atom_url"`
				CalendarURL string `json:"calendar_url"`
			}
			w.call("POST", "/api/v1/me/feed-token", anaTok, nil, 201, &feedTok)
			atom := w.get(feedTok.AtomURL, 200)
			if !strings.Contains(atom, fmt.Sprintf(":release/%d<", relID)) {
				t.Errorf("the personal feed lacks release %d:\n%s", relID, atom)
			}
			if strings.Count(atom, "<entry>") != 1 {
				t.Errorf("the personal feed lists %d entries, want 1 (only GB Blu-ray)", strings.Count(atom, "<entry>"))
			}
			if ics := w.get(feedTok.CalendarURL, 200); !strings.Contains(ics, "BEGIN:VEVENT") {
				t.Errorf("the personal calendar has no event:\n%s", ics)
			}
			// A feed token cannot write, nor read the API.
			w.call("POST", "/api/v1/films", feedTok.Token, map[string]any{"title": "X", "year": 2020}, 401, nil)
			w.call("GET", "/api/v1/me", feedTok.Token, nil, 401, nil)
			w.get("/feeds/me/mqf_nope/releases.atom", 401)
		})
	}
}

func (w *world) get(path string, want int) string {
	w.t.Helper()
	resp, err := http.Get(w.web.URL + path)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		w.t.Fatalf("GET %s: %d, want %d: %s", path, resp.StatusCode, want, b)
	}
	return string(b)
}

// checkEmail checks a message has a plain-text and an HTML part.
func checkEmail(t *testing.T, raw []byte, to string) {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if m.Header.Get("To") != "<"+to+">" || !strings.Contains(m.Header.Get("Subject"), "Red Rocket") || m.Header.Get("X-Marquee-Idempotency-Key") == "" {
		t.Errorf("email headers %v", m.Header)
	}
	mt, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/alternative" {
		t.Fatalf("content type %q", m.Header.Get("Content-Type"))
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	var types []string
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		body, _ := io.ReadAll(p)
		if !strings.Contains(string(body), "Red Rocket") {
			t.Errorf("%s part lacks the film: %s", ct, body)
		}
		types = append(types, ct)
	}
	if strings.Join(types, ",") != "text/plain,text/html" {
		t.Errorf("parts %v, want text/plain and text/html", types)
	}
}

// A dispatcher that dies between sending and acknowledging loses
// nothing: after the lease the delivery is sent again with the same
// idempotency key.
func TestRedeliveryAfterCrash(t *testing.T) {
	for name, open := range storetest.Openers() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, open(t))
			_, tok := w.user("ana")
			w.call("POST", "/api/v1/me/follows", tok, map[string]any{"kind": "film", "target": "red-rocket-2021"}, 201, nil)
			var hook idOnly
			w.call("POST", "/api/v1/me/channels", tok, map[string]any{"kind": "webhook", "target": w.hook.srv.URL}, 201, &hook)
			w.hook.secret = hook.Secret
			w.release("GB", "physical", "2027-01-10")

			crash := errors.New("killed")
			crashing := notify.NewDispatcher(w.svc, w.reg, nil, "", notify.WithAfterSend(func(catalog.DeliveryJob) error { return crash }))
			if _, err := crashing.RunOnce(w.ctx); !errors.Is(err, crash) {
				t.Fatalf("RunOnce: %v", err)
			}
			first := w.hook.received()
			if len(first) != 1 {
				t.Fatalf("first attempt: %+v", first)
			}
			restarted := notify.NewDispatcher(w.svc, w.reg, nil, "")
			if n := w.dispatch(restarted); n != 0 {
				t.Fatalf("sent %d while the dead dispatcher's lease holds", n)
			}
			w.clock.Add(notify.DefaultLease + time.Second)
			if n := w.dispatch(restarted); n != 1 {
				t.Fatalf("after the lease: sent %d, want 1", n)
			}
			if n := w.dispatch(restarted); n != 0 {
				t.Fatalf("after the acknowledgement: sent %d more", n)
			}
			got := w.hook.received()
			if len(got) != 2 || got[0].ID != got[1].ID {
				t.Fatalf("receiver saw %+v; want the same key twice", got)
			}
		})
	}
}

// A failing receiver is retried with backoff, and after a day the
// delivery gives up and shows the failure.
func TestRetryThenGiveUp(t *testing.T) {
	w := newWorld(t, storetest.NewSQLite(t))
	_, tok := w.user("ana")
	w.call("POST", "/api/v1/me/follows", tok, map[string]any{"kind": "film", "target": "red-rocket-2021"}, 201, nil)
	fails := 0
	down := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		fails++
		http.Error(rw, "down", http.StatusServiceUnavailable)
	}))
	defer down.Close()
	w.call("POST", "/api/v1/me/channels", tok, map[string]any{"kind": "webhook", "target": down.URL}, 201, nil)
	w.call("POST", "/api/v1/me/channels", tok, map[string]any{"kind": "email", "target": "ana@example.com"}, 201, nil)
	w.reg.Register(notify.NewEmail(notify.SMTPConfig{Host: "127.0.0.1", Port: 1, From: "a@b.test", TLS: "none", Timeout: time.Second}, nil)) // SMTP down
	w.release("GB", "physical", "2027-01-10")
	d := notify.NewDispatcher(w.svc, w.reg, nil, "")
	for i := 0; i < 40; i++ {
		w.dispatch(d)
		w.clock.Add(notify.MaxRetryWait)
	}
	var ds struct {
		Items []struct {
			Status    string `json:"status"`
			Attempts  int    `json:"attempts"`
			LastError string `json:"last_error"`
		}
	}
	w.call("GET", "/api/v1/me/deliveries", tok, nil, 200, &ds)
	if len(ds.Items) != 2 {
		t.Fatalf("deliveries %+v", ds.Items)
	}
	for _, it := range ds.Items {
		if it.Status != "failed" || it.Attempts < 5 || it.Attempts > 40 || it.LastError == "" {
			t.Errorf("delivery %+v; want failed after several attempts", it)
		}
	}
	var chs struct {
		Items []struct {
			LastError string `json:"last_error"`
		}
	}
	w.call("GET", "/api/v1/me/channels", tok, nil, 200, &chs)
	for _, c := range chs.Items {
		if c.LastError == "" {
			t.Errorf("channel shows no failure: %+v", chs.Items)
		}
	}
	if notify.Backoff(1) != notify.FirstRetry || notify.Backoff(3) != 4*notify.FirstRetry || notify.Backoff(30) != notify.MaxRetryWait {
		t.Errorf("backoff %v %v %v", notify.Backoff(1), notify.Backoff(3), notify.Backoff(30))
	}
}

// Two dispatchers over two connections pools to one PostgreSQL database
// (two `marquee serve` processes) deliver each notification once.
func TestTwoDispatchersDeliverOnce(t *testing.T) {
	dsn := storetest.PostgresSchemaDSN(t)
	open := func() *store.Store {
		st, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		if err := st.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		return st
	}
	w := newWorld(t, open())
	other := app.New(open(), w.clock, nil)
	_, tok := w.user("ana")
	w.call("POST", "/api/v1/me/follows", tok, map[string]any{"kind": "film", "target": "red-rocket-2021"}, 201, nil)
	var hook idOnly
	w.call("POST", "/api/v1/me/channels", tok, map[string]any{"kind": "webhook", "target": w.hook.srv.URL}, 201, &hook)
	w.hook.secret = hook.Secret
	w.hook.delay = 5 * time.Millisecond
	const releases = 30
	for i := range releases {
		w.release("GB", "physical", fmt.Sprintf("2027-02-%02d", i%28+1))
	}
	// Route first, so that both dispatchers find the deliveries due at
	// once and contend for them.
	if _, err := w.svc.RouteEvents(w.ctx); err != nil {
		t.Fatal(err)
	}
	dispatchers := []*notify.Dispatcher{
		notify.NewDispatcher(w.svc, w.reg, nil, "", notify.WithBatch(2)),
		notify.NewDispatcher(other, w.reg, nil, "", notify.WithBatch(2)),
	}
	var wg sync.WaitGroup
	sent := make([]int, len(dispatchers))
	for i, d := range dispatchers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, err := d.RunOnce(w.ctx)
			if err != nil {
				t.Errorf("dispatcher %d: %v", i, err)
			}
			sent[i] = n
		}()
	}
	wg.Wait()
	got := w.hook.received()
	if sent[0] == 0 || sent[1] == 0 {
		t.Logf("one dispatcher did all the work: %v", sent)
	}
	if len(got) != releases || sent[0]+sent[1] != releases {
		t.Errorf("received %d webhooks, dispatchers sent %v; want %d in all", len(got), sent, releases)
	}
	for k, n := range w.hook.keys {
		if n != 1 {
			t.Errorf("key %s delivered %d times", k, n)
		}
	}
	t.Logf("dispatchers sent %v", sent)
}

// An article ingested through the API alerts the same way: a new 4K
// edition of Red Rocket reaches its 4K follower once.
func TestIngestedArticleAlerts(t *testing.T) {
	for name, open := range storetest.Openers() {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			w := newWorld(t, open(t))
			_, tok := w.user("ana")
			w.call("POST", "/api/v1/me/follows", tok, map[string]any{"kind": "film", "target": "red-rocket-2021", "formats": []string{"uhd4k"}}, 201, nil)
			var hook idOnly
			w.call("POST", "/api/v1/me/channels", tok, map[string]any{"kind": "webhook", "target": w.hook.srv.URL}, 201, &hook)
			w.hook.secret = hook.Secret
			var art struct {
				Source  idOnly
				Changes []struct{ ID, Action, Entity, Summary string }
				Notes   []string
			}
			w.call("POST", "/api/v1/articles", w.admin, map[string]any{
				"text": "Second Sight announced today that Sean Baker's Red Rocket (2021) is coming to 4K Ultra HD on 14 December 2026.",
			}, 201, &art)
			w.call("POST", fmt.Sprintf("/api/v1/articles/%d/apply", art.Source.ID), w.admin, map[string]any{}, 200, nil)
			d := notify.NewDispatcher(w.svc, w.reg, nil, "")
			w.dispatch(d)
			got := w.hook.received()
			if len(got) != 1 || got[0].Event != "edition_announced" {
				t.Fatalf("webhooks after ingesting: %+v\nchanges %+v\nnotes %v", got, art.Changes, art.Notes)
			}
			// Applying the same article again changes nothing and alerts nobody.
			w.call("POST", fmt.Sprintf("/api/v1/articles/%d/apply", art.Source.ID), w.admin, map[string]any{}, 200, nil)
			if n := w.dispatch(d); n != 0 {
				t.Errorf("re-applying sent %d", n)
			}
		})
	}
}

// A digest user's alerts wait for 08:00 in their time zone and arrive as
// one message per channel.
func TestDigest(t *testing.T) {
	w := newWorld(t, storetest.NewSQLite(t))
	_, tok := w.user("ana")
	w.call("PUT", "/api/v1/me/settings", tok, map[string]any{"time_zone": "Europe/London", "delivery": "digest"}, 200, nil)
	w.call("POST", "/api/v1/me/follows", tok, map[string]any{"kind": "film", "target": "red-rocket-2021"}, 201, nil)
	var hook idOnly
	w.call("POST", "/api/v1/me/channels", tok, map[string]any{"kind": "webhook", "target": w.hook.srv.URL}, 201, &hook)
	w.hook.secret = hook.Secret
	d := notify.NewDispatcher(w.svc, w.reg, nil, "")
	w.release("GB", "physical", "2027-01-10", "bluray") // 10:00 UTC: a release and an edition
	w.dispatch(d)
	w.clock.Add(time.Hour)
	w.release("FR", "digital", "2027-01-11")
	if n := w.dispatch(d); n != 0 {
		t.Fatalf("a digest user got %d messages before 08:00", n)
	}
	w.clock.Add(21 * time.Hour) // 08:00 the next day in London (UTC in winter)
	if n := w.dispatch(d); n != 1 {
		t.Fatalf("digest: %d messages, want 1", n)
	}
	got := w.hook.received()
	if len(got) != 1 || got[0].Event != "digest" || !strings.Contains(got[0].Title, "3 updates") || strings.Count(got[0].Body, "•") != 3 {
		t.Errorf("digest %+v", got)
	}
	var ns struct{ Items []struct{ ID int64 } }
	w.call("GET", "/api/v1/me/notifications", tok, nil, 200, &ns)
	if len(ns.Items) != 3 {
		t.Errorf("in-app notifications %d, want 3", len(ns.Items))
	}
}

// An idle dispatcher and release-day job read but never write, so they
// do not invalidate caches keyed on the store's write counter.
func TestIdleDispatcherWritesNothing(t *testing.T) {
	w := newWorld(t, storetest.NewSQLite(t))
	_, tok := w.user("ana")
	w.call("POST", "/api/v1/me/follows", tok, map[string]any{"kind": "film", "target": "red-rocket-2021"}, 201, nil)
	d := notify.NewDispatcher(w.svc, w.reg, nil, "")
	w.dispatch(d)
	before, ok := w.svc.CatalogVersion()
	if !ok {
		t.Skip("the store does not count writes")
	}
	for range 3 {
		w.dispatch(d)
		if _, err := w.svc.EmitReleaseDays(w.ctx); err != nil {
			t.Fatal(err)
		}
	}
	if after, _ := w.svc.CatalogVersion(); after != before {
		t.Errorf("idle polling wrote %d transactions", after-before)
	}
}
