package extract

import (
	"sort"
	"strings"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Films: the title model scores every candidate; within a sentence the
// best-scoring candidates that do not overlap become title mentions;
// mentions with the same key (or a shorter form of a longer title the
// article names) are one film.

// mentionThreshold is the title probability a candidate needs to become
// a mention. Mentions are only proposals: the film model decides which
// films the article states facts about.
const mentionThreshold = 0.2

// filmEntity is a film (or box set) the article names.
type filmEntity struct {
	id       int
	key      string
	title    string
	year     int
	mentions []*titleCand
	// best is the highest mention probability.
	best float64
	// keep is the film model's decision, prob its probability.
	keep bool
	prob float64
}

// titleReading is the title stage's output.
type titleReading struct {
	cands    [][]*titleCand // per sentence, every candidate with its score
	mentions [][]*titleCand // per sentence, the accepted mentions in text order
	films    []*filmEntity
	filmOf   map[*titleCand]*filmEntity
	// keyFeats holds the features of each candidate key (the union of
	// its mentions' features) and keyScore the title model's score.
	keyFeats map[string][]string
	keyScore map[string]float64
	// keyRank is each key's rank by score in the article (1 is best).
	keyRank map[string]int
}

// proposedTopKeys is how many of an article's best keys become film
// proposals whatever their score.
const proposedTopKeys = 1

// rankKeys ranks keys by score, best first (ties by key, for a stable
// order).
func rankKeys(score map[string]float64) map[string]int {
	keys := make([]string, 0, len(score))
	for k := range score {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if score[keys[i]] != score[keys[j]] {
			return score[keys[i]] > score[keys[j]]
		}
		return keys[i] < keys[j]
	})
	out := make(map[string]int, len(keys))
	for i, k := range keys {
		out[k] = i + 1
	}
	return out
}

// withoutKnown drops the catalog's feature, which the text model does
// not read.
func withoutKnown(f []string) []string {
	if !hasFeat(f, "known") {
		return f
	}
	out := make([]string, 0, len(f))
	for _, x := range f {
		if x != "known" {
			out = append(out, x)
		}
	}
	return out
}

// keyFeatures merges the features of the candidates of each key.
func keyFeatures(cands [][]*titleCand) map[string][]string {
	out := map[string][]string{}
	shared := map[string]bool{} // keys of more than one candidate
	for _, cs := range cands {
		for _, c := range cs {
			if prev, ok := out[c.key]; ok {
				if !shared[c.key] {
					shared[c.key] = true
					prev = append([]string(nil), prev...)
				}
				out[c.key] = append(prev, c.feats...)
				continue
			}
			out[c.key] = c.feats
		}
	}
	// A key of one candidate has that candidate's features, which
	// titleFeatures never repeats.
	for k := range shared {
		out[k] = dedupe(out[k])
	}
	return out
}

