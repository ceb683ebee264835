package apidocs

import (
	"html/template"
	"regexp"
	"strings"
)

// textHTML renders free text from the spec (descriptions). All of it is HTML-escaped first; on top of that
// the small subset of CommonMark that the contract's descriptions use is recognised:
//
//   - blank lines separate paragraphs, and line breaks inside a paragraph are kept (<br>);
//   - "# …" to "###### …" lines are headings;
//   - "- ", "* ", "+ " and "1. " lines are list items, and indented lines continue the item above;
//   - runs of "| a | b |" lines are tables (a "|---|---|" second line makes the first the header);
//   - `code` spans and **bold**.
//
// Nothing else is interpreted: no links, no raw HTML, no images.
func textHTML(s string) template.HTML {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n"))
	if s == "" {
		return ""
	}
	var (
		b        strings.Builder
		para     []string
		items    [][]string
		listKind string // "ul" or "ol"
		rows     []string
	)
	flushTable := func() {
		if len(rows) == 0 {
			return
		}
		writeTable(&b, rows)
		rows = nil
	}
	flushPara := func() {
		if len(para) == 0 {
			return
		}
		b.WriteString("<p>")
		for i, line := range para {
			if i > 0 {
				b.WriteString("<br>\n")
			}
			b.WriteString(inlineHTML(line))
		}
		b.WriteString("</p>\n")
		para = nil
	}
	flushList := func() {
		if len(items) == 0 {
			return
		}
		b.WriteString("<" + listKind + ">\n")
		for _, item := range items {
			b.WriteString("<li>")
			b.WriteString(inlineHTML(strings.Join(item, " ")))
			b.WriteString("</li>\n")
		}
		b.WriteString("</" + listKind + ">\n")
		items, listKind = nil, ""
	}
	for _, raw := range strings.Split(s, "\n") {
		line := strings.TrimRight(raw, " \t")
		trimmed := strings.TrimSpace(line)
		if !strings.HasPrefix(trimmed, "|") {
			flushTable()
		}
		switch {
		case strings.HasPrefix(trimmed, "|"):
			flushPara()
			flushList()
			rows = append(rows, trimmed)
			continue
		case trimmed == "":
			flushPara()
			flushList()
		case headingLine.MatchString(line):
			flushPara()
			flushList()
			m := headingLine.FindStringSubmatch(line)
			tag := "h4"
			if len(m[1]) <= 2 {
				tag = "h3"
			}
			b.WriteString("<" + tag + ` class="md">` + inlineHTML(m[2]) + "</" + tag + ">\n")
		case listLine.MatchString(line):
			flushPara()
			m := listLine.FindStringSubmatch(line)
			kind := "ul"
			if m[1][0] >= '0' && m[1][0] <= '9' {
				kind = "ol"
			}
			if listKind != "" && listKind != kind {
				flushList()
			}
			listKind = kind
			items = append(items, []string{m[2]})
		case len(items) > 0 && (line[0] == ' ' || line[0] == '\t'):
			items[len(items)-1] = append(items[len(items)-1], trimmed)
		default:
			flushList()
			para = append(para, trimmed)
		}
	}
	flushPara()
	flushList()
	flushTable()
	return template.HTML(b.String())
}

// writeTable renders the lines of a pipe table.
func writeTable(b *strings.Builder, rows []string) {
	cells := func(row string) []string {
		row = strings.TrimSpace(row)
		row = strings.TrimPrefix(row, "|")
		row = strings.TrimSuffix(row, "|")
		parts := strings.Split(row, "|")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		return parts
	}
	b.WriteString("<table class=\"grid md\">\n")
	body := rows
	if len(rows) >= 2 && tableDelimiter.MatchString(rows[1]) {
		b.WriteString("<thead><tr>")
		for _, c := range cells(rows[0]) {
			b.WriteString("<th>" + inlineHTML(c) + "</th>")
		}
		b.WriteString("</tr></thead>\n")
		body = rows[2:]
	}
	b.WriteString("<tbody>\n")
	for _, r := range body {
		b.WriteString("<tr>")
		for _, c := range cells(r) {
			b.WriteString("<td>" + inlineHTML(c) + "</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
}

var (
	headingLine    = regexp.MustCompile(`^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$`)
	listLine       = regexp.MustCompile(`^ {0,3}([-*+]|[0-9]{1,3}[.)])[ \t]+(.*)$`)
	codeSpan       = regexp.MustCompile("`([^`\n]+)`")
	boldSpan       = regexp.MustCompile(`\*\*([^*\n]+)\*\*`)
	tableDelimiter = regexp.MustCompile(`^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$`)
)

// inlineHTML escapes one line and marks its `code` spans and **bold** runs.
func inlineHTML(line string) string {
	var b strings.Builder
	last := 0
	for _, m := range codeSpan.FindAllStringSubmatchIndex(line, -1) {
		b.WriteString(emphasis(line[last:m[0]]))
		b.WriteString("<code>")
		b.WriteString(template.HTMLEscapeString(line[m[2]:m[3]]))
		b.WriteString("</code>")
		last = m[1]
	}
	b.WriteString(emphasis(line[last:]))
	return b.String()
}

func emphasis(s string) string {
	// Escaping never produces '*', so matching after escaping is safe.
	return boldSpan.ReplaceAllString(template.HTMLEscapeString(s), "<strong>$1</strong>")
}
