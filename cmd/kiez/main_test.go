package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ and the outputs in docs/programmgestaltung.md")

// The fixture programme and its data, as the commands name them from this
// directory.
const (
	fixtureRules  = "../../rules/testdata/fixture.yaml"
	fixtureProg   = "../../rules/testdata/programme.yaml"
	fixtureCentre = "../../rules/testdata/centre-short.yaml"
)

// durations matches the duration of a rule test case, "PASS (1.2ms)";
// golden output replaces it with "(…)".
var durations = regexp.MustCompile(`(PASS|FAIL|ERROR|BESTANDEN|FEHLGESCHLAGEN|FEHLER) \(\d[0-9.hmsµn]*\)`)

func stripDurations(s string) string { return durations.ReplaceAllString(s, "$1 (…)") }

// embeddedList matches the list of embedded programmes in messages, which
// grows with the library; golden output replaces it with "…".
var embeddedPattern = regexp.MustCompile(`\((embedded|eingebettet): [^)]*\)`)

// transcript runs the tool and records the command, its exit code and
// both outputs, with durations stripped.
func transcript(args ...string) (string, int) {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	var b strings.Builder
	fmt.Fprintf(&b, "$ kiez %s\nexit %d\n", strings.Join(args, " "), code)
	fmt.Fprintf(&b, "--- stdout\n%s", stdout.String())
	if stderr.Len() > 0 {
		fmt.Fprintf(&b, "--- stderr\n%s", stderr.String())
	}
	return embeddedPattern.ReplaceAllString(stripDurations(b.String()), "($1: …)"), code
}

// golden compares got with the file, or rewrites the file with -update.
func golden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s\nRun go test ./cmd/kiez -update to accept the new output.", file, diff)
	}
}

