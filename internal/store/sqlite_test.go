package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

func openTestSQLite(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test.db")
	s, err := Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	return s, path
}

// Every pooled connection carries the same settings.
func TestSQLiteConnectionSettings(t *testing.T) {
	s, _ := openTestSQLite(t)
	ctx := context.Background()
	want := map[string]string{"busy_timeout": "5000", "journal_mode": "wal", "foreign_keys": "1", "synchronous": "1"}
	conns := make([]*sql.Conn, 3)
	for i := range conns {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
		for pragma, w := range want {
			var got string
			if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if strings.ToLower(got) != w {
				t.Errorf("connection %d: PRAGMA %s = %q, want %q", i, pragma, got, w)
			}
		}
	}
}

// A write transaction holds the write lock from BEGIN on, before it
// writes anything: another connection cannot start one meanwhile.
func TestSQLiteTransactionsBeginImmediate(t *testing.T) {
	s, path := openTestSQLite(t)
	ctx := context.Background()
	other, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	err = s.WithTx(ctx, func(catalog.Queries) error {
		_, err := other.ExecContext(ctx, "BEGIN IMMEDIATE")
		if err == nil {
			other.ExecContext(ctx, "ROLLBACK")
			return errors.New("another connection began a write transaction while WithTx was open")
		}
		if !s.d.unavailable(err) {
			return fmt.Errorf("BEGIN IMMEDIATE on another connection: got %v, want SQLITE_BUSY", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Concurrent read-modify-write transactions queue on the busy timeout
// instead of failing, and lose no update.
func TestSQLiteConcurrentWriters(t *testing.T) {
	s, _ := openTestSQLite(t)
	ctx := context.Background()
	f := catalog.Film{Title: "Counter", Status: catalog.FilmAnnounced}
	if err := s.CreateFilm(ctx, &f); err != nil {
		t.Fatal(err)
	}
	const writers, rounds = 4, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range rounds {
				err := s.WithTx(ctx, func(q catalog.Queries) error {
					got, err := q.GetFilm(ctx, f.ID)
					if err != nil {
						return err
					}
					time.Sleep(100 * time.Microsecond) // widen the window between read and write
					got.RuntimeMinutes++
					return q.UpdateFilm(ctx, &got)
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("writer: %v (kind %s)", err, catalog.KindOf(err))
	}
	got, err := s.GetFilm(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.RuntimeMinutes != writers*rounds {
		t.Errorf("counter = %d after %d increments: updates were lost", got.RuntimeMinutes, writers*rounds)
	}
}

func TestOpenRejects(t *testing.T) {
	for _, dsn := range []string{"mysql://localhost/marquee", "marquee.db", "sqlite:", "sqlite::memory:"} {
		if s, err := Open(context.Background(), dsn); err == nil {
			s.Close()
			t.Errorf("Open(%q) succeeded, want an error", dsn)
		}
	}
}

func TestOpenSQLitePathNeedsEscaping(t *testing.T) {
	path := filepath.Join(t.TempDir(), "odd dir?#%", "x.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), "sqlite:"+path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer s.Close()
	if err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("database file not created at %q: %v", path, err)
	}
}
