package diag

import (
	"bytes"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWriteSnippetWindow(t *testing.T) {
	long := strings.Repeat("a", 500) + "X" + strings.Repeat("b", 500)
	short := "name: \"Zentrum \x1b[31mA\""
	tests := []struct {
		name string
		line string
		pos  Pos
		want string
	}{
		{"short line in full", "key: value", Pos{Line: 3, Column: 6, Byte: 5},
			"  3 | key: value\n    |      ^\n"},
		{"long line cut around the column", long, Pos{Line: 1, Column: 501, Byte: 500},
			"  1 | …" + strings.Repeat("a", 80) + "X" + strings.Repeat("b", 79) + "…\n    |  " + strings.Repeat(" ", 80) + "^\n"},
		{"long line, column near the start", long, Pos{Line: 1, Column: 2, Byte: 1},
			"  1 | " + strings.Repeat("a", 160) + "…\n    |  ^\n"},
		{"long line, column at the end", long, Pos{Line: 1, Column: 1002, Byte: 1001},
			"  1 | …" + strings.Repeat("b", 160) + "\n    |  " + strings.Repeat(" ", 160) + "^\n"},
		{"control characters shown as U+FFFD", short, Pos{Line: 1, Column: 7, Byte: 6},
			"  1 | name: \"Zentrum \uFFFD[31mA\"\n    |       ^\n"},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if err := writeSnippet(&b, []byte(tt.line), 0, tt.pos); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, b.String()); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}

func TestWriteDiagnosticsCapPerFile(t *testing.T) {
	var diags Diagnostics
	for i := 0; i < MaxPerFile+7; i++ {
		diags = append(diags, &Diagnostic{Severity: Error, Summary: "bad",
			Subject: &Range{Filename: "a.yaml", Start: Pos{Line: 1, Column: 1}}})
	}
	diags = append(diags, &Diagnostic{Severity: Error, Summary: "other",
		Subject: &Range{Filename: "b.yaml", Start: Pos{Line: 1, Column: 1}}})
	var b bytes.Buffer
	if err := WriteText(&b, diags, nil); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	got := []string{lines[len(lines)-3], lines[len(lines)-2], lines[len(lines)-1]}
	want := []string{"a.yaml:1:1: error: bad", "b.yaml:1:1: error: other",
		"a.yaml: … and 7 more problems in this file (the first 100 are shown)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if len(lines) != MaxPerFile+2 {
		t.Errorf("%d lines, want %d", len(lines), MaxPerFile+2)
	}
}
