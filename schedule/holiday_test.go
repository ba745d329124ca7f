package schedule_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/schedule"
)

func TestEaster(t *testing.T) {
	tests := []struct {
		year int
		want string
	}{
		{2024, "2024-03-31"}, {2025, "2025-04-20"}, {2026, "2026-04-05"},
		{2000, "2000-04-23"}, {2008, "2008-03-23"}, {2019, "2019-04-21"}, {2038, "2038-04-25"},
		{1818, "1818-03-22"}, {2285, "2285-03-22"}, // earliest possible date
		{1943, "1943-04-25"}, {2190, "2190-04-25"}, // latest possible date
		{1583, "1583-04-10"}, {9999, "9999-03-28"},
	}
	for _, tt := range tests {
		if got := schedule.Easter(tt.year); got != day(tt.want) {
			t.Errorf("Easter(%d) = %s, want %s", tt.year, got, tt.want)
		}
	}
}

// h is a holiday literal: date, identifier, German name.
func h(d, id, name string) schedule.Holiday {
	return schedule.Holiday{Date: day(d), ID: id, Name: name}
}

// TestPublicHolidaysPublished compares 2024, 2025 and 2026 with the
// published lists of Hessen, Rheinland-Pfalz and Thüringen.
func TestPublicHolidaysPublished(t *testing.T) {
	tests := []struct {
		state string
		year  int
		want  []schedule.Holiday
	}{
		{"DE-HE", 2024, []schedule.Holiday{
			h("2024-01-01", "new-year", "Neujahr"),
			h("2024-03-29", "good-friday", "Karfreitag"),
			h("2024-04-01", "easter-monday", "Ostermontag"),
			h("2024-05-01", "labour-day", "Tag der Arbeit"),
			h("2024-05-09", "ascension-day", "Christi Himmelfahrt"),
			h("2024-05-20", "whit-monday", "Pfingstmontag"),
			h("2024-05-30", "corpus-christi", "Fronleichnam"),
			h("2024-10-03", "german-unity-day", "Tag der Deutschen Einheit"),
			h("2024-12-25", "christmas-day", "1. Weihnachtstag"),
			h("2024-12-26", "boxing-day", "2. Weihnachtstag"),
		}},
		{"DE-HE", 2025, []schedule.Holiday{
			h("2025-01-01", "new-year", "Neujahr"),
			h("2025-04-18", "good-friday", "Karfreitag"),
			h("2025-04-21", "easter-monday", "Ostermontag"),
			h("2025-05-01", "labour-day", "Tag der Arbeit"),
			h("2025-05-29", "ascension-day", "Christi Himmelfahrt"),
			h("2025-06-09", "whit-monday", "Pfingstmontag"),
			h("2025-06-19", "corpus-christi", "Fronleichnam"),
			h("2025-10-03", "german-unity-day", "Tag der Deutschen Einheit"),
			h("2025-12-25", "christmas-day", "1. Weihnachtstag"),
			h("2025-12-26", "boxing-day", "2. Weihnachtstag"),
		}},
		{"DE-HE", 2026, []schedule.Holiday{
			h("2026-01-01", "new-year", "Neujahr"),
			h("2026-04-03", "good-friday", "Karfreitag"),
			h("2026-04-06", "easter-monday", "Ostermontag"),
			h("2026-05-01", "labour-day", "Tag der Arbeit"),
			h("2026-05-14", "ascension-day", "Christi Himmelfahrt"),
			h("2026-05-25", "whit-monday", "Pfingstmontag"),
			h("2026-06-04", "corpus-christi", "Fronleichnam"),
			h("2026-10-03", "german-unity-day", "Tag der Deutschen Einheit"),
			h("2026-12-25", "christmas-day", "1. Weihnachtstag"),
			h("2026-12-26", "boxing-day", "2. Weihnachtstag"),
		}},
		{"DE-RP", 2024, []schedule.Holiday{
			h("2024-01-01", "new-year", "Neujahr"),
			h("2024-03-29", "good-friday", "Karfreitag"),
			h("2024-04-01", "easter-monday", "Ostermontag"),
			h("2024-05-01", "labour-day", "Tag der Arbeit"),
			h("2024-05-09", "ascension-day", "Christi Himmelfahrt"),
			h("2024-05-20", "whit-monday", "Pfingstmontag"),
			h("2024-05-30", "corpus-christi", "Fronleichnam"),
			h("2024-10-03", "german-unity-day", "Tag der Deutschen Einheit"),
			h("2024-11-01", "all-saints-day", "Allerheiligen"),
			h("2024-12-25", "christmas-day", "1. Weihnachtstag"),
			h("2024-12-26", "boxing-day", "2. Weihnachtstag"),
		}},
		{"DE-RP", 2025, []schedule.Holiday{
			h("2025-01-01", "new-year", "Neujahr"),
			h("2025-04-18", "good-friday", "Karfreitag"),
			h("2025-04-21", "easter-monday", "Ostermontag"),
			h("2025-05-01", "labour-day", "Tag der Arbeit"),
			h("2025-05-29", "ascension-day", "Christi Himmelfahrt"),
			h("2025-06-09", "whit-monday", "Pfingstmontag"),
			h("2025-06-19", "corpus-christi", "Fronleichnam"),
			h("2025-10-03", "german-unity-day", "Tag der Deutschen Einheit"),
			h("2025-11-01", "all-saints-day", "Allerheiligen"),
			h("2025-12-25", "christmas-day", "1. Weihnachtstag"),
			h("2025-12-26", "boxing-day", "2. Weihnachtstag"),
		}},
		{"DE-RP", 2026, []schedule.Holiday{
			h("2026-01-01", "new-year", "Neujahr"),
			h("2026-04-03", "good-friday", "Karfreitag"),
			h("2026-04-06", "easter-monday", "Ostermontag"),
			h("2026-05-01", "labour-day", "Tag der Arbeit"),
			h("2026-05-14", "ascension-day", "Christi Himmelfahrt"),
			h("2026-05-25", "whit-monday", "Pfingstmontag"),
			h("2026-06-04", "corpus-christi", "Fronleichnam"),
			h("2026-10-03", "german-unity-day", "Tag der Deutschen Einheit"),
			h("2026-11-01", "all-saints-day", "Allerheiligen"),
			h("2026-12-25", "christmas-day", "1. Weihnachtstag"),
			h("2026-12-26", "boxing-day", "2. Weihnachtstag"),
		}},
		{"DE-TH", 2024, []schedule.Holiday{
			h("2024-01-01", "new-year", "Neujahr"),
			h("2024-03-29", "good-friday", "Karfreitag"),
			h("2024-04-01", "easter-monday", "Ostermontag"),
			h("2024-05-01", "labour-day", "Tag der Arbeit"),
			h("2024-05-09", "ascension-day", "Christi Himmelfahrt"),
			h("2024-05-20", "whit-monday", "Pfingstmontag"),
			h("2024-09-20", "childrens-day", "Weltkindertag"),
			h("2024-10-03", "german-unity-day", "Tag der Deutschen Einheit"),
			h("2024-10-31", "reformation-day", "Reformationstag"),
			h("2024-12-25", "christmas-day", "1. Weihnachtstag"),
			h("2024-12-26", "boxing-day", "2. Weihnachtstag"),
		}},
		{"DE-TH", 2025, []schedule.Holiday{
			h("2025-01-01", "new-year", "Neujahr"),
			h("2025-04-18", "good-friday", "Karfreitag"),
			h("2025-04-21", "easter-monday", "Ostermontag"),
			h("2025-05-01", "labour-day", "Tag der Arbeit"),
			h("2025-05-29", "ascension-day", "Christi Himmelfahrt"),
			h("2025-06-09", "whit-monday", "Pfingstmontag"),
			h("2025-09-20", "childrens-day", "Weltkindertag"),
			h("2025-10-03", "german-unity-day", "Tag der Deutschen Einheit"),
			h("2025-10-31", "reformation-day", "Reformationstag"),
			h("2025-12-25", "christmas-day", "1. Weihnachtstag"),
			h("2025-12-26", "boxing-day", "2. Weihnachtstag"),
		}},
		{"DE-TH", 2026, []schedule.Holiday{
			h("2026-01-01", "new-year", "Neujahr"),
			h("2026-04-03", "good-friday", "Karfreitag"),
			h("2026-04-06", "easter-monday", "Ostermontag"),
			h("2026-05-01", "labour-day", "Tag der Arbeit"),
			h("2026-05-14", "ascension-day", "Christi Himmelfahrt"),
			h("2026-05-25", "whit-monday", "Pfingstmontag"),
			h("2026-09-20", "childrens-day", "Weltkindertag"),
			h("2026-10-03", "german-unity-day", "Tag der Deutschen Einheit"),
			h("2026-10-31", "reformation-day", "Reformationstag"),
			h("2026-12-25", "christmas-day", "1. Weihnachtstag"),
			h("2026-12-26", "boxing-day", "2. Weihnachtstag"),
		}},
	}
	for _, tt := range tests {
		got, err := schedule.PublicHolidays(tt.state, timespan.NewYearOf(tt.year))
		if err != nil {
			t.Fatalf("%s %d: %v", tt.state, tt.year, err)
		}
		if diff := cmp.Diff(tt.want, got, cmpOpts); diff != "" {
			t.Errorf("PublicHolidays(%s, %d) (-want +got):\n%s", tt.state, tt.year, diff)
		}
	}
}

