package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/kiez-go/kiez/diag"
)

// Exit codes of every command.
const (
	exitOK       = 0
	exitProblems = 1
	exitUsage    = 2
)

// flags is a command's flag set with its usage text. Flags may come
// before, between or after the arguments; "--" ends the flags.
type flags struct {
	*flag.FlagSet
	synopsis string // the usage line without "Usage: ", or its key in the message table
	about    string // what the command does, its output and exit codes, or its key
	// tx are the tool's texts in the language of the run: German until
	// parse has read --lang or KIEZ_LANG.
	tx *texts
}

// newFlags starts the flags of a command. synopsis and about are texts,
// or keys of the message table for a command whose texts are in both
// languages. Every command has --lang.
func newFlags(name, synopsis, about string) *flags {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {} // printed by parse, to the right writer
	fs.String("lang", "", "flag.lang")
	return &flags{FlagSet: fs, synopsis: synopsis, about: about, tx: newTexts(langDE)}
}

// printUsage writes the command's usage and its flags.
func (f *flags) printUsage(w io.Writer) {
	fmt.Fprintf(w, "%s %s\n\n%s\n", f.tx.t("usage.usage"), f.tx.text(f.synopsis), strings.TrimSpace(f.tx.text(f.about)))
	var b strings.Builder
	f.tx.printDefaults(&b, f.FlagSet)
	fmt.Fprintf(w, "\n%s\n%s", f.tx.t("usage.flags"), b.String())
}

// parse parses args and returns the positional arguments. When it
// returns ok false, the command ends with code: 0 after -h (the usage is
// printed to stdout), 2 after a wrong flag (the problem and the usage go
// to stderr).
func (f *flags) parse(args []string, stdout, stderr io.Writer) (rest []string, code int, ok bool) {
	l, bad := langOf(args)
	f.tx = newTexts(l)
	f.SetOutput(io.Discard) // its errors are said in the language below
	for {
		err := f.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			f.printUsage(stdout)
			return nil, exitOK, false
		}
		if err != nil {
			fmt.Fprintln(stderr, f.tx.flagError(err))
			fmt.Fprintln(stderr)
			f.printUsage(stderr)
			return nil, exitUsage, false
		}
		if bad != "" {
			return nil, f.fail(stderr, "err.lang", bad), false
		}
		remaining := f.Args()
		consumed := len(args) - len(remaining)
		if consumed > 0 && args[consumed-1] == "--" {
			return append(rest, remaining...), exitOK, true
		}
		if len(remaining) == 0 {
			return rest, exitOK, true
		}
		rest = append(rest, remaining[0])
		args = remaining[1:]
	}
}

// usageError reports wrong usage of a command: the problem, then how to
// get the usage. It returns exitUsage.
func (f *flags) usageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "kiez %s: %s\n", f.Name(), fmt.Sprintf(format, args...))
	fmt.Fprintln(stderr, f.tx.t("usage.runHelp", f.Name()))
	return exitUsage
}

// fail is usageError with the message of the key in the table, in the
// language of the run.
func (f *flags) fail(stderr io.Writer, key string, args ...any) int {
	return f.usageError(stderr, "%s", f.tx.t(key, args...))
}

// listFlag is a flag that may be given several times; each value may also
// hold several items separated by commas.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, part := range strings.Split(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			*l = append(*l, part)
		}
	}
	return nil
}

// pathFlag is a flag that may be given several times, one path each;
// paths are not split at commas.
type pathFlag []string

func (l *pathFlag) String() string { return strings.Join(*l, " ") }

func (l *pathFlag) Set(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("empty path")
	}
	*l = append(*l, s)
	return nil
}

// count returns the number of errors and warnings among diags.
func count(diags diag.Diagnostics) (errs, warns int) {
	for _, d := range diags {
		switch d.Severity {
		case diag.Error:
			errs++
		case diag.Warning:
			warns++
		}
	}
	return errs, warns
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// countLine is the closing line of diagnostics: "1 error, 0 warnings".
func countLine(diags diag.Diagnostics) string {
	nerr, nwarn := count(diags)
	return plural(nerr, "error", "errors") + ", " + plural(nwarn, "warning", "warnings")
}
