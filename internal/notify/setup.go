package notify

import "time"

// DefaultRegistry returns the registry `marquee serve` uses: webhooks
// and ntfy push always, email when MARQUEE_SMTP_HOST is set (see
// EmailConfigFromEnv), and MARQUEE_NTFY_TOKEN as the push server's
// bearer token when set.
func DefaultRegistry(getenv func(string) string, allowPrivate bool) (*Registry, error) {
	r := NewRegistry(AllowPrivateTargets(allowPrivate))
	r.Register(NewWebhook(r, time.Now))
	r.Register(NewNtfy(r, getenv("MARQUEE_NTFY_TOKEN")))
	cfg, ok, err := EmailConfigFromEnv(getenv)
	if err != nil {
		return nil, err
	}
	if ok {
		r.Register(NewEmail(cfg, time.Now))
	}
	return r, nil
}
