package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/kiez-go/kiez/rules"
)

// TestLanguage evaluates a rule file with an English translation of one
// rule on the small dataset, in German and in English: the translated
// rule's title and messages come from its translation, the other rule's
// from itself; every value in messages and evidence texts, and the
// engine's own texts, follow the engine's language.
func TestLanguage(t *testing.T) {
	data, err := os.ReadFile("testdata/language/musterstadt.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rs, diags := rules.Load("testdata/language/musterstadt.yaml", data)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if diff := cmp.Diff(map[string]rules.Translation{"en": {Title: "Parents' café every month",
		Message: "Parents' café: {{ takt }}; months without a session: {{ takt.missed }}",
		Missing: "No parents' café in the period {{ period }}."}}, rs.Rules[0].Translations); diff != "" {
		t.Errorf("translations as written (-want +got):\n%s", diff)
	}
	ds := badDataset(t)
	for _, lang := range []string{"de", "en"} {
		e, err := rules.NewEngine([]*rules.RuleSet{rs}, rules.WithLanguage(lang))
		if err != nil {
			t.Fatal(err)
		}
		ev, err := e.Evaluate(context.Background(), ds, rules.Year(2024))
		if err != nil {
			t.Fatal(err)
		}
		lines := []string{}
		for _, r := range ev.Results() {
			line := r.Subject + " " + r.Rule + ": " + r.Outcome.String() + " | " + r.Title + " | " + r.Message
			for _, x := range r.Evidence {
				line += " | " + x.Name + ": " + x.Text
			}
			lines = append(lines, line)
		}
		compareRuleGolden(t, filepath.Join("testdata", "language", "musterstadt-"+lang+".golden"), lines, false)
	}
	if _, err := rules.NewEngine([]*rules.RuleSet{rs}, rules.WithLanguage("fr")); err == nil || !strings.Contains(err.Error(), `unknown language "fr"`) {
		t.Errorf("rules.WithLanguage(\"fr\"): %v, want an error naming it", err)
	}
}

// TestTranslationsAnalysed: the expressions of a translation count like
// the rule's own: a param read only in the English message is one the
// rule reads, and a let used only there is not reported unused.
func TestTranslationsAnalysed(t *testing.T) {
	src := []byte(`programme: musterstadt
name: Familienzentren Musterstadt (Testprogramm)
authority: Jugendamt Musterstadt
land: DE-HE
validFrom: 2024-01-01
requirements:
  - {id: MS-01, text: Die Leitung erhält zusätzliche Freistellung.}
params:
  stunden:
    title: Freistellung
    type: decimal
    requirements: [MS-01]
    history:
      - {from: 2024-01-01, value: 2}
rules:
  - id: freistellung
    title: Freistellung der Leitung
    requirements: [MS-01]
    each: filter(centre.staff, .role == "leitung-familienzentrum")
    let:
      stundenEn: item.releaseHoursPerWeek
    assert: item.releaseHoursPerWeek >= 2
    message: "Freistellung {{ item.releaseHoursPerWeek }} h/Woche"
    translations:
      en:
        message: "Release time {{ stundenEn }} h/week, {{ params.stunden }} required"
`)
	rs, diags := rules.Lint("t.yaml", src)
	if len(diags) > 0 {
		t.Errorf("diagnostics of a let and a param used only in a translation:\n%v", diags)
	}
	if rs == nil {
		t.Fatal("the file does not load")
	}
	if diff := cmp.Diff([]string{"stunden"}, rs.Rules[0].Params()); diff != "" {
		t.Errorf("params read (-want +got):\n%s", diff)
	}
}
