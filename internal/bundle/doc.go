// Package bundle defines Marquee's JSON bundle format: a self-contained,
// human-writable document holding a whole catalog or part of one, used by
// `marquee load`, `marquee export` and the bundled demo catalog.
//
// Records refer to each other by natural keys (slugs, festival slug plus
// year, award body slug plus category name, source keys), never by
// database IDs, so a bundle can be written by hand, diffed and loaded into
// any database. The package owns the types and their decoding; loading a
// bundle into a store is a use case of package app.
//
// # Format
//
//	{
//	  "format": "marquee-bundle", "version": 1,
//	  "default_sources": ["demo-notes"],          // cite these when a record lists none
//	  "sources":  [{"key", "kind", "url", "outlet", "title", "published_on", "text"}],
//	  "people":   [{"slug", "name", "sort_name", "birth_year", "death_year", "external_ids", "sources"}],
//	  "organizations": [{"slug", "name", "kinds", "country", "website", "sources"}],
//	  "festivals": [{"slug", "name", "country", "city", "website", "sources",
//	                 "editions": [{"year", "starts_on", "ends_on", "place"}]}],
//	  "award_bodies": [{"slug", "name", "festival", "sources",
//	                    "categories": [{"name", "person_award"}]}],
//	  "films": [{"slug", "title", "original_title", "year", "runtime_minutes", "synopsis",
//	             "tagline", "genres", "status", "external_ids", "trailers", "sources",
//	             "credits":  [{"person", "job", "department", "character", "billing", "note", "sources"}],
//	             "releases": [{"country", "type", "date", "status", "distributor",
//	                           "festival": {"festival", "year"}, "note", "sources",
//	                           "editions": [{"name", "label", "formats", "regions", "barcode",
//	                                         "catalog_number", "packaging", "disc_count", "price",
//	                                         "limited_to", "retailer_exclusive", "sources",
//	                                         "extras": [{"kind", "title", "runtime_seconds",
//	                                                     "description", "vintage", "exclusive_formats",
//	                                                     "participants": [{"person", "role"}], "sources"}]}]}],
//	             "selections":  [{"festival", "year", "section", "premiere", "note", "sources"}],
//	             "nominations": [{"award_body", "category", "year", "ceremony", "festival_year",
//	                              "person", "result", "note", "sources"}]}]
//	}
//
// A "sources" list holds citations: either a source key ("demo-notes") or
// an object {"source": "key", "field": "date", "value": "2022-03-15",
// "span": {"start": 10, "end": 24}, "confidence": 0.9, "preferred": true}.
// Dates are partial dates: "2022", "2022-03", "2022-03-15" or "TBA".
package bundle
