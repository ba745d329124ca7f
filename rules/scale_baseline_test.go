package rules_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/schedule"
)

// The plain-Go baseline: sixteen rules of the Bad Kreuznach rule set
// (rules/programmes/bad-kreuznach-familienzentren.yaml) written once more
// as Go functions, reaching the same verdicts as the engine (rule,
// subject, outcome, severity, waiver; TestPlainBadKreuznachMatchesEngine
// checks that) and writing messages and evidence as the engine does. BenchmarkBadKreuznachSubset runs both on the same
// synthetic centres, so that the cost of the rules engine over
// hand-written Go can be read off.
//
// The subset is representative of the shapes of the whole file: counts of
// staff by role; a rule per staff position, per offer, per catchment Kita,
// per case exchange and per meeting of the centre or the programme; rules
// per calendar year and half-year, each judged whole in the period that
// holds its last day (the edge policy of the param randregel); missing
// data; a lookup in the provider registry; Kitas visited by meetings;
// attendance of programme-wide meetings (indexed, like the engine); the
// latest evidence of a kind; sessions of some offers and their hours;
// warnings.
//
// This file holds the baseline's frame (the params, the verdicts, the
// helpers), the test and the benchmark; the rules are in
// scale_baseline_centre_test.go and scale_baseline_meetings_test.go.

// plainRules are the ids of the rules of the baseline, in file order.
var plainRules = []string{
	"multiprofessionelles-team", "gemeinsamer-raum", "leitungsfreistellung", "angebotsformat",
	"information-wiederholt", "aushang-in-allen-kitas", "profil-in-konzeption", "vorstellung-kita-sozialarbeit",
	"austauschtreffen-teilnahme", "planungstreffen-team", "sozialraumtreffen-teilnehmende",
	"fallaustausch-einwilligung", "vereinbarung-8a", "offene-sprechstunde-angeboten", "zustaendigkeit-alle-kitas",
	"leitung-anstellungstraeger",
}

// plainSubset returns the embedded Bad Kreuznach programme with only the
// rules of the baseline, for the engine's side of the comparison.
func plainSubset(tb testing.TB) *rules.RuleSet {
	tb.Helper()
	p, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	if diags.HasErrors() {
		tb.Fatal(diags)
	}
	sub := *p
	sub.Rules = nil
	for _, r := range p.Rules {
		if slices.Contains(plainRules, r.ID) {
			sub.Rules = append(sub.Rules, r)
		}
	}
	if len(sub.Rules) != len(plainRules) {
		tb.Fatalf("the baseline names %d rules, the rule file has %d of them", len(plainRules), len(sub.Rules))
	}
	return &sub
}

// plainBK evaluates the baseline's rules.
type plainBK struct {
	prog      *rules.RuleSet
	programme *kiez.Programme
	period    rules.Period
	waivers   []kiez.Waiver
	rule      map[string]*rules.Rule
	checks    []func(c *kiez.Centre, out []rules.Result) []rules.Result

	// The params in force.
	freistellung                        decimal.Decimal
	veroeffentlichungsArten             []string
	veroeffentlichungenJeJahr           int
	aushaengeJeKitaUndJahr              int
	planungstreffenMindestzahl          int
	policy                              schedule.EdgePolicy
	besprechungsRhythmus                schedule.Unit
	vorstellungTakt, besprechungsTakt   string
	sozialraumtreffenRollen             []string
	years, halfYears, vorstellungBucket []schedule.Bucket

	// attendance indexes the participants of the programme's meetings,
	// as the engine does: meeting → "centre\x00role".
	attendance map[*kiez.Meeting]map[string]bool
	leitungen  map[*kiez.Meeting]int
	providers  map[string]string
}

