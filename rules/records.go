package rules

import (
	"fmt"
	"strings"
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

// offerCounts reports whether an offer counts as the kind: its own kind
// or the one it stands in for.
func offerCounts(o *kiez.Offer, kind string) bool {
	return o.Kind == kind || o.EquivalentTo == kind
}

func offersOf(c *kiez.Centre, kind string, p Period) []*kiez.Offer {
	if c == nil {
		return []*kiez.Offer{}
	}
	return pick(c.Offers, func(o *kiez.Offer) bool { return (kind == "" || offerCounts(o, kind)) && inRange(o.From, o.Until, p) })
}

func meetingsIn(list []kiez.Meeting, kind string, p Period) []*kiez.Meeting {
	return pick(list, func(m *kiez.Meeting) bool {
		return (kind == "" || m.Kind == kind) && !m.Cancelled && p.Contains(m.Date)
	})
}

func staffOf(c *kiez.Centre, role string, p Period) []*kiez.Position {
	if c == nil {
		return []*kiez.Position{}
	}
	return pick(c.Staff, func(s *kiez.Position) bool { return (role == "" || s.Role == role) && inRange(s.From, s.Until, p) })
}

func evidenceIn(list []kiez.Evidence, kind string) []*kiez.Evidence {
	return pick(list, func(e *kiez.Evidence) bool { return kind == "" || e.Kind == kind })
}

// pick returns pointers to the records of a list for which ok is true, in
// a list of their exact number (never nil). It asks ok once per record of
// the first markedMax, noting the answers, and twice for later ones.
func pick[T any](l []T, ok func(*T) bool) []*T {
	var marked [markedMax / 64]uint64
	n := 0
	for i := range l {
		if ok(&l[i]) {
			n++
			if i < markedMax {
				marked[i/64] |= 1 << (i % 64)
			}
		}
	}
	out := make([]*T, 0, n)
	for i := 0; i < len(l) && len(out) < n; i++ {
		if i < markedMax && marked[i/64]&(1<<(i%64)) != 0 || i >= markedMax && ok(&l[i]) {
			out = append(out, &l[i])
		}
	}
	return out
}

// markedMax is the number of records whose answers pick notes.
const markedMax = 1024

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
	return best
}

// evidenceList returns the evidence of a centre or a programme, and the
// key of memoised calls of fn on it (the record it belongs to).
func evidenceList(x any, fn uint8) ([]kiez.Evidence, memoKey) {
	switch v := x.(type) {
	case *kiez.Centre:
		if v != nil {
			return v.Evidence, memoKey{fn: fn, centre: v}
		}
	case *kiez.Programme:
		if v != nil {
			return v.Evidence, memoKey{fn: fn, prog: v}
		}
	}
	return nil, memoKey{fn: fn}
}

// meetingList is evidenceList for meetings.
func meetingList(x any, fn uint8) ([]kiez.Meeting, memoKey) {
	switch v := x.(type) {
	case *kiez.Centre:
		if v != nil {
			return v.Meetings, memoKey{fn: fn, centre: v}
		}
	case *kiez.Programme:
		if v != nil {
			return v.Meetings, memoKey{fn: fn, prog: v}
		}
	}
	return nil, memoKey{fn: fn}
}

