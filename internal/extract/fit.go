package extract

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"
)

// Fitting: the weights of every decision model are fitted to labelled
// articles (the corpus's development part; see cmd/marquee-fit). Each
// stage is fitted on the output of the stages before it, run with their
// freshly fitted weights, so that it learns from the inputs it will see.

// TrainingArticle is an article with the facts it states.
type TrainingArticle struct {
	Name string
	Data []byte
	Gold Labels
}

// fitParams are the regularisation and passes of every model.
const (
	fitL2       = 0.001
	fitEpochs   = 600
	fitMinCount = 2
)

// FitL2 holds each model's L2 regularisation strength (on the mean log
// loss), chosen by cross-validation on the development part; models not
// named use fitL2.
var fitL2ByModel = map[string]float64{"attach": 0.01, "release_date": 0.01, "release_label": 0.01, "release_pair": 0.01, "person": 0.0003}

// Fit fits every model to arts and returns the weights with a short
// report of each model's data and strongest features. l2 overrides the
// regularisation of the models it names (for choosing it).
func Fit(arts []TrainingArticle, l2 map[string]float64) (*Weights, []string, error) {
	l2For := func(name string) float64 {
		if v, ok := l2[name]; ok {
			return v
		}
		if v, ok := fitL2ByModel[name]; ok {
			return v
		}
		return fitL2
	}
	w := &Weights{Meta: map[string]string{"articles": fmt.Sprint(len(arts))}}
	var report []string
	x := NewWithWeights(w)
	docs := make([]*parsed, len(arts))
	for i, a := range arts {
		doc, err := ParseInput(a.Data, Options{})
		if err != nil {
			return nil, nil, fmt.Errorf("extract: fit: %s: %w", a.Name, err)
		}
		docs[i] = x.parse(doc)
	}
	// Titles.
	var ex []example
	covered, goldN := 0, 0
	var missed []string
	var catalogs []*titleReading
	for i, a := range arts {
		gold := newGoldTitles(a.Gold)
		tr := readTitles(docs[i], w, nil)
		// The same article again with a catalog, for the weight of
		// catalog membership: the examples without one keep the other
		// weights right for the text alone.
		known := simulatedCatalog(a.Gold)
		catalogs = append(catalogs, readTitles(docs[i], w, func([]string) func(string) bool { return known }))
		hit := make([]bool, len(gold.keys))
		keys := make([]string, 0, len(tr.keyFeats))
		for k := range tr.keyFeats {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			// A key equal to a gold title's is a positive example; one that
			// only pairs with it by the scorer's prefix rule is neither (a
			// part of the title, or the title and more) and is left out.
			g := gold.exact(k)
			if g < 0 && gold.match(k) >= 0 {
				continue
			}
			ex = append(ex, example{feats: tr.keyFeats[k], y: g >= 0})
			if g >= 0 {
				hit[g] = true
			}
		}
		for k, h := range hit {
			goldN++
			if h {
				covered++
			} else {
				missed = append(missed, a.Name+":"+a.Gold.Titles[k].Title)
			}
		}
	}
	report = append(report, fmt.Sprintf("title candidates cover %d of %d gold titles; missing: %s", covered, goldN, strings.Join(missed, "; ")))
	dumpExamples("title", ex)
	w.Title = fitLogistic(ex, l2For("title"), fitEpochs, fitMinCount)
	report = append(report, modelReport("title", ex, w.Title)...)
	// Catalog membership, fitted on top of the text's score with a
	// simulated catalog.
	ex = nil
	for i, tr := range catalogs {
		gold := newGoldTitles(arts[i].Gold)
		for k, f := range tr.keyFeats {
			if g := gold.exact(k); g >= 0 || gold.match(k) < 0 {
				ex = append(ex, example{feats: knownFeatures(w.Title.prob(f), f), y: g >= 0})
			}
		}
	}
	sortExamples(ex)
	w.TitleKnown = fitLogistic(ex, l2For("title_known"), fitEpochs, fitMinCount)
	report = append(report, modelReport("title_known", ex, w.TitleKnown)...)

	// Each later stage is fitted on the pipeline run with the weights so
	// far, on the labelled titles instead of the recognised ones, so that
	// it learns from every labelled fact.
	runGold := func() []*recognition {
		out := make([]*recognition, len(docs))
		for i, d := range docs {
			out[i] = x.recognize(context.Background(), d, nil, newGoldTitles(arts[i].Gold).keys...)
		}
		return out
	}
	golds := make([]*goldFacts, len(arts))
	for i, a := range arts {
		golds[i] = newGoldFacts(a.Gold)
	}
	fit := func(name string, ex []example) *linearModel {
		dumpExamples(name, ex)
		m := fitLogistic(ex, l2For(name), fitEpochs, fitMinCount)
		report = append(report, modelReport(name, ex, m)...)
		return m
	}

	// People.
	ex = nil
	for i, r := range runGold() {
		for _, cs := range r.people.cands {
			for _, c := range cs {
				ex = append(ex, example{feats: c.feats, y: golds[i].isPerson(c.name)})
			}
		}
	}
	w.Person = fit("person", ex)

	// Roles.
	w.Role = map[string]*linearModel{}
	rs := runGold()
	for _, role := range []string{"director", "writer", "cast"} {
		ex = nil
		for i, r := range rs {
			for _, m := range r.people.mentions {
				ex = append(ex, example{feats: m.roleFeats, y: golds[i].hasRole(m.name, role)})
			}
		}
		w.Role[role] = fit("role:"+role, ex)
	}

	// Attachment: which film (or none) a fact is about.
	fitChoiceModel := func(name string, groups []choiceGroup) *linearModel {
		m := fitChoice(groups, l2For(name), fitEpochs, fitMinCount)
		report = append(report, fmt.Sprintf("%s: %d choices, %d features", name, len(groups), len(m.Weights)))
		for _, l := range topWeights(m, 25) {
			report = append(report, "    "+l)
		}
		return m
	}
	var groups []choiceGroup
	for i, r := range runGold() {
		g := golds[i]
		addWith := func(kind factKind, features func(f *filmEntity) []string, ok func(gi int) bool) {
			cg := choiceGroup{none: noneFeatures(len(r.films.films), "kind="+string(kind))}
			for fi, f := range r.films.films {
				cg.cands = append(cg.cands, features(f))
				if gi := g.titles.match(f.key); gi >= 0 && ok(gi) {
					cg.right = append(cg.right, fi)
				}
			}
			if len(cg.right) == 0 {
				cg.right = []int{len(cg.cands)}
			}
			groups = append(groups, cg)
		}
		add := func(kind factKind, si, k int, ok func(gi int) bool) {
			addWith(kind, func(f *filmEntity) []string { return r.films.attachFeatures(kind, si, k, f) }, ok)
		}
		for _, fm := range r.formats {
			if !fm.inherited && len(r.titles.mentions[fm.sent]) > 0 {
				continue // the release-pair model decides those
			}
			add(factRelease, fm.sent, fm.i, func(gi int) bool { return g.hasFormat(gi, fm.format) })
		}
		for _, m := range r.people.mentions {
			if !g.isPerson(m.name) {
				continue
			}
			addWith(factPerson, func(f *filmEntity) []string { return r.films.attachPersonFeatures(m, f) }, func(gi int) bool { return g.credits(gi, m.name) })
		}
		for _, e := range r.extras {
			add(factExtra, e.sent, e.at, func(gi int) bool { return g.hasExtra(gi, e) })
		}
		for _, fe := range r.festivals {
			add(factFestival, fe.sent, fe.i, func(gi int) bool { return g.hasFestival(gi, fe.name) })
		}
	}
	w.Attach = fitChoiceModel("attach", groups)

	// Release pairs: is a film named in a sentence released on a format
	// the sentence names?
	ex = nil
	for i, r := range runGold() {
		g := golds[i]
		for _, fm := range r.formats {
			if fm.inherited {
				continue
			}
			ms := r.titles.mentions[fm.sent]
			for _, m := range ms {
				gi := g.titles.match(r.titles.filmOf[m].key)
				y := g.hasFormat(gi, fm.format) && nearestSameFormat(r.formats, fm, m)
				ex = append(ex, example{feats: pairFeatures(r.p, fm, m, ms, r.formats), y: y})
			}
		}
	}
	w.Release = fit("release_pair", ex)

	// Release dates and labels: which of the dates and organizations
	// nearby (or none).
	var dateGroups, labelGroups []choiceGroup
	for i, r := range runGold() {
		g := golds[i]
		for _, rf := range r.releases {
			rels := g.releasesOf(g.titles.match(rf.film.key), rf.format)
			if len(rels) == 0 {
				continue
			}
			fs := r.filmSentences(rf.film)
			dc := releaseDateCandidates(r.p, rf, fs)
			dg := choiceGroup{none: noneFeatures(len(dc), "fmt="+rf.format)}
			for k, c := range dc {
				dg.cands = append(dg.cands, dateFeatures(r.p, c.fm, c.dr, r.formats, r.titles.mentions, fs, r.ownMention(rf.film)))
				if d, ok := resolvedDate(r.p, c.dr); ok {
					for _, gr := range rels {
						if gr.Date != nil && *gr.Date == d.String() {
							dg.right = append(dg.right, k)
							break
						}
					}
				}
			}
			if len(dg.right) == 0 {
				dg.right = []int{len(dg.cands)}
			}
			dateGroups = append(dateGroups, dg)
			lc := releaseLabelCandidates(rf, r.orgs)
			lg := choiceGroup{none: noneFeatures(len(lc), "fmt="+rf.format)}
			for k, c := range lc {
				lg.cands = append(lg.cands, labelFeatures(r.p, c.fm, c.o, r.orgCount, len(r.orgCount)))
				for _, gr := range rels {
					if gr.Label != nil && labelKey(*gr.Label) == labelKey(c.o.name) {
						lg.right = append(lg.right, k)
						break
					}
				}
			}
			if len(lg.right) == 0 {
				lg.right = []int{len(lg.cands)}
			}
			labelGroups = append(labelGroups, lg)
		}
	}
	w.ReleaseDate = fitChoiceModel("release_date", dateGroups)
	w.ReleaseLabel = fitChoiceModel("release_label", labelGroups)

	return w, report, nil
}

