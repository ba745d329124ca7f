package rules

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"

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
	if cfg.workers <= 0 {
		cfg.workers = runtime.NumCPU()
	}
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
// be valid (kiez.Dataset.Validate); Evaluate only reads it.
func (e *Engine) Evaluate(ctx context.Context, ds *kiez.Dataset, period timespan.DateRange) ([]Result, error) {
	if ds == nil {
		return nil, errors.New("rules: Evaluate: nil dataset")
	}
	per := NewPeriod(period)
	var out []Result
	for _, p := range e.progs {
		res, err := e.evaluateProgramme(ctx, p, ds, per)
		out = append(out, res...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// run holds what one evaluation of one programme shares.
type run struct {
	eng       *Engine
	prog      *Programme
	programme *kiez.Programme
	centres   []*kiez.Centre
	period    Period
	params    any
	missing   map[string]bool // params without a value in force
	waivers   []kiez.Waiver
	machine   *vm.VM // the expression machine; one per goroutine, never shared
}

// forWorker returns a copy of the run with its own expression machine, for
// one goroutine.
func (r *run) forWorker() *run {
	w := *r
	w.machine = &vm.VM{MemoryBudget: r.eng.cfg.memoryBudget}
	return &w
}

func (e *Engine) evaluateProgramme(ctx context.Context, p *Programme, ds *kiez.Dataset, per Period) ([]Result, error) {
	r := &run{eng: e, prog: p, period: per}
	r.collect(ds)
	if r.programme == nil && len(r.centres) == 0 {
		return nil, nil
	}
	r.params, r.missing = p.paramsAt(per.From)

	var out []Result
	pr := r.forWorker()
	for _, rule := range p.Rules {
		if rule.Scope != ScopeProgramme {
			continue
		}
		if err := ctx.Err(); err != nil {
			return out, err
		}
		out = append(out, pr.rule(ctx, rule, nil)...)
	}
	perCentre := make([][]Result, len(r.centres))
	if e.cfg.workers == 1 || len(r.centres) == 1 {
		w := r.forWorker()
		for i, c := range r.centres {
			if ctx.Err() != nil {
				break
			}
			perCentre[i] = w.centre(ctx, c)
		}
	} else {
		r.parallel(ctx, perCentre, min(e.cfg.workers, len(r.centres)))
	}
	for _, res := range perCentre {
		out = append(out, res...)
	}
	return out, ctx.Err()
}

// parallel evaluates the centres with a bounded number of workers, each
// writing only its own slots of out, so the order stays that of the data.
func (r *run) parallel(ctx context.Context, out [][]Result, workers int) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := r.forWorker()
			for i := range jobs {
				out[i] = w.centre(ctx, r.centres[i])
			}
		}()
	}
	for i := range r.centres {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
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

func (r *run) centre(ctx context.Context, c *kiez.Centre) []Result {
	var out []Result
	for _, rule := range r.prog.Rules {
		if rule.Scope != ScopeCentre {
			continue
		}
		if ctx.Err() != nil {
			return out
		}
		out = append(out, r.rule(ctx, rule, c)...)
	}
	return out
}

// paramsAt builds the params struct with the values in force on day d,
// and names the params without a value then: the rules that use one of
// them give an error naming it.
func (p *Programme) paramsAt(d date.Date) (any, map[string]bool) {
	v := reflect.New(p.paramType).Elem()
	missing := map[string]bool{}
	for _, param := range p.Params {
		pv, ok := param.At(d)
		if !ok {
			missing[param.Name] = true
			continue
		}
		if f := v.FieldByName("P_" + param.Name); f.IsValid() {
			f.Set(reflect.ValueOf(pv.Value))
		}
	}
	return v.Interface(), missing
}

func (r *run) env(c *kiez.Centre) map[string]any {
	env := map[string]any{
		varProgramme: r.programme,
		varCentres:   r.centres,
		varPeriod:    r.period,
		varParams:    r.params,
	}
	if c != nil {
		env[varCentre] = c
	}
	return env
}

// exec runs a compiled expression within the memory budget.
func (r *run) exec(e *expression, env map[string]any) (any, error) {
	m := r.machine
	if m == nil {
		m = &vm.VM{MemoryBudget: r.eng.cfg.memoryBudget}
	}
	out, err := m.Run(e.program, env)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", e.at.String(), cleanError(err))
	}
	return out, nil
}

// cleanError drops expr's snippet from an error message; the position is
// given separately.
func cleanError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, " ("); i > 0 && strings.Contains(msg[i:], ")\n") {
		msg = msg[:i]
	}
	if i := strings.IndexByte(msg, '\n'); i > 0 {
		msg = msg[:i]
	}
	return msg
}

