package rules_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/rules"
)

// TestLintEmbeddedClean keeps the shipped programmes clean under the
// stricter checks, with their test files: kiez lint --strict passes.
func TestLintEmbeddedClean(t *testing.T) {
	for _, id := range rules.Embedded() {
		p, diags := rules.LintEmbedded(id)
		if p == nil || len(diags) > 0 {
			t.Errorf("%s: %d diagnostics:\n%v", id, len(diags), diags)
		}
	}
}

const lintTestsRules = `programme: musterdorf
name: Musterdorf
requirements:
  - {id: MD-01, text: Eins.}
rules:
  - id: getestet
    title: Getestet
    requirements: [MD-01]
    assert: len(centre.sessions) > 0
    message: m
  - id: vergessen
    title: Vergessen
    requirements: [MD-01]
    assert: len(centre.offers) > 0
    message: m
`

const lintTestsFile = `programme: regeln.yaml
period: 2024
cases:
  - name: Fall
    expect:
      - {rule: getestet, subject: md-1, outcome: fail}
`

func TestLintTests(t *testing.T) {
	p, diags := rules.Lint("regeln.yaml", []byte(lintTestsRules))
	if p == nil || len(diags) > 0 {
		t.Fatalf("Lint: %v", diags)
	}
	got := diagStrings(rules.LintTests(p, "regeln_test.yaml", []byte(lintTestsFile)))
	want := []string{"regeln.yaml:11:5: warning: rule vergessen is reached by no case of regeln_test.yaml"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LintTests (-want +got):\n%s", diff)
	}
	// A test file that does not read is left to kiez test.
	if got := rules.LintTests(p, "kaputt_test.yaml", []byte("cases: [")); len(got) > 0 {
		t.Errorf("LintTests of a broken test file: %v", got)
	}
	if got := rules.LintTests(nil, "regeln_test.yaml", []byte(lintTestsFile)); len(got) > 0 {
		t.Errorf("LintTests without a programme: %v", got)
	}
}

// TestLintQuotedHash: a quoted expression may hold " #", and a comment
// after a complete expression is no trap.
func TestLintQuotedHash(t *testing.T) {
	src := `programme: musterdorf
name: Musterdorf
requirements:
  - {id: MD-01, text: Eins.}
rules:
  - id: zitiert
    title: Zitiert
    requirements: [MD-01]
    assert: "all(map(centre.staff, .hoursPerWeek), # > 0)"
    message: m
  - id: kommentar
    title: Kommentar
    requirements: [MD-01]
    assert: len(centre.sessions) > 0  # mindestens ein Termin
    message: m
`
	if p, diags := rules.Lint("regeln.yaml", []byte(src)); p == nil || len(diags) > 0 {
		t.Errorf("Lint: %v", diags)
	}
}
