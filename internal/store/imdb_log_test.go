package store

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// TestIMDbRunLogsSlowStatements: with a logger, a run logs the
// statements that took SlowStatement or longer, on one line and cut
// short, and nothing faster.
func TestIMDbRunLogsSlowStatements(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	r := &IMDbRun{opts: IMDbRunOptions{Log: slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))}}
	long := "INSERT INTO credits (film_id, person_id)\n\t\tSELECT t.film_id,\n\t\tn.person_id FROM imdb_titles t " + strings.Repeat("JOIN x ", 40)
	r.logSlow("SELECT 1", SlowStatement-time.Millisecond)
	r.logSlow(long, 2*time.Second)
	out := buf.String()
	if strings.Count(out, "\n") != 1 {
		t.Fatalf("want one record, got:\n%s", out)
	}
	for _, want := range []string{"elapsed=2s", `sql="INSERT INTO credits (film_id, person_id) SELECT t.film_id, n.person_id FROM imdb_titles t JOIN x`, "…"} {
		if !strings.Contains(out, want) {
			t.Errorf("record lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "SELECT 1") {
		t.Errorf("a fast statement was logged:\n%s", out)
	}
	(&IMDbRun{}).logSlow(long, time.Hour) // no logger: nothing, no panic
}
