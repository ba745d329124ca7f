// Package exampledata finds the shipped testdata for the examples, so that
// an example runs from any directory of the repository: its root
// (go run ./examples/wiesbaden), its own folder (go run .) or any other.
package exampledata

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Dir returns the folder testdata/name of the repository that holds the
// working directory: the first of the working directory and its parents
// that has go.mod and testdata/name beside it. It is an error when none
// has; an example then needs its data named with -data.
func Dir(name string) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; {
		data := filepath.Join(dir, "testdata", name)
		if isFile(filepath.Join(dir, "go.mod")) && isDir(data) {
			return data, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return "", fmt.Errorf("%w: testdata/%s is not in %s or a folder above it; run the example inside the kiez repository, or name the data with -data DIR", errNotFound, name, wd)
}

var errNotFound = errors.New("no shipped testdata found")

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}
