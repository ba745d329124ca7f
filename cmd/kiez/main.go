package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"
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
	name string
	run  func(args []string, stdout, stderr io.Writer) int
}

// summary is the command's line in the list of commands.
func (c command) summary(tx *texts) string { return tx.t("main." + c.name) }

func commands() []command {
	return []command{
		{"validate", runValidate},
		{"lint", runLint},
		{"fmt", runFmt},
		{"check", runCheck},
		{"diff", runDiff},
		{"test", runTest},
		{"explain", runExplain},
		{"report", runReport},
		{"import", runImport},
		{"export", runExport},
		{"plan", runPlan},
		{"lsp", runLsp},
		{"gen", runGen},
		{"serve", runServe},
		{"version", runVersion},
	}
}

// run executes the tool with its arguments and returns the exit code:
// 0 success, 1 problems found, 2 wrong usage. check counts failed
// verdicts as problems only with --strict.
func run(args []string, stdout, stderr io.Writer) int {
	l, bad := langOf(args)
	tx := newTexts(l)
	if len(args) == 0 {
		usage(stderr, tx)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		return help(args[1:], stdout, stderr, tx, bad)
	}
	if c, ok := lookup(args[0]); ok {
		return c.run(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "%s\n\n", tx.t("main.unknown", args[0]))
	usage(stderr, tx)
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

// help prints the list of commands, or the usage of the named command,
// in the language of --lang or KIEZ_LANG.
func help(args []string, stdout, stderr io.Writer, tx *texts, bad string) int {
	if bad != "" {
		fmt.Fprintln(stderr, tx.t("main.langUnknownEnv", bad))
		return exitUsage
	}
	args = withoutLang(args)
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" {
		usage(stdout, tx)
		return exitOK
	}
	if c, ok := lookup(args[0]); ok && len(args) == 1 {
		return c.run([]string{"-h", "--lang", tx.lang.code()}, stdout, stderr)
	}
	fmt.Fprintf(stderr, "%s\n\n", tx.t("main.helpUnknown", args[0]))
	usage(stderr, tx)
	return exitUsage
}

// withoutLang removes --lang and its value from the arguments of help.
func withoutLang(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		name, _, hasValue := strings.Cut(strings.TrimLeft(args[i], "-"), "=")
		if strings.HasPrefix(args[i], "-") && name == "lang" {
			if !hasValue {
				i++
			}
			continue
		}
		out = append(out, args[i])
	}
	return out
}

func usage(w io.Writer, tx *texts) {
	fmt.Fprintln(w, tx.t("main.usage"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, tx.t("main.commands"))
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary(tx))
	}
	fmt.Fprintf(w, "  %-10s %s\n", "help", tx.t("main.help"))
	fmt.Fprintln(w)
	fmt.Fprintln(w, tx.t("main.footer"))
}
