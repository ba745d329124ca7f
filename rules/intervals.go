package rules

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
)

// Span is a run of days, both ends included.
type Span struct {
	From  date.Date `expr:"from" json:"from"`
	Until date.Date `expr:"until" json:"until"`
}

// String writes the span in German, e.g. "01.01.2024–29.02.2024"; a span
// with an open end (a zero date, as validity gives) reads "ab 01.08.2024",
// "bis 30.06.2024" or "unbefristet".
func (s Span) String() string { return Format(s) }

// MarshalText writes the span as String does, so that it reads the same
// in JSON evidence as in messages.
func (s Span) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// days is the number of days of the span.
func (s Span) days() int { return int(s.Until.Sub(s.From)) + 1 }

// DayCoverage is the answer of coverage() and coverageAtLeast(): how many
// days of a period are covered and the runs of days that are not.
type DayCoverage struct {
	// OK reports that every day of the period is covered.
	OK bool `expr:"ok" json:"ok"`
	// Days is the number of days of the period, Covered how many of them
	// are covered.
	Days    int `expr:"days" json:"days"`
	Covered int `expr:"covered" json:"covered"`
	// Gaps lists the runs of days not covered, in order.
	Gaps []Span `expr:"gaps" json:"gaps"`
}

// String says in German whether the period is covered, naming the gaps:
// "lückenlos (366 Tage)" or "nicht abgedeckt: 01.01.2024–29.02.2024".
func (c DayCoverage) String() string { return Format(c) }

// clip returns the part of the optional bounds [from, until] within the
// period, and whether there is one.
func clip(from, until *date.Date, p Period) (Span, bool) {
	s := Span(p)
	if from != nil && from.After(s.From) {
		s.From = *from
	}
	if until != nil && until.Before(s.Until) {
		s.Until = *until
	}
	return s, !s.Until.Before(s.From)
}

// coverageOf merges the spans within the period into a DayCoverage.
func coverageOf(spans []Span, p Period) DayCoverage {
	slices.SortFunc(spans, func(a, b Span) int { return int(a.From.Sub(b.From)) })
	c := DayCoverage{Days: Span(p).days(), Gaps: []Span{}}
	next := p.From // the first day not known to be covered
	for _, s := range spans {
		if s.From.After(next) {
			c.Gaps = append(c.Gaps, Span{From: next, Until: s.From.Add(-1)})
			next = s.From
		}
		if !s.Until.Before(next) {
			c.Covered += int(s.Until.Sub(next)) + 1
			next = s.Until.Add(1)
		}
	}
	if !next.After(p.Until) {
		c.Gaps = append(c.Gaps, Span{From: next, Until: p.Until})
	}
	c.OK = len(c.Gaps) == 0
	return c
}

// validity returns the days a record is valid: a staff position from
// from to until, an evidence record from from (or, without it, from its
// date) to until, a partner's agreement from from (or, without it, from
// its signing) to until, an offer from from to until. Open ends are
// unbounded. A partner without an agreement is valid on no day.
func validity(x any) (from, until *date.Date, ok bool, err error) {
	switch v := x.(type) {
	case *kiez.Position:
		if v == nil {
			return nil, nil, false, nil
		}
		return v.From, v.Until, true, nil
	case kiez.Position:
		return v.From, v.Until, true, nil
	case *kiez.Evidence:
		if v == nil {
			return nil, nil, false, nil
		}
		return evidenceValidity(v)
	case kiez.Evidence:
		return evidenceValidity(&v)
	case *kiez.Partner:
		if v == nil {
			return nil, nil, false, nil
		}
		return agreementValidity(v.Agreement)
	case kiez.Partner:
		return agreementValidity(v.Agreement)
	case *kiez.Agreement:
		return agreementValidity(v)
	case *kiez.Offer:
		if v == nil {
			return nil, nil, false, nil
		}
		return v.From, v.Until, true, nil
	case kiez.Offer:
		return v.From, v.Until, true, nil
	}
	return nil, nil, false, fmt.Errorf("coverage: %s has no validity (want positions, evidence records, network partners or offers)", goTypeName(x))
}

