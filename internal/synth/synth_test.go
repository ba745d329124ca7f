package synth_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/internal/synth"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// templates loads the shipped testdata, the generator's usual templates.
func templates(t testing.TB) *kiez.Dataset {
	t.Helper()
	dirs := []string{"../../testdata/wiesbaden", "../../testdata/bad-kreuznach", "../../testdata/thueringen"}
	for _, d := range dirs {
		if _, err := os.Stat(d); err != nil {
			t.Skipf("templates missing: %v", err)
		}
	}
	ds, diags := kiez.LoadFiles(dirs...)
	if diags.HasErrors() {
		t.Fatalf("templates do not load:\n%v", diags)
	}
	return ds
}

var decimals = cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })

func generate(t testing.TB, tpl *kiez.Dataset, opt synth.Options) *synth.Output {
	t.Helper()
	out, err := synth.Generate(tpl, opt)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGenerateDeterministic: the same seed gives the same dataset and the
// same files; another seed gives another dataset.
func TestGenerateDeterministic(t *testing.T) {
	tpl := templates(t)
	opt := synth.Options{Seed: 7, Centres: 60, Shortfalls: synth.DefaultShortfalls}
	a, b := generate(t, tpl, opt), generate(t, tpl, opt)
	if diff := cmp.Diff(a.Dataset, b.Dataset, decimals, cmp.AllowUnexported(kiez.Dataset{})); diff != "" {
		t.Fatalf("same seed, different datasets (-a +b):\n%s", diff)
	}
	if diff := cmp.Diff(a.Shortfalls, b.Shortfalls); diff != "" {
		t.Fatalf("same seed, different shortfalls (-a +b):\n%s", diff)
	}
	dirA, dirB := t.TempDir(), t.TempDir()
	fa, err := a.Write(dirA, synth.YAML)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Write(dirB, synth.YAML); err != nil {
		t.Fatal(err)
	}
	for _, f := range fa {
		rel, _ := filepath.Rel(dirA, f)
		x, _ := os.ReadFile(f)
		y, _ := os.ReadFile(filepath.Join(dirB, rel))
		if !bytes.Equal(x, y) {
			t.Fatalf("%s differs between two runs with the same seed", rel)
		}
	}
	opt.Seed = 8
	c := generate(t, tpl, opt)
	// reflect.DeepEqual stops at the first difference; cmp would look for
	// the shortest edit script first.
	if reflect.DeepEqual(a.Dataset, c.Dataset) {
		t.Error("seeds 7 and 8 gave the same dataset")
	}
}

// TestGenerateSize: the dataset has the centres asked for, shared evenly
// between the three programmes, with unique ids, and the templates are
// left as they were.
func TestGenerateSize(t *testing.T) {
	tpl := templates(t)
	before := len(tpl.Centres)
	firstSessions := len(tpl.Centres[0].Sessions)
	for _, n := range []int{0, 1, 10, 101} {
		out := generate(t, tpl, synth.Options{Seed: 1, Centres: n, Shortfalls: synth.DefaultShortfalls})
		if len(out.Dataset.Centres) != n {
			t.Errorf("%d centres asked, %d generated", n, len(out.Dataset.Centres))
		}
		per := map[string]int{}
		ids := map[string]bool{}
		for _, c := range out.Dataset.Centres {
			per[c.Programme]++
			if ids[c.ID] {
				t.Errorf("duplicate centre id %s", c.ID)
			}
			ids[c.ID] = true
		}
		for _, p := range out.Dataset.Programmes {
			if d := per[p.ID] - n/3; d < 0 || d > 1 {
				t.Errorf("%d centres: %s has %d", n, p.ID, per[p.ID])
			}
		}
		if len(out.Dataset.Programmes) != 3 {
			t.Errorf("%d programmes, want 3", len(out.Dataset.Programmes))
		}
	}
	if len(tpl.Centres) != before || len(tpl.Centres[0].Sessions) != firstSessions {
		t.Error("Generate changed the templates")
	}
	if _, err := synth.Generate(tpl, synth.Options{Centres: -1}); err == nil {
		t.Error("negative size accepted")
	}
	if _, err := synth.Generate(tpl, synth.Options{Centres: synth.MaxCentres + 1}); err == nil {
		t.Errorf("%d centres accepted (MaxCentres is %d)", synth.MaxCentres+1, synth.MaxCentres)
	}
	if _, err := synth.Generate(tpl, synth.Options{Centres: 3, Shortfalls: 1.5}); err == nil {
		t.Error("share 1.5 accepted")
	}
}

// TestGenerateValid: the dataset validates without errors or warnings, and
// so does what Write puts on disk, which loads back as the same dataset.
func TestGenerateValid(t *testing.T) {
	tpl := templates(t)
	out := generate(t, tpl, synth.Options{Seed: 3, Centres: 45, Shortfalls: 0.2})
	if diags := out.Dataset.Validate(); len(diags) > 0 {
		t.Fatalf("generated dataset does not validate:\n%v", diags)
	}
	for _, f := range []synth.Format{synth.YAML, synth.JSON} {
		dir := t.TempDir()
		if _, err := out.Write(dir, f); err != nil {
			t.Fatal(err)
		}
		ds, diags := kiez.LoadFiles(dir)
		diags = append(diags, ds.Validate()...)
		if len(diags) > 0 {
			t.Fatalf("%s files do not load cleanly:\n%v", f, diags)
		}
		if diff := cmp.Diff(out.Dataset, ds, decimals, cmp.FilterPath(func(p cmp.Path) bool {
			return p.Last().String() == ".src"
		}, cmp.Ignore()), cmp.AllowUnexported(kiez.Dataset{})); diff != "" {
			t.Fatalf("%s files load back differently (-generated +loaded):\n%s", f, diff)
		}
		if _, err := out.Write(dir, f); err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
			t.Errorf("second Write into the same folder: %v, want a refusal", err)
		}
	}
}

