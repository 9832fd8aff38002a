package storetest

import (
	"context"
	"database/sql"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

// A pooled schema comes to the next test empty, with its sequences
// restarted, and without what a test added to it.
func TestPooledSchemaComesBackEmpty(t *testing.T) {
	SkipWithoutPostgres(t)
	ctx := context.Background()
	var firstID int64
	t.Run("first", func(t *testing.T) {
		dsn := leasePooledSchema(t)
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
		dsn := leasePooledSchema(t)
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
