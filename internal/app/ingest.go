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
// they imply, without applying any. The API and the web pages use it:
// the stored article is what a later ApplyArticle applies.
func (s *Service) SubmitArticle(ctx context.Context, in ArticleInput) (*Article, error) {
	return s.submitArticle(ctx, in, nil)
}

// submitArticle is SubmitArticle; res, when not nil, stands for the
// extractor's reading of the text (tests give hand-made results).
func (s *Service) submitArticle(ctx context.Context, in ArticleInput, res *extract.Result) (*Article, error) {
	src, err := s.articleSource(ctx, in)
	if err != nil {
		return nil, err
	}
	created, err := s.CreateSource(ctx, &src)
	if err != nil {
		return nil, err
	}
	a, err := s.planArticle(ctx, src, res, nil, false)
	if err != nil {
		return nil, err
	}
	a.Created = created
	return a, nil
}

// PreviewArticle proposes the changes an article implies and writes
// nothing at all: the article is not stored (a new article's
// Source.ID is 0 and Created is true; an article stored before keeps its
// ID). The proposal is made inside a transaction that also holds the
// article and is rolled back, so it is exactly what storing and applying
// it would do. `marquee ingest` without --apply uses it.
func (s *Service) PreviewArticle(ctx context.Context, in ArticleInput) (*Article, error) {
	return s.previewArticle(ctx, in, nil)
}

func (s *Service) previewArticle(ctx context.Context, in ArticleInput, res *extract.Result) (*Article, error) {
	src, err := s.articleSource(ctx, in)
	if err != nil {
		return nil, err
	}
	a, err := s.readArticle(ctx, src, res)
	if err != nil {
		return nil, err
	}
	err = s.store.WithTx(ctx, func(q catalog.Queries) error {
		created, err := findOrCreateSource(ctx, q, &src)
		if err != nil {
			return err
		}
		a.Source, a.Created = src, created
		if err := s.newPlanner(q, a, nil, false).run(ctx); err != nil {
			return err
		}
		return errDryRun
	})
	if err != nil && !errors.Is(err, errDryRun) {
		return nil, err
	}
	if a.Created {
		a.Source.ID = 0 // rolled back: never stored
	}
	a.Source.Text = src.Text
	return a, nil
}

// findOrCreateSource is CreateSource inside the caller's transaction.
func findOrCreateSource(ctx context.Context, q catalog.SourceQueries, src *catalog.Source) (bool, error) {
	old, err := q.GetSourceByHash(ctx, src.ContentHash)
	if err == nil {
		*src = old
		return false, nil
	}
	if !catalog.IsKind(err, catalog.KindNotFound) {
		return false, err
	}
	return true, q.CreateSource(ctx, src)
}

// Article re-reads a stored article and proposes its changes against the
// catalog as it is now.
func (s *Service) Article(ctx context.Context, sourceID int64) (*Article, error) {
	src, err := s.articleByID(ctx, sourceID)
	if err != nil {
		return nil, err
	}
	return s.planArticle(ctx, src, nil, nil, false)
}

// ApplyArticle applies the changes an article proposes, in one
// transaction, each fact cited with its evidence. With only set, just the
// changes with those IDs are applied (and a change whose prerequisite is
// not chosen is skipped). Applying an article twice changes nothing the
// second time.
func (s *Service) ApplyArticle(ctx context.Context, sourceID int64, only []string) (*Article, error) {
	return s.applyArticle(ctx, sourceID, nil, only)
}

func (s *Service) applyArticle(ctx context.Context, sourceID int64, res *extract.Result, only []string) (*Article, error) {
	src, err := s.articleByID(ctx, sourceID)
	if err != nil {
		return nil, err
	}
	var chosen map[string]bool
	if only != nil {
		chosen = map[string]bool{}
		for _, id := range only {
			chosen[id] = true
		}
	}
	return s.planArticle(ctx, src, res, chosen, true)
}

