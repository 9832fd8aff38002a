package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

func txFilm(title, slug string) catalog.Film {
	return catalog.Film{Title: title, Slug: slug, Status: catalog.FilmAnnounced, CreatedAt: base, UpdatedAt: base}
}

func txCases() []testCase {
	return []testCase{
		{"Ping", func(t *testing.T, e *env) {
			e.ok(e.s.Ping(e.ctx), "Ping")
		}},
		{"Commit", func(t *testing.T, e *env) {
			var fid, pid int64
			e.ok(e.s.WithTx(e.ctx, func(q catalog.Queries) error {
				f := txFilm("In Tx", "in-tx")
				if err := q.CreateFilm(e.ctx, &f); err != nil {
					return err
				}
				// The transaction sees its own writes.
				if got, err := q.GetFilm(e.ctx, f.ID); err != nil || got.Title != "In Tx" {
					return fmt.Errorf("GetFilm inside the transaction = %q, %v", got.Title, err)
				}
				p := catalog.Person{Name: "Tx Person", SortName: "Person, Tx", Slug: "tx-person", CreatedAt: base, UpdatedAt: base}
				if err := q.CreatePerson(e.ctx, &p); err != nil {
					return err
				}
				c := catalog.Credit{FilmID: f.ID, PersonID: p.ID, Department: catalog.DeptDirecting, Job: "director"}
				if err := q.CreateCredit(e.ctx, &c); err != nil {
					return err
				}
				fid, pid = f.ID, p.ID
				return nil
			}), "WithTx")
			if _, err := e.s.GetFilm(e.ctx, fid); err != nil {
				t.Errorf("film created in a committed transaction: %v", err)
			}
			if _, err := e.s.GetPerson(e.ctx, pid); err != nil {
				t.Errorf("person created in a committed transaction: %v", err)
			}
			credits, err := e.s.ListCredits(e.ctx, catalog.CreditFilter{FilmID: fid})
			e.ok(err, "ListCredits")
			if len(credits) != 1 {
				t.Errorf("%d credits after commit, want 1", len(credits))
			}
		}},
		{"RollbackOnError", func(t *testing.T, e *env) {
			old := e.film(catalog.Film{Title: "Before", Slug: "before"})
			sentinel := errors.New("stop here")
			err := e.s.WithTx(e.ctx, func(q catalog.Queries) error {
				f := txFilm("Rolled Back", "rolled-back")
				if err := q.CreateFilm(e.ctx, &f); err != nil {
					return err
				}
				p := catalog.Person{Name: "Gone Person", SortName: "Person, Gone", Slug: "gone", CreatedAt: base, UpdatedAt: base}
				if err := q.CreatePerson(e.ctx, &p); err != nil {
					return err
				}
				u := old
				u.Title = "Changed"
				if err := q.UpdateFilm(e.ctx, &u); err != nil {
					return err
				}
				if err := q.DeleteFilm(e.ctx, f.ID); err != nil {
					return err
				}
				return sentinel
			})
			if !errors.Is(err, sentinel) {
				t.Errorf("WithTx returned %v, want the error fn returned", err)
			}
			e.same("films after rollback", []string{"Before"}, e.filmTitles(catalog.FilmFilter{}))
			got, err := e.s.GetFilm(e.ctx, old.ID)
			e.ok(err, "GetFilm")
			e.same("updated film after rollback", old, got)
			if n := e.countPeople(); n != 0 {
				t.Errorf("%d people after rollback, want 0", n)
			}
			_, err = e.s.GetFilmBySlug(e.ctx, "rolled-back")
			e.kind(err, catalog.KindNotFound, "GetFilmBySlug(rolled back)")
		}},
		{"RollbackKeepsErrorKind", func(t *testing.T, e *env) {
			e.film(catalog.Film{Title: "Taken", Slug: "taken"})
			err := e.s.WithTx(e.ctx, func(q catalog.Queries) error {
				a := txFilm("First", "first")
				if err := q.CreateFilm(e.ctx, &a); err != nil {
					return err
				}
				b := txFilm("Second", "taken")
				return q.CreateFilm(e.ctx, &b)
			})
			e.kind(err, catalog.KindConflict, "WithTx whose fn hit a slug conflict")
			e.same("films after rollback", []string{"Taken"}, e.filmTitles(catalog.FilmFilter{}))
		}},
		{"RollbackOnPanic", func(t *testing.T, e *env) {
			type boom struct{ msg string }
			var recovered any
			func() {
				defer func() { recovered = recover() }()
				_ = e.s.WithTx(e.ctx, func(q catalog.Queries) error {
					f := txFilm("Panicked", "panicked")
					if err := q.CreateFilm(e.ctx, &f); err != nil {
						return err
					}
					panic(boom{"boom"})
				})
			}()
			if recovered != (boom{"boom"}) {
				t.Errorf("WithTx re-panicked with %#v, want the original panic value", recovered)
			}
			if n := e.countFilms(); n != 0 {
				t.Errorf("%d films after a panic in WithTx, want 0", n)
			}
			// The store is still usable: the connection was not left in a transaction.
			e.film(catalog.Film{Title: "After Panic", Slug: "panicked"})
			e.ok(e.s.WithTx(e.ctx, func(q catalog.Queries) error {
				f := txFilm("After Panic Tx", "after-panic-tx")
				return q.CreateFilm(e.ctx, &f)
			}), "WithTx after a panic")
			e.same("films", []string{"After Panic", "After Panic Tx"}, e.filmTitles(catalog.FilmFilter{}))
		}},
		{"Concurrent", func(t *testing.T, e *env) {
			const workers, each = 4, 25
			var wg sync.WaitGroup
			errs := make(chan error, workers)
			for w := range workers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs <- e.s.WithTx(e.ctx, func(q catalog.Queries) error {
						// Read first, then write: a deferred SQLite transaction
						// that upgrades to a writer is where "database is
						// locked" comes from.
						if _, _, err := q.ListFilms(e.ctx, catalog.FilmFilter{Page: catalog.Page{Limit: 1}}); err != nil {
							return fmt.Errorf("worker %d: ListFilms: %w", w, err)
						}
						for i := range each {
							f := txFilm(fmt.Sprintf("Worker %d Film %02d", w, i), fmt.Sprintf("w%d-f%d", w, i))
							if err := q.CreateFilm(e.ctx, &f); err != nil {
								return fmt.Errorf("worker %d film %d: %w", w, i, err)
							}
						}
						return nil
					})
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Errorf("concurrent WithTx: %v", err)
				}
			}
			if n := e.countFilms(); n != workers*each {
				t.Errorf("%d films after %d concurrent transactions of %d, want %d", n, workers, each, workers*each)
			}
		}},
		{"ConcurrentWithReaders", func(t *testing.T, e *env) {
			// Plain reads and single writes outside WithTx run alongside
			// transactions without failing.
			e.film(catalog.Film{Title: "Seed", Slug: "seed"})
			var wg sync.WaitGroup
			errs := make(chan error, 64)
			for w := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range 10 {
						err := e.s.WithTx(e.ctx, func(q catalog.Queries) error {
							f := txFilm(fmt.Sprintf("Tx %d %d", w, i), fmt.Sprintf("tx-%d-%d", w, i))
							return q.CreateFilm(e.ctx, &f)
						})
						if err != nil {
							errs <- err
						}
					}
				}()
			}
			for r := range 2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range 10 {
						if _, err := e.s.GetFilmBySlug(e.ctx, "seed"); err != nil {
							errs <- fmt.Errorf("reader %d: %w", r, err)
						}
						f := txFilm(fmt.Sprintf("Plain %d %d", r, i), fmt.Sprintf("plain-%d-%d", r, i))
						if err := e.s.CreateFilm(e.ctx, &f); err != nil {
							errs <- fmt.Errorf("writer %d: %w", r, err)
						}
					}
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Errorf("concurrent use: %v", err)
			}
			if n := e.countFilms(); n != 41 {
				t.Errorf("%d films, want 41", n)
			}
		}},
	}
}
