package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// outcomes lists every outcome in the order of the summary columns.
func outcomes() []rules.Outcome {
	return []rules.Outcome{rules.OutcomePass, rules.OutcomeFail, rules.OutcomeNotApplicable,
		rules.OutcomeWaived, rules.OutcomeMissingData, rules.OutcomeError}
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "kiez check [flags] --period P DATA...", `
Loads and validates the data files and directories (problems are printed
as by "kiez validate"), then evaluates the programmes' rules for the
period and prints one verdict per rule and subject: per programme, the
programme-wide rules, then each centre, then a summary of the outcomes.

Programmes: by default every embedded programme that the data names. A
rule file given with --rules replaces the embedded programme with the same
id (to try a new version of it) or adds a programme; --programme restricts
the check to the given ids.

Data arguments may be "-" for the standard input (YAML or JSON). The
output goes to standard output, or with --out FILE (-o FILE) to a file,
written as by "kiez report"; without --format, a .json file gets json,
a .txt file text and a .xlsx file xlsx. --format json writes one JSON
object: the module and rule-set versions, the period, the input files
with their SHA-256 and a digest over them, the time of the run (the
environment variable KIEZ_NOW sets it, for tests), the results and their
counts; its JSON Schema is cmd/kiez/check.schema.json. --format xlsx
writes a workbook: a sheet of every result (programme, rule, subject,
outcome, severity, requirements, message) and a sheet of their counts
per programme and subject; it goes to standard output only when that is
not a terminal.

Exit code: 0 when the evaluation ran, whatever the verdicts: check is a
report, and a run with failed rules has still done its job; 1 when the
data or a rule file has errors or the run was cut short, or, with
--strict, when any result of severity error is "fail", "missing-data" or
"error" (what a CI job should use); 2 on wrong usage.`)
	var programmes listFlag
	var ruleFiles pathFlag
	fs.Var(&programmes, "programme", "check only the programme with this `id` (repeatable, or comma-separated)")
	fs.Var(&ruleFiles, "rules", "load the rule `file` from disk instead of the embedded programme with its id (repeatable)")
	period := fs.String("period", "", "the evaluated `period`: 2024, 2024-H1, 2024-Q3, 2024-03 or 2024-01-01..2024-06-30")
	format := fs.String("format", "text", "output `format`: text (a table per programme and centre), json (the results) or xlsx (a workbook of the results and their counts)")
	only := fs.String("only", "", "show only these `outcomes` in the text tables: problems (all but pass and not-applicable), or a comma-separated list such as fail,missing-data")
	strict := fs.Bool("strict", false, "exit 1 when any result of severity error is fail, missing-data or error")
	outFile := fs.String("out", "", "write the verdicts to this `file` instead of standard output (- is standard output)")
	fs.StringVar(outFile, "o", "", "short for --out `file`")
	limit := addTimeout(fs)
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *format != "text" && *format != "json" && *format != "xlsx" {
		return fs.usageError(stderr, "--format: unknown format %q (use text, json or xlsx)", *format)
	}
	f, msg := outputFormat(fs, *format, *outFile, []string{"text", "json", "xlsx"})
	if msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	*format = f
	target := newOutput("--out", *outFile)
	if msg := checkOutputs([]*output{target}, append(append([]string(nil), paths...), ruleFiles...)); msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	if *format == "xlsx" && target.toStdout() && isTerminal(stdout) {
		return fs.usageError(stderr, "--format xlsx writes a workbook, not text for a terminal; name a file with -o FILE.xlsx, or redirect standard output")
	}
	show, err := parseOnly(*only)
	if err != nil {
		return fs.usageError(stderr, "--only: %v", err)
	}
	var at time.Time
	if *format == "json" || *format == "xlsx" {
		if at, err = runTime(); err != nil {
			return fs.usageError(stderr, "%v", err)
		}
	}
	ctx, cancel, msg := limit.context()
	if msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	defer cancel()
	diagOut := stdout
	if *format == "json" || *format == "xlsx" || !target.toStdout() {
		diagOut = stderr // keep stdout valid JSON or a workbook, and a file for the verdicts
	}
	a := evalArgs{data: paths, programmes: programmes, ruleFiles: ruleFiles, period: *period, ctx: ctx, limit: limit}
	ev, code, ok := prepare(fs, a, diagOut, stderr)
	if !ok {
		return code
	}
	// The verdicts of a state-wide run are millions of short writes: they
	// go through a buffer, emptied before anything goes to stderr (so
	// that the two streams keep their order on a terminal) and at the end.
	dest, err := target.open(stdout)
	if err != nil {
		fmt.Fprintf(stderr, "kiez check: %v\n", err)
		return exitProblems
	}
	committed := false
	defer func() {
		if !committed {
			dest.discard()
		}
	}()
	buf := bufio.NewWriterSize(dest, 64<<10)
	defer buf.Flush()
	stdout = buf
	if diagOut != stderr {
		diagOut = buf
	}
	var env *checkEnvelope
	if *format == "json" {
		e := newCheckEnvelope(ev, a, at)
		env = &e
	}
	out := newCheckWriter(stdout, ev, a, env, show)
	if *format == "xlsx" {
		if out.xlsx, err = newCheckWorkbook(a.period, at); err != nil {
			fmt.Fprintf(stderr, "kiez check: %v\n", err)
			return exitProblems
		}
	}
	err = ev.engine.Stream(ctx, ev.ds, ev.period, out.add)
	stopped := err != nil && timedOut(ctx)
	if env != nil {
		env.Complete = !stopped
	}
	if out.xlsx != nil {
		out.xlsx.stopped = stopped
	}
	if err == nil || stopped {
		err = out.finish()
	} else if out.xlsx != nil {
		out.xlsx.discard()
	}
	if flushErr := buf.Flush(); err == nil {
		err = flushErr
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez check: %v\n", err)
		return exitProblems
	}
	// Whether a waiver matches a result is known only when every result
	// is: these warnings follow the verdicts.
	if wd := rules.CheckWaiverSubjects(ev.ds, out.waived); len(wd) > 0 {
		end := "\n" // keep stdout free of a trailing blank line
		if *format == "text" {
			fmt.Fprintln(diagOut)
			end = ""
		}
		if err := kiez.WriteDiagnostics(diagOut, wd, ev.ds.Source); err != nil {
			buf.Flush()
			fmt.Fprintf(stderr, "kiez check: %v\n", err)
			return exitProblems
		}
		fmt.Fprintf(diagOut, "%s in the waivers\n%s", countLine(wd), end)
	}
	if stopped {
		if *format == "text" {
			limit.noteStopped(stdout)
		}
		err := buf.Flush()
		if err == nil {
			committed, err = true, dest.commit()
		}
		if err != nil {
			fmt.Fprintf(stderr, "kiez check: %v\n", err)
		}
		return limit.reportTimeout(stderr, "check", "the rules were evaluated",
			"The results shown are those finished in time; a result naming \"context deadline exceeded\" was cut short.")
	}
	err = buf.Flush()
	if err == nil {
		committed, err = true, dest.commit()
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez check: %v\n", err)
		return exitProblems
	}
	if n := out.strict; *strict && n > 0 {
		fmt.Fprintf(stderr, "kiez check: --strict: %s of severity error failed, lack data or could not be evaluated\n", plural(n, "result", "results"))
		return exitProblems
	}
	return exitOK
}

