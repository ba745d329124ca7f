//go:build linux

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const thueringen = "../../testdata/thueringen"

// copyThueringen copies the Thüringen data into dir/data, so that a test
// that would overwrite an input (on main) spoils a copy, not the shipped
// data. It returns the copy's directory.
func copyThueringen(t *testing.T, dir string) string {
	t.Helper()
	data := filepath.Join(dir, "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(thueringen)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(thueringen, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(data, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return data
}

func modeOf(t *testing.T, name string) fs.FileMode {
	t.Helper()
	st, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	return st.Mode()
}

// TestOutputRefusesSpecialFiles: a device, a named pipe or a directory as
// --out is refused with a message, and stays what it was (on main, root
// replaced /dev/null with a regular file, and a named pipe hung or was
// replaced).
func TestOutputRefusesSpecialFiles(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.md")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	// As root, a regression would replace the machine's /dev/null; the
	// test uses a copy of the device node in its own directory instead.
	devNull := "/dev/null"
	if os.Geteuid() == 0 {
		if st, err := os.Stat("/dev/null"); err == nil {
			if sys, ok := st.Sys().(*syscall.Stat_t); ok {
				p := filepath.Join(dir, "null")
				if err := syscall.Mknod(p, syscall.S_IFCHR|0o666, int(sys.Rdev)); err == nil {
					devNull = p
				}
			}
		}
	}
	tests := []struct {
		name, out, golden string
	}{
		{"dev-null", devNull, "out-dev-null"},
		{"fifo", fifo, "out-fifo"},
		{"directory", dir, "out-directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := modeOf(t, tt.out)
			got, _, code := bounded(t, time.Minute, "", "report", "--out", tt.out, "--period", "2024", thueringen)
			got = strings.ReplaceAll(got, devNull, "$NULL")
			got = strings.ReplaceAll(got, dir, "$TMP")
			if code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
			if after := modeOf(t, tt.out); after != before {
				t.Errorf("%s was %v and is now %v", tt.out, before, after)
			}
			golden(t, filepath.Join("testdata", tt.golden+".golden"), got)
		})
	}
}

// TestOutputDevStdout: --out /dev/stdout names whatever standard output
// is; a terminal or a pipe is refused with a pointer to "--out -" (on
// main, a normal user got "permission denied" and root replaced the
// device).
func TestOutputDevStdout(t *testing.T) {
	st, err := os.Stat("/dev/stdout")
	if err != nil {
		t.Skipf("no /dev/stdout here: %v", err)
	}
	if st.Mode().IsRegular() {
		t.Skip("standard output of this test run is a regular file; writing there would be allowed and would overwrite the log")
	}
	got, _, code := bounded(t, time.Minute, "", "report", "--out", "/dev/stdout", "--period", "2024", thueringen)
	if code != exitUsage || !strings.Contains(got, "keine reguläre Datei; Ausgaben werden nur in reguläre Dateien geschrieben, oder mit --out - auf die Standardausgabe") {
		t.Errorf("exit %d:\n%s", code, got)
	}
}

// TestOutputDash: "-o -" writes to standard output, as no --out does.
func TestOutputDash(t *testing.T) {
	_, want, code := bounded(t, time.Minute, "", "report", "--period", "2024", thueringen)
	_, got, code2 := bounded(t, time.Minute, "", "report", "-o", "-", "--period", "2024", thueringen)
	if code != 0 || code2 != 0 || got != want || got == "" {
		t.Errorf("report -o - (exit %d) differs from report (exit %d)", code2, code)
	}
}

// TestOutputInputIdentity: outputs are compared with the inputs by file
// identity, not by path: a symbolic link to an input, or an input given
// through a link, is never overwritten (on main both were).
func TestOutputInputIdentity(t *testing.T) {
	dir := t.TempDir()
	data := copyThueringen(t, dir)
	programme := filepath.Join(data, "programme.yaml")
	original, err := os.ReadFile(programme)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "bericht.md")
	if err := os.Symlink(programme, link); err != nil {
		t.Fatal(err)
	}
	inputLink := filepath.Join(dir, "eingabe.yaml")
	if err := os.Symlink(programme, inputLink); err != nil {
		t.Fatal(err)
	}
	centres, _ := filepath.Glob(filepath.Join(data, "thekiz-*.yaml"))
	t.Run("output-is-link-to-input", func(t *testing.T) {
		got, _, code := bounded(t, time.Minute, dir, "report", "--out", link, "--period", "2024", data)
		if code != exitUsage {
			t.Errorf("exit code %d, want %d", code, exitUsage)
		}
		golden(t, "testdata/out-link-to-input.golden", got)
	})
	t.Run("input-through-link", func(t *testing.T) {
		args := append([]string{"report", "--out", programme, "--period", "2024", inputLink}, centres...)
		got, _, code := bounded(t, time.Minute, dir, args...)
		if code != exitUsage || !strings.Contains(got, "ist die Eingabedatei $TMP/eingabe.yaml; Eingaben werden nie überschrieben") {
			t.Errorf("exit %d:\n%s", code, got)
		}
	})
	if b, err := os.ReadFile(programme); err != nil || string(b) != string(original) {
		t.Errorf("the input file was changed (err %v)", err)
	}
	if modeOf(t, link)&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced")
	}
}

