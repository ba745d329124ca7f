package rules

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/expr-lang/expr/vm"
	"github.com/rickb777/date"
	"github.com/rickb777/date/timespan"
	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
)

// Engine evaluates compiled programmes on datasets. An Engine is immutable
// and safe for concurrent use; so are the Programmes it holds.
type Engine struct {
	progs []*Programme
	cfg   config
}

// NewEngine returns an engine for the given programmes. Two programmes with
// the same id are an error.
func NewEngine(progs []*Programme, opts ...Option) (*Engine, error) {
	seen := map[string]string{}
	for _, p := range progs {
		if p == nil {
			return nil, errors.New("rules: NewEngine: nil programme")
		}
		if prev, dup := seen[p.ID]; dup {
			return nil, fmt.Errorf("rules: programme %q is loaded twice (%s and %s)", p.ID, prev, p.File)
		}
		seen[p.ID] = p.File
	}
	cfg := newConfig(opts)
	cfg.workers = cfg.workerCount()
	return &Engine{progs: append([]*Programme(nil), progs...), cfg: cfg}, nil
}

// Programmes returns the engine's programmes.
func (e *Engine) Programmes() []*Programme { return append([]*Programme(nil), e.progs...) }

// Evaluate checks every centre of the dataset whose programme the engine
// knows, for the given period, and returns one result per rule and
// subject: the programme rules first, then each centre in data order, each
// in the rule file's order. A rule that errors yields an error result and
// never stops the others. Evaluate stops early, returning the results so
// far and the context's error, when ctx is cancelled. The dataset should
// be valid (kiez.Dataset.Validate); Evaluate only reads it. A dataset
// whose waivers name an unknown programme or rule (see CheckWaivers) is
// refused before any rule runs: the error wraps ErrWaivers and the
// diagnostics. To check a dataset too large to keep every result in
// memory, use Stream.
func (e *Engine) Evaluate(ctx context.Context, ds *kiez.Dataset, period timespan.DateRange) ([]Result, error) {
	if ds == nil {
		return nil, errors.New("rules: Evaluate: nil dataset")
	}
	var chunks [][]Result
	err := e.evaluate(ctx, ds, period, false, func(rs []Result) error {
		chunks = append(chunks, rs)
		return nil
	})
	// One copy into a list of the right length: the results of a large
	// dataset take hundreds of megabytes, too many to copy while growing.
	// Each chunk is let go once copied.
	n := 0
	for _, c := range chunks {
		n += len(c)
	}
	out := make([]Result, 0, n)
	for i, c := range chunks {
		out = append(out, c...)
		chunks[i] = nil
	}
	return out, err
}

// Stream evaluates like Evaluate but hands each result to fn as soon as
// its centre is done, in Evaluate's order, instead of keeping them: the
// memory it needs is that of the dataset and of a few centres' results
// per worker, however many centres the dataset holds. It is for
// state-wide runs that count, aggregate or write the results as they
// come. fn runs on the calling goroutine. When fn returns an error,
// Stream stops and returns it; when ctx is cancelled, Stream stops and
// returns the context's error. Stream refuses a dataset with waiver
// errors as Evaluate does.
func (e *Engine) Stream(ctx context.Context, ds *kiez.Dataset, period timespan.DateRange, fn func(Result) error) error {
	if ds == nil {
		return errors.New("rules: Stream: nil dataset")
	}
	return e.evaluate(ctx, ds, period, true, func(rs []Result) error {
		for _, res := range rs {
			if err := fn(res); err != nil {
				return err
			}
		}
		return nil
	})
}

