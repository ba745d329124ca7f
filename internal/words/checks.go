package words

import (
	"fmt"
	"strings"

	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/schedule"
)

// Span is a run of days, both ends included; a zero end is open.
type Span struct{ From, Until date.Date }

// Span writes a run of days: "01.01.2024–29.02.2024", "ab 01.08.2024",
// "bis 30.06.2024", "unbefristet"; "2024-01-01 – 2024-02-29", "from
// 2024-08-01", "until 2024-06-30", "open-ended".
func (l Language) Span(s Span) string {
	en := l == English
	switch {
	case s.From.IsZero() && s.Until.IsZero():
		return pick(en, "unbefristet", "open-ended")
	case s.Until.IsZero():
		return pick(en, "ab ", "from ") + l.Date(s.From)
	case s.From.IsZero():
		return pick(en, "bis ", "until ") + l.Date(s.Until)
	}
	return l.Date(s.From) + l.rangeDash() + l.Date(s.Until)
}

// pick returns de, or en when english is true.
func pick(english bool, de, en string) string {
	if english {
		return en
	}
	return de
}

// Bucket writes a calendar bucket with its days: "2024-W10
// (04.03.–10.03.)", "2024-W10 (03-04 – 03-10)"; a whole calendar year is
// its label alone, "2024".
func (l Language) Bucket(b schedule.Bucket) string {
	if !b.Partial && len(b.Label) == 4 {
		return b.Label
	}
	r := b.Range
	return b.Label + " (" + l.DayMonth(r.Start()) + l.rangeDash() + l.DayMonth(r.Last()) + ")"
}

// Stretch writes a stretch between occurrences with its counted days:
// "01.02.2024–15.09.2024 (227 Tage)", "2024-02-01 – 2024-09-15 (227 days)".
func (l Language) Stretch(g schedule.Gap) string {
	return l.Date(g.From) + l.rangeDash() + l.Date(g.To) + " (" + l.Count(g.Length, Day) + ")"
}

// Cadence are the facts of a cadence check for its summary: a calendar
// reading (Per, Buckets and the lists of buckets) or a rolling one
// (Window, Min and the stretches).
type Cadence struct {
	Total int // occurrences counted
	// The calendar reading: the unit, how many buckets were judged, and
	// the buckets that fell short, ran over, were closed or were cut by
	// the period.
	Per                           schedule.Unit
	Buckets                       int
	Missed, Exceeded, Closed, Cut []schedule.Bucket
	// The rolling reading: Min occurrences in every Window; Stretches
	// held too few.
	Window    period.Period
	Min       int
	Stretches []schedule.Gap
}

// Gaps are the facts of a gap check: occurrences, the longest stretch in
// days, and the stretches over the limit.
type Gaps struct {
	Occurrences, Longest int
	Exceeded             []schedule.Gap
}

// Hours are the facts of an hours check: the total and the buckets below
// their minimum with their sums.
type Hours struct {
	Total  decimal.Decimal
	Missed []schedule.BucketSum
}

// Coverage are the facts of a coverage check: whether every day of the
// period is covered, its number of days and the runs not covered.
type Coverage struct {
	OK   bool
	Days int
	Gaps []Span
}

// ClosedDays are the closed days a cadence check excuses: the declared
// closures, and the public holidays of Land when it is not empty.
type ClosedDays struct {
	Closures []schedule.Closure
	Land     string
}

// unitNoun is the noun of a calendar unit.
func unitNoun(u schedule.Unit) Noun {
	switch u {
	case schedule.Week:
		return Week
	case schedule.Month:
		return Month
	case schedule.Quarter:
		return Quarter
	case schedule.HalfYear:
		return HalfYear
	case schedule.Year:
		return Year
	}
	return Period
}

// list writes items with commas.
func list[T any](items []T, write func(T) string) string {
	parts := make([]string, len(items))
	for i, x := range items {
		parts[i] = write(x)
	}
	return strings.Join(parts, ", ")
}

