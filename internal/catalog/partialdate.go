package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a PartialDate is known.
type Precision uint8

const (
	// PrecisionTBA: nothing is known; the date is "to be announced".
	PrecisionTBA Precision = iota
	// PrecisionYear: only the year is known ("2022", "Q3 2022", "fall").
	PrecisionYear
	// PrecisionMonth: year and month are known ("March 2022").
	PrecisionMonth
	// PrecisionDay: the full calendar day is known.
	PrecisionDay
)

func (p Precision) String() string {
	switch p {
	case PrecisionYear:
		return "year"
	case PrecisionMonth:
		return "month"
	case PrecisionDay:
		return "day"
	}
	return "tba"
}

// Year bounds accepted for any catalog date: the first films to now-ish
// plus room for far-off announcements.
const (
	MinYear = 1870
	MaxYear = 2200
)

// PartialDate is a local calendar date known to a year, a month or a day,
// or not known at all (TBA). It is never an instant: there is no time zone
// and no time of day, so it cannot shift by a day through UTC. It never
// holds an invented day: a month-precise date has no day.
//
// The zero value is TBA. Text form: "2022", "2022-03", "2022-03-15", "TBA".
type PartialDate struct {
	year  int16
	month uint8
	day   uint8
	prec  Precision
}

// TBA returns the unknown date.
func TBA() PartialDate { return PartialDate{} }

// YearOnly returns a year-precise date.
func YearOnly(year int) (PartialDate, error) {
	if year < MinYear || year > MaxYear {
		return PartialDate{}, Invalid("", "year %d is outside %d..%d", year, MinYear, MaxYear)
	}
	return PartialDate{year: int16(year), prec: PrecisionYear}, nil
}

// YearMonth returns a month-precise date.
func YearMonth(year, month int) (PartialDate, error) {
	d, err := YearOnly(year)
	if err != nil {
		return d, err
	}
	if month < 1 || month > 12 {
		return PartialDate{}, Invalid("", "month %d is outside 1..12", month)
	}
	d.month, d.prec = uint8(month), PrecisionMonth
	return d, nil
}

// Day returns a day-precise date, rejecting days that do not exist
// (2022-02-30).
func Day(year, month, day int) (PartialDate, error) {
	d, err := YearMonth(year, month)
	if err != nil {
		return d, err
	}
	if day < 1 || day > daysIn(year, month) {
		return PartialDate{}, Invalid("", "%04d-%02d has no day %d", year, month, day)
	}
	d.day, d.prec = uint8(day), PrecisionDay
	return d, nil
}

// DateOf returns the day-precise date of t's calendar day in t's location.
func DateOf(t time.Time) PartialDate {
	d, err := Day(t.Year(), int(t.Month()), t.Day())
	if err != nil {
		return PartialDate{}
	}
	return d
}

// MustDate parses s and panics on error. For tests and literals only.
func MustDate(s string) PartialDate {
	d, err := ParsePartialDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ParsePartialDate parses "YYYY", "YYYY-MM", "YYYY-MM-DD" or "TBA" (any
// case; the empty string is also TBA).
func ParsePartialDate(s string) (PartialDate, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "TBA") {
		return PartialDate{}, nil
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 {
		return PartialDate{}, Invalid("", "date %q is not YYYY, YYYY-MM, YYYY-MM-DD or TBA", s)
	}
	nums := make([]int, len(parts))
	for i, p := range parts {
		want := 2
		if i == 0 {
			want = 4
		}
		if len(p) != want {
			return PartialDate{}, Invalid("", "date %q is not YYYY, YYYY-MM, YYYY-MM-DD or TBA", s)
		}
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || strings.ContainsAny(p, "+-") {
			return PartialDate{}, Invalid("", "date %q is not YYYY, YYYY-MM, YYYY-MM-DD or TBA", s)
		}
		nums[i] = n
	}
	var (
		d   PartialDate
		err error
	)
	switch len(nums) {
	case 1:
		d, err = YearOnly(nums[0])
	case 2:
		d, err = YearMonth(nums[0], nums[1])
	default:
		d, err = Day(nums[0], nums[1], nums[2])
	}
	if err != nil {
		return PartialDate{}, Invalid("", "date %q: %s", s, err.(*Error).Message)
	}
	return d, nil
}

// Precision reports how much of the date is known.
func (d PartialDate) Precision() Precision { return d.prec }

// IsTBA reports whether nothing of the date is known.
func (d PartialDate) IsTBA() bool { return d.prec == PrecisionTBA }

// Year returns the year, or 0 for TBA.
func (d PartialDate) Year() int { return int(d.year) }

// Month returns the month 1..12, or 0 when not known.
func (d PartialDate) Month() int { return int(d.month) }

// Day returns the day of month, or 0 when not known.
func (d PartialDate) Day() int { return int(d.day) }

// String returns the canonical text form.
func (d PartialDate) String() string {
	switch d.prec {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.year, d.month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
	}
	return "TBA"
}

// First returns the first calendar day the date may fall on as
// "YYYY-MM-DD", or "" for TBA. Stores index releases by it.
func (d PartialDate) First() string {
	switch d.prec {
	case PrecisionYear:
		return fmt.Sprintf("%04d-01-01", d.year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d-01", d.year, d.month)
	case PrecisionDay:
		return d.String()
	}
	return ""
}

// Last returns the last calendar day the date may fall on as
// "YYYY-MM-DD", or "" for TBA.
func (d PartialDate) Last() string {
	switch d.prec {
	case PrecisionYear:
		return fmt.Sprintf("%04d-12-31", d.year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, daysIn(int(d.year), int(d.month)))
	case PrecisionDay:
		return d.String()
	}
	return ""
}

// Compare orders dates by their first possible day, a coarser date before
// a finer one that starts on the same day ("2022-03" < "2022-03-01"), and
// TBA after every known date. It returns -1, 0 or +1.
func (d PartialDate) Compare(o PartialDate) int {
	if d.IsTBA() || o.IsTBA() {
		switch {
		case d.IsTBA() && o.IsTBA():
			return 0
		case d.IsTBA():
			return 1
		default:
			return -1
		}
	}
	if c := strings.Compare(d.First(), o.First()); c != 0 {
		return c
	}
	switch {
	case d.prec < o.prec:
		return -1
	case d.prec > o.prec:
		return 1
	}
	return 0
}

// Refines reports whether d is a more precise statement of the same
// period as o: "2022-03-15" refines "2022-03" and "2022"; any date refines
// TBA.
func (d PartialDate) Refines(o PartialDate) bool {
	if d.prec <= o.prec {
		return false
	}
	if o.IsTBA() {
		return true
	}
	return d.First() >= o.First() && d.Last() <= o.Last()
}

// MarshalText implements encoding.TextMarshaler.
func (d PartialDate) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *PartialDate) UnmarshalText(b []byte) error {
	p, err := ParsePartialDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

// Equal reports whether d and o are the same date with the same
// precision. (go-cmp uses it to compare structs holding dates.)
func (d PartialDate) Equal(o PartialDate) bool { return d == o }
