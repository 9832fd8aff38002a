package catalog

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	imdbTitleRE  = regexp.MustCompile(`^tt[0-9]{7,}$`)
	imdbPersonRE = regexp.MustCompile(`^nm[0-9]{7,}$`)
	wikidataRE   = regexp.MustCompile(`^Q[1-9][0-9]*$`)
	slugRE       = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	currencyRE   = regexp.MustCompile(`^[A-Z]{3}$`)
	barcodeRE    = regexp.MustCompile(`^[0-9]{8}$|^[0-9]{12,14}$`)
)

// ExternalIDs links a film or person to other databases. Empty fields are
// unknown.
type ExternalIDs struct {
	IMDb     string `json:"imdb,omitempty"`     // tt1234567 (films) or nm1234567 (people), 7+ digits
	TMDb     int64  `json:"tmdb,omitempty"`     // positive integer
	Wikidata string `json:"wikidata,omitempty"` // Q123
}

// IsZero reports whether no external ID is known.
func (x ExternalIDs) IsZero() bool { return x == ExternalIDs{} }

func (x ExternalIDs) validate(imdbPrefix string) error {
	if x.IMDb != "" {
		re := imdbTitleRE
		if imdbPrefix == "nm" {
			re = imdbPersonRE
		}
		if !re.MatchString(x.IMDb) {
			return Invalid("external_ids.imdb", "%q is not an IMDb ID (%s followed by 7 or more digits)", x.IMDb, imdbPrefix)
		}
	}
	if x.TMDb < 0 {
		return Invalid("external_ids.tmdb", "%d is not a TMDb ID (a positive number)", x.TMDb)
	}
	if x.Wikidata != "" && !wikidataRE.MatchString(x.Wikidata) {
		return Invalid("external_ids.wikidata", "%q is not a Wikidata ID (Q followed by digits)", x.Wikidata)
	}
	return nil
}

// ValidSlug reports whether s is a slug: lowercase ASCII letters and
// digits in groups joined by single hyphens, at most 120 bytes.
func ValidSlug(s string) bool { return len(s) <= 120 && slugRE.MatchString(s) }

// Slugify makes a slug from any text: accents are folded ("Amélie" →
// "amelie"), other letters and digits are kept if ASCII, everything else
// becomes a hyphen. It returns "" when nothing usable is left.
func Slugify(parts ...string) string {
	var b strings.Builder
	hyphen := false
	for _, p := range parts {
		for _, r := range p {
			r = FoldRune(unicode.ToLower(r))
			if r == 'ß' {
				b.WriteString("ss")
				hyphen = false
				continue
			}
			if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
				b.WriteRune(r)
				hyphen = false
			} else if r == '\'' || r == '’' {
				continue // "Schindler's" -> "schindlers"
			} else if !hyphen && b.Len() > 0 {
				b.WriteByte('-')
				hyphen = true
			}
		}
		if !hyphen && b.Len() > 0 {
			b.WriteByte('-')
			hyphen = true
		}
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 120 {
		s = strings.TrimRight(s[:120], "-")
	}
	return s
}

// foldTable maps accented Latin letters to their base letter.
var foldTable = map[rune]rune{}

func init() {
	groups := map[rune]string{
		'a': "àáâãäåāăąǎ", 'c': "çćĉċč", 'd': "ďđ", 'e': "èéêëēĕėęě",
		'g': "ĝğġģ", 'h': "ĥħ", 'i': "ìíîïĩīĭįı", 'j': "ĵ", 'k': "ķ",
		'l': "ĺļľŀł", 'n': "ñńņňŉ", 'o': "òóôõöøōŏőǒ", 'r': "ŕŗř",
		's': "śŝşšș", 't': "ţťŧț", 'u': "ùúûüũūŭůűųǔ", 'w': "ŵ",
		'y': "ýÿŷ", 'z': "źżž",
	}
	for base, chars := range groups {
		for _, c := range chars {
			foldTable[c] = base
			foldTable[unicode.ToUpper(c)] = unicode.ToUpper(base)
		}
	}
	foldTable['æ'], foldTable['Æ'] = 'a', 'A'
	foldTable['œ'], foldTable['Œ'] = 'o', 'O'
	// Typographic quotes and dashes match their plain forms ("Palme d’Or"
	// is "Palme d'Or").
	for _, r := range "‘’‚‛′" {
		foldTable[r] = '\''
	}
	for _, r := range "“”„‟″" {
		foldTable[r] = '"'
	}
	for _, r := range "‐‑‒–—―" {
		foldTable[r] = '-'
	}
}

// FoldRune maps an accented Latin letter to its base letter and a
// typographic quote or dash to its plain form, and returns every other
// rune unchanged.
func FoldRune(r rune) rune {
	if r < utf8.RuneSelf {
		return r
	}
	if f, ok := foldTable[r]; ok {
		return f
	}
	return r
}

// FoldText lowercases s and folds accents, for accent- and
// case-insensitive matching ("Amélie" and "AMELIE" both give "amelie").
func FoldText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = FoldRune(unicode.ToLower(r))
		if r == 'ß' {
			b.WriteString("ss")
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isoCountries holds the ISO 3166-1 alpha-2 codes that are officially
// assigned.
var isoCountries = func() map[string]bool {
	const codes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
		"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
		"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
		"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
		"NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
		"SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
		"UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
	m := make(map[string]bool, 250)
	for _, c := range strings.Fields(codes) {
		m[c] = true
	}
	return m
}()

// ValidCountry reports whether code is an assigned ISO 3166-1 alpha-2
// code (upper case).
func ValidCountry(code string) bool { return isoCountries[code] }

// ValidCurrency reports whether code looks like an ISO 4217 code.
func ValidCurrency(code string) bool { return currencyRE.MatchString(code) }

// ValidBarcode reports whether code is an EAN-8, UPC-A (12), EAN-13 or
// GTIN-14 number with a correct check digit.
func ValidBarcode(code string) bool {
	if !barcodeRE.MatchString(code) {
		return false
	}
	sum := 0
	n := len(code)
	for i := n - 2; i >= 0; i-- {
		d := int(code[i] - '0')
		if (n-2-i)%2 == 0 {
			d *= 3
		}
		sum += d
	}
	check := (10 - sum%10) % 10
	return strconv.Itoa(check) == code[n-1:]
}

// validText rejects text that one of the stores cannot keep or that is
// unreasonably long: invalid UTF-8, NUL bytes, more than max bytes.
func validText(field, s string, max int) error {
	if !utf8.ValidString(s) {
		return Invalid(field, "is not valid UTF-8")
	}
	if strings.IndexByte(s, 0) >= 0 {
		return Invalid(field, "contains a NUL byte")
	}
	if len(s) > max {
		return Invalid(field, "is %d bytes long; the limit is %d", len(s), max)
	}
	return nil
}

func requiredText(field, s string, max int) error {
	if strings.TrimSpace(s) == "" {
		return Invalid(field, "is required")
	}
	return validText(field, s, max)
}
