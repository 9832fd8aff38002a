package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/jobs"
	"github.com/marquee-film/marquee/internal/store/storetest"
)

// ReleaseDay runs at once, then on its interval, and stops with its context.
func TestReleaseDayStops(t *testing.T) {
	svc := app.New(storetest.NewSQLite(t), nil, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		jobs.ReleaseDay(ctx, svc, nil, 10*time.Millisecond)
		close(done)
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("ReleaseDay did not stop")
	}
}
