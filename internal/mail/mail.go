// Package mail sends the shop's emails: by SMTP when a server is configured,
// otherwise into a local mailbox the dev API shows. What to send for each
// business event is decided by the Notifier (notify.go).
package mail

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/multipart"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"net/url"
	"strings"
	"time"

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

// SMTP sends through an SMTP server given as smtp://user:pass@host:port
// (STARTTLS is used when the server offers it, as net/smtp does).
type SMTP struct {
	s    *store.Store
	addr string
	host string
	auth smtp.Auth
}

// NewSMTP parses the server URL.
func NewSMTP(s *store.Store, rawURL string) (*SMTP, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "smtp" && u.Scheme != "smtps") || u.Hostname() == "" {
		return nil, errors.New("SMTP_URL must look like smtp://user:password@host:587")
	}
	port := u.Port()
	if port == "" {
		port = "587"
	}
	c := &SMTP{s: s, addr: u.Hostname() + ":" + port, host: u.Hostname()}
	if u.User != nil {
		pass, _ := u.User.Password()
		c.auth = smtp.PlainAuth("", u.User.Username(), pass, u.Hostname())
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
	from, err := mail.ParseAddress(m.From)
	if err != nil {
		return fmt.Errorf("MAIL_FROM: %w", err)
	}
	raw, err := encode(m)
	if err != nil {
		return err
	}
	if err := smtp.SendMail(c.addr, c.auth, from.Address, m.To, raw); err != nil {
		return fmt.Errorf("smtp: %w", err)
	}
	if _, err := sent.InsertOne(ctx, bson.D{{"_id", m.ID}, {"sentAt", time.Now().UTC()}}); err != nil && !store.IsDuplicateKey(err) {
		return fmt.Errorf("record sent mail: %w", err)
	}
	return nil
}

// encode renders m as a MIME message: HTML body plus attachments.
func encode(m Message) ([]byte, error) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	hdr := func(k, v string) { fmt.Fprintf(&buf, "%s: %s\r\n", k, v) }
	hdr("From", m.From)
	hdr("To", strings.Join(m.To, ", "))
	hdr("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	hdr("Date", time.Now().Format(time.RFC1123Z))
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	hdr("Message-ID", "<"+hex.EncodeToString(b)+"@donpalitojr>")
	hdr("MIME-Version", "1.0")
	hdr("Content-Type", "multipart/mixed; boundary="+w.Boundary())
	buf.WriteString("\r\n")
	part, err := w.CreatePart(textproto.MIMEHeader{"Content-Type": {"text/html; charset=utf-8"}, "Content-Transfer-Encoding": {"base64"}})
	if err != nil {
		return nil, err
	}
	writeBase64(part, []byte(m.HTML))
	for _, a := range m.Attachments {
		part, err := w.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {a.ContentType},
			"Content-Transfer-Encoding": {"base64"},
			"Content-Disposition":       {mime.FormatMediaType("attachment", map[string]string{"filename": a.Filename})},
		})
		if err != nil {
			return nil, err
		}
		writeBase64(part, a.Data)
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeBase64(w interface{ Write([]byte) (int, error) }, data []byte) {
	s := base64.StdEncoding.EncodeToString(data)
	for len(s) > 76 {
		_, _ = w.Write([]byte(s[:76] + "\r\n"))
		s = s[76:]
	}
	_, _ = w.Write([]byte(s + "\r\n"))
}
