package source

import (
	"errors"
	"strings"
	"testing"
)

func TestParseYAMLBillionLaughs(t *testing.T) {
	// Nine levels, each ten aliases of the level below: 10^9 values.
	doc := "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i <= 9; i++ {
		p := "*l" + string(rune('0'+i-1))
		doc += "l" + string(rune('0'+i)) + ": &l" + string(rune('0'+i)) + " [" + strings.Repeat(p+", ", 9) + p + "]\n"
	}
	_, err := ParseYAML([]byte(doc))
	var se *SyntaxError
	if !errors.As(err, &se) || !strings.Contains(se.Message, "aliases expand") {
		t.Fatalf("ParseYAML(billion laughs) = %v, want an alias expansion error", err)
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"hoursPerWeek", "releaseHoursPerWeek", "role", "id"}
	for in, want := range map[string]string{"hoursPerWek": "hoursPerWeek", "HoursPerWeek": "hoursPerWeek", "rol": "role", "zzzzzz": ""} {
		if got := Suggest(in, cands); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
