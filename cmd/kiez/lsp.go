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
	fs := newFlags("lsp", "lsp.synopsis", "lsp.about")
	rest, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		return fs.fail(stderr, "lsp.noArgs")
	}
	if err := lsp.Serve(stdin, stdout, stderr); err != nil {
		if !errors.Is(err, lsp.ErrExitWithoutShutdown) {
			fmt.Fprintf(stderr, "kiez lsp: %v\n", err)
		}
		return exitProblems
	}
	return exitOK
}
