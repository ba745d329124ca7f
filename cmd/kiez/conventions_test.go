package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kiez-go/kiez/internal/envelope"
)

// withStdin runs f with the standard input reading the file.
func withStdin(t *testing.T, file string, f func()) {
	t.Helper()
	in, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	saved := os.Stdin
	os.Stdin = in
	defer func() { os.Stdin = saved }()
	f()
}

// TestVersion prints the module, Go and rule-set versions; the Go
// version is replaced in the golden file, as it changes with the
// toolchain.
func TestVersion(t *testing.T) {
	for _, tt := range []struct{ name, format string }{{"version", "text"}, {"version-json", "json"}} {
		t.Run(tt.name, func(t *testing.T) {
			got, code := transcript("version", "--format", tt.format)
			if code != exitOK {
				t.Errorf("exit code %d, want 0", code)
			}
			got = strings.ReplaceAll(got, runtime.Version(), "goVERSION")
			golden(t, filepath.Join("testdata", tt.name+".golden"), got)
			if tt.format == "json" {
				conforms(t, "version.schema.json", stdoutOfGolden(t, filepath.Join("testdata", tt.name+".golden")))
			}
		})
	}
}

// TestStdinData reads data from the standard input with "-", alone and
// beside files, for validate, check and report.
func TestStdinData(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"validate-stdin", fixtureCentre, []string{"validate", "-on", "2024-12-31", fixtureProg, "-"}, 0},
		{"validate-stdin-json", "testdata/stdin-centre.json", []string{"validate", "-on", "2024-12-31", fixtureProg, "-"}, 1},
		{"validate-stdin-twice", fixtureCentre, []string{"validate", "-on", "2024-12-31", fixtureProg, "-", "-"}, 1},
		{"check-stdin", fixtureCentre, []string{"check", "--rules", fixtureRules, "--period", "2024", "--only", "problems", fixtureProg, "-"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got string
			var code int
			withStdin(t, tt.stdin, func() { got, code = transcript(tt.args...) })
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			golden(t, filepath.Join("testdata", tt.name+".golden"), got)
		})
	}
	// The report from the standard input is the report from the file.
	report := func(data string) (json.RawMessage, []envelope.InputFile) {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run([]string{"report", "--rules", fixtureRules, "--period", "2024", "--format", "json", fixtureProg, data}, &stdout, &stderr); code != exitOK {
			t.Fatalf("kiez report exit %d:\n%s", code, stderr.String())
		}
		var env envelope.ReportEnvelope
		if err := json.Unmarshal(stdout.Bytes(), &env); err != nil {
			t.Fatal(err)
		}
		return env.Report, env.Inputs.Files
	}
	fromFile, filesFromFile := report(fixtureCentre)
	var fromStdin json.RawMessage
	var filesFromStdin []envelope.InputFile
	withStdin(t, fixtureCentre, func() { fromStdin, filesFromStdin = report("-") })
	if diff := cmp.Diff(string(fromFile), string(fromStdin)); diff != "" {
		t.Errorf("report from the standard input differs from the report from the file (-file +stdin):\n%s", diff)
	}
	// The standard input is an input like the file, under its own name.
	for i := range filesFromStdin {
		if filesFromStdin[i].Name == stdinName {
			filesFromStdin[i].Name = fixtureCentre
		}
	}
	for _, l := range [][]envelope.InputFile{filesFromFile, filesFromStdin} {
		sort.Slice(l, func(i, j int) bool { return l[i].Name < l[j].Name })
	}
	if diff := cmp.Diff(filesFromFile, filesFromStdin); diff != "" {
		t.Errorf("inputs (-file +stdin):\n%s", diff)
	}
}

// TestOutputConventions checks -o, "-" for standard output and the
// format chosen by the output file's extension.
func TestOutputConventions(t *testing.T) {
	t.Setenv(nowEnv, testNow)
	dir := t.TempDir()
	data := []string{fixtureProg, fixtureCentre}
	reportArgs := func(extra ...string) []string {
		return append(append([]string{"report", "--rules", fixtureRules, "--period", "2024"}, extra...), data...)
	}
	checkArgs := func(extra ...string) []string {
		return append(append([]string{"check", "--rules", fixtureRules, "--period", "2024"}, extra...), data...)
	}
	stdoutOf := func(args ...string) string {
		t.Helper()
		got, code := transcript(args...)
		if code != exitOK {
			t.Fatalf("kiez %s: exit %d:\n%s", strings.Join(args, " "), code, got)
		}
		_, out, _ := strings.Cut(got, "--- stdout\n")
		return out
	}
	fileOf := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, tt := range []struct{ file, format string }{
		{"r.html", "html"}, {"r.JSON", "json"}, {"r.csv", "csv"}, {"r.md", "md"}, {"r.markdown", "md"}, {"r.txt", "md"},
	} {
		name := filepath.Join(dir, tt.file)
		if got := stdoutOf(reportArgs("-o", name)...); got != "" {
			t.Errorf("report -o %s wrote to stdout: %q", tt.file, got)
		}
		if diff := cmp.Diff(stdoutOf(reportArgs("--format", tt.format)...), fileOf(name)); diff != "" {
			t.Errorf("report -o %s is not the %s report (-want +got):\n%s", tt.file, tt.format, diff)
		}
	}
	for _, tt := range []struct{ file, format string }{{"c.json", "json"}, {"c.txt", "text"}, {"c.out", "text"}} {
		name := filepath.Join(dir, tt.file)
		if got := stdoutOf(checkArgs("--out", name)...); got != "" {
			t.Errorf("check --out %s wrote to stdout: %q", tt.file, got)
		}
		if diff := cmp.Diff(stdoutOf(checkArgs("--format", tt.format)...), fileOf(name)); diff != "" {
			t.Errorf("check --out %s is not the %s output (-want +got):\n%s", tt.file, tt.format, diff)
		}
	}
	if diff := cmp.Diff(stdoutOf(checkArgs()...), stdoutOf(checkArgs("-o", "-")...)); diff != "" {
		t.Errorf("check -o - differs from check (-want +got):\n%s", diff)
	}
	if _, err := os.Stat("-"); err == nil {
		t.Error(`-o - created a file named "-"`)
	}
	usage := []struct {
		name string
		args []string
	}{
		{"report-format-mismatch", reportArgs("--format", "md", "-o", "bericht.html")},
		{"check-format-mismatch", checkArgs("--format", "json", "-o", "ergebnis.txt")},
		{"check-out-unknown-format", checkArgs("-o", "ergebnis.csv")},
		{"plan-format-mismatch", []string{"plan", "--programme", "musterstadt", "--year", "2025", "--format", "csv", "--out", "plan.json", fixtureProg}},
	}
	for _, tt := range usage {
		t.Run(tt.name, func(t *testing.T) {
			got, code := transcript(tt.args...)
			if code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
			golden(t, filepath.Join("testdata", tt.name+".golden"), got)
		})
	}
}
