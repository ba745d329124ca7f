package rules

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/parser"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/internal/source"
	"github.com/kiez-go/kiez/kiez"
)

// Compiling the rules of a file: each rule's fields checked, its
// expressions compiled in the order they see each other (each, when,
// subject, lets, needs, assert, message, evidence) and its cost estimated,
// on several goroutines when the file has many rules; then every rule is
// analysed (analysis.go).

var ruleScopes = []string{"centre", "programme"}

func (l *loader) rules(f *fileProgramme, p *RuleSet) {
	seen := map[string]diag.Pos{}
	for i := range f.Rules {
		fr := &f.Rules[i]
		path := fmt.Sprintf("rules[%d]", i)
		start := l.atPath(path)
		id := fr.ID.Value
		switch {
		case id == "":
			l.errorf(start, "Give every rule a stable id, e.g. id: leitungsfreistellung.", "rule without id")
		case !kiez.IsID(id):
			l.errorf(l.of(fr.ID), "Rule ids are lowercase letters and digits joined by hyphens.", "%q is not a valid rule id", id)
		}
		if prev, dup := seen[id]; dup && id != "" {
			l.errorf(l.of(fr.ID), "Rule ids must be unique in a file; rename one of them.",
				"duplicate rule id %q: already used at %s:%d:%d", id, l.name, prev.Line, prev.Column)
		} else if id != "" {
			seen[id] = fr.ID.Pos
		}
		r := &Rule{ID: id, Title: strings.TrimSpace(fr.Title), Description: strings.TrimSpace(fr.Description),
			Source: Cite(fr.Source), Pos: *start, Severity: diag.Error, IfMissing: OutcomeMissingData}
		label := "rule " + id
		if r.Title == "" {
			l.errorf(start, "Give the rule a German title a programme officer recognises.", "%s has no title", label)
		}
		if len(fr.Requirements) == 0 {
			l.errorf(start, "Name the catalogue ids the rule checks, e.g. requirements: [BK-04].", "%s cites no requirement", label)
		}
		for _, req := range fr.Requirements {
			if l.knownRequirement(p, req) {
				r.Requirements = append(r.Requirements, req.Value)
			}
		}
		if fr.Severity.Value != "" {
			sev, err := diag.ParseSeverity(fr.Severity.Value)
			if err != nil {
				msg := err.Error()
				if s := source.Suggest(fr.Severity.Value, []string{"error", "warning", "info"}); s != "" {
					msg += fmt.Sprintf("; did you mean %q?", s)
				}
				l.errorf(l.of(fr.Severity), "", "%s", msg)
			}
			r.Severity = sev
		}
		switch fr.Scope.Value {
		case "", "centre":
		case "programme":
			r.Scope = ScopeProgramme
		default:
			msg := fmt.Sprintf("unknown scope %q (use centre or programme)", fr.Scope.Value)
			if s := source.Suggest(fr.Scope.Value, ruleScopes); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			l.errorf(l.of(fr.Scope), "A rule is checked once per centre (scope: centre) or once for the programme (scope: programme); add each: to check every item of a list.", "%s", msg)
		}
		switch fr.IfMissing.Value {
		case "", "missing-data":
		case "fail":
			r.IfMissing = OutcomeFail
		default:
			l.errorf(l.of(fr.IfMissing), "", "unknown ifMissing %q (use missing-data or fail)", fr.IfMissing.Value)
		}
		if strings.TrimSpace(fr.Assert.Value) == "" && !l.reported(path+".assert") {
			l.errorf(start, "Write the condition that holds when the requirement is met, e.g. assert: item.releaseHoursPerWeek >= params.releaseHours.", "%s has no assert", label)
		}
		if strings.TrimSpace(fr.Message.Value) == "" {
			at := start
			if fr.Message.Pos.Line > 0 {
				at = l.of(fr.Message)
			}
			l.errorf(at, "Write a German message that says what was found, e.g. message: \"Leitungsfreistellung {{ item.releaseHoursPerWeek }} h\".", "%s has an empty message", label)
		}
		p.Rules = append(p.Rules, r)
	}
	l.compileRules(f, p)
}

// compileRules compiles the expressions of every rule, on as many
// goroutines as the options allow (WithCompileWorkers, else the number of CPUs):
// compiling is most of the cost of loading. Each goroutine has its own
// compiler; the diagnostics are kept per rule and added in the order of
// the rules, and the rules are analysed in their order afterwards, so that
// the result does not depend on the number of goroutines.
func (l *loader) compileRules(f *fileProgramme, p *RuleSet) {
	workers := min(workerCount(l.opts.workers), len(p.Rules)/minRulesPerWorker)
	if workers <= 1 {
		end := l.compileTurn()
		for i, r := range p.Rules {
			l.compileRule(p, &f.Rules[i], r)
		}
		l.endSession() // its compilers go back to the cache before the turn ends
		end()
	} else {
		l.functions() // built once, read by every goroutine
		diags := make([]diag.Diagnostics, len(p.Rules))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			w := &loader{name: l.name, data: l.data, pos: l.pos, opts: l.opts, fns: l.fns, paramValues: l.paramValues, cache: l.cache}
			wg.Go(func() {
				end := w.compileTurn()
				defer end()
				defer w.endSession() // before the turn ends
				for {
					i := int(next.Add(1)) - 1
					if i >= len(p.Rules) {
						return
					}
					w.diags = nil
					w.compileRule(p, &f.Rules[i], p.Rules[i])
					diags[i] = w.diags
				}
			})
		}
		wg.Wait()
		for _, d := range diags {
			l.diags = append(l.diags, d...)
		}
	}
	for _, r := range p.Rules {
		p.analyse(r)
	}
}

