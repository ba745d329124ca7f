package schedule_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date/timespan"

	"github.com/kiez-go/kiez/schedule"
)

func TestClosures(t *testing.T) {
	sommer := schedule.Closure{From: day("2024-07-15"), Until: day("2024-08-23"), Label: "Sommerferien"}
	team := schedule.Closure{From: day("2024-08-19"), Until: day("2024-08-30"), Label: "Teamfortbildung"}
	weihnachten := schedule.Closure{From: day("2024-12-23"), Until: day("2025-01-03"), Label: "Weihnachtsschließzeit"}
	c, err := schedule.NewClosures(weihnachten, team, sommer)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]schedule.Closure{sommer, team, weihnachten}, c.List(), cmpOpts); diff != "" {
		t.Errorf("List (-want +got):\n%s", diff)
	}
	closed := map[string]bool{
		"2024-07-14": false, "2024-07-15": true, "2024-08-20": true, "2024-08-30": true, "2024-08-31": false,
		"2024-12-22": false, "2024-12-23": true, "2025-01-03": true, "2025-01-04": false, "2023-01-01": false,
	}
	for d, want := range closed {
		if got := c.IsClosed(day(d)); got != want {
			t.Errorf("IsClosed(%s) = %v, want %v", d, got, want)
		}
	}
	covers := []struct {
		r    timespan.DateRange
		want bool
	}{
		{span("2024-07-15", "2024-07-22"), true},
		{span("2024-07-15", "2024-08-31"), true}, // two overlapping closures
		{span("2024-07-15", "2024-09-01"), false},
		{span("2024-07-14", "2024-07-20"), false},
		{span("2024-12-30", "2025-01-04"), true}, // week 2025-W01
		{span("2024-12-30", "2025-01-06"), false},
		{span("2024-07-20", "2024-07-20"), false}, // empty
	}
	for _, tt := range covers {
		if got := c.Covers(tt.r); got != tt.want {
			t.Errorf("Covers(%v) = %v, want %v", tt.r, got, tt.want)
		}
	}
	if diff := cmp.Diff([]schedule.Closure{sommer, team}, c.On(day("2024-08-20")), cmpOpts); diff != "" {
		t.Errorf("On (-want +got):\n%s", diff)
	}
	if got := c.On(day("2024-09-02")); got != nil {
		t.Errorf("On(open day) = %v", got)
	}
	var zero schedule.Closures
	if zero.IsClosed(day("2024-01-01")) || zero.Covers(span("2024-01-01", "2024-01-02")) || !zero.IsEmpty() {
		t.Error("the zero Closures is not empty")
	}
	if got := sommer.Range(); got != span("2024-07-15", "2024-08-24") {
		t.Errorf("Range() = %v", got)
	}
}

func TestNewClosuresErrors(t *testing.T) {
	bad := []schedule.Closure{
		{From: day("2024-08-23"), Until: day("2024-07-15"), Label: "backwards"},
		{From: day("0001-01-01").Add(-1), Until: day("2024-07-15"), Label: "too early"},
	}
	for _, c := range bad {
		if _, err := schedule.NewClosures(c); err == nil {
			t.Errorf("NewClosures(%s) succeeded", c.Label)
		}
	}
}

func TestClosureJSON(t *testing.T) {
	in := []schedule.Closure{{From: day("2024-07-15"), Until: day("2024-08-23"), Label: "Sommerferien"}}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"from":"2024-07-15","until":"2024-08-23","label":"Sommerferien"}]`
	if string(data) != want {
		t.Errorf("json.Marshal = %s, want %s", data, want)
	}
	var out []schedule.Closure
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, out, cmpOpts); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
	for _, bad := range []string{
		`{"from":"2024-02-30","until":"2024-03-01"}`, // no such day
		`{"from":"12345678-","until":"2024-03-01"}`,  // makes date.ParseISO panic
		`{"from":"2024-03-01"}`,                      // no end
		`{"from":"2024-03-02","until":"2024-03-01"}`, // backwards
		`{"from":"+2024-03-01","until":"2024-03-01"}`,
		`{"from":1,"until":"2024-03-01"}`,
		`"2024-03-01"`,
	} {
		var c schedule.Closure
		var pe *schedule.ParseError
		if err := json.Unmarshal([]byte(bad), &c); !errors.As(err, &pe) {
			t.Errorf("json.Unmarshal(%s) = %v, want a *ParseError", bad, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	good := map[string]string{"2024-02-29": "2024-02-29", "0001-01-01": "0001-01-01", "9999-12-31": "9999-12-31"}
	for in, want := range good {
		d, err := schedule.ParseDate(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDate(%q) = %v, %v", in, d, err)
		}
	}
	for _, in := range []string{"", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "0000-01-01", "2024-1-01", "20240101", "2024-01-01T10:00", "+202-01-01", "２０２４-01-01"} {
		if _, err := schedule.ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) succeeded", in)
		}
	}
}

func TestHolidayClosure(t *testing.T) {
	hol, err := schedule.PublicHolidays("DE-HE", span("2024-10-01", "2024-10-31"))
	if err != nil || len(hol) != 1 {
		t.Fatalf("PublicHolidays = %v, %v", hol, err)
	}
	want := schedule.Closure{From: day("2024-10-03"), Until: day("2024-10-03"), Label: "Tag der Deutschen Einheit"}
	if diff := cmp.Diff(want, hol[0].Closure(), cmpOpts); diff != "" {
		t.Errorf("Closure (-want +got):\n%s", diff)
	}
}
