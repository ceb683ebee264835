package apidocs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// The view model the template renders. Everything in it is plain text; the template escapes it.

type pageView struct {
	Title       string
	Version     string
	OpenAPI     string
	Description string
	SpecURL     string
	Servers     []serverView
	Schemes     []schemeView
	Default     string // default security of the spec, in words
	Levels      []levelView
	Problem     *schemaView // the error document, when the spec has one
	Groups      []groupView
	OpCount     int
}

type serverView struct{ URL, Description string }

type schemeView struct {
	Name        string
	Kind        string // "HTTP bearer (JWT)", "API key in header X-API-Key", …
	Description string
}

type levelView struct {
	Level       string
	Description string
	Count       int
}

type groupView struct {
	ID          string
	Name        string
	Description string
	Ops         []opView
}

type opView struct {
	Anchor      string
	ID          string
	Method      string
	MethodClass string
	Path        string
	Summary     string
	Description string
	Auth        string
	AuthClass   string
	Security    string // accepted schemes in words, "" when public
	Deprecated  bool
	Tags        []string
	Search      string // lower-case text the filter box matches against
	Params      []paramView
	Body        *bodyView
	Responses   []responseView
	// Examples of the error responses, gathered in one place (their schema is the error document).
	ErrorExamples []exampleView
	ErrorStatuses string
}

type paramView struct {
	Name        string
	In          string
	Type        string
	Constraints []string
	Required    bool
	Deprecated  bool
	Description string
	Example     string
}

type bodyView struct {
	Required    bool
	Description string
	Contents    []contentView
}

type contentView struct {
	MediaType string
	Schema    *schemaView
	Examples  []exampleView
}

type responseView struct {
	Status      string
	StatusClass string
	Success     bool
	Description string
	Contents    []contentView
	Headers     []paramView
}

type schemaView struct {
	Name        string // "ProductInput", "Product[]", "object"
	Description string
	Constraints []string
	Rows        []rowView
}

type rowView struct {
	Depth       int
	Name        string
	Type        string
	Required    bool
	Constraints []string
	Description string
	Note        string
	Deprecated  bool
	Example     string
}

type exampleView struct {
	Status    string // set in opView.ErrorExamples
	MediaType string // set in opView.ErrorExamples
	Name      string
	Summary   string
	JSON      string
}

const (
	maxSchemaDepth = 8
	maxSchemaRows  = 400
)

var methodOrder = []string{
	http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete,
	http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodConnect,
}

var levelDescriptions = map[string]string{
	"public": "No credentials needed.",
	"user":   "Any signed-in, active account (customers and staff).",
	"admin":  "Store staff only: the admin role, or an admin API key.",
}

