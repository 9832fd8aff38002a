package feed

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"slices"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// AtomOptions describes one Atom feed document.
type AtomOptions struct {
	// ID is the feed's permanent id, a tag: URI (see TagURI).
	ID string
	// Title is the feed's title.
	Title string
	// BaseURL is the site's root URL; entry links point at film pages
	// under it.
	BaseURL string
	// SelfURL is the feed's own URL (rel="self"); AlternateURL the web
	// page showing the same releases (rel="alternate").
	SelfURL, AlternateURL string
	// Updated is the feed's updated time when it has no entries; with
	// entries it is the latest entry's. It must not be the request time,
	// or the document (and its ETag) changes on every request.
	Updated time.Time
}

type atomFeed struct {
	XMLName   xml.Name      `xml:"http://www.w3.org/2005/Atom feed"`
	ID        string        `xml:"id"`
	Title     atomText      `xml:"title"`
	Updated   string        `xml:"updated"`
	Links     []atomLink    `xml:"link"`
	Author    atomPerson    `xml:"author"`
	Generator atomGenerator `xml:"generator"`
	Entries   []atomEntry   `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomGenerator struct {
	URI  string `xml:"uri,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
	Content    atomText       `xml:"content"`
}

// TagURI returns the tag: URI (RFC 4151) of a thing on the site at
// baseURL: TagURI("https://marquee.example", "release/42") is
// "tag:marquee.example,2026:release/42".
func TagURI(baseURL, specific string) string { return newSite(baseURL).tag(specific) }

// EncodeAtom writes releases as an Atom (RFC 4287) feed, one entry per
// release in the order given (callers sort, usually with
// SortByLastChange). Every text goes through encoding/xml, so markup in
// titles or notes arrives as text.
func EncodeAtom(opts AtomOptions, releases []catalog.Release) ([]byte, error) {
	s := newSite(opts.BaseURL)
	f := atomFeed{
		ID:    opts.ID,
		Title: atomText{Type: "text", Body: opts.Title},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: stripControls(opts.SelfURL)},
			{Rel: "alternate", Type: "text/html", Href: stripControls(opts.AlternateURL)},
		},
		Author:    atomPerson{Name: "Marquee", URI: s.base + "/"},
		Generator: atomGenerator{URI: "https://github.com/marquee-film/marquee", Body: "Marquee"},
	}
	updated := opts.Updated
	if len(releases) > 0 {
		updated = LastChange(releases)
	}
	for _, r := range releases {
		changed := changedAt(r)
		filmURL := s.filmURL(r.FilmSlug)
		e := atomEntry{
			ID:         s.tag("release/" + itoa(r.ID)),
			Title:      atomText{Type: "text", Body: headline(r) + ": " + humanDate(r.Date)},
			Updated:    atomTime(changed),
			Links:      []atomLink{{Rel: "alternate", Type: "text/html", Href: filmURL}},
			Categories: []atomCategory{{Term: string(r.Type), Label: typeName(r.Type)}},
			Summary:    atomText{Type: "text", Body: sentence(r)},
			Content:    atomText{Type: "text", Body: description(r, filmURL)},
		}
		if !r.CreatedAt.IsZero() {
			e.Published = atomTime(r.CreatedAt)
		}
		f.Entries = append(f.Entries, e)
	}
	f.Updated = atomTime(updated)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// atomTime formats an instant as an RFC 3339 date-time in UTC, to the
// second.
func atomTime(t time.Time) string { return t.UTC().Truncate(time.Second).Format(time.RFC3339) }

// SortByLastChange sorts releases most recently changed first (ties by
// higher ID first, so the order is total).
func SortByLastChange(releases []catalog.Release) {
	slices.SortStableFunc(releases, func(a, b catalog.Release) int {
		if c := changedAt(b).Compare(changedAt(a)); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
}

// LastChange returns the latest change among releases, to the second, or
// the zero time when there are none.
func LastChange(releases []catalog.Release) time.Time {
	var t time.Time
	for _, r := range releases {
		if c := changedAt(r); c.After(t) {
			t = c
		}
	}
	return t
}
