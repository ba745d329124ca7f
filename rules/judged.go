package rules

import (
	"fmt"
	"strings"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/period"

	"github.com/kiez-go/kiez/internal/words"
	"github.com/kiez-go/kiez/schedule"
)

// defaultPolicy is the edge policy of buckets(), cadence() and rhythm() when
// the rule names none: every bucket is judged exactly once over
// consecutive periods, whole, in the period that holds its last day.
const defaultPolicy = schedule.WholeEdges

// parseUnit reads a calendar unit argument: week, month, quarter,
// half-year or year.
func parseUnit(s string) (schedule.Unit, error) {
	u, err := schedule.ParseUnit(s)
	if err != nil {
		return 0, fmt.Errorf("unbekannte Zeiteinheit %q (erlaubt: week, month, quarter, half-year, year)", s)
	}
	return u, nil
}

// parsePolicy reads an edge policy argument: whole, count, excuse or
// prorate (see schedule.EdgePolicy).
func parsePolicy(s string) (schedule.EdgePolicy, error) {
	p, err := schedule.ParseEdgePolicy(s)
	if err != nil {
		return 0, fmt.Errorf("unbekannte Randregel %q (erlaubt: whole, count, excuse, prorate)", s)
	}
	return p, nil
}

// rhythm is the reading of a cadence: a calendar unit (the calendar
// reading, unit set) or a rolling stretch of fixed length (window set).
type rhythm struct {
	unit   schedule.Unit
	window period.Period
}

// rolling reports whether r is the rolling reading.
func (r rhythm) rolling() bool { return r.unit == 0 }

// parseRhythm reads a rhythm argument: a calendar unit (week, month,
// quarter, half-year, year) or an ISO 8601 duration of whole years,
// months, weeks or days such as P6M, P6W or P42D.
func parseRhythm(s string) (rhythm, error) {
	if u, err := schedule.ParseUnit(s); err == nil {
		return rhythm{unit: u}, nil
	}
	bad := fmt.Errorf("unbekannter Rhythmus %q (erlaubt: week, month, quarter, half-year, year oder eine Dauer nach ISO 8601 in ganzen Jahren, Monaten, Wochen oder Tagen wie P6M, P6W, P42D)", s)
	if !strings.HasPrefix(strings.ToUpper(s), "P") {
		return rhythm{}, bad
	}
	p, err := period.Parse(strings.ToUpper(s), false)
	whole := err == nil && float32(p.Years()) == p.YearsFloat() && float32(p.Months()) == p.MonthsFloat() && float32(p.Days()) == p.DaysFloat()
	if !whole || !p.IsPositive() || !p.OnlyHMS().IsZero() || p.Years() > 100 {
		return rhythm{}, bad
	}
	return rhythm{window: p}, nil
}

// germanDuration writes a rolling window in German words, e.g. "6 Monate".
func germanDuration(p period.Period) string { return words.German.Duration(p) }

// bucketPolicy rejects the policy buckets() cannot follow: a list of
// buckets has no target to prorate.
func bucketPolicy(policy schedule.EdgePolicy) error {
	if policy == schedule.ProrateEdges {
		return fmt.Errorf("die Randregel \"prorate\" passt nur zu cadence(), hoursPer() und rhythm(); buckets() kennt whole, count und excuse")
	}
	return nil
}

// judgedBuckets returns the buckets of unit u over p that the policy
// judges, for buckets().
func judgedBuckets(p Period, u schedule.Unit, policy schedule.EdgePolicy) ([]schedule.Bucket, error) {
	if err := bucketPolicy(policy); err != nil {
		return nil, err
	}
	bs, _, err := schedule.JudgedBuckets(p.Range(), u, policy)
	if err != nil {
		return nil, err
	}
	out := make([]schedule.Bucket, 0, len(bs))
	for _, b := range bs {
		if policy == schedule.ExcuseEdges && b.Partial {
			continue
		}
		out = append(out, b)
	}
	return out, nil
}

// span returns the days whose records a judgment of p at the rhythm r
// needs: for a calendar unit from the first day of the bucket that holds
// p's first day (under the default policy that bucket is judged whole),
// for a rolling window from twice the window before p, so that the
// occurrences before p are there as anchors even when closures lengthen a
// stretch.
func span(p Period, r rhythm) (Period, error) {
	if !r.rolling() {
		b := r.unit.Bucket(p.From)
		if b.Label == "" {
			return Period{}, fmt.Errorf("invalid unit %v", r.unit)
		}
		return Period{From: b.Whole.Start(), Until: p.Until}, nil
	}
	y, m, d := r.window.Years(), r.window.Months(), r.window.Days()
	from := p.From.AddDate(-2*y, -2*m, -2*d)
	if from.Year() < 1 {
		from = date.New(1, time.January, 1)
	}
	return Period{From: from, Until: p.Until}, nil
}

