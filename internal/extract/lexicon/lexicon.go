// Package lexicon holds the extractor's vocabulary as data: every word
// list it reads (formats, labels, festivals, prizes, roles, bonus
// features, words that describe a film, verbs of release, countries,
// calendar words, closed-class words, given names), one text file per
// class, embedded in the binary.
//
// Each line is "phrase | value | example": the phrase as it appears in
// text (a lower-case phrase matches in any case, a capitalized one only
// capitalized or upper-case text), its value (a canonical name, a format,
// a kind) and a sentence that uses it. The extractor's tests run every
// example and check that the phrase is read there with its class and
// value, so an entry cannot be added without showing how it is read. A
// file whose header has "#! template: ... {} ..." gives one template for
// all its entries instead (the given names).
//
// The lists hold general knowledge only: no film title and no person.
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
)

//go:embed *.txt
var files embed.FS

// Entry is one phrase of a class.
type Entry struct {
	Class   string // the file's name without ".txt": "formats", "labels"...
	Phrase  string
	Value   string
	Example string
	Line    int
}

// Lexicon is the parsed vocabulary. It is read-only after Load.
type Lexicon struct {
	Entries []Entry
}

// Load parses the embedded files.
func Load() (*Lexicon, error) {
	names, err := fs.Glob(files, "*.txt")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	lx := &Lexicon{}
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		entries, err := Parse(strings.TrimSuffix(name, ".txt"), string(b))
		if err != nil {
			return nil, err
		}
		lx.Entries = append(lx.Entries, entries...)
	}
	return lx, nil
}

// MustLoad is Load for the embedded files, which the tests check.
func MustLoad() *Lexicon {
	lx, err := Load()
	if err != nil {
		panic(err)
	}
	return lx
}

// Class returns the entries of one class.
func (lx *Lexicon) Class(class string) []Entry {
	var out []Entry
	for _, e := range lx.Entries {
		if e.Class == class {
			out = append(out, e)
		}
	}
	return out
}

// Parse reads one file of class class.
func Parse(class, text string) ([]Entry, error) {
	var out []Entry
	template := ""
	sc := bufio.NewScanner(strings.NewReader(text))
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if t, ok := strings.CutPrefix(line, "#! template:"); ok {
			template = strings.TrimSpace(t)
			if !strings.Contains(template, "{}") {
				return nil, fmt.Errorf("lexicon: %s.txt:%d: a template needs {}", class, n)
			}
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.Split(line, " | ")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		e := Entry{Class: class, Phrase: parts[0], Line: n}
		if len(parts) > 1 {
			e.Value = parts[1]
		}
		switch {
		case len(parts) == 3:
			e.Example = parts[2]
		case len(parts) < 3 && template != "":
			e.Example = strings.ReplaceAll(template, "{}", e.Phrase)
		default:
			return nil, fmt.Errorf("lexicon: %s.txt:%d: want \"phrase | value | example\"", class, n)
		}
		if e.Phrase == "" || e.Example == "" {
			return nil, fmt.Errorf("lexicon: %s.txt:%d: empty phrase or example", class, n)
		}
		out = append(out, e)
	}
	return out, sc.Err()
}
