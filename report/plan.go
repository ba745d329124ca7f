package report

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/schedule"
)

// The kinds of planned obligation.
const (
	planOffer   = "offer"
	planMeeting = "meeting"
	planReport  = "report"
)

// planned is one obligation of the plan: a recurring series or a single
// dated event.
type planned struct {
	kind   string
	title  string
	centre *kiez.Centre // nil for the programme
	first  date.Date
	rec    *schedule.Recurrence
	except []date.Date
	dates  []date.Date // the occurrences in the plan year, exceptions removed
	rhythm string
	basis  string
	uid    string
}

// Plan builds the obligation plan of a programme for a coming year, as a
// report table (with the obligations per month) and as an iCalendar file
// (schedule.Calendar; write it with its WriteTo). The plan is derived from
// the data of the evaluated period (ev.Period), the year before the plan
// as a rule:
//
//   - Offers with a recurrence (an RFC 5545 RRULE text, read with
//     schedule.ParseRecurrence) continue as recurring events: the rule's
//     phase is anchored on the offer's last session (or its start), it
//     ends with the plan year or the offer's end, and occurrences on
//     public holidays of the programme's Land or in closures recorded for
//     the plan year are exceptions (EXDATE). Finite series (COUNT or
//     UNTIL) that end before the plan year are not planned; offers without
//     a recurrence are not planned.
//   - Meetings of a kind, of each centre and of the programme, continue as
//     the data shows them, cancelled ones included because they were
//     planned: one meeting in every month on the same nth weekday becomes a
//     monthly recurrence (FREQ=MONTHLY;BYDAY=2WE); meetings exactly three
//     or six months apart on the same nth weekday become quarterly or
//     half-yearly ones; any other pattern becomes single events on the
//     same nth weekday of the same month in the plan year (a fifth weekday
//     becomes the last), moved by a week when that day is a public holiday
//     or closed.
//   - Annual reports (evidence records with a year) continue with the
//     report the plan year is due: the record already on file, else the
//     latest one's date one year on per year.
//
// Contracts, notices and other one-off records are not planned. The
// calendar is deterministic: its DTSTAMP is WithStamp, or midnight UTC of
// the plan's first day. Events are all-day events with stable UIDs.
func Plan(ev *rules.Evaluation, programme string, year int, opts ...Option) (*Report, schedule.Calendar, error) {
	e, err := newEnv(ev, opts)
	if err != nil {
		return nil, schedule.Calendar{}, err
	}
	if year < 1 || year > 9998 {
		return nil, schedule.Calendar{}, fmt.Errorf("report: plan year %d out of range", year)
	}
	prog := e.programme(programme)
	centres := e.centres(programme)
	if prog == nil && len(centres) == 0 {
		return nil, schedule.Calendar{}, fmt.Errorf("report: no programme %q in the data", programme)
	}
	l := e.l
	pl := &planner{e: e, prog: prog, year: year, within: timespan.NewYearOf(year), uids: map[string]bool{}}
	pl.holidays()
	for _, c := range centres {
		pl.offers(c)
	}
	if prog != nil {
		pl.meetings(nil, prog.Meetings)
	}
	for _, c := range centres {
		pl.meetings(c, c.Meetings)
	}
	if prog != nil {
		pl.reports(nil, prog.Evidence)
	}
	for _, c := range centres {
		pl.reports(c, c.Evidence)
	}
	// The programme's obligations first, then each centre's in data
	// order; each by date.
	order := map[*kiez.Centre]int{}
	for i, c := range centres {
		order[c] = i + 1
	}
	sort.SliceStable(pl.items, func(i, j int) bool {
		a, b := pl.items[i], pl.items[j]
		if order[a.centre] != order[b.centre] {
			return order[a.centre] < order[b.centre]
		}
		return a.first.Before(b.first)
	})

	name := e.programmeName(programme)
	title := l.tf("plan.title", year, name)
	d := e.begin(KindPlan, title, "")
	d.meta("programme", l.t("meta.programme"), name)
	d.metaData("plan-year", l.t("meta.planYear"), fmt.Sprint(year), year)
	d.metaData("basis", l.t("meta.basis"), l.formatPeriod(e.per.From, e.per.Until), isoPeriod(e.per.From, e.per.Until))

	m := newSection("plan-months", l.t("section.planMonths"))
	mt := l.table("plan-months", "", textCol("month", l.t("col.month")), countCol(planOffer, l.t("plan.offers")),
		countCol(planMeeting, l.t("plan.meetings")), countCol(planReport, l.t("plan.reports")))
	counts := map[time.Month]map[string]int{}
	for _, it := range pl.items {
		for _, dt := range it.dates {
			if counts[dt.Month()] == nil {
				counts[dt.Month()] = map[string]int{}
			}
			counts[dt.Month()][it.kind]++
		}
	}
	if len(pl.items) > 0 {
		var sum [3]int
		for mo := time.January; mo <= time.December; mo++ {
			c := counts[mo]
			mt.row(labelled{kiez.Month{Year: year, Month: mo}.String(), l.monthShort(mo)}, c[planOffer], c[planMeeting], c[planReport])
			sum[0], sum[1], sum[2] = sum[0]+c[planOffer], sum[1]+c[planMeeting], sum[2]+c[planReport]
		}
		mt.total(l.t("total"), sum[0], sum[1], sum[2])
	}
	m.table(mt)
	m.chart(Chart{ID: "plan-months-chart", Title: l.t("chart.planMonths"), Type: ChartBar, Table: "plan-months",
		Category: "month", Series: []string{planOffer, planMeeting, planReport}, Stacked: true})
	d.add(m)

	s := newSection("plan", l.t("section.plan"))
	s.text(l.t("plan.text"))
	for _, p := range pl.problems {
		s.text(p)
	}
	t := l.table("plan", "", dateCol("first", l.t("col.first")), textCol("rhythm", l.t("col.rhythm")),
		countCol("dates", l.t("col.datesInYear")), textCol("kind", l.t("col.planKind")), textCol("title", l.t("col.title")),
		textCol("centre", l.t("col.centre")), textCol("basis", l.t("col.basis")))
	for _, it := range pl.items {
		t.row(it.first, it.rhythm, len(it.dates), labelled{it.kind, l.t("plan." + it.kind)}, it.title, e.centreLabel(it.centre), it.basis)
	}
	s.table(t)
	d.add(s)

	r, err := e.end(d, programme)
	if err != nil {
		return nil, schedule.Calendar{}, err
	}
	cal := pl.calendar(title)
	if e.cfg.Published {
		sc := e.scrubber()
		for i := range cal.Events {
			cal.Events[i].Summary = sc.scrub(cal.Events[i].Summary)
			cal.Events[i].Description = sc.scrub(cal.Events[i].Description)
			for j, c := range cal.Events[i].Categories {
				cal.Events[i].Categories[j] = sc.scrub(c)
			}
		}
	}
	return r, cal, nil
}

