package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestInspectDiagnosticsAsLoad: an editor shows exactly what Load (and so
// kiez lint) reports, for the shipped programmes and the corpus of broken
// rule files.
func TestInspectDiagnosticsAsLoad(t *testing.T) {
	files, err := filepath.Glob("programmes/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bad, err := filepath.Glob(filepath.Join("..", "testdata", "bad", "rules", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range append(files, bad...) {
		if strings.HasSuffix(f, "_test.yaml") {
			continue
		}
		n++
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		_, want := Load(f, data)
		got := Inspect(f, data).Diagnostics
		if diff := cmp.Diff(want.Error(), got.Error()); diff != "" {
			t.Errorf("%s: Inspect's diagnostics differ from Load's (-Load +Inspect):\n%s", f, diff)
		}
	}
	if n < 20 {
		t.Errorf("checked %d files, want at least 20", n)
	}
}

func inspectBadKreuznach(t *testing.T) *Inspection {
	t.Helper()
	const f = "programmes/bad-kreuznach-familienzentren.yaml"
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	in := Inspect(f, data)
	if !in.Parsed || len(in.Rules) == 0 {
		t.Fatalf("Inspect read nothing: %v", in.Diagnostics)
	}
	return in
}

// centreRule returns the index of the first rule checked per centre.
func centreRule(t *testing.T, in *Inspection) int {
	t.Helper()
	for i := range in.Rules {
		if slices.Contains(memberNames(in.Variables(i)), "centre") {
			return i
		}
	}
	t.Fatal("no rule with scope centre")
	return -1
}

func memberNames(ms []Member) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

func TestInspectMembers(t *testing.T) {
	in := inspectBadKreuznach(t)
	rule := centreRule(t, in)
	centre, ok := in.Members(rule, "centre", false)
	if !ok {
		t.Fatal("no members of centre")
	}
	for _, want := range []string{"id", "kind", "staff", "location", "offers"} {
		if !slices.Contains(memberNames(centre), want) {
			t.Errorf("fields of centre lack %q: %v", want, memberNames(centre))
		}
	}
	if i := slices.IndexFunc(centre, func(m Member) bool { return m.Name == "kind" }); i < 0 || centre[i].Vocabulary != "centre-kind" || centre[i].Type != "Text" {
		t.Errorf("centre.kind: %+v", centre[i])
	}
	loc, _ := in.Members(rule, "centre.location", false)
	if !slices.Contains(memberNames(loc), "verbandsgemeinde") {
		t.Errorf("fields of centre.location lack verbandsgemeinde: %v", memberNames(loc))
	}
	staff, ok := in.Members(rule, `staffOf(centre, "", period)`, true)
	if !ok || !slices.Contains(memberNames(staff), "hoursPerWeek") {
		t.Errorf("fields of the elements of staffOf(…): %v, %v", memberNames(staff), ok)
	}
	params, _ := in.Members(rule, "params", false)
	var names []string
	for _, p := range in.Params {
		names = append(names, p.Name)
	}
	if diff := cmp.Diff(names, memberNames(params)); diff != "" {
		t.Errorf("fields of params differ from the params (-params +fields):\n%s", diff)
	}
	if _, ok := in.Members(rule, "centre.nosuchfield", false); ok {
		t.Error("a misspelt field has members")
	}
	if _, ok := in.Members(rule, "centre.id", false); ok {
		t.Error("text has members")
	}
	if _, ok := in.Members(-1, "centre", false); ok {
		t.Error("members of no rule")
	}
}

func TestInspectDeclarations(t *testing.T) {
	in := inspectBadKreuznach(t)
	p := in.Param("leitungsfreistellung")
	if p == nil {
		t.Fatal("no param leitungsfreistellung")
	}
	if got := p.At.Start; got.Line != 147 || got.Column != 3 {
		t.Errorf("param declared at %d:%d, want 147:3", got.Line, got.Column)
	}
	if len(p.History) == 0 {
		t.Error("param without history")
	}
	if r := in.Requirement("BK-04"); r == nil || r.Text == "" || r.At.Start.Line == 0 {
		t.Errorf("requirement BK-04: %+v", r)
	}
	var withLet *RuleDecl
	for i := range in.Rules {
		if len(in.Rules[i].Lets) > 0 && slices.Contains(memberNames(in.Variables(i)), "centre") {
			withLet = &in.Rules[i]
			break
		}
	}
	if withLet == nil {
		t.Fatal("no rule with a let")
	}
	i := in.RuleAt(withLet.Lets[0].At.Start.Line)
	if i < 0 || in.Rules[i].ID != withLet.ID {
		t.Errorf("RuleAt(line of the let) = %d, want rule %s", i, withLet.ID)
	}
	vars := memberNames(in.Variables(i))
	for _, want := range []string{"centre", "params", "period", withLet.Lets[0].Name} {
		if !slices.Contains(vars, want) {
			t.Errorf("variables of rule %s lack %q: %v", withLet.ID, want, vars)
		}
	}
	if slices.Contains(vars, ctxVar) {
		t.Error("the evaluation's state is offered as a variable")
	}
	// The rules cover the lines after the first rule without gaps, up to
	// the next top-level key.
	for j := 1; j < len(in.Rules); j++ {
		if in.Rules[j].At.Start.Line != in.Rules[j-1].EndLine+1 {
			t.Errorf("rule %s ends at %d, the next starts at %d", in.Rules[j-1].ID, in.Rules[j-1].EndLine, in.Rules[j].At.Start.Line)
		}
	}
}

func TestInspectBrokenFiles(t *testing.T) {
	for _, text := range []string{"", "::", "programme: [", "rules: 3", "rules:\n  - id: x\n    assert: centre.\n",
		"params:\n  a: {type: decimal, history: [{from: 2024-01-01, value: 1}]}\nrules:\n  - each: centre.nosuch\n    assert: item.\n"} {
		in := Inspect("x.yaml", []byte(text))
		if len(in.Diagnostics) == 0 {
			t.Errorf("%q: no diagnostics", text)
		}
		for r := range in.Rules {
			in.Members(r, "centre", false)
			in.Variables(r)
		}
	}
	in := Inspect("x.yaml", []byte("rules:\n  - id: x\n    assert: centre.\n"))
	if ms, ok := in.Members(0, "centre", false); !ok || len(ms) == 0 {
		t.Error("no fields of centre in a rule that does not compile")
	}
}

func TestFunctionsDocumented(t *testing.T) {
	fs := Functions()
	i := slices.IndexFunc(fs, func(f FunctionDoc) bool { return f.Name == "staffOf" })
	if i < 0 {
		t.Fatal("staffOf not listed")
	}
	if fs[i].Doc == "" || len(fs[i].Signatures) == 0 || !strings.HasPrefix(fs[i].Signatures[0], "staffOf(") {
		t.Errorf("staffOf: %+v", fs[i])
	}
	b := Builtins()
	if !slices.Contains(b, "filter") || slices.Contains(b, "now") {
		t.Errorf("builtins: %v", b)
	}
}

func TestCheckTestFile(t *testing.T) {
	data, err := os.ReadFile("programmes/bad-kreuznach-familienzentren_test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if d := CheckTestFile("x_test.yaml", data); len(d) != 0 {
		t.Errorf("shipped test file: %v", d)
	}
	d := CheckTestFile("x_test.yaml", []byte("programme: x\nperiod: 2024-Q5\ncasez: []\n"))
	if got := d.Error(); !strings.Contains(got, "x_test.yaml:2:9") || !strings.Contains(got, `"casez"`) {
		t.Errorf("diagnostics: %s", got)
	}
}
