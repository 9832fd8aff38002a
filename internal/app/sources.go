package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/marquee-film/marquee/internal/catalog"
)

// ContentHash is the hex SHA-256 of a source's text, which identifies an
// article however often it is submitted.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// Source returns one source with its text.
func (s *Service) Source(ctx context.Context, id int64) (catalog.Source, error) {
	return s.store.GetSource(ctx, id)
}

// ListSources returns one page of sources, newest first.
func (s *Service) ListSources(ctx context.Context, f catalog.SourceFilter) ([]catalog.Source, string, error) {
	if f.Kind != "" {
		if _, err := catalog.ParseEnum("kind", string(f.Kind), catalog.SourceKinds); err != nil {
			return nil, "", err
		}
	}
	return s.store.ListSources(ctx, f)
}

// CreateSource stores a source. A source whose text or given content hash
// is already known is not stored twice: the existing one is returned and
// created is false.
func (s *Service) CreateSource(ctx context.Context, src *catalog.Source) (created bool, err error) {
	if src.ContentHash == "" && src.Text != "" {
		src.ContentHash = ContentHash(src.Text)
	}
	src.Normalize()
	if err := src.Validate(); err != nil {
		return false, err
	}
	if src.RetrievedAt.IsZero() {
		src.RetrievedAt = s.now()
	}
	src.CreatedAt = s.now()
	err = s.store.WithTx(ctx, func(q catalog.Queries) error {
		if src.ContentHash != "" {
			old, err := q.GetSourceByHash(ctx, src.ContentHash)
			if err == nil {
				*src = old
				return nil
			}
			if !catalog.IsKind(err, catalog.KindNotFound) {
				return err
			}
		}
		created = true
		return q.CreateSource(ctx, src)
	})
	return created, err
}

// TokenSource returns the source that stands for writes made with an API
// token, creating it on first use, so API writes are cited like any other.
func (s *Service) TokenSource(ctx context.Context, tok catalog.APIToken) (catalog.Source, error) {
	src := catalog.Source{
		Kind:        catalog.SourceAPI,
		Title:       fmt.Sprintf("API writes with token %q", tok.Name),
		ContentHash: ContentHash(fmt.Sprintf("marquee-api-token:%d", tok.ID)),
	}
	_, err := s.CreateSource(ctx, &src)
	return src, err
}