// centreLabel names a centre, or the programme for nil.
func (e *env) centreLabel(c *kiez.Centre) labelled {
	if c == nil {
		return labelled{"", e.l.t("subject.programme")}
	}
	return labelled{c.ID, c.Name}
}

// planner derives the obligations of a plan year.
type planner struct {
	e        *env
	prog     *kiez.Programme
	year     int
	within   timespan.DateRange
	holiday  map[date.Date]string
	items    []planned
	problems []string
	uids     map[string]bool
}

// holidays reads the public holidays of the programme's Land in the plan
// year.
func (p *planner) holidays() {
	p.holiday = map[date.Date]string{}
	if p.prog == nil || p.prog.Land == "" {
		return
	}
	hs, err := schedule.PublicHolidays(p.prog.Land, p.within)
	if err != nil {
		p.problems = append(p.problems, p.e.l.tf("plan.noHolidays", p.prog.Land))
		return
	}
	for _, h := range hs {
		p.holiday[h.Date] = h.Name
	}
}

// closed reports whether a centre (or, for nil, the programme) is closed
// on a day of the plan year: a public holiday or a recorded closure.
func (p *planner) closed(c *kiez.Centre, d date.Date) bool {
	if _, ok := p.holiday[d]; ok {
		return true
	}
	var lists [][]kiez.Closure
	if c != nil {
		lists = append(lists, c.Closures)
	}
	if p.prog != nil {
		lists = append(lists, p.prog.Closures)
	}
	for _, list := range lists {
		for _, cl := range list {
			if !d.Before(cl.From) && !d.After(cl.Until) {
				return true
			}
		}
	}
	return false
}

