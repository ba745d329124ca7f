package whatif

import (
	"testing"
	"time"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/rules"
)

func TestYearShift(t *testing.T) {
	p := func(y1, m1, d1, y2, m2, d2 int) rules.Period {
		return rules.Period{From: date.New(y1, time.Month(m1), d1), Until: date.New(y2, time.Month(m2), d2)}
	}
	tests := []struct {
		old, new rules.Period
		want     int
	}{
		{p(2024, 1, 1, 2024, 12, 31), p(2025, 1, 1, 2025, 12, 31), 1},
		{p(2025, 1, 1, 2025, 12, 31), p(2023, 1, 1, 2023, 12, 31), -2},
		{p(2024, 1, 1, 2024, 6, 30), p(2025, 1, 1, 2025, 6, 30), 1},
		{p(2024, 1, 1, 2024, 12, 31), p(2024, 1, 1, 2024, 12, 31), 0},
		{p(2024, 1, 1, 2024, 12, 31), p(2025, 1, 1, 2025, 6, 30), 0},
		{p(2024, 1, 1, 2024, 6, 30), p(2024, 7, 1, 2024, 12, 31), 0},
	}
	for _, tt := range tests {
		if got := yearShift(tt.old, tt.new); got != tt.want {
			t.Errorf("yearShift(%v, %v) = %d, want %d", tt.old, tt.new, got, tt.want)
		}
	}
}

func TestShifterText(t *testing.T) {
	s := newShifter(rules.Period{From: date.New(2024, 1, 1), Until: date.New(2024, 12, 31)}, 1)
	tests := map[string]string{
		"fz-a/2024-H2":                       "fz-a/2025-H2",
		"01.01.2024–31.12.2024":              "01.01.2025–31.12.2025",
		"austauschtreffen-jugendamt-2024-h2": "austauschtreffen-jugendamt-2025-h2",
		"2025-W01 (30.12.2024–05.01.2025)":   "2026-W01 (30.12.2025–05.01.2026)",
		"2022 und 12024 und 20245 bleiben":   "2022 und 12024 und 20245 bleiben",
		"kita-2023":                          "kita-2024",
		"":                                   "",
		"ohne Jahr":                          "ohne Jahr",
	}
	for in, want := range tests {
		if got := s.text(in); got != want {
			t.Errorf("text(%q) = %q, want %q", in, got, want)
		}
	}
	if got := (shifter{}).text("2024"); got != "2024" {
		t.Errorf("no shift: %q", got)
	}
}
