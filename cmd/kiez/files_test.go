package main

import (
	"path/filepath"
	"testing"
)

// TestFileCommands keeps the usage of the commands that write files or
// run under a time limit, and their messages about files, as golden
// transcripts.
func TestFileCommands(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"help-test", []string{"help", "test"}, 0},
		{"help-report", []string{"help", "report"}, 0},
		{"help-plan", []string{"help", "plan"}, 0},
		{"help-explain", []string{"help", "explain"}, 0},
		// The test file's tree is its directory: its rule file and its
		// fixtures lie outside and are not read.
		{"test-escaping-fixture", []string{"test", "testdata/escaping-fixture.yaml"}, 1},
		// With --root ../.. the rule file is inside; the fixtures are not.
		{"test-escaping-fixture-root", []string{"test", "--root", "../..", "testdata/escaping-fixture.yaml"}, 1},
		{"test-root-not-dir", []string{"test", "--root", "testdata/escaping-fixture.yaml", "testdata/escaping-fixture.yaml"}, 2},
		{"report-new-file-in-input-dir", []string{"report", "--out", "../../testdata/thueringen/neu.yaml", "--period", "2024", "../../testdata/thueringen"}, 2},
		{"report-out-missing-dir", []string{"report", "--out", "testdata/keine-verzeichnis/bericht.md", "--period", "2024", "../../testdata/thueringen"}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, code := transcript(tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			golden(t, filepath.Join("testdata", tt.name+".golden"), got)
		})
	}
}