func newPlainBK(prog *rules.RuleSet, ds *kiez.Dataset, per rules.Period) *plainBK {
	b := &plainBK{prog: prog, period: per, rule: map[string]*rules.Rule{}}
	for i := range ds.Programmes {
		if ds.Programmes[i].ID == prog.ID {
			b.programme = &ds.Programmes[i]
		}
	}
	for _, w := range ds.Waivers {
		if w.Programme == prog.ID {
			b.waivers = append(b.waivers, w)
		}
	}
	for _, r := range prog.Rules {
		b.rule[r.ID] = r
	}
	param := func(name string) any {
		v, _ := prog.Param(name).At(per.From)
		return v.Value
	}
	b.freistellung = param("leitungsfreistellung").(decimal.Decimal)
	b.veroeffentlichungsArten = param("veroeffentlichungsArten").([]string)
	b.veroeffentlichungenJeJahr = param("veroeffentlichungenJeJahr").(int)
	b.aushaengeJeKitaUndJahr = param("aushaengeJeKitaUndJahr").(int)
	b.planungstreffenMindestzahl = param("planungstreffenMindestzahl").(int)
	b.policy, _ = schedule.ParseEdgePolicy(param("randregel").(string))
	// The baseline knows the calendar reading of the meetings' rhythm only.
	b.besprechungsRhythmus, _ = schedule.ParseUnit(param("besprechungsRhythmus").(string))
	b.vorstellungTakt = param("vorstellungTakt").(string)
	b.besprechungsTakt = param("besprechungsTakt").(string)
	b.sozialraumtreffenRollen = param("sozialraumtreffenRollen").([]string)
	b.years = split(per, "year", b.policy)
	b.halfYears = split(per, b.besprechungsTakt, b.policy)
	b.vorstellungBucket = split(per, b.vorstellungTakt, b.policy)
	b.attendance = map[*kiez.Meeting]map[string]bool{}
	b.leitungen = map[*kiez.Meeting]int{}
	b.providers = map[string]string{}
	if p := b.programme; p != nil {
		for i := range p.Meetings {
			m := &p.Meetings[i]
			set := map[string]bool{}
			for _, x := range m.Participants {
				set[x.Centre+"\x00"+x.Role] = true
				if x.Role == "leitung-familienzentrum" {
					b.leitungen[m]++
				}
			}
			b.attendance[m] = set
		}
		for _, pv := range p.Providers {
			if _, ok := b.providers[pv.ID]; !ok {
				b.providers[pv.ID] = pv.Name
			}
		}
	}
	b.checks = []func(c *kiez.Centre, out []rules.Result) []rules.Result{
		b.multiprofessionellesTeam, b.gemeinsamerRaum, b.leitungsfreistellung, b.angebotsformat,
		b.informationWiederholt, b.aushangInAllenKitas, b.profilInKonzeption, b.vorstellungKitaSozialarbeit,
		b.austauschtreffenTeilnahme, b.planungstreffenTeam, b.sozialraumtreffenTeilnehmende,
		b.fallaustauschEinwilligung, b.vereinbarung8a, b.offeneSprechstundeAngeboten, b.zustaendigkeitAlleKitas,
		b.leitungAnstellungstraeger,
	}
	return b
}

// split returns the buckets buckets(period, unit, policy) judges.
func split(per rules.Period, unit string, policy schedule.EdgePolicy) []schedule.Bucket {
	u, _ := schedule.ParseUnit(unit)
	bs, _, _ := schedule.JudgedBuckets(per.Range(), u, policy)
	if policy == schedule.ExcuseEdges {
		bs = slices.DeleteFunc(bs, func(b schedule.Bucket) bool { return b.Partial })
	}
	return bs
}

// evaluate checks the centres of the programme in data order, each rule in
// file order, as the engine does.
func (b *plainBK) evaluate(ds *kiez.Dataset) []rules.Result {
	var out []rules.Result
	for i := range ds.Centres {
		c := &ds.Centres[i]
		if c.Programme != b.prog.ID {
			continue
		}
		for _, check := range b.checks {
			out = check(c, out)
		}
	}
	return out
}

func (b *plainBK) base(id string, c *kiez.Centre, subject string) rules.Result {
	r := b.rule[id]
	return rules.Result{Programme: b.prog.ID, Rule: r.ID, Title: r.Title, Severity: r.Severity, Requirements: r.Requirements,
		Source: r.Source, Centre: c.ID, Subject: subject}
}

func (b *plainBK) missing(res rules.Result) rules.Result {
	res.Outcome = rules.OutcomeMissingData
	res.Message = "Keine Angaben im Zeitraum " + b.period.German() + "."
	if text := strings.TrimSpace(b.rule[res.Rule].Missing); text != "" {
		res.Message = text // the rule's own text (written without {{ }})
	}
	return res
}

func (b *plainBK) notApplicable(res rules.Result) rules.Result {
	res.Outcome = rules.OutcomeNotApplicable
	res.Message = "Nicht anwendbar."
	if text := strings.TrimSpace(b.rule[res.Rule].NotApplicable); text != "" {
		res.Message = text // the rule's own text (written without {{ }})
	}
	return res
}

// verdict sets the outcome, applying a waiver to a failure.
func (b *plainBK) verdict(res rules.Result, ok bool, msg string) rules.Result {
	res.Message = strings.TrimSpace(msg)
	if ok {
		res.Outcome = rules.OutcomePass
		return res
	}
	res.Outcome = rules.OutcomeFail
	for _, w := range b.waivers {
		if w.Rule == res.Rule && (w.Subject == "" || w.Subject == res.Programme || w.Subject == res.Subject || (res.Centre != "" && w.Subject == res.Centre)) &&
			!w.From.After(b.period.From) && (w.Until == nil || !w.Until.Before(b.period.Until)) {
			res.Outcome = rules.OutcomeWaived
			res.Waiver = &rules.WaiverRef{ID: w.ID, Reason: w.Reason, GrantedBy: w.GrantedBy, Granted: w.Granted, From: w.From, Until: w.Until}
			break
		}
	}
	return res
}

