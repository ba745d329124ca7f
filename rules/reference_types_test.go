package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

// The parts of the reference about values: the value types, the types
// whose fields carry Go's names, optional values and the # of a
// predicate. Every expression they show is compiled by
// TestReferenceExamplesCompile, so that the reference cannot show one
// that the loader refuses.

// typeNote explains a type of the model whose fields are not those of a
// data file: what it is and how an expression uses it, with examples.
type typeNote struct {
	text     string
	examples []string
}

// typeNotes are the notes under the headings of such types.
var typeNotes = map[reflect.Type]typeNote{
	reflect.TypeOf(kiez.Month{}): {
		text: "A calendar month, written `\"2024-03\"` in data files (`month` of a FacilitationHours). Its fields have Go's names, with a capital letter. `Month` is the month's number, of its own type: compare `int(m.Month)` with 1 to 12. `firstDay(m)` and `lastDay(m)` give its first and last day, `string(m)` the text `2024-03`.",
		examples: []string{
			"all(centre.facilitation, .month.Year == year(period.from))",
			"all(centre.facilitation, int(.month.Month) >= 1 && int(.month.Month) <= 12)",
			"all(centre.facilitation, firstDay(.month) >= period.from || lastDay(.month) <= period.until)",
			`all(centre.facilitation, string(.month) != "")`,
		},
	},
	reflect.TypeOf(schedule.Target{}): {
		text: "The target of a cadence check (in `detail.target` of a Cadence; not the Target of a target agreement): how many occurrences each bucket must have. Its fields have Go's names, with a capital letter. `Per` is the bucket's unit (`string(t.Per)` is `week`, `month`, `quarter`, `half-year` or `year`; empty for a rolling window), `Window` the rolling window's duration, `Min` the least number per bucket, `Max` the greatest (0: no maximum). `string(t)` writes it as `PER=week;MIN=1;MAX=0`.",
		examples: []string{
			`cadence(dates(sessionsOf(centre, "elterncafe", period)), period, "week", 1, 0).detail.target.Min == 1`,
			`string(cadence(dates(sessionsOf(centre, "elterncafe", period)), period, "week", 1, 0).detail.target.Per) == "week"`,
		},
	},
	reflect.TypeOf(timespan.DateRange{}): {
		text: "A range of days (`range` of a CountResult or WindowResult): the days a check judged. It has no fields; `r.Start()` is its first day and `r.Last()` its last, both dates; `string(r)` describes it.",
		examples: []string{
			`cadence(dates(sessionsOf(centre, "elterncafe", period)), period, "week", 1, 0).detail.range.Start() >= period.from`,
			`cadence(dates(sessionsOf(centre, "elterncafe", period)), period, "week", 1, 0).detail.range.Last() <= period.until`,
		},
	},
}

// valueType is a row of the table of value types.
type valueType struct {
	name    string
	typ     reflect.Type
	written string
	doc     string
}

// valueTypes are the types of single values, in the order of the table.
func valueTypes() []valueType {
	return []valueType{
		{"text", reflect.TypeOf(""), "`Text`, `\"2024-01\"`", "compares with `==`, `!=`, `in`; `+` joins texts"},
		{"int", reflect.TypeOf(0), "`3`", "a whole number; mixes with decimals in arithmetic and comparisons"},
		{"decimal", reflect.TypeOf(decimal.Decimal{}), "`2`, `19.5`", "exact: `+ - * /` and comparisons never round; `dec(n)` makes one of an int"},
		{"bool", reflect.TypeOf(false), "`true`, `false`", "`and`/`&&`, `or`/`||`, `not`/`!`"},
		{"date", reflect.TypeOf(date.Date{}), "`2024-03-15` in data files; `date(\"2024-03-15\")` in expressions", "a day; compares with `< <= > >= == !=`; see the dates functions (`days`, `addDays`, `year` …)"},
		{"optional date", reflect.TypeOf(&date.Date{}), "a date that may be missing (`until` of a position: open-ended)", "nil when missing; see [Optional values](#optional-values)"},
		{"duration", reflect.TypeOf(period.Period{}), "ISO 8601, `P6W`, `P1M` (param type `period`)", "a length of time; `string(d)` writes it, `d.Days()` is its whole days"},
		{"unit", reflect.TypeOf(schedule.Unit(0)), "`\"week\"`, `\"month\"`, `\"quarter\"`, `\"half-year\"`, `\"year\"` as arguments of the cadence functions", "a calendar bucket in a result (`per` of a SumResult); compare `string(u) == \"month\"`"},
		{"month number", reflect.TypeOf(time.Month(0)), "1 to 12 (`Month` of a Month)", "compare `int(m.Month)` with a number"},
		{"ClosedDays", reflect.TypeOf(ClosedDays{}), "made by `calendar(centre, programme)`", "the closed days a cadence, gap or hours check excuses; passed on, not read"},
	}
}

