package extract

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// DateStatus qualifies a date that is not a calendar date.
type DateStatus string

const (
	// DateTBA: the text says the date is to be announced.
	DateTBA DateStatus = "tba"
	// DateAvailable: the text says the release is already out.
	DateAvailable DateStatus = "available"
)

// dateKind says what a date expression states, before resolution.
type dateKind uint8

const (
	dkDay      dateKind = iota // month and day, maybe a year
	dkMonth                    // a month, maybe a year
	dkYear                     // a year, quarter or season
	dkRelative                 // this/next year|month|week, weekday, today
	dkStatus                   // TBA, now available
)

// dateMention is a date expression found in a sentence.
type dateMention struct {
	span
	text string
	kind dateKind
	// year, month, day as written (0 when absent).
	year, month, day int
	// rel is the relative unit for dkRelative ("year", "month", "week",
	// "day", or a weekday name) and relNext whether it is "next".
	rel     string
	relNext int
	status  DateStatus
	// cued: a preposition or determiner marks the expression as a date
	// ("in October", "this fall").
	cued bool
}

// dateParser finds date expressions. It is built once per Extractor.
type dateParser struct {
	patterns []datePattern
	gate     *wordGate
}

type datePattern struct {
	re *regexp.Regexp
	// group is the submatch that spans the date (0: the whole match).
	group int
	parse func(m []string) (dateMention, bool)
	// needles prefilter the text (see mayMatch).
	needles []string
	// need holds the word-gate bits the text must have.
	need uint64
	// slash: the pattern matches around a "/" only (see
	// findAroundSlashes).
	slash bool
	// starts, when set, runs the pattern only at the words a match can
	// start with (see wordAlt).
	starts *wordAlt
}

const monthAlt = `(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)`

