package kiez

import (
	"fmt"
	"io"
	"strings"

	"github.com/kiez-go/kiez/internal/source"
)

// SourceFunc returns the text of a named source file, for snippets.
// Dataset.Source is one.
type SourceFunc func(filename string) ([]byte, bool)

// WriteDiagnostics renders diagnostics for a person: each as
// "file:line:col: severity: summary (at path)", then, when src knows the
// file, the source line with a caret under the column, then the detail.
// It writes nothing else and returns the first write error.
func WriteDiagnostics(w io.Writer, diags Diagnostics, src SourceFunc) error {
	for _, d := range diags {
		if _, err := fmt.Fprintln(w, d.Error()); err != nil {
			return err
		}
		if d.Subject != nil && d.Subject.Start.Line > 0 && src != nil {
			if data, ok := src(d.Subject.Filename); ok {
				if line, ok := source.LineText(data, d.Subject.Start.Line); ok {
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
	return nil
}

func writeSnippet(w io.Writer, line string, p Pos) error {
	num := fmt.Sprintf("%d", p.Line)
	pad := strings.Repeat(" ", len(num))
	// The caret goes under the column's character; tabs are kept so that
	// the caret lines up in a terminal.
	var prefix strings.Builder
	for i, r := range []rune(line) {
		if i >= p.Column-1 {
			break
		}
		if r == '\t' {
			prefix.WriteRune('\t')
		} else {
			prefix.WriteRune(' ')
		}
	}
	_, err := fmt.Fprintf(w, "  %s | %s\n  %s | %s^\n", num, line, pad, prefix.String())
	return err
}
