package report_test

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
)

// germanWords are the words and forms of the formatter's German that must
// not appear in the evidence of an English report: German dates, decimal
// commas, ja/nein, "vom", the counted nouns and the words of the check
// summaries.
var germanWords = regexp.MustCompile(`\b\d{2}\.\d{2}\.\d{4}\b|\b\d{2}\.\d{2}\.[–)]|\d,\d|\b(ja|nein|vom|ab|bis|unbefristet|Termine?|Tage?|Wochen?|Monate?n?|Quartale?n?|Halbjahre?n?|Jahre?n?|Zeitr(aum|äume|äumen)|Stunden|insgesamt|lückenlos|nicht abgedeckt|zu wenige?|zu viele|zu lang|entschuldigt|geschlossen|angeschnitten|längste Lücke|Feiertage|keine Schließzeiten)\b`)

// englishWords are the converse for German reports: ISO dates, "dated",
// yes/no and the English of the check summaries.
var englishWords = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b|\b(yes|no|dated|from|until|open-ended|sessions?|days?|weeks?|months?|quarters?|half-years?|years?|hours in total|complete|not covered|too (few|many|long)|excused|closed|not judged|longest gap|public holidays|no closures)\b`)

// TestEvidenceLanguage builds every report kind that shows the evidence of
// verdicts (compliance, the centre report of every centre with its
// "required" table, the programme report) on the shipped testdata in
// English and in German, and fails when the evidence of an English report
// holds the formatter's German, or a German report its English. Strings
// of the evidence values (ids, titles, labels of the data, texts a rule
// built) are taken out first: they are the data's words, not the
// formatter's.
func TestEvidenceLanguage(t *testing.T) {
	for _, p := range testdata(t) {
		data := dataStrings(p.in)
		var builds []func(opts ...report.Option) (*report.Report, error)
		builds = append(builds,
			func(opts ...report.Option) (*report.Report, error) { return report.Compliance(p.in, opts...) },
			func(opts ...report.Option) (*report.Report, error) {
				return report.ProgrammeAnnual(p.in, p.id, opts...)
			},
		)
		for _, c := range p.in.Dataset().Centres {
			if c.Programme == p.id {
				builds = append(builds, func(opts ...report.Option) (*report.Report, error) {
					return report.CentreAnnual(p.in, c.ID, opts...)
				})
			}
		}
		cells := 0
		for _, build := range builds {
			for _, lang := range []report.Language{report.English, report.German} {
				r, err := build(report.WithStamp(stamp), report.WithLanguage(lang))
				if err != nil {
					t.Fatal(err)
				}
				bad := germanWords
				if lang == report.German {
					bad = englishWords
				}
				for _, cell := range evidenceCells(r) {
					cells++
					if m := bad.FindString(withoutData(cell, data)); m != "" {
						t.Errorf("%s %s report (%s): %q in the evidence %q", p.dir, r.Kind, lang, m, cell)
					}
				}
			}
		}
		if cells == 0 {
			t.Errorf("%s: no evidence in any report", p.dir)
		}
	}
}

// evidenceCells returns the texts of the evidence cells of the report's
// verdict tables (those with an outcome column) and of the shortfalls of
// the "required" table.
func evidenceCells(r *report.Report) []string {
	var out []string
	for _, s := range r.Sections {
		for _, tb := range s.Tables {
			verdicts := slices.ContainsFunc(tb.Columns, func(c report.Column) bool { return c.Key == "outcome" })
			for i, c := range tb.Columns {
				if !verdicts || (c.Key != "evidence" && c.Key != "short") {
					continue
				}
				for _, row := range tb.Rows {
					if text := row.Cells[i].Text; text != "" {
						out = append(out, text)
					}
				}
			}
		}
	}
	return out
}

// withoutData takes the evidence names ("name: " before each value) and
// the data's strings out of an evidence text.
func withoutData(text string, data []string) string {
	parts := strings.Split(text, "; ")
	for i, p := range parts {
		if _, v, ok := strings.Cut(p, ": "); ok {
			parts[i] = v
		}
	}
	text = strings.Join(parts, "; ")
	for _, s := range data {
		text = strings.ReplaceAll(text, s, "")
	}
	return text
}

// dataStrings collects the strings inside the evidence values of the
// evaluation, longest first.
func dataStrings(ev *rules.Evaluation) []string {
	seen := map[string]bool{}
	var walk func(v reflect.Value, depth int)
	walk = func(v reflect.Value, depth int) {
		if depth > 4 || !v.IsValid() {
			return
		}
		switch v.Kind() {
		case reflect.String:
			if s := v.String(); s != "" {
				seen[s] = true
			}
		case reflect.Interface, reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), depth)
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i), depth+1)
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i), depth+1)
				}
			}
		}
	}
	for _, r := range ev.Results() {
		for _, e := range r.Evidence {
			walk(reflect.ValueOf(e.Value), 0)
		}
	}
	// The closed days of a cadence check name the closures by their
	// labels, which the check keeps unexported.
	ds := ev.Dataset()
	for _, c := range ds.Centres {
		walk(reflect.ValueOf(c.Closures), 0)
	}
	for _, p := range ds.Programmes {
		walk(reflect.ValueOf(p.Closures), 0)
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b string) int { return len(b) - len(a) })
	return out
}
