package rules

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/rickb777/date/period"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/schedule"
)

func TestParseRhythm(t *testing.T) {
	for _, tc := range []struct {
		in      string
		unit    schedule.Unit
		window  string
		wantErr bool
	}{
		{in: "half-year", unit: schedule.HalfYear},
		{in: "Week", unit: schedule.Week},
		{in: "P6M", window: "P6M"},
		{in: "p6w", window: "P6W"},
		{in: "P42D", window: "P6W"},
		{in: "P1Y", window: "P1Y"},
		{in: "PT6H", wantErr: true},
		{in: "P0D", wantErr: true},
		{in: "P1.5M", wantErr: true},
		{in: "fortnight", wantErr: true},
		{in: "", wantErr: true},
	} {
		r, err := parseRhythm(tc.in)
		if (err != nil) != tc.wantErr {
			t.Errorf("parseRhythm(%q) error = %v, want error %v", tc.in, err, tc.wantErr)
			continue
		}
		if err != nil {
			continue
		}
		got := r.unit.String()
		want := tc.unit.String()
		if r.rolling() {
			got, want = r.window.String(), tc.window
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("parseRhythm(%q) (-want +got):\n%s", tc.in, diff)
		}
	}
	_, err := parseRhythm("fortnight")
	if diff := cmp.Diff(`unbekannter Rhythmus "fortnight" (erlaubt: week, month, quarter, half-year, year oder eine Dauer nach ISO 8601 in ganzen Jahren, Monaten, Wochen oder Tagen wie P6M, P6W, P42D)`, err.Error()); diff != "" {
		t.Errorf("message (-want +got):\n%s", diff)
	}
}

func TestParsePolicyAndUnit(t *testing.T) {
	for in, want := range map[string]schedule.EdgePolicy{"whole": schedule.WholeEdges, "count": schedule.CountEdges, "Excuse": schedule.ExcuseEdges, "prorate": schedule.ProrateEdges} {
		got, err := parsePolicy(in)
		if err != nil || got != want {
			t.Errorf("parsePolicy(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	_, err := parsePolicy("skip")
	if diff := cmp.Diff(`unbekannte Randregel "skip" (erlaubt: whole, count, excuse, prorate)`, err.Error()); diff != "" {
		t.Errorf("parsePolicy message (-want +got):\n%s", diff)
	}
	_, err = parseUnit("fortnight")
	if diff := cmp.Diff(`unbekannte Zeiteinheit "fortnight" (erlaubt: week, month, quarter, half-year, year)`, err.Error()); diff != "" {
		t.Errorf("parseUnit message (-want +got):\n%s", diff)
	}
}

func TestBucketLabelAndDuration(t *testing.T) {
	d := func(y, m, day int) date.Date { return date.New(y, 1, 1).AddDate(0, m-1, day-1) }
	week := schedule.Week.Bucket(d(2024, 3, 6))
	year := schedule.Year.Bucket(d(2024, 3, 6))
	cutYear := year
	cutYear.Range, cutYear.Partial = timespan.NewDateRange(d(2024, 4, 1), d(2025, 1, 1)), true
	label := func(b schedule.Bucket) string { return bucketStretch(b).String() }
	got := []string{label(week), label(schedule.Month.Bucket(d(2024, 3, 6))), label(schedule.HalfYear.Bucket(d(2024, 8, 1))), label(year), label(cutYear),
		germanDuration(period.NewYMD(0, 6, 0)), germanDuration(period.NewYMD(0, 0, 42)), germanDuration(period.NewYMD(1, 0, 0)), germanDuration(period.NewYMD(0, 0, 10))}
	want := []string{"2024-W10 (04.03.–10.03.)", "2024-03 (01.03.–31.03.)", "2024-H2 (01.07.–31.12.)", "2024", "2024 (01.04.–31.12.)",
		"6 Monate", "6 Wochen", "1 Jahr", "10 Tage"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
}

// TestStretchWords: the entries of a check's lists are values, written in
// the reader's language from their fields alone (as a check read back
// from JSON has them).
func TestStretchWords(t *testing.T) {
	week := bucketStretch(schedule.Week.Bucket(date.New(2024, 3, 6)))
	gap := gapStretch(schedule.Gap{From: date.New(2024, 1, 16), To: date.New(2024, 11, 19), Days: 308, ClosedDays: 0, Length: 308})
	short := hoursShort(schedule.BucketSum{Bucket: schedule.Month.Bucket(date.New(2024, 3, 6)), Sum: decimal.RequireFromString("4.5")})
	got := []string{week.String(), gap.String(), short.String(), FormatIn("en", week), FormatIn("en", gap), FormatIn("en", short),
		Format([]Stretch{week, week}), FormatIn("en", []Stretch{}),
		// A gap of package schedule in a template (takt.detail.longest) is
		// written the same way, no longer by its own English String.
		Format(schedule.Gap{From: date.New(2024, 3, 1), To: date.New(2024, 4, 13), Days: 43, Length: 43})}
	want := []string{"2024-W10 (04.03.–10.03.)", "16.01.2024–19.11.2024 (308 Tage)", "2024-03 (4,5 h)",
		"2024-W10 (03-04 – 03-10)", "2024-01-16 – 2024-11-19 (308 days)", "2024-03 (4.5 h)",
		"2024-W10 (04.03.–10.03.), 2024-W10 (04.03.–10.03.)", "–", "01.03.2024–13.04.2024 (43 Tage)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("words (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(Stretch{Label: "2024-W10", From: date.New(2024, 3, 4), Until: date.New(2024, 3, 10)}, week); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
}
