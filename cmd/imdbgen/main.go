// Command imdbgen writes a synthetic IMDb dataset (the seven gzipped TSV
// files) for tests and benchmarks; see package imdbgen.
//
//	go run ./cmd/imdbgen -scale 0.01 -seed 1 -out /tmp/imdb
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/marquee-film/marquee/internal/importer/imdbgen"
)

func main() {
	scale := flag.Float64("scale", 0.01, "size relative to the full 2026 dataset (1 ≈ 204M rows)")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("out", "imdb", "output directory")
	plain := flag.Bool("plain", false, "write .tsv instead of .tsv.gz")
	flag.Parse()
	if err := imdbgen.Generate(*out, *scale, *seed, !*plain); err != nil {
		fmt.Fprintln(os.Stderr, "imdbgen:", err)
		os.Exit(1)
	}
}
