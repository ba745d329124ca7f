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
