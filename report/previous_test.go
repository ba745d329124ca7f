package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// previousInput is the Bad Kreuznach testdata for 2024 with the
// comparison of 2023 and 2024 under the same rules.
func previousInput(t *testing.T) (*rules.Evaluation, *whatif.Comparison) {
	t.Helper()
	var bk programmeData
	for _, p := range testdata(t) {
		if p.dir == "bad-kreuznach" {
			bk = p
		}
	}
	c, err := whatif.Compare(context.Background(), bk.in.Dataset(),
		whatif.Side{Label: "2023", RuleSets: bk.in.RuleSets(), Period: rules.Year(2023)},
		whatif.Side{Label: "2024", RuleSets: bk.in.RuleSets(), Period: bk.in.Period()})
	if err != nil {
		t.Fatal(err)
	}
	return bk.in, c
}

// TestGoldenPreviousYear renders the centre and programme annual reports
// of 2024 with their Vorjahresvergleich, internal, published and in
// English, in every format.
func TestGoldenPreviousYear(t *testing.T) {
	in, c := previousInput(t)
	centre := centreOf["bad-kreuznach"]
	for _, tc := range []struct {
		name  string
		build func(opts ...report.Option) (*report.Report, error)
		opts  []report.Option
	}{
		{"bad-kreuznach-centre-annual-vorjahr", func(o ...report.Option) (*report.Report, error) { return report.CentreAnnual(in, centre, o...) }, nil},
		{"bad-kreuznach-centre-annual-vorjahr-published", func(o ...report.Option) (*report.Report, error) { return report.CentreAnnual(in, centre, o...) },
			[]report.Option{report.WithPublished()}},
		{"bad-kreuznach-programme-annual-vorjahr", func(o ...report.Option) (*report.Report, error) {
			return report.ProgrammeAnnual(in, "bad-kreuznach-familienzentren", o...)
		}, nil},
		{"bad-kreuznach-programme-annual-vorjahr-en", func(o ...report.Option) (*report.Report, error) {
			return report.ProgrammeAnnual(in, "bad-kreuznach-familienzentren", o...)
		}, []report.Option{report.WithLanguage(report.English)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := tc.build(append(tc.opts, report.WithStamp(stamp), report.WithPreviousYear(c))...)
			if err != nil {
				t.Fatal(err)
			}
			var sec *report.Section
			for i := range r.Sections {
				if r.Sections[i].ID == "previous-year" {
					sec = &r.Sections[i]
				}
			}
			if sec == nil {
				t.Fatal("no section previous-year")
			}
			for _, f := range report.Formats() {
				var buf bytes.Buffer
				if err := report.Write(&buf, r, f); err != nil {
					t.Fatal(err)
				}
				if strings.HasSuffix(tc.name, "-published") && bytes.Contains(buf.Bytes(), []byte("lfz-")) {
					t.Errorf("%s: the published report shows a staff id", f)
				}
				checkGolden(t, tc.name+f.Ext(), buf.Bytes())
			}
		})
	}
}

// TestPreviousYearChangesOfTheCentre shows that a centre's section lists
// exactly the comparison's changes of that centre.
func TestPreviousYearChangesOfTheCentre(t *testing.T) {
	in, c := previousInput(t)
	centre := centreOf["bad-kreuznach"]
	want := 0
	for _, ch := range c.Changes {
		if ch.Centre == centre {
			want++
		}
	}
	if want == 0 {
		t.Fatalf("the testdata shows no change of %s from 2023 to 2024; pick a centre with changes", centre)
	}
	r, err := report.CentreAnnual(in, centre, report.WithPreviousYear(c))
	if err != nil {
		t.Fatal(err)
	}
	got := -1
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			if tb.ID == "previous-changes" {
				got = len(tb.Rows)
			}
		}
	}
	if got != want {
		t.Errorf("the section lists %d changes, the comparison has %d for %s", got, want, centre)
	}
}

// TestPreviousYearWrongPeriod refuses a comparison that does not end with
// the report's period.
func TestPreviousYearWrongPeriod(t *testing.T) {
	in, _ := previousInput(t)
	side := whatif.Side{Label: "2025", RuleSets: in.RuleSets(), Period: rules.Year(2025)}
	c, err := whatif.Compare(context.Background(), in.Dataset(), side, side)
	if err != nil {
		t.Fatal(err)
	}
	_, err = report.CentreAnnual(in, centreOf["bad-kreuznach"], report.WithPreviousYear(c))
	if err == nil || !strings.Contains(err.Error(), "WithPreviousYear") {
		t.Errorf("error = %v, want one naming WithPreviousYear", err)
	}
}
