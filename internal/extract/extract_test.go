package extract

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// extractLabels runs the extractor on text and returns the label view.
func extractLabels(t *testing.T, text string) Labels {
	t.Helper()
	res, err := New().Extract([]byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkSpans(t, res)
	return ToLabels(res)
}

// castParts maps each cast member of t to the part they play ("" when
// the text names none).
func castParts(t LabelTitle) map[string]string {
	out := map[string]string{}
	for _, c := range t.Cast {
		ch := ""
		if c.Character != nil {
			ch = *c.Character
		}
		out[c.Name] = ch
	}
	return out
}

// festivalFacts lists t's festivals as "name|year|result".
func festivalFacts(t LabelTitle) []string {
	var out []string
	for _, f := range t.Festivals {
		y, r := 0, ""
		if f.Year != nil {
			y = *f.Year
		}
		if f.Result != nil {
			r = *f.Result
		}
		out = append(out, f.Name+"|"+strconv.Itoa(y)+"|"+r)
	}
	return out
}

func titles(l Labels) []string {
	var out []string
	for _, t := range l.Titles {
		out = append(out, t.Title)
	}
	sort.Strings(out)
	return out
}

func TestFilmRecognition(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"release cue", "date 2022-01-01 Moonrise Kingdom Redux is coming to DVD and Blu-ray this March.", []string{"Moonrise Kingdom Redux"}},
		{"possessive director", "Vinegar Syndrome has set Ada Quince’s The Hollow Crown for release on Blu-ray on 5/3.", []string{"The Hollow Crown"}},
		{"genre noun", "Arrow Video releases the cult slasher Night Shift Nine on April 4th.", []string{"Night Shift Nine"}},
		{"year in parentheses", "Out soon: Tundra Run (1978) on Blu-ray.", []string{"Tundra Run"}},
		{"colon title", "Escape Velocity: The Last Orbit arrives on 4K Ultra HD on June 2.", []string{"Escape Velocity: The Last Orbit"}},
		{"bullet list", "Their slate for May:\n\n• Copper Sky – Blu-ray, May 3\n• The 7th Lantern (1971) – 4K UHD, May 17\n", []string{"Copper Sky", "The 7th Lantern"}},
		{"no film", "It was a quiet week for physical media; nothing was announced.", nil},
		{"person is not a title", "Directed by Tomas Reyes, the thriller stars Nina Holt.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := titles(extractLabels(t, tt.text)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("titles = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCreditsAndCharacters(t *testing.T) {
	l := extractLabels(t, "date 2023-01-01 Winter Ferry is coming to Blu-ray on March 1. Directed by Oona Vale, from a screenplay by Vale and Piet Marsh, the drama stars Lev Tamm as Captain Orr and Ruth Ek. Tamm’s co-star, the ferryman (Jonas Pikk), is a revelation, and Ek plays Hilde (Ruth Ek).")
	if len(l.Titles) != 1 {
		t.Fatalf("titles = %q", titles(l))
	}
	f := l.Titles[0]
	// Known gap: "Piet Marsh", joined to "a screenplay by Vale" by "and",
	// is not read as a writer.
	if !reflect.DeepEqual(f.Directors, []string{"Oona Vale"}) || len(f.Writers) == 0 || f.Writers[0] != "Oona Vale" {
		t.Errorf("directors %q writers %q", f.Directors, f.Writers)
	}
	cast := castParts(f)
	want := map[string]string{"Lev Tamm": "Captain Orr", "Ruth Ek": "Hilde", "Jonas Pikk": ""}
	for name, part := range want {
		if got, ok := cast[name]; !ok || got != part {
			t.Errorf("cast = %v, want %s as %q", cast, name, part)
		}
	}
}

func TestMultiFilmReleasesBindDatesAndFormats(t *testing.T) {
	l := extractLabels(t, "date 2021-09-08 Lionsgate has set Ada Quince’s Red Harbor for release on Blu-ray and DVD on 10/26, with the Digital release expected on 9/17. Also today, Paramount has set the western Dry Creek for release on 4K Ultra HD on 11/16.")
	got := map[string][]string{}
	for _, t := range l.Titles {
		for _, r := range t.Releases {
			got[t.Title] = append(got[t.Title], *r.Format+" "+*r.Date+" "+*r.Label)
		}
	}
	want := map[string][]string{
		"Red Harbor": {"bluray 2021-10-26 Lionsgate", "dvd 2021-10-26 Lionsgate", "digital 2021-09-17 Lionsgate"},
		"Dry Creek":  {"uhd4k 2021-11-16 Paramount"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("releases = %v\nwant %v", got, want)
	}
}

// extraKeys describes each extra as "kind|title" (with people,
// "kind|title|name,name").
func extraKeys(extras []LabelExtra, people bool) map[string]bool {
	got := map[string]bool{}
	for _, e := range extras {
		key := e.Kind + "|"
		if e.Title != nil {
			key += *e.Title
		}
		if people {
			var names []string
			for _, p := range e.Participants {
				if p.Name != nil {
					names = append(names, *p.Name)
				}
			}
			key += "|" + strings.Join(names, ",")
		}
		got[key] = true
	}
	return got
}

// requireExtras fails t for each of want that got lacks.
func requireExtras(t *testing.T, got map[string]bool, want ...string) {
	t.Helper()
	for _, w := range want {
		if !got[w] {
			t.Errorf("extras lack %q; got %v", w, got)
		}
	}
}

func TestExtrasItems(t *testing.T) {
	l := extractLabels(t, "date 2022-05-01 Crane Lake arrives on Blu-ray on June 7. Extras include an audio commentary with director Sal Ortiz and actor Mia Lund; two audio commentaries by critics; the featurette “Cold Water”; deleted and extended scenes, a gag reel, 3 trailers (Teaser, Spot One, and Spot Two), and a booklet essay by critic Jo Park. Don’t expect a making-of, though.")
	if len(l.Titles) != 1 {
		t.Fatalf("titles = %q", titles(l))
	}
	got := extraKeys(l.Titles[0].Extras, true)
	for _, e := range l.Titles[0].Extras {
		if e.Kind == "making_of" {
			t.Errorf("a making-of the text says is missing was extracted")
		}
	}
	requireExtras(t, got,
		"audio_commentary||Sal Ortiz,Mia Lund",
		"featurette|Cold Water|",
		// Deleted scenes with a name of their own are titled.
		"deleted_scenes|deleted and extended scenes|",
		"other|gag reel|",
		// A kind with its names in parentheses is one extra per name.
		"trailer|Teaser|",
		"trailer|Spot One|",
		"trailer|Spot Two|",
		"booklet|booklet essay|Jo Park",
	)
}

func TestExtrasListItemNames(t *testing.T) {
	l := extractLabels(t, "date 2022-05-01 Crane Lake arrives on Blu-ray on June 7 from Northlight, with deleted scenes.\n\nBONUS FEATURES\n\nNight Swim: Shooting on the Water\n\nLighting the Lake: how the opening shot was done\n\nAudio Commentary by director Sal Ortiz\n\nScoring the Silence\n")
	// The items are extras, not films.
	if len(l.Titles) != 1 || l.Titles[0].Title != "Crane Lake" {
		t.Fatalf("titles = %q, want only Crane Lake", titles(l))
	}
	got := extraKeys(l.Titles[0].Extras, false)
	requireExtras(t, got,
		// Called just that, deleted scenes are untitled.
		"deleted_scenes|",
		// A capitalized stretch after a colon is a subtitle ...
		"featurette|Night Swim: Shooting on the Water",
		// ... a lower-case one a description.
		"featurette|Lighting the Lake",
		"audio_commentary|",
		// An item that is a name alone is a titled extra.
		"featurette|Scoring the Silence",
	)
}

func TestQuotedFilmBeforeExtrasIsNoExtra(t *testing.T) {
	l := extractLabels(t, "date 2025-01-06 Cult Label Restores Lost 1981 Thriller 'Harbor Lights', Starring Ana Vell, For Blu-ray This Spring With A New Commentary By Ana Vell")
	if len(l.Titles) != 1 || l.Titles[0].Title != "Harbor Lights" {
		t.Fatalf("titles = %q, want Harbor Lights", titles(l))
	}
	for _, e := range l.Titles[0].Extras {
		if e.Title != nil {
			t.Errorf("extra %s titled %q: the film's own name is no extra", e.Kind, *e.Title)
		}
	}
}

func TestFestivals(t *testing.T) {
	l := extractLabels(t, "date 2024-01-10 Pale Orchard, which premiered at the 2023 Venice Film Festival, is nominated for the Golden Bear at Berlin this year, result pending. Pale Orchard comes to Digital on March 1.")
	got := festivalFacts(l.Titles[0])
	want := []string{"Venice Film Festival|2023|pending", "Berlin International Film Festival|2024|pending"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("festivals = %q, want %q", got, want)
	}
}

func TestBadInputs(t *testing.T) {
	x := New()
	for name, in := range map[string][]byte{"empty": nil, "binary": {0, 1, 2, 3, 0, 0, 0xff, 0xfe, 0, 0}} {
		if _, err := x.Extract(in, Options{}); err == nil {
			t.Errorf("%s: want an error", name)
		}
	}
	res, err := x.Extract([]byte("date 2022-01-01 Nothing \xff\xfe here but \xc3( broken bytes; Blu-ray \xe2\x82 soon."), Options{})
	if err != nil {
		t.Fatalf("invalid UTF-8: %v", err)
	}
	if len(res.Films) != 0 {
		t.Errorf("invalid UTF-8: films %v", res.Films)
	}
	if _, err := x.Extract(make([]byte, MaxInputBytes+1), Options{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("oversized input: %v", err)
	}
}

func TestLargeArticle(t *testing.T) {
	if testing.Short() {
		t.Skip("large input")
	}
	para := "Arrow Video releases the cult slasher Night Shift Nine on April 4th. Extras include an audio commentary with director Sal Ortiz, a gag reel and a trailer.\n\n"
	// 2 MB: an article this size shows any cost that grows faster than
	// the text (BenchmarkExtract measures the rate); inputs up to
	// MaxInputBytes take the same path.
	big := strings.Repeat(para, 2<<20/len(para))
	res, err := New().Extract([]byte("date 2023-01-01 "+big), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Films) != 1 || res.TextRunes != utf8.RuneCountInString("date 2023-01-01 "+big) {
		t.Errorf("films %d, runes %d", len(res.Films), res.TextRunes)
	}
	checkSpans(t, res)
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"date 2022-01-19 Red Lake is coming to DVD and Blu-ray this March from Lionsgate.",
		"date unknown\nsource x\n• One Title\n• Two Title (aka Other) (1999)\n",
		"<html><body><article><p>The label will release <i>Film</i> on 4K on 10/26.</p></article></body></html>",
		"Extras include “A”, “B” and a commentary with (((; ‘’ “",
		"\xff\xfe\x00 date 9999-99-99",
	} {
		f.Add([]byte(s))
	}
	x := New()
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := x.Extract(data, Options{})
		if err != nil {
			return
		}
		if _, err := json.Marshal(res); err != nil {
			t.Fatalf("result is not JSON: %v", err)
		}
		checkSpans(t, res)
		_ = ToLabels(res)
	})
}

// A capitalized word the lexicon knows as something else ("Star" is a
// role word) may open a longer title in mid-sentence; the same word
// opening the sentence or alone is no candidate.
func TestTitleCandidatesWithLexiconWords(t *testing.T) {
	x := New()
	cands := func(text string) []string {
		doc, err := ParseInput([]byte("date 2024-01-29\n"+text), Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := x.parse(doc)
		var out []string
		for si := range p.sents {
			for _, c := range titleCandidates(p, si) {
				out = append(out, c.text)
			}
		}
		return out
	}
	if got := cands("That would be director Ada Moss’ Star Lanterns Over Ice, due in May."); !slices.Contains(got, "Star Lanterns Over Ice") {
		t.Errorf("candidates %q lack %q", got, "Star Lanterns Over Ice")
	}
	for _, tt := range []struct{ text, not string }{
		{"Directed by Tomas Reyes, the thriller opens in May.", "Directed by Tomas Reyes"},
		{"The film is out on Blu-ray Disc today.", "Blu-ray Disc"},
		{"It comes with a Limited Edition Slipcover.", "Limited Edition Slipcover"},
	} {
		if got := cands(tt.text); slices.Contains(got, tt.not) {
			t.Errorf("%q: candidates %q include %q", tt.text, got, tt.not)
		}
	}
}

// A list whose items name a film and a date but no format inherits the
// format of the paragraph that introduces it, one release per item.
func TestListItemsInheritTheIntroducedFormat(t *testing.T) {
	l := extractLabels(t, "date 2026-03-02\nsource https://example.org/list\nThe following films have new release dates in theaters:\n\n"+
		"Copper Sky: New Date – May 4, 2026\n\nSalt Meridian: New Date – TBA\n\nHollow Pines: New Date – June 12, 2026\n\nWinter Ferry: New Date – TBA\n")
	got := map[string]string{}
	for _, tl := range l.Titles {
		for _, r := range tl.Releases {
			f, d := "", ""
			if r.Format != nil {
				f = *r.Format
			}
			if r.Date != nil {
				d = *r.Date
			}
			got[tl.Title] = f + " " + d
		}
	}
	want := map[string]string{"Copper Sky": "theatrical 2026-05-04", "Salt Meridian": "theatrical ", "Hollow Pines": "theatrical 2026-06-12", "Winter Ferry": "theatrical "}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("releases = %v\nwant %v", got, want)
	}
}

// A festival named without a year takes the year another mention gives,
// else, when the article is about it (a heading or several mentions),
// the year of publication; with no publication date it has none.
func TestFestivalYearFromTheArticle(t *testing.T) {
	years := func(text string) map[string]int {
		out := map[string]int{}
		for _, tl := range extractLabels(t, text).Titles {
			for _, f := range tl.Festivals {
				y := 0
				if f.Year != nil {
					y = *f.Year
				}
				out[tl.Title+"|"+f.Name] = y
			}
		}
		return out
	}
	body := "Pale Orchard, the new drama from director Ada Quince, screened at the Locarno Film Festival on Sunday. The Locarno Film Festival runs until Saturday."
	if got, want := years("date 2024-08-12\n"+body), map[string]int{"Pale Orchard|Locarno Film Festival": 2024}; !reflect.DeepEqual(got, want) {
		t.Errorf("festival years = %v, want %v", got, want)
	}
	if got, want := years("date unknown\n"+body), map[string]int{"Pale Orchard|Locarno Film Festival": 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("without a publication date: festival years = %v, want %v", got, want)
	}
	once := "Pale Orchard, the new drama from director Ada Quince, premiered at the Locarno Film Festival and arrives on Blu-ray on May 4."
	if got, want := years("date 2024-03-12\n"+once), map[string]int{"Pale Orchard|Locarno Film Festival": 0}; !reflect.DeepEqual(got, want) {
		t.Errorf("a festival named once in passing: festival years = %v, want %v", got, want)
	}
}

// A candidate's key, built from its tokens' folded words, is the key of
// its text.
func TestSpanKeyIsTitleKey(t *testing.T) {
	x := New()
	texts := []string{
		"date 2024-01-01 “Don’t Look Now” – J.A. Bayona’s The Orphanage vs. Rec (2007) and Blu‑ray Lo\u00adok Now: Part II!",
		string(benchText(2000)),
		"date 2024-01-01 THE SOFT SKIN, Jules et Jim & Anne & Muriel — Réalité: L'Été de Kikujiro.",
	}
	for _, text := range texts {
		doc, err := ParseInput([]byte(text), Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := x.parse(doc)
		n := 0
		for si := range p.sents {
			s := &p.sents[si]
			for i := range s.tokens {
				for j := i + 1; j <= len(s.tokens) && j <= i+8; j++ {
					span := p.text[s.tokens[i].start:s.tokens[j-1].end]
					if got, want := s.spanKey(i, j), titleKey(span); got != want {
						t.Errorf("%q: spanKey %q, titleKey %q", span, got, want)
					}
					n++
				}
			}
		}
		if n == 0 {
			t.Fatalf("no spans in %q", text)
		}
	}
}

// A candidate's features name each feature once (a key's features are
// its candidate's when it has one).
func TestTitleFeaturesHaveNoRepeats(t *testing.T) {
	x := New()
	doc, err := ParseInput(benchText(3000), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := x.parse(doc)
	tr := readTitles(p, x.weights, nil)
	n := 0
	for _, cs := range tr.cands {
		for _, c := range cs {
			seen := map[string]bool{}
			for _, f := range c.feats {
				if seen[f] {
					t.Errorf("%q: feature %q twice in %v", c.text, f, c.feats)
				}
				seen[f] = true
			}
			n++
		}
	}
	if n == 0 {
		t.Fatal("no candidates")
	}
}

// A part may be described before its name, after "as" or inside the
// parentheses that give the actor.
func TestCharactersWithDescriptions(t *testing.T) {
	l := extractLabels(t, "date 2023-01-01 Winter Ferry is coming to Blu-ray on March 1. The thriller stars Lev Tamm as retired captain Jonah Orr, and his daughter Hilde (played by newcomer Ruth Ek) joins him.")
	if len(l.Titles) != 1 {
		t.Fatalf("titles = %q", titles(l))
	}
	cast := castParts(l.Titles[0])
	want := map[string]string{"Lev Tamm": "Jonah Orr", "Ruth Ek": "Hilde"}
	for name, part := range want {
		if got, ok := cast[name]; !ok || got != part {
			t.Errorf("cast = %v, want %s as %q", cast, name, part)
		}
	}
}

// A film whose every mention is exactly a place the lexicon knows is
// only a place; one mention that is more than the place is enough.
func TestOnlyPlace(t *testing.T) {
	x := New()
	doc, err := ParseInput([]byte("date 2024-09-01\nThe tour reaches London on May 2. Copper Sky plays London Road Stories in May."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := x.parse(doc)
	r := &recognition{p: p}
	span := func(si int, text string) *titleCand {
		for _, c := range titleCandidates(p, si) {
			if c.text == text {
				return c
			}
		}
		t.Fatalf("no candidate %q in sentence %d", text, si)
		return nil
	}
	london := span(0, "London")
	road := span(1, "London Road Stories")
	if !r.onlyPlace(&filmEntity{mentions: []*titleCand{london}}) {
		t.Error(`"London" alone is not read as only a place`)
	}
	if r.onlyPlace(&filmEntity{mentions: []*titleCand{london, road}}) {
		t.Error(`a film also named "London Road Stories" is read as only a place`)
	}
}

// A festival named twice, short and long, is one entry named the long
// way, with the strongest result the text gives.
func TestFestivalNamedTwiceIsOne(t *testing.T) {
	l := extractLabels(t, "date 2024-01-10 Pale Orchard, which premiered at the 2023 Venice Film Festival, won a prize at Venice in 2023. Pale Orchard comes to Blu-ray on March 1.")
	if len(l.Titles) != 1 {
		t.Fatalf("titles = %q", titles(l))
	}
	got := festivalFacts(l.Titles[0])
	if want := []string{"Venice Film Festival|2023|won"}; !reflect.DeepEqual(got, want) {
		t.Errorf("festivals = %q, want %q", got, want)
	}
}

// A role word after a list of names gives each of them the part; the
// names inside a longer list are people like the ones around them.
func TestCastListClosedByRoleWord(t *testing.T) {
	for _, tc := range []struct {
		list  string
		names []string
	}{
		{"Lev Tamm and Mira Sato", []string{"Lev Tamm", "Mira Sato"}},
		{"Lev Tamm, Ines Okafor, Tomas Reyes and Mira Sato", []string{"Lev Tamm", "Ines Okafor", "Tomas Reyes", "Mira Sato"}},
	} {
		t.Run(tc.list, func(t *testing.T) {
			l := extractLabels(t, "date 2023-01-01 Winter Ferry arrives on Blu-ray on March 1 from Lantern Video. "+tc.list+" star.")
			if len(l.Titles) != 1 {
				t.Fatalf("titles = %q", titles(l))
			}
			cast := castParts(l.Titles[0])
			for _, name := range tc.names {
				if _, ok := cast[name]; !ok {
					t.Errorf("cast = %v, want %s", cast, name)
				}
			}
		})
	}
}

// A name the person model nearly accepts is accepted beside an accepted
// person in a list, and not elsewhere.
func TestLiftListedNames(t *testing.T) {
	doc, err := ParseInput([]byte("date 2023-01-01\nLev Tamm, Ines Okafor and Mira Sato star. Tomas Reyes wrote it."), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := New().parse(doc)
	var cs []*personMention
	for _, c := range personCandidates(p, 0) {
		switch c.name {
		case "Lev Tamm":
			c.score = 0.9
		case "Ines Okafor", "Mira Sato":
			c.score = 0.4
		default:
			continue
		}
		cs = append(cs, c)
	}
	if len(cs) != 3 {
		t.Fatalf("candidates = %d, want 3", len(cs))
	}
	liftListedNames(&p.sents[0], cs)
	for _, c := range cs {
		if c.score < personThreshold {
			t.Errorf("%s scores %.2f after lifting, want >= %.2f", c.name, c.score, personThreshold)
		}
	}
	var alone []*personMention
	for _, c := range personCandidates(p, 1) {
		if c.name == "Tomas Reyes" {
			c.score = 0.4
			alone = append(alone, c)
		}
	}
	liftListedNames(&p.sents[1], alone)
	if len(alone) != 1 || alone[0].score != 0.4 {
		t.Errorf("a name in no list was lifted: %+v", alone)
	}
}

// titleReadingOf builds a title reading of text whose mentions are the
// given candidate texts (sentence index, text) with their scores, as
// readTitles would leave them before grouping.
func titleReadingOf(t *testing.T, text string, mentions map[[2]string]float64) (*parsed, *titleReading) {
	t.Helper()
	doc, err := ParseInput([]byte(text), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := New().parse(doc)
	tr := &titleReading{filmOf: map[*titleCand]*filmEntity{}, mentions: make([][]*titleCand, len(p.sents))}
	for si := range p.sents {
		for _, c := range titleCandidates(p, si) {
			if score, ok := mentions[[2]string{strconv.Itoa(si), c.text}]; ok {
				c.score = score
				tr.mentions[si] = append(tr.mentions[si], c)
			}
		}
	}
	return p, tr
}

func filmTitles(tr *titleReading) []string {
	var out []string
	for _, f := range tr.films {
		out = append(out, f.title)
	}
	sort.Strings(out)
	return out
}

// A short title joins the longer one it ends only when the text
// supports the longer one at least half as well.
func TestShortFormJoinsOnlyASupportedLongTitle(t *testing.T) {
	text := "date 2024-01-10\nThe drama about Mira Tamm Vale arrives in May.\n\nTamm Vale comes to Blu-ray on May 3."
	for _, tc := range []struct {
		name      string
		longScore float64
		want      []string
	}{
		{"weak long title", 0.25, []string{"Mira Tamm Vale", "Tamm Vale"}},
		{"strong long title", 0.8, []string{"Mira Tamm Vale"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, tr := titleReadingOf(t, text, map[[2]string]float64{{"0", "Mira Tamm Vale"}: tc.longScore, {"1", "Tamm Vale"}: 0.9})
			tr.groupFilms(p)
			if got := filmTitles(tr); !slices.Equal(got, tc.want) {
				t.Errorf("films = %q, want %q", got, tc.want)
			}
		})
	}
}

// A film that got its name from mentions that are people, but has
// shorter mentions that are not, is named by the shorter ones; a film
// that is a person everywhere is no film.
func TestFilmNamedByAPersonTakesItsShortForm(t *testing.T) {
	text := "date 2024-01-10\nThe drama follows Mira Tamm Vale through the war.\n\nTamm Vale comes to Blu-ray on May 3.\n\nIt was directed by Lev Sato."
	p, tr := titleReadingOf(t, text, map[[2]string]float64{{"0", "Mira Tamm Vale"}: 0.6, {"1", "Tamm Vale"}: 0.55, {"2", "Lev Sato"}: 0.3})
	tr.groupFilms(p)
	if got, want := filmTitles(tr), []string{"Lev Sato", "Mira Tamm Vale"}; !slices.Equal(got, want) {
		t.Fatalf("before dropPeople: films = %q, want %q", got, want)
	}
	pr := &peopleReading{bySent: make([][]*personMention, len(p.sents))}
	pr.bySent[0] = []*personMention{{sent: 0, i: 3, j: 6, score: 0.9}} // Mira Tamm Vale
	pr.bySent[2] = []*personMention{{sent: 2, i: 4, j: 6, score: 0.9}} // Lev Sato
	tr.dropPeople(p, pr)
	if got, want := filmTitles(tr), []string{"Tamm Vale"}; !slices.Equal(got, want) {
		t.Errorf("films = %q, want %q", got, want)
	}
	if len(tr.mentions[0]) != 0 || len(tr.mentions[2]) != 0 || len(tr.mentions[1]) != 1 {
		t.Errorf("mentions per sentence = %d %d %d, want 0 1 0", len(tr.mentions[0]), len(tr.mentions[1]), len(tr.mentions[2]))
	}
}

// A festival named without a year is the publication year's when the
// sentence reports on it as current (this year, a weekday, "just"), and
// has no year when it only recalls it.
func TestFestivalYearFromCurrentReport(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"just", "date 2024-09-12 Copper Sky just had its world premiere at the Toronto International Film Festival. Lantern Video will release Copper Sky on Blu-ray in 2025.", "Toronto International Film Festival|2024|screened"},
		{"weekday", "date 2024-09-12 Copper Sky has its premiere on Thursday at the Toronto International Film Festival. Lantern Video will release Copper Sky on Blu-ray in 2025.", "Toronto International Film Festival|2024|screened"},
		{"recalled", "date 2024-09-12 Copper Sky, which premiered at the Toronto International Film Festival, comes to Blu-ray from Lantern Video on October 1.", "Toronto International Film Festival|0|screened"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := extractLabels(t, tc.text)
			if len(l.Titles) != 1 {
				t.Fatalf("titles = %q", titles(l))
			}
			if got := festivalFacts(l.Titles[0]); !slices.Equal(got, []string{tc.want}) {
				t.Errorf("festivals = %q, want %q", got, tc.want)
			}
		})
	}
}

// A possessive name owns the film named next, not the film before it.
func TestPossessiveDirectorOwnsTheNextFilm(t *testing.T) {
	l := extractLabels(t, "date 2024-01-10 In March the label releases Crane Lake on Blu-ray. Alongside Crane Lake, Mara Voss's Tin Harbor arrives on DVD on March 12.")
	dirs := map[string][]string{}
	for _, ti := range l.Titles {
		dirs[ti.Title] = ti.Directors
	}
	if got := dirs["Tin Harbor"]; len(got) != 1 || got[0] != "Mara Voss" {
		t.Errorf("directors of Tin Harbor = %q, want Mara Voss (all: %q)", got, dirs)
	}
	if got := dirs["Crane Lake"]; len(got) != 0 {
		t.Errorf("directors of Crane Lake = %q, want none", got)
	}
}

// A title may start after lower-case words that follow a date in one
// capitalized run ("March 24 is Against the Tide").
func TestTitleStartsAfterADateAndLowerCaseWords(t *testing.T) {
	l := extractLabels(t, "date 2024-03-01 Also coming March 24 is Against the Tide, a drama about a man who swims the Hudson. Against the Tide stars Jo Park.")
	if got := titles(l); len(got) != 1 || got[0] != "Against the Tide" {
		t.Fatalf("titles = %q, want Against the Tide", got)
	}
}

// The full stop that ends a list of extras is not part of the last one's
// name: "and a trailer." is an untitled trailer.
func TestLastProseExtraEndsBeforeTheFullStop(t *testing.T) {
	l := extractLabels(t, "date 2024-05-01 Crane Lake arrives on Blu-ray on June 7. Extras include a new audio commentary by film historians Tom Reed and Ana Vell, a gag reel and a trailer.")
	if len(l.Titles) != 1 {
		t.Fatalf("titles = %q", titles(l))
	}
	got := extraKeys(l.Titles[0].Extras, false)
	requireExtras(t, got, "trailer|", "other|gag reel", "audio_commentary|")
}

// A film whose longer name is only an extra's title is the film its
// other mentions name: the documentary on the disc is no film.
func TestFilmNamedOnlyByAnExtraTakesItsOtherName(t *testing.T) {
	l := extractLabels(t, "date 2024-05-01 Crane Lake arrives on Blu-ray on June 7 from Northlight.\n\nSPECIAL FEATURES\n\n“Crane Lake Revisited”: a new documentary\n\nAudio commentary by director Sal Ortiz\n\nTheatrical trailer\n")
	if got := titles(l); len(got) != 1 || got[0] != "Crane Lake" {
		t.Fatalf("titles = %q, want Crane Lake", got)
	}
	got := extraKeys(l.Titles[0].Extras, false)
	if !got["featurette|Crane Lake Revisited"] && !got["making_of|Crane Lake Revisited"] {
		t.Errorf("the documentary is not an extra of Crane Lake: %v", got)
	}
}

// A festival's section and the festival named in one sentence are one
// festival, with the year either gives.
func TestFestivalSectionAndFestivalAreOne(t *testing.T) {
	l := extractLabels(t, "date 2024-05-01 Crane Lake screened in the Un Certain Regard section at Cannes in 2022 and arrives on Blu-ray on June 7.")
	if len(l.Titles) != 1 {
		t.Fatalf("titles = %q", titles(l))
	}
	fs := l.Titles[0].Festivals
	if len(fs) != 1 || fs[0].Name != "Cannes" || fs[0].Year == nil || *fs[0].Year != 2022 {
		t.Errorf("festivals = %+v, want Cannes 2022 once", fs)
	}
}

// A festival named with a month and no year takes the month's year: the
// last such month when the screening has passed, the next when the
// sentence says it is to come.
func TestFestivalYearFromAMonth(t *testing.T) {
	for _, tc := range []struct {
		text string
		want int
	}{
		{"After its world premiere at TIFF in September, Crane Lake arrives on Blu-ray on June 7.", 2023},
		{"Crane Lake will premiere at Cannes in May before a Blu-ray release in the fall.", 2024},
	} {
		l := extractLabels(t, "date 2024-05-01 "+tc.text)
		if len(l.Titles) != 1 || len(l.Titles[0].Festivals) != 1 {
			t.Errorf("%q: titles %q, festivals %+v", tc.text, titles(l), l.Titles)
			continue
		}
		if y := l.Titles[0].Festivals[0].Year; y == nil || *y != tc.want {
			t.Errorf("%q: festival year %v, want %d", tc.text, y, tc.want)
		}
	}
}

// A price that ends its sentence is the price without the full stop.
func TestPriceEndsBeforeTheFullStop(t *testing.T) {
	l := extractLabels(t, "date 2024-03-01 Crane Lake arrives on Blu-ray in the UK on 12th March 2024 from Second Sight, priced £24.99. Extras include a trailer.")
	if len(l.Titles) != 1 || len(l.Titles[0].Releases) == 0 {
		t.Fatalf("titles = %q", titles(l))
	}
	if p := l.Titles[0].Releases[0].Price; p == nil || *p != "£24.99" {
		t.Errorf("price = %v, want £24.99", p)
	}
}

// A distributor that takes a film's rights gives it a release of no
// format by that distributor, undated by the deal's own sentence; a
// dated format named elsewhere stays a release of its own.
func TestRightsDealIsAReleaseOfNoFormat(t *testing.T) {
	for _, tc := range []struct {
		text      string
		wantLabel string
	}{
		{"Magnet Releasing has acquired U.S. rights to Crane Lake, the horror film directed by Sal Ortiz.", "Magnet Releasing"},
		{"Drafthouse Films picked up North American rights to the thriller Crane Lake, which premiered at Sundance in January.", "Drafthouse Films"},
	} {
		l := extractLabels(t, "date 2024-05-01 "+tc.text)
		if len(l.Titles) != 1 || l.Titles[0].Title != "Crane Lake" || len(l.Titles[0].Releases) != 1 {
			t.Errorf("%q: titles %q, %+v", tc.text, titles(l), l.Titles)
			continue
		}
		r := l.Titles[0].Releases[0]
		if r.Format != nil || r.Date != nil || r.Label == nil || *r.Label != tc.wantLabel {
			t.Errorf("%q: release format %v, date %v, label %v; want no format, no date, %s", tc.text, r.Format, r.Date, r.Label, tc.wantLabel)
		}
	}
	// Without an organization taking them, rights are no release.
	l := extractLabels(t, "date 2024-05-01 Crane Lake, the horror film directed by Sal Ortiz, was acquired last year.")
	for _, ti := range l.Titles {
		if len(ti.Releases) != 0 {
			t.Errorf("releases %+v from a sentence without a distributor", ti.Releases)
		}
	}
}

// A date that closes a list of formats is each one's, however long the
// list; the date before the list belongs to the format before it.
func TestDateClosesAListOfFormats(t *testing.T) {
	l := extractLabels(t, "date 2024-05-01 Crane Lake arrives on Digital on June 4, 2024, as well as on 4K Ultra HD, 3D Blu-ray, Blu-ray, DVD and On Demand on June 18, 2024. Extras include a trailer.")
	if len(l.Titles) != 1 {
		t.Fatalf("titles = %q", titles(l))
	}
	got := map[string]string{}
	for _, r := range l.Titles[0].Releases {
		if r.Format != nil && r.Date != nil {
			got[*r.Format] = *r.Date
		}
	}
	want := map[string]string{"digital": "2024-06-04", "uhd4k": "2024-06-18", "bluray": "2024-06-18", "dvd": "2024-06-18", "vod": "2024-06-18"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("format -> date (-want +got):\n%s", diff)
	}
}

// A word followed by a given name and a surname reads as a byline or a
// role and a person, not as a title of its own shape.
func TestWordThenName(t *testing.T) {
	x := New()
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"By Richard Whittaker", true},
		{"By: Billy Gil", true},
		{"Director Mara Voss", true},
		{"Being John Malkovich", true}, // the shape, not a verdict: the model weighs it
		{"Mara Voss Returns", false},   // starts with the given name
		{"The Crane Lake Murders", false},
		{"By Richard", false}, // no surname
	} {
		doc, err := ParseInput([]byte(tc.text), Options{})
		if err != nil {
			t.Fatal(err)
		}
		p := x.parse(doc)
		if len(p.sents) != 1 {
			t.Fatalf("%q: %d sentences", tc.text, len(p.sents))
		}
		s := &p.sents[0]
		if got := wordThenName(s, 0, len(s.tokens)); got != tc.want {
			t.Errorf("wordThenName(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// People said to have produced a film hold none of the scored credits.
func TestProducersHoldNoCredit(t *testing.T) {
	l := extractLabels(t, "date 2024-05-01 Crane Lake arrives on Blu-ray in May. Sal Ortiz directed. Lu Park, Ben Ek and Nina Holt executive produced, and Ada Quince co-produced.")
	if len(l.Titles) != 1 {
		t.Fatalf("titles = %q", titles(l))
	}
	f := l.Titles[0]
	if !reflect.DeepEqual(f.Directors, []string{"Sal Ortiz"}) || len(f.Writers) != 0 || len(f.Cast) != 0 {
		t.Errorf("directors %q, writers %q, cast %v; want only the director Sal Ortiz", f.Directors, f.Writers, castParts(f))
	}
}

// Italics set a title apart as quotes do: no candidate reaches across
// their edge, and an italic candidate reads as a quoted one.
func TestItalicsBoundTitles(t *testing.T) {
	x := New()
	doc, err := ParseInput([]byte("<html><body><article><p>Paramount has set Sal Ortiz’s <em>Crane Lake</em> for release on Blu-ray on May 4.</p></article></body></html>"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := x.parse(doc)
	tr := readTitles(p, x.weights, nil)
	found := false
	for _, cs := range tr.cands {
		for _, c := range cs {
			if strings.Contains(c.text, "Ortiz") && strings.Contains(c.text, "Crane") {
				t.Errorf("candidate %q reaches across the italics", c.text)
			}
			if c.text == "Crane Lake" {
				found = true
				if !slices.Contains(c.feats, "quoted") || !slices.Contains(c.feats, "maximal") {
					t.Errorf("italic candidate's features %v lack quoted or maximal", c.feats)
				}
			}
		}
	}
	if !found {
		t.Error("no candidate Crane Lake")
	}
}
