package bundle

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/marquee-film/marquee/internal/catalog"
)

const minimal = `{"format":"marquee-bundle","version":1,
 "sources":[{"key":"notes","kind":"manual","title":"Team notes","published_on":"2022-02"}],
 "films":[{"slug":"a-film-2020","title":"A Film","year":2020,
   "sources":["notes",{"source":"notes","field":"year","value":"2020","span":{"start":1,"end":5},"confidence":0.5}],
   "releases":[{"type":"physical","date":"2022-03","country":"US"}]}]}`

func TestDecodeMinimal(t *testing.T) {
	b, err := Decode(strings.NewReader(minimal))
	if err != nil {
		t.Fatal(err)
	}
	want := []Citation{
		{Source: "notes"},
		{Source: "notes", Field: "year", Value: "2020", Span: &catalog.Span{Start: 1, End: 5}, Confidence: 0.5},
	}
	if diff := cmp.Diff(want, b.Films[0].Sources); diff != "" {
		t.Errorf("citations (-want +got):\n%s", diff)
	}
	if got := b.Films[0].Releases[0].Date; got != catalog.MustDate("2022-03") {
		t.Errorf("release date = %v, want 2022-03", got)
	}
	if got := b.Sources[0].PublishedOn.String(); got != "2022-02" {
		t.Errorf("published_on = %s", got)
	}
}

func TestDecodeRejects(t *testing.T) {
	tests := []struct {
		name, doc, wantMsg string
		kind               catalog.ErrorKind
	}{
		{"not json", `{"format":`, "not valid JSON", catalog.KindInvalid},
		{"wrong format", `{"format":"other","version":1}`, `format is "other"`, catalog.KindInvalid},
		{"future version", `{"format":"marquee-bundle","version":2}`, "version 2 is not supported", catalog.KindInvalid},
		{"unknown field", `{"format":"marquee-bundle","version":1,"filmz":[]}`, "filmz", catalog.KindInvalid},
		{"trailing data", `{"format":"marquee-bundle","version":1} {}`, "data after", catalog.KindInvalid},
		{"bad date", `{"format":"marquee-bundle","version":1,"films":[{"slug":"x","title":"X","releases":[{"type":"tv","date":"2022-02-30"}]}]}`, "2022-02-30", catalog.KindInvalid},
		{"line number", "{\"format\":\"marquee-bundle\",\n\"version\":\"one\"}", "line 2", catalog.KindInvalid},
		{"unknown citation field", `{"format":"marquee-bundle","version":1,"films":[{"slug":"x","title":"X","sources":[{"source":"a","bogus":1}]}]}`, "bogus", catalog.KindInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode(strings.NewReader(tt.doc))
			if err == nil {
				t.Fatal("Decode succeeded, want error")
			}
			if catalog.KindOf(err) != tt.kind {
				t.Errorf("kind = %v, want %v (%v)", catalog.KindOf(err), tt.kind, err)
			}
			if !strings.Contains(err.Error(), tt.wantMsg) {
				t.Errorf("error %q does not mention %q", err, tt.wantMsg)
			}
		})
	}
}

func TestDecodeTooLarge(t *testing.T) {
	big := bytes.NewReader(make([]byte, MaxSize+10))
	_, err := Decode(big)
	if catalog.KindOf(err) != catalog.KindTooLarge {
		t.Fatalf("err = %v, want too_large", err)
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	b, err := Decode(strings.NewReader(minimal))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Encode(&buf, b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"sources": [
        "notes",`) {
		t.Errorf("a bare citation was not written as a bare key:\n%s", buf.String())
	}
	again, err := Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(b, again); diff != "" {
		t.Errorf("round trip (-first +second):\n%s", diff)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(minimal))
	f.Add([]byte(`{"format":"marquee-bundle","version":1}`))
	f.Add([]byte(`{"format":"marquee-bundle","version":1,"films":[{"sources":[1]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Decode(bytes.NewReader(data))
		if err != nil {
			if catalog.KindOf(err) != catalog.KindInvalid && catalog.KindOf(err) != catalog.KindTooLarge {
				t.Fatalf("error of kind %v: %v", catalog.KindOf(err), err)
			}
			return
		}
		var buf bytes.Buffer
		if err := Encode(&buf, b); err != nil {
			t.Fatalf("Encode of a decoded bundle: %v", err)
		}
		if !json.Valid(buf.Bytes()) {
			t.Fatal("Encode wrote invalid JSON")
		}
		if _, err := Decode(&buf); err != nil {
			t.Fatalf("re-decoding an encoded bundle: %v", err)
		}
	})
}
