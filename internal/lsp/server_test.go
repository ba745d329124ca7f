package lsp

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/jsonrpc"
	"github.com/kiez-go/kiez/internal/lsp/lsptest"
)

func TestPositions(t *testing.T) {
	// „ü“ are one UTF-16 unit each but two or three bytes; 😀 is two
	// units and one character.
	text := "a: 1\nb: „ü“ 😀 x\r\nc"
	starts := lineStarts(text)
	for _, tc := range []struct {
		pos  diag.Pos
		want Position
	}{
		{diag.Pos{Line: 1, Column: 1}, Position{0, 0}},
		{diag.Pos{Line: 2, Column: 4}, Position{1, 3}},   // „
		{diag.Pos{Line: 2, Column: 7}, Position{1, 6}},   // the space after “
		{diag.Pos{Line: 2, Column: 8}, Position{1, 7}},   // 😀
		{diag.Pos{Line: 2, Column: 10}, Position{1, 10}}, // x, after the surrogate pair
		{diag.Pos{Line: 2, Column: 99}, Position{1, 11}}, // beyond the end: the end, without \r
		{diag.Pos{Line: 3, Column: 1}, Position{2, 0}},
		{diag.Pos{}, Position{0, 0}},
		{diag.Pos{Line: 9, Column: 1}, Position{8, 0}},
	} {
		if got := toProtocol(text, starts, tc.pos); got != tc.want {
			t.Errorf("toProtocol(%+v) = %+v, want %+v", tc.pos, got, tc.want)
		}
	}
	for _, tc := range []struct {
		pos  Position
		want string // the text from the offset on
	}{
		{Position{1, 3}, "„ü“ 😀 x\r\nc"},
		{Position{1, 7}, "😀 x\r\nc"},
		{Position{1, 10}, "x\r\nc"},
		{Position{1, 50}, "\r\nc"},
		{Position{7, 0}, ""},
		{Position{-1, 0}, text},
	} {
		if got := text[offset(text, starts, tc.pos):]; got != tc.want {
			t.Errorf("offset(%+v) leaves %q, want %q", tc.pos, got, tc.want)
		}
	}
}

const ruleFile = `programme: beispiel
name: Beispiel
requirements:
  - {id: BS-01, text: Die Leitung ist freigestellt., source: {doc: r, section: "§ 1"}}
params:
  stunden:
    title: Freistellung
    type: decimal
    unit: h/Woche
    history:
      - {from: 2022-01-01, value: 2}
      - {from: 2024-01-01, value: 3, note: "Beschluss „Jugendhilfeausschuss“"}
rules:
  - id: leitung
    title: Freistellung der Leitung
    requirements: [BS-01]
    let:
      leitungen: staffOf(centre, "leitung-familienzentrum", period)
    needs: leitungen
    assert: all(leitungen, .releaseHoursPerWeek >= params.stunden)
    message: "Stunden: {{ params.stunden }}"
`

type session struct {
	*lsptest.Client
	stderr *bytes.Buffer
}

func start(t *testing.T) session {
	var stderr bytes.Buffer
	c := lsptest.Start(t, func(in io.Reader, out io.Writer) int {
		err := Serve(in, out, &stderr)
		switch {
		case err == nil:
			return 0
		case errors.Is(err, ErrExitWithoutShutdown):
			return 1
		}
		fmt.Fprintf(&stderr, "Serve: %v\n", err)
		return 1
	})
	return session{c, &stderr}
}

func (s session) open(t *testing.T, uri, text string) PublishDiagnosticsParams {
	t.Helper()
	s.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "yaml", "version": 1, "text": text}})
	var pd PublishDiagnosticsParams
	s.Notification("textDocument/publishDiagnostics", &pd)
	return pd
}

func posParams(uri string, p Position) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": p}
}

