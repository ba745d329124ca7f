package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/rules"
)

// outcomes lists every outcome in the order of the summary columns.
func outcomes() []rules.Outcome {
	return []rules.Outcome{rules.OutcomePass, rules.OutcomeFail, rules.OutcomeNotApplicable,
		rules.OutcomeWaived, rules.OutcomeMissingData, rules.OutcomeError}
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check.synopsis", "check.about")
	var programmes listFlag
	var ruleFiles pathFlag
	fs.Var(&programmes, "programme", "check.flag.programme")
	fs.Var(&ruleFiles, "rules", "flag.rules")
	period := fs.String("period", "", "flag.period")
	format := fs.String("format", "text", "check.flag.format")
	only := fs.String("only", "", "check.flag.only")
	strict := fs.Bool("strict", false, "check.flag.strict")
	outFile := fs.String("out", "", "check.flag.out")
	fs.StringVar(outFile, "o", "", "flag.o")
	limit := addTimeout(fs)
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *format != "text" && *format != "json" && *format != "xlsx" {
		return fs.fail(stderr, "err.format", *format, fs.tx.or("text", "json", "xlsx"))
	}
	f, msg := outputFormat(fs, *format, *outFile, []string{"text", "json", "xlsx"})
	if msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	*format = f
	target := newOutput(fs.tx, "--out", *outFile)
	if msg := checkOutputs([]*output{target}, append(append([]string(nil), paths...), ruleFiles...)); msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	if *format == "xlsx" && target.toStdout() && isTerminal(stdout) {
		return fs.fail(stderr, "err.xlsxTerminal")
	}
	show, err := parseOnly(*only)
	if err != nil {
		return fs.fail(stderr, "err.value", "--only", err)
	}
	at, code, ok := fs.runTime(stderr, *format == "json" || *format == "xlsx")
	if !ok {
		return code
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
	a.engine = checkEngineOptions(*format, show)
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
	var env *envelope.CheckEnvelope
	if *format == "json" {
		e := newCheckEnvelope(ev, a, at)
		env = &e
	}
	out := newCheckWriter(stdout, ev, a, env, show)
	if *format == "xlsx" {
		if out.xlsx, err = newCheckWorkbook(fs.tx, a.period, at); err != nil {
			fmt.Fprintf(stderr, "kiez check: %v\n", err)
			return exitProblems
		}
	}
	_, err = ev.engine.Stream(ctx, ev.ds, ev.period, out.add)
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
		if err := diag.WriteText(diagOut, wd, ev.ds.Source); err != nil {
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
		return limit.reportTimeout(stderr, "check", "timeout.whileRules", "timeout.checkShown")
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
		fmt.Fprintln(stderr, fs.tx.t("check.strictFailed", n))
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

// in lists the non-zero counts in the language of tx: "1 erfüllt, 3
// nicht erfüllt", "1 pass, 3 fail".
func (t tally) in(tx *texts) string {
	var parts []string
	for _, o := range outcomes() {
		if t[o] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", t[o], tx.outcome(o)))
		}
	}
	if len(parts) == 0 {
		return tx.t("check.noResults")
	}
	return strings.Join(parts, ", ")
}

// explainCommand is the command line that explains a result of this
// check.
func explainCommand(ev *evaluation, a evalArgs) string {
	parts := []string{ev.tx.t("check.explainCommand")}
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

func writeGroup(w io.Writer, tx *texts, g group, show map[rules.Outcome]bool) error {
	fmt.Fprintf(w, "\n  %s\n", g.heading)
	var shown []rules.Result
	for _, r := range g.results {
		if show == nil || show[r.Outcome] {
			shown = append(shown, r)
		}
	}
	if len(g.results) == 0 {
		fmt.Fprintln(w, "    "+tx.t("check.noResults"))
		return nil
	}
	hidden := hiddenOf(g.results, show)
	if len(shown) == 0 {
		if problems(hidden) == 0 {
			fmt.Fprintln(w, "    "+tx.t("check.noProblems", tallyOf(hidden).in(tx)))
		} else {
			fmt.Fprintln(w, "    "+tx.t("check.allHidden", tallyOf(hidden).in(tx)))
		}
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "    "+tx.t("check.header"))
	for _, r := range shown {
		// The severity is what a problem weighs: beside "erfüllt" it
		// would read as if the pass were an error.
		severity := "–"
		if isProblem(r.Outcome) {
			severity = tx.severity(r.Severity)
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t%s\t%s\n", tx.outcome(r.Outcome), severity, r.Rule, r.Subject,
			strings.Join(r.Requirements, ", "), resultMessage(tx, r))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(hidden) > 0 {
		fmt.Fprintln(w, "    "+tx.t("check.hidden", tallyOf(hidden).in(tx)))
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
// of a waived result in the language of tx.
func resultMessage(tx *texts, r rules.Result) string {
	msg := strings.Join(strings.Fields(r.Message), " ")
	if r.Waiver != nil {
		msg += tx.t("check.waiver", r.Waiver.ID, strings.Join(strings.Fields(r.Waiver.Reason), " "))
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
