package diag_test

import (
	"errors"
	"fmt"
	"os"

	"github.com/kiez-go/kiez/diag"
)

// A reader of files reports every problem as a Diagnostic; WriteText
// prints them with the line of the file they are about.
func ExampleWriteText() {
	// The file as it was read, and a mistake found in it: the value
	// "zwanzig" of hoursPerWeek, from its first character up to (not
	// including) the end of the line.
	files := map[string][]byte{
		"kiez-biebrich.yaml": []byte("centres:\n  - id: kiez-biebrich\n    hoursPerWeek: zwanzig\n"),
	}
	d := &diag.Diagnostic{
		Severity: diag.Error,
		Summary:  `expected a number, found text "zwanzig"`,
		Detail:   "Write hours as a number with a decimal point, e.g. 19.5.",
		Subject: &diag.Range{Filename: "kiez-biebrich.yaml",
			Start: diag.Pos{Line: 3, Column: 19, Byte: 49},
			End:   diag.Pos{Line: 3, Column: 26, Byte: 56}},
		Path: "centres[0].hoursPerWeek",
	}
	var ds diag.Diagnostics
	ds = ds.Append(d)

	// Print them for a person; the source function gives the file's text
	// for the snippet.
	src := func(name string) ([]byte, bool) {
		data, ok := files[name]
		return data, ok
	}
	if err := diag.WriteText(os.Stdout, ds, src); err != nil {
		fmt.Println(err)
	}
	// Output:
	// kiez-biebrich.yaml:3:19: error: expected a number, found text "zwanzig" (at centres[0].hoursPerWeek)
	//   3 |     hoursPerWeek: zwanzig
	//     |                   ^
	//     = Write hours as a number with a decimal point, e.g. 19.5.
}

// Err turns a list of diagnostics into an error only when one of them is
// an error; errors.As gives the whole list back.
func ExampleDiagnostics_Err() {
	read := func() error {
		var ds diag.Diagnostics
		ds = ds.Append(&diag.Diagnostic{Severity: diag.Warning, Summary: "requirement KI-07 is not checked"})
		ds = ds.Append(&diag.Diagnostic{Severity: diag.Error, Summary: `unknown field "nme"`, Path: "centres[0].nme"})
		return ds.Err()
	}

	err := read()
	var ds diag.Diagnostics
	if errors.As(err, &ds) {
		for _, d := range ds {
			fmt.Println(d.Severity, "|", d.Summary)
		}
	}
	// Output:
	// warning | requirement KI-07 is not checked
	// error | unknown field "nme"
}