// evaluate evaluates every programme of the engine on the dataset and
// hands emit the results in order, on the calling goroutine: first the
// programme rules' results of a programme, then those of each centre.
// With reuse, emit is done with a list when it returns, and the list is
// filled again for a later centre. evaluate stops at the first error of
// emit or of ctx and returns it.
func (e *Engine) evaluate(ctx context.Context, ds *kiez.Dataset, period timespan.DateRange, reuse bool, emit func([]Result) error) error {
	if err := e.checkWaiverErrors(ds, period); err != nil {
		return err
	}
	per := NewPeriod(period)
	for _, p := range e.progs {
		r := e.newRun(p, ds, per)
		if r.programme == nil && len(r.centres) == 0 {
			continue
		}
		out, err := r.programmeRules(ctx)
		if emitErr := emit(out); err == nil {
			err = emitErr // the results so far are emitted even when ctx ends
		}
		if err == nil {
			err = r.eachCentre(ctx, min(e.cfg.workers, len(r.centres)), reuse, emit)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// run holds what one evaluation of one programme shares, and, in the
// copy each goroutine makes (forWorker), what that goroutine owns.
type run struct {
	eng       *Engine
	prog      *Programme
	programme *kiez.Programme
	centres   []*kiez.Centre
	period    Period
	params    any
	missing   map[string]*Param // params without a value in force
	windows   map[*Rule]*window // the rules whose validity cuts the period
	waivers   []kiez.Waiver
	shared    *sharedCache // indexes of the programme record, read-only

	// Owned by one goroutine, never shared:
	machine *vm.VM         // the expression machine
	ec      *evalCtx       // the state handed to the functions
	budget  *stepBudget    // the steps of the rule being evaluated
	env     map[string]any // the variables, updated in place per centre, item and let
	slots   []slot         // the item-independent values of the rule being evaluated
	letDone []bool         // which lets of the current verdict are in env
	// perCentre is the most results a centre has had so far.
	perCentre int
	ids       map[reflect.Type][]int // see idField
}

// slot is the value of an item-independent expression of a rule with
// each, computed for the first item that needs it.
type slot struct {
	done bool
	v    any
	err  error
}

// newRun prepares the evaluation of a programme: its records in the
// dataset, the params in force and the indexes every goroutine reads.
func (e *Engine) newRun(p *Programme, ds *kiez.Dataset, per Period) *run {
	r := &run{eng: e, prog: p, period: per}
	r.collect(ds)
	r.params, r.missing = p.paramsAt(per.From)
	r.windows = p.windows(per)
	r.shared = newSharedCache(r.programme, p.consts)
	return r
}

// forWorker returns a copy of the run with its own expression machine,
// function state and variables, for one goroutine.
func (r *run) forWorker(ctx context.Context) *run {
	w := *r
	w.machine = &vm.VM{MemoryBudget: r.eng.cfg.memoryBudget}
	w.ec = newEvalCtx(ctx, r.shared)
	w.budget = &stepBudget{}
	w.env = map[string]any{
		varProgramme: r.programme,
		varCentres:   r.centres,
		varPeriod:    r.period,
		varParams:    r.params,
		ctxVar:       w.ec,
		budgetVar:    w.budget,
	}
	w.slots = nil
	w.ids = nil
	return &w
}

// programmeRules evaluates the programme rules; it stops early, with the
// context's error, when ctx is cancelled.
func (r *run) programmeRules(ctx context.Context) ([]Result, error) {
	var out []Result
	w := r.forWorker(ctx)
	for _, rule := range r.prog.Rules {
		if rule.Scope != ScopeProgramme {
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		out = w.rule(ctx, rule, nil, out)
	}
	return out, nil
}

// eachCentre evaluates the centres on workers goroutines and hands emit
// each centre's results in data order, on the calling goroutine. The
// workers take the centres in order, each only once it holds one of
// window tokens; the caller gives a token back when it has emitted a
// centre. So at most window centres' results wait, and the window-th
// centre after the last emitted one never finds its slot of the ring
// taken. With reuse, the lists the caller has emitted go back to the
// workers to be filled again.
func (r *run) eachCentre(ctx context.Context, workers int, reuse bool, emit func([]Result) error) error {
	if workers <= 1 {
		w := r.forWorker(ctx)
		var buf []Result
		for _, c := range r.centres {
			if err := ctx.Err(); err != nil {
				return err
			}
			rs := w.centre(ctx, c, buf)
			if err := emit(rs); err != nil {
				return err
			}
			if reuse {
				buf = rs[:0]
			}
		}
		return ctx.Err()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	window := 4 * workers
	ring := make([]chan []Result, window)
	for i := range ring {
		ring[i] = make(chan []Result, 1)
	}
	tokens := make(chan struct{}, window)
	free := make(chan []Result, window+workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			w := r.forWorker(ctx)
			for {
				select {
				case tokens <- struct{}{}:
				case <-ctx.Done():
					return
				}
				i := int(next.Add(1)) - 1
				if i >= len(r.centres) {
					return
				}
				var buf []Result
				select {
				case buf = <-free:
				default:
				}
				ring[i%window] <- w.centre(ctx, r.centres[i], buf)
			}
		})
	}
	var err error
	for i := range r.centres {
		select {
		case rs := <-ring[i%window]:
			err = emit(rs)
			if reuse {
				select {
				case free <- rs[:0]:
				default:
				}
			}
			<-tokens
		case <-ctx.Done():
			err = ctx.Err()
		}
		if err == nil {
			err = ctx.Err() // a centre cut short by cancellation
		}
		if err != nil {
			break
		}
	}
	cancel()
	wg.Wait()
	return err
}

// collect picks the programme's records, centres and waivers from the
// dataset.
func (r *run) collect(ds *kiez.Dataset) {
	for i := range ds.Programmes {
		if ds.Programmes[i].ID == r.prog.ID {
			r.programme = &ds.Programmes[i]
			break
		}
	}
	for i := range ds.Centres {
		if ds.Centres[i].Programme == r.prog.ID {
			r.centres = append(r.centres, &ds.Centres[i])
		}
	}
	for _, w := range ds.Waivers {
		if w.Programme == r.prog.ID {
			r.waivers = append(r.waivers, w)
		}
	}
}

// centre evaluates the centre rules for one centre and appends the
// results to out, which may be nil.
func (r *run) centre(ctx context.Context, c *kiez.Centre, out []Result) []Result {
	r.ec.reset()
	// Centres of a programme have about as many results each: start with
	// room for as many as the largest so far.
	if out == nil {
		out = make([]Result, 0, r.perCentre)
	}
	for _, rule := range r.prog.Rules {
		if rule.Scope != ScopeCentre {
			continue
		}
		if ctx.Err() != nil {
			return out
		}
		out = r.rule(ctx, rule, c, out)
	}
	r.perCentre = max(r.perCentre, len(out))
	return out
}

// paramsAt builds the params struct with the values in force on day d,
// and names the params without a value then: the rules that use one of
// them give an error naming it.
func (p *Programme) paramsAt(d date.Date) (any, map[string]*Param) {
	v := reflect.New(p.paramType).Elem()
	missing := map[string]*Param{}
	for _, param := range p.Params {
		pv, ok := param.At(d)
		if !ok {
			missing[param.Name] = param
			continue
		}
		if f := v.FieldByName("P_" + param.Name); f.IsValid() {
			f.Set(reflect.ValueOf(pv.Value))
		}
	}
	return v.Interface(), missing
}

// exec runs a compiled expression on the current variables within the
// memory budget.
func (r *run) exec(e *expression) (any, error) {
	out, err := r.machine.Run(e.program, r.env)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", e.pos().String(), cleanError(err))
	}
	return out, nil
}

// eval is exec for the expressions of a verdict: the value of an
// item-independent expression is computed once per subject (see
// Rule.assignSlots).
func (r *run) eval(e *expression, slots []slot) (any, error) {
	if slots == nil || e.slot < 0 {
		return r.exec(e)
	}
	s := &slots[e.slot]
	if !s.done {
		s.v, s.err = r.exec(e)
		s.done = true
	}
	return s.v, s.err
}

// cleanError drops expr's snippet from an error message and names types
// in the authors' words (authorWords); the position is
// given separately.
func cleanError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, " ("); i > 0 && strings.Contains(msg[i:], ")\n") {
		msg = msg[:i]
	}
	if i := strings.IndexByte(msg, '\n'); i > 0 {
		msg = msg[:i]
	}
	return authorWords(msg)
}

