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

func TestLocate(t *testing.T) {
	src := "a:\n  plain: x + yy\n  quoted: \"ä + zz\"\n  block: |\n    centre.staff\n      + zz\n  folded: >\n    aa\n    bb + zz\n"
	root, err := ParseYAML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		A struct {
			Plain  Text `json:"plain"`
			Quoted Text `json:"quoted"`
			Block  Text `json:"block"`
			Folded Text `json:"folded"`
		} `json:"a"`
	}
	if _, probs := Decode(root, &v); len(probs) > 0 {
		t.Fatal(probs)
	}
	tests := []struct {
		name      string
		text      Text
		offset    int
		line, col int
	}{
		{"plain", v.A.Plain, 4, 2, 14},
		{"quoted with umlaut", v.A.Quoted, 4, 3, 16},
		{"literal block second line", v.A.Block, 17, 6, 9},
		{"folded block", v.A.Folded, 8, 9, 10},
	}
	for _, tt := range tests {
		got := Locate([]byte(src), tt.text, tt.offset)
		if got.Line != tt.line || got.Column != tt.col {
			t.Errorf("%s: Locate(%q, %d) = %d:%d, want %d:%d", tt.name, tt.text.Value, tt.offset, got.Line, got.Column, tt.line, tt.col)
		}
	}
}