// parseOnly reads the --only flag; nil means show everything.
func parseOnly(s string) (map[rules.Outcome]bool, error) {
	if s == "" {
		return nil, nil
	}
	show := map[rules.Outcome]bool{}
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "problems" {
			for _, o := range outcomes() {
				show[o] = o != rules.OutcomePass && o != rules.OutcomeNotApplicable
			}
			continue
		}
		o, err := rules.ParseOutcome(part)
		if err != nil {
			return nil, fmt.Errorf("%v, or problems", err)
		}
		show[o] = true
	}
	return show, nil
}

func isProblem(o rules.Outcome) bool {
	return o == rules.OutcomeFail || o == rules.OutcomeMissingData || o == rules.OutcomeError
}

// tally counts results per outcome.
type tally map[rules.Outcome]int

func (t tally) add(o rules.Outcome) { t[o]++ }

// String lists the non-zero counts: "1 erfüllt, 3 nicht erfüllt".
func (t tally) String() string {
	var parts []string
	for _, o := range outcomes() {
		if t[o] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", t[o], o.Label()))
		}
	}
	if len(parts) == 0 {
		return "keine Ergebnisse"
	}
	return strings.Join(parts, ", ")
}

// explainCommand is the command line that explains a result of this
// check.
func explainCommand(ev *evaluation, a evalArgs) string {
	parts := []string{"kiez explain --rule REGEL --subject GEGENSTAND"}
	for _, f := range a.ruleFiles {
		parts = append(parts, "--rules", shellQuote(f))
	}
	parts = append(parts, "--period", shellQuote(a.period))
	for _, d := range a.data {
		parts = append(parts, shellQuote(d))
	}
	return strings.Join(parts, " ")
}

