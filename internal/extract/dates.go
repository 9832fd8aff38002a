package extract

import (
	"strconv"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Dates are closed language, read by rules over tokens: "March 15",
// "15 March 2022", "Mar. 22, 2021", "10/26", "2022-03-15", "March 2024",
// "this March", "Q3 2010", "early 2025", "this fall", "next Tuesday",
// "later this year", "TBA", "now available". The calendar words come from
// the lexicon's dates class.

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

// dateMention is a date expression of a sentence: tokens [start, end).
type dateMention struct {
	start, end int
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
	// cued: a preposition or qualifier marks the expression as a date
	// ("in October", "this fall").
	cued bool
	// last: "last May", a past occurrence.
	last bool
}

// dateCues are words that, before a month, a season or a year, make it a
// date.
var dateCues = map[string]bool{
	"this": true, "next": true, "in": true, "early": true, "late": true, "mid": true, "mid-": true, "by": true,
	"until": true, "for": true, "during": true, "coming": true, "starting": true, "from": true, "through": true,
	"last": true, "since": true, "before": true, "after": true, "on": true, "due": true, "of": true, "till": true,
	"around": true, "sometime": true, "later": true, "earlier": true,
}

// dateQualifiers are words before a date expression that are part of it.
var dateQualifiers = map[string]bool{"this": true, "next": true, "early": true, "late": true, "mid": true, "mid-": true,
	"last": true, "sometime": true, "later": true, "earlier": true}

// findDates reads the date expressions of a sentence. lm holds the
// sentence's lexicon matches.
func findDates(toks []token, lm []lexMatch) []dateMention {
	month := make([]int, len(toks))
	dateWord := make([]*lexEntry, len(toks))
	dateEnd := make([]int, len(toks))
	for _, m := range lm {
		if m.class() != lcDate {
			continue
		}
		if dateWord[m.start] == nil || m.end > dateEnd[m.start] {
			dateWord[m.start], dateEnd[m.start] = m.entry, m.end
		}
		if v, ok := lexValue(m.entry.value, "month"); ok && m.end == m.start+1 {
			t := toks[m.start]
			if t.upper || t.allCaps {
				month[m.start], _ = strconv.Atoi(v)
			}
		}
	}
	var out []dateMention
	add := func(d dateMention) {
		if !d.plausible() {
			return
		}
		// A qualifier before the date belongs to its words ("this March",
		// "sometime next week").
		for d.start > 0 && (dateQualifiers[toks[d.start-1].norm] || toks[d.start-1].norm == "coming" && d.start > 1 && toks[d.start-2].norm == "this") {
			d.start--
		}
		d.span = span{toks[d.start].start, toks[d.end-1].end}
		out = append(out, d)
	}
	cuedAt := func(i int) (bool, bool) { // cued, last
		if i <= 0 {
			return false, false
		}
		p := toks[i-1].norm
		return dateCues[p], p == "last"
	}
	yearAt := func(i int) int {
		if i < len(toks) && toks[i].kind == tokNumber && len(toks[i].norm) == 4 {
			if y, err := strconv.Atoi(toks[i].norm); err == nil && y >= 1870 && y <= 2100 {
				return y
			}
		}
		return 0
	}
	// optYear reads ", 2022" or " 2022" at i: the year and the end.
	optYear := func(i int) (int, int) {
		j := i
		if j < len(toks) && toks[j].norm == "," {
			j++
		}
		if y := yearAt(j); y != 0 {
			return y, j + 1
		}
		return 0, i
	}
	// yearOf reads "of 2024" or "2024" after a period at j: the year and
	// where the expression ends.
	yearOf := func(j int) (int, int) {
		k := j
		if k < len(toks) && toks[k].norm == "of" {
			k++
		}
		if y := yearAt(k); y != 0 {
			return y, k + 1
		}
		return 0, j
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		cued, last := cuedAt(i)
		switch {
		case month[i] != 0:
			if i+1 < len(toks) {
				if d, ok := dayNumber(toks[i+1].norm); ok && !(i+2 < len(toks) && toks[i+2].norm == ":") {
					y, end := optYear(i + 2)
					add(dateMention{start: i, end: end, kind: dkDay, month: month[i], day: d, year: y, cued: true, last: last})
					i = end - 1
					continue
				}
			}
			if y, end := optYear(i + 1); y != 0 {
				add(dateMention{start: i, end: end, kind: dkMonth, month: month[i], year: y, cued: true, last: last})
				i = end - 1
				continue
			}
			if !cued && toks[i].norm == "may" {
				continue // "May" alone is a verb more often than a month
			}
			add(dateMention{start: i, end: i + 1, kind: dkMonth, month: month[i], cued: cued, last: last})
		case t.kind == tokNumber:
			if d, ok := dayNumber(t.norm); ok && i+1 < len(toks) {
				j := i + 1
				if toks[j].norm == "of" {
					j++
				}
				if j < len(toks) && month[j] != 0 {
					y, end := optYear(j + 1)
					add(dateMention{start: i, end: end, kind: dkDay, month: month[j], day: d, year: y, cued: true, last: last})
					i = end - 1
					continue
				}
			}
			if d, ok := numericDate(t.norm); ok {
				d.start, d.end, d.cued = i, i+1, true
				add(d)
				continue
			}
			if y := yearAt(i); y != 0 && cued && !(i+1 < len(toks) && (toks[i+1].norm == ")" || toks[i+1].norm == "'s")) {
				add(dateMention{start: i, end: i + 1, kind: dkYear, year: y, cued: true})
			}
		case dateWord[i] != nil:
			e, end := dateWord[i], dateEnd[i]
			v := e.value
			switch {
			case strings.HasPrefix(v, "quarter="):
				q, _ := strconv.Atoi(strings.TrimPrefix(v, "quarter="))
				y, end := yearOf(end)
				add(dateMention{start: i, end: end, kind: dkYear, month: 3*q - 2, year: y, cued: true})
				i = end - 1
			case strings.HasPrefix(v, "season="):
				m, _ := strconv.Atoi(strings.TrimPrefix(v, "season="))
				y, end := yearOf(end)
				if !cued && y == 0 {
					continue
				}
				add(dateMention{start: i, end: end, kind: dkYear, month: m, year: y, cued: true, last: last})
				i = end - 1
			case strings.HasPrefix(v, "rel=") && end > i+1 || v == "rel=today" || v == "rel=tomorrow":
				rel := strings.TrimPrefix(v, "rel=")
				d := dateMention{start: i, end: end, kind: dkRelative, cued: true}
				switch rel {
				case "thisyear", "nextyear":
					d.rel = "year"
				case "thismonth", "nextmonth":
					d.rel = "month"
				case "thisweek", "nextweek":
					d.rel = "week"
				case "today", "tomorrow":
					d.rel = "day"
				}
				if strings.HasPrefix(rel, "next") || rel == "tomorrow" {
					d.relNext = 1
				}
				add(d)
				i = end - 1
			case v == "rel=this" || v == "rel=next":
				// "this Friday", "next Tuesday"
				if end < len(toks) && dateWord[end] != nil && strings.HasPrefix(dateWord[end].value, "weekday=") {
					d := dateMention{start: i, end: end + 1, kind: dkRelative, rel: toks[end].norm, cued: true}
					if v == "rel=next" {
						d.relNext = 1
					}
					add(d)
					i = end
				}
			case strings.HasPrefix(v, "status="):
				st := DateTBA
				if v == "status=available" {
					st = DateAvailable
				}
				add(dateMention{start: i, end: end, kind: dkStatus, status: st, cued: true})
				i = end - 1
			}
		}
	}
	return out
}

// dayNumber reads a day of the month: "4", "21st".
func dayNumber(w string) (int, bool) {
	n := 0
	for n < len(w) && n < 3 && '0' <= w[n] && w[n] <= '9' {
		n++
	}
	if n == 0 || n > 2 {
		return 0, false
	}
	switch w[n:] {
	case "", "st", "nd", "rd", "th":
	default:
		return 0, false
	}
	d, _ := strconv.Atoi(w[:n])
	return d, d >= 1 && d <= 31
}

// numericDate reads "10/26", "9/17/2021", "9/17/21" (US order) and
// "2022-03-15".
func numericDate(w string) (dateMention, bool) {
	if p := strings.Split(w, "-"); len(p) == 3 && len(p[0]) == 4 && len(p[1]) == 2 && len(p[2]) == 2 {
		y, e1 := strconv.Atoi(p[0])
		m, e2 := strconv.Atoi(p[1])
		d, e3 := strconv.Atoi(p[2])
		if e1 == nil && e2 == nil && e3 == nil {
			return dateMention{kind: dkDay, year: y, month: m, day: d}, true
		}
	}
	p := strings.Split(w, "/")
	if len(p) < 2 || len(p) > 3 {
		return dateMention{}, false
	}
	for _, x := range p {
		if x == "" || len(x) > 4 || strings.Trim(x, "0123456789") != "" {
			return dateMention{}, false
		}
	}
	if len(p[0]) > 2 || len(p[1]) > 2 {
		return dateMention{}, false
	}
	m, _ := strconv.Atoi(p[0])
	d, _ := strconv.Atoi(p[1])
	dm := dateMention{kind: dkDay, month: m, day: d}
	if len(p) == 3 {
		y, _ := strconv.Atoi(p[2])
		switch len(p[2]) {
		case 2:
			y += 2000
		case 4:
		default:
			return dateMention{}, false
		}
		dm.year = y
	}
	return dm, true
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

// resolve turns a mention into a calendar date using the publication
// date pub (TBA when unknown) and, when pub is unknown, yearHint: the
// year of an explicit date nearby (0 when none). It returns TBA and
// false when the text does not determine a date.
//
// A day or month without a year resolves to its next occurrence on or
// after pub, or, when past is set (the text says it already happened:
// "opened Jan. 27", "last May"), to its latest occurrence on or before.
func (d dateMention) resolve(pub catalog.PartialDate, yearHint int, past bool) (catalog.PartialDate, bool) {
	known := pub.Precision() == catalog.PrecisionDay
	past = past || d.last
	switch d.kind {
	case dkDay:
		year := d.year
		if year == 0 {
			switch {
			case known && past:
				year = lastYearFor(pub, d.month, d.day)
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
			case known && past:
				year = lastYearFor(pub, d.month, 0)
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
			// A season or quarter: the next one that has not ended (or,
			// in the past, the last one that has begun).
			year = pub.Year()
			switch {
			case past && pub.Month() < d.month:
				year--
			case !past && pub.Month() > d.month+2:
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

// lastYearFor returns the year of the latest occurrence of month (and
// day, when not 0) on or before pub.
func lastYearFor(pub catalog.PartialDate, month, day int) int {
	y := pub.Year()
	if month > pub.Month() || (month == pub.Month() && day != 0 && day > pub.Day()) {
		y--
	}
	return y
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday,
	"saturday": time.Saturday,
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
