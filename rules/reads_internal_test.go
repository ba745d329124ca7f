package rules

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestParamsReadFromTheTree compares the params the checked expressions
// read (Rule.Params) with those their texts name, in the same order, for
// the shipped programmes and every rule file of the testdata that loads.
func TestParamsReadFromTheTree(t *testing.T) {
	progs, err := LoadEmbeddedAll()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("testdata/*.yaml")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if p, err := Load(f, data); err == nil {
			progs = append(progs, p)
		}
	}
	re := regexp.MustCompile(`\bparams\.([A-Za-z][A-Za-z0-9]*)`)
	n := 0
	for _, p := range progs {
		for _, r := range p.Rules {
			texts := []string{r.Each, r.When, r.Needs, r.Subject, r.Assert, r.Message, r.NotApplicable, r.Missing}
			for _, e := range r.evidence {
				texts = append(texts, e.text)
			}
			texts = append(texts, r.LetExprs...)
			seen := map[string]bool{}
			var want []string
			for _, text := range texts {
				for _, m := range re.FindAllStringSubmatch(text, -1) {
					if !seen[m[1]] {
						seen[m[1]] = true
						want = append(want, m[1])
					}
				}
			}
			if diff := cmp.Diff(want, r.Params()); diff != "" {
				t.Errorf("%s %s (-text +tree):\n%s", p.ID, r.ID, diff)
			}
			n += len(want)
		}
	}
	if n < 50 {
		t.Errorf("only %d params read in all rules; the comparison proves little", n)
	}
}
