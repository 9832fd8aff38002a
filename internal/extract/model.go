package extract

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"sort"
)

// The decisions the extractor makes (is this span a title? is this film
// the article's subject? is this person the director? which date is this
// release's?) are each a logistic model over named features: the weights
// are fitted to the corpus by cmd/marquee-fit (go generate), never set by
// hand, and embedded from weights.json.

//go:generate go run ../../cmd/marquee-fit -corpus ../../../shared/corpus -out weights.json

//go:embed weights.json
var weightsJSON []byte

// linearModel is a logistic model: P(yes) = σ(bias + Σ weights[f]).
type linearModel struct {
	Bias    float64            `json:"bias"`
	Weights map[string]float64 `json:"weights"`
}

// prob is the model's probability for an example with features feats.
// A nil model says 0.5 (no evidence either way).
func (m *linearModel) prob(feats []string) float64 {
	if m == nil {
		return 0.5
	}
	z := m.Bias
	for _, f := range feats {
		z += m.Weights[f]
	}
	return 1 / (1 + math.Exp(-z))
}

// Weights are the fitted weights of every decision model.
type Weights struct {
	// Title scores a candidate title (all the spans with its key) as
	// the title of a film the article states facts about.
	Title *linearModel `json:"title"`
	// TitleKnown rescores a title from the text's score and whether the
	// catalog holds a film of that title (used only with a catalog).
	TitleKnown *linearModel `json:"title_known"`
	Film       *linearModel `json:"film"`
	// Person scores a candidate span as a person's name; Role scores a
	// person mention for each credit role ("director", "writer",
	// "cast").
	Person *linearModel            `json:"person"`
	Role   map[string]*linearModel `json:"role"`
	// ReleaseDate chooses a release's date among the dates nearby and
	// ReleaseLabel its label among the organizations named (choice
	// models); Release scores a (film, format) pair named in one
	// sentence as a release.
	ReleaseDate  *linearModel `json:"release_date"`
	ReleaseLabel *linearModel `json:"release_label"`
	Release      *linearModel `json:"release"`
	// Attach chooses the film a fact is about among the films named
	// (a choice model).
	Attach *linearModel `json:"attach"`
	// Meta records how the weights were made.
	Meta map[string]string `json:"meta,omitempty"`
}

func loadWeights(b []byte) (*Weights, error) {
	w := &Weights{}
	if len(b) == 0 {
		return w, nil
	}
	if err := json.Unmarshal(b, w); err != nil {
		return nil, fmt.Errorf("extract: weights.json: %w", err)
	}
	return w, nil
}

// MarshalIndent writes the weights as sorted, indented JSON, so that a
// refit shows as a readable diff.
func (w *Weights) MarshalIndent() ([]byte, error) {
	return json.MarshalIndent(w, "", " ")
}

// example is one training example of a model.
type example struct {
	feats []string
	y     bool
}

// fitLogistic fits a logistic model by full-batch gradient descent
// (Adam) on the mean log loss plus l2/2·|w|², the bias unregularised.
// It is deterministic: the same examples give the same weights.
// Features seen in fewer than minCount examples are dropped: they would
// only memorise.
func fitLogistic(ex []example, l2 float64, iters, minCount int) *linearModel {
	m := &linearModel{Weights: map[string]float64{}}
	pos := 0
	for _, e := range ex {
		if e.y {
			pos++
		}
	}
	if pos == 0 || pos == len(ex) {
		return m
	}
	lists := make([][]string, len(ex))
	for i, e := range ex {
		lists[i] = e.feats
	}
	names, index := featureIndex(lists, minCount)
	rows := make([][]int, len(ex))
	ys := make([]float64, len(ex))
	for i, e := range ex {
		for _, f := range e.feats {
			if k, ok := index[f]; ok {
				rows[i] = append(rows[i], k)
			}
		}
		if e.y {
			ys[i] = 1
		}
	}
	n := len(names)
	w := make([]float64, n+1) // w[n] is the bias
	g := make([]float64, n+1)
	opt := newAdam(n + 1)
	inv := 1 / float64(len(ex))
	for it := 1; it <= iters; it++ {
		for k := range g {
			g[k] = 0
		}
		for i, row := range rows {
			z := w[n]
			for _, k := range row {
				z += w[k]
			}
			d := (1/(1+math.Exp(-z)) - ys[i]) * inv
			g[n] += d
			for _, k := range row {
				g[k] += d
			}
		}
		for k := 0; k < n; k++ {
			g[k] += l2 * w[k]
		}
		opt.step(w, g, it)
	}
	roundWeights(m, names, w)
	m.Bias = math.Round(w[n]*1e4) / 1e4
	return m
}