// rule evaluates one rule for a centre (nil for programme rules) and
// appends its results to out; for a rule with each it yields one result
// per item.
func (r *run) rule(ctx context.Context, rule *Rule, c *kiez.Centre, out []Result) []Result {
	out, _ = r.ruleParts(ctx, rule, c, nil, out)
	return out
}

// ruleParts is rule, also returning for each of its results the values of
// the given compiled parts of the assertion (for Explain).
func (r *run) ruleParts(ctx context.Context, rule *Rule, c *kiez.Centre, explain []*expression, out []Result) ([]Result, [][]Evidence) {
	r.budget.start(rule.Scope, len(r.centres), r.eng.cfg.stepBudget)
	w := r.windows[rule]
	if w == nil {
		return r.rulePartsIn(ctx, rule, c, explain, out)
	}
	if w.outside != "" {
		res := Result{Programme: r.prog.ID, Rule: rule.ID, Title: rule.Title, Severity: rule.Severity,
			Requirements: rule.Requirements, Source: rule.Source, Subject: r.prog.ID}
		if c != nil {
			res.Subject, res.Centre = c.ID, c.ID
		}
		return append(out, notApplicableResult(res, w.outside)), [][]Evidence{nil}
	}
	// Judge the part of the period inside the rule's validity.
	per, params, missing := r.period, r.params, r.missing
	r.period, r.params, r.missing = w.period, w.params, w.missing
	r.env[varPeriod], r.env[varParams] = w.period, w.params
	n := len(out)
	out, parts := r.rulePartsIn(ctx, rule, c, explain, out)
	r.period, r.params, r.missing = per, params, missing
	r.env[varPeriod], r.env[varParams] = per, params
	for i := n; i < len(out); i++ {
		out[i].Message = w.note + out[i].Message
	}
	return out, parts
}

