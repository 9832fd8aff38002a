package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/api"
	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/feed"
	"github.com/marquee-film/marquee/internal/web"
)

// Server is Marquee's HTTP server.
type Server struct {
	handler http.Handler
	log     *slog.Logger
}

// Config is what the server needs to know about its deployment.
type Config struct {
	// BaseURL is the public URL of the site ("https://marquee.example"),
	// used in feed links. Empty: taken from each request's Host.
	BaseURL string
}

// New builds the server's handler tree around svc.
func New(cfg Config, svc *app.Service, clock app.Clock, log *slog.Logger) *Server {
	if clock == nil {
		clock = app.SystemClock{}
	}
	var baseURL func(*http.Request) string
	if cfg.BaseURL != "" {
		base := strings.TrimRight(cfg.BaseURL, "/")
		baseURL = func(*http.Request) string { return base }
	}
	metrics := NewMetrics(clock.Now())
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", api.New(svc, log))
	feeds := feed.NewHandler(svc, clock, log, baseURL)
	feeds.Register(mux)
	feeds.RegisterPersonal(mux)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := svc.Store().Ping(ctx); err != nil {
			log.Warn("readiness check failed", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database unavailable\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	mux.Handle("GET /metrics", metrics.Handler(clock.Now))
	web.New(svc, clock, log).Register(mux)
	return &Server{handler: observe(mux, log, metrics, clock.Now), log: log}
}

// Handler returns the root handler, for tests.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve answers requests on l until ctx is cancelled, then stops taking
// new connections and waits up to grace for requests in flight.
func (s *Server) Serve(ctx context.Context, l net.Listener, grace time.Duration) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down", "grace", grace)
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
