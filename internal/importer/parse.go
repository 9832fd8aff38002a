package importer

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
)

// The IMDb files are TSV, not CSV: a field never contains a tab or a
// newline, quotes are ordinary characters ("Swing it" magistern), \N is
// null, lists are comma-separated inside a field, and
// title.principals.characters is a JSON array. Rows are split on tabs by
// hand and checked here, at the edge, so that both databases accept
// exactly the same data: valid UTF-8, no NUL bytes, IDs tt/nm with 7 or
// more digits, and text within the catalog's limits.

// fileSpec describes one of the seven files.
type fileSpec struct {
	name   string   // "title.basics"
	header []string // the expected first line
	// parse checks the fields of one line and returns the row in the
	// column order of store.IMDbTables[name], or a reject reason.
	parse func(f [][]byte) ([]any, string)
}

// fileOrder is the order files are loaded in: titles and names first, so
// that the catalog steps that need them can run when a later file fails.
var fileOrder = []string{"title.basics", "name.basics", "title.akas", "title.principals", "title.crew", "title.episode", "title.ratings"}

var specs = map[string]*fileSpec{
	"title.basics": {
		header: []string{"tconst", "titleType", "primaryTitle", "originalTitle", "isAdult", "startYear", "endYear", "runtimeMinutes", "genres"},
		parse:  parseTitle,
	},
	"name.basics": {
		header: []string{"nconst", "primaryName", "birthYear", "deathYear", "primaryProfession", "knownForTitles"},
		parse:  parseName,
	},
	"title.akas": {
		header: []string{"titleId", "ordering", "title", "region", "language", "types", "attributes", "isOriginalTitle"},
		parse:  parseAka,
	},
	"title.principals": {
		header: []string{"tconst", "ordering", "nconst", "category", "job", "characters"},
		parse:  parsePrincipal,
	},
	"title.crew": {
		header: []string{"tconst", "directors", "writers"},
		parse:  parseCrew,
	},
	"title.episode": {
		header: []string{"tconst", "parentTconst", "seasonNumber", "episodeNumber"},
		parse:  parseEpisode,
	},
	"title.ratings": {
		header: []string{"tconst", "averageRating", "numVotes"},
		parse:  parseRating,
	},
}

func init() {
	for name, s := range specs {
		s.name = name
	}
}

// rowError is a reject reason.
type rowError string

// parseLine checks a whole line and splits it into fields. fields is
// reused.
func parseLine(spec *fileSpec, line []byte, fields [][]byte) ([]any, [][]byte, string) {
	if bytes.IndexByte(line, 0) >= 0 {
		return nil, fields, "contains a NUL byte"
	}
	if !utf8.Valid(line) {
		return nil, fields, "is not valid UTF-8"
	}
	fields = splitTabs(line, fields[:0])
	if len(fields) != len(spec.header) {
		return nil, fields, "has " + strconv.Itoa(len(fields)) + " columns, want " + strconv.Itoa(len(spec.header))
	}
	row, reason := spec.parse(fields)
	return row, fields, reason
}

func splitTabs(line []byte, dst [][]byte) [][]byte {
	for {
		i := bytes.IndexByte(line, '\t')
		if i < 0 {
			return append(dst, line)
		}
		dst = append(dst, line[:i])
		line = line[i+1:]
	}
}

func isNull(f []byte) bool { return len(f) == 2 && f[0] == '\\' && f[1] == 'N' }