// rulePartsIn is ruleParts within the period and params of the run.
func (r *run) rulePartsIn(ctx context.Context, rule *Rule, c *kiez.Centre, explain []*expression, out []Result) ([]Result, [][]Evidence) {
	base := Result{Programme: r.prog.ID, Rule: rule.ID, Title: rule.Title, Severity: rule.Severity,
		Requirements: rule.Requirements, Source: rule.Source}
	subject := r.prog.ID
	if c != nil {
		subject, base.Centre = c.ID, c.ID
		r.env[varCentre] = c
	}
	if len(r.missing) > 0 {
		base.Subject = subject
		if res, ok := r.paramsMissingResult(rule, base); ok {
			return append(out, res), [][]Evidence{nil}
		}
	}
	if rule.each == nil {
		base.Subject = subject
		res, parts := r.verdict(rule, base, nil, explain)
		return append(out, res), [][]Evidence{parts}
	}
	items, err := r.items(rule)
	if err != nil {
		base.Subject = subject
		return append(out, errorResult(base, err.Error())), [][]Evidence{nil}
	}
	var slots []slot
	if rule.slots > 0 {
		if cap(r.slots) < rule.slots {
			r.slots = make([]slot, rule.slots)
		}
		slots = r.slots[:rule.slots]
		clear(slots)
	}
	var allParts [][]Evidence
	for i, item := range items {
		if ctx.Err() != nil {
			break
		}
		r.env[varItem] = item
		res := base
		res.Subject = subject + "/" + r.itemSubject(rule, item, i)
		v, parts := r.verdict(rule, res, slots, explain)
		out = append(out, v)
		if explain != nil {
			allParts = append(allParts, parts)
		}
	}
	if slots != nil {
		clear(slots) // drop the references to values of this subject
	}
	return out, allParts
}

// items returns the items of a rule with each. The list of an each that
// reads neither the centre nor anything of it (buckets of the period, the
// months of the period, a param) is built once per evaluation.
func (r *run) items(rule *Rule) ([]any, error) {
	if k := rule.each.konst; k >= 0 {
		c := &r.shared.consts[k]
		c.once.Do(func() {
			c.v, c.err = r.exec(rule.each)
			if c.err == nil {
				c.items = listItems(c.v)
			}
		})
		return c.items, c.err
	}
	list, err := r.exec(rule.each)
	if err != nil {
		return nil, err
	}
	return listItems(list), nil
}

// listItems returns the elements of a list value.
func listItems(list any) []any {
	if l, ok := list.([]any); ok {
		return l
	}
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice && v.Kind() != reflect.Array {
		return nil
	}
	items := make([]any, v.Len())
	for i := range items {
		items[i] = v.Index(i).Interface()
	}
	return items
}

// itemSubject names an item: the subject expression, else its id field,
// else its text form, else its position in the list.
func (r *run) itemSubject(rule *Rule, item any, i int) string {
	if rule.subject != nil {
		if v, err := r.exec(rule.subject); err == nil {
			if s, ok := v.(string); ok && s != "" {
				return s
			}
		}
	}
	v := reflect.ValueOf(item)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() == reflect.Struct {
		if idx := r.idField(v.Type()); idx != nil {
			if f := v.FieldByIndex(idx); f.String() != "" {
				return f.String()
			}
		}
	}
	switch x := item.(type) {
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	}
	return strconv.Itoa(i + 1)
}

