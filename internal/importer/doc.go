// Package importer loads the IMDb datasets (title.basics, title.akas,
// title.crew, title.principals, title.ratings, title.episode,
// name.basics; gzipped TSV) into the catalog.
//
// Each file is streamed through a staged pipeline (load.go): one
// goroutine reads and decompresses it and cuts the text into chunks of
// whole lines (readChunks), parser goroutines check and convert the
// chunks in parallel (parseChunks), and one writer puts the rows back in
// file order and commits them in large batches into the raw imdb_*
// tables (fileWriter, store.IMDbRun). Each commit also
// records the file's last committed line, so an interrupted import
// continues there with --resume. After the files, the run maps the raw
// rows into films, people and credits (store.IMDbRun.Project) and
// rebuilds the search index.
package importer
