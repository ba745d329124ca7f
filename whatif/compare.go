package whatif

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// Side is one side of a comparison: the programmes evaluated and the
// period.
type Side struct {
	// Label names the side for people: "bisher", a file name, "2024".
	Label    string
	RuleSets []*rules.RuleSet
	Period   rules.Period
}

// Option configures Compare.
type Option func(*config)

type config struct {
	renames map[string]string
	engine  []rules.EngineOption
}

// WithRenames matches a rule of the old side with a rule of the new side
// that has another id: the map goes from the old id to the new one. Each
// old id must name a rule of the old side, and the new id a rule of the
// same programme on the new side; Compare refuses the map otherwise.
func WithRenames(m map[string]string) Option {
	return func(c *config) {
		for k, v := range m {
			c.renames[k] = v
		}
	}
}

// WithEngineOptions passes options to the engines of both sides
// (rules.NewEngine), e.g. the number of workers.
func WithEngineOptions(opts ...rules.EngineOption) Option {
	return func(c *config) { c.engine = append(c.engine, opts...) }
}

// Kind says how a result differs between the sides.
type Kind int

// The kinds of change.
const (
	// KindOutcome: the verdict changed (pass → fail, fail → pass, …).
	KindOutcome Kind = iota + 1
	// KindAdded: the result exists only on the new side (a new rule, a
	// new subject, a programme only the new side has).
	KindAdded
	// KindRemoved: the result exists only on the old side.
	KindRemoved
	// KindMessage: the verdict is the same, the message differs.
	KindMessage
)

var kindNames = map[Kind]string{KindOutcome: "outcome", KindAdded: "added", KindRemoved: "removed", KindMessage: "message"}

// String returns the kind's id: outcome, added, removed or message.
func (k Kind) String() string {
	if s, ok := kindNames[k]; ok {
		return s
	}
	return "invalid"
}

// Label returns the German label of the kind.
func (k Kind) Label() string {
	switch k {
	case KindOutcome:
		return "Ergebnis geändert"
	case KindAdded:
		return "neu"
	case KindRemoved:
		return "entfällt"
	case KindMessage:
		return "Meldung geändert"
	}
	return "ungültig"
}

// MarshalText writes the kind's id.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind's id.
func (k *Kind) UnmarshalText(b []byte) error {
	for v, n := range kindNames {
		if n == string(b) {
			*k = v
			return nil
		}
	}
	return fmt.Errorf("unknown kind %q (use outcome, added, removed or message)", b)
}

// Change is one result that differs between the sides.
type Change struct {
	Kind      Kind   `json:"kind"`
	Programme string `json:"programme"`
	// Rule is the rule's id on the new side (on the old side for a
	// removed result); OldRule is its id on the old side when it was
	// renamed.
	Rule    string `json:"rule"`
	OldRule string `json:"oldRule,omitempty"`
	Title   string `json:"title"`
	// Subject is the subject on the new side (on the old side for a
	// removed result); OldSubject is the old side's subject when it
	// differs (shifted by years).
	Subject    string `json:"subject"`
	OldSubject string `json:"oldSubject,omitempty"`
	// Centre is the centre id, "" for a programme rule.
	Centre string `json:"centre,omitempty"`
	// Old and New are the results of the sides; nil on the side without
	// one.
	Old *rules.Result `json:"old,omitempty"`
	New *rules.Result `json:"new,omitempty"`
	// Hours and OldHours are the hours missing on the new and the old
	// side, when the result fails and rests on hours (see Hours).
	Hours    *Hours `json:"hours,omitempty"`
	OldHours *Hours `json:"oldHours,omitempty"`
}

// Effect is +1 when the change makes a problem (fail, missing data or
// error) of what was none, -1 when it resolves one, and 0 otherwise.
func (c Change) Effect() int {
	was, is := c.Old != nil && problem(c.Old.Outcome), c.New != nil && problem(c.New.Outcome)
	switch {
	case is && !was:
		return 1
	case was && !is:
		return -1
	}
	return 0
}

// Effects counts the changes that make a result a problem (worse) and
// those that make it none (better).
func Effects(changes []Change) (worse, better int) {
	for _, ch := range changes {
		switch ch.Effect() {
		case 1:
			worse++
		case -1:
			better++
		}
	}
	return worse, better
}

