package main

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// applyScript rebuilds both texts from an edit script.
func applyScript(ops []edit) (a, b []string) {
	for _, o := range ops {
		if o.kind != '+' {
			a = append(a, o.line)
		}
		if o.kind != '-' {
			b = append(b, o.line)
		}
	}
	return a, b
}

func TestEditScript(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 500; i++ {
		mk := func() []string {
			n := r.IntN(12)
			out := make([]string, n)
			for j := range out {
				out[j] = string(rune('a'+r.IntN(4))) + "\n"
			}
			return out
		}
		a, b := mk(), mk()
		ops := editScript(a, b)
		gotA, gotB := applyScript(ops)
		if diff := cmp.Diff(a, gotA, cmp.Comparer(func(x, y []string) bool { return strings.Join(x, "") == strings.Join(y, "") })); diff != "" {
			t.Fatalf("old text not rebuilt from %q / %q:\n%s", a, b, diff)
		}
		if diff := cmp.Diff(b, gotB, cmp.Comparer(func(x, y []string) bool { return strings.Join(x, "") == strings.Join(y, "") })); diff != "" {
			t.Fatalf("new text not rebuilt from %q / %q:\n%s", a, b, diff)
		}
		aLine, bLine := 0, 0
		for _, o := range ops {
			if o.kind != '+' {
				aLine++
				if o.aLine != aLine {
					t.Fatalf("%q / %q: old line number %d, want %d", a, b, o.aLine, aLine)
				}
			}
			if o.kind != '-' {
				bLine++
				if o.bLn != bLine {
					t.Fatalf("%q / %q: new line number %d, want %d", a, b, o.bLn, bLine)
				}
			}
		}
	}
}

func TestWriteUnifiedDiff(t *testing.T) {
	a := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n"
	b := "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n"
	var sb strings.Builder
	writeUnifiedDiff(&sb, "x.yaml", a, b)
	want := `--- x.yaml
+++ x.yaml (formatiert)
@@ -1,5 +1,5 @@
 a
-b
+B
 c
 d
 e
@@ -10,3 +10,4 @@
 j
 k
 l
+m
`
	if diff := cmp.Diff(want, sb.String()); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}