func evidenceValidity(e *kiez.Evidence) (from, until *date.Date, ok bool, err error) {
	from = e.From
	if from == nil {
		from = &e.Date
	}
	return from, e.Until, true, nil
}

func agreementValidity(a *kiez.Agreement) (from, until *date.Date, ok bool, err error) {
	if a == nil {
		return nil, nil, false, nil
	}
	from = a.From
	if from == nil {
		from = &a.Signed
	}
	return from, a.Until, true, nil
}

// goTypeName names the type of a value for a message.
func goTypeName(x any) string {
	if x == nil {
		return "nil"
	}
	return fmt.Sprintf("%T", x)
}

// recordsOf turns a typed list of records or an untyped (filtered) list
// into a list of values validity understands.
func recordsOf(v any) []any {
	switch l := v.(type) {
	case []any:
		return l
	case []*kiez.Position:
		return toAny(l)
	case []kiez.Position:
		return toAny(l)
	case []*kiez.Evidence:
		return toAny(l)
	case []kiez.Evidence:
		return toAny(l)
	case []*kiez.Offer:
		return toAny(l)
	case []kiez.Offer:
		return toAny(l)
	case []kiez.Partner:
		return toAny(l)
	case []*kiez.Partner:
		return toAny(l)
	}
	return nil
}

func toAny[T any](l []T) []any {
	out := make([]any, len(l))
	for i, x := range l {
		out[i] = x
	}
	return out
}

// coverage computes which days of the period the records' validity
// covers; records that chain or overlap count together.
func coverage(records any, p Period) (DayCoverage, error) {
	var spans []Span
	for _, r := range recordsOf(records) {
		from, until, ok, err := validity(r)
		if err != nil {
			return DayCoverage{}, err
		}
		if !ok {
			continue
		}
		if s, in := clip(from, until, p); in {
			spans = append(spans, s)
		}
	}
	return coverageOf(spans, p), nil
}

// positionFields are the fields of a staff position whose value in force
// on a day coverageAtLeast, valueOn, minValue and spansBelow read: the
// only field names those functions accept.
var positionFields = []string{"hoursPerWeek", "releaseHoursPerWeek"}

// positionField checks a field name given to fn against positionFields;
// the error names fn unless it is empty (the load-time check names the
// call itself).
func positionField(fn, field string) error {
	if slices.Contains(positionFields, field) {
		return nil
	}
	err := fmt.Errorf("unbekanntes Feld „%s“ einer Stelle (erlaubt: %s)", field, strings.Join(positionFields, ", "))
	if fn != "" {
		err = fmt.Errorf("%s: %w", fn, err)
	}
	return err
}

// valueOn returns the value of a checked field in force on day d.
func valueOn(p *kiez.Position, field string, d date.Date) decimal.Decimal {
	if field == "releaseHoursPerWeek" {
		return p.ReleaseHoursOn(d)
	}
	return p.HoursOn(d)
}

// piece is a run of a position's days with one value of a field.
type piece struct {
	span Span
	val  decimal.Decimal
}

// pieces splits a position's days within the period at its history
// dates: each piece has one value of the field.
func pieces(p *kiez.Position, field string, per Period) []piece {
	own, ok := clip(p.From, p.Until, per)
	if !ok {
		return nil
	}
	var out []piece
	start := own.From
	for _, d := range p.ChangeDays() {
		if d.After(start) && !d.After(own.Until) {
			out = append(out, piece{Span{start, d.Add(-1)}, valueOn(p, field, start)})
			start = d
		}
	}
	return append(out, piece{Span{start, own.Until}, valueOn(p, field, start)})
}