// idField returns the index of a struct type's text field ID, or nil; the
// answers are kept per goroutine.
func (r *run) idField(t reflect.Type) []int {
	if idx, ok := r.ids[t]; ok {
		return idx
	}
	var idx []int
	if f, ok := t.FieldByName("ID"); ok && f.Type.Kind() == reflect.String {
		idx = f.Index
	}
	if r.ids == nil {
		r.ids = map[reflect.Type][]int{}
	}
	r.ids[t] = idx
	return idx
}

func errorResult(res Result, msg string) Result {
	res.Outcome = OutcomeError
	res.Error = msg
	res.Message = "Die Regel konnte nicht geprüft werden: " + germanReason(msg)
	return res
}

// verdict decides one result on the current variables (the centre and,
// for a rule with each, the item). slots holds the item-independent
// values of a rule with each, nil otherwise. The rule's lets are computed
// when an expression first reads them.
func (r *run) verdict(rule *Rule, res Result, slots []slot, explain []*expression) (Result, []Evidence) {
	if cap(r.letDone) < len(rule.lets) {
		r.letDone = make([]bool, len(rule.lets))
	}
	r.letDone = r.letDone[:len(rule.lets)]
	clear(r.letDone)
	var parts []Evidence
	if rule.when != nil {
		ok, err := r.value(rule, rule.when, slots)
		if err != nil {
			return errorResult(res, err.Error()), parts
		}
		if b, _ := ok.(bool); !b {
			msg, err := r.germanMessage(rule, rule.notApplicable, slots, "Nicht anwendbar.")
			if err != nil {
				return errorResult(res, err.Error()), parts
			}
			res.Outcome = OutcomeNotApplicable
			res.Message = msg
			return res, parts
		}
	}
	for _, part := range explain {
		var v any
		err := r.needLets(rule, part, slots)
		if err == nil {
			v, err = r.exec(part)
		}
		text := Format(v)
		if err != nil {
			text = "Fehler: " + err.Error()
		}
		parts = append(parts, Evidence{Name: part.text, Text: text, Value: v})
	}
	if rule.needs != nil {
		v, err := r.value(rule, rule.needs, slots)
		if err != nil {
			return errorResult(res, err.Error()), parts
		}
		if empty(v) {
			msg, err := r.germanMessage(rule, rule.missingMsg, slots, "Keine Angaben im Zeitraum "+r.period.German()+".")
			if err != nil {
				return errorResult(res, err.Error()), parts
			}
			res.Outcome = rule.IfMissing
			res.Message = msg
			if rule.IfMissing == OutcomeFail {
				return r.waive(res), parts
			}
			return res, parts
		}
	}
	// Evidence runs once the records are known to be there, so that its
	// expressions need not guard against missing data.
	if len(rule.evidence) > 0 {
		res.Evidence = make([]Evidence, 0, len(rule.evidence))
	}
	for i, e := range rule.evidence {
		v, text, err := r.text(rule, e, slots)
		if err != nil {
			return errorResult(res, err.Error()), parts
		}
		res.Evidence = append(res.Evidence, Evidence{Name: rule.Evidence[i], Text: text, Value: v})
	}
	ok, err := r.value(rule, rule.assert, slots)
	if err != nil {
		return errorResult(res, err.Error()), parts
	}
	msg, err := r.render(rule, slots)
	if err != nil {
		return errorResult(res, err.Error()), parts
	}
	res.Message = msg
	if b, _ := ok.(bool); b {
		res.Outcome = OutcomePass
		return res, parts
	}
	res.Outcome = OutcomeFail
	return r.waive(res), parts
}

// needLets puts the lets an expression reads into the variables, computing
// those not yet computed for this verdict.
func (r *run) needLets(rule *Rule, e *expression, slots []slot) error {
	for _, i := range e.lets {
		if r.letDone[i] {
			continue
		}
		v, err := r.value(rule, rule.lets[i], slots)
		if err != nil {
			return err
		}
		r.env[rule.Let[i]] = v
		r.letDone[i] = true
	}
	return nil
}