// TestCommands runs each command on the fixtures and compares its whole
// output and exit code with a golden file.
func TestCommands(t *testing.T) {
	t.Setenv(nowEnv, testNow)
	fixtureData := []string{fixtureProg, fixtureCentre}
	checkArgs := func(extra ...string) []string {
		return append(append([]string{"check", "--rules", fixtureRules, "--period", "2024"}, extra...), fixtureData...)
	}
	tests := []struct {
		name string
		args []string
		code int
	}{
		{"help", []string{"help"}, 0},
		{"help-check", []string{"help", "check"}, 0},
		{"no-command", nil, 2},
		{"unknown-command", []string{"frobnicate"}, 2},

		{"validate-fixture", []string{"validate", "-on", "2024-12-31", fixtureProg, fixtureCentre}, 0},
		{"validate-small", []string{"validate", "-on", "2024-12-31", "testdata/validate-small.yaml"}, 1},
		{"validate-default-day", []string{"validate", "../../testdata/thueringen"}, 0},
		{"validate-bad-date", []string{"validate", "-on", "31.12.2024", "testdata/validate-small.yaml"}, 2},

		{"lint-fixture", []string{"lint", fixtureRules}, 0},
		{"lint-broken", []string{"lint", "testdata/lint-broken.yaml"}, 1},
		{"lint-uncovered", []string{"lint", "testdata/lint-uncovered.yaml"}, 0},
		{"lint-no-coverage", []string{"lint", "--coverage=false", fixtureRules}, 0},
		{"lint-missing-file", []string{"lint", "testdata/keine-datei.yaml"}, 1},
		{"lint-no-args", []string{"lint"}, 2},
		{"lint-help", []string{"lint", "-h"}, 0},
		{"lint-dir", []string{"lint", "--coverage=false", "--costs", "0", "testdata/lint-dir"}, 0},
		{"lint-dir-strict", []string{"lint", "--strict", "--coverage=false", "--costs", "0", "testdata/lint-dir"}, 1},
		{"lint-test-file", []string{"lint", "--strict", "--coverage=false", "--costs", "0", "testdata/lint-dir/musterdorf_test.yaml"}, 1},
		{"lint-programmes-strict", []string{"lint", "--strict", "--coverage=false", "--costs", "0", "../../rules/programmes"}, 0},
		{"lint-embedded-strict", []string{"lint", "--strict", "--coverage=false", "--costs", "0", "bad-kreuznach-familienzentren"}, 0},
		{"lsp-help", []string{"lsp", "-h"}, 0},
		{"lsp-args", []string{"lsp", "x.yaml"}, 2},

		{"check-text", checkArgs(), 0},
		{"check-json", checkArgs("--format", "json"), 0},
		{"check-only-problems", checkArgs("--only", "problems"), 0},
		{"check-strict", checkArgs("--strict"), 1},
		{"check-every-outcome", []string{"check", "--rules", fixtureRules, "--period", "2024", "testdata/check-mixed.yaml"}, 0},
		{"check-only-problems-hides-all", []string{"check", "--rules", fixtureRules, "--period", "2024-Q1", "--only", "fail", "testdata/check-mixed.yaml"}, 0},
		{"check-broken-rules", []string{"check", "--rules", "testdata/lint-broken.yaml", "--period", "2024", fixtureProg, fixtureCentre}, 1},
		{"check-invalid-data", []string{"check", "--rules", fixtureRules, "--period", "2024", "testdata/validate-small.yaml"}, 1},
		{"check-no-period", []string{"check", "--rules", fixtureRules, fixtureProg, fixtureCentre}, 2},
		{"check-bad-period", []string{"check", "--rules", fixtureRules, "--period", "2024-13", fixtureProg, fixtureCentre}, 2},
		{"check-bad-format", checkArgs("--format", "xml"), 2},
		{"check-bad-only", checkArgs("--only", "bad"), 2},
		{"check-unknown-programme", checkArgs("--programme", "nirgendwo"), 2},
		{"check-no-rules", []string{"check", "--period", "2024", fixtureProg, fixtureCentre}, 1},
		{"check-unknown-flag", checkArgs("--verbose"), 2},
		{"check-waivers-period", []string{"check", "--rules", fixtureRules, "--period", "2024", fixtureProg, fixtureCentre, "testdata/waivers-period.yaml"}, 0},
		{"check-waivers-unknown", []string{"check", "--rules", fixtureRules, "--period", "2024", fixtureProg, fixtureCentre, "testdata/waivers-unknown.yaml"}, 1},

		{"test-fixture", []string{"test", "../../rules/testdata/fixture_test.yaml"}, 0},
		{"test-failing", []string{"test", "--root", "../..", "testdata/failing-tests.yaml"}, 1},
		{"test-waivers", []string{"test", "--root", "../..", "testdata/waiver-tests.yaml"}, 1},
		{"test-missing-dir", []string{"test", "testdata/keine-tests"}, 1},

		{"explain-fail", []string{"explain", "--rule", "freistellung", "--subject", "c2/l2", "--rules", fixtureRules, "--period", "2024", fixtureProg, fixtureCentre}, 0},
		{"explain-waived", []string{"explain", "--rule", "freistellung", "--subject", "c1/l1", "--rules", fixtureRules, "--period", "2024", "testdata/check-mixed.yaml"}, 0},
		{"explain-not-applicable", []string{"explain", "--rule", "freistellung", "--subject", "c1/k1", "--rules", fixtureRules, "--period", "2024", "testdata/check-mixed.yaml"}, 0},
		{"explain-error", []string{"explain", "--rule", "elterncafe-anteil", "--subject", "c3", "--rules", fixtureRules, "--period", "2024", "testdata/check-mixed.yaml"}, 0},
		{"explain-unknown-subject", []string{"explain", "--rule", "freistellung", "--subject", "c2", "--rules", fixtureRules, "--period", "2024", fixtureProg, fixtureCentre}, 2},
		{"explain-unknown-rule", []string{"explain", "--rule", "freistelung", "--subject", "c2", "--rules", fixtureRules, "--period", "2024", fixtureProg, fixtureCentre}, 2},
		{"explain-tree-bad-kreuznach", []string{"explain", "--rule", "leitungsfreistellung", "--subject", "fz-meisenheim/lfz-1", "--period", "2024", "../../testdata/bad-kreuznach"}, 0},
		{"explain-tree-lets", []string{"explain", "--rule", "planungstreffen-team", "--subject", "fz-langenlonsheim/2024-H2", "--period", "2024", "../../testdata/bad-kreuznach"}, 0},
		{"explain-tree-any", []string{"explain", "--rule", "gemeinsamer-raum", "--subject", "fz-kirn", "--period", "2024", "../../testdata/bad-kreuznach"}, 0},
		{"explain-json", []string{"explain", "--format", "json", "--rule", "freistellung", "--subject", "c2/l2", "--rules", fixtureRules, "--period", "2024", fixtureProg, fixtureCentre}, 0},
		{"explain-bad-format", []string{"explain", "--format", "xml", "--rule", "freistellung", "--subject", "c2/l2", "--rules", fixtureRules, "--period", "2024", fixtureProg, fixtureCentre}, 2},
		{"explain-no-rule", []string{"explain", "--subject", "c2", "--rules", fixtureRules, "--period", "2024", fixtureProg, fixtureCentre}, 2},
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

// TestFlagsAfterArguments checks that flags may follow the arguments and
// that "--" ends the flags.
func TestFlagsAfterArguments(t *testing.T) {
	before, _ := transcript("check", "--rules", fixtureRules, "--period", "2024", "--only", "problems", fixtureProg, fixtureCentre)
	after, _ := transcript("check", fixtureProg, "--rules", fixtureRules, fixtureCentre, "--period", "2024", "--only", "problems")
	_, body, _ := strings.Cut(before, "\n")
	_, body2, _ := strings.Cut(after, "\n")
	if diff := cmp.Diff(body, body2); diff != "" {
		t.Errorf("flags after the arguments give another output (-before +after):\n%s", diff)
	}
	out, code := transcript("lint", "--", "--coverage=false")
	if code != 1 || !strings.Contains(out, "cannot read --coverage=false") {
		t.Errorf("after --, an argument that looks like a flag is a file name; got exit %d:\n%s", code, out)
	}
}
