package rules

import (
	"fmt"
	"time"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
)

func timeMonth(n int) time.Month { return time.Month(n) }

// inRange reports whether the optional bounds [from, until] overlap p.
func inRange(from, until *date.Date, p Period) bool {
	return (from == nil || !from.After(p.Until)) && (until == nil || !until.Before(p.From))
}

// offerKinds returns the kinds an offer counts as: its own and the one it
// stands in for.
func offerCounts(o *kiez.Offer, kind string) bool {
	return o.Kind == kind || o.EquivalentTo == kind
}

func sessionsOf(c *kiez.Centre, kind string, p Period) []kiez.Session {
	if c == nil {
		return nil
	}
	match := map[string]bool{}
	for i := range c.Offers {
		if offerCounts(&c.Offers[i], kind) {
			match[c.Offers[i].ID] = true
		}
	}
	out := []kiez.Session{}
	for _, s := range c.Sessions {
		if match[s.Offer] && !s.Cancelled && p.Contains(s.Date) {
			out = append(out, s)
		}
	}
	return out
}

func offersOf(c *kiez.Centre, kind string, p Period) []kiez.Offer {
	out := []kiez.Offer{}
	if c == nil {
		return out
	}
	for i := range c.Offers {
		o := &c.Offers[i]
		if (kind == "" || offerCounts(o, kind)) && inRange(o.From, o.Until, p) {
			out = append(out, *o)
		}
	}
	return out
}

func meetingsIn(list []kiez.Meeting, kind string, p Period) []kiez.Meeting {
	out := []kiez.Meeting{}
	for _, m := range list {
		if (kind == "" || m.Kind == kind) && !m.Cancelled && p.Contains(m.Date) {
			out = append(out, m)
		}
	}
	return out
}

func staffOf(c *kiez.Centre, role string, p Period) []kiez.Position {
	out := []kiez.Position{}
	if c == nil {
		return out
	}
	for _, s := range c.Staff {
		if (role == "" || s.Role == role) && inRange(s.From, s.Until, p) {
			out = append(out, s)
		}
	}
	return out
}