// after returns the position just after the first occurrence of marker.
func after(t *testing.T, text, marker string) Position {
	t.Helper()
	i := strings.Index(text, marker)
	if i < 0 {
		t.Fatalf("%q not in the text", marker)
	}
	i += len(marker)
	starts := lineStarts(text)
	line := strings.Count(text[:i], "\n")
	return Position{line, utf16Len(text[starts[line]:i])}
}

func initialized(t *testing.T) session {
	s := start(t)
	s.Result("initialize", map[string]any{"capabilities": map[string]any{}}, nil)
	s.Notify("initialized", map[string]any{})
	return s
}

func labels(l CompletionList) []string {
	var out []string
	for _, it := range l.Items {
		out = append(out, it.Label)
	}
	return out
}

func TestFeatures(t *testing.T) {
	s := initialized(t)
	const uri = "file:///w/beispiel.yaml"
	if pd := s.open(t, uri, ruleFile); len(pd.Diagnostics) != 0 {
		t.Fatalf("diagnostics of a good file: %+v", pd.Diagnostics)
	}
	complete := func(text, marker string) []string {
		t.Helper()
		s.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
			"contentChanges": []map[string]any{{"text": text}}})
		var list CompletionList
		s.Result("textDocument/completion", posParams(uri, after(t, text, marker)), &list)
		return labels(list)
	}
	contains := func(what string, got []string, want ...string) {
		t.Helper()
		for _, w := range want {
			if !slices.Contains(got, w) {
				t.Errorf("%s: %q missing from %v", what, w, got)
			}
		}
	}
	// params. lists the file's params.
	got := complete(strings.Replace(ruleFile, ">= params.stunden)", ">= params.)", 1), ">= params.")
	if diff := cmp.Diff([]string{"stunden"}, got); diff != "" {
		t.Errorf("after params. (-want +got):\n%s", diff)
	}
	// The elements of the list in a closure: a let of known type.
	got = complete(strings.Replace(ruleFile, "all(leitungen, .releaseHoursPerWeek", "all(leitungen, .", 1), "all(leitungen, .")
	contains("inside all(leitungen, .", got, "releaseHoursPerWeek", "hoursPerWeek", "role")
	// A chain and a call.
	got = complete(strings.Replace(ruleFile, "needs: leitungen", "needs: centre.location.", 1), "centre.location.")
	contains("after centre.location.", got, "verbandsgemeinde")
	got = complete(strings.Replace(ruleFile, "needs: leitungen", `needs: staffOf(centre, "", period)[0].`, 1), "[0].")
	contains(`after staffOf(…)[0].`, got, "hoursPerWeek")
	// A name: variables, the rule's lets, functions, builtins.
	got = complete(strings.Replace(ruleFile, "needs: leitungen", "needs: lei", 1), "needs: lei")
	contains("a name", got, "leitungen", "centre", "params", "period", "staffOf", "filter")
	// Nothing outside the rules, nothing after an unknown field.
	if got := complete(ruleFile, "name: Bei"); len(got) != 0 {
		t.Errorf("completion outside the rules: %v", got)
	}
	if got := complete(strings.Replace(ruleFile, "needs: leitungen", "needs: centre.nix.", 1), "centre.nix."); len(got) != 0 {
		t.Errorf("completion after an unknown field: %v", got)
	}
	// The values of a field's vocabulary in a comparison.
	got = complete(strings.Replace(ruleFile, "needs: leitungen", `needs: centre.kind == "fa`, 1), `== "fa`)
	contains("in centre.kind == \"", got, "family-centre", "district-network")
	got = complete(strings.Replace(ruleFile, "needs: leitungen", `needs: any(centre.rooms, .owner != '`, 1), `!= '`)
	if len(got) == 0 {
		t.Error("no values after .owner != '")
	}
	if got := complete(strings.Replace(ruleFile, "needs: leitungen", `needs: centre.id == "`, 1), `id == "`); len(got) != 0 {
		t.Errorf("values for a free text: %v", got)
	}
	// While the YAML is broken, the last readable text serves.
	got = complete(strings.Replace(ruleFile, "needs: leitungen", "needs: [centre.", 1), "needs: [centre.")
	contains("while the YAML is broken", got, "staff")

	s.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 3},
		"contentChanges": []map[string]any{{"text": ruleFile}}})
	hover := func(marker string) string {
		t.Helper()
		var h *Hover
		s.Result("textDocument/hover", posParams(uri, after(t, ruleFile, marker)), &h)
		if h == nil {
			return ""
		}
		return h.Contents.Value
	}
	for marker, want := range map[string][]string{
		"assert: all(leitungen, .releaseHoursPerWeek >= params.stu": {"params.stunden", "01.01.2022", "| 2 |", "| 3 |", "„Jugendhilfeausschuss“", "h/Woche"},
		"\n  stu":                   {"params.stunden", "01.01.2024"},
		"let:\n      leitungen: st": {"staffOf", "staffOf(Zentrum, Text, Zeitraum)"},
		"needs: leit":               {"let leitungen", "staffOf(centre"},
		"requirements: [BS-0":       {"BS-01", "Die Leitung ist freigestellt.", "r § 1"},
		"assert: al":                {"all", "Builtin"},
		"all(leitungen, .releaseH":  {"releaseHoursPerWeek"},
		"(centre, \"leitung-familienzentrum\", peri": {"period", "Zeitraum"},
	} {
		got := hover(marker)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("hover at %q lacks %q:\n%s", marker, w, got)
			}
		}
	}
	if got := hover("title: Freistell"); got != "" {
		t.Errorf("hover on prose: %q", got)
	}

	definition := func(marker string) *Location {
		t.Helper()
		var l *Location
		s.Result("textDocument/definition", posParams(uri, after(t, ruleFile, marker)), &l)
		return l
	}
	// Each declaration: the text before it, and its name.
	for marker, decl := range map[string][2]string{
		">= params.stu":       {"\n  ", "stunden:"},
		"needs: leit":         {"let:\n      ", "leitungen:"},
		"requirements: [BS-0": {"{id: ", "BS-01"},
	} {
		want := after(t, ruleFile, decl[0]+decl[1])
		want.Character -= len(decl[1])
		l := definition(marker)
		if l == nil || l.URI != uri || l.Range.Start != want {
			t.Errorf("definition at %q: %+v, want %+v", marker, l, want)
		}
	}
	if l := definition("title: Frei"); l != nil {
		t.Errorf("definition of prose: %+v", l)
	}
	s.Call("shutdown", nil)
	s.Notify("exit", nil)
	if code := s.Exit(); code != 0 {
		t.Errorf("exit code %d; stderr:\n%s", code, s.stderr)
	}
}

