package kiez

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/kiez-go/kiez/internal/source"
)

// SourceFunc returns the text of a named source file, for snippets.
// Dataset.Source is one.
type SourceFunc func(filename string) ([]byte, bool)

// MaxDiagnosticsPerFile is how many diagnostics of one file
// WriteDiagnostics prints; the rest are counted in a final line per file,
// "file: … and N more problems in this file". A file full of mistakes
// thus prints a screenful, not thousands of lines.
const MaxDiagnosticsPerFile = 100

// snippetWidth is the most characters of a source line printed under a
// diagnostic; a longer line (a minified JSON file is one line) is cut to a
// window around the column.
const snippetWidth = 160

// WriteDiagnostics renders diagnostics for a person: each as
// "file:line:col: severity: summary (at path)", then, when src knows the
// file, the source line with a caret under the column (a long line cut to
// a window around the column), then the detail. At most
// MaxDiagnosticsPerFile diagnostics are printed per file; for a file with
// more, a last line says how many were left out. It writes nothing else
// and returns the first write error. Each file is read from src and
// indexed once however many diagnostics it has, as long as the
// diagnostics of a file come together (Diagnostics.Sort does that).
func WriteDiagnostics(w io.Writer, diags Diagnostics, src SourceFunc) error {
	shown := map[string]int{}
	var hidden []string // files with diagnostics left out, in order
	hiddenN := map[string]int{}
	var cur struct {
		name  string
		lines *source.Lines
	}
	for _, d := range diags {
		if d.Subject != nil {
			f := d.Subject.Filename
			if shown[f] >= MaxDiagnosticsPerFile {
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
					cur.lines = source.NewLines(data)
				}
			}
			if cur.lines != nil {
				if line, start, ok := cur.lines.Bytes(d.Subject.Start.Line); ok {
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
		if _, err := fmt.Fprintf(w, "%s: … and %d more problems in this file (the first %d are shown)\n", f, hiddenN[f], MaxDiagnosticsPerFile); err != nil {
			return err
		}
	}
	return nil
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
	// the caret lines up in a terminal. Control characters are shown as
	// U+FFFD so that a snippet cannot steer the terminal.
	var text, prefix strings.Builder
	text.WriteString(lead)
	if lead != "" {
		prefix.WriteByte(' ')
	}
	for i := from; i < to; {
		r, size := utf8.DecodeRune(line[i:])
		if r != '\t' && source.Forbidden(r) {
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
