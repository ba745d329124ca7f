// Command bad-kreuznach builds the Jahresbericht Sozialraumbudget 2024 of
// the eight Familienzentren (BK-20), published into the Sozialraum and so
// in published mode: no staff ids, no notes, counts below 3 suppressed
// . Run it from anywhere in the repository:
//
//	go run ./examples/bad-kreuznach                      # Markdown to stdout
//	go run ./examples/bad-kreuznach -html bericht.html   # HTML to a file
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
	htmlFile := flag.String("html", "", "write the report as HTML to this file (default: Markdown to stdout)")
	data := flag.String("data", "", "the `folder` of the data (default: testdata/bad-kreuznach of the repository the working directory lies in)")
	flag.Parse()
	dir := *data
	if dir == "" {
		var err error
		if dir, err = exampledata.Dir("bad-kreuznach"); err != nil {
			fmt.Fprintln(os.Stderr, "bad-kreuznach:", err)
			os.Exit(1)
		}
	}
	var err error
	if *htmlFile == "" {
		err = run(os.Stdout, report.FormatMarkdown, dir)
	} else {
		err = writeFile(*htmlFile, func(w io.Writer) error { return run(w, report.FormatHTML, dir) })
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad-kreuznach:", err)
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

// run evaluates, on the data in dir, 2024 and writes the published Jahresbericht Sozialraumbudget.
func run(w io.Writer, format report.Format, dir string) error {
	const id = "bad-kreuznach-familienzentren"
	prog, diags := rules.LoadEmbedded(id)
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
	r, err := report.ProgrammeAnnual(ev, id, report.WithPublished(), report.WithTitle("Jahresbericht Sozialraumbudget 2024"))
	if err != nil {
		return err
	}
	return report.Write(w, r, format)
}
