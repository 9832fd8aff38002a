package web

import (
	"github.com/marquee-film/marquee/internal/app"
	"github.com/marquee-film/marquee/internal/catalog"
)

// sourcesView is the "sources" disclosure of one fact: every claim about
// it with its source, the preferred claim first.
type sourcesView struct {
	Label  string // what the fact is, for screen readers: "the release date"
	Claims []claimView
}

type claimView struct {
	Source     catalog.Source
	Field      string
	Value      string
	Confidence float64
	Preferred  bool
	Disagrees  bool // states a value other than the record's
}

// provenance indexes a film's claims and sources.
type provenance struct {
	d       *app.FilmDetail
	sources map[int64]catalog.Source
}

func newProvenance(d *app.FilmDetail) *provenance {
	p := &provenance{d: d, sources: make(map[int64]catalog.Source, len(d.Sources))}
	for _, s := range d.Sources {
		p.sources[s.ID] = s
	}
	return p
}

// about returns the sources view of the record (t, id). current holds the
// record's value of fields claims may state ("date": "2022-03-15"); a
// claim stating another value is marked as disagreeing. Claims about
// extra subjects (an extra's participants) are appended after the
// record's own.
func (p *provenance) about(label string, t catalog.EntityType, id int64, current map[string]string, more ...catalog.EntityRef) sourcesView {
	claims := p.d.ClaimsAbout(t, id)
	for _, ref := range more {
		claims = append(claims, p.d.ClaimsAbout(ref.Type, ref.ID)...)
	}
	preferred := map[string]string{}
	for k, v := range current {
		preferred[k] = v
	}
	for _, c := range claims {
		if c.Preferred && c.Field != "" {
			preferred[c.Field] = c.Value
		}
	}
	v := sourcesView{Label: label}
	for _, c := range claims {
		cv := claimView{
			Source:     p.sources[c.SourceID],
			Field:      c.Field,
			Value:      c.Value,
			Confidence: c.Confidence,
			Preferred:  c.Preferred && c.Field != "",
		}
		if cv.Source.ID == 0 {
			cv.Source = catalog.Source{ID: c.SourceID, Title: "Source no longer available"}
		}
		if want, ok := preferred[c.Field]; ok && c.Field != "" && !c.Preferred && c.Value != want {
			cv.Disagrees = true
		}
		v.Claims = append(v.Claims, cv)
	}
	return v
}
