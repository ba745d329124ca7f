package rulefmt_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"

	"github.com/kiez-go/kiez/internal/rulefmt"
	"github.com/kiez-go/kiez/rules"
)

// ExampleFormat formats a rule written by hand: the keys come into the
// order of the reference, quotes that YAML does not need go, and a long
// assertion becomes a block text.
func ExampleFormat() {
	src := `# Eine Regel.
programme: beispiel
name:   Beispielprogramm
requirements:
- {text: "Ein Elterncafé je Woche.", id: "BS-01"}
rules:
- assert: 'len(offersOf(centre, "elterncafe", period)) >= 1 && all(offersOf(centre, "elterncafe", period), .childcare)'
  title: "Elterncafé"
  id: elterncafe   # die erste Regel
  message: "{{ len(offersOf(centre, \"elterncafe\", period)) }} Elterncafés"
  requirements: [BS-01]
`
	out, err := rulefmt.Format([]byte(src))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// # Eine Regel.
	// programme: beispiel
	// name: Beispielprogramm
	// requirements:
	//   - {id: BS-01, text: Ein Elterncafé je Woche.}
	// rules:
	//   - id: elterncafe  # die erste Regel
	//     title: Elterncafé
	//     requirements: [BS-01]
	//     assert: >-
	//       len(offersOf(centre, "elterncafe", period)) >= 1 && all(offersOf(centre, "elterncafe", period), .childcare)
	//     message: '{{ len(offersOf(centre, "elterncafe", period)) }} Elterncafés'
}

// ExampleFormat_error shows a file that is not YAML, a message with an
// unquoted ": ": the error names the line and column.
func ExampleFormat_error() {
	_, err := rulefmt.Format([]byte("programme: beispiel\nrules:\n  - id: a\n    message: Stand: {{ period.from }}\n"))
	fmt.Println(err)
	// Output:
	// 4:5: YAML syntax: mapping values are not allowed in this context
}

// shipped lists the rule files and rule test files of the repository.
func shipped(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"../../rules/programmes/*.yaml", "../../rules/testdata/*.yaml", "../../docs/*/*.yaml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if rulefmt.Detect(b) != rulefmt.Other {
				files = append(files, f)
			}
		}
	}
	if len(files) < 6 {
		t.Fatalf("found only %d rule and test files: %v", len(files), files)
	}
	return files
}

// TestShippedFormatted checks that the shipped programmes are formatted
// (kiez fmt -l prints nothing for them) and that formatting every rule
// and test file of the repository twice changes nothing more, keeps every
// comment line and, for rule files, gives the same programme.
func TestShippedFormatted(t *testing.T) {
	for _, f := range shipped(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out, err := rulefmt.Format(src)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(f, "rules/programmes/") {
				if diff := cmp.Diff(string(src), string(out)); diff != "" {
					t.Errorf("%s is not formatted; run go run ./cmd/kiez fmt -w %s (-file +formatted):\n%s", f, f, diff)
				}
			}
			again, err := rulefmt.Format(out)
			if err != nil {
				t.Fatalf("formatting the formatted text: %v", err)
			}
			if diff := cmp.Diff(string(out), string(again)); diff != "" {
				t.Errorf("formatting twice changes the text (-once +twice):\n%s", diff)
			}
			if diff := cmp.Diff(commentLines(src), commentLines(out)); diff != "" {
				t.Errorf("comment lines differ (-file +formatted):\n%s", diff)
			}
			if rulefmt.Detect(src) == rulefmt.RuleFile {
				sameProgramme(t, f, src, out)
			}
		})
	}
}