func buildPage(doc *openapi3.T) pageView {
	p := pageView{OpenAPI: doc.OpenAPI, SpecURL: SpecPath}
	if doc.Info != nil {
		p.Title = doc.Info.Title
		p.Version = doc.Info.Version
		p.Description = doc.Info.Description
	}
	if p.Title == "" {
		p.Title = "API reference"
	}
	for _, s := range doc.Servers {
		if s != nil {
			p.Servers = append(p.Servers, serverView{URL: s.URL, Description: s.Description})
		}
	}

	var schemes openapi3.SecuritySchemes
	if doc.Components != nil {
		schemes = doc.Components.SecuritySchemes
	}
	for _, name := range sortedByOrigin(schemes, func(r *openapi3.SecuritySchemeRef) *openapi3.Origin { return r.Origin }) {
		ref := schemes[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		p.Schemes = append(p.Schemes, schemeView{Name: name, Kind: schemeKind(ref.Value), Description: ref.Value.Description})
	}
	p.Default = securityWords(doc.Security)

	if doc.Components != nil {
		if ref := doc.Components.Schemas["Problem"]; ref != nil && ref.Value != nil {
			sv := schemaTable(&openapi3.SchemaRef{Ref: "#/components/schemas/Problem", Value: ref.Value})
			p.Problem = &sv
		}
	}

	// Collect operations, in the order the spec lists them.
	type found struct {
		op   *openapi3.Operation
		item *openapi3.PathItem
		path string
		verb string
		line int
		seq  int
	}
	var ops []found
	if doc.Paths != nil {
		for _, path := range doc.Paths.Keys() {
			item := doc.Paths.Value(path)
			if item == nil {
				continue
			}
			for verb, op := range item.Operations() {
				if op == nil {
					continue
				}
				line := math.MaxInt
				if op.Origin != nil && op.Origin.Key != nil {
					line = op.Origin.Key.Line
				}
				seq := slices.Index(methodOrder, strings.ToUpper(verb))
				if seq < 0 {
					seq = len(methodOrder)
				}
				ops = append(ops, found{op: op, item: item, path: path, verb: strings.ToUpper(verb), line: line, seq: seq})
			}
		}
	}
	sort.SliceStable(ops, func(i, j int) bool {
		a, b := ops[i], ops[j]
		if a.line != b.line {
			return a.line < b.line
		}
		if a.path != b.path {
			return a.path < b.path
		}
		return a.seq < b.seq
	})

	// Groups: the spec's tag order, then tags only operations mention, then untagged operations.
	groupIndex := map[string]int{}
	addGroup := func(name, desc string) int {
		if i, ok := groupIndex[name]; ok {
			if p.Groups[i].Description == "" {
				p.Groups[i].Description = desc
			}
			return i
		}
		p.Groups = append(p.Groups, groupView{Name: name, Description: desc})
		groupIndex[name] = len(p.Groups) - 1
		return len(p.Groups) - 1
	}
	for _, t := range doc.Tags {
		if t != nil && t.Name != "" {
			addGroup(t.Name, t.Description)
		}
	}
	const untagged = "Other operations"
	anchors := map[string]int{}
	levelCount := map[string]int{}
	for _, f := range ops {
		ov := buildOp(doc, f.item, f.op, f.path, f.verb)
		ov.Anchor = uniqueID(anchors, "op-"+slug(ov.ID))
		levelCount[ov.Auth]++
		tag := untagged
		if len(f.op.Tags) > 0 && f.op.Tags[0] != "" {
			tag = f.op.Tags[0]
		}
		i := addGroup(tag, "")
		p.Groups[i].Ops = append(p.Groups[i].Ops, ov)
		p.OpCount++
	}
	// Untagged last; drop tags without operations.
	if i, ok := groupIndex[untagged]; ok {
		g := p.Groups[i]
		p.Groups = append(append(p.Groups[:i:i], p.Groups[i+1:]...), g)
	}
	p.Groups = slices.DeleteFunc(p.Groups, func(g groupView) bool { return len(g.Ops) == 0 })
	for i := range p.Groups {
		p.Groups[i].ID = uniqueID(anchors, "tag-"+slug(p.Groups[i].Name))
	}

	for _, lvl := range []string{"public", "user", "admin"} {
		p.Levels = append(p.Levels, levelView{Level: lvl, Description: levelDescriptions[lvl], Count: levelCount[lvl]})
	}
	var others []string
	for lvl := range levelCount {
		if _, known := levelDescriptions[lvl]; !known {
			others = append(others, lvl)
		}
	}
	sort.Strings(others)
	for _, lvl := range others {
		p.Levels = append(p.Levels, levelView{Level: lvl, Description: "", Count: levelCount[lvl]})
	}
	return p
}

func buildOp(doc *openapi3.T, item *openapi3.PathItem, op *openapi3.Operation, path, verb string) opView {
	ov := opView{
		ID:          op.OperationID,
		Method:      verb,
		MethodClass: "m-" + strings.ToLower(verb),
		Path:        path,
		Summary:     op.Summary,
		Description: op.Description,
		Deprecated:  op.Deprecated,
		Tags:        op.Tags,
	}
	if ov.ID == "" {
		ov.ID = strings.ToLower(verb) + "-" + path
	}
	if ov.Summary == "" {
		ov.Summary = item.Summary
	}
	if ov.Description == "" {
		ov.Description = item.Description
	}

	security := doc.Security
	if op.Security != nil {
		security = *op.Security
	}
	ov.Auth = extensionString(op.Extensions, "x-auth")
	if ov.Auth == "" {
		if isPublic(security) {
			ov.Auth = "public"
		} else {
			ov.Auth = "authenticated"
		}
	}
	ov.AuthClass = "auth-" + slug(ov.Auth)
	if !isPublic(security) {
		ov.Security = securityWords(security)
	}

	// Parameters: path-level ones first, overridden by operation-level ones of the same name and place.
	var params []*openapi3.Parameter
	seen := map[string]int{}
	for _, list := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, ref := range list {
			if ref == nil || ref.Value == nil {
				continue
			}
			key := ref.Value.In + "\x00" + ref.Value.Name
			if i, ok := seen[key]; ok {
				params[i] = ref.Value
				continue
			}
			seen[key] = len(params)
			params = append(params, ref.Value)
		}
	}
	inOrder := map[string]int{"path": 0, "query": 1, "header": 2, "cookie": 3}
	sort.SliceStable(params, func(i, j int) bool { return inOrder[params[i].In] < inOrder[params[j].In] })
	for _, prm := range params {
		ov.Params = append(ov.Params, paramRow(prm))
	}

	if op.RequestBody != nil && op.RequestBody.Value != nil {
		rb := op.RequestBody.Value
		ov.Body = &bodyView{Required: rb.Required, Description: rb.Description, Contents: contents(rb.Content, true)}
	}

	if op.Responses != nil {
		for _, status := range sortedStatuses(op.Responses.Keys()) {
			ref := op.Responses.Value(status)
			if ref == nil || ref.Value == nil {
				continue
			}
			r := ref.Value
			rv := responseView{Status: status, StatusClass: statusClass(status), Success: strings.HasPrefix(status, "2")}
			if r.Description != nil {
				rv.Description = *r.Description
			}
			// Error bodies share one schema (explained once at the top), so only success bodies get a table,
			// and the error examples are gathered in one place.
			rv.Contents = contents(r.Content, rv.Success)
			if !rv.Success {
				var with []string
				for _, c := range rv.Contents {
					for _, ex := range c.Examples {
						ex.Status, ex.MediaType = status, c.MediaType
						ov.ErrorExamples = append(ov.ErrorExamples, ex)
						if !slices.Contains(with, status) {
							with = append(with, status)
						}
					}
				}
				if len(with) > 0 {
					if ov.ErrorStatuses != "" {
						ov.ErrorStatuses += ", "
					}
					ov.ErrorStatuses += strings.Join(with, ", ")
				}
			}
			for _, name := range sortedByOrigin(r.Headers, func(h *openapi3.HeaderRef) *openapi3.Origin { return h.Origin }) {
				h := r.Headers[name]
				if h == nil || h.Value == nil {
					continue
				}
				hp := h.Value.Parameter
				hp.Name, hp.In = name, "header"
				rv.Headers = append(rv.Headers, paramRow(&hp))
			}
			ov.Responses = append(ov.Responses, rv)
		}
	}

	ov.Search = strings.ToLower(strings.Join(append([]string{verb, path, ov.ID, ov.Summary, ov.Auth}, op.Tags...), " "))
	return ov
}