var monthNumbers = map[string]int{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

func monthNumber(s string) int {
	return monthNumbers[strings.ToLower(strings.TrimSuffix(s, "."))]
}

// seasonMonths gives the first month of each season (northern
// hemisphere), used to find the next occurrence.
var seasonMonths = map[string]int{"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday,
	"saturday": time.Saturday,
}

func newDateParser() *dateParser {
	atoi := func(s string) int { n, _ := strconv.Atoi(s); return n }
	year4 := func(s string) int {
		n := atoi(s)
		if len(s) == 2 {
			n += 2000
		}
		return n
	}
	p := &dateParser{gate: newWordGate()}
	var needles []string
	// words: the groups of words (see wordGate) the pattern needs.
	var words []string
	months := "january february march april may june july august september october november december jan feb mar apr jun jul aug sept sep oct nov dec"
	// starts: the words a match starts with ("DAY": 1-2 digits with an
	// optional ordinal suffix; "YEAR4": four digits); "" runs the
	// pattern everywhere.
	var starts string
	addGroup := func(group int, expr string, parse func(m []string) (dateMention, bool)) {
		dp := datePattern{re: regexp.MustCompile(expr), group: group, parse: parse, needles: needles, need: p.gate.need(words...)}
		if starts != "" {
			dp.starts = newWordAlt(expr, starts)
			if dp.starts.starts["DAY"] || dp.starts.starts["YEAR4"] {
				day, year := dp.starts.starts["DAY"], dp.starts.starts["YEAR4"]
				dp.starts.startFn = func(w string) bool { return day && isDayWord(w) || year && len(w) == 4 && isDigits(w) }
			}
		}
		p.patterns = append(p.patterns, dp)
	}
	add := func(expr string, parse func(m []string) (dateMention, bool)) { addGroup(0, expr, parse) }
	needles, words, starts = []string{"-"}, []string{"YEAR"}, "YEAR4"
	// ISO: 2022-03-15.
	add(`\b(\d{4})-(\d{2})-(\d{2})\b`, func(m []string) (dateMention, bool) {
		return dateMention{kind: dkDay, year: atoi(m[1]), month: atoi(m[2]), day: atoi(m[3])}, true
	})
	// March 15, March 15th 2022, Mar. 22, 2021.
	needles, words, starts = nil, []string{months}, months
	add(`\b`+monthAlt+`\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`, func(m []string) (dateMention, bool) {
		return dateMention{kind: dkDay, month: monthNumber(m[1]), day: atoi(m[2]), year: atoi(m[3])}, true
	})
	// 15 March 2022, 15th of March.
	starts = "DAY"
	add(`\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?`+monthAlt+`(?:,?\s+(\d{4})\b)?`, func(m []string) (dateMention, bool) {
		return dateMention{kind: dkDay, month: monthNumber(m[2]), day: atoi(m[1]), year: atoi(m[3])}, true
	})
	// March 2024, Apr 2023.
	starts = months
	add(`\b`+monthAlt+`,?\s+(\d{4})\b`, func(m []string) (dateMention, bool) {
		return dateMention{kind: dkMonth, month: monthNumber(m[1]), year: atoi(m[2])}, true
	})
	// 10/26, 9/17/2021, 9/17/21 (US order).
	needles, words, starts = []string{"/"}, nil, ""
	addGroup(1, `(?:^|[^\d/])((\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?)(?:$|[^\d/])`, func(m []string) (dateMention, bool) {
		dm := dateMention{kind: dkDay, month: atoi(m[2]), day: atoi(m[3])}
		if m[4] != "" {
			dm.year = year4(m[4])
		}
		return dm, true
	})
	p.patterns[len(p.patterns)-1].slash = true
	// Q3 2010, third quarter of 2010.
	needles, words, starts = nil, []string{"q1 q2 q3 q4"}, "q1 q2 q3 q4"
	add(`\bQ([1-4])(?:\s+(\d{4}))?\b`, func(m []string) (dateMention, bool) {
		q := atoi(m[1])
		return dateMention{kind: dkYear, month: 3*q - 2, year: atoi(m[2]), cued: true}, true
	})
	needles, words, starts = nil, []string{"quarter"}, "first second third fourth"
	add(`(?i)\b(first|second|third|fourth)\s+quarter(?:\s+of)?(?:\s+(\d{4}))?\b`, func(m []string) (dateMention, bool) {
		q := map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4}[strings.ToLower(m[1])]
		return dateMention{kind: dkYear, month: 3*q - 2, year: atoi(m[2]), cued: true}, true
	})
	needles, words, starts = nil, []string{"spring summer fall autumn winter"}, "this next coming early late mid in by spring summer fall autumn winter"
	// Seasons: this fall, next summer, early spring 2023, Fall 2022.
	add(`(?i)\b(?:(this|next|coming|early|late|mid-?|in(?: the)?|by)\s+)?(spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(\d{4}))?\b`, func(m []string) (dateMention, bool) {
		if m[1] == "" && m[3] == "" {
			return dateMention{}, false
		}
		return dateMention{kind: dkYear, month: seasonMonths[strings.ToLower(m[2])], year: atoi(m[3]), cued: true}, true
	})
	// later this year, this month, next week, sometime next week.
	needles, words, starts = nil, []string{"this next", "year month week"}, "later earlier sometime early late this next"
	add(`(?i)\b(?:(?:later|earlier|sometime|early|late)\s+)?(this|next)\s+(year|month|week)\b`, func(m []string) (dateMention, bool) {
		next := 0
		if strings.EqualFold(m[1], "next") {
			next = 1
		}
		return dateMention{kind: dkRelative, rel: strings.ToLower(m[2]), relNext: next, cued: true}, true
	})
	// next Tuesday, this Friday.
	words, starts = []string{"this next", "sunday monday tuesday wednesday thursday friday saturday"}, "this next"
	add(`\b(this|next|This|Next)\s+(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b`, func(m []string) (dateMention, bool) {
		next := 0
		if strings.EqualFold(m[1], "next") {
			next = 1
		}
		return dateMention{kind: dkRelative, rel: strings.ToLower(m[2]), relNext: next, cued: true}, true
	})
	needles, words, starts = nil, []string{"today tomorrow"}, "today tomorrow"
	add(`(?i)\b(today|tomorrow)\b`, func(m []string) (dateMention, bool) {
		next := 0
		if strings.EqualFold(m[1], "tomorrow") {
			next = 1
		}
		return dateMention{kind: dkRelative, rel: "day", relNext: next, cued: true}, true
	})
	// A month on its own: "this March", "in October", "October".
	needles, words, starts = nil, []string{months}, "this next in early late mid by until for during coming starting from through "+months
	add(`\b(?:(this|next|in|early|late|mid-?|by|until|for|during|coming|starting|from|through|In|This|Next)\s+)?`+monthAlt+`\b`, func(m []string) (dateMention, bool) {
		cued := m[1] != ""
		if !cued && strings.HasPrefix(m[2], "May") {
			return dateMention{}, false
		}
		return dateMention{kind: dkMonth, month: monthNumber(m[2]), cued: cued}, true
	})
	// A year with a preposition: "in 2023", "early 2024", "by 2025".
	needles, words, starts = nil, []string{"YEAR", "in by early late mid until due sometime later"}, "in by early late mid until due sometime later"
	add(`\b(in|by|early|late|mid-?|until|due|sometime in|later in|In|By|Early|Late)\s+((?:18|19|20|21)\d{2})\b`, func(m []string) (dateMention, bool) {
		return dateMention{kind: dkYear, year: atoi(m[2]), cued: true}, true
	})
	needles, words, starts = nil, []string{"tba tbd tbc announced determined confirmed"}, "tba tbd tbc to"
	add(`\b(TBA|TBD|TBC|[Tt]o [Bb]e [Aa]nnounced|[Tt]o [Bb]e [Dd]etermined|[Tt]o [Bb]e [Cc]onfirmed)\b`, func(m []string) (dateMention, bool) {
		return dateMention{kind: dkStatus, status: DateTBA}, true
	})
	needles, words, starts = nil, []string{"now today"}, "now available out in on"
	add(`(?i)\b(now available|available now|out now|in stores now|now on sale|on sale now|available today)\b`, func(m []string) (dateMention, bool) {
		return dateMention{kind: dkStatus, status: DateAvailable}, true
	})
	return p
}

