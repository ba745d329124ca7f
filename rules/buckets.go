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
		{name: "buckets", group: "dates", doc: "buckets(period, unit[, policy]) lists the calendar weeks, months, quarters, half-years or years (unit week, month, quarter, half-year or year) that a check of the period judges, in order; each has a label (\"2024-H1\"). Under the policy whole (the default) these are the buckets whose last day lies in the period, each whole, also with its days before the period, so consecutive periods judge every bucket exactly once; under count the buckets the period touches, cut to its days (partial is then true for a cut one); under excuse only the uncut ones. For rules checked bucket by bucket: each: buckets(period, \"half-year\"), with the records of periodOf(item)",
			types: []any{new(func(Period, string) []schedule.Bucket), new(func(Period, string, string) []schedule.Bucket)},
			fn: func(a ...any) (any, error) {
				u, err := unitArg(a[1].(string))
				if err != nil {
					return nil, fmt.Errorf("buckets: %v", err)
				}
				policy, err := policyArg(a, 2)
				if err != nil {
					return nil, fmt.Errorf("buckets: %v", err)
				}
				bs, err := judgedBuckets(a[0].(Period), u, policy)
				if err != nil {
					return nil, fmt.Errorf("buckets: %v", err)
				}
				if bs == nil {
					bs = []schedule.Bucket{}
				}
				return bs, nil
			}},
		{name: "periodOf", group: "dates", doc: "periodOf(bucket) is the period of the days buckets() judges the bucket over (under the default policy the whole bucket, also days before the evaluated period), for the functions that take a period, e.g. meetingsOf(centre, kind, periodOf(item))",
			types: []any{new(func(schedule.Bucket) Period)},
			fn1:   func(b any) (any, error) { return periodOfBucket(b.(schedule.Bucket)) }},
	}
}
