package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/envelope"
	"github.com/kiez-go/kiez/rules"
)

// checkWriter writes the verdicts of kiez check as the engine hands them
// over (rules.Engine.Stream), centre by centre, and keeps only what the
// end of the output needs: the outcome counts per centre for the
// summaries, the number of problems, and the few results that the
// dataset's waivers name (for rules.CheckWaiverSubjects). The memory it
// needs thus does not grow with the results of a state-wide run.
//
// The output is the same as if every result had been collected first:
// per programme (in the order of the evaluation's rule sets) the
// programme-wide rules, then each centre of the programme in data order,
// a centre without results included, then the summary. The engine hands
// over results in that order; a result that comes out of it (a centre
// not in the data, or one already written) is kept and written as a group
// of its own after the programme's centres.
type checkWriter struct {
	w    io.Writer
	ev   *evaluation
	a    evalArgs
	json bool
	show map[rules.Outcome]bool

	// strict counts the results of severity error that are not met;
	// problems those that fail, lack data or could not be evaluated.
	strict, problems int
	// waived are the results of the rules that a waiver names.
	waived []rules.Result
	wanted map[[2]string]bool

	// Text output.
	started bool
	set     int           // the index in ev.sets of the next programme to open
	prog    *programmeOut // the programme being written, or nil

	// XLSX output, when not nil.
	xlsx *checkWorkbook

	// JSON output: the envelope, filled in as the results come.
	env *envelope.CheckEnvelope
	n   int
	buf bytes.Buffer
	enc *json.Encoder
}

// programmeOut is the state of the programme being written.
type programmeOut struct {
	id      string
	centres []group        // every centre of the programme, in data order, without results
	index   map[string]int // centre id → index in centres
	next    int            // the first centre not yet written
	cur     *group         // the group collecting results, or nil
	late    []*group       // results out of order, written at the end
	rows    []summaryRow
}

// group is the results of one programme for the programme as a whole or
// for one centre.
type group struct {
	key     string // the centre id, or "" for programme-wide rules
	heading string
	results []rules.Result
}

// summaryRow is one line of a programme's summary.
type summaryRow struct {
	name string
	t    tally
}

// newCheckWriter returns a writer of text, or of JSON in the envelope env
// when env is not nil.
func newCheckWriter(w io.Writer, ev *evaluation, a evalArgs, env *envelope.CheckEnvelope, show map[rules.Outcome]bool) *checkWriter {
	asJSON := env != nil
	c := &checkWriter{w: w, ev: ev, a: a, json: asJSON, env: env, show: show, wanted: map[[2]string]bool{}}
	for _, wv := range ev.ds.Waivers {
		c.wanted[[2]string{wv.Programme, wv.Rule}] = true
	}
	if asJSON {
		// Each result is indented as an element of the envelope's list.
		c.enc = json.NewEncoder(&c.buf)
		c.enc.SetEscapeHTML(false)
		c.enc.SetIndent("    ", "  ")
	}
	return c
}

// add takes the next result; it is the callback of rules.Engine.Stream.
func (c *checkWriter) add(r rules.Result) error {
	if isProblem(r.Outcome) {
		c.problems++
		if r.Severity == diag.Error {
			c.strict++
		}
	}
	if c.wanted[[2]string{r.Programme, r.Rule}] {
		c.waived = append(c.waived, r)
	}
	if c.xlsx != nil {
		return c.xlsx.add(r)
	}
	if c.json {
		c.env.Summary.Add(r)
		return c.addJSON(r)
	}
	return c.addText(r)
}

// addJSON writes a result as the next element of the envelope's list of
// results, byte for byte as encoding/json indents the whole envelope.
func (c *checkWriter) addJSON(r rules.Result) error {
	c.buf.Reset()
	if c.n == 0 {
		head, err := envelope.Head(c.env.RunInfo)
		if err != nil {
			return err
		}
		c.buf.Write(head)
		c.buf.WriteString("\n    ")
	} else {
		c.buf.WriteString(",\n    ")
	}
	if err := c.enc.Encode(r); err != nil {
		return err
	}
	c.buf.Truncate(c.buf.Len() - 1) // Encode ends with a newline
	c.n++
	_, err := c.w.Write(c.buf.Bytes())
	return err
}

func (c *checkWriter) addText(r rules.Result) error {
	if err := c.start(); err != nil {
		return err
	}
	for c.prog == nil || c.prog.id != r.Programme {
		if c.set == len(c.ev.sets) {
			// A programme the evaluation does not know: never the case,
			// as the engine evaluates exactly the sets' programmes.
			return fmt.Errorf("a result of programme %q, which was not evaluated", r.Programme)
		}
		if err := c.nextProgramme(); err != nil {
			return err
		}
	}
	p := c.prog
	if p.cur != nil && p.cur.key == r.Centre {
		p.cur.results = append(p.cur.results, r)
		return nil
	}
	i, known := p.index[r.Centre]
	switch {
	case r.Centre == "" && p.cur == nil && p.next == 0 && len(p.rows) == 0:
		p.cur = &group{heading: c.ev.tx.t("check.programmeWide")}
	case known && i >= p.next:
		if err := c.closeGroup(); err != nil {
			return err
		}
		for ; p.next < i; p.next++ {
			if err := c.writeGroup(&p.centres[p.next]); err != nil {
				return err
			}
		}
		p.next++
		p.cur = &p.centres[i]
	default:
		var g *group
		for _, l := range p.late {
			if l.key == r.Centre {
				g = l
			}
		}
		if g == nil {
			g = &group{key: r.Centre, heading: c.ev.tx.t("check.centre", r.Centre)}
			if r.Centre == "" {
				g.heading = c.ev.tx.t("check.programmeWide")
			}
			p.late = append(p.late, g)
		}
		g.results = append(g.results, r)
		return nil
	}
	p.cur.results = append(p.cur.results, r)
	return nil
}

