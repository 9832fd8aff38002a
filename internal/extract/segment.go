package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Segmentation: text to blocks (paragraphs, headings, list items) and
// blocks to sentences of tokens. Line breaks inside a paragraph are read
// as spaces, whatever width the text was wrapped at: a line break ends a
// block only where the text so far ends a sentence, is a heading or is
// too short to be a wrapped line, or where the next line starts a list
// item. Each rule reads the text accumulated since the block began, so
// wrapping a paragraph at another width gives the same blocks.

type blockKind uint8

const (
	blockParagraph blockKind = iota
	blockHeading
	blockListItem
)

// block is a paragraph, a heading or a list item.
type block struct {
	span
	kind blockKind
	// content excludes a list bullet.
	content span
	// marker is the list bullet as written ("•", "1."), empty for other
	// blocks.
	marker string
	// parallel: the block is one of three or more consecutive short
	// blocks of the same shape (a list without bullets: "Title: Release
	// Date – TBD" lines, a series of "Title – description" items).
	parallel bool
}

// markParallelBlocks sets parallel on runs of three or more consecutive
// blocks that each start with a capital and either are short (under 100
// runes) or have a separator (a colon or a spaced dash) among their first
// twelve words, with the same separator.
func markParallelBlocks(text string, blocks []block) {
	shape := func(b block) string {
		body := text[b.content.start:b.content.end]
		// A line may open with a quoted title ("“Night Swim”: ...").
		if lead := strings.TrimLeft(body, "\"“‘'«"); !startsUpper(lead) && !startsWithDigit(lead) {
			return ""
		}
		if utf8.RuneCountInString(body) < 100 && !endsSentence(body) {
			return "short"
		}
		k := 0 // the index of w among the body's words
		for w := range strings.FieldsSeq(body) {
			if k == 12 {
				break
			}
			switch {
			case strings.HasSuffix(w, ":"):
				return ":"
			case k > 0 && (w == "–" || w == "—" || w == "-"):
				return "-"
			}
			k++
		}
		return ""
	}
	for i := 0; i < len(blocks); {
		sh := shape(blocks[i])
		j := i + 1
		for sh != "" && j < len(blocks) && shape(blocks[j]) == sh {
			j++
		}
		if sh != "" && (j-i >= 3 || sh == "short" && j-i >= 2) {
			for k := i; k < j; k++ {
				blocks[k].parallel = true
				// A run of short parallel lines is a list written
				// without bullets, not a series of headings (the
				// headline, the text's first block, stays one).
				if k > 0 && blocks[k].kind == blockHeading && utf8.RuneCountInString(text[blocks[k].content.start:blocks[k].content.end]) < 100 {
					blocks[k].kind = blockListItem
				}
			}
		}
		i = j
	}
}

func startsWithDigit(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsDigit(r)
}

// sentence is a sentence of a block, with its tokens.
type sentence struct {
	span
	block  int
	index  int
	tokens []token
	// firstInBlock: the sentence opens its block.
	firstInBlock bool
	// lex holds the lexicon phrases found in the sentence, dates its
	// date expressions.
	lex   []lexMatch
	dates []dateMention
	// cover[k] has bit c set when a lexicon phrase of class c covers
	// token k.
	cover []uint32
	// ctx holds each token's context class (see ctxClass).
	ctx []string
	// keyWords holds each token's words as titleKey folds them (none for
	// punctuation), so that a span's key is built without refolding.
	keyWords [][]string
}

// covers reports whether a phrase of class c covers token k.
func (s *sentence) covers(k int, c lexClass) bool {
	return k >= 0 && k < len(s.cover) && s.cover[k]&(1<<c) != 0
}

// entryAt returns the longest phrase of class c that covers token k.
func (s *sentence) entryAt(k int, c lexClass) (lexMatch, bool) {
	var best lexMatch
	found := false
	for _, m := range s.lex {
		if m.class() == c && m.start <= k && k < m.end && (!found || m.end-m.start > best.end-best.start) {
			best, found = m, true
		}
	}
	return best, found
}

// dateAt returns the date expression covering token k.
func (s *sentence) dateAt(k int) (dateMention, bool) {
	for _, d := range s.dates {
		if d.start <= k && k < d.end {
			return d, true
		}
	}
	return dateMention{}, false
}

// minWrappedLine is the length (in runes) under which a line that does
// not end a sentence is taken for a line of its own (a heading, a list
// item, a byline) rather than a line of a wrapped paragraph.
const minWrappedLine = 40

