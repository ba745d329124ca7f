package report

import (
	"bufio"
	"errors"
	"html"
	"io"
	"strings"
)

// WriteHTML writes the report as one self-contained HTML5 page: no
// external style sheets, scripts, fonts or images. It holds a header with
// the title and metadata, the notes, a table of contents, each section
// with its paragraphs, tables and charts (inline SVG), and a print style
// for A4. Verdicts are shown as coloured badges that carry their label,
// numbers are aligned right, total rows are bold and suppressed cells are
// set apart. Cells carry data-col, data-type and, for counts of people,
// data-persons attributes for tools that read the page. The page is also
// well-formed XML.
func WriteHTML(w io.Writer, r *Report) error {
	if r == nil {
		return errors.New("report: nil report")
	}
	bw := bufio.NewWriter(w)
	h := &htmlWriter{w: bw, l: r.Language}
	h.page(r)
	return bw.Flush()
}

type htmlWriter struct {
	w *bufio.Writer
	l Language
}

func (h *htmlWriter) raw(s ...string) {
	for _, x := range s {
		h.w.WriteString(x)
	}
}

// esc escapes text for HTML. Characters XML does not allow (control
// characters other than tab and line breaks, U+FFFE, U+FFFF) become
// U+FFFD, so that the page stays well-formed XML whatever the data holds.
func esc(s string) string {
	if strings.IndexFunc(s, notXMLChar) >= 0 {
		s = strings.Map(func(r rune) rune {
			if notXMLChar(r) {
				return '\uFFFD'
			}
			return r
		}, s)
	}
	return html.EscapeString(s)
}

// notXMLChar reports whether r is outside XML 1.0's Char production.
func notXMLChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20:
		return true
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return true
	}
	return r > 0x10FFFF
}

const css = `:root{--fg:#1b1f24;--muted:#5b6470;--line:#cfd5dc;--head:#eef2f6;--accent:#0b4f8a;--total:#f4f6f8}
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);background:#fff;margin:0 auto;max-width:1200px;padding:28px 36px;line-height:1.45;font-size:15px}
header{border-bottom:3px solid var(--accent);margin-bottom:1.2em;padding-bottom:.8em}
h1{font-size:1.75em;margin:0 0 .15em;color:var(--accent)}
.subtitle{font-size:1.1em;color:var(--muted);margin:0 0 .8em}
h2{font-size:1.3em;margin:2em 0 .5em;padding-bottom:.15em;border-bottom:1px solid var(--line);color:var(--accent)}
h3{font-size:1.05em;margin:1.2em 0 .4em}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1.4em;margin:0}
dl.meta dt{font-weight:600;color:var(--muted)}
dl.meta dd{margin:0}
.notes{background:#fff8e1;border-left:4px solid #e0a800;padding:.5em 1em;margin:1em 0}
.notes p{margin:.2em 0}
nav.toc{background:var(--head);padding:.6em 1em;margin:1em 0 1.5em;border-radius:4px}
nav.toc ol{margin:.3em 0 0;padding-left:1.4em;columns:2;column-gap:2.5em}
nav.toc a{color:var(--accent);text-decoration:none}
.table-wrap{overflow-x:auto;margin:.4em 0 1em}
table{border-collapse:collapse;font-size:.9em}
th,td{border:1px solid var(--line);padding:.28em .55em;vertical-align:top;text-align:left}
thead th{background:var(--head);font-weight:600}
th.num,td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.date{white-space:nowrap}
tr.total td{font-weight:700;background:var(--total);border-top:2px solid #9aa5b1}
td.suppressed{color:var(--muted);font-style:italic}
td[data-col="message"],td[data-col="evidence"],td[data-col="waiver"],td[data-col="source"]{overflow-wrap:anywhere}
table.wide{font-size:.84em}
td[data-col="message"]{min-width:12em}
td[data-col="evidence"]{min-width:9em}
td[data-col="evidence"]{font-size:.9em;color:#3c4550}
td[data-col="dates"]{min-width:9em}
.unit{font-weight:400;color:var(--muted)}
.badge{display:inline-block;padding:.02em .55em;border-radius:1em;font-size:.92em;white-space:nowrap;border:1px solid}
.o-pass{background:#e6f4ea;color:#1e5e2a;border-color:#9ccfa8}
.o-fail{background:#fdecea;color:#a31515;border-color:#f0a9a4}
.o-waived{background:#e7f0fb;color:#0d3f8a;border-color:#9dbfe8}
.o-missing-data{background:#fff6dc;color:#6d5200;border-color:#f0d27a}
.o-error{background:#f3e8f7;color:#5b1a78;border-color:#cfa6e0}
.o-not-applicable{background:#f3f4f5;color:#4d555e;border-color:#d5d9de}
p.table-note{color:var(--muted);font-size:.88em;margin:-.6em 0 1em}
figure.chart{margin:.6em 0 1.6em;break-inside:avoid}
figure.chart figcaption{font-weight:600;margin:0 0 .3em}
figure.chart svg{max-width:100%;height:auto;display:block}
figure.chart .chart-note{color:var(--muted);font-size:.85em}
footer{margin-top:3em;color:var(--muted);font-size:.85em;border-top:1px solid var(--line);padding-top:.6em}
@media print{
@page{size:A4;margin:14mm 12mm}
body{max-width:none;padding:0;font-size:9.5pt}
nav.toc{display:none}
h2{break-after:avoid}
h3{break-after:avoid}
.table-wrap{overflow:visible}
thead{display:table-header-group}
tr{break-inside:avoid}
.badge,.notes,thead th,tr.total td{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`

