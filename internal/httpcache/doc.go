// Package httpcache keeps whole HTTP responses of catalog reads in memory,
// so that a popular page or API resource is read from the database and
// rendered once, not on every request. The web site and the JSON API both
// put it in front of their read-only routes.
//
// An entry is served only at the catalog version it was rendered at (see
// app.Service.CatalogVersion), so a write this process commits is seen by
// the very next request, and only while it is younger than a TTL, which
// bounds how long a write by another process can go unseen.
package httpcache