func modelReport(name string, ex []example, m *linearModel) []string {
	pos := 0
	for _, e := range ex {
		if e.y {
			pos++
		}
	}
	out := []string{fmt.Sprintf("%s: %d examples, %d positive, %d features, bias %+.2f", name, len(ex), pos, len(m.Weights), m.Bias)}
	for _, l := range topWeights(m, 25) {
		out = append(out, "    "+l)
	}
	return out
}

// sortExamples orders examples by their features, so that map order
// never changes a fit.
func sortExamples(ex []example) {
	sort.SliceStable(ex, func(i, j int) bool {
		return strings.Join(ex[i].feats, " ") < strings.Join(ex[j].feats, " ")
	})
}

// simulatedCatalog stands for a large catalog (an IMDb import) when
// fitting the weight of catalog membership: it holds the article's
// labelled titles and, as a catalog of millions of titles does, many of
// the other single words and some of the other phrases (decided by a
// hash of the phrase, so a refit is the same).
func simulatedCatalog(gold Labels) func(string) bool {
	g := map[string]bool{}
	for _, t := range gold.Titles {
		g[titleKey(t.Title)] = true
	}
	return func(fold string) bool {
		if g[titleKey(fold)] {
			return true
		}
		h := uint32(2166136261)
		for i := 0; i < len(fold); i++ {
			h = (h ^ uint32(fold[i])) * 16777619
		}
		// Most single words are some film's title in a catalog of
		// millions; few phrases of three words are by chance.
		switch n := len(strings.Fields(fold)); {
		case n == 1:
			return h%100 < 40
		case n == 2:
			return h%100 < 8
		}
		return h%100 < 2
	}
}

