package app_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/fetch"
)

// The articles below are written for these tests.
const (
	announceArticle = `date 2024-01-10
source https://example.com/news/paper-lanterns-blu-ray

Paper Lanterns is coming to Blu-ray and DVD in March from Arrow Video. The drama, written and directed by Ada Moreau, premiered at the 2023 Venice Film Festival, where it won the Silver Lion.

The disc includes an audio commentary with writer-director Ada Moreau and actor Ben Okafor, plus a making-of featurette.
`
	dateArticle = `date 2024-02-01
source https://example.com/news/paper-lanterns-date

Arrow Video has set a date: Paper Lanterns arrives on Blu-ray and DVD on March 18.
`
	delayArticle = `date 2024-03-01
source https://example.com/news/paper-lanterns-delay

Paper Lanterns arrives on Blu-ray and DVD on April 22, Arrow Video said today, a month later than planned.
`
)

func changeIDs(a *app.Article) []string {
	var ids []string
	for _, c := range a.Changes {
		ids = append(ids, c.ID)
	}
	return ids
}

func physicalRelease(t *testing.T, d *app.FilmDetail) app.ReleaseDetail {
	t.Helper()
	for _, r := range d.Releases {
		if r.Type == catalog.ReleasePhysical {
			return r
		}
	}
	t.Fatalf("no physical release in %+v", d.Releases)
	return app.ReleaseDetail{}
}

func TestIngestProposesThenApplies(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		a, err := svc.SubmitArticle(ctx, app.ArticleInput{Text: announceArticle})
		if err != nil {
			t.Fatal(err)
		}
		if !a.Created || a.Source.URL != "https://example.com/news/paper-lanterns-blu-ray" || a.Source.PublishedOn.String() != "2024-01-10" {
			t.Errorf("source = %+v", a.Source)
		}
		for _, want := range []string{
			"film:paper-lanterns", "person:ada-moreau", "credit:paper-lanterns:ada-moreau:director",
			"credit:paper-lanterns:ada-moreau:writer", "label:arrow-video", "release:paper-lanterns:physical",
			"edition:paper-lanterns:bluray", "edition:paper-lanterns:dvd",
			"extra:paper-lanterns:bluray:audio_commentary:1", "extra:paper-lanterns:dvd:making_of:making-of-featurette",
			"festival:venice", "festival-edition:venice:2023", "selection:paper-lanterns:venice:2023",
			"nomination:paper-lanterns:venice:2023:silver-lion",
		} {
			if !slices.Contains(changeIDs(a), want) {
				t.Errorf("no proposed change %s in %v", want, changeIDs(a))
			}
		}
		text := []rune(announceArticle)
		for _, c := range a.Changes {
			if c.Evidence == nil || c.Evidence.Start < 0 || c.Evidence.End > len(text) || c.Evidence.Start >= c.Evidence.End {
				t.Errorf("change %s has evidence %+v outside the text", c.ID, c.Evidence)
				continue
			}
			if got := string(text[c.Evidence.Start:c.Evidence.End]); got != c.Quote {
				t.Errorf("change %s: evidence covers %q, quote says %q", c.ID, got, c.Quote)
			}
		}
		if empty, _ := svc.IsEmpty(ctx); !empty {
			t.Fatal("proposing changes wrote films")
		}

		applied, err := svc.ApplyArticle(ctx, a.Source.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(changeIDs(a), changeIDs(applied)); diff != "" {
			t.Errorf("applied changes differ from the proposed ones (-proposed +applied):\n%s", diff)
		}
		d, err := svc.FilmDetail(ctx, "paper-lanterns")
		if err != nil {
			t.Fatal(err)
		}
		rel := physicalRelease(t, d)
		if rel.Date.String() != "2024-03" || rel.DistributorName != "Arrow Video" || len(rel.Editions) != 2 {
			t.Fatalf("physical release = %+v with %d editions", rel.Release, len(rel.Editions))
		}
		commentary := rel.Editions[0].Extras[0]
		var parts []string
		for _, p := range commentary.Participants {
			parts = append(parts, p.PersonName+" ("+p.Role+")")
		}
		if got := strings.Join(parts, ", "); got != "Ada Moreau (writer-director), Ben Okafor (actor)" {
			t.Errorf("commentary participants = %s", got)
		}
		if len(d.Nominations) != 1 || d.Nominations[0].Result != catalog.ResultWon || d.Nominations[0].CategoryName != "Silver Lion" {
			t.Errorf("nominations = %+v", d.Nominations)
		}
		claims := d.ClaimsAbout(catalog.EntityRelease, rel.ID)
		if len(claims) == 0 || claims[0].SourceID != a.Source.ID || claims[0].Span == nil {
			t.Errorf("release claims = %+v", claims)
		}

		again, err := svc.SubmitArticle(ctx, app.ArticleInput{Text: announceArticle})
		if err != nil {
			t.Fatal(err)
		}
		if again.Created || again.Source.ID != a.Source.ID || len(again.Changes) != 0 {
			t.Errorf("second submission: created=%v source %d, changes %v", again.Created, again.Source.ID, changeIDs(again))
		}
		before, _ := svc.ExportBundle(ctx, "")
		if _, err := svc.ApplyArticle(ctx, a.Source.ID, nil); err != nil {
			t.Fatal(err)
		}
		after, _ := svc.ExportBundle(ctx, "")
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("applying the same article twice changed the catalog:\n%s", diff)
		}
	})
}

