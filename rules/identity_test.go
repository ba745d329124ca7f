package rules_test

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rickb777/date"

	"github.com/kiez-go/kiez/diag"
	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
	"github.com/kiez-go/kiez/rules/rulestest"
)

// TestIdentityFunctions runs the fixture rules that call extra,
// duplicates and namesOf and read a groups param with exact values.
func TestIdentityFunctions(t *testing.T) {
	rulestest.Run(t, "testdata/functions_identity_test.yaml")
}

// TestGroupsParamErrors: a groups value that is not a mapping of ids to
// lists of ids is an error at the value.
func TestGroupsParamErrors(t *testing.T) {
	for _, tc := range []struct{ value, want string }{
		{`[a, b]`, `param "g": expected a mapping from ids to lists of ids, found a list`},
		{`{a: b}`, `param "g": group "a": expected a list of ids, found text "b"`},
		{`{A: [b]}`, `param "g": group "A": the name is not a kebab-case id`},
		{`{a: [B]}`, `param "g": group "a": "B" is not a kebab-case id`},
		{`{a: [b, b]}`, `param "g": group "a" lists "b" twice`},
	} {
		src := "programme: p\nname: P\nland: DE-HE\nparams:\n  g:\n    title: G\n    type: groups\n    history:\n      - {from: 2024-01-01, value: " + tc.value + "}\n"
		_, diags := rules.Load("p.yaml", []byte(src))
		var got []string
		for _, d := range diags {
			if d.Severity == diag.Error {
				got = append(got, d.Summary)
			}
		}
		if diff := cmp.Diff([]string{tc.want}, got); diff != "" {
			t.Errorf("value %s (-want +got):\n%s", tc.value, diff)
		}
	}
}

