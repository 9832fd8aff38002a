package jobs

import (
	"context"
	"log/slog"
	"time"
)

// DefaultReleaseDayInterval is how often the release-day job runs.
const DefaultReleaseDayInterval = 5 * time.Minute

// ReleaseDayEmitter turns the releases that reached their day into
// events. *app.Service provides it.
type ReleaseDayEmitter interface {
	EmitReleaseDays(ctx context.Context) (int, error)
}

// ReleaseDay runs svc.EmitReleaseDays once now, then every interval
// until ctx ends.
func ReleaseDay(ctx context.Context, svc ReleaseDayEmitter, log *slog.Logger, interval time.Duration) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if interval <= 0 {
		interval = DefaultReleaseDayInterval
	}
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := svc.EmitReleaseDays(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("release-day job failed", "err", err)
		case n > 0:
			log.Info("release-day job emitted events", "events", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
