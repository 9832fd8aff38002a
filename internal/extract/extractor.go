package extract

import "context"

// Extractor turns release-announcement text into sourced facts. Build it
// once with New: it holds the compiled patterns and gazetteers, which
// are read-only afterwards, so one Extractor may serve many goroutines.
type Extractor struct {
	dates         *dateParser
	patterns      *mentionPatterns
	festivalIndex map[string]string
	extras        *extrasVocabulary
}

// New builds an Extractor.
func New() *Extractor {
	return &Extractor{
		dates:         newDateParser(),
		patterns:      newPatterns(),
		festivalIndex: newFestivalIndex(),
		extras:        newExtrasVocabulary(),
	}
}

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
	a := x.analyze(doc)
	return a.result(), nil
}
