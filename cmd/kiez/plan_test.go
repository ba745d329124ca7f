package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
	"github.com/google/go-cmp/cmp"
)

// thDir is the Thüringen testdata.
const thDir = "../../testdata/thueringen"

// planICS runs kiez plan for Thüringen 2025 with the calendar written to
// ics, and returns the exit code and standard error.
func planICS(t *testing.T, ics string, extra ...string) (int, string) {
	t.Helper()
	args := append([]string{"plan", "--programme", "thueringen-thekiz", "--year", "2025",
		"--out", filepath.Join(filepath.Dir(ics), "plan.md"), "--ics", ics}, extra...)
	var stdout, stderr bytes.Buffer
	code := run(append(args, thDir), &stdout, &stderr)
	return code, stderr.String()
}

// icsEvents reads a calendar the way a calendar program does (go-ical)
// and checks what RFC 5545 asks of every event: CRLF lines of at most 75
// octets, a unique UID, DTSTAMP as given, a SEQUENCE.
func icsEvents(t *testing.T, data []byte, stamp time.Time) map[string]ical.Event {
	t.Helper()
	if n := bytes.Count(data, []byte("\n")); n != bytes.Count(data, []byte("\r\n")) {
		t.Error("a line feed without carriage return")
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d has %d octets", i+1, len(line))
		}
	}
	cal, err := ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot decode the calendar: %v", err)
	}
	events := map[string]ical.Event{}
	for _, e := range cal.Events() {
		uid, _ := e.Props.Text(ical.PropUID)
		if _, dup := events[uid]; dup || uid == "" {
			t.Errorf("UID %q empty or twice", uid)
		}
		events[uid] = e
		if got, err := e.Props.DateTime(ical.PropDateTimeStamp, nil); err != nil || !got.Equal(stamp) {
			t.Errorf("%s: DTSTAMP %v (%v), want %v", uid, got, err, stamp)
		}
		if p := e.Props.Get(ical.PropSequence); p == nil {
			t.Errorf("%s: no SEQUENCE", uid)
		}
	}
	return events
}

// TestPlanCalendarUpdates: the calendar's DTSTAMP is the time of the run;
// exported again against itself (--previous naming the --ics file), only
// DTSTAMP changes, as the UIDs and contents are stable.
func TestPlanCalendarUpdates(t *testing.T) {
	dir := t.TempDir()
	ics := filepath.Join(dir, "plan.ics")
	t.Setenv(nowEnv, "2025-01-15T09:00:00Z")
	if code, stderr := planICS(t, ics); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	first, err := os.ReadFile(ics)
	if err != nil {
		t.Fatal(err)
	}
	events := icsEvents(t, first, time.Date(2025, 1, 15, 9, 0, 0, 0, time.UTC))
	t.Setenv(nowEnv, "2025-02-01T10:00:00Z")
	code, stderr := planICS(t, ics, "--previous", ics)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "kiez plan: der Kalender gegenüber " + ics + ": 0 neu, 0 geändert, 40 unverändert, 0 abgesagt, 0 schon vorher abgesagt\n"
	if stderr != want || len(events) != 40 {
		t.Errorf("%d events; stderr %q, want %q", len(events), stderr, want)
	}
	second, err := os.ReadFile(ics)
	if err != nil {
		t.Fatal(err)
	}
	icsEvents(t, second, time.Date(2025, 2, 1, 10, 0, 0, 0, time.UTC))
	restamped := strings.ReplaceAll(string(first), "DTSTAMP:20250115T090000Z", "DTSTAMP:20250201T100000Z")
	if diff := cmp.Diff(restamped, string(second)); diff != "" {
		t.Errorf("the second export differs beyond DTSTAMP (-first +second):\n%s", diff)
	}
}

