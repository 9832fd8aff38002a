// Package api is Marquee's JSON API under /api/v1.
//
// New returns an http.Handler that the server mounts at "/api/v1/". Every
// route is declared once in a table (one small file per resource: films.go,
// people.go, releases.go, …) that drives both the http.ServeMux
// registration and the OpenAPI 3.1 document served at
// /api/v1/openapi.json, so the two cannot drift apart.
//
// Handlers are thin: parse the request (params.go, json.go), call one use
// case of package app, turn the result into this package's DTOs (dto.go)
// and write JSON. Catalog and app structs are never serialized directly.
//
// # Conventions
//
//   - JSON names are snake_case; IDs are numbers; records that have a slug
//     show it, and paths accept either ("/films/red-rocket-2021" or
//     "/films/12").
//   - Dates are partial dates: "2022", "2022-03", "2022-03-15" or "TBA".
//     Releases add "date_precision" (day, month, year, tba) and
//     "day_known"; a month- or year-only date is never given an invented
//     day. Other dates that are not known (a source's publication, a
//     festival's opening) are null.
//   - Unknown numbers, codes, enum values, URLs and references are null;
//     absent free text is ""; lists are always arrays.
//   - Facts about a film carry "sources": the claims that state them
//     ({source_id, field, value, span, confidence, preferred}); the film
//     response lists the cited sources once at the top level.
//   - Lists that page return {"items": [...], "next_cursor": "..."|null};
//     pass next_cursor back as ?cursor= for the next page.
//
// # Writes
//
// Every write needs "Authorization: Bearer <token>" (an active API token,
// see app.Service.CreateToken) and a JSON body sent as application/json of
// at most 1 MiB, with no unknown fields. A write is cited with the source
// named by the body's optional "source_id", else with the source that
// stands for the token, so every fact can show where it came from. Other
// records are named by slug or ID ("person": "sean-baker" or 12); a slug
// left empty on create is derived by the store. Creating answers 201 with
// a Location header and the record as its GET shows it, replacing 200,
// deleting 204. Sources to cite are created with POST /sources, which
// answers 200 with the existing source when its text is already known.
//
// # Errors
//
// Every error is {"error": {"code", "message", "field"?}} with the status
// that errors.go maps from the catalog error kind: invalid 400,
// unauthorized 401, forbidden 403, not_found 404, conflict 409, too_large
// 413, unavailable 503, internal 500 (with a generic message; the cause is
// logged). The transport adds method_not_allowed 405 (with an Allow header)
// and unsupported_media_type 415. Bad input is rejected before anything is
// written, the token's source included.
package api
