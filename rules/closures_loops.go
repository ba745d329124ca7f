package rules

import (
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/vm/runtime"
)

// The builtins of the typed closures (closures.go): the loops (all, any,
// filter, map, count, sum, find …) walk a list by reflection without
// copying its elements into interfaces, in the machine's order and with
// its results; the other builtins (len, join, upper …) are called as the
// machine calls them.

// loopNames are the loops the closures cover; groupBy, sortBy and reduce
// run on the machine.
var loopNames = map[string]bool{"all": true, "none": true, "any": true, "one": true, "filter": true, "map": true,
	"count": true, "sum": true, "find": true, "findIndex": true, "findLast": true, "findLastIndex": true}

func (cc *closureCompiler) builtin(n *ast.BuiltinNode) (*cnode, error) {
	if loopNames[n.Name] {
		return cc.loop(n)
	}
	switch n.Name {
	case "groupBy", "sortBy", "reduce":
		return nil, errUncovered
	}
	id, ok := builtin.Index[n.Name]
	if !ok {
		return nil, errUncovered
	}
	fn := builtin.Builtins[id]
	if fn.Safe != nil || (fn.Fast == nil && fn.Func == nil) || (fn.Fast != nil && len(n.Arguments) != 1) {
		return nil, errUncovered
	}
	args := make([]func(*cframe) (any, error), len(n.Arguments))
	for i, a := range n.Arguments {
		c, err := cc.compile(a)
		if err != nil {
			return nil, err
		}
		args[i] = c.any
		t := a.Type()
		if t == nil || (t.Kind() == reflect.Interface && t.NumMethod() > 0) {
			return nil, errUncovered
		}
		if t.Kind() == reflect.Pointer || t.Kind() == reflect.Interface {
			if fn.Deref == nil || fn.Deref(i, t) {
				args[i] = derefArg(c.any)
			}
		}
	}
	out := &cnode{typ: n.Type()}
	if fast := fn.Fast; fast != nil {
		a := args[0]
		out.any = func(f *cframe) (any, error) {
			v, err := a(f)
			if err != nil {
				return nil, err
			}
			return fast(v), nil
		}
		return out, nil
	}
	call := fn.Func
	out.any = func(f *cframe) (any, error) {
		vs := make([]any, len(args))
		for i, a := range args {
			v, err := a(f)
			if err != nil {
				return nil, err
			}
			vs[i] = v
		}
		return call(vs...)
	}
	return out, nil
}

// loopParts are the compiled parts of a loop.
type loopParts struct {
	list func(*cframe) (reflect.Value, error)
	pred *cnode // nil when the loop has none (count(list) of truth values, sum(list))
	mp   *cnode // the map folded into filter or find by expr's optimizer
}

func (cc *closureCompiler) loop(n *ast.BuiltinNode) (*cnode, error) {
	if len(n.Arguments) < 1 || len(n.Arguments) > 2 {
		return nil, errUncovered
	}
	list, err := cc.operand(n.Arguments[0])
	if err != nil {
		return nil, err
	}
	var p loopParts
	p.list = list.valFn()
	cc.loops++
	defer func() { cc.loops-- }()
	if len(n.Arguments) == 2 {
		pn, ok := n.Arguments[1].(*ast.PredicateNode)
		if !ok {
			return nil, errUncovered
		}
		if p.pred, err = cc.compile(pn.Node); err != nil {
			return nil, err
		}
	} else if n.Name != "count" && n.Name != "sum" {
		return nil, errUncovered
	}
	if n.Map != nil {
		if n.Name != "filter" && n.Name != "find" && n.Name != "findLast" {
			return nil, errUncovered
		}
		if p.mp, err = cc.compile(n.Map); err != nil {
			return nil, err
		}
	}
	out := &cnode{typ: n.Type()}
	switch n.Name {
	case "all", "none", "any":
		out.b = p.quantifier(n.Name)
	case "one":
		out.b = p.one()
	case "count":
		out.i = p.count(n.Threshold)
	case "filter":
		out.any = p.filter()
	case "map":
		out.any = p.mapped()
	case "sum":
		out.any = p.sum()
	default: // find, findIndex, findLast, findLastIndex
		out.any = p.find(n.Name, n.Throws)
	}
	return typed(out), nil
}

// each walks the list: body gets each element's index in turn and says
// whether to go on. The list must be a list (or an array): the machine
// fails on anything else.
func (p *loopParts) each(f *cframe, backwards bool, body func(i int) (bool, error)) error {
	v, err := p.list(f)
	if err != nil {
		return err
	}
	if k := v.Kind(); k != reflect.Slice && k != reflect.Array {
		return errClosure
	}
	depth := len(f.scope)
	f.scope = append(f.scope, cscope{list: v})
	defer func() { f.scope = f.scope[:depth] }()
	n := v.Len()
	for k := 0; k < n; k++ {
		i := k
		if backwards {
			i = n - 1 - k
		}
		f.scope[depth].index = i
		more, err := body(i)
		if err != nil {
			return err
		}
		if !more {
			break
		}
	}
	return nil
}