// TestOutputWritesThroughLink: --out naming a symbolic link to an output
// file writes the file the link leads to and keeps the link.
func TestOutputWritesThroughLink(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "bericht.md")
	if err := os.WriteFile(target, []byte("alt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "aktuell.md")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if _, _, code := bounded(t, time.Minute, dir, "report", "--out", link, "--period", "2024", thueringen); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if modeOf(t, link)&fs.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file")
	}
	if b, _ := os.ReadFile(target); !strings.HasPrefix(string(b), "# ") {
		t.Errorf("the report was not written where the link leads: %q", b)
	}
}

// TestOutputModes: an existing report keeps its mode (on main 0600 became
// 0644); a new one gets the mode the umask leaves of 0666.
func TestOutputModes(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "privat.md")
	if err := os.WriteFile(existing, []byte("alt\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(existing, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, _, code := bounded(t, time.Minute, dir, "report", "--out", existing, "--period", "2024", thueringen); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if m := modeOf(t, existing).Perm(); m != 0o600 {
		t.Errorf("the existing report has mode %v after writing, want -rw-------", m)
	}
	old := syscall.Umask(0o027)
	defer syscall.Umask(old)
	fresh := filepath.Join(dir, "neu.md")
	if _, _, code := bounded(t, time.Minute, dir, "report", "--out", fresh, "--period", "2024", thueringen); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if m := modeOf(t, fresh).Perm(); m != 0o640 {
		t.Errorf("a new report under umask 027 has mode %v, want -rw-r-----", m)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the directory holds %d entries, want the two reports only", len(entries))
	}
}

// TestPlanSameOutputs: --out and --ics naming one file, by the same path
// or through a link, or both standard output, is wrong usage (on main one
// of the two was lost).
func TestPlanSameOutputs(t *testing.T) {
	dir := t.TempDir()
	x := filepath.Join(dir, "plan.txt")
	link := filepath.Join(dir, "link.txt")
	if err := os.WriteFile(x, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(x, link); err != nil {
		t.Fatal(err)
	}
	plan := func(extra ...string) []string {
		return append([]string{"plan", "--programme", "thueringen-thekiz", "--year", "2025"}, append(extra, thueringen)...)
	}
	for name, args := range map[string][]string{
		"plan-same-outputs":        plan("--out", x, "--ics", x),
		"plan-same-outputs-link":   plan("--out", x, "--ics", link),
		"plan-same-outputs-stdout": plan("--ics", "-"),
	} {
		t.Run(name, func(t *testing.T) {
			got, _, code := bounded(t, time.Minute, dir, args...)
			if code != exitUsage {
				t.Errorf("exit code %d, want %d", code, exitUsage)
			}
			golden(t, filepath.Join("testdata", name+".golden"), got)
		})
	}
	// A new file named twice, by the same path written two ways.
	fresh := filepath.Join(dir, "neu.txt")
	got, _, code := bounded(t, time.Minute, dir, plan("--out", fresh, "--ics", filepath.Join(dir, ".", "neu.txt"))...)
	if code != exitUsage || !strings.Contains(got, "sind dieselbe Datei") {
		t.Errorf("a new file named twice: exit %d:\n%s", code, got)
	}
}

// TestDataFIFO: a named pipe called x.yaml in a data directory is
// reported and never opened (on main the loader hung); so is a named pipe
// given as a rule file.
func TestDataFIFO(t *testing.T) {
	dir := t.TempDir()
	data := copyThueringen(t, dir)
	if err := syscall.Mkfifo(filepath.Join(data, "x.yaml"), 0o644); err != nil {
		t.Skipf("cannot make a named pipe here: %v", err)
	}
	rulesPipe := filepath.Join(dir, "regeln.yaml")
	if err := syscall.Mkfifo(rulesPipe, 0o644); err != nil {
		t.Fatal(err)
	}
	for name, args := range map[string][]string{
		"data-fifo":  {"validate", "-on", "2024-12-31", data},
		"rules-fifo": {"check", "--rules", rulesPipe, "--period", "2024", thueringen},
	} {
		t.Run(name, func(t *testing.T) {
			var stdout string
			got, stdout, code := bounded(t, time.Minute, dir, args...)
			if code != exitProblems {
				t.Errorf("exit code %d, want %d", code, exitProblems)
			}
			golden(t, filepath.Join("testdata", name+".golden"), got+"--- stdout\n"+strings.ReplaceAll(stdout, dir, "$TMP"))
		})
	}
}
