package demo

import (
	"bytes"
	_ "embed"

	"github.com/marquee-film/marquee/internal/bundle"
)

//go:embed catalog.json
var catalogJSON []byte

// Bundle decodes the embedded demo catalog. Each call returns a new,
// independent copy that the caller may modify.
func Bundle() (*bundle.Bundle, error) {
	return bundle.Decode(bytes.NewReader(catalogJSON))
}
