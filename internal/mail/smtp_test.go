package mail_test

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/http/httptest"
	netmail "net/mail"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/donpalito/donpalitojr/internal/config"
	"github.com/donpalito/donpalitojr/internal/events"
	"github.com/donpalito/donpalitojr/internal/mail"
	"github.com/donpalito/donpalitojr/internal/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// smtpServer is a real SMTP server on a loopback port, speaking just enough
// of RFC 5321 (EHLO, STARTTLS, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP,
// QUIT) for a client to deliver to it. It keeps what it receives.
type smtpServer struct {
	ln net.Listener
	// cert, when set, is offered with STARTTLS, or spoken from the first
	// byte when implicit.
	cert     *tls.Certificate
	implicit bool
	// silent servers accept connections and never say a word.
	silent   bool
	accepted chan struct{}

	mu       sync.Mutex
	received []received
	conns    []net.Conn
	wg       sync.WaitGroup
}

type received struct {
	from, user string
	to         []string
	data       string
	tls        bool
}

func startSMTP(t *testing.T, s *smtpServer) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.ln, s.accepted = ln, make(chan struct{}, 16)
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns = append(s.conns, c)
			s.mu.Unlock()
			s.accepted <- struct{}{}
			s.wg.Add(1)
			go func() {
				defer s.wg.Done()
				defer c.Close()
				if s.silent {
					_, _ = io.Copy(io.Discard, c) // until the client hangs up
					return
				}
				s.serve(c)
			}()
		}
	}()
	t.Cleanup(func() {
		_ = ln.Close()
		s.mu.Lock()
		for _, c := range s.conns {
			_ = c.Close()
		}
		s.mu.Unlock()
		s.wg.Wait()
	})
	return ln.Addr().String()
}

func (s *smtpServer) serve(c net.Conn) {
	isTLS := false
	if s.implicit {
		tc := tls.Server(c, &tls.Config{Certificates: []tls.Certificate{*s.cert}})
		if tc.Handshake() != nil {
			return
		}
		c, isTLS = tc, true
	}
	r := bufio.NewReader(c)
	say := func(lines ...string) {
		for _, l := range lines {
			_, _ = io.WriteString(c, l+"\r\n")
		}
	}
	say("220 prueba.local ESMTP")
	var cur received
	var user string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			lines := []string{"250-prueba.local"}
			if s.cert != nil && !isTLS {
				lines = append(lines, "250-STARTTLS")
			}
			say(append(lines, "250-AUTH PLAIN", "250 8BITMIME")...)
		case "HELO":
			say("250 prueba.local")
		case "STARTTLS":
			if s.cert == nil || isTLS {
				say("502 no")
				continue
			}
			say("220 adelante")
			tc := tls.Server(c, &tls.Config{Certificates: []tls.Certificate{*s.cert}})
			if tc.Handshake() != nil {
				return
			}
			c, r, isTLS = tc, bufio.NewReader(tc), true
		case "AUTH":
			mech, resp, _ := strings.Cut(arg, " ")
			raw, err := base64.StdEncoding.DecodeString(resp)
			if !strings.EqualFold(mech, "PLAIN") || err != nil {
				say("504 solo PLAIN")
				continue
			}
			if f := strings.Split(string(raw), "\x00"); len(f) == 3 {
				user = f[1] + ":" + f[2]
			}
			say("235 2.7.0 bienvenido")
		case "MAIL":
			cur = received{from: arg, tls: isTLS, user: user}
			say("250 ok")
		case "RCPT":
			cur.to = append(cur.to, arg)
			say("250 ok")
		case "DATA":
			say("354 termina con un punto")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(strings.TrimPrefix(l, "."))
			}
			cur.data = b.String()
			s.mu.Lock()
			s.received = append(s.received, cur)
			s.mu.Unlock()
			say("250 recibido")
		case "RSET", "NOOP":
			say("250 ok")
		case "QUIT":
			say("221 adiós")
			return
		default:
			say("502 no implementado")
		}
	}
}

func (s *smtpServer) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.received...)
}

// testCert is a self-signed certificate for 127.0.0.1 (httptest's) and a
// pool that trusts it.
func testCert(t *testing.T) (*tls.Certificate, *x509.CertPool) {
	t.Helper()
	hs := httptest.NewUnstartedServer(http.NotFoundHandler())
	hs.StartTLS()
	t.Cleanup(hs.Close)
	pool := x509.NewCertPool()
	pool.AddCert(hs.Certificate())
	return &hs.TLS.Certificates[0], pool
}

