package extract

import (
	"sort"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// homeFormats are the formats a disc label or distributor releases.
func homeFormat(f string) bool {
	return f != fmtTheatrical && f != "festival"
}

// listReleases gives every film found in a title list the release its
// introduction announces: the formats, date and label named in the
// paragraph before the list, else in the article's headline.
func (a *analysis) listReleases() {
	for _, f := range a.films {
		if !f.list {
			continue
		}
		bi := a.blockAt(f.evidence.start)
		if bi < 0 {
			continue
		}
		intro := a.introBlock(bi)
		formats, date, label := a.releaseContext(intro)
		if intro >= 0 && (len(formats) == 0 || date == nil) && a.blocks[0].kind == blockHeading && intro != 0 {
			hf, hd, hl := a.releaseContext(0)
			if len(formats) == 0 {
				formats = hf
			}
			if date == nil {
				date = hd
			}
			if label == "" {
				label = hl
			}
		}
		if len(formats) == 0 {
			formats = []string{""}
		}
		for _, fm := range formats {
			r := releaseFact{format: fm, evidence: f.evidence, conf: 0.6}
			if date != nil {
				r.dateText = date.text
				r.status = date.status
				if d, ok := date.resolve(a.published(), a.yearHints[a.sentAt(date.start)]); ok {
					r.date = d
				}
			}
			if homeFormat(fm) {
				r.label = label
			}
			f.addRelease(r)
		}
	}
}

// blockAt returns the block holding byte offset off, or -1.
func (a *analysis) blockAt(off int) int {
	i := sort.Search(len(a.blocks), func(i int) bool { return a.blocks[i].end > off })
	if i < len(a.blocks) && a.blocks[i].start <= off {
		return i
	}
	return -1
}

// sentAt returns the index of the sentence holding (or, between
// sentences, following) byte offset off.
func (a *analysis) sentAt(off int) int {
	i := sort.Search(len(a.sents), func(i int) bool { return a.sents[i].end > off })
	return min(i, max(0, len(a.sents)-1))
}

// introBlock returns the block before the list that holds block bi: the
// nearest earlier block that is not a list item or a title line.
func (a *analysis) introBlock(bi int) int {
	for i := bi - 1; i >= 0; i-- {
		if a.blocks[i].kind == blockListItem {
			continue
		}
		if _, ok := a.titleLine(i); ok {
			continue
		}
		return i
	}
	return -1
}

// releaseContext reads the formats (most frequent first), the last date
// and the label named in block bi.
func (a *analysis) releaseContext(bi int) ([]string, *dateMention, string) {
	if bi < 0 {
		return nil, nil, ""
	}
	count := map[string]int{}
	var order []string
	var date *dateMention
	label := ""
	for _, s := range a.sentencesOf(bi) {
		for _, m := range s.mentions {
			switch m.kind {
			case mFormat:
				if count[m.value] == 0 {
					order = append(order, m.value)
				}
				count[m.value]++
			case mOrg:
				if label == "" {
					label = strings.TrimSpace(m.text)
				}
			}
		}
		for i := range s.dates {
			if d := s.dates[i]; d.cued || d.year != 0 || d.kind == dkDay {
				date = &s.dates[i]
			}
		}
	}
	if len(order) == 0 {
		return nil, date, label
	}
	sort.SliceStable(order, func(i, j int) bool { return count[order[i]] > count[order[j]] })
	return order[:1], date, label
}

// finishFilm resolves names, fills labels from context and merges
// duplicate facts.
func (a *analysis) finishFilm(f *film) {
	f.credits = a.mergeCredits(f.credits)
	for i := range f.releases {
		r := &f.releases[i]
		if r.label == "" && homeFormat(r.format) && r.format != "" {
			r.label = a.labelBefore(r.evidence.start)
			r.labelFromContext = true
		}
		if r.label == "" && r.format == "" {
			r.label = a.labelBefore(r.evidence.start)
		}
	}
	f.releases = mergeReleases(f.releases)
	f.extras = a.mergeExtras(f.extras)
}

// labelBefore returns the label named nearest before off, else the first
// one named after it.
func (a *analysis) labelBefore(off int) string {
	i := sort.Search(len(a.orgs), func(i int) bool { return a.orgs[i].start >= off })
	switch {
	case i > 0:
		return strings.TrimSpace(a.orgs[i-1].text)
	case i < len(a.orgs):
		return strings.TrimSpace(a.orgs[i].text)
	}
	return ""
}

// mergeCredits resolves surnames and merges credits of one person.
func (a *analysis) mergeCredits(in []creditFact) []creditFact {
	var out []creditFact
	for _, c := range in {
		c.name, _ = a.people.resolve(c.name)
		merged := false
		for i := range out {
			if catalog.FoldText(out[i].name) == catalog.FoldText(c.name) {
				out[i].role |= c.role
				if out[i].character == "" {
					out[i].character = c.character
				}
				if out[i].roleText == "" {
					out[i].roleText = c.roleText
				}
				out[i].conf = max(out[i].conf, c.conf)
				merged = true
				break
			}
		}
		if !merged {
			out = append(out, c)
		}
	}
	return out
}

// mergeReleases folds a format-less dated release into the film's dated-
// less formatted ones, and merges releases of one format whose dates
// agree (equal, one finer, or one unknown) and whose regions and editions
// do not conflict.
func mergeReleases(in []releaseFact) []releaseFact {
	var formatted, bare []releaseFact
	for _, r := range in {
		if r.format == "" {
			bare = append(bare, r)
		} else {
			formatted = append(formatted, r)
		}
	}
	if len(formatted) > 0 {
		for _, b := range bare {
			if b.date.IsTBA() {
				continue
			}
			for i := range formatted {
				if formatted[i].date.IsTBA() || b.date.Refines(formatted[i].date) {
					formatted[i].date, formatted[i].dateText = b.date, b.dateText
				}
			}
		}
		bare = nil
	}
	var out []releaseFact
	for _, r := range append(formatted, mergeSame(bare)...) {
		if i := findMergeable(out, r); i >= 0 {
			out[i] = combine(out[i], r)
			continue
		}
		out = append(out, r)
	}
	return out
}

func mergeSame(in []releaseFact) []releaseFact {
	var out []releaseFact
	for _, r := range in {
		if i := findMergeable(out, r); i >= 0 {
			out[i] = combine(out[i], r)
			continue
		}
		out = append(out, r)
	}
	return out
}

func findMergeable(list []releaseFact, r releaseFact) int {
	for i, o := range list {
		if o.format != r.format {
			continue
		}
		if o.region != "" && r.region != "" && o.region != r.region {
			continue
		}
		if o.edition != "" && r.edition != "" && o.edition != r.edition {
			continue
		}
		switch {
		case o.date == r.date && !o.date.IsTBA():
			return i
		case o.date.IsTBA() && !r.date.IsTBA(), r.date.IsTBA() && !o.date.IsTBA():
			if o.dateText == "" || r.dateText == "" || !o.date.IsTBA() && o.dateText != "" && r.dateText == "" {
				return i
			}
			if o.date.IsTBA() && o.dateText == "" || r.date.IsTBA() && r.dateText == "" {
				return i
			}
		case o.date.Refines(r.date), r.date.Refines(o.date):
			return i
		case o.date.IsTBA() && r.date.IsTBA():
			if o.dateText == r.dateText || o.dateText == "" || r.dateText == "" {
				return i
			}
		}
	}
	return -1
}

// combine merges two releases of one format, keeping the finer date and
// the more specific label.
func combine(a, b releaseFact) releaseFact {
	if b.date.Refines(a.date) || (a.date.IsTBA() && b.dateText != "" && a.dateText == "") {
		a.date, a.dateText, a.status = b.date, b.dateText, b.status
	}
	if a.label == "" || (a.labelFromContext && !b.labelFromContext && b.label != "") || (b.label != "" && len(b.label) > len(a.label) && strings.Contains(b.label, a.label)) {
		a.label, a.labelFromContext = b.label, b.labelFromContext
	}
	if a.region == "" {
		a.region = b.region
	}
	if a.edition == "" {
		a.edition = b.edition
	}
	if a.price == "" {
		a.price = b.price
	}
	a.conf = max(a.conf, b.conf)
	return a
}

// mergeExtras resolves participant names and merges an extra listed
// twice (same kind and title; untitled ones are kept apart).
func (a *analysis) mergeExtras(in []extraFact) []extraFact {
	var out []extraFact
	for _, e := range in {
		for i := range e.participants {
			if e.participants[i].name != "" {
				e.participants[i].name, _ = a.people.resolve(e.participants[i].name)
			}
		}
		dup := false
		for i := range out {
			if e.title != "" && out[i].kind == e.kind && titleKey(out[i].title) == titleKey(e.title) {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, e)
		}
	}
	return out
}