// commentLines returns the lines of src that hold only a comment,
// trimmed and sorted. (Comments after a value are checked by Format
// itself, on the YAML tree.)
func commentLines(src []byte) []string {
	var out []string
	for _, l := range strings.Split(string(src), "\n") {
		if l = strings.TrimSpace(l); strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	sort.Strings(out)
	return out
}

// sameProgramme checks that src and out load to the same programme: the
// same rules with the same expressions, params and catalogue.
func sameProgramme(t *testing.T, name string, src, out []byte) {
	t.Helper()
	p1, d1 := rules.Load(name, src)
	p2, d2 := rules.Load(name, out)
	if diff := cmp.Diff(summaries(d1), summaries(d2)); diff != "" {
		t.Errorf("diagnostics differ (-file +formatted):\n%s", diff)
	}
	if (p1 == nil) != (p2 == nil) {
		t.Fatalf("one of the two does not load: %v / %v", d1, d2)
	}
	if p1 == nil {
		return
	}
	if diff := cmp.Diff(project(p1), project(p2)); diff != "" {
		t.Errorf("the programmes differ (-file +formatted):\n%s", diff)
	}
}

func summaries(ds interface{ Error() string }) []string {
	if ds == nil {
		return nil
	}
	var out []string
	for _, l := range strings.Split(ds.Error(), "\n") {
		// Drop the position: formatting may move it. Drop the "did you
		// mean": among names equally close to a misspelt one, Load picks
		// one at random (a map's order).
		if _, rest, ok := strings.Cut(l, ": "); ok {
			l = rest
		}
		if i := strings.Index(l, "; did you mean"); i >= 0 {
			l = l[:i]
		}
		out = append(out, l)
	}
	// Sorted: moving keys into order may reorder them.
	sort.Strings(out)
	return out
}

// project returns what a programme says, without positions.
func project(p *rules.RuleSet) map[string]any {
	out := map[string]any{
		"header":       []string{p.ID, p.Name, p.Authority, p.Version, p.Description, p.Land},
		"sources":      p.Sources,
		"requirements": p.Requirements,
		"manual":       p.Manual,
	}
	var params []string
	for _, x := range p.Params {
		s := fmt.Sprintf("%s|%s|%s|%s|%v|%s|%v", x.Name, x.Title, x.Type, x.Unit, x.Source, x.Interpretation, x.Requirements)
		for _, h := range x.History {
			s += fmt.Sprintf("|%s=%v (%s)", h.From, h.Value, h.Note)
		}
		params = append(params, s)
	}
	out["params"] = params
	var rs []string
	for _, r := range p.Rules {
		from, until := "", ""
		if r.ValidFrom != nil {
			from = r.ValidFrom.String()
		}
		if r.ValidUntil != nil {
			until = r.ValidUntil.String()
		}
		rs = append(rs, strings.Join([]string{r.ID, r.Title, r.Description, strings.Join(r.Requirements, ","), r.Source.String(),
			r.Severity.String(), r.Scope.String(), r.Each, r.When, r.Needs, r.Assert, r.Subject,
			strings.Join(r.Let, ","), strings.Join(r.LetExprs, "\x00"), r.IfMissing.String(), r.Message,
			strings.Join(r.Evidence, ","), from, until, r.NotApplicable, r.Missing}, "\n"))
	}
	out["rules"] = rs
	return out
}

func TestFormatCases(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{
			name: "test file order, blank lines between cases, literal data kept",
			in: `cases:
  - expect:
      - {outcome: pass, rule: a, subject: x}
    name: eins
    data: |
      centres:

        - id: x   # in den Daten
  # zweiter Fall
  - name: zwei
    files: ["a.yaml"]
programme: p.yaml
period: "2024"
`,
			want: `programme: p.yaml
period: "2024"
cases:
  - name: eins
    data: |
      centres:

        - id: x   # in den Daten
    expect:
      - {rule: a, subject: x, outcome: pass}

  # zweiter Fall
  - name: zwei
    files: [a.yaml]
`,
		},
		{
			name: "folded text keeps its line breaks, blank lines collapse, indentation is two spaces",
			in: `programme: p


rules:
    -   id: r
        description: >-
              Erste Zeile
              zweite Zeile.

              Neuer Absatz.
        assert: "true"
        let:
            b: x
            a: "y #z"
`,
			want: `programme: p

rules:
  - id: r
    description: >-
      Erste Zeile
      zweite Zeile.

      Neuer Absatz.
    let:
      b: x
      a: "y #z"
    assert: "true"
`,
		},
		{
			name: "quotes only where needed",
			in: `programme: p
params:
  x:
    type: "text"
    history:
      - {from: "2024-01-01", value: "12", note: "a: b"}
      - {from: 2024-02-01, value: "a, b", note: 'it''s'}
      - {from: 2024-03-01, value: "yes", note: "#1"}
`,
			want: `programme: p
params:
  x:
    type: text
    history:
      - {from: "2024-01-01", value: "12", note: "a: b"}
      - {from: 2024-02-01, value: "a, b", note: it's}
      - {from: 2024-03-01, value: yes, note: "#1"}
`,
		},
		{
			name: "unknown keys follow the known ones; comments stay with their keys, the file's heading at the top",
			in: `# Überschrift
zusatz: 1
# zu rules
rules: []
programme: p # Kennung
`,
			want: `# Überschrift
programme: p  # Kennung
# zu rules
rules: []
zusatz: 1
`,
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := rulefmt.Format([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			again, err := rulefmt.Format(got)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(got), string(again)); diff != "" {
				t.Errorf("not idempotent (-once +twice):\n%s", diff)
			}
		})
	}
}

