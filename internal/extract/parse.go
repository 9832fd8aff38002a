package extract

import (
	"net/url"
	"strings"
	"unicode"

	"github.com/marquee-film/marquee/internal/catalog"
)

// parsed is a document after the first stages: segmented into blocks and
// sentences of tokens, with each sentence's vocabulary and dates found.
// It is built once per extraction and read by every later stage.
type parsed struct {
	text   string
	body   int
	pub    catalog.PartialDate
	blocks []block
	sents  []sentence
	// emph holds the spans the markup set in italics.
	emph []span
	// extrasList[i] says whether sentence i is in a list of extras
	// (computed once by parse).
	extrasList []bool
	// slug holds the folded words of the article's address, each
	// between spaces (" jurassic world fallen kingdom blu ray "), or "".
	slug string
}

func (x *Extractor) parse(doc Document) *parsed {
	p := &parsed{text: doc.Text, body: doc.Body, pub: doc.Published, emph: doc.emphasis, slug: addressWords(doc.Source)}
	p.blocks = segmentBlocks(doc.Text, doc.Body)
	for bi, b := range p.blocks {
		spans, toks := segmentSentenceTokens(doc.Text, b)
		for k, sp := range spans {
			s := sentence{span: sp, block: bi, index: len(p.sents), tokens: toks[k], firstInBlock: k == 0}
			s.lex = x.vocab.match(s.tokens)
			s.dates = findDates(s.tokens, s.lex)
			s.cover = make([]uint32, len(s.tokens))
			for _, m := range s.lex {
				for k := m.start; k < m.end; k++ {
					s.cover[k] |= 1 << m.class()
				}
			}
			p.sents = append(p.sents, s)
		}
	}
	for i := range p.sents {
		s := &p.sents[i]
		s.ctx = make([]string, len(s.tokens))
		s.keyWords = make([][]string, len(s.tokens))
		single := make([]string, len(s.tokens)) // one backing array for one-word tokens
		for k, t := range s.tokens {
			s.ctx[k] = computeCtxClass(p, s, k)
			if t.kind == tokPunct {
				continue
			}
			if w, ok := plainWord(t.text); ok {
				single[k] = w
				s.keyWords[k] = single[k : k+1 : k+1]
				continue
			}
			s.keyWords[k] = strings.Fields(normTitleText(t.text))
		}
	}
	p.extrasList = make([]bool, len(p.sents))
	for i := range p.sents {
		p.extrasList[i] = p.computeInExtrasList(&p.sents[i])
	}
	return p
}

// isHeading reports whether sentence s is (in) a heading.
func (p *parsed) isHeading(s *sentence) bool { return p.blocks[s.block].kind == blockHeading }

// isListItem reports whether sentence s is (in) a list item, bulleted or
// one of a run of parallel blocks.
func (p *parsed) isListItem(s *sentence) bool {
	b := p.blocks[s.block]
	return b.kind == blockListItem || b.parallel
}

// inExtrasList reports whether sentence s belongs to a list of bonus
// features: it is a list item, and the nearest sentence before its list
// that is not a list item names extras ("Special features:", "Here are
// the bonus features").
func (p *parsed) inExtrasList(s *sentence) bool { return p.extrasList[s.index] }

func (p *parsed) computeInExtrasList(s *sentence) bool {
	if !p.isListItem(s) {
		return p.introducesExtras(s.index-1) && s.index > 0 && p.sents[s.index-1].block != s.block && endsWithColon(p, &p.sents[s.index-1])
	}
	for k := s.index - 1; k >= 0; k-- {
		if !p.isListItem(&p.sents[k]) || p.blocks[p.sents[k].block].kind == blockHeading {
			return p.introducesExtras(k)
		}
		if p.introducesExtras(k) && (endsWithColon(p, &p.sents[k]) || isHeadingLine(p.text[p.sents[k].start:p.sents[k].end])) {
			// An item that names the extras as a whole and is written
			// as a heading ("• BONUS MATERIALS") introduces the rest.
			return true
		}
	}
	return false
}

// introducesExtras reports whether sentence k names bonus features as a
// whole ("bonus features", "extras").
func (p *parsed) introducesExtras(k int) bool {
	if k < 0 {
		return false
	}
	for _, m := range p.sents[k].lex {
		if m.class() == lcExtra && m.entry.value == "section" {
			return true
		}
	}
	return false
}

// addressWords folds the path of a web address into its words, each
// between spaces, as titleKey folds a title's: sites name an article
// after its headline ("/2018/jurassic-world-fallen-kingdom-blu-ray/").
// Apostrophes vanish ("theres"), other punctuation separates.
func addressWords(source string) string {
	u, err := url.Parse(source)
	if err != nil || u.Path == "" {
		return ""
	}
	path := strings.NewReplacer("'", "", "’", "").Replace(normWord(u.Path)) // u.Path is unescaped
	var b strings.Builder
	b.WriteByte(' ')
	for w := range strings.FieldsFuncSeq(path, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		w = strings.ToLower(w)
		if w != "" {
			b.WriteString(w)
			b.WriteByte(' ')
		}
	}
	if b.Len() == 1 {
		return ""
	}
	return b.String()
}

func endsWithColon(p *parsed, s *sentence) bool {
	return strings.HasSuffix(strings.TrimSpace(p.text[s.start:s.end]), ":")
}

// plainWord folds a word of ASCII letters and digits as normTitleText
// does (to lower case); ok is false for any other word.
func plainWord(w string) (string, bool) {
	lower := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
		case 'A' <= c && c <= 'Z':
			lower = false
		default:
			return "", false
		}
	}
	if lower {
		return w, true
	}
	return strings.ToLower(w), true
}
