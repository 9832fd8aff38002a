package extract

import "strings"

// run is a maximal sequence of capitalized words (with the small words
// titles and names use between them), or a quoted phrase: the raw
// material of film titles and names.
type run struct {
	first, last int // token indexes, inclusive
	span
	text string
	// possessive: the run ended in "'s", which text excludes.
	possessive bool
	quoted     bool
	// initial: the run starts the sentence.
	initial bool
	// coordinated: one of "A and B" before a plural verb ("The Reeds and
	// Hidden appear to be...").
	coordinated bool
}

func (r run) words() int { return r.last - r.first + 1 }

// isTitleWord reports whether token k can be part of a capitalized run.
func isTitleWord(toks []token, k int) bool {
	t := toks[k]
	switch t.kind {
	case tokWord:
		return t.upper && !titleStopWords[t.lower]
	case tokNumber:
		return true
	}
	return t.text == "&"
}

// findRuns returns the capitalized runs and quoted phrases of a sentence.
// blocked tokens (dates, formats, organizations) never join a run.
func findRuns(text string, toks []token, blocked []bool) []run {
	var out []run
	quoted := quotedRanges(toks)
	for _, q := range quoted {
		if q[1] >= q[0] && toks[q[0]].upper {
			out = append(out, makeRun(text, toks, q[0], q[1], false, true))
		}
	}
	inQuote := func(k int) bool {
		for _, q := range quoted {
			if k >= q[0] && k <= q[1] {
				return true
			}
		}
		return false
	}
	for k := 0; k < len(toks); {
		if blocked[k] || inQuote(k) || !isTitleWord(toks, k) || (toks[k].kind == tokNumber && !numberStartsRun(toks, k, blocked)) {
			k++
			continue
		}
		end, poss := extendRun(toks, blocked, k)
		out = append(out, makeRun(text, toks, k, end, poss, false))
		k = end + 1
	}
	return out
}

// numberStartsRun: a number starts a run only when a capitalized word
// follows ("400 Blows" inside "The 400 Blows" is joined anyway).
func numberStartsRun(toks []token, k int, blocked []bool) bool {
	if _, poss := possessiveBase(toks[k].text); poss {
		return false
	}
	return k+1 < len(toks) && !blocked[k+1] && toks[k+1].kind == tokWord && toks[k+1].upper && toks[k+1].start == toks[k].end+1
}

// extendRun grows a run from token k and returns its last token and
// whether it ended in a possessive.
func extendRun(toks []token, blocked []bool, k int) (int, bool) {
	last := k
	for j := k; j < len(toks); j++ {
		t := toks[j]
		if blocked[j] {
			break
		}
		if isTitleWord(toks, j) {
			if _, poss := possessiveBase(t.text); poss && j > k && !notNameWords[toks[k].lower] {
				return j, true
			} else if poss && j == k {
				if j+1 < len(toks) && toks[j+1].kind == tokWord && toks[j+1].upper && !notNameWords[t.lower] {
					return j, true
				}
				if !(j+1 < len(toks) && toks[j+1].upper) {
					return j, true
				}
			}
			last = j
			continue
		}
		if j == k {
			break
		}
		if joinsRun(toks, blocked, j) {
			continue
		}
		// "?" or "!" glued to the last word ends a title: "Guesswork?".
		if (t.text == "?" || t.text == "!") && t.start == toks[j-1].end && last == j-1 {
			last = j
		}
		break
	}
	return last, false
}

// joinsRun reports whether the non-capitalized token j continues a run:
// a connector or colon followed by a capitalized word.
func joinsRun(toks []token, blocked []bool, j int) bool {
	t := toks[j]
	if j+1 >= len(toks) || blocked[j+1] || !isTitleWord(toks, j+1) {
		// Allow two connectors in a row: "Man Who Fell to the Earth".
		if j+2 < len(toks) && connectors[t.lower] && connectors[toks[j+1].lower] && isTitleWord(toks, j+2) && !blocked[j+2] {
			return true
		}
		return false
	}
	if t.kind == tokWord && !t.upper && connectors[t.lower] {
		return true
	}
	return t.text == ":"
}

func makeRun(text string, toks []token, first, last int, poss, quoted bool) run {
	r := run{first: first, last: last, possessive: poss, quoted: quoted}
	r.start = toks[first].start
	r.end = toks[last].end
	r.text = text[r.start:r.end]
	if poss {
		base, _ := possessiveBase(toks[last].text)
		r.text = text[r.start:toks[last].start] + base
		r.end = toks[last].start + len(base)
	}
	r.initial = first == 0 || (first == 1 && toks[0].kind == tokPunct)
	return r
}

// quotedRanges returns token ranges [open+1, close-1] enclosed by
// matching quotation marks.
func quotedRanges(toks []token) [][2]int {
	var out [][2]int
	closers := map[string]string{"“": "”", "‘": "’", "\"": "\"", "'": "'"}
	for i := 0; i < len(toks); i++ {
		want, ok := closers[toks[i].text]
		if !ok || toks[i].kind != tokPunct {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+20; j++ {
			if toks[j].text == want {
				last := j - 1
				for last > i && toks[last].kind == tokPunct && strings.ContainsAny(toks[last].text, ",.") {
					last--
				}
				if last > i {
					out = append(out, [2]int{i + 1, last})
				}
				i = j
				break
			}
		}
	}
	return out
}
