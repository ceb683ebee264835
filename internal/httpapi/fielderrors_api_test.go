package httpapi_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/donpalito/donpalitojr/internal/api"
	"github.com/donpalito/donpalitojr/internal/apitest"
	"github.com/donpalito/donpalitojr/internal/auth"
	"github.com/donpalito/donpalitojr/internal/validation"
)

// badValue is one invalid value for a field, with the codes it may earn.
type badValue struct {
	kind  string
	value any
}

// badValues derives, from a field's schema, one invalid value per kind of
// rule the schema declares: its type, bounds, lengths, pattern, format and
// enumeration.
func badValues(s *openapi3.Schema) []badValue {
	var out []badValue
	switch {
	case s.Type.Is(openapi3.TypeString):
		out = append(out, badValue{"type", 12345})
		if s.MinLength > 0 {
			out = append(out, badValue{"minLength", strings.Repeat("a", int(s.MinLength)-1)})
		}
		if s.MaxLength != nil {
			out = append(out, badValue{"maxLength", strings.Repeat("a", int(*s.MaxLength)+1)})
		}
		if s.Pattern != "" {
			out = append(out, badValue{"pattern", "¡no!"})
		}
		if s.Format == "date" || s.Format == "date-time" || s.Format == "email" {
			out = append(out, badValue{"format", "no-es-valido"})
		}
		if len(s.Enum) > 0 {
			out = append(out, badValue{"enum", "zzz_no_existe"})
		}
	case s.Type.Is(openapi3.TypeInteger), s.Type.Is(openapi3.TypeNumber):
		out = append(out, badValue{"type", "doce"})
		if s.Type.Is(openapi3.TypeInteger) {
			out = append(out, badValue{"integer", 1.5})
		}
		if s.Min != nil {
			out = append(out, badValue{"minimum", *s.Min - 1})
		}
		if s.Max != nil {
			out = append(out, badValue{"maximum", *s.Max + 1})
		}
	case s.Type.Is(openapi3.TypeBoolean):
		out = append(out, badValue{"type", "quizás"})
	case s.Type.Is(openapi3.TypeArray):
		out = append(out, badValue{"type", "no-es-lista"})
		if s.Items != nil && s.Items.Value != nil {
			for _, item := range badValues(s.Items.Value) {
				out = append(out, badValue{"items." + item.kind, []any{item.value}})
			}
		}
		if s.MinItems > 0 {
			out = append(out, badValue{"minItems", []any{}})
		}
	case s.Type.Is(openapi3.TypeObject):
		out = append(out, badValue{"type", "no-es-objeto"})
	}
	return out
}

// queryText writes a bad value as a query or header parameter would carry it.
func queryText(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case int:
		return strconv.Itoa(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	}
	return "", false
}