// segmentBlocks splits text[from:] into blocks.
func segmentBlocks(text string, from int) []block {
	var out []block
	var cur *block
	width := wrapWidth(text[from:])
	closeBlock := func() {
		if cur == nil {
			return
		}
		cur.span = trimSpan(text, cur.span)
		cur.content = trimSpan(text, span{max(cur.content.start, cur.start), cur.end})
		if cur.kind != blockListItem && isHeadingLine(text[cur.content.start:cur.content.end]) {
			cur.kind = blockHeading
		}
		if cur.content.len() > 0 {
			out = append(out, *cur)
		}
		cur = nil
	}
	for i := from; i < len(text); {
		line, next := nextLine(text, i)
		s := trimSpan(text, span{i, i + len(line)})
		i = next
		if s.len() == 0 {
			closeBlock()
			continue
		}
		body := text[s.start:s.end]
		marker, rest := listMarker(body)
		if cur != nil && marker == "" && joinsLine(text[cur.content.start:cur.end], body, width) {
			cur.end = s.end
			continue
		}
		closeBlock()
		cur = &block{span: s, content: s}
		if marker != "" {
			cur.kind, cur.marker = blockListItem, marker
			cur.content = trimSpan(text, span{s.start + len(body) - len(rest), s.end})
		}
	}
	closeBlock()
	markParallelBlocks(text, out)
	return out
}

// wrapWidth returns the width a hard-wrapped text was wrapped to: the
// length in runes of its longest line, when blank lines separate its
// paragraphs; 0 when none do (a line break is then a paragraph break).
func wrapWidth(text string) int {
	longest, blankBetween, seenText, blank := 0, false, false, false
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.TrimRightFunc(line, isSpaceRune)
		if strings.TrimSpace(line) == "" {
			blank = seenText
			continue
		}
		if blank {
			blankBetween = true
		}
		seenText, blank = true, false
		longest = max(longest, utf8.RuneCountInString(line))
	}
	if !blankBetween {
		return 0
	}
	return longest
}

// joinsLine decides whether the line next continues the block whose
// text so far is acc, in a text wrapped to width runes (0 when it is
// not wrapped).
//
// A line that ends a sentence ends its paragraph, unless the text is
// wrapped and the first word of the next line would not have fit on it:
// a wrapper breaks a line only there, so a sentence that ends a full
// line may go on in the next one.
func joinsLine(acc, next string, width int) bool {
	acc = strings.TrimSpace(acc)
	if endsSentence(acc) {
		last := acc
		if k := strings.LastIndexByte(acc, '\n'); k >= 0 {
			last = acc[k+1:]
		}
		first, _, _ := strings.Cut(strings.TrimSpace(next), " ")
		n := utf8.RuneCountInString(strings.TrimSpace(last))
		return width > 0 && n >= minWrappedLine && n+1+utf8.RuneCountInString(first) > width && !isHeadingLine(acc)
	}
	if isHeadingLine(acc) {
		// A long heading wrapped onto a second line continues it.
		return utf8.RuneCountInString(acc) >= 60 && isHeadingLine(next)
	}
	return utf8.RuneCountInString(acc) >= minWrappedLine
}

// endsSentence reports whether s ends with sentence-final punctuation,
// possibly inside closing quotes or brackets.
func endsSentence(s string) bool {
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		switch {
		case r == '.' || r == '!' || r == '?' || r == ':' || r == '…':
			return true
		case quoteOf(r) != 0 || r == ')' || r == ']':
			s = s[:len(s)-n]
			continue
		}
		return false
	}
	return false
}

// listMarker returns the bullet or number that opens a list item and the
// text after it, or "" when line is no list item.
func listMarker(line string) (string, string) {
	r, n := utf8.DecodeRuneInString(line)
	switch r {
	case '•', '·', '▪', '◦', '‣', '●', '○', '■', '□', '►', '▶', '✓', '✔', '➤', '–', '—':
		return line[:n], strings.TrimLeftFunc(line[n:], isSpaceRune)
	case '-', '*', '+':
		if len(line) > 1 && isSpaceRune(rune(line[1])) {
			return line[:1], strings.TrimLeftFunc(line[1:], isSpaceRune)
		}
		return "", line
	}
	// "1." "2)" "(3)"
	j := 0
	if strings.HasPrefix(line, "(") {
		j = 1
	}
	k := j
	for k < len(line) && k-j < 3 && '0' <= line[k] && line[k] <= '9' {
		k++
	}
	if k > j && k+1 < len(line) && (line[k] == '.' || line[k] == ')') && isSpaceRune(rune(line[k+1])) {
		return line[:k+1], strings.TrimLeftFunc(line[k+1:], isSpaceRune)
	}
	return "", line
}

