package app

import (
	"context"
	"log/slog"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
)

// Clock tells the time. Production code uses SystemClock; tests inject a
// fixed or stepping clock.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real wall clock.
type SystemClock struct{}

// Now returns the current time in UTC.
func (SystemClock) Now() time.Time { return time.Now().UTC() }

// Service runs the use cases against a store.
type Service struct {
	store     catalog.Store
	clock     Clock
	log       *slog.Logger
	extractor *extract.Extractor
	fetcher   ArticleFetcher // nil: articles can't be fetched by URL
	accounts  *accountState  // password cost, login limits, channel checks (accounts.go)
}

// Option configures a Service.
type Option func(*Service)

// WithFetcher lets SubmitArticle download articles by URL.
func WithFetcher(f ArticleFetcher) Option { return func(s *Service) { s.fetcher = f } }

// New returns a Service. A nil clock means SystemClock; a nil logger
// discards logs.
func New(store catalog.Store, clock Clock, log *slog.Logger, opts ...Option) *Service {
	if clock == nil {
		clock = SystemClock{}
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Service{store: store, clock: clock, log: log, extractor: extract.New(), accounts: newAccountState()}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Store returns the underlying store, for health checks.
func (s *Service) Store() catalog.Store { return s.store }

func (s *Service) now() time.Time { return s.clock.Now().UTC().Truncate(time.Microsecond) }

// Provenance says which source states the facts a write creates or
// changes. Every write use case takes one, so every fact in the catalog
// can show where it came from.
type Provenance struct {
	SourceID   int64
	Span       *catalog.Span
	Confidence float64 // 0 means 1 (certain)
}

func (p Provenance) validate() error {
	if p.SourceID <= 0 {
		return catalog.Invalid("source_id", "every fact needs a source")
	}
	return nil
}

// cite records that p's source states the subject (field "" = the whole
// record, or one field with its value). The claim is preferred: the
// record now holds the value the claim states.
func (s *Service) cite(ctx context.Context, q catalog.Queries, p Provenance, subject catalog.EntityRef, filmID int64, field, value string) error {
	conf := p.Confidence
	if conf == 0 {
		conf = 1
	}
	c := &catalog.Claim{
		SourceID:   p.SourceID,
		Subject:    subject,
		FilmID:     filmID,
		Field:      field,
		Value:      value,
		Span:       p.Span,
		Confidence: conf,
		Preferred:  true,
		CreatedAt:  s.now(),
	}
	return q.AddClaim(ctx, c)
}
