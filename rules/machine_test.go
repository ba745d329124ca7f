package rules

import (
	"testing"

	"github.com/expr-lang/expr/vm"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// mustMachine returns expr's program of a compiled expression, built when
// first asked for; a build that fails fails the test.
func mustMachine(t testing.TB, prog *compile.Program) *vm.Program {
	t.Helper()
	m, err := prog.Machine()
	if err != nil {
		t.Fatalf("building the program: %v", err)
	}
	return m
}