func TestTestFileDiagnostics(t *testing.T) {
	s := initialized(t)
	pd := s.open(t, "file:///w/beispiel_test.yaml", "programme: beispiel\nperiod: 2024-Q5\ncasez: []\n")
	var msgs []string
	for _, d := range pd.Diagnostics {
		msgs = append(msgs, fmt.Sprintf("%d:%d %s", d.Range.Start.Line, d.Range.Start.Character, strings.SplitN(d.Message, "\n", 2)[0]))
	}
	want := []string{`1:8 period "2024-Q5": write a year (2024), a half-year (2024-H1), a quarter (2024-Q3), a month (2024-03) or from..until (2024-01-01..2024-06-30)`,
		`2:0 unknown field "casez" in a test; did you mean "cases"?`}
	if diff := cmp.Diff(want, msgs); diff != "" {
		t.Errorf("diagnostics of a test file (-want +got):\n%s", diff)
	}
	var list CompletionList
	s.Result("textDocument/completion", posParams("file:///w/beispiel_test.yaml", Position{0, 3}), &list)
	if len(list.Items) != 0 {
		t.Errorf("completion in a test file: %v", labels(list))
	}
}

func TestLifecycle(t *testing.T) {
	s := start(t)
	if m := s.Call("textDocument/hover", posParams("file:///x.yaml", Position{})); m.Error == nil || m.Error.Code != jsonrpc.CodeServerNotInitialized {
		t.Errorf("a request before initialize: %+v", m)
	}
	s.Result("initialize", nil, nil)
	if m := s.Call("textDocument/hover", posParams("file:///nicht-offen.yaml", Position{})); m.Error == nil || m.Error.Code != jsonrpc.CodeInvalidParams {
		t.Errorf("hover in a document that is not open: %+v", m)
	}
	if m := s.Call("workspace/symbol", map[string]any{}); m.Error == nil || m.Error.Code != jsonrpc.CodeMethodNotFound {
		t.Errorf("an unknown method: %+v", m)
	}
	s.Call("shutdown", nil)
	if m := s.Call("textDocument/hover", posParams("file:///x.yaml", Position{})); m.Error == nil || m.Error.Code != jsonrpc.CodeInvalidRequest {
		t.Errorf("a request after shutdown: %+v", m)
	}
	s.Notify("exit", nil)
	if code := s.Exit(); code != 0 {
		t.Errorf("exit after shutdown: code %d", code)
	}

	s = start(t)
	s.Result("initialize", nil, nil)
	s.Notify("exit", nil)
	if code := s.Exit(); code != 1 {
		t.Errorf("exit without shutdown: code %d, want 1", code)
	}
}

