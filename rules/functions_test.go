package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rickb777/date"
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
		if f.group == "operator" || f.group == "internal" {
			continue
		}
		if !regexp.MustCompile(`\b` + regexp.QuoteMeta(f.name) + `\(`).MatchString(text) {
			t.Errorf("function %s is not exercised by any rule in rules/testdata/*.yaml; add it to testdata/functions.yaml", f.name)
		}
	}
}

func TestCompareOptionalDates(t *testing.T) {
	d := date.New(2024, 1, 1)
	if _, err := compareDates((*date.Date)(nil), d, date.Date.Before); err == nil {
		t.Error("comparing a date that is not given: no error")
	}
	got, err := compareDates(&d, d.Add(1), date.Date.Before)
	if err != nil || got != true {
		t.Errorf("compareDates(&2024-01-01 < 2024-01-02) = %v, %v", got, err)
	}
}