func message(to string) mail.Message {
	return mail.Message{
		ID: bson.NewObjectID(), From: "Don Palito Jr <pedidos@donpalitojr.co>", To: []string{to},
		Subject: "Pago confirmado — pedido #ABC123",
		HTML:    "<p>Hola, Ana:</p><p>Confirmamos el pago de tu pedido <strong>#ABC123</strong> por $ 5.000.</p>",
		Text:    "Hola, Ana:\n\nConfirmamos el pago de tu pedido #ABC123 por $ 5.000.\n",
		Attachments: []mail.Attachment{{Filename: "factura-FE-1.pdf", ContentType: "application/pdf",
			Data: []byte("%PDF-1.4 factura de prueba")}},
		CreatedAt: time.Now().UTC(),
	}
}

// leaves walks a MIME message and returns each leaf part as
// "path → decoded body", the path naming the content types from the root.
func leaves(t *testing.T, raw string) (map[string]string, netmail.Header) {
	t.Helper()
	m, err := netmail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("not a MIME message: %v\n%s", err, raw)
	}
	out := map[string]string{}
	var walk func(path, ctype, cte string, body io.Reader)
	walk = func(path, ctype, cte string, body io.Reader) {
		mt, params, err := mime.ParseMediaType(ctype)
		if err != nil {
			t.Fatalf("content type %q: %v", ctype, err)
		}
		path += "/" + mt
		if strings.HasPrefix(mt, "multipart/") {
			mr := multipart.NewReader(body, params["boundary"])
			for {
				p, err := mr.NextRawPart()
				if errors.Is(err, io.EOF) {
					return
				}
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				walk(path, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p)
			}
		}
		switch strings.ToLower(cte) {
		case "base64":
			body = base64.NewDecoder(base64.StdEncoding, body)
		case "quoted-printable":
			body = quotedprintable.NewReader(body)
		}
		b, err := io.ReadAll(body)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out[path] = string(b)
	}
	walk("", m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), m.Body)
	return out, m.Header
}

func TestSMTPDeliversTextAndHTMLAlternativesOverSTARTTLSOnce(t *testing.T) {
	cert, pool := testCert(t)
	srv := &smtpServer{cert: cert}
	addr := startSMTP(t, srv)
	c, err := mail.NewSMTP(storetest.Store(t), "smtp://tienda:secreto@"+addr, mail.SMTPOptions{Timeout: 10 * time.Second, RootCAs: pool})
	if err != nil {
		t.Fatal(err)
	}
	m := message("ana@donpalito.test")
	for range 2 { // the second send is recognised as done
		if err := c.Send(context.Background(), m); err != nil {
			t.Fatalf("send: %v", err)
		}
	}
	got := srv.messages()
	if len(got) != 1 {
		t.Fatalf("%d messages arrived, want 1", len(got))
	}
	r := got[0]
	if !r.tls || r.user != "tienda:secreto" {
		t.Errorf("STARTTLS offered but tls=%v, login %q", r.tls, r.user)
	}
	if !strings.HasPrefix(r.from, "FROM:<pedidos@donpalitojr.co>") {
		t.Errorf("MAIL %s", r.from)
	}
	parts, h := leaves(t, r.data)
	subject, _ := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if subject != m.Subject || h.Get("Message-Id") != "<"+m.ID.Hex()+"@donpalitojr>" {
		t.Errorf("subject %q, message id %q", subject, h.Get("Message-Id"))
	}
	want := map[string]string{
		"/multipart/mixed/multipart/alternative/text/plain": m.Text,
		"/multipart/mixed/multipart/alternative/text/html":  m.HTML,
		"/multipart/mixed/application/pdf":                  string(m.Attachments[0].Data),
	}
	for path, body := range want {
		if strings.TrimRight(strings.ReplaceAll(parts[path], "\r\n", "\n"), "\n") != strings.TrimRight(body, "\n") {
			t.Errorf("%s = %q, want %q (parts: %v)", path, parts[path], body, keys(parts))
		}
	}
	if len(parts) != len(want) {
		t.Errorf("parts %v, want %d", keys(parts), len(want))
	}
}

