package extract

import (
	"context"

	"github.com/marquee-film/marquee/internal/extract/lexicon"
)

// Extractor turns release-announcement text into sourced facts. Build it
// once with New: it holds the vocabulary and the fitted weights, which
// are read-only afterwards, so one Extractor may serve many goroutines.
type Extractor struct {
	vocab   *vocabulary
	weights *Weights
}

// New builds an Extractor with the embedded vocabulary and weights.
func New() *Extractor {
	w, err := loadWeights(weightsJSON)
	if err != nil {
		panic(err) // the embedded weights are checked by the tests
	}
	return NewWithWeights(w)
}

// NewWithWeights builds an Extractor with other weights (for fitting and
// evaluating them).
func NewWithWeights(w *Weights) *Extractor {
	return &Extractor{vocab: newVocabulary(lexicon.MustLoad()), weights: w}
}

// Weights returns the extractor's weights.
func (x *Extractor) Weights() *Weights { return x.weights }

// Extract reads one input (plain text or HTML, either corpus layout) and
// returns what it states. It fails only on unusable input (empty,
// binary, too large); text that names no film gives an empty result.
func (x *Extractor) Extract(data []byte, opt Options) (*Result, error) {
	doc, err := ParseInput(data, opt)
	if err != nil {
		return nil, err
	}
	return x.ExtractDocument(doc), nil
}

// ExtractDocument extracts the facts of a parsed document.
func (x *Extractor) ExtractDocument(doc Document) *Result {
	res, _ := x.ExtractDocumentContext(context.Background(), doc)
	return res
}

// ExtractDocumentContext extracts the facts of a parsed document, asking
// the document's CatalogIndex (Options.Catalog) under ctx. A failing
// index is not fatal: the result is what the text alone supports, and the
// index's error is returned beside it.
func (x *Extractor) ExtractDocumentContext(ctx context.Context, doc Document) (*Result, error) {
	p := x.parse(doc)
	st := x.recognize(ctx, p, doc.catalog)
	return st.result(), st.catalogErr
}