// recordDate returns the date of a session, meeting, evidence record or
// change event, or the date itself.
func recordDate(x any) (date.Date, error) {
	switch v := x.(type) {
	case date.Date:
		return v, nil
	case *kiez.Session:
		return v.Date, nil
	case *kiez.Meeting:
		return v.Date, nil
	case *kiez.Evidence:
		return v.Date, nil
	case *kiez.ChangeEvent:
		return v.Date, nil
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

// datesOf lists the dates of records.
func datesOf[T any](l []*T, at func(*T) date.Date) []date.Date {
	out := make([]date.Date, len(l))
	for i, x := range l {
		out[i] = at(x)
	}
	return out
}

// phaseOn is phaseOn(centre, day): the last phase of the centre that
// begins on or before the day, or nil.
func phaseOn(c *kiez.Centre, day date.Date) (*kiez.Phase, error) {
	var cur *kiez.Phase
	if c != nil {
		for i := range c.Phases {
			if !c.Phases[i].From.After(day) {
				cur = &c.Phases[i]
			}
		}
	}
	return cur, nil
}

// keep returns the elements of a list for which ok is true, in a list of
// their exact number (never nil).
func keep[T any](l []*T, ok func(*T) bool) []*T {
	n := 0
	for _, x := range l {
		if ok(x) {
			n++
		}
	}
	out := make([]*T, 0, n)
	for _, x := range l {
		if ok(x) {
			out = append(out, x)
		}
	}
	return out
}

// attendedByMeetings is attendedBy(meetings, centre, role).
func attendedByMeetings(ec *evalCtx, l []*kiez.Meeting, centre, role string) ([]*kiez.Meeting, error) {
	return keep(l, func(m *kiez.Meeting) bool { return attends(ec, m.Participants, centre, role) }), nil
}

// attendedByCommittees is attendedBy(committees, centre, role).
func attendedByCommittees(ec *evalCtx, l []*kiez.Committee, centre, role string) ([]*kiez.Committee, error) {
	return keep(l, func(m *kiez.Committee) bool { return attends(ec, m.Members, centre, role) }), nil
}

// attendedByAny is attendedBy on a list of meetings and committees as
// expr's filter gives it.
func attendedByAny(ec *evalCtx, l []any, centre, role string) ([]any, error) {
	out := []any{}
	for _, x := range l {
		ps, err := participantList(x)
		if err != nil {
			return nil, fmt.Errorf("attendedBy: %v", err)
		}
		if attends(ec, ps, centre, role) {
			out = append(out, x)
		}
	}
	return out, nil
}

// participantList returns the participants of a meeting or the members of
// a committee.
func participantList(x any) ([]kiez.Participant, error) {
	switch m := x.(type) {
	case *kiez.Meeting:
		if m != nil {
			return m.Participants, nil
		}
	case *kiez.Committee:
		if m != nil {
			return m.Members, nil
		}
	case kiez.Meeting:
		return m.Participants, nil
	case kiez.Committee:
		return m.Members, nil
	default:
		return nil, fmt.Errorf("%T is neither a meeting nor a committee", x)
	}
	return nil, nil
}

// withRole lists the participants of a role (all for ""), from the
// evaluation's index for the long lists of the programme record.
func withRole(ec *evalCtx, ps []kiez.Participant, role string) []*kiez.Participant {
	if len(ps) > 0 && ec != nil {
		if byRole, ok := ec.shared.byRole[&ps[0]]; ok {
			if role == "" {
				return ec.shared.refs[listKey(ps)].([]*kiez.Participant)
			}
			if l := byRole[role]; l != nil {
				return l
			}
			return []*kiez.Participant{}
		}
	}
	out := []*kiez.Participant{}
	for i := range ps {
		if role == "" || ps[i].Role == role {
			out = append(out, &ps[i])
		}
	}
	return out
}

// attends reports whether a participant of the role from the centre takes
// part, using the evaluation's index of the programme's participant lists.
func attends(ec *evalCtx, ps []kiez.Participant, centre, role string) bool {
	if len(ps) == 0 {
		return false
	}
	if ec != nil {
		if set, ok := ec.shared.attendance[&ps[0]]; ok {
			return set[attendee{centre, role}]
		}
	}
	for _, p := range ps {
		if p.Centre == centre && p.Role == role {
			return true
		}
	}
	return false
}

// recordFunctions are the functions that select records of the model.
// Their lists point into the data (a list of sessions is a list of
// pointers to the centre's sessions), and the functions marked ctx
// memoise their answers per centre.
func recordFunctions() []function {
	return []function{
		{name: "sessionsOf", group: "records", ctx: true, doc: "sessionsOf(centre, kind, period) lists the sessions in the period, not cancelled, of the centre's offers of that kind or standing in for it (equivalentTo); given a list of offers (or of offer ids) instead of a kind, of those offers, e.g. sessionsOf(centre, filter(offersOf(centre, \"\", period), .role == \"elternberatung\"), period)",
			types: []any{new(func(*kiez.Centre, string, Period) []*kiez.Session), new(func(*kiez.Centre, []*kiez.Offer, Period) []*kiez.Session),
				new(func(*kiez.Centre, []any, Period) []*kiez.Session), new(func(*kiez.Centre, []string, Period) []*kiez.Session)},
			fn: func(a ...any) (any, error) {
				ec, c, p := ecOf(a[0]), a[1].(*kiez.Centre), a[3].(Period)
				switch l := a[2].(type) {
				case string:
					return sessionsOfKind(ec, c, l, p), nil
				case []*kiez.Offer:
					return sessionsOfOffers(ec, c, l, p)
				case []any:
					return sessionsOfAny(ec, c, l, p)
				case []string:
					return sessionsOfIDs(ec, c, l, p)
				}
				return sessionsOfIDs(ec, c, nil, p)
			}},
		{name: "themed", group: "records", doc: "themed(sessions) keeps the sessions with a thematic focus",
			types: []any{new(func([]*kiez.Session) []*kiez.Session)},
			fn: func(a ...any) (any, error) {
				return keep(a[0].([]*kiez.Session), func(s *kiez.Session) bool { return s.Themed }), nil
			}},
		{name: "offersOf", group: "records", ctx: true, doc: "offersOf(centre, kind, period) lists the centre's offers of that kind (or standing in for it) valid in the period; kind \"\" lists all",
			types: []any{new(func(*kiez.Centre, string, Period) []*kiez.Offer)},
			fn: func(a ...any) (any, error) {
				return offersOfMemo(ecOf(a[0]), a[1].(*kiez.Centre), a[2].(string), a[3].(Period))
			}},
		{name: "meetingsOf", group: "records", ctx: true, doc: "meetingsOf(centre or programme, kind, period) lists the meetings of that kind held in the period (not cancelled); kind \"\" lists all",
			types: []any{new(func(*kiez.Centre, string, Period) []*kiez.Meeting), new(func(*kiez.Programme, string, Period) []*kiez.Meeting)},
			fn:    func(a ...any) (any, error) { return meetingsOfAny(ecOf(a[0]), a[1], a[2].(string), a[3].(Period)) }},
		{name: "attendedBy", group: "records", ctx: true, doc: "attendedBy(meetings, centreID, role) keeps the meetings with a participant of that role from that centre; given committees, those with such a member",
			types: []any{new(func([]*kiez.Meeting, string, string) []*kiez.Meeting), new(func([]*kiez.Committee, string, string) []*kiez.Committee),
				new(func([]any, string, string) []any)},
			fn: func(a ...any) (any, error) {
				ec := ecOf(a[0])
				centre, role := a[2].(string), a[3].(string)
				switch l := a[1].(type) {
				case []*kiez.Meeting:
					return attendedByMeetings(ec, l, centre, role)
				case []*kiez.Committee:
					return attendedByCommittees(ec, l, centre, role)
				case []any:
					return attendedByAny(ec, l, centre, role)
				}
				return []any{}, nil
			}},
		{name: "participantsOf", group: "records", ctx: true, doc: "participantsOf(meeting or committee, role) lists the participants (members) with that role; role \"\" lists all",
			types: []any{new(func(*kiez.Meeting, string) []*kiez.Participant), new(func(*kiez.Committee, string) []*kiez.Participant)},
			fn: func(a ...any) (any, error) {
				ps, err := participantList(a[1])
				if err != nil {
					return nil, fmt.Errorf("participantsOf: %v", err)
				}
				return withRole(ecOf(a[0]), ps, a[2].(string)), nil
			}},
		{name: "staffOf", group: "records", ctx: true, doc: "staffOf(centre, role, period) lists the positions of that role held on any day of the period; role \"\" lists all",
			types: []any{new(func(*kiez.Centre, string, Period) []*kiez.Position)},
			fn: func(a ...any) (any, error) {
				return staffOfMemo(ecOf(a[0]), a[1].(*kiez.Centre), a[2].(string), a[3].(Period))
			}},
		{name: "staffHours", group: "records", doc: "staffHours(centre, role, day) sums the weekly hours of the positions of that role held on the day; role \"\" sums all",
			types: []any{new(func(*kiez.Centre, string, date.Date) decimal.Decimal)},
			fn: func(a ...any) (any, error) {
				c := a[0].(*kiez.Centre)
				if c == nil {
					return decimal.Zero, nil
				}
				return c.StaffHours(a[1].(string), a[2].(date.Date)), nil
			}},
		{name: "evidenceOf", group: "records", ctx: true, doc: "evidenceOf(centre or programme, kind) lists the evidence records of that kind; kind \"\" lists all",
			types: []any{new(func(*kiez.Centre, string) []*kiez.Evidence), new(func(*kiez.Programme, string) []*kiez.Evidence)},
			fn:    func(a ...any) (any, error) { return evidenceOfAny(ecOf(a[0]), a[1], a[2].(string)) }},
		{name: "latestEvidence", group: "records", doc: "latestEvidence(centre or programme, kind, day) is the most recent record of that kind dated on or before the day, or nil",
			types: []any{new(func(*kiez.Centre, string, date.Date) *kiez.Evidence), new(func(*kiez.Programme, string, date.Date) *kiez.Evidence)},
			fn: func(a ...any) (any, error) {
				list, _ := evidenceList(a[0], 0)
				return latestEvidence(list, a[1].(string), a[2].(date.Date)), nil
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
						return &c.Partners[i], nil
					}
				}
				return (*kiez.Partner)(nil), nil
			}},
		{name: "changesOf", group: "records", ctx: true, doc: "changesOf(centre, kinds) lists the centre's change events of the given kinds (all kinds when the list is empty): those typed in (changes) and, marked derived, those the staff records show: a leitungswechsel on the day a position of a Leitung role (kita-leitung, leitung-familienzentrum) begins after another position of that role was held. A derived event is left out when a typed-in one of the same kind lies in the same month",
			types: []any{new(func(*kiez.Centre, []string) []*kiez.ChangeEvent), new(func(*kiez.Centre, []any) []*kiez.ChangeEvent)},
			fn: func(a ...any) (any, error) {
				c := a[1].(*kiez.Centre)
				want := texts(a[2])
				key := memoKey{fn: memoChanges, centre: c, text: strings.Join(want, "\x00")}
				return memoBoxed(ecOf(a[0]), key, func() []*kiez.ChangeEvent { return changesOf(c, want) }), nil
			}},
		{name: "phaseOn", group: "records", doc: "phaseOn(centre, day) is the development phase in force on the day, or nil",
			types: []any{new(func(*kiez.Centre, date.Date) *kiez.Phase)},
			fn2:   func(c, day any) (any, error) { return phaseOn(c.(*kiez.Centre), day.(date.Date)) }},
		{name: "dates", group: "records", doc: "dates(list) lists the dates of sessions, meetings, evidence records or change events",
			types: []any{new(func([]*kiez.Session) []date.Date), new(func([]*kiez.Meeting) []date.Date), new(func([]*kiez.Evidence) []date.Date), new(func([]*kiez.ChangeEvent) []date.Date), new(func([]any) []date.Date)},
			fn1: func(list any) (any, error) {
				switch l := list.(type) {
				case []*kiez.Session:
					return datesOf(l, func(x *kiez.Session) date.Date { return x.Date }), nil
				case []*kiez.Meeting:
					return datesOf(l, func(x *kiez.Meeting) date.Date { return x.Date }), nil
				case []*kiez.Evidence:
					return datesOf(l, func(x *kiez.Evidence) date.Date { return x.Date }), nil
				case []*kiez.ChangeEvent:
					return datesOf(l, func(x *kiez.ChangeEvent) date.Date { return x.Date }), nil
				case []any:
					// A filtered list: expr's filter returns untyped lists.
					out := make([]date.Date, 0, len(l))
					for _, x := range l {
						d, err := recordDate(x)
						if err != nil {
							return nil, err
						}
						out = append(out, d)
					}
					return out, nil
				}
				return []date.Date{}, nil
			}},
	}
}
