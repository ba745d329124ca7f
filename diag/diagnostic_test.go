package diag_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
)

func TestErr(t *testing.T) {
	warning := &diag.Diagnostic{Severity: diag.Warning, Summary: "uncovered requirement"}
	failure := &diag.Diagnostic{Severity: diag.Error, Summary: "unknown field",
		Subject: &diag.Range{Filename: "a.yaml", Start: diag.Pos{Line: 2, Column: 3, Byte: 9}, End: diag.Pos{Line: 2, Column: 7, Byte: 13}},
		Path:    "centres[0].nme"}

	var none diag.Diagnostics
	if err := none.Err(); err != nil {
		t.Errorf("no diagnostics: Err() = %v, want nil", err)
	}
	if err := none.Append(warning).Err(); err != nil {
		t.Errorf("only a warning: Err() = %v, want nil", err)
	}

	ds := none.Append(warning).Append(nil).Extend(diag.Diagnostics{failure})
	err := fmt.Errorf("reading: %w", ds.Err())
	if err == nil {
		t.Fatal("an error: Err() = nil")
	}
	var got diag.Diagnostics
	if !errors.As(err, &got) {
		t.Fatalf("errors.As(%v, *Diagnostics) = false", err)
	}
	if diff := cmp.Diff(diag.Diagnostics{warning, failure}, got); diff != "" {
		t.Errorf("errors.As gave (-want +got):\n%s", diff)
	}
	var first *diag.Diagnostic
	if !errors.As(err, &first) || first != warning {
		t.Errorf("errors.As(err, *Diagnostic) = %v, want the first diagnostic", first)
	}
	want := "reading: warning: uncovered requirement\na.yaml:2:3: error: unknown field (at centres[0].nme)"
	if diff := cmp.Diff(want, err.Error()); diff != "" {
		t.Errorf("Error() (-want +got):\n%s", diff)
	}
}

func TestSeverity(t *testing.T) {
	for _, s := range []diag.Severity{diag.Error, diag.Warning, diag.Info} {
		got, err := diag.ParseSeverity(s.String())
		if err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v; want %v", s.String(), got, err, s)
		}
	}
	var zero diag.Severity
	if zero.String() != "invalid" {
		t.Errorf("zero Severity = %q, want invalid", zero.String())
	}
	if _, err := diag.ParseSeverity("fatal"); err == nil {
		t.Error(`ParseSeverity("fatal") gave no error`)
	}
}

// TestJSON pins the JSON form of a diagnostic: tools read it.
func TestJSON(t *testing.T) {
	d := &diag.Diagnostic{Severity: diag.Error, Summary: "s", Detail: "d",
		Subject: &diag.Range{Filename: "f.yaml", Start: diag.Pos{Line: 1, Column: 2, Byte: 1}, End: diag.Pos{Line: 1, Column: 5, Byte: 4}},
		Path:    "p"}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"severity":"error","summary":"s","detail":"d","subject":{"filename":"f.yaml","start":{"line":1,"column":2,"byte":1},"end":{"line":1,"column":5,"byte":4}},"path":"p"}`
	if diff := cmp.Diff(want, string(b)); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	var back diag.Diagnostic
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d, &back); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func TestSort(t *testing.T) {
	at := func(file string, line, col int, path string) *diag.Diagnostic {
		return &diag.Diagnostic{Severity: diag.Error, Summary: fmt.Sprintf("%s %d %d %s", file, line, col, path), Path: path,
			Subject: &diag.Range{Filename: file, Start: diag.Pos{Line: line, Column: col}}}
	}
	noFile := &diag.Diagnostic{Severity: diag.Error, Summary: "no file"}
	ds := diag.Diagnostics{at("b", 1, 1, ""), at("a", 2, 1, ""), at("a", 1, 5, "y"), at("a", 1, 5, "x"), noFile, at("a", 1, 2, "")}
	ds.Sort()
	var got []string
	for _, d := range ds {
		got = append(got, d.Summary)
	}
	want := []string{"no file", "a 1 2 ", "a 1 5 x", "a 1 5 y", "a 2 1 ", "b 1 1 "}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
