package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"

	"github.com/marquee-film/marquee/internal/catalog"
)

// sampleTexts returns the fixtures of testdata, the benchmark article
// and, when present, the shared corpus (read at run time only).
func sampleTexts(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, glob := range []string{"testdata/*.txt", "testdata/*.html", "../../../shared/corpus/articles/*.txt"} {
		m, _ := filepath.Glob(glob)
		paths = append(paths, m...)
	}
	texts := []string{string(benchText(4 << 10))}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}

// pieces cuts texts into lines, sentences-ish and comma pieces, the
// kinds of strings the recognisers see.
func pieces(texts []string) []string {
	var out []string
	for _, txt := range texts {
		for _, line := range strings.Split(txt, "\n") {
			out = append(out, line)
			for _, part := range regexp.MustCompile(`[.;,]\s+`).Split(line, -1) {
				out = append(out, part, " "+part)
			}
		}
	}
	return out
}

// TestFirstKindMatchesAlternation checks the word-indexed keyword search
// against the plain alternation of the kind rules it replaces.
func TestFirstKindMatchesAlternation(t *testing.T) {
	v := newExtrasVocabulary()
	var alts []string
	for _, k := range v.kinds {
		alts = append(alts, k.re.String())
	}
	ref := regexp.MustCompile("(" + strings.Join(alts, ")|(") + ")")
	extra := []string{"a q & a with the cast", "an alternate opening and alternate endings", "the o-card, slipcovers", "isolated score", "liner notes", "deleted and extended scenes", "tv spots and radio spots", "short films", "making-of", "art cards", "trailer gallery"}
	for _, s := range append(pieces(sampleTexts(t)), extra...) {
		lower := asciiLower(s)
		start, end, kind := v.firstKind(lower)
		m := ref.FindStringSubmatchIndex(lower)
		if m == nil {
			if start >= 0 {
				t.Errorf("%q: firstKind found %q, the alternation nothing", s, lower[start:end])
			}
			continue
		}
		var want string
		for i := range v.kinds {
			if m[2*i+2] >= 0 {
				want = string(v.kinds[i].kind)
				break
			}
		}
		if start != m[0] || end != m[1] || string(kind) != want {
			t.Errorf("%q: firstKind %d-%d %s, alternation %d-%d %s", s, start, end, kind, m[0], m[1], want)
		}
	}
}

// referencePatterns rebuilds the mention patterns as plain regular
// expressions run on every sentence, the way they were before the
// gazetteer matchers, word gates, start words and anchor windows.
func referencePatterns(mp *mentionPatterns) *mentionPatterns {
	var festAliases, awardNames []string
	for _, f := range festivals {
		festAliases = append(festAliases, f.aliases...)
	}
	for a := range festivalAwards {
		awardNames = append(awardNames, a)
	}
	ref := &mentionPatterns{gate: newWordGate()}
	gazN := 0
	for _, p := range mp.list {
		q := pattern{kind: p.kind, value: p.value, reject: p.reject, lower: p.lower, re: p.re}
		if p.gaz != nil {
			var expr string
			switch gazN {
			case 0:
				expr = `\b(?:` + alternation(streamers) + `)`
			case 1:
				expr = `\b(?:` + alternation(labelNames) + `)(?:\s+(?:` + alternation(orgSuffixes) + `))?`
			case 2:
				expr = `\b(?:` + alternation(festAliases) + `)\b`
			case 3:
				expr = `\b(?:` + alternation(awardNames) + `)`
			case 4:
				expr = `\b(?:` + alternation(otherAwards) + `)\b`
			}
			gazN++
			q.re = regexp.MustCompile(expr)
		}
		ref.list = append(ref.list, q)
	}
	if gazN != 5 {
		panic("referencePatterns: the gazetteer patterns changed")
	}
	return ref
}

