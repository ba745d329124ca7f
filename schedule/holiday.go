package schedule

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
)

// Holiday is a public holiday (gesetzlicher Feiertag) on one date.
type Holiday struct {
	Date date.Date `json:"date" expr:"date"` // the day of the holiday
	ID   string    `json:"id" expr:"id"`     // stable lowercase identifier in English, e.g. "corpus-christi"
	Name string    `json:"name" expr:"name"` // German display name, e.g. "Fronleichnam"
}

// Closure returns the holiday as a one-day closure labelled with its German
// name, so that holidays and Schließzeiten can share one Closures set.
func (h Holiday) Closure() Closure {
	return Closure{From: h.Date, Until: h.Date, Label: h.Name}
}

// Easter returns Easter Sunday of the given year in the Gregorian calendar,
// computed with the anonymous Gregorian computus (Meeus/Jones/Butcher).
// Years before 1583 give the proleptic Gregorian date, which the churches
// did not use then.
func Easter(year int) date.Date {
	a := floorMod(year, 19)
	b, c := floorDiv(year, 100), floorMod(year, 100)
	d, e := floorDiv(b, 4), floorMod(b, 4)
	f := floorDiv(b+8, 25)
	g := floorDiv(b-f+1, 3)
	h := floorMod(19*a+b-d-g+15, 30)
	i, k := c/4, c%4
	l := floorMod(32+2*e+2*i-h-k, 7)
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return date.New(year, time.Month(month), day)
}

// allStates lists the ISO 3166-2 codes of the 16 Länder, without "DE-".
const allStates = "BB BE BW BY HB HE HH MV NI NW RP SH SL SN ST TH"

// dayKind says how a holidayRule finds its date in a year.
type dayKind int

const (
	fixedDay       dayKind = iota // month and day
	easterRelative                // days after Easter Sunday
	repentanceDay                 // the Wednesday before 23 November
)

// holidayRule is one row of the holiday table: a holiday, the Länder where
// it is a Land-wide public holiday, and the years in which that is so.
type holidayRule struct {
	id, name string
	kind     dayKind
	month    time.Month
	day      int // day of the month (fixedDay) or days after Easter Sunday (easterRelative)
	states   string
	from, to int // first and last year, 0 for open-ended
}

// holidayTable is the read-only table of public holidays. Holidays observed
// only in parts of a Land are left out because they are not Land-wide:
// Fronleichnam in parts of Sachsen and of Thüringen (Eichsfeld), Mariä
// Himmelfahrt in the Catholic communities of Bayern, and the Augsburger
// Friedensfest. The table follows the law in force since 1995 with its dated
// changes (Tag der Deutschen Einheit since 1990, Buß- und Bettag everywhere
// until 1994); years before 1990 are not historically exact.
var holidayTable = [...]holidayRule{
	{id: "new-year", name: "Neujahr", month: time.January, day: 1, states: allStates},
	{id: "epiphany", name: "Heilige Drei Könige", month: time.January, day: 6, states: "BW BY ST"},
	{id: "womens-day", name: "Internationaler Frauentag", month: time.March, day: 8, states: "BE", from: 2019},
	{id: "womens-day", name: "Internationaler Frauentag", month: time.March, day: 8, states: "MV", from: 2023},
	{id: "good-friday", name: "Karfreitag", kind: easterRelative, day: -2, states: allStates},
	{id: "easter-sunday", name: "Ostersonntag", kind: easterRelative, day: 0, states: "BB"},
	{id: "easter-monday", name: "Ostermontag", kind: easterRelative, day: 1, states: allStates},
	{id: "labour-day", name: "Tag der Arbeit", month: time.May, day: 1, states: allStates},
	{id: "liberation-day", name: "Tag der Befreiung", month: time.May, day: 8, states: "BE", from: 2020, to: 2020},
	{id: "liberation-day", name: "Tag der Befreiung", month: time.May, day: 8, states: "BE", from: 2025, to: 2025},
	{id: "ascension-day", name: "Christi Himmelfahrt", kind: easterRelative, day: 39, states: allStates},
	{id: "whit-sunday", name: "Pfingstsonntag", kind: easterRelative, day: 49, states: "BB"},
	{id: "whit-monday", name: "Pfingstmontag", kind: easterRelative, day: 50, states: allStates},
	{id: "corpus-christi", name: "Fronleichnam", kind: easterRelative, day: 60, states: "BW BY HE NW RP SL"},
	{id: "assumption-day", name: "Mariä Himmelfahrt", month: time.August, day: 15, states: "SL"},
	{id: "childrens-day", name: "Weltkindertag", month: time.September, day: 20, states: "TH", from: 2019},
	{id: "german-unity-day", name: "Tag der Deutschen Einheit", month: time.October, day: 3, states: allStates, from: 1990},
	{id: "reformation-day", name: "Reformationstag", month: time.October, day: 31, states: "BB MV SN ST TH"},
	{id: "reformation-day", name: "Reformationstag", month: time.October, day: 31, states: "HB HH NI SH", from: 2018},
	{id: "reformation-day", name: "Reformationstag", month: time.October, day: 31, states: "BE BW BY HB HE HH NI NW RP SH SL", from: 2017, to: 2017},
	{id: "all-saints-day", name: "Allerheiligen", month: time.November, day: 1, states: "BW BY NW RP SL"},
	{id: "repentance-day", name: "Buß- und Bettag", kind: repentanceDay, states: "SN"},
	{id: "repentance-day", name: "Buß- und Bettag", kind: repentanceDay, states: "BB BE BW BY HB HE HH MV NI NW RP SH SL ST TH", to: 1994},
	{id: "christmas-day", name: "1. Weihnachtstag", month: time.December, day: 25, states: allStates},
	{id: "boxing-day", name: "2. Weihnachtstag", month: time.December, day: 26, states: allStates},
}

