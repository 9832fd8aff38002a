package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/marquee-film/marquee/internal/catalog"
	"github.com/marquee-film/marquee/internal/fetch"
)

// Webhook header names.
const (
	HeaderSignature   = "Marquee-Signature"
	HeaderTimestamp   = "Marquee-Timestamp"
	HeaderEvent       = "Marquee-Event"
	HeaderIdempotency = "Idempotency-Key"
)

// WebhookPayload is the JSON body of a webhook.
type WebhookPayload struct {
	ID        string    `json:"id"` // the idempotency key
	Event     string    `json:"event"`
	Title     string    `json:"title"`
	Body      string    `json:"body"`
	URL       string    `json:"url"`
	CreatedAt time.Time `json:"created_at"`
	User      string    `json:"user"`
}

// Webhook posts signed JSON to the channel's URL.
type Webhook struct {
	client *http.Client
	now    func() time.Time
}

// NewWebhook returns a webhook notifier whose requests go through an
// SSRF-safe client with the registry's address policy.
func NewWebhook(r *Registry, now func() time.Time) *Webhook {
	if now == nil {
		now = time.Now
	}
	opts := []fetch.Option{fetch.WithAddressPolicy(r.AddressPolicy()), fetch.WithTimeout(15 * time.Second)}
	if r.resolver != nil {
		opts = append(opts, fetch.WithResolver(r.resolver))
	}
	return &Webhook{client: fetch.NewClient(opts...), now: now}
}

func (*Webhook) Kind() string { return catalog.ChannelWebhook }

// Sign returns the Marquee-Signature value of body sent at timestamp.
func Sign(secret string, timestamp int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	fmt.Fprintf(mac, "%d.", timestamp)
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// VerifyWebhook checks a received webhook's signature and age, and
// returns its payload.
func VerifyWebhook(secret string, h http.Header, body []byte, now time.Time, maxAge time.Duration) (WebhookPayload, error) {
	var p WebhookPayload
	ts, err := strconv.ParseInt(h.Get(HeaderTimestamp), 10, 64)
	if err != nil {
		return p, fmt.Errorf("no %s header", HeaderTimestamp)
	}
	if d := now.Sub(time.Unix(ts, 0)); d > maxAge || d < -maxAge {
		return p, fmt.Errorf("timestamp %d is too far from now", ts)
	}
	want := Sign(secret, ts, body)
	if subtle.ConstantTimeCompare([]byte(want), []byte(h.Get(HeaderSignature))) != 1 {
		return p, fmt.Errorf("bad signature")
	}
	if err := json.Unmarshal(body, &p); err != nil {
		return p, err
	}
	if p.ID != h.Get(HeaderIdempotency) {
		return p, fmt.Errorf("the body's id differs from the %s header", HeaderIdempotency)
	}
	return p, nil
}

// Send posts m; any 2xx answer is success.
func (w *Webhook) Send(ctx context.Context, m Message) error {
	body, err := json.Marshal(WebhookPayload{ID: m.IdempotencyKey, Event: string(m.Event), Title: m.Title, Body: m.Body,
		URL: m.URL, CreatedAt: m.CreatedAt, User: m.Username})
	if err != nil {
		return err
	}
	ts := w.now().Unix()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.Channel.Target, bytes.NewReader(body))
	if err != nil {
		return Permanent(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Marquee-Webhook/1")
	req.Header.Set(HeaderEvent, string(m.Event))
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, Sign(m.Channel.Secret, ts, body))
	req.Header.Set(HeaderIdempotency, m.IdempotencyKey)
	return post(w.client, req)
}

// post sends req and maps the answer: 2xx is nil; a refused target and
// 4xx answers other than 408 and 429 are permanent.
func post(c *http.Client, req *http.Request) error {
	resp, err := c.Do(req)
	if err != nil {
		if catalog.KindOf(err) == catalog.KindInvalid {
			return Permanent(err)
		}
		return err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	err = fmt.Errorf("%s answered %s", strings.SplitN(req.URL.Redacted(), "?", 2)[0], resp.Status)
	if resp.StatusCode >= 400 && resp.StatusCode < 500 && resp.StatusCode != 408 && resp.StatusCode != 429 {
		return Permanent(err)
	}
	return err
}

// Ntfy publishes to an ntfy-style topic URL: the text as the body, the
// title, link and key as headers.
type Ntfy struct {
	client *http.Client
	token  string // optional bearer token for the ntfy server
}

// NewNtfy returns a push notifier with the registry's address policy.
func NewNtfy(r *Registry, token string) *Ntfy {
	opts := []fetch.Option{fetch.WithAddressPolicy(r.AddressPolicy()), fetch.WithTimeout(15 * time.Second)}
	if r.resolver != nil {
		opts = append(opts, fetch.WithResolver(r.resolver))
	}
	return &Ntfy{client: fetch.NewClient(opts...), token: token}
}

func (*Ntfy) Kind() string { return catalog.ChannelNtfy }

func (n *Ntfy) Send(ctx context.Context, m Message) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.Channel.Target, strings.NewReader(m.Body))
	if err != nil {
		return Permanent(err)
	}
	req.Header.Set("Content-Type", "text/plain; charset=utf-8")
	req.Header.Set("Title", mime.QEncoding.Encode("utf-8", m.Title))
	req.Header.Set("Click", m.URL)
	req.Header.Set("Tags", "film_projector")
	req.Header.Set("X-Idempotency-Key", m.IdempotencyKey)
	if n.token != "" {
		req.Header.Set("Authorization", "Bearer "+n.token)
	}
	return post(n.client, req)
}
