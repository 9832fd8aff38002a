package notify

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// Delivery timing.
const (
	DefaultLease    = 2 * time.Minute  // how long a claimed delivery is ours
	DefaultInterval = 5 * time.Second  // how often Run looks for work
	FirstRetry      = 30 * time.Second // wait after the first failure, doubled each time
	MaxRetryWait    = time.Hour
	GiveUpAfter     = 24 * time.Hour // since the delivery was created
)

// Deliveries is what the dispatcher needs of the application: routing
// events to deliveries, claiming the due ones, writing a digest's text,
// recording each outcome, and the time. *app.Service provides it.
type Deliveries interface {
	RouteEvents(ctx context.Context) (int, error)
	ClaimDeliveries(ctx context.Context, lease time.Duration, limit int) ([]catalog.DeliveryJob, error)
	DigestOf(ctx context.Context, j catalog.DeliveryJob) (title, body string, ok bool, err error)
	FinishDelivery(ctx context.Context, id int64, status string, next time.Time, lastErr string) error
	Now() time.Time
}

// Dispatcher routes events and sends due deliveries.
type Dispatcher struct {
	svc      Deliveries
	reg      *Registry
	log      *slog.Logger
	baseURL  string
	lease    time.Duration
	interval time.Duration
	batch    int
	// afterSend runs between sending and acknowledging (tests use it to
	// simulate a crash); an error stops the batch unacknowledged.
	afterSend func(catalog.DeliveryJob) error
}

// Option configures a Dispatcher.
type Option func(*Dispatcher)

// WithLease sets how long a claimed delivery stays ours.
func WithLease(d time.Duration) Option { return func(x *Dispatcher) { x.lease = d } }

// WithInterval sets how often Run polls.
func WithInterval(d time.Duration) Option { return func(x *Dispatcher) { x.interval = d } }

// WithBatch sets how many deliveries one claim takes.
func WithBatch(n int) Option { return func(x *Dispatcher) { x.batch = max(1, n) } }

// WithAfterSend sets a hook run after each send and before its
// acknowledgement; returning an error abandons the batch as a crash
// would.
func WithAfterSend(f func(catalog.DeliveryJob) error) Option {
	return func(x *Dispatcher) { x.afterSend = f }
}

// NewDispatcher returns a dispatcher; baseURL makes links absolute.
func NewDispatcher(svc Deliveries, reg *Registry, log *slog.Logger, baseURL string, opts ...Option) *Dispatcher {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	d := &Dispatcher{svc: svc, reg: reg, log: log, baseURL: strings.TrimRight(baseURL, "/"),
		lease: DefaultLease, interval: DefaultInterval, batch: 50}
	for _, o := range opts {
		o(d)
	}
	return d
}

// Run works until ctx ends: route events, send what is due, sleep.
func (d *Dispatcher) Run(ctx context.Context) {
	t := time.NewTicker(d.interval)
	defer t.Stop()
	for {
		if _, err := d.RunOnce(ctx); err != nil && ctx.Err() == nil {
			d.log.Warn("notification dispatch failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunOnce routes every pending event, then sends due deliveries until
// none is left, and returns how many were sent successfully.
func (d *Dispatcher) RunOnce(ctx context.Context) (int, error) {
	for {
		n, err := d.svc.RouteEvents(ctx)
		if err != nil {
			return 0, err
		}
		if n < app.RouteBatch {
			break
		}
	}
	sent := 0
	for {
		jobs, err := d.svc.ClaimDeliveries(ctx, d.lease, d.batch)
		if err != nil || len(jobs) == 0 {
			return sent, err
		}
		for _, j := range jobs {
			ok, err := d.deliver(ctx, j)
			if err != nil {
				return sent, err
			}
			if ok {
				sent++
			}
		}
	}
}

// deliver sends one claimed delivery and records the outcome.
func (d *Dispatcher) deliver(ctx context.Context, j catalog.DeliveryJob) (bool, error) {
	n, ok := d.reg.Get(j.Channel.Kind)
	var err error
	if !ok {
		err = errors.New(j.Channel.Kind + " delivery is not configured on this server")
	} else {
		var m Message
		if m, err = d.message(ctx, j); err != nil {
			return false, err
		}
		sctx, cancel := context.WithTimeout(ctx, d.lease/2)
		err = n.Send(sctx, m)
		cancel()
	}
	if d.afterSend != nil {
		if herr := d.afterSend(j); herr != nil {
			return false, herr
		}
	}
	now := d.svc.Now()
	if err == nil {
		return true, d.svc.FinishDelivery(ctx, j.Delivery.ID, catalog.DeliveryDelivered, now, "")
	}
	status, next := catalog.DeliveryPending, now.Add(Backoff(j.Delivery.Attempts))
	if IsPermanent(err) || next.Sub(j.Delivery.CreatedAt) > GiveUpAfter {
		status = catalog.DeliveryFailed
	}
	d.log.Warn("notification delivery failed", "delivery", j.Delivery.ID, "channel", j.Channel.ID, "kind", j.Channel.Kind,
		"attempt", j.Delivery.Attempts, "gave_up", status == catalog.DeliveryFailed, "err", err)
	return false, d.svc.FinishDelivery(ctx, j.Delivery.ID, status, next, err.Error())
}

// Backoff is the wait after the attempt-th failed attempt.
func Backoff(attempt int) time.Duration {
	w := FirstRetry
	for i := 1; i < attempt && w < MaxRetryWait; i++ {
		w *= 2
	}
	return min(w, MaxRetryWait)
}

// message is what a delivery sends: its notification, or for a digest
// user the day's notifications in one message.
func (d *Dispatcher) message(ctx context.Context, j catalog.DeliveryJob) (Message, error) {
	m := Message{
		IdempotencyKey: j.Delivery.IdempotencyKey, Event: j.Notification.Kind,
		Title: j.Notification.Title, Body: j.Notification.Body, URL: d.baseURL + j.Notification.URL,
		CreatedAt: j.Notification.CreatedAt, Username: j.User.Username, Channel: j.Channel,
	}
	title, body, digest, err := d.svc.DigestOf(ctx, j)
	if err != nil || !digest {
		return m, err
	}
	m.Event, m.Title, m.Body, m.URL = "digest", title, body, d.baseURL+"/account/notifications"
	return m, nil
}
