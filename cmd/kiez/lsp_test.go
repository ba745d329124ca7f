package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/google/go-cmp/cmp"

	"github.com/kiez-go/kiez/internal/lsp"
	"github.com/kiez-go/kiez/internal/lsp/lsptest"
)

// lintLine is a diagnostic line of kiez lint: file:line:col: severity: summary.
var lintLine = regexp.MustCompile(`^(.+):(\d+):(\d+): (error|warning|info): (.*)$`)

// lintDiagnostics runs kiez lint on a file and returns its diagnostic
// lines without the file name: "line:col: severity: summary".
func lintDiagnostics(t *testing.T, file string) []string {
	t.Helper()
	var out, errOut bytes.Buffer
	runLint([]string{"--coverage=false", "--costs=0", file}, &out, &errOut)
	var lines []string
	for _, l := range strings.Split(out.String(), "\n") {
		if m := lintLine.FindStringSubmatch(l); m != nil && m[1] == file {
			lines = append(lines, m[2]+":"+m[3]+": "+m[4]+": "+m[5])
		}
	}
	return lines
}

// lspDiagnostics renders published diagnostics as lintDiagnostics does:
// the protocol's 0-based line and UTF-16 character turned back into
// kiez lint's 1-based line and column in characters of the text.
func lspDiagnostics(t *testing.T, text string, p lsp.PublishDiagnosticsParams) []string {
	t.Helper()
	lines := strings.Split(text, "\n")
	sev := map[int]string{1: "error", 2: "warning", 3: "info"}
	var out []string
	for _, d := range p.Diagnostics {
		line := lines[d.Range.Start.Line]
		units := utf16.Encode([]rune(line))
		if d.Range.Start.Character > len(units) {
			t.Fatalf("character %d beyond line %d", d.Range.Start.Character, d.Range.Start.Line)
		}
		col := len(utf16.Decode(units[:d.Range.Start.Character])) + 1
		summary, _, _ := strings.Cut(d.Message, "\n")
		out = append(out, strconv.Itoa(d.Range.Start.Line+1)+":"+strconv.Itoa(col)+": "+sev[d.Severity]+": "+summary)
	}
	return out
}

func textDocument(uri, text string, version int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "yaml", "version": version, "text": text}}
}

func at(uri string, line, character int) map[string]any {
	return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": map[string]any{"line": line, "character": character}}
}

// positionOf returns the protocol position just after the first
// occurrence of marker in text.
func positionOf(t *testing.T, text, marker string) (line, character int) {
	t.Helper()
	i := strings.Index(text, marker)
	if i < 0 {
		t.Fatalf("%q not in the text", marker)
	}
	i += len(marker)
	line = strings.Count(text[:i], "\n")
	start := strings.LastIndex(text[:i], "\n") + 1
	return line, len(utf16.Encode([]rune(text[start:i])))
}

