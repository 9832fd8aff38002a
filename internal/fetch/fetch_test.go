package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
)

// fakeResolver answers from a table and fails for anything else.
type fakeResolver map[string][]netip.Addr

func (r fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	if a, ok := r[host]; ok {
		return a, nil
	}
	return nil, fmt.Errorf("no such host %s", host)
}

var loopback = netip.MustParseAddr("127.0.0.1")

// testServer serves the routes the tests need on 127.0.0.1.
func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<html><body><p>Night Train arrives on Blu-ray on March 18.</p></body></html>")
	})
	mux.HandleFunc("/plain", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "plain words")
	})
	mux.HandleFunc("/image", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write([]byte{0x89, 'P', 'N', 'G'})
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write(bytes.Repeat([]byte("a"), 4096))
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(bytes.Repeat([]byte{' '}, 10<<20))
		zw.Close()
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(buf.Bytes())
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/hop/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		http.Redirect(w, r, fmt.Sprintf("/hop/%d", n+1), http.StatusFound)
	})
	mux.HandleFunc("/to-private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://10.1.2.3/admin", http.StatusFound)
	})
	mux.HandleFunc("/to-metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://files.example/x", http.StatusFound)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// permissive allows the test server's loopback address and nothing else
// that the default policy refuses.
func permissive(a netip.Addr) bool { return a == loopback || PublicAddress(a) }

func TestFetch(t *testing.T) {
	srv := testServer(t)
	port := strings.TrimPrefix(srv.URL, "http://127.0.0.1:")
	resolver := fakeResolver{"news.example": {loopback}}
	f := New(WithResolver(resolver), WithAddressPolicy(permissive), WithMaxBytes(2048))
	base := "http://news.example:" + port

	tests := []struct {
		path     string
		wantKind catalog.ErrorKind
		wantText string // in the body, or in the error message
		ok       bool
	}{
		{path: "/article", ok: true, wantText: "Night Train arrives"},
		{path: "/plain", ok: true, wantText: "plain words"},
		{path: "/image", wantKind: catalog.KindInvalid, wantText: "not an HTML page or plain text"},
		{path: "/big", wantKind: catalog.KindTooLarge, wantText: "larger than 2048 bytes"},
		{path: "/bomb", wantKind: catalog.KindTooLarge, wantText: "larger than"},
		{path: "/missing", wantKind: catalog.KindUnavailable, wantText: "404"},
		{path: "/hop/0", wantKind: catalog.KindInvalid, wantText: "more than 5 redirects"},
		{path: "/to-private", wantKind: catalog.KindInvalid, wantText: "10.1.2.3"},
		{path: "/to-metadata", wantKind: catalog.KindInvalid, wantText: "169.254.169.254"},
		{path: "/to-ftp", wantKind: catalog.KindInvalid, wantText: `not "ftp"`},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			doc, err := f.Fetch(context.Background(), base+tt.path)
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(doc.Body), tt.wantText) {
					t.Errorf("body = %q", doc.Body)
				}
				return
			}
			if err == nil {
				t.Fatalf("Fetch succeeded with %q, want an error", doc.Body)
			}
			if catalog.KindOf(err) != tt.wantKind {
				t.Errorf("kind = %v, want %v (%v)", catalog.KindOf(err), tt.wantKind, err)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q lacks %q", err, tt.wantText)
			}
		})
	}
}

