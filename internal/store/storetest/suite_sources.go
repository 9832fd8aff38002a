package storetest

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/marquee-film/marquee/internal/catalog"
)

// hash returns a fake 64-digit lowercase hex content hash made of c.
func hash(c byte) string { return strings.Repeat(string(c), 64) }

func fullSource() catalog.Source {
	return catalog.Source{
		Kind:        catalog.SourceArticle,
		URL:         "https://variety.com/2024/film/news/anora-release-date-1236000000/",
		Outlet:      "Variety",
		Title:       "Neon Sets ‘Anora’ for October Release",
		PublishedOn: date("2024-08"),
		RetrievedAt: at(3),
		ContentHash: hash('a'),
		Text:        "Neon will release Anora in theaters on October 18.\nThe film won the Palme d’Or — „großartig“.",
		CreatedAt:   at(4),
	}
}

func sourceCases() []testCase {
	return []testCase{
		{"RoundTrip", func(t *testing.T, e *env) {
			s := fullSource()
			e.ok(e.s.CreateSource(e.ctx, &s), "CreateSource")
			e.checkID("source", s.ID)
			want := fullSource()
			want.ID = s.ID
			got, err := e.s.GetSource(e.ctx, s.ID)
			e.ok(err, "GetSource")
			e.same("GetSource (with text)", want, got)
			e.utc("GetSource", got.CreatedAt, got.RetrievedAt)

			got, err = e.s.GetSourceByHash(e.ctx, hash('a'))
			e.ok(err, "GetSourceByHash")
			e.same("GetSourceByHash", want, got, cmpopts.IgnoreFields(catalog.Source{}, "Text"))

			noText := want
			noText.Text = ""
			list, _, err := e.s.ListSources(e.ctx, catalog.SourceFilter{})
			e.ok(err, "ListSources")
			e.same("ListSources (text left empty)", []catalog.Source{noText}, list)
			byIDs, err := e.s.GetSources(e.ctx, []int64{s.ID})
			e.ok(err, "GetSources")
			e.same("GetSources (text left empty)", []catalog.Source{noText}, byIDs)
		}},
		{"RoundTripMinimal", func(t *testing.T, e *env) {
			s := e.source(catalog.Source{Kind: catalog.SourceManual})
			got, err := e.s.GetSource(e.ctx, s.ID)
			e.ok(err, "GetSource")
			e.same("GetSource (manual, TBA, no retrieval time)", s, got)
		}},
		{"NotFound", func(t *testing.T, e *env) {
			e.source(fullSource())
			_, err := e.s.GetSource(e.ctx, 987654)
			e.kind(err, catalog.KindNotFound, "GetSource")
			_, err = e.s.GetSourceByHash(e.ctx, hash('f'))
			e.kind(err, catalog.KindNotFound, "GetSourceByHash")
			// Sources without a hash are not found by the empty hash.
			e.source(catalog.Source{Kind: catalog.SourceManual, Title: "no hash"})
			got, err := e.s.GetSourceByHash(e.ctx, "")
			e.kindIn(err, invalidOrNotFound, "GetSourceByHash(\"\") (found %q)", got.Title)
		}},
		{"List", func(t *testing.T, e *env) {
			f := e.film(catalog.Film{Title: "F"})
			g := e.film(catalog.Film{Title: "G"})
			r := e.release(catalog.Release{FilmID: f.ID})
			s1 := e.source(catalog.Source{Kind: catalog.SourceArticle, Title: "one", Text: "text one", ContentHash: hash('1'), CreatedAt: at(1)})
			s2 := e.source(catalog.Source{Kind: catalog.SourceManual, Title: "two", CreatedAt: at(2)})
			s3 := e.source(catalog.Source{Kind: catalog.SourceArticle, URL: "https://example.com/3", Text: "text three", CreatedAt: at(3)})
			s4 := e.source(catalog.Source{Kind: catalog.SourceDataset, Title: "four", CreatedAt: at(4)})
			e.claim(catalog.Claim{SourceID: s1.ID, Subject: catalog.EntityRef{Type: catalog.EntityFilm, ID: f.ID}, FilmID: f.ID})
			e.claim(catalog.Claim{SourceID: s1.ID, Subject: catalog.EntityRef{Type: catalog.EntityFilm, ID: f.ID}, FilmID: f.ID, Field: "title", Value: "F"})
			e.claim(catalog.Claim{SourceID: s3.ID, Subject: catalog.EntityRef{Type: catalog.EntityRelease, ID: r.ID}, FilmID: f.ID, Field: "date", Value: "TBA"})
			e.claim(catalog.Claim{SourceID: s2.ID, Subject: catalog.EntityRef{Type: catalog.EntityFilm, ID: g.ID}, FilmID: g.ID})

			for _, c := range []struct {
				name string
				f    catalog.SourceFilter
				want []int64
			}{
				{"all, newest first", catalog.SourceFilter{}, []int64{s4.ID, s3.ID, s2.ID, s1.ID}},
				{"kind", catalog.SourceFilter{Kind: catalog.SourceArticle}, []int64{s3.ID, s1.ID}},
				{"film (through claims, each source once)", catalog.SourceFilter{FilmID: f.ID}, []int64{s3.ID, s1.ID}},
				{"other film", catalog.SourceFilter{FilmID: g.ID}, []int64{s2.ID}},
				{"film and kind", catalog.SourceFilter{FilmID: f.ID, Kind: catalog.SourceManual}, nil},
			} {
				list, _, err := e.s.ListSources(e.ctx, c.f)
				e.ok(err, "ListSources(%s)", c.name)
				e.same("ListSources "+c.name, c.want, ids(list, sourceID))
				for _, s := range list {
					if s.Text != "" {
						t.Errorf("ListSources(%s): source %d has Text %q, want it left empty", c.name, s.ID, s.Text)
					}
				}
			}
			got, sizes := walk(e, 3, func(p catalog.Page) ([]catalog.Source, string, error) {
				return e.s.ListSources(e.ctx, catalog.SourceFilter{Page: p})
			})
			e.same("page sizes", []int{3, 1}, sizes)
			e.same("sources walked page by page", []int64{s4.ID, s3.ID, s2.ID, s1.ID}, ids(got, sourceID))
			_, _, err := e.s.ListSources(e.ctx, catalog.SourceFilter{Page: catalog.Page{After: "garbage!!"}})
			e.kind(err, catalog.KindInvalid, "ListSources with a garbage cursor")
		}},
		{"GetSources", func(t *testing.T, e *env) {
			s1 := e.source(catalog.Source{Kind: catalog.SourceArticle, Title: "one", Text: "text one", CreatedAt: at(1)})
			e.source(catalog.Source{Kind: catalog.SourceManual, Title: "two", CreatedAt: at(2)})
			s3 := e.source(catalog.Source{Kind: catalog.SourceArticle, Title: "three", Text: "text three", CreatedAt: at(3)})
			got, err := e.s.GetSources(e.ctx, []int64{s3.ID, 987654, s1.ID})
			e.ok(err, "GetSources")
			slices.SortFunc(got, func(a, b catalog.Source) int { return int(a.ID - b.ID) })
			s1.Text, s3.Text = "", ""
			e.same("GetSources (unknown IDs skipped, no text)", []catalog.Source{s1, s3}, got)
			got, err = e.s.GetSources(e.ctx, nil)
			e.ok(err, "GetSources(nil)")
			if len(got) != 0 {
				t.Errorf("GetSources(nil) = %d sources, want none", len(got))
			}
		}},
	}
}

