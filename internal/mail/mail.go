// Package mail sends the shop's emails: by SMTP when a server is configured,
// otherwise into a local mailbox the dev API shows. What to send for each
// business event is decided by the Notifier (notify.go).
package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"
	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/donpalito/donpalitojr/internal/store"
)

const (
	mailboxCollection = "mailbox"
	sentCollection    = "mail_sent"
)

// Attachment is a file sent with a message.
type Attachment struct {
	Filename    string `bson:"filename"`
	ContentType string `bson:"contentType"`
	Data        []byte `bson:"data"`
}

// Message is one email. Its ID is derived from the event and the kind of
// message, so sending it again is recognised and skipped.
type Message struct {
	ID          bson.ObjectID `bson:"_id"`
	From        string        `bson:"from"`
	To          []string      `bson:"to"`
	Subject     string        `bson:"subject"`
	HTML        string        `bson:"html"`
	Text        string        `bson:"text,omitempty"`
	Attachments []Attachment  `bson:"attachments"`
	EventID     string        `bson:"eventId,omitempty"`
	CreatedAt   time.Time     `bson:"createdAt"`
}

// Sender delivers messages. Sending a message whose ID was already sent does
// nothing.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Mailbox keeps messages in the database instead of sending them.
type Mailbox struct{ s *store.Store }

// NewMailbox returns the local mailbox on s.
func NewMailbox(s *store.Store) *Mailbox { return &Mailbox{s: s} }

// Indexes are the indexes the mailbox needs.
func Indexes() []store.Index {
	return []store.Index{{Collection: mailboxCollection, Model: mongo.IndexModel{Keys: bson.D{{"createdAt", -1}}}}}
}

func (b *Mailbox) messages() *mongo.Collection { return b.s.DB.Collection(mailboxCollection) }

// Send stores m once.
func (b *Mailbox) Send(ctx context.Context, m Message) error {
	if m.Attachments == nil {
		m.Attachments = []Attachment{}
	}
	if _, err := b.messages().InsertOne(ctx, m); err != nil && !store.IsDuplicateKey(err) {
		return fmt.Errorf("store mail: %w", err)
	}
	return nil
}

// Page is one page of the mailbox.
type Page struct {
	Items              []Message
	Total, Page, Limit int
}

// List returns the kept messages, newest first.
func (b *Mailbox) List(ctx context.Context, page, limit int) (Page, error) {
	if page < 1 {
		page = 1
	}
	if limit < 1 || limit > 100 {
		limit = 20
	}
	total, err := b.messages().CountDocuments(ctx, bson.D{})
	if err != nil {
		return Page{}, fmt.Errorf("count mail: %w", err)
	}
	cur, err := b.messages().Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{"createdAt", -1}, {"_id", -1}}).
		SetSkip(store.Skip(page, limit)).SetLimit(int64(limit)))
	if err != nil {
		return Page{}, fmt.Errorf("list mail: %w", err)
	}
	items := []Message{}
	if err := cur.All(ctx, &items); err != nil {
		return Page{}, fmt.Errorf("list mail: %w", err)
	}
	return Page{Items: items, Total: int(total), Page: page, Limit: limit}, nil
}

// DefaultSMTPTimeout bounds one message's whole SMTP session when
// SMTP_TIMEOUT is not set.
const DefaultSMTPTimeout = 10 * time.Second

// SMTPOptions tune the SMTP sender.
type SMTPOptions struct {
	// Timeout bounds one message's whole session (dial, TLS, auth, data):
	// a server that stops answering fails the send instead of holding the
	// outbox event past its lease, which would deliver it twice. Zero is
	// DefaultSMTPTimeout; the request context's deadline, when sooner, wins.
	Timeout time.Duration
	// RootCAs verifies the server's certificate; nil is the system's roots.
	// Tests set it to trust their own server.
	RootCAs *x509.CertPool
}

// SMTP sends through an SMTP server given as a URL: smtps://user:pass@host
// (port 465 by default) speaks TLS from the first byte; smtp://user:pass@host
// (port 587 by default) upgrades with STARTTLS when the server offers it and
// sends in the clear when it does not. Sending is by go-mail, one connection
// per message.
type SMTP struct {
	s           *store.Store
	host        string
	port        int
	implicitTLS bool
	user, pass  string
	opts        SMTPOptions
}

