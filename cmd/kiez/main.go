package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
)

// gcPercent is the garbage collector's target of the program, unless the
// environment sets GOGC: the heap may grow by 50 % of the memory in use
// after a collection, not by the runtime's default 100 %. Most of the
// memory of a large run is the loaded dataset, which lives until the end,
// and evaluating adds a little to what stays in use; with 70 % the peak of
// checking 10,000 generated centres was 2.16 times the decoded dataset
// (997 MB for 461 MB), with 50 % 1.9 times (878 MB), for about a
// twentieth more CPU time (README, "Reading data at state scale"). A
// program may set this; the library never does, as it is the whole
// process's setting.
const gcPercent = 50

func main() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command is one subcommand of the tool.
type command struct {
	name    string
	summary string
	run     func(args []string, stdout, stderr io.Writer) int
}

func commands() []command {
	return []command{
		{"validate", "load data files or directories, print a summary per programme and every problem", runValidate},
		{"lint", "load and compile rule files, print every problem and the coverage of the requirement catalogue", runLint},
		{"fmt", "format rule files and rule test files in the canonical layout; -l lists, -d shows, -w writes the changes", runFmt},
		{"check", "evaluate the programmes' rules on data for a period and print the verdicts", runCheck},
		{"diff", "compare two rule-set versions, changed params or two periods on the same data: what changes, where, how many hours", runDiff},
		{"test", "run rule test files (*_test.yaml) and report each case", runTest},
		{"explain", "explain one verdict: the rule, the value of each part of its assertion, the evidence", runExplain},
		{"report", "build a compliance, centre, programme or staffing report in json, csv, md or html", runReport},
		{"import", "merge sessions kept in a spreadsheet (XLSX or CSV) into a centre's data file, validated; --template writes an empty sheet", runImport},
		{"export", "write the centres' sessions as a spreadsheet (XLSX or CSV) that import reads back", runExport},
		{"plan", "derive a programme's obligations for a coming year, as a table and an iCalendar file", runPlan},
		{"lsp", "run the Language Server for rule files: problems, completion, hover and go-to-definition in the editor", runLsp},
		{"gen", "generate a synthetic dataset of N centres from template data, for load tests and benchmarks", runGen},
		{"version", "print the module version, the Go version and the versions of the embedded rule sets", runVersion},
	}
}

// run executes the tool with its arguments and returns the exit code:
// 0 success, 1 problems found, 2 wrong usage. check counts failed
// verdicts as problems only with --strict.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		return help(args[1:], stdout, stderr)
	}
	if c, ok := lookup(args[0]); ok {
		return c.run(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "kiez: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func lookup(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// help prints the list of commands, or the usage of the named command.
func help(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		usage(stdout)
		return exitOK
	}
	if c, ok := lookup(args[0]); ok && len(args) == 1 {
		return c.run([]string{"-h"}, stdout, stderr)
	}
	fmt.Fprintf(stderr, "kiez help: unknown command %q\n\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: kiez <command> [flags] [arguments]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "  %-10s %s\n", "help", "list the commands, or show a command's usage: kiez help <command>")
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "kiez <command> -h" for a command's flags.`)
	fmt.Fprintln(w, "Exit codes: 0 done, 1 problems found, 2 wrong usage. For check, problems are errors in")
	fmt.Fprintln(w, "the data or the rules; failed verdicts count only with --strict.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Data arguments may be "-" for the standard input; --out FILE (or -o FILE) writes`)
	fmt.Fprintln(w, `to a file, "-" to standard output, in the format its extension names unless --format says.`)
}
