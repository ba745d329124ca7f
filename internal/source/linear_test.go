package source

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
)

// TestPositionsOnOneLongLine checks the positions of values on one long
// line, in JSON and YAML, against those counted from the line's start
// (the cursor of lineIndex must not change them), including characters
// of several bytes.
func TestPositionsOnOneLongLine(t *testing.T) {
	var j, y strings.Builder
	j.WriteString(`{"l":[`)
	y.WriteString(`{l: [`)
	for i := 0; i < 300; i++ {
		if i > 0 {
			j.WriteString(",")
			y.WriteString(", ")
		}
		fmt.Fprintf(&j, `{"ä":"ö%d","n":%d}`, i, i)
		fmt.Fprintf(&y, `{ä: ö%d, n: %d}`, i, i)
	}
	j.WriteString("]}")
	y.WriteString("]}")
	for _, tt := range []struct {
		name  string
		src   string
		parse func([]byte) (*Node, error)
	}{{"json", j.String(), ParseJSON}, {"yaml", y.String(), ParseYAML}} {
		root, err := tt.parse([]byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		var got, want []diag.Pos
		for _, it := range root.Lookup("l").Items {
			for _, n := range append(append([]*Node{}, it.Keys...), it.Values...) {
				got = append(got, n.Pos)
				want = append(want, diag.Pos{Line: 1, Column: len([]rune(tt.src[:n.Pos.Byte])) + 1, Byte: n.Pos.Byte})
			}
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: positions (-want +got):\n%s", tt.name, diff)
		}
	}
}

// TestAliasesShareWork checks that aliases of one anchored value share
// it: the tree reads as if written out, each alias with its own position,
// and the anchored value is not changed by them.
func TestAliasesShareWork(t *testing.T) {
	src := "a: &x {k: [1, 2]}\nb: *x\nc: [*x, *x]\n"
	root, err := ParseYAML([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := root.Lookup("a"), root.Lookup("b"), root.Lookup("c")
	type at struct{ Line, Column int }
	got := []at{{a.Pos.Line, a.Pos.Column}, {b.Pos.Line, b.Pos.Column}, {c.Items[0].Pos.Line, c.Items[0].Pos.Column}, {c.Items[1].Pos.Line, c.Items[1].Pos.Column}}
	want := []at{{1, 4}, {2, 4}, {3, 5}, {3, 9}} // an anchored value is where its anchor is
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("positions (-want +got):\n%s", diff)
	}
	if v := b.Find("k[1]"); v == nil || v.Value != "2" {
		t.Errorf("b.k[1] = %+v, want 2", v)
	}
}

func TestFind(t *testing.T) {
	root, err := ParseYAML([]byte("centres:\n  - id: a\n    staff:\n      - {id: s, hours: 3}\n    x.y: {z: 1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]string{
		"centres[0].staff[0].hours": "4:24",
		"centres[0].staff[0].from":  "4:9", // missing: the entry
		"centres[0].staff[5]":       "4:7", // beyond the list: the list
		"centres[0].x.y.z":          "5:14",
		"centres[0].x.y[z]":         "5:14",
		"":                          "1:1",
	} {
		n := root.Find(path)
		if got := fmt.Sprintf("%d:%d", n.Pos.Line, n.Pos.Column); got != want {
			t.Errorf("Find(%q) at %s, want %s", path, got, want)
		}
	}
}