func TestIngestRefinesAndPostponesDatesKeepingHistory(t *testing.T) {
	forEachStore(t, func(t *testing.T, newService func(*testing.T) *app.Service) {
		ctx := context.Background()
		svc := newService(t)
		apply := func(text string) *app.Article {
			t.Helper()
			a, err := svc.SubmitArticle(ctx, app.ArticleInput{Text: text})
			if err != nil {
				t.Fatal(err)
			}
			if a, err = svc.ApplyArticle(ctx, a.Source.ID, nil); err != nil {
				t.Fatal(err)
			}
			return a
		}
		dateHistory := func() (string, []string) {
			t.Helper()
			d, err := svc.FilmDetail(ctx, "paper-lanterns")
			if err != nil {
				t.Fatal(err)
			}
			rel := physicalRelease(t, d)
			var hist []string
			for _, c := range d.ClaimsAbout(catalog.EntityRelease, rel.ID) {
				if c.Field == "date" {
					mark := ""
					if c.Preferred {
						mark = "*"
					}
					hist = append(hist, c.Value+mark)
				}
			}
			slices.Sort(hist)
			return rel.Date.String(), hist
		}
		apply(announceArticle)
		apply(dateArticle)
		date, hist := dateHistory()
		if date != "2024-03-18" || !slices.Equal(hist, []string{"2024-03", "2024-03-18*"}) {
			t.Errorf("after the day was announced: date %s, history %v", date, hist)
		}
		delay := apply(delayArticle)
		date, hist = dateHistory()
		if date != "2024-04-22" || !slices.Equal(hist, []string{"2024-03", "2024-03-18", "2024-04-22*"}) {
			t.Errorf("after the delay: date %s, history %v (changes %v)", date, hist, changeIDs(delay))
		}
		// The older article, read again, does not undo the delay.
		apply(dateArticle)
		if date, _ := dateHistory(); date != "2024-04-22" {
			t.Errorf("re-reading the older article moved the date back to %s", date)
		}
	})
}

func TestIngestAppliesAChosenSubset(t *testing.T) {
	ctx := context.Background()
	svc := app.New(storetestSQLite(t), nil, nil)
	a, err := svc.SubmitArticle(ctx, app.ArticleInput{Text: announceArticle})
	if err != nil {
		t.Fatal(err)
	}
	chosen := []string{"film:paper-lanterns", "label:arrow-video", "release:paper-lanterns:physical", "edition:paper-lanterns:bluray",
		"extra:paper-lanterns:bluray:audio_commentary:1"} // the commentary's people are not chosen
	applied, err := svc.ApplyArticle(ctx, a.Source.ID, chosen)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"film:paper-lanterns", "label:arrow-video", "release:paper-lanterns:physical", "edition:paper-lanterns:bluray", "extra:paper-lanterns:bluray:audio_commentary:1"}
	if diff := cmp.Diff(want, changeIDs(applied)); diff != "" {
		t.Errorf("applied (-want +got):\n%s", diff)
	}
	d, err := svc.FilmDetail(ctx, "paper-lanterns")
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Credits) != 0 || len(d.Selections) != 0 {
		t.Errorf("unchosen credits or selections were written: %+v %+v", d.Credits, d.Selections)
	}
	rel := physicalRelease(t, d)
	if len(rel.Editions) != 1 || len(rel.Editions[0].Extras) != 1 || len(rel.Editions[0].Extras[0].Participants) != 0 {
		t.Errorf("editions = %+v", rel.Editions)
	}
	rest, err := svc.Article(ctx, a.Source.ID)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(changeIDs(rest), "film:paper-lanterns") || !slices.Contains(changeIDs(rest), "person:ada-moreau") {
		t.Errorf("remaining proposals = %v", changeIDs(rest))
	}
}

func TestIngestBadInput(t *testing.T) {
	ctx := context.Background()
	svc := app.New(storetestSQLite(t), nil, nil)
	tests := []struct {
		name string
		in   app.ArticleInput
		kind catalog.ErrorKind
	}{
		{"empty", app.ArticleInput{Text: "  \n"}, catalog.KindInvalid},
		{"binary", app.ArticleInput{Text: "\x00\x01\x02\x03PNG\x00\x00\x00\x00\x00\x00"}, catalog.KindInvalid},
		{"too large", app.ArticleInput{Text: strings.Repeat("a", catalog.MaxSourceTextBytes+1)}, catalog.KindTooLarge},
		{"url without a fetcher", app.ArticleInput{URL: "https://example.com/x"}, catalog.KindUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := svc.SubmitArticle(ctx, tt.in)
			if catalog.KindOf(err) != tt.kind {
				t.Errorf("SubmitArticle = %v (kind %v), want %v", err, catalog.KindOf(err), tt.kind)
			}
		})
	}
	srcs, _, err := svc.ListSources(ctx, catalog.SourceFilter{})
	if err != nil || len(srcs) != 0 {
		t.Errorf("bad input stored %d sources (%v)", len(srcs), err)
	}
	noFilm, err := svc.SubmitArticle(ctx, app.ArticleInput{Text: "The weather was mild all week and the trains ran on time."})
	if err != nil || len(noFilm.Changes) != 0 {
		t.Errorf("an article about no film: %v, changes %v", err, noFilm)
	}
	refusing := app.New(storetestSQLite(t), nil, nil, app.WithFetcher(fetch.New()))
	if _, err := refusing.SubmitArticle(ctx, app.ArticleInput{URL: "http://127.0.0.1:1/article"}); catalog.KindOf(err) != catalog.KindInvalid {
		t.Errorf("fetching a loopback URL = %v, want a refusal", err)
	}
}
