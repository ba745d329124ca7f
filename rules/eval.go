package rules

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/expr-lang/expr/vm"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/internal/words"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules/internal/compile"
)

// Engine evaluates compiled programmes on datasets. An Engine is immutable
// and safe for concurrent use; so are the RuleSets it holds.
type Engine struct {
	progs []*RuleSet
	cfg   engineConfig
	// closures are the functions of the typed closures (closures.go),
	// made when an expression first runs (closuresOnce); nil when the
	// engine runs every expression on expr's machine.
	closures     *compile.ClosureFuncs
	closuresOnce sync.Once
	// programmeFields are the fields of the programme record's types
	// that its index walks (addRefs).
	programmeFields recordFields
}

// NewEngine returns an engine for the given rule sets. Two rule sets with
// the same id are an error.
func NewEngine(progs []*RuleSet, opts ...EngineOption) (*Engine, error) {
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
	cfg := newEngineConfig(opts)
	cfg.workers = workerCount(cfg.workers)
	if _, err := engineLanguage(cfg.lang); err != nil {
		return nil, err
	}
	return &Engine{progs: append([]*RuleSet(nil), progs...), cfg: cfg, programmeFields: newRecordFields(reflect.TypeFor[kiez.Programme]())}, nil
}

// RuleSets returns the engine's rule sets.
func (e *Engine) RuleSets() []*RuleSet { return append([]*RuleSet(nil), e.progs...) }

// Evaluate checks every centre of the dataset whose programme the engine
// knows, for the given period, and returns the evaluation: the dataset,
// the rule sets, the period and one result per rule and subject — the
// programme rules first, then each centre in data order, each in the rule
// file's order. A rule that errors yields an error result and never stops
// the others.
//
// Before any rule runs, Evaluate validates the dataset (kiez.Dataset.
// Validate; unless the engine was made WithoutValidation) and checks its
// waivers against the rule sets (CheckWaivers): an invalid dataset is
// refused with an error that wraps ErrInvalidData and the diagnostics
// (errors.As gives diag.Diagnostics), one whose waivers name an unknown
// programme or rule with one that wraps ErrWaivers; the warnings of both
// are the evaluation's Diagnostics. When ctx is cancelled, Evaluate stops
// early and returns the evaluation so far with the context's error.
// Evaluate only reads the dataset. To check a dataset too large to keep
// every result in memory, use Stream.
func (e *Engine) Evaluate(ctx context.Context, ds *kiez.Dataset, period Period) (*Evaluation, error) {
	ev, err := e.begin("Evaluate", ds, period)
	if err != nil {
		return nil, err
	}
	// The centres' lists are filled again for later centres and their
	// results appended to one list, made once for the results
	// estimated (resultsList): the results of a large dataset take
	// hundreds of megabytes, too many to copy often while growing.
	var rl resultsList
	rl.chunks = e.chunksOf(ds)
	err = e.evaluate(ctx, ds, period, true, func(rs []Result) error {
		rl.add(rs)
		ev.tally(rs)
		return nil
	})
	ev.results = rl.list
	if ev.results == nil {
		ev.results = []Result{}
	}
	return ev, err
}

// Stream evaluates like Evaluate but hands each result to fn as soon as
// its centre is done, in Evaluate's order, instead of keeping them: the
// memory it needs is that of the dataset and of a few centres' results
// per worker, however many centres the dataset holds. It is for
// state-wide runs that count, aggregate or write the results as they
// come. fn runs on the calling goroutine. Stream returns the evaluation
// without its results (Results is empty; Counts has the outcomes). When
// fn returns an error, Stream stops and returns it; when ctx is
// cancelled, Stream stops and returns the context's error. Stream
// validates and refuses a dataset as Evaluate does.
func (e *Engine) Stream(ctx context.Context, ds *kiez.Dataset, period Period, fn func(Result) error) (*Evaluation, error) {
	ev, err := e.begin("Stream", ds, period)
	if err != nil {
		return nil, err
	}
	err = e.evaluate(ctx, ds, period, false, func(rs []Result) error {
		for i, res := range rs {
			ev.tally(rs[i : i+1])
			if err := fn(res); err != nil {
				return err
			}
		}
		return nil
	})
	return ev, err
}

