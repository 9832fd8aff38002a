package notify_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/notify"
)

// fakeDeliveries hands out its jobs once and records every outcome: the
// dispatcher's rules need no database.
type fakeDeliveries struct {
	mu       sync.Mutex
	now      time.Time
	jobs     []catalog.DeliveryJob
	claimed  bool
	finished map[int64]outcome
	digests  map[int64]string // delivery ID → digest title
}

type outcome struct {
	Status string
	Next   time.Time
	Err    string
}

func (f *fakeDeliveries) RouteEvents(context.Context) (int, error) { return 0, nil }

func (f *fakeDeliveries) ClaimDeliveries(context.Context, time.Duration, int) ([]catalog.DeliveryJob, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.claimed {
		return nil, nil
	}
	f.claimed = true
	return f.jobs, nil
}

func (f *fakeDeliveries) DigestOf(_ context.Context, j catalog.DeliveryJob) (string, string, bool, error) {
	if t, ok := f.digests[j.Delivery.ID]; ok {
		return t, "all of today", true, nil
	}
	return "", "", false, nil
}

func (f *fakeDeliveries) FinishDelivery(_ context.Context, id int64, status string, next time.Time, lastErr string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.finished[id] = outcome{status, next, lastErr}
	return nil
}

func (f *fakeDeliveries) Now() time.Time { return f.now }

// scriptedNotifier answers each send by the message's idempotency key.
type scriptedNotifier struct {
	kind    string
	answers map[string]error
	sent    []notify.Message
}

func (n *scriptedNotifier) Kind() string { return n.kind }

func (n *scriptedNotifier) Send(_ context.Context, m notify.Message) error {
	n.sent = append(n.sent, m)
	return n.answers[m.IdempotencyKey]
}

// Each outcome of a send is recorded as the rules say: delivered; a
// transient failure retried after the backoff for its attempt, and so is
// a channel kind this server is not configured for (its administrator
// may configure it); a permanent failure and a failure past the give-up
// age failed for good. A digest user's delivery sends the digest, and
// links are absolute.
func TestDispatcherRecordsEachOutcome(t *testing.T) {
	now := time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)
	job := func(id int64, kind string, attempts int, age time.Duration) catalog.DeliveryJob {
		key := "d" + string(rune('0'+id))
		return catalog.DeliveryJob{
			Delivery:     catalog.Delivery{ID: id, IdempotencyKey: key, Attempts: attempts, CreatedAt: now.Add(-age)},
			Channel:      catalog.Channel{ID: id, Kind: kind, Enabled: true},
			Notification: catalog.Notification{Title: "Crane Lake is out today", URL: "/films/crane-lake"},
			User:         catalog.User{Username: "ada"},
		}
	}
	fake := &fakeDeliveries{now: now, finished: map[int64]outcome{}, digests: map[int64]string{5: "Today on Marquee"},
		jobs: []catalog.DeliveryJob{
			job(1, "webhook", 1, time.Minute),  // delivered
			job(2, "webhook", 3, time.Hour),    // transient, retried
			job(3, "webhook", 1, time.Minute),  // permanent
			job(4, "webhook", 9, 25*time.Hour), // transient but too old
			job(5, "webhook", 1, time.Minute),  // a digest, delivered
			job(6, "pigeon", 1, time.Minute),   // no notifier for the kind
		}}
	hook := &scriptedNotifier{kind: "webhook", answers: map[string]error{
		"d2": errors.New("503 from the receiver"),
		"d3": notify.Permanent(errors.New("410 gone")),
		"d4": errors.New("timeout"),
	}}
	reg := notify.NewRegistry()
	reg.Register(hook)
	d := notify.NewDispatcher(fake, reg, nil, "https://marquee.example/")
	sent, err := d.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if sent != 2 {
		t.Errorf("RunOnce sent %d, want 2", sent)
	}
	want := map[int64]outcome{
		1: {catalog.DeliveryDelivered, now, ""},
		2: {catalog.DeliveryPending, now.Add(notify.Backoff(3)), "503 from the receiver"},
		3: {catalog.DeliveryFailed, now.Add(notify.Backoff(1)), "410 gone"},
		4: {catalog.DeliveryFailed, now.Add(notify.Backoff(9)), "timeout"},
		5: {catalog.DeliveryDelivered, now, ""},
		6: {catalog.DeliveryPending, now.Add(notify.Backoff(1)), "pigeon delivery is not configured on this server"},
	}
	if diff := cmp.Diff(want, fake.finished); diff != "" {
		t.Errorf("outcomes (-want +got):\n%s", diff)
	}
	byKey := map[string]notify.Message{}
	for _, m := range hook.sent {
		byKey[m.IdempotencyKey] = m
	}
	if m := byKey["d1"]; m.URL != "https://marquee.example/films/crane-lake" || m.Title != "Crane Lake is out today" || m.Username != "ada" {
		t.Errorf("message d1 = %+v", m)
	}
	if m := byKey["d5"]; m.Event != "digest" || m.Title != "Today on Marquee" || m.URL != "https://marquee.example/account/notifications" {
		t.Errorf("digest message d5 = %+v", m)
	}
}

// Backoff doubles from the first retry and stops at the maximum wait.
func TestBackoffDoublesUpToTheMaximum(t *testing.T) {
	for attempt, want := range map[int]time.Duration{
		1: notify.FirstRetry, 2: 2 * notify.FirstRetry, 3: 4 * notify.FirstRetry, 50: notify.MaxRetryWait,
	} {
		if got := notify.Backoff(attempt); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", attempt, got, want)
		}
	}
}