// writeValueTypes writes the table of value types.
func writeValueTypes(w func(format string, args ...any)) {
	w("\n## Value types\n\nThe types of single values. An \"optional X\" in the tables below is a value that may be missing, `nil`; a \"list of X\" works with expr's list builtins (`len`, `filter`, `map`, `all`, `any` …).\n\n| type | in diagnostics | written as | what |\n|---|---|---|---|\n")
	for _, v := range valueTypes() {
		words, ok := typeWordsOf(v.typ.String())
		if !ok {
			// Messages name the type as Go does.
			words.one = "`" + v.typ.String() + "`"
		}
		w("| %s | %s | %s | %s |\n", v.name, words.one, cell(v.written), cell(v.doc))
	}
}

// optionalExamples are the examples of the section on optional values,
// each with what it says.
var optionalExamples = []struct{ expr, says string }{
	{"all(centre.partners, .agreement != nil)", "every partner has a cooperation agreement (`agreement` is an optional record)"},
	{"all(centre.staff, .until == nil || .until >= period.until)", "every position is open-ended or lasts to the period's end (`until` is an optional date)"},
	{"all(centre.staff, (.until ?? period.until) >= period.until)", "the same with `??`: a missing `until` counts as the period's last day"},
	{"all(centre.partners, .agreement?.until == nil)", "no agreement has an end date; `?.` gives nil where the partner has no agreement at all"},
	{"all(centre.partners, (.agreement?.from ?? period.until) <= period.from)", "`?.` and `??` together: a partner without an agreement, or with one without a start, fails"},
}

// predicateExamples are the examples of the section on predicates.
var predicateExamples = []struct{ expr, says string }{
	{"all(centre.staff, .hoursPerWeek > 0)", "`.hoursPerWeek` is the field of the element at hand"},
	{"all(centre.staff, #.hoursPerWeek > 0)", "the same, with `#` written out"},
	{"any(dates(sessionsOf(centre, \"elterncafe\", period)), # >= period.from)", "`#` alone is the element itself, here a date"},
	{"reduce(centre.staff, #acc + 1, 0) == len(centre.staff)", "in `reduce`, `#acc` is the value so far"},
}

// writeOptionalValues writes the sections on optional values and on #.
func writeOptionalValues(w func(format string, args ...any)) {
	w("\n## Optional values\n\nA field marked \"optional\" in the tables may be missing in the data: an optional date (`until` of a position or an agreement: open-ended) or an optional record (`agreement` of a partner, `licence` of a centre). A missing value is `nil`:\n\n")
	w("- `x != nil` and `x == nil` test whether it is given.\n")
	w("- `x ?? y` is `x` when it is given, else `y`: a default.\n")
	w("- `r?.field` reads a field of an optional record and is `nil` when the record is missing; `r.field` on a missing record makes the verdict an error (\"… kann nicht gelesen werden, weil … nicht angegeben ist\").\n")
	w("- A missing date cannot be compared with `<`, `<=`, `>`, `>=`: the verdict is an error that says so. Test it with `== nil` first or give a default with `??`.\n\n| expression | says |\n|---|---|\n")
	for _, e := range optionalExamples {
		w("| `%s` | %s |\n", cell(e.expr), cell(e.says))
	}
	w("\n## Predicates and `#`\n\nThe second argument of `all`, `any`, `none`, `one`, `filter`, `map`, `count`, `sum`, `find`, `reduce` … is a predicate: an expression evaluated for each element of the list. In it, `#` is the element at hand and `.field` is short for `#.field`; `reduce` adds `#acc`, the value so far.\n\n| expression | says |\n|---|---|\n")
	for _, e := range predicateExamples {
		w("| `%s` | %s |\n", cell(e.expr), cell(e.says))
	}
	w("\nIn YAML, a `#` after a space starts a comment: `assert: all(centre.staff, # > 0)` ends after `all(centre.staff,` and the expression does not compile. Write such an expression in quotes, or as a block (`assert: |` with the expression on the next line, indented).\n")
}

// cell escapes the pipes of a table cell's text, which GitHub's tables
// would take for the cell's end even inside code.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// fieldRows lists the fields of a model type as expressions name them:
// the expr tags, or for a type without any (Month, the cadence target)
// its exported fields under Go's names.
func fieldRows(t reflect.Type) [][2]string {
	var rows [][2]string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if n := f.Tag.Get("expr"); n != "" {
			rows = append(rows, [2]string{n, fieldType(f.Type)})
		}
	}
	if len(rows) > 0 {
		return rows
	}
	for i := 0; i < t.NumField(); i++ {
		if f := t.Field(i); f.IsExported() {
			rows = append(rows, [2]string{f.Name, fieldType(f.Type)})
		}
	}
	return rows
}

