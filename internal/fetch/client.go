package fetch

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"net/url"
)

// NewClient returns an HTTP client for requests to URLs that users
// supply, such as webhook and push targets: the same SSRF protection as
// Fetch (every address checked after DNS resolution and on each
// redirect, the checked address is the one dialled, no environment
// proxy), the same options, and no limit on methods or content types.
func NewClient(opts ...Option) *http.Client {
	f := New(opts...)
	c := *f.client
	return &c
}

// CheckURL refuses URLs that NewClient's clients never request: other
// schemes than http and https, no host, or user info.
func CheckURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return refusal("%q is not a URL", raw)
	}
	return checkURL(u)
}

// CheckHost resolves host like the client's dialer does and refuses it
// unless every address passes allow (PublicAddress when nil), so a
// target can be refused when it is saved, not only when it is used.
func CheckHost(ctx context.Context, r Resolver, host string, allow func(netip.Addr) bool) error {
	if r == nil {
		r = net.DefaultResolver
	}
	if allow == nil {
		allow = PublicAddress
	}
	f := &Fetcher{resolver: r, allow: allow}
	addrs, err := f.resolve(ctx, host)
	if err != nil {
		return err
	}
	for _, a := range addrs {
		if !allow(a) {
			return refusal("%s resolves to %s, a loopback, private, link-local or otherwise non-public address", host, a)
		}
	}
	return nil
}
