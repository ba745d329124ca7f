package rules

import (
	"fmt"

	"github.com/kiez-go/kiez/schedule"
)

// bucketFunctions are the functions that cut the evaluated period
// into calendar buckets, so that a rule can be checked bucket by bucket
// ("each: buckets(period, \"half-year\")") with every record function that
// takes a period ("meetingsOf(centre, kind, periodOf(item))").
func bucketFunctions() []function {
	return []function{
		{name: "buckets", group: "dates", doc: "buckets(period, unit) cuts the period into calendar weeks, months, quarters, half-years or years (unit week, month, quarter, half-year or year), in order; each has a label (\"2024-H1\"), and partial is true when the period cuts it (its days outside the period are left out). For rules checked bucket by bucket: each: buckets(period, \"half-year\")",
			types: []any{new(func(Period, string) []schedule.Bucket)},
			fn: func(a ...any) (any, error) {
				u, err := unitArg(a[1].(string))
				if err != nil {
					return nil, err
				}
				bs, err := schedule.Split(a[0].(Period).Range(), u)
				if err != nil {
					return nil, fmt.Errorf("buckets: %v", err)
				}
				if bs == nil {
					bs = []schedule.Bucket{}
				}
				return bs, nil
			}},
		{name: "periodOf", group: "dates", doc: "periodOf(bucket) is the period of a bucket's days inside the evaluated period, for the functions that take a period, e.g. meetingsOf(centre, kind, periodOf(item))",
			types: []any{new(func(schedule.Bucket) Period)},
			fn:    func(a ...any) (any, error) { return NewPeriod(a[0].(schedule.Bucket).Range), nil }},
	}
}
