package app

import (
	"context"

	"github.com/marquee-film/marquee/internal/extract"
)

// Ingest's test hooks: the use cases with the extractor's reading of the
// text given, so that tests of the planner do not depend on how well the
// extractor reads a text.

// SubmitResult is SubmitArticle with res as the extractor's result.
func (s *Service) SubmitResult(ctx context.Context, in ArticleInput, res *extract.Result) (*Article, error) {
	return s.submitArticle(ctx, in, res)
}

// ApplyResult is ApplyArticle with res as the extractor's result.
func (s *Service) ApplyResult(ctx context.Context, sourceID int64, res *extract.Result, only []string) (*Article, error) {
	return s.applyArticle(ctx, sourceID, res, only)
}

// PreviewResult is PreviewArticle with res as the extractor's result.
func (s *Service) PreviewResult(ctx context.Context, in ArticleInput, res *extract.Result) (*Article, error) {
	return s.previewArticle(ctx, in, res)
}