// evaluate evaluates every programme of the engine on the dataset and
// hands emit the results in order, on the calling goroutine: first the
// programme rules' results of a programme, then those of each centre.
// emit is done with a list when it returns: the list is filled again for
// a later centre. With keep, the caller keeps every result (Evaluate):
// the evidence lists of the results are cut from blocks (evidenceList).
// evaluate stops at the first error of emit or of ctx and returns it.
func (e *Engine) evaluate(ctx context.Context, ds *kiez.Dataset, per Period, keep bool, emit func([]Result) error) error {
	for _, p := range e.progs {
		r := e.newRun(p, ds, per)
		r.keep = keep
		if r.programme == nil && len(r.centres) == 0 {
			continue
		}
		out, err := r.programmeRules(ctx)
		if emitErr := emit(out); err == nil {
			err = emitErr // the results so far are emitted even when ctx ends
		}
		if err == nil {
			err = r.eachCentre(ctx, min(e.cfg.workers, len(r.centres)), emit)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// resultsList collects the results of an evaluation as its lists come
// (one of the programme rules per programme, one per centre). It grows
// as append does for the first lists with results (estimateAfter); from
// then on it makes room at once for as many results as those lists had
// on average times the lists still expected, and again so when that
// falls short: the results are copied about once, and the list is not
// much longer than needed.
type resultsList struct {
	list   []Result
	chunks int // the lists expected
	seen   int // the lists added
	filled int // the lists added that had results
}

// estimateAfter is the number of lists with results after which
// resultsList estimates the results of the rest.
const estimateAfter = 32

// add appends the results of a list.
func (l *resultsList) add(rs []Result) {
	l.seen++
	if len(rs) == 0 {
		return
	}
	l.filled++
	n := len(l.list) + len(rs)
	if left := l.chunks - l.seen; n > cap(l.list) && l.filled >= estimateAfter && left > 0 {
		want := n + n*left/l.filled
		want += want / 16 // lists differ in length
		want = max(want, cap(l.list)+cap(l.list)/8)
		list := make([]Result, len(l.list), want)
		copy(list, l.list)
		l.list = list
	}
	l.list = append(l.list, rs...)
}

// chunksOf is the number of lists of results evaluate hands on for the
// dataset: one per programme of the engine and one per centre of one.
func (e *Engine) chunksOf(ds *kiez.Dataset) int {
	n := len(e.progs)
	for i := range ds.Centres {
		for _, p := range e.progs {
			if ds.Centres[i].Programme == p.ID {
				n++
				break
			}
		}
	}
	return n
}

// run holds what one evaluation of one programme shares, and, in the
// copy each goroutine makes (forWorker), what that goroutine owns.
type run struct {
	lang      words.Language // of messages and evidence texts, see WithLanguage
	eng       *Engine
	prog      *RuleSet
	programme *kiez.Programme
	centres   []*kiez.Centre
	period    Period
	params    any
	missing   map[string]*Param // params without a value in force
	windows   map[*Rule]*window // the rules whose validity cuts the period
	waivers   []kiez.Waiver
	shared    *sharedCache // indexes of the programme record, read-only
	// problemsOnly leaves passes and not-applicable results without
	// message and evidence (WithDetailsForProblemsOnly).
	problemsOnly bool
	// keep says that every result is kept (Evaluate): see evidenceList.
	keep bool

	// Owned by one goroutine, never shared:
	machine *vm.VM         // the expression machine
	frame   *compile.Frame // the typed closures' frame (closures.go)
	ec      *evalCtx       // the state handed to the functions
	budget  *stepBudget    // the steps of the rule being evaluated
	env     map[string]any // the variables for expr's machine, copied in from vals only before an expression falls back to the machine (syncLets)
	// varsChanged has bit k set when the fixed variable at place k has
	// changed since it was last copied into env.
	varsChanged uint16
	vals        []any    // the variables by place (slots.go), read by the closures
	curLets     []string // the names of the lets of the current verdict
	slots       []slot   // the item-independent values of the rule being evaluated
	letDone     []bool   // which lets of the current verdict are computed (in vals)
	// perCentre is the most results a centre has had so far.
	perCentre int
	ids       map[reflect.Type][]int // see idField
	scratch   []byte                 // where format and renderMessage build texts (language.go)
	evidence  []Evidence             // the block the evidence lists are cut from (evidenceList)
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
func (e *Engine) newRun(p *RuleSet, ds *kiez.Dataset, per Period) *run {
	lang, _ := engineLanguage(e.cfg.lang) // checked by NewEngine
	r := &run{eng: e, prog: p, period: per, problemsOnly: e.cfg.problemsOnly, lang: lang}
	r.collect(ds)
	r.params, r.missing = p.paramsAt(per.From)
	r.windows = p.windows(per, lang)
	indexed := r.programme
	if len(r.centres) < e.cfg.indexFrom {
		indexed = nil
	}
	r.shared = newSharedCache(indexed, p.consts, e.programmeFields)
	return r
}

// indexProgrammeFrom is the number of a programme's centres in an
// evaluation from which newRun indexes the programme's records (the
// pointer views of its lists, the participants of its meetings and
// committees by centre and role) once for all of them. Building the index
// reads every record of the programme; without it, each centre builds the
// views of the lists it reads and searches the participant lists it asks
// about, which costs less when few centres do. On the synthetic data,
// whose programme-wide meetings name every centre, the index pays from
// about 8 centres for Bad Kreuznach and Thüringen and from about 32 for
// Wiesbaden; one centre alone takes a fifth to a half of the time without
// it (BenchmarkEvaluateOneCentre). The answers are the same either way
// (TestProgrammeIndexAgrees).
const indexProgrammeFrom = 8

// forWorker returns a copy of the run with its own expression machine,
// function state and variables, for one goroutine.
func (r *run) forWorker(ctx context.Context) *run {
	w := *r
	w.machine = &vm.VM{MemoryBudget: r.eng.cfg.memoryBudget}
	w.frame = &compile.Frame{}
	w.ec = newEvalCtx(ctx, r.shared)
	w.budget = &stepBudget{}
	w.initVars()
	w.slots = nil
	w.ids = nil
	// Nothing a worker builds in is shared with the run it was copied from.
	w.scratch, w.letDone, w.curLets, w.evidence = nil, nil, nil, nil
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
// taken. The lists the caller has emitted go back to the workers to be
// filled again.
func (r *run) eachCentre(ctx context.Context, workers int, emit func([]Result) error) error {
	if workers <= 1 {
		// The worker fills its one list again for each centre.
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
			buf = rs[:0]
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
			select {
			case free <- rs[:0]:
			default:
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
func (p *RuleSet) paramsAt(d date.Date) (any, map[string]*Param) {
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
