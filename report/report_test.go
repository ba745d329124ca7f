package report_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// programmeData is a programme of the shared testdata with its rules and
// the verdicts for 2024.
type programmeData struct {
	dir, id string
	in      *rules.Evaluation
}

// testProgrammes lists the shipped programmes and their data directories.
var testProgrammes = []struct{ dir, id string }{
	{"wiesbaden", "wiesbaden-kiez"},
	{"bad-kreuznach", "bad-kreuznach-familienzentren"},
	{"thueringen", "thueringen-thekiz"},
}

var loadOnce = sync.OnceValues(loadAll)

// loadAll loads each programme's 2024 data, its embedded rule file (when
// one exists) and the verdicts for 2024.
func loadAll() ([]programmeData, error) {
	var out []programmeData
	for _, p := range testProgrammes {
		ds, diags := kiez.LoadFiles(filepath.Join("..", "testdata", p.dir))
		diags = append(diags, ds.Validate()...)
		if diags.HasErrors() {
			return nil, diags
		}
		var sets []*rules.RuleSet
		if _, ok := rules.EmbeddedSource(p.id); ok {
			prog, diags := rules.LoadEmbedded(p.id)
			if diags.HasErrors() {
				return nil, diags
			}
			sets = []*rules.RuleSet{prog}
		}
		eng, err := rules.NewEngine(sets, rules.WithoutValidation()) // validated above
		if err != nil {
			return nil, err
		}
		ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
		if err != nil {
			return nil, err
		}
		out = append(out, programmeData{dir: p.dir, id: p.id, in: ev})
	}
	return out, nil
}

func testdata(t testing.TB) []programmeData {
	t.Helper()
	data, err := loadOnce()
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// stamp is the fixed time the golden reports are made.
var stamp = time.Date(2025, time.January, 15, 9, 0, 0, 0, time.UTC)

// centreOf names the centre whose annual report each programme's goldens
// hold.
var centreOf = map[string]string{
	"wiesbaden":     "kiez-sauerland",
	"bad-kreuznach": "fz-meisenheim",
	"thueringen":    "thekiz-regenbogen",
}

// goldenCase is one report of the golden tests.
type goldenCase struct {
	name  string
	build func() (*report.Report, error)
}

func goldenCases(t testing.TB) []goldenCase {
	var cases []goldenCase
	for _, p := range testdata(t) {
		in, id, centre := p.in, p.id, centreOf[p.dir]
		cases = append(cases,
			goldenCase{p.dir + "-compliance", func() (*report.Report, error) { return report.Compliance(in, report.WithStamp(stamp)) }},
			goldenCase{p.dir + "-centre-annual", func() (*report.Report, error) {
				return report.CentreAnnual(in, centre, report.WithStamp(stamp))
			}},
			goldenCase{p.dir + "-programme-annual", func() (*report.Report, error) {
				return report.ProgrammeAnnual(in, id, report.WithStamp(stamp))
			}},
			goldenCase{p.dir + "-staffing", func() (*report.Report, error) { return report.Staffing(in, id, report.WithStamp(stamp)) }},
			goldenCase{p.dir + "-plan-2025", func() (*report.Report, error) {
				r, _, err := report.Plan(in, id, 2025, report.WithStamp(stamp))
				return r, err
			}},
		)
		if p.dir == "bad-kreuznach" {
			cases = append(cases, goldenCase{p.dir + "-jahresbericht-sozialraumbudget-published", func() (*report.Report, error) {
				return report.ProgrammeAnnual(in, id, report.WithStamp(stamp), report.WithPublished(),
					report.WithTitle("Jahresbericht Sozialraumbudget 2024"))
			}})
		}
		if p.dir == "wiesbaden" {
			cases = append(cases, goldenCase{p.dir + "-centre-annual-en", func() (*report.Report, error) {
				return report.CentreAnnual(in, centre, report.WithStamp(stamp), report.WithLanguage(report.English))
			}})
		}
	}
	return cases
}

// checkGolden compares got with the golden file, or rewrites it with
// -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs from the golden file (-want +got; go test ./report -update regenerates it):\n%s", name, diff)
	}
}

// TestGolden renders every report of the 2024 testdata in every format
// and compares it with testdata/<report>.<ext>.
func TestGolden(t *testing.T) {
	for _, c := range goldenCases(t) {
		t.Run(c.name, func(t *testing.T) {
			r, err := c.build()
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range report.Formats() {
				var buf bytes.Buffer
				if err := report.Write(&buf, r, f); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, c.name+f.Ext(), buf.Bytes())
			}
		})
	}
}

// TestGoldenCalendar writes each programme's plan for 2025 as iCalendar.
func TestGoldenCalendar(t *testing.T) {
	for _, p := range testdata(t) {
		t.Run(p.dir, func(t *testing.T) {
			_, cal, err := report.Plan(p.in, p.id, 2025, report.WithStamp(stamp))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := cal.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, p.dir+"-plan-2025.ics", buf.Bytes())
		})
	}
}

// TestGoldenFixture renders the compliance report of the rules package's
// fixture programme, whose verdicts cover every outcome, and so does not
// change when the shipped rule files do.
func TestGoldenFixture(t *testing.T) {
	r := fixtureReport(t)
	for _, f := range report.Formats() {
		var buf bytes.Buffer
		if err := report.Write(&buf, r, f); err != nil {
			t.Fatal(err)
		}
		checkGolden(t, "fixture-compliance"+f.Ext(), buf.Bytes())
	}
}

func fixtureReport(t testing.TB) *report.Report {
	t.Helper()
	src, err := os.ReadFile("../rules/testdata/fixture.yaml")
	if err != nil {
		t.Fatal(err)
	}
	prog, diags := rules.Load("rules/testdata/fixture.yaml", src)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ds, diags := kiez.LoadFiles("../rules/testdata/programme.yaml", "../rules/testdata/centre-short.yaml")
	diags = append(diags, ds.Validate()...)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{prog})
	if err != nil {
		t.Fatal(err)
	}
	ev, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Compliance(ev, report.WithStamp(stamp))
	if err != nil {
		t.Fatal(err)
	}
	return r
}
