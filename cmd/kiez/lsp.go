package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/kiez-go/kiez/internal/lsp"
)

func runLsp(args []string, stdout, stderr io.Writer) int {
	return serveLsp(args, os.Stdin, stdout, stderr)
}

// serveLsp is runLsp with its input given, for tests.
func serveLsp(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("lsp", "kiez lsp", `
Runs the Language Server for rule files and rule test files (*_test.yaml)
over standard input and output, for VS Code, Neovim or any editor that
speaks the Language Server Protocol; the editor starts it. It shows the
problems kiez lint finds while the file is being edited, completes fields
after "centre." (and after any expression whose type is known), params
after "params.", let names and functions, shows the value history of a
param and the reference text of a function on hover, and goes to the
declaration of params, lets and requirement ids. The setup of VS Code and
Neovim is in docs/programmgestaltung.md, "Im Editor: kiez lsp".

Exit code: 0 after the editor's shutdown and exit, 1 when the input ends
or breaks first or exit comes without shutdown, 2 on wrong usage.`)
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return fs.usageError(stderr, "it takes no arguments: the editor starts it and speaks to it over standard input and output")
	}
	if err := lsp.Serve(stdin, stdout, stderr); err != nil {
		if !errors.Is(err, lsp.ErrExitWithoutShutdown) {
			fmt.Fprintf(stderr, "kiez lsp: %v\n", err)
		}
		return exitProblems
	}
	return exitOK
}