// readTitles runs the title stage.
//
// With goldKeys (fitting only), the titles are the labelled ones: a
// candidate is a mention when its key is a gold key. The later models
// are fitted on those, so that they learn from every labelled fact.
//
// lookup, when not nil, is asked once which candidate texts and which
// other spans of capitalized runs (folded with catalog.FoldText) name a
// film the catalog holds.
func readTitles(p *parsed, w *Weights, lookup titleLookup, goldKeys ...string) *titleReading {
	tr := &titleReading{filmOf: map[*titleCand]*filmEntity{}}
	tr.cands = make([][]*titleCand, len(p.sents))
	for si := range p.sents {
		tr.cands[si] = titleCandidates(p, si)
	}
	if lookup != nil {
		tr.addKnown(p, lookup)
	}
	st := newTitleStats(p, tr.cands)
	for _, cs := range tr.cands {
		for _, c := range cs {
			c.feats = titleFeatures(p, c, st)
		}
	}
	// A title is judged on all its mentions: the features of every span
	// with the same key, together.
	tr.keyFeats = keyFeatures(tr.cands)
	tr.keyScore = map[string]float64{}
	for k, f := range tr.keyFeats {
		text := w.Title.prob(withoutKnown(f))
		tr.keyScore[k] = text
		// Membership raises a title's score; absence lowers nothing (a
		// catalog need not hold a film announced today).
		if hasFeat(f, "known") {
			tr.keyScore[k] = max(text, w.TitleKnown.prob(knownFeatures(text, f)))
		}
	}
	gold := map[string]bool{}
	for _, k := range goldKeys {
		gold[k] = true
	}
	for _, cs := range tr.cands {
		for _, c := range cs {
			c.score = tr.keyScore[c.key]
			if len(gold) > 0 {
				c.score = 0
				if gold[c.key] {
					c.score = 1
				}
			}
		}
	}
	// The best keys of the article are proposed whatever their score:
	// an article is nearly always about some film, and the film model
	// decides with the facts that attach to it.
	tr.keyRank = rankKeys(tr.keyScore)
	for _, cs := range tr.cands {
		for _, c := range cs {
			if c.score < mentionThreshold && tr.keyRank[c.key] <= proposedTopKeys && c.score >= 0.05 {
				c.score = mentionThreshold
			}
		}
	}
	tr.mentions = make([][]*titleCand, len(p.sents))
	for si, cs := range tr.cands {
		tr.mentions[si] = decodeMentions(cs, mentionThreshold)
	}
	tr.groupFilms(p)
	return tr
}

// decodeMentions picks, best first, the candidates above threshold that
// overlap no better one, and returns them in text order.
func decodeMentions(cs []*titleCand, threshold float64) []*titleCand {
	return bestNonOverlapping(cs, threshold, func(c *titleCand) (float64, int, int) { return c.score, c.i, c.j })
}

// bestNonOverlapping picks, best score first (the longer span first on a
// tie), the items scoring at least threshold whose token ranges overlap
// no item picked before, and returns them in text order.
func bestNonOverlapping[T any](items []T, threshold float64, at func(T) (score float64, i, j int)) []T {
	sorted := append([]T(nil), items...)
	sort.SliceStable(sorted, func(a, b int) bool {
		sa, ia, ja := at(sorted[a])
		sb, ib, jb := at(sorted[b])
		if sa != sb {
			return sa > sb
		}
		return ja-ia > jb-ib
	})
	var out []T
	for _, c := range sorted {
		sc, ci, cj := at(c)
		if sc < threshold {
			break
		}
		ok := true
		for _, o := range out {
			if _, oi, oj := at(o); ci < oj && oi < cj {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, c)
		}
	}
	sort.SliceStable(out, func(a, b int) bool {
		_, ia, _ := at(out[a])
		_, ib, _ := at(out[b])
		return ia < ib
	})
	return out
}

// groupFilms makes films of the mentions: the same key is the same film,
// and a mention whose key is the start or the end of a longer film's key
// at a word boundary is that film's short form ("Fallen Kingdom" for
// "Jurassic World: Fallen Kingdom"), when only one film has it and the
// longer key scores at least half as well.
func (tr *titleReading) groupFilms(p *parsed) {
	byKey := map[string]*filmEntity{}
	var all []*titleCand
	for _, ms := range tr.mentions {
		all = append(all, ms...)
	}
	score := map[string]float64{} // the best mention score of each key
	for _, c := range all {
		score[c.key] = max(score[c.key], c.score)
	}
	// Longer keys first, so short forms find their film.
	order := append([]*titleCand(nil), all...)
	sort.SliceStable(order, func(i, j int) bool { return len(order[i].key) > len(order[j].key) })
	for _, c := range order {
		f := byKey[c.key]
		if f == nil {
			var host *filmEntity
			n := 0
			for _, g := range tr.films {
				// A long title the text barely supports does not take in
				// a short one it supports well ("J. Robert Oppenheimer",
				// a name, is not the film "Oppenheimer").
				if isShortForm(c.key, g.key) && score[g.key] >= score[c.key]/2 {
					host = g
					n++
				}
			}
			if n == 1 {
				f = host
			}
		}
		if f == nil {
			f = &filmEntity{id: len(tr.films), key: c.key}
			tr.films = append(tr.films, f)
			byKey[c.key] = f
		}
		f.mentions = append(f.mentions, c)
		tr.filmOf[c] = f
		if c.score > f.best {
			f.best = c.score
		}
	}
	for _, f := range tr.films {
		sort.Slice(f.mentions, func(i, j int) bool { return f.mentions[i].span.start < f.mentions[j].span.start })
		f.title = displayTitle(bestTitleText(p, f))
	}
}