// uid returns a stable UID, unique within the plan.
func (p *planner) uid(c *kiez.Centre, parts ...string) string {
	owner := "programme"
	if p.prog != nil {
		owner = p.prog.ID
	}
	if c != nil {
		owner = c.ID
	}
	base := fmt.Sprintf("%d-%s-%s", p.year, owner, strings.Join(parts, "-"))
	id := base
	for n := 2; p.uids[id]; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	p.uids[id] = true
	return id + "@kiez-go"
}

// offers continues the centre's recurring offers into the plan year.
func (p *planner) offers(c *kiez.Centre) {
	l := p.e.l
	start, end := p.within.Start(), p.within.Last()
	for i := range c.Offers {
		o := &c.Offers[i]
		if o.Recurrence == "" || (o.Until != nil && o.Until.Before(start)) || (o.From != nil && o.From.After(end)) {
			continue
		}
		rec, err := schedule.ParseRecurrence(o.Recurrence)
		if err != nil {
			p.problems = append(p.problems, l.tf("plan.badRecurrence", o.Title, c.Name, err))
			continue
		}
		// Anchor the rule's phase on the last session before the plan
		// year, else on the offer's start, else on the plan year's
		// first day; a series of COUNT occurrences counts from its start.
		var anchor date.Date
		if o.From != nil {
			anchor = *o.From
		}
		if rec.Count == 0 {
			for _, s := range c.Sessions {
				if s.Offer == o.ID && !s.Cancelled && s.Date.Before(start) && (anchor.IsZero() || s.Date.After(anchor)) {
					anchor = s.Date
				}
			}
		}
		if anchor.IsZero() {
			anchor = start
		}
		all, err := rec.Expand(anchor, p.within)
		if err != nil {
			p.problems = append(p.problems, l.tf("plan.badRecurrence", o.Title, c.Name, err))
			continue
		}
		if o.Until != nil {
			all = slices.DeleteFunc(all, func(d date.Date) bool { return d.After(*o.Until) })
		}
		if len(all) == 0 {
			continue
		}
		it := planned{kind: planOffer, title: o.Title, centre: c, rhythm: l.rhythm(rec),
			basis: l.tf("plan.basisOffer", rec.String())}
		p.series(&it, rec, all, o.ID)
	}
}

// series completes a recurring item from its occurrences in the plan
// year: the event's rule runs from the first occurrence that is not
// closed to the last occurrence, and the closed days in between are its
// exceptions. When the rule so anchored would not give the same days, the
// occurrences become single events.
func (p *planner) series(it *planned, rec schedule.Recurrence, all []date.Date, idParts ...string) {
	for len(all) > 0 && p.closed(it.centre, all[0]) {
		all = all[1:]
	}
	if len(all) == 0 {
		return
	}
	last := all[len(all)-1]
	ev := rec
	ev.Count, ev.Until = 0, &last
	again, err := ev.Expand(all[0], p.within)
	if err != nil || !slices.Equal(again, all) {
		for _, d := range all {
			if p.closed(it.centre, d) {
				continue
			}
			single := *it
			single.first, single.dates = d, []date.Date{d}
			single.uid = p.uid(it.centre, append(idParts, isoDate(d))...)
			p.items = append(p.items, single)
		}
		return
	}
	it.first, it.rec = all[0], &ev
	for _, d := range all {
		if p.closed(it.centre, d) {
			it.except = append(it.except, d)
		} else {
			it.dates = append(it.dates, d)
		}
	}
	it.uid = p.uid(it.centre, idParts...)
	p.items = append(p.items, *it)
}

// nthWeekday returns the place of a day's weekday in its month: 1 to 4,
// or -1 for a fifth (the last) one.
func nthWeekday(d date.Date) int {
	n := (d.Day()-1)/7 + 1
	if n >= 5 {
		return -1
	}
	return n
}

// sameDayIn returns the day on the same nth weekday of the same month in
// another year.
func sameDayIn(d date.Date, year int) date.Date {
	m, wd, n := d.Month(), d.Weekday(), nthWeekday(d)
	if n > 0 {
		first := date.New(year, m, 1)
		off := (int(wd) - int(first.Weekday()) + 7) % 7
		return first.Add(date.PeriodOfDays(off + 7*(n-1)))
	}
	lastDay := date.New(year, m, date.DaysIn(year, m))
	back := (int(lastDay.Weekday()) - int(wd) + 7) % 7
	return lastDay.Add(date.PeriodOfDays(-back))
}

