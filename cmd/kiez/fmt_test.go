package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// copyFmtFixture copies testdata/fmt into a temporary directory and
// returns it.
func copyFmtFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir(filepath.Join("testdata", "fmt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("testdata", "fmt", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o640); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestFmt runs kiez fmt on a copy of testdata/fmt and compares each
// transcript, with the directory shown as $DIR, with a golden file.
func TestFmt(t *testing.T) {
	for _, tt := range []struct {
		name string
		args []string
		code int
	}{
		{"fmt-help", []string{"-h"}, exitOK},
		{"fmt-list", []string{"-l", "$DIR"}, exitOK},
		{"fmt-diff", []string{"-d", "$DIR/regeln.yaml"}, exitOK},
		{"fmt-print", []string{"$DIR/regeln.yaml"}, exitOK},
		{"fmt-broken", []string{"-l", "$DIR/kaputt.yaml", "$DIR/daten.yaml", "$DIR/fehlt.yaml"}, exitProblems},
		{"fmt-write-no-path", []string{"-w"}, exitUsage},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyFmtFixture(t)
			args := []string{"fmt"}
			for _, a := range tt.args {
				args = append(args, strings.ReplaceAll(a, "$DIR", dir))
			}
			got, code := transcript(args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			golden(t, filepath.Join("testdata", tt.name+".golden"), strings.ReplaceAll(got, dir, "$DIR"))
		})
	}
}

// TestFmtWrite checks that -w rewrites only the files that need it, keeps
// their mode, leaves a file that cannot be formatted as it is, leaves no
// temporary file behind, and that afterwards -l lists nothing.
func TestFmtWrite(t *testing.T) {
	dir := copyFmtFixture(t)
	before := map[string][]byte{}
	for _, n := range []string{"regeln.yaml", "regeln_test.yaml", "daten.yaml", "kaputt.yaml"} {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		before[n] = b
	}
	if got, code := transcript("fmt", "-w", dir); code != exitOK {
		t.Fatalf("fmt -w: exit %d\n%s", code, got)
	}
	for n, b := range before {
		after, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		changed := string(after) != string(b)
		if changed != (n == "regeln.yaml") {
			t.Errorf("%s changed: %v", n, changed)
		}
		st, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o640 {
			t.Errorf("%s has mode %v, want 0640", n, st.Mode().Perm())
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(before) {
		t.Errorf("the directory holds %d files, want %d: a temporary file is left", len(entries), len(before))
	}
	want, err := os.ReadFile(filepath.Join("testdata", "fmt-print.golden"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(dir, "regeln.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if _, printed, ok := strings.Cut(string(want), "--- stdout\n"); !ok || printed != string(got) {
		t.Errorf("the written file differs from what fmt prints:\n%s", cmp.Diff(printed, string(got)))
	}
	if got, code := transcript("fmt", "-l", dir); code != exitOK || strings.Contains(got, ".yaml") {
		t.Errorf("fmt -l after fmt -w lists files (exit %d):\n%s", code, got)
	}
	// A file that cannot be formatted is left as it is, with -w too.
	if _, code := transcript("fmt", "-w", filepath.Join(dir, "kaputt.yaml")); code != exitProblems {
		t.Errorf("fmt -w on a broken file: exit %d, want %d", code, exitProblems)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "kaputt.yaml")); string(b) != string(before["kaputt.yaml"]) {
		t.Errorf("kaputt.yaml was changed")
	}
}

// TestFmtShipped checks what CI checks: kiez fmt -l lists none of the
// shipped programmes.
func TestFmtShipped(t *testing.T) {
	got, code := transcript("fmt", "-l", "../../rules/programmes")
	if diff := cmp.Diff("$ kiez fmt -l ../../rules/programmes\nexit 0\n--- stdout\n", got); diff != "" || code != exitOK {
		t.Errorf("kiez fmt -l ../../rules/programmes (-want +got):\n%s", diff)
	}
}

// TestFmtStdin formats the standard input to the standard output, as an
// editor's "format on save" calls it.
func TestFmtStdin(t *testing.T) {
	in, err := os.Open(filepath.Join("testdata", "fmt", "regeln.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	saved := os.Stdin
	os.Stdin = in
	defer func() { os.Stdin = saved }()
	got, code := transcript("fmt")
	want, err := os.ReadFile(filepath.Join("testdata", "fmt-print.golden"))
	if err != nil {
		t.Fatal(err)
	}
	_, printed, _ := strings.Cut(string(want), "--- stdout\n")
	if diff := cmp.Diff("$ kiez fmt\nexit 0\n--- stdout\n"+printed, got); diff != "" || code != exitOK {
		t.Errorf("kiez fmt < regeln.yaml (-want +got):\n%s", diff)
	}
}