// TestNeverPanics feeds the server broken framing, broken JSON, requests
// with params of the wrong shape, and rule files cut and shuffled at
// random, and asks for completion, hover and definition everywhere: the
// server answers or logs, never panics, and ends when its input ends.
func TestNeverPanics(t *testing.T) {
	// Broken framing ends the session with an error, not a panic.
	for _, raw := range []string{
		"Content-Length: x\r\n\r\n{}",
		"Content-Length: 99999999999\r\n\r\n",
		"no header at all\r\n\r\n",
		"Content-Type: text\r\n\r\n{}",
		"Content-Length: 10\r\n\r\n{}",
		strings.Repeat("x", 5000),
	} {
		s := start(t)
		go func() { _ = s.Raw([]byte(raw)); s.Close() }()
		if code := s.Exit(); code != 1 {
			t.Errorf("%q: code %d", raw, code)
		}
		if strings.Contains(s.stderr.String(), "panic") {
			t.Errorf("%q: %s", raw, s.stderr)
		}
	}

	s := initialized(t)
	frame := func(body string) {
		if err := s.Raw([]byte(fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body))); err != nil {
			t.Fatal(err)
		}
	}
	for _, body := range []string{`{`, `[]`, `null`, `"x"`, `{"jsonrpc":"2.0","id":1}`, `{"jsonrpc":"2.0","id":{"a":1},"method":"x"}`,
		`{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":[1,2]}`,
		`{"jsonrpc":"2.0","id":3,"method":"textDocument/completion"}`,
		`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":5}}`,
		`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"file:///nie"},"contentChanges":[{"text":"x"}]}}`,
		`{"jsonrpc":"2.0","id":4,"method":"textDocument/definition","params":{"textDocument":{"uri":"file:///nie"},"position":{"line":-5,"character":-1}}}`,
	} {
		frame(body)
	}
	// Rule files broken at random: cut, lines swapped, brackets and
	// quotes and multi-byte characters thrown in; every position asked.
	data, err := os.ReadFile("../../rules/programmes/bad-kreuznach-familienzentren.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(16, 1))
	texts := []string{"", ":", "- [", "rules:\n  - {", ruleFile[:len(ruleFile)/2], string(data[:len(data)/3])}
	junk := []string{"(", ")", "[", "]", "{{", "}}", ".", "\"", "'", "#", "„ü“", "😀", "\n", ": ", "params.", "centre.", ", ."}
	for range 30 {
		lines := strings.Split(ruleFile, "\n")
		i, j := rng.IntN(len(lines)), rng.IntN(len(lines))
		lines[i], lines[j] = lines[j], lines[i]
		txt := strings.Join(lines, "\n")
		k := rng.IntN(len(txt) + 1)
		txt = txt[:k] + junk[rng.IntN(len(junk))] + txt[k:]
		texts = append(texts, txt)
	}
	const uri = "file:///w/kaputt.yaml"
	s.open(t, uri, ruleFile)
	for v, txt := range texts {
		s.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": v + 2},
			"contentChanges": []map[string]any{{"text": txt}}})
		starts := lineStarts(txt)
		for n := range 12 {
			line := rng.IntN(len(starts) + 1)
			p := Position{line, rng.IntN(40)}
			if n == 0 {
				p = Position{len(starts) - 1, 1000}
			}
			for _, m := range []string{"textDocument/completion", "textDocument/hover", "textDocument/definition"} {
				if r := s.Call(m, posParams(uri, p)); r.Error != nil {
					t.Errorf("%s at %+v in %q: %v", m, p, txt, r.Error)
				}
			}
		}
	}
	// A ranged change that reaches past the text.
	s.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 99},
		"contentChanges": []map[string]any{{"range": Range{Start: Position{50, 3}, End: Position{1, 0}}, "text": "x"}}})
	s.Call("shutdown", nil)
	s.Notify("exit", nil)
	if code := s.Exit(); code != 0 {
		t.Errorf("exit code %d", code)
	}
	if strings.Contains(s.stderr.String(), "internal error") {
		t.Errorf("the server recovered from a panic:\n%s", s.stderr)
	}
}

