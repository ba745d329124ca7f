// Command thueringen builds the annual report 2024 of one ThEKiZ, the
// content of its Sachbericht (TH-19): offers by field, attendance, process
// facilitation, impact goals, the rules' verdicts. Run it from the
// repository root:
//
//	go run ./examples/thueringen                      # Markdown to stdout
//	go run ./examples/thueringen -centre thekiz-sonnenblume -html sachbericht.html
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/kiez-go/kiez/examples/internal/exampledata"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/report"
	"github.com/kiez-go/kiez/rules"
)

func main() {
	centre := flag.String("centre", "thekiz-regenbogen", "id of the ThEKiZ")
	htmlFile := flag.String("html", "", "write the report as HTML to this file (default: Markdown to stdout)")
	data := flag.String("data", "", "the `folder` of the data (default: testdata/thueringen of the repository the working directory lies in)")
	flag.Parse()
	dir := *data
	if dir == "" {
		var err error
		if dir, err = exampledata.Dir("thueringen"); err != nil {
			fmt.Fprintln(os.Stderr, "thueringen:", err)
			os.Exit(1)
		}
	}
	var err error
	if *htmlFile == "" {
		err = run(os.Stdout, report.FormatMarkdown, *centre, dir)
	} else {
		err = writeFile(*htmlFile, func(w io.Writer) error { return run(w, report.FormatHTML, *centre, dir) })
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "thueringen:", err)
		os.Exit(1)
	}
}

// writeFile creates a file and writes it with write.
func writeFile(name string, write func(io.Writer) error) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// run evaluates, on the data in dir, 2024 and writes the centre's annual report.
func run(w io.Writer, format report.Format, centre, dir string) error {
	prog, diags := rules.LoadEmbedded("thueringen-thekiz")
	if err := diags.Err(); err != nil {
		return err
	}
	ds, diags := kiez.LoadFiles(dir)
	if err := diags.Err(); err != nil {
		return err
	}
	engine, err := rules.NewEngine([]*rules.RuleSet{prog})
	if err != nil {
		return err
	}
	// Evaluate validates the data before any rule runs.
	ev, err := engine.Evaluate(context.Background(), ds, rules.Year(2024))
	if err != nil {
		return err
	}
	r, err := report.CentreAnnual(ev, centre)
	if err != nil {
		return err
	}
	return report.Write(w, r, format)
}