// isHeadingLine reports whether a line is a headline: it does not end a
// sentence, has at most 20 words, and every word of four or more letters
// is capitalized.
func isHeadingLine(line string) bool {
	if endsSentence(line) && !strings.HasSuffix(strings.TrimSpace(line), ":") {
		return false
	}
	words := strings.Fields(line)
	if len(words) == 0 || len(words) > 20 {
		return false
	}
	long := 0
	for _, w := range words {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if utf8.RuneCountInString(w) < 4 || !startsWithLetter(w) {
			continue
		}
		long++
		if !startsUpper(w) {
			return false
		}
	}
	return long > 0
}

func startsWithLetter(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r)
}

// nextLine returns the line starting at byte i and the offset after its
// newline.
func nextLine(s string, i int) (string, int) {
	j := strings.IndexByte(s[i:], '\n')
	if j < 0 {
		return s[i:], len(s)
	}
	return s[i : i+j], i + j + 1
}

// segmentSentences splits a block into sentences and tokenizes them.
func segmentSentences(text string, b block) []span {
	spans, _ := segmentSentenceTokens(text, b)
	return spans
}

// segmentSentenceTokens splits a block into sentences, returning each
// sentence's span and tokens (the block is tokenized once).
func segmentSentenceTokens(text string, b block) ([]span, [][]token) {
	var out []span
	var outToks [][]token
	toks := tokenize(text, b.content)
	first := 0
	start := b.content.start
	for i, t := range toks {
		if t.kind != tokPunct || (t.norm != "." && t.norm != "!" && t.norm != "?" && t.norm != "...") {
			continue
		}
		if !sentenceEndsAt(toks, i) {
			continue
		}
		end := t.end
		// Closing quotes and brackets stay with the sentence.
		for j := i + 1; j < len(toks) && !toks[j].spaceBefore && (toks[j].quote != 0 || toks[j].norm == ")" || toks[j].norm == "]"); j++ {
			end = toks[j].end
		}
		last := i + 1
		for last < len(toks) && toks[last].end <= end {
			last++
		}
		if sp := trimSpan(text, span{start, end}); sp.len() > 0 {
			out = append(out, sp)
			outToks = append(outToks, toks[first:last:last])
		}
		start, first = end, last
	}
	if sp := trimSpan(text, span{start, b.content.end}); sp.len() > 0 {
		out = append(out, sp)
		outToks = append(outToks, toks[first:len(toks):len(toks)])
	}
	return out, outToks
}

// sentenceEndsAt decides whether the punctuation token toks[i] ends a
// sentence: white space follows, then a capital, a digit, a quote or a
// bracket. (Abbreviations and initials keep their period inside the
// word token, so a bare period here is a full stop.)
func sentenceEndsAt(toks []token, i int) bool {
	j := i + 1
	for j < len(toks) && !toks[j].spaceBefore && (toks[j].quote != 0 || toks[j].norm == ")" || toks[j].norm == "]") {
		j++
	}
	if j >= len(toks) || !toks[j].spaceBefore {
		return false
	}
	n := toks[j]
	if toks[i].norm == "!" && j == i+1 && inNameBang(toks, i) {
		return false
	}
	switch {
	case n.kind == tokNumber, n.kind == tokWord && n.upper, n.quote != 0, n.norm == "(", n.norm == "[":
		return true
	}
	return false
}

// inNameBang reports whether the "!" at toks[i] belongs to a name
// ("Shout! Factory", "Yahoo! Movies"): it is attached to a capitalized
// word in mid-sentence and followed by a capitalized word that does not
// open sentences (an article, a pronoun).
func inNameBang(toks []token, i int) bool {
	if i < 2 || toks[i].spaceBefore {
		return false
	}
	prev, before, next := toks[i-1], toks[i-2], toks[i+1]
	if prev.kind != tokWord || !prev.upper || before.norm == "." || before.norm == "!" || before.norm == "?" {
		return false
	}
	if next.kind != tokWord || !next.upper || sentenceOpeners[next.norm] {
		return false
	}
	return true
}

// sentenceOpeners are words that commonly open a sentence.
var sentenceOpeners = map[string]bool{"the": true, "a": true, "an": true, "this": true, "that": true, "these": true,
	"those": true, "it": true, "its": true, "he": true, "she": true, "they": true, "we": true, "i": true, "you": true,
	"there": true, "and": true, "but": true, "so": true, "if": true, "in": true, "on": true, "at": true, "for": true,
	"as": true, "what": true, "when": true, "now": true, "then": true, "also": true, "meanwhile": true, "still": true}