// Results returns the outcomes of the change's two sides (nil for the
// side without a result) and the result that describes it: the new one,
// or the old one for a removed result.
func (c Change) Results() (old, now any, ref *rules.Result) {
	if c.Old != nil {
		old = c.Old.Outcome
	}
	if c.New != nil {
		now = c.New.Outcome
	}
	ref = c.New
	if ref == nil {
		ref = c.Old
	}
	return old, now, ref
}

func problem(o rules.Outcome) bool {
	return o == rules.OutcomeFail || o == rules.OutcomeMissingData || o == rules.OutcomeError
}

// Tally counts results per outcome.
type Tally map[rules.Outcome]int

// String lists the non-zero counts in the order of the outcomes:
// "3 erfüllt, 1 nicht erfüllt", or "–" when there are none.
func (t Tally) String() string {
	var parts []string
	for _, o := range allOutcomes {
		if t[o] > 0 {
			parts = append(parts, strconv.Itoa(t[o])+" "+o.Label())
		}
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, ", ")
}

var allOutcomes = []rules.Outcome{rules.OutcomePass, rules.OutcomeFail, rules.OutcomeNotApplicable,
	rules.OutcomeWaived, rules.OutcomeMissingData, rules.OutcomeError}

// Count holds the outcome counts of both sides for one rule, requirement
// or centre, and how many of its results changed.
type Count struct {
	Programme string `json:"programme"`
	// Key is the rule id (of the new side), the requirement id, or the
	// centre id (the programme id for programme rules).
	Key string `json:"key"`
	// Title is the rule's title (counts per rule only).
	Title string `json:"title,omitempty"`
	Old   Tally  `json:"old"`
	New   Tally  `json:"new"`
	// Changes counts the changed results; Worse those that became a
	// problem, Better those that stopped being one (Change.Effect).
	Changes int `json:"changes"`
	Worse   int `json:"worse"`
	Better  int `json:"better"`
}

// RuleRef names a rule of a programme.
type RuleRef struct {
	Programme string `json:"programme"`
	ID        string `json:"id"`
	Title     string `json:"title"`
}

// Rename is a rule matched under two ids.
type Rename struct {
	Programme string `json:"programme"`
	Old       string `json:"old"`
	New       string `json:"new"`
}

// SideInfo describes a side of a comparison.
type SideInfo struct {
	Label      string         `json:"label"`
	Period     rules.Period   `json:"period"`
	Programmes []ProgrammeRef `json:"programmes"`
	// Results is the number of results of the side's evaluation.
	Results int `json:"results"`
}

// ProgrammeRef names an evaluated programme and its version.
type ProgrammeRef struct {
	ID      string `json:"id"`
	Version string `json:"version,omitempty"`
	File    string `json:"file,omitempty"`
}

// Comparison is the outcome of Compare.
type Comparison struct {
	Old SideInfo `json:"old"`
	New SideInfo `json:"new"`
	// YearShift is the number of years by which the old side's subjects
	// and messages were shifted before matching (0 when the periods are
	// not whole years apart).
	YearShift int `json:"yearShift,omitempty"`
	// Changes lists the differing results: in the new side's order, then
	// the removed ones in the old side's order.
	Changes []Change `json:"changes"`
	// Unchanged counts the results with the same verdict and message.
	Unchanged int `json:"unchanged"`
	// Rules, Requirements and Centres count the outcomes of both sides
	// in the order the new side (then the old) first shows them.
	Rules        []Count `json:"rules"`
	Requirements []Count `json:"requirements"`
	Centres      []Count `json:"centres"`
	// RulesAdded and RulesRemoved are the rules of a programme only the
	// new or the old side has; Renamed the rules matched under two ids.
	RulesAdded   []RuleRef `json:"rulesAdded,omitempty"`
	RulesRemoved []RuleRef `json:"rulesRemoved,omitempty"`
	Renamed      []Rename  `json:"renamed,omitempty"`
	// Params lists the params that differ, see ParamChange.
	Params []ParamChange `json:"params,omitempty"`
	// Hours sums the hours missing per centre and param; HoursTotal per
	// param over all centres (Centre ""). See Hours.
	Hours      []HoursSum `json:"hours,omitempty"`
	HoursTotal []HoursSum `json:"hoursTotal,omitempty"`

	newEv *rules.Evaluation // see Evaluation
}

// Evaluation returns the new side's evaluation: the dataset, its rule
// sets, its period and its results. The impact report
// (report.Impact) reads it.
func (c *Comparison) Evaluation() *rules.Evaluation { return c.newEv }

