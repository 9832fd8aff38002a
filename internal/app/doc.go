// Package app holds Marquee's use cases: the operations that the JSON API,
// the web pages, the CLI and background jobs share. It owns transactions
// and business rules — normalizing and validating input, deriving slugs,
// recording which source states each fact, assembling a film "in full",
// loading and exporting bundles, seeding the demo catalog and managing API
// tokens — on top of the catalog.Store interface. It never formats HTTP,
// HTML or terminal output.
package app
