package compile

import (
	"math/bits"
	"reflect"

	"github.com/expr-lang/expr/ast"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/schedule"
)

// The static cost estimate of checked expressions, in the manner of
// cel-go's EstimateCost; the loader sums it over a rule and refuses a rule
// above its ceiling, and budget.go bounds what an expression really does
// at run time.

// The model: every node of an expression costs one step; a loop (all,
// any, filter, map …) costs its list's declared size times the cost of its
// predicate, so nested loops multiply; a function that takes or gives a
// list costs the sizes of those lists (it reads or builds them), except a
// list the rule file writes out (a literal or a param: fileList), which
// the file's size bounds and the step budget does not count either. The
// declared sizes of the model's lists are given in Config.Sizes; package
// rules documents them (its constants Cost…).

// listBound is the declared size of a list whose elements have type t.
func (c *Estimate) listBound(t reflect.Type) uint64 {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t {
	case reflect.TypeFor[kiez.Centre]():
		return c.bounds.Centres
	case reflect.TypeFor[kiez.Session](), reflect.TypeFor[date.Date](), reflect.TypeFor[schedule.Quantity]():
		return c.bounds.Sessions
	case reflect.TypeFor[kiez.Meeting](), reflect.TypeFor[kiez.Evidence](), reflect.TypeFor[kiez.Offer](),
		reflect.TypeFor[kiez.CaseExchange](), reflect.TypeFor[kiez.BudgetLine](), reflect.TypeFor[kiez.Closure](),
		reflect.TypeFor[kiez.Provider](), reflect.TypeFor[kiez.FacilitationHours]():
		return c.bounds.Records
	}
	if t != nil && t.Kind() == reflect.Struct {
		return c.bounds.Members
	}
	return c.bounds.List
}

// SatAdd and SatMul add and multiply without overflowing.
func SatAdd(a, b uint64) uint64 {
	s, carry := bits.Add64(a, b, 0)
	if carry != 0 {
		return ^uint64(0)
	}
	return s
}

func SatMul(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	if hi != 0 {
		return ^uint64(0)
	}
	return lo
}

// Estimate estimates the cost of checked expressions (see the model
// above). bounds are the declared sizes of the model's lists; sizes holds
// the declared sizes of the lists of the variables in scope: the rule's
// lets and the expressions' own let declarations. An Estimate is not safe
// for concurrent use.
type Estimate struct {
	bounds Sizes
	sizes  map[string]uint64
	params string // Config.Params
}

// Estimate returns an estimate with the declared sizes of the session's
// Config and no variables declared.
func (s *Session) Estimate() *Estimate {
	cfg := s.cache.Config()
	return &Estimate{bounds: cfg.Sizes, sizes: map[string]uint64{}, params: cfg.Params}
}

// Declare declares the size of the list a variable holds (a rule's let),
// for the expressions estimated after it.
func (c *Estimate) Declare(name string, size uint64) { c.sizes[name] = size }

// Cost is the estimated number of steps of a node.
func (c *Estimate) Cost(n ast.Node) uint64 {
	switch n := n.(type) {
	case nil:
		return 0
	case *ast.BuiltinNode:
		total := uint64(1)
		if isLoop(n) && len(n.Arguments) > 0 {
			total = SatAdd(total, c.Cost(n.Arguments[0]))
			per := uint64(0)
			for _, a := range n.Arguments[1:] {
				per = SatAdd(per, c.Cost(a))
			}
			return SatAdd(total, SatMul(c.Size(n.Arguments[0]), per))
		}
		for _, a := range n.Arguments {
			total = SatAdd(total, c.Cost(a))
			if isList(a) && !fileList(a, c.params) {
				total = SatAdd(total, c.Size(a)) // len, uniq, sort, flatten … read the list
			}
		}
		return total
	case *ast.CallNode:
		if isCall(n, StepsName) || isCall(n, GuardName) {
			return c.Cost(n.Arguments[len(n.Arguments)-1]) // the budget's counting, not the author's
		}
		total := uint64(1)
		for _, a := range n.Arguments {
			total = SatAdd(total, c.Cost(a))
			if isList(a) && !fileList(a, c.params) {
				total = SatAdd(total, c.Size(a))
			}
		}
		if isList(n) {
			total = SatAdd(total, c.Size(n)) // the function builds or scans the list it gives
		}
		return total
	case *ast.BinaryNode:
		total := SatAdd(1, SatAdd(c.Cost(n.Left), c.Cost(n.Right)))
		if n.Operator == ".." {
			total = SatAdd(total, c.Size(n))
		}
		return total
	case *ast.VariableDeclaratorNode:
		v := c.Cost(n.Value)
		prev, had := c.sizes[n.Name]
		c.sizes[n.Name] = c.Size(n.Value)
		total := SatAdd(1, SatAdd(v, c.Cost(n.Expr)))
		if had {
			c.sizes[n.Name] = prev
		} else {
			delete(c.sizes, n.Name)
		}
		return total
	}
	total := uint64(1)
	eachChild(n, func(child *ast.Node) { total = SatAdd(total, c.Cost(*child)) })
	if p, ok := n.(*ast.PredicateNode); ok {
		total = SatAdd(total, c.Cost(p.Node))
	}
	return total
}

// Size is the declared size of the list a node gives (1 for a value that
// is no list).
func (c *Estimate) Size(n ast.Node) uint64 {
	switch n := n.(type) {
	case *ast.IdentifierNode:
		if s, ok := c.sizes[n.Value]; ok {
			return s
		}
	case *ast.ConstantNode:
		if v := reflect.ValueOf(n.Value); v.IsValid() && (v.Kind() == reflect.Slice || v.Kind() == reflect.Array) {
			return uint64(v.Len())
		}
	case *ast.BinaryNode:
		if n.Operator == ".." {
			from, okf := n.Left.(*ast.IntegerNode)
			to, okt := n.Right.(*ast.IntegerNode)
			if okf && okt {
				if to.Value < from.Value {
					return 0
				}
				return uint64(to.Value-from.Value) + 1
			}
			return c.bounds.List
		}
	case *ast.BuiltinNode:
		switch n.Name {
		case "filter", "map", "sortBy", "sort", "uniq", "reverse", "take":
			if len(n.Arguments) > 0 {
				return c.Size(n.Arguments[0])
			}
		}
	case *ast.CallNode:
		// $refs and the patched uniq give their argument's records, the
		// budget's calls their list.
		if id, ok := n.Callee.(*ast.IdentifierNode); ok && len(n.Arguments) > 0 {
			switch {
			case isRefs(id.Value), id.Value == UniqName, id.Value == StepsName, id.Value == GuardName:
				return c.Size(n.Arguments[len(n.Arguments)-1])
			}
		}
	case *ast.SequenceNode:
		if len(n.Nodes) > 0 {
			return c.Size(n.Nodes[len(n.Nodes)-1])
		}
	}
	if !isList(n) {
		return 1
	}
	nt := n.Nature()
	if nt.Ref != nil && nt.Ref.Type != nil {
		return c.listBound(nt.Ref.Type)
	}
	if e := n.Type().Elem(); e.Kind() != reflect.Interface {
		return c.listBound(e)
	}
	return c.bounds.List
}