// reported tells whether reading the file already reported a problem at
// a data path, e.g. assert: true (not text): the rule then has an assert,
// of the wrong kind, and saying that it has none would mislead.
func (l *loader) reported(path string) bool {
	for _, d := range l.diags {
		if d.Path == path {
			return true
		}
	}
	return false
}

// minRulesPerWorker is the fewest rules worth a goroutine of their own
// when compiling.
const minRulesPerWorker = 8

func (l *loader) compileRule(p *RuleSet, fr *fileRule, r *Rule) {
	l.ruleID = r.ID
	base := l.ruleEnv(r.Scope, p.paramType, nil)
	env := base
	if strings.TrimSpace(fr.Each.Value) != "" {
		r.Each = strings.TrimSpace(fr.Each.Value)
		r.each = l.compile(fr.Each, "each", base, wantList)
		if r.each == nil {
			return
		}
		r.itemType = itemType(r.each.program.Node())
		if r.itemType != nil && r.itemType.Kind() != reflect.Interface {
			r.itemKind = itemKindOf(r.itemType)
		}
		env = l.ruleEnv(r.Scope, p.paramType, r.itemType)
	}
	if t := strings.TrimSpace(fr.When.Value); t != "" {
		r.When = t
		r.when = l.compile(fr.When, "when", env, wantBool)
	}
	if t := strings.TrimSpace(fr.Subject.Value); t != "" {
		r.Subject = t
		r.subject = l.compile(fr.Subject, "subject", env, wantText)
	}
	env = l.lets(fr, r, env)
	r.envTypes = env
	if t := strings.TrimSpace(fr.Needs.Value); t != "" {
		r.Needs = t
		r.needs = l.compile(fr.Needs, "needs", env, wantNeeds)
		l.needsAny(fr.Needs, r, env)
	}
	if t := strings.TrimSpace(fr.Assert.Value); t != "" {
		r.Assert = t
		r.assert = l.compile(fr.Assert, "assert", env, wantBool)
		r.assertAt = *l.of(fr.Assert)
	}
	r.Message = fr.Message.Value
	r.message = l.template(fr.Message, env)
	for _, e := range fr.Evidence {
		r.Evidence = append(r.Evidence, e.Key.Value)
		r.evidence = append(r.evidence, l.compile(e.Value, "evidence "+e.Key.Value, env, nil))
	}
	l.verdictTexts(fr, r, env)
	l.translations(fr, r, env)
	r.params = paramsRead(r)
	r.texts = sync.OnceValue(func() []string { return textsNamed(r) })
	l.checkCost(r)
	r.identifiers()
}

// ruleEnvKey identifies the environment of a rule before its lets.
type ruleEnvKey struct {
	scope        Scope
	params, item reflect.Type
}

// ruleEnv is envTypes, one map for the rules of a loader with the same
// scope, params and item type. Environments are read only (a rule's lets
// are declared in a copy), and the compiler declares an environment it
// met just before again only by what it gained (compile.Session), so
// rules that share one are compiled without declaring it anew.
func (l *loader) ruleEnv(scope Scope, params, item reflect.Type) map[string]any {
	k := ruleEnvKey{scope, params, item}
	if env, ok := l.envs[k]; ok {
		return env
	}
	if l.envs == nil {
		l.envs = map[ruleEnvKey]map[string]any{}
	}
	env := envTypes(scope, params, item)
	l.envs[k] = env
	return env
}

// needsAny replaces a needs of the form filter(list, predicate) with
// any(list, predicate): needs is only asked whether it is empty, and any
// stops at the first record that matches instead of collecting them all.
// The text of the rule (shown in the "missing data" message) stays.
func (l *loader) needsAny(t source.Text, r *Rule, env map[string]any) {
	if r.needs == nil {
		return
	}
	b, ok := r.needs.program.Node().(*ast.BuiltinNode)
	if !ok || b.Name != "filter" || len(b.Arguments) != 2 {
		return
	}
	tree, err := parser.Parse(strings.TrimSpace(t.Value))
	if err != nil {
		return
	}
	pb, ok := tree.Node.(*ast.BuiltinNode)
	if !ok || pb.Name != "filter" || len(pb.Arguments) != 2 {
		return
	}
	text := "any(" + pb.Arguments[0].String() + ", " + pb.Arguments[1].String() + ")"
	prog, err := l.compileExpr(text, env)
	if err != nil {
		return // keep the filter
	}
	r.needs = &expression{text: r.needs.text, program: prog, at: r.needs.pos(), slot: -1, konst: -1}
}

// itemType is the element type of the list an each expression gives. expr
// types the result of filter, sortBy and similar builtins as a list of
// anything; the element type of their first argument is used then, so that
// item keeps its fields for the checker.
func itemType(n ast.Node) reflect.Type {
	t := n.Type()
	if t.Kind() == reflect.Slice && t.Elem().Kind() != reflect.Interface {
		return t.Elem()
	}
	if b, ok := n.(*ast.BuiltinNode); ok && len(b.Arguments) > 0 {
		switch b.Name {
		case "filter", "sortBy", "sort", "take", "uniq", "reverse":
			if inner := itemType(b.Arguments[0]); inner != nil && inner.Kind() != reflect.Interface {
				return inner
			}
		}
	}
	if t.Kind() == reflect.Slice || t.Kind() == reflect.Array {
		return t.Elem()
	}
	return t
}
