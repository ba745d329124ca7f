package rules

import (
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParamRefsMatchesRegexp compares paramRefs with the regular
// expression it replaces, on the texts of the shipped programmes and on
// edge cases.
func TestParamRefsMatchesRegexp(t *testing.T) {
	re := regexp.MustCompile(`\bparams\.([A-Za-z][A-Za-z0-9]*)`)
	texts := []string{"", "params.", "params.a", "params.1", "xparams.a", "_params.a", "(params.aB1)+params.c",
		"params.params.x", "params.a.b", "params.ä", "äparams.a", "{{ params.x }} und params.y_z", "params.a params.a"}
	for _, id := range Embedded() {
		src, _ := EmbeddedSource(id)
		texts = append(texts, string(src))
	}
	for _, text := range texts {
		var want []string
		for _, m := range re.FindAllStringSubmatch(text, -1) {
			want = append(want, m[1])
		}
		if diff := cmp.Diff(want, paramRefs(text)); diff != "" {
			t.Errorf("paramRefs(%.40q) (-regexp +paramRefs):\n%s", text, diff)
		}
	}
}