func evidenceIn(list []kiez.Evidence, kind string) []kiez.Evidence {
	out := []kiez.Evidence{}
	for _, e := range list {
		if kind == "" || e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// latestEvidence returns the most recent record of a kind dated on or
// before day, or nil.
func latestEvidence(list []kiez.Evidence, kind string, day date.Date) *kiez.Evidence {
	var best *kiez.Evidence
	for i := range list {
		e := &list[i]
		if e.Kind != kind || e.Date.After(day) {
			continue
		}
		if best == nil || e.Date.After(best.Date) {
			best = e
		}
	}
	if best == nil {
		return nil
	}
	cp := *best
	return &cp
}

// evidenceList returns the evidence of a centre or a programme.
func evidenceList(x any) []kiez.Evidence {
	switch v := x.(type) {
	case *kiez.Centre:
		if v != nil {
			return v.Evidence
		}
	case *kiez.Programme:
		if v != nil {
			return v.Evidence
		}
	}
	return nil
}

func meetingList(x any) []kiez.Meeting {
	switch v := x.(type) {
	case *kiez.Centre:
		if v != nil {
			return v.Meetings
		}
	case *kiez.Programme:
		if v != nil {
			return v.Meetings
		}
	}
	return nil
}

// recordDate returns the date of a session, meeting, evidence record or
// change event, or the date itself.
func recordDate(x any) (date.Date, error) {
	switch v := x.(type) {
	case date.Date:
		return v, nil
	case kiez.Session:
		return v.Date, nil
	case kiez.Meeting:
		return v.Date, nil
	case kiez.Evidence:
		return v.Date, nil
	case kiez.ChangeEvent:
		return v.Date, nil
	}
	return date.Date{}, fmt.Errorf("dates: %T has no date (use a list of sessions, meetings, evidence records, change events or dates)", x)
}

// recordFunctions are the functions that select records of the model.
func recordFunctions() []function {
	return []function{
		{name: "sessionsOf", group: "records", doc: "sessionsOf(centre, kind, period) lists the sessions in the period, not cancelled, of the centre's offers of that kind or standing in for it (equivalentTo)",
			types: []any{new(func(*kiez.Centre, string, Period) []kiez.Session)},
			fn: func(a ...any) (any, error) {
				return sessionsOf(a[0].(*kiez.Centre), a[1].(string), a[2].(Period)), nil
			}},
		{name: "themed", group: "records", doc: "themed(sessions) keeps the sessions with a thematic focus",
			types: []any{new(func([]kiez.Session) []kiez.Session)},
			fn: func(a ...any) (any, error) {
				out := []kiez.Session{}
				for _, s := range a[0].([]kiez.Session) {
					if s.Themed {
						out = append(out, s)
					}
				}
				return out, nil
			}},
		{name: "offersOf", group: "records", doc: "offersOf(centre, kind, period) lists the centre's offers of that kind (or standing in for it) valid in the period; kind \"\" lists all",
			types: []any{new(func(*kiez.Centre, string, Period) []kiez.Offer)},
			fn:    func(a ...any) (any, error) { return offersOf(a[0].(*kiez.Centre), a[1].(string), a[2].(Period)), nil }},
		{name: "meetingsOf", group: "records", doc: "meetingsOf(centre or programme, kind, period) lists the meetings of that kind held in the period (not cancelled); kind \"\" lists all",
			types: []any{new(func(*kiez.Centre, string, Period) []kiez.Meeting), new(func(*kiez.Programme, string, Period) []kiez.Meeting)},
			fn:    func(a ...any) (any, error) { return meetingsIn(meetingList(a[0]), a[1].(string), a[2].(Period)), nil }},
		{name: "attendedBy", group: "records", doc: "attendedBy(meetings, centreID, role) keeps the meetings with a participant of that role from that centre",
			types: []any{new(func([]kiez.Meeting, string, string) []kiez.Meeting)},
			fn: func(a ...any) (any, error) {
				out := []kiez.Meeting{}
				for _, m := range a[0].([]kiez.Meeting) {
					for _, p := range m.Participants {
						if p.Centre == a[1].(string) && p.Role == a[2].(string) {
							out = append(out, m)
							break
						}
					}
				}
				return out, nil
			}},
		{name: "staffOf", group: "records", doc: "staffOf(centre, role, period) lists the positions of that role held on any day of the period; role \"\" lists all",
			types: []any{new(func(*kiez.Centre, string, Period) []kiez.Position)},
			fn:    func(a ...any) (any, error) { return staffOf(a[0].(*kiez.Centre), a[1].(string), a[2].(Period)), nil }},
		{name: "staffHours", group: "records", doc: "staffHours(centre, role, day) sums the weekly hours of the positions of that role held on the day; role \"\" sums all",
			types: []any{new(func(*kiez.Centre, string, date.Date) decimal.Decimal)},
			fn: func(a ...any) (any, error) {
				c := a[0].(*kiez.Centre)
				if c == nil {
					return decimal.Zero, nil
				}
				return c.StaffHours(a[1].(string), a[2].(date.Date)), nil
			}},
		{name: "evidenceOf", group: "records", doc: "evidenceOf(centre or programme, kind) lists the evidence records of that kind; kind \"\" lists all",
			types: []any{new(func(*kiez.Centre, string) []kiez.Evidence), new(func(*kiez.Programme, string) []kiez.Evidence)},
			fn:    func(a ...any) (any, error) { return evidenceIn(evidenceList(a[0]), a[1].(string)), nil }},
		{name: "latestEvidence", group: "records", doc: "latestEvidence(centre or programme, kind, day) is the most recent record of that kind dated on or before the day, or nil",
			types: []any{new(func(*kiez.Centre, string, date.Date) *kiez.Evidence), new(func(*kiez.Programme, string, date.Date) *kiez.Evidence)},
			fn: func(a ...any) (any, error) {
				return latestEvidence(evidenceList(a[0]), a[1].(string), a[2].(date.Date)), nil
			}},
		{name: "covers", group: "records", doc: "covers(evidence, period) reports whether a record's validity (from/until; open ends are unbounded) spans the whole period",
			types: []any{new(func(kiez.Evidence, Period) bool), new(func(*kiez.Evidence, Period) bool)},
			fn: func(a ...any) (any, error) {
				var e *kiez.Evidence
				switch v := a[0].(type) {
				case kiez.Evidence:
					e = &v
				case *kiez.Evidence:
					e = v
				}
				if e == nil {
					return false, nil
				}
				p := a[1].(Period)
				return (e.From == nil || !e.From.After(p.From)) && (e.Until == nil || !e.Until.Before(p.Until)), nil
			}},
		{name: "partner", group: "records", doc: "partner(centre, id) is the centre's network partner with that id, or nil",
			types: []any{new(func(*kiez.Centre, string) *kiez.Partner)},
			fn: func(a ...any) (any, error) {
				c := a[0].(*kiez.Centre)
				if c == nil {
					return (*kiez.Partner)(nil), nil
				}
				for i := range c.Partners {
					if c.Partners[i].ID == a[1].(string) {
						p := c.Partners[i]
						return &p, nil
					}
				}
				return (*kiez.Partner)(nil), nil
			}},
		{name: "changesOf", group: "records", doc: "changesOf(centre, kinds) lists the centre's change events of the given kinds (all kinds when the list is empty)",
			types: []any{new(func(*kiez.Centre, []string) []kiez.ChangeEvent), new(func(*kiez.Centre, []any) []kiez.ChangeEvent)},
			fn: func(a ...any) (any, error) {
				c := a[0].(*kiez.Centre)
				want := map[string]bool{}
				for _, k := range texts(a[1]) {
					want[k] = true
				}
				out := []kiez.ChangeEvent{}
				if c != nil {
					for _, ch := range c.Changes {
						if len(want) == 0 || want[ch.Kind] {
							out = append(out, ch)
						}
					}
				}
				return out, nil
			}},
		{name: "phaseOn", group: "records", doc: "phaseOn(centre, day) is the development phase in force on the day, or nil",
			types: []any{new(func(*kiez.Centre, date.Date) *kiez.Phase)},
			fn: func(a ...any) (any, error) {
				c := a[0].(*kiez.Centre)
				var cur *kiez.Phase
				if c != nil {
					for i := range c.Phases {
						if !c.Phases[i].From.After(a[1].(date.Date)) {
							p := c.Phases[i]
							cur = &p
						}
					}
				}
				return cur, nil
			}},
		{name: "dates", group: "records", doc: "dates(list) lists the dates of sessions, meetings, evidence records or change events",
			types: []any{new(func([]kiez.Session) []date.Date), new(func([]kiez.Meeting) []date.Date), new(func([]kiez.Evidence) []date.Date), new(func([]kiez.ChangeEvent) []date.Date), new(func([]any) []date.Date)},
			fn: func(a ...any) (any, error) {
				var out []date.Date
				switch l := a[0].(type) {
				case []kiez.Session:
					for _, x := range l {
						out = append(out, x.Date)
					}
				case []kiez.Meeting:
					for _, x := range l {
						out = append(out, x.Date)
					}
				case []kiez.Evidence:
					for _, x := range l {
						out = append(out, x.Date)
					}
				case []kiez.ChangeEvent:
					for _, x := range l {
						out = append(out, x.Date)
					}
				case []any:
					// A filtered list: expr's filter returns untyped lists.
					for _, x := range l {
						d, err := recordDate(x)
						if err != nil {
							return nil, err
						}
						out = append(out, d)
					}
				}
				if out == nil {
					out = []date.Date{}
				}
				return out, nil
			}},
	}
}
