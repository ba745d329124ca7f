package rules

import (
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/schedule"
)

// Stretch is one entry of the missed, exceeded and excused lists of
// cadence(), rhythm() and gaps(): a calendar bucket by its label with the
// days it covers in the period, or, for the rolling reading of rhythm()
// and for gaps(), a stretch between occurrences with the days counted.
// It is a value, not a text: a message or an evidence writes it in the
// reader's language ("2024-W10 (04.03.–10.03.)" in German, "2024-W10
// (03-04 – 03-10)" in English; "16.01.2024–19.11.2024 (309 Tage)"), and a
// rule reads its fields (takt.missed[0].label, .from, .until, .days).
type Stretch struct {
	// Label is the bucket's stable label ("2024-W10", "2024-03",
	// "2024-Q2", "2024-H2", "2024"); empty for a stretch between
	// occurrences.
	Label string `expr:"label" json:"label,omitempty"`
	// From and Until are the first and the last day, both included: of
	// the bucket's days in the period, or of the stretch.
	From  date.Date `expr:"from" json:"from"`
	Until date.Date `expr:"until" json:"until"`
	// Partial is true for a bucket the period cuts.
	Partial bool `expr:"partial" json:"partial,omitempty"`
	// Days is the number of days of a stretch that count against the
	// limit (closed days left out); 0 for a bucket.
	Days int `expr:"days" json:"days,omitempty"`
}

// String writes the stretch in German.
func (s Stretch) String() string { return Format(s) }

// bucketStretch is the entry of a calendar bucket.
func bucketStretch(b schedule.Bucket) Stretch {
	return Stretch{Label: b.Label, From: b.Range.Start(), Until: b.Range.Last(), Partial: b.Partial}
}

// gapStretch is the entry of a stretch between occurrences.
func gapStretch(g schedule.Gap) Stretch {
	return Stretch{From: g.From, Until: g.To, Days: g.Length}
}

// fact is what the formatter writes for the stretch: a bucket or a gap
// of package schedule, rebuilt from the fields, so that a stretch read
// back from JSON is written as the one the check made.
func (s Stretch) fact() any {
	if s.Label == "" {
		return schedule.Gap{From: s.From, To: s.Until, Days: int(s.Until.Sub(s.From)), Length: s.Days}
	}
	r := timespan.NewDateRange(s.From, s.Until.Add(1))
	return schedule.Bucket{Label: s.Label, Range: r, Whole: r, Partial: s.Partial}
}

// HoursShort is one entry of the missed list of hoursPer(): a calendar
// bucket by its label, with the days it covers in the period and the sum
// of hours found in it. A message writes it as "2024-03 (4,5 h)".
type HoursShort struct {
	// Label is the bucket's stable label ("2024-03").
	Label string `expr:"label" json:"label"`
	// From and Until are the first and the last day of the bucket in the
	// period, both included.
	From  date.Date `expr:"from" json:"from"`
	Until date.Date `expr:"until" json:"until"`
	// Partial is true for a bucket the period cuts.
	Partial bool `expr:"partial" json:"partial,omitempty"`
	// Hours is the sum of hours in the bucket.
	Hours decimal.Decimal `expr:"hours" json:"hours"`
}

// String writes the entry in German.
func (h HoursShort) String() string { return Format(h) }

// hoursShort is the entry of a bucket below its minimum.
func hoursShort(b schedule.BucketSum) HoursShort {
	return HoursShort{Label: b.Label, From: b.Range.Start(), Until: b.Range.Last(), Partial: b.Partial, Hours: b.Sum}
}

// fact is what the formatter writes for the entry.
func (h HoursShort) fact() any {
	r := timespan.NewDateRange(h.From, h.Until.Add(1))
	return schedule.BucketSum{Bucket: schedule.Bucket{Label: h.Label, Range: r, Whole: r, Partial: h.Partial}, Sum: h.Hours}
}