// TestFastMentionsMatchReference checks the fast mention recognisers
// against plain regular expressions on every line and piece of the
// sample texts.
func TestFastMentionsMatchReference(t *testing.T) {
	x := New()
	ref := referencePatterns(x.patterns)
	extra := []string{"Shout! Factory Home Entertainment", "the Criterion Collection's 4K UHD Blu-ray™ discs", "Apple TV+ and Disney+", "premiered at Cannes 2021 and the Venice International Film Festivals",
		"Palme d’Or winner, Oscars and BAFTA nominee", "a Limited Edition Box Set in the U.K. for £39.99 (Region B)", "Blu-ray 3D and 3-D Blu-ray", "on-demand and PVOD, streaming on Tubi", "in theaters and a wide release",
		"Arrow Videos", "MVD Visual Entertainment Group", "Second Sight Films Limited Edition Steelbook", "120-minute cut, 95 mins."}
	for _, s := range append(pieces(sampleTexts(t)), extra...) {
		got := findMentions(x.patterns, s, span{0, len(s)})
		want := findMentions(ref, s, span{0, len(s)})
		if len(got) != len(want) {
			t.Errorf("%q:\n got %v\nwant %v", s, got, want)
			continue
		}
		for i := range got {
			if got[i].span != want[i].span || got[i].kind != want[i].kind || got[i].value != want[i].value {
				t.Errorf("%q:\n got %v\nwant %v", s, got, want)
				break
			}
		}
	}
}

// TestFastDatesMatchReference checks the word-gated date patterns
// against the same patterns run on every sentence.
func TestFastDatesMatchReference(t *testing.T) {
	p := newDateParser()
	ref := &dateParser{gate: newWordGate()}
	for _, dp := range p.patterns {
		dp.need, dp.needles, dp.slash, dp.starts = 0, nil, false, nil
		ref.patterns = append(ref.patterns, dp)
	}
	extra := []string{"on 10/26 and 11/3, or 9/17/21", "Q3 2027, later this year, next Tuesday", "the third quarter of 2026", "early 2027, this fall", "due in 2026", "TBA", "now available", "mid-March, 15 March 2022, Mar. 22"}
	for _, s := range append(pieces(sampleTexts(t)), extra...) {
		got, want := p.find(s), ref.find(s)
		if len(got) != len(want) {
			t.Errorf("%q:\n got %v\nwant %v", s, got, want)
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q:\n got %v\nwant %v", s, got, want)
				break
			}
		}
	}
}

// TestLeadingOfMatchesRegexp checks the word-by-word leading-words
// reader against the expression it replaces.
func TestLeadingOfMatchesRegexp(t *testing.T) {
	v := newExtrasVocabulary()
	extra := []string{"a couple of new featurettes", "Over an hour’s worth of interviews", "the film's trailer", "3 trailers", "brand new interviews", "all-new 4K scan", "Two Audio Commentaries", "and", "a ", "cast and crew interviews", "nothing more than a trailer", "as well as a booklet"}
	for _, s := range append(pieces(sampleTexts(t)), extra...) {
		s = strings.TrimSpace(s)
		if got, want := v.leadingOf(s), leadingRE.FindString(s); got != want {
			t.Errorf("%q: leadingOf %q, expression %q", s, got, want)
		}
	}
}

// leadingRE is the expression leadingOf replaces.
var leadingRE = regexp.MustCompile(`(?i)^(?:(?:lots\s+of|a\s+number\s+of|a\s+couple\s+of|a\s+pair\s+of|a\s+series\s+of|(?:over\s+)?an\s+hour['’]s\s+worth\s+of|at\s+least|more\s+than|nothing\s+more\s+than|the\s+film['’]s|the\s+movie['’]s|cast\s+and\s+crew|and|or|plus|as\s+well\s+as|also|a|an|the|its|their|his|her|this|these|those|some|several|many|both|all|every|each|first|second|third|another|brand[- ]new|all[- ]new|new|exclusive|archival|vintage|legacy|additional|bonus|optional|the\s+film['’]s|the\s+movie['’]s|cast\s+and\s+crew|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+)+`)

// TestASCIITitleKey checks the ASCII fast path of titleKey against the
// general one.
func TestASCIITitleKey(t *testing.T) {
	slow := func(t string) string {
		t = catalog.FoldText(t)
		var b strings.Builder
		for _, r := range t {
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				b.WriteRune(r)
			case r == '\'' || r == '’':
			default:
				b.WriteByte(' ')
			}
		}
		words := strings.Fields(b.String())
		for i, w := range words {
			if w == "vs" || w == "versus" {
				words[i] = "v"
			}
		}
		return strings.Join(words, " ")
	}
	extra := []string{"Kramer vs. Kramer", "  Alien VS Predator ", "Versus", "vs", "Rex's Big-Night: Part II!", "", "...", "A  B", "The 400 Blows (1959)"}
	for _, s := range append(pieces(sampleTexts(t)), extra...) {
		if got, ok := asciiTitleKey(s); ok && got != slow(s) {
			t.Errorf("%q: fast %q, general %q", s, got, slow(s))
		}
	}
}