// truth evaluates the predicate on the current element; the machine
// asserts that it gives a truth value. Without a predicate the element
// itself is the truth value.
func (p *loopParts) truth(f *cframe) (bool, error) {
	if p.pred != nil {
		return p.pred.boolFn()(f)
	}
	b, ok := itemValue(f).(bool)
	if !ok {
		return false, errClosure
	}
	return b, nil
}

// itemValue is the current element as the machine's scope gives it.
func itemValue(f *cframe) any {
	v := f.item()
	if !v.IsValid() {
		return nil
	}
	return v.Interface()
}

func (p *loopParts) quantifier(name string) func(*cframe) (bool, error) {
	pred := p.pred.boolFn()
	// all stops at the first false, none and any at the first true; the
	// result is then the opposite of what an empty list gives.
	stopAt, empty := false, true
	if name == "any" {
		stopAt, empty = true, false
	} else if name == "none" {
		stopAt = true
	}
	return func(f *cframe) (bool, error) {
		res := empty
		err := p.each(f, false, func(int) (bool, error) {
			b, err := pred(f)
			if err != nil {
				return false, err
			}
			if b == stopAt {
				res = !empty
				return false, nil
			}
			return true, nil
		})
		return res, err
	}
}

func (p *loopParts) one() func(*cframe) (bool, error) {
	count := p.count(nil)
	return func(f *cframe) (bool, error) {
		n, err := count(f)
		return n == 1, err
	}
}

func (p *loopParts) count(threshold *int) func(*cframe) (int, error) {
	return func(f *cframe) (int, error) {
		n := 0
		err := p.each(f, false, func(int) (bool, error) {
			b, err := p.truth(f)
			if err != nil || !b {
				return err == nil, err
			}
			n++
			return threshold == nil || n < *threshold, nil
		})
		return n, err
	}
}

// element is what filter and find give for the current element: the
// folded map's value or the element.
func (p *loopParts) element(f *cframe) (any, error) {
	if p.mp != nil {
		return p.mp.any(f)
	}
	return itemValue(f), nil
}

func (p *loopParts) filter() func(*cframe) (any, error) {
	return func(f *cframe) (any, error) {
		var out []any
		err := p.each(f, false, func(int) (bool, error) {
			b, err := p.truth(f)
			if err != nil || !b {
				return err == nil, err
			}
			v, err := p.element(f)
			out = append(out, v)
			return err == nil, err
		})
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = []any{}
		}
		return out, f.grow(len(out))
	}
}

func (p *loopParts) mapped() func(*cframe) (any, error) {
	return func(f *cframe) (any, error) {
		var out []any
		err := p.each(f, false, func(int) (bool, error) {
			v, err := p.pred.any(f)
			out = append(out, v)
			return err == nil, err
		})
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = []any{}
		}
		return out, f.grow(len(out))
	}
}

// sum adds as the machine does: the element (or the predicate's value)
// to the sum so far, from the whole number 0.
func (p *loopParts) sum() func(*cframe) (any, error) {
	return func(f *cframe) (any, error) {
		var acc any = 0
		err := p.each(f, false, func(int) (bool, error) {
			var v any
			if p.pred != nil {
				var err error
				if v, err = p.pred.any(f); err != nil {
					return false, err
				}
			} else {
				v = itemValue(f)
			}
			acc = runtime.Add(v, acc)
			return true, nil
		})
		return acc, err
	}
}

// find is find, findIndex, findLast and findLastIndex: the first (last)
// element, or its index, for which the predicate holds, or nil; with
// Throws (set by the optimizer for find(...)[0]) no such element is the
// machine's error.
func (p *loopParts) find(name string, throws bool) func(*cframe) (any, error) {
	backwards := name == "findLast" || name == "findLastIndex"
	index := name == "findIndex" || name == "findLastIndex"
	return func(f *cframe) (any, error) {
		var res any
		found := false
		err := p.each(f, backwards, func(i int) (bool, error) {
			b, err := p.truth(f)
			if err != nil || !b {
				return err == nil, err
			}
			found = true
			if index {
				res = i
				return false, nil
			}
			res, err = p.element(f)
			return false, err
		})
		if err != nil {
			return nil, err
		}
		if !found && throws && !index {
			return nil, errClosure
		}
		return res, nil
	}
}
