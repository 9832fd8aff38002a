package importer

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/store"
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
	parse func(p *rowParser, f [][]byte) ([]any, string)
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

// rowParser checks and converts lines, reusing memory across them: the
// fields slice; text fields that are substrings of one string copy of
// the chunk (setChunk) instead of one allocation each; rows cut from one
// slab per chunk; and small repeated values (categories, title types)
// boxed once. A parser is used by one goroutine.
type rowParser struct {
	spec   *fileSpec
	fields [][]byte
	buf    []byte // the chunk's buffer; lines and fields are slices of it
	str    string // buf as a string
	slab   []any
	boxed  map[string]any
	cats   map[string]any // principals' category, coded (store.IMDbCategoryCode)
}

func newRowParser(spec *fileSpec) *rowParser {
	return &rowParser{spec: spec, boxed: map[string]any{}, cats: map[string]any{}}
}

// setChunk prepares for lines that are slices of buf (nil for none),
// about n of them.
func (p *rowParser) setChunk(buf []byte, n int) {
	p.buf, p.str = buf, string(buf)
	p.slab = make([]any, n*len(p.spec.header))
}

// text returns a field as a string ("" for \N), without copying when the
// field lies in the chunk.
func (p *rowParser) text(f []byte) string {
	if isNull(f) || len(f) == 0 {
		return ""
	}
	if off := cap(p.buf) - cap(f); off >= 0 && off+len(f) <= len(p.buf) && &p.buf[off] == &f[0] {
		return p.str[off : off+len(f)]
	}
	return string(f)
}

// box returns a short field with few distinct values (\N as "") as an
// interface value, allocating each distinct value once.
func (p *rowParser) box(f []byte) any {
	if v, ok := p.boxed[string(f)]; ok {
		return v
	}
	var v any = text(f)
	if len(p.boxed) < 1000 {
		p.boxed[string(f)] = v
	}
	return v
}

// category returns the stored form of a principals category, boxed once
// per distinct value.
func (p *rowParser) category(f []byte) any {
	if v, ok := p.cats[string(f)]; ok {
		return v
	}
	var v any = store.IMDbCategoryCode(string(f))
	if len(p.cats) < 1000 {
		p.cats[string(f)] = v
	}
	return v
}

// fill returns a row of the values.
func (p *rowParser) fill(vals ...any) []any {
	r := p.row(len(vals))
	copy(r, vals)
	return r
}

// row returns a row of n columns.
func (p *rowParser) row(n int) []any {
	if len(p.slab) < n {
		p.slab = make([]any, 1024*n)
	}
	r := p.slab[:n:n]
	p.slab = p.slab[n:]
	return r
}

// parse checks a whole line and converts it.
func (p *rowParser) parse(line []byte) ([]any, string) {
	if bytes.IndexByte(line, 0) >= 0 {
		return nil, "contains a NUL byte"
	}
	if !utf8.Valid(line) {
		return nil, "is not valid UTF-8"
	}
	p.fields = splitTabs(line, p.fields[:0])
	if len(p.fields) != len(p.spec.header) {
		return nil, "has " + strconv.Itoa(len(p.fields)) + " columns, want " + strconv.Itoa(len(p.spec.header))
	}
	return p.spec.parse(p, p.fields)
}

