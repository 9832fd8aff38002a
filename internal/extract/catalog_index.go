package extract

import "context"

// CatalogIndex answers which films and people of a catalog the spans of a
// text may name. The extractor asks it in batches, once per document, with
// the folded forms (catalog.FoldText) of its candidate spans; an index
// answers from its own indexes and must not hold the catalog in memory,
// which may have millions of titles and names (an IMDb import).
//
// Catalog membership is evidence, not a decision: most capitalized phrases
// are some film's title in a catalog that large, so a title the catalog
// knows still needs support from the text when it is a common word
// ("It", "Us", "Her").
type CatalogIndex interface {
	// FilmsByTitleFold returns, for each of folds that is the folded
	// title of one or more films, those films (at most a few per key,
	// the most relevant first). Keys without films are absent.
	FilmsByTitleFold(ctx context.Context, folds []string) (map[string][]KnownFilm, error)
	// PeopleByNameFold returns, for each of folds that is the folded name
	// of one or more people, how many people have that name.
	PeopleByNameFold(ctx context.Context, folds []string) (map[string]int, error)
}