// goldTitles are an article's labelled titles, by key.
type goldTitles struct {
	keys []string
}

func newGoldTitles(l Labels) *goldTitles {
	g := &goldTitles{}
	for _, t := range l.Titles {
		g.keys = append(g.keys, titleKey(t.Title))
	}
	return g
}

// exact returns the index of the gold title whose key is key, or -1.
func (g *goldTitles) exact(key string) int {
	for i, k := range g.keys {
		if k == key {
			return i
		}
	}
	return -1
}

// match returns the index of the gold title key pairs with (the
// scorer's rule: equal, or one starts the other at a word boundary and
// covers at least 60% of it), or -1.
func (g *goldTitles) match(key string) int {
	for i, k := range g.keys {
		if k == key {
			return i
		}
	}
	for i, k := range g.keys {
		if titlesPair(k, key) {
			return i
		}
	}
	return -1
}

func titlesPair(a, b string) bool {
	short, long := a, b
	if len(short) > len(long) {
		short, long = long, short
	}
	if short == "" || !strings.HasPrefix(long, short) || (len(long) > len(short) && long[len(short)] != ' ') {
		return false
	}
	return 10*utf8.RuneCountInString(short) >= 6*utf8.RuneCountInString(long)
}

// DebugTitles lists, for one article, each gold title with the best
// score of a candidate that pairs with it, and the candidates above 0.3
// that pair with none: what the title model gets wrong.
func (x *Extractor) DebugTitles(a TrainingArticle) []string {
	doc, err := ParseInput(a.Data, Options{})
	if err != nil {
		return []string{err.Error()}
	}
	p := x.parse(doc)
	tr := readTitles(p, x.weights, nil)
	gold := newGoldTitles(a.Gold)
	best := make([]float64, len(gold.keys))
	bestText := make([]string, len(gold.keys))
	bestFeats := make([][]string, len(gold.keys))
	var out []string
	seen := map[string]bool{}
	for _, cs := range tr.cands {
		for _, c := range cs {
			g := gold.match(c.key)
			if g >= 0 {
				if c.score > best[g] {
					best[g], bestText[g], bestFeats[g] = c.score, c.text, c.feats
				}
				continue
			}
			if c.score >= 0.3 && !seen[c.key] {
				seen[c.key] = true
				out = append(out, fmt.Sprintf("  + %.2f %q %v", c.score, c.text, c.feats))
			}
		}
	}
	for g, k := range gold.keys {
		out = append(out, fmt.Sprintf("  - %.2f %q (%s) %v", best[g], a.Gold.Titles[g].Title, k, bestFeats[g]))
	}
	for _, f := range tr.films {
		out = append(out, fmt.Sprintf("  film %.2f (own key %.2f) %q mentions %d", f.best, tr.keyScore[f.key], f.title, len(f.mentions)))
	}
	return out
}

