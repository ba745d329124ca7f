package rules_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// badRoot is the bad-input corpus shared with package kiez; see
// testdata/bad/README.md.
const badRoot = "../testdata/bad"

// badRuleFile matches the corpus's rule files: NN-name.yaml.
var badRuleFile = regexp.MustCompile(`^\d\d-[a-z0-9-]+\.yaml$`)

// badEvalTimeout bounds each evaluation of a corpus file. It is generous,
// so that no golden depends on the machine's speed: every file that is
// meant to finish does so in milliseconds (34-text-bomb.yaml within its
// step budget), and 35-slow-within-budget.yaml runs for more than ten
// seconds per centre unless Evaluate stops it.
const badEvalTimeout = 5 * time.Second

// badRulesKnownBugs lists the corpus files whose golden holds the output
// the library should give but does not yet; each is skipped with the
// reason until the bug is fixed. Remove the entry with the fix.
var badRulesKnownBugs = map[string]string{}

// knownBug skips a test case that fails because of a known bug, naming
// it. Set KIEZ_RUN_KNOWN_BUGS=1 to run such cases anyway, e.g. to check a
// fix; -update never rewrites their goldens, which hold the output the
// library should give.
func knownBug(t testing.TB, bug string) {
	t.Helper()
	if os.Getenv("KIEZ_RUN_KNOWN_BUGS") == "" {
		t.Skip("known bug: " + bug)
	}
}

// updateRuleGolden reports whether the test binary runs with -update. The
// flag is defined once per test binary (the reference test of package
// rules defines it); it is looked up so that this file does not depend on
// where.
func updateRuleGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// TestBadRules loads every rule file of the bad-input corpus with the
// checks of kiez lint and compares the output with the file's golden:
// the diagnostics of Lint (Load's and the stricter checks), one
// Diagnostic.Error() per line, and, for a file that loads, the results of
// evaluating it on testdata/bad/dataset.yaml for 2024, one Result.String()
// per line. Run with -update to rewrite the goldens; review the diff before
// committing it. For every file it also asserts that nothing panics, that
// there is an error diagnostic, a warning of Lint's own checks or an
// error result, and that every diagnostic and every error result names
// its place.
func TestBadRules(t *testing.T) {
	entries, err := os.ReadDir(filepath.Join(badRoot, "rules"))
	if err != nil {
		t.Fatal(err)
	}
	ds := badDataset(t)
	n := 0
	for _, e := range entries {
		name := e.Name()
		if !badRuleFile.MatchString(name) {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			bug, known := badRulesKnownBugs[name]
			if known {
				knownBug(t, bug)
			}
			file := "rules/" + name
			data, err := os.ReadFile(filepath.Join(badRoot, file))
			if err != nil {
				t.Fatal(err)
			}
			lines := runBadRules(t, file, data, ds)
			compareRuleGolden(t, filepath.Join(badRoot, file+".golden"), lines, known)
		})
	}
	if n < 20 {
		t.Errorf("the corpus holds %d rule files, want at least 20", n)
	}
}

// badDataset loads the small dataset the corpus's rule files are
// evaluated on.
func badDataset(t testing.TB) *kiez.Dataset {
	t.Helper()
	ds, diags := kiez.Load(os.DirFS(badRoot), "dataset.yaml")
	diags = append(diags, ds.Validate()...)
	if len(diags) > 0 {
		t.Fatalf("testdata/bad/dataset.yaml does not load cleanly:\n%v", diags)
	}
	return ds
}

// runBadRules loads a rule file and, when it loads, evaluates it; it
// checks the invariants of bad input and returns the lines to compare
// with the golden.
func runBadRules(t *testing.T, file string, data []byte, ds *kiez.Dataset) (lines []string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s panicked: %v\n%s", file, r, debug.Stack())
		}
	}()
	p, diags := rules.Lint(file, data)
	warned := false
	for _, d := range diags {
		warned = warned || d.Severity == diag.Warning && !strings.Contains(d.Summary, "is neither checked by a rule nor listed as manual")
		lines = append(lines, d.Error())
		if !ruleDiagNamesPlace(d, file) {
			t.Errorf("diagnostic does not name its place (a position in %s with line >= 1, or a data path): %q", file, d.Error())
		}
	}
	if diags.HasErrors() {
		if p != nil {
			t.Error("Load returned a programme despite errors")
		}
		return lines
	}
	if p == nil {
		t.Fatal("Load returned no programme and no error")
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{p}, rules.WithWorkers(1))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), badEvalTimeout)
	defer cancel()
	evRes, err := eng.Evaluate(ctx, ds, rules.Year(2024))
	res := evRes.Results()
	errs := 0
	for _, r := range res {
		lines = append(lines, r.String())
		if r.Outcome == rules.OutcomeError {
			errs++
			if !errorNamesPlace(r.Error, file) {
				t.Errorf("error result does not name its place (%s:line:col: …): %s", file, r)
			}
		}
	}
	if err != nil {
		lines = append(lines, "Evaluate: "+err.Error())
	}
	if errs == 0 && err == nil && !warned {
		t.Errorf("%s loads without error and without a warning of Lint, and evaluates without an error result", file)
	}
	return lines
}