// parseLine checks a whole line and splits it into fields. fields is
// reused.
func parseLine(spec *fileSpec, line []byte, fields [][]byte) ([]any, [][]byte, string) {
	p := newRowParser(spec)
	p.fields = fields
	row, reason := p.parse(line)
	return row, p.fields, reason
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

func parseTitle(p *rowParser, f [][]byte) ([]any, string) {
	id, ok := imdbID(f[0], "tt")
	if !ok {
		return nil, "tconst " + quote(f[0]) + " is not an IMDb title ID"
	}
	title := strings.TrimSpace(p.text(f[2]))
	if title == "" {
		return nil, "primaryTitle is empty"
	}
	if len(title) > 500 {
		return nil, "primaryTitle is longer than 500 bytes"
	}
	orig := strings.TrimSpace(p.text(f[3]))
	if len(orig) > 500 {
		return nil, "originalTitle is longer than 500 bytes"
	}
	if len(f[1]) == 0 || isNull(f[1]) || len(f[1]) > 50 {
		return nil, "titleType is empty or too long"
	}
	ttype := p.box(f[1])
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
	var year int
	if y, ok := start.(int64); ok && y >= catalog.MinYear && y <= catalog.MaxYear {
		year = int(y)
	}
	tid := formatID("tt", id)
	return p.fill(id, ttype, title, orig, store.IMDbStoredFold(title), store.IMDbStoredFold(orig), store.IMDbStoredSlug(tid, title, year),
		adult, start, end, runtime, genresJSON(f[8])), ""
}

func parseName(p *rowParser, f [][]byte) ([]any, string) {
	id, ok := imdbID(f[0], "nm")
	if !ok {
		return nil, "nconst " + quote(f[0]) + " is not an IMDb name ID"
	}
	name := strings.Join(strings.Fields(p.text(f[1])), " ")
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
	known, ok := p.idList(f[5], "tt")
	if !ok {
		return nil, "knownForTitles is not a list of IMDb title IDs"
	}
	sort := catalog.DefaultSortName(name)
	return p.fill(id, name, sort, store.IMDbStoredFold(name), store.IMDbStoredFold(sort), store.IMDbStoredSlug(formatID("nm", id), name, 0),
		birth, death, p.text(f[4]), known), ""
}

func parseAka(p *rowParser, f [][]byte) ([]any, string) {
	id, ok := imdbID(f[0], "tt")
	if !ok {
		return nil, "titleId " + quote(f[0]) + " is not an IMDb title ID"
	}
	ord, ok := reqInt(f[1])
	if !ok || ord >= 10000 {
		return nil, "ordering " + quote(f[1]) + " is not a number below 10000"
	}
	title := strings.TrimSpace(p.text(f[2]))
	if len(title) > 1000 {
		return nil, "title is longer than 1000 bytes"
	}
	orig, ok := optBool(f[7])
	if !ok {
		return nil, "isOriginalTitle " + quote(f[7]) + " is not 0 or 1"
	}
	return p.fill(id, ord, title, store.IMDbStoredFold(title), p.box(f[3]), p.box(f[4]), p.text(f[5]), p.text(f[6]), orig), ""
}

func parsePrincipal(p *rowParser, f [][]byte) ([]any, string) {
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
	if len(f[3]) == 0 || isNull(f[3]) || len(f[3]) > 50 {
		return nil, "category is empty or too long"
	}
	chars, ok := p.characters(f[5])
	if !ok {
		return nil, "characters " + quote(f[5]) + " is not a JSON array of strings"
	}
	return p.fill(id, ord, nm, p.category(f[3]), truncate(p.text(f[4]), 500), chars), ""
}

// characters turns ["Self"] into "Self" and ["A","B"] into "A / B",
// cut to the catalog's 500 bytes.
func (p *rowParser) characters(f []byte) (string, bool) {
	if isNull(f) {
		return "", true
	}
	// Fast path: one name without escapes.
	if len(f) >= 4 && f[0] == '[' && f[1] == '"' && f[len(f)-2] == '"' && f[len(f)-1] == ']' {
		inner := f[2 : len(f)-2]
		if bytes.IndexByte(inner, '\\') < 0 && bytes.IndexByte(inner, '"') < 0 {
			return truncate(strings.TrimSpace(p.text(inner)), 500), true
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
// idList checks a comma-separated list of IMDb IDs and returns it as
// their numbers ("nm0000001,nm10000002" -> "1,10000002"), as the raw
// tables key rows by the number too.
func (p *rowParser) idList(f []byte, prefix string) (string, bool) {
	if isNull(f) {
		return "", true
	}
	out := make([]byte, 0, len(f))
	for id := range bytes.SplitSeq(f, []byte{','}) {
		n, ok := imdbID(id, prefix)
		if !ok {
			return "", false
		}
		if len(out) > 0 {
			out = append(out, ',')
		}
		out = strconv.AppendInt(out, n, 10)
	}
	return string(out), true
}

func parseCrew(p *rowParser, f [][]byte) ([]any, string) {
	id, ok := imdbID(f[0], "tt")
	if !ok {
		return nil, "tconst " + quote(f[0]) + " is not an IMDb title ID"
	}
	dirs, ok := p.idList(f[1], "nm")
	if !ok {
		return nil, "directors is not a list of IMDb name IDs"
	}
	writers, ok := p.idList(f[2], "nm")
	if !ok {
		return nil, "writers is not a list of IMDb name IDs"
	}
	return p.fill(id, dirs, writers), ""
}

func parseEpisode(p *rowParser, f [][]byte) ([]any, string) {
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
	return p.fill(id, parent, season, ep), ""
}

func parseRating(p *rowParser, f [][]byte) ([]any, string) {
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
	return p.fill(id, avg, votes), ""
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
