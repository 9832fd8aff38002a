package server

import (
	_ "embed"
	"net/http"
)

//go:embed index.html
var indexHTML []byte

// serveIndex serves the landing page until the web site replaces it.
func serveIndex(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
	w.Header().Set("Referrer-Policy", "same-origin")
	_, _ = w.Write(indexHTML)
}
