package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/marquee-film/marquee/internal/catalog"
)

// SMTPConfig is how to reach the mail server. EmailConfigFromEnv reads
// it from MARQUEE_SMTP_HOST, _PORT, _USERNAME, _PASSWORD, _FROM and _TLS
// ("starttls", the default; "tls" for implicit TLS, usually port 465;
// "none" only for a relay on the same host).
type SMTPConfig struct {
	Host     string
	Port     int
	Username string
	Password string
	From     string
	TLS      string
	// TLSConfig overrides the TLS settings (tests); nil verifies the
	// server's certificate against Host.
	TLSConfig *tls.Config
	Timeout   time.Duration
}

// EmailConfigFromEnv returns the SMTP settings from the environment, and
// false when MARQUEE_SMTP_HOST is not set (email is then off).
func EmailConfigFromEnv(getenv func(string) string) (SMTPConfig, bool, error) {
	c := SMTPConfig{Host: getenv("MARQUEE_SMTP_HOST"), Username: getenv("MARQUEE_SMTP_USERNAME"),
		Password: getenv("MARQUEE_SMTP_PASSWORD"), From: getenv("MARQUEE_SMTP_FROM"), TLS: getenv("MARQUEE_SMTP_TLS")}
	if c.Host == "" {
		return c, false, nil
	}
	c.Port = 587
	if p := getenv("MARQUEE_SMTP_PORT"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return c, false, fmt.Errorf("MARQUEE_SMTP_PORT %q is not a port", p)
		}
		c.Port = n
	}
	if c.TLS == "" {
		c.TLS = "starttls"
	}
	if c.TLS != "starttls" && c.TLS != "tls" && c.TLS != "none" {
		return c, false, fmt.Errorf("MARQUEE_SMTP_TLS %q is not starttls, tls or none", c.TLS)
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		return c, false, fmt.Errorf("MARQUEE_SMTP_FROM %q is not an email address", c.From)
	}
	return c, true, nil
}

// Email sends notifications as multipart (plain text and HTML) mail.
type Email struct {
	cfg SMTPConfig
	now func() time.Time
}

// NewEmail returns an email notifier.
func NewEmail(cfg SMTPConfig, now func() time.Time) *Email {
	if now == nil {
		now = time.Now
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 20 * time.Second
	}
	return &Email{cfg: cfg, now: now}
}

func (*Email) Kind() string { return catalog.ChannelEmail }

func (e *Email) Send(ctx context.Context, m Message) error {
	msg, err := e.compose(m)
	if err != nil {
		return Permanent(err)
	}
	addr := net.JoinHostPort(e.cfg.Host, strconv.Itoa(e.cfg.Port))
	d := net.Dialer{Timeout: e.cfg.Timeout}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return fmt.Errorf("connecting to the mail server %s: %w", addr, err)
	}
	_ = conn.SetDeadline(time.Now().Add(e.cfg.Timeout))
	tlsCfg := e.cfg.TLSConfig
	if tlsCfg == nil {
		tlsCfg = &tls.Config{ServerName: e.cfg.Host, MinVersion: tls.VersionTLS12}
	}
	var c *smtp.Client
	switch e.cfg.TLS {
	case "tls":
		c = smtp.NewClient(tls.Client(conn, tlsCfg))
	case "none":
		c = smtp.NewClient(conn)
	default:
		if c, err = smtp.NewClientStartTLS(conn, tlsCfg); err != nil {
			conn.Close()
			return fmt.Errorf("STARTTLS with %s: %w", addr, err)
		}
	}
	defer c.Close()
	if e.cfg.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", e.cfg.Username, e.cfg.Password)); err != nil {
			return fmt.Errorf("signing in to %s: %w", addr, err)
		}
	}
	from, err := mail.ParseAddress(e.cfg.From)
	if err != nil {
		return Permanent(err)
	}
	if err := c.SendMail(from.Address, []string{m.Channel.Target}, bytes.NewReader(msg)); err != nil {
		var se *smtp.SMTPError
		if errors.As(err, &se) && se.Code >= 500 && se.Code < 600 {
			return Permanent(fmt.Errorf("the mail server refused the message: %w", err))
		}
		return fmt.Errorf("sending mail through %s: %w", addr, err)
	}
	return c.Quit()
}

var htmlBody = template.Must(template.New("mail").Parse(`<!doctype html>
<html><body style="font-family: sans-serif">
<h1 style="font-size: 1.2em">{{.Title}}</h1>
<p>{{.Body}}</p>
{{with .URL}}<p><a href="{{.}}">See it on Marquee</a></p>{{end}}
<p style="color: #666; font-size: .85em">You follow this on Marquee. Change what you follow on your account page.</p>
</body></html>`))

// compose writes the message: headers, then a multipart/alternative body
// with a plain-text and an HTML part, both quoted-printable.
func (e *Email) compose(m Message) ([]byte, error) {
	from, err := mail.ParseAddress(e.cfg.From)
	if err != nil {
		return nil, fmt.Errorf("sender %q: %w", e.cfg.From, err)
	}
	to, err := mail.ParseAddress(m.Channel.Target)
	if err != nil {
		return nil, fmt.Errorf("recipient %q: %w", m.Channel.Target, err)
	}
	var boundary [12]byte
	_, _ = rand.Read(boundary[:])
	b := hex.EncodeToString(boundary[:])
	var buf bytes.Buffer
	hdr := func(k, v string) { fmt.Fprintf(&buf, "%s: %s\r\n", k, v) }
	hdr("From", from.String())
	hdr("To", to.String())
	hdr("Subject", mime.QEncoding.Encode("utf-8", m.Title))
	hdr("Date", e.now().Format(time.RFC1123Z))
	hdr("Message-ID", "<"+m.IdempotencyKey+"@marquee.invalid>")
	hdr("X-Marquee-Idempotency-Key", m.IdempotencyKey)
	hdr("X-Marquee-Event", string(m.Event))
	hdr("MIME-Version", "1.0")
	hdr("Content-Type", `multipart/alternative; boundary="`+b+`"`)
	buf.WriteString("\r\n")
	part := func(contentType, body string) error {
		fmt.Fprintf(&buf, "--%s\r\nContent-Type: %s; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n", b, contentType)
		w := quotedprintable.NewWriter(&buf)
		if _, err := w.Write([]byte(body)); err != nil {
			return err
		}
		if err := w.Close(); err != nil {
			return err
		}
		buf.WriteString("\r\n")
		return nil
	}
	text := m.Title + "\r\n\r\n" + m.Body + "\r\n"
	if m.URL != "" {
		text += "\r\n" + m.URL + "\r\n"
	}
	if err := part("text/plain", text); err != nil {
		return nil, err
	}
	var html strings.Builder
	if err := htmlBody.Execute(&html, m); err != nil {
		return nil, err
	}
	if err := part("text/html", html.String()); err != nil {
		return nil, err
	}
	fmt.Fprintf(&buf, "--%s--\r\n", b)
	return buf.Bytes(), nil
}