func TestSMTPSendsInTheClearWhenTheServerOffersNoSTARTTLS(t *testing.T) {
	srv := &smtpServer{}
	addr := startSMTP(t, srv)
	c, err := mail.NewSMTP(storetest.Store(t), "smtp://"+addr, mail.SMTPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m := message("ana@donpalito.test")
	m.Attachments = nil
	if err := c.Send(context.Background(), m); err != nil {
		t.Fatalf("send: %v", err)
	}
	got := srv.messages()
	if len(got) != 1 || got[0].tls {
		t.Fatalf("messages %+v", got)
	}
	parts, _ := leaves(t, got[0].data)
	if _, ok := parts["/multipart/alternative/text/plain"]; !ok {
		t.Errorf("no text/plain alternative: %v", keys(parts))
	}
	if _, ok := parts["/multipart/alternative/text/html"]; !ok {
		t.Errorf("no text/html alternative: %v", keys(parts))
	}
}

func TestSMTPSSpeaksTLSFromTheFirstByteAndChecksTheCertificate(t *testing.T) {
	cert, pool := testCert(t)
	srv := &smtpServer{cert: cert, implicit: true}
	addr := startSMTP(t, srv)
	c, err := mail.NewSMTP(storetest.Store(t), "smtps://tienda:secreto@"+addr, mail.SMTPOptions{RootCAs: pool})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Send(context.Background(), message("ana@donpalito.test")); err != nil {
		t.Fatalf("send over smtps: %v", err)
	}
	// The server only gets past its handshake (and so records anything)
	// when the client spoke TLS at once.
	if got := srv.messages(); len(got) != 1 || !got[0].tls || got[0].user != "tienda:secreto" {
		t.Fatalf("messages over smtps: %+v", got)
	}

	// A certificate nobody vouches for is refused before any word is said.
	untrusted, err := mail.NewSMTP(storetest.Store(t), "smtps://tienda:secreto@"+addr, mail.SMTPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var unknownAuthority x509.UnknownAuthorityError
	if err := untrusted.Send(context.Background(), message("ana@donpalito.test")); !errors.As(err, &unknownAuthority) {
		t.Errorf("untrusted certificate: %v, want x509.UnknownAuthorityError", err)
	}
	if got := srv.messages(); len(got) != 1 {
		t.Errorf("%d messages after the refused handshake, want 1", len(got))
	}
}

// send runs Send and fails the test if it does not come back at all: the
// bug this guards against is a send that hangs forever.
func send(t *testing.T, c *mail.SMTP, ctx context.Context) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- c.Send(ctx, message("ana@donpalito.test")) }()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Minute):
		t.Fatal("Send is still waiting on a server that never answers")
		return nil
	}
}

func TestASilentSMTPServerFailsTheSendInsteadOfHangingIt(t *testing.T) {
	srv := &smtpServer{silent: true}
	addr := startSMTP(t, srv)
	s := storetest.Store(t)

	// The sender's own timeout ends the session.
	c, err := mail.NewSMTP(s, "smtp://"+addr, mail.SMTPOptions{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := send(t, c, context.Background()); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("silent server with a 200ms timeout: %v, want context.DeadlineExceeded", err)
	}

	// So does the caller's context (the outbox's lease), sooner than the
	// sender's timeout, and even while the session is past its dial.
	slow, err := mail.NewSMTP(s, "smtp://"+addr, mail.SMTPOptions{Timeout: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	if err := send(t, slow, ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("silent server, caller's deadline: %v, want context.DeadlineExceeded", err)
	}
	for len(srv.accepted) > 0 { // the earlier sends' connections
		<-srv.accepted
	}
	ctx, cancel = context.WithCancel(context.Background())
	go func() {
		<-srv.accepted // this send's connection: the server is now silent on it
		cancel()
	}()
	if err := send(t, slow, ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("silent server, caller canceled: %v, want context.Canceled", err)
	}
	if n := len(srv.messages()); n != 0 {
		t.Errorf("%d messages", n)
	}
}

// The lease is what a hung SMTP server must never outlast: an outbox event
// sends up to two emails, each bounded by SMTP_TIMEOUT.
func TestTheSMTPTimeoutFitsTwoEmailsInTheOutboxLease(t *testing.T) {
	if mail.DefaultSMTPTimeout > config.MaxSMTPTimeout || 2*config.MaxSMTPTimeout >= events.DefaultLease {
		t.Errorf("SMTP timeout %s (max %s) does not fit twice in the lease %s",
			mail.DefaultSMTPTimeout, config.MaxSMTPTimeout, events.DefaultLease)
	}
	env := map[string]string{"SMTP_TIMEOUT": "1m"}
	if _, err := config.Load(func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "SMTP_TIMEOUT") {
		t.Errorf("SMTP_TIMEOUT=1m accepted: %v", err)
	}
	env["SMTP_TIMEOUT"] = "5s"
	if cfg, err := config.Load(func(k string) string { return env[k] }); err != nil || cfg.SMTPTimeout != 5*time.Second {
		t.Errorf("SMTP_TIMEOUT=5s: %v %v", cfg.SMTPTimeout, err)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
