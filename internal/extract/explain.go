package extract

import (
	"context"
	"fmt"
	"strings"
)

// Explain lists what each stage decided about an input, with the
// probabilities the models gave: films, people and their roles, format
// mentions with the film they attach to and their date and label
// candidates. It is for understanding a result, not for parsing.
func (x *Extractor) Explain(data []byte, opt Options) ([]string, error) {
	doc, err := ParseInput(data, opt)
	if err != nil {
		return nil, err
	}
	p := x.parse(doc)
	r := x.recognize(context.Background(), p, nil)
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for _, b := range p.blocks {
		add("block %v parallel=%v: %.70q", b.kind, b.parallel, p.text[b.content.start:b.content.end])
	}
	for _, f := range r.titles.films {
		add("film %.2f keep=%v best=%.2f %q %v", f.prob, f.keep, f.best, f.title, r.filmFeats[f])
	}
	for _, m := range r.people.mentions {
		add("person %.2f %q roles dir %.2f wri %.2f cast %.2f %v", m.score, m.name, m.roles["director"], m.roles["writer"], m.roles["cast"], m.roleFeats)
	}
	for _, fm := range r.formats {
		film := "-"
		if fm.film != nil {
			film = fm.film.title
		}
		add("format %s in s%d -> %q (%.2f)", fm.format, fm.sent, film, fm.attachP)
	}
	for _, rf := range r.releases {
		date, label := "-", "-"
		if rf.date != nil {
			date = p.dateText(*rf.date)
		}
		if rf.label != nil {
			label = rf.label.name
		}
		add("release %q %s date %q (%.2f) label %q (%.2f)", rf.film.title, rf.format, date, rf.dateP, label, rf.labelP)
	}
	for si, s := range p.sents {
		var ds []string
		for _, d := range s.dates {
			ds = append(ds, p.text[d.span.start:d.span.end])
		}
		if len(ds) > 0 {
			add("s%d dates %s", si, strings.Join(ds, " | "))
		}
	}
	return out, nil
}
