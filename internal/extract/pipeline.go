package extract

import (
	"context"

	"sort"
	"strconv"
	"strings"
	"unicode"
)

// recognition is the state of one extraction: each stage's typed output,
// built in order by recognize.
type recognition struct {
	p         *parsed
	w         *Weights
	titles    *titleReading
	people    *peopleReading
	films     *filmIndex
	formats   []*formatMention
	orgs      []*orgMention
	orgCount  map[string]int
	extras    []*extraMention
	festivals []*festivalMention
	releases  []*releaseFact
	credits   []*creditFact
	// formatFilms lists the films each format mention is a release of.
	formatFilms map[*formatMention][]*filmEntity
	// filmFeats holds the film model's features per film.
	filmFeats  map[*filmEntity][]string
	catalogErr error
}

// releaseFact is a film's release on one format, from its mentions.
type releaseFact struct {
	film     *filmEntity
	format   string
	streamer string
	mentions []*formatMention
	date     *dateRef
	dateP    float64
	label    *orgMention
	labelP   float64
}

// creditFact is a person's credited role on a film.
type creditFact struct {
	film      *filmEntity
	person    *personMention
	role      string
	prob      float64
	character string
}

// Thresholds of the decisions that pick among candidates. They are
// probabilities of fitted models.
const (
	roleThreshold = 0.5
	releaseMin    = 0.5
	// confidentTitle is the title probability at which a film is
	// reported even when no fact attaches to it.
	confidentTitle = 0.5
)

// recognize runs the stages after parsing: titles, people, the facts
// about them, then the decision which films to report.
func (x *Extractor) recognize(ctx context.Context, p *parsed, idx CatalogIndex, goldKeys ...string) *recognition {
	w := x.weights
	r := &recognition{p: p, w: w, orgCount: map[string]int{}}
	r.titles = readTitles(p, w, r.catalogLookup(ctx, idx), goldKeys...)
	r.people = readPeople(p, w, r.titles)
	r.titles.dropPeople(p, r.people)
	r.extras = readExtras(p, r.people)
	r.titles.dropExtraTitles(p, r.extras)
	r.films = newFilmIndex(p, r.titles)
	for si := range p.sents {
		for _, fm := range findFormats(p, si) {
			r.formats = append(r.formats, fm)
		}
		r.orgs = append(r.orgs, findOrgs(p, si, r.titles)...)
		r.festivals = append(r.festivals, readFestivals(p, si, r.titles)...)
	}
	r.orgCount = canonicalOrgs(r.orgs)
	festivalYears(p, r.festivals)
	r.addInheritedFormats()
	r.attachAll(nil)
	if len(goldKeys) > 0 {
		for _, f := range r.titles.films {
			f.keep, f.prob = true, 1
		}
	} else {
		r.decideFilms()
	}
	dropped := false
	for _, f := range r.titles.films {
		dropped = dropped || !f.keep
	}
	if dropped {
		// Facts attach again, among the films kept.
		r.attachAll(func(f *filmEntity) bool { return f.keep })
	} else {
		r.assembleReleases(true)
	}
	return r
}

// catalogLookup returns how readTitles asks the catalog index, in one
// batch, which of the folded spans it gives are titles the index holds.
// With no index it returns nil; when the index fails, the lookup keeps
// the error for the caller and answers nil: the text alone decides.
func (r *recognition) catalogLookup(ctx context.Context, idx CatalogIndex) titleLookup {
	if idx == nil {
		return nil
	}
	return func(folds []string) func(string) bool {
		films, err := idx.FilmsByTitleFold(ctx, folds)
		if err != nil {
			r.catalogErr = err
			return nil
		}
		return func(fold string) bool { return len(films[fold]) > 0 }
	}
}

