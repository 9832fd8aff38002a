// Package evaluate scores extraction output against hand-made labels in
// the corpus label schema (extract.Labels).
//
// Scoring follows the corpus README: films are paired one to one by
// normalised title (equal titles first, then a title that starts the other
// at a word boundary and covers at least 60% of it); every other fact is a tuple keyed by its film and matched one
// to one: director, writer and cast (film, name); character (film, name,
// character); release (film, format, date); label (film, format, label);
// extra (film, title, or kind when untitled); commentator (film, name)
// for named audio-commentary participants; festival (film, name, year).
// Each type gets precision, recall and F1, and the micro-average sums
// the counts of all types.
//
// Normalisation: text is compared case- and accent-folded with
// punctuation ignored; titles also without a leading article; person names also match as bare surnames
// ("Baker" ~ "Sean Baker"); labels ignore a leading "The"; extra titles
// ignore leading articles, quantities and "new"; festival names ignore
// "Film", "Festival", "International" and "The", so "Cannes" matches
// "Cannes Film Festival".
//
// The corpus is split for honest measurement (HeldOut): articles whose
// number is divisible by 3 are only scored, never studied or fitted to.
//
// RunCorpus runs an Extractor over DIR/articles/*.txt and scores each
// article against DIR/labels/*.json; WriteTable prints the result and
// Diff lists the missed and spurious facts of one article.
//
// Variants rewrites one article in other typography and layout that state
// the same facts: straight or curly quotes, rotated dashes, no-break,
// narrow and zero-width spaces and soft hyphens, hard wrapping at 72
// columns, list items in four bullet styles, an HTML page, the headline
// in Title Case or upper case, and the header date made unknown (NoDate).
// Each variant is deterministic and keeps the header lines intact (except
// no-date). TestVariantsKeepFacts requires every variant's facts to score
// perfectly against the original's (without a date, a release date may
// only become unresolved) and ratchets the number of pairs that do not.
package evaluate