// start writes the period line once.
func (c *checkWriter) start() error {
	if c.started {
		return nil
	}
	c.started = true
	per := c.ev.period
	_, err := fmt.Fprintln(c.w, c.ev.tx.t("check.periodLine", c.ev.tx.span(per), c.a.period))
	return err
}

// nextProgramme ends the programme being written and opens the next one.
func (c *checkWriter) nextProgramme() error {
	if err := c.endProgramme(); err != nil {
		return err
	}
	rs := c.ev.sets[c.set]
	c.set++
	p := rs.prog
	tx := c.ev.tx
	fmt.Fprintln(c.w, "\n"+tx.t("check.programme", p.ID, p.Name))
	if _, err := fmt.Fprintln(c.w, tx.t("check.rulesLine", rs.describe(tx), tx.count(len(p.Rules), "word.rule"))); err != nil {
		return err
	}
	po := &programmeOut{id: p.ID, index: map[string]int{}}
	for i := range c.ev.ds.Centres {
		ce := &c.ev.ds.Centres[i]
		if ce.Programme != p.ID {
			continue
		}
		if _, dup := po.index[ce.ID]; !dup {
			po.index[ce.ID] = len(po.centres)
		}
		po.centres = append(po.centres, group{key: ce.ID, heading: tx.t("check.centreNamed", ce.ID, ce.Name)})
	}
	c.prog = po
	return nil
}

// closeGroup writes the group collecting results, if any.
func (c *checkWriter) closeGroup() error {
	p := c.prog
	if p.cur == nil {
		return nil
	}
	g := p.cur
	p.cur = nil
	return c.writeGroup(g)
}

// writeGroup writes a group's table, notes its row of the summary and
// lets its results go.
func (c *checkWriter) writeGroup(g *group) error {
	if err := writeGroup(c.w, c.ev.tx, *g, c.show); err != nil {
		return err
	}
	name := g.key
	if name == "" {
		name = c.ev.tx.t("check.programmeRow")
	}
	c.prog.rows = append(c.prog.rows, summaryRow{name: name, t: tallyOf(g.results)})
	g.results = nil
	return nil
}

// endProgramme writes the rest of the programme being written: the
// centres without results after the last one with results, the results
// that came out of order, and the summary.
func (c *checkWriter) endProgramme() error {
	p := c.prog
	if p == nil {
		return nil
	}
	if err := c.closeGroup(); err != nil {
		return err
	}
	for ; p.next < len(p.centres); p.next++ {
		if err := c.writeGroup(&p.centres[p.next]); err != nil {
			return err
		}
	}
	for _, g := range p.late {
		if err := c.writeGroup(g); err != nil {
			return err
		}
	}
	c.prog = nil
	if len(p.rows) == 0 {
		_, err := fmt.Fprintln(c.w, "\n  "+c.ev.tx.t("check.noCentres"))
		return err
	}
	return writeOutcomeSummary(c.w, c.ev.tx, p.id, p.rows)
}

// finish ends the output: the envelope after the results, or in text the
// programmes still open or not reached and the hint how to explain a
// result.
func (c *checkWriter) finish() error {
	if c.xlsx != nil {
		return c.xlsx.finish(c.w)
	}
	if c.json {
		var out []byte
		if c.n == 0 {
			head, err := envelope.Head(c.env.RunInfo)
			if err != nil {
				return err
			}
			out = head
		}
		tail, err := envelope.Tail(*c.env, c.n == 0)
		if err != nil {
			return err
		}
		_, err = c.w.Write(append(out, tail...))
		return err
	}
	if err := c.start(); err != nil {
		return err
	}
	for c.prog != nil || c.set < len(c.ev.sets) {
		if c.set == len(c.ev.sets) {
			if err := c.endProgramme(); err != nil {
				return err
			}
			break
		}
		if err := c.nextProgramme(); err != nil {
			return err
		}
	}
	if c.problems > 0 {
		_, err := fmt.Fprintf(c.w, "\n%s\n  %s\n", c.ev.tx.t("check.explainHint"), explainCommand(c.ev, c.a))
		return err
	}
	return nil
}

// writeOutcomeSummary writes the outcome counts of each group and of the
// programme.
func writeOutcomeSummary(w io.Writer, tx *texts, progID string, rows []summaryRow) error {
	fmt.Fprintln(w, "\n  "+tx.t("check.summary", progID))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprint(tw, "    "+tx.t("check.subject"))
	for _, o := range outcomes() {
		fmt.Fprintf(tw, "\t%s", tx.outcome(o))
	}
	fmt.Fprintln(tw)
	total := tally{}
	// Numbers are right-aligned under their outcome's label.
	row := func(name string, t tally) {
		fmt.Fprintf(tw, "    %s", name)
		for _, o := range outcomes() {
			fmt.Fprintf(tw, "\t%*d", utf8.RuneCountInString(tx.outcome(o)), t[o])
		}
		fmt.Fprintln(tw)
	}
	for _, r := range rows {
		for o, n := range r.t {
			total[o] += n
		}
		row(r.name, r.t)
	}
	row(tx.t("check.total"), total)
	return tw.Flush()
}
