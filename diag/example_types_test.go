package diag_test

import (
	"encoding/json"
	"fmt"

	"github.com/kiez-go/kiez/diag"
)

// A reader collects every problem of a file before it reports: Append adds
// one, Extend the problems of another reader, and Sort puts them in the
// order of the file. Warnings alone are no error.
func ExampleDiagnostics() {
	at := func(line, col int) *diag.Range {
		p := diag.Pos{Line: line, Column: col}
		return &diag.Range{Filename: "kiez-biebrich.yaml", Start: p, End: p}
	}
	var ds diag.Diagnostics
	ds = ds.Append(&diag.Diagnostic{Severity: diag.Warning, Summary: "the offer has no sessions in 2024",
		Subject: at(12, 9), Path: "centres[0].offers[1]"})
	fmt.Println(ds.HasErrors(), ds.Err() == nil)

	validated := diag.Diagnostics{{Severity: diag.Error, Summary: `unknown Kita "kita-am-schlosspark"`,
		Subject: at(7, 15), Path: "centres[0].kitas[0]"}}
	ds = ds.Extend(validated)
	ds.Sort()
	fmt.Println(ds.HasErrors())
	for _, d := range ds {
		fmt.Println(d)
	}
	// Output:
	// false true
	// true
	// kiez-biebrich.yaml:7:15: error: unknown Kita "kita-am-schlosspark" (at centres[0].kitas[0])
	// kiez-biebrich.yaml:12:9: warning: the offer has no sessions in 2024 (at centres[0].offers[1])
}

// A Diagnostic is a value with a JSON form, for tools that read problems
// as data; its Error text leaves out what is unknown.
func ExampleDiagnostic() {
	d := &diag.Diagnostic{
		Severity: diag.Error,
		Summary:  `"2024-02-30" is not a date`,
		Detail:   "Write a date that exists, as YYYY-MM-DD.",
		Subject: &diag.Range{Filename: "fz-kirn.yaml",
			Start: diag.Pos{Line: 4, Column: 11, Byte: 60},
			End:   diag.Pos{Line: 4, Column: 23, Byte: 72}},
		Path: "centres[0].sessions[0].date",
	}
	fmt.Println(d.Error())
	fmt.Println(d.Subject, d.Subject.End.Column-d.Subject.Start.Column, "Zeichen")
	out, err := json.Marshal(d)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(out))

	noFile := &diag.Diagnostic{Severity: diag.Warning, Summary: "the dataset has no centres"}
	fmt.Println(noFile.Error())
	// Output:
	// fz-kirn.yaml:4:11: error: "2024-02-30" is not a date (at centres[0].sessions[0].date)
	// fz-kirn.yaml:4:11 12 Zeichen
	// {"severity":"error","summary":"\"2024-02-30\" is not a date","detail":"Write a date that exists, as YYYY-MM-DD.","subject":{"filename":"fz-kirn.yaml","start":{"line":4,"column":11,"byte":60},"end":{"line":4,"column":23,"byte":72}},"path":"centres[0].sessions[0].date"}
	// warning: the dataset has no centres
}

// Severities are read from rule files and command lines by name.
func ExampleParseSeverity() {
	for _, s := range []string{"warning", "fatal"} {
		sev, err := diag.ParseSeverity(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(sev, sev == diag.Warning)
	}
	// Output:
	// warning true
	// unknown severity "fatal" (use error, warning or info)
}

// Lines indexes a file once, so that a program printing many snippets of
// one file finds each line without scanning the file again.
func ExampleLines() {
	l := diag.NewLines([]byte("centres:\r\n  - id: kiez-biebrich\n    name: KiEZ Biebrich\n"))
	for _, n := range []int{2, 3, 9} {
		text, offset, ok := l.Line(n)
		fmt.Printf("%d %q %d %v\n", n, text, offset, ok)
	}
	// Output:
	// 2 "  - id: kiez-biebrich" 10 true
	// 3 "    name: KiEZ Biebrich" 32 true
	// 9 "" 0 false
}
