package rules

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/rulefmt"
	"github.com/kiez-go/kiez/internal/schema"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

var update = flag.Bool("update", false, "rewrite golden files and generated docs")

// requiredKeys are the keys, "Type.Field", that a rule file must give:
// Load reports a missing (or empty) one as an error, which
// TestRequiredKeysMatchLoader checks. The reference and the schema mark
// them.
var requiredKeys = map[string]bool{
	"fileProgramme.Programme": true, "fileProgramme.Name": true,
	"fileRequirement.ID": true, "fileRequirement.Text": true,
	"fileParam.Type": true, "fileParam.History": true,
	"fileHistory.From": true, "fileHistory.Value": true,
	"fileRule.ID": true, "fileRule.Title": true, "fileRule.Requirements": true, "fileRule.Assert": true, "fileRule.Message": true,
	"fileManual.Requirement": true, "fileManual.Reason": true, "fileManual.Evidence": true,
}

// docOf returns the documentation of a key of the rule-file or test-file
// format, marked "Required." where the key is required.
func docOf(key string) string {
	d := formatDocs[key]
	if d == "" {
		d = testFormatDocs[key]
	}
	if requiredKeys[key] || requiredTestKeys[key] {
		d += " Required."
	}
	return d
}

// severityNames lists the severities a rule may have, as ParseSeverity
// reads them.
func severityNames() []string {
	var out []string
	for s := diag.Error; ; s++ {
		if _, err := diag.ParseSeverity(s.String()); err != nil {
			return out
		}
		out = append(out, s.String())
	}
}

// ifMissingNames lists the values of ifMissing: the outcomes an empty
// needs may give.
func ifMissingNames() []string {
	return []string{OutcomeMissingData.String(), OutcomeFail.String()}
}

// textSchema is the schema of a source.Text: a scalar that is not a
// boolean, which the decoder refuses for text ("Quote the value if it is
// meant as text").
var textSchema = map[string]any{"type": []string{"string", "number"}}

