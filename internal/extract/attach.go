package extract

// Attachment: which film a fact (a release, a credit, an extra, a
// festival) is about. Every film the article names is a candidate; the
// attach model scores each (fact, film) pair from where the film was
// named relative to the fact: in the same sentence before or after it,
// how far, with other films between, in the same paragraph or list item,
// as the article's focus.

// factKind names a kind of fact for the attach model.
type factKind string

const (
	factRelease  factKind = "release"
	factPerson   factKind = "person"
	factExtra    factKind = "extra"
	factFestival factKind = "festival"
)

// filmIndex records where each film is named, for attachment.
type filmIndex struct {
	p     *parsed
	tr    *titleReading
	films []*filmEntity
	// bySent lists, per sentence, the film mentions in text order.
	bySent [][]*titleCand
	// first is the film named first in the body (not a heading); most
	// the film named most often.
	first, most *filmEntity
	// focus[i] is the film named last before sentence i.
	focus []*filmEntity
	// inHeading holds the films a heading names.
	inHeading map[*filmEntity]bool
}

func newFilmIndex(p *parsed, tr *titleReading) *filmIndex {
	fi := &filmIndex{p: p, tr: tr, films: tr.films, bySent: tr.mentions}
	count := map[*filmEntity]int{}
	for si, ms := range tr.mentions {
		for _, m := range ms {
			f := tr.filmOf[m]
			count[f]++
			if fi.first == nil && !p.isHeading(&p.sents[si]) {
				fi.first = f
			}
		}
	}
	best := 0
	for _, f := range tr.films {
		if count[f] > best {
			fi.most, best = f, count[f]
		}
	}
	if fi.first == nil && len(tr.films) > 0 {
		fi.first = tr.films[0]
	}
	fi.inHeading = map[*filmEntity]bool{}
	for si, ms := range tr.mentions {
		if p.isHeading(&p.sents[si]) {
			for _, m := range ms {
				fi.inHeading[tr.filmOf[m]] = true
			}
		}
	}
	fi.focus = make([]*filmEntity, len(p.sents)+1)
	for si := range p.sents {
		fi.focus[si+1] = fi.focus[si]
		if ms := tr.mentions[si]; len(ms) > 0 {
			fi.focus[si+1] = tr.filmOf[ms[len(ms)-1]]
		}
	}
	return fi
}

// focusBefore returns the film named last before sentence si (in the
// sentences before it).
func (fi *filmIndex) focusBefore(si int) *filmEntity { return fi.focus[si] }

// attachFeatures describes the pair (fact of kind kind at token k of
// sentence si, film f).
func (fi *filmIndex) attachFeatures(kind factKind, si, k int, f *filmEntity) []string {
	p := fi.p
	s := &p.sents[si]
	var feats []string
	nfb := "nf=" + bucket(len(fi.films), 1, 3)
	add := func(x string) {
		feats = append(feats, x, string(kind)+"|"+x, nfb+"|"+x)
	}
	feats = append(feats, nfb)
	// The same sentence.
	before, after := -1, -1
	betweenBefore, betweenAfter := 0, 0
	// Films named between f's nearest mention before k and k.
	seenF := false
	for _, m := range fi.bySent[si] {
		if m.j > k {
			break
		}
		if fi.tr.filmOf[m] == f {
			seenF, betweenBefore = true, 0
			before = k - m.j
		} else if seenF {
			betweenBefore++
		}
	}
	for _, m := range fi.bySent[si] {
		if m.i < k+1 {
			if m.i <= k && k < m.j && fi.tr.filmOf[m] == f {
				after = 0
			}
			continue
		}
		if fi.tr.filmOf[m] == f {
			after = m.i - k
			break
		}
		betweenAfter++
	}
	switch {
	case before >= 0:
		add("sent-before@" + bucket(before, 2, 6, 15))
		add("sent-before-between=" + bucket(betweenBefore, 0, 1))
	case after >= 0:
		add("sent-after@" + bucket(after, 2, 6, 15))
		add("sent-after-between=" + bucket(betweenAfter, 0, 1))
	default:
		add("not-in-sent")
		othersInSent := len(fi.bySent[si]) > 0
		if othersInSent {
			add("others-in-sent")
		}
	}
	if fi.focusBefore(si) == f {
		add("focus")
	}
	// The paragraph or list item.
	for k2 := si - 1; k2 >= 0 && p.sents[k2].block == s.block; k2-- {
		for _, m := range fi.bySent[k2] {
			if fi.tr.filmOf[m] == f {
				add("same-block")
				k2 = -1
				break
			}
		}
	}
	if p.isListItem(s) {
		// The head of this item, or the last heading or list head before.
		for k2 := si; k2 >= 0; k2-- {
			ms := fi.bySent[k2]
			if len(ms) > 0 && (p.isHeading(&p.sents[k2]) || ms[0].listHead) {
				if fi.tr.filmOf[ms[0]] == f {
					add("item-head")
				}
				break
			}
		}
	}
	if fi.first == f {
		add("first")
	}
	if fi.most == f {
		add("most")
	}
	if fi.inHeading[f] {
		add("in-heading")
	}
	return feats
}

// attachPersonFeatures describes the pair (person mention m, film f):
// attachFeatures, and whether a possessive name owns the film named next
// ("Sidney Lumet's classic police drama — Serpico": Lumet's film is
// Serpico, not the film before him).
func (fi *filmIndex) attachPersonFeatures(m *personMention, f *filmEntity) []string {
	feats := fi.attachFeatures(factPerson, m.sent, m.i, f)
	switch o := fi.filmAfterPossessive(m); {
	case o == nil:
	case fi.tr.filmOf[o] == f:
		feats = append(feats, "poss-next", "poss-next@"+bucket(o.i-m.j, 0, 3, 8))
	default:
		feats = append(feats, "poss-other-next")
	}
	return feats
}

// filmAfterPossessive returns, when m is a possessive name, the first
// film mention after it in its sentence, or nil.
func (fi *filmIndex) filmAfterPossessive(m *personMention) *titleCand {
	if m.j == 0 || !fi.p.sents[m.sent].tokens[m.j-1].poss {
		return nil
	}
	for _, o := range fi.bySent[m.sent] {
		if o.i >= m.j {
			return o
		}
	}
	return nil
}

// ownedFilm returns the film a possessive name directly precedes
// ("Mara Voss's Tin Harbor"), or nil. The possessive binds the name to
// the title it qualifies: syntax, not a cue to weigh.
func (fi *filmIndex) ownedFilm(m *personMention, allowed func(*filmEntity) bool) *filmEntity {
	o := fi.filmAfterPossessive(m)
	if o == nil || o.i != m.j {
		return nil
	}
	if f := fi.tr.filmOf[o]; allowed == nil || allowed(f) {
		return f
	}
	return nil
}

// attachTo picks the film a fact is about: the best-scoring film, when
// its probability is at least threshold.
func (fi *filmIndex) attachTo(w *Weights, kind factKind, si, k int, threshold float64) (*filmEntity, float64) {
	var best *filmEntity
	bestP := 0.0
	for _, f := range fi.films {
		pr := w.Attach.prob(fi.attachFeatures(kind, si, k, f))
		if pr > bestP {
			best, bestP = f, pr
		}
	}
	if bestP < threshold {
		return nil, bestP
	}
	return best, bestP
}
