package whatif

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/rules"
)

// Hours are the hours a failing result lacks: the rule measures hours
// found (Actual) against a param in hours (Required, the value in force),
// and Missing is their difference.
//
// They are derived from the result's evidence, never from a rule's id:
// the rule must show the param as an evidence of its own
// ("vorgesehen: params.leitungsfreistellung"), the param's unit must be
// hours (h/Woche, h/Monat: it starts with "h/"), and exactly one other
// evidence value must be a decimal number, the hours found. A result of
// a rule that shows no such pair has no Hours.
type Hours struct {
	Param    string          `json:"param"`
	Unit     string          `json:"unit"`
	Required decimal.Decimal `json:"required"`
	Actual   decimal.Decimal `json:"actual"`
	Missing  decimal.Decimal `json:"missing"`
}

// HoursSum adds up the hours missing on each side for a centre and param
// (or, with Centre "", for a param over all centres).
type HoursSum struct {
	Programme string `json:"programme"`
	Centre    string `json:"centre,omitempty"`
	Param     string `json:"param"`
	Title     string `json:"title"`
	Unit      string `json:"unit"`
	// Subjects counts the changed results with hours missing on either
	// side (a centre with two Leitungen has two, a rule judged per month
	// one per month).
	Subjects int `json:"subjects"`
	// Missing is the sum on the new side, OldMissing on the old side,
	// over the changed results.
	Missing    decimal.Decimal `json:"missing"`
	OldMissing decimal.Decimal `json:"oldMissing"`
}

// Extra is the hours the new side lacks beyond the old side.
func (h HoursSum) Extra() decimal.Decimal { return h.Missing.Sub(h.OldMissing) }

// hoursOf derives the hours a failing result lacks, or nil.
func hoursOf(p *rules.RuleSet, res *rules.Result) *Hours {
	if p == nil || res.Outcome != rules.OutcomeFail {
		return nil
	}
	rule := p.Rule(res.Rule)
	if rule == nil {
		return nil
	}
	evName, param := "", ""
	for ev, name := range rule.EvidenceParams() {
		if pr := p.Param(name); pr != nil && strings.HasPrefix(pr.Unit, "h/") {
			if param != "" {
				return nil // two thresholds in hours: which one is short is not known
			}
			evName, param = ev, name
		}
	}
	if param == "" {
		return nil
	}
	var required, actual decimal.Decimal
	haveRequired, actuals := false, 0
	for _, e := range res.Evidence {
		d, ok := e.Value.(decimal.Decimal)
		if e.Name == evName {
			required, haveRequired = d, ok
			continue
		}
		if ok {
			actual = d
			actuals++
		}
	}
	if !haveRequired || actuals != 1 {
		return nil
	}
	missing := required.Sub(actual)
	if !missing.IsPositive() {
		return nil
	}
	return &Hours{Param: param, Unit: p.Param(param).Unit, Required: required, Actual: actual, Missing: missing}
}

// sumHours adds up the hours of the changes per centre and param, and per
// param.
func sumHours(changes []Change, newProgs, oldProgs map[string]*rules.RuleSet) (perCentre, total []HoursSum) {
	type k struct{ prog, centre, param string }
	centreAt, totalAt := map[k]int{}, map[k]int{}
	get := func(list *[]HoursSum, at map[k]int, key k, unit string) *HoursSum {
		i, ok := at[key]
		if !ok {
			i = len(*list)
			at[key] = i
			title := ""
			if p := newProgs[key.prog]; p != nil && p.Param(key.param) != nil {
				title = p.Param(key.param).Title
			} else if p := oldProgs[key.prog]; p != nil && p.Param(key.param) != nil {
				title = p.Param(key.param).Title
			}
			*list = append(*list, HoursSum{Programme: key.prog, Centre: key.centre, Param: key.param, Title: title, Unit: unit})
		}
		return &(*list)[i]
	}
	for _, ch := range changes {
		// The param of the new side names the sum; the old side's when
		// only it lacks hours. A change whose sides lack hours of two
		// different params counts under each.
		seen := map[string]bool{}
		for _, side := range []struct {
			h   *Hours
			old bool
		}{{ch.Hours, false}, {ch.OldHours, true}} {
			if side.h == nil {
				continue
			}
			for _, s := range []*HoursSum{
				get(&perCentre, centreAt, k{ch.Programme, ch.Centre, side.h.Param}, side.h.Unit),
				get(&total, totalAt, k{ch.Programme, "", side.h.Param}, side.h.Unit),
			} {
				if side.old {
					s.OldMissing = s.OldMissing.Add(side.h.Missing)
				} else {
					s.Missing = s.Missing.Add(side.h.Missing)
				}
				if !seen[side.h.Param] {
					s.Subjects++
				}
			}
			seen[side.h.Param] = true
		}
	}
	return perCentre, total
}
