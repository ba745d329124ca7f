package rules

import (
	"fmt"
	"strings"

	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/internal/source"
)

// ParamOverride is a changed value of a param for a what-if: from day
// From on, the param has Value, written as in a rule file's history
// (a number, an ISO-8601 period, ids separated by commas, true or false,
// a date).
type ParamOverride struct {
	Name  string
	From  date.Date
	Value string
}

// String formats the override as "name=value@YYYY-MM-DD", the form
// ParseParamOverride reads.
func (o ParamOverride) String() string {
	return o.Name + "=" + o.Value + "@" + o.From.String()
}

// ParseParamOverride reads an override written "name=value@YYYY-MM-DD",
// e.g. "leitungsfreistellung=3@2025-01-01". The value is checked against
// the param's type only by WithParams.
func ParseParamOverride(s string) (ParamOverride, error) {
	name, rest, ok := strings.Cut(s, "=")
	name = strings.TrimSpace(name)
	if !ok || name == "" {
		return ParamOverride{}, fmt.Errorf("%q: write name=value@YYYY-MM-DD, e.g. leitungsfreistellung=3@2025-01-01", s)
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return ParamOverride{}, fmt.Errorf("%q: the date from which the value applies is missing; write name=value@YYYY-MM-DD, e.g. %s=%s@2025-01-01", s, name, strings.TrimSpace(rest))
	}
	value, day := strings.TrimSpace(rest[:at]), strings.TrimSpace(rest[at+1:])
	if value == "" {
		return ParamOverride{}, fmt.Errorf("%q: the value is missing; write name=value@YYYY-MM-DD", s)
	}
	from, err := source.ParseDate(day)
	if err != nil {
		return ParamOverride{}, fmt.Errorf("%q: %v", s, err)
	}
	return ParamOverride{Name: name, From: from, Value: value}, nil
}

// WithParams returns a copy of the programme in which each override's
// param has the override's value from its day on: the param's history
// keeps the values from before that day and ends with the new value,
// which replaces every later one. Overrides apply in order, so a later
// one of the same param wins from its day on. The rules, their compiled
// expressions and the programme's validity are shared with p, which is
// not changed; like p, the copy is immutable and safe for concurrent use.
//
// An override naming no param of the programme, a value that does not
// fit the param's type, or a param of type groups (a mapping that one
// value cannot write) is an error naming the override; nothing is
// returned then.
func (p *RuleSet) WithParams(overrides ...ParamOverride) (*RuleSet, error) {
	cp := *p
	cp.Params = append([]*Param(nil), p.Params...)
	for _, o := range overrides {
		i := -1
		names := make([]string, len(cp.Params))
		for j, x := range cp.Params {
			names[j] = x.Name
			if x.Name == o.Name {
				i = j
			}
		}
		if i < 0 {
			msg := fmt.Sprintf("%s: programme %s has no param %q", o, p.ID, o.Name)
			if s := source.Suggest(o.Name, names); s != "" {
				msg += fmt.Sprintf("; did you mean %q?", s)
			}
			return nil, fmt.Errorf("%s", msg)
		}
		old := cp.Params[i]
		if old.Type == "groups" {
			return nil, fmt.Errorf("%s: param %q has type groups (ids per group), which cannot be written as one value; change it in a copy of the rule file", o, o.Name)
		}
		v, err := parseParamValue(old.Type, &source.Node{Kind: source.KindScalar, Type: source.TypeString, Value: o.Value})
		if err != nil {
			return nil, fmt.Errorf("%s: param %q (type %s): %v", o, o.Name, old.Type, err)
		}
		np := *old
		np.History = nil
		for _, h := range old.History {
			if h.From.Before(o.From) {
				np.History = append(np.History, h)
			}
		}
		np.History = append(np.History, ParamValue{From: o.From, Value: v, Note: "Geändert für eine Folgenabschätzung (" + o.String() + ")."})
		cp.Params[i] = &np
	}
	return &cp, nil
}

// Params returns the names of the params the rule's expressions and
// texts read, in the order they first occur in the rule.
func (r *Rule) Params() []string { return append([]string(nil), r.params...) }

// EvidenceParams maps the name of each evidence of the rule that is
// exactly a param ("vorgesehen: params.leitungsfreistellung") to the
// param's name: the threshold the evidence values beside it are measured
// against.
func (r *Rule) EvidenceParams() map[string]string {
	out := map[string]string{}
	for i, e := range r.evidence {
		if e == nil || i >= len(r.Evidence) {
			continue
		}
		if name, ok := bareParam(e); ok {
			out[r.Evidence[i]] = name
		}
	}
	return out
}

// bareParam reports whether a compiled expression is a param and nothing
// else (params.x), and names it.
func bareParam(e *expression) (string, bool) {
	if e.program == nil {
		return "", false
	}
	return paramOf(e.program.Node())
}