func (h *htmlWriter) page(r *Report) {
	lang := "de"
	if r.Language == English {
		lang = "en"
	}
	h.raw("<!DOCTYPE html>\n<html lang=\"", lang, "\">\n<head>\n<meta charset=\"utf-8\"/>\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n",
		"<title>", esc(r.Title), "</title>\n<style>\n", css, "</style>\n</head>\n<body>\n")
	h.raw("<header>\n<h1>", esc(r.Title), "</h1>\n")
	if r.Subtitle != "" {
		h.raw("<p class=\"subtitle\">", esc(r.Subtitle), "</p>\n")
	}
	if len(r.Meta) > 0 {
		h.raw("<dl class=\"meta\">\n")
		for _, m := range r.Meta {
			h.raw("<dt>", esc(m.Label), "</dt><dd>", esc(m.Value), "</dd>\n")
		}
		h.raw("</dl>\n")
	}
	h.raw("</header>\n")
	if len(r.Notes) > 0 {
		h.raw("<div class=\"notes\">\n")
		for _, n := range r.Notes {
			h.raw("<p>", esc(n), "</p>\n")
		}
		h.raw("</div>\n")
	}
	if len(r.Sections) > 2 {
		h.raw("<nav class=\"toc\"><strong>", esc(h.l.t("contents")), "</strong>\n<ol>\n")
		for _, s := range r.Sections {
			h.raw("<li><a href=\"#s-", esc(s.ID), "\">", esc(s.Title), "</a></li>\n")
		}
		h.raw("</ol>\n</nav>\n")
	}
	h.raw("<main>\n")
	for _, s := range r.Sections {
		h.section(s)
	}
	h.raw("</main>\n<footer>\n<p>", esc(r.Title))
	for _, m := range r.Meta {
		if m.Key == "edition" || m.Key == "stamp" {
			h.raw(" · ", esc(m.Label), ": ", esc(m.Value))
		}
	}
	h.raw("</p>\n</footer>\n</body>\n</html>\n")
}

func (h *htmlWriter) section(s Section) {
	h.raw("<section id=\"s-", esc(s.ID), "\">\n<h2>", esc(s.Title), "</h2>\n")
	for _, t := range s.Text {
		h.raw("<p>", esc(t), "</p>\n")
	}
	drawn := map[string]bool{}
	for _, t := range s.Tables {
		// A chart comes before the table it draws: people look, then read.
		for _, c := range s.Charts {
			if c.Table == t.ID && !drawn[c.ID] {
				if svg := h.chart(c, t); svg != "" {
					h.raw(svg)
				}
				drawn[c.ID] = true
			}
		}
		if t.Title == s.Title {
			t.Title = ""
		}
		h.table(t)
	}
	h.raw("</section>\n")
}

func (h *htmlWriter) table(t Table) {
	if t.Title != "" {
		h.raw("<h3>", esc(t.Title), "</h3>\n")
	}
	wide := ""
	if len(t.Columns) > 8 {
		wide = " class=\"wide\""
	}
	h.raw("<div class=\"table-wrap\">\n<table id=\"t-", esc(t.ID), "\"", wide, ">\n<thead><tr>")
	for _, c := range t.Columns {
		class := ""
		if numeric(c) {
			class = " class=\"num\""
		}
		h.raw("<th scope=\"col\"", class, ">", esc(c.Label))
		if c.Unit != "" {
			h.raw(" <span class=\"unit\">(", esc(c.Unit), ")</span>")
		}
		h.raw("</th>")
	}
	h.raw("</tr></thead>\n<tbody>\n")
	for _, row := range t.Rows {
		if row.Total {
			h.raw("<tr class=\"total\">")
		} else {
			h.raw("<tr>")
		}
		for i, c := range t.Columns {
			var cell Cell
			if i < len(row.Cells) {
				cell = row.Cells[i]
			}
			h.cell(c, cell)
		}
		h.raw("</tr>\n")
	}
	h.raw("</tbody>\n</table>\n</div>\n")
	for _, n := range t.Notes {
		h.raw("<p class=\"table-note\">", esc(n), "</p>\n")
	}
}

func (h *htmlWriter) cell(c Column, cell Cell) {
	var classes []string
	switch {
	case numeric(c):
		classes = append(classes, "num")
	case c.Type == TypeDate:
		classes = append(classes, "date")
	}
	if cell.Suppressed != NotSuppressed {
		classes = append(classes, "suppressed")
	}
	h.raw("<td")
	if len(classes) > 0 {
		h.raw(" class=\"", strings.Join(classes, " "), "\"")
	}
	h.raw(" data-col=\"", esc(c.Key), "\" data-type=\"", string(c.Type), "\"")
	if c.Persons {
		h.raw(" data-persons=\"true\"")
	}
	if cell.Suppressed != NotSuppressed {
		h.raw(" data-suppressed=\"", string(cell.Suppressed), "\"")
	}
	h.raw(">")
	text := cell.Text
	if text == "" {
		text = emptyText
	}
	if c.Type == TypeOutcome && cell.Value != nil {
		h.raw("<span class=\"badge o-", esc(outcomeID(cell.Value)), "\">", esc(text), "</span>")
	} else {
		h.raw(esc(text))
	}
	h.raw("</td>")
}

// outcomeID returns the id of an outcome value.
func outcomeID(v any) string {
	if s, ok := v.(interface{ String() string }); ok {
		return s.String()
	}
	return ""
}