// rule evaluates one rule for a centre (nil for programme rules); for a
// rule with each it yields one result per item.
func (r *run) rule(ctx context.Context, rule *Rule, c *kiez.Centre) []Result {
	res, _ := r.ruleParts(ctx, rule, c, nil)
	return res
}

// ruleParts is rule, also returning for each result the values of the
// given compiled parts of the assertion (for Explain).
func (r *run) ruleParts(ctx context.Context, rule *Rule, c *kiez.Centre, explain []*expression) ([]Result, [][]Evidence) {
	base := Result{Programme: r.prog.ID, Rule: rule.ID, Title: rule.Title, Severity: rule.Severity,
		Requirements: rule.Requirements, Source: rule.Source}
	subject := r.prog.ID
	if c != nil {
		subject, base.Centre = c.ID, c.ID
	}
	env := r.env(c)
	if len(r.missing) > 0 {
		var names []string
		for _, name := range rule.params {
			if r.missing[name] {
				names = append(names, name)
			}
		}
		if len(names) > 0 {
			base.Subject = subject
			msg := fmt.Sprintf("no value in force on %s for param(s) %s", r.period.From, strings.Join(names, ", "))
			return []Result{errorResult(base, msg)}, [][]Evidence{nil}
		}
	}
	if rule.each == nil {
		base.Subject = subject
		res, parts := r.verdict(rule, base, env, explain)
		return []Result{res}, [][]Evidence{parts}
	}
	list, err := r.exec(rule.each, env)
	if err != nil {
		base.Subject = subject
		return []Result{errorResult(base, err.Error())}, [][]Evidence{nil}
	}
	items := reflect.ValueOf(list)
	var out []Result
	var allParts [][]Evidence
	for i := 0; i < items.Len(); i++ {
		if ctx.Err() != nil {
			break
		}
		item := items.Index(i).Interface()
		itemEnv := make(map[string]any, len(env)+1)
		for k, v := range env {
			itemEnv[k] = v
		}
		itemEnv[varItem] = item
		res := base
		res.Subject = subject + "/" + r.itemSubject(rule, item, itemEnv, i)
		v, parts := r.verdict(rule, res, itemEnv, explain)
		out = append(out, v)
		allParts = append(allParts, parts)
	}
	return out, allParts
}