func paramRow(prm *openapi3.Parameter) paramView {
	pv := paramView{
		Name:        prm.Name,
		In:          prm.In,
		Required:    prm.Required || prm.In == "path",
		Deprecated:  prm.Deprecated,
		Description: prm.Description,
	}
	sr := prm.Schema
	if sr == nil {
		for _, mt := range prm.Content {
			if mt != nil && mt.Schema != nil {
				sr = mt.Schema
				break
			}
		}
	}
	if sr != nil {
		pv.Type = typeName(sr)
		if sr.Value != nil {
			pv.Constraints = constraints(sr.Value)
			pv.Example = exampleOf(sr.Value)
			if pv.Description == "" {
				pv.Description = sr.Value.Description
			}
		}
	}
	if prm.Example != nil {
		pv.Example = compactJSON(prm.Example)
	}
	return pv
}

func contents(c openapi3.Content, withSchema bool) []contentView {
	var out []contentView
	for _, mediaType := range sortedMediaTypes(c) {
		mt := c[mediaType]
		if mt == nil {
			continue
		}
		cv := contentView{MediaType: mediaType}
		if mt.Schema != nil {
			if withSchema {
				sv := schemaTable(mt.Schema)
				cv.Schema = &sv
			} else {
				cv.Schema = &schemaView{Name: typeName(mt.Schema)}
			}
		}
		isJSON := mediaType == "application/json" || strings.HasSuffix(mediaType, "+json")
		var schema *openapi3.Schema
		if mt.Schema != nil {
			schema = mt.Schema.Value
		}
		if mt.Example != nil {
			cv.Examples = append(cv.Examples, exampleView{JSON: exampleText(mt.Example, schema, isJSON)})
		}
		for _, name := range sortedByOrigin(mt.Examples, func(e *openapi3.ExampleRef) *openapi3.Origin { return e.Origin }) {
			ex := mt.Examples[name]
			if ex == nil || ex.Value == nil {
				continue
			}
			ev := exampleView{Name: name, Summary: ex.Value.Summary}
			switch {
			case ex.Value.Value != nil:
				ev.JSON = exampleText(ex.Value.Value, schema, isJSON)
			case ex.Value.ExternalValue != "":
				ev.JSON = "(external: " + ex.Value.ExternalValue + ")"
			default:
				continue
			}
			cv.Examples = append(cv.Examples, ev)
		}
		if len(cv.Examples) == 0 && withSchema && mt.Schema != nil && mt.Schema.Value != nil && mt.Schema.Value.Example != nil {
			cv.Examples = append(cv.Examples, exampleView{Summary: "from the schema", JSON: exampleText(mt.Schema.Value.Example, schema, isJSON)})
		}
		out = append(out, cv)
	}
	return out
}

