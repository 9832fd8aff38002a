package extract

import (
	"errors"
	"strings"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

func TestParseInputLayouts(t *testing.T) {
	tests := []struct {
		name, in, pub, source, bodyStart string
	}{
		{"one line", " date 2022-01-19 After the festival, a film.", "2022-01-19", "", "After the festival"},
		{"header lines", "date 2018-07-24\nsource http://example.org/a\nBody text.", "2018-07-24", "http://example.org/a", "Body text."},
		{"unknown date", "date unknown\nsource http://example.org/b\nBody.", "TBA", "http://example.org/b", "Body."},
		{"crlf", "date 2020-09-13\r\nsource x\r\nBody.", "2020-09-13", "x", "Body."},
		{"plain", "Just prose.", "TBA", "", "Just prose."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseInput([]byte(tt.in), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if doc.Published.String() != tt.pub || doc.Source != tt.source {
				t.Errorf("published %s source %q, want %s %q", doc.Published, doc.Source, tt.pub, tt.source)
			}
			if !strings.HasPrefix(doc.Text[doc.Body:], tt.bodyStart) {
				t.Errorf("body starts %q, want %q", doc.Text[doc.Body:], tt.bodyStart)
			}
		})
	}
}

func TestParseInputPublishedOption(t *testing.T) {
	doc, err := ParseInput([]byte("date 2020-01-01 Text."), Options{Published: catalog.MustDate("2021-05-06")})
	if err != nil || doc.Published.String() != "2021-05-06" {
		t.Fatalf("got %s, %v", doc.Published, err)
	}
}

func TestHTMLReduction(t *testing.T) {
	in := `<html><head><style>.x{}</style><script>document.write("<p>evil</p>")</script></head>
<body><nav>Home</nav><article><h1>Head &amp; Line</h1><p>First <i>Film Title</i> para.</p>
<p onmouseover="x()">Second<br>line<iframe src="//x"></iframe></p><ul><li>One</li><li>Two</li></ul></article>
<footer>foot</footer><script>alert(1)</script></body></html>`
	doc, err := ParseInput([]byte(in), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Head & Line\n\nFirst Film Title para.\n\nSecond\nline\n\n• One\n• Two"
	if doc.Text != want {
		t.Errorf("text:\n%q\nwant:\n%q", doc.Text, want)
	}
	for _, bad := range []string{"<", ">", "evil", "alert", "Home", "foot", ".x{}"} {
		if strings.Contains(doc.Text, bad) {
			t.Errorf("text leaks %q: %q", bad, doc.Text)
		}
	}
	if len(doc.emphasis) != 1 || doc.Text[doc.emphasis[0].start:doc.emphasis[0].end] != "Film Title" {
		t.Errorf("emphasis = %v", doc.emphasis)
	}
}

func TestParseInputErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrEmpty},
		{"blank", []byte(" \n\t "), ErrEmpty},
		{"binary", []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 0, 0, 0, 4, 5}, ErrBinary},
		{"too large", make([]byte, MaxInputBytes+1), ErrTooLarge},
	}
	for _, tt := range tests {
		if _, err := ParseInput(tt.in, Options{}); !errors.Is(err, tt.want) {
			t.Errorf("%s: err %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestAddressWords(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"https://example.com/2018/05/crane-lake-blu-ray-release-date/", " 2018 05 crane lake blu ray release date "},
		{"https://example.com/news/there's-nothing-out-there.html", " news theres nothing out there html "},
		{"https://example.com/alcarr%C3%A0s-mubi-berlin", " alcarras mubi berlin "},
		{"https://example.com/", ""},
		{"not a url %zz", ""},
		{"", ""},
	} {
		if got := addressWords(tc.in); got != tc.want {
			t.Errorf("addressWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