func TestFormatErrors(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"empty", "", "1:1: the file is empty"},
		{"data file", "centres:\n  - id: a\n", "1:1: not a rule file or a rule test file: its top level has none of the keys rules, requirements, params, manual (rule file) or cases (test file)"},
		{"tab", "rules:\n\t- id: a\n", "2:1: YAML syntax: a tab character is used for indentation; YAML allows only spaces"},
		{"two documents", "rules: []\n---\nrules: []\n", "2:1: the file holds more than one YAML document (---); put each in its own file"},
		{"mapping key", "rules: []\n? [a]\n: b\n", "2:3: a mapping key must be plain text"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := rulefmt.Format([]byte(tt.in))
			var fe *rulefmt.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *rulefmt.Error", err)
			}
			if diff := cmp.Diff(tt.want, err.Error()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestDetect(t *testing.T) {
	for in, want := range map[string]rulefmt.Kind{
		"programme: p\nrules: []\n":         rulefmt.RuleFile,
		"programme: p.yaml\ncases: []\n":    rulefmt.TestFile,
		"programmes: []\ncentres: []\n":     rulefmt.Other,
		"centres: []\nrequirements: []\n":   rulefmt.Other,
		"- a\n":                             rulefmt.Other,
		"rules: [\n":                        rulefmt.Other,
		"programme: p\nrequirements: []\n":  rulefmt.RuleFile,
		"programme: p\nparams: {}\n":        rulefmt.RuleFile,
		"programme: p\nmanual: []\n":        rulefmt.RuleFile,
		"programme: p\ncases: []\nrules: 1": rulefmt.TestFile,
	} {
		if got := rulefmt.Detect([]byte(in)); got != want {
			t.Errorf("Detect(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestKeyOrderCoversSections(t *testing.T) {
	for kind, sections := range map[rulefmt.Kind][]string{
		rulefmt.RuleFile: {"programme", "source", "requirement", "cite", "param", "history", "rule", "manual"},
		rulefmt.TestFile: {"test", "case", "expect"},
	} {
		for _, s := range sections {
			keys := rulefmt.KeyOrder(kind, s)
			if len(keys) == 0 {
				t.Errorf("%v %s: no keys", kind, s)
			}
			seen := map[string]bool{}
			for _, k := range keys {
				if seen[k] {
					t.Errorf("%v %s: key %s twice", kind, s, k)
				}
				seen[k] = true
			}
		}
	}
	if k := rulefmt.KeyOrder(rulefmt.RuleFile, "let"); k != nil {
		t.Errorf("let has a fixed order %v; its entries keep the file's order", k)
	}
}

// FuzzFormat checks the properties of Format on any input: it does not
// panic; what it formats, it formats to a fixed point (formatting again
// changes nothing); the formatted text reads to the same YAML values; and
// a rule file that loads gives the same programme once formatted.
func FuzzFormat(f *testing.F) {
	// Small seeds with every construct of the shipped files; the shipped
	// files themselves are checked by TestShippedFormatted (as seeds they
	// would make each fuzzed input slow).
	for _, seed := range []string{
		"# Kopf\nprogramme: p\nname: \"P\"\nversion: \"2024.1\"\nrequirements:\n  - {id: P-01, text: T, source: {doc: \"001\", section: \"§ 1\"}}\nrules:\n  - id: r  # eine Regel\n    title: T\n    requirements: [P-01]\n    assert: 'x #y'\n    message: \"M: {{ x }}\"\n",
		"programme: p\nparams:\n  # Gruppe\n  x:\n    type: kinds\n    interpretation: >-\n      Erste Zeile\n      zweite.\n\n      Absatz.\n    history:\n      - {from: 2024-01-01, value: [a, b], note: \"„zitiert“\"}\n\n  y: {type: int, history: [{from: 2024-01-01, value: 1}]}\nrules: []\n",
		"programme: p\nrules:\n  - id: r\n    let:\n      b: a\n      a: 'groupBy(x, #)'\n    when: none(programme?.providers ?? [], .id == centre.provider && .kind in params.contractExemptProviderKinds)\n    assert: >-\n      a\n      && b\n    message: |\n      Zeile\n        eingerückt\n",
		"programme: p.yaml\nperiod: 2024\ncases:\n  # ----\n  # Gruppe\n\n  - name: a\n    data: &d |\n      centres:\n\n        - id: x  # in den Daten\n    expect:\n      - {rule: r, subject: x, outcome: pass}   # Kommentar\n  - name: b\n    data: *d\n    expect: []\n# Ende\n",
		"cases:\n  # c\n\n  - name: a\n    data: |+\n      x\n\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		out, err := rulefmt.Format(src)
		if err != nil {
			var fe *rulefmt.Error
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *rulefmt.Error", err)
			}
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("%v\n%s", err, src)
			}
			return
		}
		again, err := rulefmt.Format(out)
		if err != nil {
			t.Fatalf("formatting the formatted text: %v\n%s", err, out)
		}
		if diff := cmp.Diff(string(out), string(again)); diff != "" {
			t.Fatalf("not idempotent (-once +twice):\n%s", diff)
		}
		var a, b any
		if yaml.Unmarshal(src, &a) == nil {
			if err := yaml.Unmarshal(out, &b); err != nil {
				t.Fatal(err)
			}
			if rulefmt.Detect(src) == rulefmt.RuleFile {
				sameProgramme(t, "fuzz.yaml", src, out)
			}
		}
	})
}