// shellQuote quotes an argument that a shell would split or expand.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`*?[]{}()<>|&;!#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

func writeGroup(w io.Writer, g group, show map[rules.Outcome]bool) error {
	fmt.Fprintf(w, "\n  %s\n", g.heading)
	var shown []rules.Result
	for _, r := range g.results {
		if show == nil || show[r.Outcome] {
			shown = append(shown, r)
		}
	}
	if len(g.results) == 0 {
		fmt.Fprintln(w, "    keine Ergebnisse")
		return nil
	}
	hidden := hiddenOf(g.results, show)
	if len(shown) == 0 {
		if problems(hidden) == 0 {
			fmt.Fprintf(w, "    keine Probleme (ausgeblendet: %s)\n", tallyOf(hidden))
		} else {
			fmt.Fprintf(w, "    alle Ergebnisse ausgeblendet (%s)\n", tallyOf(hidden))
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "    Ergebnis\tSchwere\tRegel\tGegenstand\tAnforderungen\tMeldung")
	for _, r := range shown {
		// The severity is what a problem weighs: beside "erfüllt" it
		// would read as if the pass were an error.
		severity := "–"
		if isProblem(r.Outcome) {
			severity = severityLabel(r.Severity)
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t%s\t%s\n", r.Outcome.Label(), severity, r.Rule, r.Subject,
			strings.Join(r.Requirements, ", "), resultMessage(r))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(hidden) > 0 {
		fmt.Fprintf(w, "    (ausgeblendet: %s)\n", tallyOf(hidden))
	}
	return nil
}

// hiddenOf returns the results the filter hides.
func hiddenOf(results []rules.Result, show map[rules.Outcome]bool) []rules.Result {
	var out []rules.Result
	for _, r := range results {
		if show != nil && !show[r.Outcome] {
			out = append(out, r)
		}
	}
	return out
}

// problems counts the results that fail, lack data or could not be
// evaluated.
func problems(results []rules.Result) int {
	n := 0
	for _, r := range results {
		if isProblem(r.Outcome) {
			n++
		}
	}
	return n
}

// resultMessage is the message of a result on one line, naming the waiver
// of a waived result.
func resultMessage(r rules.Result) string {
	msg := strings.Join(strings.Fields(r.Message), " ")
	if r.Waiver != nil {
		msg += fmt.Sprintf(" (Ausnahme %s: %s)", r.Waiver.ID, strings.Join(strings.Fields(r.Waiver.Reason), " "))
	}
	return msg
}

func tallyOf(results []rules.Result) tally {
	t := tally{}
	for _, r := range results {
		t.add(r.Outcome)
	}
	return t
}
