package rules

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/vm"
	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
)

// TestTypedCalls shows that the operators' functions are called with
// typed arguments (no list per call), that the tree keeps naming the
// functions for the analyses that read it, and that a failing call gives
// the same error as through the function table.
func TestTypedCalls(t *testing.T) {
	l := &loader{name: "typed.yaml", opts: newLoadConfig(nil)}
	env := envTypes(ScopeProgramme, reflect.TypeOf(struct{}{}), nil)
	env["n"] = 0
	env["d"] = date.Date{}
	prog, err := l.compileExpr("n + 1 > 0 and d < period.from and !d.After(period.from)", env)
	if err != nil {
		t.Fatal(err)
	}
	code := mustMachine(t, prog).Disassemble()
	if !strings.Contains(code, "OpCallTyped") || strings.Contains(code, "OpCall2") || strings.Contains(code, "OpMethod") {
		t.Errorf("the operators are not called typed:\n%s", code)
	}
	var callees []string
	ast.Find(prog.Node(), func(n ast.Node) bool {
		if c, ok := n.(*ast.CallNode); ok {
			if id, ok := c.Callee.(*ast.IdentifierNode); ok {
				callees = append(callees, id.Value)
			}
		}
		return false
	})
	if diff := cmp.Diff([]string{"intAdd"}, callees[:1]); diff != "" || len(callees) != 2 || !strings.Contains(prog.Node().String(), "d.After(period.from)") {
		t.Errorf("callees after compiling %v (-want +got):\n%s", callees, diff)
	}

	run := func(n int) (any, error) {
		vars := map[string]any{"n": n, "d": date.New(2024, 1, 1), varPeriod: Period{From: date.New(2024, 6, 1)}}
		return (&vm.VM{}).Run(mustMachine(t, prog), vars)
	}
	if got, err := run(1); err != nil || got != true {
		t.Errorf("n = 1: %v, %v; want true", got, err)
	}
	_, err = run(math.MaxInt)
	if err == nil || !strings.Contains(err.Error(), errOverflow.Error()) {
		t.Errorf("n = MaxInt: error %v, want %v", err, errOverflow)
	}
}