// meetings continues the meetings of a centre (or of the programme, c
// nil) into the plan year, kind by kind.
func (p *planner) meetings(c *kiez.Centre, list []kiez.Meeting) {
	l := p.e.l
	var kinds []string
	by := map[string][]*kiez.Meeting{}
	for _, m := range meetingsIn(list, p.e.per) {
		if by[m.Kind] == nil {
			kinds = append(kinds, m.Kind)
		}
		by[m.Kind] = append(by[m.Kind], m)
	}
	for _, k := range kinds {
		ms := by[k]
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Date.Before(ms[j].Date) })
		label := l10nTerm(l, kiez.VocabMeetingKind, k)
		basis := l.tf("plan.basisMeetings", len(ms), p.e.periodTitle())
		if step, ok := p.regular(ms); ok {
			n := nthWeekday(ms[0].Date)
			rec := schedule.Recurrence{Freq: schedule.Monthly, ByDay: []schedule.NthWeekday{{N: n, Weekday: ms[0].Date.Weekday()}}}
			if step > 1 {
				rec.Interval = step
			}
			start := sameDayIn(ms[0].Date, p.year)
			all, err := rec.Expand(start, p.within)
			if err == nil && len(all) > 0 {
				it := planned{kind: planMeeting, title: label, centre: c, rhythm: l.rhythm(rec), basis: basis}
				p.series(&it, rec, all, k)
				continue
			}
		}
		for _, m := range ms {
			d := sameDayIn(m.Date, p.year)
			if p.closed(c, d) {
				if next := d.Add(7); next.Month() == d.Month() && !p.closed(c, next) {
					d = next
				} else if prev := d.Add(-7); prev.Month() == d.Month() && !p.closed(c, prev) {
					d = prev
				}
			}
			title := label
			if names := p.kitaNames(c, m.Kitas); names != "" {
				title += " – " + names
			}
			p.items = append(p.items, planned{kind: planMeeting, title: title, centre: c, first: d, dates: []date.Date{d},
				rhythm: l.tf("plan.asIn", p.e.periodTitle()), basis: basis, uid: p.uid(c, k, isoDate(d))})
		}
	}
}

// regular reports whether meetings follow a monthly, quarterly or
// half-yearly rhythm on the same nth weekday, and the step in months.
func (p *planner) regular(ms []*kiez.Meeting) (int, bool) {
	if len(ms) < 2 {
		return 0, false
	}
	first := ms[0].Date
	for _, m := range ms[1:] {
		if m.Date.Weekday() != first.Weekday() || nthWeekday(m.Date) != nthWeekday(first) {
			return 0, false
		}
	}
	monthIndex := func(d date.Date) int { return d.Year()*12 + int(d.Month()) }
	step := monthIndex(ms[1].Date) - monthIndex(first)
	if step != 1 && step != 3 && step != 6 {
		return 0, false
	}
	for i := 1; i < len(ms); i++ {
		if monthIndex(ms[i].Date)-monthIndex(ms[i-1].Date) != step {
			return 0, false
		}
	}
	// The series must fill the evaluated period: no month, quarter or
	// half-year without a meeting at its start or end.
	per := p.e.per
	if monthIndex(first)-monthIndex(per.From) >= step || monthIndex(per.Until)-monthIndex(ms[len(ms)-1].Date) >= step {
		return 0, false
	}
	return step, true
}

func (p *planner) kitaNames(c *kiez.Centre, ids []string) string {
	if c == nil || len(ids) == 0 || len(ids) > 2 {
		return ""
	}
	var names []string
	for _, id := range ids {
		for _, k := range append(append([]kiez.Kita(nil), c.Catchment...), c.VerbundKitas...) {
			if k.ID == id {
				names = append(names, k.Name)
			}
		}
	}
	return strings.Join(names, ", ")
}

