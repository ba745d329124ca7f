package compile

import (
	"reflect"
	"testing"

	"github.com/expr-lang/expr/ast"
	"github.com/rickb777/date"
)

// TestTypedCallsKeepDerefs shows that a call whose argument expr would
// dereference for the function's declared signature keeps the table's
// implementation.
func TestTypedCallsKeepDerefs(t *testing.T) {
	fn := reflect.TypeOf(func(date.Date, date.Date) bool { return false })
	ptr := &ast.IdentifierNode{Value: "p"}
	ptr.SetType(reflect.TypeOf(&date.Date{}))
	val := &ast.IdentifierNode{Value: "v"}
	val.SetType(reflect.TypeOf(date.Date{}))
	if !derefsArgs(fn, []ast.Node{val, ptr}) {
		t.Error("a pointer for a date parameter: no dereference seen")
	}
	if derefsArgs(fn, []ast.Node{val, val}) {
		t.Error("two dates: a dereference seen")
	}
}
