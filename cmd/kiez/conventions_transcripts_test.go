package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// testDurations matches the run time of a rule test case in JSON, which
// differs from run to run.
var testDurations = regexp.MustCompile(`"duration": \d+`)

// TestConventionTranscripts keeps golden transcripts of the CLI
// conventions of issue 18 that had none: report --csv-tables (with the
// files it wrote) and its usage error, test --format json, the plan's
// calendar updated against --previous, and the same usage error in
// English. The temporary directory is written $TMP.
func TestConventionTranscripts(t *testing.T) {
	t.Setenv(langEnv, "")
	t.Setenv(nowEnv, testNow)
	tmp := t.TempDir()
	at := func(name string) string { return filepath.Join(tmp, name) }
	report := []string{"report", "--rules", fixtureRules, "--period", "2024"}
	data := []string{fixtureProg, fixtureCentre}
	plan := []string{"plan", "--programme", "thueringen-thekiz", "--year", "2025", "-o", at("plan.md"), "--ics", at("plan.ics")}
	for _, tt := range []struct {
		name string
		args []string
		code int
		// dir is a directory whose files the transcript lists.
		dir string
	}{
		{"report-csv-tables", append(append(report[:len(report):len(report)], "--csv-tables", at("tabellen")), data...), 0, at("tabellen")},
		{"report-csv-tables-with-out", append(append(report[:len(report):len(report)], "--csv-tables", at("t2"), "-o", at("r.md")), data...), 2, ""},
		{"report-csv-tables-with-out-en", append(append(report[:len(report):len(report)], "--lang", "en", "--csv-tables", at("t2"), "-o", at("r.md")), data...), 2, ""},
		{"test-json", []string{"test", "--format", "json", "--root", "../..", "testdata/failing-tests.yaml"}, 1, ""},
		{"plan-ics-new", append(plan[:len(plan):len(plan)], thDir), 0, ""},
		{"plan-ics-previous", append(plan[:len(plan):len(plan)], "--previous", at("plan.ics"), thDir), 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, code := transcript(tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			if tt.dir != "" {
				entries, err := os.ReadDir(tt.dir)
				if err != nil {
					t.Fatal(err)
				}
				got += "--- files\n"
				for _, e := range entries {
					got += e.Name() + "\n"
				}
			}
			got = testDurations.ReplaceAllString(strings.ReplaceAll(got, tmp, "$TMP"), `"duration": 0`)
			golden(t, filepath.Join("testdata", tt.name+".golden"), got)
		})
	}
}
