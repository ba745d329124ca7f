package rules

import (
	"slices"

	"github.com/kiez-go/kiez/rules/internal/compile"
)

// What a rule's expressions read: the lets each needs first, and whether
// its value is one per evaluation (RuleSet.consts), one per subject
// (Rule.slots) or one per item.

// analyse works out, for every expression of a rule, which of the rule's
// lets it reads (they are computed when first needed) and how often its
// value can change: an expression of a centre rule that reads neither the
// centre nor the item (directly or through a let) has one value per
// evaluation, computed once for all centres (RuleSet.consts); one of a
// rule with each that does not read the item has one value per subject,
// computed once for all items (Rule.slots). Expressions are pure, so
// computing them less often changes no verdict.
func (p *RuleSet) analyse(r *Rule) {
	itemish := map[string]bool{varItem: true}
	centreish := map[string]bool{varItem: true, varCentre: true}
	lets := map[string]int{}
	for i, name := range r.Let {
		lets[name] = i
	}
	visit := func(e *expression, let string) {
		if e == nil {
			return
		}
		usesItem, usesCentre := false, false
		ids := e.program.Identifiers()
		e.lets = letsAmong(ids, lets)
		for _, id := range ids {
			usesItem = usesItem || itemish[id]
			usesCentre = usesCentre || centreish[id]
		}
		if let != "" {
			itemish[let] = usesItem
			centreish[let] = usesCentre
		}
		switch {
		case r.Scope == ScopeCentre && !usesCentre:
			e.konst = p.consts
			p.consts++
		case r.each != nil && !usesItem:
			e.slot = r.slots
			r.slots++
		}
	}
	if r.each != nil && r.Scope == ScopeCentre && !slices.ContainsFunc(r.each.program.Identifiers(), func(id string) bool { return centreish[id] }) {
		r.each.konst = p.consts
		p.consts++
	}
	r.eachVerdictExpr(visit)
}

// eachVerdictExpr calls fn with every compiled expression that decides or
// describes a verdict of the rule, in the order a verdict may need them:
// the lets (with their names), when, needs, assert, the message's parts
// and the evidence. each and subject, which name the items, are not
// among them; an expression the rule lacks is nil.
func (r *Rule) eachVerdictExpr(fn func(e *expression, let string)) {
	for i, x := range r.lets {
		fn(x, r.Let[i])
	}
	fn(r.when, "")
	fn(r.needs, "")
	fn(r.assert, "")
	for _, part := range r.templateParts() {
		fn(part.expr, "")
	}
	for _, e := range r.evidence {
		fn(e, "")
	}
}

// identifiers works out the names every expression that analyse visits
// reads (compile.Program.Identifiers, kept in the program), on the
// goroutine that compiled the rule: analyse runs for the rules in their
// order once all are compiled, alone, and the walks of the trees were
// most of its work.
func (r *Rule) identifiers() {
	warm := func(e *expression, _ string) {
		if e != nil {
			e.program.Identifiers()
		}
	}
	warm(r.each, "")
	r.eachVerdictExpr(warm)
}

// letsRead returns the indexes of the lets an expression reads, in order.
func letsRead(prog *compile.Program, lets map[string]int) []int {
	if len(lets) == 0 {
		return nil
	}
	return letsAmong(prog.Identifiers(), lets)
}

// letsAmong returns the indexes of the lets among the names an expression
// reads (identifiers), in order.
func letsAmong(ids []string, lets map[string]int) []int {
	if len(lets) == 0 {
		return nil
	}
	var out []int
	for _, id := range ids {
		if i, ok := lets[id]; ok && !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	slices.Sort(out)
	return out
}

// letIndex maps the names of a rule's lets to their positions.
func letIndex(r *Rule) map[string]int {
	m := make(map[string]int, len(r.Let))
	for i, n := range r.Let {
		m[n] = i
	}
	return m
}
