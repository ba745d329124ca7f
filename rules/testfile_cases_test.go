package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/rules"
)

// caseTree writes the fixture rule file, programme and centre into a
// temporary directory, with the extra files given, and returns it.
func caseTree(t *testing.T, extra map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"fixture.yaml", "programme.yaml", "centre-short.yaml"} {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range extra {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// caseOutcome is what a case came to, for comparison.
type caseOutcome struct {
	Case    string
	Passed  bool
	Errored bool
}

func outcomesOf(rep *rules.TestReport) []caseOutcome {
	var out []caseOutcome
	for _, r := range rep.Results {
		out = append(out, caseOutcome{r.Case, r.Passed, r.Errored})
	}
	return out
}

// TestCaseFilesReplace checks that a case's files: add to the file's by
// default and replace them with replaceFiles: true.
func TestCaseFilesReplace(t *testing.T) {
	dir := caseTree(t, map[string]string{
		"centre-other.yaml": "centres:\n  - {id: c7, name: Zentrum 7, programme: musterstadt, kind: family-centre, provider: traeger-a}\n",
		"x_test.yaml": `programme: fixture.yaml
period: 2024
files: [programme.yaml, centre-short.yaml]
cases:
  - name: ergänzt
    files: [centre-other.yaml]
    expect:
      - {rule: freistellung, subject: c2/l2, outcome: fail}
      - {rule: elterncafe, subject: c7, outcome: missing-data}
  - name: ersetzt
    files: [programme.yaml, centre-other.yaml]
    replaceFiles: true
    expect:
      - {rule: elterncafe, subject: c7, outcome: missing-data}
      - {rule: freistellung, subject: c2/l2, outcome: fail}
`})
	rep, err := rules.RunTestFile(context.Background(), filepath.Join(dir, "x_test.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %v", rep.Diagnostics)
	}
	want := []caseOutcome{{"ergänzt", true, false}, {"ersetzt", false, false}}
	if diff := cmp.Diff(want, outcomesOf(rep)); diff != "" {
		t.Fatalf("cases (-want +got):\n%s", diff)
	}
	// The replacing case does not read centre-short.yaml: c2 is unknown.
	ms := rep.Results[1].Mismatches
	if len(ms) != 1 || ms[0].Rule != "freistellung" || ms[0].Got != 0 {
		t.Errorf("the replacing case's mismatches = %+v, want one: freistellung c2/l2 without a result", ms)
	}
}

// TestBrokenFixtureReportedOnce checks that a fixture every case reads is
// reported once, and that the problems of reading it (the root cause)
// come before those of validation that follow from them, in the report
// and in each case's error.
func TestBrokenFixtureReportedOnce(t *testing.T) {
	for _, tt := range []struct {
		name, programme string
		// want are the summaries of the report's diagnostics in order.
		want      []string
		caseError string
	}{
		{
			name:      "misspelt field",
			programme: "programmes:\n  - id: musterstadt\n    name: Familienzentren Musterstadt\n    authoritty: Jugendamt Musterstadt\n    land: DE-HE\n    providers:\n      - {id: traeger-a, name: Träger A}\n",
			want:      []string{`unknown field "authoritty" in a programme; did you mean "authority"?`, `missing required field "authority"`},
			caseError: `the fixtures do not load: ` + "%DIR%" + `/programme.yaml:4:5: error: unknown field "authoritty" in a programme; did you mean "authority"? (at programmes[0].authoritty) (and 1 more error, listed below)`,
		},
		{
			name:      "syntax error",
			programme: "programmes:\n  - id: [\n",
			want:      []string{"YAML syntax: did not find expected node content", `unknown programme "musterstadt"`},
			caseError: `the fixtures do not load: ` + "%DIR%" + `/programme.yaml:2:3: error: YAML syntax: did not find expected node content (and 1 more error, listed below)`,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := caseTree(t, map[string]string{
				"x_test.yaml": `programme: fixture.yaml
period: 2024
files: [programme.yaml, centre-short.yaml]
cases:
  - name: eins
    expect:
      - {rule: freistellung, subject: c2/l2, outcome: fail}
  - name: zwei
    expect:
      - {rule: freistellung, subject: c2/l2, outcome: fail}
`})
			if err := os.WriteFile(filepath.Join(dir, "programme.yaml"), []byte(tt.programme), 0o644); err != nil {
				t.Fatal(err)
			}
			rep, err := rules.RunTestFile(context.Background(), filepath.Join(dir, "x_test.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range rep.Diagnostics {
				got = append(got, d.Summary)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
			want := strings.ReplaceAll(tt.caseError, "%DIR%", dir)
			for _, r := range rep.Results {
				if !r.Errored || r.Error != want {
					t.Errorf("case %s: errored %v, error\n%s\nwant\n%s", r.Case, r.Errored, r.Error, want)
				}
			}
		})
	}
}
