package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// parseYAMLGeneral parses with go.yaml.in/yaml/v3 only, as ParseYAML did
// before the fast path.
func parseYAMLGeneral(data []byte) (*Node, error) {
	fastYAMLDisabled = true
	defer func() { fastYAMLDisabled = false }()
	return ParseYAML(data)
}

// agree compares the fast path with the general one on data: when the
// fast path takes the file, the trees must be equal.
func agree(t *testing.T, name string, data []byte) bool {
	t.Helper()
	fast, ok := parseYAMLFast(data, NewInterner())
	if !ok {
		return false
	}
	slow, err := parseYAMLGeneral(data)
	if err != nil {
		t.Errorf("%s: the fast path read a file the general path refuses: %v", name, err)
		return true
	}
	if !sameTree(slow, fast) {
		t.Errorf("%s: the fast path differs (-general +fast):\n%s", name, cmp.Diff(slow, fast))
	}
	return true
}

// sameTree compares two trees; cmp.Diff is too slow for every file.
func sameTree(a, b *Node) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Kind != b.Kind || a.Type != b.Type || a.Style != b.Style || a.Value != b.Value || a.Pos != b.Pos || a.End != b.End ||
		len(a.Keys) != len(b.Keys) || len(a.Values) != len(b.Values) || len(a.Items) != len(b.Items) {
		return false
	}
	for i := range a.Keys {
		if !sameTree(a.Keys[i], b.Keys[i]) || !sameTree(a.Values[i], b.Values[i]) {
			return false
		}
	}
	for i := range a.Items {
		if !sameTree(a.Items[i], b.Items[i]) {
			return false
		}
	}
	return true
}

// TestFastYAMLAgrees reads every YAML file of the repository (data, rules,
// rule tests, the corpus of bad files) both ways, and a set of small
// cases; the shipped data files must all take the fast path.
func TestFastYAMLAgrees(t *testing.T) {
	taken, all := 0, 0
	err := filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if d.IsDir() || !(strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml")) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		all++
		if agree(t, p, data) {
			taken++
		} else if strings.Contains(p, "testdata/wiesbaden/") || strings.Contains(p, "testdata/bad-kreuznach/") || strings.Contains(p, "testdata/thueringen/") {
			t.Errorf("%s: a shipped data file does not take the fast path", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of %d YAML files take the fast path", taken, all)
	for _, src := range fastYAMLCases {
		agree(t, src, []byte(src))
	}
}

// fastYAMLCases are small files the fast path takes or must refuse.
var fastYAMLCases = []string{
	"a: 1\nb: -2\nc: 1.5\nd: 2024-01-15\ne: 2023-02-30\nf: true\ng: null\nh: ~\ni: text # comment\n",
	"a: [1, x, \"q\", 'it''s', {b: c}]\n",
	"a:\n- 1\n- 2\nb: 3\n",
	"- a\n- b: c\n  d: e\n-\n  f: g\n",
	"a: {\"k\":1, 'l': [ ]}\n",
	"a: \"esc \\e \\u00e4 \\x41 \\\\\"\n", "a: \"\\/\"\n",
	"a: 0x1F\nb: 0o17\nc: 1_000\nd: +5\ne: .5\nf: 1e3\ng: .inf\nh: -.Inf\ni: 007\nj: 12345678901234567890\n",
	"a: 2024-01-15T10:00:00Z\nb: 2024-01\nb2: 2024-1\nb3: 2024-123\nc: 3 Stunden\nd: 10:30\n",
	"a: b: c\n", "a:\n", "a: |\n  x\n", "a: &x 1\nb: *x\n", "a: !!str 1\n", "a: 1\na: 2\n",
	"a: [1, 2,]\n", "a: [a: b]\n", "a: x\n  y\n", "a: 'x\n  y'\n", "--- \na: 1\n", "a: 1\n...\n",
	"{a: 1}\n", "[1, 2]\n", "x\n", "a:  # c\n  b: 1\n", "a:\n  - {b: 1}\n  - [c]\n", "<<: {a: 1}\n",
	"a: -\n", "a: - b\n", "? a\n: b\n", "a: @x\n", "a: `x`\n", "a: %x\n", "a:b\n", "a : b\n",
	"a: b #c\n#d\n  # e\nf: g\n", "a: C#\n", "a: {b: c} # x\n", "\"a b\": 1\n'c': 2\n",
	"a:\n  b:\n    c: [1]\n  d: 2\ne: 3\n", "a: [b, [c, {d: e}]]\n", "a: \"\\ud800\"\n",
	"a: y\nb: n\nc: yes\nd: on\ne: No\n", "a: True\nb: FALSE\nc: Null\nd: NULL\n",
}

// FuzzFastYAML checks that whatever the fast path reads, it reads as the
// general path does.
func FuzzFastYAML(f *testing.F) {
	for _, c := range fastYAMLCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		agree(t, "input", data)
	})
}
