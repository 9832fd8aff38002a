package jobs_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/jobs"
)

// countingEmitter counts its calls and fails the ones fail says to.
type countingEmitter struct {
	calls atomic.Int64
	fail  func(n int64) bool
}

func (c *countingEmitter) EmitReleaseDays(context.Context) (int, error) {
	n := c.calls.Add(1)
	if c.fail != nil && c.fail(n) {
		return 0, errors.New("store unavailable")
	}
	return 1, nil
}

// ReleaseDay runs at once, then on its interval, keeps going after a
// failed run, and stops with its context.
func TestReleaseDayRunsOnItsIntervalAndStops(t *testing.T) {
	em := &countingEmitter{fail: func(n int64) bool { return n == 2 }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		jobs.ReleaseDay(ctx, em, nil, 5*time.Millisecond)
		close(done)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for em.calls.Load() < 4 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("ReleaseDay did not stop")
	}
	if n := em.calls.Load(); n < 4 {
		t.Errorf("%d runs, want at least 4 (the second failed; the job must go on)", n)
	}
	after := em.calls.Load()
	time.Sleep(20 * time.Millisecond)
	if n := em.calls.Load(); n != after {
		t.Errorf("%d runs after the context ended", n-after)
	}
}

// The first run happens at once, not after the first interval.
func TestReleaseDayRunsAtOnce(t *testing.T) {
	em := &countingEmitter{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		jobs.ReleaseDay(ctx, em, nil, time.Hour)
		close(done)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for em.calls.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
	if em.calls.Load() != 1 {
		t.Errorf("%d runs within an hour-long interval, want 1 (at once)", em.calls.Load())
	}
}
