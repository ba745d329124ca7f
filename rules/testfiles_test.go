package rules_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/rules"
)

// secretText stands for a file the test must never read: were it read,
// its unknown field would be named in a diagnostic.
const secretText = "geheimnis-4711: streng-vertraulich\n"

// confinedTree writes tree/secret.yaml (outside the tests) and
// tree/tests/ with the fixture programme and its data, and a test file
// whose case loads fixtures; it returns the tree and the test file.
func confinedTree(t *testing.T, programme string, fixtures ...string) (string, string) {
	t.Helper()
	tree := t.TempDir()
	tests := filepath.Join(tree, "tests")
	if err := os.MkdirAll(tests, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tree, "secret.yaml"), []byte(secretText), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"fixture.yaml", "programme.yaml"} {
		b, err := os.ReadFile(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(tests, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	quoted := make([]string, len(fixtures))
	for i, f := range fixtures {
		quoted[i] = `"` + f + `"`
	}
	text := "programme: " + programme + "\nperiod: 2024\nfiles: [programme.yaml]\ncases:\n" +
		"  - name: Fall\n    files: [" + strings.Join(quoted, ", ") + "]\n" +
		"    expect:\n      - {rule: freistellung, subject: c1/l1, outcome: pass}\n"
	name := filepath.Join(tests, "x_test.yaml")
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return tree, name
}

// errorsOf lists the error diagnostics of a report, one line each.
func errorsOf(rep *rules.TestReport) []string {
	var out []string
	for _, d := range rep.Diagnostics {
		if d.Severity == diag.Error {
			out = append(out, d.Error())
		}
	}
	return out
}

// assertNoLeak fails when anything in the report shows the secret file's
// content.
func assertNoLeak(t *testing.T, rep *rules.TestReport) {
	t.Helper()
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range rep.Diagnostics {
		b = append(b, d.Error()+d.Detail...)
	}
	if strings.Contains(string(b), "geheimnis") || strings.Contains(string(b), "vertraulich") {
		t.Errorf("the report shows the content of a file outside the test's tree:\n%s", b)
	}
}

// TestRuleTestFixtureEscapes: a fixture path that leads out of the test
// file's directory, by "..", as an absolute path or through a symbolic
// link, is an error that names the path and never shows the file's
// content (on main, files: [../../../../etc/shadow] printed that file's
// lines in the diagnostics).
func TestRuleTestFixtureEscapes(t *testing.T) {
	t.Run("dotdot", func(t *testing.T) {
		_, name := confinedTree(t, "fixture.yaml", "../secret.yaml")
		rep, err := rules.RunTestFile(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{name + `:6:13: error: the fixture "../secret.yaml" lies outside ` + filepath.Dir(name) + "/; it is not read"}
		if diff := cmp.Diff(want, errorsOf(rep)); diff != "" {
			t.Errorf("errors (-want +got):\n%s", diff)
		}
		if len(rep.Results) != 1 || !rep.Results[0].Errored {
			t.Errorf("the case should not run: %+v", rep.Results)
		}
		assertNoLeak(t, rep)
	})
	t.Run("absolute", func(t *testing.T) {
		tree := t.TempDir()
		secret := filepath.Join(tree, "secret.yaml")
		if err := os.WriteFile(secret, []byte(secretText), 0o644); err != nil {
			t.Fatal(err)
		}
		_, name := confinedTree(t, "fixture.yaml", secret)
		rep, err := rules.RunTestFile(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{name + `:6:13: error: the fixture "` + secret + `" lies outside ` + filepath.Dir(name) + "/; it is not read"}
		if diff := cmp.Diff(want, errorsOf(rep)); diff != "" {
			t.Errorf("errors (-want +got):\n%s", diff)
		}
		assertNoLeak(t, rep)
	})
	t.Run("symlink", func(t *testing.T) {
		tree, name := confinedTree(t, "fixture.yaml", "link.yaml")
		if err := os.Symlink(filepath.Join(tree, "secret.yaml"), filepath.Join(tree, "tests", "link.yaml")); err != nil {
			t.Skipf("cannot make a symbolic link: %v", err)
		}
		rep, err := rules.RunTestFile(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		got := errorsOf(rep)
		if len(got) != 1 || !strings.Contains(got[0], `the fixture "link.yaml" leads out of `) {
			t.Errorf("errors = %q, want one naming link.yaml as escaping the tree", got)
		}
		assertNoLeak(t, rep)
	})
	t.Run("programme", func(t *testing.T) {
		_, name := confinedTree(t, "../secret.yaml", "programme.yaml")
		rep, err := rules.RunTestFile(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{name + `:1:12: error: the rule file "../secret.yaml" lies outside ` + filepath.Dir(name) + "/; it is not read"}
		if diff := cmp.Diff(want, errorsOf(rep)); diff != "" {
			t.Errorf("errors (-want +got):\n%s", diff)
		}
		assertNoLeak(t, rep)
	})
}

// TestRuleTestWiderRoot: with a root above the test file's directory,
// fixtures beside it are read; a path out of that root is still refused.
func TestRuleTestWiderRoot(t *testing.T) {
	tree, name := confinedTree(t, "fixture.yaml", "../data/c.yaml")
	c := "centres:\n  - id: c1\n    name: Zentrum 1\n    programme: musterstadt\n    kind: family-centre\n    provider: traeger-a\n" +
		"    staff:\n      - {id: l1, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 2}\n"
	if err := os.MkdirAll(filepath.Join(tree, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tree, "data", "c.yaml"), []byte(c), 0o644); err != nil {
		t.Fatal(err)
	}
	rep, err := rules.RunTestFileIn(context.Background(), tree, name)
	if err != nil {
		t.Fatal(err)
	}
	if got := errorsOf(rep); len(got) != 0 || len(rep.Results) != 1 || !rep.Results[0].Passed {
		t.Errorf("with the root %s: errors %q, results %+v; want the case to pass", tree, got, rep.Results)
	}
	if _, err := rules.RunTestFileIn(context.Background(), filepath.Join(tree, "data"), name); err == nil ||
		!strings.Contains(err.Error(), "lies outside the root") {
		t.Errorf("a root that does not hold the test file: err = %v", err)
	}
}

// TestRuleTestContextEnds: a test whose rule never ends within the
// context's time errors with the context's error instead of running on.
func TestRuleTestContextEnds(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"35-slow-within-budget.yaml", "../dataset.yaml"} {
		b, err := os.ReadFile(filepath.Join("../testdata/bad/rules", f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	name := filepath.Join(dir, "loop_test.yaml")
	text := "programme: 35-slow-within-budget.yaml\nperiod: 2024\nfiles: [dataset.yaml]\ncases:\n" +
		"  - name: Schleife\n    expect:\n      - {rule: schleife, subject: c1, outcome: pass}\n"
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	rep, err := rules.RunTestFile(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Err() == nil {
		t.Fatal("RunTestFile returned before its context ended; the loop should run longer")
	}
	if len(rep.Results) != 1 || !rep.Results[0].Errored || !strings.Contains(rep.Results[0].Error, "context deadline exceeded") {
		t.Errorf("results = %+v, want one errored case naming the deadline", rep.Results)
	}
}