// value evaluates an expression of a verdict after the lets it reads: a
// centre-independent one once per evaluation, an item-independent one
// once per subject, any other each time.
func (r *run) value(rule *Rule, e *expression, slots []slot) (any, error) {
	if err := r.needLets(rule, e, slots); err != nil {
		return nil, err
	}
	if e.konst >= 0 {
		c := &r.shared.consts[e.konst]
		c.once.Do(func() { c.v, c.err = r.exec(e) })
		return c.v, c.err
	}
	return r.eval(e, slots)
}

// text is value with the value formatted for people (see Format); the
// text of a centre-independent expression is formatted once.
func (r *run) text(rule *Rule, e *expression, slots []slot) (any, string, error) {
	v, err := r.value(rule, e, slots)
	if err != nil {
		return nil, "", err
	}
	if e.konst >= 0 {
		c := &r.shared.consts[e.konst]
		c.textOnce.Do(func() { c.text = Format(c.v) })
		return v, c.text, nil
	}
	return v, Format(v), nil
}

// empty reports whether a needs value says that nothing was reported.
func empty(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array, reflect.Map:
		return rv.Len() == 0
	case reflect.Bool:
		return !rv.Bool()
	case reflect.Int, reflect.Int64:
		return rv.Int() == 0
	case reflect.Pointer, reflect.Interface:
		return rv.IsNil()
	}
	return false
}

// waive turns a failure into OutcomeWaived when a waiver for the rule and
// exactly the subject (see waiverMatches) covers the whole evaluated
// period. A failure whose only waivers do not cover the period stays a
// failure, and its message says which waiver did not apply and why.
func (r *run) waive(res Result) Result {
	var missed *kiez.Waiver
	for i := range r.waivers {
		w := &r.waivers[i]
		if w.Rule != res.Rule || !waiverMatches(w.Subject, r.prog.ID, &res) {
			continue
		}
		if !waiverCovers(w, r.period) {
			if missed == nil {
				missed = w
			}
			continue
		}
		res.Outcome = OutcomeWaived
		res.Waiver = &WaiverRef{ID: w.ID, Reason: w.Reason, GrantedBy: w.GrantedBy, Granted: w.Granted, From: w.From, Until: w.Until}
		return res
	}
	if missed != nil {
		res.Message = strings.TrimSpace(res.Message + " " + notApplied(missed, r.period))
	}
	return res
}

func (r *run) render(rule *Rule, slots []slot) (string, error) {
	return r.renderParts(rule, rule.message, slots)
}

// renderParts renders a message template of the rule.
func (r *run) renderParts(rule *Rule, message []templatePart, slots []slot) (string, error) {
	// Built in one allocation, not one per doubling.
	var b strings.Builder
	b.Grow(rule.messageSize)
	for _, part := range message {
		if part.expr == nil {
			b.WriteString(part.text)
			continue
		}
		_, text, err := r.text(rule, part.expr, slots)
		if err != nil {
			return "", err
		}
		b.WriteString(text)
	}
	return strings.TrimSpace(b.String()), nil
}

// German formats the period for messages: 01.01.2024–31.12.2024.
func (p Period) German() string { return germanDate(p.From) + "–" + germanDate(p.Until) }

func germanDate(d date.Date) string {
	var b [10]byte
	return string(appendGermanDate(b[:0], d))
}

