package notify_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/notify"
)

type fakeResolver map[string][]netip.Addr

func (f fakeResolver) LookupNetIP(_ context.Context, _, host string) ([]netip.Addr, error) {
	return f[host], nil
}

// Webhook and push targets on private addresses are refused when saved
// and when sent, unless the admin allows private targets.
func TestPrivateTargetsRefused(t *testing.T) {
	ctx := context.Background()
	res := fakeResolver{
		"evil.example":   {netip.MustParseAddr("127.0.0.1")},
		"mixed.example":  {netip.MustParseAddr("93.184.216.34"), netip.MustParseAddr("10.1.2.3")},
		"public.example": {netip.MustParseAddr("93.184.216.34")},
	}
	reg := notify.NewRegistry(notify.WithResolver(res))
	reg.Register(notify.NewWebhook(reg, nil))
	reg.Register(notify.NewNtfy(reg, ""))
	for _, target := range []string{
		"http://127.0.0.1/hook", "http://2130706433/hook", "http://0x7f.1/hook", "http://[::1]/hook", "http://10.0.0.8/hook",
		"http://169.254.169.254/latest/meta-data", "http://evil.example/hook", "http://mixed.example/hook",
		"ftp://public.example/hook", "http://user:pw@public.example/hook",
	} {
		for _, kind := range []string{catalog.ChannelWebhook, catalog.ChannelNtfy} {
			if err := reg.Check(ctx, kind, target); !catalog.IsKind(err, catalog.KindInvalid) {
				t.Errorf("%s %s: %v, want refused", kind, target, err)
			}
		}
	}
	if err := reg.Check(ctx, catalog.ChannelWebhook, "https://public.example/hook"); err != nil {
		t.Errorf("a public target: %v", err)
	}
	if err := reg.Check(ctx, catalog.ChannelEmail, "a@b.example"); !catalog.IsKind(err, catalog.KindInvalid) {
		t.Errorf("email without SMTP configured: %v", err)
	}

	// Sending to a loopback receiver is refused too (permanently), so a
	// target whose DNS changes after it was saved cannot reach inside.
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits++ }))
	defer srv.Close()
	err := notify.NewWebhook(reg, nil).Send(ctx, notify.Message{IdempotencyKey: "k", Channel: catalog.Channel{Kind: "webhook", Target: srv.URL, Secret: "s"}})
	if err == nil || !notify.IsPermanent(err) || hits != 0 {
		t.Errorf("send to loopback: %v (permanent %v), %d hits", err, notify.IsPermanent(err), hits)
	}

	// With private targets allowed by the admin, both pass.
	open := notify.NewRegistry(notify.AllowPrivateTargets(true))
	open.Register(notify.NewWebhook(open, nil))
	if err := open.Check(ctx, catalog.ChannelWebhook, srv.URL); err != nil {
		t.Errorf("private target allowed: %v", err)
	}
	if err := notify.NewWebhook(open, nil).Send(ctx, notify.Message{IdempotencyKey: "k", Channel: catalog.Channel{Kind: "webhook", Target: srv.URL, Secret: "s"}}); err != nil || hits != 1 {
		t.Errorf("send with private targets allowed: %v, %d hits", err, hits)
	}
}
