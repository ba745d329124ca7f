package rules

import (
	"reflect"

	"github.com/kiez-go/kiez/kiez"
)

// The names of the variables of the expression environment.
const (
	varProgramme = "programme"
	varCentre    = "centre"
	varCentres   = "centres"
	varPeriod    = "period"
	varParams    = "params"
	varItem      = "item"
)

// envTypes returns the variables an expression of a rule may use, as zero
// values of their types, for the compiler.
func envTypes(scope Scope, params reflect.Type, item reflect.Type) map[string]any {
	env := map[string]any{
		varProgramme: (*kiez.Programme)(nil),
		varPeriod:    Period{},
		varParams:    reflect.New(params).Elem().Interface(),
		varCentres:   []*kiez.Centre(nil),
		ctxVar:       (*evalCtx)(nil),
	}
	if scope == ScopeCentre {
		env[varCentre] = (*kiez.Centre)(nil)
	}
	if item != nil {
		env[varItem] = reflect.New(item).Elem().Interface()
	}
	return env
}

// envVariables documents the variables for the reference.
var envVariables = []struct{ name, typ, doc string }{
	{varProgramme, "Programme", "the programme's records in the data: providers, programme-wide meetings, committees, evidence, closures"},
	{varCentres, "list of Centre", "the centres of the programme in the data"},
	{varCentre, "Centre", "the centre being checked (rules with scope centre)"},
	{varPeriod, "Period", "the evaluated period: period.from and period.until, both included"},
	{varParams, "Params", "the programme's params, each with the value in force on the period's first day"},
	{varItem, "element of each", "the item being checked (rules with an each expression)"},
}