func ev(name string, v any) rules.Evidence {
	return rules.Evidence{Name: name, Text: rules.Format(v), Value: v}
}

func inRange(from, until *date.Date, p rules.Period) bool {
	return (from == nil || !from.After(p.Until)) && (until == nil || !until.Before(p.From))
}

func staff(c *kiez.Centre, role string, p rules.Period) []*kiez.Position {
	var out []*kiez.Position
	for i := range c.Staff {
		s := &c.Staff[i]
		if (role == "" || s.Role == role) && inRange(s.From, s.Until, p) {
			out = append(out, s)
		}
	}
	return out
}

func meetings(list []kiez.Meeting, kind string, p rules.Period) []*kiez.Meeting {
	var out []*kiez.Meeting
	for i := range list {
		m := &list[i]
		if (kind == "" || m.Kind == kind) && !m.Cancelled && p.Contains(m.Date) {
			out = append(out, m)
		}
	}
	return out
}

// TestPlainBadKreuznachMatchesEngine holds the baseline to the engine: on
// a synthetic year and on partial periods, both reach the same verdicts
// (verdictOf) in the same order. Messages and evidence texts are prose of
// the rule file and are not compared, so that rewording a rule file does
// not break a Go test; the baseline still writes them, so that the
// benchmark measures the same work on both sides.
func TestPlainBadKreuznachMatchesEngine(t *testing.T) {
	data := synthetic(t, 150)
	sub := plainSubset(t)
	eng, err := rules.NewEngine([]*rules.RuleSet{sub})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"2024", "2024-H1", "2024-03-15..2024-10-20", "2023"} {
		per, err := rules.ParsePeriod(p)
		if err != nil {
			t.Fatal(err)
		}
		evRes, err := eng.Evaluate(context.Background(), data.Dataset, per)
		res := evRes.Results()
		if err != nil {
			t.Fatal(err)
		}
		// The engine gives the programme rules first; the subset has none.
		got := verdictsOf(newPlainBK(sub, data.Dataset, per).evaluate(data.Dataset))
		want := verdictsOf(res)
		t.Logf("%s: %d results", p, len(got))
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("%s: the baseline's verdicts differ from the engine's (-engine +plain):\n%s", p, diff)
		}
	}
}

// verdict is what the baseline must agree on with the engine: which rule
// judged which subject of which centre, with what outcome and severity,
// and which waiver (if any) excused a failure.
type verdict struct {
	Programme, Rule, Centre, Subject string
	Outcome                          rules.Outcome
	Severity                         diag.Severity
	Waiver                           string
}

func verdictsOf(rs []rules.Result) []verdict {
	out := make([]verdict, len(rs))
	for i, r := range rs {
		out[i] = verdict{Programme: r.Programme, Rule: r.Rule, Centre: r.Centre, Subject: r.Subject, Outcome: r.Outcome, Severity: r.Severity}
		if r.Waiver != nil {
			out[i].Waiver = r.Waiver.ID
		}
	}
	return out
}

// resultLine writes every field of a result on one line, evidence texts
// included: the tests that hold the engine to itself (one worker against
// eight, Stream against Evaluate) compare these lines.
func resultLine(r rules.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%s|%s|%s|%s|%s|%s|%v|%v", r.Programme, r.Rule, r.Subject, r.Centre, r.Outcome, r.Severity, r.Message, r.Requirements, r.Source)
	for _, e := range r.Evidence {
		fmt.Fprintf(&b, "|%s=%s", e.Name, e.Text)
	}
	return b.String()
}

// BenchmarkBadKreuznachSubset evaluates the sixteen rules of the baseline
// on the Bad Kreuznach centres of the 1,000 synthetic centres, with the
// engine (one worker) and as plain Go: the ratio of the two times is the
// engine's cost over hand-written Go. Both report their processor time
// (cpu-ms/op, the collector's included), which varies less than the time
// on a shared machine.
func BenchmarkBadKreuznachSubset(b *testing.B) {
	data := synthetic(b, 1000)
	sub := plainSubset(b)
	per := data.Period()
	b.Run("engine", func(b *testing.B) {
		eng, err := rules.NewEngine([]*rules.RuleSet{sub}, rules.WithWorkers(1), rules.WithoutValidation())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		reportCPU := cpuPerOp(b)
		for b.Loop() {
			if _, err := eng.Evaluate(context.Background(), data.Dataset, data.Period()); err != nil {
				b.Fatal(err)
			}
		}
		reportCPU()
	})
	b.Run("plain", func(b *testing.B) {
		b.ReportAllocs()
		reportCPU := cpuPerOp(b)
		for b.Loop() {
			newPlainBK(sub, data.Dataset, per).evaluate(data.Dataset)
		}
		reportCPU()
	})
}
