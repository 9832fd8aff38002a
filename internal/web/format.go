package web

import (
	"fmt"
	"hash/fnv"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// funcs are the template functions. They format values; they never mark
// text as safe HTML.
var funcs = template.FuncMap{
	"date":        viewDate,
	"rtype":       releaseTypeLabel,
	"rstatus":     releaseStatusLabel,
	"format":      formatLabel,
	"formats":     formatsLabel,
	"packaging":   packagingLabel,
	"extraKind":   extraKindLabel,
	"result":      resultLabel,
	"premiere":    premiereLabel,
	"country":     countryName,
	"money":       moneyLabel,
	"runtime":     runtimeLabel,
	"seconds":     secondsLabel,
	"dept":        departmentLabel,
	"festShort":   festivalShortName,
	"join":        strings.Join,
	"hue":         posterHue,
	"initials":    initials,
	"pct":         func(f float64) string { return strconv.Itoa(int(math.Round(f*100))) + "%" },
	"field":       fieldLabel,
	"day":         func(t time.Time) string { return t.Format("2 Jan 2006") },
	"isoDay":      func(t time.Time) string { return t.Format("2006-01-02") },
	"plural":      plural,
	"list":        func(s ...string) []string { return s },
	"editionName": editionName,
	"inc":         func(n int) int { return n + 1 },
	"filmStatus":  func(s catalog.FilmStatus) string { return labelOr(nil, s) },
	"regions":     func(rs []string) string { return strings.Join(rs, ", ") },
	"filmURL":     func(slug string) string { return "/films/" + slug },
	"personURL":   func(slug string) string { return "/people/" + slug },
	"labelURL":    func(slug string) string { return "/labels/" + slug },
	"festivalURL": func(slug string, year int) string { return "/festivals/" + slug + "/" + strconv.Itoa(year) },
}

// dateView is a PartialDate ready to show: its text at the real
// precision, the machine-readable value for <time datetime> and a note
// saying what is not known.
type dateView struct {
	Text    string // "15 Mar 2022", "March 2027", "2022", "TBA"
	Machine string // "2022-03-15", "2027-03", "2022", ""
	Note    string // "day not announced", ...
	Prec    string // "day", "month", "year", "tba"
}

func viewDate(d catalog.PartialDate) dateView {
	v := dateView{Prec: d.Precision().String(), Machine: d.String()}
	switch d.Precision() {
	case catalog.PrecisionDay:
		v.Text = fmt.Sprintf("%d %s %d", d.Day(), time.Month(d.Month()).String()[:3], d.Year())
	case catalog.PrecisionMonth:
		v.Text = fmt.Sprintf("%s %d", time.Month(d.Month()), d.Year())
		v.Note = "day not announced"
	case catalog.PrecisionYear:
		v.Text = strconv.Itoa(d.Year())
		v.Note = "month not announced"
	default:
		v.Text, v.Machine = "TBA", ""
	}
	return v
}

var releaseTypeLabels = map[catalog.ReleaseType]string{
	catalog.ReleasePremiere:   "Premiere",
	catalog.ReleaseFestival:   "Festival screening",
	catalog.ReleaseLimited:    "Limited theatrical",
	catalog.ReleaseTheatrical: "Theatrical",
	catalog.ReleaseDigital:    "Digital",
	catalog.ReleaseStreaming:  "Streaming",
	catalog.ReleasePhysical:   "Disc",
	catalog.ReleaseTV:         "TV",
}

func releaseTypeLabel(t catalog.ReleaseType) string { return labelOr(releaseTypeLabels, t) }

var releaseStatusLabels = map[catalog.ReleaseStatus]string{
	catalog.ReleaseAnnounced: "Announced",
	catalog.ReleaseConfirmed: "Confirmed",
	catalog.ReleasePostponed: "Postponed",
	catalog.ReleaseCancelled: "Cancelled",
}

func releaseStatusLabel(s catalog.ReleaseStatus) string { return labelOr(releaseStatusLabels, s) }

var formatLabels = map[catalog.Format]string{
	catalog.FormatDVD:      "DVD",
	catalog.FormatBluray:   "Blu-ray",
	catalog.FormatBluray3D: "Blu-ray 3D",
	catalog.FormatUHD4K:    "4K UHD",
	catalog.FormatDigital:  "Digital",
}

func formatLabel(f catalog.Format) string { return labelOr(formatLabels, f) }

func formatsLabel(fs []catalog.Format) string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = formatLabel(f)
	}
	return strings.Join(out, " + ")
}

var packagingLabels = map[catalog.Packaging]string{
	catalog.PackagingSteelbook: "Steelbook",
	catalog.PackagingSlipcover: "Slipcover",
	catalog.PackagingOCard:     "O-card",
	catalog.PackagingBooklet:   "Booklet",
	catalog.PackagingDigipak:   "Digipak",
	catalog.PackagingBoxSet:    "Box set",
}

func packagingLabel(ps []catalog.Packaging) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = labelOr(packagingLabels, p)
	}
	return strings.Join(out, ", ")
}

var extraKindLabels = map[catalog.ExtraKind]string{
	catalog.ExtraAudioCommentary: "Audio commentary",
	catalog.ExtraFeaturette:      "Featurette",
	catalog.ExtraMakingOf:        "Making-of",
	catalog.ExtraInterview:       "Interview",
	catalog.ExtraDeletedScenes:   "Deleted scenes",
	catalog.ExtraTrailer:         "Trailer",
	catalog.ExtraGallery:         "Gallery",
	catalog.ExtraBooklet:         "Booklet",
	catalog.ExtraShortFilm:       "Short film",
	catalog.ExtraOther:           "Other",
}

