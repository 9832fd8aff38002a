package storetest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

// edgeTitles are titles every store must keep byte for byte.
var edgeTitles = []struct {
	name, title string
}{
	{"double quotes", `The "Best" Film`},
	{"single quotes", `It's O'Brien's Film`},
	{"bobby tables", `Robert'); DROP TABLE films;--`},
	{"emoji", "🎬 Popcorn 🍿 Night"},
	{"arabic", "فيلم جميل"},
	{"hebrew and latin", "סרט Film 2"},
	{"japanese", "千と千尋の神隠し"},
	{"backslash and like wildcards", `C:\Temp\100%_done`},
	{"combining accent", "Ame\u0301lie Decomposed"},
	{"zero width joiner", "Family 👨\u200d👩\u200d👧"},
}

func textCases() []testCase {
	return []testCase{
		{"RoundTrip", func(t *testing.T, e *env) {
			for i, c := range edgeTitles {
				in := catalog.Film{
					Slug:          fmt.Sprintf("edge-%d", i),
					Title:         c.title,
					OriginalTitle: c.title + " (original)",
					Synopsis:      c.title + "\n\tsecond line\r\nthird line",
					Tagline:       c.title,
					Genres:        []string{"drama", "ドラマ"},
					Status:        catalog.FilmAnnounced,
					CreatedAt:     base,
					UpdatedAt:     base,
				}
				f := in
				e.ok(e.s.CreateFilm(e.ctx, &f), "CreateFilm(%s)", c.name)
				in.ID = f.ID
				got, err := e.s.GetFilm(e.ctx, f.ID)
				e.ok(err, "GetFilm(%s)", c.name)
				e.same("GetFilm "+c.name, in, got)
				got, err = e.s.GetFilmBySlug(e.ctx, in.Slug)
				e.ok(err, "GetFilmBySlug(%s)", c.name)
				e.same("GetFilmBySlug "+c.name, in, got)
			}
			for _, name := range []string{`Dolores O'Riordan`, `"Weird Al" Yankovic`, "Nguyễn Văn A", "Đặng Thái Sơn"} {
				p := e.person(catalog.Person{Name: name})
				got, err := e.s.GetPerson(e.ctx, p.ID)
				e.ok(err, "GetPerson(%q)", name)
				e.same("GetPerson "+name, p, got)
			}
			if n := e.countFilms(); n != len(edgeTitles) {
				t.Errorf("%d films, want %d (did a title break a statement?)", n, len(edgeTitles))
			}
		}},
		{"Query", func(t *testing.T, e *env) {
			for _, c := range edgeTitles {
				e.film(catalog.Film{Title: c.title})
			}
			e.film(catalog.Film{Title: "1000 Days"})
			e.film(catalog.Film{Title: "abc"})
			for _, c := range []struct {
				q    string
				want []string
			}{
				{`"best"`, []string{`The "Best" Film`}},
				{"o'brien", []string{`It's O'Brien's Film`}},
				{"'", []string{`It's O'Brien's Film`, `Robert'); DROP TABLE films;--`}},
				{"drop table", []string{`Robert'); DROP TABLE films;--`}},
				{"🍿", []string{"🎬 Popcorn 🍿 Night"}},
				{"جميل", []string{"فيلم جميل"}},
				{"סרט", []string{"סרט Film 2"}},
				{"千尋", []string{"千と千尋の神隠し"}},
				// LIKE wildcards in a query are plain characters.
				{"100%", []string{`C:\Temp\100%_done`}},
				{"%", []string{`C:\Temp\100%_done`}},
				{"_", []string{`C:\Temp\100%_done`}},
				{"a_c", nil},
				{`\`, []string{`C:\Temp\100%_done`}},
				{`\t`, []string{`C:\Temp\100%_done`}},
			} {
				e.same(fmt.Sprintf("ListFilms(Query %q)", c.q), c.want, e.filmTitles(catalog.FilmFilter{Query: c.q}))
			}
		}},
		{"LargeText", func(t *testing.T, e *env) {
			// Text up to the validation limits is kept whole; one byte more
			// is refused.
			synopsis := strings.Repeat("é", 10000) // 20000 bytes, the limit
			f := e.film(catalog.Film{Title: "Long", Synopsis: synopsis})
			got, err := e.s.GetFilm(e.ctx, f.ID)
			e.ok(err, "GetFilm")
			if got.Synopsis != synopsis {
				t.Errorf("synopsis of %d bytes came back with %d bytes", len(synopsis), len(got.Synopsis))
			}
			tooLong := catalog.Film{Title: "Too Long", Slug: "too-long", Synopsis: synopsis + "x", Status: catalog.FilmAnnounced, CreatedAt: base, UpdatedAt: base}
			e.kind(e.s.CreateFilm(e.ctx, &tooLong), catalog.KindInvalid, "CreateFilm with a 20001-byte synopsis")

			text := strings.Repeat("Line of article text with ünïcödé — and more.\n", 1<<14) // about 800 KiB
			src := e.source(catalog.Source{Kind: catalog.SourceArticle, Title: "Big", Text: text})
			gotSrc, err := e.s.GetSource(e.ctx, src.ID)
			e.ok(err, "GetSource")
			if gotSrc.Text != text {
				t.Errorf("source text of %d bytes came back with %d bytes", len(text), len(gotSrc.Text))
			}
		}},
		{"UnstorableText", func(t *testing.T, e *env) {
			// NUL bytes and invalid UTF-8 are rejected by every store
			// alike, before anything is written.
			films := func(world) counter { return func(e *env) int { return e.countFilms() } }
			film := func(mod func(*catalog.Film)) func(*env, world) error {
				return func(e *env, w world) error {
					f := catalog.Film{Title: "Valid", Slug: "valid-text", Status: catalog.FilmAnnounced, CreatedAt: base, UpdatedAt: base}
					mod(&f)
					return e.s.CreateFilm(e.ctx, &f)
				}
			}
			runWriteCases(t, e, []catalog.ErrorKind{catalog.KindInvalid}, []writeCase{
				{"title with a NUL byte", film(func(f *catalog.Film) { f.Title = "Bad\x00Title" }), films},
				{"title with invalid UTF-8", film(func(f *catalog.Film) { f.Title = "Bad\xffTitle" }), films},
				{"title with a lone surrogate encoding", film(func(f *catalog.Film) { f.Title = "Bad\xed\xa0\x80Title" }), films},
				{"synopsis with a NUL byte", film(func(f *catalog.Film) { f.Synopsis = "a\x00b" }), films},
				{"genre with a NUL byte", film(func(f *catalog.Film) { f.Genres = []string{"dr\x00ama"} }), films},
				{"person name with invalid UTF-8", func(e *env, w world) error {
					return e.s.CreatePerson(e.ctx, &catalog.Person{Name: "Bad \xc3\x28 Name", SortName: "Name", CreatedAt: base, UpdatedAt: base})
				}, func(world) counter { return func(e *env) int { return e.countPeople() } }},
				{"organization name with a NUL byte", func(e *env, w world) error {
					return e.s.CreateOrganization(e.ctx, &catalog.Organization{Name: "Bad\x00Org", CreatedAt: base, UpdatedAt: base})
				}, func(world) counter { return func(e *env) int { return e.countOrgs() } }},
				{"source text with a NUL byte", func(e *env, w world) error {
					return e.s.CreateSource(e.ctx, &catalog.Source{Kind: catalog.SourceManual, Text: "a\x00b", CreatedAt: base})
				}, func(world) counter { return countSources }},
				{"claim value with invalid UTF-8", func(e *env, w world) error {
					return e.s.AddClaim(e.ctx, &catalog.Claim{SourceID: w.source.ID, Subject: filmRef(w.film.ID), FilmID: w.film.ID, Field: "title", Value: "\xff", CreatedAt: base})
				}, func(w world) counter { return countClaims(catalog.ClaimFilter{SourceID: w.source.ID}) }},
				{"release note with a NUL byte", func(e *env, w world) error {
					return e.s.CreateRelease(e.ctx, &catalog.Release{FilmID: w.film.ID, Type: catalog.ReleaseTheatrical, Status: catalog.ReleaseAnnounced, Note: "\x00", CreatedAt: base, UpdatedAt: base})
				}, func(world) counter { return countAllReleases }},
			})
			f := e.film(catalog.Film{Title: "Good", Slug: "good"})
			u := f
			u.Title = "Now\x00Bad"
			e.kind(e.s.UpdateFilm(e.ctx, &u), catalog.KindInvalid, "UpdateFilm to a title with a NUL byte")
			got, err := e.s.GetFilm(e.ctx, f.ID)
			e.ok(err, "GetFilm")
			e.same("film after a refused update", f, got)
		}},
	}
}
