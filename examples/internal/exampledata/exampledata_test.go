package exampledata

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestDir finds the testdata from the repository root, from a folder below
// it, and not from outside the repository.
func TestDir(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(root, "testdata", "wiesbaden")
	for _, dir := range []string{root, filepath.Join(root, "examples", "wiesbaden"), filepath.Join(root, "rules", "programmes")} {
		t.Chdir(dir)
		got, err := Dir("wiesbaden")
		if err != nil || got != want {
			t.Errorf("from %s: Dir = %q, %v; want %q", dir, got, err, want)
		}
	}
	t.Chdir(t.TempDir())
	if _, err := Dir("wiesbaden"); !errors.Is(err, errNotFound) {
		t.Errorf("outside the repository: error %v, want errNotFound", err)
	}
	if _, err := os.Stat(want); err != nil {
		t.Fatal(err)
	}
}

// ExampleDir shows how an example finds its data, here from the folder
// of this package's tests, three levels below the repository's root.
func ExampleDir() {
	dir, err := Dir("thueringen")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(filepath.Base(filepath.Dir(dir)), filepath.Base(dir)) // then kiez.LoadFiles(dir)
	// Output: testdata thueringen
}