// Changed reports whether anything differs: a result, or a param.
func (c *Comparison) Changed() bool { return len(c.Changes) > 0 || len(c.Params) > 0 }

// Compare evaluates the old and the new side on the dataset and returns
// what differs. Results are matched by programme, rule id (old ids
// renamed by WithRenames) and subject; when the new period is the old one
// shifted by whole years, the old side's subjects and messages are
// compared with their years shifted (Comparison.YearShift). A comparison
// of a side with itself reports no change. Compare returns an error when
// a side cannot be evaluated (see rules.Engine.Evaluate), when ctx ends,
// or, as a *RenameError, when the renames name unknown rules.
func Compare(ctx context.Context, ds *kiez.Dataset, old, new Side, opts ...Option) (*Comparison, error) {
	if ds == nil {
		return nil, errors.New("whatif: Compare: nil dataset")
	}
	cfg := config{renames: map[string]string{}}
	for _, o := range opts {
		o(&cfg)
	}
	renamed, err := checkRenames(old.RuleSets, new.RuleSets, cfg.renames)
	if err != nil {
		return nil, err
	}
	oldEv, err := evaluate(ctx, ds, old, cfg)
	if err != nil {
		return nil, err
	}
	newEv, err := evaluate(ctx, ds, new, cfg)
	if err != nil {
		return nil, err
	}
	oldRes, newRes := oldEv.Results(), newEv.Results()
	c := &Comparison{Old: sideInfo(old, len(oldRes)), New: sideInfo(new, len(newRes)), Renamed: renamed, newEv: newEv}
	c.YearShift = yearShift(c.Old.Period, c.New.Period)
	m := matcher{c: c, oldProgs: byID(old.RuleSets), newProgs: byID(new.RuleSets), renames: cfg.renames,
		shift: newShifter(c.Old.Period, c.YearShift)}
	m.match(oldRes, newRes)
	c.RulesAdded, c.RulesRemoved = ruleDiff(old.RuleSets, new.RuleSets, cfg.renames)
	c.Params = paramChanges(old, new)
	c.Hours, c.HoursTotal = sumHours(c.Changes, m.newProgs, m.oldProgs)
	return c, nil
}

func evaluate(ctx context.Context, ds *kiez.Dataset, s Side, cfg config) (*rules.Evaluation, error) {
	eng, err := rules.NewEngine(s.RuleSets, cfg.engine...)
	if err != nil {
		return nil, fmt.Errorf("whatif: %s: %w", s.Label, err)
	}
	ev, err := eng.Evaluate(ctx, ds, s.Period)
	if err != nil {
		return nil, fmt.Errorf("whatif: evaluating %s: %w", s.Label, err)
	}
	return ev, nil
}

func sideInfo(s Side, n int) SideInfo {
	info := SideInfo{Label: s.Label, Period: s.Period, Results: n}
	for _, p := range s.RuleSets {
		info.Programmes = append(info.Programmes, ProgrammeRef{ID: p.ID, Version: p.Version, File: p.File})
	}
	return info
}

func byID(progs []*rules.RuleSet) map[string]*rules.RuleSet {
	m := make(map[string]*rules.RuleSet, len(progs))
	for _, p := range progs {
		m[p.ID] = p
	}
	return m
}

// RenameError is a rename (WithRenames) that names a rule the old or the
// new side does not have.
type RenameError struct {
	Old, New string
	// Problem says which rule is missing and what to do.
	Problem string
}

// Error says which rename failed and what to do:
// "whatif: rename old=new: …".
func (e *RenameError) Error() string {
	return fmt.Sprintf("whatif: rename %s=%s: %s", e.Old, e.New, e.Problem)
}

// checkRenames checks that every renamed rule exists on its side, and
// lists the renames per programme.
func checkRenames(oldProgs, newProgs []*rules.RuleSet, renames map[string]string) ([]Rename, error) {
	olds := make([]string, 0, len(renames))
	for k := range renames {
		olds = append(olds, k)
	}
	sort.Strings(olds)
	newByID := byID(newProgs)
	var out []Rename
	for _, o := range olds {
		n := renames[o]
		found := false
		for _, p := range oldProgs {
			if p.Rule(o) == nil {
				continue
			}
			found = true
			np := newByID[p.ID]
			if np == nil || np.Rule(n) == nil {
				return nil, &RenameError{Old: o, New: n, Problem: fmt.Sprintf("the new rules of programme %s have no rule %q; name a rule of the new rule file", p.ID, n)}
			}
			out = append(out, Rename{Programme: p.ID, Old: o, New: n})
		}
		if !found {
			return nil, &RenameError{Old: o, New: n, Problem: fmt.Sprintf("the old rules have no rule %q; name a rule of the old rule file", o)}
		}
	}
	return out, nil
}

