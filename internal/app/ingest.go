package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/extract"
	"github.com/marquee-film/marquee/internal/fetch"
)

// ArticleFetcher downloads an article by URL. *fetch.Fetcher is the
// production implementation; it refuses non-public addresses.
type ArticleFetcher interface {
	Fetch(ctx context.Context, url string) (*fetch.Document, error)
}

// ArticleInput is an article to read: its text (plain or HTML), or a URL
// to fetch it from, and what is known about it.
type ArticleInput struct {
	Text      string
	URL       string // fetched when Text is empty; recorded as the source's address either way
	Published catalog.PartialDate
	Title     string
	Outlet    string
}

// Article is a stored article with what it states and the changes it
// proposes to the catalog.
type Article struct {
	Source  catalog.Source
	Created bool   // the article was new; false when the same text was stored before
	Text    string // the text evidence spans point into (HTML reduced to its main text)
	Result  *extract.Result
	Changes []Change
	Notes   []string // facts that could not be mapped to the catalog, and why
}

// Change is one proposed change to the catalog. Its ID is stable for the
// same article and catalog, so a subset can be chosen for applying.
type Change struct {
	ID         string
	Action     ChangeAction
	Entity     catalog.EntityType
	Summary    string
	Film       string // title of the film the change belongs to
	Evidence   *catalog.Span
	Quote      string
	Confidence float64
	Depends    string // ID of a change that must be applied first, or ""
}

// ChangeAction says what a change does.
type ChangeAction string

const (
	// ChangeCreate adds a new record.
	ChangeCreate ChangeAction = "create"
	// ChangeUpdate changes a field of an existing record (the earlier
	// value stays as a claim of its source).
	ChangeUpdate ChangeAction = "update"
	// ChangeCite records that the article also states an existing fact.
	ChangeCite ChangeAction = "cite"
)

// errDryRun rolls back the transaction in which changes were proposed.
var errDryRun = errors.New("dry run")

// SubmitArticle stores an article as a source (once: the same text is
// recognized by its hash), extracts its facts and proposes the changes
// they imply, without applying any.
func (s *Service) SubmitArticle(ctx context.Context, in ArticleInput) (*Article, error) {
	if strings.TrimSpace(in.Text) == "" {
		if in.URL == "" {
			return nil, catalog.Invalid("text", "give the article's text or a URL to fetch it from")
		}
		if s.fetcher == nil {
			return nil, catalog.Errorf(catalog.KindUnavailable, "fetching articles by URL is not configured")
		}
		doc, err := s.fetcher.Fetch(ctx, in.URL)
		if err != nil {
			return nil, err
		}
		in.Text, in.URL = string(doc.Body), doc.URL
	}
	src, created, err := s.storeArticle(ctx, in)
	if err != nil {
		return nil, err
	}
	a, err := s.planArticle(ctx, src, nil, false)
	if err != nil {
		return nil, err
	}
	a.Created = created
	return a, nil
}

// Article re-reads a stored article and proposes its changes against the
// catalog as it is now.
func (s *Service) Article(ctx context.Context, sourceID int64) (*Article, error) {
	src, err := s.store.GetSource(ctx, sourceID)
	if err != nil {
		return nil, err
	}
	if src.Kind != catalog.SourceArticle {
		return nil, catalog.NotFound("article", sourceID)
	}
	return s.planArticle(ctx, src, nil, false)
}

// ApplyArticle applies the changes an article proposes, in one
// transaction, each fact cited with its evidence. With only set, just the
// changes with those IDs are applied (and a change whose prerequisite is
// not chosen is skipped). Applying an article twice changes nothing the
// second time.
func (s *Service) ApplyArticle(ctx context.Context, sourceID int64, only []string) (*Article, error) {
	src, err := s.store.GetSource(ctx, sourceID)
	if err != nil {
		return nil, err
	}
	if src.Kind != catalog.SourceArticle {
		return nil, catalog.NotFound("article", sourceID)
	}
	var chosen map[string]bool
	if only != nil {
		chosen = map[string]bool{}
		for _, id := range only {
			chosen[id] = true
		}
	}
	return s.planArticle(ctx, src, chosen, true)
}

// storeArticle keeps the article's text as a source.
func (s *Service) storeArticle(ctx context.Context, in ArticleInput) (catalog.Source, bool, error) {
	if len(in.Text) > catalog.MaxSourceTextBytes {
		return catalog.Source{}, false, &catalog.Error{Kind: catalog.KindTooLarge, Field: "text",
			Message: fmt.Sprintf("the article is larger than %d MiB", catalog.MaxSourceTextBytes>>20)}
	}
	doc, err := extract.ParseInput([]byte(in.Text), extract.Options{Published: in.Published, Source: in.URL})
	if err != nil {
		return catalog.Source{}, false, catalog.Invalid("text", "%s", strings.TrimPrefix(err.Error(), "extract: "))
	}
	src := catalog.Source{
		Kind: catalog.SourceArticle, URL: in.URL, Title: in.Title, Outlet: in.Outlet,
		PublishedOn: doc.Published, Text: in.Text,
	}
	if src.URL == "" && doc.Source != "" {
		src.URL = doc.Source
	}
	if src.Title == "" {
		src.Title = headline(doc.Text[doc.Body:], 120)
	}
	created, err := s.CreateSource(ctx, &src)
	if err != nil && src.URL != in.URL && catalog.KindOf(err) == catalog.KindInvalid {
		// The article named an address that is not a valid URL: keep the
		// article without it rather than refusing it.
		src.URL = in.URL
		created, err = s.CreateSource(ctx, &src)
	}
	return src, created, err
}

// headline makes a title for an article that has none: its first line,
// cut after the first sentence, at most max bytes (at a word boundary).
func headline(text string, max int) string {
	text = strings.TrimSpace(text)
	if i := strings.IndexAny(text, "\r\n"); i >= 0 {
		text = text[:i]
	}
	if i := strings.Index(text, ". "); i > 0 {
		text = text[:i+1]
	}
	if len(text) > max {
		cut := strings.LastIndexByte(text[:max], ' ')
		if cut < max/2 {
			cut = max
		}
		text = text[:cut] + "…"
	}
	return strings.TrimSpace(text)
}

// planArticle extracts the article and walks its facts against the
// catalog inside one transaction. In a dry run every change is recorded
// and the transaction is rolled back; otherwise the chosen changes (all
// when chosen is nil) are written and committed.
func (s *Service) planArticle(ctx context.Context, src catalog.Source, chosen map[string]bool, apply bool) (*Article, error) {
	opt := extract.Options{Published: src.PublishedOn, Source: src.URL, Known: s.knownCatalog(ctx)}
	doc, err := extract.ParseInput([]byte(src.Text), opt)
	if err != nil {
		return nil, catalog.Invalid("text", "%s", strings.TrimPrefix(err.Error(), "extract: "))
	}
	a := &Article{Source: src, Text: doc.Text, Result: s.extractor.ExtractDocument(doc)}
	err = s.store.WithTx(ctx, func(q catalog.Queries) error {
		p := &planner{s: s, q: q, src: src, article: a, chosen: chosen, apply: apply, done: map[string]bool{}}
		if err := p.run(ctx); err != nil {
			return err
		}
		if !apply {
			return errDryRun
		}
		return nil
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, err
	}
	a.Source.Text = src.Text
	return a, nil
}