// ---------------------------------------------------------------------------

func filmRef(id int64) catalog.EntityRef { return catalog.EntityRef{Type: catalog.EntityFilm, ID: id} }

func claimCases() []testCase {
	return []testCase{
		{"RoundTrip", func(t *testing.T, e *env) {
			src := e.source(fullSource())
			f := e.film(catalog.Film{Title: "Anora"})
			r := e.release(catalog.Release{FilmID: f.ID, Date: date("2024-10-18")})
			in1 := catalog.Claim{SourceID: src.ID, Subject: filmRef(f.ID), FilmID: f.ID, Confidence: 1, CreatedAt: at(1)}
			in2 := catalog.Claim{
				SourceID: src.ID, Subject: catalog.EntityRef{Type: catalog.EntityRelease, ID: r.ID}, FilmID: f.ID,
				Field: "date", Value: "2024-10-18", Span: &catalog.Span{Start: 10, End: 24}, Confidence: 0.75, Preferred: true, CreatedAt: at(2),
			}
			// An empty span at 0 is still a span, and the confidence is a
			// float64 kept exactly.
			in3 := catalog.Claim{
				SourceID: src.ID, Subject: catalog.EntityRef{Type: catalog.EntityRelease, ID: r.ID}, FilmID: f.ID,
				Field: "status", Value: "confirmed", Span: &catalog.Span{}, Confidence: 0.9, CreatedAt: at(3),
			}
			c1, c2, c3 := in1, in2, in3
			c2.Span = &catalog.Span{Start: 10, End: 24}
			c3.Span = &catalog.Span{}
			e.ok(e.s.AddClaim(e.ctx, &c1), "AddClaim(no span)")
			e.ok(e.s.AddClaim(e.ctx, &c2), "AddClaim(span)")
			e.ok(e.s.AddClaim(e.ctx, &c3), "AddClaim(empty span)")
			e.checkID("claim", c1.ID)
			e.checkID("claim", c2.ID)
			e.checkID("claim", c3.ID)
			in1.ID, in2.ID, in3.ID = c1.ID, c2.ID, c3.ID
			list, err := e.s.ListClaims(e.ctx, catalog.ClaimFilter{SourceID: src.ID})
			e.ok(err, "ListClaims")
			e.same("ListClaims", []catalog.Claim{in1, in2, in3}, list)
			if len(list) == 3 && list[2].Span == nil {
				t.Errorf("claim with the span [0, 0) came back without a span")
			}
			if len(list) == 3 {
				if list[0].Span != nil {
					t.Errorf("claim without a span came back with span %+v", *list[0].Span)
				}
				e.utc("ListClaims", list[0].CreatedAt, list[1].CreatedAt)
			}
		}},
		{"Preferred", func(t *testing.T, e *env) {
			a := e.source(catalog.Source{Title: "a"})
			b := e.source(catalog.Source{Title: "b"})
			f := e.film(catalog.Film{Title: "F"})
			g := e.film(catalog.Film{Title: "G"})
			add := func(src catalog.Source, subject catalog.EntityRef, field string, preferred bool) int64 {
				return e.claim(catalog.Claim{SourceID: src.ID, Subject: subject, FilmID: subject.ID, Field: field, Value: "v", Confidence: 0.5, Preferred: preferred}).ID
			}
			prefs := func() map[int64]bool {
				t.Helper()
				out := map[int64]bool{}
				for _, ref := range []catalog.EntityRef{filmRef(f.ID), filmRef(g.ID)} {
					cs, err := e.s.ListClaims(e.ctx, catalog.ClaimFilter{Subject: &ref})
					e.ok(err, "ListClaims(%v)", ref)
					for _, c := range cs {
						out[c.ID] = c.Preferred
					}
				}
				return out
			}
			d1 := add(a, filmRef(f.ID), "date", true)
			syn := add(a, filmRef(f.ID), "synopsis", true)
			gDate := add(a, filmRef(g.ID), "date", true)
			e.same("preferred after first claims", map[int64]bool{d1: true, syn: true, gDate: true}, prefs())

			d2 := add(b, filmRef(f.ID), "date", true)
			e.same("a second preferred claim on the same subject and field", map[int64]bool{d1: false, syn: true, gDate: true, d2: true}, prefs())

			d3 := add(a, filmRef(f.ID), "date", false)
			e.same("a non-preferred claim changes nothing", map[int64]bool{d1: false, syn: true, gDate: true, d2: true, d3: false}, prefs())

			d4 := add(a, filmRef(f.ID), "date", true)
			e.same("a third preferred claim", map[int64]bool{d1: false, syn: true, gDate: true, d2: false, d3: false, d4: true}, prefs())
		}},
		{"List", func(t *testing.T, e *env) {
			sA := e.source(catalog.Source{Title: "A"})
			sB := e.source(catalog.Source{Title: "B"})
			f1 := e.film(catalog.Film{Title: "F1"})
			f2 := e.film(catalog.Film{Title: "F2"})
			p := e.person(catalog.Person{Name: "P P"})
			r := e.release(catalog.Release{FilmID: f1.ID})
			add := func(src catalog.Source, subject catalog.EntityRef, film int64, field string) int64 {
				return e.claim(catalog.Claim{SourceID: src.ID, Subject: subject, FilmID: film, Field: field, Value: field}).ID
			}
			k1 := add(sA, filmRef(f2.ID), f2.ID, "title")
			k2 := add(sA, filmRef(f1.ID), f1.ID, "year")
			k3 := add(sB, filmRef(f1.ID), f1.ID, "")
			k4 := add(sA, filmRef(f1.ID), f1.ID, "date")
			k5 := add(sB, filmRef(f1.ID), f1.ID, "date")
			k6 := add(sB, catalog.EntityRef{Type: catalog.EntityPerson, ID: p.ID}, 0, "name")
			k7 := add(sA, catalog.EntityRef{Type: catalog.EntityRelease, ID: r.ID}, f1.ID, "date")
			personRef := catalog.EntityRef{Type: catalog.EntityPerson, ID: p.ID}
			f1Ref := filmRef(f1.ID)
			for _, c := range []struct {
				name string
				f    catalog.ClaimFilter
				want []int64
			}{
				{"film", catalog.ClaimFilter{FilmID: f1.ID}, []int64{k3, k4, k5, k2, k7}},
				{"subject", catalog.ClaimFilter{Subject: &f1Ref}, []int64{k3, k4, k5, k2}},
				{"person subject", catalog.ClaimFilter{Subject: &personRef}, []int64{k6}},
				{"source A", catalog.ClaimFilter{SourceID: sA.ID}, []int64{k4, k2, k1, k7}},
				{"source B", catalog.ClaimFilter{SourceID: sB.ID}, []int64{k3, k5, k6}},
				{"source and film", catalog.ClaimFilter{SourceID: sB.ID, FilmID: f1.ID}, []int64{k3, k5}},
				{"film without claims", catalog.ClaimFilter{FilmID: 987654}, nil},
			} {
				list, err := e.s.ListClaims(e.ctx, c.f)
				e.ok(err, "ListClaims(%s)", c.name)
				e.same("ListClaims "+c.name, c.want, ids(list, claimID))
			}
		}},
	}
}