// imdbID parses "tt0000001" (prefix and 7 or more digits) into 1.
func imdbID(f []byte, prefix string) (int64, bool) {
	if len(f) < len(prefix)+7 || len(f) > len(prefix)+15 || string(f[:len(prefix)]) != prefix {
		return 0, false
	}
	var n int64
	for _, c := range f[len(prefix):] {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

func formatID(prefix string, n int64) string {
	s := strconv.FormatInt(n, 10)
	if len(s) < 7 {
		s = strings.Repeat("0", 7-len(s)) + s
	}
	return prefix + s
}

// optInt parses a non-negative integer or \N (nil).
func optInt(f []byte) (any, bool) {
	if isNull(f) {
		return nil, true
	}
	n, ok := reqInt(f)
	if !ok {
		return nil, false
	}
	return n, true
}

func reqInt(f []byte) (int64, bool) {
	if len(f) == 0 || len(f) > 12 {
		return 0, false
	}
	var n int64
	for _, c := range f {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, true
}

func optBool(f []byte) (any, bool) {
	switch {
	case isNull(f):
		return nil, true
	case len(f) == 1 && f[0] == '0':
		return false, true
	case len(f) == 1 && f[0] == '1':
		return true, true
	}
	return nil, false
}

// text returns a field as a string: "" for \N.
func text(f []byte) string {
	if isNull(f) {
		return ""
	}
	return string(f)
}

// truncate cuts s to at most n bytes on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// slugWithID is a slug of the name parts (at most 100 bytes) followed by
// the IMDb ID, so that it is unique and stable: "the-matrix-1999-tt0133093".
func slugWithID(id string, parts ...string) string {
	base := catalog.Slugify(parts...)
	if len(base) > 100 {
		base = strings.TrimRight(base[:100], "-")
	}
	if base == "" {
		return id
	}
	return base + "-" + id
}

// genresJSON turns "Drama,Comedy" into ["drama","comedy"].
func genresJSON(f []byte) string {
	if isNull(f) || len(f) == 0 {
		return "[]"
	}
	var list []string
	for g := range strings.SplitSeq(strings.ToLower(string(f)), ",") {
		if g = strings.TrimSpace(g); g != "" && !contains(list, g) {
			list = append(list, g)
		}
	}
	if len(list) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(list)
	return string(b)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func parseTitle(f [][]byte) ([]any, string) {
	id, ok := imdbID(f[0], "tt")
	if !ok {
		return nil, "tconst " + quote(f[0]) + " is not an IMDb title ID"
	}
	title := strings.TrimSpace(text(f[2]))
	if title == "" {
		return nil, "primaryTitle is empty"
	}
	if len(title) > 500 {
		return nil, "primaryTitle is longer than 500 bytes"
	}
	orig := strings.TrimSpace(text(f[3]))
	if len(orig) > 500 {
		return nil, "originalTitle is longer than 500 bytes"
	}
	ttype := text(f[1])
	if ttype == "" || len(ttype) > 50 {
		return nil, "titleType is empty or too long"
	}
	adult, ok := optBool(f[4])
	if !ok {
		return nil, "isAdult " + quote(f[4]) + " is not 0 or 1"
	}
	if adult == nil {
		adult = false
	}
	start, ok := optInt(f[5])
	if !ok {
		return nil, "startYear " + quote(f[5]) + " is not a year"
	}
	end, ok := optInt(f[6])
	if !ok {
		return nil, "endYear " + quote(f[6]) + " is not a year"
	}
	runtime, ok := optInt(f[7])
	if !ok {
		return nil, "runtimeMinutes " + quote(f[7]) + " is not a number"
	}
	var year string
	if y, ok := start.(int64); ok && y >= catalog.MinYear && y <= catalog.MaxYear {
		year = strconv.FormatInt(y, 10)
	}
	tid := formatID("tt", id)
	return []any{id, ttype, title, orig, catalog.FoldText(title), catalog.FoldText(orig), slugWithID(tid, title, year),
		adult, start, end, runtime, genresJSON(f[8])}, ""
}

func parseName(f [][]byte) ([]any, string) {
	id, ok := imdbID(f[0], "nm")
	if !ok {
		return nil, "nconst " + quote(f[0]) + " is not an IMDb name ID"
	}
	name := strings.Join(strings.Fields(text(f[1])), " ")
	if name == "" {
		return nil, "primaryName is empty"
	}
	if len(name) > 300 {
		return nil, "primaryName is longer than 300 bytes"
	}
	birth, ok := optInt(f[2])
	if !ok {
		return nil, "birthYear " + quote(f[2]) + " is not a year"
	}
	death, ok := optInt(f[3])
	if !ok {
		return nil, "deathYear " + quote(f[3]) + " is not a year"
	}
	sort := catalog.DefaultSortName(name)
	return []any{id, name, sort, catalog.FoldText(name), catalog.FoldText(sort), slugWithID(formatID("nm", id), name),
		birth, death, text(f[4]), text(f[5])}, ""
}

func parseAka(f [][]byte) ([]any, string) {
	id, ok := imdbID(f[0], "tt")
	if !ok {
		return nil, "titleId " + quote(f[0]) + " is not an IMDb title ID"
	}
	ord, ok := reqInt(f[1])
	if !ok || ord >= 10000 {
		return nil, "ordering " + quote(f[1]) + " is not a number below 10000"
	}
	title := strings.TrimSpace(text(f[2]))
	if len(title) > 1000 {
		return nil, "title is longer than 1000 bytes"
	}
	orig, ok := optBool(f[7])
	if !ok {
		return nil, "isOriginalTitle " + quote(f[7]) + " is not 0 or 1"
	}
	return []any{id, ord, title, catalog.FoldText(title), text(f[3]), text(f[4]), text(f[5]), text(f[6]), orig}, ""
}

func parsePrincipal(f [][]byte) ([]any, string) {
	id, ok := imdbID(f[0], "tt")
	if !ok {
		return nil, "tconst " + quote(f[0]) + " is not an IMDb title ID"
	}
	ord, ok := reqInt(f[1])
	if !ok || ord >= 10000 {
		return nil, "ordering " + quote(f[1]) + " is not a number below 10000"
	}
	nm, ok := imdbID(f[2], "nm")
	if !ok {
		return nil, "nconst " + quote(f[2]) + " is not an IMDb name ID"
	}
	cat := text(f[3])
	if cat == "" || len(cat) > 50 {
		return nil, "category is empty or too long"
	}
	chars, ok := characters(f[5])
	if !ok {
		return nil, "characters " + quote(f[5]) + " is not a JSON array of strings"
	}
	return []any{id, ord, nm, cat, truncate(text(f[4]), 500), chars}, ""
}

// characters turns ["Self"] into "Self" and ["A","B"] into "A / B",
// cut to the catalog's 500 bytes.
func characters(f []byte) (string, bool) {
	if isNull(f) {
		return "", true
	}
	// Fast path: one name without escapes.
	if len(f) >= 4 && f[0] == '[' && f[1] == '"' && f[len(f)-2] == '"' && f[len(f)-1] == ']' {
		inner := f[2 : len(f)-2]
		if bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 {
			return truncate(strings.TrimSpace(string(inner)), 500), true
		}
	}
	var list []string
	if err := json.Unmarshal(f, &list); err != nil {
		return "", false
	}
	for i := range list {
		list[i] = strings.TrimSpace(list[i])
	}
	s := strings.Join(list, " / ")
	if strings.IndexByte(s, 0) >= 0 {
		return "", false // an escaped NUL
	}
	return truncate(s, 500), true
}

// idList checks a comma list of IDs ("nm0000001,nm0000002") and returns
// it as text ("" for \N).
func idList(f []byte, prefix string) (string, bool) {
	if isNull(f) {
		return "", true
	}
	for id := range bytes.SplitSeq(f, []byte{','}) {
		if _, ok := imdbID(id, prefix); !ok {
			return "", false
		}
	}
	return string(f), true
}

func parseCrew(f [][]byte) ([]any, string) {
	id, ok := imdbID(f[0], "tt")
	if !ok {
		return nil, "tconst " + quote(f[0]) + " is not an IMDb title ID"
	}
	dirs, ok := idList(f[1], "nm")
	if !ok {
		return nil, "directors is not a list of IMDb name IDs"
	}
	writers, ok := idList(f[2], "nm")
	if !ok {
		return nil, "writers is not a list of IMDb name IDs"
	}
	return []any{id, dirs, writers}, ""
}

func parseEpisode(f [][]byte) ([]any, string) {
	id, ok := imdbID(f[0], "tt")
	if !ok {
		return nil, "tconst " + quote(f[0]) + " is not an IMDb title ID"
	}
	parent, ok := imdbID(f[1], "tt")
	if !ok {
		return nil, "parentTconst " + quote(f[1]) + " is not an IMDb title ID"
	}
	season, ok := optInt(f[2])
	if !ok {
		return nil, "seasonNumber " + quote(f[2]) + " is not a number"
	}
	ep, ok := optInt(f[3])
	if !ok {
		return nil, "episodeNumber " + quote(f[3]) + " is not a number"
	}
	return []any{id, parent, season, ep}, ""
}

func parseRating(f [][]byte) ([]any, string) {
	id, ok := imdbID(f[0], "tt")
	if !ok {
		return nil, "tconst " + quote(f[0]) + " is not an IMDb title ID"
	}
	avg, err := strconv.ParseFloat(string(f[1]), 64)
	if err != nil || avg < 0 || avg > 10 {
		return nil, "averageRating " + quote(f[1]) + " is not a rating from 0 to 10"
	}
	votes, ok := reqInt(f[2])
	if !ok {
		return nil, "numVotes " + quote(f[2]) + " is not a number"
	}
	return []any{id, avg, votes}, ""
}

// quote shows a field in a reject reason, cut to 40 bytes.
func quote(f []byte) string {
	s := string(f)
	if len(s) > 40 {
		s = truncate(s, 40) + "…"
	}
	return strconv.Quote(s)
}

// rowKey returns the key of a parsed row: ID, and ordering for the
// files that have one (else 0).
func rowKey(row []any, twoPart bool) (int64, int64) {
	if twoPart {
		return row[0].(int64), row[1].(int64)
	}
	return row[0].(int64), 0
}