// isShortForm reports whether key is a shorter form of long: its words
// start or end long's words.
func isShortForm(key, long string) bool {
	if len(key) >= len(long) {
		return false
	}
	return strings.HasPrefix(long, key+" ") || strings.HasSuffix(long, " "+key)
}

// bestTitleText is how a film's title is written: its longest mention
// with the film's key, preferring one not in a heading.
func bestTitleText(p *parsed, f *filmEntity) string {
	best := ""
	bestRank := -1
	for _, m := range f.mentions {
		if m.key != f.key {
			continue
		}
		rank := 1
		if !p.isHeading(&p.sents[m.sent]) {
			rank = 2
		}
		if rank > bestRank {
			best, bestRank = m.text, rank
		}
	}
	return strings.TrimSpace(best)
}

// displayTitle turns an all-caps title into title case ("THE SILENT
// HARBOR" is "The Silent Harbor").
func displayTitle(t string) string {
	if !isAllCaps(t) {
		return t
	}
	rs := []rune(t)
	upper := true
	for i, r := range rs {
		if upper {
			upper = false
			continue
		}
		if r == ' ' || r == '-' || r == ':' {
			upper = true
			continue
		}
		rs[i] = toLower(r)
	}
	return string(rs)
}

// titleAt reports whether token k of sentence si lies in a title mention.
func (tr *titleReading) titleAt(si, k int) bool {
	for _, m := range tr.mentions[si] {
		if m.i <= k && k < m.j {
			return true
		}
	}
	return false
}

// mentionAt returns the title mention containing token k of sentence si.
func (tr *titleReading) mentionAt(si, k int) *titleCand {
	for _, m := range tr.mentions[si] {
		if m.i <= k && k < m.j {
			return m
		}
	}
	return nil
}

// bestCandScore is the highest title score of a candidate that covers
// tokens [i, j) of sentence si.
func (tr *titleReading) bestCandScore(si, i, j int) float64 {
	best := 0.0
	for _, c := range tr.cands[si] {
		if c.i <= i && j <= c.j && c.score > best {
			best = c.score
		}
	}
	return best
}

// dropPeople removes the films whose every mention lies inside a person
// the person stage accepted with more confidence than the title stage
// gave the title ("Ada Quince" in "the new film from Ada Quince"). When
// only the mentions that gave a film its name are people, and shorter
// forms of it are not, the film is the shorter form: a film named after
// its subject ("Quince", a biopic) is not the subject's full name.
func (tr *titleReading) dropPeople(p *parsed, pr *peopleReading) {
	inPerson := func(m *titleCand) bool {
		for _, pm := range pr.bySent[m.sent] {
			if pm.i <= m.i && m.j <= pm.j && pm.score > m.score {
				return true
			}
		}
		return false
	}
	tr.dropMentionsIn(p, inPerson)
}

