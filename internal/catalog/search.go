package catalog

import "context"

// SearchQuery asks for titles and people matching Text: case- and
// accent-insensitive, every word a prefix of a word of the name (for
// type-ahead), exact matches first, then the most popular.
type SearchQuery struct {
	Text string
	// Kinds limits the result to films or people; empty means both.
	Kinds []EntityType
	// Limit is the most hits per kind; 0 means 20, at most 100.
	Limit int
}

// EffectiveLimit returns the limit to use for q.
func (q SearchQuery) EffectiveLimit() int {
	switch {
	case q.Limit <= 0:
		return 20
	case q.Limit > 100:
		return 100
	}
	return q.Limit
}

// SearchHit is one film or person found by Search.
type SearchHit struct {
	Kind    EntityType // EntityFilm or EntityPerson
	ID      int64
	Slug    string
	Name    string // the film's title or the person's name
	Year    int    // films only
	Matched string // the alternative title that matched, when not Name
	Exact   bool   // the whole query equals the (folded) name or title
	Votes   int64  // IMDb votes for films, credits for people; the popularity order
}

// Rating is a film's audience rating from a dataset.
type Rating struct {
	Average float64 // 1.0 to 10.0
	Votes   int64
}

// Searcher finds films (by title or alternative title, episodes left out)
// and people by name. Stores build their index during dataset imports.
type Searcher interface {
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
}

// RatingReader returns a film's rating; KindNotFound when it has none.
type RatingReader interface {
	GetFilmRating(ctx context.Context, filmID int64) (Rating, error)
}
