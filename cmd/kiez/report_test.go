package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestReportAndPlanCommands(t *testing.T) {
	th := "../../testdata/thueringen"
	for name, args := range map[string][]string{
		"report-centre-vorjahr":    {"report", "--kind", "centre", "--centre", "fz-meisenheim", "--previous-period", "2023", "--period", "2024", "--format", "md", "../../testdata/bad-kreuznach"},
		"report-previous-kind":     {"report", "--kind", "staffing", "--programme", "thueringen-thekiz", "--previous-period", "2023", "--period", "2024", th},
		"report-staffing":          {"report", "--kind", "staffing", "--programme", "thueringen-thekiz", "--period", "2024", "--format", "md", th},
		"report-centre-published":  {"report", "--kind", "centre", "--centre", "thekiz-sonnenblume", "--published", "--period", "2024", "--format", "csv", th},
		"report-refuses-input":     {"report", "--out", th + "/programme.yaml", "--period", "2024", th},
		"report-centre-without-id": {"report", "--kind", "centre", "--period", "2024", th},
		"plan-table":               {"plan", "--programme", "thueringen-thekiz", "--year", "2025", th},
		"plan-no-year":             {"plan", "--programme", "thueringen-thekiz", th},
	} {
		t.Run(name, func(t *testing.T) {
			out, _ := transcript(args...)
			golden(t, filepath.Join("testdata", name+".golden"), out)
		})
	}
}

// TestReportOut writes a report and a calendar to files and checks that
// they hold what standard output would show, and that no temporary file
// is left behind.
func TestReportOut(t *testing.T) {
	dir := t.TempDir()
	th := "../../testdata/thueringen"
	out := filepath.Join(dir, "plan.md")
	ics := filepath.Join(dir, "plan.ics")
	if code := run([]string{"plan", "--programme", "thueringen-thekiz", "--year", "2025", "--out", out, "--ics", ics, th}, os.Stdout, os.Stderr); code != 0 {
		t.Fatalf("exit %d", code)
	}
	want, _ := transcript("plan", "--programme", "thueringen-thekiz", "--year", "2025", th)
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if want != "$ kiez plan --programme thueringen-thekiz --year 2025 "+th+"\nexit 0\n--- stdout\n"+string(got) {
		t.Error("the table written with --out differs from standard output")
	}
	if b, err := os.ReadFile(ics); err != nil || len(b) == 0 || string(b[:15]) != "BEGIN:VCALENDAR" {
		t.Errorf("the calendar file is missing or not iCalendar: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the directory holds %d entries, want the two files only", len(entries))
	}
}