func ruleFileSchema(t *testing.T) []byte {
	t.Helper()
	b, err := schema.Generate(reflect.TypeOf(fileProgramme{}), schema.Options{
		ID:           "https://github.com/kiez-go/kiez/rules/rulefile.schema.json",
		Title:        "kiez rule file: the obligations of one funding programme",
		Descriptions: fileDescriptions(),
		Override: map[reflect.Type]map[string]any{
			reflect.TypeOf(source.Text{}):    textSchema,
			reflect.TypeOf(source.Entries{}): {"type": "object", "additionalProperties": map[string]any{"type": "string"}},
			reflect.TypeOf(&source.Node{}):   {"type": []string{"string", "number", "boolean", "array", "object"}},
		},
		Fields: map[string]map[string]any{
			"fileRule.Severity":     {"type": "string", "enum": severityNames()},
			"fileRule.Scope":        {"type": "string", "enum": ruleScopes},
			"fileRule.IfMissing":    {"type": "string", "enum": ifMissingNames()},
			"fileParam.Type":        {"type": "string", "enum": paramTypeNames()},
			"fileRule.Requirements": {"minItems": 1},
			"fileParam.History":     {"minItems": 1},
		},
		Required: requiredKeys,
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// formatField is a key of the rule-file format: its name in files and its
// key in formatDocs.
type formatField struct{ name, key string }

// formatFields lists the keys of a type of the file format in order, with
// those of embedded types (fileValidity …) in their place.
func formatFields(typ reflect.Type) []formatField {
	var out []formatField
	for i := 0; i < typ.NumField(); i++ {
		f := typ.Field(i)
		if f.Anonymous {
			out = append(out, formatFields(f.Type)...)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		out = append(out, formatField{name: name, key: typ.Name() + "." + f.Name})
	}
	return out
}

// fileDescriptions maps formatDocs to the names the schema generator uses.
func fileDescriptions() map[string]string {
	out := map[string]string{}
	for k := range formatDocs {
		out[k] = docOf(k)
	}
	return out
}

// orderedFields lists the keys of a type of the file format in the order
// in which kiez fmt writes them (rulefmt.KeyOrder); TestKeyOrderMatchesFormat
// checks that the order names every key.
func orderedFields(typ reflect.Type) []formatField {
	fields := formatFields(typ)
	rank := map[string]int{}
	for i, k := range rulefmt.KeyOrder(formatKind(typ), formatSection(typ)) {
		rank[k] = i
	}
	sort.SliceStable(fields, func(i, j int) bool { return rank[fields[i].name] < rank[fields[j].name] })
	return fields
}

// formatSection names the section of rulefmt.KeyOrder that a type of the
// file format is, and formatKind its kind of file.
func formatSection(typ reflect.Type) string {
	switch typ {
	case reflect.TypeOf(fileProgramme{}):
		return "programme"
	case reflect.TypeOf(fileTest{}):
		return "test"
	case reflect.TypeOf(fileTestCase{}):
		return "case"
	}
	return strings.ToLower(strings.TrimPrefix(typ.Name(), "file"))
}

func formatKind(typ reflect.Type) rulefmt.Kind {
	if strings.HasPrefix(typ.Name(), "fileTest") || typ == reflect.TypeOf(fileExpect{}) {
		return rulefmt.TestFile
	}
	return rulefmt.RuleFile
}

// ruleFormatTypes are the types of the rule-file format, in the order of
// the reference.
func ruleFormatTypes() []reflect.Type {
	return []reflect.Type{reflect.TypeOf(fileProgramme{}), reflect.TypeOf(fileSource{}), reflect.TypeOf(fileRequirement{}),
		reflect.TypeOf(fileCite{}), reflect.TypeOf(fileParam{}), reflect.TypeOf(fileHistory{}), reflect.TypeOf(fileRule{}), reflect.TypeOf(fileManual{})}
}

// TestKeyOrderMatchesFormat checks that the order of kiez fmt names
// exactly the keys of each type of the rule-file and test-file formats.
func TestKeyOrderMatchesFormat(t *testing.T) {
	for _, typ := range append(ruleFormatTypes(), testFormatTypes()...) {
		var keys []string
		for _, f := range formatFields(typ) {
			keys = append(keys, f.name)
		}
		order := rulefmt.KeyOrder(formatKind(typ), formatSection(typ))
		sort.Strings(keys)
		sort.Strings(order)
		if diff := cmp.Diff(keys, order); diff != "" {
			t.Errorf("%s: the keys of rulefmt.KeyOrder(%v, %q) differ from the format's (-format +KeyOrder):\n%s", typ.Name(), formatKind(typ), formatSection(typ), diff)
		}
	}
}

func TestFormatDocsComplete(t *testing.T) {
	for _, typ := range ruleFormatTypes() {
		for _, f := range formatFields(typ) {
			if formatDocs[f.key] == "" {
				t.Errorf("rule-file key %s is not documented in formatDocs", f.key)
			}
		}
	}
}

func TestRuleFileSchemaUpToDate(t *testing.T) {
	got := ruleFileSchema(t)
	if *update {
		if err := os.WriteFile("rulefile.schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if diff := cmp.Diff(string(Schema()), string(got)); diff != "" {
		t.Errorf("rulefile.schema.json is stale; run go test ./rules -run TestRuleFileSchemaUpToDate -update (-shipped +generated):\n%s", diff)
	}
}

// typeName names a Go type the way the reference shows it to rule authors.
func refType(t reflect.Type) string {
	switch t {
	case reflect.TypeOf(decimal.Decimal{}):
		return "decimal"
	case reflect.TypeOf(date.Date{}):
		return "date"
	case reflect.TypeOf(period.Period{}):
		return "duration"
	case reflect.TypeOf(Period{}):
		return "Period"
	case reflect.TypeOf(schedule.Target{}):
		// Not the Target of a target agreement (kiez.Target).
		return "CadenceTarget"
	case reflect.TypeOf(time.Month(0)):
		return "month number"
	case reflect.TypeOf(schedule.Unit(0)):
		return "unit"
	}
	switch t.Kind() {
	case reflect.Pointer:
		return refType(t.Elem())
	case reflect.Slice:
		return "list of " + refType(t.Elem())
	case reflect.Interface:
		return "any"
	case reflect.String:
		return "text"
	case reflect.Int, reflect.Int64:
		return "int"
	case reflect.Float64:
		return "number"
	case reflect.Bool:
		return "bool"
	case reflect.Map:
		return "map of " + refType(t.Elem())
	}
	return t.Name()
}

// signature renders a function type as name(a, b) result.
func signature(name string, fn any) string {
	ft := reflect.TypeOf(fn).Elem()
	args := make([]string, ft.NumIn())
	for i := range args {
		args[i] = refType(ft.In(i))
	}
	return fmt.Sprintf("%s(%s) → %s", name, strings.Join(args, ", "), refType(ft.Out(0)))
}

// modelTypes lists the types reachable from the variables, in the order
// they are first met.
func modelTypes() []reflect.Type {
	var out []reflect.Type
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] || t == reflect.TypeOf(date.Date{}) || t == reflect.TypeOf(decimal.Decimal{}) || t == reflect.TypeOf(period.Period{}) {
			return
		}
		seen[t] = true
		out = append(out, t)
		for i := 0; i < t.NumField(); i++ {
			if t.Field(i).Tag.Get("expr") != "" {
				walk(t.Field(i).Type)
			}
		}
	}
	for _, t := range []reflect.Type{reflect.TypeOf(kiez.Programme{}), reflect.TypeOf(kiez.Centre{}), reflect.TypeOf(Period{}),
		reflect.TypeOf(Cadence{}), reflect.TypeOf(GapCheck{}), reflect.TypeOf(HoursCheck{}), reflect.TypeOf(DayCoverage{}), reflect.TypeOf(schedule.Quantity{}), reflect.TypeOf(schedule.Bucket{})} {
		walk(t)
	}
	return out
}

func referenceMarkdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	w("# Regelreferenz / Rule-file reference\n\n")
	w("<!-- Generated by `go test ./rules -run TestReferenceUpToDate -update`; do not edit. -->\n\n")
	w("Every key of a rule file, every variable, field and function an expression may use. ")
	w("Expressions are [expr-lang](https://expr-lang.org/docs/language-definition) expressions; fields are written with the names of the data files. ")
	w("The guide for programme designers is [programmgestaltung.md](programmgestaltung.md); the terms are in the [glossary](glossary.md).\n\n")

	w("## File format\n\n")
	w("The keys of each part in the order in which `kiez fmt` writes them. The JSON Schema [`rules/rulefile.schema.json`](../rules/rulefile.schema.json) says the same for editors.\n\n")
	for _, typ := range ruleFormatTypes() {
		title := strings.TrimPrefix(typ.Name(), "file")
		w("### %s\n\n%s\n\n| key | description |\n|---|---|\n", title, formatDocs[typ.Name()])
		for _, f := range orderedFields(typ) {
			w("| `%s` | %s |\n", f.name, docOf(f.key))
		}
		w("\n")
	}
	writeTestFormat(w)

	w("## Param types\n\n| type | written as | in expressions |\n|---|---|---|\n")
	examples := map[string]string{"decimal": "`2` or `19.5`", "int": "`3`", "days": "`42`", "period": "`P6W`, `P1M`", "kinds": "`[elterncafe, babycafe]`", "groups": "`{fz-a: [kita-a, kita-b], fz-b: [kita-c]}`", "text": "`Text`", "bool": "`true`", "date": "`2024-01-01`"}
	for _, n := range paramTypeNames() {
		w("| `%s` | %s | %s |\n", n, examples[n], refType(paramTypes[n]))
	}

	w("\n## Variables\n\n| name | type | what |\n|---|---|---|\n")
	for _, v := range envVariables {
		w("| `%s` | %s | %s |\n", v.name, v.typ, v.doc)
	}

	writeValueTypes(w)

	w("\n## Types and fields\n\nFields of the data model as expressions see them (the names of the data files). Diagnostics and messages name each type in German, as given under its heading; a list is \"Liste von …\", an optional date \"optionales Datum\", a value of unknown type \"beliebiger Wert\". An optional field may be missing (see [Optional values](#optional-values)).\n")
	for _, t := range modelTypes() {
		words, _ := typeWordsOf(t.String())
		w("\n### %s\n\nIn diagnostics: %s.\n", refType(t), words.one)
		if n, ok := typeNotes[t]; ok {
			w("\n%s\n", n.text)
		}
		if rows := fieldRows(t); len(rows) > 0 {
			w("\n| field | type |\n|---|---|\n")
			for _, r := range rows {
				w("| `%s` | %s |\n", r[0], r[1])
			}
		}
	}

	w("\n## Functions\n")
	groups := map[string][]function{}
	var order []string
	for _, f := range functions() {
		if f.group == "operator" || f.group == "internal" {
			continue
		}
		if _, ok := groups[f.group]; !ok {
			order = append(order, f.group)
		}
		groups[f.group] = append(groups[f.group], f)
	}
	sort.Strings(order)
	for _, g := range order {
		w("\n### %s\n\n", g)
		fs := groups[g]
		sort.Slice(fs, func(i, j int) bool { return fs[i].name < fs[j].name })
		for _, f := range fs {
			w("- **`%s`** — %s\n", f.name, f.doc)
			// Signatures that differ only in a pointer (a record or an
			// optional one) read the same: each is listed once.
			shown := map[string]bool{}
			for _, typ := range f.types {
				if sig := signature(f.name, typ); !shown[sig] {
					shown[sig] = true
					w("  - `%s`\n", sig)
				}
			}
		}
	}
	w("\n## Operators\n\nOn decimals, `+ - * /` and `< <= > >= == !=` work exactly (no rounding), also against number literals (`item.hoursPerWeek >= 2`); `==` compares by value (`2 == 2.00`); dividing by zero makes the verdict an error. Dates compare with `< <= > >=` and `==`. expr's own operators and builtins (`and`, `or`, `not`, `in`, `len`, `filter`, `map`, `all`, `any`, `none`, `count`, `sum`, `first`, `last`, `uniq`, `let`, `?.`, `?:`, `??`, …) work as documented by expr. expr's builtins `now`, `duration` and `timezone` are switched off so that a verdict never depends on the clock or the machine's time zone, and expr's `date` (a point in time in the machine's time zone) is replaced by this library's `date(\"2024-03-15\")`, which gives a day (see dates); `period`, `params` and the data give every other date.\n")
	writeOptionalValues(w)
	w("\n## Outcomes\n\n| outcome | German | when |\n|---|---|---|\n")
	for _, o := range []struct {
		o    Outcome
		when string
	}{{OutcomePass, "assert is true"}, {OutcomeFail, "assert is false (or needs is empty and ifMissing is fail)"},
		{OutcomeNotApplicable, "when is false"}, {OutcomeWaived, "a waiver in the data covers the failure"},
		{OutcomeMissingData, "needs is empty: nothing was reported"}, {OutcomeError, "an expression failed, e.g. division by zero"}} {
		w("| `%s` | %s | %s |\n", o.o, o.o.Label(), o.when)
	}
	w("\nEvery result carries its message and evidence. An engine made with `rules.WithDetailsForProblemsOnly()` (as `kiez check --only problems` uses for its text tables) leaves them out for `pass` and `not-applicable`: the message is empty and there is no evidence. It runs the assertion before the evidence, so that a pass needs none; a pass or not-applicable result whose message, `notApplicable` text or evidence would fail stays a pass or not applicable instead of becoming `error`, and the steps such details would take do not count against the rule's budget. Every other outcome, with its message and evidence, is the same with and without it; `kiez explain` (`Engine.Explain`, on any engine) always shows every detail, and `kiez report` and `kiez check --format json` or `xlsx` evaluate without the option.\n")
	w("\n## Cost\n\nEvery rule's cost is estimated at load from its checked expressions (as cel-go's EstimateCost does): every node of an expression is one step; a loop (`all`, `any`, `filter`, `map`, `count`, `reduce` …) costs the declared size of its list times the cost of its predicate, so loops nested in each other multiply; a function or builtin that takes or gives a list costs that list's size, except a list the rule file writes out (a literal such as `[\"a\", \"b\"]` or a param), which the file bounds and the run-time budget does not count either; a rule with `each` runs its other expressions once per declared item. The declared sizes are generous upper estimates of real data, not limits:\n\n| list | declared size |\n|---|---|\n")
	for _, b := range costBounds() {
		w("| %s | %d |\n", b.what, b.n)
	}
	w("\nA range `a..b` of constants has its own length; the lets of a rule and of an expression keep the size of their list. A rule whose estimate exceeds %s steps (`rules.CostCeiling`) does not load: the error names the rule, the estimate and the ceiling. `kiez lint` lists each programme's costliest rules.\n\n", groupDigits(CostCeiling))
	w("At run time every rule has a budget of %s steps for one centre (`rules.DefaultStepBudget`; a programme rule has it once for every %d centres of the data begun). Steps are the iterations of loops inside a loop's predicate, of loops over lists that are not the data's records (ranges, lists built by the expression), the elements of lists handed to a function or to `sort`, `uniq`, `flatten`, `join` … inside a predicate, and the bytes of text joined with `+`. A rule that exceeds its budget is not judged (outcome `error`, \"Prüffehler\", with a German message naming the budget); the other rules go on. Work a function does on a single value (`upper` of a long text) is not counted; the evaluation's time limit (`--timeout`, the context) bounds it.\n", groupDigits(DefaultStepBudget), CostCentres)
	w("\n## Lint\n\n`kiez lint` (`rules.Lint`, `rules.LintEmbedded`, `rules.LintTests`) loads a rule file as every command does and then warns about what compiles but is silently wrong; `--strict` turns every warning into an error (exit code 1), for CI. A directory names its rule files (the YAML files with `programme:` at the top, not the `*_test.yaml`), each checked against its test file; a test file names the rule file it tests; an embedded programme id is checked against its embedded test file.\n\n| warning | example | what to do |\n|---|---|---|\n")
	for _, row := range [][3]string{
		{"an unquoted expression cut short by a YAML comment: ` #` starts a comment in a plain value", "`assert: all(map(centre.staff, .hoursPerWeek), # > 0)` is read as `all(map(centre.staff, .hoursPerWeek),`", "quote the expression, or write it as a block scalar; a comment after a complete expression is not warned about"},
		{"a `when` or `assert`, or an operand of its top-level `and`/`or`, that reads no data", "`when: 1 > 2` (always false), `assert: \"true\"`", "write the condition on the centre, the item or params, or remove it"},
		{"a vocabulary field compared with a text that is not a term of its vocabulary (`==`, `!=`, `in`, `\"x\" in .kinds`), with the closest term; for a closed vocabulary the comparison can never be true (`!=`: always true). `\"\"` (the field is not set) is allowed", "`item.role == \"leitung-familienzentrun\"`; `item.format == \"praesenz\"`", "correct the term (see the [glossary](glossary.md))"},
		{"a param no rule uses; a param whose requirements are all checked by hand (`manual:`) is for the reviewer or a report and is not warned about", "`minSessions` declared, never read", "use it, or remove it"},
		{"a let that no later let, `needs`, `assert`, message or evidence reads", "`let: {vergessen: len(centre.sessions)}`", "use it, or remove it"},
		{"a rule that no case of the test file names in its `expect:`", "a new rule without a test", "add a case that expects it to pass and one that expects it to fail"},
	} {
		w("| %s | %s | %s |\n", row[0], row[1], row[2])
	}
	w("\n## Explain\n\n`kiez explain` (`Engine.Explain`) evaluates one rule for one subject and shows, besides the result and the rule's text, the tree of every sub-expression that decided the verdict (`Explanation.Tree`, a list of `rules.Step`), in the terminal indented and with `--format json` as JSON: first each let of the rule with its value and the sub-expressions it came from, then the assertion. Each step has a `kind`, the sub-expression (`expr`), its value for people (`text`), the value itself when it is a plain value (`value`), the number of elements of a list (`count`) and its own `steps`:\n\n| kind | shown below it |\n|---|---|\n")
	for _, row := range [][2]string{
		{"`let`", "the let's expression (a let of the rule, or `let x = …;` inside an expression)"},
		{"`and`, `or`", "the operands up to the one that decided it; the rest are \"nicht ausgewertet\""},
		{"`compare`, `arith`, `not`", "both sides, the operand"},
		{"`call`", "the arguments of a function (literals and the variables `centre`, `item`, `period`, `params` are left out)"},
		{"`quantifier`", "`any`, `all`, `none`, `one`, `filter`, `count`, `find` …: the list, and an `elements` step with the elements that decided it (those for which the predicate holds; for `all` those for which it does not), with their number and the first eight by what identifies them"},
		{"`if`", "the condition and both branches"},
		{"`value`", "a field of a value computed before (`cadence(…).ok`): that value"},
	} {
		w("| %s | %s |\n", row[0], row[1])
	}
	w("\nA sub-expression inside a predicate (one that reads `#` or `.field`) is shown only through its quantifier. The tree is empty when the verdict was reached before the assertion (not applicable, a param without a value); a sub-expression that fails on its own shows \"Fehler: …\". `Explanation.Parts` keeps the top-level parts of the assertion as before.\n")
	w("\n## Periods\n\n`kiez check --period` and rule tests take a year (`2024`), a half-year (`2024-H1`), a quarter (`2024-Q3`), a month (`2024-03`) or a range with both ends included (`2024-01-01..2024-06-30`).\n")
	return b.String()
}

// TestReferenceUpToDate fails when docs/rules-reference.md no longer matches
// the environment; run with -update to regenerate it.
func TestReferenceUpToDate(t *testing.T) {
	const path = "../docs/rules-reference.md"
	got := referenceMarkdown()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s is stale; run go test ./rules -run TestReferenceUpToDate -update (-file +generated):\n%s", path, diff)
	}
}