// goldFacts answers questions about an article's labels for fitting.
type goldFacts struct {
	l      Labels
	titles *goldTitles
}

func newGoldFacts(l Labels) *goldFacts { return &goldFacts{l: l, titles: newGoldTitles(l)} }

// isPerson reports whether name is anyone the labels name.
func (g *goldFacts) isPerson(name string) bool {
	for _, t := range g.l.Titles {
		for _, n := range t.Directors {
			if namesMatch(n, name) {
				return true
			}
		}
		for _, n := range t.Writers {
			if namesMatch(n, name) {
				return true
			}
		}
		for _, c := range t.Cast {
			if namesMatch(c.Name, name) {
				return true
			}
		}
		for _, e := range t.Extras {
			for _, pt := range e.Participants {
				if pt.Name != nil && namesMatch(*pt.Name, name) {
					return true
				}
			}
		}
	}
	return false
}

// hasRole reports whether any film credits name in role.
func (g *goldFacts) hasRole(name, role string) bool {
	for _, t := range g.l.Titles {
		var names []string
		switch role {
		case "director":
			names = t.Directors
		case "writer":
			names = t.Writers
		case "cast":
			for _, c := range t.Cast {
				names = append(names, c.Name)
			}
		}
		for _, n := range names {
			if namesMatch(n, name) {
				return true
			}
		}
	}
	return false
}