// itemSubject names an item: the subject expression, else its id field,
// else its text form, else its position in the list.
func (r *run) itemSubject(rule *Rule, item any, env map[string]any, i int) string {
	if rule.subject != nil {
		if v, err := r.exec(rule.subject, env); err == nil {
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
		if f := v.FieldByName("ID"); f.IsValid() && f.Kind() == reflect.String && f.String() != "" {
			return f.String()
		}
	}
	switch x := item.(type) {
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprintf("%d", i+1)
}

func errorResult(res Result, msg string) Result {
	res.Outcome = OutcomeError
	res.Error = msg
	res.Message = "Die Regel konnte nicht geprüft werden: " + msg
	return res
}

// verdict decides one result.
func (r *run) verdict(rule *Rule, res Result, env map[string]any, explain []*expression) (Result, []Evidence) {
	var parts []Evidence
	if rule.when != nil {
		ok, err := r.exec(rule.when, env)
		if err != nil {
			return errorResult(res, err.Error()), parts
		}
		if b, _ := ok.(bool); !b {
			res.Outcome = OutcomeNotApplicable
			res.Message = "Nicht anwendbar: " + rule.When
			return res, parts
		}
	}
	if len(rule.lets) > 0 {
		withLets := make(map[string]any, len(env)+len(rule.lets))
		for k, v := range env {
			withLets[k] = v
		}
		for i, x := range rule.lets {
			v, err := r.exec(x, withLets)
			if err != nil {
				return errorResult(res, err.Error()), parts
			}
			withLets[rule.Let[i]] = v
		}
		env = withLets
	}
	for _, part := range explain {
		v, err := r.exec(part, env)
		text := Format(v)
		if err != nil {
			text = "Fehler: " + err.Error()
		}
		parts = append(parts, Evidence{Name: part.text, Text: text, Value: v})
	}
	if rule.needs != nil {
		v, err := r.exec(rule.needs, env)
		if err != nil {
			return errorResult(res, err.Error()), parts
		}
		if empty(v) {
			res.Outcome = rule.IfMissing
			res.Message = "Keine Angaben im Zeitraum " + r.period.German() + " (benötigt: " + rule.Needs + ")"
			if rule.IfMissing == OutcomeFail {
				return r.waive(res), parts
			}
			return res, parts
		}
	}
	// Evidence runs once the records are known to be there, so that its
	// expressions need not guard against missing data.
	for i, e := range rule.evidence {
		v, err := r.exec(e, env)
		if err != nil {
			return errorResult(res, err.Error()), parts
		}
		res.Evidence = append(res.Evidence, Evidence{Name: rule.Evidence[i], Text: Format(v), Value: v})
	}
	ok, err := r.exec(rule.assert, env)
	if err != nil {
		return errorResult(res, err.Error()), parts
	}
	msg, err := r.render(rule, env)
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
// the subject (or its centre, or the whole programme) covers the whole
// evaluated period.
func (r *run) waive(res Result) Result {
	for _, w := range r.waivers {
		if w.Rule != res.Rule {
			continue
		}
		if w.Subject != "" && w.Subject != res.Subject && w.Subject != res.Centre && !strings.HasSuffix(res.Subject, "/"+w.Subject) {
			continue
		}
		if w.From.After(r.period.From) || (w.Until != nil && w.Until.Before(r.period.Until)) {
			continue
		}
		res.Outcome = OutcomeWaived
		res.Waiver = &WaiverRef{ID: w.ID, Reason: w.Reason, GrantedBy: w.GrantedBy, Granted: w.Granted, From: w.From, Until: w.Until}
		return res
	}
	return res
}

func (r *run) render(rule *Rule, env map[string]any) (string, error) {
	var b strings.Builder
	for _, part := range rule.message {
		if part.expr == nil {
			b.WriteString(part.text)
			continue
		}
		v, err := r.exec(part.expr, env)
		if err != nil {
			return "", err
		}
		b.WriteString(Format(v))
	}
	return strings.TrimSpace(b.String()), nil
}

// German formats the period for messages: 01.01.2024–31.12.2024.
func (p Period) German() string { return germanDate(p.From) + "–" + germanDate(p.Until) }

func germanDate(d date.Date) string {
	y, m, day := d.Date()
	return fmt.Sprintf("%02d.%02d.%04d", day, int(m), y)
}

// Format renders a value of an expression for people, the German way:
// decimals with a decimal comma, dates as 15.03.2024, true/false as
// ja/nein, lists joined with commas, and nothing as "–".
func Format(v any) string {
	switch x := v.(type) {
	case nil:
		return "–"
	case decimal.Decimal:
		return strings.Replace(x.String(), ".", ",", 1)
	case *decimal.Decimal:
		if x == nil {
			return "–"
		}
		return Format(*x)
	case date.Date:
		return germanDate(x)
	case *date.Date:
		if x == nil {
			return "–"
		}
		return germanDate(*x)
	case bool:
		if x {
			return "ja"
		}
		return "nein"
	case string:
		return x
	case float64:
		return strings.Replace(fmt.Sprint(x), ".", ",", 1)
	case fmt.Stringer:
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Pointer && rv.IsNil() {
			return "–"
		}
		return x.String()
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Array:
		parts := make([]string, rv.Len())
		for i := range parts {
			parts[i] = Format(rv.Index(i).Interface())
		}
		if len(parts) == 0 {
			return "–"
		}
		return strings.Join(parts, ", ")
	case reflect.Pointer:
		if rv.IsNil() {
			return "–"
		}
		return Format(rv.Elem().Interface())
	case reflect.Struct:
		return formatRecord(rv)
	}
	return fmt.Sprint(v)
}

// formatRecord names a record of the model by what identifies it: its
// kind or role, its id or title, and its date, e.g. "bedarfsanalyse vom
// 12.03.2024".
func formatRecord(rv reflect.Value) string {
	field := func(name string) string {
		f := rv.FieldByName(name)
		if !f.IsValid() {
			return ""
		}
		switch x := f.Interface().(type) {
		case string:
			return x
		case date.Date:
			if x.IsZero() {
				return ""
			}
			return germanDate(x)
		}
		return ""
	}
	var parts []string
	for _, n := range []string{"Kind", "Role", "Title", "Name"} {
		if s := field(n); s != "" {
			parts = append(parts, s)
			break
		}
	}
	if id := field("ID"); id != "" {
		parts = append(parts, "("+id+")")
	}
	if d := field("Date"); d != "" {
		parts = append(parts, "vom "+d)
	}
	if len(parts) == 0 {
		return fmt.Sprint(rv.Interface())
	}
	return strings.Join(parts, " ")
}