// find returns the date expressions in s (offsets relative to s), the
// longest match winning where expressions overlap.
func (p *dateParser) find(s string) []dateMention {
	var all []dateMention
	lower := asciiLower(s)
	words := p.gate.scan(lower)
	var spans [][2]int
	for _, pat := range p.patterns {
		if words&pat.need != pat.need || !mayMatch(pat.needles, lower) {
			continue
		}
		var found [][]int
		switch {
		case pat.slash:
			found = findAroundSlashes(pat.re, s)
		case pat.starts != nil:
			if spans == nil {
				spans = wordSpans(lower)
			}
			found = pat.starts.findAllSubmatchAt(s, lower, spans)
		default:
			found = pat.re.FindAllStringSubmatchIndex(s, -1)
		}
		for _, idx := range found {
			m := submatches(s, idx)
			dm, ok := pat.parse(m)
			if !ok || !dm.plausible() {
				continue
			}
			start, end := idx[2*pat.group], idx[2*pat.group+1]
			dm.span = span{start, end}
			dm.text = s[start:end]
			all = append(all, dm)
		}
	}
	return longestNonOverlapping(all)
}

// findAroundSlashes runs the numeric-date pattern re on windows of s
// around its slashes instead of at every position: each window runs from
// the character before the digits and slashes around a slash (or the
// start of s) to the character after them, and touching windows merge,
// so the matches are those of the whole text.
func findAroundSlashes(re *regexp.Regexp, s string) [][]int {
	var wins [][2]int
	for off := 0; off < len(s); {
		i := strings.IndexByte(s[off:], '/')
		if i < 0 {
			break
		}
		i += off
		start := i
		for start > 0 && (s[start-1] == '/' || '0' <= s[start-1] && s[start-1] <= '9') {
			start--
		}
		start = max(0, start-1)
		end := i
		for end < len(s) && (s[end] == '/' || '0' <= s[end] && s[end] <= '9') {
			end++
		}
		end = min(len(s), end+1)
		if n := len(wins); n > 0 && start <= wins[n-1][1] {
			wins[n-1][1] = max(wins[n-1][1], end)
		} else {
			wins = append(wins, [2]int{start, end})
		}
		off = max(end-1, i+1)
	}
	var out [][]int
	for _, w := range wins {
		for _, idx := range re.FindAllStringSubmatchIndex(s[w[0]:w[1]], -1) {
			for k := range idx {
				if idx[k] >= 0 {
					idx[k] += w[0]
				}
			}
			out = append(out, idx)
		}
	}
	return out
}

// isDayWord: 1-2 digits and an optional ordinal suffix ("4", "21st").
func isDayWord(w string) bool {
	n := 0
	for n < len(w) && n < 3 && '0' <= w[n] && w[n] <= '9' {
		n++
	}
	if n == 0 || n > 2 {
		return false
	}
	switch w[n:] {
	case "", "st", "nd", "rd", "th":
		return true
	}
	return false
}

func submatches(s string, idx []int) []string {
	m := make([]string, len(idx)/2)
	for i := range m {
		if idx[2*i] >= 0 {
			m[i] = s[idx[2*i]:idx[2*i+1]]
		}
	}
	return m
}

// plausible rejects impossible calendar values.
func (d dateMention) plausible() bool {
	if d.month < 0 || d.month > 12 || d.day < 0 || d.day > 31 {
		return false
	}
	if d.kind == dkDay && (d.month == 0 || d.day == 0) {
		return false
	}
	if d.year != 0 && (d.year < catalog.MinYear || d.year > catalog.MaxYear) {
		return false
	}
	if d.kind == dkDay && d.year != 0 {
		if _, err := catalog.Day(d.year, d.month, d.day); err != nil {
			return false
		}
	}
	if d.kind == dkDay && d.year == 0 && d.day > daysInMonthAnyYear(d.month) {
		return false
	}
	return true
}

