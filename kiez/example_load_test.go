package kiez_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"testing/fstest"

	"github.com/shopspring/decimal"

	"github.com/kiez-go/kiez/kiez"
)

// Read the shipped data of the Landkreis Bad Kreuznach: a directory of
// one programme file and one file per centre, merged into one Dataset.
// The Leitung of Fürfeld has 2 hours of release time a week, 3 from
// September 2024 on, one position with a history.
func ExampleLoadFiles() {
	ds, diags := kiez.LoadFiles("../testdata/bad-kreuznach")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	fmt.Println(len(ds.Programmes), ds.Programmes[0].Name, len(ds.Centres))
	for i := range ds.Centres {
		c := &ds.Centres[i]
		if c.ID != "fz-fuerfeld" {
			continue
		}
		fmt.Println(c.Name, len(c.Catchment), "Kitas im Einzugsbereich")
		for j := range c.Staff {
			p := &c.Staff[j]
			if p.Role == "leitung-familienzentrum" {
				fmt.Println(p.ID, p.ReleaseHoursOn(mustDate("2024-08-31")), p.ReleaseHoursOn(mustDate("2024-09-01")), p.ChangeDays())
			}
		}
		fmt.Println(c.StaffHours("kita-sozialarbeit", mustDate("2024-06-30")), "h/Woche Kita-Sozialarbeit")
		// Where gives the place in the files a data path was read from.
		fmt.Println(ds.Where(fmt.Sprintf("centres[%d].staff[0].history[0].releaseHoursPerWeek", i)))
	}
	// Output:
	// 1 Familienzentren zur Umsetzung des Sozialraumbudgets im Landkreis Bad Kreuznach 8
	// Familienzentrum Fürfeld 10 Kitas im Einzugsbereich
	// lfz-1 2 3 [2024-09-01]
	// 58.5 h/Woche Kita-Sozialarbeit
	// ../testdata/bad-kreuznach/fz-fuerfeld.yaml:121:28
}

// Load reads from any fs.FS — an embedded directory, a zip file, or here
// a map in memory — and merges the files; the programme and its centres
// may live in different files.
func ExampleLoad() {
	fsys := fstest.MapFS{
		"daten/programm.yaml": {Data: []byte(`programmes:
  - {id: musterstadt, name: Familienzentren Musterstadt, authority: Jugendamt Musterstadt, land: DE-HE}
`)},
		"daten/fz-nord.yaml": {Data: []byte(`centres:
  - {id: fz-nord, name: Familienzentrum Nord, programme: musterstadt, kind: family-centre, providerNote: ohne Träger}
`)},
		"daten/_entwurf.yaml": {Data: []byte("not: read\n")}, // names starting with _ or . are skipped
	}
	ds, diags := kiez.Load(fsys, "daten")
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	fmt.Println(ds.Programmes[0].ID, ds.Centres[0].ID, len(ds.Validate()))
	fmt.Println(ds.Where("centres[0].name"))
	// Output:
	// musterstadt fz-nord 0
	// daten/fz-nord.yaml:2:25
}

// A position whose hours change in the year stays one position: its
// history says from when each value holds.
func ExamplePosition_HoursOn() {
	h := func(s string) *decimal.Decimal { d := decimal.RequireFromString(s); return &d }
	start := mustDate("2024-01-01")
	p := kiez.Position{ID: "ksa-1", Role: "kita-sozialarbeit", HoursPerWeek: decimal.NewFromInt(39), From: &start,
		History: []kiez.PositionChange{
			{From: mustDate("2024-04-01"), HoursPerWeek: h("30"), Note: "Teilzeit nach Elternzeit"},
			{From: mustDate("2024-10-01"), HoursPerWeek: h("35")},
		}}
	for _, d := range []string{"2023-12-31", "2024-03-31", "2024-04-01", "2024-12-31"} {
		fmt.Println(d, p.ActiveOn(mustDate(d)), p.HoursOn(mustDate(d)))
	}
	// Output:
	// 2023-12-31 false 39
	// 2024-03-31 true 39
	// 2024-04-01 true 30
	// 2024-12-31 true 35
}

