package server

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

func newTestServer(t *testing.T) http.Handler {
	t.Helper()
	clock := fixedClock{time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)}
	svc := app.New(storetest.NewSQLite(t), clock, nil)
	return New(Config{}, svc, clock, slog.New(slog.DiscardHandler)).Handler()
}

func get(t *testing.T, h http.Handler, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

func TestEndpointsAreMounted(t *testing.T) {
	h := newTestServer(t)
	tests := []struct {
		path        string
		status      int
		contentType string
		body        string
	}{
		{"/healthz", 200, "text/plain", "ok"},
		{"/readyz", 200, "text/plain", "ready"},
		{"/", 200, "text/html", "Marquee"},
		{"/api/v1/films", 200, "application/json", `"items"`},
		{"/api/v1/films/no-such-film", 404, "application/json", `"not_found"`},
		{"/calendar.ics", 200, "text/calendar", "BEGIN:VCALENDAR"},
		{"/feeds/releases.atom", 200, "application/atom+xml", "<feed"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := get(t, h, tt.path)
			if rec.Code != tt.status {
				t.Fatalf("status = %d, want %d; body %s", rec.Code, tt.status, rec.Body)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, tt.contentType) {
				t.Errorf("Content-Type = %q, want %s", ct, tt.contentType)
			}
			if !strings.Contains(rec.Body.String(), tt.body) {
				t.Errorf("body does not contain %q: %.300s", tt.body, rec.Body)
			}
			if rec.Header().Get("X-Request-Id") == "" || rec.Header().Get("X-Content-Type-Options") != "nosniff" {
				t.Errorf("missing request ID or nosniff: %v", rec.Header())
			}
		})
	}
}

func TestMetricsCountRequestsByRoute(t *testing.T) {
	h := newTestServer(t)
	get(t, h, "/healthz")
	get(t, h, "/healthz")
	get(t, h, "/api/v1/films/nope")
	body := get(t, h, "/metrics").Body.String()
	for _, want := range []string{
		`marquee_http_requests_total{method="GET",route="GET /healthz",code="200"} 2`,
		`code="404"} 1`,
		`marquee_http_request_duration_seconds_count{route="GET /healthz"} 2`,
		"# TYPE marquee_http_request_duration_seconds histogram",
		"marquee_goroutines ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %q:\n%s", want, body)
		}
	}
}

func TestReadyzFailsWhenTheDatabaseIsGone(t *testing.T) {
	st := storetest.NewSQLite(t)
	svc := app.New(st, nil, nil)
	h := New(Config{}, svc, nil, slog.New(slog.DiscardHandler)).Handler()
	st.Close()
	if rec := get(t, h, "/readyz"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("readyz with a closed database = %d, want 503", rec.Code)
	}
}

func TestObserveRecoversPanics(t *testing.T) {
	var logs strings.Builder
	log := slog.New(slog.NewTextHandler(&logs, nil))
	m := NewMetrics(time.Now())
	h := observe(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }), log, m, time.Now)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
	if rec.Code != http.StatusInternalServerError {
		t.Errorf("status = %d, want 500", rec.Code)
	}
	if !strings.Contains(logs.String(), "boom") {
		t.Errorf("panic not logged: %s", logs.String())
	}
	var out strings.Builder
	m.WriteTo(&out, time.Now())
	if !strings.Contains(out.String(), `route="unmatched",code="500"} 1`) {
		t.Errorf("panic not counted:\n%s", out.String())
	}
}

func TestServeShutsDownGracefully(t *testing.T) {
	svc := app.New(storetest.NewSQLite(t), nil, nil)
	s := New(Config{}, svc, nil, slog.New(slog.DiscardHandler))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l, 5*time.Second) }()
	resp, err := http.Get("http://" + l.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve returned %v after shutdown", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return after its context was cancelled")
	}
}