// dropMentionsIn drops the mentions inside (people's names, extras'
// titles): a film with no other mention is none, and one whose key only
// such mentions have takes the key of its best other mention.
func (tr *titleReading) dropMentionsIn(p *parsed, inside func(*titleCand) bool) {
	kept := tr.films[:0]
	for _, f := range tr.films {
		var in, others []*titleCand
		namedInside := true
		for _, m := range f.mentions {
			if inside(m) {
				in = append(in, m)
			} else {
				others = append(others, m)
				namedInside = namedInside && m.key != f.key
			}
		}
		switch {
		case len(others) == 0:
			for _, m := range f.mentions {
				tr.forget(m)
			}
			continue
		case len(in) > 0 && namedInside:
			for _, m := range in {
				tr.forget(m)
			}
			f.mentions = others
			f.key, f.best = "", 0
			for _, m := range others {
				if m.score > f.best || m.score == f.best && len(m.key) > len(f.key) {
					f.key, f.best = m.key, m.score
				}
			}
			f.title = displayTitle(bestTitleText(p, f))
		}
		kept = append(kept, f)
	}
	tr.renumber(kept)
}

// dropExtraTitles drops the films named only where a bonus feature's
// title is written: the items of an extras list ("Night Swim: Shooting
// on the Water") and quoted featurette names are extras, not films. A
// film whose own title is only an extra's ("Pumpkinhead Unearthed", the
// documentary on the disc of "Pumpkinhead") is the film its other
// mentions name.
func (tr *titleReading) dropExtraTitles(p *parsed, extras []*extraMention) {
	titlesIn := map[int][]span{} // extra titles by sentence
	for _, e := range extras {
		if e.titleAt.len() > 0 {
			titlesIn[e.sent] = append(titlesIn[e.sent], e.titleAt)
		}
	}
	if len(titlesIn) == 0 {
		return
	}
	inTitle := func(m *titleCand) bool {
		toks := p.sents[m.sent].tokens
		at := tokenSpan(toks, m.i, m.j)
		for _, t := range titlesIn[m.sent] {
			if t.start <= at.start && at.end <= t.end {
				return true
			}
		}
		return false
	}
	tr.dropMentionsIn(p, inTitle)
}

// forget removes mention m from the reading.
func (tr *titleReading) forget(m *titleCand) {
	delete(tr.filmOf, m)
	ms := tr.mentions[m.sent][:0]
	for _, o := range tr.mentions[m.sent] {
		if o != m {
			ms = append(ms, o)
		}
	}
	tr.mentions[m.sent] = ms
}

// renumber makes films the reading's films, numbered in order.
func (tr *titleReading) renumber(films []*filmEntity) {
	for i, f := range films {
		f.id = i
	}
	tr.films = films
}

// titleLookup answers, for a batch of folded spans, which of them name a
// film a catalog holds (nil: no answer, the text alone decides).
type titleLookup func(folds []string) func(fold string) bool

// addKnown asks lookup, in one batch, about every candidate and every
// other span of a capitalized run, marks the candidates the catalog
// holds, and makes candidates of the other spans it holds: a known title
// may stand inside a longer capitalized phrase.
func (tr *titleReading) addKnown(p *parsed, lookup titleLookup) {
	spans := make([][][2]int, len(p.sents))
	seen := map[string]bool{}
	var folds []string
	add := func(text string) {
		if f := catalog.FoldText(text); !seen[f] {
			seen[f] = true
			folds = append(folds, f)
		}
	}
	for si, cs := range tr.cands {
		for _, c := range cs {
			add(c.text)
		}
		toks := p.sents[si].tokens
		spans[si] = runSpans(p, si, cs)
		for _, sp := range spans[si] {
			add(p.text[toks[sp[0]].start:toks[sp[1]-1].end])
		}
	}
	known := lookup(folds)
	if known == nil {
		return
	}
	for si, cs := range tr.cands {
		for _, c := range cs {
			c.known = known(catalog.FoldText(c.text))
		}
		for _, c := range knownCandidates(p, si, spans[si], known) {
			c.known = true
			tr.cands[si] = append(tr.cands[si], c)
		}
	}
}
