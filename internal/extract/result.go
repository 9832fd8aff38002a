package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Result is what one input states, each fact with its evidence.
type Result struct {
	// Published is the publication date used for relative dates, or
	// empty when unknown.
	Published string `json:"published,omitempty"`
	Source    string `json:"source,omitempty"`
	// TextRunes is the length in runes of the text evidence points into
	// (see Document.Text).
	TextRunes int    `json:"text_runes"`
	Films     []Film `json:"films"`
}

// Evidence is a half-open rune range [Start, End) of the input text and
// the text it covers.
type Evidence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Quote string `json:"quote"`
}

// Film is a film or box set with what the text says about it.
type Film struct {
	Title      string     `json:"title"`
	Year       int        `json:"year,omitempty"`
	Aliases    []string   `json:"aliases,omitempty"`
	Confidence float64    `json:"confidence"`
	Evidence   Evidence   `json:"evidence"`
	Credits    []Credit   `json:"credits"`
	Releases   []Release  `json:"releases"`
	Extras     []Extra    `json:"extras"`
	Festivals  []Festival `json:"festivals"`
	Awards     []Award    `json:"awards,omitempty"`
}

// Credit is a person's part in the film. Roles: "director", "writer",
// "cast" (a person may hold several).
type Credit struct {
	Name       string   `json:"name"`
	Roles      []string `json:"roles"`
	RoleText   string   `json:"role_text,omitempty"`
	Character  string   `json:"character,omitempty"`
	Confidence float64  `json:"confidence"`
	Evidence   Evidence `json:"evidence"`
}

// Release is one format's release. Date is "YYYY", "YYYY-MM" or
// "YYYY-MM-DD" with Precision saying which, or empty when the text gives
// none that can be resolved (DateText then keeps the words).
type Release struct {
	Format    string     `json:"format,omitempty"`
	Date      string     `json:"date,omitempty"`
	Precision string     `json:"precision,omitempty"`
	DateText  string     `json:"date_text,omitempty"`
	Status    DateStatus `json:"status,omitempty"`
	Label     string     `json:"label,omitempty"`
	Region    string     `json:"region,omitempty"`
	// Countries are the ISO 3166-1 alpha-2 codes of the countries the
	// text says the release is for ("in the UK", "UK label", "Region B",
	// "US/Canada"); empty when it names none.
	Countries  []string `json:"countries,omitempty"`
	Edition    string   `json:"edition,omitempty"`
	Price      string   `json:"price,omitempty"`
	Confidence float64  `json:"confidence"`
	Evidence   Evidence `json:"evidence"`
}

// Extra is a bonus feature.
type Extra struct {
	Kind         catalog.ExtraKind    `json:"kind"`
	Title        string               `json:"title,omitempty"`
	Vintage      catalog.ExtraVintage `json:"vintage,omitempty"`
	Runtime      string               `json:"runtime,omitempty"`
	Formats      []string             `json:"exclusive_to,omitempty"`
	Participants []Participant        `json:"participants,omitempty"`
	Confidence   float64              `json:"confidence"`
	Evidence     Evidence             `json:"evidence"`
}

// Participant is a person (or only a role) taking part in an extra.
type Participant struct {
	Name string `json:"name,omitempty"`
	Role string `json:"role,omitempty"`
}

// Festival is a festival showing, selection or prize. Result is "won",
// "nominated", "pending" or "screened".
type Festival struct {
	Name       string   `json:"name"`
	Year       int      `json:"year,omitempty"`
	Award      string   `json:"award,omitempty"`
	Result     string   `json:"result,omitempty"`
	Confidence float64  `json:"confidence"`
	Evidence   Evidence `json:"evidence"`
}

// Award is a prize or nomination from a ceremony that is not a festival
// (Academy Awards, Golden Globes, BAFTAs...).
type Award struct {
	Name       string   `json:"name"`
	Result     string   `json:"result,omitempty"`
	Confidence float64  `json:"confidence"`
	Evidence   Evidence `json:"evidence"`
}

// runeIndex converts byte offsets of a (valid UTF-8) text to rune offsets with
// checkpoints about every runeStep bytes, each at the start of a rune, so
// conversion stays cheap on large inputs; within a checkpoint's stretch
// of ASCII text a byte is a rune.
type runeIndex struct {
	text   string
	at     []int  // checkpoint i's byte offset: the first rune start at or after i*runeStep
	before []int  // runes before checkpoint i
	ascii  []bool // whether the stretch from checkpoint i to the next is ASCII
}

const runeStep = 256

func newRuneIndex(text string) *runeIndex {
	n := (len(text) + runeStep - 1) / runeStep
	ri := &runeIndex{text: text, at: make([]int, 0, n), before: make([]int, 0, n), ascii: make([]bool, 0, n)}
	runes, prev := 0, 0
	for i := 0; i < len(text); i += runeStep {
		at := i
		for at > 0 && at < len(text) && !utf8.RuneStart(text[at]) {
			at++
		}
		if len(ri.at) > 0 {
			chunk := text[prev:at]
			c := utf8.RuneCountInString(chunk)
			ri.ascii = append(ri.ascii, c == len(chunk))
			runes += c
		}
		ri.at = append(ri.at, at)
		ri.before = append(ri.before, runes)
		prev = at
	}
	if len(ri.at) > 0 {
		chunk := text[prev:]
		ri.ascii = append(ri.ascii, utf8.RuneCountInString(chunk) == len(chunk))
	}
	return ri
}

