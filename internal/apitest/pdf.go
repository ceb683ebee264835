package apitest

import (
	"bytes"
	"compress/zlib"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// PDFText returns the strings a PDF draws with the Tj operator, one per
// line, decoded from cp1252. It inflates compressed content streams, so the
// PDF under test is exactly what the server sends. It reads the PDFs this
// platform writes (fpdf with the built-in fonts), not PDFs in general.
func PDFText(pdf []byte) string {
	var out strings.Builder
	rest := pdf
	for {
		i := bytes.Index(rest, []byte("stream"))
		if i < 0 {
			break
		}
		body := rest[i+len("stream"):]
		if bytes.HasPrefix(rest[max(i-3, 0):i], []byte("end")) {
			rest = body
			continue
		}
		body = bytes.TrimPrefix(bytes.TrimPrefix(body, []byte("\r")), []byte("\n"))
		end := bytes.Index(body, []byte("endstream"))
		if end < 0 {
			break
		}
		data := body[:end]
		if zr, err := zlib.NewReader(bytes.NewReader(data)); err == nil {
			if inflated, err := io.ReadAll(zr); err == nil {
				data = inflated
			}
		}
		showStrings(data, &out)
		rest = body[end+len("endstream"):]
	}
	return out.String()
}

// showStrings appends the literal strings that are followed by Tj.
func showStrings(content []byte, out *strings.Builder) {
	dec := charmap.Windows1252.NewDecoder()
	for i := 0; i < len(content); i++ {
		if content[i] != '(' {
			continue
		}
		s, next := literal(content, i+1)
		after := bytes.TrimLeft(content[next:], " \t\r\n")
		if bytes.HasPrefix(after, []byte("Tj")) {
			text, err := dec.Bytes(s)
			if err != nil {
				text = s
			}
			out.Write(text)
			out.WriteByte('\n')
		}
		i = next - 1
	}
}

// literal reads a PDF literal string starting after its "(" and returns its
// bytes and the index after its closing ")".
func literal(b []byte, i int) ([]byte, int) {
	var s []byte
	depth := 1
	for ; i < len(b); i++ {
		c := b[i]
		switch c {
		case '\\':
			i++
			if i >= len(b) {
				return s, i
			}
			switch e := b[i]; e {
			case 'n':
				s = append(s, '\n')
			case 'r':
				s = append(s, '\r')
			case 't':
				s = append(s, '\t')
			case 'b':
				s = append(s, '\b')
			case 'f':
				s = append(s, '\f')
			case '\r', '\n':
				// A line continuation.
			default:
				if e >= '0' && e <= '7' {
					v, n := 0, 0
					for n < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7' {
						v = v*8 + int(b[i]-'0')
						i++
						n++
					}
					i--
					s = append(s, byte(v))
				} else {
					s = append(s, e)
				}
			}
		case '(':
			depth++
			s = append(s, c)
		case ')':
			depth--
			if depth == 0 {
				return s, i + 1
			}
			s = append(s, c)
		default:
			s = append(s, c)
		}
	}
	return s, i
}