// ruleDiff lists the rules only one side has, per programme on both
// sides.
func ruleDiff(oldProgs, newProgs []*rules.RuleSet, renames map[string]string) (added, removed []RuleRef) {
	oldByID := byID(oldProgs)
	for _, np := range newProgs {
		op := oldByID[np.ID]
		if op == nil {
			continue
		}
		have := map[string]bool{}
		for _, r := range op.Rules {
			id := r.ID
			if n, ok := renames[id]; ok {
				id = n
			}
			have[id] = true
		}
		for _, r := range np.Rules {
			if !have[r.ID] {
				added = append(added, RuleRef{Programme: np.ID, ID: r.ID, Title: r.Title})
			}
		}
		newIDs := map[string]bool{}
		for _, r := range np.Rules {
			newIDs[r.ID] = true
		}
		for _, r := range op.Rules {
			id := r.ID
			if n, ok := renames[id]; ok {
				id = n
			}
			if !newIDs[id] {
				removed = append(removed, RuleRef{Programme: op.ID, ID: r.ID, Title: r.Title})
			}
		}
	}
	return added, removed
}

// matcher matches the results of the two sides.
type matcher struct {
	c                  *Comparison
	oldProgs, newProgs map[string]*rules.RuleSet
	renames            map[string]string
	shift              shifter

	rules, reqs, centres counter
}

// key identifies a result: programme, rule (new id), subject (shifted),
// and which occurrence of that triple it is.
type key struct {
	programme, rule, subject string
	n                        int
}

func (m *matcher) match(oldRes, newRes []rules.Result) {
	m.rules, m.reqs, m.centres = newCounter(), newCounter(), newCounter()
	for i := range newRes {
		m.count(&newRes[i], newRes[i].Rule, false)
	}
	// The old results by subject with the years shifted, and, when the
	// sides are years apart, by subject as written: a subject naming a
	// year of the data rather than of the period ("kita-2023") keeps it.
	oldAt := make(map[key]int, len(oldRes))
	var rawAt map[key]int
	if m.shift.n != 0 {
		rawAt = make(map[key]int, len(oldRes))
	}
	index := func(at map[key]int, k key, i int) {
		for {
			if _, taken := at[k]; !taken {
				at[k] = i
				return
			}
			k.n++
		}
	}
	for i := range oldRes {
		r := &oldRes[i]
		rule := r.Rule
		if n, ok := m.renames[r.Rule]; ok && m.renamedIn(r.Programme, r.Rule) {
			rule = n
		}
		m.count(r, rule, true)
		index(oldAt, key{programme: r.Programme, rule: rule, subject: m.shift.text(r.Subject)}, i)
		if rawAt != nil {
			index(rawAt, key{programme: r.Programme, rule: rule, subject: r.Subject}, i)
		}
	}
	used := make([]bool, len(oldRes))
	// find returns the first unused old result under k (or a later
	// occurrence of k).
	find := func(at map[key]int, k key) (int, bool) {
		for {
			j, ok := at[k]
			if !ok {
				return 0, false
			}
			if !used[j] {
				return j, true
			}
			k.n++
		}
	}
	for i := range newRes {
		r := &newRes[i]
		k := key{programme: r.Programme, rule: r.Rule, subject: r.Subject}
		j, ok := find(oldAt, k)
		if !ok && rawAt != nil {
			j, ok = find(rawAt, k)
		}
		if !ok {
			m.add(Change{Kind: KindAdded, New: r})
			continue
		}
		used[j] = true
		o := &oldRes[j]
		switch {
		case o.Outcome != r.Outcome:
			m.add(Change{Kind: KindOutcome, Old: o, New: r})
		case o.Message != r.Message && m.shift.text(o.Message) != r.Message:
			m.add(Change{Kind: KindMessage, Old: o, New: r})
		default:
			m.c.Unchanged++
		}
	}
	for j := range oldRes {
		if !used[j] {
			m.add(Change{Kind: KindRemoved, Old: &oldRes[j]})
		}
	}
	m.c.Rules, m.c.Requirements, m.c.Centres = m.rules.list(), m.reqs.list(), m.centres.list()
	for i := range m.c.Rules {
		if r := m.ruleOf(m.c.Rules[i].Programme, m.c.Rules[i].Key); r != nil {
			m.c.Rules[i].Title = r.Title
		}
	}
}

