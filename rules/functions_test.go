package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryFunctionExercised makes sure each function of the environment
// is called by some fixture rule under testdata/, so that it is tested with
// an exact expected value (testdata/functions.yaml).
func TestEveryFunctionExercised(t *testing.T) {
	files, err := filepath.Glob("testdata/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	text := all.String()
	for _, f := range functions() {
		if f.group == "operator" {
			continue
		}
		if !regexp.MustCompile(`\b` + regexp.QuoteMeta(f.name) + `\(`).MatchString(text) {
			t.Errorf("function %s is not exercised by any rule in rules/testdata/*.yaml; add it to testdata/functions.yaml", f.name)
		}
	}
}