// schemaTable flattens a schema into rows of a nested property table, following $refs and stopping at
// recursion (a schema already being expanded higher up the same branch).
func schemaTable(sr *openapi3.SchemaRef) schemaView {
	sv := schemaView{Name: typeName(sr)}
	if sr == nil || sr.Value == nil {
		return sv
	}
	s := sr.Value
	sv.Description = s.Description
	w := &walker{}
	root := s
	if isArray(s) && s.Items != nil && s.Items.Value != nil {
		root = s.Items.Value
		sv.Constraints = constraints(s)
		if sv.Description == "" {
			sv.Description = root.Description
		}
	}
	if !hasStructure(root) {
		sv.Constraints = append(sv.Constraints, constraints(root)...)
		return sv
	}
	w.expand(root, 0, []*openapi3.Schema{root})
	sv.Rows = w.rows
	return sv
}

type walker struct {
	rows      []rowView
	truncated bool
}

func (w *walker) add(r rowView) bool {
	if len(w.rows) >= maxSchemaRows {
		if !w.truncated {
			w.truncated = true
			w.rows = append(w.rows, rowView{Depth: r.Depth, Name: "…", Note: "table truncated"})
		}
		return false
	}
	w.rows = append(w.rows, r)
	return true
}

// expand adds the rows describing the inside of s (its properties, or its variants) at depth.
func (w *walker) expand(s *openapi3.Schema, depth int, stack []*openapi3.Schema) {
	if depth > maxSchemaDepth {
		w.add(rowView{Depth: depth, Name: "…", Note: "nested too deeply to show"})
		return
	}
	props, required := collectProperties(s, nil)
	for _, p := range props {
		child := p.ref
		cs := child.Value
		r := rowView{Depth: depth, Name: p.name, Type: typeName(child), Required: required[p.name]}
		if cs != nil {
			r.Constraints = constraints(cs)
			r.Description = cs.Description
			r.Deprecated = cs.Deprecated
			r.Example = exampleOf(cs)
		}
		if !w.add(r) {
			return
		}
		w.descend(child, depth+1, stack)
	}
	for _, kind := range []struct {
		label string
		list  openapi3.SchemaRefs
	}{{"one of", s.OneOf}, {"any of", s.AnyOf}} {
		for i, v := range kind.list {
			if v == nil {
				continue
			}
			r := rowView{Depth: depth, Name: fmt.Sprintf("(%s #%d)", kind.label, i+1), Type: typeName(v)}
			if v.Value != nil {
				r.Description = v.Value.Description
				r.Constraints = constraints(v.Value)
			}
			if !w.add(r) {
				return
			}
			w.descend(v, depth+1, stack)
		}
	}
	if ap := s.AdditionalProperties.Schema; ap != nil && ap.Value != nil && len(props) == 0 {
		r := rowView{Depth: depth, Name: "{key}", Type: typeName(ap), Constraints: constraints(ap.Value), Description: ap.Value.Description}
		if w.add(r) {
			w.descend(ap, depth+1, stack)
		}
	}
}

