// Package fetch downloads articles from the web for ingestion, safely: it
// speaks only http and https, refuses loopback, private, link-local,
// multicast and cloud-metadata addresses after DNS resolution and on every
// redirect (so a hostname that resolves to 127.0.0.1, a decimal IP such as
// 2130706433, or a redirect to a private address are all refused), dials
// the address it checked (no DNS rebinding between check and connect),
// caps time, redirects and the decoded body size, and accepts only HTML
// and plain text.
package fetch
