package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/kiez-go/kiez/rules"
)

// The tree of an explanation in the terminal, and the explanation as
// JSON (kiez explain --format json).

// writeTree prints the tree of an explanation indented, one
// sub-expression a line with its value, the way opa eval --explain does.
func writeTree(w io.Writer, tx *texts, tree []rules.Step) error {
	for _, s := range tree {
		if err := writeStep(w, tx, s, 1); err != nil {
			return err
		}
	}
	return nil
}

func writeStep(w io.Writer, tx *texts, s rules.Step, depth int) error {
	indent := strings.Repeat("  ", depth)
	text := oneLine(s.Text, 300)
	if tx.lang == langEN && s.Value != nil {
		// The engine writes Text in German; a plain value is written
		// again in the language.
		text = oneLine(rules.FormatIn(tx.lang.code(), s.Value), 300)
	}
	if s.Count != nil && *s.Count > 0 {
		text = tx.count(*s.Count, "word.element") + ": " + text
	}
	var line string
	switch s.Kind {
	case "let":
		line = fmt.Sprintf("let %s = %s", oneLine(s.Expr, 200), text)
	case "elements":
		line = fmt.Sprintf("%s  →  %s", oneLine(s.Note, 200), text)
	default:
		line = fmt.Sprintf("%s  →  %s", oneLine(s.Expr, 200), text)
	}
	if _, err := fmt.Fprintf(w, "%s%s\n", indent, line); err != nil {
		return err
	}
	for _, k := range s.Steps {
		if err := writeStep(w, tx, k, depth+1); err != nil {
			return err
		}
	}
	return nil
}