// runes returns the rune offset of byte offset b (clamped to the text).
func (ri *runeIndex) runes(b int) int {
	b = max(0, min(b, len(ri.text)))
	if len(ri.at) == 0 {
		return 0
	}
	c := min(b/runeStep, len(ri.at)-1)
	if ri.at[c] > b {
		c--
	}
	if ri.ascii[c] {
		return ri.before[c] + b - ri.at[c]
	}
	return ri.before[c] + utf8.RuneCountInString(ri.text[ri.at[c]:b])
}

func (ri *runeIndex) evidence(s span) Evidence {
	s.start = max(0, min(s.start, len(ri.text)))
	s.end = max(s.start, min(s.end, len(ri.text)))
	return Evidence{Start: ri.runes(s.start), End: ri.runes(s.end), Quote: ri.text[s.start:s.end]}
}

// result builds the public Result.
func (r *recognition) result() *Result {
	p := r.p
	ri := newRuneIndex(p.text)
	res := &Result{TextRunes: ri.runes(len(p.text)), Films: []Film{}}
	if !p.pub.IsTBA() {
		res.Published = p.pub.String()
	}
	out := map[*filmEntity]*Film{}
	for _, f := range r.titles.films {
		if !f.keep {
			continue
		}
		res.Films = append(res.Films, Film{Title: cleanText(f.title), Year: f.year, Confidence: round2(f.prob), Evidence: ri.evidence(f.mentions[0].span),
			Credits: []Credit{}, Releases: []Release{}, Extras: []Extra{}, Festivals: []Festival{}})
	}
	k := 0
	for _, f := range r.titles.films {
		if f.keep {
			out[f] = &res.Films[k]
			k++
		}
	}
	for _, c := range r.credits {
		film := out[c.film]
		if film == nil {
			continue
		}
		merged := false
		for i := range film.Credits {
			if film.Credits[i].Name == cleanText(c.person.name) {
				film.Credits[i].Roles = append(film.Credits[i].Roles, c.role)
				if c.character != "" {
					film.Credits[i].Character = cleanText(c.character)
				}
				merged = true
			}
		}
		if !merged {
			film.Credits = append(film.Credits, Credit{Name: cleanText(c.person.name), Roles: []string{c.role}, Character: cleanText(c.character),
				Confidence: round2(c.prob), Evidence: ri.evidence(c.person.span)})
		}
	}
	for _, rf := range r.releases {
		film := out[rf.film]
		if film == nil {
			continue
		}
		rel := Release{Format: rf.format, Confidence: round2(rf.mentions[0].attachP), Evidence: ri.evidence(rf.mentions[0].span)}
		if rf.date != nil {
			rel.DateText = cleanText(p.dateText(*rf.date))
			if rf.date.d.kind == dkStatus {
				rel.Status = rf.date.d.status
			} else if d, ok := resolvedDate(p, *rf.date); ok {
				rel.Date, rel.Precision = d.String(), d.Precision().String()
			}
		}
		if rf.label != nil {
			rel.Label = cleanText(rf.label.name)
		} else if rf.streamer != "" {
			rel.Label = rf.streamer
		}
		rel.Price, rel.Region, rel.Countries = releaseDetails(p, rf)
		film.Releases = append(film.Releases, rel)
	}
	for _, e := range r.extras {
		film := out[e.film]
		if film == nil {
			continue
		}
		x := Extra{Kind: e.kind, Title: cleanText(e.title), Confidence: 0.5, Evidence: ri.evidence(e.span)}
		for _, pt := range e.people {
			x.Participants = append(x.Participants, Participant{Name: cleanText(pt.name), Role: cleanText(pt.role)})
		}
		film.Extras = append(film.Extras, x)
	}
	// One entry per festival and year: "Venice" and "the Venice Film
	// Festival" are one festival, named the longer way.
	seenFest := map[*Film]map[string]int{}
	for _, fe := range r.festivals {
		film := out[fe.film]
		if film == nil {
			continue
		}
		k := festivalKey(fe.name) + "|" + itoa(fe.year)
		if seenFest[film] == nil {
			seenFest[film] = map[string]int{}
		}
		name := cleanText(fe.name)
		if i, ok := seenFest[film][k]; ok {
			f := &film.Festivals[i]
			if utf8.RuneCountInString(name) > utf8.RuneCountInString(f.Name) {
				f.Name = name
			}
			if f.Award == "" {
				f.Award = fe.award
			}
			if festivalResultRank[fe.result] > festivalResultRank[f.Result] {
				f.Result = fe.result
			}
			continue
		}
		seenFest[film][k] = len(film.Festivals)
		film.Festivals = append(film.Festivals, Festival{Name: name, Year: fe.year, Award: fe.award, Result: fe.result,
			Confidence: 0.5, Evidence: ri.evidence(fe.span)})
	}
	return res
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// cleanText is how a name or title read from the text is reported: soft
// hyphens and zero-width characters removed, every run of white space
// (no-break spaces included) one space.
func cleanText(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		switch {
		case ignorableRune(r):
			continue
		case isSpaceRune(r):
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
