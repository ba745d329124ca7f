package diag

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// SourceFunc returns the text of a named source file, for the snippets of
// WriteText; it reports false for a file it does not know.
type SourceFunc func(filename string) ([]byte, bool)

// MaxPerFile is how many diagnostics of one file WriteText prints; the
// rest are counted in a final line per file, "file: … and N more problems
// in this file". A file full of mistakes thus prints a screenful, not
// thousands of lines.
const MaxPerFile = 100

// snippetWidth is the most characters of a source line printed under a
// diagnostic; a longer line (a minified JSON file is one line) is cut to a
// window around the column.
const snippetWidth = 160

// WriteText renders diagnostics for a person: each as
// "file:line:col: severity: summary (at path)", then, when src knows the
// file, the source line with a caret under the start's column (a long line
// cut to a window around the column), then the detail. At most MaxPerFile
// diagnostics are printed per file; for a file with more, a last line says
// how many were left out. It writes nothing else and returns the first
// write error. Each file is read from src and indexed once however many
// diagnostics it has, as long as the diagnostics of a file come together
// (Diagnostics.Sort does that). A nil src prints no snippets.
func WriteText(w io.Writer, diags Diagnostics, src SourceFunc) error {
	shown := map[string]int{}
	var hidden []string // files with diagnostics left out, in order
	hiddenN := map[string]int{}
	var cur struct {
		name  string
		lines *Lines
	}
	for _, d := range diags {
		if d.Subject != nil {
			f := d.Subject.Filename
			if shown[f] >= MaxPerFile {
				if hiddenN[f] == 0 {
					hidden = append(hidden, f)
				}
				hiddenN[f]++
				continue
			}
			shown[f]++
		}
		if _, err := fmt.Fprintln(w, d.Error()); err != nil {
			return err
		}
		if d.Subject != nil && d.Subject.Start.Line > 0 && src != nil {
			if cur.name != d.Subject.Filename || cur.lines == nil {
				cur.name, cur.lines = d.Subject.Filename, nil
				if data, ok := src(d.Subject.Filename); ok {
					cur.lines = NewLines(data)
				}
			}
			if cur.lines != nil {
				if line, start, ok := cur.lines.Line(d.Subject.Start.Line); ok {
					if err := writeSnippet(w, line, start, d.Subject.Start); err != nil {
						return err
					}
				}
			}
		}
		if d.Detail != "" {
			if _, err := fmt.Fprintf(w, "    = %s\n", d.Detail); err != nil {
				return err
			}
		}
	}
	for _, f := range hidden {
		if _, err := fmt.Fprintf(w, "%s: … and %d more problems in this file (the first %d are shown)\n", f, hiddenN[f], MaxPerFile); err != nil {
			return err
		}
	}
	return nil
}

// Lines indexes the lines of one file, so that any number of snippets
// cost time proportional to what they show, not to the size of the file.
// Readers of other formats (a CSV importer) use it to turn a line and
// column into a Pos as the text writer shows it.
type Lines struct {
	data  []byte
	start []int // byte offset of each line's first byte
}

// NewLines indexes data.
func NewLines(data []byte) *Lines {
	l := &Lines{data: data, start: make([]int, 1, 1+bytes.Count(data, []byte{'\n'}))}
	for i, b := range data {
		if b == '\n' {
			l.start = append(l.start, i+1)
		}
	}
	return l
}

// Line returns the bytes of a 1-based line without its line ending, not
// copied, and the byte offset of its start in the file.
func (l *Lines) Line(n int) ([]byte, int, bool) {
	if n < 1 || n > len(l.start) {
		return nil, 0, false
	}
	s := l.start[n-1]
	e := len(l.data)
	if n < len(l.start) {
		e = l.start[n] - 1
	}
	return bytes.TrimRight(l.data[s:e], "\r"), s, true
}

// writeSnippet prints a source line with a caret under p's column. line
// is the line's text and start its offset in the file. A long line is cut
// to a window of snippetWidth characters around the column, marked with
// "…" where it was cut; the cost is that of the window, not of the line.
func writeSnippet(w io.Writer, line []byte, start int, p Pos) error {
	num := fmt.Sprintf("%d", p.Line)
	pad := strings.Repeat(" ", len(num))
	// at is the byte index of the caret's character in line: from the
	// position's byte offset when it lies on the line, else by counting
	// characters.
	at := p.Byte - start
	if p.Byte <= 0 && p.Column > 1 || at < 0 || at > len(line) {
		at = 0
		for c := 1; c < p.Column && at < len(line); c++ {
			_, size := utf8.DecodeRune(line[at:])
			at += size
		}
	}
	from, to := 0, len(line)
	if len(line) > 4*snippetWidth || utf8.RuneCount(line) > snippetWidth {
		// Half the window before the column, the rest after it; near
		// an end of the line, the window shifts to stay full.
		from, to = at, at
		n := 0
		for ; n < snippetWidth/2 && from > 0; n++ {
			_, size := utf8.DecodeLastRune(line[:from])
			from -= size
		}
		for ; n < snippetWidth && to < len(line); n++ {
			_, size := utf8.DecodeRune(line[to:])
			to += size
		}
		for ; n < snippetWidth && from > 0; n++ {
			_, size := utf8.DecodeLastRune(line[:from])
			from -= size
		}
	}
	lead, trail := "", ""
	if from > 0 {
		lead = "…"
	}
	if to < len(line) {
		trail = "…"
	}
	// The caret goes under the column's character; tabs are kept so that
	// the caret lines up in a terminal. Control characters and direction
	// marks are shown as U+FFFD so that a snippet cannot steer the
	// terminal.
	var text, prefix strings.Builder
	text.WriteString(lead)
	if lead != "" {
		prefix.WriteByte(' ')
	}
	for i := from; i < to; {
		r, size := utf8.DecodeRune(line[i:])
		if r != '\t' && unsafeRune(r) {
			r = utf8.RuneError
		}
		text.WriteRune(r)
		if i < at {
			if r == '\t' {
				prefix.WriteRune('\t')
			} else {
				prefix.WriteRune(' ')
			}
		}
		i += size
	}
	text.WriteString(trail)
	_, err := fmt.Fprintf(w, "  %s | %s\n  %s | %s^\n", num, text.String(), pad, prefix.String())
	return err
}

// unsafeRune reports whether r would change how a terminal shows what
// follows it: a control character (C0, DEL, C1) or an invisible mark that
// changes the direction of text (U+061C, U+200E, U+200F, U+202A to U+202E,
// U+2066 to U+2069). It is the set of characters no text field of the
// module's files may hold, other than tab and line feed.
func unsafeRune(r rune) bool {
	switch {
	case unicode.IsControl(r):
		return true
	case r == 0x061C || r == 0x200E || r == 0x200F,
		r >= 0x202A && r <= 0x202E,
		r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