// TestAnhang5MatchesTestdata: the param anhang5 of the Bad Kreuznach rule
// set and the testdata generator's transcription of annex 5 assign the
// same Kitas to the same Familienzentren.
func TestAnhang5MatchesTestdata(t *testing.T) {
	prog, diags := rules.LoadEmbedded(badKreuznach)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	p := prog.Param("anhang5")
	if p == nil || len(p.History) == 0 {
		t.Fatal("the rule set has no param anhang5")
	}
	want := p.History[len(p.History)-1].Value.(map[string][]string)
	ds, dd := kiez.LoadFiles("../testdata/bad-kreuznach")
	if dd.HasErrors() {
		t.Fatal(dd)
	}
	got := map[string][]string{}
	for _, c := range ds.Centres {
		for _, k := range c.Catchment {
			got[c.ID] = append(got[c.ID], k.ID)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("annex 5: rule set (-) and testdata/gen (+) differ:\n%s", diff)
	}
}

// TestBadKreuznachIdentityMessages changes the shipped data the way the
// issue describes: an annex Kita of Fürfeld replaced by another Kita (the
// count stays 62), and a Kita moved from Fürfeld to Kirn. The verdicts
// name what is missing and what is extra, by name where the data knows
// it. BK-12's message names the date of the consent record.
func TestBadKreuznachIdentityMessages(t *testing.T) {
	prog, diags := rules.LoadEmbedded(badKreuznach)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ds, dd := kiez.LoadFiles("../testdata/bad-kreuznach")
	if dd.HasErrors() {
		t.Fatal(dd)
	}
	var fuerfeld, kirn *kiez.Centre
	for i := range ds.Centres {
		switch ds.Centres[i].ID {
		case "fz-fuerfeld":
			fuerfeld = &ds.Centres[i]
		case "fz-kirn":
			kirn = &ds.Centres[i]
		}
	}
	// Kom. Kita Altenbamberg replaced; Kom. Kita Volxheim (the last) moved to Kirn.
	fuerfeld.Catchment[0] = kiez.Kita{ID: "kita-sonnenschein-frei", Name: "Kita Sonnenschein"}
	moved := fuerfeld.Catchment[len(fuerfeld.Catchment)-1]
	fuerfeld.Catchment = fuerfeld.Catchment[:len(fuerfeld.Catchment)-1]
	kirn.Catchment = append(kirn.Catchment, moved)
	fuerfeld.Evidence = append(fuerfeld.Evidence, kiez.Evidence{ID: "se-spaet", Kind: "schweigepflichtsentbindung", Date: date.New(2024, 4, 20)})
	fuerfeld.CaseExchanges = append(fuerfeld.CaseExchanges,
		kiez.CaseExchange{Date: date.New(2024, 4, 10), Consent: "se-spaet"},
		kiez.CaseExchange{Date: date.New(2024, 4, 11), Consent: "se-fehlt"},
		kiez.CaseExchange{Date: date.New(2024, 4, 22), Consent: "se-spaet"},
		kiez.CaseExchange{Date: date.New(2024, 4, 23)})

	eng, err := rules.NewEngine([]*rules.RuleSet{prog}, rules.WithoutValidation()) // the changed data has what validation refuses: the engine must judge it by identity all the same
	if err != nil {
		t.Fatal(err)
	}
	period, _ := rules.ParsePeriod("2024")
	evResults, err := eng.Evaluate(context.Background(), ds, period)
	results := evResults.Results()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range results {
		if strings.Contains(r.Rule, "anhang-5") && (r.Subject == prog.ID || r.Centre == "fz-fuerfeld" || r.Centre == "fz-kirn") ||
			r.Rule == "fallaustausch-einwilligung" && r.Centre == "fz-fuerfeld" && strings.Contains(r.Subject, "2024-04") {
			got[r.Subject+" "+r.Rule] = r.Outcome.String() + ": " + r.Message
		}
	}
	want := map[string]string{
		"bad-kreuznach-familienzentren einzugsbereiche-anhang-5":          "fail: 62 zugeordnete Kitas (Anhang 5: 62); es fehlen: kita-altenbamberg-kom; nicht in Anhang 5: Kita Sonnenschein",
		"fz-fuerfeld einzugsbereich-anhang-5":                             "fail: Einzugsbereich mit 9 Kitas, Anhang 5: 10; es fehlen: kita-altenbamberg-kom, Kom. Kita Volxheim; nicht in Anhang 5 für dieses Familienzentrum: Kita Sonnenschein",
		"fz-kirn einzugsbereich-anhang-5":                                 "fail: Einzugsbereich mit 12 Kitas, Anhang 5: 11; nicht in Anhang 5 für dieses Familienzentrum: Kom. Kita Volxheim",
		"fz-fuerfeld/fallaustausch-2024-04-10 fallaustausch-einwilligung": "fail: Fallaustausch am 10.04.2024: mit Schweigepflichtsentbindung se-spaet vom 20.04.2024, also erst nach dem Austausch",
		"fz-fuerfeld/fallaustausch-2024-04-11 fallaustausch-einwilligung": "fail: Fallaustausch am 11.04.2024: mit Schweigepflichtsentbindung se-fehlt – diese liegt nicht vor",
		"fz-fuerfeld/fallaustausch-2024-04-22 fallaustausch-einwilligung": "pass: Fallaustausch am 22.04.2024: mit Schweigepflichtsentbindung se-spaet vom 20.04.2024",
		"fz-fuerfeld/fallaustausch-2024-04-23 fallaustausch-einwilligung": "fail: Fallaustausch am 23.04.2024: mit Klarnamen, ohne Schweigepflichtsentbindung",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}

// TestWiesbadenAndThueringenIdentityMessages: a KiEZ replaced by another
// (still ten) fails WI-26 naming both; a field outside the LSZ list is
// named in TH-04's message.
func TestWiesbadenAndThueringenIdentityMessages(t *testing.T) {
	var progs []*rules.RuleSet
	for _, id := range []string{"wiesbaden-kiez", "thueringen-thekiz"} {
		p, diags := rules.LoadEmbedded(id)
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		progs = append(progs, p)
	}
	ds, dd := kiez.LoadFiles("../testdata/wiesbaden", "../testdata/thueringen")
	if dd.HasErrors() {
		t.Fatal(dd)
	}
	for i := range ds.Centres {
		switch c := &ds.Centres[i]; c.ID {
		case "kiez-westend":
			c.ID, c.Name, c.Location.District = "kiez-nordost", "KiEZ Nordost", "Nordost"
		case "thekiz-sonnenblume":
			c.LSZFields = []int{1, 3}
		}
	}
	eng, err := rules.NewEngine(progs, rules.WithoutValidation()) // as above
	if err != nil {
		t.Fatal(err)
	}
	period, _ := rules.ParsePeriod("2024")
	evResults, err := eng.Evaluate(context.Background(), ds, period)
	results := evResults.Results()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range results {
		if r.Rule == "zehn-kiez-stadtteile" || r.Rule == "lsz-handlungsfelder" && r.Subject == "thekiz-sonnenblume" {
			got[r.Rule] = r.Outcome.String() + ": " + r.Message
		}
	}
	want := map[string]string{
		"zehn-kiez-stadtteile": "fail: 10 KiEZ in 10 Stadtteilen, laut Standortkarte 10: Bergkirchenviertel, Biebrich, Erbenheim, Gräselberg, Hollerborn/Waldstraße, Kastel/Kostheim, Klarenthal, Sauerland, Schelmengraben, Nordost; es fehlen: kiez-westend; nicht auf der Standortkarte: KiEZ Nordost",
		"lsz-handlungsfelder":  "fail: LSZ-Handlungsfelder des Zentrums: 1, 3; nicht zulässig: 1; zulässig: 2, 3, 4, 5, 6",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
}
