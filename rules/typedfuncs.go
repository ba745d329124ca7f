package rules

import (
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules/internal/compile"
	"github.com/kiez-go/kiez/schedule"
)

// The typed forms of the functions the shipped rules call most
// (compile.TypedFunc): the typed closures call them with their arguments
// as they are, without a list of interfaces. Each computes what the
// untyped form computes: most are the function's own implementation,
// which the untyped form (functions.go, records.go, budget.go) calls;
// $refs repeats the untyped form's few lines on typed values (refsTyped
// finds and keeps the same view under the same key as refsOf).
// TestTypedClosureCalls runs them against expr's machine, each with a
// memo of its own.

// typedFunctions returns the typed forms by function name.
func typedFunctions() map[string][]compile.TypedFunc {
	// missing and extra are one function (without) in the same typed forms, on the four kinds of
	// lists of texts.
	withoutForms := []compile.TypedFunc{compile.Typed2(withoutTexts[[]any, []any]), compile.Typed2(withoutTexts[[]string, []any]),
		compile.Typed2(withoutTexts[[]any, []string]), compile.Typed2(withoutTexts[[]string, []string])}
	return map[string][]compile.TypedFunc{
		"intAdd":   {compile.Typed2(addInt)},
		"intSub":   {compile.Typed2(subInt)},
		"intMul":   {compile.Typed2(mulInt)},
		"inPeriod": {compile.Typed2(inPeriod)},
		"days":     {compile.Typed2(daysBetween)},
		"periodOf": {compile.Typed1(periodOfBucket)},
		"year":     {compile.Typed1(yearOf)},
		"firstDay": {compile.Typed1(firstDay)},
		"lastDay":  {compile.Typed1(lastDay)},
		"phaseOn":  {compile.Typed2(phaseOn)},
		uniqName:   {compile.Typed1(uniqTexts), compile.Typed1(uniqValues)},
		"staffOf":  {compile.Typed4(staffOfMemo)},
		"offersOf": {compile.Typed4(offersOfMemo)},
		"sessionsOf": {compile.Typed4(func(ec *evalCtx, c *kiez.Centre, kind string, p Period) (any, error) {
			return sessionsOfKind(ec, c, kind, p), nil
		}), compile.Typed4(sessionsOfIDs), compile.Typed4(sessionsOfOffers), compile.Typed4(sessionsOfAny)},
		"attendedBy": {compile.Typed4(attendedByMeetings), compile.Typed4(attendedByCommittees), compile.Typed4(attendedByAny)},
		"meetingsOf": {compile.Typed4(meetingsOfMemo[*kiez.Centre]), compile.Typed4(meetingsOfMemo[*kiez.Programme])},
		"evidenceOf": {compile.Typed3(evidenceOfMemo[*kiez.Centre]), compile.Typed3(evidenceOfMemo[*kiez.Programme])},
		concatName:   {compile.Typed3(concatTexts)},
		"missing":    withoutForms,
		"extra":      withoutForms,
		refsName: {
			compile.Typed2(refsTyped[kiez.Kita]), compile.Typed2(refsTyped[kiez.Participant]),
			compile.Typed2(refsTyped[kiez.Meeting]), compile.Typed2(refsTyped[kiez.Evidence]),
			compile.Typed2(refsTyped[kiez.Session]), compile.Typed2(refsTyped[kiez.Room]),
			compile.Typed2(refsTyped[kiez.Position]), compile.Typed2(refsTyped[kiez.Offer]),
			compile.Typed2(refsTyped[kiez.CaseExchange]), compile.Typed2(refsTyped[kiez.Committee]),
			compile.Typed2(refsTyped[kiez.Partner]), compile.Typed2(refsTyped[kiez.Phase]),
			compile.Typed2(refsTyped[kiez.Provider]), compile.Typed2(refsTyped[kiez.ChangeEvent]),
			compile.Typed2(refsTyped[kiez.Closure]), compile.Typed2(refsTyped[kiez.Target]),
			compile.Typed2(refsTyped[kiez.PositionChange]), compile.Typed2(refsTyped[kiez.Indicator]),
			compile.Typed2(refsTyped[kiez.ImpactGoal]), compile.Typed2(refsTyped[kiez.FacilitationHours]),
			compile.Typed2(refsTyped[kiez.Channel]), compile.Typed2(refsTyped[kiez.BudgetLine]),
		},
	}
}

// inPeriod is inPeriod(d, period).
func inPeriod(d date.Date, p Period) (bool, error) { return p.Contains(d), nil }

// daysBetween is days(a, b).
func daysBetween(a, b date.Date) (int, error) { return int(b.Sub(a)), nil }

// periodOfBucket is periodOf(bucket).
func periodOfBucket(b schedule.Bucket) (Period, error) { return NewPeriod(b.Range), nil }

// yearOf is year(d).
func yearOf(d date.Date) (int, error) { return d.Year(), nil }