// TestEveryFieldErrorIsSpanishWithAKnownCode sends, for every operation of
// the contract with a body or parameters, one invalid value per kind of rule
// of each field (and a body that is not JSON, an empty one and an unknown
// field), and checks that the answer is a 400 problem naming the field, whose
// every field error carries a known code and a Spanish message. The
// validating client of apitest checks codes and language on every problem of
// every API test; this one makes sure every field of the contract is tried.
func TestEveryFieldErrorIsSpanishWithAKnownCode(t *testing.T) {
	env := apitest.New(t, apitest.WithEnv("RATE_LIMIT_WRITES", "0"), apitest.WithEnv("RATE_LIMIT_WEBHOOKS", "0"))
	admin := env.Token("contrato-errores@donpalito.test", auth.RoleAdmin)
	doc, err := openapi3.NewLoader().LoadFromData(api.SpecYAML)
	if err != nil {
		t.Fatal(err)
	}
	const someID = "665f1c2e8b3a4d0012345678"
	tried := 0
	for _, op := range contractOperations(t) {
		item := doc.Paths.Find(op.path)
		o := item.GetOperation(op.method)
		params := slices.Clone(item.Parameters)
		params = append(params, o.Parameters...)
		var body *openapi3.Schema
		multipart := false
		if o.RequestBody != nil && o.RequestBody.Value != nil {
			if mt := o.RequestBody.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
				body = mt.Schema.Value
			}
			multipart = o.RequestBody.Value.Content.Get("multipart/form-data") != nil
		}
		if len(params) == 0 && body == nil && !multipart {
			continue
		}
		// A valid request apart from the one thing each case breaks.
		type request struct {
			name            string
			path            map[string]string
			query           url.Values
			header          http.Header
			ctype, rawBody  string
			wantField       string
			wantStatus      int
			validIdempotent bool
		}
		base := func(name string) request {
			r := request{name: name, path: map[string]string{}, query: url.Values{}, header: http.Header{}, wantStatus: 400, validIdempotent: true}
			for _, p := range params {
				if p.Value.In == openapi3.ParameterInPath {
					r.path[p.Value.Name] = someID
				}
			}
			if body != nil {
				r.ctype, r.rawBody = "application/json", "{}"
			}
			return r
		}
		var cases []request
		for _, pr := range params {
			p := pr.Value
			if p.Schema == nil || p.Schema.Value == nil {
				continue
			}
			for _, bv := range badValues(p.Schema.Value) {
				text, ok := queryText(bv.value)
				if !ok || (p.In == openapi3.ParameterInPath && (text == "" || strings.Contains(text, "/"))) {
					continue
				}
				if p.In == openapi3.ParameterInPath && bv.kind == "type" && p.Schema.Value.Type.Is(openapi3.TypeString) {
					continue // every path segment is a string
				}
				if p.In != openapi3.ParameterInPath && bv.kind == "type" && p.Schema.Value.Type.Is(openapi3.TypeString) {
					continue // so is every query and header value
				}
				c := base(fmt.Sprintf("%s %s %s", p.In, p.Name, bv.kind))
				c.wantField = p.Name
				switch p.In {
				case openapi3.ParameterInPath:
					c.path[p.Name] = url.PathEscape(text)
				case openapi3.ParameterInQuery:
					c.query.Set(p.Name, text)
				case openapi3.ParameterInHeader:
					c.header.Set(p.Name, text)
					c.validIdempotent = false
				}
				cases = append(cases, c)
			}
			if p.Required && p.In == openapi3.ParameterInHeader {
				c := base(fmt.Sprintf("header %s missing", p.Name))
				c.wantField, c.validIdempotent = p.Name, false
				cases = append(cases, c)
			}
			if p.Required && p.In == openapi3.ParameterInQuery {
				c := base(fmt.Sprintf("query %s missing", p.Name))
				c.wantField = p.Name
				cases = append(cases, c)
			}
		}
		if body != nil {
			for name, raw := range map[string]string{"not JSON": `{"nombre": `, "not an object": `[1]`, "unknown field": `{"zzCampoExtra": 1}`} {
				if closed := body.AdditionalProperties.Has; name == "unknown field" && (closed == nil || *closed) {
					continue // webhooks take whatever the sender adds
				}
				c := base("body " + name)
				c.rawBody = raw
				c.wantField = "body"
				if name == "unknown field" {
					c.wantField = "zzCampoExtra"
				}
				cases = append(cases, c)
			}
			if len(body.Required) > 0 {
				c := base("body without its required fields")
				c.wantField = body.Required[0]
				cases = append(cases, c)
			}
			var walk func(prefix string, s *openapi3.Schema, wrap func(any) any)
			walk = func(prefix string, s *openapi3.Schema, wrap func(any) any) {
				for _, name := range sortedProps(s) {
					ps := s.Properties[name].Value
					if ps.ReadOnly {
						continue
					}
					field := strings.TrimPrefix(prefix+"."+name, ".")
					for _, bv := range badValues(ps) {
						c := base("body " + field + " " + bv.kind)
						b, _ := json.Marshal(wrap(map[string]any{name: bv.value}))
						c.rawBody, c.wantField = string(b), field
						cases = append(cases, c)
					}
					if ps.Type.Is(openapi3.TypeObject) && len(ps.Properties) > 0 {
						inner := wrap
						walk(field, ps, func(v any) any { return inner(map[string]any{name: v}) })
					}
				}
			}
			walk("", body, func(v any) any { return v })
		}
		if multipart {
			c := base("multipart without its file")
			c.ctype, c.rawBody, c.wantField = "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"otro\"\r\n\r\nhola\r\n--x--\r\n", "image"
			cases = append(cases, c)
		}

		for _, c := range cases {
			tried++
			path := op.path
			for k, v := range c.path {
				path = strings.ReplaceAll(path, "{"+k+"}", v)
			}
			if len(c.query) > 0 {
				path += "?" + c.query.Encode()
			}
			var rb io.Reader
			if c.rawBody != "" {
				rb = strings.NewReader(c.rawBody)
			}
			req, err := http.NewRequest(op.method, env.URL+path, rb)
			if err != nil {
				t.Fatal(err)
			}
			req.Header = c.header
			req.Header.Set("Authorization", "Bearer "+admin)
			if c.ctype != "" {
				req.Header.Set("Content-Type", c.ctype)
			}
			if c.validIdempotent && slices.ContainsFunc(params, func(p *openapi3.ParameterRef) bool { return p.Value.Name == "Idempotency-Key" }) {
				req.Header.Set("Idempotency-Key", fmt.Sprintf("contrato-errores-%d", tried))
			}
			res, err := env.HTTP.Do(req) // the validating client checks every field error
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != c.wantStatus {
				t.Errorf("%s %s: %d, want %d: %s", op.id, c.name, res.StatusCode, c.wantStatus, b)
				continue
			}
			var p struct {
				Code   string
				Errors []struct{ Field, Code, Message string }
			}
			_ = json.Unmarshal(b, &p)
			named := slices.ContainsFunc(p.Errors, func(fe struct{ Field, Code, Message string }) bool {
				return fe.Field == c.wantField || strings.HasPrefix(fe.Field, c.wantField+".")
			})
			if p.Code != "validation_failed" || !named {
				t.Errorf("%s %s: want a validation_failed problem naming %s: %s", op.id, c.name, c.wantField, b)
			}
			if testing.Verbose() {
				t.Logf("%s %s → %s", op.id, c.name, b)
			}
			for _, fault := range apitest.FieldErrorFaults(b) {
				t.Errorf("%s %s: %s", op.id, c.name, fault)
			}
		}
	}
	if tried < 200 {
		t.Fatalf("only %d invalid requests tried: the walk over the contract is broken", tried)
	}
	t.Logf("%d invalid requests, codes known: %v", tried, validation.Codes)
}

func sortedProps(s *openapi3.Schema) []string {
	names := make([]string, 0, len(s.Properties))
	for n := range s.Properties {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
