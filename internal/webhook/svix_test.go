package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"testing"
	"time"
)

func sign(key []byte, id, ts string, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(id + "." + ts + "."))
	m.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(m.Sum(nil))
}

func TestSvixSignatures(t *testing.T) {
	key := []byte("clave-de-prueba-de-32-bytes-xxxx")
	other := []byte("otra-clave-de-prueba-32-bytes-xx")
	now := time.Unix(1_750_000_000, 0)
	ts := strconv.FormatInt(now.Unix(), 10)
	body := []byte(`{"type":"user.created","data":{"id":"user_1"}}`)
	good := sign(key, "msg_1", ts, body)
	at := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }

	tests := []struct {
		name string
		h    SvixHeaders
		body []byte
		ok   bool
	}{
		{"signed with the secret", SvixHeaders{"msg_1", ts, good}, body, true},
		{"rotation: the second signature matches", SvixHeaders{"msg_1", ts, sign(other, "msg_1", ts, body) + " " + good}, body, true},
		{"unknown versions are skipped", SvixHeaders{"msg_1", ts, "v1a,AAAA " + good}, body, true},
		{"4m59s old is within tolerance", SvixHeaders{"msg_1", at(-299 * time.Second), sign(key, "msg_1", at(-299*time.Second), body)}, body, true},
		{"signed with another secret", SvixHeaders{"msg_1", ts, sign(other, "msg_1", ts, body)}, body, false},
		{"body changed after signing", SvixHeaders{"msg_1", ts, good}, []byte(`{"type":"user.created","data":{"id":"user_2"}}`), false},
		{"id changed after signing", SvixHeaders{"msg_2", ts, good}, body, false},
		{"6 minutes old", SvixHeaders{"msg_1", at(-6 * time.Minute), sign(key, "msg_1", at(-6*time.Minute), body)}, body, false},
		{"6 minutes in the future", SvixHeaders{"msg_1", at(6 * time.Minute), sign(key, "msg_1", at(6*time.Minute), body)}, body, false},
		{"timestamp not a number", SvixHeaders{"msg_1", "ayer", good}, body, false},
		{"no id", SvixHeaders{"", ts, good}, body, false},
		{"no timestamp", SvixHeaders{"msg_1", "", good}, body, false},
		{"no signature", SvixHeaders{"msg_1", ts, ""}, body, false},
		{"signature without version", SvixHeaders{"msg_1", ts, good[3:]}, body, false},
		{"signature not base64", SvixHeaders{"msg_1", ts, "v1,***"}, body, false},
		{"right signature under another version", SvixHeaders{"msg_1", ts, "v2," + good[3:]}, body, false},
	}
	v := &SvixVerifier{key: key, Now: func() time.Time { return now }}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := v.Verify(tt.h, tt.body)
			if tt.ok && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if !tt.ok && !errors.Is(err, ErrInvalidSignature) {
				t.Fatalf("got %v, want ErrInvalidSignature", err)
			}
		})
	}

	var none *SvixVerifier
	if err := none.Verify(SvixHeaders{"msg_1", ts, good}, body); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("no secret configured must refuse: %v", err)
	}
}

func TestSvixSecretFormat(t *testing.T) {
	key := []byte("clave")
	for _, s := range []string{"whsec_" + base64.StdEncoding.EncodeToString(key), base64.StdEncoding.EncodeToString(key)} {
		v, err := NewSvixVerifier(s)
		if err != nil || string(v.key) != "clave" {
			t.Fatalf("%q: %v", s, err)
		}
	}
	for _, s := range []string{"whsec_", "whsec_no es base64!", ""} {
		if _, err := NewSvixVerifier(s); err == nil {
			t.Fatalf("%q accepted", s)
		}
	}
}
