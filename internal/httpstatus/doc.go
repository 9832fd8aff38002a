// Package httpstatus maps catalog error kinds to HTTP status codes, once,
// for every HTTP transport (the JSON API, the feeds, the web pages).
package httpstatus