// Months are written YYYY-MM in data files.
func ExampleParseMonth() {
	m, err := kiez.ParseMonth("2024-02")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m, m.First(), m.Last())
	_, err = kiez.ParseMonth("02/2024")
	fmt.Println(err)
	// Output:
	// 2024-02 2024-02-01 2024-02-29
	// "02/2024" is not a month of the form YYYY-MM
}

// The vocabularies of the glossary: the ids data files use and their
// German labels for reports.
func ExampleLookupVocabulary() {
	roles, ok := kiez.LookupVocabulary(kiez.VocabRole)
	if !ok {
		return
	}
	fmt.Println(roles.Title, roles.Closed, roles.Has("kita-sozialarbeit"), roles.Has("hausmeister"))
	for _, t := range roles.Terms[:3] {
		fmt.Printf("%s: %s (%s)\n", t.ID, t.Label, t.English)
	}
	fmt.Println(kiez.Label(kiez.VocabRole, "leitung-familienzentrum"))
	fmt.Println(kiez.Label(kiez.VocabRole, "hausmeister")) // unknown: the id itself
	fmt.Println(len(kiez.Vocabularies()) > 10)
	// Output:
	// Rolle false true false
	// kiez-verantwortliche: KiEZ-Verantwortliche (KiEZ coordinator)
	// leitung-familienzentrum: Leitung Familienzentrum (head of family centre)
	// kita-leitung: Kita-Leitung (head of Kita)
	// Leitung Familienzentrum
	// hausmeister
	// true
}

// Ids are lowercase kebab-case.
func ExampleIsID() {
	for _, s := range []string{"kiez-biebrich", "fz-bad-sobernheim", "KiEZ Biebrich", "kita-1-", "ab--c"} {
		fmt.Println(s, kiez.IsID(s))
	}
	// Output:
	// kiez-biebrich true
	// fz-bad-sobernheim true
	// KiEZ Biebrich false
	// kita-1- false
	// ab--c false
}

// The JSON Schema of data files, for editors.
func ExampleSchema() {
	var s struct {
		Schema     string         `json:"$schema"`
		Properties map[string]any `json:"properties"`
	}
	if err := json.Unmarshal(kiez.Schema(), &s); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Schema)
	fmt.Println(len(s.Properties), s.Properties["centres"] != nil)
	// Output:
	// https://json-schema.org/draft/2020-12/schema
	// 3 true
}

// Loading stops when its context ends, e.g. when the request that asked
// for a large directory is cancelled; the last diagnostic names the file
// not read and the context's error, which errors.Is finds through it.
func ExampleLoadFilesContext() {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, diags := kiez.LoadFilesContext(ctx, "../testdata/wiesbaden")
	fmt.Println(diags.HasErrors(), errors.Is(diags.Err(), context.Canceled))
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// true true
	// ../testdata/wiesbaden:1:1: error: loading stopped before this file was read: context canceled
}

// The weekly hours of a role in a centre on a day: positions that have
// ended or not begun do not count, and a history counts from its date.
func ExampleCentre_StaffHours() {
	ds, diags := kiez.Decode("fz-nord.yaml", []byte(`centres:
  - id: fz-nord
    name: Familienzentrum Nord
    programme: musterstadt
    kind: family-centre
    providerNote: ohne Träger
    staff:
      - {id: ksa-1, role: kita-sozialarbeit, hoursPerWeek: 39, from: 2023-01-01, until: 2024-06-30}
      - {id: ksa-2, role: kita-sozialarbeit, hoursPerWeek: 19.5, from: 2024-07-01,
         history: [{from: 2024-10-01, hoursPerWeek: 30}]}
      - {id: lfz-1, role: leitung-familienzentrum, hoursPerWeek: 39, releaseHoursPerWeek: 2}
`))
	if diags.HasErrors() {
		fmt.Println(diags)
		return
	}
	c := &ds.Centres[0]
	for _, d := range []string{"2024-06-30", "2024-07-01", "2024-10-01"} {
		fmt.Println(d, c.StaffHours("kita-sozialarbeit", mustDate(d)), c.StaffHours("", mustDate(d)))
	}
	// Output:
	// 2024-06-30 39 78
	// 2024-07-01 19.5 58.5
	// 2024-10-01 30 69
}
