package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The rule file of the bad-input corpus whose rule runs for more than ten
// seconds per centre within the cost ceiling and the step budget (only the
// time limit stops it), and the data it runs on.
const (
	cpuLoopRules = "../../testdata/bad/rules/35-slow-within-budget.yaml"
	cpuLoopData  = "../../testdata/bad/dataset.yaml"
)

// bounded runs the tool like transcript, but fails the test when the
// command has not returned within limit: a command that never ends must
// not hang the test run. It returns the transcript with dir replaced by
// "$TMP", standard output and the exit code.
func bounded(t *testing.T, limit time.Duration, dir string, args ...string) (string, string, int) {
	t.Helper()
	type ran struct {
		stdout, stderr string
		code           int
	}
	done := make(chan ran, 1)
	go func() {
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		done <- ran{stdout.String(), stderr.String(), code}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	select {
	case r := <-done:
		var b strings.Builder
		fmt.Fprintf(&b, "$ kiez %s\nexit %d\n--- stderr\n%s", strings.Join(args, " "), r.code, r.stderr)
		out := stripDurations(b.String())
		if dir != "" {
			out = strings.ReplaceAll(out, dir, "$TMP")
		}
		return out, r.stdout, r.code
	case <-ctx.Done():
		t.Fatalf("kiez %s did not return within %v", strings.Join(args, " "), limit)
		return "", "", 0
	}
}

// TestTimeout runs the never-ending rule of the bad-input corpus under
// every command that evaluates: each stops at its --timeout with exit 1
// and says so (on main, check and test never returned). The limit of the
// test itself is generous; what is asserted is that the command returns
// and reports its time limit.
func TestTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a rule until its time limit (about 6 s)")
	}
	// A rule test file for the looping rule, with the corpus files copied
	// beside it (a test reads fixtures only from its own tree).
	dir := t.TempDir()
	for _, f := range []string{cpuLoopRules, cpuLoopData} {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	testFile := filepath.Join(dir, "loop_test.yaml")
	testText := "programme: 35-slow-within-budget.yaml\nperiod: 2024\nfiles: [dataset.yaml]\ncases:\n" +
		"  - name: Schleife\n    expect:\n      - {rule: schleife, subject: c1, outcome: pass}\n"
	if err := os.WriteFile(testFile, []byte(testText), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		// stdout must hold this.
		stdout string
	}{
		{"timeout-check", []string{"check", "--rules", cpuLoopRules, "--period", "2024", "--timeout", "2s", cpuLoopData},
			"Abgebrochen: Das Zeitlimit (--timeout 2s) ist abgelaufen; die Ausgabe ist unvollständig."},
		{"timeout-check-json", []string{"check", "--rules", cpuLoopRules, "--period", "2024", "--timeout", "1s", "--format", "json", cpuLoopData}, "["},
		{"timeout-test", []string{"test", "--timeout", "1s", testFile},
			"Abgebrochen: Das Zeitlimit (--timeout 1s) ist abgelaufen; die Ausgabe ist unvollständig."},
		{"timeout-explain", []string{"explain", "--rule", "schleife", "--subject", "c1", "--rules", cpuLoopRules, "--period", "2024", "--timeout", "1s", cpuLoopData}, ""},
		{"timeout-report", []string{"report", "--rules", cpuLoopRules, "--period", "2024", "--timeout", "1s", cpuLoopData}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, stdout, code := bounded(t, time.Minute, dir, tt.args...)
			if code != exitProblems {
				t.Errorf("exit code %d, want %d", code, exitProblems)
			}
			if !strings.Contains(stdout, tt.stdout) {
				t.Errorf("standard output lacks %q:\n%s", tt.stdout, stdout)
			}
			if tt.stdout == "" && stdout != "" {
				t.Errorf("standard output should be empty:\n%s", stdout)
			}
			golden(t, filepath.Join("testdata", tt.name+".golden"), got)
		})
	}
}

// TestTimeoutUsage: a negative --timeout is wrong usage; 0 means no limit
// and a command that ends on its own is not cut short.
func TestTimeoutUsage(t *testing.T) {
	got, _, code := bounded(t, time.Minute, "", "check", "--rules", fixtureRules, "--period", "2024", "--timeout", "-1s", fixtureProg, fixtureCentre)
	if code != exitUsage {
		t.Errorf("exit code %d, want %d", code, exitUsage)
	}
	golden(t, filepath.Join("testdata", "timeout-negative.golden"), got)
	if _, _, code := bounded(t, time.Minute, "", "check", "--rules", fixtureRules, "--period", "2024", "--timeout", "0", fixtureProg, fixtureCentre); code != exitOK {
		t.Errorf("--timeout 0: exit code %d, want %d", code, exitOK)
	}
}
