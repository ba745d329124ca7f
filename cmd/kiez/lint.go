package main

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/rules"
)

func runLint(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("lint", "lint.synopsis", "lint.about")
	coverage := fs.Bool("coverage", true, "lint.flag.coverage")
	costs := fs.Int("costs", 3, "lint.flag.costs")
	strict := fs.Bool("strict", false, "lint.flag.strict")
	format := fs.String("format", "text", "lint.flag.format")
	args, code, ok := fs.parse(args, stdout, stderr)
	if !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		return fs.fail(stderr, "err.format", *format, fs.tx.or("text", "json"))
	}
	if len(args) == 0 {
		return fs.fail(stderr, "lint.needRules")
	}
	at, code, ok := fs.runTime(stderr, *format == "json")
	if !ok {
		return code
	}
	src := newSources()
	var sets []*ruleSet
	var diags diag.Diagnostics
	for _, a := range args {
		for _, rs := range lintRules(a, src) {
			if *strict {
				rs.diags = strictDiagnostics(rs.diags)
			}
			sets = append(sets, rs)
			diags = append(diags, rs.diags...)
		}
	}
	diags.Sort()
	if *format == "json" {
		if err := writeLintJSON(stdout, sets, diags, *coverage, *costs, at); err != nil {
			fmt.Fprintf(stderr, "kiez lint: %v\n", err)
			return exitProblems
		}
		if diags.HasErrors() {
			return exitProblems
		}
		return exitOK
	}
	if err := diag.WriteText(stdout, diags, src.get); err != nil {
		fmt.Fprintf(stderr, "kiez lint: %v\n", err)
		return exitProblems
	}
	for i, rs := range sets {
		if i > 0 || len(diags) > 0 {
			fmt.Fprintln(stdout)
		}
		writeLintHeading(stdout, fs.tx, rs)
		if *coverage && rs.prog != nil {
			if err := writeCoverage(stdout, fs.tx, rs.prog); err != nil {
				fmt.Fprintf(stderr, "kiez lint: %v\n", err)
				return exitProblems
			}
		}
		if *costs > 0 && rs.prog != nil {
			if err := writeCosts(stdout, fs.tx, rs.prog, *costs); err != nil {
				fmt.Fprintf(stderr, "kiez lint: %v\n", err)
				return exitProblems
			}
		}
	}
	fmt.Fprintf(stdout, "\n%s\n", countLine(diags))
	if diags.HasErrors() {
		return exitProblems
	}
	return exitOK
}

// writeLintHeading names the file and what it holds, or that it does not
// compile.
func writeLintHeading(w io.Writer, tx *texts, rs *ruleSet) {
	if rs.prog == nil {
		what := tx.t("lint.notCompiled")
		if rs.unread {
			what = tx.t("lint.notRead")
		}
		nerr, _ := count(rs.diags)
		fmt.Fprintf(w, "%s: %s (%s)\n", rs.arg, what, tx.count(nerr, "word.error"))
		return
	}
	p := rs.prog
	version := ""
	if p.Version != "" {
		version = tx.t("sel.version", p.Version)
	}
	fmt.Fprintln(w, tx.t("lint.heading", rs.where(tx), p.ID, p.Name, version))
	fmt.Fprintf(w, "  %s, %s, %s, %s\n",
		tx.count(len(p.Requirements), "word.requirement"), tx.count(len(p.Rules), "word.rule"),
		tx.count(len(p.Params), "word.param"), tx.count(len(p.Manual), "word.manualCheck"))
	fmt.Fprintf(w, "  %s\n", validityLine(tx, p))
}

// validityLine says from when (and until when) the rules apply, and where
// the first day comes from.
func validityLine(tx *texts, p *rules.RuleSet) string {
	var s string
	switch {
	case p.ValidFrom == nil:
		s = tx.t("lint.validOpen")
	case p.ValidFromDerived:
		s = tx.t("lint.validDerived", tx.words().Date(*p.ValidFrom))
	default:
		s = tx.t("lint.validFrom", tx.words().Date(*p.ValidFrom))
	}
	if p.ValidUntil != nil {
		s += tx.t("lint.validUntil", tx.words().Date(*p.ValidUntil))
	}
	return s
}

// writeCoverage prints for each catalogue requirement the rules that check
// it, or the evidence a reviewer checks by hand, or, when it is missing,
// its text.
func writeCoverage(w io.Writer, tx *texts, p *rules.RuleSet) error {
	cov := p.Coverage()
	manual := map[string]rules.Manual{}
	for _, m := range p.Manual {
		if _, ok := manual[m.Requirement]; !ok {
			manual[m.Requirement] = m
		}
	}
	fmt.Fprintln(w, "\n  "+tx.t("lint.coverage"))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "    "+tx.t("lint.coverageHeader"))
	var checked, byHand int
	listed := map[string]bool{}
	for _, req := range p.Requirements {
		listed[req.ID] = true
		how, what := tx.t("lint.missing"), oneLine(req.Text, 70)
		if ids := cov.Checked[req.ID]; len(ids) > 0 {
			how, what = tx.t("lint.byRule"), strings.Join(ids, ", ")
			checked++
		} else if m, ok := manual[req.ID]; ok {
			how, what = tx.t("lint.byHand"), oneLine(m.Evidence, 70)
			byHand++
		}
		fmt.Fprintf(tw, "    %s\t%s\t%s\n", req.ID, how, what)
	}
	for _, id := range uncatalogued(cov, listed) {
		fmt.Fprintf(tw, "    %s\t%s\t%s\n", id, tx.t("lint.byRule"), tx.t("lint.notCatalogued", strings.Join(cov.Checked[id], ", ")))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "    "+tx.t("lint.coverageSum",
		checked+byHand, len(p.Requirements), checked, byHand, len(cov.Missing)))
	return nil
}

// oneLine collapses white space and shortens s to at most n characters.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n-1])) + "…"
	}
	return s
}

// writeCosts prints the n costliest rules of a programme with their
// estimated cost, and the ceiling.
func writeCosts(w io.Writer, tx *texts, p *rules.RuleSet, n int) error {
	rs := costliest(p, n)
	fmt.Fprintln(w, "\n  "+tx.t("lint.costs", tx.cost(rules.CostCeiling)))
	width := 0
	for _, r := range rs {
		width = max(width, len(tx.cost(r.Cost())))
	}
	for _, r := range rs {
		if _, err := fmt.Fprintf(w, "    %*s  %s\n", width, tx.cost(r.Cost()), r.ID); err != nil {
			return err
		}
	}
	return nil
}

// uncatalogued returns, sorted, the requirement ids rules cite that the
// catalogue (listed) does not have.
func uncatalogued(cov rules.Coverage, listed map[string]bool) []string {
	var extra []string
	for id := range cov.Checked {
		if !listed[id] {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	return extra
}

// costliest returns the n rules of p with the highest estimated cost,
// costliest first (rules of equal cost in file order).
func costliest(p *rules.RuleSet, n int) []*rules.Rule {
	rs := append([]*rules.Rule(nil), p.Rules...)
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Cost() > rs[j].Cost() })
	return rs[:min(n, len(rs))]
}

// cost writes an estimated cost, grouped in thousands: 1.000.000.000,
// 1,000,000,000.
func (x *texts) cost(n uint64) string {
	if n > math.MaxInt {
		return strconv.FormatUint(n, 10) // beyond any ceiling; never the case
	}
	return x.words().Int(int(n), true)
}
