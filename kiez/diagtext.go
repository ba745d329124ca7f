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
				if line, ok := cur.lines.Text(d.Subject.Start.Line); ok {
					if err := writeSnippet(w, line, d.Subject.Start); err != nil {
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

func writeSnippet(w io.Writer, line string, p Pos) error {
	num := fmt.Sprintf("%d", p.Line)
	pad := strings.Repeat(" ", len(num))
	runes := []rune(line)
	col := p.Column - 1 // index of the caret's character
	if col < 0 {
		col = 0
	}
	if col > len(runes) {
		col = len(runes)
	}
	// A long line is cut to a window around the column, marked with "…"
	// where it was cut.
	lead, trail := "", ""
	if len(runes) > snippetWidth {
		from := max(0, col-snippetWidth/2)
		to := min(len(runes), from+snippetWidth)
		from = max(0, to-snippetWidth)
		if from > 0 {
			lead = "…"
		}
		if to < len(runes) {
			trail = "…"
		}
		runes = runes[from:to]
		col -= from
	}
	// The caret goes under the column's character; tabs are kept so that
	// the caret lines up in a terminal. Control characters are shown as
	// U+FFFD so that a snippet cannot steer the terminal.
	var text, prefix strings.Builder
	text.WriteString(lead)
	prefix.WriteString(strings.Repeat(" ", utf8.RuneCountInString(lead)))
	for i, r := range runes {
		if r != '\t' {
			if _, _, bad := source.ForbiddenRune(string(r)); bad {
				r = utf8.RuneError
			}
		}
		text.WriteRune(r)
		if i < col {
			if r == '\t' {
				prefix.WriteRune('\t')
			} else {
				prefix.WriteRune(' ')
			}
		}
	}
	text.WriteString(trail)
	_, err := fmt.Fprintf(w, "  %s | %s\n  %s | %s^\n", num, text.String(), pad, prefix.String())
	return err
}