// ruleDiagNamesPlace reports whether a diagnostic of a rule file names its
// place: a position in the file with line and column 1 or later, or, when
// it has no position, a data path.
func ruleDiagNamesPlace(d *diag.Diagnostic, file string) bool {
	if d.Subject != nil {
		// A position that is printed must be a real one: never
		// "file:0:0", never another file's.
		return d.Subject.Filename == file && d.Subject.Start.Line >= 1 && d.Subject.Start.Column >= 1
	}
	return d.Path != ""
}

// errorNamesPlace reports whether the error of a result starts with the
// rule file's name, a line of 1 or more and a column.
func errorNamesPlace(msg, file string) bool {
	rest, ok := strings.CutPrefix(msg, file+":")
	if !ok {
		return false
	}
	line, rest, ok := strings.Cut(rest, ":")
	if !ok {
		return false
	}
	col, _, ok := strings.Cut(rest, ":")
	if !ok {
		return false
	}
	l, err1 := strconv.Atoi(line)
	c, err2 := strconv.Atoi(col)
	return err1 == nil && err2 == nil && l >= 1 && c >= 1
}

// compareRuleGolden compares lines with a golden file, or rewrites it
// with -update.
func compareRuleGolden(t *testing.T, golden string, got []string, known bool) {
	t.Helper()
	text := strings.Join(got, "\n")
	if len(got) > 0 {
		text += "\n"
	}
	if updateRuleGolden() && !known {
		if err := os.WriteFile(golden, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	want := []string{}
	if len(b) > 0 {
		want = strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	}
	if got == nil {
		got = []string{}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s (-want +got):\n%s", golden, diff)
	}
}

// TestBadRulesGoldensHaveFiles guards against goldens left behind by a
// renamed or deleted corpus file.
func TestBadRulesGoldensHaveFiles(t *testing.T) {
	goldens, err := filepath.Glob(filepath.Join(badRoot, "rules", "*.golden"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goldens {
		if _, err := os.Stat(strings.TrimSuffix(g, ".golden")); err != nil {
			t.Errorf("golden without its file: %s", g)
		}
	}
}

// TestBadRulesLimits checks the bounds on a rule file's size and number
// of rules with inputs built in memory, too large to commit.
func TestBadRulesLimits(t *testing.T) {
	t.Run("file too large", func(t *testing.T) {
		data := []byte("programme: x\n" + strings.Repeat("# "+strings.Repeat("x", 1021)+"\n", rules.MaxFileSize/1024+1))
		p, diags := rules.Load("gross.yaml", data)
		want := []string{fmt.Sprintf("gross.yaml:1:1: error: the rule file is %d bytes; at most %d are allowed", len(data), rules.MaxFileSize)}
		if diff := cmp.Diff(want, diagStrings(diags)); diff != "" || p != nil {
			t.Errorf("programme %v, diagnostics (-want +got):\n%s", p, diff)
		}
	})
	t.Run("too many rules", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("programme: viele\nname: Viele Regeln\nrequirements:\n  - {id: VR-01, text: Eins.}\nrules:\n")
		for i := 0; i <= rules.MaxRules; i++ {
			fmt.Fprintf(&b, "  - {id: r%d, title: Regel, requirements: [VR-01], assert: \"true\", message: m}\n", i)
		}
		p, diags := rules.Load("viele.yaml", []byte(b.String()))
		want := []string{fmt.Sprintf("viele.yaml:6:3: error: the file has %d rules; at most %d are allowed", rules.MaxRules+1, rules.MaxRules)}
		if diff := cmp.Diff(want, diagStrings(diags)); diff != "" || p != nil {
			t.Errorf("programme %v, diagnostics (-want +got):\n%s", p, diff)
		}
	})
	t.Run("nodes bounded by option", func(t *testing.T) {
		// The same 200-node assertion loads by default and is refused
		// with WithMaxNodes(100).
		src := "programme: knoten\nname: Knoten\nrequirements:\n  - {id: KN-01, text: Eins.}\nrules:\n" +
			"  - id: r\n    title: Regel\n    requirements: [KN-01]\n    assert: " + strings.Repeat("1+", 99) + "1 > 0\n    message: m\n"
		if _, diags := rules.Load("knoten.yaml", []byte(src)); diags.HasErrors() {
			t.Fatalf("default bound: %v", diags)
		}
		_, diags := rules.Load("knoten.yaml", []byte(src), rules.WithMaxNodes(100))
		if !diags.HasErrors() || !strings.Contains(diags.Error(), "exceeds maximum allowed nodes") {
			t.Errorf("WithMaxNodes(100): %v, want a node-limit error", diags)
		}
		for _, d := range diags {
			if !ruleDiagNamesPlace(d, "knoten.yaml") {
				t.Errorf("no place: %s", d.Error())
			}
		}
	})
}

// TestBadRulesUnaryChain loads rule files of 1 to 4 MB, under MaxFileSize,
// whose assertion is a chain of 900,000 prefix operators ("!", "-", "not").
// MaxNesting counts only brackets, and expr's parser recurses once per
// prefix operator before it checks MaxNodes, so the chain overflows the
// goroutine stack: a fatal error that no recover catches and that ends the
// whole process. The files are built here, too large to commit.
func TestBadRulesUnaryChain(t *testing.T) {
	for _, op := range []string{"!", "-", "not "} {
		src := "programme: kette\nname: Kette\nrequirements:\n  - {id: KE-01, text: Eins.}\nrules:\n" +
			"  - id: r\n    title: Regel\n    requirements: [KE-01]\n    assert: \"" + strings.Repeat(op, 900_000) + "true\"\n    message: m\n"
		p, diags := rules.Load("kette.yaml", []byte(src))
		if p != nil || len(diags) != 1 || !diags.HasErrors() {
			t.Fatalf("%q × 900000: programme %v, diagnostics %v; want one error", op, p, diags)
		}
		d := diags[0]
		if d.Subject == nil || d.Subject.Start.Line != 9 || d.Subject.Start.Column < 13 || !strings.HasPrefix(d.Summary, "assert: ") {
			t.Errorf("%q × 900000: %s; want an assert error on line 9", op, d.Error())
		}
	}
}

func diagStrings(diags diag.Diagnostics) []string {
	out := []string{}
	for _, d := range diags {
		out = append(out, d.Error())
	}
	return out
}

// fuzzRuleTemplate is a rule of the fixture's programme that checks every
// staff position; FuzzExpression puts its input into the assertion.
const fuzzRuleTemplate = `  - id: fuzz
    title: Fuzz
    requirements: [MS-01]
    each: centre.staff
    assert: %s
    message: "{{ item.id }}"
`

// fuzzKnownBugs lists inputs of FuzzExpression's corpus that fail because
// of a known bug; they are skipped with the reason until it is fixed.
var fuzzKnownBugs = map[string]string{}

// FuzzExpression compiles a fuzzed expression as the assertion of a rule
// added to the fixture and, if the file loads, evaluates it with a 1 s
// context on the fixture data. The expression is written as a YAML
// double-quoted scalar, so that every input reaches the expression
// compiler. Nothing may panic; every load diagnostic and every error
// result must name its place.
func FuzzExpression(f *testing.F) {
	base, err := os.ReadFile("testdata/fixture.yaml")
	if err != nil {
		f.Fatal(err)
	}
	if !strings.Contains(string(base), "\nmanual:") {
		f.Fatal("testdata/fixture.yaml has no manual: section to insert the rule before")
	}
	ds, diags := kiez.LoadFiles("testdata/programme.yaml", "testdata/centre-short.yaml")
	if diags = append(diags, ds.Validate()...); diags.HasErrors() {
		f.Fatal(diags)
	}
	for _, s := range []string{
		"item.releaseHoursPerWeek >= params.releaseHours",
		`len(sessionsOf(centre, "elterncafe", period)) >= 12`,
		"all(centres, .provider != \"\")",
		"dec(len(centre.sessions)) / len(centre.evidence) >= 1",
		"len(centre.sessions) / len(centre.evidence) >= 1",
		"len(1..100000000) > 0",
		`len(repeat("x", 1000000000)) > 0`,
		`len(repeat("x", 1e9)) > 0`,
		strings.Repeat("(", 100) + "true" + strings.Repeat(")", 100),
		strings.Repeat("1+", 2500) + "1 > 0",
		"let a = 1..100; all(a, {all(a, {all(a, {# > 0})})})",
		`date("2024-02-30") < period.until`,
		`addPeriod(period.from, "6 Wochen") < period.until`,
		"centre.licence.granted < period.until",
		"item.releaseHoursPerWeek >= params.releasHours",
		"sesionsOf(centre)",
		"now().Year() == 2024",
		"{{ }}",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		if bug, ok := fuzzKnownBugs[expr]; ok {
			knownBug(t, bug)
		}
		rule := fmt.Sprintf(fuzzRuleTemplate, strconv.Quote(expr))
		src := strings.Replace(string(base), "\nmanual:", "\n"+rule+"manual:", 1)
		p, diags := rules.Load("fuzz.yaml", []byte(src))
		for _, d := range diags {
			if !ruleDiagNamesPlace(d, "fuzz.yaml") {
				t.Errorf("diagnostic does not name its place: %q", d.Error())
			}
		}
		if p == nil {
			if !diags.HasErrors() {
				t.Error("Load returned no programme and no error")
			}
			return
		}
		eng, err := rules.NewEngine([]*rules.RuleSet{p})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		evRes, err := eng.Evaluate(ctx, ds, rules.Year(2024))
		res := evRes.Results()
		if err != nil && !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Evaluate: %v", err)
		}
		for _, r := range res {
			if r.Outcome == rules.OutcomeError && !errorNamesPlace(r.Error, "fuzz.yaml") {
				t.Errorf("error result does not name its place: %s", r)
			}
		}
	})
}
