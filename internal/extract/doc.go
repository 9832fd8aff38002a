// Package extract turns release-announcement prose into structured,
// sourced facts: which films an article is about, their releases
// (format, date, label, region, edition, price), credits, bonus
// features and festival history.
//
// The pipeline is a chain of small stages, most of them pure functions
// over the document text:
//
//  1. Input (input.go, html.go): plain text or HTML; the corpus header
//     layouts ("date YYYY-MM-DD ..." on one line, or date and source
//     lines) give the publication date and source. HTML is reduced to
//     the text of its main <article>/<main>/<body> without scripts,
//     styles, forms or page chrome; italics are kept as title hints.
//  2. Segmentation (segment.go, tokens.go): blocks (paragraphs,
//     headings, list items), sentences and tokens, all as byte offsets
//     into the text.
//  3. Recognition (mentions.go, dates.go, runs.go, people.go, films.go,
//     festivals.go): gazetteer and pattern mentions (formats, labels,
//     festivals, awards, prices, regions, runtimes, editions), dates,
//     capitalized runs, people tied to a cue (a role word, "starring",
//     "directed by", "Part (Actor)", "Actor as Part"), and film titles:
//     runs that a general cue marks as a title (a release verb, a genre
//     noun, a possessive director, a format, a year in parentheses, a
//     title list), merged with their short forms. Labels the gazetteer
//     does not know are read from their place (orgs.go): a capitalized
//     name after "from", "via" or "courtesy of" in a release sentence,
//     or opening one with a label's verb ("X has announced").
//     Given the catalog's Gazetteer (Options.Known, known.go), known
//     titles count without a cue and known people are people wherever
//     their full name appears; recognition alone invents no credit.
//     Recognisers run only where they can match (gazmatch.go): names by
//     a first-bytes index, patterns behind a per-sentence word gate,
//     anchored at the words a match starts with or in a window before
//     the word it ends with.
//  4. Relations (facts.go, extras.go, post.go): each fact goes to the
//     film named nearest before it in its sentence, else after it, else
//     the film in focus; formats bind to the next date in their clause;
//     lists of titles take the release their introduction announces;
//     extras lists are split into items with kinds, titles and
//     participants; duplicate facts merge.
//  5. Dates (dates.go): absolute and partial dates resolve against the
//     publication date to the next occurrence on or after it, with the
//     precision the text gives (never an invented day). Without a
//     publication date, relative dates stay unresolved and keep their
//     words.
//
// Patterns and gazetteers are compiled once by New into an Extractor,
// which holds no mutable state and can be shared between goroutines.
// Every fact in a Result carries an Evidence span of rune offsets
// [Start, End) into Document.Text and a confidence in 0..1. ToLabels
// converts a Result to the corpus label schema used for evaluation
// (see package evaluate).
package extract
