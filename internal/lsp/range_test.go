package lsp

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// covered returns the text of a document that a protocol range covers
// (characters in UTF-16 code units).
func covered(text string, r Range) string {
	starts := lineStarts(text)
	off := func(p Position) int {
		if p.Line >= len(starts) {
			return len(text)
		}
		i, units := starts[p.Line], 0
		for i < len(text) && units < p.Character && text[i] != '\n' {
			c, size := utf8.DecodeRuneInString(text[i:])
			units += utf16Len(string(c))
			i += size
		}
		return i
	}
	return text[off(r.Start):off(r.End)]
}

// TestDiagnosticRanges checks that a diagnostic about a written value
// covers the value, quotes and umlauts included, and one about a place
// inside an expression is a point.
func TestDiagnosticRanges(t *testing.T) {
	s := initialized(t)
	text := strings.NewReplacer(
		"    title: Freistellung der Leitung\n", "    titel: Freistellung der Leitung\n    severity: \"höchst\"\n",
		">= params.stunden)", ">= params.stundn)",
	).Replace(ruleFile)
	pd := s.open(t, "file:///w/beispiel.yaml", text)
	var got []string
	for _, d := range pd.Diagnostics {
		got = append(got, fmt.Sprintf("%d:%d %q %s", d.Range.Start.Line, d.Range.Start.Character, covered(text, d.Range), strings.SplitN(d.Message, "\n", 2)[0]))
	}
	want := []string{
		`13:4 "" rule leitung has no title`, // a missing field: a point where it belongs
		`14:4 "titel" unknown field "titel" in a rule; did you mean "title"? (at rules[0].titel)`,
		`15:14 "\"höchst\"" unknown severity "höchst" (use error, warning or info)`,
		`20:58 "" assert: param "stundn" is not declared; did you mean "stunden"?`, // inside an expression: a point
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestDefinitionRanges checks that go-to-definition gives the whole name
// of what is declared.
func TestDefinitionRanges(t *testing.T) {
	s := initialized(t)
	const uri = "file:///w/beispiel.yaml"
	s.open(t, uri, ruleFile)
	got := map[string]string{}
	for _, marker := range []string{">= params.stu", "needs: leit", "requirements: [BS-0"} {
		var l *Location
		s.Result("textDocument/definition", posParams(uri, after(t, ruleFile, marker)), &l)
		if l == nil {
			t.Fatalf("no definition at %q", marker)
		}
		got[marker] = covered(ruleFile, l.Range)
	}
	want := map[string]string{">= params.stu": "stunden", "needs: leit": "leitungen", "requirements: [BS-0": "BS-01"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("text of each definition's range (-want +got):\n%s", diff)
	}
}