func daysInMonthAnyYear(m int) int {
	if m == 2 {
		return 29
	}
	return time.Date(2001, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func longestNonOverlapping(all []dateMention) []dateMention {
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].len() > all[j].len()
	})
	var out []dateMention
	for _, d := range all {
		if n := len(out); n > 0 && d.start < out[n-1].end {
			if d.betterThan(out[n-1]) {
				out[n-1] = d
			}
			continue
		}
		out = append(out, d)
	}
	return out
}

// betterThan prefers, of two overlapping expressions, the one that states
// more ("Mar. 22" over "from Mar"), then the longer.
func (d dateMention) betterThan(o dateMention) bool {
	rank := func(x dateMention) int {
		switch {
		case x.kind == dkDay:
			return 3
		case x.year != 0:
			return 2
		}
		return 1
	}
	if rank(d) != rank(o) {
		return rank(d) > rank(o)
	}
	return d.len() > o.len()
}

// resolve turns a mention into a calendar date using the publication
// date pub (TBA when unknown) and, when pub is unknown, yearHint: the
// year of an explicit date nearby (0 when none). It returns TBA and
// false when the text does not determine a date.
func (d dateMention) resolve(pub catalog.PartialDate, yearHint int) (catalog.PartialDate, bool) {
	known := pub.Precision() == catalog.PrecisionDay
	switch d.kind {
	case dkDay:
		year := d.year
		if year == 0 {
			switch {
			case known:
				year = nextYearFor(pub, d.month, d.day)
			case yearHint != 0:
				year = yearHint
			default:
				return catalog.TBA(), false
			}
		}
		return okDate(catalog.Day(year, d.month, d.day))
	case dkMonth:
		year := d.year
		if year == 0 {
			switch {
			case known:
				year = nextYearFor(pub, d.month, 0)
			case yearHint != 0:
				year = yearHint
			default:
				return catalog.TBA(), false
			}
		}
		return okDate(catalog.YearMonth(year, d.month))
	case dkYear:
		year := d.year
		if year == 0 {
			if !known || d.month == 0 {
				return catalog.TBA(), false
			}
			// A season or quarter: the next one that has not ended.
			year = pub.Year()
			if pub.Month() > d.month+2 {
				year++
			}
		}
		return okDate(catalog.YearOnly(year))
	case dkRelative:
		if !known {
			return catalog.TBA(), false
		}
		return resolveRelative(pub, d.rel, d.relNext)
	}
	return catalog.TBA(), false
}

func okDate(d catalog.PartialDate, err error) (catalog.PartialDate, bool) {
	if err != nil {
		return catalog.TBA(), false
	}
	return d, true
}

// nextYearFor returns the year of the next occurrence of month (and day,
// when not 0) on or after pub.
func nextYearFor(pub catalog.PartialDate, month, day int) int {
	y := pub.Year()
	if month < pub.Month() || (month == pub.Month() && day != 0 && day < pub.Day()) {
		y++
	}
	return y
}

// resolveRelative resolves "this/next year|month|week", weekdays and
// today/tomorrow against pub. A week is reported at month precision when
// it lies within one month, else at year precision: never an invented
// day.
func resolveRelative(pub catalog.PartialDate, rel string, next int) (catalog.PartialDate, bool) {
	t := time.Date(pub.Year(), time.Month(pub.Month()), pub.Day(), 0, 0, 0, 0, time.UTC)
	switch rel {
	case "year":
		return okDate(catalog.YearOnly(pub.Year() + next))
	case "month":
		m := t.AddDate(0, next, 1-t.Day())
		return okDate(catalog.YearMonth(m.Year(), int(m.Month())))
	case "day":
		return catalog.DateOf(t.AddDate(0, 0, next)), true
	case "week":
		// Weeks start on Monday.
		offset := (int(t.Weekday()) + 6) % 7
		first := t.AddDate(0, 0, -offset+7*next)
		last := first.AddDate(0, 0, 6)
		if first.Before(t) {
			first = t
		}
		switch {
		case first.Month() == last.Month() && first.Year() == last.Year():
			return okDate(catalog.YearMonth(first.Year(), int(first.Month())))
		case first.Year() == last.Year():
			return okDate(catalog.YearOnly(first.Year()))
		}
		return catalog.TBA(), false
	}
	if wd, ok := weekdays[rel]; ok {
		ahead := (int(wd) - int(t.Weekday()) + 7) % 7
		if next == 1 && ahead == 0 {
			ahead = 7
		}
		return catalog.DateOf(t.AddDate(0, 0, ahead)), true
	}
	return catalog.TBA(), false
}