// TestPublicHolidayCounts checks the number of Land-wide holidays of all 16
// Länder in 2024 and 2025 (Berlin had the extra 8 May in 2025).
func TestPublicHolidayCounts(t *testing.T) {
	want2024 := map[string]int{
		"DE-BB": 12, "DE-BE": 10, "DE-BW": 12, "DE-BY": 12, "DE-HB": 10, "DE-HE": 10, "DE-HH": 10, "DE-MV": 11,
		"DE-NI": 10, "DE-NW": 11, "DE-RP": 11, "DE-SH": 10, "DE-SL": 12, "DE-SN": 11, "DE-ST": 11, "DE-TH": 11,
	}
	for state, n := range want2024 {
		for year, want := range map[int]int{2024: n, 2025: n + boolInt(state == "DE-BE")} {
			got, err := schedule.PublicHolidays(state, timespan.NewYearOf(year))
			if err != nil || len(got) != want {
				t.Errorf("PublicHolidays(%s, %d) = %d holidays, %v; want %d", state, year, len(got), err, want)
			}
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestPublicHolidayRules checks single holidays that depend on the Land and
// the year.
func TestPublicHolidayRules(t *testing.T) {
	tests := []struct {
		state, date, id string
		want            bool
	}{
		{"DE-HE", "2017-10-31", "reformation-day", true}, // nationwide in 2017
		{"DE-RP", "2017-10-31", "reformation-day", true},
		{"DE-HE", "2018-10-31", "reformation-day", false},
		{"DE-NI", "2017-10-31", "reformation-day", true},
		{"DE-NI", "2016-10-31", "reformation-day", false},
		{"DE-NI", "2018-10-31", "reformation-day", true},
		{"DE-TH", "2016-10-31", "reformation-day", true},
		{"DE-TH", "2018-09-20", "childrens-day", false}, // since 2019
		{"DE-TH", "2019-09-20", "childrens-day", true},
		{"DE-TH", "2024-05-30", "corpus-christi", false}, // only in parts of the Eichsfeld
		{"DE-SN", "2024-05-30", "corpus-christi", false},
		{"DE-BE", "2018-03-08", "womens-day", false},
		{"DE-BE", "2019-03-08", "womens-day", true},
		{"DE-MV", "2022-03-08", "womens-day", false},
		{"DE-MV", "2023-03-08", "womens-day", true},
		{"DE-BE", "2020-05-08", "liberation-day", true},
		{"DE-BE", "2024-05-08", "liberation-day", false},
		{"DE-BE", "2025-05-08", "liberation-day", true},
		{"DE-SN", "2024-11-20", "repentance-day", true}, // Wednesday before 23 November
		{"DE-SN", "2025-11-19", "repentance-day", true},
		{"DE-SN", "2026-11-18", "repentance-day", true},
		{"DE-SN", "2023-11-22", "repentance-day", true},
		{"DE-BY", "2024-11-20", "repentance-day", false},
		{"DE-BY", "1994-11-16", "repentance-day", true}, // everywhere until 1994
		{"DE-BY", "1995-11-22", "repentance-day", false},
		{"DE-BW", "2024-01-06", "epiphany", true},
		{"DE-BY", "2024-01-06", "epiphany", true},
		{"DE-ST", "2024-01-06", "epiphany", true},
		{"DE-HE", "2024-01-06", "epiphany", false},
		{"DE-SL", "2024-08-15", "assumption-day", true},
		{"DE-BY", "2024-08-15", "assumption-day", false}, // only in Catholic communities
		{"DE-BB", "2024-03-31", "easter-sunday", true},
		{"DE-BB", "2024-05-19", "whit-sunday", true},
		{"DE-HE", "2024-03-31", "easter-sunday", false},
		{"DE-TH", "2024-11-01", "all-saints-day", false},
		{"DE-HE", "1989-10-03", "german-unity-day", false},
		{"DE-HE", "1990-10-03", "german-unity-day", true},
	}
	for _, tt := range tests {
		d := day(tt.date)
		list, err := schedule.PublicHolidays(tt.state, timespan.OneDayRange(d))
		if err != nil {
			t.Fatal(err)
		}
		got := false
		for _, hol := range list {
			got = got || hol.ID == tt.id
		}
		if got != tt.want {
			t.Errorf("%s on %s in %s: got %v, want %v (%v)", tt.id, tt.date, tt.state, got, tt.want, list)
		}
	}
}

func TestPublicHolidaysEdges(t *testing.T) {
	// 2008: Christi Himmelfahrt fell on 1 May; both holidays are listed.
	got, err := schedule.PublicHolidays("de-he", timespan.OneDayRange(day("2008-05-01")))
	want := []schedule.Holiday{h("2008-05-01", "labour-day", "Tag der Arbeit"), h("2008-05-01", "ascension-day", "Christi Himmelfahrt")}
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
		t.Errorf("1 May 2008 (-want +got):\n%s", diff)
	}
	// A range across the turn of the year.
	got, err = schedule.PublicHolidays("DE-TH", span("2024-12-20", "2025-01-10"))
	want = []schedule.Holiday{
		h("2024-12-25", "christmas-day", "1. Weihnachtstag"),
		h("2024-12-26", "boxing-day", "2. Weihnachtstag"),
		h("2025-01-01", "new-year", "Neujahr"),
	}
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
		t.Errorf("turn of the year (-want +got):\n%s", diff)
	}
	for _, bad := range []string{"HE", "DE-XX", "DE-B ", "", "AT-9"} {
		_, err := schedule.PublicHolidays(bad, timespan.NewYearOf(2024))
		if err == nil || !strings.Contains(err.Error(), "DE-TH") {
			t.Errorf("PublicHolidays(%q) = %v, want an error listing the codes", bad, err)
		}
	}
	if got, err := schedule.PublicHolidays("DE-HE", span("2024-02-01", "2024-02-01")); err != nil || got != nil {
		t.Errorf("empty range = %v, %v", got, err)
	}
	all, err := schedule.PublicHolidays("DE-BY", span("0001-01-01", "9999-12-31"))
	if err != nil || len(all) < 9999*12 {
		t.Errorf("all years = %d holidays, %v", len(all), err)
	}
}