// firstDay is firstDay(month).
func firstDay(m kiez.Month) (date.Date, error) { return m.First(), nil }

// lastDay is lastDay(month).
func lastDay(m kiez.Month) (date.Date, error) { return m.Last(), nil }

// staffOfMemo is staffOf(centre, role, period), memoised per centre.
func staffOfMemo(ec *evalCtx, c *kiez.Centre, role string, p Period) (any, error) {
	return memoBoxed(ec, memoKey{fn: memoStaff, centre: c, text: role, per: p}, func() []*kiez.Position { return staffOf(c, role, p) }), nil
}

// offersOfMemo is offersOf(centre, kind, period), memoised per centre.
func offersOfMemo(ec *evalCtx, c *kiez.Centre, kind string, p Period) (any, error) {
	return memoBoxed(ec, memoKey{fn: memoOffers, centre: c, text: kind, per: p}, func() []*kiez.Offer { return offersOf(c, kind, p) }), nil
}

// sessionsOfKind is sessionsOf(centre, kind, period), memoised per
// centre.
func sessionsOfKind(ec *evalCtx, c *kiez.Centre, kind string, p Period) any {
	return memoBoxed(ec, memoKey{fn: memoSessions, centre: c, text: kind, per: p}, func() []*kiez.Session { return sessionsOf(c, kind, p) })
}

// sessionsOfIDs is sessionsOf(centre, ids, period), memoised per centre.
func sessionsOfIDs(ec *evalCtx, c *kiez.Centre, ids []string, p Period) (any, error) {
	return sessionsByIDs(ec, c, ids, false, p), nil
}

// sessionsOfOffers is sessionsOf(centre, offers, period), memoised per
// centre.
func sessionsOfOffers(ec *evalCtx, c *kiez.Centre, offers []*kiez.Offer, p Period) (any, error) {
	return sessionsByIDs(ec, c, idsOfOffers(offers), true, p), nil
}

// sessionsOfAny is sessionsOf(centre, offers or ids, period) on a list
// as expr's filter and map give it, memoised per centre.
func sessionsOfAny(ec *evalCtx, c *kiez.Centre, l []any, p Period) (any, error) {
	ids, err := idsOfAny(l)
	if err != nil {
		return nil, err
	}
	return sessionsByIDs(ec, c, ids, true, p), nil
}

// meetingsOfMemo is meetingsOf(centre or programme, kind, period),
// memoised per centre.
func meetingsOfMemo[R *kiez.Centre | *kiez.Programme](ec *evalCtx, of R, kind string, p Period) (any, error) {
	list, k := meetingList(of, memoMeetings)
	k.text, k.per = kind, p
	return memoBoxed(ec, k, func() []*kiez.Meeting { return meetingsIn(list, kind, p) }), nil
}

// evidenceOfMemo is evidenceOf(centre or programme, kind), memoised per
// centre.
func evidenceOfMemo[R *kiez.Centre | *kiez.Programme](ec *evalCtx, of R, kind string) (any, error) {
	list, k := evidenceList(of, memoEvidence)
	k.text = kind
	return memoBoxed(ec, k, func() []*kiez.Evidence { return evidenceIn(list, kind) }), nil
}

// meetingsOfAny is meetingsOfMemo on a centre or a programme given as an
// interface (anything else lists none).
func meetingsOfAny(ec *evalCtx, of any, kind string, p Period) (any, error) {
	if c, ok := of.(*kiez.Centre); ok {
		return meetingsOfMemo(ec, c, kind, p)
	}
	prog, _ := of.(*kiez.Programme)
	return meetingsOfMemo(ec, prog, kind, p)
}

// evidenceOfAny is evidenceOfMemo on a centre or a programme given as an
// interface (anything else lists none).
func evidenceOfAny(ec *evalCtx, of any, kind string) (any, error) {
	if c, ok := of.(*kiez.Centre); ok {
		return evidenceOfMemo(ec, c, kind)
	}
	prog, _ := of.(*kiez.Programme)
	return evidenceOfMemo(ec, prog, kind)
}

// refsTyped is refsOf on a list of records of a known type: the same
// view, found under the same key, without reflection.
func refsTyped[T any](ec *evalCtx, l []T) (any, error) {
	if len(l) == 0 {
		return []*T(nil), nil
	}
	k := listKey(l)
	if ec != nil {
		if r, ok := ec.shared.refs[k]; ok {
			return r, nil
		}
		if r, ok := ec.refs[k]; ok {
			return r, nil
		}
	}
	r := any(ptrs(l))
	if ec != nil {
		ec.refs[k] = r
	}
	return r, nil
}

// concatTexts is $concat(budget, x, y): x + y, its bytes counted in the
// budget (none outside an evaluation).
func concatTexts(b *stepBudget, x, y string) (string, error) {
	if b != nil {
		if err := b.spend(len(x) + len(y)); err != nil {
			return "", err
		}
	}
	return x + y, nil
}