// appendGermanDate appends a date written the German way, 15.03.2024.
func appendGermanDate(b []byte, d date.Date) []byte {
	y, m, day := d.Date()
	if y < 0 || y > 9999 {
		return fmt.Appendf(b, "%02d.%02d.%04d", day, int(m), y)
	}
	return append(b, byte('0'+day/10), byte('0'+day%10), '.', byte('0'+int(m)/10), byte('0'+int(m)%10), '.',
		byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
}

// Format renders a value of an expression for people, the German way:
// decimals with a decimal comma, dates as 15.03.2024, true/false as
// ja/nein, lists joined with commas, and nothing as "–".
func Format(v any) string {
	switch x := v.(type) {
	case nil:
		return "–"
	case string:
		return x
	case date.Date:
		return germanDate(x)
	case decimal.Decimal:
		return strings.Replace(x.String(), ".", ",", 1)
	case bool:
		if x {
			return "ja"
		}
		return "nein"
	case []string:
		if len(x) == 0 {
			return "–"
		}
		return strings.Join(x, ", ")
	}
	var b strings.Builder
	b.Grow(formatSize(v))
	writeFormat(&b, v)
	return b.String()
}

// formatSize estimates the length of Format(v), to build it in one piece:
// exact for lists of dates, a guess for other lists.
func formatSize(v any) int {
	switch l := v.(type) {
	case []date.Date:
		return 12 * len(l)
	case []any:
		return 16 * len(l)
	}
	return 32
}

// writeFormat writes Format(v) to b; the elements of a list are written
// one after another into the same text.
func writeFormat(b *strings.Builder, v any) {
	var scratch [10]byte
	switch x := v.(type) {
	case nil:
		b.WriteString("–")
	case decimal.Decimal:
		writeDecimalComma(b, x.String())
	case *decimal.Decimal:
		if x == nil {
			b.WriteString("–")
			return
		}
		writeDecimalComma(b, x.String())
	case date.Date:
		b.Write(appendGermanDate(scratch[:0], x))
	case *date.Date:
		if x == nil {
			b.WriteString("–")
			return
		}
		b.Write(appendGermanDate(scratch[:0], *x))
	case bool:
		if x {
			b.WriteString("ja")
		} else {
			b.WriteString("nein")
		}
	case string:
		b.WriteString(x)
	case float64:
		writeDecimalComma(b, fmt.Sprint(x))
	case fmt.Stringer:
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Pointer && rv.IsNil() {
			b.WriteString("–")
			return
		}
		b.WriteString(x.String())
	case []string:
		for i := range x {
			writeSeparator(b, i)
			b.WriteString(x[i])
		}
		writeEmpty(b, len(x))
	case []any:
		for i := range x {
			writeSeparator(b, i)
			writeFormat(b, x[i])
		}
		writeEmpty(b, len(x))
	case []date.Date:
		for i := range x {
			writeSeparator(b, i)
			b.Write(appendGermanDate(scratch[:0], x[i]))
		}
		writeEmpty(b, len(x))
	default:
		rv := reflect.ValueOf(v)
		switch rv.Kind() {
		case reflect.Slice, reflect.Array:
			for i := range rv.Len() {
				writeSeparator(b, i)
				writeFormat(b, rv.Index(i).Interface())
			}
			writeEmpty(b, rv.Len())
		case reflect.Pointer:
			if rv.IsNil() {
				b.WriteString("–")
				return
			}
			writeFormat(b, rv.Elem().Interface())
		case reflect.Struct:
			b.WriteString(formatRecord(rv))
		default:
			b.WriteString(fmt.Sprint(v))
		}
	}
}

// writeDecimalComma writes a number written with a decimal point with a
// decimal comma instead.
func writeDecimalComma(b *strings.Builder, s string) {
	if i := strings.IndexByte(s, '.'); i >= 0 {
		b.WriteString(s[:i])
		b.WriteByte(',')
		s = s[i+1:]
	}
	b.WriteString(s)
}

// writeSeparator writes the comma before the i-th element of a list.
func writeSeparator(b *strings.Builder, i int) {
	if i > 0 {
		b.WriteString(", ")
	}
}

// writeEmpty writes "–" for a list of n elements when n is 0.
func writeEmpty(b *strings.Builder, n int) {
	if n == 0 {
		b.WriteString("–")
	}
}

// formatRecord names a record of the model by what identifies it: its
// kind or role, its id or title, and its date, e.g. "bedarfsanalyse vom
// 12.03.2024".
func formatRecord(rv reflect.Value) string {
	field := func(name string) string {
		f := rv.FieldByName(name)
		switch {
		case !f.IsValid():
			return ""
		case f.Type() == reflect.TypeFor[string]():
			return f.String()
		case f.Type() == reflect.TypeFor[date.Date]():
			if d := f.Interface().(date.Date); !d.IsZero() {
				return germanDate(d)
			}
		}
		return ""
	}
	var b strings.Builder
	for _, n := range []string{"Kind", "Role", "Title", "Name"} {
		if s := field(n); s != "" {
			b.WriteString(s)
			break
		}
	}
	if id := field("ID"); id != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("(" + id + ")")
	}
	if d := field("Date"); d != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("vom " + d)
	}
	if b.Len() == 0 {
		return fmt.Sprint(rv.Interface())
	}
	return b.String()
}
