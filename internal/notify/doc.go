// Package notify delivers notifications to the channels users configure:
// signed webhooks, email over SMTP and ntfy-style push. Each channel kind
// is a Notifier in a Registry; the Dispatcher routes outbox events into
// notifications (app.Service.RouteEvents), leases due deliveries, sends
// them and records the outcome, retrying with exponential backoff and
// giving up after a day.
//
// Delivery is at least once: a delivery is leased before it is sent and
// acknowledged after, so a dispatcher that dies in between leaves it to
// be sent again when the lease runs out, with the same idempotency key.
// On PostgreSQL several dispatchers share the work without sending an
// event twice (leases are taken with FOR UPDATE SKIP LOCKED).
//
// # Webhooks
//
// A webhook is a JSON POST (see WebhookPayload) with these headers:
//
//	Content-Type:        application/json
//	Marquee-Event:       the event kind, e.g. edition_announced
//	Marquee-Timestamp:   Unix seconds when the request was signed
//	Marquee-Signature:   sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))
//	Idempotency-Key:     the same for every attempt of one delivery
//
// Receivers recompute the signature with the channel's secret (shown
// when the webhook is added), compare it in constant time, reject
// timestamps more than five minutes old, and ignore keys they have seen
// (see VerifyWebhook).
package notify