// credits reports whether title gi credits name in any role, or names
// them in an extra.
func (g *goldFacts) credits(gi int, name string) bool {
	if gi < 0 {
		return false
	}
	t := g.l.Titles[gi]
	for _, n := range append(append([]string{}, t.Directors...), t.Writers...) {
		if namesMatch(n, name) {
			return true
		}
	}
	for _, c := range t.Cast {
		if namesMatch(c.Name, name) {
			return true
		}
	}
	return false
}

func goldFormat(f string) string {
	if f == fmtBluray3D {
		return fmtBluray
	}
	return f
}

func strOr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// releasesOf returns title gi's releases of format.
func (g *goldFacts) releasesOf(gi int, format string) []LabelRelease {
	if gi < 0 {
		return nil
	}
	var out []LabelRelease
	for _, r := range g.l.Titles[gi].Releases {
		if strOr(r.Format) == goldFormat(format) {
			out = append(out, r)
		}
	}
	return out
}

func (g *goldFacts) hasFormat(gi int, format string) bool { return len(g.releasesOf(gi, format)) > 0 }

func (g *goldFacts) hasExtra(gi int, e *extraMention) bool {
	if gi < 0 {
		return false
	}
	for _, x := range g.l.Titles[gi].Extras {
		if x.Kind == string(e.kind) || x.Title != nil && e.title != "" && titleKey(*x.Title) == titleKey(e.title) {
			return true
		}
	}
	return false
}

func (g *goldFacts) hasFestival(gi int, name string) bool {
	if gi < 0 {
		return false
	}
	for _, fe := range g.l.Titles[gi].Festivals {
		if festivalKey(fe.Name) == festivalKey(name) {
			return true
		}
	}
	return false
}

// namesMatch is the scorer's rule: equal folded names, or one is the
// other's bare surname.
func namesMatch(a, b string) bool {
	na, nb := nameKey(a), nameKey(b)
	if na == "" || nb == "" {
		return false
	}
	if na == nb {
		return true
	}
	return !strings.Contains(na, " ") && surnameOf(nb) == na || !strings.Contains(nb, " ") && surnameOf(na) == nb
}

func labelKey(s string) string { return strings.TrimPrefix(nameKey(s), "the ") }

// dumpExamples writes a model's training examples to
// $MARQUEE_FIT_DUMP/NAME.tsv when that variable is set, for studying
// the features.
func dumpExamples(name string, ex []example) {
	dir := os.Getenv("MARQUEE_FIT_DUMP")
	if dir == "" {
		return
	}
	var b strings.Builder
	for _, e := range ex {
		y := "0"
		if e.y {
			y = "1"
		}
		b.WriteString(y + "\t" + strings.Join(e.feats, " ") + "\n")
	}
	_ = os.WriteFile(filepath.Join(dir, name+".tsv"), []byte(b.String()), 0o644)
}

// ExtractWithGoldTitles extracts an article as if the title stage had
// found exactly its labelled titles: the ceiling of the later stages, for
// measuring where errors come from.
func (x *Extractor) ExtractWithGoldTitles(a TrainingArticle) (*Result, error) {
	doc, err := ParseInput(a.Data, Options{})
	if err != nil {
		return nil, err
	}
	p := x.parse(doc)
	r := x.recognize(context.Background(), p, nil, newGoldTitles(a.Gold).keys...)
	return r.result(), nil
}

// nearestSameFormat reports whether fm is, of the mentions of its format
// in its sentence, the one nearest film mention m: the one a reader
// pairs with the film when a sentence names the format for several
// films ("A on Blu-ray on 4/9, B on Blu-ray on 4/16"). A film released
// on a format is a positive example only with that mention.
func nearestSameFormat(formats []*formatMention, fm *formatMention, m *titleCand) bool {
	dist := func(o *formatMention) int {
		if o.i >= m.j {
			return o.i - m.j
		}
		return 2 * (m.i - o.j) // a format named before the film is a weaker pairing
	}
	d := dist(fm)
	for _, o := range formats {
		if o != fm && o.sent == fm.sent && o.format == fm.format && !o.inherited && dist(o) < d {
			return false
		}
	}
	return true
}