// descend expands the schema of a row (an object, an array of objects, a map) one level down.
func (w *walker) descend(sr *openapi3.SchemaRef, depth int, stack []*openapi3.Schema) {
	if sr == nil || sr.Value == nil {
		return
	}
	s := sr.Value
	for isArray(s) && s.Items != nil && s.Items.Value != nil {
		sr = s.Items
		s = sr.Value
	}
	if !hasStructure(s) {
		return
	}
	if slices.Contains(stack, s) {
		last := &w.rows[len(w.rows)-1]
		last.Note = "recursive: same structure as " + refName(sr.Ref, "its parent") + " above"
		return
	}
	w.expand(s, depth, append(stack[:len(stack):len(stack)], s))
}

type namedProp struct {
	name string
	ref  *openapi3.SchemaRef
	line int
}

// collectProperties merges the properties of s and of its allOf parts (recursively), in spec order.
func collectProperties(s *openapi3.Schema, seen []*openapi3.Schema) ([]namedProp, map[string]bool) {
	required := map[string]bool{}
	var props []namedProp
	index := map[string]int{}
	var walk func(*openapi3.Schema)
	walk = func(s *openapi3.Schema) {
		if s == nil || slices.Contains(seen, s) {
			return
		}
		seen = append(seen, s)
		for _, r := range s.Required {
			required[r] = true
		}
		var local []namedProp
		for name, ref := range s.Properties {
			if ref == nil {
				continue
			}
			line := math.MaxInt
			if ref.Origin != nil && ref.Origin.Key != nil {
				line = ref.Origin.Key.Line
			}
			local = append(local, namedProp{name: name, ref: ref, line: line})
		}
		sort.Slice(local, func(i, j int) bool {
			if local[i].line != local[j].line {
				return local[i].line < local[j].line
			}
			return local[i].name < local[j].name
		})
		for _, p := range local {
			if i, ok := index[p.name]; ok {
				props[i] = p
				continue
			}
			index[p.name] = len(props)
			props = append(props, p)
		}
		for _, part := range s.AllOf {
			if part != nil {
				walk(part.Value)
			}
		}
	}
	walk(s)
	return props, required
}

func hasStructure(s *openapi3.Schema) bool {
	if s == nil {
		return false
	}
	if len(s.Properties) > 0 || len(s.OneOf) > 0 || len(s.AnyOf) > 0 {
		return true
	}
	for _, part := range s.AllOf {
		if part != nil && hasStructure(part.Value) {
			return true
		}
	}
	return s.AdditionalProperties.Schema != nil && s.AdditionalProperties.Schema.Value != nil &&
		hasStructure(s.AdditionalProperties.Schema.Value)
}

func isArray(s *openapi3.Schema) bool {
	return s != nil && s.Type != nil && s.Type.Is("array")
}

// typeName names a schema for a type column: the component name of a $ref, `X[]` for arrays,
// `map of X`, `string (date-time)`, `one of A | B`.
func typeName(sr *openapi3.SchemaRef) string {
	return typeNameDepth(sr, 0)
}

