package compile

import (
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/builtin"
	"github.com/expr-lang/expr/vm/runtime"
)

// The builtins of the typed closures (closures.go): the loops (all, any,
// filter, map, count, sum, find …) walk a list (closures_seq.go) without
// copying its elements into interfaces, in the machine's order and with
// its results; filter, map and flatten leave theirs on the frame's stack
// (closures_lists.go); the other builtins (len, join, upper …) are
// called as the machine calls them.

// loopNames are the loops the closures cover; sortBy and reduce run on
// the machine.
var loopNames = map[string]bool{"all": true, "none": true, "any": true, "one": true, "filter": true, "map": true,
	"count": true, "sum": true, "find": true, "findIndex": true, "findLast": true, "findLastIndex": true, "groupBy": true}

func (cc *closureCompiler) builtin(n *ast.BuiltinNode) (*cnode, error) {
	if loopNames[n.Name] {
		return cc.loop(n)
	}
	switch n.Name {
	case "sortBy", "reduce":
		return nil, errUncovered
	case "len":
		return cc.length(n)
	case "flatten":
		return cc.flatten(n)
	case "first", "last":
		if c, err := cc.endOf(n); c != nil || err != nil {
			return c, err
		}
	}
	id, ok := builtin.Index[n.Name]
	if !ok {
		return nil, errUncovered
	}
	fn := builtin.Builtins[id]
	if (fn.Fast == nil && fn.Func == nil && fn.Safe == nil) || (fn.Fast != nil && len(n.Arguments) != 1) {
		return nil, errUncovered
	}
	args := make([]func(*Frame) (any, error), len(n.Arguments))
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
		out.any = func(f *Frame) (any, error) {
			v, err := a(f)
			if err != nil {
				return nil, err
			}
			return fast(v), nil
		}
		return out, nil
	}
	if fn.Safe != nil {
		out.any = callSafe(fn.Safe, args)
		return out, nil
	}
	out.any = callWith(fn.Func, args)
	return out, nil
}

// loopParts are the compiled parts of a loop.
type loopParts struct {
	list listForm
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
	p.list = listOf(list)
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
		out.seq = p.filter()
		out.any = seqAny(out.seq)
	case "map":
		out.seq = p.mapped()
		out.any = seqAny(out.seq)
	case "sum":
		out.any = p.sum()
	case "groupBy":
		out.any = p.groupBy()
	default: // find, findIndex, findLast, findLastIndex
		out.any = p.find(n.Name, n.Throws)
		if (n.Name == "find" || n.Name == "findLast") && p.mp == nil {
			out.val = p.findVal(n.Name == "findLast", n.Throws)
		}
	}
	return typed(out), nil
}

// truth evaluates the predicate on the current element; the machine
// asserts that it gives a truth value. Without a predicate the element
// itself is the truth value.
func (p *loopParts) truth(f *Frame) (bool, error) {
	if p.pred != nil {
		return p.pred.boolFn()(f)
	}
	b, ok := itemValue(f).(bool)
	if !ok {
		return false, errClosure
	}
	return b, nil
}

func (p *loopParts) quantifier(name string) func(*Frame) (bool, error) {
	pred := p.pred.boolFn()
	// all stops at the first false, none and any at the first true; the
	// result is then the opposite of what an empty list gives.
	stopAt, empty := false, true
	if name == "any" {
		stopAt, empty = true, false
	} else if name == "none" {
		stopAt = true
	}
	return func(f *Frame) (bool, error) {
		n, d, err := p.list.begin(f)
		if err != nil {
			return false, err
		}
		defer end(f, d)
		for i := 0; i < n; i++ {
			f.scope[d].at(f, i)
			b, err := pred(f)
			if err != nil {
				return false, err
			}
			if b == stopAt {
				return !empty, nil
			}
		}
		return empty, nil
	}
}

func (p *loopParts) one() func(*Frame) (bool, error) {
	count := p.count(nil)
	return func(f *Frame) (bool, error) {
		n, err := count(f)
		return n == 1, err
	}
}

