package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kiez-go/kiez/kiez"
)

// leadershipRoles are the staff roles whose handover is a Leitungswechsel
// (change kind leitungswechsel) that changesOf derives from the staff
// records: the Kita-Leitung and the Leitung of a Familienzentrum.
var leadershipRoles = []string{"kita-leitung", "leitung-familienzentrum"}

// changeLeitungswechsel is the change kind of a new Leitung.
const changeLeitungswechsel = "leitungswechsel"

// changesOf lists the centre's typed-in change events of the kinds (all
// for none), then the ones derived from its staff records, oldest first.
func changesOf(c *kiez.Centre, want []string) []*kiez.ChangeEvent {
	out := []*kiez.ChangeEvent{}
	if c == nil {
		return out
	}
	for i := range c.Changes {
		if len(want) == 0 || slices.Contains(want, c.Changes[i].Kind) {
			out = append(out, &c.Changes[i])
		}
	}
	if len(want) > 0 && !slices.Contains(want, changeLeitungswechsel) {
		return out
	}
	typed := len(out)
	for _, d := range derivedChanges(c) {
		if !sameMonth(out, d) {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out[typed:], func(a, b *kiez.ChangeEvent) int { return int(a.Date.Sub(b.Date)) })
	return out
}

// sameMonth reports whether a listed event has the kind of e and lies in
// the month of e.
func sameMonth(list []*kiez.ChangeEvent, e *kiez.ChangeEvent) bool {
	y, m, _ := e.Date.Date()
	for _, x := range list {
		if xy, xm, _ := x.Date.Date(); x.Kind == e.Kind && xy == y && xm == m {
			return true
		}
	}
	return false
}

// derivedChanges returns the Leitungswechsel the staff records show: a
// position of a Leitung role that begins on a day after another position
// of the same role began (or one without a beginning), the handover.
func derivedChanges(c *kiez.Centre) []*kiez.ChangeEvent {
	var out []*kiez.ChangeEvent
	for i := range c.Staff {
		p := &c.Staff[i]
		if p.From == nil || !slices.Contains(leadershipRoles, p.Role) {
			continue
		}
		var before []string
		for j := range c.Staff {
			q := &c.Staff[j]
			if j != i && q.Role == p.Role && (q.From == nil || q.From.Before(*p.From)) {
				before = append(before, q.ID)
			}
		}
		if len(before) == 0 {
			continue
		}
		out = append(out, &kiez.ChangeEvent{Kind: changeLeitungswechsel, Date: *p.From, Derived: true,
			Note: fmt.Sprintf("aus den Stellen abgeleitet: %s %s ab %s nach %s", kiez.Label(kiez.VocabRole, p.Role), p.ID, germanDate(*p.From), strings.Join(before, ", "))})
	}
	return out
}
