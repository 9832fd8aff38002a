// Package web is Marquee's server-rendered web site: the pages a person
// reads in a browser, built with html/template over the use cases in
// internal/app.
//
// # Pages
//
//	GET /                         upcoming releases: this week, coming up, later and TBA, recently announced
//	GET /calendar                 month grid or list (?month=2022-03&view=month|list&type=&format=&country=&label=)
//	GET /films                    every film, alphabetically, paged
//	GET /films/{slug}             a film in full: credits, release timeline per country, festivals, awards,
//	                              editions with extras and their participants, sources of every fact, JSON-LD
//	GET /films/{slug}/editions    the film's editions side by side (?diff=1 shows only the rows that differ)
//	GET /people/{slug}            filmography by role, awards, commentary and extra appearances
//	GET /labels/{slug}            a distributor's or disc label's releases and editions
//	GET /festivals                festivals
//	GET /festivals/{slug}         a festival's editions
//	GET /festivals/{slug}/{year}  one edition: selections by section and award results
//	GET /search?q=                films, people and labels (case- and accent-insensitive substrings)
//	GET /static/{file}            the stylesheet and icon, content-hashed and cached for a year
//	GET /favicon.ico              the icon, for browsers that ask for it by that name
//
// Register also installs a catch-all "/" that answers unknown paths with
// the site's 404 page; more specific patterns (the JSON API under
// /api/v1/, health checks, feeds) keep working next to it.
//
// # Rendering
//
// Templates live in templates/ and are embedded with the stylesheet in
// static/. They are parsed once, in New: one template set per page, each a
// clone of the shared layout and partials. A page handler builds a view
// model, the site renders it into a buffer (so a template failure becomes
// a clean 500 page, never half a page), sets an ETag from the body's hash
// and answers If-None-Match with 304.
//
// Dates are catalog.PartialDates and are shown at their real precision:
// "15 Mar 2022", "March 2027 — day not announced", "2022 — month not
// announced", "TBA". No day is ever invented.
//
// # Errors
//
// Every handler returns its error to one place, Site.fail, which maps it
// with catalog.KindOf: not_found is the 404 page, invalid is a 400 page
// with the message, anything else a 500 page with a generic message, and
// the cause is logged.
//
// # Security
//
// Every response carries a Content-Security-Policy without inline script
// or style (default-src 'self'; script-src 'self'; style-src 'self';
// img-src 'self' data:; frame-ancestors 'none'; base-uri 'none';
// form-action 'self'), X-Content-Type-Options: nosniff and
// Referrer-Policy: strict-origin-when-cross-origin. The site serves no
// JavaScript. All catalog text goes through html/template's contextual
// escaping; the film page's JSON-LD is JSON-encoded with <, > and &
// escaped as \u003c, \u003e and \u0026, so no catalog text can end the
// script element that holds it.
package web
