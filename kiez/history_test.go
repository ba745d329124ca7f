package kiez_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
)

func TestHoursOn(t *testing.T) {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	p := kiez.Position{ID: "lfz-1", Role: "leitung-familienzentrum", HoursPerWeek: decimal.NewFromInt(30),
		ReleaseHoursPerWeek: decimal.NewFromInt(2), From: ptr(mustDate("2024-01-01")),
		History: []kiez.PositionChange{
			{From: mustDate("2024-04-01"), HoursPerWeek: d("35")},
			{From: mustDate("2024-07-01"), ReleaseHoursPerWeek: d("1.5")},
			{From: mustDate("2024-10-01"), HoursPerWeek: d("25"), ReleaseHoursPerWeek: d("3")},
		}}
	tests := []struct{ day, hours, release string }{
		{"2024-01-01", "30", "2"},
		{"2024-03-31", "30", "2"},
		{"2024-04-01", "35", "2"},
		{"2024-07-01", "35", "1.5"},
		{"2024-09-30", "35", "1.5"},
		{"2024-10-01", "25", "3"},
		{"2025-06-01", "25", "3"},
	}
	for _, tt := range tests {
		day := mustDate(tt.day)
		if got := p.HoursOn(day); !got.Equal(decimal.RequireFromString(tt.hours)) {
			t.Errorf("HoursOn(%s) = %s, want %s", tt.day, got, tt.hours)
		}
		if got := p.ReleaseHoursOn(day); !got.Equal(decimal.RequireFromString(tt.release)) {
			t.Errorf("ReleaseHoursOn(%s) = %s, want %s", tt.day, got, tt.release)
		}
	}
	c := kiez.Centre{Staff: []kiez.Position{p}}
	if got := c.StaffHours("leitung-familienzentrum", mustDate("2024-05-01")); !got.Equal(decimal.NewFromInt(35)) {
		t.Errorf("StaffHours on 2024-05-01 = %s, want the 35 hours of the change from 2024-04-01", got)
	}
}