func typeNameDepth(sr *openapi3.SchemaRef, depth int) string {
	if sr == nil {
		return "any"
	}
	s := sr.Value
	if name := refName(sr.Ref, ""); name != "" {
		if s != nil && s.Type != nil && !hasStructure(s) && !isArray(s) && !s.Type.Is("object") && len(s.Type.Slice()) == 1 {
			return name + " (" + s.Type.Slice()[0] + ")"
		}
		return name
	}
	if s == nil || depth > 4 {
		return "any"
	}
	if isArray(s) {
		if s.Items == nil {
			return "array"
		}
		inner := typeNameDepth(s.Items, depth+1)
		if strings.ContainsAny(inner, " |") {
			return "array of " + inner
		}
		return inner + "[]"
	}
	variants := func(label string, list openapi3.SchemaRefs) string {
		var names []string
		for _, v := range list {
			names = append(names, typeNameDepth(v, depth+1))
		}
		return label + " " + strings.Join(names, " | ")
	}
	switch {
	case len(s.OneOf) > 0:
		return variants("one of", s.OneOf)
	case len(s.AnyOf) > 0:
		return variants("any of", s.AnyOf)
	case len(s.AllOf) == 1 && len(s.Properties) == 0:
		return typeNameDepth(s.AllOf[0], depth+1)
	case len(s.AllOf) > 0:
		return "object"
	}
	var types []string
	if s.Type != nil {
		types = s.Type.Slice()
	}
	t := strings.Join(types, " | ")
	if t == "" {
		switch {
		case len(s.Properties) > 0:
			t = "object"
		default:
			t = "any"
		}
	}
	if t == "object" && len(s.Properties) == 0 {
		if ap := s.AdditionalProperties.Schema; ap != nil {
			return "map of " + typeNameDepth(ap, depth+1)
		}
	}
	if s.Format != "" {
		t += " (" + s.Format + ")"
	}
	return t
}

func refName(ref, fallback string) string {
	if ref == "" {
		return fallback
	}
	if i := strings.LastIndex(ref, "/"); i >= 0 && i+1 < len(ref) {
		return ref[i+1:]
	}
	return ref
}

// constraints lists a schema's validation keywords in words.
func constraints(s *openapi3.Schema) []string {
	if s == nil {
		return nil
	}
	var out []string
	if len(s.Enum) > 0 {
		vals := make([]string, 0, len(s.Enum))
		for _, v := range s.Enum {
			vals = append(vals, compactJSON(v))
		}
		out = append(out, "one of: "+strings.Join(vals, ", "))
	}
	if s.Min != nil {
		op := "≥ "
		if s.ExclusiveMin.IsTrue() {
			op = "> "
		}
		out = append(out, op+number(*s.Min))
	} else if s.ExclusiveMin.Value != nil {
		out = append(out, "> "+number(*s.ExclusiveMin.Value))
	}
	if s.Max != nil {
		op := "≤ "
		if s.ExclusiveMax.IsTrue() {
			op = "< "
		}
		out = append(out, op+number(*s.Max))
	} else if s.ExclusiveMax.Value != nil {
		out = append(out, "< "+number(*s.ExclusiveMax.Value))
	}
	if s.MultipleOf != nil {
		out = append(out, "multiple of "+number(*s.MultipleOf))
	}
	out = appendRange(out, "length", s.MinLength, s.MaxLength)
	out = appendRange(out, "items", s.MinItems, s.MaxItems)
	out = appendRange(out, "properties", s.MinProps, s.MaxProps)
	if s.UniqueItems {
		out = append(out, "unique items")
	}
	if s.Pattern != "" {
		out = append(out, "pattern: "+s.Pattern)
	}
	if s.Default != nil {
		out = append(out, "default: "+compactJSON(s.Default))
	}
	if s.Nullable {
		out = append(out, "nullable")
	}
	if s.ReadOnly {
		out = append(out, "read-only")
	}
	if s.WriteOnly {
		out = append(out, "write-only")
	}
	if s.Deprecated {
		out = append(out, "deprecated")
	}
	return out
}

