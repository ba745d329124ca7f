package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// verbs matches the verbs of a format, for comparing both languages.
var verbs = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// keyPattern matches what a key of the message table looks like.
var keyPattern = regexp.MustCompile(`^(usage|flag|word|err|prep|out|kind|sel|timeout|main|validate|lint|test|plan|diff|check|report|explain|fmt|gen|lsp|version|import|export|serve)\.[a-zA-Z.]+$`)

// translated are the commands whose usage, flag help and usage errors
// are all in the message table.
var translated = []string{"validate.go", "lint.go", "test.go", "plan.go", "diff.go", "check.go", "explain.go", "report.go", "fmt.go", "gen.go", "lsp.go", "version.go", "evaluate.go", "main.go", "flags.go", "timeout.go", "messages.go", "import.go", "csvtables.go", "serve.go"}

// TestMessages: every message has both languages with the same verbs in
// the same order; every key the code names is in the table, and every
// key of the table is used; the flags of the translated commands are all
// in the table.
func TestMessages(t *testing.T) {
	table := allMessages()
	parts := map[string]map[string]message{"messageTable": messageTable(), "sheetMessages": sheetMessages(), "tableMessages": tableMessages()}
	for name, part := range parts {
		for other, otherPart := range parts {
			for key := range part {
				if _, ok := otherPart[key]; ok && name < other {
					t.Errorf("%s: the key is in %s and in %s", key, name, other)
				}
			}
		}
	}
	for key, m := range table {
		if strings.TrimSpace(m.de) == "" || strings.TrimSpace(m.en) == "" {
			t.Errorf("%s: a language is empty: %q / %q", key, m.de, m.en)
		}
		if de, en := verbs.FindAllString(m.de, -1), verbs.FindAllString(m.en, -1); !slices.Equal(de, en) {
			t.Errorf("%s: the verbs differ: de %v, en %v", key, de, en)
		}
		if m.de == m.en && !verbs.MatchString(m.de) && !strings.HasSuffix(key, ".synopsis") {
			t.Errorf("%s: the German text is the English one: %q", key, m.de)
		}
	}
	used := map[string]bool{}
	for _, c := range commands() {
		used["main."+c.name] = true // c.summary
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "messages_table") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if n.Kind != token.STRING {
					return true
				}
				s, err := strconv.Unquote(n.Value)
				if err != nil || !keyPattern.MatchString(s) {
					return true
				}
				used[s] = true
				if _, ok := table[s+".one"]; ok { // a counted word (texts.count)
					used[s+".one"], used[s+".many"] = true, true
					return true
				}
				if _, ok := table[s]; !ok {
					t.Errorf("%s: the key %q is not in the message table", fset.Position(n.Pos()), s)
				}
			case *ast.CallExpr:
				sel, ok := n.Fun.(*ast.SelectorExpr)
				if !ok || !slices.Contains(translated, name) || len(n.Args) < 2 {
					return true
				}
				switch sel.Sel.Name {
				case "String", "Bool", "Int", "Uint64", "Float64", "Var", "StringVar", "Duration", "usageError":
				default:
					return true
				}
				if sel.Sel.Name == "usageError" {
					if lit, ok := n.Args[1].(*ast.BasicLit); !ok || (lit.Value != `"%s"` && lit.Value != `"%v"`) {
						t.Errorf("%s: usageError with a text of its own; use fail with a key of the message table (only a message made elsewhere is passed on as is)", fset.Position(n.Pos()))
					}
					return true
				}
				if lit, ok := n.Args[len(n.Args)-1].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					s, _ := strconv.Unquote(lit.Value)
					if _, ok := table[s]; !ok {
						t.Errorf("%s: the flag help %q is not a key of the message table", fset.Position(n.Pos()), s)
					}
				}
			}
			return true
		})
	}
	for key := range table {
		if !used[key] {
			t.Errorf("the message %q is not used", key)
		}
	}
}

