package schedule_test

import (
	"fmt"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/schedule"
)

// A funding period that starts on Monday 18 March, checked for two
// sessions a month: the cut month March is judged against the full target,
// excused, or against the target shrunk to its share of days (14 of 31,
// so one session).
func ExampleWithEdges() {
	within := timespan.NewDateRange(mustDate("2024-03-18"), mustDate("2024-06-01"))
	held := []date.Date{mustDate("2024-03-20"), mustDate("2024-04-03"), mustDate("2024-04-17"),
		mustDate("2024-05-08"), mustDate("2024-05-22")}
	target, _ := schedule.ParseTarget("PER=month;MIN=2")
	for _, p := range []schedule.EdgePolicy{schedule.CountEdges, schedule.ExcuseEdges, schedule.ProrateEdges} {
		res, err := schedule.CheckCount(held, within, target, schedule.WithEdges(p))
		if err != nil {
			fmt.Println(err)
			return
		}
		march := res.Buckets[0]
		fmt.Printf("%s: %s count %d min %d excused %v, OK %v\n", p, march.Label, march.Count, march.Min, march.Excused, res.OK())
	}
	// Output:
	// count: 2024-03 count 1 min 2 excused false, OK false
	// excuse: 2024-03 count 1 min 2 excused true, OK true
	// prorate: 2024-03 count 1 min 1 excused false, OK true
}

// An Elterncafé every week from Monday to Friday: the week of the
// Christmas closure (Monday 23 to Friday 27 December) has no session.
// Without WithWorkdays the weekend keeps the week open and it is missed;
// with Monday to Friday as workdays it is wholly closed and excused.
func ExampleWithWorkdays() {
	xmas, _ := schedule.NewClosures(schedule.Closure{From: mustDate("2024-12-23"), Until: mustDate("2024-12-27"), Label: "Weihnachtsschließung"})
	within := timespan.NewDateRange(mustDate("2024-12-09"), mustDate("2024-12-30")) // 2024-W50 to 2024-W52
	held := []date.Date{mustDate("2024-12-11"), mustDate("2024-12-18")}
	target, _ := schedule.ParseTarget("PER=week;MIN=1")
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}

	plain, _ := schedule.CheckCount(held, within, target, schedule.WithClosures(xmas))
	fmt.Println(plain)
	workdays, _ := schedule.CheckCount(held, within, target, schedule.WithClosures(xmas), schedule.WithWorkdays(weekdays...))
	fmt.Println(workdays)
	last := workdays.Buckets[2]
	fmt.Println(last.Label, last.Excused, last.Reason, last.ClosedBy)
	// Output:
	// PER=week;MIN=1 over 2024-12-09..2024-12-29: 2 occurrences; missed 2024-W52 (0, min 1)
	// PER=week;MIN=1 over 2024-12-09..2024-12-29: 2 occurrences; ok
	// 2024-W52 true closed [Weihnachtsschließung]
}

// Public holidays of a Land close their days like a closure: Whit Monday
// (20 May 2024) takes the Monday group's session of that week in Hessen.
func ExampleWithHolidays() {
	within := timespan.NewDateRange(mustDate("2024-05-13"), mustDate("2024-05-27")) // 2024-W20 and 2024-W21
	held := []date.Date{mustDate("2024-05-13")}
	target, _ := schedule.ParseTarget("PER=week;MIN=1")
	res, _ := schedule.CheckCount(held, within, target, schedule.WithHolidays("DE-HE"),
		schedule.WithWorkdays(time.Monday))
	for _, b := range res.Buckets {
		fmt.Println(b.Label, b.Count, b.Excused, b.ClosedBy)
	}
	_, err := schedule.CheckCount(held, within, target, schedule.WithHolidays("DE-XX"))
	fmt.Println(err)
	// Output:
	// 2024-W20 1 false []
	// 2024-W21 0 true [Pfingstmontag]
	// schedule: unknown German Land "DE-XX" (want an ISO 3166-2 code: DE-BB, DE-BE, DE-BW, DE-BY, DE-HB, DE-HE, DE-HH, DE-MV, DE-NI, DE-NW, DE-RP, DE-SH, DE-SL, DE-SN, DE-ST, DE-TH)
}

// Themed sessions at least every six weeks, with the summer and the
// autumn closure in between: closed days do not count towards a gap, and
// several WithClosures add up. The summer gap is then within the limit;
// the autumn gap, with two weeks closed, is not.
func ExampleWithClosures() {
	summer, _ := schedule.NewClosures(schedule.Closure{From: mustDate("2024-07-15"), Until: mustDate("2024-08-23"), Label: "Sommerferien"})
	autumn, _ := schedule.NewClosures(schedule.Closure{From: mustDate("2024-10-14"), Until: mustDate("2024-10-25"), Label: "Herbstferien"})
	held := []date.Date{mustDate("2024-07-03"), mustDate("2024-09-04"), mustDate("2024-11-06")}
	within := timespan.NewDateRange(mustDate("2024-07-01"), mustDate("2024-11-30"))
	plain, _ := schedule.CheckGaps(held, within, 42)
	fmt.Println(plain.OK(), plain.Longest)
	closed, _ := schedule.CheckGaps(held, within, 42, schedule.WithClosures(summer), schedule.WithClosures(autumn))
	fmt.Println(closed.OK(), closed.Longest)
	// Output:
	// false 2024-07-03..2024-09-04 (63 days)
	// false 2024-09-04..2024-11-06 (63 days, 12 closed, counted 51)
}