func (p *loopParts) count(threshold *int) func(*Frame) (int, error) {
	if p.pred != nil {
		pred := p.pred.boolFn()
		return func(f *Frame) (int, error) {
			n, d, err := p.list.begin(f)
			if err != nil {
				return 0, err
			}
			defer end(f, d)
			count := 0
			for i := 0; i < n; i++ {
				f.scope[d].at(f, i)
				b, err := pred(f)
				if err != nil {
					return 0, err
				}
				if b {
					count++
					if threshold != nil && count >= *threshold {
						break
					}
				}
			}
			return count, nil
		}
	}
	return func(f *Frame) (int, error) {
		n, d, err := p.list.begin(f)
		if err != nil {
			return 0, err
		}
		defer end(f, d)
		count := 0
		for i := 0; i < n; i++ {
			f.scope[d].at(f, i)
			b, err := p.truth(f)
			if err != nil {
				return 0, err
			}
			if b {
				count++
				if threshold != nil && count >= *threshold {
					break
				}
			}
		}
		return count, nil
	}
}

// element is what filter and find give for the current element: the
// folded map's value or the element.
func (p *loopParts) element(f *Frame) (any, error) {
	if p.mp != nil {
		return p.mp.any(f)
	}
	return itemValue(f), nil
}

// sum adds as the machine does: the element (or the predicate's value)
// to the sum so far, from the whole number 0. While every value is a
// whole number (int), the sum is kept as one, unboxed; runtime.Add of
// two ints is their sum in Go.
func (p *loopParts) sum() func(*Frame) (any, error) {
	var whole func(*Frame) (int, bool, any, error)
	switch {
	case p.pred != nil && p.pred.i != nil:
		pi := p.pred.i
		whole = func(f *Frame) (int, bool, any, error) {
			x, err := pi(f)
			return x, true, nil, err
		}
	case p.pred != nil:
		pa := p.pred.any
		whole = func(f *Frame) (int, bool, any, error) {
			v, err := pa(f)
			x, ok := v.(int)
			return x, ok, v, err
		}
	default:
		whole = func(f *Frame) (int, bool, any, error) {
			s := &f.scope[len(f.scope)-1]
			if !s.boxed && s.cur.Kind() == reflect.Int && s.cur.Type() == typeInt {
				return int(s.cur.Int()), true, nil, nil
			}
			v := itemValue(f)
			x, ok := v.(int)
			return x, ok, v, nil
		}
	}
	return func(f *Frame) (any, error) {
		n, d, err := p.list.begin(f)
		if err != nil {
			return nil, err
		}
		defer end(f, d)
		sum, ints := 0, true
		var acc any
		for i := 0; i < n; i++ {
			f.scope[d].at(f, i)
			x, isInt, v, err := whole(f)
			switch {
			case err != nil:
				return nil, err
			case ints && isInt:
				sum += x
				continue
			case ints:
				acc, ints = sum, false
			}
			if isInt && v == nil {
				v = x
			}
			acc = runtime.Add(v, acc)
		}
		if ints {
			return f.boxInt(sum), nil
		}
		return acc, nil
	}
}

// find is find, findIndex, findLast and findLastIndex: the first (last)
// element, or its index, for which the predicate holds, or nil; with
// Throws (set by the optimizer for find(...)[0]) no such element is the
// machine's error.
func (p *loopParts) find(name string, throws bool) func(*Frame) (any, error) {
	backwards := name == "findLast" || name == "findLastIndex"
	index := name == "findIndex" || name == "findLastIndex"
	pred := p.pred.boolFn()
	return func(f *Frame) (any, error) {
		i, d, err := p.seek(f, pred, backwards)
		if err != nil {
			return nil, err
		}
		defer end(f, d)
		switch {
		case i >= 0 && index:
			return i, nil
		case i >= 0:
			return p.element(f)
		case throws && !index:
			return nil, errClosure
		}
		return nil, nil
	}
}

// seek walks the list from its first element (its last when backwards)
// to the first for which the predicate holds and gives its index, -1
// when there is none. Without an error, the loop begun at depth d is still
// at that element for the caller to read, and the caller ends it
// (end(f, d)); with one, no loop is left open.
func (p *loopParts) seek(f *Frame, pred func(*Frame) (bool, error), backwards bool) (i, d int, err error) {
	n, d, err := p.list.begin(f)
	if err != nil {
		return -1, d, err
	}
	for k := 0; k < n; k++ {
		i := k
		if backwards {
			i = n - 1 - k
		}
		f.scope[d].at(f, i)
		b, err := pred(f)
		if err != nil {
			end(f, d)
			return -1, d, err
		}
		if b {
			return i, d, nil
		}
	}
	return -1, d, nil
}