func TestFetchRefusesNonPublicTargetsByDefault(t *testing.T) {
	srv := testServer(t)
	u, _ := url.Parse(srv.URL)
	port := u.Port()
	f := New(WithResolver(fakeResolver{
		"localhost":         {loopback},
		"rebind.example":    {netip.MustParseAddr("93.184.216.34"), loopback},
		"internal.example":  {netip.MustParseAddr("192.168.1.10")},
		"v6local.example":   {netip.MustParseAddr("::1")},
		"mapped.example":    {netip.MustParseAddr("::ffff:127.0.0.1")},
		"carrier.example":   {netip.MustParseAddr("100.64.0.1")},
		"uniquelocal.local": {netip.MustParseAddr("fd00::1")},
	}))
	for _, target := range []string{
		"http://127.0.0.1:" + port + "/article",
		"http://localhost:" + port + "/article",
		"http://2130706433:" + port + "/article",
		"http://0x7f.0.0.1:" + port + "/article",
		"http://0177.1:" + port + "/article",
		"http://[::1]:" + port + "/article",
		"http://[::ffff:127.0.0.1]:" + port + "/article",
		"http://mapped.example:" + port + "/article",
		"http://rebind.example:" + port + "/article",
		"http://internal.example/",
		"http://v6local.example/",
		"http://carrier.example/",
		"http://uniquelocal.local/",
		"http://169.254.169.254/latest/meta-data/",
		"http://0.0.0.0:" + port + "/article",
		"file:///etc/passwd",
		"gopher://news.example/",
		"http://user:pw@news.example/",
		"http:///nohost",
		"::not a url",
	} {
		t.Run(target, func(t *testing.T) {
			doc, err := f.Fetch(context.Background(), target)
			if err == nil {
				t.Fatalf("fetched %q", doc.Body)
			}
			if catalog.KindOf(err) != catalog.KindInvalid || !strings.Contains(err.Error(), "refused") {
				t.Errorf("error = %v (kind %v), want a refusal", err, catalog.KindOf(err))
			}
		})
	}
}

func TestPublicAddress(t *testing.T) {
	for s, want := range map[string]bool{
		"93.184.216.34": true, "2606:2800:220:1:248:1893:25c8:1946": true, "8.8.8.8": true,
		"127.0.0.1": false, "10.0.0.1": false, "172.16.5.4": false, "192.168.0.1": false, "169.254.169.254": false,
		"100.64.1.1": false, "0.0.0.0": false, "224.0.0.1": false, "255.255.255.255": false, "::1": false,
		"fe80::1": false, "fd12::1": false, "::ffff:10.0.0.1": false, "192.0.2.1": false,
	} {
		if got := PublicAddress(netip.MustParseAddr(s)); got != want {
			t.Errorf("PublicAddress(%s) = %v, want %v", s, got, want)
		}
	}
}

func TestParseLiteralIP(t *testing.T) {
	for in, want := range map[string]string{
		"127.0.0.1": "127.0.0.1", "2130706433": "127.0.0.1", "0x7f000001": "127.0.0.1", "0x7f.1": "127.0.0.1",
		"0177.0.0.1": "127.0.0.1", "127.1": "127.0.0.1", "10.1.258": "10.1.1.2", "[::1]": "::1", "::ffff:127.0.0.1": "127.0.0.1",
	} {
		got, ok := parseLiteralIP(in)
		if !ok || got.String() != want {
			t.Errorf("parseLiteralIP(%q) = %v, %v; want %s", in, got, ok, want)
		}
	}
	for _, in := range []string{"news.example", "4294967296", "1.2.3.4.5", "256.1.1.1x", ""} {
		if a, ok := parseLiteralIP(in); ok {
			t.Errorf("parseLiteralIP(%q) = %v, want not an IP", in, a)
		}
	}
}

func FuzzParseLiteralIP(f *testing.F) {
	for _, s := range []string{"127.0.0.1", "2130706433", "0x7f.1", "[::1]", "1.2.3", "a.b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, ok := parseLiteralIP(s)
		if ok && !a.IsValid() {
			t.Fatalf("parseLiteralIP(%q) returned an invalid address", s)
		}
		if std, err := netip.ParseAddr(s); err == nil && (!ok || a != std.Unmap()) {
			t.Fatalf("parseLiteralIP(%q) = %v, %v; netip says %v", s, a, ok, std)
		}
	})
}