// reports plans the annual reports due in the plan year.
func (p *planner) reports(c *kiez.Centre, list []kiez.Evidence) {
	l := p.e.l
	roles, _ := kiez.LookupVocabulary(kiez.VocabRole)
	type key struct{ kind, by string }
	var keys []key
	by := map[key][]*kiez.Evidence{}
	for i := range list {
		ev := &list[i]
		if ev.Year == 0 {
			continue
		}
		k := key{kind: ev.Kind}
		if roles.Has(ev.By) {
			k.by = ev.By
		}
		if by[k] == nil {
			keys = append(keys, k)
		}
		by[k] = append(by[k], ev)
	}
	for _, k := range keys {
		evs := by[k]
		latest := evs[0]
		for _, ev := range evs[1:] {
			if ev.Year > latest.Year || (ev.Year == latest.Year && ev.Date.After(latest.Date)) {
				latest = ev
			}
		}
		lag := latest.Date.Year() - latest.Year
		about := p.year - lag
		var due date.Date
		basis := ""
		for _, ev := range evs {
			if ev.Year == about {
				due, basis = ev.Date, l.tf("plan.basisOnFile", l.formatDate(ev.Date))
				break
			}
		}
		if due.IsZero() {
			due = latest.Date.AddDate(p.year-latest.Date.Year(), 0, 0)
			basis = l.tf("plan.basisReport", latest.Year, l.formatDate(latest.Date))
		}
		if !p.within.Contains(due) {
			continue
		}
		title := l.tf("plan.reportAbout", l10nTerm(l, kiez.VocabEvidenceKind, k.kind), about)
		if k.by != "" {
			title += " (" + l10nTerm(l, kiez.VocabRole, k.by) + ")"
		}
		parts := []string{k.kind}
		if k.by != "" {
			parts = append(parts, k.by)
		}
		p.items = append(p.items, planned{kind: planReport, title: title, centre: c, first: due, dates: []date.Date{due},
			rhythm: l.t("plan.yearly"), basis: basis, uid: p.uid(c, append(parts, fmt.Sprint(about))...)})
	}
}

// calendar turns the plan into an iCalendar object.
func (p *planner) calendar(name string) schedule.Calendar {
	l := p.e.l
	stamp := p.e.cfg.Stamp
	if stamp.IsZero() {
		stamp = time.Date(p.year, time.January, 1, 0, 0, 0, 0, time.UTC)
	}
	cal := schedule.Calendar{ProdID: "-//kiez-go//kiez report//DE", Name: name, Stamp: stamp}
	for _, it := range p.items {
		where := p.e.centreLabel(it.centre).text
		ev := schedule.Event{
			UID:         it.uid,
			Summary:     it.title + " – " + where,
			Description: it.rhythm + ". " + it.basis,
			Categories:  []string{l.t("plan." + it.kind), where},
			Date:        it.first,
			Recurrence:  it.rec,
			Except:      it.except,
		}
		cal.Events = append(cal.Events, ev)
	}
	return cal
}

// rhythm describes a recurrence in words.
func (l Language) rhythm(r schedule.Recurrence) string {
	n := max(r.Interval, 1)
	var s string
	switch r.Freq {
	case schedule.Daily:
		s = l.every(n, "rhythm.daily", "rhythm.days")
	case schedule.Weekly:
		s = l.every(n, "rhythm.weekly", "rhythm.weeks")
	case schedule.Monthly:
		switch n {
		case 3:
			s = l.t("rhythm.quarterly")
		case 6:
			s = l.t("rhythm.halfYearly")
		default:
			s = l.every(n, "rhythm.monthly", "rhythm.months")
		}
	case schedule.Yearly:
		s = l.every(n, "rhythm.yearly", "rhythm.years")
	default:
		return r.String()
	}
	var days []string
	for _, d := range r.ByDay {
		switch {
		case d.N == 0:
			days = append(days, l.weekdayAdverb(d.Weekday))
		case d.N < 0:
			days = append(days, l.tf("rhythm.lastWeekday", l.weekdayName(d.Weekday)))
		case l == English:
			days = append(days, "on the "+ordinal(d.N)+" "+l.weekdayName(d.Weekday))
		default:
			days = append(days, l.tf("rhythm.nthWeekday", d.N, l.weekdayName(d.Weekday)))
		}
	}
	for _, md := range r.ByMonthDay {
		days = append(days, l.tf("rhythm.monthDay", md))
	}
	if len(days) > 0 {
		s += " " + strings.Join(days, ", ")
	}
	if r.Count > 0 {
		s += ", " + l.tf("rhythm.count", r.Count)
	}
	return s
}

func (l Language) every(n int, one, many string) string {
	if n == 1 {
		return l.t(one)
	}
	return l.tf(many, n)
}

// ordinal writes an English ordinal number: 1st, 2nd, 3rd, 4th.
func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return fmt.Sprintf("%dth", n)
	case n%10 == 1:
		return fmt.Sprintf("%dst", n)
	case n%10 == 2:
		return fmt.Sprintf("%dnd", n)
	case n%10 == 3:
		return fmt.Sprintf("%drd", n)
	}
	return fmt.Sprintf("%dth", n)
}
