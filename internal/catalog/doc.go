// Package catalog is Marquee's domain model: films, people, credits,
// organizations, releases with partial dates, editions and their extras,
// festivals, awards, and the sources that every fact comes from.
//
// It owns the types, their validation rules, the error kinds that every
// transport maps to a status, and the Store interfaces that the storage
// layer implements. It imports only the standard library, and nothing in
// it talks to a database, the network or the clock.
package catalog
