// Package extract turns release-announcement prose into structured,
// sourced facts: which films an article is about, their releases
// (format, date, label, countries, region, price), credits, bonus
// features and festival history.
//
// # Stages
//
// Each stage is a function from the previous stage's typed output to its
// own; recognize (pipeline.go) runs them in order.
//
//  1. Input (input.go, html.go): plain text or HTML (the main
//     <article>/<main>/<body> without scripts, styles or page chrome,
//     italics kept), the corpus header layouts giving the publication
//     date and source.
//  2. Text (text.go, segment.go, parse.go): tokens with typography
//     absorbed (every quote is a quote, every dash a dash, no-break and
//     zero-width spaces are spaces, soft hyphens vanish); blocks
//     (paragraphs, headings, list items, runs of parallel short lines)
//     where a line break inside a paragraph is a space whatever the wrap
//     width (in text whose paragraphs are separated by blank lines, even
//     after a sentence that ends a full line); a run of short lines is a
//     list, bulleted or not; sentences ("Shout! Factory" is not two).
//     A plural possessive ("Abrams’ film") is a possessive word.
//  3. Vocabulary (lexmatch.go, dates.go): the phrases of the lexicon
//     (package lexicon: formats, labels, services, festivals, prizes,
//     roles, bonus features, descriptive nouns, verbs of release,
//     countries, places, retailers, calendar words, closed-class words,
//     given names) found
//     in each sentence, and dates read by rules over tokens. These are
//     closed language: rules, not models.
//  4. Titles (titles.go, title_features.go, films.go): every title-like
//     span is a candidate (sub-spans of capitalized runs cut where a word
//     of another kind meets them, quoted and italic spans, list heads;
//     a capitalized run ends where italics start or stop, and an italic
//     span reads as a quoted one: house styles set titles apart either
//     way, and the corpus, plain text, taught the model only quotes).
//     A capitalized word the lexicon knows as a role, verb or descriptor
//     may open or close a longer title in mid-sentence ("Star Trek Into
//     Darkness"); formats, labels, dates and the like never do.
//     Candidates with the same key are judged together on the union of
//     their features (shape, typography, layout, the classes of the words
//     around them, repetition, whether the article's web address spells
//     it; never the identity of a content word) by the title model. With a CatalogIndex, membership in the catalog
//     raises a title's score through a second fitted model; absence
//     lowers nothing. Every span of a capitalized run (up to 8 tokens)
//     is looked up too, so a known title inside a longer capitalized
//     phrase becomes a candidate. Mentions make films: the same key is
//     one film, and a key that starts or ends a longer one is its short
//     form when the longer key scores at least half as well ("Fallen
//     Kingdom" in "Jurassic World: Fallen Kingdom", but not
//     "Oppenheimer" in a weak "J. Robert Oppenheimer").
//  5. People (people.go): runs of two to four name words are candidates
//     scored by the person model; accepted people get a probability per
//     role (director, writer, cast) from the role models, which read the
//     role words and verbs around them. A surname alone is the person
//     named in full elsewhere. A name the model nearly accepts is
//     accepted beside an accepted person in a list ("A, B, C and D").
//     A film whose mentions all lie inside
//     people is none; one named only by mentions that are people takes
//     the name of its other mentions (a biopic named after its subject).
//     A film named only where a bonus feature's title is written (an
//     item of an extras list, a quoted featurette) is none either.
//  6. Facts (releases.go, attach.go, extras.go, festivals.go,
//     pipeline.go): a format named with films in one sentence is a
//     release of each film the release-pair model pairs it with;
//     elsewhere the attach model chooses the film (or none) among those
//     named. A sentence that announces a dated release of a film without
//     a format (or a list item with a day, a month or "TBA") inherits the
//     format the text was about (its paragraph, the paragraph that
//     introduces its list, the last heading) and is a release of each
//     film it names. Each release's date and label are chosen (or none)
//     among the dates and organizations nearby by choice models; a date's
//     statement has passed when the nearest tense-bearing word before it
//     says so ("will be released" is to come, "opened" has passed).
//     A possessive name directly before a title is that film's
//     ("Mara Voss's Tin Harbor": syntax); other credits go to the film
//     the attach model picks, which reads whether a possessive name's
//     next film is the candidate.
//     Extras and festivals are closed language, read by rules and
//     attached by the attach model (an extra is titled as the corpus
//     labels it: a listed name with its capitalized subtitle, deleted
//     scenes with a name of their own; commentaries and interviews go by
//     their kind and people); "8 featurettes (A, B and C)" is one
//     extra per name, and a festival named without a year takes another
//     mention's, or the publication year when the article reports on it.
//  7. Decision and result (pipeline.go, result.go): a proposed title is a
//     film the article is about when the title model is confident or a
//     release or credit attaches to it (unless it is only a place); the
//     Result lists each with its
//     facts, every fact with an Evidence span of rune offsets into
//     Document.Text and a confidence.
//
// # Weights
//
// Every model is logistic (a choice model is a softmax over candidates
// plus "none"), its weights fitted by cmd/marquee-fit (go generate) to the
// development part of the labelled corpus (articles whose number is not
// divisible by 3; the rest is held out and only scored) and to package
// synth's own labelled articles, and embedded from weights.json. The
// command averages ten fits, each beside its own sample of synthetic
// articles (AverageWeights), so that the weights depend less on one
// sample. Fit and
// the gold-title helpers (fit.go) are what the command calls; Explain
// (explain.go, marquee extract --explain) shows each stage's decisions.
//
// An Extractor holds no mutable state after New and may be shared between
// goroutines. ToLabels converts a Result to the corpus label schema used
// for evaluation (see package evaluate).
package extract
