package report_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/whatif"
)

// impactInput compares the Bad Kreuznach rules with a copy whose
// Leitungsfreistellung is 3 h/week from 2025, for 2025.
func impactInput(t *testing.T) *whatif.Comparison {
	t.Helper()
	var bk programmeData
	for _, p := range testdata(t) {
		if p.dir == "bad-kreuznach" {
			bk = p
		}
	}
	old := bk.in.RuleSets()[0]
	raised, err := old.WithParams(rules.ParamOverride{Name: "leitungsfreistellung", From: date.New(2025, 1, 1), Value: "3"})
	if err != nil {
		t.Fatal(err)
	}
	year := rules.Year(2025)
	c, err := whatif.Compare(context.Background(), bk.in.Dataset(),
		whatif.Side{Label: "bisher", RuleSets: []*rules.RuleSet{old}, Period: year},
		whatif.Side{Label: "neu", RuleSets: []*rules.RuleSet{raised}, Period: year})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestGoldenImpact renders the impact report of the raised
// Leitungsfreistellung, internal and published, in every format.
func TestGoldenImpact(t *testing.T) {
	c := impactInput(t)
	for _, tc := range []struct {
		name string
		opts []report.Option
	}{
		{"bad-kreuznach-impact-2025", nil},
		{"bad-kreuznach-impact-2025-published", []report.Option{report.WithPublished()}},
		{"bad-kreuznach-impact-2025-en", []report.Option{report.WithLanguage(report.English)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := report.Impact(c, append(tc.opts, report.WithStamp(stamp))...)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range report.Formats() {
				var buf bytes.Buffer
				if err := report.Write(&buf, r, f); err != nil {
					t.Fatal(err)
				}
				if strings.HasSuffix(tc.name, "-published") && bytes.Contains(buf.Bytes(), []byte("lfz-1")) {
					t.Errorf("%s: the published report shows the staff id lfz-1", f)
				}
				checkGolden(t, tc.name+f.Ext(), buf.Bytes())
			}
		})
	}
}

// TestImpactNoChange builds the report of a comparison without changes.
func TestImpactNoChange(t *testing.T) {
	in := impactInput(t).Evaluation()
	side := whatif.Side{Label: "bisher", RuleSets: in.RuleSets(), Period: in.Period()}
	c, err := whatif.Compare(context.Background(), in.Dataset(), side, side)
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.Impact(c)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := report.Write(&buf, r, report.FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Kein Ergebnis ändert sich.") || strings.Contains(buf.String(), "Geänderte Ergebnisse") {
		t.Errorf("report of no change:\n%s", buf.String())
	}
	if _, err := report.Impact(nil); err == nil {
		t.Error("Impact(nil comparison): no error")
	}
}

// TestImpactParamsInLanguage: the changed params' values and histories
// are written in the report's language (2,5 / 2.5; 01.01.2025 / 2025-01-01).
func TestImpactParamsInLanguage(t *testing.T) {
	var bk programmeData
	for _, p := range testdata(t) {
		if p.dir == "bad-kreuznach" {
			bk = p
		}
	}
	old := bk.in.RuleSets()[0]
	raised, err := old.WithParams(rules.ParamOverride{Name: "leitungsfreistellung", From: date.New(2025, 1, 1), Value: "2.5"})
	if err != nil {
		t.Fatal(err)
	}
	year := rules.Year(2025)
	c, err := whatif.Compare(context.Background(), bk.in.Dataset(),
		whatif.Side{Label: "bisher", RuleSets: []*rules.RuleSet{old}, Period: year},
		whatif.Side{Label: "neu", RuleSets: []*rules.RuleSet{raised}, Period: year})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang      report.Language
		want, not string
	}{
		{report.German, "2,5 ab 01.01.2025", "2.5"},
		{report.English, "2.5 from 2025-01-01", "2,5"},
	} {
		r, err := report.Impact(c, report.WithLanguage(tc.lang))
		if err != nil {
			t.Fatal(err)
		}
		var params *report.Table
		for i := range r.Sections {
			for j := range r.Sections[i].Tables {
				if r.Sections[i].Tables[j].ID == "params" {
					params = &r.Sections[i].Tables[j]
				}
			}
		}
		if params == nil {
			t.Fatalf("%s: no params table", tc.lang)
		}
		var b strings.Builder
		for _, row := range params.Rows {
			for _, c := range row.Cells {
				b.WriteString(c.Text + " | ")
			}
		}
		if got := b.String(); !strings.Contains(got, tc.want) || strings.Contains(got, tc.not) {
			t.Errorf("%s: params table %q; want %q and no %q", tc.lang, got, tc.want, tc.not)
		}
	}
}
