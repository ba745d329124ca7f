package rules

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
)

// ruleTexts lists the expression texts of a loaded rule: each, when,
// subject, lets, needs, assert, the expressions of its messages and its
// evidence.
func ruleTexts(r *Rule) []string {
	texts := slices.Concat([]string{r.Each, r.When, r.Subject, r.Needs, r.Assert}, r.LetExprs)
	for _, part := range slices.Concat(r.message, r.notApplicable, r.missingMsg) {
		if part.expr != nil {
			texts = append(texts, part.expr.text)
		}
	}
	for _, e := range r.evidence {
		if e != nil {
			texts = append(texts, e.text)
		}
	}
	return slices.DeleteFunc(texts, func(s string) bool { return strings.TrimSpace(s) == "" })
}

// TestLoadCacheKeepsRulesApart loads rules that write the same texts over
// different items and lets: each rule gets the diagnostics of its own
// environment, as when every expression was compiled on its own.
func TestLoadCacheKeepsRulesApart(t *testing.T) {
	src := `programme: musterstadt
name: Musterstadt
requirements:
  - {id: MS-01, text: Eine Anforderung.}
rules:
  - id: stellen
    title: Stellen
    requirements: [MS-01]
    each: centre.staff
    let: {n: item.releaseHoursPerWeek}
    assert: n >= 0
    message: "{{ item.releaseHoursPerWeek }} {{ n }}"
  - id: termine
    title: Termine
    requirements: [MS-01]
    each: centre.sessions
    let: {n: "'x'"}
    assert: n >= 0
    message: "{{ item.releaseHoursPerWeek }} {{ n }}"
`
	_, diags := Load("regeln.yaml", []byte(src), WithCompileWorkers(1))
	var got []string
	for _, d := range diags {
		got = append(got, d.Subject.String()+": "+d.Summary)
	}
	want := []string{
		`regeln.yaml:18:15: assert: invalid operation: >= (mismatched types Text and Ganzzahl)`,
		`regeln.yaml:19:23: message: type Termin has no field releaseHoursPerWeek`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("diagnostics (-want +got):\n%s", diff)
	}
}

// TestLoadCacheChangesNoDiagnostic loads every rule file of the
// bad-input corpus, the package's test files and the shipped programmes
// with the load's cache and without: the diagnostics and the rules'
// expressions are the same.
func TestLoadCacheChangesNoDiagnostic(t *testing.T) {
	files, _ := filepath.Glob("../testdata/bad/rules/*.yaml")
	more, _ := filepath.Glob("testdata/*.yaml")
	files = append(files, more...)
	for _, id := range Embedded() {
		files = append(files, "programmes/"+id+".yaml")
	}
	if len(files) < 40 {
		t.Fatalf("found %d rule files, want the corpus", len(files))
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		type loaded struct {
			diags []string
			rules []string
		}
		var got [2]loaded
		for i, cache := range []*exprCache{newExprCache(), nil} {
			p, diags := loadDecoded(name, data, decodeFile(data), nil, cache)
			for _, d := range diags {
				got[i].diags = append(got[i].diags, d.Error())
			}
			if p != nil {
				for _, r := range p.Rules {
					got[i].rules = append(got[i].rules, r.ID+": "+strings.Join(ruleTexts(r), " | "))
				}
			}
		}
		if diff := cmp.Diff(got[1], got[0], cmp.AllowUnexported(loaded{})); diff != "" {
			t.Errorf("%s: (-without cache +with):\n%s", name, diff)
		}
	}
}

// TestLoadEmbeddedConcurrently loads the embedded programmes on several
// goroutines at once, each load by itself and all together (run it with
// -race): they share the decoded files and, within LoadEmbeddedAll, the
// compiled expressions, and give the same programmes.
func TestLoadEmbeddedConcurrently(t *testing.T) {
	var wg sync.WaitGroup
	got := make([][]string, 6)
	for i := range got {
		wg.Go(func() {
			var progs []*RuleSet
			if i%2 == 0 {
				var diags diag.Diagnostics
				progs, diags = LoadEmbeddedAll()
				if diags.HasErrors() {
					t.Error(diags)
				}
			} else {
				for _, id := range Embedded() {
					p, diags := LoadEmbedded(id)
					if diags.HasErrors() {
						t.Error(diags)
						return
					}
					progs = append(progs, p)
				}
			}
			for _, p := range progs {
				for _, r := range p.Rules {
					got[i] = append(got[i], r.ID+": "+strings.Join(ruleTexts(r), " | "))
				}
			}
		})
	}
	wg.Wait()
	for i := 1; i < len(got); i++ {
		if diff := cmp.Diff(got[0], got[i]); diff != "" {
			t.Errorf("load %d differs from load 0:\n%s", i, diff)
		}
	}
}

// TestLoadEmbeddedOwnProgramme changes a loaded embedded programme where
// it holds lists from the rule file, and loads it again: the second load
// does not see the change (the decoded file is shared, the programme is
// not).
func TestLoadEmbeddedOwnProgramme(t *testing.T) {
	for _, id := range Embedded() {
		first, _ := LoadEmbedded(id)
		changed := 0
		for i := range first.Requirements {
			if len(first.Requirements[i].Check) > 0 {
				first.Requirements[i].Check[0] = "geändert"
				changed++
			}
		}
		for _, p := range first.Params {
			if len(p.Requirements) > 0 {
				p.Requirements[0] = "geändert"
				changed++
			}
		}
		if changed == 0 {
			continue
		}
		second, _ := LoadEmbedded(id)
		data, _ := EmbeddedSource(id)
		fromText, _ := Load(second.File, data)
		for i, r := range second.Requirements {
			if diff := cmp.Diff(fromText.Requirements[i].Check, r.Check); diff != "" {
				t.Errorf("%s: requirement %s: check (-Load +LoadEmbedded):\n%s", id, r.ID, diff)
			}
		}
		for i, p := range second.Params {
			if diff := cmp.Diff(fromText.Params[i].Requirements, p.Requirements); diff != "" {
				t.Errorf("%s: param %s: requirements (-Load +LoadEmbedded):\n%s", id, p.Name, diff)
			}
		}
	}
}