// addInheritedFormats adds, for each sentence that announces a release
// of a film it names without naming a format (a release verb and a date,
// or a list item with a day, a month or "TBA"), a release mention of the
// formats the text was about before (or of no format), one per film.
func (r *recognition) addInheritedFormats() {
	p := r.p
	bySent := make([][]*formatMention, len(p.sents))
	for _, fm := range r.formats {
		bySent[fm.sent] = append(bySent[fm.sent], fm)
	}
	// lastHeading[si] is the last heading before sentence si that names
	// formats (-1 for none).
	lastHeading := make([]int, len(p.sents)+1)
	lastHeading[0] = -1
	for si := range p.sents {
		lastHeading[si+1] = lastHeading[si]
		if p.isHeading(&p.sents[si]) && len(bySent[si]) > 0 {
			lastHeading[si+1] = si
		}
	}
	for si := range p.sents {
		s := &p.sents[si]
		if len(bySent[si]) > 0 || len(r.titles.mentions[si]) == 0 || p.isHeading(s) && !p.isListItem(s) {
			continue
		}
		var inh []*formatMention
		rights := false
		switch {
		case announcesRelease(s) || p.isListItem(s) && hasCalendarDate(s):
			inh = inheritedFormats(p, si, bySent, lastHeading[si])
		case r.takesRights(si):
			// A distributor took the films' rights: a release of no
			// format, by that distributor.
			rights = true
		default:
			continue
		}
		seen := map[*filmEntity]bool{}
		for _, m := range r.titles.mentions[si] {
			f := r.titles.filmOf[m]
			if seen[f] {
				continue
			}
			seen[f] = true
			mk := func(format, streamer string) {
				fm := &formatMention{sent: si, i: m.i, j: m.j, span: m.span, format: format, streamer: streamer, inherited: true, rights: rights, of: f}
				r.formats = append(r.formats, fm)
			}
			if len(inh) == 0 {
				mk("", "")
			}
			for _, o := range inh {
				mk(o.format, o.streamer)
			}
		}
	}
}

// filmSentences lists the first sentences that name film f (a few: the
// dates a release may take from them are near the film's introduction).
func (r *recognition) filmSentences(f *filmEntity) map[int]bool {
	out := map[int]bool{}
	for _, m := range f.mentions {
		if len(out) == 6 {
			break
		}
		out[m.sent] = true
	}
	return out
}

// attachAll attaches every fact to a film (among those allowed, all when
// allowed is nil) and assembles releases and credits.
func (r *recognition) attachAll(allowed func(*filmEntity) bool) {
	fi, w := r.films, r.w
	// candidates lists the films a fact may be about, with the features of
	// each pair.
	candidates := func(kind factKind, si, k int) ([]*filmEntity, [][]string) {
		var films []*filmEntity
		var feats [][]string
		for _, f := range fi.films {
			if allowed != nil && !allowed(f) {
				continue
			}
			films = append(films, f)
			feats = append(feats, fi.attachFeatures(kind, si, k, f))
		}
		return films, feats
	}
	choose := func(kind factKind, films []*filmEntity, feats [][]string) (*filmEntity, float64) {
		i, pr := w.Attach.choose(feats, noneFeatures(len(films), "kind="+string(kind)))
		if i < 0 {
			return nil, pr
		}
		return films[i], pr
	}
	pick := func(kind factKind, si, k int) (*filmEntity, float64) {
		films, feats := candidates(kind, si, k)
		return choose(kind, films, feats)
	}
	// A format named in a sentence that names films is a release of
	// each film the release-pair model pairs it with; a format in a
	// sentence without films goes to the film the attach model picks.
	r.formatFilms = map[*formatMention][]*filmEntity{}
	for _, fm := range r.formats {
		fm.film, fm.attachP = nil, 0
		var ms []*titleCand
		for _, m := range r.titles.mentions[fm.sent] {
			if f := r.titles.filmOf[m]; allowed == nil || allowed(f) {
				ms = append(ms, m)
			}
		}
		if fm.inherited && fm.of != nil && (allowed == nil || allowed(fm.of)) {
			// A sentence that names films and announces a release without
			// a format announces a release of each film it names.
			fm.film, fm.attachP = fm.of, 1
			r.formatFilms[fm] = []*filmEntity{fm.film}
			continue
		}
		if fm.inherited || len(ms) == 0 {
			fm.film, fm.attachP = pick(factRelease, fm.sent, fm.i)
			if fm.film != nil {
				r.formatFilms[fm] = []*filmEntity{fm.film}
			}
			continue
		}
		seen := map[*filmEntity]bool{}
		for _, m := range ms {
			f := r.titles.filmOf[m]
			if seen[f] {
				continue
			}
			pr := w.Release.prob(pairFeatures(r.p, fm, m, ms, r.formats))
			if pr >= releaseMin {
				seen[f] = true
				r.formatFilms[fm] = append(r.formatFilms[fm], f)
				if pr > fm.attachP {
					fm.film, fm.attachP = f, pr
				}
			}
		}
	}
	for _, e := range r.extras {
		e.film, _ = pick(factExtra, e.sent, e.at)
	}
	for _, fe := range r.festivals {
		fe.film, _ = pick(factFestival, fe.sent, fe.i)
	}
	r.assembleReleases(allowed != nil)
	r.credits = nil
	seen := map[string]int{}
	for _, m := range r.people.mentions {
		var roles []string
		for _, role := range []string{"director", "writer", "cast"} {
			if m.roles[role] >= roleThreshold {
				roles = append(roles, role)
			}
		}
		if len(roles) == 0 {
			continue
		}
		f := fi.ownedFilm(m, allowed)
		if f == nil {
			films, feats := candidates(factPerson, m.sent, m.i)
			for i, f := range films {
				feats[i] = fi.attachPersonFeatures(m, f)
			}
			f, _ = choose(factPerson, films, feats)
		}
		if f == nil {
			continue
		}
		for _, role := range roles {
			k := itoa(f.id) + "|" + m.key + "|" + role
			character := ""
			if role == "cast" {
				character = characterOf(r.p, m, r.people)
			}
			if i, ok := seen[k]; ok {
				// A later mention may give the part ("Hilde (Ruth Ek)").
				if r.credits[i].character == "" {
					r.credits[i].character = character
				}
				continue
			}
			seen[k] = len(r.credits)
			r.credits = append(r.credits, &creditFact{film: f, person: m, role: role, prob: m.roles[role], character: character})
		}
	}
}