// adam is the Adam optimizer's state for a weight vector.
type adam struct{ mo, v []float64 }

func newAdam(n int) *adam { return &adam{mo: make([]float64, n), v: make([]float64, n)} }

// step moves w against gradient g at iteration it (from 1).
func (a *adam) step(w, g []float64, it int) {
	const rate, b1, b2 = 0.1, 0.9, 0.999
	c1, c2 := 1-math.Pow(b1, float64(it)), 1-math.Pow(b2, float64(it))
	for k := range w {
		a.mo[k] = b1*a.mo[k] + (1-b1)*g[k]
		a.v[k] = b2*a.v[k] + (1-b2)*g[k]*g[k]
		w[k] -= rate * (a.mo[k] / c1) / (math.Sqrt(a.v[k]/c2) + 1e-8)
	}
}

// roundWeights stores the fitted weights of the named features,
// rounded, without those too small to matter.
func roundWeights(m *linearModel, names []string, w []float64) {
	for k, f := range names {
		if math.Abs(w[k]) >= 1e-3 {
			m.Weights[f] = math.Round(w[k]*1e4) / 1e4
		}
	}
}

// featureIndex numbers, in sorted order, the features that occur in at
// least minCount of the lists.
func featureIndex(lists [][]string, minCount int) ([]string, map[string]int) {
	count := map[string]int{}
	for _, l := range lists {
		for _, f := range l {
			count[f]++
		}
	}
	var names []string
	for f, c := range count {
		if c >= minCount {
			names = append(names, f)
		}
	}
	sort.Strings(names)
	index := make(map[string]int, len(names))
	for i, f := range names {
		index[f] = i
	}
	return names, index
}

// topWeights lists a model's strongest features, for reports.
func topWeights(m *linearModel, n int) []string {
	type fw struct {
		f string
		w float64
	}
	var all []fw
	for f, w := range m.Weights {
		all = append(all, fw{f, w})
	}
	sort.Slice(all, func(i, j int) bool { return math.Abs(all[i].w) > math.Abs(all[j].w) })
	var out []string
	for i := 0; i < n && i < len(all); i++ {
		out = append(out, fmt.Sprintf("%+.2f %s", all[i].w, all[i].f))
	}
	return out
}

// A choice model picks one of several candidates (a release's date among
// the dates nearby, a fact's film among the films named): the
// probability of candidate c is exp(w·f(c)) / Σ exp(w·f(c')). A choice
// always offers "none" too, a candidate whose features are the group's
// features prefixed "none&", so that the model can say that no candidate
// is right.

// choiceGroup is one training choice: its candidates' features and the
// indexes of the right ones (len(cands) for none). With several right
// candidates (a format said of a list of films) the loss is that of
// choosing any of them.
type choiceGroup struct {
	cands [][]string
	// none holds the features of the none option.
	none  []string
	right []int
}

// noneFeatures are the features of the none option of a choice among n
// candidates.
func noneFeatures(n int, extra ...string) []string {
	f := []string{"none", "none&n=" + bucket(n, 0, 1, 2, 4)}
	for _, e := range extra {
		f = append(f, "none&"+e)
	}
	return f
}

// choose returns the best candidate (or -1 for none) and its
// probability.
func (m *linearModel) choose(cands [][]string, none []string) (int, float64) {
	ps := m.choiceProbs(cands, none)
	best := len(cands)
	for i, p := range ps {
		if p > ps[best] {
			best = i
		}
	}
	if best == len(cands) {
		return -1, ps[best]
	}
	return best, ps[best]
}

// choiceProbs returns the probability of each candidate and, last, of
// none.
func (m *linearModel) choiceProbs(cands [][]string, none []string) []float64 {
	scores := make([]float64, len(cands)+1)
	mx := m.score(none)
	scores[len(cands)] = mx
	for i, f := range cands {
		scores[i] = m.score(f)
		mx = math.Max(mx, scores[i])
	}
	var sum float64
	for i := range scores {
		scores[i] = math.Exp(scores[i] - mx)
		sum += scores[i]
	}
	for i := range scores {
		scores[i] /= sum
	}
	return scores
}

// score is the model's linear score (without the bias, which cancels in
// a choice).
func (m *linearModel) score(feats []string) float64 {
	if m == nil {
		return 0
	}
	z := 0.0
	for _, f := range feats {
		z += m.Weights[f]
	}
	return z
}

