package compile

import (
	"context"
	"reflect"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
)

// The environment of the layer's tests: the variables of a rule's
// expressions as the rules package declares them (its envTypes), with
// types of the tests' own where the rules have theirs.

// testPeriod is the evaluated period.
type testPeriod struct {
	From  date.Date `expr:"from"`
	Until date.Date `expr:"until"`
}

// testCtx is the evaluation's state handed to the functions.
type testCtx struct{ context.Context }

// testEnv returns the variables of an expression of a centre rule (or a
// programme rule) with params of the given struct type and an item of
// the given type (nil: none).
func testEnv(centre bool, params reflect.Type, item reflect.Type) map[string]any {
	env := map[string]any{
		"programme": (*kiez.Programme)(nil),
		"period":    testPeriod{},
		"params":    reflect.New(params).Elem().Interface(),
		"centres":   []*kiez.Centre(nil),
		CtxVar:      (*testCtx)(nil),
	}
	if centre {
		env["centre"] = (*kiez.Centre)(nil)
	}
	if item != nil {
		env["item"] = reflect.New(item).Elem().Interface()
	}
	return env
}