// checkCadence counts the dates per bucket of unit u under the policy and
// builds the answer of cadence() and rhythm().
func checkCadence(dates []date.Date, p Period, u schedule.Unit, min, max int, policy schedule.EdgePolicy, cal []schedule.Option, plans *cadencePlans) (Cadence, error) {
	plan, err := plans.plan(p.Range(), schedule.Target{Per: u, Min: min, Max: max}, policy, cal)
	if err != nil {
		return Cadence{}, err
	}
	res := plan.Check(dates)
	excused := 0
	for _, b := range res.Buckets {
		if b.Excused {
			excused++
		}
	}
	c := Cadence{OK: res.OK(), Total: res.Total, Buckets: len(res.Buckets), Detail: res, Rhythm: u.String(), Policy: policy.String(),
		Missed: make([]Stretch, 0, len(res.Missed)), Exceeded: make([]Stretch, 0, len(res.Exceeded)), Excused: make([]Stretch, 0, excused),
		Judged: make([]string, 0, len(res.Buckets))}
	for _, b := range res.Missed {
		c.Missed = append(c.Missed, bucketStretch(b.Bucket))
	}
	for _, b := range res.Exceeded {
		c.Exceeded = append(c.Exceeded, bucketStretch(b.Bucket))
	}
	for _, b := range res.Buckets {
		if b.Excused {
			c.Excused = append(c.Excused, bucketStretch(b.Bucket))
		}
		if b.Reason != "partial" {
			c.Judged = append(c.Judged, b.Label)
		}
	}
	return c, nil
}

// checkRolling checks the rolling reading for rhythm().
func checkRolling(dates []date.Date, p Period, window period.Period, min int, cal []schedule.Option) (Cadence, error) {
	res, err := schedule.CheckWindows(dates, p.Range(), window, min, cal...)
	if err != nil {
		return Cadence{}, err
	}
	c := Cadence{OK: res.OK(), Total: res.Occurrences, Rhythm: window.String(), Windows: res,
		Missed: []Stretch{}, Exceeded: []Stretch{}, Excused: []Stretch{}, Judged: []string{}}
	for _, g := range res.Missed {
		c.Missed = append(c.Missed, gapStretch(g))
	}
	return c, nil
}

// policyArg reads the optional policy argument at i or after it.
func policyArg(a []any, i int) (schedule.EdgePolicy, error) {
	for j := i; j < len(a); j++ {
		if s, ok := a[j].(string); ok {
			return parsePolicy(s)
		}
	}
	return defaultPolicy, nil
}

func judgedFunctions() []function {
	return []function{
		{name: "span", group: "dates", doc: "span(period, rhythm) is the period whose records a judgment of the period at that rhythm needs: for a calendar unit (week, month, quarter, half-year, year) it starts on the first day of the bucket that holds the period's first day, because that bucket is judged whole in this period; for a rolling rhythm (an ISO 8601 duration such as P6M) it starts twice the duration before the period, for the occurrences before it. Fetch the records over it: dates(sessionsOf(centre, \"elterncafe\", span(period, \"week\")))",
			types: []any{new(func(Period, string) Period)},
			fn2: func(p, rhythm any) (any, error) {
				r, err := parseRhythm(rhythm.(string))
				if err != nil {
					return nil, fmt.Errorf("span: %v", err)
				}
				return span(p.(Period), r)
			}},
		{name: "rhythm", group: "cadence", ctx: true, doc: "rhythm(dates, period, rhythm, min[, calendar][, policy]) checks a cadence in the reading the rhythm names. A calendar unit (week, month, quarter, half-year, year) is the calendar reading: at least min dates in every such bucket, judged as cadence() does under the policy (default whole). An ISO 8601 duration such as P6M is the rolling reading: every stretch of that many days, weeks, months or years holds at least min dates (for min 1: no gap longer than the duration); a stretch is judged in the period that holds its last day, dates before the period are anchors (fetch them with span), and without any the stretches start on the period's first day. missed lists the short buckets or stretches as Stretch values (label, from, until, partial, days; a stretch has no label), which a message writes as \"2024-H2 (01.07.–31.12.)\" or \"16.01.2024–19.11.2024 (309 Tage)\"; with a calendar, closed buckets are excused and closed days lengthen a stretch",
			types: []any{new(func([]date.Date, Period, string, int) Cadence), new(func([]date.Date, Period, string, int, ClosedDays) Cadence),
				new(func([]date.Date, Period, string, int, string) Cadence), new(func([]date.Date, Period, string, int, ClosedDays, string) Cadence)},
			fn: func(a ...any) (any, error) {
				r, err := parseRhythm(a[3].(string))
				if err != nil {
					return nil, fmt.Errorf("rhythm: %v", err)
				}
				policy, err := policyArg(a, 5)
				if err != nil {
					return nil, fmt.Errorf("rhythm: %v", err)
				}
				if r.rolling() {
					return checkRolling(a[1].([]date.Date), a[2].(Period), r.window, a[4].(int), calendarArg(a, 5))
				}
				return checkCadence(a[1].([]date.Date), a[2].(Period), r.unit, a[4].(int), 0, policy, calendarArg(a, 5), plansOf(a, 5))
			}},
	}
}
