// Package evaluate scores extraction output against hand-made labels in
// the corpus label schema (extract.Labels).
//
// Scoring follows the corpus README: films are aligned by normalised
// title; every other fact is a tuple keyed by its film and matched one
// to one: director, writer and cast (film, name); character (film, name,
// character); release (film, format, date); label (film, format, label);
// extra (film, title, or kind when untitled); commentator (film, name)
// for named audio-commentary participants; festival (film, name, year).
// Each type gets precision, recall and F1, and the micro-average sums
// the counts of all types.
//
// Normalisation: text is compared case- and accent-folded with
// punctuation ignored; person names also match as bare surnames
// ("Baker" ~ "Sean Baker"); labels ignore a leading "The"; extra titles
// ignore leading articles, quantities and "new"; festival names ignore
// "Film", "Festival", "International" and "The", so "Cannes" matches
// "Cannes Film Festival".
//
// RunCorpus runs an Extractor over DIR/articles/*.txt and scores each
// article against DIR/labels/*.json; WriteTable prints the result and
// Diff lists the missed and spurious facts of one article.
package evaluate