// assembleReleases groups format mentions into releases per film and
// format, and picks each release's date and label.
//
// choose says whether to choose dates and labels too: the first
// attachment, which only counts each film's facts, does without.
func (r *recognition) assembleReleases(choose bool) {
	p, w := r.p, r.w
	r.releases = nil
	byKey := map[string]*releaseFact{}
	for _, fm := range r.formats {
		for _, f := range r.formatFilms[fm] {
			k := itoa(f.id) + "|" + fm.format + "|" + fm.streamer
			rf := byKey[k]
			if rf == nil {
				rf = &releaseFact{film: f, format: fm.format, streamer: fm.streamer}
				byKey[k] = rf
				r.releases = append(r.releases, rf)
			}
			rf.mentions = append(rf.mentions, fm)
		}
	}
	for _, rf := range r.releases {
		if !choose {
			break
		}
		fs := r.filmSentences(rf.film)
		cands := releaseDateCandidates(p, rf, fs)
		feats := make([][]string, len(cands))
		for i, c := range cands {
			feats[i] = dateFeatures(p, c.fm, c.dr, r.formats, r.titles.mentions, fs, r.ownMention(rf.film))
		}
		if i, pr := w.ReleaseDate.choose(feats, noneFeatures(len(cands), "fmt="+rf.format)); i >= 0 {
			d := cands[i].dr
			rf.date, rf.dateP = &d, pr
		}
		lc := releaseLabelCandidates(rf, r.orgs)
		lf := make([][]string, len(lc))
		for i, c := range lc {
			lf[i] = labelFeatures(p, c.fm, c.o, r.orgCount, len(r.orgCount))
		}
		if i, pr := w.ReleaseLabel.choose(lf, noneFeatures(len(lc), "fmt="+rf.format)); i >= 0 {
			rf.label, rf.labelP = lc[i].o, pr
		}
	}
}

// dateChoice is a (format mention, date) pair a release's date is chosen
// from.
type dateChoice struct {
	fm *formatMention
	dr dateRef
}

// maxChoiceMentions bounds how many of a release's mentions its date and
// label are chosen from (a long article may name a format hundreds of
// times; the first few say what the others repeat).
const maxChoiceMentions = 6

