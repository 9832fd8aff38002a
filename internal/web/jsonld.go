package web

import (
	"bytes"
	"encoding/json"
	"html/template"
	"strconv"

	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// ldPerson is a schema.org Person.
type ldPerson struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// ldMovie is the subset of schema.org Movie the film page describes.
type ldMovie struct {
	Context       string     `json:"@context"`
	Type          string     `json:"@type"`
	Name          string     `json:"name"`
	AlternateName string     `json:"alternateName,omitempty"`
	Description   string     `json:"description,omitempty"`
	DatePublished string     `json:"datePublished,omitempty"`
	Duration      string     `json:"duration,omitempty"`
	Genre         []string   `json:"genre,omitempty"`
	Director      []ldPerson `json:"director,omitempty"`
	Actor         []ldPerson `json:"actor,omitempty"`
	SameAs        []string   `json:"sameAs,omitempty"`
}

// movieJSONLD returns the film's schema.org Movie as JSON that is safe
// inside a <script type="application/ld+json"> element: json.Marshal
// escapes <, > and & as \u003c, \u003e and \u0026 (and U+2028/U+2029),
// so no catalog text can close the element or open a comment. The
// result is JSON data, never executed.
func movieJSONLD(d *app.FilmDetail) (template.JS, error) {
	f := d.Film
	m := ldMovie{
		Context:     "https://schema.org",
		Type:        "Movie",
		Name:        f.Title,
		Description: f.Synopsis,
		Genre:       f.Genres,
	}
	if f.OriginalTitle != "" && f.OriginalTitle != f.Title {
		m.AlternateName = f.OriginalTitle
	}
	if f.RuntimeMinutes > 0 {
		m.Duration = "PT" + strconv.Itoa(f.RuntimeMinutes) + "M"
	}
	// The first known release date at its own precision, else the year.
	for _, r := range d.Releases {
		if !r.Date.IsTBA() && (m.DatePublished == "" || r.Date.Compare(mustParse(m.DatePublished)) < 0) {
			m.DatePublished = r.Date.String()
		}
	}
	if m.DatePublished == "" && f.Year != 0 {
		m.DatePublished = strconv.Itoa(f.Year)
	}
	seen := map[string]bool{}
	for _, c := range d.Credits {
		p := ldPerson{Type: "Person", Name: c.PersonName}
		switch {
		case c.Department == catalog.DeptDirecting && (c.Job == "director" || c.Job == "co-director") && !seen["d"+c.PersonSlug]:
			seen["d"+c.PersonSlug] = true
			m.Director = append(m.Director, p)
		case c.Department == catalog.DeptCast && !seen["a"+c.PersonSlug]:
			seen["a"+c.PersonSlug] = true
			m.Actor = append(m.Actor, p)
		}
	}
	for _, l := range externalLinks(f.ExternalIDs) {
		m.SameAs = append(m.SameAs, l.URL)
	}
	return encodeJSONLD(m)
}

// encodeJSONLD encodes v as JSON with HTML-sensitive characters escaped.
func encodeJSONLD(v any) (template.JS, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true) // <, >, & become \u003c, \u003e, \u0026
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	b := bytes.TrimSpace(buf.Bytes())
	// Belt and braces: nothing that could end the element survives.
	if bytes.Contains(b, []byte("<")) || bytes.Contains(b, []byte(">")) {
		return "", errorf("json-ld: unescaped markup")
	}
	return template.JS(b), nil
}

func mustParse(s string) catalog.PartialDate {
	d, _ := catalog.ParsePartialDate(s)
	return d
}
