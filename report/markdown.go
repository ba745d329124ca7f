package report

import (
	"bufio"
	"errors"
	"io"
	"strings"
)

// WriteMarkdown writes the report as Markdown (CommonMark with GitHub
// tables): the title as a level-1 heading, the subtitle, the metadata as
// a list, the notes as a quote, each section as a level-2 heading with its
// paragraphs and tables (a table's title as a level-3 heading, numbers
// aligned right, total rows in bold). Charts are left out: their tables
// hold the same numbers. Characters Markdown would read as markup are
// escaped.
func WriteMarkdown(w io.Writer, r *Report) error {
	if r == nil {
		return errors.New("report: nil report")
	}
	bw := bufio.NewWriter(w)
	p := func(s ...string) {
		for _, x := range s {
			bw.WriteString(x)
		}
		bw.WriteByte('\n')
	}
	p("# ", mdText(r.Title))
	if r.Subtitle != "" {
		p()
		p(mdText(r.Subtitle))
	}
	if len(r.Meta) > 0 {
		p()
		for _, m := range r.Meta {
			p("- **", mdText(m.Label), ":** ", mdText(m.Value))
		}
	}
	if len(r.Notes) > 0 {
		p()
		for i, n := range r.Notes {
			if i > 0 {
				p(">")
			}
			p("> ", mdText(n))
		}
	}
	for _, s := range r.Sections {
		p()
		p("## ", mdText(s.Title))
		for _, t := range s.Text {
			p()
			p(mdText(t))
		}
		for _, t := range s.Tables {
			p()
			if t.Title != "" && t.Title != s.Title {
				p("### ", mdText(t.Title))
				p()
			}
			writeMarkdownTable(p, t)
			for _, n := range t.Notes {
				p()
				p("*", mdText(n), "*")
			}
		}
	}
	return bw.Flush()
}

func writeMarkdownTable(p func(...string), t Table) {
	var b strings.Builder
	b.WriteString("|")
	for _, c := range t.Columns {
		b.WriteString(" " + mdCell(headerLabel(c)) + " |")
	}
	p(b.String())
	b.Reset()
	b.WriteString("|")
	for _, c := range t.Columns {
		if numeric(c) {
			b.WriteString(" ---: |")
		} else {
			b.WriteString(" --- |")
		}
	}
	p(b.String())
	for _, row := range t.Rows {
		b.Reset()
		b.WriteString("|")
		for i := range t.Columns {
			text := ""
			if i < len(row.Cells) {
				text = mdCell(row.Cells[i].Text)
			}
			if row.Total && text != "" && text != emptyText {
				text = "**" + text + "**"
			}
			b.WriteString(" " + text + " |")
		}
		p(b.String())
	}
}

// mdText escapes text for Markdown: backslash, emphasis, strikethrough,
// code, links, what would open a block at the start of a line, and < before
// a letter, / or ! (an HTML tag); "<3" stays as it is.
func mdText(s string) string { return mdEscape(s, true) }

// mdEscape escapes s; lineStart also escapes what would open a block at
// the start of a line: a heading, quote, list item (also "1." and "1)"),
// code fence, or indented code (the leading blanks are dropped; Markdown
// shows none of them anyway).
func mdEscape(s string, lineStart bool) string {
	var b strings.Builder
	if lineStart {
		s = strings.TrimLeft(s, " \t")
		digits := 0
		for digits < len(s) && digits < 10 && s[digits] >= '0' && s[digits] <= '9' {
			digits++
		}
		// A list item's number is followed by . or ) and a blank (or
		// nothing); 01.01.2024 is no list item.
		if digits > 0 && digits < len(s) && (s[digits] == '.' || s[digits] == ')') &&
			(digits+1 == len(s) || s[digits+1] == ' ' || s[digits+1] == '\t') {
			b.WriteString(s[:digits])
			b.WriteByte('\\')
			s = s[digits:]
			lineStart = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '\\', '*', '_', '`', '[', ']', '~':
			b.WriteByte('\\')
		case '<':
			if i+1 < len(s) && (isLetter(s[i+1]) || s[i+1] == '/' || s[i+1] == '!' || s[i+1] == '?') {
				b.WriteString("&lt;")
				continue
			}
		case '&':
			if i+1 < len(s) && (isLetter(s[i+1]) || s[i+1] == '#') {
				b.WriteString("&amp;")
				continue
			}
		case '#', '>', '-', '+', '=':
			if i == 0 && lineStart {
				b.WriteByte('\\')
			}
		case '\n', '\r':
			b.WriteByte(' ')
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// mdCell escapes text for a table cell: as mdText, and the pipe.
func mdCell(s string) string {
	return strings.ReplaceAll(mdEscape(s, false), "|", "\\|")
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