// ---------------------------------------------------------------------------

func tokenCases() []testCase {
	return []testCase{
		{"Lifecycle", func(t *testing.T, e *env) {
			in := catalog.APIToken{Name: "ci", Hash: hash('c'), Prefix: "mq_c0ffee", Scope: "admin", CreatedAt: at(1)}
			k := in
			e.ok(e.s.CreateToken(e.ctx, &k), "CreateToken")
			e.checkID("token", k.ID)
			in.ID = k.ID
			other := e.token(catalog.APIToken{Name: "laptop", Hash: hash('d'), Prefix: "mq_d00d"})

			got, err := e.s.GetTokenByHash(e.ctx, hash('c'))
			e.ok(err, "GetTokenByHash")
			e.same("GetTokenByHash", in, got)
			e.utc("GetTokenByHash", got.CreatedAt)
			if !got.Active() || !got.LastUsedAt.IsZero() {
				t.Errorf("new token: Active %v, LastUsedAt %v; want active and never used", got.Active(), got.LastUsedAt)
			}
			list, err := e.s.ListTokens(e.ctx)
			e.ok(err, "ListTokens")
			slices.SortFunc(list, func(a, b catalog.APIToken) int { return int(a.ID - b.ID) })
			e.same("ListTokens", []catalog.APIToken{in, other}, list)

			e.ok(e.s.TouchToken(e.ctx, k.ID, at(5)), "TouchToken")
			got, err = e.s.GetTokenByHash(e.ctx, hash('c'))
			e.ok(err, "GetTokenByHash")
			in.LastUsedAt = at(5)
			e.same("token after TouchToken", in, got)
			e.utc("TouchToken", got.LastUsedAt)

			e.ok(e.s.RevokeToken(e.ctx, k.ID, at(6)), "RevokeToken")
			got, err = e.s.GetTokenByHash(e.ctx, hash('c'))
			e.ok(err, "GetTokenByHash after revoke")
			in.RevokedAt = at(6)
			e.same("token after RevokeToken", in, got)
			e.utc("RevokeToken", got.RevokedAt)
			if got.Active() {
				t.Errorf("revoked token is still Active")
			}
			list, err = e.s.ListTokens(e.ctx)
			e.ok(err, "ListTokens")
			slices.SortFunc(list, func(a, b catalog.APIToken) int { return int(a.ID - b.ID) })
			e.same("ListTokens after revoke (revoked tokens stay listed)", []catalog.APIToken{in, other}, list)

			_, err = e.s.GetTokenByHash(e.ctx, hash('e'))
			e.kind(err, catalog.KindNotFound, "GetTokenByHash(unknown)")
			e.kind(e.s.RevokeToken(e.ctx, 987654, at(7)), catalog.KindNotFound, "RevokeToken(unknown)")
		}},
	}
}