// fitChoice fits a choice model by full-batch gradient descent (Adam) on
// the mean log loss of the right candidates plus l2/2·|w|².
func fitChoice(groups []choiceGroup, l2 float64, iters, minCount int) *linearModel {
	m := &linearModel{Weights: map[string]float64{}}
	if len(groups) == 0 {
		return m
	}
	var lists [][]string
	for _, g := range groups {
		lists = append(append(lists, g.cands...), g.none)
	}
	names, index := featureIndex(lists, minCount)
	type grp struct {
		rows  [][]int
		right map[int]bool
	}
	gs := make([]grp, len(groups))
	for gi, g := range groups {
		for _, c := range append(append([][]string{}, g.cands...), g.none) {
			var row []int
			for _, f := range c {
				if k, ok := index[f]; ok {
					row = append(row, k)
				}
			}
			gs[gi].rows = append(gs[gi].rows, row)
		}
		gs[gi].right = map[int]bool{}
		for _, r := range g.right {
			gs[gi].right[r] = true
		}
	}
	n := len(names)
	w := make([]float64, n)
	g := make([]float64, n)
	opt := newAdam(n)
	inv := 1 / float64(len(gs))
	for it := 1; it <= iters; it++ {
		for k := range g {
			g[k] = 0
		}
		for _, gr := range gs {
			scores := make([]float64, len(gr.rows))
			mx := math.Inf(-1)
			for i, row := range gr.rows {
				for _, k := range row {
					scores[i] += w[k]
				}
				mx = math.Max(mx, scores[i])
			}
			var sum, sumRight float64
			for i := range scores {
				scores[i] = math.Exp(scores[i] - mx)
				sum += scores[i]
				if gr.right[i] {
					sumRight += scores[i]
				}
			}
			for i, row := range gr.rows {
				d := scores[i] / sum
				if gr.right[i] {
					d -= scores[i] / sumRight
				}
				d *= inv
				for _, k := range row {
					g[k] += d
				}
			}
		}
		for k := range w {
			g[k] += l2 * w[k]
		}
		opt.step(w, g, it)
	}
	roundWeights(m, names, w)
	return m
}

// AverageWeights averages several fits of the same models (bagging): a
// feature's weight is its mean over the fits, counting 0 where a fit
// has none. Fits on different samples of synthetic articles disagree
// about features the corpus says little about; their mean depends less
// on any one sample.
func AverageWeights(ws []*Weights) *Weights {
	if len(ws) == 0 {
		return &Weights{}
	}
	if len(ws) == 1 {
		return ws[0]
	}
	avg := func(get func(*Weights) *linearModel) *linearModel {
		sum := map[string]float64{}
		bias, any := 0.0, false
		for _, w := range ws {
			m := get(w)
			if m == nil {
				continue
			}
			any = true
			bias += m.Bias
			for f, v := range m.Weights {
				sum[f] += v
			}
		}
		if !any {
			return nil
		}
		out := &linearModel{Bias: math.Round(bias/float64(len(ws))*1e4) / 1e4, Weights: map[string]float64{}}
		for f, v := range sum {
			if m := v / float64(len(ws)); math.Abs(m) >= 1e-3 {
				r := math.Round(m*1e4) / 1e4
				out.Weights[f] = r
			}
		}
		return out
	}
	out := &Weights{
		Title:        avg(func(w *Weights) *linearModel { return w.Title }),
		TitleKnown:   avg(func(w *Weights) *linearModel { return w.TitleKnown }),
		Film:         avg(func(w *Weights) *linearModel { return w.Film }),
		Person:       avg(func(w *Weights) *linearModel { return w.Person }),
		ReleaseDate:  avg(func(w *Weights) *linearModel { return w.ReleaseDate }),
		ReleaseLabel: avg(func(w *Weights) *linearModel { return w.ReleaseLabel }),
		Release:      avg(func(w *Weights) *linearModel { return w.Release }),
		Attach:       avg(func(w *Weights) *linearModel { return w.Attach }),
		Meta:         map[string]string{},
	}
	roles := map[string]bool{}
	for _, w := range ws {
		for r := range w.Role {
			roles[r] = true
		}
	}
	if len(roles) > 0 {
		out.Role = map[string]*linearModel{}
		for r := range roles {
			out.Role[r] = avg(func(w *Weights) *linearModel { return w.Role[r] })
		}
	}
	for k, v := range ws[0].Meta {
		out.Meta[k] = v
	}
	out.Meta["fits averaged"] = fmt.Sprint(len(ws))
	return out
}
