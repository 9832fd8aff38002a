package api

import (
	"net/http"
	"strings"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

func (h *handler) articleRoutes() []route {
	return []route{
		{
			method: "POST", path: "/articles", op: "submitArticle", tag: "articles",
			summary: "Read a release announcement (its text, or a URL to fetch): store it as a source, extract its facts and propose changes to the catalog, applying nothing; the same text submitted again returns 200 with the stored article",
			auth:    true, body: typeOf[ArticleInput](), status: http.StatusCreated, also: []int{http.StatusOK}, resp: typeOf[Article](), serve: h.submitArticle,
		},
		{
			method: "GET", path: "/articles/{id}", op: "getArticle", tag: "articles",
			summary: "A stored article with its facts and the changes it proposes to the catalog as it is now",
			status:  http.StatusOK, resp: typeOf[Article](), serve: h.getArticle,
		},
		{
			method: "POST", path: "/articles/{id}/apply", op: "applyArticle", tag: "articles",
			summary: "Apply the changes an article proposes, all of them or the chosen IDs, in one transaction; each fact is cited with its evidence",
			auth:    true, body: typeOf[ApplyArticleInput](), status: http.StatusOK, resp: typeOf[Article](), serve: h.applyArticle,
		},
	}
}

// ArticleInput is an article to read.
type ArticleInput struct {
	Text        string `json:"text" doc:"The article, as plain text or HTML. Either text or url is required."`
	URL         string `json:"url" doc:"Where the article was published; fetched when text is empty (public http(s) addresses only)."`
	PublishedOn string `json:"published_on" doc:"Publication date (YYYY-MM-DD) that relative dates such as 'this March' are resolved against; defaults to the date in the article's header."`
	Title       string `json:"title"`
	Outlet      string `json:"outlet"`
}

// ApplyArticleInput chooses which proposed changes to apply.
type ApplyArticleInput struct {
	Changes *[]string `json:"changes" doc:"IDs of the changes to apply; null or absent applies them all. A change whose prerequisite is not chosen is skipped."`
}

// Article is a stored article, what it states and the changes it
// proposes (or, after apply, the changes applied).
type Article struct {
	Source     SourceSummary   `json:"source"`
	Created    bool            `json:"created" doc:"Whether this request stored the article; false when the same text was stored before."`
	Extraction *Extraction     `json:"extraction" doc:"Every fact the text states, with its evidence span (runes) and confidence."`
	Changes    []ArticleChange `json:"changes"`
	Notes      []string        `json:"notes" doc:"Facts that could not be mapped to the catalog, and why."`
}

// ArticleChange is one proposed or applied change.
type ArticleChange struct {
	ID         string  `json:"id" doc:"Stable for the same article and catalog; pass it to apply."`
	Action     string  `json:"action" enum:"create,update,cite"`
	Entity     string  `json:"entity"`
	Summary    string  `json:"summary"`
	Film       string  `json:"film"`
	Evidence   *Span   `json:"evidence" doc:"Where the article states it, in characters (runes)."`
	Quote      string  `json:"quote"`
	Confidence float64 `json:"confidence"`
	Depends    *string `json:"depends" doc:"A change that must be applied first."`
}

func articleDTO(a *app.Article) Article {
	out := Article{Source: sourceSummaryDTO(a.Source), Created: a.Created, Extraction: extractionDTO(a.Result),
		Changes: make([]ArticleChange, 0, len(a.Changes)), Notes: a.Notes}
	if out.Notes == nil {
		out.Notes = []string{}
	}
	for _, c := range a.Changes {
		ac := ArticleChange{ID: c.ID, Action: string(c.Action), Entity: string(c.Entity), Summary: c.Summary,
			Film: c.Film, Quote: c.Quote, Confidence: c.Confidence}
		if c.Evidence != nil {
			ac.Evidence = &Span{Start: c.Evidence.Start, End: c.Evidence.End}
		}
		if c.Depends != "" {
			d := c.Depends
			ac.Depends = &d
		}
		out.Changes = append(out.Changes, ac)
	}
	return out
}

func (h *handler) submitArticle(w http.ResponseWriter, r *http.Request) error {
	var in ArticleInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	published, err := dateField("published_on", in.PublishedOn)
	if err != nil {
		return err
	}
	if !published.IsTBA() && published.Precision() != catalog.PrecisionDay {
		return catalog.Invalid("published_on", "%q is not a day (YYYY-MM-DD)", in.PublishedOn)
	}
	if strings.TrimSpace(in.Text) == "" && strings.TrimSpace(in.URL) == "" {
		return catalog.Invalid("text", "give the article's text or a url to fetch it from")
	}
	a, err := h.svc.SubmitArticle(r.Context(), app.ArticleInput{Text: in.Text, URL: strings.TrimSpace(in.URL), Published: published, Title: in.Title, Outlet: in.Outlet})
	if err != nil {
		return err
	}
	if !a.Created {
		w.Header().Set("Content-Location", Prefix+"/articles/"+itoa(a.Source.ID))
		return ok(w, articleDTO(a))
	}
	return created(w, Prefix+"/articles/"+itoa(a.Source.ID), articleDTO(a))
}

func (h *handler) getArticle(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	a, err := h.svc.Article(r.Context(), id)
	if err != nil {
		return notFoundID(err, "article", id)
	}
	return ok(w, articleDTO(a))
}

func (h *handler) applyArticle(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in ApplyArticleInput
	if err := decodeBody(w, r, &in); err != nil {
		return err
	}
	var only []string
	if in.Changes != nil {
		only = *in.Changes
		if only == nil {
			only = []string{}
		}
	}
	a, err := h.svc.ApplyArticle(r.Context(), id, only)
	if err != nil {
		return notFoundID(err, "article", id)
	}
	return ok(w, articleDTO(a))
}
