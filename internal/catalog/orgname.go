package catalog

import (
	"slices"
	"strings"
	"unicode"
)

// orgNameSuffixes are the trailing words that say what kind of company an
// organization is rather than which one. OrganizationNameKeys drops them
// from the end of a name, longest first and repeatedly, so "Universal
// Pictures Home Entertainment" and "Universal" share the core
// "universal". Add a variant here, not in code.
var orgNameSuffixes = [][]string{
	{"home", "entertainment"},
	{"home", "video"},
	{"home", "media"},
	{"entertainment"},
	{"pictures"},
	{"films"},
	{"film"},
	{"video"},
	{"collection"},
	{"releasing"},
	{"distribution"},
	{"studios"},
	{"media"},
	{"company"},
	{"inc"},
	{"ltd"},
	{"llc"},
	{"limited"},
	{"corp"},
	{"gmbh"},
	{"plc"},
}

// OrgNameKeys are the forms an organization's name is compared by.
type OrgNameKeys struct {
	// Fold is the name folded (FoldText) with its spaces collapsed:
	// "the criterion collection".
	Fold string
	// Core is what identifies the organization: the folded name without
	// punctuation ("Shout! Factory" is "shout factory", "A.R.T." is
	// "art"), "&" read as "and", without a leading "The" and without
	// trailing corporate words (orgNameSuffixes). A core keeps at least
	// one word: "The Criterion Collection" is "criterion", "Pictures" is
	// "pictures".
	Core string
}

// OrganizationNameKeys derives the comparison keys of an organization's
// name. It is the one place the name variants of organizations are
// defined; MatchOrganizationName and the stores' name lookup use it.
func OrganizationNameKeys(name string) OrgNameKeys {
	fold := FoldText(strings.Join(strings.Fields(name), " "))
	var b strings.Builder
	for _, r := range fold {
		switch {
		case r == '\'' || r == '.':
			// "Lion's", "A.R.T.", "Inc.": dropped inside a word.
		case r == '&':
			b.WriteString(" and ")
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	words := strings.Fields(b.String())
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	for trimmed := true; trimmed; {
		trimmed = false
		for _, suffix := range orgNameSuffixes {
			n := len(words) - len(suffix)
			if n >= 1 && slices.Equal(words[n:], suffix) {
				words, trimmed = words[:n], true
				break
			}
		}
	}
	return OrgNameKeys{Fold: fold, Core: strings.Join(words, " ")}
}

// OrgNameMatch says how closely an organization's name matches a name
// looked up; a larger value is a closer match.
type OrgNameMatch int

const (
	// OrgNameNone: the names are different organizations.
	OrgNameNone OrgNameMatch = iota
	// OrgNamePrefix: the looked-up core is the first whole words of the
	// organization's core ("Kino" for "Kino Lorber").
	OrgNamePrefix
	// OrgNameCore: the same core, spaces ignored ("Criterion" for "The
	// Criterion Collection", "Lions Gate" for "Lionsgate").
	OrgNameCore
	// OrgNameExact: the same folded name.
	OrgNameExact
)

// MatchOrganizationName reports how an organization called name matches
// the name looked up (query). The relation is not symmetric: a short
// form finds the long name ("Kino" → "Kino Lorber"), not the reverse.
func MatchOrganizationName(query, name string) OrgNameMatch {
	q, n := OrganizationNameKeys(query), OrganizationNameKeys(name)
	switch {
	case q.Fold == "" || q.Core == "":
		return OrgNameNone
	case q.Fold == n.Fold:
		return OrgNameExact
	case strings.ReplaceAll(q.Core, " ", "") == strings.ReplaceAll(n.Core, " ", ""):
		return OrgNameCore
	case strings.HasPrefix(n.Core, q.Core+" "):
		return OrgNamePrefix
	}
	return OrgNameNone
}
