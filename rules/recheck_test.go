package rules

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRecheckOnlyWhereHidden misspells, one at a time, every word of
// every shipped expression, and compiles the misspellings that still
// compile: the session's CheckNames finds the misspelt names and fields
// among them, and compileText asks it only for expressions of which the
// session's NeedsCheckNames says that they may hide one (a node of the
// tree hides a type, compile.MayHideNames, and the checker checked the
// tree again after a patcher changed it). Each misspelling the recheck
// finds must be in such an expression, or a typo would pass the load;
// and a misspelling whose program expr's compiler cannot build must be
// one the recheck finds, since that program is built only at run time.
func TestRecheckOnlyWhereHidden(t *testing.T) {
	word := regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	compiled, found, skipped := 0, 0, 0
	cache := newExprCache()
	for _, id := range Embedded() {
		p, diags := LoadEmbedded(id)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		for _, r := range p.Rules {
			for _, text := range ruleTexts(r) {
				for _, m := range word.FindAllStringIndex(text, -1) {
					typo := text[:m[1]] + "x" + text[m[1]:]
					l := &loader{name: p.File, cache: cache}
					prog, err := l.compileExpr(typo, r.envTypes)
					if err != nil {
						continue // reported without the recheck
					}
					compiled++
					hides := l.session().NeedsCheckNames(prog)
					if !hides {
						skipped++
					}
					err = l.session().CheckNames(typo, r.envTypes)
					if err != nil {
						found++
						if !hides {
							t.Errorf("%s: %q: the recheck finds %v, but NeedsCheckNames says the expression hides nothing", r.ID, typo, err)
						}
					}
					// expr's program is built when the expression first
					// runs: one its compiler cannot build must still be a
					// load error (two misspellings are).
					if _, merr := prog.Machine(); merr != nil && (err == nil || !hides) {
						t.Errorf("%s: %q: expr's compiler fails (%.80s…) but the load reports nothing", r.ID, typo, merr)
					}
				}
			}
		}
	}
	t.Logf("%d misspellings compiled, the recheck found %d, %d trees hide nothing", compiled, found, skipped)
	// The shipped programmes give about 890 misspellings that compile,
	// 270 of which only the recheck finds.
	if found < 100 || skipped == 0 {
		t.Errorf("%d misspellings compiled, the recheck found %d, %d trees hide nothing: too few to test NeedsCheckNames", compiled, found, skipped)
	}
}

// TestRecheckOutsideClosures loads rules whose misspelt names sit in the
// arguments of a function (with typed signatures) in an expression the
// operator patchers changed, without any closure: expr's checker loses
// them (see package compile's documentation), and the recheck finds them
// at load. They loaded without a diagnostic while the recheck ran only on
// expressions with closures.
func TestRecheckOutsideClosures(t *testing.T) {
	for _, tt := range []struct{ expr, want string }{
		{`coverage(staffOf(centrex, "kita", period), period) != nil`, `regeln.yaml:10:35: error: message: unknown name centrex; did you mean "centre"?`},
		{`addDays(peroid.from, 1) > period.from`, `regeln.yaml:10:26: error: message: unknown name peroid; did you mean "period"?`},
		{`addDays(period.form, 1) > period.from`, `regeln.yaml:10:33: error: message: type Zeitraum has no field form; did you mean "from"?`},
	} {
		src := `programme: musterstadt
name: Musterstadt
requirements:
  - {id: MS-01, text: Eine Anforderung.}
rules:
  - id: termine
    title: Termine
    requirements: [MS-01]
    assert: 'true'
    message: '{{ ` + tt.expr + ` }}'
`
		_, diags := Load("regeln.yaml", []byte(src), WithCompileWorkers(1))
		var got []string
		for _, d := range diags {
			got = append(got, d.Error())
		}
		if diff := cmp.Diff([]string{tt.want}, got); diff != "" {
			t.Errorf("%s: diagnostics (-want +got):\n%s", tt.expr, diff)
		}
	}
}