func extraKindLabel(k catalog.ExtraKind) string { return labelOr(extraKindLabels, k) }

var resultLabels = map[catalog.NominationResult]string{
	catalog.ResultNominated: "Nominated",
	catalog.ResultWon:       "Won",
	catalog.ResultLost:      "Nominated",
	catalog.ResultPending:   "Pending",
	catalog.ResultWithdrawn: "Withdrawn",
}

func resultLabel(r catalog.NominationResult) string { return labelOr(resultLabels, r) }

var premiereLabels = map[catalog.PremiereScope]string{
	catalog.PremiereWorld:         "World premiere",
	catalog.PremiereInternational: "International premiere",
	catalog.PremiereNational:      "National premiere",
}

func premiereLabel(p catalog.PremiereScope) string { return premiereLabels[p] }

var departmentLabels = map[catalog.Department]string{
	catalog.DeptDirecting:    "Directing",
	catalog.DeptWriting:      "Writing",
	catalog.DeptCast:         "Acting",
	catalog.DeptCamera:       "Camera",
	catalog.DeptEditing:      "Editing",
	catalog.DeptSound:        "Sound & music",
	catalog.DeptProduction:   "Production",
	catalog.DeptArt:          "Art",
	catalog.DeptCostume:      "Costume",
	catalog.DeptVisualFX:     "Visual effects",
	catalog.DeptCrew:         "Crew",
	catalog.DeptSelf:         "Self",
	catalog.DeptArchive:      "Archive footage",
	catalog.DeptUnclassified: "Other",
}

func departmentLabel(d catalog.Department) string { return labelOr(departmentLabels, d) }

func labelOr[K ~string](m map[K]string, k K) string {
	if v, ok := m[k]; ok {
		return v
	}
	s := strings.ReplaceAll(string(k), "_", " ")
	if s == "" {
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// zeroDecimal lists currencies whose minor unit is the unit itself.
var zeroDecimal = map[string]bool{"JPY": true, "KRW": true, "ISK": true, "CLP": true, "VND": true}

var currencySymbols = map[string]string{"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "CAD": "CA$", "AUD": "A$"}

// moneyLabel formats a price: "$21.99", "£19.99", "1,500 SEK"-style for
// others ("15.00 SEK").
func moneyLabel(m catalog.Money) string {
	if m.IsZero() {
		return ""
	}
	var amount string
	if zeroDecimal[m.Currency] {
		amount = strconv.FormatInt(m.Amount, 10)
	} else {
		amount = fmt.Sprintf("%d.%02d", m.Amount/100, m.Amount%100)
	}
	if sym, ok := currencySymbols[m.Currency]; ok {
		return sym + amount
	}
	return amount + " " + m.Currency
}

// runtimeLabel formats minutes: "2 h 10 min", "95 min" below two hours
// reads worse, so hours are used from 60 up.
func runtimeLabel(min int) string {
	if min <= 0 {
		return ""
	}
	if min < 60 {
		return strconv.Itoa(min) + " min"
	}
	if min%60 == 0 {
		return strconv.Itoa(min/60) + " h"
	}
	return fmt.Sprintf("%d h %d min", min/60, min%60)
}

// secondsLabel formats an extra's runtime: "12 min", "1 h 3 min", "45 s".
func secondsLabel(sec int) string {
	switch {
	case sec <= 0:
		return ""
	case sec < 60:
		return strconv.Itoa(sec) + " s"
	}
	return runtimeLabel(int(math.Round(float64(sec) / 60)))
}

// festivalShortName is what people call a festival: "Festival de Cannes"
// and "Cannes Film Festival" are "Cannes", "Venice International Film
// Festival" is "Venice".
func festivalShortName(name string) string {
	s := name
	for _, p := range []string{"Festival de ", "Festival du ", "Festival des ", "Festival di "} {
		s = strings.TrimPrefix(s, p)
	}
	for _, suf := range []string{" International Film Festival", " Film Festival", " Festival"} {
		s = strings.TrimSuffix(s, suf)
	}
	if strings.TrimSpace(s) == "" {
		return name
	}
	return s
}

// posterHue picks one of twelve placeholder colours from a slug, so a
// film's placeholder poster is stable.
func posterHue(slug string) int {
	h := fnv.New32a()
	_, _ = h.Write([]byte(slug))
	return int(h.Sum32() % 12)
}

// initials returns up to two initials of a title for a placeholder
// poster, skipping leading articles.
func initials(title string) string {
	words := strings.Fields(title)
	if len(words) > 1 {
		switch strings.ToLower(words[0]) {
		case "the", "a", "an", "la", "le", "les", "el", "il", "der", "die", "das":
			words = words[1:]
		}
	}
	var b strings.Builder
	for _, w := range words {
		for _, r := range w {
			if r >= '0' && r <= '9' || strings.ContainsRune("<>&\"'", r) || !isLetter(r) {
				break
			}
			b.WriteRune(r)
			break
		}
		if b.Len() >= 2 || len([]rune(b.String())) >= 2 {
			break
		}
	}
	return strings.ToUpper(b.String())
}

func isLetter(r rune) bool {
	return r > 127 || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
}

// fieldLabel turns a claim's field name into words: "runtime_minutes" is
// "runtime minutes".
func fieldLabel(f string) string { return strings.ReplaceAll(f, "_", " ") }

// plural returns "1 source" or "3 sources".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