// TestGenerateShortfalls evaluates the embedded rules on a generated year:
// exactly the centres Generate reports shortfalls for fail a rule, each
// injected rule fails for its centre, and their share is the one asked
// for.
func TestGenerateShortfalls(t *testing.T) {
	tpl := templates(t)
	const n = 150
	out := generate(t, tpl, synth.Options{Seed: 11, Centres: n, Shortfalls: synth.DefaultShortfalls})
	if len(out.Excluded) > 0 {
		t.Errorf("templates not cloned: %v", out.Excluded)
	}
	var progs []*rules.RuleSet
	for _, id := range rules.Embedded() {
		p, diags := rules.LoadEmbedded(id)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		progs = append(progs, p)
	}
	eng, err := rules.NewEngine(progs)
	if err != nil {
		t.Fatal(err)
	}
	evRes, err := eng.Evaluate(context.Background(), out.Dataset, out.Period())
	res := evRes.Results()
	if err != nil {
		t.Fatal(err)
	}
	failing := map[string]map[string]bool{}
	for _, r := range res {
		if r.Centre == "" {
			continue
		}
		if r.Outcome == rules.OutcomeError {
			t.Errorf("%s %s: error %s", r.Subject, r.Rule, r.Error)
		}
		if r.Outcome == rules.OutcomeFail {
			if failing[r.Centre] == nil {
				failing[r.Centre] = map[string]bool{}
			}
			failing[r.Centre][r.Rule] = true
		}
	}
	injected := map[string]bool{}
	perCentre := map[string]int{}
	for _, s := range out.Shortfalls {
		injected[s.Centre] = true
		perCentre[s.Centre]++
		if !failing[s.Centre][s.Rule] {
			t.Errorf("%s: injected %q (%s), but the rule does not fail", s.Centre, s.Rule, s.What)
		}
	}
	var extra []string
	for c, rs := range failing {
		if !injected[c] {
			for r := range rs {
				extra = append(extra, c+" "+r)
			}
		}
	}
	sort.Strings(extra)
	if len(extra) > 0 {
		t.Errorf("failures without an injected shortfall:\n%s", strings.Join(extra, "\n"))
	}
	want := int(synth.DefaultShortfalls*n + 0.5)
	if len(injected) < want-3 || len(injected) > want {
		t.Errorf("%d centres with shortfalls, want about %d (%.0f %% of %d)", len(injected), want, 100*synth.DefaultShortfalls, n)
	}
	for c, k := range perCentre {
		if k < 1 || k > 2 {
			t.Errorf("%s: %d shortfalls, want one or two", c, k)
		}
	}
}
