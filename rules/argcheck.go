package rules

import (
	"fmt"
	"strings"

	"github.com/expr-lang/expr/ast"
	"github.com/rickb777/date/period"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// Load-time checks of text arguments. Some functions take a text from a
// closed vocabulary (a unit such as "half-year") or in a fixed format (a
// date, a period, a decimal): a wrong one fails every subject at run
// time. argChecks names, per function and argument index (counted from 0,
// as documented, without the evaluation's state), a check of such a text.
// After an expression is type-checked, the loader checks each such
// argument that is a text literal, at the literal's position, and each
// that is a text or period param (params.x), against every value of the
// param's history, at that value's position, naming the rule that uses
// it. Adding a check to a function is one line here.
var argChecks = map[string]map[int]func(string) error{
	"buckets":   {1: checkUnit, 2: checkBucketPolicy},
	"cadence":   {2: checkUnit, 5: checkPolicy, 6: checkPolicy},
	"hoursPer":  {2: checkUnit, 4: checkPolicy, 5: checkPolicy},
	"span":      {1: checkRhythm},
	"rhythm":    {2: checkRhythm, 4: checkPolicy, 5: checkPolicy},
	"date":      {0: checkDate},
	"addPeriod": {1: checkPeriod},
	"dec":       {0: checkDecimal},

	"coverageAtLeast": {2: checkPositionField},
	"valueOn":         {1: checkPositionField},
	"minValue":        {1: checkPositionField},
	"spansBelow":      {1: checkPositionField},
}

// checkPositionField accepts the fields of a staff position that carry
// dated values (see positionFields).
func checkPositionField(s string) error { return positionField("", s) }

// checkUnit accepts the units of the cadence and bucket functions.
func checkUnit(s string) error {
	_, err := unitArg(s)
	return err
}

// checkPolicy accepts the edge policies of cadence, hoursPer and rhythm.
// An optional policy argument stands after an optional calendar, so it is
// declared at both places; a calendar there is no text and is not checked.
func checkPolicy(s string) error {
	_, err := parsePolicy(s)
	return err
}

// checkBucketPolicy accepts the edge policies buckets() can follow.
func checkBucketPolicy(s string) error {
	p, err := parsePolicy(s)
	if err != nil {
		return err
	}
	return bucketPolicy(p)
}

// checkRhythm accepts a calendar unit or a rolling ISO-8601 duration.
func checkRhythm(s string) error {
	_, err := parseRhythm(s)
	return err
}

// checkDate accepts a date as date() reads it.
func checkDate(s string) error {
	_, err := source.ParseDate(s)
	return err
}

// checkPeriod accepts an ISO-8601 period as addPeriod reads it.
func checkPeriod(s string) error {
	if _, err := period.Parse(s); err != nil || s == "" {
		return fmt.Errorf("%q is not an ISO-8601 period such as P6W or P1M", s)
	}
	return nil
}

// checkDecimal accepts a decimal as dec() reads it.
func checkDecimal(s string) error {
	_, err := source.ParseDecimal(s)
	return err
}

// paramText is one value of a text or period param as written, with its
// position, for the argument checks.
type paramText struct {
	value string
	at    diag.Pos
}

// paramTexts collects the values of the text and period params.
func (l *loader) paramTexts(f *fileProgramme) map[string][]paramText {
	out := map[string][]paramText{}
	for name, fp := range f.Params {
		if fp == nil || (fp.Type.Value != "text" && fp.Type.Value != "period") {
			continue
		}
		for _, h := range fp.History {
			if h.Value == nil || h.Value.Kind != source.KindScalar {
				continue // reported by params
			}
			v := h.Value.Value
			if fp.Type.Value == "period" {
				v = strings.TrimSpace(v)
			}
			out[name] = append(out[name], paramText{value: v, at: h.Value.Pos})
		}
	}
	return out
}

// checkArgs runs the argument checks on the calls of a compiled
// expression. locate gives the expression's text as written, for
// positions inside it; what names the expression ("each", "let x" …).
func (l *loader) checkArgs(root ast.Node, locate func() source.Text, what string) {
	compile.EachNode(root, func(n ast.Node) {
		call, ok := n.(*ast.CallNode)
		if !ok {
			return
		}
		id, ok := call.Callee.(*ast.IdentifierNode)
		if !ok {
			return
		}
		checks := argChecks[id.Value]
		if checks == nil {
			return
		}
		args := call.Arguments
		if len(args) > 0 {
			if c, ok := args[0].(*ast.IdentifierNode); ok && c.Value == ctxVar {
				args = args[1:] // the evaluation's state, added by the compiler
			}
		}
		for i, check := range checks {
			if i < len(args) {
				l.checkArg(id.Value, i, args[i], check, locate, what)
			}
		}
	})
	l.checkListCompare(root, locate, what)
}

// checkArg checks one argument: a text literal, or a text or period param.
func (l *loader) checkArg(fn string, i int, arg ast.Node, check func(string) error, locate func() source.Text, what string) {
	switch a := arg.(type) {
	case *ast.StringNode:
		if err := check(a.Value); err != nil {
			t := locate()
			lead := len([]rune(t.Value)) - len([]rune(strings.TrimLeft(t.Value, " \t\n")))
			at := source.Locate(l.data, t, a.Location().From+lead)
			l.errorf(l.at(at), "", "%s: argument %d of %s: %v", what, i+1, fn, err)
		}
	case *ast.MemberNode:
		base, ok := a.Node.(*ast.IdentifierNode)
		prop, ok2 := a.Property.(*ast.StringNode)
		if !ok || !ok2 || base.Value != varParams {
			return
		}
		values := l.paramValues[prop.Value]
		if len(values) == 0 {
			return
		}
		var where diag.Pos // the expression's start, found for the first error (locate reads the file)
		for _, v := range values {
			if err := check(v.value); err != nil {
				if where.Line == 0 {
					where = l.at(locate().Pos).Start
				}
				l.errorf(l.at(v.at), "Give a value the function accepts, or change what the rule does with the param.",
					"param %q: the value %q cannot be argument %d of %s in rule %s (%s at %s:%d:%d): %v",
					prop.Value, v.value, i+1, fn, l.ruleID, what, l.name, where.Line, where.Column, err)
			}
		}
	}
}
