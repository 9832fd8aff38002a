package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
)

// Limits of a fetch.
const (
	DefaultTimeout  = 10 * time.Second
	DefaultMaxBytes = 5 << 20
	MaxRedirects    = 5
)

// Resolver looks up the addresses of a host. *net.Resolver satisfies it;
// tests inject their own.
type Resolver interface {
	LookupNetIP(ctx context.Context, network, host string) ([]netip.Addr, error)
}

// Fetcher downloads documents. The zero value is not usable; use New.
type Fetcher struct {
	client   *http.Client
	resolver Resolver
	maxBytes int64
	allow    func(netip.Addr) bool
}

// Option configures a Fetcher.
type Option func(*Fetcher)

// WithResolver replaces the system DNS resolver.
func WithResolver(r Resolver) Option { return func(f *Fetcher) { f.resolver = r } }

// WithMaxBytes sets the largest decoded body accepted.
func WithMaxBytes(n int64) Option { return func(f *Fetcher) { f.maxBytes = n } }

// WithTimeout sets the time limit of a whole fetch, redirects included.
func WithTimeout(d time.Duration) Option { return func(f *Fetcher) { f.client.Timeout = d } }

// WithAddressPolicy replaces the rule deciding which addresses may be
// dialled. Only tests and deployments that deliberately fetch from their
// own network should use it.
func WithAddressPolicy(allow func(netip.Addr) bool) Option {
	return func(f *Fetcher) { f.allow = allow }
}

// New returns a Fetcher with the default limits and policy.
func New(opts ...Option) *Fetcher {
	f := &Fetcher{resolver: net.DefaultResolver, maxBytes: DefaultMaxBytes, allow: PublicAddress}
	transport := &http.Transport{
		Proxy:                 nil, // never send article fetches through an environment proxy
		DialContext:           f.dial,
		TLSHandshakeTimeout:   5 * time.Second,
		ResponseHeaderTimeout: DefaultTimeout,
		MaxIdleConns:          10,
		IdleConnTimeout:       30 * time.Second,
		ForceAttemptHTTP2:     true,
	}
	f.client = &http.Client{
		Transport: transport,
		Timeout:   DefaultTimeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > MaxRedirects {
				return refusal("more than %d redirects", MaxRedirects)
			}
			return checkURL(req.URL)
		},
	}
	for _, o := range opts {
		o(f)
	}
	return f
}

// Document is a fetched page.
type Document struct {
	URL         string // final URL after redirects
	ContentType string // "text/html" or "text/plain"
	Body        []byte
	FetchedAt   time.Time
}

// Fetch downloads rawURL. Refusals are catalog errors of kind
// KindInvalid (bad URL, forbidden address, wrong content type) or
// KindTooLarge; network failures are KindUnavailable.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*Document, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return nil, refusal("%q is not a URL", rawURL)
	}
	if err := checkURL(u); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, refusal("%q is not a URL", rawURL)
	}
	req.Header.Set("Accept", "text/html, text/plain;q=0.9")
	req.Header.Set("User-Agent", "Marquee article fetcher (+https://github.com/marquee-film/marquee)")
	resp, err := f.client.Do(req)
	if err != nil {
		var ce *catalog.Error
		if errors.As(err, &ce) {
			return nil, ce
		}
		return nil, catalog.Errorf(catalog.KindUnavailable, "fetching %s: %w", u.Redacted(), err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, catalog.Errorf(catalog.KindUnavailable, "fetching %s: the server answered %s", u.Redacted(), resp.Status)
	}
	ct, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil || (ct != "text/html" && ct != "text/plain" && ct != "application/xhtml+xml") {
		return nil, refusal("%s is %q, not an HTML page or plain text", u.Redacted(), resp.Header.Get("Content-Type"))
	}
	// The transport has already undone any Content-Encoding, so this caps
	// the decoded size: a gzip bomb stops here.
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.maxBytes+1))
	if err != nil {
		return nil, catalog.Errorf(catalog.KindUnavailable, "reading %s: %w", u.Redacted(), err)
	}
	if int64(len(body)) > f.maxBytes {
		return nil, &catalog.Error{Kind: catalog.KindTooLarge, Message: fmt.Sprintf("%s is larger than %d bytes", u.Redacted(), f.maxBytes)}
	}
	return &Document{URL: resp.Request.URL.String(), ContentType: ct, Body: body, FetchedAt: time.Now().UTC()}, nil
}