// TestKinds: data files opened in the editor get no diagnostics of rule
// files; a rule file shows its syntax errors, also one opened broken.
func TestKinds(t *testing.T) {
	s := initialized(t)
	if pd := s.open(t, "file:///w/daten.yaml", "centres:\n  - id: fz-a\n    nix: 1\n"); len(pd.Diagnostics) != 0 {
		t.Errorf("a data file has diagnostics: %+v", pd.Diagnostics)
	}
	if pd := s.open(t, "file:///w/neu.yaml", "programme: neu\nrules: [\n"); len(pd.Diagnostics) != 1 || pd.Diagnostics[0].Severity != severityError {
		t.Errorf("a rule file opened broken: %+v", pd.Diagnostics)
	}
	const uri = "file:///w/regeln.yaml"
	s.open(t, uri, ruleFile)
	s.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": ruleFile + "  - [\n"}}})
	var pd PublishDiagnosticsParams
	s.Notification("textDocument/publishDiagnostics", &pd)
	if len(pd.Diagnostics) != 1 {
		t.Errorf("a rule file made broken: %+v", pd.Diagnostics)
	}
	s.Notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": uri}})
	s.Notification("textDocument/publishDiagnostics", &pd)
	if pd.URI != uri || len(pd.Diagnostics) != 0 {
		t.Errorf("closing does not clear the diagnostics: %+v", pd)
	}
}

// TestLintWarnings shows that the editor gets kiez lint's warnings too,
// not only the loader's errors: an unused let.
func TestLintWarnings(t *testing.T) {
	s := initialized(t)
	text := `programme: beispiel
name: Beispiel
authority: Jugendamt Beispiel
land: DE-HE
requirements:
  - {id: BS-01, text: Es gibt Angebote.}
rules:
  - id: r1
    title: Eine Regel
    requirements: [BS-01]
    let:
      ungenutzt: len(centre.staff)
    assert: len(centre.offers) > 0
    message: Angebote
`
	pd := s.open(t, "file:///w/beispiel.yaml", text)
	var msgs []string
	for _, d := range pd.Diagnostics {
		msgs = append(msgs, strings.SplitN(d.Message, "\n", 2)[0])
	}
	if !slices.ContainsFunc(msgs, func(m string) bool { return strings.Contains(m, "ungenutzt") }) {
		t.Errorf("no warning about the unused let ungenutzt: %q", msgs)
	}
}
