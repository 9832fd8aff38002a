package store

import (
	"strconv"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Derived text in the raw IMDb tables. The folded columns (title_fold,
// name_fold, …) and the slug columns hold '' when their value follows
// from the source column by plain SQL, which is so for most rows:
//
//   - the fold of an ASCII text is its ASCII lower case;
//   - the slug of a text made of ASCII letters and digits in words
//     separated by single spaces is that text in lower case with hyphens
//     for the spaces (then "-YEAR" for titles with a year, then
//     "-tt0000001").
//
// Leaving them empty keeps the raw tables about a third smaller. The
// importer fills the columns with IMDbStoredFold and IMDbStoredSlug; the
// projection and the search index read them through foldOf and slugOf,
// which compute the value when the column is empty.

// IMDbStoredFold is what the raw tables store as the fold of s: "" when
// it is the ASCII lower case of s, else catalog.FoldText(s).
func IMDbStoredFold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return catalog.FoldText(s)
		}
	}
	return ""
}

// IMDbStoredSlug is what the raw tables store as the slug of a title
// (year > 0 adds the year) or a name with the IMDb ID id ("tt0133093"):
// "" when the simple rule above gives it, else the slug itself.
func IMDbStoredSlug(id, text string, year int) string {
	parts := []string{text}
	if year > 0 {
		parts = append(parts, strconv.Itoa(year))
	}
	full := IMDbSlug(id, parts...)
	if simpleSlugText(text) {
		simple := strings.ToLower(strings.ReplaceAll(text, " ", "-"))
		if year > 0 {
			simple += "-" + strconv.Itoa(year)
		}
		if simple+"-"+id == full {
			return ""
		}
	}
	return full
}

// IMDbSlug is the slug of the name parts (at most 100 bytes) followed by
// the IMDb ID, so that it is unique and stable: "the-matrix-1999-tt0133093".
func IMDbSlug(id string, parts ...string) string {
	base := catalog.Slugify(parts...)
	if len(base) > 100 {
		base = strings.TrimRight(base[:100], "-")
	}
	if base == "" {
		return id
	}
	return base + "-" + id
}

// simpleSlugText reports whether s is ASCII letters and digits in words
// separated by single spaces.
func simpleSlugText(s string) bool {
	if s == "" || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == ' ' && s[i-1] != ' ':
		default:
			return false
		}
	}
	return true
}

// asciiLower is SQL lower() limited to ASCII letters: SQLite's lower()
// is that already; PostgreSQL's follows the database's locale (Turkish
// 'I'), unless told to use the C collation.
func asciiLower(d *dialect, col string) string {
	if d.name == "postgres" {
		return `lower(` + col + ` COLLATE "C")`
	}
	return "lower(" + col + ")"
}

func (r *IMDbRun) asciiLower(col string) string { return asciiLower(r.q.d, col) }

// foldOf reads the fold column fold of the source column src.
func foldOf(d *dialect, fold, src string) string {
	return "(CASE WHEN " + fold + " = '' THEN " + asciiLower(d, src) + " ELSE " + fold + " END)"
}

func (r *IMDbRun) foldOf(fold, src string) string { return foldOf(r.q.d, fold, src) }

// slugOf reads the slug column slug of the text column src; year is the
// year column (titles) or "" (names); prefix and id make the IMDb ID.
func (r *IMDbRun) slugOf(slug, src, year, prefix, id string) string {
	simple := r.asciiLower("replace(" + src + ", ' ', '-')")
	if year != "" {
		simple += " || (CASE WHEN " + year + " BETWEEN " + strconv.Itoa(catalog.MinYear) + " AND " + strconv.Itoa(catalog.MaxYear) +
			" THEN '-' || CAST(" + year + " AS TEXT) ELSE '' END)"
	}
	return "(CASE WHEN " + slug + " = '' THEN " + simple + " || '-' || " + r.imdbIDExpr(prefix, id) + " ELSE " + slug + " END)"
}