// exampleOf is a scalar schema's example, as JSON ("" for none, or for objects and arrays, whose
// examples are shown whole elsewhere).
func exampleOf(s *openapi3.Schema) string {
	if s == nil || s.Example == nil || hasStructure(s) || isArray(s) {
		return ""
	}
	return compactJSON(s.Example)
}

func appendRange(out []string, what string, lo uint64, hi *uint64) []string {
	switch {
	case hi != nil && lo > 0 && *hi == lo:
		return append(out, fmt.Sprintf("%s %d", what, lo))
	case hi != nil && lo > 0:
		return append(out, fmt.Sprintf("%s %d–%d", what, lo, *hi))
	case hi != nil:
		return append(out, fmt.Sprintf("%s ≤ %d", what, *hi))
	case lo > 0:
		return append(out, fmt.Sprintf("%s ≥ %d", what, lo))
	}
	return out
}

func number(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func schemeKind(s *openapi3.SecurityScheme) string {
	switch s.Type {
	case "http":
		kind := "HTTP " + s.Scheme
		if strings.EqualFold(s.Scheme, "bearer") {
			kind = "HTTP bearer token in the Authorization header"
			if s.BearerFormat != "" {
				kind += " (" + s.BearerFormat + ")"
			}
		}
		return kind
	case "apiKey":
		return fmt.Sprintf("API key in %s %s", s.In, s.Name)
	case "oauth2":
		return "OAuth 2"
	case "openIdConnect":
		return "OpenID Connect"
	}
	return s.Type
}

func isPublic(reqs openapi3.SecurityRequirements) bool {
	if len(reqs) == 0 {
		return true
	}
	for _, r := range reqs {
		if len(r) == 0 { // {} among the alternatives: anonymous allowed
			return true
		}
	}
	return false
}

// securityWords says which schemes a requirement list accepts: "bearerAuth or apiKey".
func securityWords(reqs openapi3.SecurityRequirements) string {
	var alts []string
	for _, r := range reqs {
		if len(r) == 0 {
			alts = append(alts, "anonymous")
			continue
		}
		names := make([]string, 0, len(r))
		for name, scopes := range r {
			if len(scopes) > 0 {
				name += " [" + strings.Join(scopes, ", ") + "]"
			}
			names = append(names, name)
		}
		sort.Strings(names)
		alts = append(alts, strings.Join(names, " + "))
	}
	return strings.Join(alts, " or ")
}

func extensionString(ext map[string]any, key string) string {
	v, ok := ext[key]
	if !ok || v == nil {
		return ""
	}
	switch v := v.(type) {
	case string:
		return v
	case json.RawMessage:
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
		return string(v)
	case []byte:
		return string(v)
	}
	return fmt.Sprint(v)
}

func sortedStatuses(keys []string) []string {
	rank := func(k string) string {
		if k == "default" {
			return "9zz"
		}
		return strings.ToLower(k)
	}
	out := slices.Clone(keys)
	sort.Slice(out, func(i, j int) bool { return rank(out[i]) < rank(out[j]) })
	return out
}

func statusClass(status string) string {
	switch {
	case status == "default":
		return "s-default"
	case len(status) > 0 && status[0] >= '1' && status[0] <= '5':
		return "s-" + status[:1] + "xx"
	}
	return "s-default"
}

func sortedMediaTypes(c openapi3.Content) []string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		switch {
		case k == "application/json":
			return 0
		case strings.HasSuffix(k, "+json"):
			return 1
		}
		return 2
	}
	sort.Slice(keys, func(i, j int) bool {
		if rank(keys[i]) != rank(keys[j]) {
			return rank(keys[i]) < rank(keys[j])
		}
		return keys[i] < keys[j]
	})
	return keys
}

