package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// The guide for programme designers and its worked example, relative to
// the module root.
const (
	guideFile    = "docs/programmgestaltung.md"
	exampleRules = "docs/beispiel/beispielhausen-familienzentren.yaml"
	exampleData  = "docs/beispiel/daten.yaml"
	exampleDir   = "docs/beispiel"
)

// consoleBlock is a fenced block of the guide that shows a command and
// its output:
//
//	```console
//	$ go run ./cmd/kiez ARGS
//	OUTPUT
//	```
type consoleBlock struct {
	args   []string
	output string
	// start and end are the byte offsets of the output in the guide.
	start, end int
}

const commandPrefix = "$ go run ./cmd/kiez "

func consoleBlocks(t *testing.T, guide string) []consoleBlock {
	t.Helper()
	var blocks []consoleBlock
	const open, fence = "```console\n", "```\n"
	for at := 0; ; {
		i := strings.Index(guide[at:], open)
		if i < 0 {
			return blocks
		}
		cmdStart := at + i + len(open)
		nl := strings.IndexByte(guide[cmdStart:], '\n')
		if nl < 0 {
			t.Fatalf("%s: console block without a newline after the command", guideFile)
		}
		line := guide[cmdStart : cmdStart+nl]
		outStart := cmdStart + nl + 1
		j := strings.Index(guide[outStart:], fence)
		if j < 0 {
			t.Fatalf("%s: console block %q is not closed", guideFile, line)
		}
		end := outStart + j
		if !strings.HasPrefix(line, commandPrefix) {
			t.Fatalf("%s: console block starts with %q, want %q", guideFile, line, commandPrefix+"…")
		}
		blocks = append(blocks, consoleBlock{args: strings.Fields(strings.TrimPrefix(line, commandPrefix)),
			output: guide[outStart:end], start: outStart, end: end})
		at = end + len(fence)
	}
}

// terminal runs the tool as "go run" would show it: stdout, stderr, and
// "exit status N" for a non-zero exit code.
func terminal(args []string) string {
	var stdout, stderr bytes.Buffer
	code := run(args, &stdout, &stderr)
	out := stdout.String() + stderr.String()
	if code != 0 {
		out += fmt.Sprintf("exit status %d\n", code)
	}
	return out
}

// TestGuide runs every command shown in the guide from the module root
// and compares its output with the text pasted below it, durations aside.
// With -update it pastes the current output into the guide.
func TestGuide(t *testing.T) {
	t.Chdir("../..")
	data, err := os.ReadFile(guideFile)
	if err != nil {
		t.Fatal(err)
	}
	guide := string(data)
	blocks := consoleBlocks(t, guide)
	if len(blocks) < 4 {
		t.Fatalf("%s shows %d commands; want at least lint, test, check and explain of the example", guideFile, len(blocks))
	}
	var b strings.Builder
	last := 0
	for _, blk := range blocks {
		got := terminal(blk.args)
		b.WriteString(guide[last:blk.start])
		last = blk.end
		diff := cmp.Diff(stripDurations(blk.output), stripDurations(got))
		if diff == "" {
			got = blk.output // keep the durations pasted before
		}
		b.WriteString(got)
		if diff != "" && !*update {
			t.Errorf("kiez %s: the output in %s differs (-guide +got):\n%s\nRun go test ./cmd/kiez -run TestGuide -update to paste the new output.",
				strings.Join(blk.args, " "), guideFile, diff)
		}
	}
	b.WriteString(guide[last:])
	if *update && b.String() != guide {
		if err := os.WriteFile(guideFile, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestExampleProgramme keeps the worked example of the guide honest: the
// fourth programme is a rule file alone, it compiles without a warning and
// covers its whole catalogue, its rule tests pass with a passing and a
// failing case for every rule, and the check of its data shows the
// documented shortfall of Familienzentrum Lindenhof.
func TestExampleProgramme(t *testing.T) {
	t.Chdir("../..")

	src, err := os.ReadFile(exampleRules)
	if err != nil {
		t.Fatal(err)
	}
	prog, diags := rules.Load(exampleRules, src)
	if len(diags) > 0 {
		t.Fatalf("the example rule file has diagnostics:\n%v", diags)
	}
	if cov := prog.Coverage(); !cov.Complete() || len(cov.Manual) != 1 {
		t.Errorf("coverage = %+v, want every requirement covered and one manual", cov)
	}

	if out := terminal([]string{"lint", exampleRules}); !strings.Contains(out, "5 von 5 abgedeckt") || !strings.HasSuffix(out, "0 errors, 0 warnings\n") {
		t.Errorf("kiez lint of the example:\n%s", out)
	}
	if out := terminal([]string{"test", "--fail-untested", exampleDir}); !strings.HasSuffix(out, " bestanden, 0 fehlgeschlagen, 0 mit Fehler\n") || strings.Contains(out, "Ungetestete") {
		t.Errorf("kiez test of the example:\n%s", out)
	}

	var stdout, stderr bytes.Buffer
	code := run([]string{"check", "--rules", exampleRules, "--period", "2024", "--format", "json", exampleData}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("kiez check exit %d:\n%s", code, stderr.String())
	}
	results := checkResults(t, stdout.Bytes())
	got := map[string]string{}
	for _, r := range results {
		got[r.Rule+" "+r.Subject] = r.Outcome.String()
	}
	want := map[string]string{
		"elterncafe-woechentlich fz-am-markt":        "pass",
		"netzwerktreffen-halbjaehrlich fz-am-markt":  "pass",
		"leitung-freistellung fz-am-markt":           "pass",
		"jahresbericht-fristgerecht fz-am-markt":     "pass",
		"elterncafe-woechentlich fz-lindenhof":       "pass",
		"netzwerktreffen-halbjaehrlich fz-lindenhof": "fail",
		"leitung-freistellung fz-lindenhof":          "fail",
		"jahresbericht-fristgerecht fz-lindenhof":    "pass",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("outcomes of the example (-want +got):\n%s", diff)
	}
	if code := run([]string{"check", "--strict", "--rules", exampleRules, "--period", "2024", exampleData}, &bytes.Buffer{}, &bytes.Buffer{}); code != 1 {
		t.Errorf("kiez check --strict of the example: exit %d, want 1 for the shortfall", code)
	}
}

// TestExampleConformsToSchemas checks the example's files against the
// JSON Schemas that editors use to complete them (their first line names
// the schema for the YAML language server).
func TestExampleConformsToSchemas(t *testing.T) {
	t.Chdir("../..")
	for _, f := range []struct {
		file   string
		schema []byte
		valid  bool
	}{
		{exampleRules, rules.Schema(), true},
		{exampleData, kiez.Schema(), true},
		// The draft of section 7 misspells severity, which an editor marks.
		{"docs/beispiel/fehler/beispielhausen-entwurf.yaml", rules.Schema(), false},
	} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(f.schema))
		if err != nil {
			t.Fatal(err)
		}
		c := jsonschema.NewCompiler()
		if err := c.AddResource("schema.json", doc); err != nil {
			t.Fatal(err)
		}
		sch, err := c.Compile("schema.json")
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(f.file)
		if err != nil {
			t.Fatal(err)
		}
		node, err := source.ParseYAML(data)
		if err != nil {
			t.Fatalf("%s: %v", f.file, err)
		}
		err = sch.Validate(node.JSONValue())
		if f.valid && err != nil {
			t.Errorf("%s does not conform to its schema: %v", f.file, err)
		}
		if !f.valid && err == nil {
			t.Errorf("%s: the schema accepts the draft's unknown key severty", f.file)
		}
	}
}