// TestLangOf: --lang wins over KIEZ_LANG, the last --lang counts, a
// locale counts by its language, nothing after "--" counts.
func TestLangOf(t *testing.T) {
	for _, tt := range []struct {
		env  string
		args []string
		want lang
		bad  string
	}{
		{"", nil, langDE, ""},
		{"en", nil, langEN, ""},
		{"en_GB.UTF-8", []string{"check"}, langEN, ""},
		{"en", []string{"--lang", "de"}, langDE, ""},
		{"", []string{"-lang=en"}, langEN, ""},
		{"", []string{"--lang=de", "--lang", "EN"}, langEN, ""},
		{"", []string{"--", "--lang", "en"}, langDE, ""},
		{"fr", nil, langDE, `KIEZ_LANG="fr"`},
		{"", []string{"--lang", "fr"}, langDE, `--lang "fr"`},
	} {
		t.Setenv(langEnv, tt.env)
		got, bad := langOf(tt.args)
		if diff := cmp.Diff([]any{tt.want, tt.bad}, []any{got, bad}); diff != "" {
			t.Errorf("KIEZ_LANG=%q %v (-want +got):\n%s", tt.env, tt.args, diff)
		}
	}
}

// TestLanguageTranscripts records the help and errors in English, and
// shows that --lang and KIEZ_LANG switch them.
func TestLanguageTranscripts(t *testing.T) {
	t.Setenv(langEnv, "")
	for _, tt := range []struct {
		name, env string
		args      []string
		code      int
	}{
		{"help-en", "", []string{"help", "--lang", "en"}, 0},
		{"help-plan-en", "en", []string{"help", "plan"}, 0},
		{"lint-help-en", "", []string{"lint", "-h", "--lang=en"}, 0},
		{"validate-bad-date-en", "en", []string{"validate", "-on", "31.12.2024", "testdata/validate-small.yaml"}, 2},
		{"diff-no-period-en", "", []string{"diff", "--lang", "en", bkData}, 2},
		{"check-unknown-flag-en", "en", []string{"check", "--verbose"}, 2},
		{"test-failing-en", "", []string{"test", "--lang", "en", "--root", "../..", "testdata/failing-tests.yaml"}, 1},
		{"check-unknown-programme-en", "en", []string{"check", "--rules", "../../rules/testdata/fixture.yaml", "--period", "2024", "--programme", "nirgendwo", "../../rules/testdata/programme.yaml", "../../rules/testdata/centre-short.yaml"}, 2},
		{"check-text-en", "", []string{"check", "--lang", "en", "--rules", fixtureRules, "--period", "2024", fixtureProg, fixtureCentre}, 0},
		{"check-every-outcome-en", "en", []string{"check", "--rules", fixtureRules, "--period", "2024", "testdata/check-mixed.yaml"}, 0},
		{"check-only-problems-hides-all-en", "en", []string{"check", "--rules", fixtureRules, "--period", "2024-Q1", "--only", "fail", "testdata/check-mixed.yaml"}, 0},
		{"explain-fail-en", "", []string{"explain", "--lang", "en", "--rule", "freistellung", "--subject", "c2/l2", "--rules", fixtureRules, "--period", "2024", fixtureProg, fixtureCentre}, 0},
		{"explain-waived-en", "en", []string{"explain", "--rule", "freistellung", "--subject", "c1/l1", "--rules", fixtureRules, "--period", "2024", "testdata/check-mixed.yaml"}, 0},
		{"explain-tree-bad-kreuznach-en", "en", []string{"explain", "--rule", "leitungsfreistellung", "--subject", "fz-meisenheim/lfz-1", "--period", "2024", "../../testdata/bad-kreuznach"}, 0},
		{"explain-tree-any-en", "en", []string{"explain", "--rule", "gemeinsamer-raum", "--subject", "fz-kirn", "--period", "2024", "../../testdata/bad-kreuznach"}, 0},
		{"lint-fixture-en", "en", []string{"lint", "--costs", "3", fixtureRules}, 0},
		{"lint-broken-en", "en", []string{"lint", "testdata/lint-broken.yaml"}, 1},
		{"validate-small-en", "en", []string{"validate", "-on", "2024-12-31", "testdata/validate-small.yaml"}, 1},
		{"validate-default-day-en", "", []string{"validate", "--lang", "en", "../../testdata/thueringen"}, 0},
		{"diff-leitungsfreistellung-en", "en", []string{"diff", "--set", "leitungsfreistellung=3@2025-01-01", "--period", "2025", bkData}, 0},
		{"diff-identical-en", "", []string{"diff", "--lang", "en", "--period", "2025", bkData}, 0},
		{"lang-bad", "", []string{"lint", "--lang", "fr", fixtureRules}, 2},
		{"lang-bad-env", "fr", []string{"help"}, 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(langEnv, tt.env)
			got, code := transcript(tt.args...)
			if tt.env != "" {
				got = langEnv + "=" + tt.env + " " + got
			}
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			golden(t, filepath.Join("testdata", tt.name+".golden"), got)
		})
	}
}