// sortedByOrigin returns a map's keys in the order they appear in the spec (by name when unknown).
func sortedByOrigin[V any](m map[string]V, origin func(V) *openapi3.Origin) []string {
	type kl struct {
		k    string
		line int
	}
	list := make([]kl, 0, len(m))
	for k, v := range m {
		line := math.MaxInt
		if o := origin(v); o != nil && o.Key != nil {
			line = o.Key.Line
		}
		list = append(list, kl{k, line})
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].line != list[j].line {
			return list[i].line < list[j].line
		}
		return list[i].k < list[j].k
	})
	out := make([]string, len(list))
	for i, e := range list {
		out[i] = e.k
	}
	return out
}

// exampleText shows an example as pretty-printed JSON, or as itself when it is text of another media type
// (a YAML document, a CSV file). Object keys follow the order of the schema's properties (the spec's
// order); keys the schema does not name come after them, sorted.
func exampleText(v any, schema *openapi3.Schema, isJSON bool) string {
	if s, ok := v.(string); ok && !isJSON {
		return strings.TrimRight(s, "\n")
	}
	var b strings.Builder
	writeJSON(&b, v, schema, "", 0)
	return b.String()
}

func writeJSON(b *strings.Builder, v any, schema *openapi3.Schema, indent string, depth int) {
	if depth > 64 {
		b.WriteString(compactJSON(v))
		return
	}
	inner := indent + "  "
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 {
			b.WriteString("{}")
			return
		}
		var order []string
		props := map[string]*openapi3.Schema{}
		var extra *openapi3.Schema
		if schema != nil {
			named, _ := collectProperties(schema, nil)
			for _, p := range named {
				if _, ok := v[p.name]; ok {
					order = append(order, p.name)
				}
				props[p.name] = p.ref.Value
			}
			if ap := schema.AdditionalProperties.Schema; ap != nil {
				extra = ap.Value
			}
		}
		var rest []string
		for k := range v {
			if _, ok := props[k]; !ok {
				rest = append(rest, k)
			}
		}
		sort.Strings(rest)
		b.WriteString("{\n")
		for i, k := range append(order, rest...) {
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(inner)
			b.WriteString(compactJSON(k))
			b.WriteString(": ")
			child, ok := props[k]
			if !ok {
				child = extra
			}
			writeJSON(b, v[k], child, inner, depth+1)
		}
		b.WriteString("\n" + indent + "}")
	case []any:
		if len(v) == 0 {
			b.WriteString("[]")
			return
		}
		var items *openapi3.Schema
		if schema != nil && schema.Items != nil {
			items = schema.Items.Value
		}
		b.WriteString("[\n")
		for i, e := range v {
			if i > 0 {
				b.WriteString(",\n")
			}
			b.WriteString(inner)
			writeJSON(b, e, items, inner, depth+1)
		}
		b.WriteString("\n" + indent + "]")
	default:
		b.WriteString(compactJSON(v))
	}
}

func compactJSON(v any) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprint(v)
	}
	return strings.TrimRight(buf.String(), "\n")
}

var nonSlug = regexp.MustCompile(`[^A-Za-z0-9_.-]+`)

func slug(s string) string {
	out := strings.Trim(nonSlug.ReplaceAllString(s, "-"), "-")
	if out == "" {
		return "x"
	}
	return out
}

func uniqueID(used map[string]int, id string) string {
	used[id]++
	if n := used[id]; n > 1 {
		return uniqueID(used, fmt.Sprintf("%s-%d", id, n))
	}
	return id
}

var pathParam = regexp.MustCompile(`\{[^}/]+\}`)

// pathHTML escapes a path and marks its {parameters}.
func pathHTML(path string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range pathParam.FindAllStringIndex(path, -1) {
		b.WriteString(template.HTMLEscapeString(path[last:m[0]]))
		b.WriteString(`<span class="pp">`)
		b.WriteString(template.HTMLEscapeString(path[m[0]:m[1]]))
		b.WriteString(`</span>`)
		last = m[1]
	}
	b.WriteString(template.HTMLEscapeString(path[last:]))
	return template.HTML(b.String())
}