func releaseDateCandidates(p *parsed, rf *releaseFact, filmSents map[int]bool) []dateChoice {
	var out []dateChoice
	seen := map[[2]int]int{}
	for _, fm := range rf.mentions[:min(len(rf.mentions), maxChoiceMentions)] {
		if fm.rights {
			// A rights deal's sentence dates the deal or a screening,
			// not a release.
			continue
		}
		for _, dr := range dateCandidates(p, fm, filmSents) {
			k := [2]int{dr.sent, dr.d.start}
			if i, ok := seen[k]; ok {
				// The date was already offered with an earlier mention;
				// keep the pair whose mention shares its sentence.
				if dr.sent == fm.sent && out[i].fm.sent != dr.sent {
					out[i].fm = fm
				}
				continue
			}
			seen[k] = len(out)
			out = append(out, dateChoice{fm, dr})
		}
	}
	return out
}

// labelChoice is a (format mention, organization) pair a release's label
// is chosen from.
type labelChoice struct {
	fm *formatMention
	o  *orgMention
}

func releaseLabelCandidates(rf *releaseFact, orgs []*orgMention) []labelChoice {
	// Each organization is offered once, by its mention nearest to one of
	// the release's mentions.
	best := map[string]labelChoice{}
	dist := map[string]int{}
	var keys []string
	for _, fm := range rf.mentions[:min(len(rf.mentions), maxChoiceMentions)] {
		for _, o := range orgs {
			d := abs(o.sent-fm.sent)*1000 + abs(o.i-fm.i)
			if cur, ok := dist[o.key]; !ok || d < cur {
				if !ok {
					keys = append(keys, o.key)
				}
				dist[o.key] = d
				best[o.key] = labelChoice{fm, o}
			}
		}
	}
	out := make([]labelChoice, 0, len(keys))
	for _, k := range keys {
		out = append(out, best[k])
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// decideFilms runs the film model on every film with what the first
// attachment gave it.
func (r *recognition) decideFilms() {
	r.filmFeats = map[*filmEntity][]string{}
	nRel, nCred, nExtra, nFest := map[*filmEntity]int{}, map[*filmEntity]int{}, map[*filmEntity]int{}, map[*filmEntity]int{}
	for _, rf := range r.releases {
		nRel[rf.film]++
	}
	for _, c := range r.credits {
		nCred[c.film]++
	}
	for _, e := range r.extras {
		if e.film != nil {
			nExtra[e.film]++
		}
	}
	for _, fe := range r.festivals {
		if fe.film != nil {
			nFest[fe.film]++
		}
	}
	for _, f := range r.titles.films {
		feats := filmFeatures(r.p, r.films, f, nRel[f], nCred[f], nExtra[f], nFest[f])
		rank := len(r.titles.keyRank) + 1
		for _, m := range f.mentions {
			rank = min(rank, r.titles.keyRank[m.key])
		}
		feats = append(feats, "rank="+bucket(rank, 1, 3))
		r.filmFeats[f] = feats
		// A proposed title is a film the article is about when the title
		// model is confident, or when the text gives it a release or a
		// credit; a title named only in passing gets no entry (the label
		// schema's convention). A learned film model over these counts
		// did worse in cross-validation (0.308 against 0.315 micro-F1):
		// with some 150 films to learn from, it learned the noise of the
		// first attachment.
		f.prob = f.best
		f.keep = f.best >= confidentTitle || nRel[f]+nCred[f] > 0 && !r.onlyPlace(f)
	}
}

// filmFeatures describes a film for the film model: how well its best
// mention reads as a title, how often and where it is named, and how
// many facts attached to it.
func filmFeatures(p *parsed, fi *filmIndex, f *filmEntity, rel, cred, extra, fest int) []string {
	best := "best<0.3"
	switch {
	case f.best >= 0.6:
		best = "best>=0.6"
	case f.best >= 0.3:
		best = "best>=0.3"
	}
	feats := []string{best, "nf=" + bucket(len(fi.films), 1, 3)}
	if rel > 0 {
		feats = append(feats, "releases")
	}
	if cred > 0 {
		feats = append(feats, "credits")
	}
	if extra > 0 {
		feats = append(feats, "extras")
	}
	if fest > 0 {
		feats = append(feats, "festivals")
	}
	if rel+cred+extra+fest == 0 {
		feats = append(feats, "no-facts")
	}
	for _, m := range f.mentions {
		if p.isHeading(&p.sents[m.sent]) {
			feats = append(feats, "in-heading")
		}
		if m.listHead {
			feats = append(feats, "list-head")
		}
	}
	if len(f.mentions) > 1 {
		feats = append(feats, "repeated")
	}
	return dedupe(feats)
}

func dedupe(xs []string) []string {
	sort.Strings(xs)
	out := xs[:0]
	for i, x := range xs {
		if i == 0 || x != xs[i-1] {
			out = append(out, x)
		}
	}
	return out
}

// characterOf reads the part a cast member plays: "Nina Holt as Rosa",
// "Rosa (Nina Holt)", "Nina Holt (Rosa)".
func characterOf(p *parsed, m *personMention, pr *peopleReading) string {
	s := &p.sents[m.sent]
	toks := s.tokens
	run := func(a int) string {
		b := a
		for b < len(toks) && b-a < 5 && (isNameWord(toks[b]) || b > a && nameParticles[toks[b].norm] && b+1 < len(toks) && isNameWord(toks[b+1])) {
			b++
		}
		if b == a {
			return ""
		}
		return strings.TrimSuffix(p.text[toks[a].start:toks[b-1].end], possessiveSuffix(p.text[toks[a].start:toks[b-1].end]))
	}
	if m.j+1 < len(toks) && toks[m.j].norm == "as" {
		// "as Rosa", "as college student Samantha Hughes": a few
		// lower-case words may describe the part before its name.
		for k := m.j + 1; k < len(toks) && k <= m.j+4; k++ {
			if c := run(k); c != "" {
				return c
			}
			if t := toks[k]; t.kind != tokWord || t.upper || roleStopWords[t.norm] {
				break
			}
		}
	}
	// "Rosa (Nina Holt)", "Megan (indie favorite Greta Gerwig)".
	open := m.i - 1
	for open >= 0 && m.i-open <= 4 && toks[open].norm != "(" && toks[open].kind == tokWord && !toks[open].upper {
		open--
	}
	if open >= 1 && toks[open].norm == "(" && m.j < len(toks) && toks[m.j].norm == ")" {
		a := open - 1
		for a > 0 && isNameWord(toks[a-1]) && open-a < 4 {
			a--
		}
		if isNameWord(toks[open-1]) && !pr.covered(m.sent, open-1) {
			return p.text[toks[a].start:toks[open-1].end]
		}
	}
	if m.j+2 < len(toks) && toks[m.j].norm == "(" {
		if c := run(m.j + 1); c != "" && m.j+1+len(strings.Fields(c)) < len(toks) && toks[m.j+1+len(strings.Fields(c))].norm == ")" {
			return c
		}
	}
	return ""
}

// releaseExtras reads a release's price, region and countries from the
// sentences of its mentions.
func releaseDetails(p *parsed, rf *releaseFact) (price, region string, countries []string) {
	seen := map[string]bool{}
	for _, fm := range rf.mentions {
		s := &p.sents[fm.sent]
		toks := s.tokens
		for k, t := range toks {
			if price == "" && (t.norm == "$" || t.norm == "£" || t.norm == "€") && k+1 < len(toks) && toks[k+1].kind == tokNumber {
				// A decimal price keeps the period that ends its sentence
				// in its token ("£24.99."): not the price's.
				price = t.text + strings.TrimSuffix(toks[k+1].text, ".")
			}
			if region == "" && t.norm == "region" && k+1 < len(toks) {
				switch v := toks[k+1].norm; v {
				case "a", "b", "c", "1", "2", "3", "4", "5", "6", "free", "0", "all":
					region = strings.ToUpper(v)
				}
			}
		}
		for _, m := range s.lex {
			c := m.class()
			if c != lcCountry && !(c == lcDemonym && m.end < len(toks) && (s.covers(m.end, lcFormat) || s.covers(m.end, lcLabel) || toks[m.end].norm == "label" || toks[m.end].norm == "release")) {
				continue
			}
			if t := toks[m.start]; !t.upper && !t.allCaps {
				continue
			}
			if !seen[m.entry.value] {
				seen[m.entry.value] = true
				countries = append(countries, m.entry.value)
			}
		}
	}
	return price, region, countries
}

func toLower(r rune) rune { return unicode.ToLower(r) }

// dateText returns the words of a date reference.
func (p *parsed) dateText(dr dateRef) string {
	return p.text[dr.d.span.start:dr.d.span.end]
}

func itoa(n int) string { return strconv.Itoa(n) }

// hasCalendarDate reports whether sentence s names a day or a month, or
// says the date is to be announced: more than a year, which in a list
// item is usually a film's own ("Tundra Run (1978)").
func hasCalendarDate(s *sentence) bool {
	for _, d := range s.dates {
		if d.month > 0 || d.day > 0 || d.status != "" {
			return true
		}
	}
	return false
}

// festivalYears gives the festivals named without a year one: the year
// another mention of the same festival gives, else, for a festival the
// article is about (named in a heading or more than once), the year of
// publication: news from a festival does not repeat its year.
func festivalYears(p *parsed, fs []*festivalMention) {
	year, count, inHeading := map[string]int{}, map[string]int{}, map[string]bool{}
	for _, fe := range fs {
		k := festivalKey(fe.name)
		count[k]++
		if year[k] == 0 {
			year[k] = fe.year
		}
		if p.isHeading(&p.sents[fe.sent]) {
			inHeading[k] = true
		}
	}
	for _, fe := range fs {
		if fe.year != 0 {
			continue
		}
		k := festivalKey(fe.name)
		switch {
		case year[k] != 0:
			fe.year = year[k]
		case !p.pub.IsTBA() && (count[k] >= 2 || inHeading[k] || reportsCurrent(&p.sents[fe.sent])):
			fe.year = p.pub.Year()
		}
	}
}

// reportsCurrent reports whether sentence s tells of something happening
// about when it was published: it names this year, today, tonight, this
// week or a weekday, or says "just" ("just had its premiere at Toronto",
// "premieres Thursday at Fantastic Fest").
func reportsCurrent(s *sentence) bool {
	for _, m := range s.lex {
		if m.class() != lcDate {
			continue
		}
		switch v := m.entry.value; {
		case v == "rel=thisyear", v == "rel=today", v == "rel=thisweek", v == "rel=tonight", strings.HasPrefix(v, "weekday="):
			return true
		}
	}
	for _, t := range s.tokens {
		if t.norm == "just" {
			return true
		}
	}
	return false
}

// ownMention reports whether a title mention names film f.
func (r *recognition) ownMention(f *filmEntity) func(*titleCand) bool {
	return func(m *titleCand) bool { return r.titles.filmOf[m] == f }
}

// roleStopWords end the words that may describe a part before its name
// ("as part of", "as well as", "as the lead in").
var roleStopWords = map[string]bool{"part": true, "well": true, "of": true, "in": true, "on": true, "for": true,
	"with": true, "and": true, "or": true, "to": true, "by": true, "at": true, "from": true, "lead": true, "usual": true,
	"ever": true, "always": true, "such": true, "if": true, "though": true, "much": true, "many": true, "both": true}

// onlyPlace reports whether every mention of film f is exactly a place
// the lexicon knows ("London" in a list of screenings): such a title
// needs the title model's confidence, not only a fact that attached.
func (r *recognition) onlyPlace(f *filmEntity) bool {
	for _, m := range f.mentions {
		s := &r.p.sents[m.sent]
		exact := false
		for _, lm := range s.lex {
			if (lm.class() == lcPlace || lm.class() == lcCountry) && lm.start == m.i && lm.end == m.j {
				exact = true
			}
		}
		if !exact {
			return false
		}
	}
	return len(f.mentions) > 0
}

// takesRights reports whether sentence si says an organization took
// films' rights ("Magnet has acquired U.S. rights to ..."): a verb of
// rights and an organization.
func (r *recognition) takesRights(si int) bool {
	s := &r.p.sents[si]
	hasOrg := false
	for _, o := range r.orgs {
		if o.sent == si {
			hasOrg = true
			break
		}
	}
	if !hasOrg {
		return false
	}
	for k := range s.tokens {
		if m, ok := s.entryAt(k, lcVerb); ok && m.entry.value == "rights" {
			return true
		}
	}
	return false
}