// TestPlanCalendarPrevious exports against testdata/plan-previous.ics, an
// earlier export edited: one event with SEQUENCE 2 and another summary
// (changed: 3), one with SEQUENCE 1 as it is (kept: 1), the Elterncafé
// missing (new: 0), a Babymassage of 2025 the plan no longer has
// (cancelled: 1) and an event of 2024 (not this plan's: left out).
func TestPlanCalendarPrevious(t *testing.T) {
	t.Setenv(nowEnv, testNow)
	ics := filepath.Join(t.TempDir(), "plan.ics")
	code, stderr := planICS(t, ics, "--previous", "testdata/plan-previous.ics")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := "kiez plan: der Kalender gegenüber testdata/plan-previous.ics: 1 neu, 1 geändert, 38 unverändert, 1 abgesagt, 0 schon vorher abgesagt\n"
	if stderr != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	data, err := os.ReadFile(ics)
	if err != nil {
		t.Fatal(err)
	}
	stamp, _ := time.Parse(time.RFC3339, testNow)
	events := icsEvents(t, data, stamp)
	got := map[string]string{}
	for uid, e := range events {
		seq := e.Props.Get(ical.PropSequence).Value
		status, _ := e.Props.Text(ical.PropStatus)
		if seq != "0" || status != "" {
			got[uid] = strings.TrimSpace(seq + " " + status)
		}
	}
	wantSeq := map[string]string{
		"2025-thekiz-regenbogen-familienlotsin@kiez-go":     "3",
		"2025-thekiz-regenbogen-eltern-kind-turnen@kiez-go": "1",
		"2025-thekiz-regenbogen-babymassage@kiez-go":        "1 CANCELLED",
	}
	if diff := cmp.Diff(wantSeq, got); diff != "" {
		t.Errorf("events with SEQUENCE > 0 or a STATUS (-want +got):\n%s", diff)
	}
	if _, ok := events["2024-thekiz-regenbogen-elterncafe@kiez-go"]; ok {
		t.Error("an event of 2024 from the previous file is in the plan for 2025")
	}
	golden(t, "testdata/plan-previous-revised.ics.golden", string(data))
}

// TestPlanPreviousErrors: a previous calendar that cannot be read stops
// the run before anything is written, naming the file and line.
func TestPlanPreviousErrors(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "alt.ics")
	if err := os.WriteFile(broken, []byte("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "andere.ics")
	old, err := os.ReadFile("testdata/plan-previous.ics")
	if err != nil {
		t.Fatal(err)
	}
	old = bytes.ReplaceAll(old, []byte("Thüringer Eltern-Kind-Zentren (ThEKiZ)"), []byte("Wiesbaden"))
	if err := os.WriteFile(other, old, 0o644); err != nil {
		t.Fatal(err)
	}
	ics := filepath.Join(dir, "plan.ics")
	for _, tt := range []struct {
		previous string
		code     int
		msg      string
	}{
		{broken, 1, "kiez plan: --previous " + broken + ":3: property DTSTART: no colon before the value\n"},
		{filepath.Join(dir, "fehlt.ics"), 1, "no such file"},
		{dir, 1, "is a directory, not a regular file"},
		{other, 1, "kiez plan: --previous " + other + " ist der Kalender \"Terminplan 2025: Wiesbaden\", nicht \"Terminplan 2025: Thüringer Eltern-Kind-Zentren (ThEKiZ)\"; den zuletzt exportierten Kalender dieses Plans nennen. Nichts wurde geschrieben.\n"},
	} {
		code, stderr := planICS(t, ics, "--previous", tt.previous)
		if code != tt.code || !strings.Contains(stderr, tt.msg) {
			t.Errorf("--previous %s: exit %d, %q; want %d and %q", tt.previous, code, stderr, tt.code, tt.msg)
		}
		if _, err := os.Stat(ics); err == nil {
			t.Fatalf("--previous %s: the calendar was written", tt.previous)
		}
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"plan", "--programme", "thueringen-thekiz", "--year", "2025", "--previous", broken, thDir}, &stdout, &stderr)
	if code != exitUsage || !strings.Contains(stderr.String(), "--previous gehört zu --ics") {
		t.Errorf("--previous without --ics: exit %d, %q", code, stderr.String())
	}
}
