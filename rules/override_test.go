package rules_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/rules"
)

func TestParseParamOverride(t *testing.T) {
	tests := []struct {
		in   string
		want rules.ParamOverride
		err  string
	}{
		{in: "leitungsfreistellung=3@2025-01-01", want: rules.ParamOverride{Name: "leitungsfreistellung", Value: "3", From: date.New(2025, 1, 1)}},
		{in: " takt = P3M @ 2024-07-01 ", want: rules.ParamOverride{Name: "takt", Value: "P3M", From: date.New(2024, 7, 1)}},
		{in: "arten=a, b@2024-01-01", want: rules.ParamOverride{Name: "arten", Value: "a, b", From: date.New(2024, 1, 1)}},
		{in: "leitungsfreistellung=3", err: "the date from which the value applies is missing"},
		{in: "=3@2025-01-01", err: "write name=value@YYYY-MM-DD"},
		{in: "x=@2025-01-01", err: "the value is missing"},
		{in: "x=3@01.01.2025", err: "is not a date of the form YYYY-MM-DD"},
	}
	for _, tt := range tests {
		got, err := rules.ParseParamOverride(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseParamOverride(%q) error = %v, want one containing %q", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseParamOverride(%q): %v", tt.in, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("ParseParamOverride(%q) (-want +got):\n%s", tt.in, diff)
		}
		if back, err := rules.ParseParamOverride(got.String()); err != nil || back != got {
			t.Errorf("String() %q does not read back: %v, %v", got.String(), back, err)
		}
	}
}

// historyText formats a param's history as "value@from" items.
func historyText(p *rules.Param) []string {
	var out []string
	for _, h := range p.History {
		out = append(out, rules.Format(h.Value)+"@"+h.From.String())
	}
	return out
}

func TestWithParams(t *testing.T) {
	p, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	before := historyText(p.Param("leitungsfreistellung"))
	q, err := p.WithParams(
		rules.ParamOverride{Name: "leitungsfreistellung", From: date.New(2025, 1, 1), Value: "3"},
		rules.ParamOverride{Name: "familienzentren", From: date.New(2023, 3, 1), Value: "9"},
	)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"2@2023-01-01", "3@2025-01-01"}, historyText(q.Param("leitungsfreistellung"))); diff != "" {
		t.Errorf("leitungsfreistellung (-want +got):\n%s", diff)
	}
	// The value from 2023-06-01 is replaced: the override holds from its day on.
	if diff := cmp.Diff([]string{"7@2023-01-01", "9@2023-03-01"}, historyText(q.Param("familienzentren"))); diff != "" {
		t.Errorf("familienzentren (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, historyText(p.Param("leitungsfreistellung"))); diff != "" {
		t.Errorf("the original programme changed (-before +after):\n%s", diff)
	}
	if len(q.Rules) != len(p.Rules) || q.Rules[0] != p.Rules[0] || q.ID != p.ID {
		t.Error("the copy does not share the rules of the original")
	}
	if v, _ := q.Param("leitungsfreistellung").At(date.New(2024, 12, 31)); rules.Format(v.Value) != "2" {
		t.Errorf("value on 2024-12-31 = %s, want 2", rules.Format(v.Value))
	}

	for _, tt := range []struct {
		o    rules.ParamOverride
		want string
	}{
		{rules.ParamOverride{Name: "leitungsfreistelung", From: date.New(2025, 1, 1), Value: "3"}, `has no param "leitungsfreistelung"; did you mean "leitungsfreistellung"?`},
		{rules.ParamOverride{Name: "leitungsfreistellung", From: date.New(2025, 1, 1), Value: "drei"}, `leitungsfreistellung=drei@2025-01-01: param "leitungsfreistellung" (type decimal):`},
		{rules.ParamOverride{Name: "familienzentren", From: date.New(2025, 1, 1), Value: "8.5"}, `"8.5" is not a whole number`},
		{rules.ParamOverride{Name: "anhang5", From: date.New(2025, 1, 1), Value: "x"}, "has type groups"},
	} {
		if _, err := p.WithParams(tt.o); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("WithParams(%s) error = %v, want one containing %q", tt.o, err, tt.want)
		}
	}
}

func TestRuleParamsAndEvidenceParams(t *testing.T) {
	p, diags := rules.LoadEmbedded("bad-kreuznach-familienzentren")
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	r := p.Rule("leitungsfreistellung")
	if diff := cmp.Diff([]string{"leitungsfreistellung"}, r.Params()); diff != "" {
		t.Errorf("Params (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"vorgesehen": "leitungsfreistellung"}, r.EvidenceParams()); diff != "" {
		t.Errorf("EvidenceParams (-want +got):\n%s", diff)
	}
}