// Cadence summarises a cadence check: "47 Termine in 52 Wochen; zu wenige
// in 2024-W10 (04.03.–10.03.)", "47 sessions in 52 weeks; too few in
// 2024-W10 (03-04 – 03-10)".
func (l Language) Cadence(c Cadence) string {
	en := l == English
	var b strings.Builder
	if c.Min > 0 {
		b.WriteString(l.Count(c.Total, Session))
		dur := l.Duration(c.Window)
		gaps := list(c.Stretches, l.Stretch)
		switch {
		case len(c.Stretches) == 0 && c.Min == 1:
			fmt.Fprintf(&b, pick(en, "; nie länger als %s ohne Termin", "; never more than %s without a session"), dur)
		case len(c.Stretches) == 0 && en:
			fmt.Fprintf(&b, "; at least %d in every %s", c.Min, dur)
		case len(c.Stretches) == 0:
			fmt.Fprintf(&b, "; in je %s mindestens %d", dur, c.Min)
		case c.Min == 1:
			fmt.Fprintf(&b, pick(en, "; länger als %s ohne Termin: %s", "; more than %s without a session: %s"), dur, gaps)
		case en:
			fmt.Fprintf(&b, "; fewer than %d in %s: %s", c.Min, dur, gaps)
		default:
			fmt.Fprintf(&b, "; weniger als %d in %s: %s", c.Min, dur, gaps)
		}
		return b.String()
	}
	noun := unitNoun(c.Per)
	if c.Buckets == 0 {
		if en {
			one := nounForms[noun].en
			return fmt.Sprintf("no %s ends in the period; a %s is judged in the period in which it ends", one, one)
		}
		none, it := "kein", "es"
		switch c.Per {
		case schedule.Week:
			none, it = "keine", "sie"
		case schedule.Month:
			it = "er"
		}
		one := nounForms[noun].one
		return fmt.Sprintf("im Zeitraum endet %s %s; beurteilt wird %s in dem Zeitraum, in dem %s endet", none, one, it, it)
	}
	fmt.Fprintf(&b, "%s in %s", l.Count(c.Total, Session), l.count(c.Buckets, noun, true))
	if len(c.Missed) > 0 {
		fmt.Fprintf(&b, pick(en, "; zu wenige in %s", "; too few in %s"), list(c.Missed, l.Bucket))
	}
	if len(c.Exceeded) > 0 {
		fmt.Fprintf(&b, pick(en, "; zu viele in %s", "; too many in %s"), list(c.Exceeded, l.Bucket))
	}
	if len(c.Closed) > 0 {
		fmt.Fprintf(&b, pick(en, "; entschuldigt (geschlossen): %s", "; excused (closed): %s"), list(c.Closed, l.Bucket))
	}
	if len(c.Cut) > 0 {
		fmt.Fprintf(&b, pick(en, "; nicht beurteilt (angeschnitten): %s", "; not judged (cut by the period): %s"), list(c.Cut, l.Bucket))
	}
	return b.String()
}

// Gaps summarises a gap check: "13 Termine, längste Lücke 28 Tage",
// "13 sessions, longest gap 28 days".
func (l Language) Gaps(g Gaps) string {
	en := l == English
	s := l.Count(g.Occurrences, Session) + pick(en, ", längste Lücke ", ", longest gap ") + l.Count(g.Longest, Day)
	if len(g.Exceeded) > 0 {
		s += pick(en, "; zu lang: ", "; too long: ") + list(g.Exceeded, l.Stretch)
	}
	return s
}

// HoursBucket writes a bucket by its label with its sum of hours:
// "2024-03 (4,5 h)", "2024-03 (4.5 h)".
func (l Language) HoursBucket(b schedule.BucketSum) string {
	return b.Label + " (" + l.Decimal(b.Sum) + " h)"
}

// Hours summarises an hours check: "insgesamt 120,5 Stunden", "120.5
// hours in total".
func (l Language) Hours(h Hours) string {
	var s string
	if l == English {
		s = l.Decimal(h.Total) + " hours in total"
	} else {
		s = "insgesamt " + l.Decimal(h.Total) + " Stunden"
	}
	if len(h.Missed) > 0 {
		s += pick(l == English, "; zu wenig in ", "; too few in ") + list(h.Missed, l.HoursBucket)
	}
	return s
}

// Coverage says whether a period is covered: "lückenlos (366 Tage)",
// "nicht abgedeckt: 01.01.2024–29.02.2024"; "complete (366 days)", "not
// covered: 2024-01-01 – 2024-02-29".
func (l Language) Coverage(c Coverage) string {
	en := l == English
	if c.OK {
		return pick(en, "lückenlos (", "complete (") + l.Count(c.Days, Day) + ")"
	}
	return pick(en, "nicht abgedeckt: ", "not covered: ") + list(c.Gaps, l.Span)
}

// ClosedDays lists what a calendar closes: "Sommerschließzeit
// 22.07.2024–04.08.2024, Feiertage DE-HE", "keine Schließzeiten";
// "Sommerschließzeit 2024-07-22 – 2024-08-04, public holidays DE-HE", "no
// closures". The closures' labels are the data's.
func (l Language) ClosedDays(c ClosedDays) string {
	en := l == English
	parts := make([]string, 0, len(c.Closures)+1)
	for _, x := range c.Closures {
		parts = append(parts, x.Label+" "+l.Date(x.From)+l.rangeDash()+l.Date(x.Until))
	}
	if c.Land != "" {
		parts = append(parts, pick(en, "Feiertage ", "public holidays ")+c.Land)
	}
	if len(parts) == 0 {
		return pick(en, "keine Schließzeiten", "no closures")
	}
	return strings.Join(parts, ", ")
}
