package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/kiez-go/kiez/rules"
)

// checkJSON runs kiez check on the shipped testdata for a period and
// returns the results.
func checkJSON(t *testing.T, period string) []rules.Result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	args := append([]string{"check", "--period", period, "--format", "json"}, testdataDirs...)
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("kiez check --period %s exited %d:\n%s", period, code, stderr.String())
	}
	results := checkResults(t, stdout.Bytes())
	return results
}

// TestTestdataWithoutErrors: over the shipped testdata, no rule of the
// embedded programmes fails to be checked in 2023, 2024 or 2025, nor in
// 2022, before the Bad Kreuznach rules apply.
func TestTestdataWithoutErrors(t *testing.T) {
	for _, period := range []string{"2022", "2023", "2024", "2025"} {
		t.Run(period, func(t *testing.T) {
			for _, r := range checkJSON(t, period) {
				if r.Outcome == rules.OutcomeError {
					t.Errorf("%s %s: %s", r.Subject, r.Rule, r.Message)
				}
			}
		})
	}
}

// TestTestdataBeforeValidFrom: the Bad Kreuznach rules apply from
// 01.01.2023 (validFrom); for 2022 every one of them is not applicable,
// with a German message naming the day.
func TestTestdataBeforeValidFrom(t *testing.T) {
	const want = "Die Regeln gelten ab 01.01.2023; der Zeitraum 01.01.2022–31.12.2022 liegt davor."
	n := 0
	for _, r := range checkJSON(t, "2022") {
		if r.Programme != "bad-kreuznach-familienzentren" {
			continue
		}
		n++
		if r.Outcome != rules.OutcomeNotApplicable || r.Message != want {
			t.Errorf("%s %s: %s %q, want not-applicable %q", r.Subject, r.Rule, r.Outcome, r.Message, want)
		}
	}
	if n == 0 {
		t.Error("no results for bad-kreuznach-familienzentren")
	}
}

// TestTestdataCheck2022Golden keeps the readable check output of the Bad
// Kreuznach testdata for 2022 as a golden file.
func TestTestdataCheck2022Golden(t *testing.T) {
	out, _ := transcript("check", "--period", "2022", "../../testdata/bad-kreuznach")
	if strings.Contains(out, "Prüffehler ") {
		t.Error("the 2022 output holds a Prüffehler")
	}
	golden(t, "testdata/check-testdata-2022.golden", out)
}
