package rules_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/kiez-go/kiez/kiez"
	"github.com/kiez-go/kiez/rules"
)

// TestIntervalMessages checks that the shipped rules which hold "throughout"
// the period name the days that are not covered: the verdicts are in the
// rule tests (programmes/*_test.yaml), the German messages here.
func TestIntervalMessages(t *testing.T) {
	wiesbaden := `
centres:
  - id: kiez-a
    name: KiEZ A
    programme: wiesbaden-kiez
    kind: district-network
    provider: traeger-a
    staff:
      - id: kv-1
        role: kiez-verantwortliche
        hoursPerWeek: 39
        from: 2024-03-01
        history:
          - {from: 2024-06-01, hoursPerWeek: 30}
          - {from: 2024-09-01, hoursPerWeek: 39}
    evidence:
      - {id: zv-1, kind: zuschussvertrag, date: 2021-12-01, from: 2022-01-01, until: 2024-06-30}
      - {id: zv-2, kind: zuschussvertrag, date: 2024-07-15, from: 2024-08-01, until: 2026-12-31}
`
	cases := []struct{ rule, subject, want string }{
		{"kiez-verantwortliche-besetzt", "kiez-a", "besetzt: nicht abgedeckt: 01.01.2024–29.02.2024"},
		{"vollzeit-kiez-verantwortliche", "kiez-a/kv-1", "mindestens 30 Std./Woche im Zeitraum, Vollzeit sind 39 Std./Woche; unter Vollzeit: 01.06.2024–31.08.2024"},
		{"zuschussvertrag", "kiez-a", "Zuschussverträge im Zeitraum 01.01.2024–31.12.2024: nicht abgedeckt: 01.07.2024–31.07.2024. Verträge: zv-1 (01.01.2022–30.06.2024), zv-2 (01.08.2024–31.12.2026)"},
	}
	got := evaluateInline(t, "wiesbaden-kiez", "programmes/testdata/wiesbaden-kiez/programme.yaml", wiesbaden)
	checkMessages(t, got, cases)

	bk := `
centres:
  - id: fz-maerz
    name: Familienzentrum mit Leitung ab März
    programme: bad-kreuznach-familienzentren
    kind: family-centre
    provider: traeger-muster
    staff:
      - id: lfz-1
        role: leitung-familienzentrum
        hoursPerWeek: 39
        releaseHoursPerWeek: 2
        from: 2024-03-01
        history:
          - {from: 2024-05-01, releaseHoursPerWeek: 1}
          - {from: 2024-09-01, releaseHoursPerWeek: 2}
      - {id: eb-1, role: elternberatung, hoursPerWeek: 19.5, until: 2024-06-30}
      - {id: ksa-1, role: kita-sozialarbeit, hoursPerWeek: 19.5}
    offers:
      - {id: sprechstunde, title: Offene Sprechstunde, kind: offene-sprechstunde, role: elternberatung}
    sessions:
      - {offer: sprechstunde, date: 2024-03-06, hours: 2}
      - {offer: sprechstunde, date: 2024-09-04, hours: 2}
`
	got = evaluateInline(t, "bad-kreuznach-familienzentren", "programmes/testdata/bad-kreuznach-familienzentren/programm.yaml",
		bk, "programmes/testdata/bad-kreuznach-familienzentren/fz-muster.yaml")
	checkMessages(t, got, []struct{ rule, subject, want string }{
		{"leitung-familienzentrum", "fz-maerz", "Leitung Familienzentrum: 1 Stelle(n) im Zeitraum, nicht abgedeckt: 01.01.2024–29.02.2024"},
		{"leitungsfreistellung", "fz-maerz/lfz-1", "Zusätzliche Leitungsfreistellung mindestens 1 Std./Woche, vorgesehen 2 Std./Woche; darunter: 01.05.2024–31.08.2024"},
		{"multiprofessionelles-team", "fz-maerz", "Elternberatung: 1 Stelle(n), nicht abgedeckt: 01.07.2024–31.12.2024"},
		{"offene-sprechstunde-elternberatung-besetzt", "fz-maerz", "Stellen der Elternberatung: eb-1 (bis 30.06.2024); ohne besetzte Stelle an den Terminen: 04.09.2024"},
	})
	th := `
centres:
  - id: th-a
    name: ThEKiZ A
    programme: thueringen-thekiz
    kind: thekiz
    provider: traeger-a
    phases: [{phase: thekiz, from: 2020-01-01}]
    staff:
      - {id: kl-1, role: kita-leitung, hoursPerWeek: 39, until: 2024-03-31}
      - {id: kl-2, role: kita-leitung, hoursPerWeek: 39, from: 2024-05-01}
      - {id: koord-1, role: thekiz-koordination, hoursPerWeek: 30, from: 2024-03-01, lineSupervisor: kita-leitung}
      - {id: pb-1, role: prozessbegleitung, hoursPerWeek: 2.5, external: true, employer: traeger-a}
    facilitation:
      - {month: "2024-06", hours: 10, by: pb-1}
`
	got = evaluateInline(t, "thueringen-thekiz", "programmes/testdata/thueringen-thekiz/programm.yaml", th)
	checkMessages(t, got, []struct{ rule, subject, want string }{
		{"koordination-vorhanden", "th-a", "nicht abgedeckt: 01.01.2024–29.02.2024"},
		{"koordination-abstimmung-leitung", "th-a/koord-1", "Kita-Leitung unbesetzt während der Koordination: 01.04.2024–30.04.2024"},
		{"prozessbegleitung-extern", "th-a", "pb-1 (traeger-a, Träger des Zentrums)"},
		{"prozessbegleitung-nach-veraenderung", "th-a/2024-06", "aus den Stellen abgeleitet: Kita-Leitung kl-2 ab 01.05.2024 nach kl-1"},
	})
}

// evaluateInline evaluates an embedded programme for 2024 on its fixture
// files and inline data, and returns the messages by "rule subject".
func evaluateInline(t *testing.T, programme, fixture, data string, more ...string) map[string]string {
	t.Helper()
	prog, diags := rules.LoadEmbedded(programme)
	if len(diags) > 0 || prog == nil {
		t.Fatalf("the embedded programme %s: %v", programme, diags)
	}
	fsys := fstest.MapFS{"inline.yaml": {Data: []byte(data)}}
	names := []string{"inline.yaml"}
	for _, f := range append([]string{fixture}, more...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		fsys[f] = &fstest.MapFile{Data: b}
		names = append(names, f)
	}
	ds, diags := kiez.Load(fsys, names...)
	if diags.HasErrors() {
		t.Fatalf("inline data: %v", diags)
	}
	eng, err := rules.NewEngine([]*rules.RuleSet{prog})
	if err != nil {
		t.Fatal(err)
	}
	evResults, err := eng.Evaluate(context.Background(), ds, rules.Year(2024))
	results := evResults.Results()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, r := range results {
		out[r.Rule+" "+r.Subject] = r.Message
	}
	return out
}

func checkMessages(t *testing.T, got map[string]string, cases []struct{ rule, subject, want string }) {
	t.Helper()
	for _, c := range cases {
		msg, ok := got[c.rule+" "+c.subject]
		if !ok {
			t.Errorf("%s %s: no result", c.rule, c.subject)
			continue
		}
		if !strings.Contains(msg, c.want) {
			t.Errorf("%s %s: message %q does not contain %q", c.rule, c.subject, msg, c.want)
		}
	}
}
