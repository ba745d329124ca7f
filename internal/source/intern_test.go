package source

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

type internRecord struct {
	ID    string            `json:"id"`
	Kind  string            `json:"kind"`
	Hours decimal.Decimal   `json:"hours"`
	Tags  []string          `json:"tags"`
	Sub   map[string]string `json:"sub"`
}

type internFile struct {
	Records []internRecord `json:"records"`
}

// TestInternerDecodesAlike decodes files one after the other with one
// Interner, recycling the node trees between them, and checks that every
// file decodes as it does without one, that values decoded earlier stay
// intact, and that repeated texts and decimals are shared.
func TestInternerDecodesAlike(t *testing.T) {
	file := func(i int) []byte {
		var b strings.Builder
		b.WriteString("records:\n")
		for j := range 50 {
			fmt.Fprintf(&b, "  - id: r-%d-%d\n    kind: elterncafe\n    hours: 2.5\n    tags: [a, \"b\", 'c''d']\n    sub: {x: \"y\\u00e4\", k%d: v}\n", i, j, j)
		}
		return []byte(b.String())
	}
	if _, ok := parseYAMLFast(file(0), nil); !ok {
		t.Fatal("the fast path refuses the test file")
	}
	in := NewInterner()
	var shared []internFile
	for i := range 5 {
		root, err := in.ParseYAML(file(i))
		if err != nil {
			t.Fatal(err)
		}
		var f internFile
		if problems := in.DecodeValues(root, &f); len(problems) > 0 {
			t.Fatal(problems)
		}
		in.Recycle()
		shared = append(shared, f)
	}
	for i, got := range shared {
		root, err := ParseYAML(file(i))
		if err != nil {
			t.Fatal(err)
		}
		var want internFile
		if problems := DecodeValues(root, &want); len(problems) > 0 {
			t.Fatal(problems)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("file %d decodes differently with an Interner (-without +with):\n%s", i, diff)
		}
	}
	a, b := shared[0].Records[0], shared[4].Records[7]
	if unsafe.StringData(a.Kind) != unsafe.StringData(b.Kind) {
		t.Error("the repeated text elterncafe is not shared")
	}
	if a.Hours.Coefficient().Cmp(b.Hours.Coefficient()) != 0 || !a.Hours.Equal(b.Hours) {
		t.Error("the decimals differ")
	}
}

// TestInternerBounded: texts longer than maxInternLen are not kept, and
// the table starts afresh when full.
func TestInternerBounded(t *testing.T) {
	in := NewInterner()
	long := strings.Repeat("x", maxInternLen+1)
	in.str([]byte(long))
	if len(in.strs) != 0 {
		t.Errorf("a text of %d bytes was kept", len(long))
	}
	for i := range maxInterned + 10 {
		in.str([]byte(fmt.Sprint(i)))
	}
	if len(in.strs) > maxInterned {
		t.Errorf("%d texts kept, want at most %d", len(in.strs), maxInterned)
	}
}
