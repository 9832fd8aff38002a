package notify

import (
	"context"
	"errors"
	"net/netip"
	"net/url"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/fetch"
)

// Message is one notification on its way to one channel.
type Message struct {
	IdempotencyKey string
	Event          catalog.EventKind
	Title          string
	Body           string
	URL            string // absolute link to the film page
	CreatedAt      time.Time
	Username       string
	Channel        catalog.Channel
}

// Notifier sends messages over one kind of channel.
type Notifier interface {
	// Kind is the channel kind it serves: catalog.ChannelWebhook, …
	Kind() string
	// Send delivers m once. An error wrapped with Permanent is not
	// retried.
	Send(ctx context.Context, m Message) error
}

// permanentError marks a failure that retrying cannot fix.
type permanentError struct{ err error }

func (e permanentError) Error() string { return e.err.Error() }
func (e permanentError) Unwrap() error { return e.err }

// Permanent marks err as not worth retrying.
func Permanent(err error) error { return permanentError{err} }

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// Registry holds the notifiers of each channel kind and the rule for
// which addresses webhook and push targets may resolve to.
type Registry struct {
	notifiers    map[string]Notifier
	allowPrivate bool
	resolver     fetch.Resolver
}

// RegistryOption configures a Registry.
type RegistryOption func(*Registry)

// AllowPrivateTargets lets webhook and push targets be loopback or
// private addresses (an admin option for receivers on the server's own
// network; off by default).
func AllowPrivateTargets(allow bool) RegistryOption {
	return func(r *Registry) { r.allowPrivate = allow }
}

// WithResolver replaces the DNS resolver used to check targets.
func WithResolver(res fetch.Resolver) RegistryOption { return func(r *Registry) { r.resolver = res } }

// NewRegistry returns an empty registry; Register adds notifiers.
func NewRegistry(opts ...RegistryOption) *Registry {
	r := &Registry{notifiers: map[string]Notifier{}}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Register adds n, replacing any notifier of the same kind.
func (r *Registry) Register(n Notifier) { r.notifiers[n.Kind()] = n }

// Get returns the notifier of a channel kind.
func (r *Registry) Get(kind string) (Notifier, bool) {
	n, ok := r.notifiers[kind]
	return n, ok
}

// AddressPolicy is the rule for the addresses targets may be dialled at.
func (r *Registry) AddressPolicy() func(netip.Addr) bool {
	if r.allowPrivate {
		return func(a netip.Addr) bool { return a.IsValid() }
	}
	return fetch.PublicAddress
}

// Check refuses a channel target that could never be delivered to: a
// kind nobody serves, or a URL that resolves to a private address while
// those are not allowed. It is app.WithChannelCheck's check.
func (r *Registry) Check(ctx context.Context, kind, target string) error {
	if _, ok := r.notifiers[kind]; !ok {
		return catalog.Invalid("kind", "%s delivery is not configured on this server", kind)
	}
	if kind != catalog.ChannelWebhook && kind != catalog.ChannelNtfy {
		return nil
	}
	if err := fetch.CheckURL(target); err != nil {
		return catalog.WithField("target", err)
	}
	u, _ := url.Parse(target)
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := fetch.CheckHost(ctx, r.resolver, u.Hostname(), r.AddressPolicy()); err != nil {
		var ce *catalog.Error
		if errors.As(err, &ce) && ce.Kind == catalog.KindInvalid {
			return &catalog.Error{Kind: catalog.KindInvalid, Field: "target",
				Message: ce.Message + " (private targets need the server's --allow-private-targets option)"}
		}
		return err
	}
	return nil
}