// fieldType names the type of a field: as refType, with "optional" for a
// value that may be missing.
func fieldType(t reflect.Type) string {
	if t.Kind() == reflect.Pointer {
		return "optional " + refType(t.Elem())
	}
	return refType(t)
}

// exampleRule is a rule file around one assert, for
// TestReferenceExamplesCompile: a block scalar, so that the example needs
// no quoting.
const exampleRule = `programme: p
name: P
requirements:
  - {id: P-01, text: x}
rules:
  - id: r
    title: R
    requirements: [P-01]
    assert: |-
      %s
    message: m
`

// TestReferenceExamplesCompile checks that every expression the
// reference shows as an example compiles.
func TestReferenceExamplesCompile(t *testing.T) {
	var exprs []string
	for _, n := range typeNotes {
		exprs = append(exprs, n.examples...)
	}
	for _, e := range optionalExamples {
		exprs = append(exprs, e.expr)
	}
	for _, e := range predicateExamples {
		exprs = append(exprs, e.expr)
	}
	// The value types' advice.
	exprs = append(exprs,
		`string(hoursPer(facilitation(centre), period, "month", 2).detail.per) == "month"`,
		`all(centre.facilitation, int(.month.Month) == 3)`,
		`cadence(dates(sessionsOf(centre, "elterncafe", period)), period, "week", 1, 0).windows.window.Days() >= 0`,
		`string(cadence(dates(sessionsOf(centre, "elterncafe", period)), period, "week", 1, 0).windows.window) != ""`,
		`date("2024-03-15") < period.until`)
	for _, e := range exprs {
		if _, diags := Load("example.yaml", []byte(fmt.Sprintf(exampleRule, e))); diags.HasErrors() {
			t.Errorf("the reference's example %q does not compile: %v", e, diags)
		}
	}
}

// TestReferenceTypesDistinct checks that no two types of the reference
// share a heading and that every type lists fields or has a note.
func TestReferenceTypesDistinct(t *testing.T) {
	seen := map[string]reflect.Type{}
	for _, typ := range modelTypes() {
		name := refType(typ)
		if other, ok := seen[name]; ok {
			t.Errorf("%s and %s are both shown as %s", other, typ, name)
		}
		seen[name] = typ
		if len(fieldRows(typ)) == 0 && typeNotes[typ].text == "" {
			t.Errorf("%s (%s) has no fields in the reference and no note", name, typ)
		}
	}
	for _, v := range valueTypes() {
		if got := fieldType(v.typ); got != v.name {
			t.Errorf("value type %s: the tables name %s %q", v.name, v.typ, got)
		}
	}
}

// optionalData is a centre with what the optional-value examples test:
// a position without an end and one with, a partner with an agreement
// without an end and one without an agreement.
const optionalData = `centres:
  - id: c1
    name: Zentrum 1
    programme: musterstadt
    kind: family-centre
    provider: traeger-a
    staff:
      - {id: l1, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 2}
      - {id: f1, role: fachkraft, hoursPerWeek: 20, from: 2023-01-01, until: 2024-06-30}
    partners:
      - {id: p1, name: Kita A, kind: kita, agreement: {signed: 2023-01-01, from: 2023-01-01}}
      - {id: p2, name: Schule B, kind: school}
`

// TestReferenceOptionalExamplesRun checks that the examples of optional
// values judge data with missing values without an error: what the
// reference says about nil, ?. and ?? holds when the rules run.
func TestReferenceOptionalExamplesRun(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "c.yaml"), []byte(optionalData), 0o644); err != nil {
		t.Fatal(err)
	}
	ds, diags := kiez.LoadFiles("testdata/programme.yaml", filepath.Join(dir, "c.yaml"))
	diags = append(diags, ds.Validate()...)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, e := range optionalExamples {
		src := strings.Replace(fmt.Sprintf(exampleRule, e.expr), "programme: p", "programme: musterstadt", 1)
		p, diags := Load("example.yaml", []byte(src))
		if diags.HasErrors() {
			t.Fatalf("%s: %v", e.expr, diags)
		}
		eng, err := NewEngine([]*RuleSet{p})
		if err != nil {
			t.Fatal(err)
		}
		evResults, err := eng.Evaluate(context.Background(), ds, Year(2024))
		results := evResults.Results()
		if err != nil {
			t.Fatal(err)
		}
		judged := 0
		for _, r := range results {
			if r.Rule == "r" && r.Subject == "c1" {
				judged++
			}
			if r.Outcome == OutcomeError {
				t.Errorf("%s: %s", e.expr, r.Message)
			}
		}
		if judged != 1 {
			t.Errorf("%s: %d results for c1, want 1", e.expr, judged)
		}
	}
}