// NewSMTP parses the server URL.
func NewSMTP(s *store.Store, rawURL string, opts SMTPOptions) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, errors.New("SMTP_URL must look like smtp://user:password@host:587 or smtps://user:password@host:465")
	}
	c := &SMTP{s: s, host: u.Hostname(), port: gomail.DefaultPortTLS, implicitTLS: u.Scheme == "smtps", opts: opts}
	if c.implicitTLS {
		c.port = gomail.DefaultPortSSL
	}
	if p := u.Port(); p != "" {
		if c.port, err = strconv.Atoi(p); err != nil || c.port < 1 || c.port > 65535 {
			return nil, fmt.Errorf("SMTP_URL: bad port %q", p)
		}
	}
	if u.User != nil {
		c.user = u.User.Username()
		c.pass, _ = u.User.Password()
	}
	if c.opts.Timeout <= 0 {
		c.opts.Timeout = DefaultSMTPTimeout
	}
	return c, nil
}

// Send sends m unless a message with its ID was already sent.
func (c *SMTP) Send(ctx context.Context, m Message) error {
	sent := c.s.DB.Collection(sentCollection)
	if n, err := sent.CountDocuments(ctx, bson.D{{"_id", m.ID}}); err != nil {
		return fmt.Errorf("check sent mail: %w", err)
	} else if n > 0 {
		return nil
	}
	msg, err := compose(m)
	if err != nil {
		return err
	}
	if err := c.deliver(ctx, msg); err != nil {
		return err
	}
	if _, err := sent.InsertOne(ctx, bson.D{{"_id", m.ID}, {"sentAt", time.Now().UTC()}}); err != nil && !store.IsDuplicateKey(err) {
		return fmt.Errorf("record sent mail: %w", err)
	}
	return nil
}

// deliver runs one SMTP session for msg within the timeout and ctx. go-mail
// bounds each step by its own timeout, but only the dial by the context, so
// the connection is also closed the moment the session's context ends:
// then every step fails at once, whatever the server does.
func (c *SMTP) deliver(ctx context.Context, msg *gomail.Msg) error {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	tlsConfig := &tls.Config{ServerName: c.host, RootCAs: c.opts.RootCAs, MinVersion: tls.VersionTLS12}
	dial := func(dctx context.Context, network, addr string) (net.Conn, error) {
		var d net.Dialer
		raw, err := d.DialContext(dctx, network, addr)
		if err != nil {
			return nil, err
		}
		context.AfterFunc(ctx, func() { _ = raw.Close() })
		if !c.implicitTLS {
			return raw, nil
		}
		// smtps: TLS from the first byte. go-mail sees a *tls.Conn, so it
		// knows the session is encrypted (and may use AUTH PLAIN).
		conn := tls.Client(raw, tlsConfig)
		if err := conn.HandshakeContext(dctx); err != nil {
			_ = raw.Close()
			return nil, fmt.Errorf("TLS handshake: %w", err)
		}
		return conn, nil
	}
	opts := []gomail.Option{
		// go-mail's per-step deadline is set a little past the session's, so
		// the session's context is always what ends a hung server (and the
		// error says so) rather than a connection deadline racing it.
		gomail.WithPort(c.port), gomail.WithTimeout(c.opts.Timeout + time.Second), gomail.WithDialContextFunc(dial),
		gomail.WithTLSConfig(tlsConfig), gomail.WithTLSPolicy(gomail.TLSOpportunistic),
	}
	if c.user != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(c.user), gomail.WithPassword(c.pass))
	}
	client, err := gomail.NewClient(c.host, opts...)
	if err != nil {
		return fmt.Errorf("smtp client: %w", err)
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		if ctx.Err() != nil {
			// The timeout or the caller ended the session; say so first.
			return fmt.Errorf("smtp %s:%d: %w: %w", c.host, c.port, ctx.Err(), err)
		}
		return fmt.Errorf("smtp %s:%d: %w", c.host, c.port, err)
	}
	return nil
}

// compose builds the MIME message: the plain-text body with the HTML as its
// alternative (multipart/alternative), plus the attachments. Its Message-ID
// comes from the message's id, so a resend after a lost reply is recognisable
// as the same email.
func compose(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(m.From); err != nil {
		return nil, fmt.Errorf("MAIL_FROM: %w", err)
	}
	if err := msg.To(m.To...); err != nil {
		return nil, fmt.Errorf("mail recipients: %w", err)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	msg.SetMessageIDWithValue(m.ID.Hex() + "@donpalitojr")
	text := m.Text
	if text == "" {
		text = m.Subject // every email has a plain-text part, if only this
	}
	msg.SetBodyString(gomail.TypeTextPlain, text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		ct := gomail.ContentType(a.ContentType)
		if ct == "" {
			ct = gomail.TypeAppOctetStream
		}
		if err := msg.AttachReader(a.Filename, bytes.NewReader(a.Data), gomail.WithFileContentType(ct)); err != nil {
			return nil, fmt.Errorf("attach %s: %w", a.Filename, err)
		}
	}
	return msg, nil
}
