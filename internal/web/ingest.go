package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// maxArticleForm bounds the ingest form: an article of up to 1 MiB plus
// the other fields.
const maxArticleForm = 1<<20 + 16<<10

type ingestForm struct {
	Text, URL, Published string
	Error                string
}

// ingestForm answers GET /ingest: paste an article or give its URL.
func (s *Site) ingestForm(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.requireEditor(w, r); !ok {
		return
	}
	s.render(w, r, &page{Template: "ingest.html", Title: "Add release news", Nav: "ingest", Data: ingestForm{}})
}

// submitArticle answers POST /ingest: it stores and reads the article,
// then shows what it proposes.
func (s *Site) submitArticle(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.requireEditor(w, r); !ok {
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxArticleForm)
	if err := r.ParseForm(); err != nil {
		s.renderIngestError(w, r, ingestForm{}, "The article is too large or the form could not be read (the limit is 1 MiB).")
		return
	}
	form := ingestForm{Text: r.PostForm.Get("text"), URL: strings.TrimSpace(r.PostForm.Get("url")), Published: strings.TrimSpace(r.PostForm.Get("published"))}
	in := app.ArticleInput{Text: form.Text, URL: form.URL}
	if form.Published != "" {
		d, err := catalog.ParsePartialDate(form.Published)
		if err != nil || d.Precision() != catalog.PrecisionDay {
			s.renderIngestError(w, r, form, "The publication date must be a full date, such as 2024-01-31.")
			return
		}
		in.Published = d
	}
	a, err := s.svc.SubmitArticle(r.Context(), in)
	if err != nil {
		switch catalog.KindOf(err) {
		case catalog.KindInvalid, catalog.KindTooLarge, catalog.KindUnavailable:
			s.renderIngestError(w, r, form, err.Error())
		default:
			s.fail(w, r, err)
		}
		return
	}
	http.Redirect(w, r, "/ingest/"+strconv.FormatInt(a.Source.ID, 10), http.StatusSeeOther)
}

func (s *Site) renderIngestError(w http.ResponseWriter, r *http.Request, form ingestForm, msg string) {
	form.Error = msg
	s.render(w, r, &page{Template: "ingest.html", Title: "Add release news", Nav: "ingest", Status: http.StatusBadRequest, Data: form})
}

// reviewPage is an article with its facts marked in the text and its
// proposed changes, each to accept or reject.
type reviewPage struct {
	Article  *app.Article
	Segments []textSegment
	Changes  []reviewChange
	Applied  bool
	Films    []catalog.Film // films the applied changes touched
}

type reviewChange struct {
	app.Change
	Mark int // the number of its mark in the text, 0 for none
}

// textSegment is a run of the article's text, marked when a fact's
// evidence covers it.
type textSegment struct {
	Text  string
	Mark  int    // 0 = plain; else the number shown next to the change
	Title string // what the marked words support
}

// segments cuts text at the evidence of the changes, numbering each
// distinct span in order of appearance. Overlapping spans are merged.
func segments(text string, changes []app.Change) ([]textSegment, map[[2]int]int) {
	runes := []rune(text)
	type mark struct {
		start, end int
		titles     []string
	}
	var marks []mark
	for _, c := range changes {
		if c.Evidence == nil || c.Evidence.Start < 0 || c.Evidence.End > len(runes) || c.Evidence.Start >= c.Evidence.End {
			continue
		}
		i := slices.IndexFunc(marks, func(m mark) bool { return m.start == c.Evidence.Start && m.end == c.Evidence.End })
		if i < 0 {
			marks = append(marks, mark{start: c.Evidence.Start, end: c.Evidence.End})
			i = len(marks) - 1
		}
		marks[i].titles = append(marks[i].titles, c.Summary)
	}
	slices.SortFunc(marks, func(a, b mark) int { return a.start - b.start })
	numbers := map[[2]int]int{}
	var out []textSegment
	pos, markStart, n := 0, 0, 0
	for _, m := range marks {
		key := [2]int{m.start, m.end}
		if n > 0 && m.start < pos { // overlaps the previous mark: merge into it
			numbers[key] = n
			last := &out[len(out)-1]
			last.Title += "; " + strings.Join(m.titles, "; ")
			if m.end > pos {
				pos = m.end
				last.Text = string(runes[markStart:pos])
			}
			continue
		}
		if m.start > pos {
			out = append(out, textSegment{Text: string(runes[pos:m.start])})
		}
		n++
		out = append(out, textSegment{Text: string(runes[m.start:m.end]), Mark: n, Title: strings.Join(m.titles, "; ")})
		numbers[key] = n
		pos, markStart = m.end, m.start
	}
	if pos < len(runes) {
		out = append(out, textSegment{Text: string(runes[pos:])})
	}
	return out, numbers
}

func (s *Site) reviewData(a *app.Article, applied bool) reviewPage {
	segs, numbers := segments(a.Text, a.Changes)
	p := reviewPage{Article: a, Segments: segs, Applied: applied}
	for _, c := range a.Changes {
		rc := reviewChange{Change: c}
		if c.Evidence != nil {
			rc.Mark = numbers[[2]int{c.Evidence.Start, c.Evidence.End}]
		}
		p.Changes = append(p.Changes, rc)
	}
	return p
}

// review answers GET /ingest/{id}.
func (s *Site) review(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.requireEditor(w, r); !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, notFoundErr)
		return
	}
	a, err := s.svc.Article(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, &page{Template: "ingest_review.html", Title: "Review: " + a.Source.Title, Nav: "ingest", Data: s.reviewData(a, false)})
}

// apply answers POST /ingest/{id}/apply with the accepted changes.
func (s *Site) apply(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.requireEditor(w, r); !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, notFoundErr)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, catalog.Invalid("change", "the form could not be read"))
		return
	}
	chosen := r.PostForm["change"]
	if chosen == nil {
		chosen = []string{}
	}
	a, err := s.svc.ApplyArticle(r.Context(), id, chosen)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.reviewData(a, true)
	seen := map[string]bool{}
	for _, c := range a.Changes {
		if c.Film == "" || seen[c.Film] {
			continue
		}
		seen[c.Film] = true
		films, _, err := s.svc.ListFilms(r.Context(), app.FilmQuery{FilmFilter: catalog.FilmFilter{Query: c.Film, Page: catalog.Page{Limit: 5}}})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, f := range films {
			if catalog.FoldText(f.Title) == catalog.FoldText(c.Film) {
				p.Films = append(p.Films, f)
			}
		}
	}
	s.render(w, r, &page{Template: "ingest_review.html", Title: "Applied: " + a.Source.Title, Nav: "ingest", Data: p})
}