func (s *Service) articleByID(ctx context.Context, sourceID int64) (catalog.Source, error) {
	src, err := s.store.GetSource(ctx, sourceID)
	if err != nil {
		return catalog.Source{}, err
	}
	if src.Kind != catalog.SourceArticle {
		return catalog.Source{}, catalog.NotFound("article", sourceID)
	}
	return src, nil
}

// articleSource fetches the article when only its URL is given and makes
// the source that stands for it, checked but not stored.
func (s *Service) articleSource(ctx context.Context, in ArticleInput) (catalog.Source, error) {
	if strings.TrimSpace(in.Text) == "" {
		if in.URL == "" {
			return catalog.Source{}, catalog.Invalid("text", "give the article's text or a URL to fetch it from")
		}
		if s.fetcher == nil {
			return catalog.Source{}, catalog.Errorf(catalog.KindUnavailable, "fetching articles by URL is not configured")
		}
		doc, err := s.fetcher.Fetch(ctx, in.URL)
		if err != nil {
			return catalog.Source{}, err
		}
		in.Text, in.URL = string(doc.Body), doc.URL
	}
	if len(in.Text) > catalog.MaxSourceTextBytes {
		return catalog.Source{}, &catalog.Error{Kind: catalog.KindTooLarge, Field: "text",
			Message: fmt.Sprintf("the article is larger than %d MiB", catalog.MaxSourceTextBytes>>20)}
	}
	doc, err := extract.ParseInput([]byte(in.Text), extract.Options{Published: in.Published, Source: in.URL})
	if err != nil {
		return catalog.Source{}, catalog.Invalid("text", "%s", strings.TrimPrefix(err.Error(), "extract: "))
	}
	src := catalog.Source{
		Kind: catalog.SourceArticle, URL: in.URL, Title: in.Title, Outlet: in.Outlet,
		PublishedOn: doc.Published, Text: in.Text, ContentHash: ContentHash(in.Text),
	}
	if src.URL == "" && doc.Source != "" {
		src.URL = doc.Source
	}
	if src.Title == "" {
		src.Title = headline(doc.Text[doc.Body:], 120)
	}
	src.Normalize()
	if err := src.Validate(); err != nil {
		if src.URL == in.URL || catalog.KindOf(err) != catalog.KindInvalid {
			return catalog.Source{}, err
		}
		// The article named an address that is not a valid URL: keep the
		// article without it rather than refusing it.
		src.URL = in.URL
		if err := src.Validate(); err != nil {
			return catalog.Source{}, err
		}
	}
	src.RetrievedAt = s.now()
	src.CreatedAt = src.RetrievedAt
	return src, nil
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

// readArticle extracts a stored (or about to be stored) article: res,
// when not nil, is used as the extractor's reading of its text.
func (s *Service) readArticle(ctx context.Context, src catalog.Source, res *extract.Result) (*Article, error) {
	// The catalog is asked which candidate spans are titles it holds
	// (through its indexes: it is never loaded into memory).
	opt := extract.Options{Published: src.PublishedOn, Source: src.URL, Catalog: s.CatalogIndex()}
	doc, err := extract.ParseInput([]byte(src.Text), opt)
	if err != nil {
		return nil, catalog.Invalid("text", "%s", strings.TrimPrefix(err.Error(), "extract: "))
	}
	if res == nil {
		var cerr error
		res, cerr = s.extractor.ExtractDocumentContext(ctx, doc)
		if cerr != nil {
			s.log.Warn("the catalog index failed; the article was read from its text alone", "err", cerr)
		}
	}
	return &Article{Source: src, Text: doc.Text, Result: res}, nil
}

// planArticle reads the article and walks its facts against the catalog
// inside one transaction. In a dry run every change is recorded and the
// transaction is rolled back; otherwise the chosen changes (all when
// chosen is nil) are written and committed.
func (s *Service) planArticle(ctx context.Context, src catalog.Source, res *extract.Result, chosen map[string]bool, apply bool) (*Article, error) {
	a, err := s.readArticle(ctx, src, res)
	if err != nil {
		return nil, err
	}
	err = s.store.WithTx(ctx, func(q catalog.Queries) error {
		if err := s.newPlanner(q, a, chosen, apply).run(ctx); err != nil {
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