// applies reports whether the rule is a holiday in state (without "DE-") in
// year.
func (r holidayRule) applies(state string, year int) bool {
	if (r.from != 0 && year < r.from) || (r.to != 0 && year > r.to) {
		return false
	}
	for rest := r.states; rest != ""; {
		var s string
		s, rest, _ = strings.Cut(rest, " ")
		if s == state {
			return true
		}
	}
	return false
}

// dateIn returns the rule's date in year; easter is that year's Easter Sunday.
func (r holidayRule) dateIn(year int, easter date.Date) date.Date {
	switch r.kind {
	case easterRelative:
		return easter.Add(date.PeriodOfDays(r.day))
	case repentanceDay:
		nov22 := date.New(year, time.November, 22)
		return nov22.Add(-date.PeriodOfDays((int(nov22.Weekday()) - int(time.Wednesday) + 7) % 7))
	}
	return date.New(year, r.month, r.day)
}

// stateCode validates an ISO 3166-2 code such as "DE-HE" (any letter case)
// and returns the Land part, "HE".
func stateCode(s string) (string, error) {
	up := strings.ToUpper(s)
	if code, ok := strings.CutPrefix(up, "DE-"); ok && slices.Contains(strings.Fields(allStates), code) {
		return code, nil
	}
	return "", fmt.Errorf("schedule: unknown German Land %q (want an ISO 3166-2 code: DE-%s)", s, strings.ReplaceAll(allStates, " ", ", DE-"))
}

// holidaysOf lists the holidays of state (without "DE-") in year, sorted by
// date; holidays on the same date keep the table order.
func holidaysOf(state string, year int) []Holiday {
	easter := Easter(year)
	var out []Holiday
	for _, r := range holidayTable {
		if r.applies(state, year) {
			out = append(out, Holiday{Date: r.dateIn(year, easter), ID: r.id, Name: r.name})
		}
	}
	slices.SortStableFunc(out, func(a, b Holiday) int { return int(a.Date.Sub(b.Date)) })
	return out
}

// PublicHolidays lists the Land-wide public holidays of a German Land inside
// within, sorted by date. state is an ISO 3166-2 code in any letter case:
// DE-BB, DE-BE, DE-BW, DE-BY, DE-HB, DE-HE, DE-HH, DE-MV, DE-NI, DE-NW,
// DE-RP, DE-SH, DE-SL, DE-SN, DE-ST or DE-TH. For a calendar year pass
// timespan.NewYearOf(year).
//
// Holidays observed only in parts of a Land are not included; in particular
// Fronleichnam is not a holiday for DE-TH (only in parts of the Eichsfeld)
// nor DE-SN, and Mariä Himmelfahrt is not one for DE-BY. Two holidays can
// fall on the same date (Christi Himmelfahrt was on 1 May in 2008); both are
// listed. PublicHolidays fails for an unknown code and for dates outside
// 0001-01-01 to 9999-12-31.
func PublicHolidays(state string, within timespan.DateRange) ([]Holiday, error) {
	code, err := stateCode(state)
	if err != nil {
		return nil, err
	}
	if err := checkRange(within); err != nil {
		return nil, err
	}
	if within.IsEmpty() {
		return nil, nil
	}
	var out []Holiday
	for y := within.Start().Year(); y <= within.Last().Year(); y++ {
		for _, h := range holidaysOf(code, y) {
			if within.Contains(h.Date) {
				out = append(out, h)
			}
		}
	}
	return out, nil
}