// TestLspBadKreuznach is issue 16's scripted client: it opens the shipped
// Bad Kreuznach rule file, makes a typo inside an expression and gets
// the diagnostic kiez lint gives for the same text, at the same place
// (on a line with umlauts before it); completion after "centre." lists
// the centre's fields; hover on a param shows its history; shutdown and
// exit end the server with code 0.
func TestLspBadKreuznach(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	const file = "rules/programmes/bad-kreuznach-familienzentren.yaml"
	data, err := os.ReadFile(filepath.Join(root, file))
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	var stderr bytes.Buffer
	c := lsptest.Start(t, func(in io.Reader, out io.Writer) int { return serveLsp(nil, in, out, &stderr) })
	var init struct {
		Capabilities map[string]any `json:"capabilities"`
	}
	c.Result("initialize", map[string]any{"processId": nil, "rootUri": "file://" + filepath.ToSlash(root), "capabilities": map[string]any{}}, &init)
	for _, cap := range []string{"textDocumentSync", "completionProvider", "hoverProvider", "definitionProvider"} {
		if init.Capabilities[cap] == nil {
			t.Errorf("initialize does not announce %s: %v", cap, init.Capabilities)
		}
	}
	c.Notify("initialized", map[string]any{})
	uri := "file://" + filepath.ToSlash(filepath.Join(root, file))

	c.Notify("textDocument/didOpen", textDocument(uri, text, 1))
	var pd lsp.PublishDiagnosticsParams
	c.Notification("textDocument/publishDiagnostics", &pd)
	if pd.URI != uri || len(pd.Diagnostics) != 0 {
		t.Errorf("the shipped file has diagnostics: %+v", pd)
	}

	// A typo inside an expression of a message, after umlauts on the same line.
	const good = "Träger des Familienzentrums ist {{ centre.provider }}"
	const typo = "Träger des Familienzentrums ist {{ centre.provdier }}"
	broken := strings.Replace(text, good, typo, 1)
	if broken == text {
		t.Fatalf("%q not in %s", good, file)
	}
	brokenFile := filepath.Join(t.TempDir(), "bad-kreuznach-familienzentren.yaml")
	if err := os.WriteFile(brokenFile, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	want := lintDiagnostics(t, brokenFile)
	if len(want) == 0 {
		t.Fatal("kiez lint finds nothing in the broken file")
	}
	c.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 2},
		"contentChanges": []map[string]any{{"text": broken}}})
	c.Notification("textDocument/publishDiagnostics", &pd)
	got := lspDiagnostics(t, broken, pd)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("kiez lsp's diagnostics differ from kiez lint's (-lint +lsp):\n%s", diff)
	}
	if !strings.Contains(got[0], "provdier") || !strings.Contains(got[0], `"provider"`) {
		t.Errorf("the diagnostic does not name the typo and the field: %s", got[0])
	}
	line, _ := positionOf(t, broken, "centre.provdier")
	if pd.Diagnostics[0].Range.Start.Line != line {
		t.Errorf("diagnostic on line %d, the typo is on line %d", pd.Diagnostics[0].Range.Start.Line, line)
	}
	if pd.Version == nil || *pd.Version != 2 {
		t.Errorf("diagnostics of version %v, want 2", pd.Version)
	}

	// Completion after "centre." in an expression being written.
	editing := strings.Replace(text, "needs: centre.rooms", "needs: centre.", 1)
	c.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 3},
		"contentChanges": []map[string]any{{"text": editing}}})
	l, ch := positionOf(t, editing, "needs: centre.")
	var list lsp.CompletionList
	c.Result("textDocument/completion", at(uri, l, ch), &list)
	var labels []string
	for _, it := range list.Items {
		labels = append(labels, it.Label)
	}
	for _, f := range []string{"id", "kind", "provider", "rooms", "staff", "location", "offers"} {
		if !slices.Contains(labels, f) {
			t.Errorf("completion after centre. lacks %q: %v", f, labels)
		}
	}
	if slices.Contains(labels, "staffOf") {
		t.Errorf("completion after centre. offers functions: %v", labels)
	}

	// Hover on a param: its history.
	c.Notify("textDocument/didChange", map[string]any{"textDocument": map[string]any{"uri": uri, "version": 4},
		"contentChanges": []map[string]any{{"text": text}}})
	l, ch = positionOf(t, text, "vorgesehen: params.leitungs")
	var hover lsp.Hover
	c.Result("textDocument/hover", at(uri, l, ch), &hover)
	for _, w := range []string{"params.leitungsfreistellung", "01.01.2023", "| 2 |", "Stand 2023", "h/Woche"} {
		if !strings.Contains(hover.Contents.Value, w) {
			t.Errorf("hover on the param lacks %q:\n%s", w, hover.Contents.Value)
		}
	}

	// Go to the param's declaration.
	var loc lsp.Location
	c.Result("textDocument/definition", at(uri, l, ch), &loc)
	declLine, _ := positionOf(t, text, "\n  leitungsfreistellung:")
	if loc.URI != uri || loc.Range.Start.Line != declLine || loc.Range.Start.Character != 2 {
		t.Errorf("definition of the param: %+v, want line %d character 2", loc, declLine)
	}

	if m := c.Call("shutdown", nil); m.Error != nil || string(m.Result) != "null" {
		t.Errorf("shutdown: %+v", m)
	}
	c.Notify("exit", nil)
	if code := c.Exit(); code != exitOK {
		t.Errorf("exit code %d after shutdown and exit, want 0; stderr:\n%s", code, stderr.String())
	}
}

func TestLspUsage(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := serveLsp([]string{"x.yaml"}, strings.NewReader(""), &out, &errOut); code != exitUsage {
		t.Errorf("kiez lsp x.yaml: exit code %d, want %d", code, exitUsage)
	}
	out.Reset()
	errOut.Reset()
	if code := serveLsp(nil, strings.NewReader(""), &out, &errOut); code != exitProblems || !strings.Contains(errOut.String(), "ended before exit") {
		t.Errorf("kiez lsp with empty input: exit code %d, stderr %q", code, errOut.String())
	}
}
