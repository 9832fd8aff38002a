package storetest

import (
	"context"
	"database/sql"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

// A pooled schema comes to the next test empty, with its sequences
// restarted, and without what a test added to it, whether DDL is watched
// by event triggers or schemas are fingerprinted.
func TestPooledSchemaComesBackEmpty(t *testing.T) {
	SkipWithoutPostgres(t)
	for _, watch := range []bool{true, false} {
		name := map[bool]string{true: "watched", false: "fingerprinted"}[watch]
		t.Run(name, func(t *testing.T) { testPooledSchemaComesBackEmpty(t, watch) })
	}
}

func testPooledSchemaComesBackEmpty(t *testing.T, watch bool) {
	ctx := context.Background()
	var firstID int64
	t.Run("first", func(t *testing.T) {
		dsn, watched := leaseSchema(t, watch)
		if watched != watch {
			t.Skip("DDL can be watched by a superuser only")
		}
		s := openStore(t, dsn)
		migrate(t, s)
		f := catalog.Film{Title: "Copper Sky", Year: 2021}
		if err := s.CreateFilm(ctx, &f); err != nil {
			t.Fatal(err)
		}
		firstID = f.ID
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.ExecContext(ctx, "CREATE TABLE stray (x int)"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("second", func(t *testing.T) {
		dsn, _ := leaseSchema(t, watch)
		s := openStore(t, dsn)
		migrate(t, s)
		films, _, err := s.ListFilms(ctx, catalog.FilmFilter{})
		if err != nil || len(films) != 0 {
			t.Fatalf("a leased schema holds %d films (%v), want none", len(films), err)
		}
		f := catalog.Film{Title: "Salt Meridian", Year: 2022}
		if err := s.CreateFilm(ctx, &f); err != nil {
			t.Fatal(err)
		}
		if f.ID != firstID {
			t.Errorf("the first film of a leased schema has ID %d, want %d (sequences restarted)", f.ID, firstID)
		}
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var stray sql.NullString
		if err := db.QueryRowContext(ctx, "SELECT to_regclass('stray')::text").Scan(&stray); err != nil {
			t.Fatal(err)
		}
		if stray.Valid {
			t.Errorf("a table another test made is still there: %s", stray.String)
		}
	})
}

// Where DDL is watched, creating or dropping anything in a pooled schema
// clears the mark that it is as migrated; emptying it does not.
func TestWatchedDDLClearsTheMigratedMark(t *testing.T) {
	dsn, watched := leaseSchema(t, true)
	if !watched {
		t.Skip("DDL can be watched by a superuser only")
	}
	ctx := context.Background()
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mark := func() string {
		var c sql.NullString
		if err := db.QueryRowContext(ctx, "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = current_schema()").Scan(&c); err != nil {
			t.Fatal(err)
		}
		return c.String
	}
	reset := func() {
		if _, err := db.ExecContext(ctx, "DO $$ BEGIN EXECUTE format('COMMENT ON SCHEMA %I IS %L', current_schema(), '"+migratedMarker+"'); END $$"); err != nil {
			t.Fatal(err)
		}
	}
	if got := mark(); got != migratedMarker {
		t.Fatalf("a leased schema is marked %q, want %q", got, migratedMarker)
	}
	for _, tc := range []struct {
		stmt  string
		clean bool
	}{
		{"TRUNCATE films CASCADE", true},
		{"CREATE TEMP TABLE scratch (x int)", true},
		{"CREATE INDEX films_year_probe ON films (year)", false},
		{"DROP INDEX films_year_probe", false},
		{"ALTER TABLE films ADD COLUMN probe int", false},
	} {
		reset()
		if _, err := db.ExecContext(ctx, tc.stmt); err != nil {
			t.Fatalf("%s: %v", tc.stmt, err)
		}
		if got := mark() == migratedMarker; got != tc.clean {
			t.Errorf("after %s the schema is marked %q; still as migrated: %v, want %v", tc.stmt, mark(), got, tc.clean)
		}
	}
}
