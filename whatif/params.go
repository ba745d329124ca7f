package whatif

import (
	"slices"
	"sort"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/rules"
)

// ParamChange is a param whose history differs between the sides, or
// whose value in force on the first day of each side's period differs
// (year over year with one rule set).
type ParamChange struct {
	Programme string `json:"programme"`
	Name      string `json:"name"`
	Title     string `json:"title"`
	Unit      string `json:"unit,omitempty"`
	// Old and New are the histories, oldest first; nil on a side whose
	// programme has no such param.
	Old []ParamValue `json:"old"`
	New []ParamValue `json:"new"`
	// OldValue and NewValue are the values in force on the first day of
	// each side's period, formatted ("" when none is).
	OldValue string `json:"oldValue"`
	NewValue string `json:"newValue"`
	// OldRaw and NewRaw are those values themselves (nil when none is in
	// force), for writing them in another language.
	OldRaw any `json:"-"`
	NewRaw any `json:"-"`
	// HistoryChanged is set when the histories differ.
	HistoryChanged bool `json:"historyChanged"`
	// Rules are the rules of the new side that read the param (of the
	// old side when only it has the param).
	Rules []string `json:"rules"`
}

// ParamValue is one entry of a param's history.
type ParamValue struct {
	From date.Date `json:"from"`
	// Value is the value formatted for people, the German way
	// (rules.Format); Raw is the value itself, for writing it in another
	// language (rules.FormatIn).
	Value string `json:"value"`
	Raw   any    `json:"-"`
	Note  string `json:"note,omitempty"`
}

// sameHistory reports whether two histories read the same: the same days,
// values as written and notes.
func sameHistory(a, b []ParamValue) bool {
	return slices.EqualFunc(a, b, func(x, y ParamValue) bool {
		return x.From == y.From && x.Value == y.Value && x.Note == y.Note
	})
}

// paramChanges lists the params that differ, per programme of the new
// side (then those only the old side has), by name.
func paramChanges(old, new Side) []ParamChange {
	oldByID, newByID := byID(old.RuleSets), byID(new.RuleSets)
	oldFrom, newFrom := old.Period.From, new.Period.From
	var out []ParamChange
	seen := map[string]bool{}
	progs := append(append([]*rules.RuleSet(nil), new.RuleSets...), old.RuleSets...)
	for _, p := range progs {
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		np, op := newByID[p.ID], oldByID[p.ID]
		if np == nil || op == nil {
			continue // a programme only one side has: all its results are new or removed
		}
		names := map[string]bool{}
		for _, x := range np.Params {
			names[x.Name] = true
		}
		for _, x := range op.Params {
			names[x.Name] = true
		}
		sorted := make([]string, 0, len(names))
		for n := range names {
			sorted = append(sorted, n)
		}
		sort.Strings(sorted)
		for _, name := range sorted {
			a, b := op.Param(name), np.Param(name)
			pc := ParamChange{Programme: p.ID, Name: name, Old: history(a), New: history(b),
				OldValue: valueAt(a, oldFrom), NewValue: valueAt(b, newFrom)}
			pc.OldRaw, pc.NewRaw = rawAt(a, oldFrom), rawAt(b, newFrom)
			pc.HistoryChanged = !sameHistory(pc.Old, pc.New) || (a == nil) != (b == nil)
			if !pc.HistoryChanged && pc.OldValue == pc.NewValue {
				continue
			}
			ref, prog := b, np
			if ref == nil {
				ref, prog = a, op
			}
			pc.Title, pc.Unit = ref.Title, ref.Unit
			for _, r := range prog.Rules {
				if slices.Contains(r.Params(), name) {
					pc.Rules = append(pc.Rules, r.ID)
				}
			}
			out = append(out, pc)
		}
	}
	return out
}

// history formats a param's history; nil for no param.
func history(p *rules.Param) []ParamValue {
	if p == nil {
		return nil
	}
	out := make([]ParamValue, len(p.History))
	for i, h := range p.History {
		out[i] = ParamValue{From: h.From, Value: rules.Format(h.Value), Raw: h.Value, Note: h.Note}
	}
	return out
}

// rawAt returns the value in force on the day, nil when none is.
func rawAt(p *rules.Param, d date.Date) any {
	if p == nil {
		return nil
	}
	if v, ok := p.At(d); ok {
		return v.Value
	}
	return nil
}

// valueAt formats the value in force on the day, "" when none is.
func valueAt(p *rules.Param, d date.Date) string {
	if p == nil {
		return ""
	}
	v, ok := p.At(d)
	if !ok {
		return ""
	}
	return rules.Format(v.Value)
}
