package server

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
)

// What the pages say about outcomes, counts, times and diagnostics: the
// labels of the reports, the order of outcomes from the worst, and the
// lines of a file around a diagnostic.

// german is the language of the dashboard's labels.
const german = report.German

// outcomeOrder ranks outcomes from the worst: the colour of a matrix
// cell is that of the worst result it counts. The order is the
// compliance report's for a requirement's status, so that a cell and the
// report's status agree: a rule that could not be evaluated weighs most,
// then a failure, missing data, a waived failure, a pass; not applicable
// least.
var outcomeOrder = []rules.Outcome{rules.OutcomeError, rules.OutcomeFail, rules.OutcomeMissingData,
	rules.OutcomeWaived, rules.OutcomePass, rules.OutcomeNotApplicable}

// outcomeRank returns the rank of an outcome in outcomeOrder (0 the
// worst); unknown outcomes rank after all.
func outcomeRank(o rules.Outcome) int {
	for i, x := range outcomeOrder {
		if x == o {
			return i
		}
	}
	return len(outcomeOrder)
}

// legend lists every outcome with its label, worst first.
func legend() []countView {
	out := make([]countView, 0, len(outcomeOrder))
	for _, o := range outcomeOrder {
		out = append(out, countView{Class: o.String(), Label: german.OutcomeLabel(o)})
	}
	return out
}

// countViews turns counts per outcome id ("pass", …) into the list the
// pages show, worst first, leaving out outcomes without results.
func countViews(counts map[string]int) []countView {
	var out []countView
	seen := map[string]bool{}
	for _, o := range outcomeOrder {
		id := o.String()
		seen[id] = true
		if n := counts[id]; n > 0 {
			out = append(out, countView{Class: id, Label: german.OutcomeLabel(o), N: n})
		}
	}
	var rest []string
	for id, n := range counts {
		if !seen[id] && n > 0 {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	for _, id := range rest {
		out = append(out, countView{Class: "unknown", Label: id, N: counts[id]})
	}
	return out
}

// stamp formats a time for people, German, in the server's zone.
func stamp(t time.Time) string {
	if t.IsZero() {
		return "–"
	}
	return t.Local().Format("02.01.2006, 15:04 Uhr")
}

// userViewOf returns the header's view of a user; nil for a visitor.
func userViewOf(name string, canWrite bool) *userView {
	if name == "" {
		return nil
	}
	label := "Lesen"
	if canWrite {
		label = "Schreiben"
	}
	return &userView{Name: name, Role: label, CanWrite: canWrite}
}

// contextLines is how many lines before and after a diagnostic's line
// the upload page shows.
const contextLines = 2

// fileDiags groups diagnostics by file, in the order of files given (the
// uploaded order), then problems of other files and of no file, and
// gives each the lines around its position taken from source.
func fileDiags(diags diag.Diagnostics, order []string, source func(name string) ([]byte, bool)) []fileDiagView {
	byFile := map[string][]diagView{}
	var names []string
	known := map[string]bool{}
	for _, n := range order {
		known[n] = true
	}
	for i, d := range diags {
		if d == nil {
			continue
		}
		name := ""
		if d.Subject != nil {
			name = d.Subject.Filename
		}
		if _, ok := byFile[name]; !ok && !known[name] {
			names = append(names, name)
		}
		byFile[name] = append(byFile[name], diagViewOf(d, i, source))
	}
	var out []fileDiagView
	for _, n := range append(append([]string(nil), order...), names...) {
		if ds := byFile[n]; len(ds) > 0 {
			out = append(out, fileDiagView{Name: n, Diags: ds})
			delete(byFile, n)
		}
	}
	return out
}

// diagViewOf renders one diagnostic with the lines around it.
func diagViewOf(d *diag.Diagnostic, i int, source func(name string) ([]byte, bool)) diagView {
	v := diagView{
		Severity: german.SeverityLabel(d.Severity),
		Class:    d.Severity.String(),
		Summary:  d.Summary,
		Detail:   d.Detail,
		Path:     d.Path,
		AnchorID: fmt.Sprintf("d%d", i+1),
	}
	if d.Subject == nil {
		return v
	}
	s := d.Subject
	switch {
	case s.Start.Line > 0 && s.Filename != "":
		v.Where = fmt.Sprintf("%s:%d:%d", s.Filename, s.Start.Line, s.Start.Column)
	case s.Filename != "":
		v.Where = s.Filename
	}
	if s.Start.Line <= 0 || source == nil {
		return v
	}
	data, ok := source(s.Filename)
	if !ok {
		return v
	}
	v.Lines = snippet(data, s.Start.Line, s.Start.Column)
	v.HasSource = len(v.Lines) > 0
	return v
}

// snippet returns the lines around line (1-based) of data, the line itself
// marked at column (1-based, in characters). Invalid UTF-8 and control
// characters are shown as U+FFFD; long lines are cut.
func snippet(data []byte, line, column int) []srcLine {
	lines := diag.NewLines(data)
	if _, _, ok := lines.Line(line); !ok {
		return nil
	}
	var out []srcLine
	for n := max(1, line-contextLines); n <= line+contextLines; n++ {
		b, _, ok := lines.Line(n)
		if !ok {
			break
		}
		text := cleanLine(b)
		if n != line {
			out = append(out, srcLine{N: n, Text: cut(text, 300)})
			continue
		}
		l := srcLine{N: n, Marked: true}
		runes := []rune(text)
		c := column - 1
		switch {
		case c < 0:
			l.Text = cut(text, 300)
		case c >= len(runes):
			l.Text = cut(text, 300)
			l.At = " "
		default:
			l.Text = string(runes[:c])
			l.At = string(runes[c])
			l.After = cut(string(runes[c+1:]), 300)
		}
		out = append(out, l)
	}
	return out
}

// cleanLine makes a line of a file safe to show: invalid UTF-8 and
// control characters other than tab become U+FFFD, a carriage return at
// the end goes.
func cleanLine(b []byte) string {
	s := strings.TrimSuffix(string(b), "\r")
	if utf8.ValidString(s) && strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == utf8.RuneError || isControl(r) {
			return '\uFFFD'
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

func isControl(r rune) bool { return (r < 0x20 && r != '\t') || r == 0x7f }

// cut shortens s to at most n characters, with an ellipsis.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
