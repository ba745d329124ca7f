package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kiez-go/kiez/report"
)

// TestRun runs the example from the repository root, as its comment
// says, in Markdown and as an HTML file.
func TestRun(t *testing.T) {
	t.Chdir(filepath.Join("..", ".."))
	var md bytes.Buffer
	if err := run(&md, report.FormatMarkdown, "testdata/bad-kreuznach"); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(md.String(), "# Jahresbericht Sozialraumbudget 2024\n") {
		t.Errorf("the report starts with %q", strings.SplitN(md.String(), "\n", 2)[0])
	}
	name := filepath.Join(t.TempDir(), "report.html")
	if err := writeFile(name, func(w io.Writer) error { return run(w, report.FormatHTML, "testdata/bad-kreuznach") }); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(page, []byte("<!DOCTYPE html>")) || !bytes.Contains(page, []byte("</html>")) {
		t.Errorf("%s is not a whole HTML page", name)
	}
}
