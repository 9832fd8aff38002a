package extract

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
)

// MaxInputBytes bounds one input. Larger inputs are refused rather than
// truncated, so a fact never points into a silently dropped tail.
const MaxInputBytes = 16 << 20

// Input errors. Callers can test for them with errors.Is.
var (
	ErrEmpty    = errors.New("extract: input is empty")
	ErrTooLarge = errors.New("extract: input is larger than 16 MiB")
	ErrBinary   = errors.New("extract: input looks like binary data, not text or HTML")
)

// Options configure one extraction.
type Options struct {
	// Published is the publication date relative dates are resolved
	// against. It must be day-precise to be used; it overrides a date in
	// the input's header line. The zero value means "not given".
	Published catalog.PartialDate
	// Source is recorded in the result when the input has no source line.
	Source string
	// Known, when set and Catalog is not, is a small in-memory catalog
	// index (see Gazetteer).
	Known *Gazetteer
	// Catalog, when set, is asked which candidate spans name films and
	// people the catalog holds (see CatalogIndex).
	Catalog CatalogIndex
}

// Document is an input reduced to the text that facts point into.
type Document struct {
	// Text is the text every evidence span indexes (in runes). For plain
	// text it is the input itself (invalid UTF-8 replaced by U+FFFD); for
	// HTML it is the main text the markup was reduced to.
	Text string
	// Body is the byte offset in Text where the article starts, after
	// any "date"/"source" header lines.
	Body int
	// Published is the publication date, TBA when unknown.
	Published catalog.PartialDate
	// Source is the article's address when the input names one.
	Source string
	// HTML reports whether the input was HTML.
	HTML bool
	// emphasis holds byte spans of Text that the markup set in italics or
	// as a citation: strong hints for film titles.
	emphasis []span
	// catalog is Options.Catalog, or Options.Known.
	catalog CatalogIndex
}

var (
	headerDateRE   = regexp.MustCompile(`^\s*date\s+(\d{4}-\d{2}-\d{2}|unknown)\b[ \t]*`)
	headerSourceRE = regexp.MustCompile(`^source\s+(\S+)[ \t]*$`)
)

// ParseInput decodes raw input (plain text or HTML, either corpus
// layout) into a Document. opt.Published, when day-precise, wins over a
// header date.
func ParseInput(data []byte, opt Options) (Document, error) {
	if len(data) > MaxInputBytes {
		return Document{}, ErrTooLarge
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Document{}, ErrEmpty
	}
	if looksBinary(data) {
		return Document{}, ErrBinary
	}
	text := strings.ToValidUTF8(string(data), "\uFFFD")
	text = strings.TrimPrefix(text, "\uFEFF")
	doc := Document{Published: catalog.TBA(), Source: opt.Source, catalog: opt.Catalog}
	if doc.catalog == nil && opt.Known != nil {
		doc.catalog = opt.Known
	}
	header, body := splitHeader(text, &doc)
	if looksHTML(body) {
		main, emph := htmlToText(body)
		doc.HTML = true
		doc.Text = header + main
		doc.Body = len(header)
		for _, e := range emph {
			doc.emphasis = append(doc.emphasis, span{e.start + len(header), e.end + len(header)})
		}
	} else {
		doc.Text = text
		doc.Body = len(header)
	}
	if opt.Published.Precision() == catalog.PrecisionDay {
		doc.Published = opt.Published
	}
	return doc, nil
}

// splitHeader recognises the corpus header layouts and returns the
// header text (kept verbatim so offsets stay those of the input) and the
// body. It fills doc.Published and doc.Source from the header.
func splitHeader(text string, doc *Document) (header, body string) {
	m := headerDateRE.FindStringSubmatchIndex(text)
	if m == nil {
		return "", text
	}
	if v := text[m[2]:m[3]]; v != "unknown" {
		if d, err := catalog.ParsePartialDate(v); err == nil && d.Precision() == catalog.PrecisionDay {
			doc.Published = d
		}
	}
	rest := text[m[1]:]
	if !strings.HasPrefix(rest, "\n") && !strings.HasPrefix(rest, "\r\n") {
		// Layout 1: the text follows the date on the same line.
		return text[:m[1]], rest
	}
	end := m[1] + 1
	if strings.HasPrefix(rest, "\r\n") {
		end++
	}
	line, next := nextLine(text, end)
	if sm := headerSourceRE.FindStringSubmatch(strings.TrimRight(line, "\r")); sm != nil {
		if doc.Source == "" {
			doc.Source = sm[1]
		}
		end = next
	}
	return text[:end], text[end:]
}

// looksBinary reports whether data holds many control bytes or NULs, as
// images, archives and executables do.
func looksBinary(data []byte) bool {
	sample := data
	if len(sample) > 8192 {
		sample = sample[:8192]
	}
	bad := 0
	for _, b := range sample {
		if b == 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f') {
			bad++
		}
	}
	if bad*10 > len(sample) {
		return true
	}
	// Mostly invalid UTF-8 is binary too.
	if !utf8.Valid(sample) {
		invalid := 0
		for i := 0; i < len(sample); {
			r, n := utf8.DecodeRune(sample[i:])
			if r == utf8.RuneError && n == 1 {
				invalid++
			}
			i += n
		}
		return invalid*4 > len(sample)
	}
	return false
}

var htmlStartRE = regexp.MustCompile(`(?i)^\s*(?:<!doctype\s+html|<html|<head|<body|<article|<main|<div|<p[\s>]|<h[1-6]|<section|<!--)`)
var htmlTagRE = regexp.MustCompile(`(?i)</?(?:p|div|br|span|a|em|i|b|strong|li|ul|h[1-6]|script|style|article|body|html)\b[^>]*>`)

// looksHTML reports whether s is markup rather than prose: it starts like
// an HTML document or holds many tags.
func looksHTML(s string) bool {
	if htmlStartRE.MatchString(s) {
		return true
	}
	probe := s
	if len(probe) > 65536 {
		probe = probe[:65536]
	}
	tags := htmlTagRE.FindAllStringIndex(probe, 64)
	return len(tags) >= 4
}
