package extract

import (
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

// runeIndex converts byte offsets of a text to rune offsets with
// checkpoints every 1 KiB, so conversion stays cheap on large inputs.
type runeIndex struct {
	text   string
	before []int // runes before byte i*step
}

const runeStep = 1024

func newRuneIndex(text string) *runeIndex {
	ri := &runeIndex{text: text}
	n := 0
	for i := 0; i < len(text); i += runeStep {
		ri.before = append(ri.before, n)
		end := min(i+runeStep, len(text))
		n += utf8.RuneCountInString(text[i:end])
	}
	return ri
}

// runes returns the rune offset of byte offset b (clamped to the text).
func (ri *runeIndex) runes(b int) int {
	b = max(0, min(b, len(ri.text)))
	c := b / runeStep
	if c >= len(ri.before) {
		return utf8.RuneCountInString(ri.text)
	}
	return ri.before[c] + utf8.RuneCountInString(ri.text[c*runeStep:b])
}

func (ri *runeIndex) evidence(s span) Evidence {
	s.start = max(0, min(s.start, len(ri.text)))
	s.end = max(s.start, min(s.end, len(ri.text)))
	return Evidence{Start: ri.runes(s.start), End: ri.runes(s.end), Quote: ri.text[s.start:s.end]}
}

// result builds the public Result.
func (a *analysis) result() *Result {
	ri := newRuneIndex(a.text)
	res := &Result{Source: a.doc.Source, TextRunes: utf8.RuneCountInString(a.text), Films: []Film{}}
	if !a.published().IsTBA() {
		res.Published = a.published().String()
	}
	for _, f := range a.films {
		if !a.keepFilm(f) {
			continue
		}
		res.Films = append(res.Films, a.publicFilm(f, ri))
	}
	return res
}

// keepFilm drops films that the text only names: a film needs a fact or
// a place in a title list.
func (a *analysis) keepFilm(f *film) bool {
	return f.list || len(f.releases)+len(f.credits)+len(f.extras)+len(f.festivals)+len(f.awards) > 0
}

func (a *analysis) publicFilm(f *film, ri *runeIndex) Film {
	out := Film{Title: displayTitle(f.title), Year: f.year, Aliases: f.aliases, Confidence: round2(f.conf),
		Evidence: ri.evidence(f.evidence), Credits: []Credit{}, Releases: []Release{}, Extras: []Extra{}, Festivals: []Festival{}}
	for _, c := range f.credits {
		out.Credits = append(out.Credits, Credit{Name: c.name, Roles: roleNames(c.role), RoleText: c.roleText,
			Character: c.character, Confidence: round2(c.conf), Evidence: ri.evidence(c.evidence)})
	}
	for _, r := range f.releases {
		rel := Release{Format: r.format, DateText: r.dateText, Status: r.status, Label: r.label, Region: r.region,
			Edition: r.edition, Price: r.price, Confidence: round2(r.conf), Evidence: ri.evidence(r.evidence)}
		if !r.date.IsTBA() {
			rel.Date, rel.Precision = r.date.String(), r.date.Precision().String()
		}
		out.Releases = append(out.Releases, rel)
	}
	for _, e := range f.extras {
		x := Extra{Kind: e.kind, Title: e.title, Vintage: e.vintage, Runtime: e.runtime, Formats: e.formats,
			Confidence: round2(e.conf), Evidence: ri.evidence(e.evidence)}
		for _, p := range e.participants {
			x.Participants = append(x.Participants, Participant{Name: p.name, Role: p.role})
		}
		out.Extras = append(out.Extras, x)
	}
	for _, fe := range f.festivals {
		out.Festivals = append(out.Festivals, Festival{Name: fe.name, Year: fe.year, Award: fe.award, Result: fe.result,
			Confidence: round2(fe.conf), Evidence: ri.evidence(fe.evidence)})
	}
	for _, aw := range f.awards {
		out.Awards = append(out.Awards, Award{Name: aw.name, Result: aw.result, Confidence: round2(aw.conf), Evidence: ri.evidence(aw.evidence)})
	}
	return out
}

func roleNames(r creditRole) []string {
	var out []string
	if r&roleDirector != 0 {
		out = append(out, "director")
	}
	if r&roleWriter != 0 {
		out = append(out, "writer")
	}
	if r&roleCast != 0 {
		out = append(out, "cast")
	}
	return out
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// displayTitle turns an all-caps title into title case ("THE SILENT
// HARBOR" is "The Silent Harbor").
func displayTitle(t string) string {
	if !isAllCaps(t) {
		return t
	}
	words := []rune(t)
	upper := true
	for i, r := range words {
		if upper {
			upper = false
			continue
		}
		if r == ' ' || r == '-' || r == ':' {
			upper = true
			continue
		}
		words[i] = toLowerRune(r)
	}
	return string(words)
}
