package lexicon

import (
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	lx, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, class := range []string{"formats", "labels", "festivals", "awards", "roles", "extras", "descriptors", "verbs", "countries", "demonyms", "technical", "words", "dates", "firstnames", "orgsuffixes", "streamers"} {
		if len(lx.Class(class)) == 0 {
			t.Errorf("class %s is empty", class)
		}
	}
}

func TestExamplesContainTheirPhrase(t *testing.T) {
	for _, e := range MustLoad().Entries {
		if !strings.Contains(strings.ToLower(e.Example), strings.ToLower(e.Phrase)) {
			t.Errorf("%s.txt:%d: example %q does not contain %q", e.Class, e.Line, e.Example, e.Phrase)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, text := range []string{
		"phrase | value\n",              // no example, no template
		"#! template: no placeholder\n", // template without {}
		" | value | example\n",          // empty phrase
	} {
		if _, err := Parse("x", text); err == nil {
			t.Errorf("Parse(%q) succeeded, want an error", text)
		}
	}
	got, err := Parse("x", "# comment\n#! template: Hello {} there.\nAda | given\n")
	if err != nil || len(got) != 1 || got[0].Example != "Hello Ada there." {
		t.Errorf("template: got %+v, %v", got, err)
	}
}
