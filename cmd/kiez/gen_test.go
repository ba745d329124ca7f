package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kiez-go/kiez/kiez"
)

// TestGen runs "kiez gen" on the shipped testdata into a fresh folder,
// compares its output and the files it writes with a golden file, checks
// that the files load and validate, and that a second run into the same
// folder refuses to overwrite.
func TestGen(t *testing.T) {
	for _, d := range []string{"../../testdata/wiesbaden", "../../testdata/bad-kreuznach", "../../testdata/thueringen"} {
		if _, err := os.Stat(d); err != nil {
			t.Skipf("templates missing: %v", err)
		}
	}
	out := filepath.Join(t.TempDir(), "synth")
	args := []string{"gen", "--seed", "42", "--centres", "9", "--shortfalls", "0.34",
		"--from", "../../testdata/wiesbaden", "--from", "../../testdata/bad-kreuznach", "--from", "../../testdata/thueringen", "--out", out}
	got, code := transcript(args...)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, got)
	}
	var files []string
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	list, err := os.ReadFile(filepath.Join(out, "shortfalls.txt"))
	if err != nil {
		t.Fatal(err)
	}
	again, code2 := transcript(args...)
	if code2 != 1 {
		t.Errorf("second run into the same folder: exit %d, want 1", code2)
	}
	usage, code3 := transcript("gen", "--centres", "-5", "--out", out)
	if code3 != 2 {
		t.Errorf("negative --centres: exit %d, want 2", code3)
	}
	whole := got + "--- files\n" + strings.Join(files, "\n") + "\n--- shortfalls.txt\n" + string(list) + again + usage
	golden(t, filepath.Join("testdata", "gen.golden"), strings.ReplaceAll(whole, out, "OUT"))

	ds, diags := kiez.LoadFiles(out)
	diags = append(diags, ds.Validate()...)
	if len(diags) > 0 {
		t.Errorf("the generated files do not load cleanly:\n%v", diags)
	}
	if len(ds.Centres) != 9 || len(ds.Programmes) != 3 {
		t.Errorf("loaded %d centres of %d programmes, want 9 of 3", len(ds.Centres), len(ds.Programmes))
	}
}
