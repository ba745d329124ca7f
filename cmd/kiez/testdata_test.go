package main

import (
	"bytes"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/rules"
)

// testdataDirs are the shipped data folders, as the commands name them
// from this directory.
var testdataDirs = []string{"../../testdata/wiesbaden", "../../testdata/bad-kreuznach", "../../testdata/thueringen"}

// expectedVerdicts reads the block of expected non-pass verdicts from
// testdata/README.md.
func expectedVerdicts(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile("../../testdata/README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)## Expected verdicts 2024.*?```text\n(.*?)```").FindSubmatch(b)
	if m == nil {
		t.Fatal("testdata/README.md has no block of expected verdicts")
	}
	return strings.Split(strings.TrimSpace(string(m[1])), "\n")
}

// TestTestdataVerdicts2024 checks the whole shipped testdata year with the
// embedded rules: every verdict other than pass and not applicable must be
// one documented in testdata/README.md, and each documented one must occur.
func TestTestdataVerdicts2024(t *testing.T) {
	var stdout, stderr bytes.Buffer
	args := append([]string{"check", "--period", "2024", "--format", "json"}, testdataDirs...)
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("kiez check exited %d:\n%s", code, stderr.String())
	}
	results := checkResults(t, stdout.Bytes())
	var got []string
	for _, r := range results {
		if r.Outcome != rules.OutcomePass && r.Outcome != rules.OutcomeNotApplicable {
			got = append(got, r.Subject+" "+r.Rule+" "+r.Outcome.String())
		}
	}
	sort.Strings(got)
	if diff := cmp.Diff(expectedVerdicts(t), got); diff != "" {
		t.Errorf("verdicts on the 2024 testdata differ from testdata/README.md (-documented +actual):\n%s", diff)
	}
}

// TestTestdataCheckGolden keeps the readable check output of the 2024
// testdata as a golden file.
func TestTestdataCheckGolden(t *testing.T) {
	out, _ := transcript(append([]string{"check", "--period", "2024", "--only", "problems"}, testdataDirs...)...)
	golden(t, "testdata/check-testdata-2024.golden", out)
}
