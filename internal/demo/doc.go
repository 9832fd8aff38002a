// Package demo owns Marquee's bundled demo catalog: a bundle of real,
// well-known films with their credits, releases, disc editions and
// extras, festival selections and awards, which `marquee serve` loads
// into an empty database so that every page and API filter has something
// to show.
//
// The catalog lives in catalog.json, embedded in the binary and read with
// Bundle. Facts about past releases come from the public sources the
// bundle cites. Entries dated after the catalog was compiled (late
// November 2026) are illustrative: they are marked as announced,
// postponed or cancelled, carry a note saying so and cite the
// "marquee-demo-illustrative" source, and are not real announcements.
// Every synopsis, tagline, note and description was written by the
// Marquee team; no text is copied from the cited sources, and the bundle
// keeps no article text.
package demo
