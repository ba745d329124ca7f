// Package synth generates large, realistic, deterministic datasets for
// benchmarks and load tests: a seed and a number of centres give centres of
// every programme of a template dataset, each with a year of offers,
// sessions, meetings, staffing and evidence, a known share of them with one
// or two shortfalls. It is a tool of the repository (the benchmarks of
// package rules and "kiez gen"), not part of the library's API, and what it
// writes is never shipped as data.
//
// The shipped data has its own generator, testdata/gen (a command, run with
// go run ./testdata/gen): it writes the real registries and one
// hand-shaped, reviewable year per centre into testdata/, and CI checks
// that its output equals the committed files. This package only reads that
// data, as templates, and scales it up.
//
// # Templates
//
// Every synthetic centre is a clone of a template centre, usually one of
// the 21 centres of the shipped testdata (kiez.LoadFiles("testdata/…")).
// Before cloning, Generate evaluates the embedded rules of each template's
// programme on the templates for the year and repairs the shortfalls the
// templates carry on purpose (testdata/README.md, "Deliberate shortfalls"):
// a cancelled session or meeting is held, a missing Elterncafé week gets
// its session, a themed Elterncafé closes a long gap, too little release
// time or process facilitation is raised to the param, a missing meeting of
// a half-year is added. A template that still fails a rule after the
// repairs is not cloned. So a clone passes every rule that its template
// passes, and the shortfalls of the synthetic dataset are exactly the ones
// Generate injects and reports.
//
// # Clones
//
// A clone gets new ids that are unique in the dataset: the centre id, the
// ids of its Kitas (catchment, Verbund, own Kita) and of its staff
// positions carry the clone's serial number ("kiez-biebrich-42",
// "kita-hargesheim-kom-42", "kv-1-42"), and every reference to them
// (sessions, meetings, committees, evidence subjects, facilitation) is
// rewritten. Attendance is varied (each head count of a session rises by
// 0–40 %, never falls, so that the targets of a template stay met), and
// about a third of the sessions that are not themed move by one or two
// days within the same ISO week and month, onto a working day that is
// neither a public holiday of the Land nor closed, inside the offer's
// validity. Cadence verdicts (per week, month, year) are therefore the
// template's.
//
// # Regions
//
// A programme with thousands of centres is organised in regions. The
// clones of a programme form regions of one clone of each template (a
// random permutation of the templates per region): region 7 of Wiesbaden
// has ten KiEZ, region 7 of Bad Kreuznach eight Familienzentren, region 7
// of Thüringen three ThEKiZ (one per development phase, one of them the
// Konsultationseinrichtung of its Landkreis). The district, Verbands-
// gemeinde and Landkreis of a clone carry its region ("Biebrich (Region
// 7)"), so that the rules that compare the centres of a district or
// Landkreis (one KiEZ per district, one Konsultationseinrichtung per
// Landkreis) keep their meaning. The providers are those of the templates:
// a large programme has far fewer providers than centres, and one runs
// centres in many regions (so Wiesbaden's "one provider per KiEZ", a rule
// about its ten districts, fails at scale, as it should).
//
// Programme-level bodies are not split by region. The model has no link
// from a meeting to a region or committee, and the rules read "every
// programme meeting of the kind" (BK-06: attendance is compulsory for every
// Leitung, WI-09: every KiEZ-Verantwortliche takes part in the
// Qualitäts-AG). Regional meetings would make every centre fail the other
// regions' meetings and make the number of results grow with the square
// of the number of centres. The programme bodies are therefore written as
// plenary records, one per date, in which every centre of the programme
// takes part with the roles the template centres took part with; a
// committee lists every centre. This is also the engine's worst case: the
// lists grow with the programme, and every centre's rules look into them.
// Regional bodies need a field in the model first (the region of a
// meeting, or the committee it belongs to) and rules that read it.
//
// # Shortfalls
//
// Options.Shortfalls is the share of centres that get one or two
// shortfalls (round(share × centres) of them, chosen at random). Each
// shortfall is one of a menu per programme, keyed by the rule it makes
// fail: an Elterncafé week dropped, a themed Elterncafé gap, a part-time
// KiEZ-Verantwortliche, a month without Sprechstunde, a Qualitäts-AG
// missed; too little release time, no team meeting in the second
// half-year, an exchange with the Jugendamt missed, a quarter without
// feedback, an undocumented Sozialraumtreffen; a Steuerungsteam meeting
// cancelled, a session without attendance, a partner without agreement,
// a missing Sachbericht. Output.Shortfalls lists them.
//
// # Determinism
//
// The output depends only on the templates and the options: all
// randomness comes from one math/rand/v2 PCG seeded from Options.Seed and
// is drawn in a fixed order. The same seed and size give the same dataset
// and the same files, byte for byte.
package synth