func refusal(format string, args ...any) error {
	return &catalog.Error{Kind: catalog.KindInvalid, Field: "url", Message: "refused: " + fmt.Sprintf(format, args...)}
}

// checkURL allows only http and https URLs with a host and no user info.
func checkURL(u *url.URL) error {
	if u.Scheme != "http" && u.Scheme != "https" {
		return refusal("only http and https URLs can be fetched, not %q", u.Scheme)
	}
	if u.Hostname() == "" {
		return refusal("the URL has no host")
	}
	if u.User != nil {
		return refusal("URLs with credentials are not fetched")
	}
	return nil
}

// dial resolves the host, refuses it unless every address is allowed,
// and connects to a checked address, so the address dialled is the one
// checked. Control re-checks the socket's peer as a last line.
func (f *Fetcher) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	addrs, err := f.resolve(ctx, host)
	if err != nil {
		return nil, err
	}
	for _, a := range addrs {
		if !f.allow(a) {
			return nil, refusal("%s resolves to %s, a loopback, private, link-local or otherwise non-public address", host, a)
		}
	}
	d := &net.Dialer{
		Timeout: 5 * time.Second,
		Control: func(_, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil || !f.allow(ap.Addr().Unmap()) {
				return refusal("connecting to %s is not allowed", address)
			}
			return nil
		},
	}
	var lastErr error
	for _, a := range addrs {
		conn, err := d.DialContext(ctx, network, net.JoinHostPort(a.String(), port))
		if err == nil {
			return conn, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

// resolve turns a host into addresses. Literal IPs in any form the
// network stack would accept (dotted, decimal "2130706433", hex, octal)
// are parsed here, so they cannot slip past the check.
func (f *Fetcher) resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, ok := parseLiteralIP(host); ok {
		return []netip.Addr{a}, nil
	}
	addrs, err := f.resolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return nil, catalog.Errorf(catalog.KindUnavailable, "looking up %s: %w", host, err)
	}
	if len(addrs) == 0 {
		return nil, catalog.Errorf(catalog.KindUnavailable, "%s has no addresses", host)
	}
	for i := range addrs {
		addrs[i] = addrs[i].Unmap()
	}
	return addrs, nil
}

// parseLiteralIP parses IPv4/IPv6 literals including the legacy inet_aton
// forms: a single 32-bit number, and parts in hex (0x7f) or octal (0177).
func parseLiteralIP(host string) (netip.Addr, bool) {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if a, err := netip.ParseAddr(host); err == nil {
		return a.Unmap(), true
	}
	parts := strings.Split(host, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var nums []uint64
	for _, p := range parts {
		n, err := strconv.ParseUint(p, 0, 32)
		if err != nil {
			return netip.Addr{}, false
		}
		nums = append(nums, n)
	}
	var v uint64
	switch len(nums) {
	case 1:
		v = nums[0]
	case 2:
		v = nums[0]<<24 | nums[1]&0xffffff
	case 3:
		v = nums[0]<<24 | nums[1]<<16 | nums[2]&0xffff
	case 4:
		v = nums[0]<<24 | nums[1]<<16 | nums[2]<<8 | nums[3]
	}
	if v > 0xffffffff {
		return netip.Addr{}, false
	}
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}), true
}

// nonPublic lists the ranges that are never fetched from.
var nonPublic = func() []netip.Prefix {
	var out []netip.Prefix
	for _, s := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
		"172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15",
		"198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
		"::/128", "::1/128", "64:ff9b::/96", "100::/64", "2001:db8::/32", "fc00::/7", "fe80::/10", "ff00::/8",
	} {
		out = append(out, netip.MustParsePrefix(s))
	}
	return out
}()

// PublicAddress reports whether a is a public unicast address that
// articles may be fetched from.
func PublicAddress(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsMulticast() || a.IsUnspecified() || a.IsInterfaceLocalMulticast() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}
