package main

import (
	"bytes"
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestCheckXLSXEnglish: under --lang en the workbook of kiez check has
// English sheet names, headers, outcome and severity labels and document
// language.
func TestCheckXLSXEnglish(t *testing.T) {
	t.Setenv(nowEnv, testNow)
	t.Setenv(langEnv, "")
	var stdout, stderr bytes.Buffer
	args := []string{"check", "--lang", "en", "--format", "xlsx", "--rules", fixtureRules, "--period", "2024", "testdata/check-mixed.yaml"}
	if code := run(args, &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	f, err := excelize.OpenReader(bytes.NewReader(stdout.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if diff := cmp.Diff([]string{"Results", "Counts"}, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	results, err := f.GetRows("Results")
	if err != nil {
		t.Fatal(err)
	}
	counts, err := f.GetRows("Counts")
	if err != nil {
		t.Fatal(err)
	}
	if len(results) < 2 || len(counts) < 2 {
		t.Fatalf("results %q, counts %q", results, counts)
	}
	got := map[string][]string{"results header": results[0], "counts header": counts[0]}
	outcomes := map[string]bool{}
	severities := map[string]bool{}
	for _, row := range results[1:] {
		outcomes[row[3]] = true
		if len(row) > 4 && row[4] != "" {
			severities[row[4]] = true
		}
	}
	got["outcomes"] = slices.Sorted(maps.Keys(outcomes))
	got["severities"] = slices.Sorted(maps.Keys(severities))
	want := map[string][]string{
		"results header": {"Programme", "Rule", "Subject", "Outcome", "Severity", "Requirements", "Message"},
		"counts header":  {"Programme", "Subject", "pass", "fail", "not applicable", "waived", "missing data", "error", "total"},
		"outcomes":       {"error", "missing data", "not applicable", "pass", "waived"},
		"severities":     {"error", "info"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("workbook (-want +got):\n%s", diff)
	}
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if props.Language != "en-GB" {
		t.Errorf("document language %q, want en-GB", props.Language)
	}
}
