// Package server assembles Marquee's HTTP server: it mounts the JSON API,
// the web pages and the feeds on one ServeMux, adds the
// cross-cutting middleware (panic recovery, request IDs, access logs,
// metrics, security headers), serves /healthz, /readyz and /metrics, and
// runs with graceful shutdown. It holds no business logic.
package server