// renamedIn reports whether the rename of id applies in the programme:
// its new rules have the rule's new id.
func (m *matcher) renamedIn(prog, id string) bool {
	np := m.newProgs[prog]
	return np != nil && np.Rule(m.renames[id]) != nil
}

// ruleOf returns the rule of the new side, or of the old side when only
// it has the rule.
func (m *matcher) ruleOf(prog, id string) *rules.Rule {
	if p := m.newProgs[prog]; p != nil {
		if r := p.Rule(id); r != nil {
			return r
		}
	}
	if p := m.oldProgs[prog]; p != nil {
		return p.Rule(id)
	}
	return nil
}

// add completes a change and records it.
func (m *matcher) add(ch Change) {
	// Copies, so that the comparison does not keep every result alive.
	if ch.Old != nil {
		r := *ch.Old
		ch.Old = &r
	}
	if ch.New != nil {
		r := *ch.New
		ch.New = &r
	}
	ref := ch.New
	if ref == nil {
		ref = ch.Old
	}
	ch.Programme, ch.Rule, ch.Title, ch.Subject, ch.Centre = ref.Programme, ref.Rule, ref.Title, ref.Subject, ref.Centre
	if ch.Old != nil && ch.New != nil {
		if ch.Old.Rule != ch.New.Rule {
			ch.OldRule = ch.Old.Rule
		}
		if ch.Old.Subject != ch.New.Subject {
			ch.OldSubject = ch.Old.Subject
		}
	}
	if ch.New != nil {
		ch.Hours = hoursOf(m.newProgs[ch.Programme], ch.New)
	}
	if ch.Old != nil {
		ch.OldHours = hoursOf(m.oldProgs[ch.Old.Programme], ch.Old)
	}
	m.c.Changes = append(m.c.Changes, ch)
	effect := ch.Effect()
	rule := ch.Rule
	if ch.New == nil {
		if n, ok := m.renames[rule]; ok && m.renamedIn(ch.Programme, rule) {
			rule = n
		}
	}
	m.rules.change(ch.Programme, rule, effect)
	m.centres.change(ch.Programme, centreKey(ref), effect)
	reqs := ref.Requirements
	if ch.Old != nil && ch.New != nil {
		reqs = union(ch.Old.Requirements, ch.New.Requirements)
	}
	for _, q := range reqs {
		m.reqs.change(ch.Programme, q, effect)
	}
}

func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, s := range b {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

func centreKey(r *rules.Result) string {
	if r.Centre != "" {
		return r.Centre
	}
	return r.Programme
}

// count adds a result to the outcome counts of its side.
func (m *matcher) count(r *rules.Result, rule string, old bool) {
	m.rules.outcome(r.Programme, rule, r.Outcome, old)
	m.centres.outcome(r.Programme, centreKey(r), r.Outcome, old)
	for _, q := range r.Requirements {
		m.reqs.outcome(r.Programme, q, r.Outcome, old)
	}
}

// counter keeps Counts in order of first appearance.
type counter struct {
	at     map[[2]string]int
	counts []*Count
}

func newCounter() counter { return counter{at: map[[2]string]int{}} }

func (c *counter) get(prog, k string) *Count {
	i, ok := c.at[[2]string{prog, k}]
	if !ok {
		i = len(c.counts)
		c.at[[2]string{prog, k}] = i
		c.counts = append(c.counts, &Count{Programme: prog, Key: k, Old: Tally{}, New: Tally{}})
	}
	return c.counts[i]
}

func (c *counter) outcome(prog, k string, o rules.Outcome, old bool) {
	cnt := c.get(prog, k)
	if old {
		cnt.Old[o]++
	} else {
		cnt.New[o]++
	}
}

func (c *counter) change(prog, k string, effect int) {
	cnt := c.get(prog, k)
	cnt.Changes++
	switch effect {
	case 1:
		cnt.Worse++
	case -1:
		cnt.Better++
	}
}

// list returns the counts in order of first appearance.
func (c *counter) list() []Count {
	out := make([]Count, len(c.counts))
	for i, cnt := range c.counts {
		out[i] = *cnt
	}
	return out
}