// spansBelow lists the runs of the position's own days in the period on
// which the field's value is below min, adjacent runs merged.
func spansBelow(p *kiez.Position, field string, min decimal.Decimal, per Period) []Span {
	out := []Span{}
	for _, pc := range pieces(p, field, per) {
		if !pc.val.LessThan(min) {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Until.Add(1) == pc.span.From {
			out[n-1].Until = pc.span.Until
			continue
		}
		out = append(out, pc.span)
	}
	return out
}

// coverageAtLeast computes the days of the period on which the field's
// values in force, summed over the positions held that day, reach min.
func coverageAtLeast(ps []*kiez.Position, field string, min decimal.Decimal, per Period) DayCoverage {
	// Every day on which a position begins, ends or changes starts a
	// run of days with one sum.
	cuts := []date.Date{per.From}
	for _, p := range ps {
		if p.From != nil && per.Contains(*p.From) {
			cuts = append(cuts, *p.From)
		}
		if p.Until != nil && per.Contains(p.Until.Add(1)) {
			cuts = append(cuts, p.Until.Add(1))
		}
		for _, d := range p.ChangeDays() {
			if per.Contains(d) {
				cuts = append(cuts, d)
			}
		}
	}
	slices.SortFunc(cuts, func(a, b date.Date) int { return int(a.Sub(b)) })
	cuts = slices.Compact(cuts)
	var spans []Span
	for i, start := range cuts {
		end := per.Until
		if i+1 < len(cuts) {
			end = cuts[i+1].Add(-1)
		}
		sum := decimal.Zero
		for _, p := range ps {
			if p.ActiveOn(start) {
				sum = sum.Add(valueOn(p, field, start))
			}
		}
		if !sum.LessThan(min) {
			spans = append(spans, Span{From: start, Until: end})
		}
	}
	return coverageOf(spans, per)
}

// positionsOf turns a list of positions, typed or filtered, into
// pointers.
func positionsOf(fn string, v any) ([]*kiez.Position, error) {
	switch l := v.(type) {
	case []*kiez.Position:
		return l, nil
	case []any:
		out := make([]*kiez.Position, 0, len(l))
		for _, x := range l {
			switch p := x.(type) {
			case *kiez.Position:
				if p != nil {
					out = append(out, p)
				}
			case kiez.Position:
				out = append(out, &p)
			default:
				return nil, fmt.Errorf("%s: %s is not a position (want a list of positions such as staffOf(centre, role, period))", fn, goTypeName(x))
			}
		}
		return out, nil
	}
	return []*kiez.Position{}, nil
}

// positionArg returns a position argument, or an error naming the
// function when it is nil.
func positionArg(fn string, v any) (*kiez.Position, error) {
	switch p := v.(type) {
	case *kiez.Position:
		if p != nil {
			return p, nil
		}
	case kiez.Position:
		return &p, nil
	}
	return nil, fmt.Errorf("%s: no position given", fn)
}

// intervalFunctions are the functions that treat time as runs of days:
// which days records cover, and the value of a position's dated fields
// in force on a day.
func intervalFunctions() []function {
	return []function{
		{name: "coverage", group: "intervals", doc: "coverage(records, period) says which days of the period the records are valid on, as a DayCoverage (ok, days, covered, gaps; written in German as „lückenlos (366 Tage)“ or „nicht abgedeckt: 01.01.2024–29.02.2024“). Records that follow on from each other or overlap count together. Validity: a staff position from/until; an evidence record from/until, without from from its date; a network partner its agreement from/until, without from from its signing (no agreement: no day); an offer from/until. Open ends are unbounded. Filtered lists work too, e.g. coverage(filter(evidenceOf(centre, \"zuschussvertrag\"), .date <= period.until), period)",
			types: []any{new(func([]*kiez.Position, Period) DayCoverage), new(func([]*kiez.Evidence, Period) DayCoverage),
				new(func([]*kiez.Offer, Period) DayCoverage), new(func([]kiez.Partner, Period) DayCoverage), new(func([]any, Period) DayCoverage)},
			fn2: func(records, p any) (any, error) { return coverage(records, p.(Period)) }},
		{name: "validity", group: "intervals", doc: "validity(record) is the days a staff position, evidence record, network partner (its agreement) or offer is valid, as coverage() reads them, as a Span whose open ends are zero dates; it is written in German as „01.01.2024–30.06.2024“, „ab 01.08.2024“, „bis 30.06.2024“ or „unbefristet“ (a partner without an agreement: „keine Vereinbarung“ is not a span, so the result is an error)",
			types: []any{new(func(*kiez.Position) Span), new(func(*kiez.Evidence) Span), new(func(*kiez.Partner) Span), new(func(*kiez.Offer) Span),
				new(func(kiez.Partner) Span), new(func(any) Span)},
			fn: func(a ...any) (any, error) {
				from, until, ok, err := validity(a[0])
				if err != nil {
					return nil, fmt.Errorf("validity: %s has no validity (want a position, an evidence record, a network partner or an offer)", goTypeName(a[0]))
				}
				if !ok {
					return nil, errors.New("validity: no record, or a network partner without a cooperation agreement")
				}
				var s Span
				if from != nil {
					s.From = *from
				}
				if until != nil {
					s.Until = *until
				}
				return s, nil
			}},
		{name: "coverageAtLeast", group: "intervals", doc: "coverageAtLeast(positions, period, field, min) says on which days of the period the sum of the field (hoursPerWeek or releaseHoursPerWeek, each as in force that day through the position's history) over the positions held that day reaches min, as a DayCoverage; e.g. coverageAtLeast(staffOf(centre, \"kiez-verantwortliche\", period), period, \"hoursPerWeek\", 39)",
			types: []any{new(func([]*kiez.Position, Period, string, decimal.Decimal) DayCoverage), new(func([]*kiez.Position, Period, string, int) DayCoverage),
				new(func([]*kiez.Position, Period, string, float64) DayCoverage), new(func([]any, Period, string, decimal.Decimal) DayCoverage),
				new(func([]any, Period, string, int) DayCoverage), new(func([]any, Period, string, float64) DayCoverage)},
			fn: func(a ...any) (any, error) {
				field := a[2].(string)
				if err := positionField("coverageAtLeast", field); err != nil {
					return nil, err
				}
				ps, err := positionsOf("coverageAtLeast", a[0])
				if err != nil {
					return nil, err
				}
				return coverageAtLeast(ps, field, dec(a[3]), a[1].(Period)), nil
			}},
		{name: "valueOn", group: "intervals", doc: "valueOn(position, field, day) is the value of the field (hoursPerWeek or releaseHoursPerWeek) in force on the day: the position's own value, replaced from their dates on by the entries of its history",
			types: []any{new(func(*kiez.Position, string, date.Date) decimal.Decimal)},
			fn: func(a ...any) (any, error) {
				field := a[1].(string)
				if err := positionField("valueOn", field); err != nil {
					return nil, err
				}
				p, err := positionArg("valueOn", a[0])
				if err != nil {
					return nil, err
				}
				return valueOn(p, field, a[2].(date.Date)), nil
			}},
		{name: "minValue", group: "intervals", doc: "minValue(position, field, period) is the smallest value of the field (hoursPerWeek or releaseHoursPerWeek) in force on any of the position's own days in the period (an error when the position is not held in the period)",
			types: []any{new(func(*kiez.Position, string, Period) decimal.Decimal)},
			fn: func(a ...any) (any, error) {
				field := a[1].(string)
				if err := positionField("minValue", field); err != nil {
					return nil, err
				}
				p, err := positionArg("minValue", a[0])
				if err != nil {
					return nil, err
				}
				per := a[2].(Period)
				ps := pieces(p, field, per)
				if len(ps) == 0 {
					return nil, fmt.Errorf("minValue: the position %s is not held in the period %s", p.ID, per)
				}
				m := ps[0].val
				for _, pc := range ps[1:] {
					m = decimal.Min(m, pc.val)
				}
				return m, nil
			}},
		{name: "spansBelow", group: "intervals", doc: "spansBelow(position, field, min, period) lists the runs of days (Span: from, until; written 01.01.2024–29.02.2024) among the position's own days in the period on which the field (hoursPerWeek or releaseHoursPerWeek) in force is below min; empty when it never is",
			types: []any{new(func(*kiez.Position, string, decimal.Decimal, Period) []Span), new(func(*kiez.Position, string, int, Period) []Span),
				new(func(*kiez.Position, string, float64, Period) []Span)},
			fn: func(a ...any) (any, error) {
				field := a[1].(string)
				if err := positionField("spansBelow", field); err != nil {
					return nil, err
				}
				p, err := positionArg("spansBelow", a[0])
				if err != nil {
					return nil, err
				}
				return spansBelow(p, field, dec(a[2]), a[3].(Period)), nil
			}},
	}
}
