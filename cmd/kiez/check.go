package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

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

Exit code: 0 when the evaluation ran, whatever the verdicts; 1 when the
data or a rule file has errors, or, with --strict, when any result of
severity error is "fail", "missing-data" or "error"; 2 on wrong usage.`)
	var programmes listFlag
	var ruleFiles pathFlag
	fs.Var(&programmes, "programme", "check only the programme with this `id` (repeatable, or comma-separated)")
	fs.Var(&ruleFiles, "rules", "load the rule `file` from disk instead of the embedded programme with its id (repeatable)")
	period := fs.String("period", "", "the evaluated `period`: 2024, 2024-H1, 2024-Q3, 2024-03 or 2024-01-01..2024-06-30")
	format := fs.String("format", "text", "output `format`: text (a table per programme and centre) or json (the results)")
	only := fs.String("only", "", "show only these `outcomes` in the text tables: problems (all but pass and not-applicable), or a comma-separated list such as fail,missing-data")
	strict := fs.Bool("strict", false, "exit 1 when any result of severity error is fail, missing-data or error")
	limit := addTimeout(fs)
	paths, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		return fs.usageError(stderr, "--format: unknown format %q (use text or json)", *format)
	}
	show, err := parseOnly(*only)
	if err != nil {
		return fs.usageError(stderr, "--only: %v", err)
	}
	ctx, cancel, msg := limit.context()
	if msg != "" {
		return fs.usageError(stderr, "%s", msg)
	}
	defer cancel()
	diagOut := stdout
	if *format == "json" {
		diagOut = stderr // keep stdout valid JSON
	}
	a := evalArgs{data: paths, programmes: programmes, ruleFiles: ruleFiles, period: *period, ctx: ctx, limit: limit}
	ev, code, ok := prepare(fs, a, diagOut, stderr)
	if !ok {
		return code
	}
	results, err := ev.engine.Evaluate(ctx, ev.ds, ev.period)
	stopped := err != nil && timedOut(ctx)
	if err != nil && !stopped {
		fmt.Fprintf(stderr, "kiez check: %v\n", err)
		return exitProblems
	}
	if wd := rules.CheckWaiverSubjects(ev.ds, results); len(wd) > 0 {
		if err := kiez.WriteDiagnostics(diagOut, wd, ev.ds.Source); err != nil {
			fmt.Fprintf(stderr, "kiez check: %v\n", err)
			return exitProblems
		}
		fmt.Fprintf(diagOut, "%s in the waivers\n\n", countLine(wd))
	}
	if *format == "json" {
		err = writeJSON(stdout, results)
	} else {
		err = writeCheckText(stdout, ev, a, results, show)
	}
	if err != nil {
		fmt.Fprintf(stderr, "kiez check: %v\n", err)
		return exitProblems
	}
	if stopped {
		if *format == "text" {
			limit.noteStopped(stdout)
		}
		return limit.reportTimeout(stderr, "check", "the rules were evaluated",
			"The results shown are those finished in time; a result naming \"context deadline exceeded\" was cut short.")
	}
	if n := strictProblems(results); *strict && n > 0 {
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

// strictProblems counts the results of severity error that are not met:
// fail, missing data or error.
func strictProblems(results []rules.Result) int {
	n := 0
	for _, r := range results {
		if r.Severity == kiez.SeverityError && isProblem(r.Outcome) {
			n++
		}
	}
	return n
}

func isProblem(o rules.Outcome) bool {
	return o == rules.OutcomeFail || o == rules.OutcomeMissingData || o == rules.OutcomeError
}

// writeJSON writes the results as an indented JSON list; fields keep the
// order of rules.Result.
func writeJSON(w io.Writer, results []rules.Result) error {
	if results == nil {
		results = []rules.Result{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(results)
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

// group is the results of one programme for the programme as a whole or
// for one centre.
type group struct {
	key     string // the centre id, or "" for programme-wide rules
	heading string
	results []rules.Result
}

// groupResults splits a programme's results: programme-wide rules first,
// then each centre of the programme in data order.
func groupResults(ds *kiez.Dataset, progID string, results []rules.Result) []group {
	groups := []group{{heading: "Programmweite Regeln"}}
	index := map[string]int{"": 0}
	for _, c := range ds.Centres {
		if c.Programme == progID {
			index[c.ID] = len(groups)
			groups = append(groups, group{key: c.ID, heading: fmt.Sprintf("Zentrum %s – %s", c.ID, c.Name)})
		}
	}
	for _, r := range results {
		if r.Programme != progID {
			continue
		}
		i, ok := index[r.Centre]
		if !ok {
			index[r.Centre] = len(groups)
			i = len(groups)
			groups = append(groups, group{key: r.Centre, heading: "Zentrum " + r.Centre})
		}
		groups[i].results = append(groups[i].results, r)
	}
	if len(groups[0].results) == 0 {
		groups = groups[1:]
	}
	return groups
}

// writeCheckText writes the verdicts for people: per programme a table of
// results per centre, then a summary of the outcomes per centre.
func writeCheckText(w io.Writer, ev *evaluation, a evalArgs, results []rules.Result, show map[rules.Outcome]bool) error {
	per := rules.NewPeriod(ev.period)
	fmt.Fprintf(w, "Prüfzeitraum %s (%s)\n", per.German(), a.period)
	for _, rs := range ev.sets {
		p := rs.prog
		fmt.Fprintf(w, "\nProgramm %s – %s\n", p.ID, p.Name)
		fmt.Fprintf(w, "Regeln: %s; %s\n", rs.describe(), plural(len(p.Rules), "Regel", "Regeln"))
		groups := groupResults(ev.ds, p.ID, results)
		if len(groups) == 0 {
			fmt.Fprintln(w, "\n  Die Daten enthalten keine Zentren dieses Programms.")
			continue
		}
		for _, g := range groups {
			if err := writeGroup(w, g, show); err != nil {
				return err
			}
		}
		if err := writeOutcomeSummary(w, p.ID, groups); err != nil {
			return err
		}
	}
	if problems(results) > 0 {
		fmt.Fprintf(w, "\nBegründung eines Ergebnisses:\n  %s\n", explainCommand(ev, a))
	}
	return nil
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
		fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t%s\t%s\n", r.Outcome.Label(), severityLabel(r.Severity), r.Rule, r.Subject,
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

// writeOutcomeSummary writes the outcome counts of each group and of the
// programme.
func writeOutcomeSummary(w io.Writer, progID string, groups []group) error {
	fmt.Fprintf(w, "\n  Zusammenfassung %s\n", progID)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprint(tw, "    Gegenstand")
	for _, o := range outcomes() {
		fmt.Fprintf(tw, "\t%s", o.Label())
	}
	fmt.Fprintln(tw)
	total := tally{}
	// Numbers are right-aligned under their outcome's label.
	row := func(name string, t tally) {
		fmt.Fprintf(tw, "    %s", name)
		for _, o := range outcomes() {
			fmt.Fprintf(tw, "\t%*d", utf8.RuneCountInString(o.Label()), t[o])
		}
		fmt.Fprintln(tw)
	}
	for _, g := range groups {
		t := tallyOf(g.results)
		for o, n := range t {
			total[o] += n
		}
		name := g.key
		if name == "" {
			name = "Programm"
		}
		row(name, t)
	}
	row("gesamt", total)
	return tw.Flush()
}
